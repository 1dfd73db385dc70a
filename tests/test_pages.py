"""Article pages of ``full_text`` feeds against real servers on 127.0.0.1: refused at internal
addresses (SSRF) unless ``fetch.allow_private_pages``, and fetched all at once within one
deadline per feed."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config.models import FetchConfig
from monitor.poll.fetch import Fetcher, FetchResult
from tests.feedserver import FeedServer, Reply
from tests.proxy import HttpProxy
from tests.test_cli import PAGE, rss

HTML = [("Content-Type", "text/html")]


def poll_and_export(
    capsys: pytest.CaptureFixture[str], config: Path
) -> tuple[dict[str, str], dict[str, object]]:
    """The stored texts by title, and the one feed's row of `monitor feeds --json`."""
    assert main(["poll", "-c", str(config)]) == 0
    capsys.readouterr()
    assert main(["export", "-c", str(config)]) == 0
    texts = {a["title"]: a["text"] for a in map(json.loads, capsys.readouterr().out.splitlines())}
    assert main(["feeds", "-c", str(config), "--json"]) == 0
    [feed] = map(json.loads, capsys.readouterr().out.splitlines())
    return texts, feed


def write_config(path: Path, feed: str, fetch: str = "", full_text: str = "true") -> Path:
    path.mkdir(exist_ok=True)
    config = path / "monitor.yaml"
    config.write_text(
        f"storage: sqlite:///monitor.db\nfeeds:\n  - url: {feed}\n    full_text: {full_text}\n"
        + (f"fetch: {{{fetch}}}\n" if fetch else ""),
        encoding="utf-8",
    )
    return config


