"""Prometheus metrics (names prefixed ``monitor_``) and the /healthz + /metrics HTTP endpoint."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)


class Metrics:
    """One registry per daemon, so tests can run several side by side."""

    def __init__(self) -> None:
        self.registry = r = CollectorRegistry()
        self.polls = Counter("monitor_polls", "Feed polls by outcome", ["status"], registry=r)
        self.feed_errors = Counter(
            "monitor_feed_errors", "Feed failures by error code", ["code"], registry=r
        )
        self.articles_new = Counter("monitor_articles_new", "New articles stored", registry=r)
        self.matches = Counter("monitor_matches", "New matches by topic", ["topic"], registry=r)
        self.deliveries_sent = Counter(
            "monitor_deliveries_sent", "Deliveries accepted", ["channel", "kind"], registry=r
        )
        self.deliveries_failed = Counter(
            "monitor_deliveries_failed", "Failed delivery attempts", ["channel", "kind"], registry=r
        )
        self.deliveries_pending = Gauge(
            "monitor_deliveries_pending", "Deliveries not yet sent", registry=r
        )
        self.deliveries_dead = Gauge("monitor_deliveries_dead", "Dead letters", registry=r)
        self.embed_backlog = Gauge(
            "monitor_embed_backlog", "Stored articles not yet embedded", registry=r
        )
        self.embed_seconds = Histogram(
            "monitor_embed_seconds",
            "Embed+match time per batch",
            registry=r,
            buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
        )
        self.poll_seconds = Histogram(
            "monitor_poll_seconds",
            "Fetch time per feed",
            registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60),
        )
        self.poll_lateness_seconds = Histogram(
            "monitor_poll_lateness_seconds",
            "How late each poll started: from when its feed was due to when its fetch began",
            registry=r,
            buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600),
        )
        self.polls_waiting = Gauge(
            "monitor_polls_waiting", "Due feeds whose poll has not started yet", registry=r
        )
        self.polls_late = Gauge(
            "monitor_polls_late",
            "Due feeds whose poll has waited longer than their interval to start",
            registry=r,
        )
        self.last_poll = Gauge(
            "monitor_last_poll_timestamp_seconds", "When polls were last stored", registry=r
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


class HealthServer:
    """Serves ``/healthz`` (JSON from ``health()``; 503 when it says unhealthy) and
    ``/metrics`` on a background thread."""

    def __init__(
        self,
        host: str,
        port: int,
        metrics: Metrics,
        health: Callable[[], tuple[bool, dict[str, Any]]],
    ) -> None:
        metrics_ref, health_ref = metrics, health

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                if self.path.split("?")[0] == "/metrics":
                    self._answer(200, metrics_ref.render(), CONTENT_TYPE_LATEST)
                elif self.path.split("?")[0] == "/healthz":
                    ok, body = health_ref()
                    self._answer(200 if ok else 503, json.dumps(body).encode(), "application/json")
                else:
                    self._answer(404, b"not found\n", "text/plain")

            def _answer(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # scrapes every few seconds would drown the log

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="http", daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
