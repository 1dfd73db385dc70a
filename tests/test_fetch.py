"""The HTTP stage against a real server on 127.0.0.1 (tests/feedserver.py); no mocks."""

from __future__ import annotations

import asyncio
import base64
import email.utils
import gzip
import random
import socket
import socketserver
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Coroutine
from contextlib import aclosing
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import brotli
import pytest

from monitor import __version__
from monitor.config.models import FetchConfig
from monitor.net.http11 import Target
from monitor.net.policy import parse_retry_after
from monitor.poll.fetch import (
    MAX_BACKOFF_S,
    Fetcher,
    FetchLimits,
    FetchRequest,
    FetchResult,
    next_delay,
)
from tests.certs import make_local_ca
from tests.conftest import SHARED
from tests.feedserver import FeedServer, Reply, synthetic_feed
from tests.proxy import HttpProxy

T = TypeVar("T")
MiB = 1024 * 1024
FEED = synthetic_feed(1)
LIMITS = FetchConfig().limits()  # the config's defaults


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def fetch(url: str, limits: FetchLimits = LIMITS, **kw: Any) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(limits) as f:
            return await f.fetch(FetchRequest(url, **kw))

    return run(go())


def fetch_all(reqs: list[FetchRequest], limits: FetchLimits = LIMITS) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with Fetcher(limits) as f:
            return [r async for r in f.fetch_many(reqs)]

    return run(go())


# -- 200 / 304, headers, encodings -------------------------------------------------------------


def test_200_then_304_with_conditional_headers(feed_server: FeedServer) -> None:
    url = feed_server.add_feed("/a.xml", FEED)

    async def go() -> tuple[FetchResult, FetchResult]:
        async with Fetcher(LIMITS) as f:
            first = await f.fetch(FetchRequest(url, key=7))
            second = await f.fetch(
                FetchRequest(url, etag=first.etag, last_modified=first.last_modified, key=7)
            )
            return first, second

    first, second = run(go())
    assert (first.status, first.body, first.error, first.request.key) == (200, FEED, None, 7)
    assert first.etag and first.last_modified == "Mon, 03 Mar 2025 10:00:00 GMT"
    assert first.content_type == "application/rss+xml" and not first.not_modified
    assert second.status == 304 and second.not_modified and second.body is None
    assert second.etag == first.etag and second.request.key == 7
    sent = feed_server.hits("/a.xml")
    assert "if-none-match" not in sent[0].headers
    assert sent[1].headers["if-none-match"] == first.etag
    assert sent[1].headers["if-modified-since"] == first.last_modified


def test_user_agent_names_project_and_version(feed_server: FeedServer) -> None:
    fetch(feed_server.add_feed("/a.xml", FEED))
    ua = feed_server.requests[0].headers["user-agent"]
    assert ua.startswith(f"monitor/{__version__} ") and "github.com/monitor-project" in ua
    assert "rss" in feed_server.requests[0].headers["accept"]


def test_keep_alive_connection_is_reused_for_304s(feed_server: FeedServer) -> None:
    url = feed_server.add_feed("/a.xml", FEED)

    async def go() -> list[int | None]:
        async with Fetcher(LIMITS) as f:
            etag = (await f.fetch(FetchRequest(url))).etag
            return [(await f.fetch(FetchRequest(url, etag=etag))).status for _ in range(20)]

    assert run(go()) == [304] * 20
    assert feed_server.connections_opened == 1


def test_cookies_are_not_kept_between_requests(feed_server: FeedServer) -> None:
    url = feed_server.add(
        "/c.xml", Reply(headers=[("Set-Cookie", "session=abc; Path=/")], body=FEED)
    )

    async def go() -> None:
        async with Fetcher(LIMITS) as f:
            await f.fetch(FetchRequest(url))
            await f.fetch(FetchRequest(url))

    run(go())
    assert [s.headers.get("cookie") for s in feed_server.requests] == [None, None]


def test_server_brotli_is_negotiated_and_decoded(feed_server: FeedServer) -> None:
    res = fetch(feed_server.add_feed("/a.xml", FEED * 50))
    assert res.body == FEED * 50
    assert "br" in feed_server.requests[0].headers["accept-encoding"]