def test_pages_at_internal_addresses_are_never_asked_for(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with FeedServer() as pages:
        pages.add("/aid.html", Reply(200, HTML, PAGE))
        pages.add("/secret.html", Reply(200, HTML, b"<p>internal secret</p>" * 50))
        feed_server.add("/inside.html", Reply(200, HTML, b"<p>internal secret</p>" * 50))
        feed = feed_server.add_feed(
            "/full.xml",
            rss(
                ("By IP", pages.url("/aid.html"), "Summary one."),
                # A name that resolves to 127.0.0.1: judged on its address.
                ("By name", f"http://localhost:{pages.port}/secret.html", "Summary two."),
                # The feed's own server: its idle keep-alive connection is not reused either.
                ("Same server", feed_server.url("/inside.html"), "Summary three."),
            ),
        )
        texts, row = poll_and_export(capsys, write_config(tmp_path / "off", feed))
        assert pages.requests == [] and feed_server.hits("/inside.html") == []
        assert texts == {
            "By IP": "Summary one.",
            "By name": "Summary two.",
            "Same server": "Summary three.",
        }
        # The feed itself is fine: its warning counts the refused pages.
        assert row["error_code"] is None
        assert row["warning"] == (
            "kept the feed's text for 3 article pages at non-public addresses "
            "(fetch.allow_private_pages)"
        )

        on = write_config(tmp_path / "on", feed, "allow_private_pages: true")
        texts, row = poll_and_export(capsys, on)
        assert "twelve trucks" in texts["By IP"] and row["warning"] is None
        assert len(pages.hits("/aid.html")) == 1 and len(pages.hits("/secret.html")) == 1


def test_a_redirect_to_an_internal_address_is_refused(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test machine has no public address to serve from: 127.0.0.1 stands in for one.
    monkeypatch.setattr("monitor.poll.fetch.public_address", lambda ip: ip == "127.0.0.1")
    with FeedServer(host="127.0.0.2") as internal:
        internal.add("/secret.html", Reply(200, HTML, b"<p>secret</p>"))
        feed_server.add("/public.html", Reply(200, HTML, PAGE))
        feed_server.add_redirect("/moved.html", internal.url("/secret.html"), status=302)

        async def go() -> list[FetchResult]:
            async with Fetcher(FetchConfig().limits()) as f:
                return [
                    await f.fetch_page(feed_server.url(p)) for p in ("/public.html", "/moved.html")
                ]

        public, moved = asyncio.run(go())
        assert public.body == PAGE
        assert moved.error is not None and moved.error.code == "private-address"
        assert str(moved.error) == (
            f"refused {internal.url('/secret.html')}: 127.0.0.2 is at the non-public address "
            "127.0.0.2"
        )
        assert internal.requests == []


def test_through_a_proxy_literal_addresses_and_localhost_are_refused(
    feed_server: FeedServer,
) -> None:
    page = feed_server.add("/aid.html", Reply(200, HTML, PAGE))
    with HttpProxy() as proxy:

        async def go(config: FetchConfig) -> list[FetchResult]:
            async with Fetcher(config.limits()) as f:
                urls = (page, page.replace("127.0.0.1", "localhost"), page.replace("0.0.1", "1"))
                return [await f.fetch_page(url) for url in urls]

        refused = asyncio.run(go(FetchConfig(proxy=proxy.url)))
        assert [r.error.code if r.error else None for r in refused] == ["private-address"] * 3
        assert proxy.requests == [] and feed_server.requests == []

        allowed = asyncio.run(go(FetchConfig(proxy=proxy.url, allow_private_pages=True)))
        assert [r.body for r in allowed] == [PAGE] * 3
        assert len(proxy.requests) == 3


def test_hanging_pages_are_fetched_at_once_and_cut_at_the_feeds_deadline(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with FeedServer() as pages:
        pages.add("/aid.html", Reply(200, HTML, PAGE))
        pages.add("/hang.html", Reply(200, HTML, PAGE, delay_s=30))
        hanging = [
            (f"Hanging {i}", pages.url(f"/hang.html?{i}"), f"Summary {i}.") for i in range(5)
        ]
        feed = feed_server.add_feed(
            "/full.xml", rss(("Aid", pages.url("/aid.html"), "Short."), *hanging)
        )
        fetch = "allow_private_pages: true, per_host: 3, total_timeout: 1"
        config = write_config(tmp_path, feed, fetch)
        texts, row = poll_and_export(capsys, config)
        assert pages.max_inflight == {f"127.0.0.1:{pages.port}": 3}  # at once, under the cap
        # One deadline for the feed's pages, not one per page: the two hanging pages queued
        # behind the cap were never asked for (one after the other, or 1 s per page three at
        # a time, all five would have been; no clock read, so a loaded machine cannot fail it).
        assert len([s for s in pages.requests if s.path.startswith("/hang.html")]) == 3
        assert "twelve trucks" in texts["Aid"]
        assert all(texts[f"Hanging {i}"] == f"Summary {i}." for i in range(5))
        assert row["error_code"] is None
        assert re.fullmatch(
            r"kept the feed's text for [45] article pages not fetched within 1 s",
            str(row["warning"]),
        )


# A feed entry that carries the whole story (over SUMMARY_CHARS characters).
WHOLE_STORY = "The feed itself carries the whole story of the convoy, line by line. " * 10


def test_auto_full_text_reads_the_pages_of_summaries_only(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/summary.html", Reply(200, HTML, PAGE))
    feed_server.add("/whole.html", Reply(200, HTML, b"<p>Not to be read.</p>" * 50))
    feed = feed_server.add_feed(
        "/mixed.xml",
        rss(
            ("Summary", feed_server.url("/summary.html"), "Aid reached the valley."),
            ("Whole", feed_server.url("/whole.html"), WHOLE_STORY),
        ),
    )
    config = write_config(tmp_path, feed, "allow_private_pages: true", full_text="auto")
    texts, row = poll_and_export(capsys, config)
    assert "roads there were still mined" in texts["Summary"]
    assert texts["Whole"] == WHOLE_STORY.strip()
    assert len(feed_server.hits("/summary.html")) == 1 and feed_server.hits("/whole.html") == []
    # The feed's own texts: the median of 23 and 689 characters; pages are read where needed.
    assert row["full_text"] == "auto" and row["text_chars"] == (23 + 689) // 2
    assert row["summaries"] is False and row["summaries_hint"] is None


def test_a_feed_of_summaries_is_pointed_to_full_text_auto(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Matching reads little of a headline and a sentence: `monitor feeds` says which feeds
    give only that, and what reads the story, without counting it against their health."""
    summaries = feed_server.add_feed(
        "/summaries.xml",
        rss(*((f"Story {i}", feed_server.url(f"/{i}.html"), "One sentence.") for i in range(3))),
    )  # pages that are not found: the entries keep their sentence
    whole = feed_server.add_feed(
        "/whole.xml", rss(("Whole", feed_server.url("/whole.html"), WHOLE_STORY))
    )
    hint = (
        "entries are summaries (median 13 characters): matching reads little of each story; "
        "full_text: auto reads their pages"
    )
    # The second case changes the first one's config: the feed's row follows it.
    cases = (
        ("summaries", summaries, "false", True),
        ("summaries", summaries, "auto", False),
        ("whole", whole, "false", False),
    )
    for folder, feed, full_text, summary in cases:
        config = write_config(
            tmp_path / folder, feed, "allow_private_pages: true", full_text=full_text
        )
        _, row = poll_and_export(capsys, config)
        assert row["health"] == "ok" and row["warning"] is None
        assert row["full_text"] == {"false": False, "auto": "auto"}[full_text]
        assert row["summaries"] is summary
        assert row["summaries_hint"] == (hint if summary else None)
        assert main(["feeds", "-c", str(config)]) == 0
        assert (hint in capsys.readouterr().out) is summary
