"""The tables, the schema version and its migrations, and how values are kept in columns.

The schema is versioned: ``SCHEMA_VERSION`` and the steps of :mod:`monitor.store.migrations`
(each with its version's tables, frozen) upgrade an older database in place on open, so a user
upgrading the package keeps their data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

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
    false,
    select,
    text,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from monitor.errors import StoreError
from monitor.store.migrations import MIGRATIONS, url_hash

SCHEMA_VERSION = 9
__all__ = ["url_hash"]  # what the articles' unique url_hash column holds (frozen with v4)
IN_CHUNK = 500  # keeps IN (...) lists under SQLite's variable limit

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
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
    # full_text: auto (fetch the pages of summaries only); full_text above is true only for
    # full_text: true.
    Column("full_text_auto", Boolean, nullable=False, default=False, server_default=false()),
    # The median length of the entries' own texts at the last poll that read any.
    Column("text_chars", Integer),
    Index("ix_feeds_due", "next_due"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text, nullable=False),
    Column("url_hash", String(64), nullable=False),  # unique: see migrations.url_hash
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", DateTime),
    Column("fetched", DateTime, nullable=False),
    Column("updated", DateTime),
    Column("content_hash", String(64), nullable=False),
    Column("fingerprint_count", Integer, nullable=False, default=0),
    Column("language", String(16)),  # detected when embedded (ISO 639-1); NULL before
    # The language its feed declares (ISO 639), which detection leans on; NULL for none.
    Column("declared_language", String(16)),
    # When retention dropped its text and vectors (it matched nothing); URL and fingerprints
    # stay, so a re-published copy is still known. NULL while the text is kept.
    Column("text_dropped", DateTime),
    # Its current text went through the embed stage (vectors stored): what the embed backlog
    # is told by, through a partial index holding only the articles still waiting. Written
    # false by ingest (default=False); the database's default, true, is what the rows stored
    # before v5 read as, without rewriting them (the upgrade marks those waiting).
    Column("embedded", Boolean, nullable=False, default=False, server_default=true()),
    Index("ix_articles_fetched", "fetched"),
    Index("ux_articles_url_hash", "url_hash", unique=True),
    Index("ix_articles_text_kept", "text_dropped", "fetched", "id"),
)
UNEMBEDDED = articles.c.embedded.is_(False)  # the predicate of the partial index, verbatim
Index(
    "ix_articles_unembedded",
    articles.c.fetched,
    sqlite_where=UNEMBEDDED,
    postgresql_where=UNEMBEDDED,
)

fingerprints = Table(
    "fingerprints",
    metadata,
    Column("hash", BigInteger, nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Index("ix_fingerprints_hash", "hash"),
    Index("ix_fingerprints_article", "article_id"),
)

article_sources = Table(
    "article_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL")),
    Column("entry_id", String(40), nullable=False),  # the id this copy would have on its own
    Column("url", Text),
    Column("first_seen", DateTime, nullable=False),
    UniqueConstraint("entry_id", "feed_id"),
    Index("ix_sources_entry", "entry_id"),
    Index("ix_sources_article", "article_id"),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column(
        "article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("model", Text, nullable=False),
    Column("vectors", LargeBinary, nullable=False),
    Column("created", DateTime, nullable=False),
)

matches = Table(
    "matches",
    metadata,
    Column(
        "article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("topic_id", String(200), primary_key=True),
    Column("score", Float, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("origin", String(16), nullable=False, default="poll"),  # poll | backfill
    Column("created", DateTime, nullable=False),
    Index("ix_matches_created", "created"),
    Index("ix_matches_topic_created", "topic_id", "created"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("subscriber", Text, nullable=False),
    # The values of monitor.domain's Channel, DeliveryKind and DeliveryStatus.
    Column("channel", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE")),
    Column("topic_id", String(200)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", DateTime),
    Column("last_error", Text),
    Column("created", DateTime, nullable=False),
    Column("queued", DateTime, nullable=False),  # give-up time counts from here (re-queue resets)
    Column("sent_at", DateTime),
    Column("batch_id", String(40)),  # the digest message it went out in
    # Who is sending it now, and until when: only that worker may record the outcome.
    Column("lease_owner", String(64)),
    Column("lease_until", DateTime),
    Index("ix_deliveries_due", "status", "next_attempt"),
    Index("ix_deliveries_subscriber", "subscriber", "status"),
    Index("ix_deliveries_article", "article_id"),  # an article's deletion finds its rows
    Index("ix_deliveries_sent", "status", "sent_at"),  # retention's oldest sent rows
    Index("ix_deliveries_created", "created"),
)

# An article being embedded by a worker, until when: the others leave it alone meanwhile.
embed_leases = Table(
    "embed_leases",
    metadata,
    Column(
        "article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("owner", String(64), nullable=False),
    Column("until", DateTime, nullable=False),
)

digests = Table(
    "digests",
    metadata,
    Column("subscriber", Text, primary_key=True),
    Column("last_sent", DateTime),
)


feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item", String(200), nullable=False),
    Column("article_id", String(40)),  # no foreign key: the label outlives the article
    Column("topic_id", String(200), nullable=False),
    Column("relevant", Boolean, nullable=False),
    Column("source", String(16), nullable=False),  # cli | import | email | ui
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("model", Text, nullable=False),  # the model that made ``vectors``
    Column("vectors", LargeBinary, nullable=False),  # ArticleVectors.to_bytes()
    Column("created", DateTime, nullable=False),
    # The language ``vectors`` were read in (ISO 639, as the embed stage detected it) and the
    # one the article's feed declared: kept with the label, as its text is, because they
    # decide which model and background read it once its article is gone.
    Column("language", String(16)),
    Column("declared_language", String(16)),
    # The label's zero-shot score for its topic, which learning is fit on, and the matcher it
    # is of (``Matcher.fingerprint``: the models, the watchlist, the matcher's code): kept so
    # that a start or a reload does not score every labeled text again. NULL until learned.
    Column("zero_shot", Float),
    Column("zero_shot_by", String(64)),
    UniqueConstraint("item", "topic_id"),
    Index("ix_feedback_topic", "topic_id"),
    Index("ix_feedback_article", "article_id"),  # retention keeps a labeled article
    sqlite_autoincrement=True,  # ids never reused: a replaced label must change the marker
)


# PostgreSQL: the transaction-scoped advisory lock every upgrade takes first, so that processes
# opening one database at the same time upgrade it one after the other (the later ones find it
# done). SQLite: the caller's BEGIN IMMEDIATE does the same.
MIGRATION_LOCK_KEY = 0x6D6F6E6D  # "monm"


def upgrade(conn: Connection) -> None:
    """Bring the schema to ``SCHEMA_VERSION``; refuse a database written by a newer monitor.
    Runs in the caller's transaction, which it holds the migration lock for."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
    metadata.tables["meta"].create(conn, checkfirst=True)
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this monitor "
            f"understands ({SCHEMA_VERSION}); upgrade the monitor package"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[version](conn)
    if current != SCHEMA_VERSION:
        values = {"key": "schema_version", "value": str(SCHEMA_VERSION)}
        if current:
            conn.execute(
                meta.update()
                .where(meta.c.key == "schema_version")
                .values(value=str(SCHEMA_VERSION))
            )
        else:
            conn.execute(meta.insert().values(**values))


def schema_version(conn: Connection) -> int:
    """The database's schema version; 0 for an empty database."""
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    value = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version"))
    return int(value.scalar() or 0)


def get_meta(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
    return None if value is None else str(value)


def set_meta(conn: Connection, key: str, value: str) -> None:
    insert = upsert(conn, meta)
    conn.execute(
        insert.values(key=key, value=value).on_conflict_do_update(
            index_elements=[meta.c.key], set_={"value": value}
        )
    )


# -- how values are kept -----------------------------------------------------------------------


def upsert(conn: Connection, table: Table) -> Any:
    """An INSERT that can say ON CONFLICT, in the dialect of ``conn`` (both speak it alike)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def utcnow() -> datetime:
    return datetime.now(UTC)


def naive(value: datetime) -> datetime:
    """Stored as naive UTC: SQLite keeps no offset, and mixing naive and aware corrupts order."""
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def db_time(value: datetime | None) -> datetime | None:
    return None if value is None else naive(value)


def aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=UTC).isoformat()


def signed64(value: int) -> int:
    """A 64-bit fingerprint as the signed BIGINT a column can hold."""
    return value - (1 << 64) if value >= 1 << 63 else value


def chunks(items: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