@pytest.mark.parametrize(
    "coding, encode",
    [
        ("gzip", lambda b: gzip.compress(b)),
        ("br", lambda b: brotli.compress(b)),
        ("deflate", lambda b: zlib.compress(b)),
        (
            "deflate",
            lambda b: zlib.compress(b, wbits=-zlib.MAX_WBITS),
        ),  # raw deflate, seen in the wild
    ],
)
def test_compressed_bodies_are_decoded(feed_server: FeedServer, coding: str, encode: Any) -> None:
    url = feed_server.add(
        "/c.xml", Reply(headers=[("Content-Encoding", coding)], body=encode(FEED * 20))
    )
    res = fetch(url)
    assert res.error is None and res.body == FEED * 20


def test_corrupt_gzip_is_a_decode_error(feed_server: FeedServer) -> None:
    url = feed_server.add(
        "/c.xml", Reply(headers=[("Content-Encoding", "gzip")], body=b"not gzip at all")
    )
    res = fetch(url)
    assert res.error is not None and res.error.code == "decode" and res.body is None


def test_parser_headers_are_passed_on(feed_server: FeedServer) -> None:
    url = feed_server.add(
        "/h.xml",
        Reply(
            headers=[
                ("Content-Type", "text/xml; charset=koi8-r"),
                ("Content-Location", "/base/"),
                ("Content-Language", "ru"),
                ("X-Other", "1"),
            ],
            body=FEED,
        ),
    )
    assert fetch(url).headers == {
        "content-type": "text/xml; charset=koi8-r",
        "content-language": "ru",
    }


def test_fetch_page_asks_for_html(feed_server: FeedServer) -> None:
    url = feed_server.add(
        "/article", Reply(headers=[("Content-Type", "text/html")], body=b"<html><p>Hi</p></html>")
    )

    async def go() -> FetchResult:
        async with Fetcher(replace(LIMITS, allow_private_pages=True)) as f:
            return await f.fetch_page(url)

    res = run(go())
    assert res.body == b"<html><p>Hi</p></html>" and res.content_type == "text/html"
    assert feed_server.requests[0].headers["accept"].startswith("text/html")


# -- redirects ---------------------------------------------------------------------------------


def test_credentials_in_the_url_are_sent_as_basic_auth_to_that_host_only(
    feed_server: FeedServer,
) -> None:
    expected = "Basic " + base64.b64encode(b"bob:s@cret").decode()
    feed_server.add(
        "/private.xml",
        lambda seen: (
            Reply(body=FEED)
            if seen.headers.get("authorization") == expected
            else Reply(401, [("WWW-Authenticate", "Basic")])
        ),
    )
    port = feed_server.port
    private = f"http://bob:s%40cret@127.0.0.1:{port}/private.xml"
    assert fetch(private).body == FEED
    assert fetch(f"http://127.0.0.1:{port}/private.xml").status == 401

    # A permanent move on the same host keeps the credentials, in the request and the new URL.
    feed_server.add_redirect("/old.xml", f"http://127.0.0.1:{port}/private.xml")
    moved = fetch(f"http://bob:s%40cret@127.0.0.1:{port}/old.xml")
    assert moved.body == FEED and moved.moved_to == private

    # Another host (localhost is not 127.0.0.1) never gets them.
    feed_server.add_redirect("/away.xml", f"http://localhost:{port}/private.xml")
    away = fetch(f"http://bob:s%40cret@127.0.0.1:{port}/away.xml")
    assert away.status == 401 and away.error is not None
    [last] = [s for s in feed_server.requests if s.host == f"localhost:{port}"]
    assert "authorization" not in last.headers


