"""All SQL lives here (SQLAlchemy Core). SQLite in WAL mode by default; any SQLAlchemy URL works.

The schema is versioned: ``SCHEMA_VERSION`` and ``_MIGRATIONS`` upgrade an older database in place
on open, so a user upgrading the package keeps their data. Every state change is written in the
same transaction as the work it records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    case,
    create_engine,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from monitor.domain import Article, Delivery, Feed, FeedHealth, Match
from monitor.errors import StoreError
from monitor.poll.clean import NEAR_DUPLICATE_MIN_SENTENCES, NEAR_DUPLICATE_SHARE, story_share
from monitor.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from monitor.store.feedback import FeedbackStore

SCHEMA_VERSION = 2
_IN_CHUNK = 500  # keeps IN (...) lists under SQLite's variable limit

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

feeds = Table(
    "feeds", metadata,
    Column("id", Integer, primary_key=True),
    Column("configured_url", Text, nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("name", Text),
    Column("interval_s", Float, nullable=False),
    Column("full_text", Boolean, nullable=False, default=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("retired", Boolean, nullable=False, default=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_attempt", DateTime),
    Column("last_success", DateTime),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("error_code", String(32)),
    Column("warning", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("next_due", DateTime),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("created", DateTime, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", DateTime),
    Column("fetched", DateTime, nullable=False),
    Column("updated", DateTime),
    Column("content_hash", String(64), nullable=False),
    Column("fingerprint_count", Integer, nullable=False, default=0),
    Index("ix_articles_fetched", "fetched"),
)

fingerprints = Table(
    "fingerprints", metadata,
    Column("hash", BigInteger, nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Index("ix_fingerprints_hash", "hash"),
    Index("ix_fingerprints_article", "article_id"),
)

article_sources = Table(
    "article_sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL")),
    Column("entry_id", String(40), nullable=False),  # the id this copy would have on its own
    Column("url", Text),
    Column("first_seen", DateTime, nullable=False),
    UniqueConstraint("entry_id", "feed_id"),
    Index("ix_sources_entry", "entry_id"),
    Index("ix_sources_article", "article_id"),
)

embeddings = Table(
    "embeddings", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("model", Text, nullable=False),
    Column("vectors", LargeBinary, nullable=False),
    Column("created", DateTime, nullable=False),
)

matches = Table(
    "matches", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("topic_id", String(200), primary_key=True),
    Column("score", Float, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("origin", String(16), nullable=False, default="poll"),  # poll | backfill
    Column("created", DateTime, nullable=False),
    Index("ix_matches_created", "created"),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", String(40), primary_key=True),
    Column("subscriber", Text, nullable=False),
    Column("channel", String(16), nullable=False),  # email | webhook
    Column("kind", String(16), nullable=False),  # instant | digest
    Column("status", String(16), nullable=False),  # pending | sent | dead
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE")),
    Column("topic_id", String(200)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", DateTime),
    Column("last_error", Text),
    Column("created", DateTime, nullable=False),
    Column("queued", DateTime, nullable=False),  # give-up time counts from here (re-queue resets)
    Column("sent_at", DateTime),
    Column("batch_id", String(40)),  # the digest message it went out in
    Index("ix_deliveries_due", "status", "next_attempt"),
    Index("ix_deliveries_subscriber", "subscriber", "status"),
)

digests = Table(
    "digests", metadata,
    Column("subscriber", Text, primary_key=True),
    Column("last_sent", DateTime),
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _naive(value: datetime) -> datetime:
    """Stored as naive UTC: SQLite keeps no offset, and mixing naive and aware corrupts order."""
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _db_time(value: datetime | None) -> datetime | None:
    return None if value is None else _naive(value)


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value




def _chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def delivery_id(*parts: str) -> str:
    """Stable id of a delivery (or a digest batch): the same work always gets the same id."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


@dataclass(frozen=True)
class PlannedDelivery:
    subscriber: str
    channel: str  # email | webhook | outbox
    kind: str  # instant | digest

    def row(self, match: Match, now: datetime) -> dict[str, Any]:
        return {"id": delivery_id(self.subscriber, self.channel, self.kind, match.article_id,
                                  match.topic_id),
                "subscriber": self.subscriber, "channel": self.channel, "kind": self.kind,
                "status": "pending", "article_id": match.article_id, "topic_id": match.topic_id,
                "attempts": 0, "next_attempt": now, "created": now, "queued": now}


