"""The store: schema versioning, feed state, article de-duplication, on both backends (a real
SQLite file and a real PostgreSQL database)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from monitor.config import Settings
from monitor.domain import Article, Feed, FeedPoll, IngestStats
from monitor.errors import FeedError, StoreError
from monitor.store import SCHEMA_VERSION, Store

EVERY = Settings().poll_every  # the config's default poll interval

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
LONG = (
    "Syrian army units backed by Russian aircraft pushed into the last villages held by the "
    "Islamic State affiliate in the Yarmouk Valley, in the far south-west of Daraa province. "
    "The town of al-Shajara was shelled for a third day before ground forces entered it. "
    "Former rebel factions that joined the government side are taking part in the assault."
)

# The fields of ``monitor export`` (README): a contract other tools read.
EXPORTED = {
    "id",
    "url",
    "title",
    "text",
    "published",
    "feeds",
    "fetched",
    "language",
    "declared_language",
}


def article(
    id_: str, url: str, text_: str = LONG, *, h: str = "h1", fps: tuple[int, ...] = ()
) -> Article:
    return Article(
        id=id_,
        url=url,
        title=f"title {id_}",
        text=text_,
        published=NOW,
        content_hash=h,
        fingerprints=fps,
    )


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


def record(
    store: Store,
    feed_id: int,
    items: Sequence[Article] = (),
    *,
    attempted: datetime = NOW,
    next_due: datetime = NOW + timedelta(minutes=15),
    **kw: Any,
) -> IngestStats:
    """Record a successful poll of the stored feed ``feed_id`` that brought ``items``."""
    [feed] = [f for f in store.feeds() if f.id == feed_id]
    return store.record_poll(
        FeedPoll(feed, 200, tuple(items), attempted=attempted, next_due=next_due, **kw)
    )


def test_new_database_gets_current_schema_in_wal_mode(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/a/b/monitor.db")
    assert store.schema_version() == SCHEMA_VERSION
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    store.close()


def test_new_database_gets_every_table(db_url: str) -> None:
    store = Store.open(db_url)
    assert store.schema_version() == SCHEMA_VERSION
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "feeds",
        "articles",
        "article_sources",
        "embeddings",
        "matches",
        "deliveries",
        "meta",
    } <= tables
    store.close()


def test_reopening_keeps_data_and_newer_schema_is_refused(db_url: str) -> None:
    url = db_url
    store = Store.open(url)
    store.sync_feeds([Feed("file:///x.rss", "X", every_s=EVERY)], NOW)
    record(store, 1, [article("a1", "https://e.org/1")])
    store.close()
    store = Store.open(url)
    assert store.article_count() == 1
    store.close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value='999' WHERE key='schema_version'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this monitor understands"):
        Store.open(url)


def test_same_article_twice_is_stored_once_and_sources_accumulate(store: Store) -> None:
    store.sync_feeds(
        [Feed("file:///a.rss", "A", every_s=EVERY), Feed("file:///b.rss", "B", every_s=EVERY)], NOW
    )
    first = record(store, 1, [article("a1", "https://e.org/1")])
    again = record(store, 1, [article("a1", "https://e.org/1")])
    other_feed = record(store, 2, [article("a1", "https://e.org/1")])
    assert (first.new, again.unchanged, other_feed.unchanged) == (1, 1, 1)
    assert first.new_ids == ("a1",) and again.new_ids == ()
    [row] = list(store.export_articles())
    assert row["feeds"] == ["file:///a.rss", "file:///b.rss"]
    assert set(row) == EXPORTED


def test_publisher_edit_updates_text_without_a_new_article(store: Store) -> None:
    store.sync_feeds([Feed("file:///a.rss", every_s=EVERY)], NOW)
    record(store, 1, [article("a1", "https://e.org/1", h="v1")])
    edited = article("a1", "https://e.org/1", LONG + " Updated.", h="v2")
    stats = record(store, 1, [edited])
    assert (stats.new, stats.updated, stats.new_ids) == (0, 1, ("a1",))
    [row] = list(store.export_articles())
    assert row["text"].endswith("Updated.")


def test_near_duplicate_under_another_url_joins_the_first(store: Store) -> None:
    store.sync_feeds(
        [Feed("file:///a.rss", every_s=EVERY), Feed("file:///b.rss", every_s=EVERY)], NOW
    )
    record(store, 1, [article("a1", "https://wire.org/story", fps=(1, 2, 3, 4, 5))])
    # Four of five sentences shared: the same wire copy with another boilerplate line.
    stats = record(store, 2, [article("b1", "https://paper.org/x", fps=(1, 2, 3, 4, 2**64 - 1))])
    assert (stats.new, stats.duplicates) == (0, 1)
    # Two of five shared: another story on the same event.
    assert record(store, 2, [article("b2", "https://paper.org/y", fps=(1, 2, 7, 8, 9))]).new == 1
    # Polling the duplicate again maps to the first article, not a new one.
    again = record(store, 2, [article("b1", "https://paper.org/x", fps=(1, 2, 3, 4))])
    assert (again.new, again.duplicates) == (0, 1)
    rows = {r["id"]: r for r in store.export_articles()}
    assert set(rows) == {"a1", "b2"}
    assert rows["a1"]["feeds"] == ["file:///a.rss", "file:///b.rss"]


def test_duplicates_within_one_poll_are_found_too(store: Store) -> None:
    store.sync_feeds([Feed("file:///a.rss", every_s=EVERY)], NOW)
    stats = record(
        store,
        1,
        [
            article("a1", "https://e.org/1", fps=(1, 2, 3)),
            article("a2", "https://e.org/2", fps=(1, 2, 3)),
        ],
    )
    assert (stats.new, stats.duplicates) == (1, 1)


def test_short_texts_are_never_merged_as_near_duplicates(store: Store) -> None:
    store.sync_feeds([Feed("file:///a.rss", every_s=EVERY)], NOW)
    record(store, 1, [article("a1", "https://e.org/1", "Short.", fps=(7, 8))])
    assert record(store, 1, [article("a2", "https://e.org/2", "Brief.", fps=(7, 8))]).new == 1
    # Nor a longer text with a short stored one: the short side is too little to judge.
    assert record(store, 1, [article("a3", "https://e.org/3", fps=(7, 8, 9))]).new == 1


def test_feed_state_changes_are_recorded(store: Store) -> None:
    store.sync_feeds([Feed("https://old.example.org/rss", "Old", every_s=300)], NOW)
    [feed] = store.due_feeds(NOW)
    assert feed.interval_s == 300 and feed.last_attempt is None
    record(
        store,
        feed.id,
        etag='"v1"',
        last_modified="Sun, 01 Nov 2026 10:00:00 GMT",
        moved_to="https://new.example.org/rss",
    )
    [feed] = store.feeds()
    assert (feed.url, feed.configured_url) == (
        "https://new.example.org/rss",
        "https://old.example.org/rss",
    )
    assert feed.etag == '"v1"' and feed.last_success == NOW and feed.consecutive_failures == 0
    assert store.due_feeds(NOW) == []
    fail = FeedPoll(
        feed,
        404,
        error=FeedError("http-4xx", "404 Not Found"),
        attempted=NOW,
        next_due=NOW + timedelta(hours=1),
    )
    store.record_poll(fail)
    store.record_poll(fail)
    [feed] = store.feeds(failing=True)
    assert feed.consecutive_failures == 2 and feed.last_error == "404 Not Found"
    assert feed.etag == '"v1"'  # a failure keeps the validators of the last success
    gone = FeedPoll(feed, 410, error=FeedError("gone", "410 Gone"), attempted=NOW, next_due=NOW)
    store.record_poll(gone)
    assert store.due_feeds(NOW + timedelta(days=1)) == []
    assert store.feeds()[0].retired


def test_feeds_follow_the_config(store: Store) -> None:
    store.sync_feeds(
        [Feed("file:///a.rss", "A", every_s=EVERY), Feed("file:///b.rss", "B", every_s=EVERY)], NOW
    )
    store.sync_feeds([Feed("file:///b.rss", "B renamed", every_s=60)], NOW)
    assert [(f.url, f.name, f.interval_s) for f in store.feeds()] == [
        ("file:///b.rss", "B renamed", 60)
    ]
    assert len(store.feeds(include_inactive=True)) == 2


def test_backlog_is_embedded_newest_published_first(store: Store) -> None:
    """A first start fetches everything within a minute or two: publication time, not the order
    in which feeds happened to be fetched, decides what is embedded (and alerted) first."""
    from dataclasses import replace

    store.sync_feeds([Feed("file:///x.rss", "X", every_s=EVERY)], NOW)

    def at(id_: str, published: datetime | None) -> Article:
        return replace(
            article(id_, f"https://e.org/{id_}", f"{LONG} {id_}", h=id_), published=published
        )

    fetched_early = NOW
    fetched_late = NOW + timedelta(seconds=90)
    record(
        store,
        1,
        [
            at("fresh", NOW - timedelta(minutes=1)),
            at("future", NOW + timedelta(days=3)),
        ],  # a clock far ahead
        attempted=fetched_early,
        next_due=NOW,
    )
    record(
        store,
        1,
        [
            at("old", NOW - timedelta(days=2)),
            at("older", NOW - timedelta(days=5)),
            at("undated", None),
        ],
        attempted=fetched_late,
        next_due=NOW,
    )
    order = [row[0] for row in store.articles_to_embed(10)]
    # "future" and "undated" count as fetched (NOW, NOW + 90 s); "fresh" was published just
    # before its fetch.
    assert order == ["undated", "future", "fresh", "old", "older"]
    assert [row[0] for row in store.articles_to_embed(2)] == ["undated", "future"]


@pytest.fixture()
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A write waits 50 ms, not 10 s, for a database another connection holds."""
    monkeypatch.setattr("monitor.store.store.SQLITE_BUSY_TIMEOUT_MS", 50)


