"""One poll of a set of feeds: fetch → parse → clean (:mod:`monitor.poll.reader`, maybe in worker
processes: :mod:`monitor.poll.workers`) → store.

A failing feed is recorded (status, error code, backoff) and never delays or breaks the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
from collections.abc import Callable, Sequence
from contextlib import aclosing
from dataclasses import replace
from datetime import datetime, timedelta
from http import HTTPStatus

from monitor.domain import FeedHealth, FeedPoll, IngestStats
from monitor.poll.fetch import FetchLimits, next_delay
from monitor.poll.reader import internal_error, read_feeds
from monitor.poll.workers import read_in_workers
from monitor.store import Store, utcnow

log = logging.getLogger(__name__)

# Below this many due feeds, starting worker processes costs more than it saves.
PARALLEL_MIN = 100
# A store transaction takes at most this many feeds or (about) articles, so the parent, which
# also reads the workers' pipes, is never away for long; and a finished feed waits at most
# BATCH_S to be written.
BATCH_FEEDS = 100
BATCH_ITEMS = 500
BATCH_S = 0.25


def status_text(status: int | None) -> str:
    """``404 Not Found``; ``-`` when there was no HTTP answer."""
    if status is None:
        return "-"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


class Poller:
    """Polls feeds and records every outcome in the store.

    Fetching, parsing and cleaning run in ``workers`` processes (default: one per CPU core)
    when at least ``parallel_min`` feeds are due, in this process otherwise; this process
    alone writes to the store, a batch of feeds per transaction.
    """

    def __init__(
        self,
        store: Store,
        limits: FetchLimits,
        *,
        max_entries: int,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        workers: int | None = None,
        parallel_min: int = PARALLEL_MIN,
    ) -> None:
        self.store = store
        self.limits = limits
        self.max_entries = max_entries
        self.clock = clock
        self.rng = rng or random.Random()
        self.workers = workers or os.cpu_count() or 1
        self.parallel_min = parallel_min

    async def poll(
        self,
        due: Sequence[FeedHealth],
        on_result: Callable[[FeedPoll], None] | None = None,
    ) -> list[FeedPoll]:
        """Poll ``due`` concurrently. Returns each feed's poll as stored, with its
        ``stats``."""
        if self.workers > 1 and len(due) >= self.parallel_min:
            source = read_in_workers(
                due, self.limits, max_entries=self.max_entries, workers=self.workers
            )
        else:
            source = read_feeds(due, self.limits, max_entries=self.max_entries)
        # A task feeds a queue, so that a pending batch is written on time even while the
        # next outcome is slow to come.
        queue: asyncio.Queue[FeedPoll | None] = asyncio.Queue()

        async def pump() -> None:
            try:
                async with aclosing(source) as outcomes:
                    async for outcome in outcomes:
                        queue.put_nowait(outcome)
            finally:
                queue.put_nowait(None)  # also when reading failed: its error is raised below

        results: list[FeedPoll] = []
        pumping = asyncio.create_task(pump())
        try:
            await self.record(queue, lambda batch: results.extend(self.write(batch, on_result)))
            if pumping.done():
                pumping.result()
        finally:
            if not pumping.done():
                pumping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pumping
        return results

    async def record(
        self,
        queue: asyncio.Queue[FeedPoll | None],
        write: Callable[[list[FeedPoll]], None],
        *,
        batch_s: float = BATCH_S,
    ) -> None:
        """Take polls from ``queue`` until None, each given when it was made and when its feed
        is next due, and hand them to ``write`` in batches: at most BATCH_FEEDS feeds, about
        BATCH_ITEMS articles, and no poll waits more than ``batch_s``."""
        pending: list[FeedPoll] = []
        loop = asyncio.get_running_loop()
        deadline = 0.0
        items = 0
        while True:
            if not queue.empty():  # no waiting, so no timer (a few µs per outcome)
                outcome = queue.get_nowait()
            elif not pending:
                outcome = await queue.get()
            else:
                try:
                    # (asyncio.timeout: no task per outcome, as wait_for makes)
                    async with asyncio.timeout_at(deadline):
                        outcome = await queue.get()
                except TimeoutError:  # the batch has waited long enough
                    write(pending)
                    pending, items = [], 0
                    continue
            if outcome is None:
                break
            if not pending:
                deadline = loop.time() + batch_s
            pending.append(self._schedule(outcome))
            items += len(outcome.articles)
            if len(pending) >= BATCH_FEEDS or items >= BATCH_ITEMS or loop.time() >= deadline:
                write(pending)
                pending, items = [], 0
        if pending:
            write(pending)

    def _schedule(self, poll: FeedPoll) -> FeedPoll:
        """The poll with when it was made and when the feed is next due: the interval with
        jitter, or a backoff after a failure."""
        now = self.clock()
        feed = poll.feed
        if poll.error is not None:
            delay = next_delay(
                feed.consecutive_failures + 1, feed.interval_s, poll.error.retry_after, self.rng
            )
        else:
            delay = next_delay(0, feed.interval_s, None, self.rng)
        return replace(poll, attempted=now, next_due=now + timedelta(seconds=delay))

    def write(
        self, pending: list[FeedPoll], on_result: Callable[[FeedPoll], None] | None = None
    ) -> list[FeedPoll]:
        """Store a batch of polls in one transaction (each feed's new state with its
        articles), then report each; returns them as stored."""
        results: list[FeedPoll] = []
        try:
            recorded = list(zip(pending, self.store.record_polls(pending), strict=True))
        except Exception:  # noqa: BLE001
            # One feed's articles can make the whole transaction fail: feed by feed, the
            # others are still stored.
            recorded = [self._write_alone(poll) for poll in pending]
        for poll, stat in recorded:
            # Stored, the articles are let go (``stats`` says what became of them): the
            # results of a big first poll would otherwise hold every article's text to the end.
            stored = replace(poll, articles=(), stats=stat)
            results.append(stored)
            if on_result is not None:
                on_result(stored)
        return results

    def _write_alone(self, poll: FeedPoll) -> tuple[FeedPoll, IngestStats]:
        """Store one feed's poll; if that fails, record the feed as failed (``internal``,
        backed off) without its articles. An error recording that too is the database's own,
        not the feed's: raised."""
        try:
            return poll, self.store.record_polls([poll])[0]
        except Exception as exc:  # noqa: BLE001
            failed = self._schedule(
                internal_error(
                    poll.feed, f"storing its articles failed: {type(exc).__name__}: {exc}"
                )
            )
            stats = self.store.record_polls([failed])[0]
            # Logged once the failure is known to be this feed's (a database that is down
            # raised above, and the CLI says so in one line).
            log.error("storing the poll of feed %s failed", poll.feed.url, exc_info=exc)
            return failed, stats


def log_result(poll: FeedPoll) -> None:
    """Log a feed failure when it starts or changes, and a recovery: not every (backed-off)
    retry of a feed that stays down; /metrics and `monitor feeds` keep the count."""
    before = poll.feed
    if poll.error is not None:
        again = before.consecutive_failures > 0 and before.error_code == poll.error.code
        log.log(
            logging.DEBUG if again else logging.WARNING,
            "feed %s: %s: %s",
            before.url,
            poll.error.code,
            poll.error,
        )
    elif before.consecutive_failures:
        log.info(
            "feed %s: recovered after %d failed polls", before.url, before.consecutive_failures
        )
