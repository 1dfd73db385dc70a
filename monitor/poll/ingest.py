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
from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus

from monitor.domain import FeedHealth, IngestStats
from monitor.errors import FeedError
from monitor.poll.fetch import FetchLimits, next_delay
from monitor.poll.reader import FeedOutcome, read_feeds
from monitor.poll.workers import read_in_workers
from monitor.store import FeedUpdate, Store, utcnow

log = logging.getLogger(__name__)

# Below this many due feeds, starting worker processes costs more than it saves.
PARALLEL_MIN = 100
# A store transaction takes at most this many feeds or (about) articles, so the parent, which
# also reads the workers' pipes, is never away for long; and a finished feed waits at most
# BATCH_S to be written.
BATCH_FEEDS = 100
BATCH_ITEMS = 500
BATCH_S = 0.25


@dataclass(frozen=True)
class PollResult:
    """What one feed's poll did, for the per-feed line of ``monitor poll`` and for metrics."""

    feed: FeedHealth
    status: int | None
    stats: IngestStats
    error: FeedError | None = None
    warning: str | None = None
    moved_to: str | None = None
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


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

    def __init__(self, store: Store, limits: FetchLimits, *, max_entries: int,
                 clock: Callable[[], datetime] = utcnow, rng: random.Random | None = None,
                 workers: int | None = None, parallel_min: int = PARALLEL_MIN) -> None:
        self.store = store
        self.limits = limits
        self.max_entries = max_entries
        self.clock = clock
        self.rng = rng or random.Random()
        self.workers = workers or os.cpu_count() or 1
        self.parallel_min = parallel_min

    async def poll(self, due: Sequence[FeedHealth],
                   on_result: Callable[[PollResult], None] | None = None, *,
                   should_stop: Callable[[], bool] = lambda: False) -> list[PollResult]:
        """Poll ``due`` concurrently; stops early (unfinished feeds stay due) once
        ``should_stop()`` says so."""
        by_id = {f.id: f for f in due}
        if self.workers > 1 and len(due) >= self.parallel_min:
            source = read_in_workers(due, self.limits, max_entries=self.max_entries,
                                     workers=self.workers)
        else:
            source = read_feeds(due, self.limits, max_entries=self.max_entries)
        # A task feeds a queue, so that a pending batch is written on time even while the
        # next outcome is slow to come.
        queue: asyncio.Queue[FeedOutcome | None] = asyncio.Queue()

        async def pump() -> None:
            try:
                async with aclosing(source) as outcomes:
                    async for outcome in outcomes:
                        queue.put_nowait(outcome)
            finally:
                queue.put_nowait(None)  # also when reading failed: its error is raised below

        results: list[PollResult] = []
        pending: list[tuple[FeedHealth, FeedUpdate, FeedOutcome]] = []
        loop = asyncio.get_running_loop()
        deadline = 0.0
        items = 0
        pumping = asyncio.create_task(pump())
        try:
            while True:
                if not queue.empty():  # no waiting, so no timer (a few µs per outcome)
                    outcome = queue.get_nowait()
                elif not pending:
                    outcome = await queue.get()
                else:
                    try:
                        outcome = await asyncio.wait_for(queue.get(),
                                                         max(0.0, deadline - loop.time()))
                    except TimeoutError:  # the batch has waited long enough
                        self._write(pending, results, on_result)
                        pending, items = [], 0
                        continue
                if outcome is None:
                    break
                feed = by_id[outcome.feed_id]
                if not pending:
                    deadline = loop.time() + BATCH_S
                pending.append((feed, self._update(feed, outcome), outcome))
                items += len(outcome.items)
                if should_stop():
                    break
                if (len(pending) >= BATCH_FEEDS or items >= BATCH_ITEMS
                        or loop.time() >= deadline):
                    self._write(pending, results, on_result)
                    pending, items = [], 0
            self._write(pending, results, on_result)
            if pumping.done():
                pumping.result()
        finally:
            if not pumping.done():
                pumping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pumping
        return results

    def _update(self, feed: FeedHealth, outcome: FeedOutcome) -> FeedUpdate:
        """The feed's new state: next poll time with jitter, or backoff after a failure."""
        now = self.clock()
        error = outcome.error
        if error is not None:
            delay = next_delay(feed.consecutive_failures + 1, feed.interval_s,
                               error.retry_after, self.rng)
            return FeedUpdate(attempted=now, next_due=now + timedelta(seconds=delay),
                              status=outcome.status, ok=False, error_code=error.code,
                              error=str(error), moved_to=outcome.moved_to,
                              retired=error.code == "gone")
        delay = next_delay(0, feed.interval_s, None, self.rng)
        return FeedUpdate(attempted=now, next_due=now + timedelta(seconds=delay),
                          status=outcome.status, ok=True, warning=outcome.warning,
                          etag=outcome.etag, last_modified=outcome.last_modified,
                          moved_to=outcome.moved_to)

    def _write(self, pending: list[tuple[FeedHealth, FeedUpdate, FeedOutcome]],
               results: list[PollResult], on_result: Callable[[PollResult], None] | None
               ) -> None:
        """Store a batch of outcomes in one transaction, then report each."""
        if not pending:
            return
        stats = self.store.record_polls([(feed.id, update, outcome.items)
                                         for feed, update, outcome in pending])
        for (feed, _, outcome), stat in zip(pending, stats, strict=True):
            result = PollResult(feed=feed, status=outcome.status, stats=stat,
                                error=outcome.error, warning=outcome.warning,
                                moved_to=outcome.moved_to, elapsed_s=outcome.elapsed_s)
            results.append(result)
            if on_result is not None:
                on_result(result)


def log_result(result: PollResult) -> None:
    """Log a feed failure when it starts or changes, and a recovery: not every (backed-off)
    retry of a feed that stays down; /metrics and `monitor feeds` keep the count."""
    before = result.feed
    if result.error is not None:
        again = before.consecutive_failures > 0 and before.error_code == result.error.code
        log.log(logging.DEBUG if again else logging.WARNING, "feed %s: %s: %s",
                before.url, result.error.code, result.error)
    elif before.consecutive_failures:
        log.info("feed %s: recovered after %d failed polls", before.url,
                 before.consecutive_failures)