def test_credentials_never_go_to_another_port_or_to_http_and_a_downgrade_is_not_stored(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    ca = make_local_ca(tmp_path)
    limits = FetchConfig(ca_file=str(ca.ca_file)).limits()
    plain = feed_server.add_feed("/open.xml", FEED)
    with FeedServer(tls=ca.server_context()) as tls_server, FeedServer() as other_port:
        other = other_port.add_feed("/open.xml", FEED)
        login = "bob:s3cret@"
        secure = tls_server.base_url.replace("https://", f"https://{login}")
        tls_server.add_redirect("/down.xml", plain, status=301)
        tls_server.add_redirect("/moved.xml", f"{tls_server.base_url}/down.xml", status=301)
        feed_server.add_redirect("/port.xml", other, status=301)
        results = [
            fetch(f"{secure}/down.xml", limits),
            fetch(f"{secure}/moved.xml", limits),
            fetch(feed_server.url("/port.xml").replace("http://", f"http://{login}"), limits),
        ]
        auth = [s.headers.get("authorization") for s in tls_server.requests]
    expected = "Basic " + base64.b64encode(b"bob:s3cret").decode()
    assert auth == [expected] * 3  # the https hops, on their own origin
    # Followed for this poll, without the password; the move to http is not stored, while a
    # permanent move within the https origin before it still is (with its credentials).
    assert [(r.status, r.body, r.moved_to) for r in results] == [
        (200, FEED, None),
        (200, FEED, f"{secure}/down.xml"),
        (200, FEED, other),  # the feed moved: stored, without the password
    ]
    assert [s.headers.get("authorization") for s in feed_server.hits("/open.xml")] == [None] * 2
    assert [s.headers.get("authorization") for s in other_port.requests] == [None]


@pytest.mark.parametrize(
    "status, moved", [(301, True), (308, True), (302, False), (303, False), (307, False)]
)
def test_redirect_reports_only_permanent_moves(
    feed_server: FeedServer, status: int, moved: bool
) -> None:
    new = feed_server.add_feed("/new.xml", FEED)
    old = feed_server.add_redirect("/old.xml", "/new.xml", status)  # relative Location
    res = fetch(old)
    assert res.status == 200 and res.body == FEED and res.final_url == new
    assert res.moved_to == (new if moved else None)


def test_permanent_then_temporary_reports_the_permanent_hop(feed_server: FeedServer) -> None:
    feed_server.add_feed("/c.xml", FEED)
    feed_server.add_redirect("/b.xml", "/c.xml", 302)
    old = feed_server.add_redirect("/a.xml", feed_server.url("/b.xml"), 301)
    res = fetch(old)
    assert res.body == FEED and res.moved_to == feed_server.url("/b.xml")
    assert res.final_url == feed_server.url("/c.xml")


def test_temporary_then_permanent_is_not_a_move(feed_server: FeedServer) -> None:
    feed_server.add_feed("/c.xml", FEED)
    feed_server.add_redirect("/b.xml", "/c.xml", 301)
    res = fetch(feed_server.add_redirect("/a.xml", "/b.xml", 302))
    assert res.body == FEED and res.moved_to is None


def test_permanent_redirect_to_an_error_is_not_a_move(feed_server: FeedServer) -> None:
    res = fetch(feed_server.add_redirect("/a.xml", "/missing.xml", 301))
    assert res.error is not None and res.error.code == "http-4xx" and res.moved_to is None
    assert res.final_url == feed_server.url("/missing.xml") == res.error.url


def test_redirect_to_a_bad_url_or_without_location(feed_server: FeedServer) -> None:
    bad = fetch(feed_server.add_redirect("/a", "ftp://example.org/feed", 301))
    assert bad.error is not None and bad.error.code == "invalid-url" and bad.moved_to is None
    bare = fetch(feed_server.add("/b", Reply(302)))
    assert bare.error is not None and bare.error.code == "http-3xx"
    assert str(bare.error) == "302 Found without Location"


def test_redirect_loop(feed_server: FeedServer) -> None:
    feed_server.add_redirect("/b", "/a", 302)
    res = fetch(feed_server.add_redirect("/a", "/b", 301))
    assert res.error is not None and res.error.code == "redirect-loop"
    assert len(feed_server.requests) == 2  # detected on the first repeat, not after 5 hops


def test_too_many_redirects(feed_server: FeedServer) -> None:
    for i in range(7):
        feed_server.add_redirect(f"/r{i}", f"/r{i + 1}", 302)
    res = fetch(feed_server.url("/r0"), replace(LIMITS, max_redirects=3))
    assert res.error is not None and res.error.code == "redirect-loop"
    assert len(feed_server.requests) == 4


# -- HTTP errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, code, message",
    [
        (404, "http-4xx", "404 Not Found"),
        (403, "http-4xx", "403 Forbidden"),
        (410, "gone", "410 Gone"),
        (500, "http-5xx", "500 Internal Server Error"),
    ],
)
def test_http_errors(feed_server: FeedServer, status: int, code: str, message: str) -> None:
    url = feed_server.add("/x", Reply(status, body=b"<h1>error page</h1>"))
    res = fetch(url)
    assert res.error is not None and res.body is None
    assert (res.error.code, str(res.error), res.error.status, res.status) == (
        code,
        message,
        status,
        status,
    )
    assert res.error.url == url and res.error.retry_after is None


def test_429_retry_after_seconds(feed_server: FeedServer) -> None:
    res = fetch(feed_server.add("/x", Reply(429, [("Retry-After", "120")])))
    assert res.error is not None and res.error.code == "rate-limited"
    assert res.error.retry_after == 120 and res.status == 429


