"""Feeds the way users add them: a site's address where a feed is expected (its
``<link rel="alternate">`` feed found and polled), ``monitor feeds discover URL`` and
``monitor feeds export`` (OPML). Against the real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lxml import etree

from monitor.config import Settings, load_config
from monitor.poll.discover import discover, feed_links
from monitor.poll.fetch import Fetcher
from monitor.poll.opml import parse_opml
from tests.feedserver import FeedServer
from tests.test_cli import STORY, rss, run, write_config

PAGE = b"""<!DOCTYPE html><html><head><title>The New Arab</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" title="Latest" href="/rss/latest.xml">
<link rel="alternate" type="application/atom+xml" href="https://elsewhere.invalid/atom">
<link rel="alternate" hreflang="ar" href="/ar/">
</head><body><h1>News</h1></body></html>"""


def serve_site(srv: FeedServer) -> str:
    srv.add_feed("/rss/latest.xml", rss(STORY))
    srv.add_feed("/feed", rss(STORY))
    return srv.add_feed("/", PAGE, content_type="text/html; charset=utf-8")


def test_feed_links_reads_alternate_feed_links_only() -> None:
    assert feed_links(PAGE, "https://www.newarab.com/") == [
        "https://www.newarab.com/rss/latest.xml",
        "https://elsewhere.invalid/atom",
    ]
    assert feed_links(b"not html at all \x00", "https://x.example/") == []


def test_discover_lists_linked_feeds_and_common_paths(feed_server: FeedServer) -> None:
    site = serve_site(feed_server)

    async def go() -> list[str]:
        async with Fetcher(Settings().fetch.limits()) as fetcher:
            return [f"{f.url} {f.how}" for f in await discover(fetcher, site)]

    found = asyncio.run(go())
    assert found == [
        f"{feed_server.url('/rss/latest.xml')} linked from the page",
        f"{feed_server.url('/feed')} common path",
    ]


def test_feeds_discover_command(
    feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    site = serve_site(feed_server)
    code, out, _ = run(capsys, "feeds", "discover", site, "-c", "/nonexistent/monitor.yaml")
    assert code == 0
    assert out.splitlines()[0].startswith(f"{feed_server.url('/rss/latest.xml')}  ")
    assert out.splitlines()[0].endswith("(linked from the page)")
    feed = feed_server.url("/feed")
    code, out, _ = run(capsys, "feeds", "discover", feed)
    assert code == 0 and out.endswith("(the address itself)\n")
    bare = feed_server.add_feed(
        "/bare", b"<html><body>hello</body></html>", content_type="text/html"
    )
    feed_server.add_feed("/feed", b"<html></html>", content_type="text/html")
    code, out, _ = run(capsys, "feeds", "discover", bare)
    assert code == 1 and out == f"no feed found for {bare}\n"


def test_a_sites_address_is_polled_through_the_feed_it_links_to(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    site = serve_site(feed_server)
    config = write_config(tmp_path, [site])
    code, out, err = run(capsys, "poll", "-c", str(config))
    assert code == 0, err
    assert out.startswith("ok       1 new")
    assert f"{site} is a web page: polling the feed it links to, " in out
    code, out, _ = run(capsys, "feeds", "-c", str(config))
    assert feed_server.url("/rss/latest.xml") in out
    assert f"configured as {site}" in out
    # The next poll goes to the feed itself (conditional GET), not to the page.
    feed_server.clear_log()
    run(capsys, "poll", "-c", str(config))
    assert feed_server.hits("/") == [] and len(feed_server.hits("/rss/latest.xml")) == 1


def test_a_page_without_feeds_says_how_to_find_them(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = feed_server.add_feed(
        "/about", b"<html><body>About</body></html>", content_type="text/html"
    )
    config = write_config(tmp_path, [page])
    code, out, err = run(capsys, "poll", "-c", str(config))
    assert "got an HTML page, not a feed (`monitor feeds discover URL`" in out + err


def test_feeds_export_writes_opml_with_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(
        "feeds:\n  - url: https://wire.example.org/rss.xml\n    name: Levant & Wire\n"
        "  - url: https://news.example/atom\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "feeds", "export", "-c", str(path))
    assert code == 0
    listed = parse_opml(out.encode(), source="stdout")
    assert [(f.url, f.title) for f in listed] == [
        ("https://wire.example.org/rss.xml", "Levant & Wire"),
        ("https://news.example/atom", "https://news.example/atom"),
    ]
    root = etree.fromstring(out.encode())
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert [o.get("type") for o in root.iter("outline")] == ["rss", "rss"]
    # What Miniflux or rss2email would import comes back the same through our own import.
    assert len(load_config(path).feeds()) == len(listed)
