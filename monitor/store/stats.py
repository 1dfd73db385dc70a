"""How big the database is and how fast it grows: rows and bytes per table, articles per day,
the oldest row of each kind, and a year's projection (``monitor db stats`` and the ``monitor_db_*``
gauges of /metrics).

Every figure is cheap on a large database: PostgreSQL's row counts are the planner's estimates
(``pg_class.reltuples``, kept by autovacuum's ANALYZE) and its sizes the catalogue's; the per-day
counts and the oldest rows are ranges and ends of indexes. SQLite's rows are counted (a walk of
each table's smallest index) and its per-table bytes come from the ``dbstat`` virtual table,
which reads every page once: seconds on a file of gigabytes, so the daemon refreshes these
figures in the background, never at a scrape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from monitor.domain import DeliveryStatus
from monitor.store.schema import (
    articles,
    aware,
    deliveries,
    feedback,
    matches,
    metadata,
    naive,
)

PER_DAY_DAYS = 14  # articles per day: this many days back, today included
RATE_DAYS = 7  # the rate of the projection: the mean of this many full days before today


@dataclass(frozen=True)
class TableStats:
    name: str
    rows: int
    estimated: bool  # rows is the planner's estimate (PostgreSQL), not a count
    bytes: int | None  # with its indexes (and TOAST); None where the backend cannot say


@dataclass(frozen=True)
class DatabaseStats:
    backend: str  # sqlite | postgresql
    bytes: int  # the whole database: SQLite's file (and WAL), PostgreSQL's database
    free_bytes: int | None  # SQLite: pages free inside the file (a VACUUM gives them back)
    tables: list[TableStats]
    articles_per_day: list[tuple[date, int]]  # oldest day first, today last (so far)
    oldest: dict[str, datetime | None]  # per kind of row: when the oldest was stored
    articles_per_day_rate: float  # mean of the RATE_DAYS full days before today
    bytes_per_article: float | None  # the database's bytes over its articles (all it holds)
    projected_year_bytes: int | None  # bytes + a year at the rate, with nothing pruned
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "bytes": self.bytes,
            "free_bytes": self.free_bytes,
            "tables": {
                t.name: {"rows": t.rows, "rows_estimated": t.estimated, "bytes": t.bytes}
                for t in self.tables
            },
            "articles_per_day": {d.isoformat(): n for d, n in self.articles_per_day},
            "oldest": {k: None if v is None else v.isoformat() for k, v in self.oldest.items()},
            "projection": {
                "articles_per_day": round(self.articles_per_day_rate, 1),
                "bytes_per_article": None
                if self.bytes_per_article is None
                else round(self.bytes_per_article),
                "year_bytes": self.projected_year_bytes,
                "how": PROJECTION,
            },
            "notes": self.notes,
        }


PROJECTION = (
    f"database bytes + 365 x articles per day (mean of the {RATE_DAYS} full days before "
    "today) x bytes per article (database bytes / stored articles): the size in a year if "
    "nothing were pruned"
)


def collect(conn: Connection, now: datetime, days: int = PER_DAY_DAYS) -> DatabaseStats:
    now_db = naive(now)
    notes: list[str] = []
    if conn.dialect.name == "postgresql":
        tables, total, free = _postgresql_tables(conn), _postgresql_bytes(conn), None
    else:
        tables, total, free = _sqlite_tables(conn, notes)
    per_day = _articles_per_day(conn, now_db, max(days, RATE_DAYS + 1))
    today = now_db.date()
    full_days = [n for d, n in per_day if today - timedelta(days=RATE_DAYS) <= d < today]
    rate = sum(full_days) / RATE_DAYS
    stored = next((t.rows for t in tables if t.name == "articles"), 0)
    per_article = total / stored if stored else None
    projected = None if per_article is None else int(total + 365 * rate * per_article)
    return DatabaseStats(
        backend=conn.dialect.name,
        bytes=total,
        free_bytes=free,
        tables=sorted(tables, key=lambda t: t.name),
        articles_per_day=[(d, n) for d, n in per_day if d > today - timedelta(days=days)],
        oldest=_oldest(conn),
        articles_per_day_rate=rate,
        bytes_per_article=per_article,
        projected_year_bytes=projected,
        notes=notes,
    )


def _articles_per_day(conn: Connection, now: datetime, days: int) -> list[tuple[date, int]]:
    """Articles fetched per day (UTC), every one of the last ``days`` days (zeros included):
    a range of the fetched index."""
    since = datetime.combine(now.date() - timedelta(days=days - 1), datetime.min.time())
    day = func.date(articles.c.fetched)
    query = select(day, func.count()).where(articles.c.fetched >= since).group_by(day)
    counted: dict[date, int] = {}
    for value, n in conn.execute(query):
        found = value if isinstance(value, date) else date.fromisoformat(str(value))
        counted[found] = int(n)
    first = since.date()
    return [
        (first + timedelta(days=i), counted.get(first + timedelta(days=i), 0)) for i in range(days)
    ]


def _oldest(conn: Connection) -> dict[str, datetime | None]:
    """When the oldest row of each kind was stored: each the first entry of an index (the
    oldest article with text: the first whose text retention has not dropped, in fetched order,
    from ``ix_articles_text_kept``)."""
    sent = deliveries.c.status == DeliveryStatus.SENT
    queries = {
        "article": select(func.min(articles.c.fetched)),
        "article_with_text": select(func.min(articles.c.fetched)).where(
            articles.c.text_dropped.is_(None)
        ),
        "match": select(func.min(matches.c.created)),
        "delivery_sent": select(func.min(deliveries.c.sent_at)).where(sent),
        "feedback": select(func.min(feedback.c.created)),
    }
    return {kind: aware(conn.execute(query).scalar()) for kind, query in queries.items()}


def _postgresql_tables(conn: Connection) -> list[TableStats]:
    """The planner's row estimates and each table's bytes with its indexes and TOAST; a table
    never analysed yet (reltuples -1) is counted."""
    out = []
    for table in metadata.sorted_tables:
        estimate, size = conn.execute(
            text(
                "SELECT c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c "
                "WHERE c.oid = to_regclass(:name)"
            ),
            {"name": table.name},
        ).one()
        estimated = estimate >= 0
        if not estimated:
            estimate = conn.execute(select(func.count()).select_from(table)).scalar()
        out.append(TableStats(table.name, int(estimate or 0), estimated, int(size)))
    return out


def _postgresql_bytes(conn: Connection) -> int:
    return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0)


def _sqlite_tables(conn: Connection, notes: list[str]) -> tuple[list[TableStats], int, int]:
    """Counted rows; bytes per table (its indexes included) from ``dbstat`` where SQLite was
    built with it, else none (the file's pages are all there is to say)."""
    page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
    pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
    total = pages * page_size + _wal_bytes(conn)
    by_table: dict[str, int] | None
    try:
        owners = {
            str(r[0]): str(r[1])
            for r in conn.exec_driver_sql("SELECT name, tbl_name FROM sqlite_master")
        }
        by_table = {}
        for name, size in conn.exec_driver_sql(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"
        ):
            owner = owners.get(name, name)
            by_table[owner] = by_table.get(owner, 0) + int(size)
    except OperationalError:  # no such table: dbstat (SQLite built without it)
        by_table = None
        notes.append("bytes per table: this SQLite has no dbstat table; only the total is known")
    out = [
        TableStats(
            table.name,
            int(conn.execute(select(func.count()).select_from(table)).scalar() or 0),
            False,
            None if by_table is None else by_table.get(table.name, 0),
        )
        for table in metadata.sorted_tables
    ]
    return out, total, free * page_size


def _wal_bytes(conn: Connection) -> int:
    """The write-ahead log's size: part of the database until a checkpoint moves it in."""
    database = conn.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return 0
    wal = Path(f"{database}-wal")
    return wal.stat().st_size if wal.is_file() else 0