def test_database_errors_leave_the_store_as_store_error(
    tmp_path: Path, short_busy_timeout: None
) -> None:
    path = tmp_path / "monitor.db"
    store = Store.open(f"sqlite:///{path}")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        with pytest.raises(StoreError, match="^database error: database is locked$") as caught:
            store.sync_feeds([Feed("file:///a.rss", every_s=EVERY)], NOW)
        assert not isinstance(caught.value, SQLAlchemyError)
    finally:
        holder.rollback()
    holder.execute("DROP TABLE deliveries")
    holder.close()
    with pytest.raises(StoreError, match="no such table: deliveries"):
        store.deliveries()
    store.close()


def test_an_8_kb_url_is_stored_beside_the_other_feeds_of_its_batch(store: Store) -> None:
    store.sync_feeds(
        [Feed("file:///a.rss", "A", every_s=EVERY), Feed("file:///b.rss", "B", every_s=EVERY)], NOW
    )
    # Random-looking, as tracking parameters are: PostgreSQL cannot compress it below its
    # index row limit (~2.7 KB), which a unique index on the URL text ran into.
    values = (hashlib.sha256(str(i).encode()).hexdigest()[:40] for i in range(190))
    long_url = "https://e.org/story?" + "&".join(f"k{i}={v}" for i, v in enumerate(values))
    assert len(long_url) > 8192
    a, b = store.feeds()
    later = NOW + timedelta(minutes=15)
    stats = store.record_polls(
        [
            FeedPoll(a, 200, (article("long", long_url),), attempted=NOW, next_due=later),
            FeedPoll(
                b,
                200,
                (article("short", "https://e.org/1", h="h2"),),
                attempted=NOW,
                next_due=later,
            ),
        ]
    )
    assert [s.new for s in stats] == [1, 1]
    stored = {r["id"]: r["url"] for r in store.export_articles()}
    assert stored == {"long": long_url, "short": "https://e.org/1"}
    # The same URL again is the same article.
    assert record(store, a.id, [article("long", long_url)], attempted=later).unchanged == 1
