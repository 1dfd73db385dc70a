"""Article rows: ingesting a poll's articles (same-story detection by sentence fingerprints),
export, reading articles back, and which ones still need vectors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, func, select, text
from sqlalchemy.engine import Connection

from monitor.domain import Article, ArticleToEmbed, IngestStats
from monitor.poll.clean import (
    NEAR_DUPLICATE_MIN_SENTENCES,
    NEAR_DUPLICATE_SHARE,
    boilerplate,
    story_share,
)
from monitor.store.schema import (
    IN_CHUNK,
    UNEMBEDDED,
    article_sources,
    articles,
    aware,
    batched,
    chunks,
    db_time,
    embed_leases,
    embeddings,
    feeds,
    fingerprints,
    iso,
    naive,
    signed64,
    upsert,
    url_hash,
)

# The lookups of one poll's ingest, built once: expanding IN parameters spare SQLAlchemy the
# coercion of every value into a literal each time (a third of the ingest's CPU before).
_OWNERS = select(article_sources.c.entry_id, article_sources.c.article_id).where(
    article_sources.c.entry_id.in_(bindparam("ids", expanding=True))
)
_HASHES = select(articles.c.id, articles.c.content_hash).where(
    articles.c.id.in_(bindparam("ids", expanding=True))
)
_SOURCED = select(article_sources.c.entry_id).where(
    article_sources.c.feed_id == bindparam("feed"),
    article_sources.c.entry_id.in_(bindparam("ids", expanding=True)),
)
_HOLDERS = (
    select(fingerprints.c.hash, fingerprints.c.article_id, articles.c.fingerprint_count)
    .join(articles, articles.c.id == fingerprints.c.article_id)
    .where(fingerprints.c.hash.in_(bindparam("hashes", expanding=True)))
)


# PostgreSQL: the transaction-scoped advisory lock an ingest write holds. Same-story detection
# reads the stored fingerprints and then inserts: two workers storing two copies of one story
# at once would each miss the other's. One ingest write at a time keeps it exact; the writes
# are short, the fetching and parsing stay parallel. Retention's deletions take it too: a
# stored story must not vanish between the lookup that found it and the insert of its copy.
INGEST_LOCK_KEY = 0x6D6F6E64  # "mond"


def serialize_ingest(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": INGEST_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        # SQLite has one writer, but the driver begins the transaction at the first INSERT,
        # after the lookups: the write lock is taken first instead, so both see one database.
        driver: Any = conn.connection.driver_connection
        if not driver.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def ingest(conn: Connection, feed_id: int, items: Sequence[Article], now: datetime) -> IngestStats:
    """Store one feed's polled articles: new ones, publisher edits, and copies of a stored
    story (same id, or most sentence fingerprints shared) as another source of it."""
    items = _without_boilerplate(items)
    now_db = db_time(now)
    ids = list({a.id for a in items})
    owner: dict[str, str] = {}  # entry id -> the article it was stored as
    for chunk in chunks(ids):
        for r in conn.execute(_OWNERS, {"ids": chunk}):
            owner[r.entry_id] = r.article_id
    hashes: dict[str, str] = {}
    for chunk in chunks(ids):
        for r in conn.execute(_HASHES, {"ids": chunk}):
            hashes[r.id] = r.content_hash
            owner.setdefault(r.id, r.id)
    sourced = _sourced(conn, feed_id, ids)
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
                rows.articles.append(
                    dict(
                        id=article.id,
                        url=article.url,
                        url_hash=url_hash(article.url),
                        title=article.title,
                        text=article.text,
                        published=db_time(article.published),
                        fetched=now_db,
                        content_hash=article.content_hash,
                        fingerprint_count=len(set(article.fingerprints)),
                        declared_language=article.declared_language,
                    )
                )
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
            conn.execute(
                articles.update()
                .where(articles.c.id == target)
                .values(
                    title=article.title,
                    text=article.text,
                    updated=now_db,
                    content_hash=article.content_hash,
                    fingerprint_count=len(set(article.fingerprints)),
                    declared_language=article.declared_language,
                    text_dropped=None,  # new text: kept (and embedded) again
                    embedded=False,
                )
            )
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
            rows.sources.append(
                dict(
                    article_id=target,
                    feed_id=feed_id,
                    entry_id=article.id,
                    url=article.url,
                    first_seen=now_db,
                )
            )
            sourced.add(article.id)
    rows.write(conn)
    return IngestStats(
        new=new, updated=updated, duplicates=dupes, unchanged=unchanged, new_ids=tuple(fresh)
    )


def _without_boilerplate(items: Sequence[Article]) -> Sequence[Article]:
    """The articles without the sentences their feed repeats across its entries: neither
    compared nor stored, so no later poll matches on them either. A feed document lists the
    publisher's latest items, not only the new ones (15 to 60 in the news-site snapshots of the
    test corpus, 2 in the smallest), so a footer recurs within each poll: no memory across
    polls is needed to see it."""
    common = boilerplate(a.fingerprints for a in items)
    if not common:
        return items
    return [
        replace(a, fingerprints=tuple(h for h in a.fingerprints if h not in common))
        if common.intersection(a.fingerprints)
        else a
        for a in items
    ]


def _sourced(conn: Connection, feed_id: int, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(ids):
        found.update(conn.execute(_SOURCED, {"feed": feed_id, "ids": chunk}).scalars())
    return found


class _Twins:
    """Finds, for articles about to be stored, an already stored (or just stored) article
    that is the same story: one that shares most sentence fingerprints."""

    def __init__(self, conn: Connection, candidates: Sequence[Article]) -> None:
        self.holders: dict[int, set[str]] = {}  # fingerprint -> articles that have it
        self.sizes: dict[str, int] = {}
        wanted = sorted(
            {
                signed64(h)
                for a in candidates
                for h in a.fingerprints
                if len(set(a.fingerprints)) >= NEAR_DUPLICATE_MIN_SENTENCES
            }
        )
        for chunk in chunks(wanted):
            for r in conn.execute(_HOLDERS, {"hashes": chunk}):
                self.holders.setdefault(r.hash, set()).add(r.article_id)
                self.sizes[r.article_id] = r.fingerprint_count

    def find(self, article: Article) -> str | None:
        own = {signed64(h) for h in article.fingerprints}
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
        own = {signed64(h) for h in article.fingerprints}
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
        self.fingerprints.extend(
            {"hash": h, "article_id": article.id}
            for h in sorted({signed64(h) for h in article.fingerprints})
        )

    def write(self, conn: Connection) -> None:
        for table, rows in (
            (articles, self.articles),
            (fingerprints, self.fingerprints),
            (article_sources, self.sources),
        ):
            if rows:
                conn.execute(table.insert(), rows)
                rows.clear()


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)


def export(conn: Connection, since: datetime | None) -> Iterator[dict[str, Any]]:
    query = select(articles).order_by(articles.c.fetched, articles.c.id)
    if since is not None:
        query = query.where(articles.c.fetched >= db_time(since))
    for chunk in batched(conn.execute(query), IN_CHUNK):
        sources = _sources(conn, [r.id for r in chunk])
        for r in chunk:
            yield {
                "id": r.id,
                "url": r.url,
                "title": r.title,
                "text": r.text,
                "published": iso(r.published),
                "feeds": sources.get(r.id, []),
                "fetched": iso(r.fetched),
                "language": r.language,
                "declared_language": r.declared_language,
            }


def by_id(conn: Connection, ids: Sequence[str]) -> dict[str, Article]:
    out: dict[str, Article] = {}
    for chunk in chunks(list(ids)):
        sources = _sources(conn, chunk, names=True)
        for r in conn.execute(select(articles).where(articles.c.id.in_(chunk))):
            out[r.id] = Article(
                id=r.id,
                url=r.url,
                title=r.title,
                text=r.text,
                published=aware(r.published),
                content_hash=r.content_hash,
                sources=tuple(sources.get(r.id, [])),
                fetched=aware(r.fetched),
                language=r.language,
                declared_language=r.declared_language,
            )
    return out


def _sources(conn: Connection, ids: Sequence[str], *, names: bool = False) -> dict[str, list[str]]:
    """The feeds that carried each article, by URL (or by name where one is set)."""
    out: dict[str, list[str]] = {}
    label = func.coalesce(feeds.c.name, feeds.c.url) if names else feeds.c.url
    query = (
        select(article_sources.c.article_id, label.label("source"))
        .join(feeds, feeds.c.id == article_sources.c.feed_id)
        .where(article_sources.c.article_id.in_(ids))
        .order_by(article_sources.c.id)
    )
    for r in conn.execute(query):
        sources = out.setdefault(r.article_id, [])
        if r.source not in sources:
            sources.append(r.source)
    return out


def _to_embed_query(limit: int) -> Select[Any]:
    # Newest by publication time, bounded by the fetch time (a publisher's clock may run
    # ahead; a missing date counts as fetched).
    published = articles.c.published
    newest = case(
        (and_(published.is_not(None), published < articles.c.fetched), published),
        else_=articles.c.fetched,
    )
    return (
        select(articles.c.id, articles.c.title, articles.c.text, articles.c.declared_language)
        .where(UNEMBEDDED)
        .order_by(newest.desc(), articles.c.fetched.desc(), articles.c.id)
        .limit(limit)
    )


def to_embed(conn: Connection, limit: int) -> list[ArticleToEmbed]:
    return [ArticleToEmbed(*r) for r in conn.execute(_to_embed_query(limit))]


def claim_to_embed(
    conn: Connection, limit: int, now: datetime, owner: str, lease_s: float
) -> list[ArticleToEmbed]:
    """Like :func:`to_embed`, leaving out articles another worker holds a live lease on, and
    leasing those returned to ``owner``. Rows another transaction is claiming are skipped
    (FOR UPDATE SKIP LOCKED), so two claimers get disjoint batches."""
    now_db = db_time(now)
    held = (
        select(embed_leases.c.article_id)
        .where(
            embed_leases.c.article_id == articles.c.id,
            embed_leases.c.until > now_db,
            embed_leases.c.owner != owner,
        )
        .exists()
    )
    query = _to_embed_query(limit).where(~held).with_for_update(of=articles, skip_locked=True)
    rows = [ArticleToEmbed(*r) for r in conn.execute(query)]
    if rows:
        until = naive(now) + timedelta(seconds=lease_s)
        insert = upsert(conn, embed_leases)
        conn.execute(
            insert.on_conflict_do_update(
                index_elements=[embed_leases.c.article_id],
                set_={"owner": insert.excluded.owner, "until": insert.excluded.until},
            ),
            [{"article_id": r[0], "owner": owner, "until": until} for r in rows],
        )
    return rows


def end_leases(conn: Connection, ids: Sequence[str]) -> None:
    """The articles' vectors are stored: their embedding leases end."""
    for chunk in chunks(list(ids)):
        conn.execute(embed_leases.delete().where(embed_leases.c.article_id.in_(chunk)))


def embed_backlog(conn: Connection) -> int:
    """Read from the partial index of the articles waiting: as cheap as the backlog is short."""
    query = select(func.count()).select_from(articles).where(UNEMBEDDED)
    return int(conn.execute(query).scalar() or 0)