@dataclass(frozen=True)
class FeedUpdate:
    """The outcome of one poll of one feed, as the store records it."""

    attempted: datetime
    next_due: datetime
    status: int | None = None
    ok: bool = False
    error_code: str | None = None
    error: str | None = None
    warning: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    retired: bool = False


@dataclass(frozen=True)
class IngestStats:
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    unchanged: int = 0
    new_ids: tuple[str, ...] = ()  # new and updated articles: what matching must look at


# One statement for every kind of poll outcome, so a batch of them is one executemany. The
# b_* flags say which columns this outcome changes (success: validators, counters; failure:
# the failure count; a permanent redirect: the URL; 410: retired).
_FEED_UPDATE = (
    feeds.update().where(feeds.c.id == bindparam("b_id")).values(
        last_attempt=bindparam("b_attempted", type_=DateTime),
        next_due=bindparam("b_next_due", type_=DateTime),
        last_status=bindparam("b_status", type_=Integer),
        error_code=bindparam("b_error_code", type_=String),
        last_error=bindparam("b_error", type_=Text),
        warning=bindparam("b_warning", type_=Text),
        last_success=func.coalesce(bindparam("b_success", type_=DateTime), feeds.c.last_success),
        consecutive_failures=case((bindparam("b_ok", type_=Boolean), 0),
                                  else_=feeds.c.consecutive_failures + 1),
        items_seen=feeds.c.items_seen + bindparam("b_items", type_=Integer),
        etag=case((bindparam("b_validators", type_=Boolean), bindparam("b_etag", type_=Text)),
                  else_=feeds.c.etag),
        last_modified=case((bindparam("b_validators2", type_=Boolean),
                            bindparam("b_last_modified", type_=Text)),
                           else_=feeds.c.last_modified),
        url=func.coalesce(bindparam("b_moved_to", type_=Text), feeds.c.url),
        retired=or_(feeds.c.retired, bindparam("b_retired", type_=Boolean)),
    ))


# The lookups of one poll's ingest, built once: expanding IN parameters spare SQLAlchemy the
# coercion of every value into a literal each time (a third of the ingest's CPU before).
_OWNERS = select(article_sources.c.entry_id, article_sources.c.article_id).where(
    article_sources.c.entry_id.in_(bindparam("ids", expanding=True)))
_HASHES = select(articles.c.id, articles.c.content_hash).where(
    articles.c.id.in_(bindparam("ids", expanding=True)))
_SOURCED = select(article_sources.c.entry_id).where(
    article_sources.c.feed_id == bindparam("feed"),
    article_sources.c.entry_id.in_(bindparam("ids", expanding=True)))
_HOLDERS = (select(fingerprints.c.hash, fingerprints.c.article_id, articles.c.fingerprint_count)
            .join(articles, articles.c.id == fingerprints.c.article_id)
            .where(fingerprints.c.hash.in_(bindparam("hashes", expanding=True))))


def _feed_update_row(feed_id: int, update: FeedUpdate, n_items: int) -> dict[str, Any]:
    validators = update.ok and (update.etag is not None or update.last_modified is not None
                                or update.status == 200)
    return {"b_id": feed_id, "b_attempted": _db_time(update.attempted),
            "b_next_due": _db_time(update.next_due), "b_status": update.status,
            "b_error_code": update.error_code, "b_error": update.error,
            "b_warning": update.warning,
            "b_success": _db_time(update.attempted) if update.ok else None,
            "b_ok": update.ok, "b_items": n_items if update.ok else 0,
            "b_validators": validators, "b_validators2": validators,
            "b_etag": update.etag, "b_last_modified": update.last_modified,
            "b_moved_to": update.moved_to or None, "b_retired": update.retired}


