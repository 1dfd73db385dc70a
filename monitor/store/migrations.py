"""Schema migrations, each with the table definitions of its own version, frozen.

A step builds tables as they were when its version was released, never from the live
definitions in :mod:`monitor.store.store` (which move on): a database created by an old release
and one created now must both reach the current schema through the same steps. Never edit a
released step; a new schema version appends one.
"""

from __future__ import annotations

from collections.abc import Callable

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
)
from sqlalchemy.engine import Connection

# -- version 1 (the first release) -----------------------------------------------------------

_v1 = MetaData()

Table(
    "feeds",
    _v1,
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

Table(
    "articles",
    _v1,
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

Table(
    "fingerprints",
    _v1,
    Column("hash", BigInteger, nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Index("ix_fingerprints_hash", "hash"),
    Index("ix_fingerprints_article", "article_id"),
)

Table(
    "article_sources",
    _v1,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL")),
    Column("entry_id", String(40), nullable=False),
    Column("url", Text),
    Column("first_seen", DateTime, nullable=False),
    UniqueConstraint("entry_id", "feed_id"),
    Index("ix_sources_entry", "entry_id"),
    Index("ix_sources_article", "article_id"),
)

Table(
    "embeddings",
    _v1,
    Column(
        "article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("model", Text, nullable=False),
    Column("vectors", LargeBinary, nullable=False),
    Column("created", DateTime, nullable=False),
)

Table(
    "matches",
    _v1,
    Column(
        "article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("topic_id", String(200), primary_key=True),
    Column("score", Float, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("origin", String(16), nullable=False, default="poll"),
    Column("created", DateTime, nullable=False),
    Index("ix_matches_created", "created"),
)

Table(
    "deliveries",
    _v1,
    Column("id", String(40), primary_key=True),
    Column("subscriber", Text, nullable=False),
    Column("channel", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE")),
    Column("topic_id", String(200)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", DateTime),
    Column("last_error", Text),
    Column("created", DateTime, nullable=False),
    Column("queued", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Column("batch_id", String(40)),
    Index("ix_deliveries_due", "status", "next_attempt"),
    Index("ix_deliveries_subscriber", "subscriber", "status"),
)

Table(
    "digests",
    _v1,
    Column("subscriber", Text, primary_key=True),
    Column("last_sent", DateTime),
)


def create_v1(conn: Connection) -> None:
    _v1.create_all(conn)


# -- version 2: the analyst's labels ----------------------------------------------------------

_v2 = MetaData()

Table(
    "feedback",
    _v2,
    Column("id", Integer, primary_key=True),
    Column("item", String(200), nullable=False),
    Column("article_id", String(40)),
    Column("topic_id", String(200), nullable=False),
    Column("relevant", Boolean, nullable=False),
    Column("source", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("model", Text, nullable=False),
    Column("vectors", LargeBinary, nullable=False),
    Column("created", DateTime, nullable=False),
    UniqueConstraint("item", "topic_id"),
    Index("ix_feedback_topic", "topic_id"),
    sqlite_autoincrement=True,
)


def add_feedback(conn: Connection) -> None:
    _v2.create_all(conn)


# -- version 3: each article's language ---------------------------------------------------------


def add_article_language(conn: Connection) -> None:
    """The language the embed stage detected (ISO 639-1), written with the vectors; NULL for
    an article embedded before (read as unknown)."""
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN language VARCHAR(16)")


# version -> the step that upgrades version-1 to it.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: create_v1,
    2: add_feedback,
    3: add_article_language,
}
