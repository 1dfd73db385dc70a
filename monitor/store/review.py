"""What the web UI reads: per-topic counts, a topic's recent matches with their labels, the
newest embedded articles (for near-misses), the outbox's latest rows, and the server's secret.

Every query is bounded (a page of rows, an indexed range), so a page costs the same with
100,000 stored articles as with 100.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from monitor.domain import Article, Delivery, DeliveryStatus
from monitor.store import articles as article_rows
from monitor.store.outbox import _delivery
from monitor.store.schema import (
    articles,
    chunks,
    db_time,
    deliveries,
    embeddings,
    feedback,
    matches,
    meta,
)

if TYPE_CHECKING:
    from monitor.store.store import Store

SECRET_KEY = "server_secret"


@dataclass(frozen=True)
class TopicCounts:
    today: int = 0
    week: int = 0
    labels: int = 0  # labels on this topic's matches
    relevant: int = 0  # of those, marked relevant

    @property
    def precision(self) -> float | None:
        return self.relevant / self.labels if self.labels else None


@dataclass(frozen=True)
class StoredMatch:
    article: Article
    topic_id: str
    score: float
    evidence: dict[str, Any]
    created: datetime
    label: bool | None  # the analyst's label for (article, topic), if any


def server_secret(conn: Connection) -> str:
    """The key that signs feedback links, made on first use and kept in the database."""
    found = conn.execute(select(meta.c.value).where(meta.c.key == SECRET_KEY)).scalar()
    if found is not None:
        return str(found)
    value = secrets.token_urlsafe(32)
    try:
        with conn.begin_nested():
            conn.execute(meta.insert().values(key=SECRET_KEY, value=value))
    except IntegrityError:  # another process made it first: theirs is the one
        return str(conn.execute(select(meta.c.value).where(meta.c.key == SECRET_KEY)).scalar())
    return value


def topic_counts(conn: Connection, day: datetime, week: datetime) -> dict[str, TopicCounts]:
    since_day, since_week = db_time(day), db_time(week)
    # The week's rows first, from the created index, then grouped: grouping straight from the
    # table, SQLite (without statistics) would rather read the whole (topic, created) index
    # for its order, every match of the year.
    recent = (
        select(matches.c.topic_id, matches.c.created)
        .where(matches.c.created >= since_week)
        .cte("week")
        .prefix_with("MATERIALIZED")
    )
    counted = conn.execute(
        select(
            recent.c.topic_id,
            func.sum(case((recent.c.created >= since_day, 1), else_=0)),
            func.count(),
        ).group_by(recent.c.topic_id)
    ).all()
    labeled = conn.execute(
        select(
            feedback.c.topic_id,
            func.count(),
            func.sum(case((feedback.c.relevant, 1), else_=0)),
        )
        .join(
            matches,
            and_(
                matches.c.article_id == feedback.c.article_id,
                matches.c.topic_id == feedback.c.topic_id,
            ),
        )
        .group_by(feedback.c.topic_id)
    ).all()
    out: dict[str, TopicCounts] = {}
    for row in counted:
        out[row[0]] = TopicCounts(int(row[1] or 0), int(row[2]))
    for row in labeled:
        old = out.get(row[0], TopicCounts())
        out[row[0]] = TopicCounts(old.today, old.week, int(row[1]), int(row[2] or 0))
    return out


def recent_matches(
    conn: Connection, topic_id: str | None, limit: int, offset: int = 0
) -> list[StoredMatch]:
    """A topic's matches (every topic's with None), newest first."""
    query = select(matches).order_by(matches.c.created.desc(), matches.c.article_id)
    if topic_id is not None:
        query = query.where(matches.c.topic_id == topic_id)
    rows = conn.execute(query.limit(limit).offset(offset)).all()
    stored = article_rows.by_id(conn, [r.article_id for r in rows])
    labels = labels_of(conn, [(r.article_id, r.topic_id) for r in rows])
    return [
        StoredMatch(
            stored[r.article_id],
            r.topic_id,
            float(r.score),
            json.loads(r.evidence),
            r.created,
            labels.get((r.article_id, r.topic_id)),
        )
        for r in rows
        if r.article_id in stored
    ]


def labels_of(conn: Connection, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bool]:
    """The label of each (item, topic) that has one."""
    wanted = set(pairs)
    out: dict[tuple[str, str], bool] = {}
    for chunk in chunks(sorted({item for item, _ in wanted})):
        query = select(feedback.c.item, feedback.c.topic_id, feedback.c.relevant).where(
            feedback.c.item.in_(chunk)
        )
        for r in conn.execute(query):
            if (r.item, r.topic_id) in wanted:
                out[(r.item, r.topic_id)] = bool(r.relevant)
    return out


def newest_embedded(
    conn: Connection, limit: int, matched_to: str
) -> list[tuple[str, str, str, bytes, str, str | None]]:
    """(id, title, text, vectors, the model that made them, language) of the newest embedded
    articles that did not match ``matched_to``: where its near-misses are."""
    query = (
        select(
            articles.c.id,
            articles.c.title,
            articles.c.text,
            embeddings.c.vectors,
            embeddings.c.model,
            articles.c.language,
        )
        .join(embeddings, embeddings.c.article_id == articles.c.id)
        .outerjoin(
            matches,
            and_(matches.c.article_id == articles.c.id, matches.c.topic_id == matched_to),
        )
        .where(matches.c.article_id.is_(None))
        .order_by(articles.c.fetched.desc())
        .limit(limit)
    )
    return [(r.id, r.title, r.text, r.vectors, r.model, r.language) for r in conn.execute(query)]


def latest_deliveries(
    conn: Connection, status: DeliveryStatus | None, limit: int
) -> list[Delivery]:
    query = select(deliveries).order_by(deliveries.c.created.desc(), deliveries.c.id).limit(limit)
    if status is not None:
        query = query.where(deliveries.c.status == status)
    return [_delivery(r) for r in conn.execute(query)]


def requeue(conn: Connection, ids: Sequence[str], now: datetime) -> int:
    """Put these dead letters back in the queue (the others are left as they are)."""
    now_db = db_time(now)
    total = 0
    for chunk in chunks(list(ids)):
        total += int(
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id.in_(chunk), deliveries.c.status == DeliveryStatus.DEAD)
                .values(
                    status=DeliveryStatus.PENDING, attempts=0, next_attempt=now_db, queued=now_db
                )
            ).rowcount
        )
    return total


class ReviewStore:
    """The web UI's part of the :class:`~monitor.store.store.Store`, in its transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def server_secret(self) -> str:
        with self.store._write() as conn:
            return server_secret(conn)

    def topic_counts(self, day: datetime, week: datetime) -> dict[str, TopicCounts]:
        with self.store._read() as conn:
            return topic_counts(conn, day, week)

    def recent_matches(
        self, topic_id: str | None, limit: int, offset: int = 0
    ) -> list[StoredMatch]:
        with self.store._read() as conn:
            return recent_matches(conn, topic_id, limit, offset)

    def labels_of(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bool]:
        with self.store._read() as conn:
            return labels_of(conn, pairs)

    def newest_embedded(
        self, limit: int, matched_to: str
    ) -> list[tuple[str, str, str, bytes, str, str | None]]:
        with self.store._read() as conn:
            return newest_embedded(conn, limit, matched_to)

    def latest_deliveries(self, status: DeliveryStatus | None, limit: int) -> list[Delivery]:
        with self.store._read() as conn:
            return latest_deliveries(conn, status, limit)

    def requeue(self, ids: Sequence[str], now: datetime) -> int:
        with self.store._write() as conn:
            return requeue(conn, ids, now)