class Store:
    """A database handle. Create with :meth:`open`, which upgrades the schema."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open database {parsed!r}: {exc}") from None
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        store._upgrade()
        return store

    def close(self) -> None:
        self.engine.dispose()

    @property
    def feedback(self) -> FeedbackStore:
        """The analyst's labels. Imported here: monitor.store.feedback builds on this module."""
        from monitor.store.feedback import FeedbackStore

        return FeedbackStore(self.engine)

    # -- schema ------------------------------------------------------------------------------

    def _upgrade(self) -> None:
        try:
            with self.engine.begin() as conn:
                metadata.tables["meta"].create(conn, checkfirst=True)
                row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version"))
                current = int(row.scalar() or 0)
                if current > SCHEMA_VERSION:
                    raise StoreError(
                        f"database schema version {current} is newer than this monitor "
                        f"understands ({SCHEMA_VERSION}); upgrade the monitor package")
                for version in range(current + 1, SCHEMA_VERSION + 1):
                    _MIGRATIONS[version](conn)
                if current != SCHEMA_VERSION:
                    values = {"key": "schema_version", "value": str(SCHEMA_VERSION)}
                    if current:
                        conn.execute(meta.update().where(meta.c.key == "schema_version")
                                     .values(value=str(SCHEMA_VERSION)))
                    else:
                        conn.execute(meta.insert().values(**values))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open or upgrade the database: {exc}") from None

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version"))
            return int(value.scalar() or 0)

    # -- feeds -------------------------------------------------------------------------------

    def sync_feeds(self, configured: Sequence[Feed], now: datetime | None = None) -> None:
        """Make the feeds table follow the config: add new feeds, update names and intervals,
        deactivate feeds no longer configured (their history stays)."""
        now = _db_time(now or utcnow())
        wanted = {f.url: f for f in configured}
        with self.engine.begin() as conn:
            rows = conn.execute(select(feeds.c.id, feeds.c.configured_url)).all()
            known = {r.configured_url: r.id for r in rows}
            for url, feed_id in known.items():
                feed = wanted.get(url)
                values: dict[str, Any] = {"active": feed is not None}
                if feed is not None:
                    values.update(name=feed.name, interval_s=feed.every_s,
                                  full_text=feed.full_text)
                conn.execute(feeds.update().where(feeds.c.id == feed_id).values(**values))
            new = [dict(configured_url=f.url, url=f.url, name=f.name, interval_s=f.every_s,
                        full_text=f.full_text, active=True, retired=False,
                        consecutive_failures=0, items_seen=0, created=now, next_due=now)
                   for f in configured if f.url not in known]
            if new:
                conn.execute(feeds.insert(), new)

    def feeds(self, *, failing: bool = False, include_inactive: bool = False) -> list[FeedHealth]:
        query = select(feeds).order_by(feeds.c.id)
        if not include_inactive:
            query = query.where(feeds.c.active.is_(True))
        if failing:
            query = query.where(or_(feeds.c.consecutive_failures > 0, feeds.c.retired.is_(True)))
        with self.engine.connect() as conn:
            return [_feed_health(r) for r in conn.execute(query)]

    def due_feeds(self, now: datetime) -> list[FeedHealth]:
        query = (select(feeds).where(feeds.c.active.is_(True), feeds.c.retired.is_(False),
                                     or_(feeds.c.next_due.is_(None),
                                         feeds.c.next_due <= _db_time(now)))
                 .order_by(feeds.c.next_due))
        with self.engine.connect() as conn:
            return [_feed_health(r) for r in conn.execute(query)]

    def record_poll(self, feed_id: int, update: FeedUpdate,
                    items: Sequence[Article] = ()) -> IngestStats:
        """Store a poll's articles and the feed's new state in one transaction."""
        return self.record_polls([(feed_id, update, items)])[0]

    def record_polls(self, polls: Sequence[tuple[int, FeedUpdate, Sequence[Article]]]
                     ) -> list[IngestStats]:
        """Store several feeds' polls in one transaction (each feed's articles together with
        its new state); the feed rows are written with one executemany."""
        if not polls:
            return []
        with self.engine.begin() as conn:
            stats = [self._ingest(conn, feed_id, items, update.attempted) if items
                     else IngestStats() for feed_id, update, items in polls]
            conn.execute(_FEED_UPDATE, [_feed_update_row(feed_id, update, len(items))
                                        for feed_id, update, items in polls])
        return stats

    # -- articles ----------------------------------------------------------------------------

    def _ingest(self, conn: Connection, feed_id: int, items: Sequence[Article],
                now: datetime) -> IngestStats:
        now_db = _db_time(now)
        ids = list({a.id for a in items})
        owner: dict[str, str] = {}  # entry id -> the article it was stored as
        for chunk in _chunks(ids):
            for r in conn.execute(_OWNERS, {"ids": chunk}):
                owner[r.entry_id] = r.article_id
        hashes: dict[str, str] = {}
        for chunk in _chunks(ids):
            for r in conn.execute(_HASHES, {"ids": chunk}):
                hashes[r.id] = r.content_hash
                owner.setdefault(r.id, r.id)
        sourced = self._sourced(conn, feed_id, ids)
        twins = _Twins(conn, [a for a in items if a.id not in owner])
        new = updated = dupes = unchanged = 0
        fresh: list[str] = []
        # Inserts are collected and written with one executemany per table at the end (the
        # lookups above and the in-memory twins already see this poll's own articles).
        rows = _Rows()
        for article in items:
            target = owner.get(article.id)
            if target is None:
                target = twins.find(article)
                if target is None:
                    rows.articles.append(dict(
                        id=article.id, url=article.url, title=article.title, text=article.text,
                        published=_db_time(article.published), fetched=now_db,
                        content_hash=article.content_hash,
                        fingerprint_count=len(set(article.fingerprints))))
                    rows.add_fingerprints(article)
                    twins.add(article)
                    hashes[article.id] = article.content_hash
                    target = article.id
                    fresh.append(target)
                    new += 1
                else:
                    dupes += 1
                owner[article.id] = target
            elif target == article.id and hashes.get(target) != article.content_hash:
                # The publisher edited the entry: same article, new text, vectors stale.
                rows.write(conn)  # the row being edited may be one of this poll's inserts
                conn.execute(articles.update().where(articles.c.id == target).values(
                    title=article.title, text=article.text, updated=now_db,
                    content_hash=article.content_hash,
                    fingerprint_count=len(set(article.fingerprints))))
                conn.execute(fingerprints.delete().where(fingerprints.c.article_id == target))
                rows.add_fingerprints(article)
                conn.execute(embeddings.delete().where(embeddings.c.article_id == target))
                hashes[target] = article.content_hash
                fresh.append(target)
                updated += 1
            elif target != article.id:
                dupes += 1
            else:
                unchanged += 1
            if article.id not in sourced:
                rows.sources.append(dict(article_id=target, feed_id=feed_id, entry_id=article.id,
                                         url=article.url, first_seen=now_db))
                sourced.add(article.id)
        rows.write(conn)
        return IngestStats(new=new, updated=updated, duplicates=dupes, unchanged=unchanged,
                           new_ids=tuple(fresh))

    @staticmethod
    def _sourced(conn: Connection, feed_id: int, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids):
            found.update(conn.execute(_SOURCED, {"feed": feed_id, "ids": chunk}).scalars())
        return found

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)

    def export_articles(self, since: datetime | None = None) -> Iterator[dict[str, Any]]:
        """Stored articles as dicts (the JSON lines of ``monitor export``), oldest first."""
        query = select(articles).order_by(articles.c.fetched, articles.c.id)
        if since is not None:
            query = query.where(articles.c.fetched >= _db_time(since))
        with self.engine.connect() as conn:
            for chunk in _batched(conn.execute(query), _IN_CHUNK):
                sources = self._source_urls(conn, [r.id for r in chunk])
                for r in chunk:
                    yield {"id": r.id, "url": r.url, "title": r.title, "text": r.text,
                           "published": _iso(r.published), "feeds": sources.get(r.id, []),
                           "fetched": _iso(r.fetched)}

    @staticmethod
    def _source_urls(conn: Connection, ids: Sequence[str], *,
                     names: bool = False) -> dict[str, list[str]]:
        """The feeds that carried each article, by URL (or by name where one is set)."""
        out: dict[str, list[str]] = {}
        label = func.coalesce(feeds.c.name, feeds.c.url) if names else feeds.c.url
        query = (select(article_sources.c.article_id, label.label("source"))
                 .join(feeds, feeds.c.id == article_sources.c.feed_id)
                 .where(article_sources.c.article_id.in_(ids))
                 .order_by(article_sources.c.id))
        for r in conn.execute(query):
            sources = out.setdefault(r.article_id, [])
            if r.source not in sources:
                sources.append(r.source)
        return out

    def articles_by_id(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids)):
                sources = self._source_urls(conn, chunk, names=True)
                for r in conn.execute(select(articles).where(articles.c.id.in_(chunk))):
                    out[r.id] = {"id": r.id, "url": r.url, "title": r.title, "text": r.text,
                                 "published": _aware(r.published), "fetched": _aware(r.fetched),
                                 "sources": sources.get(r.id, [])}
        return out


    # -- embeddings and matches -------------------------------------------------------------

    def articles_to_embed(self, limit: int) -> list[tuple[str, str, str]]:
        """(id, title, text) of articles without vectors, newest first: fresh news before
        backlog. Newest by publication time, bounded by the fetch time (a publisher's clock
        may run ahead; a missing date counts as fetched): on a first start every article is
        fetched within the same minute or two, and the story published a minute ago must not
        wait behind thousands of older ones that happened to be fetched after it."""
        published = articles.c.published
        newest = case((and_(published.is_not(None), published < articles.c.fetched),
                       published), else_=articles.c.fetched)
        query = (select(articles.c.id, articles.c.title, articles.c.text)
                 .outerjoin(embeddings, embeddings.c.article_id == articles.c.id)
                 .where(embeddings.c.article_id.is_(None))
                 .order_by(newest.desc(), articles.c.fetched.desc(), articles.c.id)
                 .limit(limit))
        with self.engine.connect() as conn:
            return [(r.id, r.title, r.text) for r in conn.execute(query)]

    def embed_backlog(self) -> int:
        query = (select(func.count()).select_from(articles)
                 .outerjoin(embeddings, embeddings.c.article_id == articles.c.id)
                 .where(embeddings.c.article_id.is_(None)))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def record_scoring(self, model: str, vectors: Sequence[tuple[str, bytes]],
                       found: Sequence[Match], plan: Callable[[Match], Sequence[PlannedDelivery]],
                       *, origin: str = "poll", now: datetime | None = None) -> list[Match]:
        """Store vectors, the matches found and the deliveries they make due, in one
        transaction. A match already recorded for an (article, topic) is not recorded again
        and makes no new delivery. Returns the matches that were new."""
        now_db = _naive(now or utcnow())
        with self.engine.begin() as conn:
            ids = [article_id for article_id, _ in vectors]
            for chunk in _chunks(ids):
                conn.execute(embeddings.delete().where(embeddings.c.article_id.in_(chunk)))
            if vectors:
                conn.execute(embeddings.insert(), [
                    {"article_id": i, "model": model, "vectors": v, "created": now_db}
                    for i, v in vectors])
            fresh = self._new_matches(conn, found)
            if fresh:
                conn.execute(matches.insert(), [
                    {"article_id": m.article_id, "topic_id": m.topic_id, "score": m.score,
                     "evidence": json.dumps(m.evidence, ensure_ascii=False), "origin": origin,
                     "created": now_db} for m in fresh])
            rows = {r["id"]: r for m in fresh for p in plan(m) for r in [p.row(m, now_db)]}
            for chunk in _chunks(list(rows)):
                existing = set(conn.execute(select(deliveries.c.id)
                                            .where(deliveries.c.id.in_(chunk))).scalars())
                for key in existing:
                    rows.pop(key)
            if rows:
                conn.execute(deliveries.insert(), list(rows.values()))
        return fresh

    @staticmethod
    def _new_matches(conn: Connection, found: Sequence[Match]) -> list[Match]:
        fresh: dict[tuple[str, str], Match] = {}
        for m in found:
            if m.matched:
                fresh.setdefault((m.article_id, m.topic_id), m)
        for chunk in _chunks(sorted({m.article_id for m in fresh.values()})):
            for r in conn.execute(select(matches.c.article_id, matches.c.topic_id)
                                  .where(matches.c.article_id.in_(chunk))):
                fresh.pop((r.article_id, r.topic_id), None)
        return list(fresh.values())

    def iter_vectors(self, model: str, since: datetime | None = None,
                     batch: int = 5000) -> Iterator[list[tuple[str, bytes]]]:
        """Stored vectors of one model in batches, for re-scoring without re-embedding."""
        query = select(embeddings.c.article_id, embeddings.c.vectors).where(
            embeddings.c.model == model)
        if since is not None:
            query = query.join(articles, articles.c.id == embeddings.c.article_id).where(
                articles.c.fetched >= _db_time(since))
        with self.engine.connect() as conn:
            for rows in _batched(conn.execute(query.execution_options(stream_results=True)),
                                 batch):
                yield [(r.article_id, r.vectors) for r in rows]

    def matches_for(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Match]:
        wanted = set(pairs)
        out: dict[tuple[str, str], Match] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted({a for a, _ in wanted})):
                for r in conn.execute(select(matches).where(matches.c.article_id.in_(chunk))):
                    if (r.article_id, r.topic_id) in wanted:
                        out[(r.article_id, r.topic_id)] = Match(
                            r.article_id, r.topic_id, r.score, True, json.loads(r.evidence))
        return out

    def match_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(matches)).scalar() or 0)

    # -- deliveries (the outbox) ------------------------------------------------------------

    def due_deliveries(self, now: datetime, *, kind: str) -> list[Delivery]:
        query = (select(deliveries)
                 .where(deliveries.c.status == "pending", deliveries.c.kind == kind,
                        deliveries.c.next_attempt <= _db_time(now))
                 .order_by(deliveries.c.created, deliveries.c.id))
        with self.engine.connect() as conn:
            return [_delivery(r) for r in conn.execute(query)]

    def pending_digest(self, subscriber: str, channel: str) -> list[Delivery]:
        query = (select(deliveries)
                 .where(deliveries.c.status == "pending", deliveries.c.kind == "digest",
                        deliveries.c.subscriber == subscriber, deliveries.c.channel == channel)
                 .order_by(deliveries.c.created, deliveries.c.id))
        with self.engine.connect() as conn:
            return [_delivery(r) for r in conn.execute(query)]

    def digest_channels_due(self, now: datetime) -> list[tuple[str, str]]:
        """(subscriber, channel) pairs whose failed digest is due for another try."""
        query = (select(deliveries.c.subscriber, deliveries.c.channel).distinct()
                 .where(deliveries.c.status == "pending", deliveries.c.kind == "digest",
                        deliveries.c.attempts > 0, deliveries.c.next_attempt <= _db_time(now)))
        with self.engine.connect() as conn:
            return [(r.subscriber, r.channel) for r in conn.execute(query)]

    def mark_sent(self, ids: Sequence[str], now: datetime, *, batch_id: str | None = None,
                  digest_of: str | None = None) -> None:
        """Mark deliveries sent (and, for a digest, when the subscriber last got one)."""
        now_db = _db_time(now)
        with self.engine.begin() as conn:
            for chunk in _chunks(list(ids)):
                conn.execute(deliveries.update().where(deliveries.c.id.in_(chunk)).values(
                    status="sent", sent_at=now_db, batch_id=batch_id, last_error=None,
                    attempts=deliveries.c.attempts + 1))
            if digest_of is not None:
                updated = conn.execute(digests.update().where(digests.c.subscriber == digest_of)
                                       .values(last_sent=now_db))
                if not updated.rowcount:
                    conn.execute(digests.insert().values(subscriber=digest_of, last_sent=now_db))

    def mark_failed(self, ids: Sequence[str], now: datetime, *, error: str,
                    next_attempt: datetime, give_up_after_s: float, permanent: bool) -> int:
        """Record a failed attempt; rows past the give-up time (or failed permanently) become
        dead letters. Returns how many went dead."""
        deadline = _naive(now) - timedelta(seconds=give_up_after_s)
        dead = 0
        with self.engine.begin() as conn:
            for chunk in _chunks(list(ids)):
                base = deliveries.c.id.in_(chunk)
                values = {"attempts": deliveries.c.attempts + 1, "last_error": error[:500]}
                if permanent:
                    dead += conn.execute(deliveries.update().where(base).values(
                        status="dead", **values)).rowcount
                    continue
                dead += conn.execute(deliveries.update().where(
                    base, deliveries.c.queued <= deadline).values(status="dead", **values)
                ).rowcount
                conn.execute(deliveries.update().where(base, deliveries.c.status == "pending")
                             .values(next_attempt=_db_time(next_attempt), **values))
        return dead

    def deliveries(self, *, status: str | None = None,
                   subscriber: str | None = None) -> list[Delivery]:
        query = select(deliveries).order_by(deliveries.c.created, deliveries.c.id)
        if status is not None:
            query = query.where(deliveries.c.status == status)
        if subscriber is not None:
            query = query.where(deliveries.c.subscriber == subscriber)
        with self.engine.connect() as conn:
            return [_delivery(r) for r in conn.execute(query)]

    def requeue_dead(self, now: datetime) -> int:
        now_db = _db_time(now)
        with self.engine.begin() as conn:
            return int(conn.execute(deliveries.update().where(deliveries.c.status == "dead")
                                    .values(status="pending", attempts=0, next_attempt=now_db,
                                            queued=now_db)).rowcount)

    def delivery_counts(self) -> dict[str, int]:
        query = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
        with self.engine.connect() as conn:
            return {status: int(n) for status, n in conn.execute(query)}

    def last_digest(self, subscriber: str) -> datetime | None:
        with self.engine.connect() as conn:
            return _aware(conn.execute(select(digests.c.last_sent)
                                       .where(digests.c.subscriber == subscriber)).scalar())


