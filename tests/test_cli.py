"""`monitor poll`, `export` and `feeds` against feeds served by a real HTTP server on
127.0.0.1 and local files, with a real SQLite database."""

from __future__ import annotations

import base64
import json
import sqlite3
import textwrap
from pathlib import Path

import pytest

from monitor.cli import main
from tests.certs import make_local_ca
from tests.feedserver import FeedServer, Reply
from tests.test_store import EXPORTED

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>"
        for t, link, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    ).encode()


STORY = (
    "Aid convoy reaches the valley",
    "https://news.example.org/aid?utm_source=rss&amp;utm_medium=feed",
    "<p>A UN convoy reached the valley on Monday after weeks of negotiation.</p>",
)


def write_config(
    tmp_path: Path, feeds: list[str], storage: str = "sqlite:///db/monitor.db"
) -> Path:
    lines = "\n".join(f"  - url: {url}" for url in feeds)
    path = tmp_path / "monitor.yaml"
    path.write_text(f"storage: {storage}\nfeeds:\n{lines}\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_https_feed_behind_an_internal_ca(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ca = make_local_ca(tmp_path)
    with FeedServer(tls=ca.server_context()) as srv:
        config = write_config(tmp_path, [srv.add_feed("/a.xml", rss(STORY))])
        code, out, _ = run(capsys, "poll", "-c", str(config))
        assert code == 1 and "FAIL  tls" in out  # not trusted by default (every feed failed)

        with config.open("a", encoding="utf-8") as fh:
            fh.write("fetch: {ca_file: ca.pem}\n")  # relative to the config file
        code, out, _ = run(capsys, "poll", "-c", str(config))
        assert code == 0 and out.splitlines()[-1].startswith("polled 1 feeds: 1 ok")

    ca.ca_file.write_text("not a certificate\n", encoding="utf-8")
    code, _, err = run(capsys, "check-config", "-c", str(config))
    assert code == 2
    assert err.startswith(
        f"monitor: {config}: fetch.ca_file: cannot load CA certificates from {ca.ca_file}: "
    )


def test_poll_twice_then_export_stores_each_article_once(
    tmp_path: Path, db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add_feed(
        "/a.xml", rss(STORY, ("Second story", "https://news.example.org/2", "Another text."))
    )
    # The same story in a second feed, under the same canonical URL.
    feed_server.add_feed("/b.xml", rss((STORY[0], "https://NEWS.example.org/aid#top", STORY[2])))
    config = write_config(
        tmp_path,
        [feed_server.url("/a.xml"), feed_server.url("/b.xml"), str(SEEDS / "levant-wire.rss")],
        db_url,
    )
    code, out, _ = run(capsys, "poll", "-c", str(config))
    assert code == 0
    # The story of feed b is the one of feed a (same canonical URL): stored once.
    assert out.splitlines()[-1] == (
        "polled 3 feeds: 3 ok, 0 failed; 8 new articles, 0 updated, 0 duplicates"
    )
    code, out, _ = run(capsys, "poll", "-c", str(config))
    assert code == 0 and "0 new articles" in out.splitlines()[-1]
    # Conditional GET for both HTTP feeds; the unchanged local file counts as not modified.
    assert sum(line.startswith("304") for line in out.splitlines()) == 3

    code, out, _ = run(capsys, "export", "-c", str(config))
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 8 and len({r["id"] for r in rows}) == 8
    [aid] = [r for r in rows if r["title"] == STORY[0]]
    assert aid["url"] == "https://news.example.org/aid"
    assert sorted(aid["feeds"]) == [feed_server.url("/a.xml"), feed_server.url("/b.xml")]
    assert set(aid) == EXPORTED
    assert aid["language"] is None  # detected when embedded; polling alone does not
    assert aid["declared_language"] is None  # the crafted feeds declare none
    code, out, _ = run(capsys, "export", "-c", str(config), "--since", "2999-01-01")
    assert code == 0 and out == ""


def test_feeds_shows_health_with_full_url_and_status(
    tmp_path: Path, db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add_feed("/ok.xml", rss(STORY))
    feed_server.add("/missing.xml", Reply(404))
    feed_server.add("/gone.xml", Reply(410))
    feed_server.add(
        "/page.html",
        Reply(200, [("Content-Type", "text/html")], b"<html><body>Not a feed</body></html>"),
    )
    feed_server.add_redirect("/old.xml", feed_server.url("/ok.xml"), 301)
    urls = [
        feed_server.url(p)
        for p in ("/ok.xml", "/missing.xml", "/gone.xml", "/page.html", "/old.xml")
    ]
    config = write_config(tmp_path, urls, db_url)
    code, out, _ = run(capsys, "poll", "-c", str(config))
    assert code == 0  # some feeds failed, not all
    assert f"FAIL  http-4xx     {urls[1]}: 404 Not Found" in out
    assert "gone" in out and "not-a-feed" in out
    assert f"(moved to {urls[0]})" in out

    code, out, _ = run(capsys, "feeds", "-c", str(config), "--json")
    feeds = {f["configured_url"]: f for f in map(json.loads, out.splitlines())}
    assert feeds[urls[1]]["health"] == "failing" and feeds[urls[1]]["last_status"] == 404
    assert feeds[urls[1]]["last_error"] == "404 Not Found"
    assert feeds[urls[2]]["health"] == "retired" and feeds[urls[2]]["retired"]
    assert feeds[urls[3]]["error_code"] == "not-a-feed"
    assert feeds[urls[4]]["url"] == urls[0]  # the 301 is remembered
    assert feeds[urls[0]]["health"] == "ok" and feeds[urls[0]]["items_seen"] == 1

    code, out, _ = run(capsys, "feeds", "-c", str(config), "--failing")
    assert "404 Not Found" in out and urls[1] in out and urls[0] + "\n" not in out
    assert "retired" in out

    # The retired feed is not polled again; the failing one waits for its backoff.
    hits = len(feed_server.hits("/gone.xml"))
    run(capsys, "poll", "-c", str(config))
    assert len(feed_server.hits("/gone.xml")) == hits


def test_feed_credentials_authenticate_and_are_never_shown(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = "Basic " + base64.b64encode(b"bob:hunter22").decode()
    feed_server.add(
        "/private.xml",
        lambda seen: (
            Reply(body=rss(STORY)) if seen.headers.get("authorization") == expected else Reply(401)
        ),
    )
    feed_server.add("/slow.xml", Reply(body=rss(STORY), delay_s=5))
    config = write_config(
        tmp_path,
        [
            f"http://bob:hunter22@127.0.0.1:{feed_server.port}{path}"
            for path in ("/private.xml", "/slow.xml")
        ],
    )
    with config.open("a", encoding="utf-8") as fh:
        fh.write("fetch: {read_timeout: 0.5}\n")
    code, polled, _ = run(capsys, "poll", "-c", str(config))
    assert code == 0 and "1 ok, 1 failed" in polled.splitlines()[-1]
    assert "FAIL  timeout" in polled  # its message names the URL
    _, table, _ = run(capsys, "feeds", "-c", str(config))
    _, as_json, _ = run(capsys, "feeds", "-c", str(config), "--json")
    assert "timed out after 0.5 s reading http://bob:***@127.0.0.1" in table
    for text in (polled, table, as_json):
        assert "hunter22" not in text


def test_all_feeds_failing_exits_1(
    tmp_path: Path, db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/boom.xml", Reply(500))
    config = write_config(tmp_path, [feed_server.url("/boom.xml")], db_url)
    code, out, _ = run(capsys, "poll", "-c", str(config))
    assert code == 1 and "500 Internal Server Error" in out


def test_opml_import_prints_yaml_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "feeds", "import", str(SEEDS / "feeds.opml"))
    assert code == 0
    yaml_text = "\n".join(line for line in out.splitlines() if not line.startswith("#"))
    (tmp_path / "monitor.yaml").write_text(
        yaml_text.replace("levant-wire.rss", str(SEEDS / "levant-wire.rss")).replace(
            "syria-monitor.atom", str(SEEDS / "syria-monitor.atom")
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check-config", "-c", str(tmp_path / "monitor.yaml"))
    assert code == 0 and "2 feeds" in out


def test_opml_entry_in_config_expands_relative_to_the_opml_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "monitor.yaml").write_text(
        textwrap.dedent(f"""\
        storage: sqlite:///monitor.db
        feeds:
          - opml: {SEEDS / "feeds.opml"}
        """),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "poll", "-c", str(tmp_path / "monitor.yaml"))
    assert code == 0
    assert out.splitlines()[-1].startswith("polled 2 feeds: 2 ok, 0 failed; 8 new articles")
    assert "1 duplicates" in out.splitlines()[-1]  # the wire story carried by both feeds


def test_demo_quick_start_config_polls_the_seed_feeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = (ROOT / "config" / "monitor.yaml").read_text(encoding="utf-8")
    (tmp_path / "monitor.yaml").write_text(demo.replace("../seeds/", f"{SEEDS}/"), encoding="utf-8")
    code, out, _ = run(capsys, "poll", "-c", str(tmp_path / "monitor.yaml"))
    assert code == 0 and "8 new articles" in out and "1 duplicates" in out


PAGE = b"""<!doctype html><html><head><title>Aid convoy</title>
<script>var tracking = 1;</script></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Aid convoy reaches the valley</h1>
<p>A United Nations convoy of twelve trucks reached the valley on Monday after weeks of
negotiations between the warring sides, carrying food, medicine and fuel for the clinics.</p>
<p>Residents said it was the first delivery since the spring, and that several villages
further south had not been reached because the roads there were still mined.</p>
</article><footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>"""


def test_full_text_feeds_store_the_article_page_text(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/aid.html", Reply(200, [("Content-Type", "text/html")], PAGE))
    feed_server.add("/lost.html", Reply(404))
    feed_server.add_feed(
        "/full.xml",
        rss(
            ("Aid convoy reaches the valley", feed_server.url("/aid.html"), "Short summary."),
            ("Lost page", feed_server.url("/lost.html"), "The summary stays."),
        ),
    )
    (tmp_path / "monitor.yaml").write_text(
        f"storage: sqlite:///db/monitor.db\nfeeds:\n  - url: {feed_server.url('/full.xml')}\n"
        "    full_text: true\n"
        "fetch: {allow_private_pages: true}\n",  # the test's pages are on 127.0.0.1
        encoding="utf-8",
    )
    assert run(capsys, "poll", "-c", str(tmp_path / "monitor.yaml"))[0] == 0
    _, out, _ = run(capsys, "export", "-c", str(tmp_path / "monitor.yaml"))
    rows = {r["title"]: r for r in map(json.loads, out.splitlines())}
    text = rows["Aid convoy reaches the valley"]["text"]
    assert "twelve trucks" in text and "roads there were still mined" in text
    assert "tracking" not in text and "Home" not in text
    assert rows["Lost page"]["text"] == "The summary stays."
    # Pages are asked for as HTML, not with the feed's Accept.
    [page] = feed_server.hits("/aid.html")
    assert page.headers["accept"].startswith("text/html")


def test_a_locked_database_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("monitor.store.store.SQLITE_BUSY_TIMEOUT_MS", 50)  # not 10 s
    config = write_config(tmp_path, [str(SEEDS / "levant-wire.rss")])
    assert run(capsys, "feeds", "-c", str(config))[0] == 0
    holder = sqlite3.connect(tmp_path / "db" / "monitor.db")
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        code, out, err = run(capsys, "feeds", "-c", str(config))
    finally:
        holder.close()
    assert code == 1 and out == ""
    assert err == "monitor: database error: database is locked\n"
