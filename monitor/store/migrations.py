"""Schema migrations, each with the table definitions of its own version, frozen.

A step builds tables as they were when its version was released, never from the live
definitions in :mod:`monitor.store.store` (which move on): a database created by an old release
and one created now must both reach the current schema through the same steps. Never edit a
released step; a new schema version appends one.
"""

from __future__ import annotations

import hashlib
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
    false,
    inspect,
    text,
    true,
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


# -- version 4: many workers on one database ---------------------------------------------------
# The URL's uniqueness moves to a hash of it (PostgreSQL's btree refuses an index entry over
# ~2.7 KB, and article URLs of 6 KB exist); deliveries and articles waiting for vectors get
# leases, so that several processes can share the work without doing any of it twice.


def url_hash(url: str) -> str:
    """What the unique index on article URLs holds: fixed-size, whatever the URL's length."""
    return hashlib.sha256(url.encode()).hexdigest()


_v4 = MetaData()


def _v4_articles(name: str, metadata: MetaData) -> Table:
    """The v4 articles table under ``name`` (SQLite builds it beside the old one first), with
    its indexes."""
    return Table(
        name,
        metadata,
        Column("id", String(40), primary_key=True),
        Column("url", Text, nullable=False),
        Column("url_hash", String(64), nullable=False),
        Column("title", Text, nullable=False),
        Column("text", Text, nullable=False),
        Column("published", DateTime),
        Column("fetched", DateTime, nullable=False),
        Column("updated", DateTime),
        Column("content_hash", String(64), nullable=False),
        Column("fingerprint_count", Integer, nullable=False, default=0),
        Column("language", String(16)),
        Index("ix_articles_fetched", "fetched"),
        Index("ux_articles_url_hash", "url_hash", unique=True),
    )


_v4_articles("articles", _v4)

