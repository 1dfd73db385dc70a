"""The poller: fetch → parse → clean → store, in this process or in worker processes.

Real feed servers on two loopback addresses (two hosts, so worker polls really shard), real
SQLite files, real worker processes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import random
import signal
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from monitor.config import Settings
from monitor.config.models import FetchConfig
from monitor.domain import Feed, FeedHealth, FeedPoll
from monitor.errors import FeedError
from monitor.poll.ingest import Poller, log_result
from monitor.poll.workers import _after_exit, _context, _Worker, shard_by_host
from monitor.store import Store
from monitor.store import schema as tables
from tests.feedserver import FeedServer, Reply

EVERY = Settings().poll_every  # the config's default poll interval
LIMITS = FetchConfig().limits()  # the config's defaults

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def rss(tag: str, n: int = 3) -> bytes:
    items = "".join(
        f"<item><title>{tag} story {j}</title><link>https://{tag}.example.org/{j}</link>"
        f"<description><![CDATA[<p>The {tag} council met on day {j} to discuss the bridge. "
        f"Members from {tag} voted on the budget for district {j}. The {tag} mayor said the "
        f"work on item {j} would start in spring.</p>]]></description></item>"
        for j in range(n)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{tag}</title>'
        f"{items}</channel></rss>"
    ).encode()


@pytest.fixture
def servers() -> Iterator[tuple[FeedServer, FeedServer]]:
    """The same routes on two hosts."""
    with FeedServer("127.0.0.1") as a, FeedServer("127.0.0.2") as b:
        for k, srv in enumerate((a, b)):
            for i in range(4):
                srv.add_feed(f"/f{i}.xml", rss(f"h{k}f{i}"))
            srv.add_feed("/moved.xml", rss(f"h{k}moved"))
            srv.add("/missing.xml", Reply(status=404))
            srv.add("/gone.xml", Reply(status=410))
            srv.add_redirect("/old.xml", "/moved.xml", status=301)
            srv.add(
                "/broken.xml",
                Reply(
                    body=b"<html><body>not a feed</body></html>",
                    headers=[("Content-Type", "text/html")],
                ),
            )
        yield a, b


def feeds(servers: tuple[FeedServer, FeedServer]) -> list[Feed]:
    paths = [f"/f{i}.xml" for i in range(4)] + [
        "/missing.xml",
        "/gone.xml",
        "/old.xml",
        "/broken.xml",
    ]
    return [Feed(srv.url(p), every_s=EVERY) for srv in servers for p in paths]


def open_store(url: str, configured: list[Feed]) -> Store:
    store = Store.open(url)
    store.sync_feeds(configured, NOW)
    return store


def poll(
    store: Store, *, workers: int, due: list[FeedHealth] | None = None, **kw: Any
) -> list[FeedPoll]:
    poller = Poller(
        store, LIMITS, max_entries=50, rng=random.Random(1), workers=workers, parallel_min=1
    )
    return asyncio.run(poller.poll(due if due is not None else store.feeds(), **kw))


def snapshot(store: Store) -> dict[str, Any]:
    """What a poll leaves in the store, without times and generated ids."""
    with store.engine.connect() as conn:
        feed_rows = {
            r.configured_url: (
                r.url,
                r.last_status,
                r.error_code,
                r.etag,
                r.consecutive_failures,
                r.retired,
                r.items_seen,
            )
            for r in conn.execute(select(tables.feeds))
        }
        articles = sorted(
            (r.id, r.url, r.title, r.text, r.content_hash)
            for r in conn.execute(select(tables.articles))
        )
        sources = sorted(
            (r.article_id, r.entry_id, r.url) for r in conn.execute(select(tables.article_sources))
        )
        prints = sorted((r.hash, r.article_id) for r in conn.execute(select(tables.fingerprints)))
    return {"feeds": feed_rows, "articles": articles, "sources": sources, "prints": prints}


def by_url(results: list[FeedPoll]) -> dict[str, tuple[int | None, str | None, int]]:
    return {r.feed.url: (r.status, r.error.code if r.error else None, r.stats.new) for r in results}


def test_worker_processes_store_what_the_in_process_poll_stores(
    servers: tuple[FeedServer, FeedServer], new_db: Callable[[], str]
) -> None:
    configured = feeds(servers)
    outcomes = []
    for workers in (1, 2):
        store = open_store(new_db(), configured)
        polled = by_url(poll(store, workers=workers))
        again = by_url(poll(store, workers=workers))  # 304s; the moved feed at its new URL
        outcomes.append((polled, again, snapshot(store)))
        store.close()
    assert outcomes[0] == outcomes[1]
    first, second, snap = outcomes[0]
    a = servers[0]
    assert first[a.url("/f1.xml")] == (200, None, 3)
    assert first[a.url("/missing.xml")] == (404, "http-4xx", 0)
    assert first[a.url("/gone.xml")] == (410, "gone", 0)
    assert first[a.url("/broken.xml")][1] == "not-a-feed"
    assert first[a.url("/old.xml")] == (200, None, 3)
    assert snap["feeds"][a.url("/old.xml")][0] == a.url("/moved.xml")
    assert snap["feeds"][a.url("/gone.xml")][5] is True  # retired
    assert snap["feeds"][a.url("/missing.xml")][4] == 2  # two failures in a row
    assert second[a.url("/f1.xml")] == (304, None, 0)
    assert second[a.url("/moved.xml")] == (304, None, 0)
    assert len(snap["articles"]) == 2 * 5 * 3


def test_a_feed_that_makes_the_reader_raise_fails_alone(
    servers: tuple[FeedServer, FeedServer],
    new_db: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import monitor.poll.reader

    real = monitor.poll.reader.parse_feed

    def explode(body: bytes, **kw: Any) -> Any:
        if b"story" in body and kw["url"].endswith("/f2.xml"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(body, **kw)

    monkeypatch.setattr(monitor.poll.reader, "parse_feed", explode)
    store = open_store(new_db(), feeds(servers))
    results = by_url(poll(store, workers=1))
    a, b = servers
    assert results[a.url("/f2.xml")] == (200, "internal", 0)
    assert results[b.url("/f2.xml")] == (200, "internal", 0)
    assert results[a.url("/f3.xml")] == (200, None, 3)
    health = {f.url: f for f in store.feeds()}[a.url("/f2.xml")]
    assert health.consecutive_failures == 1 and "RecursionError" in (health.last_error or "")
    assert health.next_due is not None and health.next_due > datetime.now(UTC)
    store.close()


def _worker_pids() -> list[int]:
    """The poll workers: the forkserver's children."""
    from multiprocessing import forkserver

    server = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    if server is None:
        return []
    with open(f"/proc/{server}/task/{server}/children") as fh:
        return [int(p) for p in fh.read().split()]


