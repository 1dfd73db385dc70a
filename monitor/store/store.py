"""The Store façade: the one database handle the rest of the program uses.

Each public method is one unit of work: it opens the transaction (or read connection) and calls
the SQL of the area it concerns (``feeds``, ``articles``, ``scoring``, ``outbox``), so every state
change is written in the same transaction as the work it records. Every database error leaves
here as a :class:`~monitor.errors.StoreError`. SQLite runs in WAL mode; any SQLAlchemy URL works.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from monitor.domain import (
    Article,
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
from monitor.errors import ConfigError, StoreError
from monitor.store import articles, feeds, outbox, schema, scoring
from monitor.store.feedback import FeedbackStore
from monitor.store.outbox import PlannedDelivery
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
    """A database handle. Create with :meth:`open`, which upgrades the schema."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

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
        with (
            _database_errors(f"cannot open or upgrade the database {shown}"),
            engine.begin() as conn,
        ):
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

    @contextmanager
    def lock(self, key: int) -> Iterator[bool]:
        """Try PostgreSQL's session advisory lock ``key`` on a connection of its own; yields
        whether it was taken, and holds it until the block ends."""
        with self._read() as conn:
            taken = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
            try:
                yield taken
            finally:
                if taken:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})

    # -- feeds -------------------------------------------------------------------------------

    def sync_feeds(self, configured: Sequence[Feed], now: datetime | None = None) -> None:
        """Make the feeds table follow the config: add new feeds, update names and intervals,
        deactivate feeds no longer configured (their history stays)."""
        with self._write() as conn:
            feeds.sync(conn, configured, now or utcnow())

    def feeds(self, *, failing: bool = False, include_inactive: bool = False) -> list[FeedHealth]:
        with self._read() as conn:
            return feeds.health(conn, failing=failing, include_inactive=include_inactive)

    def due_feeds(self, now: datetime) -> list[FeedHealth]:
        with self._read() as conn:
            return feeds.due(conn, now)

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

    def articles_to_embed(self, limit: int) -> list[tuple[str, str, str]]:
        """(id, title, text) of articles without vectors, newest first: fresh news before
        backlog. Newest by publication time, bounded by the fetch time (a publisher's clock
        may run ahead; a missing date counts as fetched): on a first start every article is
        fetched within the same minute or two, and the story published a minute ago must not
        wait behind thousands of older ones that happened to be fetched after it."""
        with self._read() as conn:
            return articles.to_embed(conn, limit)

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

    def due_deliveries(self, now: datetime, *, kind: DeliveryKind) -> list[Delivery]:
        with self._read() as conn:
            return outbox.due(conn, now, kind)

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
    ) -> None:
        """Mark deliveries sent (and, for a digest, when the subscriber last got one)."""
        with self._write() as conn:
            outbox.mark_sent(conn, ids, now, batch_id, digest_of)

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
        """Record a failed attempt; rows past the give-up time (or failed permanently) become
        dead letters. Returns how many went dead. ``batch_id`` ties the rows to the digest they
        were tried in, so its retries carry the same rows under the same id."""
        with self._write() as conn:
            return outbox.mark_failed(
                conn,
                ids,
                now,
                error=error,
                next_attempt=next_attempt,
                give_up_after_s=give_up_after_s,
                permanent=permanent,
                batch_id=batch_id,
            )

    def split_batch(
        self, batches: Sequence[tuple[str, Sequence[str]]], *, error: str, next_attempt: datetime
    ) -> None:
        """Record a digest refused for good as pending parts of it, each ``(batch id, ids)``,
        all in one transaction: the parts are tried next, so one item the receiver refuses
        ends up alone, and only it becomes a dead letter."""
        with self._write() as conn:
            outbox.split_batch(conn, batches, error=error, next_attempt=next_attempt)

    def deliveries(
        self, *, status: DeliveryStatus | None = None, subscriber: str | None = None
    ) -> list[Delivery]:
        with self._read() as conn:
            return outbox.listed(conn, status, subscriber)

    def requeue_dead(self, now: datetime) -> int:
        with self._write() as conn:
            return outbox.requeue_dead(conn, now)

    def delivery_counts(self) -> dict[str, int]:
        with self._read() as conn:
            return outbox.counts(conn)

    def last_digest(self, subscriber: str) -> datetime | None:
        with self._read() as conn:
            return outbox.last_digest(conn, subscriber)


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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
