"""One bad feed never holds up the rest: each bad input below is polled beside a healthy feed
through `monitor poll` (a real HTTP server on 127.0.0.1, a real SQLite database); the healthy
feed's article is stored, the poll ends as a poll with some failed feeds does (exit 0), and
`monitor feeds` shows the bad feed's error code."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from monitor.cli import main
from monitor.domain import Article, Entry
from tests.feedserver import FeedServer, Reply
from tests.test_cli import STORY, rss, write_config


def item(title: str, link: str | None = None, guid: str | None = None) -> str:
    parts = [f"<title>{title}</title>", f"<description>Text of {title}.</description>"]
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    return f"<item>{''.join(parts)}</item>"


def channel(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def poll_beside_healthy(
    tmp_path: Path,
    srv: FeedServer,
    bad: list[str],
    capsys: pytest.CaptureFixture[str],
    prepare: Callable[[Path], None] | None = None,
) -> tuple[str, dict[str, dict[str, Any]]]:
    """Poll ``bad`` beside a healthy feed; assert what must hold whatever the bad feeds do.
    ``prepare(database)`` runs first, on the created database. Returns the poll's output
    (stdout, then the log on stderr) and `monitor feeds --json` by configured URL."""
    healthy = srv.add_feed("/healthy.xml", rss(STORY))
    config = write_config(tmp_path, [healthy, *bad])
    if prepare is not None:
        assert main(["feeds", "-c", str(config)]) == 0  # creates the database
        prepare(tmp_path / "db" / "monitor.db")
    code = main(["poll", "-c", str(config)])
    out, err = capsys.readouterr()
    assert code == 0, out
    assert main(["export", "-c", str(config)]) == 0
    exported = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [a["title"] for a in exported if healthy in a["feeds"]] == [STORY[0]]
    assert main(["feeds", "-c", str(config), "--json"]) == 0
    feeds = {f["configured_url"]: f for f in map(json.loads, capsys.readouterr().out.splitlines())}
    assert feeds[healthy]["health"] == "ok"
    return out + err, feeds


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        (Reply(503, [("Retry-After", "²")]), "http-5xx"),
        (Reply(429, [("Retry-After", "²")]), "rate-limited"),
    ],
)
def test_a_retry_after_that_is_no_number(
    tmp_path: Path,
    feed_server: FeedServer,
    capsys: pytest.CaptureFixture[str],
    reply: Reply,
    code: str,
) -> None:
    bad = feed_server.add("/bad.xml", reply)
    _, feeds = poll_beside_healthy(tmp_path, feed_server, [bad], capsys)
    assert feeds[bad]["error_code"] == code and feeds[bad]["last_status"] == reply.status


@pytest.mark.parametrize("host", ["a..example", "a" * 64 + ".example", ".example"])
def test_a_redirect_to_a_host_with_an_empty_or_too_long_label(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    bad = feed_server.add_redirect("/bad.xml", f"http://{host}/feed.xml", 302)
    _, feeds = poll_beside_healthy(tmp_path, feed_server, [bad], capsys)
    assert feeds[bad]["error_code"] == "invalid-url"
    assert feeds[bad]["last_error"] == f"302 redirect to a bad URL: http://{host}/feed.xml"


def test_a_feed_url_with_a_control_character_from_opml(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = feed_server.url("/b\x7fad.xml")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline xmlUrl="{bad}"/></body></opml>', encoding="utf-8"
    )
    healthy = feed_server.add_feed("/healthy.xml", rss(STORY))
    config = tmp_path / "monitor.yaml"
    config.write_text(
        f"storage: sqlite:///monitor.db\nfeeds:\n  - url: {healthy}\n  - opml: {opml}\n",
        encoding="utf-8",
    )
    assert main(["poll", "-c", str(config)]) == 0
    assert "1 ok, 1 failed; 1 new articles" in capsys.readouterr().out
    assert main(["feeds", "-c", str(config), "--json"]) == 0
    feeds = {f["configured_url"]: f for f in map(json.loads, capsys.readouterr().out.splitlines())}
    assert feeds[bad]["error_code"] == "invalid-url" and feeds[healthy]["health"] == "ok"
    assert not feed_server.hits("/b\x7fad.xml")


def test_an_article_link_with_a_control_character_in_a_full_text_feed(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    link = feed_server.url("/st\x7fory")
    bad = feed_server.add_feed("/bad.xml", channel(item("Odd link", link)))
    healthy = feed_server.add_feed("/healthy.xml", rss(STORY))
    config = tmp_path / "monitor.yaml"
    config.write_text(
        f"storage: sqlite:///monitor.db\nfeeds:\n  - url: {healthy}\n"
        f"  - url: {bad}\n    full_text: true\n",
        encoding="utf-8",
    )
    assert main(["poll", "-c", str(config)]) == 0
    # The page cannot be fetched: the article keeps the feed's text.
    assert "2 ok, 0 failed; 2 new articles" in capsys.readouterr().out


def test_a_crash_of_ours_while_fetching_one_feed_is_that_feeds_internal_error(
    tmp_path: Path,
    feed_server: FeedServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No real answer makes the fetch stage crash any more: a bug is planted where a server's
    # error answer is read.
    def crash(*args: object) -> None:
        raise RuntimeError("planted bug")

    monkeypatch.setattr("monitor.poll.fetch._status_error", crash)
    bad = feed_server.add("/bad.xml", Reply(500))
    out, feeds = poll_beside_healthy(tmp_path, feed_server, [bad], capsys)
    assert f"FAIL  internal     {bad}: fetching failed: RuntimeError: planted bug" in out
    assert feeds[bad]["error_code"] == "internal" and feeds[bad]["health"] == "failing"
    # Logged once, with the traceback.
    assert out.count("Traceback") == 1 and f"fetching {bad} failed\nTraceback" in out


@pytest.mark.parametrize(
    "bodies",
    [
        [channel(item("One"), item("Two", guid="g-2"))],  # two without a link in one feed
        [channel(item("One")), channel(item("Two"))],  # or across two feeds
        [channel(item("One", "javascript:alert(1)"), item("Two", "mailto:desk@example.org"))],
    ],
    ids=["one-feed", "two-feeds", "javascript-mailto"],
)
def test_entries_without_an_http_link_are_skipped_and_counted(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str], bodies: list[bytes]
) -> None:
    linked = item("Linked", "https://news.example.org/linked")
    bad = [
        feed_server.add_feed(
            f"/bad{i}.xml", body.replace(b"</channel>", linked.encode() + b"</channel>")
        )
        for i, body in enumerate(bodies)
    ]
    out, feeds = poll_beside_healthy(tmp_path, feed_server, bad, capsys)
    assert f"polled {1 + len(bad)} feeds: {1 + len(bad)} ok, 0 failed; 2 new articles" in out
    skipped = "2 entries" if len(bad) == 1 else "1 entry"
    for url in bad:
        assert feeds[url]["health"] == "warning" and feeds[url]["error_code"] is None
        assert feeds[url]["warning"] == f"skipped {skipped} without an http(s) link"


def test_a_feed_whose_articles_the_database_refuses_fails_alone(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real database error on one feed's articles, in the batch that holds the healthy feed's.
    def poison(database: Path) -> None:
        with sqlite3.connect(database) as db:
            db.execute(
                "CREATE TRIGGER poison BEFORE INSERT ON articles WHEN NEW.title = 'Poison' "
                "BEGIN SELECT RAISE(ABORT, 'poisoned'); END"
            )

    bad = feed_server.add_feed("/bad.xml", channel(item("Poison", "https://news.example.org/p")))
    out, feeds = poll_beside_healthy(tmp_path, feed_server, [bad], capsys, poison)
    assert "polled 2 feeds: 1 ok, 1 failed; 1 new articles" in out
    assert feeds[bad]["error_code"] == "internal" and feeds[bad]["health"] == "failing"
    assert feeds[bad]["last_error"].startswith("storing its articles failed: StoreError: ")
    assert "poisoned" in feeds[bad]["last_error"]
    logged = f"storing the poll of feed {bad} failed\nTraceback"
    assert out.count(logged) == 1 and out.count("failed\nTraceback") == 1


def test_an_entry_that_fails_to_clean_costs_that_entry_alone(
    tmp_path: Path,
    feed_server: FeedServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No real entry makes the cleaner crash any more: a bug is planted for one title.
    import monitor.poll.reader

    real = monitor.poll.reader.article_from_entry

    def crash_on_poison(entry: Entry, *, feed_url: str) -> Article | None:
        if entry.title == "Poison":
            raise RuntimeError("planted bug")
        return real(entry, feed_url=feed_url)

    monkeypatch.setattr(monitor.poll.reader, "article_from_entry", crash_on_poison)
    bad = feed_server.add_feed(
        "/bad.xml",
        channel(
            item("Poison", "https://news.example.org/p"), item("Fine", "https://news.example.org/f")
        ),
    )
    out, feeds = poll_beside_healthy(tmp_path, feed_server, [bad], capsys)
    assert "2 ok, 0 failed; 2 new articles" in out
    assert feeds[bad]["warning"] == "skipped 1 entry that failed to clean"
    logged = f"cleaning an entry of feed {bad} failed\nTraceback"
    assert out.count(logged) == 1 and out.count("failed\nTraceback") == 1


def test_a_page_that_fails_to_extract_leaves_the_article_its_feed_text(
    tmp_path: Path,
    feed_server: FeedServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No real page makes the extractor crash: a bug is planted.
    def crash(page: bytes | str, *, url: str) -> str | None:
        raise RuntimeError("planted bug")

    monkeypatch.setattr("monitor.poll.reader.extract_main_text", crash)
    page = feed_server.add("/story.html", Reply(200, [("Content-Type", "text/html")], b"<p>x</p>"))
    bad = feed_server.add_feed("/bad.xml", channel(item("Story", page)))
    healthy = feed_server.add_feed("/healthy.xml", rss(STORY))
    config = tmp_path / "monitor.yaml"
    config.write_text(
        f"storage: sqlite:///monitor.db\nfeeds:\n  - url: {healthy}\n"
        f"  - url: {bad}\n    full_text: true\n"
        "fetch: {allow_private_pages: true}\n",  # the page is on 127.0.0.1
        encoding="utf-8",
    )
    assert main(["poll", "-c", str(config)]) == 0
    out, err = capsys.readouterr()
    assert "2 ok, 0 failed; 2 new articles" in out
    assert err.count(f"extracting the text of {page} failed\nTraceback") == 1
    assert main(["export", "-c", str(config)]) == 0
    texts = {a["title"]: a["text"] for a in map(json.loads, capsys.readouterr().out.splitlines())}
    assert texts["Story"] == "Text of Story."