def _delivery(r: Any) -> Delivery:
    return Delivery(id=r.id, subscriber=r.subscriber, channel=r.channel, kind=r.kind,
                    status=r.status, article_id=r.article_id, topic_id=r.topic_id,
                    attempts=r.attempts, next_attempt=_aware(r.next_attempt),
                    last_error=r.last_error, created=_aware(r.created), sent_at=_aware(r.sent_at))


class _Twins:
    """Finds, for articles about to be stored, an already stored (or just stored) article
    that is the same story: one that shares most sentence fingerprints."""

    def __init__(self, conn: Connection, candidates: Sequence[Article]) -> None:
        self.holders: dict[int, set[str]] = {}  # fingerprint -> articles that have it
        self.sizes: dict[str, int] = {}
        wanted = sorted({_signed64(h) for a in candidates for h in a.fingerprints
                         if len(set(a.fingerprints)) >= NEAR_DUPLICATE_MIN_SENTENCES})
        for chunk in _chunks(wanted):
            for r in conn.execute(_HOLDERS, {"hashes": chunk}):
                self.holders.setdefault(r.hash, set()).add(r.article_id)
                self.sizes[r.article_id] = r.fingerprint_count

    def find(self, article: Article) -> str | None:
        own = {_signed64(h) for h in article.fingerprints}
        if len(own) < NEAR_DUPLICATE_MIN_SENTENCES:
            return None
        shared: dict[str, int] = {}
        for h in own:
            for holder in self.holders.get(h, ()):
                shared[holder] = shared.get(holder, 0) + 1
        best: str | None = None
        best_share = NEAR_DUPLICATE_SHARE
        for holder, count in sorted(shared.items()):
            share = story_share(count, len(own), self.sizes[holder])
            if share >= best_share:
                best, best_share = holder, share
        return best

    def add(self, article: Article) -> None:
        own = {_signed64(h) for h in article.fingerprints}
        self.sizes[article.id] = len(own)
        for h in own:
            self.holders.setdefault(h, set()).add(article.id)


