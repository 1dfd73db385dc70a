"""Delivery rows (the transactional outbox) and when each subscriber last got a digest."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from monitor.domain import Channel, Delivery, DeliveryKind, DeliveryStatus, Match
from monitor.store.schema import aware, chunks, db_time, deliveries, digests, naive


def delivery_id(*parts: str) -> str:
    """Stable id of a delivery (or a digest batch): the same work always gets the same id."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


@dataclass(frozen=True)
class PlannedDelivery:
    """A delivery a match makes due: recorded only if the match itself is new."""

    subscriber: str
    channel: Channel
    kind: DeliveryKind
    article_id: str
    topic_id: str

    @classmethod
    def of(
        cls, match: Match, subscriber: str, channel: Channel, kind: DeliveryKind
    ) -> PlannedDelivery:
        return cls(subscriber, channel, kind, match.article_id, match.topic_id)

    @property
    def id(self) -> str:
        return delivery_id(self.subscriber, self.channel, self.kind, self.article_id, self.topic_id)


def add_planned(
    conn: Connection,
    planned: Sequence[PlannedDelivery],
    new_matches: Sequence[Match],
    now: datetime,
) -> None:
    """Insert the planned deliveries of the new matches, each once (its id is stable)."""
    new = {(m.article_id, m.topic_id) for m in new_matches}
    add_deliveries(conn, [p for p in planned if (p.article_id, p.topic_id) in new], now)


def add_deliveries(conn: Connection, planned: Sequence[PlannedDelivery], now: datetime) -> int:
    """Insert the planned deliveries not recorded yet (by their stable id); how many were."""
    rows = {
        p.id: {
            "id": p.id,
            "subscriber": p.subscriber,
            "channel": p.channel,
            "kind": p.kind,
            "status": DeliveryStatus.PENDING,
            "article_id": p.article_id,
            "topic_id": p.topic_id,
            "attempts": 0,
            "next_attempt": now,
            "created": now,
            "queued": now,
        }
        for p in planned
    }
    for chunk in chunks(list(rows)):
        existing = set(
            conn.execute(select(deliveries.c.id).where(deliveries.c.id.in_(chunk))).scalars()
        )
        for key in existing:
            rows.pop(key)
    if rows:
        conn.execute(deliveries.insert(), list(rows.values()))
    return len(rows)


def has_deliveries(conn: Connection, subscriber: str) -> bool:
    query = select(deliveries.c.id).where(deliveries.c.subscriber == subscriber).limit(1)
    return conn.execute(query).first() is not None


def due(conn: Connection, now: datetime, kind: DeliveryKind) -> list[Delivery]:
    query = (
        select(deliveries)
        .where(
            deliveries.c.status == DeliveryStatus.PENDING,
            deliveries.c.kind == kind,
            deliveries.c.next_attempt <= db_time(now),
        )
        .order_by(deliveries.c.created, deliveries.c.id)
    )
    return [_delivery(r) for r in conn.execute(query)]


def pending_digest(conn: Connection, subscriber: str, channel: Channel) -> list[Delivery]:
    query = (
        select(deliveries)
        .where(
            deliveries.c.status == DeliveryStatus.PENDING,
            deliveries.c.kind == DeliveryKind.DIGEST,
            deliveries.c.subscriber == subscriber,
            deliveries.c.channel == channel,
        )
        .order_by(deliveries.c.created, deliveries.c.id)
    )
    return [_delivery(r) for r in conn.execute(query)]


def digest_channels_due(conn: Connection, now: datetime) -> list[tuple[str, Channel]]:
    query = (
        select(deliveries.c.subscriber, deliveries.c.channel)
        .distinct()
        .where(
            deliveries.c.status == DeliveryStatus.PENDING,
            deliveries.c.kind == DeliveryKind.DIGEST,
            deliveries.c.attempts > 0,
            deliveries.c.next_attempt <= db_time(now),
        )
    )
    return [(r.subscriber, Channel(r.channel)) for r in conn.execute(query)]


