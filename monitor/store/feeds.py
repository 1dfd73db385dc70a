"""Feed rows: following the config, health, which feeds are due, and each poll's outcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, Text, bindparam, case, func, or_, select
from sqlalchemy.engine import Connection

from monitor.domain import Feed, FeedHealth, FeedPoll
from monitor.store.schema import aware, chunks, db_time, feeds, upsert

# One statement for every kind of poll outcome, so a batch of them is one executemany. The
# b_* flags say which columns this outcome changes (success: validators, counters; failure:
# the failure count; a permanent redirect: the URL; 410: retired).
_FEED_UPDATE = (
    feeds.update()
    .where(feeds.c.id == bindparam("b_id"))
    .values(
        last_attempt=bindparam("b_attempted", type_=DateTime),
        next_due=bindparam("b_next_due", type_=DateTime),
        last_status=bindparam("b_status", type_=Integer),
        error_code=bindparam("b_error_code", type_=String),
        last_error=bindparam("b_error", type_=Text),
        warning=bindparam("b_warning", type_=Text),
        last_success=func.coalesce(bindparam("b_success", type_=DateTime), feeds.c.last_success),
        consecutive_failures=case(
            (bindparam("b_ok", type_=Boolean), 0), else_=feeds.c.consecutive_failures + 1
        ),
        items_seen=feeds.c.items_seen + bindparam("b_items", type_=Integer),
        etag=case(
            (bindparam("b_validators", type_=Boolean), bindparam("b_etag", type_=Text)),
            else_=feeds.c.etag,
        ),
        last_modified=case(
            (bindparam("b_validators2", type_=Boolean), bindparam("b_last_modified", type_=Text)),
            else_=feeds.c.last_modified,
        ),
        url=func.coalesce(bindparam("b_moved_to", type_=Text), feeds.c.url),
        retired=or_(feeds.c.retired, bindparam("b_retired", type_=Boolean)),
        text_chars=func.coalesce(bindparam("b_text_chars", type_=Integer), feeds.c.text_chars),
    )
)


def sync(conn: Connection, configured: Sequence[Feed], now: datetime, *, deactivate: bool) -> None:
    """Insert new feeds and update changed ones in one upsert (processes syncing at once do not
    collide), then deactivate the feeds no longer configured."""
    now_db = db_time(now)
    wanted = {f.url: f for f in configured}
    if wanted:
        insert = upsert(conn, feeds)
        new = insert.excluded
        conn.execute(
            insert.on_conflict_do_update(
                index_elements=[feeds.c.configured_url],
                set_={
                    "name": new.name,
                    "interval_s": new.interval_s,
                    "full_text": new.full_text,
                    "full_text_auto": new.full_text_auto,
                    "active": True,
                },
                # Unchanged rows are not rewritten (a reload of 20,000 feeds changes a few).
                where=or_(
                    feeds.c.name.is_distinct_from(new.name),
                    feeds.c.interval_s != new.interval_s,
                    feeds.c.full_text != new.full_text,
                    feeds.c.full_text_auto != new.full_text_auto,
                    feeds.c.active.is_(False),
                ),
            ),
            [
                dict(
                    configured_url=f.url,
                    url=f.url,
                    name=f.name,
                    interval_s=f.every_s,
                    full_text=f.full_text is True,
                    full_text_auto=f.full_text == "auto",
                    active=True,
                    retired=False,
                    consecutive_failures=0,
                    items_seen=0,
                    created=now_db,
                    next_due=now_db,
                )
                for f in wanted.values()
            ],
        )
    if not deactivate:
        return
    active = conn.execute(
        select(feeds.c.id, feeds.c.configured_url).where(feeds.c.active.is_(True))
    ).all()
    gone = [r.id for r in active if r.configured_url not in wanted]
    for chunk in chunks(gone):
        conn.execute(feeds.update().where(feeds.c.id.in_(chunk)).values(active=False))


def health(conn: Connection, *, failing: bool, include_inactive: bool) -> list[FeedHealth]:
    query = select(feeds).order_by(feeds.c.id)
    if not include_inactive:
        query = query.where(feeds.c.active.is_(True))
    if failing:
        query = query.where(or_(feeds.c.consecutive_failures > 0, feeds.c.retired.is_(True)))
    return [_feed_health(r) for r in conn.execute(query)]


def due(conn: Connection, now: datetime) -> list[FeedHealth]:
    query = (
        select(feeds)
        .where(
            feeds.c.active.is_(True),
            feeds.c.retired.is_(False),
            feeds.c.next_due <= db_time(now),  # a range of ix_feeds_due (never NULL since v5)
        )
        .order_by(feeds.c.next_due)
    )
    return [_feed_health(r) for r in conn.execute(query)]


def claim_due(
    conn: Connection, now: datetime, lease_s: float, limit: int | None
) -> tuple[list[FeedHealth], datetime]:
    """The due feeds (at most ``limit``), each moved out of everyone's due list until
    ``now + lease_s`` (its poll's record then sets the real next time; a worker that dies
    leaves it due again then). Rows another transaction is claiming are skipped (FOR UPDATE
    SKIP LOCKED): workers polling at once get disjoint feeds. Returns the feeds as they were
    and the lease's end."""
    now_db = db_time(now)
    assert now_db is not None
    until = now_db + timedelta(seconds=lease_s)
    due_ids = (
        select(feeds.c.id)
        .where(
            feeds.c.active.is_(True),
            feeds.c.retired.is_(False),
            feeds.c.next_due <= now_db,
        )
        .order_by(feeds.c.next_due)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = conn.execute(select(feeds).where(feeds.c.id.in_(due_ids.scalar_subquery()))).all()
    claimed = [_feed_health(r) for r in sorted(rows, key=lambda r: (r.next_due, r.id))]
    for chunk in chunks([f.id for f in claimed]):
        conn.execute(feeds.update().where(feeds.c.id.in_(chunk)).values(next_due=until))
    return claimed, until


def release(conn: Connection, ids: Sequence[int], until: datetime, now: datetime) -> None:
    """Make claimed feeds whose poll was never recorded (their ``next_due`` is still the
    lease's end) due again at ``now``: a stop mid-poll must not delay them a lease."""
    for chunk in chunks(list(ids)):
        conn.execute(
            feeds.update()
            .where(feeds.c.id.in_(chunk), feeds.c.next_due == db_time(until))
            .values(next_due=db_time(now))
        )


def record_polls(conn: Connection, polls: Sequence[FeedPoll]) -> None:
    """Write the new state of several polled feeds with one executemany."""
    conn.execute(_FEED_UPDATE, [_feed_update_row(poll) for poll in polls])


def _feed_update_row(poll: FeedPoll) -> dict[str, Any]:
    validators = poll.ok and (
        poll.etag is not None or poll.last_modified is not None or poll.status == 200
    )
    error = poll.error
    return {
        "b_id": poll.feed.id,
        "b_attempted": db_time(poll.attempted),
        "b_next_due": db_time(poll.next_due),
        "b_status": poll.status,
        "b_error_code": error.code if error else None,
        "b_error": str(error) if error else None,
        "b_warning": poll.warning,
        "b_success": db_time(poll.attempted) if poll.ok else None,
        "b_ok": poll.ok,
        "b_items": len(poll.articles) if poll.ok else 0,
        "b_validators": validators,
        "b_validators2": validators,
        "b_etag": poll.etag,
        "b_last_modified": poll.last_modified,
        "b_moved_to": poll.moved_to or None,
        "b_retired": poll.retired,
        "b_text_chars": poll.text_chars,
    }


def _feed_health(r: Any) -> FeedHealth:
    return FeedHealth(
        id=r.id,
        url=r.url,
        name=r.name,
        configured_url=r.configured_url,
        interval_s=r.interval_s,
        full_text="auto" if r.full_text_auto else bool(r.full_text),
        etag=r.etag,
        last_modified=r.last_modified,
        last_attempt=aware(r.last_attempt),
        last_success=aware(r.last_success),
        last_status=r.last_status,
        last_error=r.last_error,
        error_code=r.error_code,
        warning=r.warning,
        consecutive_failures=r.consecutive_failures,
        next_due=aware(r.next_due),
        items_seen=r.items_seen,
        retired=bool(r.retired),
        text_chars=r.text_chars,
    )
