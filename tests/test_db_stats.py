"""``monitor db stats`` and the monitor_db_* gauges, on both backends: rows and bytes per table,
articles per day, the oldest row of each kind, the year's projection."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine, event, text

from monitor.cli import main
from monitor.domain import Article, Channel, DeliveryKind, Feed, FeedPoll, Match
from monitor.run.metrics import Metrics
from monitor.store import PlannedDelivery, Store
from monitor.store.feedback import Label
from monitor.store.schema import metadata

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TEXT = (
    "Syrian army units backed by Russian aircraft pushed into the last villages held by the "
    "Islamic State affiliate in the Yarmouk Valley. The town was shelled for a third day. "
)
# Articles fetched per day, days back from NOW's day: 3 today, none yesterday, ...
PER_DAY = {0: 3, 1: 0, 2: 5, 3: 1, 4: 2, 5: 2, 6: 4, 7: 1, 8: 6, 20: 2}


def fill(store: Store) -> None:
    store.sync_feeds([Feed("https://e.example.org/rss", every_s=900)], NOW - timedelta(days=30))
    [feed] = store.feeds()
    for back, n in PER_DAY.items():
        when = NOW - timedelta(days=back)
        arts = tuple(
            Article(
                id=f"a{back}-{i}",
                url=f"https://e.example.org/{back}/{i}",
                title=f"Story {back}-{i}",
                text=f"{TEXT} Day {back}, item {i}.",
                published=when,
                content_hash=f"h{back}-{i}",
            )
            for i in range(n)
        )
        store.record_poll(
            FeedPoll(feed, 200, arts, attempted=when, next_due=when + timedelta(minutes=15))
        )
    found = Match("a8-0", "yarmouk", 0.7, True, {"passage": "Yarmouk"})
    plan = PlannedDelivery.of(found, "ops", Channel.WEBHOOK, DeliveryKind.INSTANT)
    store.record_scoring("m", [("a8-0", b"v")], [found], [plan], now=NOW - timedelta(days=8))
    assert store.claim_deliveries([plan.id], NOW - timedelta(days=7), 60)
    store.mark_sent([plan.id], NOW - timedelta(days=7))
    store.feedback.record(
        [Label("a2-0", "yarmouk", False, "cli", "t", TEXT, "m", b"v", "a2-0")],
        NOW - timedelta(days=2),
    )


def test_stats_count_rows_per_table_and_articles_per_day(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        empty = store.db_stats(NOW)
        assert empty.projected_year_bytes is None and empty.bytes > 0
        assert set(empty.oldest.values()) == {None}
        fill(store)
        if store.engine.dialect.name == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(text("ANALYZE"))  # what autovacuum does: the estimates are exact
        found = store.db_stats(NOW, days=10)
    finally:
        store.close()
    rows = {t.name: t.rows for t in found.tables}
    assert set(rows) == set(metadata.tables)
    assert rows["articles"] == sum(PER_DAY.values()) == 26
    assert rows["feeds"] == 1 and rows["matches"] == 1 and rows["deliveries"] == 1
    assert rows["feedback"] == 1 and rows["embeddings"] == 1
    assert all(t.estimated == (found.backend == "postgresql") for t in found.tables)
    sizes = {t.name: t.bytes for t in found.tables}
    assert all(size is not None and size > 0 for size in sizes.values()), sizes
    assert sum(s or 0 for s in sizes.values()) <= found.bytes

    days = dict(found.articles_per_day)
    assert len(days) == 10 and max(days) == NOW.date()
    assert [days[NOW.date() - timedelta(days=back)] for back in range(10)] == [
        PER_DAY.get(back, 0) for back in range(10)
    ]
    # The rate: the 7 full days before today (1..7 days back), whatever --days shows.
    assert found.articles_per_day_rate == sum(PER_DAY[b] for b in range(1, 8)) / 7
    assert found.bytes_per_article == found.bytes / 26
    assert found.projected_year_bytes == int(
        found.bytes + 365 * found.articles_per_day_rate * found.bytes / 26
    )

    assert found.oldest == {
        "article": NOW - timedelta(days=20),
        "article_with_text": NOW - timedelta(days=20),
        "match": NOW - timedelta(days=8),
        "delivery_sent": NOW - timedelta(days=7),
        "feedback": NOW - timedelta(days=2),
    }


def test_stats_gauges_in_metrics(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        fill(store)
        found = store.db_stats(NOW)
    finally:
        store.close()
    metrics = Metrics()
    metrics.record_db_stats(found)
    shown = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(metrics.render().decode())
        for sample in family.samples
    }
    for table in found.tables:
        assert shown["monitor_db_table_rows", (("table", table.name),)] == table.rows
        assert shown["monitor_db_table_bytes", (("table", table.name),)] == table.bytes
    assert shown["monitor_db_bytes", ()] == found.bytes
    assert shown["monitor_db_articles_per_day", ()] == found.articles_per_day_rate
    for kind, when in found.oldest.items():
        assert when is not None
        assert shown["monitor_db_oldest_timestamp_seconds", (("kind", kind),)] == when.timestamp()
    assert shown["monitor_db_projected_year_bytes", ()] == found.projected_year_bytes
    assert shown["monitor_db_stats_timestamp_seconds", ()] > NOW.timestamp()


def test_db_stats_command_prints_a_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "monitor.db"
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: sqlite:///{db}\n")
    store = Store.open(f"sqlite:///{db}")
    fill(store)
    store.close()

    assert main(["db", "stats", "-c", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("database: sqlite, ")
    assert any(line.split()[:2] == ["articles", "26"] for line in out.splitlines())
    assert "articles per day (UTC):" in out and "in a year: " in out
    assert "article with text" in out

    assert main(["db", "stats", "--json", "--days", "3", "-c", str(config)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"]["articles"] == {
        "rows": 26,
        "rows_estimated": False,
        "bytes": data["tables"]["articles"]["bytes"],
    }
    assert len(data["articles_per_day"]) == 3
    assert data["projection"]["how"].startswith("database bytes + 365 x articles per day")
    assert data["oldest"]["article"] is not None


def test_estimates_on_postgresql_need_no_count(pg_url: str) -> None:
    """A table PostgreSQL has analysed is not counted: its estimate is read, even where it is
    out of date (the gauge must not scan a big table)."""
    store = Store.open(pg_url)
    try:
        fill(store)
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE articles"))
        engine = create_engine(pg_url)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM article_sources WHERE article_id LIKE 'a0-%'"))
            conn.execute(text("DELETE FROM articles WHERE id LIKE 'a0-%'"))
        engine.dispose()
        rows = {t.name: t.rows for t in store.db_stats(NOW).tables}
    finally:
        store.close()
    assert rows["articles"] == 26  # the estimate of the last ANALYZE, not today's 23


def test_without_dbstat_sqlite_gives_the_total_only(tmp_path: Path) -> None:
    """A SQLite built without the dbstat table (the fault is made by renaming the table in
    the statement: SQLite then answers as such a build does)."""
    store = Store.open(f"sqlite:///{tmp_path}/monitor.db")

    def no_dbstat(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> Any:
        return sql.replace("FROM dbstat", "FROM dbstat_not_built_in"), params

    event.listen(store.engine, "before_cursor_execute", no_dbstat, retval=True)
    try:
        fill(store)
        found = store.db_stats(NOW)
    finally:
        store.close()
    assert {t.name: t.rows for t in found.tables}["articles"] == 26
    assert all(t.bytes is None for t in found.tables) and found.bytes > 0
    assert found.notes == [
        "bytes per table: this SQLite has no dbstat table; only the total is known"
    ]