class _Rows:
    """Rows to insert for one feed's poll, written together (parents first)."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.fingerprints: list[dict[str, Any]] = []
        self.sources: list[dict[str, Any]] = []

    def add_fingerprints(self, article: Article) -> None:
        self.fingerprints.extend({"hash": h, "article_id": article.id}
                                 for h in sorted({_signed64(h) for h in article.fingerprints}))

    def write(self, conn: Connection) -> None:
        for table, rows in ((articles, self.articles), (fingerprints, self.fingerprints),
                            (article_sources, self.sources)):
            if rows:
                conn.execute(table.insert(), rows)
                rows.clear()


def _batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=UTC).isoformat()


def _feed_health(r: Any) -> FeedHealth:
    return FeedHealth(
        id=r.id, url=r.url, name=r.name, configured_url=r.configured_url,
        interval_s=r.interval_s, full_text=bool(r.full_text), etag=r.etag,
        last_modified=r.last_modified, last_attempt=_aware(r.last_attempt),
        last_success=_aware(r.last_success), last_status=r.last_status, last_error=r.last_error,
        error_code=r.error_code, warning=r.warning, consecutive_failures=r.consecutive_failures,
        next_due=_aware(r.next_due), items_seen=r.items_seen, retired=bool(r.retired))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# version -> the step that upgrades version-1 to it; the steps build frozen copies of their
# version's tables (monitor.store.migrations).
_MIGRATIONS: dict[int, Callable[[Connection], None]] = MIGRATIONS