def test_a_killed_worker_hands_its_unreported_feeds_to_a_new_one(
    servers: tuple[FeedServer, FeedServer], new_db: Callable[[], str]
) -> None:
    a, b = servers
    a.add(
        "/slow.xml",
        Reply(body=rss("slow"), delay_s=1.5, headers=[("Content-Type", "application/rss+xml")]),
    )
    configured = [
        Feed(a.url("/slow.xml"), every_s=EVERY),
        Feed(a.url("/f0.xml"), every_s=EVERY),
        Feed(b.url("/f0.xml"), every_s=EVERY),
    ]
    store = open_store(new_db(), configured)
    killed: list[int] = []

    def kill_workers(result: FeedPoll) -> None:
        if not killed:
            for pid in _worker_pids():
                killed.append(pid)
                os.kill(pid, signal.SIGKILL)

    results = by_url(poll(store, workers=2, on_result=kill_workers))
    assert killed
    assert set(results) == {f.url for f in configured}
    assert results[a.url("/slow.xml")] == (200, None, 3)  # polled again by the new worker
    store.close()


def _dead_worker(*, parsing: int | None = None, blind_restarts: int = 0) -> _Worker:
    """A worker for feeds 1 and 2 whose process has already exited with code 3."""
    health = [
        FeedHealth(
            id=i, url=f"http://127.0.0.1:9/{i}.xml", name=None, configured_url="", interval_s=EVERY
        )
        for i in (1, 2)
    ]
    dead = _context.Process(target=_exit_hard, daemon=True)
    dead.start()
    dead.join()
    receive, send = _context.Pipe(duplex=False)
    send.close()
    return _Worker(
        {f.id: f for f in health}, dead, receive, parsing=parsing, blind_restarts=blind_restarts
    )


def test_a_worker_that_dies_while_parsing_blames_that_feed_only(tmp_path: Path) -> None:
    worker = _dead_worker(parsing=1)
    out = _after_exit(worker, FetchConfig(connect_timeout=0.5).limits(), 10)
    blamed, replacement = out
    assert not isinstance(blamed, _Worker) and blamed.feed.id == 1
    assert blamed.error is not None and blamed.error.code == "internal"
    assert "exit code 3" in str(blamed.error)
    assert isinstance(replacement, _Worker) and set(replacement.feeds) == {2}
    replacement.process.kill()
    replacement.process.join()