def mark_sent(
    conn: Connection, ids: Sequence[str], now: datetime, batch_id: str | None, digest_of: str | None
) -> None:
    now_db = db_time(now)
    for chunk in chunks(list(ids)):
        conn.execute(
            deliveries.update()
            .where(deliveries.c.id.in_(chunk))
            .values(
                status=DeliveryStatus.SENT,
                sent_at=now_db,
                batch_id=batch_id,
                last_error=None,
                attempts=deliveries.c.attempts + 1,
            )
        )
    if digest_of is not None:
        updated = conn.execute(
            digests.update().where(digests.c.subscriber == digest_of).values(last_sent=now_db)
        )
        if not updated.rowcount:
            conn.execute(digests.insert().values(subscriber=digest_of, last_sent=now_db))


def mark_failed(
    conn: Connection,
    ids: Sequence[str],
    now: datetime,
    *,
    error: str,
    next_attempt: datetime,
    give_up_after_s: float,
    permanent: bool,
    batch_id: str | None = None,
) -> int:
    deadline = naive(now) - timedelta(seconds=give_up_after_s)
    dead = 0
    for chunk in chunks(list(ids)):
        base = deliveries.c.id.in_(chunk)
        values: dict[str, Any] = {"attempts": deliveries.c.attempts + 1, "last_error": error[:500]}
        if batch_id is not None:
            values["batch_id"] = batch_id
        if permanent:
            dead += conn.execute(
                deliveries.update().where(base).values(status=DeliveryStatus.DEAD, **values)
            ).rowcount
            continue
        dead += conn.execute(
            deliveries.update()
            .where(base, deliveries.c.queued <= deadline)
            .values(status=DeliveryStatus.DEAD, **values)
        ).rowcount
        conn.execute(
            deliveries.update()
            .where(base, deliveries.c.status == DeliveryStatus.PENDING)
            .values(next_attempt=db_time(next_attempt), **values)
        )
    return dead


def split_batch(
    conn: Connection,
    batches: Sequence[tuple[str, Sequence[str]]],
    *,
    error: str,
    next_attempt: datetime,
) -> None:
    for batch_id, ids in batches:
        for chunk in chunks(list(ids)):
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id.in_(chunk))
                .values(
                    batch_id=batch_id,
                    attempts=deliveries.c.attempts + 1,
                    last_error=error[:500],
                    next_attempt=db_time(next_attempt),
                )
            )


def listed(
    conn: Connection, status: DeliveryStatus | None, subscriber: str | None
) -> list[Delivery]:
    query = select(deliveries).order_by(deliveries.c.created, deliveries.c.id)
    if status is not None:
        query = query.where(deliveries.c.status == status)
    if subscriber is not None:
        query = query.where(deliveries.c.subscriber == subscriber)
    return [_delivery(r) for r in conn.execute(query)]


def requeue_dead(conn: Connection, now: datetime) -> int:
    now_db = db_time(now)
    return int(
        conn.execute(
            deliveries.update()
            .where(deliveries.c.status == DeliveryStatus.DEAD)
            .values(status=DeliveryStatus.PENDING, attempts=0, next_attempt=now_db, queued=now_db)
        ).rowcount
    )


def counts(conn: Connection) -> dict[str, int]:
    query = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
    return {status: int(n) for status, n in conn.execute(query)}


def last_digest(conn: Connection, subscriber: str) -> datetime | None:
    return aware(
        conn.execute(select(digests.c.last_sent).where(digests.c.subscriber == subscriber)).scalar()
    )


def _delivery(r: Any) -> Delivery:
    return Delivery(
        id=r.id,
        subscriber=r.subscriber,
        channel=Channel(r.channel),
        kind=DeliveryKind(r.kind),
        status=DeliveryStatus(r.status),
        article_id=r.article_id,
        topic_id=r.topic_id,
        attempts=r.attempts,
        next_attempt=aware(r.next_attempt),
        last_error=r.last_error,
        created=aware(r.created),
        sent_at=aware(r.sent_at),
        batch_id=r.batch_id,
    )