def test_503_retry_after_http_date(feed_server: FeedServer) -> None:
    when = email.utils.formatdate(time.time() + 300, usegmt=True)
    res = fetch(feed_server.add("/x", Reply(503, [("Retry-After", when)])))
    assert res.error is not None and res.error.code == "http-5xx"
    assert res.error.retry_after is not None and 240 < res.error.retry_after <= 301
    assert str(res.error).startswith("503 Service Unavailable")


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


# -- timeouts and size limits ------------------------------------------------------------------


def test_read_timeout_on_a_slow_server(feed_server: FeedServer) -> None:
    url = feed_server.add("/slow", Reply(body=FEED, delay_s=10))
    res = fetch(url, FetchConfig(read_timeout=0.3).limits())
    assert res.error is not None and res.error.code == "timeout" and res.status is None
    assert str(res.error) == f"timed out after 0.3 s reading {url}"


def test_total_timeout_on_a_trickling_body(feed_server: FeedServer) -> None:
    # Each chunk arrives within the read timeout, but the whole body would take 20 s.
    url = feed_server.add("/trickle", Reply(body=b"x" * 200, chunk_size=10, chunk_delay_s=1.0))
    res = fetch(url, FetchConfig(read_timeout=5, total_timeout=0.5).limits())
    assert res.error is not None and res.error.code == "timeout"
    assert str(res.error) == f"timed out after 0.5 s fetching {url}"


def test_endless_body_is_cut_off_while_streaming(feed_server: FeedServer) -> None:
    url = feed_server.add_endless("/endless", total=1 << 30)
    res = fetch(url, FetchConfig(max_bytes=256 * 1024).limits())
    assert res.error is not None and res.error.code == "too-large" and res.body is None
    assert str(res.error) == f"body exceeds 256 KiB limit reading {url}"
    assert feed_server.wait_idle(10)
    # The client hung up early: the server wrote the limit plus what socket buffers absorb.
    assert feed_server.bytes_sent["/endless"] < 64 * MiB


def test_content_length_over_limit_is_refused_before_reading(feed_server: FeedServer) -> None:
    # The header lies: reading the body would wait for bytes that never come (read timeout).
    url = feed_server.add("/big", Reply(headers=[("Content-Length", str(50 * MiB))], body=b"<rss>"))
    res = fetch(url, FetchConfig(max_bytes=MiB, read_timeout=30).limits())
    assert res.error is not None and res.error.code == "too-large"
    assert "1 MiB limit" in str(res.error) and url in str(res.error)


@pytest.mark.parametrize(
    "coding, encode",
    [
        ("gzip", lambda b: gzip.compress(b, compresslevel=1)),
        ("br", lambda b: brotli.compress(b, quality=1)),
    ],
)
def test_compression_bomb_is_cut_off(feed_server: FeedServer, coding: str, encode: Any) -> None:
    bomb = encode(b"\0" * (64 * MiB))
    assert len(bomb) < MiB
    url = feed_server.add("/bomb", Reply(headers=[("Content-Encoding", coding)], body=bomb))
    tracemalloc.start()
    try:
        res = fetch(url, FetchConfig(max_bytes=MiB).limits())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert res.error is not None and res.error.code == "too-large"
    assert peak < 16 * MiB  # decoded output is bounded per chunk, not 64 MiB at once


def test_generated_60mb_feed_is_refused_naming_url_and_limit(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    gen = SHARED / "feeds" / "hostile" / "gen_big.py"
    if not gen.exists():
        pytest.skip("shared data absent")
    big = tmp_path / "big.xml"
    subprocess.run([sys.executable, str(gen), str(big), "60"], check=True)
    streamed = feed_server.add_file("/big-stream.xml", big, content_length=False)
    declared = feed_server.add_file("/big-declared.xml", big, content_length=True)
    results = {
        r.request.url: r for r in fetch_all([FetchRequest(streamed), FetchRequest(declared)])
    }
    for url in (streamed, declared):
        err = results[url].error
        assert err is not None and err.code == "too-large"
        assert str(err) == f"body exceeds 10 MiB limit reading {url}"
    assert feed_server.wait_idle(10)
    assert feed_server.bytes_sent["/big-stream.xml"] < 40 * MiB


# -- transport errors --------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    res = fetch(url)
    assert res.error is not None and res.error.code == "connect" and res.status is None
    assert str(res.error) == f"connection refused by {url}"


def test_tls_error_against_a_plain_http_port(feed_server: FeedServer) -> None:
    url = f"https://127.0.0.1:{feed_server.port}/a.xml"
    res = fetch(url)
    assert res.error is not None and res.error.code == "tls"


def test_dns_failure() -> None:
    res = fetch("http://no-such-host.invalid/feed.xml", FetchConfig(connect_timeout=3).limits())
    assert res.error is not None
    if res.error.code == "timeout":
        pytest.skip("resolver unreachable here")
    assert res.error.code == "dns"
    assert "no-such-host.invalid" in str(res.error)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/feed",
        "feed.xml",
        "http://",
        "http://[bad/",
        "http://example.org:99999/",
        "file://remote-host/x.xml",
        "file://[bad/x.xml",
        "http://a..example/",
        "http://example.org/a\x7fb",
    ],
)
def test_invalid_urls(url: str) -> None:
    res = fetch(url)
    assert res.error is not None and res.error.code == "invalid-url" and res.status is None


