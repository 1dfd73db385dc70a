"""Every query on a hot path is served by an index, on both backends.

Each case calls the very Store method the daemon, /healthz, the digest or the web UI calls,
captures the SQL it sends (a ``before_cursor_execute`` hook, so the test cannot drift from the
code), and asks the database for each statement's plan: SQLite's ``EXPLAIN QUERY PLAN``, and
PostgreSQL's ``EXPLAIN (FORMAT JSON)`` with sequential scans, hash and merge joins off: on
tables of a few rows the planner would rather read them whole, so it is asked which index can
serve each access (joins as index lookups); a sequential scan left in the plan means none can.
A statement passes when it reads no table whole (but those a case allows, saying why) and reads
an index whole only where it may (an ordered scan a LIMIT stops, a partial index holding
exactly the wanted rows); each case names the index it must use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection

from monitor.domain import (
    Article,
    Channel,
    DeliveryKind,
    DeliveryStatus,
    Feed,
    FeedHealth,
    FeedPoll,
    Match,
)
from monitor.store import PlannedDelivery, Store
from monitor.store.feedback import Label

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
TEXT = (
    "Syrian army units backed by Russian aircraft pushed into the last villages held by the "
    "Islamic State affiliate in the Yarmouk Valley. The town was shelled for a third day. "
    "Former rebel factions that joined the government side are taking part in the assault."
)


STATUS_LED = "ix_deliveries_due|ix_deliveries_sent"  # the deliveries indexes led by status


@dataclass(frozen=True)
class Access:
    """One table read in a plan: through ``index`` (None: the whole table), with a condition
    (``bounded``) or in full."""

    table: str
    index: str | None
    bounded: bool


@dataclass
class Case:
    call: Callable[[Store], object]
    # Indexes the plans must use ("a|b": either), a key by PostgreSQL's name for it (table_pkey,
    # table_col_col_key) on both backends.
    uses: set[str]
    # Indexes that may be read whole: an ordered scan a LIMIT stops, or a partial index that
    # holds exactly the rows wanted.
    whole_index: set[str] = field(default_factory=set)
    whole_table: dict[str, str] = field(default_factory=dict)  # table -> why it may be read


def seeded(url: str) -> Store:
    """A store with a bit of everything: feeds, articles (some embedded, some not), matches,
    pending, sent and dead deliveries, a digest sent, labels."""
    store = Store.open(url)
    store.sync_feeds([Feed(url, every_s=900) for url in FEED_URLS], NOW)
    store.record_poll(poll("a", NOW))
    assert [f.id for f in store.feeds()] == [1, 2, 3]
    found = [Match(f"a{i}", "yarmouk", 0.7, True, {"passage": "Yarmouk"}) for i in range(2)]
    planned = [
        PlannedDelivery.of(m, sub, channel, kind)
        for m in found
        for sub, channel, kind in (
            ("ops", Channel.WEBHOOK, DeliveryKind.INSTANT),
            ("ana", Channel.EMAIL, DeliveryKind.DIGEST),
        )
    ]
    store.record_scoring("test-model", [("a0", b"v0"), ("a1", b"v1")], found, planned, now=NOW)
    claimed = store.claim_deliveries([planned[0].id, planned[2].id], NOW, 60)
    store.mark_sent([planned[0].id], NOW, batch_id=planned[0].id, digest_of=None)
    store.mark_failed(
        [planned[2].id],
        NOW,
        error="refused",
        next_attempt=NOW,
        give_up_after_s=0,
        permanent=True,
    )
    assert len(claimed) == 2
    store.feedback.record(
        [Label("a0", "yarmouk", True, "cli", "Story 0", TEXT, "test-model", b"v0", "a0")], NOW
    )
    return store


LATER = NOW + timedelta(hours=1)
FEED_URLS = [f"https://e{i}.example.org/rss" for i in range(3)]

CASES: dict[str, Case] = {
    "due feeds": Case(lambda s: s.due_feeds(LATER), {"ix_feeds_due"}),
    "claim due feeds": Case(
        lambda s: s.claim_due_feeds(LATER, 60, 100), {"ix_feeds_due", "feeds_pkey"}
    ),
    "articles to embed": Case(
        lambda s: s.articles_to_embed(32), {"ix_articles_unembedded"}, {"ix_articles_unembedded"}
    ),
    "claim articles to embed": Case(
        lambda s: s.claim_articles_to_embed(32, 60, LATER),
        {"ix_articles_unembedded", "embed_leases_pkey"},
        {"ix_articles_unembedded"},
    ),
    "embed backlog (/healthz)": Case(
        lambda s: s.embed_backlog(), {"ix_articles_unembedded"}, {"ix_articles_unembedded"}
    ),
    # STATUS_LED: retention's ix_deliveries_sent (status, sent_at) begins with the status too,
    # and the planners (SQLite's rules, PostgreSQL's costs of a few rows) may take either for
    # one status's rows: the same bounded range (pending and dead rows are few).
    "delivery counts (/healthz)": Case(
        lambda s: s.delivery_counts((DeliveryStatus.PENDING, DeliveryStatus.DEAD)),
        {STATUS_LED},
    ),
    "due deliveries": Case(
        lambda s: s.due_deliveries(LATER, kind=DeliveryKind.INSTANT, limit=100),
        {STATUS_LED},
    ),
    "claim deliveries": Case(
        lambda s: s.claim_deliveries([f"d{i}" for i in range(3)], LATER, 60), {"deliveries_pkey"}
    ),
    "new subscriber's first deliveries": Case(
        lambda s: s.has_deliveries("ana"), {"ix_deliveries_subscriber"}
    ),
    "pending digest": Case(
        lambda s: s.pending_digest("ana", Channel.EMAIL),
        {f"ix_deliveries_subscriber|{STATUS_LED}"},
    ),
    "digest channels due": Case(lambda s: s.digest_channels_due(LATER), {STATUS_LED}),
    "last digest": Case(lambda s: s.last_digest("ana"), {"digests_pkey"}),
    "matches since (backfill)": Case(
        lambda s: s.matches_since(NOW - timedelta(days=1), ["yarmouk"]),
        {"ix_matches_created|ix_matches_topic_created"},
    ),
    "review: topic counts": Case(
        lambda s: s.review.topic_counts(NOW - timedelta(days=1), NOW - timedelta(days=7)),
        {"ix_matches_created", "matches_pkey|ix_matches_topic_created"},
        # The labels' precision per topic reads every label: a few hundred per topic, the
        # analyst's work, kept by design (no retention bounds them, and none should).
        {"ix_feedback_topic"},
        {"feedback": "every label"},
    ),
    "review: a topic's matches": Case(
        lambda s: s.review.recent_matches("yarmouk", 26, 0),
        {"ix_matches_topic_created", "articles_pkey", "ix_sources_article"},
        {"ix_matches_topic_created"},
    ),
    "review: every topic's matches": Case(
        lambda s: s.review.recent_matches(None, 26, 0),
        {"ix_matches_created"},
        {"ix_matches_created"},
    ),
    "review: labels": Case(
        lambda s: s.review.labels_of([("a0", "yarmouk")]), {"feedback_item_topic_id_key"}
    ),
    "review: near-miss pool": Case(
        lambda s: s.review.newest_embedded(200, "yarmouk"),
        {"ix_articles_fetched", "embeddings_pkey", "matches_pkey|ix_matches_topic_created"},
        {"ix_articles_fetched"},
    ),
    "review: dead letters": Case(
        lambda s: s.review.latest_deliveries(DeliveryStatus.DEAD, 50), {STATUS_LED}
    ),
    "review: latest deliveries": Case(
        lambda s: s.review.latest_deliveries(None, 50),
        {"ix_deliveries_created"},
        {"ix_deliveries_created"},
    ),
    # The deliveries page counts every row per status, sent ones too: an index read whole
    # (no table row touched), bounded by the retention of sent deliveries.
    "review: delivery counts": Case(
        lambda s: s.delivery_counts(),
        {f"{STATUS_LED}|ix_deliveries_subscriber"},
        {"ix_deliveries_due", "ix_deliveries_sent", "ix_deliveries_subscriber"},
    ),
    # Poll bookkeeping: a poll's ingest looks up its entries, their copies and fingerprints.
    "record a poll": Case(
        lambda s: s.record_polls([poll("b", LATER)]),
        {
            "ix_sources_entry",
            "articles_pkey",
            "article_sources_entry_id_feed_id_key",
            "ix_fingerprints_hash",
        },
    ),
    "record scoring": Case(
        lambda s: s.record_scoring(
            "test-model",
            [("a2", b"v2")],
            [Match("a2", "other", 0.8, True, {})],
            [PlannedDelivery("ops", Channel.WEBHOOK, DeliveryKind.INSTANT, "a2", "other")],
            now=LATER,
        ),
        {"articles_pkey", "embed_leases_pkey", "deliveries_pkey"},
    ),
    "mark sent": Case(
        lambda s: s.mark_sent(["d0", "d1"], LATER, batch_id="b", digest_of="ana"),
        # By id; PostgreSQL, knowing nothing of a few rows, may take the pending rows' range
        # of the status index instead (bounded too: pending rows are few).
        {f"deliveries_pkey|{STATUS_LED}"},
    ),
}


def poll(key: str, when: datetime) -> FeedPoll:
    """A poll of the first feed (its id is 1 on both backends) with four articles, long enough
    to be compared by their sentence fingerprints."""
    arts = tuple(
        Article(
            id=f"{key}{i}",
            url=f"https://e0.example.org/{key}/{i}",
            title=f"Story {key}{i}",
            text=f"{TEXT} Item {key}{i}.",
            published=when,
            content_hash=f"{key}{i}",
            fingerprints=tuple(range(100 * i, 100 * i + 6)),
        )
        for i in range(4)
    )
    feed = FeedHealth(1, FEED_URLS[0], None, FEED_URLS[0], interval_s=900)
    return FeedPoll(feed, 200, arts, attempted=when, next_due=when + timedelta(minutes=15))


def captured(store: Store, call: Callable[[Store], object]) -> list[tuple[str, Any]]:
    """The statements ``call`` sends that read rows (SELECT, and UPDATE/DELETE with their
    WHERE), with their parameters; not a SELECT of no table (a ping, a lock)."""
    sent: list[tuple[str, Any]] = []

    def hook(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, many: bool) -> None:
        if not many:
            sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", hook)
    try:
        call(store)
    finally:
        event.remove(store.engine, "before_cursor_execute", hook)
    return [
        (sql, params)
        for sql, params in sent
        if re.match(r"\s*(WITH|SELECT|UPDATE|DELETE)\b", sql, re.I)
        and not (re.match(r"\s*SELECT\b", sql, re.I) and not re.search(r"\bFROM\b", sql, re.I))
    ]


def sqlite_accesses(conn: Connection, sql: str, params: Any) -> list[Access]:
    keys = _sqlite_key_names(conn)
    out = []
    for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params):
        detail: str = row[3]
        found = re.match(r"(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (.*))?$", detail)
        if found is None:
            continue  # a temp b-tree, a subquery's heading, a constant row
        verb, table, using = found.groups()
        if table not in keys.tables:
            continue  # a CTE's rows, already read through an index
        if using is None:
            out.append(Access(table, None, False))
            continue
        if using.startswith("INTEGER PRIMARY KEY"):
            index = f"{table}_pkey"
        else:
            named = re.match(r"(?:COVERING )?INDEX (\w+)", using)
            assert named is not None, detail
            index = keys.get(named.group(1), named.group(1))
        out.append(Access(table, index, verb == "SEARCH"))
    return out


class _Keys(dict[str, str]):
    tables: set[str]


def _sqlite_key_names(conn: Connection) -> _Keys:
    """SQLite's automatic index names, as PostgreSQL names the same key (table_pkey,
    table_col_col_key); and the tables."""
    names = _Keys()
    tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'").scalars()
    names.tables = set(tables)
    for table in names.tables:
        for _seq, name, _unique, origin, _partial in conn.exec_driver_sql(
            f"PRAGMA index_list('{table}')"
        ):
            if origin == "pk":
                names[name] = f"{table}_pkey"
            elif origin == "u":
                cols = [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info('{name}')")]
                names[name] = f"{table}_{'_'.join(cols)}_key"
    return names


def pg_accesses(conn: Connection, sql: str, params: Any) -> list[Access]:
    for method in ("seqscan", "hashjoin", "mergejoin"):
        conn.exec_driver_sql(f"SET enable_{method} = off")
    [[plan]] = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).all()
    if isinstance(plan, str):
        plan = json.loads(plan)
    out: list[Access] = []

    def walk(node: dict[str, Any]) -> None:
        kind = node["Node Type"]
        if kind == "Seq Scan":
            out.append(Access(node["Relation Name"], None, False))
        elif kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan"):
            table = node.get("Relation Name") or _pg_index_table(conn, node["Index Name"])
            out.append(Access(table, node["Index Name"], "Index Cond" in node))
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan[0]["Plan"])
    return out


def _pg_index_table(conn: Connection, index: str) -> str:
    return str(
        conn.exec_driver_sql(
            "SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = %(i)s::regclass",
            {"i": index},
        ).scalar()
    )


@pytest.mark.parametrize("name", list(CASES))
def test_hot_path_query_is_served_by_an_index(name: str, db_url: str) -> None:
    case = CASES[name]
    store = seeded(db_url)
    try:
        statements = captured(store, case.call)
        assert statements, f"{name}: no query captured"
        used: set[str] = set()
        with store.engine.connect() as conn:
            explain = pg_accesses if conn.dialect.name == "postgresql" else sqlite_accesses
            for sql, params in statements:
                accesses = explain(conn, sql, params)
                for access in accesses:
                    if access.index is None:
                        assert access.table in case.whole_table, (
                            f"{name}: reads table {access.table} whole: {sql}"
                        )
                    elif not access.bounded:
                        assert access.index in case.whole_index, (
                            f"{name}: reads index {access.index} whole: {sql}"
                        )
                    if access.index is not None:
                        used.add(access.index)
        missing = [i for i in case.uses if not used.intersection(i.split("|"))]
        assert not missing, f"{name}: uses {sorted(used)}, not {missing}"
    finally:
        store.close()
