"""Poll benchmark: N synthetic feeds of 50 items on a local HTTP server (its own process).

Prints, with ratios against baselines measured in this same run:
- first cycle (every item new): items/s through fetch → parse → clean → store, as a ratio to
  bare ``feedparser.parse(bytes)`` of the same bytes (goal ≥ 0.7);
- steady state (every feed answers 304): seconds per cycle (goal: 10,000 feeds under 10 s);
- peak resident memory of the poller during the cycles, its worker processes included (goal
  under 500 MB at 10,000 feeds).

The server listens on several loopback addresses (127.0.0.1, 127.0.0.2, ...) and the feeds are
spread over them as over that many publishers: with a single host, the per-host cap (4 at a
time) would be what is measured. CPU seconds of the poller (workers included) and of the
server are printed with each cycle, since the machine may be shared.

    python bench/poll.py                      # 10,000 feeds steady state, 1,000 first cycle
    python bench/poll.py --feeds 2000 --first 500
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.config import Settings  # noqa: E402
from monitor.domain import Feed, FeedPoll  # noqa: E402
from monitor.poll.fetch import FetchLimits  # noqa: E402
from monitor.poll.ingest import Poller  # noqa: E402
from monitor.store import Store  # noqa: E402

ITEMS = 50
EVERY = Settings().poll_every  # the config's default poll interval
HOSTS = 16  # loopback addresses the server answers on: 127.0.0.1 .. 127.0.0.16
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
WORDS = (
    "army",
    "village",
    "valley",
    "river",
    "border",
    "government",
    "rebels",
    "offensive",
    "province",
    "ceasefire",
    "talks",
    "aid",
    "convoy",
    "refugees",
    "camp",
    "minister",
    "election",
    "harvest",
    "prices",
    "market",
    "court",
    "police",
    "protest",
    "storm",
    "flood",
    "school",
    "hospital",
    "airport",
    "bridge",
    "energy",
    "oil",
    "wheat",
    "bank",
)


def feed_body(i: int) -> bytes:
    """A realistic-sized RSS feed: 50 items with HTML descriptions of a few paragraphs."""
    rng = random.Random(i)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    items = []
    for j in range(ITEMS):
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))) + ".</p>"
            for _ in range(3)
        )
        when = format_datetime(start - timedelta(minutes=17 * j + i))
        items.append(
            f"<item><title>Story {i}-{j}: {rng.choice(WORDS)} {rng.choice(WORDS)}</title>"
            f"<link>https://news{i % 97}.example.org/{i}/{j}?utm_source=rss</link>"
            f"<guid>urn:bench:{i}:{j}</guid><pubDate>{when}</pubDate>"
            f"<description><![CDATA[{paragraphs}<img src='https://t.example/p.gif' width='1'>"
            f"]]></description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {i}</title><link>https://news{i}.example.org/</link>"
        f"<description>bench</description>{''.join(items)}</channel></rss>"
    ).encode()


def serve(port_out: multiprocessing.connection.Connection) -> None:
    """A small asyncio HTTP/1.1 server with keep-alive: 200 with an ETag, 304 on a match."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {
                    k.lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                i = int(path.rsplit("/", 1)[1].split(".")[0])
                etag = f'"v{i}"'
                if headers.get("if-none-match") == etag:
                    writer.write(
                        f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n"
                        "Content-Length: 0\r\n\r\n".encode()
                    )
                else:
                    body = feed_body(i)
                    writer.write(
                        f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                        f"ETag: {etag}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        first = socket.create_server(("127.0.0.1", 0), backlog=1024)
        port = first.getsockname()[1]
        socks = [first] + [
            socket.create_server((f"127.0.0.{h}", port), backlog=1024) for h in range(2, HOSTS + 1)
        ]
        servers = [await asyncio.start_server(handle, sock=sock) for sock in socks]
        port_out.send(port)
        await asyncio.gather(*(server.serve_forever() for server in servers))

    asyncio.run(main())


def _stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat") as fh:
        return fh.read().rsplit(")", 1)[1].split()


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


def _tree(pid: int, skip: int) -> list[int]:
    """``pid`` and its descendants (the poller's workers, forkserver), without ``skip``."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p != skip:
            out.append(p)
            todo.extend(_children(p))
    return out


def cpu_s(pid: int, *, reaped: bool = True) -> float:
    """CPU seconds of a process, with those of its children it has reaped."""
    try:
        f = _stat(pid)
    except OSError:
        return 0.0
    fields = f[11:15] if reaped else f[11:13]  # utime stime [cutime cstime]
    return sum(int(x) for x in fields) / TICK


class Meter:
    """Peak summed RSS of the poller's process tree (sampled) and its CPU seconds."""

    def __init__(self, server_pid: int) -> None:
        self.server = server_pid
        self.peak = 0.0
        self._stop = threading.Event()

    def rss_mb(self) -> float:
        total = 0
        for pid in _tree(os.getpid(), self.server):
            try:
                with open(f"/proc/{pid}/statm") as fh:
                    total += int(fh.read().split()[1]) * PAGE
            except OSError:
                pass
        return total / 2**20

    def cpu(self) -> float:
        me = os.getpid()
        return sum(cpu_s(p, reaped=p != me) for p in _tree(me, self.server))

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.rss_mb())

    def __enter__(self) -> Meter:
        self.peak = self.rss_mb()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cycle(
    store: Store, limits: FetchLimits, workers: int | None, server_pid: int
) -> tuple[float, int, int, str, float]:
    feeds = [f for f in store.feeds() if not f.retired]
    poller = Poller(store, limits, max_entries=ITEMS, workers=workers)
    meter = Meter(server_pid)
    cpu0, server0 = meter.cpu(), cpu_s(server_pid)
    with meter:
        started = time.perf_counter()
        results = asyncio.run(poller.poll(feeds))
        took = time.perf_counter() - started
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"  {len(failed)} feeds failed, e.g. {failed[0].feed.url}: {failed[0].error}")
    cpu = meter.cpu() - cpu0
    note = (
        f"poller CPU {cpu:.1f} s, server CPU {cpu_s(server_pid) - server0:.1f}"
        f" s, peak RSS {meter.peak:.0f} MB"
    )
    return (
        took,
        sum(r.stats.new for r in results),
        sum(r.status == 304 for r in results),
        note,
        cpu,
    )


