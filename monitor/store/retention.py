"""Retention: what the store forgets, and when.

Four kinds of expired rows, each found oldest first through an index and removed in small
batches, each batch its own short transaction (a writer waits for one batch at most; a batch
of whole articles is smaller, see ``ARTICLE_DELETE_COST``):

- ``texts_dropped``: an article that matched nothing, was judged (it has vectors) and was
  fetched (or last edited) longer than ``unmatched_text`` ago keeps its row, URL, title and
  sentence fingerprints, but loses its text and vectors (``text_dropped`` says when). A
  re-published copy, by URL or by story, is still recognised as a duplicate, and the embed
  stage does not take it up again.
- ``urls_dropped``: an article that matched nothing, fetched longer than ``unmatched_url``
  ago, is deleted with its fingerprints and sources: a copy of it is new again.
- ``matched_dropped``: an article with a match or a label is the analyst's record: deleted
  with its matches ``matched`` after it was fetched and after its newest match and label.
- ``deliveries_dropped``: sent outbox rows, ``deliveries`` after they were sent. Each
  subscriber's newest row stays (it says the subscriber is not new: no welcome catch-up).

Never pruned: pending (or leased) and dead deliveries, and the articles they are for (a dead
letter waits for ``monitor retry`` or a person); an article being embedded now; labels (the
feedback table keeps each label's own title, text and vectors, so a label outlives its
article).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, text, tuple_
from sqlalchemy.engine import Connection

from monitor.domain import DeliveryStatus
from monitor.store.articles import serialize_ingest
from monitor.store.schema import (
    IN_CHUNK,
    articles,
    deliveries,
    embed_leases,
    embeddings,
    feedback,
    matches,
    naive,
)

BATCH_SIZE = 100  # rows per transaction: 100 texts dropped took 8 ms (median; 34 ms at most)
# on SQLite on a busy 2-core machine, 170,000 articles stored
# A whole article's deletion cascades to some 30 more rows (its fingerprints, scattered over
# their hash index, its sources and vectors): 100 of them held SQLite's write lock for 73 ms
# (median; 266 ms at most), and a poll write waited up to 333 ms behind one. Whole articles
# are deleted BATCH_SIZE / ARTICLE_DELETE_COST at a time.
ARTICLE_DELETE_COST = 5


@dataclass(frozen=True)
class RetentionPolicy:
    """How long each kind of row is kept (built from the config's ``retention:``)."""

    unmatched_text: timedelta
    unmatched_url: timedelta
    matched: timedelta
    deliveries: timedelta


@dataclass
class PruneReport:
    """What a prune removed (or, in a dry run, would remove), per kind."""

    texts_dropped: int = 0
    urls_dropped: int = 0
    matched_dropped: int = 0
    deliveries_dropped: int = 0
    batches: int = 0
    seconds: float = 0.0
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        """The per-kind counts, in the order they are pruned."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in KINDS}

    @property
    def total(self) -> int:
        return sum(self.counts().values())


KINDS = ("texts_dropped", "urls_dropped", "matched_dropped", "deliveries_dropped")


@dataclass(frozen=True)
class _Pass:
    """One kind of expired row: its eligible rows' keys in order (walked by keyset, so a dry
    run and the rows a removal leaves are passed over), and what removing some of them is (it
    checks them again)."""

    kind: str
    key: Sequence[Any]  # the keyset's columns, the row's id last
    select: Select[Any]  # the eligible rows' keys, in key order
    remove: Callable[[Connection, list[str]], int]
    cost: int = 1  # a row's removal against a batch row's: the batch is that many times smaller


def prune(
    read: Callable[[], Any],
    write: Callable[[], Any],
    policy: RetentionPolicy,
    now: datetime,
    *,
    batch_size: int = BATCH_SIZE,
    dry_run: bool = False,
    pause_s: float = 0.0,
    stop: Callable[[], bool] | None = None,
) -> PruneReport:
    """Remove what ``policy`` says has expired at ``now``. ``read`` and ``write`` open a read
    connection and a transaction (the Store's). Each batch: its candidates are read, then
    removed in one transaction that checks each again (a match or a label that came in
    meanwhile keeps the row). ``pause_s`` between batches lets other writers in; ``stop``
    ends the prune early (what is done stays done). A dry run reads the same candidates and
    removes nothing, so it reports the same counts."""
    started = time.monotonic()
    report = PruneReport(dry_run=dry_run)
    batch_size = max(1, min(batch_size, IN_CHUNK))
    for step in _passes(policy, naive(now)):
        rows_per_batch = max(1, batch_size // step.cost)
        after: tuple[Any, ...] | None = None
        while True:
            if stop is not None and stop():
                report.seconds = time.monotonic() - started
                return report
            query = step.select
            if after is not None:
                query = query.where(tuple_(*step.key) > tuple_(*after))
            with read() as conn:
                rows = conn.execute(query.limit(rows_per_batch)).all()
            if not rows:
                break
            after = tuple(rows[-1])
            ids = [r[-1] for r in rows]
            if dry_run:
                removed = len(ids)
            else:
                with write() as conn:
                    removed = step.remove(conn, ids)
            setattr(report, step.kind, getattr(report, step.kind) + removed)
            report.batches += 1
            if len(rows) < rows_per_batch:
                break
            if pause_s:
                time.sleep(pause_s)
    report.seconds = time.monotonic() - started
    return report


def expired_rows(policy: RetentionPolicy, now: datetime) -> dict[str, Select[Any]]:
    """Each kind's query of its expired rows' keys, oldest first: what a prune walks (each
    served by an index, which tests check with EXPLAIN)."""
    return {step.kind: step.select for step in _passes(policy, naive(now))}


def _passes(policy: RetentionPolicy, now: datetime) -> list[_Pass]:
    text_cut = now - policy.unmatched_text
    url_cut = now - policy.unmatched_url
    matched_cut = now - policy.matched
    sent_cut = now - policy.deliveries
    article = articles.c.id
    unheld = and_(
        ~exists().where(
            deliveries.c.article_id == article, deliveries.c.status != DeliveryStatus.SENT
        ),
        ~exists().where(embed_leases.c.article_id == article, embed_leases.c.until > now),
    )
    unmatched = and_(
        ~exists().where(matches.c.article_id == article),
        ~exists().where(feedback.c.article_id == article),
        unheld,
    )
    text_expired = and_(
        articles.c.text_dropped.is_(None),
        articles.c.fetched >= url_cut,  # older ones go whole, in the next pass
        articles.c.fetched < text_cut,
        func.coalesce(articles.c.updated, articles.c.fetched) < text_cut,
        exists().where(embeddings.c.article_id == article),  # judged: matching had its chance
        unmatched,
    )
    url_expired = and_(articles.c.fetched < url_cut, unmatched)
    matched_expired = and_(
        articles.c.fetched < matched_cut,
        or_(
            exists().where(matches.c.article_id == article),
            exists().where(feedback.c.article_id == article),
        ),
        ~exists().where(matches.c.article_id == article, matches.c.created >= matched_cut),
        ~exists().where(feedback.c.article_id == article, feedback.c.created >= matched_cut),
        unheld,
    )
    newer = deliveries.alias("newer")
    sent_expired = and_(
        deliveries.c.status == DeliveryStatus.SENT,
        deliveries.c.sent_at < sent_cut,
        exists().where(
            newer.c.subscriber == deliveries.c.subscriber, newer.c.created > deliveries.c.created
        ),
    )
    by_age = (articles.c.fetched, article)

    def drop_texts(conn: Connection, ids: list[str]) -> int:
        _lock(conn, ids)
        dropped = (
            conn.execute(
                articles.update()
                .where(article.in_(ids), text_expired)
                .values(text="", text_dropped=now)
                .returning(article)
            )
            .scalars()
            .all()
        )
        if dropped:
            conn.execute(embeddings.delete().where(embeddings.c.article_id.in_(dropped)))
        return len(dropped)

    def delete_articles(expired: ColumnElement[bool]) -> Callable[[Connection, list[str]], int]:
        def remove(conn: Connection, ids: list[str]) -> int:
            _lock(conn, ids)  # its matches, fingerprints, sources and sent deliveries cascade
            return int(conn.execute(articles.delete().where(article.in_(ids), expired)).rowcount)

        return remove

    def delete_sent(conn: Connection, ids: list[str]) -> int:
        statement = deliveries.delete().where(deliveries.c.id.in_(ids), sent_expired)
        return int(conn.execute(statement).rowcount)

    by_sent = (deliveries.c.sent_at, deliveries.c.id)
    return [
        _Pass(
            "texts_dropped",
            by_age,
            # text_dropped IS NULL first: the walk stays in the index's part of kept texts.
            select(*by_age).where(text_expired).order_by(articles.c.text_dropped, *by_age),
            drop_texts,
        ),
        _Pass(
            "urls_dropped",
            by_age,
            select(*by_age).where(url_expired).order_by(*by_age),
            delete_articles(url_expired),
            ARTICLE_DELETE_COST,
        ),
        # Before the matched articles: deleting one takes its sent deliveries with it, which
        # would leave a dry run counting rows a real prune never reaches.
        _Pass(
            "deliveries_dropped",
            by_sent,
            select(*by_sent).where(sent_expired).order_by(*by_sent),
            delete_sent,
        ),
        _Pass(
            "matched_dropped",
            by_age,
            select(*by_age).where(matched_expired).order_by(*by_age),
            delete_articles(matched_expired),
            ARTICLE_DELETE_COST,
        ),
    ]


def _lock(conn: Connection, ids: list[str]) -> None:
    """Take the ingest lock (no poll stores a copy of a story being deleted), then, on
    PostgreSQL, lock the rows, so the removal's own checks (a fresh snapshot) see a match or a
    label committed by a writer it waited for. SQLite has one writer anyway."""
    serialize_ingest(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(select(articles.c.id).where(articles.c.id.in_(ids)).with_for_update())


# -- giving the space back ------------------------------------------------------------------------

INCREMENTAL = 2  # PRAGMA auto_vacuum's value for INCREMENTAL
RECLAIM_PAGES = 256  # free pages given back per step (1 MiB of 4 KiB pages): a short write
# The tables retention deletes from: what `monitor vacuum` vacuums on PostgreSQL.
PRUNED_TABLES = (
    "articles",
    "fingerprints",
    "article_sources",
    "embeddings",
    "embed_leases",
    "matches",
    "deliveries",
)


@dataclass(frozen=True)
class VacuumReport:
    """What ``monitor vacuum`` did. SQLite: the file's size before and after (its pages), and
    whether it was switched to incremental auto-vacuum. PostgreSQL: the tables vacuumed, their
    size and their dead row versions before and after."""

    backend: str
    size_before: int
    size_after: int
    made_incremental: bool = False
    tables: tuple[str, ...] = ()
    dead_before: int = 0
    dead_after: int = 0


def reclaim_sqlite(
    connect: Callable[[], Any],
    *,
    pages_per_step: int = RECLAIM_PAGES,
    pause_s: float = 0.0,
    stop: Callable[[], bool] | None = None,
) -> int:
    """Give a SQLite file's free pages back to the file system, ``pages_per_step`` at a time
    (each ``PRAGMA incremental_vacuum`` its own short write), ``pause_s`` apart. A file not in
    incremental auto-vacuum mode (made before it; ``monitor vacuum`` switches it) keeps its
    free pages for new rows. Returns the bytes given back."""
    freed = 0  # pages
    page_size = 0
    while not (stop and stop()):
        with connect() as conn:
            if conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() != INCREMENTAL:
                break
            page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
            free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
            if not free:
                break
            # Each step of the statement frees one page, and the driver's execute() steps it
            # once: executescript() runs it to the end.
            conn.connection.driver_connection.executescript(
                f"PRAGMA incremental_vacuum({min(free, pages_per_step)})"
            )
            left = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
            conn.commit()
        if left >= free:
            break
        freed += free - left
        if left and pause_s:
            time.sleep(pause_s)
    return freed * page_size


def vacuum_sqlite(conn: Connection) -> VacuumReport:
    """VACUUM the file (outside a transaction: ``conn`` autocommits), switching it to
    incremental auto-vacuum first where it is not (a file made before monitor set it)."""
    before = _sqlite_size(conn)
    made_incremental = conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() != INCREMENTAL
    if made_incremental:
        conn.exec_driver_sql("PRAGMA auto_vacuum=INCREMENTAL")
    conn.exec_driver_sql("VACUUM")
    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return VacuumReport("sqlite", before, _sqlite_size(conn), made_incremental=made_incremental)


def vacuum_postgresql(conn: Connection) -> VacuumReport:
    """VACUUM (ANALYZE) the tables retention deletes from (``conn`` autocommits: VACUUM cannot
    run in a transaction). Autovacuum does the same on its own schedule; this is for now."""
    size_before, dead_before = _pg_tables(conn)
    for table in PRUNED_TABLES:
        conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")
    size_after, dead_after = _pg_tables(conn)
    return VacuumReport(
        "postgresql",
        size_before,
        size_after,
        tables=PRUNED_TABLES,
        dead_before=dead_before,
        dead_after=dead_after,
    )


def _sqlite_size(conn: Connection) -> int:
    pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    return pages * int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)


def _pg_tables(conn: Connection) -> tuple[int, int]:
    """The pruned tables' total size (indexes included) and dead row versions."""
    conn.exec_driver_sql("SELECT pg_stat_clear_snapshot()")  # this session's stats: fresh
    row = conn.execute(
        text(
            "SELECT coalesce(sum(pg_total_relation_size(relid)), 0), coalesce(sum(n_dead_tup), 0)"
            " FROM pg_stat_user_tables WHERE relname = ANY(:tables)"
        ),
        {"tables": list(PRUNED_TABLES)},
    ).one()
    return int(row[0]), int(row[1])
