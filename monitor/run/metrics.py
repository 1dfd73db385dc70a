"""Prometheus metrics (names prefixed ``monitor_``), served at /metrics by the web app."""

from __future__ import annotations

from prometheus_client import (
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
