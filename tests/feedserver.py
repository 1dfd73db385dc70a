"""A real HTTP/1.1 feed server on 127.0.0.1 for tests and benchmarks (stdlib only).

    with FeedServer() as srv:
        srv.add_feed("/a.xml", b"<rss>...</rss>")          # ETag, Last-Modified, 304, gzip/br
        srv.add_redirect("/old", "/a.xml", status=301)
        srv.add("/slow", Reply(delay_s=2))                    # scripted reply
        srv.add("/x", lambda seen: Reply(body=seen.path.encode()))   # computed reply
        url = srv.url("/a.xml")
        srv.requests[-1].headers["user-agent"]                # request log

Run as a script to serve N synthetic feeds from a separate process (for benchmarks):
``python tests/feedserver.py 10000`` prints the base URL; feeds are ``/feed/<i>.xml``.
"""

from __future__ import annotations

import gzip
import hashlib
import ssl
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

try:
    import brotli
except ImportError:  # the server then just never offers br
    brotli = None

FIXED_LAST_MODIFIED = "Mon, 03 Mar 2025 10:00:00 GMT"


@dataclass(frozen=True)
class Reply:
    """One scripted response. ``body`` may be bytes or a factory of chunks (streamed, never
    held in memory). Without ``content_length`` the body is sent until the generator ends and
    the connection is closed."""

    status: int = 200
    headers: Sequence[tuple[str, str]] = ()
    body: bytes | Callable[[], Iterable[bytes]] = b""
    delay_s: float = 0.0  # before the status line
    chunk_delay_s: float = 0.0  # between body chunks (slow trickle)
    chunk_size: int = 64 * 1024
    content_length: bool = True


