"""Reading feeds in worker processes, so fetching, parsing and cleaning use every core.

The due feeds are split by host into shards (so each host's ``per_host`` cap is kept by the one
worker that fetches it); each worker runs :func:`monitor.poll.reader.read_feeds` on its shard and
sends every :class:`~monitor.domain.FeedPoll` back through a pipe. Only the parent touches
the store. Workers come from a ``forkserver`` (a clean single-threaded process that has already
imported this module), so starting them is cheap and safe in a threaded daemon.

If a worker dies, the feed it was parsing (it says which before each parse) is recorded as
failed and a fresh worker takes over the rest of its shard.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
from collections.abc import AsyncGenerator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from monitor.domain import FeedHealth, FeedPoll
from monitor.poll.fetch import FetchLimits, host_key
from monitor.poll.reader import internal_error, read_feeds

# Restarts of one shard's worker that no feed can be blamed for; past this its remaining feeds
# are recorded as failed (they are retried after their backoff like any failure).
MAX_BLIND_RESTARTS = 2
_DRAIN_MAX = 64  # messages read per wake-up, so one busy pipe cannot starve the others
# Outcomes a worker holds while its previous message is still being sent; it sends them
# together next (one pickle, one write), and waits once this many are ready. Few, so a worker
# holds little beyond what it fetches; a 304's poll is small (about 250 bytes pickled, most
# of it the feed's health) and 16 a message already amortise the pickling and the thread
# hand-off.
_SEND_MAX = 16

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["__main__", "monitor.poll.workers"])


def shard_by_host(due: Sequence[FeedHealth], shards: int) -> list[list[FeedHealth]]:
    """Split ``due`` into at most ``shards`` non-empty groups, never splitting a host, with the
    largest hosts placed first on the least loaded group."""
    hosts: dict[str, list[FeedHealth]] = {}
    for feed in due:
        hosts.setdefault(host_key(feed.url), []).append(feed)
    groups: list[list[FeedHealth]] = [[] for _ in range(max(1, shards))]
    for feeds in sorted(hosts.values(), key=len, reverse=True):
        min(groups, key=len).extend(feeds)
    return [g for g in groups if g]


@dataclass
class _Worker:
    feeds: dict[int, FeedHealth]  # not yet reported
    process: BaseProcess
    conn: Connection
    parsing: int | None = None
    blind_restarts: int = 0
    outbox: list[FeedPoll | None] = field(default_factory=list)  # None: the pipe closed


def _start(
    feeds: dict[int, FeedHealth], limits: FetchLimits, max_entries: int, blind_restarts: int = 0
) -> _Worker:
    receive, send = _context.Pipe(duplex=False)
    process = _context.Process(
        target=_work, args=(send, list(feeds.values()), limits, max_entries), daemon=True
    )
    process.start()
    send.close()  # the parent keeps only its read end, so a dead worker reads as EOF
    return _Worker(feeds, process, receive, blind_restarts=blind_restarts)


async def read_in_workers(
    due: Sequence[FeedHealth], limits: FetchLimits, *, max_entries: int, workers: int
) -> AsyncGenerator[FeedPoll, None]:
    """Like :func:`monitor.poll.reader.read_feeds`, spread over up to ``workers`` processes."""
    loop = asyncio.get_running_loop()
    arrived: asyncio.Queue[_Worker] = asyncio.Queue()
    live: dict[int, _Worker] = {}

    def watch(worker: _Worker) -> None:
        live[worker.conn.fileno()] = worker
        loop.add_reader(worker.conn.fileno(), drain, worker)

    def drain(worker: _Worker) -> None:
        try:
            for _ in range(_DRAIN_MAX):
                if not worker.conn.poll():
                    break
                kind, value = worker.conn.recv()
                if kind == "parsing":
                    worker.parsing = value
                    continue
                for poll in value:
                    worker.feeds.pop(poll.feed.id, None)
                    if worker.parsing == poll.feed.id:
                        worker.parsing = None
                    worker.outbox.append(poll)
        except (EOFError, OSError):
            loop.remove_reader(worker.conn.fileno())
            del live[worker.conn.fileno()]
            worker.conn.close()
            worker.outbox.append(None)
        arrived.put_nowait(worker)

    for shard in shard_by_host(due, workers):
        watch(_start({f.id: f for f in shard}, limits, max_entries))
    try:
        while live or not arrived.empty():
            worker = await arrived.get()
            batch, worker.outbox = worker.outbox, []
            for poll in batch:
                if poll is not None:
                    yield poll
                    continue
                for replacement in _after_exit(worker, limits, max_entries):
                    if isinstance(replacement, FeedPoll):
                        yield replacement
                    else:
                        watch(replacement)
    finally:
        for worker in live.values():
            loop.remove_reader(worker.conn.fileno())
            worker.conn.close()
            worker.process.kill()
        for worker in live.values():
            worker.process.join()


def _after_exit(worker: _Worker, limits: FetchLimits, max_entries: int) -> list[FeedPoll | _Worker]:
    """A worker's pipe closed: reap it; if it died with feeds unreported, blame the feed it
    was parsing and give the rest to a new worker."""
    worker.process.join()
    if not worker.feeds:
        return []
    code = worker.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    out: list[FeedPoll | _Worker] = []
    blind = worker.blind_restarts
    if worker.parsing is not None and worker.parsing in worker.feeds:
        feed = worker.feeds.pop(worker.parsing)
        out.append(internal_error(feed, f"poll worker died ({how}) while reading this feed"))
    else:
        blind += 1
    if not worker.feeds:
        return out
    if blind > MAX_BLIND_RESTARTS:
        out.extend(
            internal_error(f, f"poll worker died ({how}); feed not polled")
            for f in worker.feeds.values()
        )
        return out
    out.append(_start(worker.feeds, limits, max_entries, blind))
    return out


def _work(conn: Connection, feeds: list[FeedHealth], limits: FetchLimits, max_entries: int) -> None:
    """A worker process's main: read its feeds and send their outcomes, a batch per message.

    A big batch fills the pipe until the parent reads it; sending from a thread keeps this
    loop serving the fetches in flight (their timeouts stay true), and the outcomes that are
    ready meanwhile go together in the next message. The notice that a feed is about to be
    parsed is sent at once (a crash while parsing is then pinned on that feed).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    writing = threading.Lock()  # one message on the pipe at a time

    def send(message: tuple[str, object]) -> None:
        with writing:
            conn.send(message)

    async def run() -> None:
        loop = asyncio.get_running_loop()
        ready: asyncio.Queue[FeedPoll | None] = asyncio.Queue(_SEND_MAX)

        async def forward() -> None:
            with ThreadPoolExecutor(1) as sender:
                while True:
                    batch = [await ready.get()]
                    while not ready.empty():
                        batch.append(ready.get_nowait())
                    outcomes = [o for o in batch if o is not None]
                    if outcomes:
                        await loop.run_in_executor(sender, send, ("outcomes", outcomes))
                    if len(outcomes) < len(batch):  # None: all read
                        return

        async with asyncio.TaskGroup() as group:
            group.create_task(forward())
            async for outcome in read_feeds(
                feeds,
                limits,
                max_entries=max_entries,
                before_parse=lambda fid: send(("parsing", fid)),
            ):
                await ready.put(outcome)
            await ready.put(None)

    asyncio.run(run())
    conn.close()