# -- connections and TLS ---------------------------------------------------------------------


class _ScriptedSocketServer(socketserver.ThreadingTCPServer):
    """A raw TCP server on 127.0.0.1 for what a well-behaved HTTP server never does.
    ``script(connection_index, request_index)`` gives the bytes to answer with, None to hang up
    without answering, or a list of such steps with pauses (seconds) between them.
    ``hang_up``: close each connection after its first answer."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, script: Any, *, hang_up: bool = False) -> None:
        self.script = script
        self.connections = 0

        class Handler(socketserver.BaseRequestHandler):
            def handle(handler) -> None:  # noqa: N805 - the server is `self` here
                conn_index, self.connections = self.connections, self.connections + 1
                buf = b""
                for req_index in range(100):
                    while b"\r\n\r\n" not in buf:
                        data = handler.request.recv(65536)
                        if not data:
                            return
                        buf += data
                    buf = buf.split(b"\r\n\r\n", 1)[1]
                    answer = self.script(conn_index, req_index)
                    for step in answer if isinstance(answer, list) else [answer]:
                        if step is None:
                            return
                        if isinstance(step, float):
                            time.sleep(step)
                        else:
                            handler.request.sendall(step)
                    if hang_up:
                        return

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed.xml"

    def __enter__(self) -> _ScriptedSocketServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


@pytest.mark.parametrize(
    "url, origin, host_header, path",
    [
        (
            "http://Example.ORG/a b?q=é",
            ("http", "example.org", 80),
            b"example.org",
            b"/a%20b?q=%C3%A9",
        ),
        (
            "https://bücher.example/feed",
            ("https", "xn--bcher-kva.example", 443),
            b"xn--bcher-kva.example",
            b"/feed",
        ),
        ("http://[::1]:8080/x", ("http", "::1", 8080), b"[::1]:8080", b"/x"),
        ("https://example.org:443", ("https", "example.org", 443), b"example.org", b"/"),
    ],
)
def test_urls_are_encoded_for_the_wire(
    url: str, origin: tuple[str, str, int], host_header: bytes, path: bytes
) -> None:
    target = Target.parse(url)
    assert (target.origin, target.host_header, target.path) == (origin, host_header, path)


def test_a_path_with_spaces_reaches_the_server_encoded(feed_server: FeedServer) -> None:
    feed_server.add_feed("/my%20feed.xml", FEED)
    res = fetch(feed_server.url("/my feed.xml"))
    assert (res.status, res.body) == (200, FEED)
    assert feed_server.requests[0].path == "/my%20feed.xml"


OK_REPLY = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED)


def test_https_with_a_configured_ca(tmp_path: Path) -> None:
    ca = make_local_ca(tmp_path)
    ca_file = ca.ca_file
    with FeedServer(tls=ca.server_context()) as srv:
        url = srv.add_feed("/a.xml", FEED)
        assert url.startswith("https://")

        async def go() -> list[FetchResult]:
            async with Fetcher(FetchConfig(ca_file=str(ca_file)).limits()) as f:
                first = await f.fetch(FetchRequest(url))
                return [first, await f.fetch(FetchRequest(url, etag=first.etag))]

        first, again = run(go())
        assert (first.status, first.body, first.error) == (200, FEED, None)
        assert again.not_modified and srv.connections_opened == 1
        untrusted = fetch(url)  # the test CA is not among the default ones
    assert untrusted.error is not None and untrusted.error.code == "tls"
    assert "certificate verify failed" in str(untrusted.error) and url in str(untrusted.error)


def test_feeds_through_an_http_proxy(tmp_path: Path, feed_server: FeedServer) -> None:
    ca = make_local_ca(tmp_path)
    ca_file = ca.ca_file
    plain = feed_server.add_feed("/a.xml", FEED)
    with (
        FeedServer(tls=ca.server_context()) as tls_server,
        HttpProxy(credentials="proxyuser:pr0xy") as proxy,
    ):
        secure = tls_server.add_feed("/b.xml", FEED)
        authority = secure.split("/")[2]
        with_login = proxy.url.replace("http://", "http://proxyuser:pr0xy@")
        limits = FetchConfig(ca_file=str(ca_file), proxy=with_login).limits()

        async def go() -> list[FetchResult]:
            async with Fetcher(limits) as f:
                first = [await f.fetch(FetchRequest(url)) for url in (plain, secure)]
                again = [await f.fetch(FetchRequest(r.request.url, etag=r.etag)) for r in first]
                return first + again

        results = run(go())
        assert [(r.status, r.error) for r in results] == [(200, None)] * 2 + [(304, None)] * 2
        assert results[1].body == FEED
        # http in absolute form, https through one CONNECT tunnel (kept alive for the 304).
        expected_auth = "Basic " + base64.b64encode(b"proxyuser:pr0xy").decode()
        assert proxy.requests[:2] == [
            ("GET", plain, expected_auth),
            ("CONNECT", authority, expected_auth),
        ]
        assert [m for m, _, _ in proxy.requests].count("CONNECT") == 1
        assert tls_server.requests[0].headers.get("proxy-authorization") is None

        refused = fetch(secure, FetchConfig(ca_file=str(ca_file), proxy=proxy.url).limits())
    assert refused.error is not None and refused.error.code == "proxy"
    assert str(refused.error) == (
        f"the proxy {proxy.url} refused a tunnel to {authority} for "
        f"{secure}: 407 Proxy Authentication Required"
    )
    down = fetch(plain, FetchConfig(proxy=f"http://127.0.0.1:{_closed_port()}").limits())
    assert down.error is not None and down.error.code == "connect"
    assert "connection refused by the proxy http://127.0.0.1:" in str(down.error)


def test_idle_connection_closed_by_the_server_is_replaced() -> None:
    with FeedServer(idle_timeout=0.2) as srv:
        url = srv.add_feed("/a.xml", FEED)

        async def go() -> list[FetchResult]:
            async with Fetcher(LIMITS) as f:
                first = await f.fetch(FetchRequest(url))
                await asyncio.sleep(0.6)  # the server has hung up the idle connection
                return [first, await f.fetch(FetchRequest(url, etag=first.etag))]

        first, again = run(go())
        assert first.status == 200 and again.not_modified and again.error is None
        assert srv.connections_opened == 2


def test_reused_connection_dropped_unanswered_is_retried_once() -> None:
    # Each connection answers its first request and hangs up on the second: the race of a
    # request sent just as the server closes an idle keep-alive connection.
    with _ScriptedSocketServer(lambda conn, req: OK_REPLY if req == 0 else None) as srv:

        async def go() -> list[FetchResult]:
            async with Fetcher(LIMITS) as f:
                return [await f.fetch(FetchRequest(srv.url)) for _ in range(3)]

        results = run(go())
        assert [(r.status, r.error) for r in results] == [(200, None)] * 3
        assert srv.connections == 3


TIMEOUT_408 = b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@pytest.mark.parametrize(
    "first_answer",
    [
        # Some servers send a 408 to an idle connection before they close it (here: they never
        # close it, so only what arrived tells the connection is spoiled).
        [OK_REPLY, 0.2, TIMEOUT_408],
        [OK_REPLY + TIMEOUT_408],  # bytes past the end of the answer
    ],
    ids=["later", "trailing"],
)
def test_bytes_from_the_server_between_requests_retire_the_connection(
    first_answer: list[Any],
) -> None:
    with _ScriptedSocketServer(lambda conn, req: first_answer if conn == 0 else OK_REPLY) as srv:

        async def go() -> list[FetchResult]:
            async with Fetcher(LIMITS) as f:
                first = await f.fetch(FetchRequest(srv.url))
                await asyncio.sleep(0.5)
                return [first, await f.fetch(FetchRequest(srv.url))]

        results = run(go())
    assert [(r.status, r.error) for r in results] == [(200, None), (200, None)]
    assert srv.connections == 2


def test_big_headers_are_read_up_to_a_limit() -> None:
    def answer(size: int) -> bytes:
        return (
            b"HTTP/1.1 200 OK\r\nContent-Security-Policy: "
            + b"x" * size
            + b"\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED)
        )

    with _ScriptedSocketServer(lambda conn, req: answer(50_000)) as srv:
        assert fetch(srv.url).body == FEED
    with _ScriptedSocketServer(lambda conn, req: answer(1_000_000), hang_up=True) as srv:
        res = fetch(srv.url, FetchConfig(read_timeout=5).limits())
    assert res.error is not None and res.error.code == "protocol"
    assert str(res.error) == (
        f"invalid HTTP response from {srv.url}: status line and headers exceed 100 KiB"
    )


def test_new_connection_dropped_unanswered_is_an_error() -> None:
    with _ScriptedSocketServer(lambda conn, req: None) as srv:
        res = fetch(srv.url)
    assert res.error is not None and res.error.code == "connect" and res.status is None
    assert str(res.error) == f"connection closed by the server before it answered {srv.url}"


def test_garbage_instead_of_http_is_a_protocol_error() -> None:
    with _ScriptedSocketServer(lambda conn, req: b"SSH-2.0-OpenSSH_9.6\r\n\r\n") as srv:
        res = fetch(srv.url)
    assert res.error is not None and res.error.code == "protocol"
    assert str(res.error).startswith(f"invalid HTTP response from {srv.url}: ")


def test_chunked_and_close_delimited_bodies() -> None:
    chunked = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (FEED[:100], FEED[100:]))
        + b"0\r\n\r\n"
    )
    with _ScriptedSocketServer(lambda conn, req: chunked) as srv:
        assert fetch(srv.url).body == FEED
    # An HTTP/1.0 answer without a length ends when the server hangs up.
    close_delimited = b"HTTP/1.0 200 OK\r\n\r\n" + FEED
    with _ScriptedSocketServer(lambda conn, req: close_delimited, hang_up=True) as srv:
        res = fetch(srv.url, FetchConfig(read_timeout=5).limits())
    assert (res.status, res.body, res.error) == (200, FEED, None)


def test_body_cut_short_by_the_server_is_an_error() -> None:
    short = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(FEED), FEED[:50])
    with _ScriptedSocketServer(lambda conn, req: short, hang_up=True) as srv:
        res = fetch(srv.url, FetchConfig(read_timeout=5).limits())
    assert res.error is not None and res.error.code == "connect" and res.status == 200
    assert "in the middle of the body" in str(res.error)


# -- files -------------------------------------------------------------------------------------


def test_file_url_and_absolute_path(tmp_path: Path) -> None:
    feed = tmp_path / "my feed.xml"
    feed.write_bytes(FEED)
    by_url = fetch(feed.as_uri())
    assert (by_url.status, by_url.body, by_url.error) == (200, FEED, None)
    by_path = fetch(str(feed))
    assert by_path.body == FEED
    again = fetch(str(feed), last_modified=by_path.last_modified)
    assert again.not_modified and again.body is None


def test_missing_and_oversized_files(tmp_path: Path) -> None:
    missing = fetch((tmp_path / "nope.xml").as_uri())
    assert missing.error is not None and missing.error.code == "io"
    assert "nope.xml" in str(missing.error)
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2048)
    res = fetch(str(big), FetchConfig(max_bytes=1024).limits())
    assert res.error is not None and res.error.code == "too-large"
    assert str(res.error) == f"body exceeds 1 KiB limit reading {big}"


# -- concurrency -------------------------------------------------------------------------------


def test_per_host_cap_is_honoured(feed_server: FeedServer) -> None:
    feed_server.add("/slow", Reply(body=FEED, delay_s=0.3))
    ip_url = feed_server.url("/slow")
    name_url = f"http://localhost:{feed_server.port}/slow"
    reqs = [FetchRequest(u) for u in [ip_url] * 6 + [name_url] * 6]
    results = fetch_all(reqs, FetchConfig(per_host=2, concurrency=10).limits())
    assert [r.status for r in results] == [200] * 12
    assert feed_server.max_inflight == {
        f"127.0.0.1:{feed_server.port}": 2,
        f"localhost:{feed_server.port}": 2,
    }


def test_pages_and_feeds_share_one_per_host_cap(feed_server: FeedServer) -> None:
    feed_server.add("/slow", Reply(body=FEED, delay_s=0.3))
    url = feed_server.url("/slow")

    async def go() -> list[FetchResult]:
        pages_here = replace(LIMITS, per_host=2, concurrency=10, allow_private_pages=True)
        async with Fetcher(pages_here) as f:

            async def feeds() -> list[FetchResult]:
                return [r async for r in f.fetch_many([FetchRequest(url)] * 4)]

            pages = [f.fetch_page(url) for _ in range(3)]
            done = await asyncio.gather(feeds(), *pages)
            return [*done[0], *done[1:]]

    assert [r.status for r in run(go())] == [200] * 7
    assert feed_server.max_inflight == {f"127.0.0.1:{feed_server.port}": 2}


def test_global_cap_bounds_tasks_and_requests(feed_server: FeedServer) -> None:
    for i in range(40):
        feed_server.add_feed(f"/f{i}.xml", synthetic_feed(i))
    limits = FetchConfig(per_host=10, concurrency=3).limits()

    async def go() -> tuple[int, int]:
        most_tasks, count = 0, 0
        async with Fetcher(limits) as f:
            reqs = (FetchRequest(feed_server.url(f"/f{i}.xml")) for i in range(40))
            async for res in f.fetch_many(reqs):
                assert res.status == 200
                most_tasks = max(most_tasks, len(asyncio.all_tasks()))
                count += 1
        return most_tasks, count

    most_tasks, count = run(go())
    assert count == 40
    assert most_tasks <= 3 + 1  # the fetches plus the test's own task
    assert max(feed_server.max_inflight.values()) <= 3


def test_failing_feeds_do_not_block_the_others(feed_server: FeedServer) -> None:
    slow = feed_server.add("/slow", Reply(body=FEED, delay_s=30))
    refused = f"http://127.0.0.1:{_closed_port()}/x.xml"
    good = [feed_server.add_feed(f"/g{i}.xml", synthetic_feed(i)) for i in range(10)]
    reqs = [FetchRequest(slow), FetchRequest(refused), *map(FetchRequest, good)]
    results = fetch_all(reqs, FetchConfig(read_timeout=2, concurrency=4, per_host=4).limits())
    assert len(results) == 12
    assert results[-1].request.url == slow and results[-1].error is not None
    assert results[-1].error.code == "timeout"
    by_url = {r.request.url: r for r in results}
    refused_error = by_url[refused].error
    assert refused_error is not None and refused_error.code == "connect"
    assert all(by_url[u].status == 200 for u in good)


def test_stopping_early_cancels_the_rest(feed_server: FeedServer) -> None:
    feed_server.add_feed("/fast.xml", FEED)
    feed_server.add("/slow", Reply(body=FEED, delay_s=30))
    reqs = [FetchRequest(feed_server.url("/slow"))] * 3 + [
        FetchRequest(feed_server.url("/fast.xml"))
    ]

    async def go() -> tuple[FetchResult, int]:
        async with Fetcher(LIMITS) as f:
            async with aclosing(f.fetch_many(reqs)) as results:
                first = await anext(results)
            return first, len(asyncio.all_tasks())

    first, tasks_left = run(go())
    assert first.status == 200 and tasks_left == 1


# -- backoff -----------------------------------------------------------------------------------


def test_next_delay_on_success_jitters_around_the_interval() -> None:
    rng = random.Random(42)
    delays = [next_delay(0, 900, None, rng) for _ in range(200)]
    assert all(810 <= d <= 990 for d in delays)
    assert max(delays) - min(delays) > 100  # actually jittered
    assert delays == [next_delay(0, 900, None, r) for r in [random.Random(42)] for _ in range(200)]


def test_next_delay_doubles_per_failure_up_to_the_cap() -> None:
    rng = random.Random(1)
    for n in range(1, 5):
        assert 900 * 2**n * 0.9 <= next_delay(n, 900, None, rng) <= 900 * 2**n * 1.1
    assert next_delay(20, 900, None, rng) == MAX_BACKOFF_S
    assert next_delay(10**6, 900, None, rng) == MAX_BACKOFF_S
    # An interval longer than the cap is never shortened by failing.
    assert next_delay(3, 2 * MAX_BACKOFF_S, None, rng) == 2 * MAX_BACKOFF_S


def test_next_delay_honours_retry_after_as_a_floor() -> None:
    rng = random.Random(7)
    assert next_delay(0, 60, 3600, rng) == 3600
    assert 900 * 2 * 0.9 <= next_delay(1, 900, 10, rng) <= 900 * 2 * 1.1  # floor below backoff
    assert next_delay(1, 60, 10 * MAX_BACKOFF_S, rng) == MAX_BACKOFF_S  # hostile value capped