def url(port: int, i: int) -> str:
    return f"http://127.0.0.{1 + i % HOSTS}:{port}/feed/{i}.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10_000, help="feeds in the steady state")
    parser.add_argument("--first", type=int, default=1_000, help="feeds in the first cycle")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="poll worker processes (default: one per core; 1: in-process)",
    )
    args = parser.parse_args()

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=serve, args=(send,), daemon=True)
    server.start()
    port = receive.recv()
    assert server.pid is not None
    limits = Settings().fetch.limits()  # the config's defaults
    workers = args.workers or os.cpu_count() or 1
    print(
        f"server on 127.0.0.1-{HOSTS}:{port}; limits: concurrency {limits.concurrency}, "
        f"per host {limits.per_host}; {workers} poll workers; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        # First cycle: every item new.
        store = Store.open(f"sqlite:///{tmp}/first.db")
        store.sync_feeds([Feed(url(port, i), every_s=EVERY) for i in range(args.first)])
        took, new, _, note, cpu = cycle(store, limits, workers, server.pid)
        print(
            f"first cycle: {args.first} feeds, {new} new articles in {took:.1f} s "
            f"= {new / took:.0f} items/s (fetch+parse+clean+store); {note}"
        )
        store.close()

        bodies = [feed_body(i) for i in range(args.first)]
        bodies_started, bare_cpu0 = time.perf_counter(), time.process_time()
        parsed = 0
        for body in bodies:
            parsed += len(feedparser.parse(body).entries)
        bare = time.perf_counter() - bodies_started
        bare_cpu = time.process_time() - bare_cpu0
        print(
            f"baseline: feedparser.parse(bytes) of the same {args.first} bodies: {parsed} "
            f"entries in {bare:.1f} s (CPU {bare_cpu:.1f} s) = {parsed / bare:.0f} items/s"
        )
        print(
            f"  ratio first cycle / bare feedparser: {(new / took) / (parsed / bare):.2f} "
            f"(goal >= 0.7); by CPU seconds per item: {(bare_cpu / parsed) / (cpu / new):.2f}"
        )

        # Steady state: every feed already has its ETag, so every answer is a 304.
        store = Store.open(f"sqlite:///{tmp}/steady.db")
        store.sync_feeds([Feed(url(port, i), every_s=EVERY) for i in range(args.feeds)])
        now = datetime.now(UTC)
        store.record_polls(
            [
                FeedPoll(
                    f, 200, etag=f'"v{f.url.rsplit("/", 1)[1][:-4]}"', attempted=now, next_due=now
                )
                for f in store.feeds()
            ]
        )
        took, new, not_modified, note, cpu = cycle(store, limits, workers, server.pid)
        print(
            f"steady state: {args.feeds} feeds, {not_modified} x 304, {new} new, in "
            f"{took:.1f} s = {args.feeds / took:.0f} feeds/s (goal: 10,000 feeds < 10 s); "
            f"{note} (goal < 500 MB); {1000 * cpu / args.feeds:.2f} ms CPU per feed"
        )
        store.close()
    server.terminate()


if __name__ == "__main__":
    main()
