"""The Store façade: the one database handle the rest of the program uses.

Each public method is one unit of work: it opens the transaction (or read connection) and calls
the SQL of the area it concerns (``feeds``, ``articles``, ``scoring``, ``outbox``), so every state
change is written in the same transaction as the work it records. Every database error leaves
here as a :class:`~monitor.errors.StoreError`. SQLite runs in WAL mode; any SQLAlchemy URL works.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from monitor.domain import (
    Article,
    ArticleToEmbed,
    Channel,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Feed,
    FeedHealth,
    FeedPoll,
    IngestStats,
    Match,
)
from monitor.errors import ConfigError, InputError, StoreError
from monitor.store import articles, backup, feeds, outbox, retention, schema, scoring, stats
from monitor.store.feedback import FeedbackStore
from monitor.store.leader import LeaderLock
from monitor.store.outbox import PlannedDelivery
from monitor.store.retention import PruneReport, RetentionPolicy, VacuumReport
from monitor.store.review import ReviewStore
from monitor.store.schema import naive, utcnow

SQLITE_BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another writer before failing


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for another database, ``:memory:``, and a ``file:``
    URI (SQLite's own syntax, usually for an existing database, e.g. mode=ro: not a path to
    make folders for)."""
    parsed = make_url(url)
    db = parsed.database
    if (
        parsed.get_backend_name() != "sqlite"
        or db in (None, "", ":memory:")
        or db.startswith("file:")
    ):
        return None
    return Path(db)


def database_exists(url: str) -> bool:
    """Whether opening ``url`` would find a database rather than create one. Commands that only
    read labels (match, eval) must leave no database file behind where there was none."""
    if make_url(url).get_backend_name() != "sqlite":
        return True
    path = sqlite_file(url)
    return path is not None and path.is_file()