def _exit_hard() -> None:
    os._exit(3)


def test_a_worker_that_keeps_dying_blindly_gives_up_on_its_feeds() -> None:
    worker = _dead_worker(blind_restarts=2)
    out = _after_exit(worker, LIMITS, 10)
    assert sorted(o.feed.id for o in out if not isinstance(o, _Worker)) == [1, 2]


def test_shards_never_split_a_host_and_balance_the_load() -> None:
    urls = (
        [f"http://a.example/{i}" for i in range(5)]
        + [f"http://b.example/{i}" for i in range(3)]
        + [f"http://c.example/{i}" for i in range(2)]
        + ["http://A.example:81/x"]
    )
    due = [
        FeedHealth(id=i, url=u, name=None, configured_url=u, interval_s=EVERY)
        for i, u in enumerate(urls)
    ]
    shards = shard_by_host(due, 2)
    hosts = [{f.url.split("/")[2].split(":")[0].lower() for f in s} for s in shards]
    assert hosts == [{"a.example"}, {"b.example", "c.example"}]
    assert sorted(f.id for s in shards for f in s) == list(range(len(urls)))
    assert len(shard_by_host(due[:2], 4)) == 1


def test_feed_errors_cross_a_process_boundary_whole() -> None:
    err = pickle.loads(
        pickle.dumps(
            FeedError(
                "rate-limited",
                "429 Too Many Requests",
                url="http://x/",
                status=429,
                retry_after=60.0,
            )
        )
    )
    assert (err.code, str(err), err.url, err.status, err.retry_after) == (
        "rate-limited",
        "429 Too Many Requests",
        "http://x/",
        429,
        60.0,
    )


def test_a_failing_feed_is_logged_when_it_starts_or_changes_not_at_every_retry(
    feed_server: FeedServer, new_db: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    url = feed_server.add("/flaky.xml", Reply(status=404))
    store = open_store(new_db(), [Feed(url, every_s=EVERY)])
    caplog.set_level(logging.DEBUG, logger="monitor.poll.ingest")

    def logged() -> list[tuple[int, str]]:
        lines = [(r.levelno, r.getMessage()) for r in caplog.records]
        caplog.clear()
        return lines

    poll(store, workers=1, on_result=log_result)
    assert logged() == [(logging.WARNING, f"feed {url}: http-4xx: 404 Not Found")]
    poll(store, workers=1, on_result=log_result)  # the same failure again: debug only
    assert logged() == [(logging.DEBUG, f"feed {url}: http-4xx: 404 Not Found")]
    feed_server.add("/flaky.xml", Reply(status=500))
    poll(store, workers=1, on_result=log_result)
    [(level, line)] = logged()
    assert level == logging.WARNING and line.startswith(f"feed {url}: http-5xx: 500")
    feed_server.add_feed("/flaky.xml", rss("back"))
    poll(store, workers=1, on_result=log_result)
    assert logged() == [(logging.INFO, f"feed {url}: recovered after 3 failed polls")]
    store.close()


def test_bad_feeds_fail_alone_in_worker_processes_too(
    servers: tuple[FeedServer, FeedServer], new_db: Callable[[], str]
) -> None:
    a, _ = servers
    a.add("/retry.xml", Reply(status=503, headers=[("Retry-After", "²")]))
    a.add_redirect("/label.xml", "http://a..example/feed.xml", status=302)
    unlinked = "<item><title>No link {0}</title><description>Text {0}.</description></item>"
    a.add_feed(
        "/unlinked.xml",
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>u</title>'
            f"{unlinked.format(1)}{unlinked.format(2)}</channel></rss>"
        ).encode(),
    )
    odd = ["/retry.xml", "/label.xml", "/unlinked.xml", "/b\x7fad.xml"]
    store = open_store(new_db(), [*feeds(servers), *(Feed(a.url(p), every_s=EVERY) for p in odd)])
    results = by_url(poll(store, workers=2))
    assert [results[a.url(p)] for p in odd] == [
        (503, "http-5xx", 0),
        (302, "invalid-url", 0),
        (200, None, 0),
        (None, "invalid-url", 0),
    ]
    assert all(
        results[srv.url(f"/f{i}.xml")] == (200, None, 3) for srv in servers for i in range(4)
    )
    store.close()
