"""Delivery rows (the transactional outbox) and when each subscriber last got a digest."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.engine import Connection

from monitor.domain import Channel, Delivery, DeliveryKind, DeliveryStatus, Match
from monitor.store.schema import aware, chunks, db_time, deliveries, digests, naive, upsert


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
    if rows:  # ON CONFLICT DO NOTHING: a delivery planned twice (two workers) is one row
        insert = upsert(conn, deliveries).on_conflict_do_nothing(index_elements=[deliveries.c.id])
        conn.execute(insert, list(rows.values()))
    return len(rows)


def has_deliveries(conn: Connection, subscriber: str) -> bool:
    query = select(deliveries.c.id).where(deliveries.c.subscriber == subscriber).limit(1)
    return conn.execute(query).first() is not None


def _unleased(now: datetime) -> ColumnElement[bool]:
    """No worker is sending it now (never claimed, or its lease ran out)."""
    return or_(deliveries.c.lease_until.is_(None), deliveries.c.lease_until <= db_time(now))


def due(conn: Connection, now: datetime, kind: DeliveryKind, limit: int | None) -> list[Delivery]:
    query = (
        select(deliveries)
        .where(
            deliveries.c.status == DeliveryStatus.PENDING,
            deliveries.c.kind == kind,
            deliveries.c.next_attempt <= db_time(now),
            _unleased(now),
        )
        .order_by(deliveries.c.created, deliveries.c.id)
        .limit(limit)
    )
    return [_delivery(r) for r in conn.execute(query)]


def claim(
    conn: Connection, ids: Sequence[str], now: datetime, owner: str, lease_s: float
) -> set[str]:
    """Lease the pending deliveries among ``ids`` that nobody else holds to ``owner`` until
    ``now + lease_s``; returns those it got. Rows another transaction is claiming are skipped,
    not waited for (FOR UPDATE SKIP LOCKED; SQLite has one writer and no need)."""
    until = naive(now) + timedelta(seconds=lease_s)
    got: set[str] = set()
    for chunk in chunks(sorted(set(ids))):
        free = (
            select(deliveries.c.id)
            .where(
                deliveries.c.id.in_(chunk),
                deliveries.c.status == DeliveryStatus.PENDING,
                or_(_unleased(now), deliveries.c.lease_owner == owner),
            )
            .with_for_update(skip_locked=True)
        )
        got.update(
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id.in_(free.scalar_subquery()))
                .values(lease_owner=owner, lease_until=until)
                .returning(deliveries.c.id)
            ).scalars()
        )
    return got


def release(conn: Connection, ids: Sequence[str], owner: str) -> None:
    """Give up ``owner``'s leases on ``ids`` (claimed, then not sent after all)."""
    for chunk in chunks(list(ids)):
        conn.execute(
            deliveries.update()
            .where(deliveries.c.id.in_(chunk), deliveries.c.lease_owner == owner)
            .values(lease_owner=None, lease_until=None)
        )


def _held(owner: str) -> ColumnElement[bool]:
    """Still pending and still leased to ``owner``: only then is an outcome recorded. A lease
    that ran out and went to another worker is that worker's now."""
    return and_(deliveries.c.status == DeliveryStatus.PENDING, deliveries.c.lease_owner == owner)


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
            _unleased(now),
        )
    )
    return [(r.subscriber, Channel(r.channel)) for r in conn.execute(query)]


def mark_sent(
    conn: Connection,
    ids: Sequence[str],
    now: datetime,
    batch_id: str | None,
    digest_of: str | None,
    owner: str,
) -> int:
    """Mark ``owner``'s leased deliveries sent; returns how many were (the rest had been lost
    to another worker)."""
    now_db = db_time(now)
    done = 0
    for chunk in chunks(list(ids)):
        done += conn.execute(
            deliveries.update()
            .where(deliveries.c.id.in_(chunk), _held(owner))
            .values(
                status=DeliveryStatus.SENT,
                sent_at=now_db,
                batch_id=batch_id,
                last_error=None,
                attempts=deliveries.c.attempts + 1,
                lease_owner=None,
                lease_until=None,
            )
        ).rowcount
    if digest_of is not None and (done or not ids):
        conn.execute(
            upsert(conn, digests)
            .values(subscriber=digest_of, last_sent=now_db)
            .on_conflict_do_update(
                index_elements=[digests.c.subscriber], set_={"last_sent": now_db}
            )
        )
    return done


def mark_failed(
    conn: Connection,
    ids: Sequence[str],
    now: datetime,
    *,
    error: str,
    next_attempt: datetime,
    give_up_after_s: float,
    permanent: bool,
    owner: str,
    batch_id: str | None = None,
) -> int:
    deadline = naive(now) - timedelta(seconds=give_up_after_s)
    dead = 0
    for chunk in chunks(list(ids)):
        base = and_(deliveries.c.id.in_(chunk), _held(owner))
        values: dict[str, Any] = {
            "attempts": deliveries.c.attempts + 1,
            "last_error": error[:500],
            "lease_owner": None,
            "lease_until": None,
        }
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
            deliveries.update().where(base).values(next_attempt=db_time(next_attempt), **values)
        )
    return dead


def split_batch(
    conn: Connection,
    batches: Sequence[tuple[str, Sequence[str]]],
    *,
    error: str,
    next_attempt: datetime,
    owner: str,
) -> None:
    for batch_id, ids in batches:
        for chunk in chunks(list(ids)):
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id.in_(chunk), _held(owner))
                .values(
                    batch_id=batch_id,
                    attempts=deliveries.c.attempts + 1,
                    last_error=error[:500],
                    next_attempt=db_time(next_attempt),
                    lease_owner=None,
                    lease_until=None,
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


def counts(conn: Connection, statuses: Sequence[DeliveryStatus] | None) -> dict[str, int]:
    """Rows per status; ``statuses`` (e.g. pending and dead, which stay few) reads only those
    rows' part of the status index rather than every delivery ever recorded."""
    query = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
    if statuses is not None:
        query = query.where(deliveries.c.status.in_(statuses))
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