class Store:
    """A database handle. Create with :meth:`open`, which upgrades the schema.

    ``owner`` names this handle in the leases it takes (host, process, a random part): work
    it claims is left alone by every other handle until the lease runs out, and only it may
    record that work's outcome."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.owner = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"

    @classmethod
    def open(cls, url: str) -> Store:
        parsed = make_url(url)
        shown = repr(parsed)  # the password hidden
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            shown = parsed.database
        path = sqlite_file(url)
        if path is not None:
            _sqlite_folder(path)
        try:
            engine = create_engine(url)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open database {parsed!r}: {exc}") from None
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        with _database_errors(f"cannot open or upgrade the database {shown}"):
            with engine.connect() as conn:  # most opens find it current: no lock taken
                outdated = schema.schema_version(conn) != schema.SCHEMA_VERSION
            if outdated and parsed.get_backend_name() == "sqlite":
                _upgrade_sqlite(engine)
            elif outdated:
                with engine.begin() as conn:
                    schema.upgrade(conn)
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with _database_errors(), self.engine.connect() as conn:
            yield conn

    @property
    def feedback(self) -> FeedbackStore:
        """The analyst's labels."""
        return FeedbackStore(self)

    @property
    def review(self) -> ReviewStore:
        """What the web UI reads (and the feedback links' secret)."""
        return ReviewStore(self)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with _database_errors(), self.engine.begin() as conn:
            yield conn

    def schema_version(self) -> int:
        with self._read() as conn:
            return schema.schema_version(conn)

    def ping(self) -> None:
        """Raise :class:`StoreError` unless the database answers."""
        with self._read() as conn:
            conn.execute(text("SELECT 1"))

    def leader_lock(self, key: int) -> LeaderLock | None:
        """PostgreSQL's leader lock ``key`` (not taken yet); None for SQLite, where one process
        per database is all there is (the daemon's file lock)."""
        if self.engine.dialect.name != "postgresql":
            return None
        return LeaderLock(self.engine.url, key)

    def publish_leader_config(self, digest: str) -> None:
        """The leader says which config it runs (a digest of it), for the others to compare."""
        with self._write() as conn:
            schema.set_meta(conn, "leader_config", digest)

    def leader_config(self) -> str | None:
        with self._read() as conn:
            return schema.get_meta(conn, "leader_config")

    # -- feeds -------------------------------------------------------------------------------

    def sync_feeds(
        self, configured: Sequence[Feed], now: datetime | None = None, *, deactivate: bool = True
    ) -> None:
        """Make the feeds table follow the config: add new feeds, update names and intervals,
        and (``deactivate``) deactivate feeds no longer configured (their history stays). Of
        several processes only the leader deactivates: one still on an older config must not
        switch off the feeds a newer one added."""
        with self._write() as conn:
            feeds.sync(conn, configured, now or utcnow(), deactivate=deactivate)

    def feeds(self, *, failing: bool = False, include_inactive: bool = False) -> list[FeedHealth]:
        with self._read() as conn:
            return feeds.health(conn, failing=failing, include_inactive=include_inactive)

    def due_feeds(self, now: datetime) -> list[FeedHealth]:
        with self._read() as conn:
            return feeds.due(conn, now)

    def claim_due_feeds(
        self, now: datetime, lease_s: float, limit: int | None = None
    ) -> tuple[list[FeedHealth], datetime]:
        """:meth:`due_feeds` for a worker among several: the feeds returned are due for no one
        else until ``now + lease_s`` (or until their poll is recorded). Returns them and the
        lease's end, for :meth:`release_feeds`."""
        with self._write() as conn:
            return feeds.claim_due(conn, now, lease_s, limit)

    def release_feeds(self, ids: Sequence[int], until: datetime, now: datetime) -> None:
        """Make claimed feeds whose poll was not recorded due again now."""
        with self._write() as conn:
            feeds.release(conn, ids, until, now)

    def record_poll(self, poll: FeedPoll) -> IngestStats:
        """Store a poll's articles and the feed's new state in one transaction."""
        return self.record_polls([poll])[0]

    def record_polls(self, polls: Sequence[FeedPoll]) -> list[IngestStats]:
        """Store several feeds' polls in one transaction (each feed's articles together with
        its new state); the feed rows are written with one executemany. The polls must be
        scheduled (``attempted`` and ``next_due`` set)."""
        if not polls:
            return []
        stats = []
        with self._write() as conn:
            articles.serialize_ingest(conn)
            for poll in polls:
                assert poll.attempted is not None and poll.next_due is not None, (
                    f"poll of feed {poll.feed.id} recorded before it was scheduled"
                )
                stats.append(
                    articles.ingest(conn, poll.feed.id, poll.articles, poll.attempted)
                    if poll.articles
                    else IngestStats()
                )
            feeds.record_polls(conn, polls)
        return stats

    # -- articles ----------------------------------------------------------------------------

    def article_count(self) -> int:
        with self._read() as conn:
            return articles.count(conn)

    def export_articles(self, since: datetime | None = None) -> Iterator[dict[str, Any]]:
        """Stored articles as dicts (the JSON lines of ``monitor export``), oldest first."""
        with self._read() as conn:
            yield from articles.export(conn, since)

    def articles_by_id(self, ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles of these ids (those that exist), with their sources by name."""
        with self._read() as conn:
            return articles.by_id(conn, ids)

    def articles_to_embed(self, limit: int) -> list[ArticleToEmbed]:
        """The articles without vectors, newest first: fresh news before
        backlog. Newest by publication time, bounded by the fetch time (a publisher's clock
        may run ahead; a missing date counts as fetched): on a first start every article is
        fetched within the same minute or two, and the story published a minute ago must not
        wait behind thousands of older ones that happened to be fetched after it."""
        with self._read() as conn:
            return articles.to_embed(conn, limit)

    def claim_articles_to_embed(
        self, limit: int, lease_s: float, now: datetime | None = None
    ) -> list[ArticleToEmbed]:
        """:meth:`articles_to_embed` for a worker among several: the articles come leased to
        this handle for ``lease_s``, and none another handle holds is among them. Storing
        their vectors (:meth:`record_scoring`) ends the leases."""
        with self._write() as conn:
            return articles.claim_to_embed(conn, limit, now or utcnow(), self.owner, lease_s)

    def embed_backlog(self) -> int:
        with self._read() as conn:
            return articles.embed_backlog(conn)

    # -- embeddings and matches -------------------------------------------------------------

    def record_scoring(
        self,
        model: str,
        vectors: Sequence[tuple[str, bytes]],
        found: Sequence[Match],
        planned: Sequence[PlannedDelivery],
        *,
        origin: str = "poll",
        now: datetime | None = None,
        models: Mapping[str, str] | None = None,
        languages: Mapping[str, str] | None = None,
    ) -> list[Match]:
        """Store vectors, the matches found and the planned deliveries of the new ones, in one
        transaction. A match already recorded for an (article, topic) is not recorded again
        and makes no new delivery. Returns the matches that were new. ``models``: the articles
        whose vectors another model than ``model`` made; ``languages``: each embedded
        article's language."""
        now_db = naive(now or utcnow())
        with self._write() as conn:
            scoring.replace_vectors(conn, model, vectors, now_db, models or {}, languages or {})
            articles.end_leases(conn, [article_id for article_id, _ in vectors])
            fresh = scoring.add_new_matches(conn, found, origin, now_db)
            outbox.add_planned(conn, planned, fresh, now_db)
        return fresh

    def iter_vectors(
        self, model: str, since: datetime | None = None, batch: int = 5000
    ) -> Iterator[list[tuple[str, bytes]]]:
        """Stored vectors of one model in batches, for re-scoring without re-embedding."""
        with self._read() as conn:
            yield from scoring.iter_vectors(conn, model, since, batch)

    def matches_for(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Match]:
        with self._read() as conn:
            return scoring.matches_for(conn, pairs)

    def matches_since(
        self, since: datetime, topic_ids: Sequence[str] | None, *, backfilled: bool = False
    ) -> list[Match]:
        with self._read() as conn:
            return scoring.matches_since(conn, since, topic_ids, backfilled=backfilled)

    def match_count(self) -> int:
        with self._read() as conn:
            return scoring.count(conn)

    # -- deliveries (the outbox) ------------------------------------------------------------

    def due_deliveries(
        self, now: datetime, *, kind: DeliveryKind, limit: int | None = None
    ) -> list[Delivery]:
        """Pending deliveries of ``kind`` whose time has come and that nobody is sending."""
        with self._read() as conn:
            return outbox.due(conn, now, kind, limit)

    def claim_deliveries(self, ids: Sequence[str], now: datetime, lease_s: float) -> set[str]:
        """Lease these deliveries to this handle for ``lease_s`` (those still pending and not
        held by another); returns the ids it got. Only the holder records their outcome."""
        with self._write() as conn:
            return outbox.claim(conn, ids, now, self.owner, lease_s)

    def release_deliveries(self, ids: Sequence[str]) -> None:
        """Give back this handle's leases on ``ids`` without an outcome."""
        with self._write() as conn:
            outbox.release(conn, ids, self.owner)

    def add_deliveries(self, planned: Sequence[PlannedDelivery], now: datetime) -> int:
        """Deliveries of matches already recorded (a new subscriber's recent matches, a
        catch-up digest), each once; how many were new."""
        with self._write() as conn:
            return outbox.add_deliveries(conn, planned, naive(now))

    def has_deliveries(self, subscriber: str) -> bool:
        with self._read() as conn:
            return outbox.has_deliveries(conn, subscriber)

    def pending_digest(self, subscriber: str, channel: Channel) -> list[Delivery]:
        with self._read() as conn:
            return outbox.pending_digest(conn, subscriber, channel)

    def digest_channels_due(self, now: datetime) -> list[tuple[str, Channel]]:
        """(subscriber, channel) pairs whose failed digest is due for another try."""
        with self._read() as conn:
            return outbox.digest_channels_due(conn, now)

    def mark_sent(
        self,
        ids: Sequence[str],
        now: datetime,
        *,
        batch_id: str | None = None,
        digest_of: str | None = None,
    ) -> int:
        """Mark this handle's leased deliveries sent (and, for a digest, when the subscriber
        last got one). Returns how many it marked: fewer than ``ids`` when a lease was lost
        (the other worker records those)."""
        with self._write() as conn:
            return outbox.mark_sent(conn, ids, now, batch_id, digest_of, self.owner)

    def mark_failed(
        self,
        ids: Sequence[str],
        now: datetime,
        *,
        error: str,
        next_attempt: datetime,
        give_up_after_s: float,
        permanent: bool,
        batch_id: str | None = None,
    ) -> int:
        """Record a failed attempt of this handle's leased deliveries; rows past the give-up
        time (or failed permanently) become dead letters. Returns how many went dead.
        ``batch_id`` ties the rows to the digest they were tried in, so its retries carry the
        same rows under the same id."""
        with self._write() as conn:
            return outbox.mark_failed(
                conn,
                ids,
                now,
                error=error,
                next_attempt=next_attempt,
                give_up_after_s=give_up_after_s,
                permanent=permanent,
                owner=self.owner,
                batch_id=batch_id,
            )

    def split_batch(
        self, batches: Sequence[tuple[str, Sequence[str]]], *, error: str, next_attempt: datetime
    ) -> None:
        """Record a digest refused for good as pending parts of it, each ``(batch id, ids)``,
        all in one transaction: the parts are tried next, so one item the receiver refuses
        ends up alone, and only it becomes a dead letter."""
        with self._write() as conn:
            outbox.split_batch(
                conn, batches, error=error, next_attempt=next_attempt, owner=self.owner
            )

    def deliveries(
        self, *, status: DeliveryStatus | None = None, subscriber: str | None = None
    ) -> list[Delivery]:
        with self._read() as conn:
            return outbox.listed(conn, status, subscriber)

    def requeue_dead(self, now: datetime) -> int:
        with self._write() as conn:
            return outbox.requeue_dead(conn, now)

    def delivery_counts(self, statuses: Sequence[DeliveryStatus] | None = None) -> dict[str, int]:
        """Deliveries per status (of ``statuses`` only, when given)."""
        with self._read() as conn:
            return outbox.counts(conn, statuses)

    def last_digest(self, subscriber: str) -> datetime | None:
        with self._read() as conn:
            return outbox.last_digest(conn, subscriber)

    # -- retention ---------------------------------------------------------------------------

    def prune(
        self,
        policy: RetentionPolicy,
        now: datetime,
        *,
        batch_size: int = retention.BATCH_SIZE,
        dry_run: bool = False,
        pause_s: float = 0.0,
        stop: Callable[[], bool] | None = None,
    ) -> PruneReport:
        """Remove the rows ``policy`` says have expired at ``now``, oldest first, in batches
        of ``batch_size`` rows (whole articles: fewer, see ``retention.ARTICLE_DELETE_COST``),
        each its own transaction, ``pause_s`` apart (``stop`` ends it between two). A dry run
        removes nothing and reports the same counts. See :mod:`monitor.store.retention` for
        what is kept and for how long."""
        return retention.prune(
            self._read,
            self._write,
            policy,
            now,
            batch_size=batch_size,
            dry_run=dry_run,
            pause_s=pause_s,
            stop=stop,
        )

    def reclaim_space(self, *, pause_s: float = 0.0, stop: Callable[[], bool] | None = None) -> int:
        """SQLite: give the free pages a prune left back to the file system, in short steps
        ``pause_s`` apart (a file in incremental auto-vacuum mode: every new one; ``vacuum``
        switches an older one). Returns the bytes given back. PostgreSQL: autovacuum makes
        the space reusable on its own; nothing to do here (0)."""
        if self.engine.dialect.name != "sqlite":
            return 0
        with _database_errors("cannot give free space back"):
            return retention.reclaim_sqlite(self.engine.connect, pause_s=pause_s, stop=stop)

    def vacuum(self) -> VacuumReport:
        """``monitor vacuum``. SQLite: rebuild the file (all free space given back), in
        incremental auto-vacuum mode from then on; it holds the write lock while it runs.
        PostgreSQL: VACUUM (ANALYZE) the tables retention deletes from."""
        with (
            _database_errors("cannot vacuum the database"),
            self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn,
        ):
            if self.engine.dialect.name == "sqlite":
                return retention.vacuum_sqlite(conn)
            return retention.vacuum_postgresql(conn)

    # -- the database itself -----------------------------------------------------------------

    def db_stats(
        self, now: datetime | None = None, days: int = stats.PER_DAY_DAYS
    ) -> stats.DatabaseStats:
        """Rows and bytes per table, articles per day, the oldest rows, a year's projection
        (see :mod:`monitor.store.stats` for what each costs)."""
        with self._read() as conn:
            return stats.collect(conn, now or utcnow(), days)

    def backup(self, target: Path, *, force: bool = False) -> int:
        """A consistent copy of a SQLite database at ``target`` (safe while others write);
        its size. PostgreSQL: an error that gives the pg_dump command instead."""
        if self.engine.dialect.name != "sqlite":
            raise InputError(
                "monitor backup copies SQLite databases; back up PostgreSQL with pg_dump: "
                + backup.pg_dump_command(self.engine, target)
            )
        return backup.backup_sqlite(self.engine, target, force=force)


@contextmanager
def _database_errors(failed: str = "database error") -> Iterator[None]:
    """Turn the driver's and SQLAlchemy's errors into StoreError: one line, the database's own
    words (``database is locked``) without the SQL statement, which the cause keeps for logs."""
    try:
        yield
    except SQLAlchemyError as exc:
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        detail = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        raise StoreError(f"{failed}: {detail}") from exc


def _sqlite_folder(db: Path) -> None:
    """Make the database file's folder (SQLite makes the file, not its folder: a fresh
    install's ``data/``). A file where a folder must be is the config's mistake (exit 2); a
    folder that cannot be made (permissions, a read-only or full disk) is the machine's."""
    if db.is_dir():
        raise ConfigError(f"{db} is a folder, not a database file", key="storage")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in db.parents if p.exists()), db.parent)
        raise ConfigError(
            f"cannot create database {db}: {blocker} is a file, not a folder", key="storage"
        ) from None
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder of database {db}: {exc.strerror or exc}"
        ) from None


def _upgrade_sqlite(engine: Engine) -> None:
    """Upgrade a SQLite database in one transaction of our own: BEGIN IMMEDIATE (the write lock
    first, so concurrent first opens take turns, and DDL is inside the transaction, which the
    driver's implicit transactions leave out) with foreign keys off (a table rebuild must not
    cascade), checked before the commit."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                schema.upgrade(conn)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise StoreError(f"the schema upgrade broke foreign keys: {broken[:3]}")
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def _wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so). Switching needs the file's exclusive lock, and
    SQLite answers "database is locked" at once, without its busy wait, while another process
    opening a new file at the same moment holds it: retried for the busy timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # A new file (nothing in it yet) is made in incremental auto-vacuum mode, so the space
    # pruned rows leave can be given back in steps; an older file keeps its mode until
    # `monitor vacuum`. Set only then: setting it writes, and another writer may hold the lock.
    if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
        cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
    _wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