@dataclass(frozen=True)
class Seen:
    """One logged request. Header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    host: str
    connection: int
    time: float


@dataclass
class _Feed:
    body: bytes
    content_type: str
    etag: str
    last_modified: str
    compress: bool
    encoded: dict[str, bytes] = field(default_factory=dict)


Handler = Reply | _Feed | Callable[[Seen], Reply]


class FeedServer:
    """A threaded HTTP/1.1 server with keep-alive, routes, a request log and counters.
    ``tls``: serve HTTPS with this server context. ``idle_timeout``: close a keep-alive
    connection that has been idle this long (seconds), as real servers do."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        log: bool = True,
        *,
        tls: ssl.SSLContext | None = None,
        idle_timeout: float | None = None,
    ) -> None:
        self._routes: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._idle = threading.Condition(self._lock)
        self.log_requests = log
        self.requests: list[Seen] = []
        self.bytes_sent: Counter[str] = Counter()  # body bytes actually written, per path
        self.inflight: Counter[str] = Counter()  # per Host header, now
        self.max_inflight: Counter[str] = Counter()  # per Host header, high-water mark
        self.connections_opened = 0
        self._conn_seq = 0
        self._server = _Server((host, 0), _make_handler(self, idle_timeout))
        self._scheme = "http"
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"{self._scheme}://{self._server.server_address[0]!s}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> FeedServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in a delay
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- routes ------------------------------------------------------------------------------
    def add(self, path: str, handler: Reply | Callable[[Seen], Reply]) -> str:
        """Register a scripted reply (or a function of the request). Returns the full URL."""
        self._routes[path] = handler
        return self.url(path)

    def add_feed(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str = "application/rss+xml",
        etag: str | None = None,
        last_modified: str = FIXED_LAST_MODIFIED,
        compress: bool = True,
    ) -> str:
        """Static feed with validators: 304 on a matching If-None-Match (or, without one, a
        matching If-Modified-Since); gzip or br when the client accepts it."""
        tag = etag or '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        self._routes[path] = _Feed(body, content_type, tag, last_modified, compress)
        return self.url(path)

    def add_redirect(self, path: str, to: str, status: int = 301) -> str:
        return self.add(path, Reply(status=status, headers=[("Location", to)]))

    def add_endless(
        self,
        path: str,
        *,
        chunk: int = 64 * 1024,
        total: int = 1 << 30,
        content_type: str = "application/rss+xml",
    ) -> str:
        """A body streamed chunk by chunk (``total`` bytes, no Content-Length)."""
        block = b"<item>" + b"x" * (chunk - 13) + b"</item>"

        def gen() -> Iterator[bytes]:
            yield b'<?xml version="1.0"?><rss version="2.0"><channel>'
            for _ in range(total // chunk):
                yield block

        return self.add(
            path,
            Reply(
                headers=[("Content-Type", content_type)],
                body=gen,
                content_length=False,
                chunk_size=chunk,
            ),
        )

    def add_file(
        self,
        path: str,
        file: Path,
        *,
        content_length: bool = True,
        content_type: str = "application/rss+xml",
    ) -> str:
        """Stream a file from disk (for big generated feeds)."""

        def gen() -> Iterator[bytes]:
            with file.open("rb") as fh:
                while block := fh.read(64 * 1024):
                    yield block

        headers = [("Content-Type", content_type)]
        if content_length:
            headers.append(("Content-Length", str(file.stat().st_size)))
        return self.add(path, Reply(headers=headers, body=gen, content_length=False))

    # -- observation -------------------------------------------------------------------------
    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.bytes_sent.clear()
            self.max_inflight.clear()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being served (e.g. after a client aborted a stream)."""
        with self._idle:
            return self._idle.wait_for(lambda: not +self.inflight, timeout)

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.requests if s.path == path]


class QuietHTTPServer(ThreadingHTTPServer):
    """A test server that does not print a traceback when a client goes away."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client dropping a connection (idle, or past its deadline) is normal
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Server(QuietHTTPServer):
    daemon_threads = True  # a handler stuck in a long delay must not block stop()
    block_on_close = False


def _make_handler(srv: FeedServer, idle_timeout: float | None) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        timeout = idle_timeout  # a read waiting longer for the next request ends the connection
        protocol_version = "HTTP/1.1"
        server_version = "feedserver"
        disable_nagle_algorithm = True  # else Nagle + delayed ACK stall every reply ~40 ms

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: tests read srv.requests instead

        def setup(self) -> None:
            super().setup()
            with srv._lock:
                srv.connections_opened += 1
                srv._conn_seq += 1
                self.conn_id = srv._conn_seq

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            host = headers.get("host", "")
            seen = Seen(self.command, self.path, headers, host, self.conn_id, time.monotonic())
            with srv._lock:
                if srv.log_requests:
                    srv.requests.append(seen)
                srv.inflight[host] += 1
                srv.max_inflight[host] = max(srv.max_inflight[host], srv.inflight[host])
            try:
                self._respond(path, seen)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away mid-response
            finally:
                with srv._idle:
                    srv.inflight[host] -= 1
                    srv._idle.notify_all()

        def _respond(self, path: str, seen: Seen) -> None:
            handler = srv._routes.get(path)
            if handler is None:
                reply = Reply(404, [("Content-Type", "text/plain")], b"no such feed\n")
            elif isinstance(handler, _Feed):
                reply = _feed_reply(handler, seen.headers)
            elif isinstance(handler, Reply):
                reply = handler
            else:
                reply = handler(seen)
            self._send(path, reply)

        def _send(self, path: str, reply: Reply) -> None:
            if reply.delay_s and srv._stopping.wait(reply.delay_s):
                return
            self.send_response(reply.status)
            names = {k.lower() for k, _ in reply.headers}
            for k, v in reply.headers:
                self.send_header(k, v)
            body = reply.body
            if isinstance(body, bytes) and reply.content_length:
                if "content-length" not in names:
                    self.send_header("Content-Length", str(len(body)))
                chunks: Iterable[bytes] = _split(body, reply.chunk_size)
            else:
                chunks = _split(body, reply.chunk_size) if isinstance(body, bytes) else body()
                if "content-length" not in names:
                    self.send_header("Connection", "close")
                    self.close_connection = True
            self.end_headers()
            if self.command == "HEAD" or reply.status in (204, 304):
                return
            for i, chunk in enumerate(chunks):
                if i and reply.chunk_delay_s and srv._stopping.wait(reply.chunk_delay_s):
                    return
                self.wfile.write(chunk)
                with srv._lock:
                    srv.bytes_sent[path] += len(chunk)

    return _Handler


def _split(body: bytes, size: int) -> Iterator[bytes]:
    for i in range(0, len(body), size):
        yield body[i : i + size]


def _feed_reply(feed: _Feed, headers: dict[str, str]) -> Reply:
    validators = [("ETag", feed.etag), ("Last-Modified", feed.last_modified)]
    inm = headers.get("if-none-match")
    if inm is not None:
        fresh = inm.strip() == "*" or feed.etag in [t.strip() for t in inm.split(",")]
    else:
        fresh = headers.get("if-modified-since") == feed.last_modified
    if fresh:
        return Reply(304, validators)
    accept = headers.get("accept-encoding", "")
    codings = {c.split(";")[0].strip().lower() for c in accept.split(",")}
    coding = ""
    if feed.compress:
        coding = (
            "br"
            if "br" in codings and brotli is not None
            else ("gzip" if "gzip" in codings else "")
        )
    body = feed.body
    if coding:
        if coding not in feed.encoded:
            feed.encoded[coding] = (
                brotli.compress(body, quality=4) if coding == "br" else gzip.compress(body, mtime=0)
            )
        body = feed.encoded[coding]
    out = [("Content-Type", feed.content_type), *validators, ("Vary", "Accept-Encoding")]
    if coding:
        out.append(("Content-Encoding", coding))
    return Reply(200, out, body)


def synthetic_feed(i: int) -> bytes:
    """A small valid RSS document, distinct per ``i``."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {i}</title><link>http://example.org/{i}</link>"
        f"<description>synthetic</description><item><title>Item {i}</title>"
        f"<link>http://example.org/{i}/1</link><guid>feed-{i}-1</guid></item>"
        f"</channel></rss>"
    ).encode()


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 1000
    srv = FeedServer(log=False)
    for i in range(n):
        srv.add_feed(f"/feed/{i}.xml", synthetic_feed(i))
    srv.start()
    print(srv.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        srv.stop()


if __name__ == "__main__":
    main(sys.argv)