Table(
    "embed_leases",
    _v4,
    Column(
        "article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("owner", String(64), nullable=False),
    Column("until", DateTime, nullable=False),
)

_V4_DELIVERY_COLUMNS = (Column("lease_owner", String(64)), Column("lease_until", DateTime))


def url_hashes_and_leases(conn: Connection) -> None:
    """In place, nothing lost: articles gain ``url_hash`` (filled from each stored URL) and
    lose the unique index on the URL text; deliveries gain a lease; ``embed_leases`` is new."""
    if conn.dialect.name == "sqlite":
        _rebuild_sqlite_articles(conn)
    else:
        conn.execute(text("ALTER TABLE articles ADD COLUMN url_hash VARCHAR(64)"))
        _fill_url_hashes(conn, "articles")
        conn.execute(text("ALTER TABLE articles ALTER COLUMN url_hash SET NOT NULL"))
        for unique in inspect(conn).get_unique_constraints("articles"):
            if unique["column_names"] == ["url"] and unique["name"]:
                conn.execute(text(f'ALTER TABLE articles DROP CONSTRAINT "{unique["name"]}"'))
        [unique_hash] = [i for i in _v4.tables["articles"].indexes if i.unique]
        unique_hash.create(conn)
    for column in _V4_DELIVERY_COLUMNS:
        kind = column.type.compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE deliveries ADD COLUMN {column.name} {kind}"))
    _v4.tables["embed_leases"].create(conn)


def _fill_url_hashes(conn: Connection, table: str) -> None:
    """In one statement, in the database (no row comes through memory): SQLite calls
    :func:`url_hash`, PostgreSQL computes the same hex SHA-256."""
    if conn.dialect.name == "sqlite":
        conn.connection.driver_connection.create_function(  # type: ignore[union-attr]
            "monitor_url_hash", 1, url_hash, deterministic=True
        )
        computed = "monitor_url_hash(url)"
    else:
        computed = "encode(sha256(convert_to(url, 'UTF8')), 'hex')"
    conn.execute(text(f"UPDATE {table} SET url_hash = {computed}"))


def _rebuild_sqlite_articles(conn: Connection) -> None:
    """SQLite cannot drop a column's UNIQUE: the table is rebuilt (its rows copied, the
    children's foreign keys follow the name). The caller has foreign keys off."""
    rebuilt = _v4_articles("articles_v4", MetaData())
    for index in list(rebuilt.indexes):  # their names are the old table's until it is gone
        rebuilt.indexes.discard(index)
    rebuilt.create(conn)
    copied = [c.name for c in rebuilt.columns if c.name != "url_hash"]
    names = ", ".join(copied)
    conn.execute(
        text(f"INSERT INTO articles_v4 ({names}, url_hash) SELECT {names}, id FROM articles")
    )
    _fill_url_hashes(conn, "articles_v4")
    conn.execute(text("DROP TABLE articles"))
    conn.execute(text("ALTER TABLE articles_v4 RENAME TO articles"))
    for index in _v4.tables["articles"].indexes:
        index.create(conn)


# -- version 5: retention -----------------------------------------------------------------------
# Articles that matched nothing lose their text and vectors after a while (``text_dropped``
# says when); the indexes let retention find expired rows oldest first without a scan, and an
# article's deletion find its deliveries (cascade) and labels.

_V5_RETENTION_INDEXES = (
    ("ix_articles_text_kept", "articles", ("text_dropped", "fetched", "id")),
    ("ix_deliveries_article", "deliveries", ("article_id",)),
    ("ix_deliveries_sent", "deliveries", ("status", "sent_at")),
    ("ix_feedback_article", "feedback", ("article_id",)),
)


def retention(conn: Connection) -> None:
    """In place, nothing lost: articles gain ``text_dropped`` (NULL: text kept); the
    retention indexes are built."""
    kind = DateTime().compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE articles ADD COLUMN text_dropped {kind}"))
    for name, table, columns in _V5_RETENTION_INDEXES:
        conn.execute(text(f"CREATE INDEX {name} ON {table} ({', '.join(columns)})"))


# -- version 5, too: every hot-path query served by an index ---------------------------------------
# The embed backlog was an anti-join of all articles with their vectors (every article read,
# at each /healthz and each embed batch): articles now say whether they are embedded, and a
# partial index holds those still waiting. Due feeds, a topic's matches and the latest
# deliveries get the indexes their queries need.

_v5 = MetaData()
_v5_articles = Table(
    "articles",
    _v5,
    Column("fetched", DateTime),
    Column("embedded", Boolean, nullable=False, default=False, server_default=true()),
)
_V5_INDEXES = (
    Index(
        "ix_articles_unembedded",
        _v5_articles.c.fetched,
        sqlite_where=_v5_articles.c.embedded.is_(False),
        postgresql_where=_v5_articles.c.embedded.is_(False),
    ),
    Index("ix_feeds_due", Table("feeds", _v5, Column("next_due", DateTime)).c.next_due),
    Index(
        "ix_matches_topic_created",
        *Table("matches", _v5, Column("topic_id", String(200)), Column("created", DateTime)).c,
    ),
    Index("ix_deliveries_created", Table("deliveries", _v5, Column("created", DateTime)).c.created),
)


def index_hot_paths(conn: Connection) -> None:
    """In place: articles gain ``embedded``, true for the rows already stored (a column
    default: no row is rewritten) but those without vectors, the backlog, few; a feed without
    a next poll time (older releases could leave one NULL, read as due) is due since it was
    added, so that the due query is one range of its index; the hot paths' indexes are
    built."""
    column = _v5_articles.c.embedded
    kind = column.type.compile(dialect=conn.dialect)
    default = true().compile(dialect=conn.dialect)
    conn.execute(
        text(f"ALTER TABLE articles ADD COLUMN embedded {kind} NOT NULL DEFAULT {default}")
    )
    waiting = false().compile(dialect=conn.dialect)
    conn.execute(
        text(
            f"UPDATE articles SET embedded = {waiting} WHERE NOT EXISTS "
            "(SELECT 1 FROM embeddings WHERE embeddings.article_id = articles.id)"
        )
    )
    conn.execute(text("UPDATE feeds SET next_due = created WHERE next_due IS NULL"))
    for index in _V5_INDEXES:
        index.create(conn)


# -- version 5, too: PostgreSQL's autovacuum keeps up with the prunes --------------------------
# Autovacuum comes when a table's dead rows pass 20 % of its rows (the server's default scale
# factor). A day's prune deletes one day of the 180 the fingerprints and sources are kept
# (0.6 % of them): dead rows would pile up for over a month of prunes (bench/years.py saw 5 %
# dead after a prune, and no autovacuum). 2 %: a few days' prunes at most, while a vacuum of
# the large fingerprints indexes still does not come after every prune.

AUTOVACUUM_SCALE_FACTOR = 0.02
_V5_PRUNED_TABLES = (
    "articles",
    "fingerprints",
    "article_sources",
    "embeddings",
    "matches",
    "deliveries",
)


def autovacuum_after_prunes(conn: Connection) -> None:
    """PostgreSQL: the pruned tables' own autovacuum threshold (a storage parameter, set in
    place). SQLite has no autovacuum to tune: the prune job gives its free pages back."""
    if conn.dialect.name != "postgresql":
        return
    for table in _V5_PRUNED_TABLES:
        conn.execute(
            text(
                f"ALTER TABLE {table} SET "
                f"(autovacuum_vacuum_scale_factor = {AUTOVACUUM_SCALE_FACTOR})"
            )
        )


def version_5(conn: Connection) -> None:
    """Retention's column and indexes, then the hot paths', then autovacuum's thresholds
    (one release, one version)."""
    retention(conn)
    index_hot_paths(conn)
    autovacuum_after_prunes(conn)


# -- version 6: summary-only feeds ------------------------------------------------------------


def summary_feeds(conn: Connection) -> None:
    """In place: feeds gain ``full_text_auto`` (false for every feed stored: it is new) and
    ``text_chars``, the median length of their entries' own texts (NULL until the next poll)."""
    kind = Boolean().compile(dialect=conn.dialect)
    default = false().compile(dialect=conn.dialect)
    conn.execute(
        text(f"ALTER TABLE feeds ADD COLUMN full_text_auto {kind} NOT NULL DEFAULT {default}")
    )
    conn.execute(text(f"ALTER TABLE feeds ADD COLUMN text_chars {Integer().compile()}"))


# -- version 7: the language a feed declares ---------------------------------------------------


def add_declared_language(conn: Connection) -> None:
    """Each article's language as its feed declares it (ISO 639): what detection leans on for a
    headline alone. NULL for the articles stored before, as for a feed that declares none."""
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN declared_language VARCHAR(16)")


# -- version 8: a label's languages ---------------------------------------------------------


def label_languages(conn: Connection) -> None:
    """Each label keeps the language its vectors were read in and its feed's declaration,
    taken from its article where that is still stored (NULL otherwise: read from the label's
    own text, as before)."""
    for column in ("language", "declared_language"):
        conn.exec_driver_sql(f"ALTER TABLE feedback ADD COLUMN {column} VARCHAR(16)")
        conn.exec_driver_sql(
            f"UPDATE feedback SET {column} = "
            f"(SELECT articles.{column} FROM articles WHERE articles.id = feedback.article_id) "
            "WHERE article_id IS NOT NULL"
        )


# -- version 9: a label's zero-shot score ------------------------------------------------------


def label_zero_shot(conn: Connection) -> None:
    """Each label keeps its zero-shot score and the matcher it is of (NULL for the labels
    stored before: scored at the next learning, as before, and kept then)."""
    conn.exec_driver_sql("ALTER TABLE feedback ADD COLUMN zero_shot FLOAT")
    conn.exec_driver_sql("ALTER TABLE feedback ADD COLUMN zero_shot_by VARCHAR(64)")


# version -> the step that upgrades version-1 to it.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: create_v1,
    2: add_feedback,
    3: add_article_language,
    4: url_hashes_and_leases,
    5: version_5,
    6: summary_feeds,
    7: add_declared_language,
    8: label_languages,
    9: label_zero_shot,
}
