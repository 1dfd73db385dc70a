"""A real HTTP webhook receiver for tests: a stdlib ThreadingHTTPServer on 127.0.0.1.

It answers POSTs from a script (``[503, 503, 200]``, or ``Answer`` objects with headers such
as Retry-After or Location), then 200 once the script runs out, and records every request's
path, headers and raw body. ``delay`` (seconds) makes it think that long before each answer;
``gate`` cleared holds every answer until it is set again (at most 30 s).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.feedserver import QuietHTTPServer


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b'{"ok":true}'
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    status: int  # what the receiver answered
    received: float = field(default_factory=time.time)  # wall clock, for latency benchmarks


class WebhookReceiver:
    """Context manager: ``with WebhookReceiver([503, 200]) as rx: post(rx.url) ...``."""

    def __init__(self, answers: Iterable[Answer | int] = ()) -> None:
        self._answers = [a if isinstance(a, Answer) else Answer(a) for a in answers]
        self._lock = threading.Lock()
        self.delay = 0.0
        self.gate = threading.Event()
        self.gate.set()
        self.requests: list[Request] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                time.sleep(receiver.delay)
                receiver.gate.wait(timeout=30)
                with receiver._lock:
                    answer = receiver._answers.pop(0) if receiver._answers else Answer()
                    receiver.requests.append(
                        Request(
                            "POST",
                            self.path,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                            answer.status,
                        )
                    )
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self._handler = Handler
        self.server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def pause(self) -> None:
        """Stop listening (connections are refused) until :meth:`resume`."""
        self.__exit__()

    def resume(self) -> None:
        """Listen again on the same port, keeping the request log."""
        self.server = QuietHTTPServer(("127.0.0.1", self.port), self._handler)
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def accepted(self) -> list[Request]:
        return [r for r in self.requests if 200 <= r.status < 300]

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
