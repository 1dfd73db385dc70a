"""Poll benchmark: N synthetic feeds of 50 items on a local HTTP server (its own process).

Prints, with ratios against baselines measured in this same run:
- first cycle (every item new): items/s through fetch → parse → clean → store, as a ratio to
  bare ``feedparser.parse(bytes)`` of the same bytes (goal ≥ 0.7);
- steady state (every feed answers 304): seconds per cycle (goal: 10,000 feeds under 10 s);
- peak resident memory of the process during the cycles (goal under 500 MB at 10,000 feeds).

    python bench/poll.py                      # 10,000 feeds steady state, 1,000 first cycle
    python bench/poll.py --feeds 2000 --first 500
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import feedparser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.domain import Feed  # noqa: E402
from monitor.fetch import FetchLimits  # noqa: E402
from monitor.ingest import Poller  # noqa: E402
from monitor.store import FeedUpdate, Store  # noqa: E402

ITEMS = 50
WORDS = ("army", "village", "valley", "river", "border", "government", "rebels", "offensive",
         "province", "ceasefire", "talks", "aid", "convoy", "refugees", "camp", "minister",
         "election", "harvest", "prices", "market", "court", "police", "protest", "storm",
         "flood", "school", "hospital", "airport", "bridge", "energy", "oil", "wheat", "bank")


def feed_body(i: int) -> bytes:
    """A realistic-sized RSS feed: 50 items with HTML descriptions of a few paragraphs."""
    rng = random.Random(i)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    items = []
    for j in range(ITEMS):
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))) + ".</p>"
            for _ in range(3))
        when = format_datetime(start - timedelta(minutes=17 * j + i))
        items.append(
            f"<item><title>Story {i}-{j}: {rng.choice(WORDS)} {rng.choice(WORDS)}</title>"
            f"<link>https://news{i % 97}.example.org/{i}/{j}?utm_source=rss</link>"
            f"<guid>urn:bench:{i}:{j}</guid><pubDate>{when}</pubDate>"
            f"<description><![CDATA[{paragraphs}<img src='https://t.example/p.gif' width='1'>"
            f"]]></description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {i}</title><link>https://news{i}.example.org/</link>"
            f"<description>bench</description>{''.join(items)}</channel></rss>").encode()


def serve(port_out: multiprocessing.connection.Connection) -> None:
    """A small asyncio HTTP/1.1 server with keep-alive: 200 with an ETag, 304 on a match."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {k.lower(): v.strip() for k, _, v in
                           (line.partition(":") for line in lines[1:] if line)}
                i = int(path.rsplit("/", 1)[1].split(".")[0])
                etag = f'"v{i}"'
                if headers.get("if-none-match") == etag:
                    writer.write(f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n"
                                 "Content-Length: 0\r\n\r\n".encode())
                else:
                    body = feed_body(i)
                    writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                                 f"ETag: {etag}\r\nContent-Length: {len(body)}\r\n\r\n"
                                 .encode() + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        port_out.send(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cycle(store: Store, limits: FetchLimits) -> tuple[float, int, int]:
    feeds = [f for f in store.feeds() if not f.retired]
    poller = Poller(store, limits, max_entries=ITEMS)
    started = time.perf_counter()
    results = asyncio.run(poller.poll(feeds))
    took = time.perf_counter() - started
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"  {len(failed)} feeds failed, e.g. {failed[0].feed.url}: {failed[0].error}")
    return took, sum(r.stats.new for r in results), sum(r.status == 304 for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10_000, help="feeds in the steady state")
    parser.add_argument("--first", type=int, default=1_000, help="feeds in the first cycle")
    args = parser.parse_args()

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=serve, args=(send,), daemon=True)
    server.start()
    port = receive.recv()
    base = f"http://127.0.0.1:{port}/feed"
    limits = FetchLimits()
    print(f"server on 127.0.0.1:{port}; limits: concurrency {limits.concurrency}, "
          f"per host {limits.per_host}")

    with tempfile.TemporaryDirectory() as tmp:
        # First cycle: every item new.
        store = Store.open(f"sqlite:///{tmp}/first.db")
        store.sync_feeds([Feed(f"{base}/{i}.xml") for i in range(args.first)])
        took, new, _ = cycle(store, limits)
        peak_first = rss_mb()
        print(f"first cycle: {args.first} feeds, {new} new articles in {took:.1f} s "
              f"= {new / took:.0f} items/s (fetch+parse+clean+store); peak RSS {peak_first:.0f} MB")
        store.close()

        bodies_started = time.perf_counter()
        parsed = 0
        for i in range(args.first):
            parsed += len(feedparser.parse(feed_body(i)).entries)
        bare = time.perf_counter() - bodies_started
        print(f"baseline: feedparser.parse(bytes) of the same {args.first} bodies: {parsed} "
              f"entries in {bare:.1f} s = {parsed / bare:.0f} items/s")
        print(f"  ratio first cycle / bare feedparser: {(new / took) / (parsed / bare):.2f} "
              "(goal >= 0.7)")

        # Steady state: every feed already has its ETag, so every answer is a 304.
        store = Store.open(f"sqlite:///{tmp}/steady.db")
        store.sync_feeds([Feed(f"{base}/{i}.xml") for i in range(args.feeds)])
        now = datetime.now(UTC)
        for f in store.feeds():
            store.record_poll(f.id, FeedUpdate(attempted=now, next_due=now, status=200, ok=True,
                                               etag=f'"v{f.url.rsplit("/", 1)[1][:-4]}"'))
        took, new, not_modified = cycle(store, limits)
        print(f"steady state: {args.feeds} feeds, {not_modified} x 304, {new} new, in "
              f"{took:.1f} s = {args.feeds / took:.0f} feeds/s (goal: 10,000 feeds < 10 s); "
              f"peak RSS {rss_mb():.0f} MB (goal < 500 MB)")
        store.close()
    server.terminate()


if __name__ == "__main__":
    main()
