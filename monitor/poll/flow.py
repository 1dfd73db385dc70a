"""Polling as a continuous flow, for the daemon: each feed is fetched when it is due, whatever
else is in flight.

Once a tick, the feeds due by the next tick are claimed from the store (moved out of
everyone's due list for a lease, so that several daemons on one PostgreSQL database poll
disjoint feeds); each one not already in flight starts at its due time (not at the next tick:
a feed is polled on time; those due within the same quarter of a second start together, so
that the loop wakes once for them, not once per feed) on a long-lived
:class:`~monitor.poll.reader.FeedReader` (one Fetcher: the global and per-host caps hold
across every feed in flight), and its poll is written within a tick of being read, in batches
(:meth:`~monitor.poll.ingest.Poller.record`), each feed's new state in the same transaction
as its articles. A feed whose server hangs
holds one slot until its own timeout and is backed off like any failing feed; the others go on
being polled on time.

A big set of feeds due at once (the first poll, a reload that adds many) is read in worker
processes (:mod:`monitor.poll.workers`), as a batch of its own that the flow does not wait for
either. A host is read by one side at a time, so its per-host cap holds: a feed whose host is
in a worker batch waits, counted as late, until the batch has reported that host's feeds.

A feed stays in flight until its poll is written (writing it ends the lease), so it is never
polled twice at once. A feed whose poll is not written (its write failed, its worker batch
failed, or the flow stopped first) is given back, due again at once, not after its lease.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.domain import FeedHealth, FeedPoll
from monitor.poll.fetch import Fetcher, host_key
from monitor.poll.ingest import Poller
from monitor.poll.reader import FeedReader
from monitor.poll.workers import read_in_workers

log = logging.getLogger(__name__)

TICK_S = 1.0  # how often due feeds are looked for (one indexed query), a tick ahead
STOP_CHECK_S = 0.2  # how soon a stop is noticed
CLAIM_LIMIT = 1000  # feeds one tick claims: a first start's backlog is shared by the workers
LEASE_S = 600.0  # a claimed feed is due for nobody else this long, unless its poll is stored
# Feeds due within one slice of time start together at its end (at most this late): a wake-up
# of the loop per slice, not per feed (a timer and a wake-up per feed cost the flow about twice
# the CPU of the tick-driven polling it replaced at steady state: bench/daemon.py).
START_SLICE_S = 0.25


@dataclass(frozen=True)
class Lateness:
    """Due feeds that have not started yet, as of one moment."""

    waiting: int
    late: int  # of them, waiting for longer than their interval
    worst_s: float  # the longest wait so far (0: none waiting)


@dataclass
class _Flight:
    feed: FeedHealth
    due: datetime  # when it was due, or when the flow started if that is later
    host: str
    in_worker: bool
    lease_end: datetime  # the claim's end, for giving the feed back (Store.release_feeds)
    started: bool = False


class PollFlow:
    """Run with :meth:`run` on an event loop of its own. ``poller`` may be replaced from another
    thread (a config reload): the next feeds are read with its limits. Callbacks run on the
    flow's loop: ``on_written`` after each batch of polls is stored, ``on_failed`` when the
    store refuses a query or a batch, ``on_idle`` at a tick with nothing due or in flight, and
    ``on_tick`` at every tick."""

    def __init__(
        self,
        poller: Poller,
        *,
        on_written: Callable[[list[FeedPoll]], None],
        on_failed: Callable[[Exception], None],
        on_idle: Callable[[], None] = lambda: None,
        on_tick: Callable[[], None] = lambda: None,
        tick_s: float = TICK_S,
    ) -> None:
        self.poller = poller
        self._writer = poller  # the store is the same across reloads
        self.on_written = on_written
        self.on_failed = on_failed
        self.on_idle = on_idle
        self.on_tick = on_tick
        self.tick_s = tick_s
        self.since = poller.clock()
        self._flights: dict[int, _Flight] = {}
        self._deferred: dict[int, _Flight] = {}  # due, waiting for a worker batch's host
        self._in_workers: Counter[str] = Counter()  # host -> its feeds in worker batches
        self._in_process: Counter[str] = Counter()
        self._lock = threading.Lock()  # lateness() is asked from the HTTP thread
        self._reader: FeedReader | None = None
        self._retired: list[FeedReader] = []  # on older limits, until their feeds are read
        self._batches: set[asyncio.Task[None]] = set()
        # Feeds due before the next tick, by the slice they start at (loop time).
        self._timers: dict[float, asyncio.TimerHandle] = {}
        self._starting: dict[float, list[FeedHealth]] = {}
        self._read: asyncio.Queue[FeedPoll | None] = asyncio.Queue()

    # -- what /healthz and /metrics ask -------------------------------------------------------

    def lateness(self, now: datetime | None = None) -> Lateness:
        """The due feeds waiting to start now. Feeds in a worker batch count as started when
        the batch starts: the parent cannot see when a worker's fetch gets its slots (their
        polls say it, so :meth:`lateness_s` stays exact); big batches only."""
        now = now or self.poller.clock()
        with self._lock:
            waits = [
                ((now - f.due).total_seconds(), f.feed.interval_s)
                for f in (*self._flights.values(), *self._deferred.values())
                if not f.started and f.due <= now  # (one due later waits for its time)
            ]
        return Lateness(
            waiting=len(waits),
            late=sum(wait > interval for wait, interval in waits),
            worst_s=round(max((wait for wait, _ in waits), default=0.0), 1),
        )

    def lateness_s(self, poll: FeedPoll) -> float | None:
        """How late this poll started: from when its feed was due (or the flow started, if
        later: a daemon that was down is not late for the time it was down) to when its
        fetch got its slots. None when it never fetched (e.g. its worker died)."""
        if poll.started is None:
            return None
        due = max(poll.feed.next_due or self.since, self.since)
        return max(0.0, (poll.started - due).total_seconds())

    # -- the flow -------------------------------------------------------------------------------

    async def run(self, should_stop: Callable[[], bool]) -> None:
        """Poll until ``should_stop()``; then cancel the fetches in flight (their feeds stay
        due) and write the polls already read."""
        self.since = self.poller.clock()
        loop = asyncio.get_running_loop()
        # A poll waits up to a tick to be written: at steady state, where the feeds' polls
        # come a few at a time all through the tick, a transaction a tick, not one every
        # ingest.BATCH_S.
        writer = asyncio.create_task(
            self._writer.record(self._read, self._write, batch_s=self.tick_s)
        )
        next_look = loop.time()
        try:
            while not should_stop():
                if writer.done():  # a bug of ours: raised below, the daemon says so
                    break
                if loop.time() >= next_look:
                    next_look = loop.time() + self.tick_s
                    self.on_tick()
                    self._look()
                    await self._close_retired()
                await asyncio.sleep(min(STOP_CHECK_S, max(0.0, next_look - loop.time())))
        finally:
            for timer in self._timers.values():
                timer.cancel()
            for batch in list(self._batches):
                batch.cancel()
            await asyncio.gather(*self._batches, return_exceptions=True)
            for reader in (self._reader, *self._retired):
                if reader is not None:
                    await reader.aclose()
                    await reader.fetcher.aclose()
            self._read.put_nowait(None)
            await writer
            # Claimed but never written (cut short by the stop, or not started yet): due again
            # now for whichever daemon polls next, not after the lease.
            with self._lock:
                unwritten = [*self._flights.values(), *self._deferred.values()]
                self._flights.clear()
                self._deferred.clear()
            self._give_back(unwritten)

    def _look(self) -> None:
        """Claim the feeds due by the next tick and start every one that is not in flight,
        each at its time (those of a host a worker batch is reading wait, still claimed)."""
        poller = self.poller
        now = poller.clock()
        try:
            due, lease_end = poller.store.claim_due_feeds(
                now + timedelta(seconds=self.tick_s), LEASE_S, CLAIM_LIMIT
            )
        except Exception as exc:  # noqa: BLE001 (the callback tells a bug from the database)
            self.on_failed(exc)
            return
        with self._lock:
            waiting = dict(self._deferred)
        for feed in due:
            flight = self._flights.get(feed.id) or waiting.get(feed.id)
            if flight is not None:  # its lease ran out while it was in flight: claimed anew
                flight.lease_end = lease_end
            else:
                waiting[feed.id] = _Flight(
                    feed, self._due(feed), host_key(feed.url), in_worker=False, lease_end=lease_end
                )
        if not waiting and not self._flights:
            self.on_idle()
        reader = self._current_reader(poller)
        deferred: dict[int, _Flight] = {}
        free: list[_Flight] = []
        for flight in waiting.values():
            if self._in_workers[flight.host]:
                deferred[flight.feed.id] = flight
            else:
                free.append(flight)
        # A big batch starts at once, its feeds due within a tick included: a worker process
        # is not started per feed.
        big = poller.workers > 1 and len(free) >= poller.parallel_min
        to_workers: list[FeedHealth] = []
        loop = asyncio.get_running_loop()
        for flight in free:
            feed = flight.feed
            if big and not self._in_process[flight.host]:
                to_workers.append(feed)
                flight.in_worker = flight.started = True
                self._add(flight)
            else:
                self._add(flight)
                wait_s = (flight.due - now).total_seconds()
                if wait_s > 0:
                    at = math.ceil((loop.time() + wait_s) / START_SLICE_S) * START_SLICE_S
                    if at not in self._timers:
                        self._starting[at] = []
                        self._timers[at] = loop.call_at(at, self._start_slice, at)
                    self._starting[at].append(feed)
                else:
                    self._start(reader, feed)
        with self._lock:
            self._deferred = deferred
        if to_workers:
            batch = asyncio.create_task(self._in_worker_batch(to_workers, poller))
            self._batches.add(batch)
            batch.add_done_callback(self._batches.discard)

    def _start_slice(self, at: float) -> None:
        """Start the feeds of a slice on the reader of the limits of the moment (one from before
        a reload may be closed by now)."""
        del self._timers[at]
        reader = self._current_reader(self.poller)
        for feed in self._starting.pop(at):
            self._start(reader, feed)

    def _start(self, reader: FeedReader, feed: FeedHealth) -> None:
        reader.start(feed, on_start=functools.partial(self._started, feed.id))

    def _due(self, feed: FeedHealth) -> datetime:
        return max(feed.next_due or self.since, self.since)

    def _current_reader(self, poller: Poller) -> FeedReader:
        """The reader for ``poller``'s limits: a reload that changed them gets a new one (the
        old one finishes the feeds it has)."""
        reader = self._reader
        if reader is not None and reader.fetcher.limits == poller.limits:
            reader.max_entries = poller.max_entries
            return reader
        if reader is not None:
            self._retired.append(reader)
        self._reader = FeedReader(
            Fetcher(poller.limits), max_entries=poller.max_entries, on_read=self._read.put_nowait
        )
        return self._reader

    async def _close_retired(self) -> None:
        for reader in [r for r in self._retired if not r.busy]:
            self._retired.remove(reader)
            await reader.fetcher.aclose()

    async def _in_worker_batch(self, feeds: Sequence[FeedHealth], poller: Poller) -> None:
        reported: set[int] = set()
        try:
            async with aclosing(
                read_in_workers(
                    feeds, poller.limits, max_entries=poller.max_entries, workers=poller.workers
                )
            ) as polls:
                async for poll in polls:
                    reported.add(poll.feed.id)
                    self._read.put_nowait(poll)
        except Exception:
            # Starting or reading the workers failed (no feed's fault): the feeds not read
            # are given back, due again, and the next tick starts them again.
            log.exception("reading %d feeds in worker processes failed", len(feeds))
        finally:
            self._give_back(self._land([f.id for f in feeds if f.id not in reported]))

    # -- bookkeeping ------------------------------------------------------------------------------

    def _add(self, flight: _Flight) -> None:
        with self._lock:
            self._flights[flight.feed.id] = flight
        (self._in_workers if flight.in_worker else self._in_process)[flight.host] += 1

    def _started(self, feed_id: int) -> None:
        flight = self._flights.get(feed_id)
        if flight is not None:
            flight.started = True

    def _land(self, feed_ids: Sequence[int]) -> list[_Flight]:
        """These feeds are no longer in flight; their flights."""
        with self._lock:
            flights = [f for f in map(self._flights.pop, feed_ids, [None] * len(feed_ids)) if f]
        for flight in flights:
            hosts = self._in_workers if flight.in_worker else self._in_process
            hosts[flight.host] -= 1
            if not hosts[flight.host]:
                del hosts[flight.host]
        return flights

    def _give_back(self, flights: Sequence[_Flight]) -> None:
        """Claimed feeds whose poll was not written: due again now, not after their lease (if
        the store refuses this too, the lease's end makes them due)."""
        by_lease: dict[datetime, list[int]] = {}
        for flight in flights:
            by_lease.setdefault(flight.lease_end, []).append(flight.feed.id)
        now = self._writer.clock()
        for lease_end, ids in by_lease.items():
            try:
                self._writer.store.release_feeds(ids, lease_end, now)
            except Exception as exc:  # noqa: BLE001 (the callback tells a bug from the database)
                self.on_failed(exc)

    def _write(self, polls: list[FeedPoll]) -> None:
        try:
            stored = self._writer.write(polls)
        except Exception as exc:  # noqa: BLE001 (the callback tells a bug from the database)
            # Not stored: the feeds are given back, due again, and start again next tick.
            flights = self._land([p.feed.id for p in polls])
            self.on_failed(exc)
            self._give_back(flights)
            return
        self._land([p.feed.id for p in polls])
        self.on_written(stored)
