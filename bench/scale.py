"""Scale benchmark: several ``monitor run`` workers on one PostgreSQL database.

Local feeds (bench/daemon.py's feed server), a counting webhook receiver and an aiosmtpd server
here, a PostgreSQL server the test helper starts (or ``MONITOR_TEST_PG_URL``). The workers
poll, embed and deliver together; a burst of watched articles is put into the feeds and, while
its alerts go out, one worker is killed with -9 and started again. Prints, counted by delivery
id at the receivers:

- duplicate and missing instant alerts, digests received more than once (goal: 0, 0, 0);
- how long the burst took to deliver, and how the work split over the workers (polls each
  worker's /metrics counted, matches, deliveries);
- the cost of one claim (feeds, articles to embed, deliveries) on the populated database.

``--embed N`` measures instead what sharing costs the embedding: N articles embedded by two
worker processes (one torch thread each, claiming from one database) against one process with
two torch threads, on the same articles; the goal is a ratio >= 0.9.

    python bench/scale.py                                   # 3 workers, 300 feeds (~6 min)
    python bench/scale.py --workers 3 --feeds 2000 --burst 1000
    python bench/scale.py --embed 600
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.daemon import (  # noqa: E402
    SMTP_PASSWORD,
    get_json,
    serve_feeds,
    write_config,
)
from monitor.store import Store, utcnow  # noqa: E402
from tests.pg import PgServer, start_server  # noqa: E402
from tests.smtp_server import SmtpServer, free_port  # noqa: E402
from tests.wait import wait_for  # noqa: E402
from tests.webhook_receiver import WebhookReceiver  # noqa: E402


class Worker:
    def __init__(self, number: int, config: Path, tmp: Path) -> None:
        self.number = number
        self.config = config
        self.port = int(config.read_text().rsplit("port: ", 1)[1].split("}")[0])
        self.log = tmp / f"worker{number}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor.cli", "run", "-c", str(self.config)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("ab"),
            env=dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1"),
        )

    def health(self) -> dict:
        return get_json(f"http://127.0.0.1:{self.port}/healthz")[1]

    def healthy(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise SystemExit(f"worker {self.number} exited:\n" + self.log.read_text()[-3000:])
        return get_json(f"http://127.0.0.1:{self.port}/healthz")[0] == 200

    def metric(self, name: str) -> float:
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5) as r:
            text = r.read().decode()
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith(name) and not line.startswith("#")
        )


def median_ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{statistics.median(samples) * 1000:.2f} ms median, {p90 * 1000:.2f} ms p90"


def _embed_worker(config_path: str, threads: int, ready: Any, go: Any, out: Any) -> None:
    """Load the model, wait for the start, drain the backlog through claims; report when."""
    import torch

    from monitor.config import load_config
    from monitor.run.cycle import Cycle

    torch.set_num_threads(threads)
    config = load_config(Path(config_path))
    store = Store.open(config.storage_url)
    cycle = Cycle(config, store, batch_size=32)
    cycle.stage.matcher.embed([("warm", "up")])
    ready.set()
    go.wait()
    done = cycle.match_all().embedded
    out.put((done, time.monotonic()))
    store.close()


def embed_throughput(server: PgServer, n: int) -> None:
    from bench.daemon import STORIES, TOPICS
    from monitor.domain import Article, Feed, FeedPoll

    tmp = Path(tempfile.mkdtemp(prefix="monitor-embed-"))
    rates: dict[str, float] = {}
    # Each setup twice, alternating (the machine's load drifts); the better run of each counts.
    setups = (("1 process x 2 threads", 1, 2), ("2 processes x 1", 2, 1)) * 2
    for label, processes, threads in setups:
        url = server.database()
        store = Store.open(url)
        store.sync_feeds([Feed("file:///bench.rss", every_s=60)])
        [feed] = store.feeds()
        now = utcnow()
        items = tuple(
            Article(
                f"e{i}",
                f"https://e.org/{i}",
                STORIES[i % len(STORIES)][0].format(place="Graz", n=i, person="Ana", day="Monday"),
                STORIES[i % len(STORIES)][1].format(place="Graz", n=i, person="Ana", day="Monday")
                + f" Edition {i} of the report, item {i * 7919 % 1000}.",
                now,
                f"h{i}",
            )
            for i in range(n)
        )
        store.record_poll(FeedPoll(feed, 200, items, attempted=now, next_due=now))
        target = store.embed_backlog()  # near-duplicates among them are stored once
        store.close()
        config = tmp / f"{processes}.yaml"
        config.write_text(f"storage: {url}\ntopics:\n{TOPICS}", encoding="utf-8")
        ctx = multiprocessing.get_context("spawn")
        go, out = ctx.Event(), ctx.Queue()
        readies = [ctx.Event() for _ in range(processes)]
        procs = [
            ctx.Process(target=_embed_worker, args=(str(config), threads, r, go, out))
            for r in readies
        ]
        for proc in procs:
            proc.start()
        for ready in readies:
            ready.wait(600)
        started = time.monotonic()
        go.set()
        results = [out.get(timeout=1800) for _ in procs]
        for proc in procs:
            proc.join()
        embedded = sum(r[0] for r in results)
        took = max(r[1] for r in results) - started
        rates[label] = max(rates.get(label, 0.0), embedded / took)
        print(f"embedding, {label}: {embedded} articles in {took:.1f} s, {embedded / took:.1f}/s")
        assert embedded == target, f"{embedded} embedded of {target}: some twice or missed"
    ratio = rates["2 processes x 1"] / rates["1 process x 2 threads"]
    print(f"ratio 2 processes / 1 process: {ratio:.2f} (goal >= 0.9)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--burst", type=int, default=300, help="watched articles in the burst")
    parser.add_argument("--interval", type=float, default=15.0, help="poll interval, seconds")
    parser.add_argument("--embed", type=int, help="measure embedding throughput on N articles")
    args = parser.parse_args()

    server = start_server()
    if not isinstance(server, PgServer):
        raise SystemExit(server)
    if args.embed:
        try:
            embed_throughput(server, args.embed)
        finally:
            server.stop()
        return
    url = server.database()
    receive, send = multiprocessing.Pipe(duplex=False)
    feeds = multiprocessing.Process(target=serve_feeds, args=(args.feeds, 2, send), daemon=True)
    feeds.start()
    base = receive.recv()
    tmp = Path(tempfile.mkdtemp(prefix="monitor-scale-"))
    with WebhookReceiver() as hook, SmtpServer(users={"bench": SMTP_PASSWORD}) as smtp:
        workers = []
        for number in range(args.workers):
            config = tmp / f"worker{number}.yaml"
            write_config(
                config,
                base,
                args.feeds,
                args.interval,
                f"http://127.0.0.1:{hook.port}",
                smtp.port,
                free_port(),
            )
            config.write_text(config.read_text().replace("sqlite:///monitor.db", url))
            workers.append(Worker(number, config, tmp))
        try:
            for worker in workers:
                wait_for(worker.healthy, 300, f"worker {worker.number}", interval=0.5)
            roles = collections.Counter(w.health()["role"] for w in workers)
            print(
                f"{args.workers} workers on one PostgreSQL, {args.feeds} feeds: roles {dict(roles)}"
            )
            store = Store.open(url)
            wait_for(
                lambda: store.embed_backlog() == 0 and store.article_count() > 0,
                900,
                "the first backlog",
                interval=1,
            )
            print(f"first backlog embedded: {store.article_count()} articles")

            # The burst: watched items into the feeds, spread over them.
            started = time.monotonic()
            per_round = min(args.feeds, args.burst)
            rounds = -(-args.burst // per_round)
            for round_no in range(rounds):
                chosen = range(min(per_round, args.burst - round_no * per_round))
                get_json(f"{base}/inject?round={round_no}&feeds=" + ",".join(map(str, chosen)))
            # Killed mid-burst, once alerts go out; started again at once.
            wait_for(lambda: len(hook.requests) >= 5, 900, "the first alerts", interval=0.2)
            victim = workers[0]
            assert victim.proc is not None
            victim.proc.send_signal(signal.SIGKILL)
            victim.proc.wait()
            killed_at = len(hook.requests)
            victim.start()
            print(f"worker 0 killed with -9 after {killed_at} webhook requests, restarted")

            def settled() -> bool:
                counts = store.delivery_counts()
                return (
                    store.embed_backlog() == 0
                    and store.article_count() > 0
                    and counts.get("pending", 0) == 0
                )

            wait_for(settled, 1800, "every delivery sent", interval=1)
            took = time.monotonic() - started
            time.sleep(5)
            sent = {d.id for d in store.deliveries(status="sent") if d.kind == "instant"}
            instant = collections.Counter(
                r.headers["x-monitor-delivery"] for r in hook.accepted if r.path == "/instant"
            )
            digests = collections.Counter(
                r.headers["x-monitor-delivery"] for r in hook.accepted if r.path == "/digest"
            )
            mails = collections.Counter(m.message["Message-ID"] for m in smtp.received)
            print(f"burst of {args.burst} articles delivered in {took:.0f} s")
            print(
                f"instant alerts: {len(sent)} sent, {len(instant)} distinct received, "
                f"duplicates {sum(n - 1 for n in instant.values())}, "
                f"missing {len(sent - set(instant))}"
            )
            print(
                f"digests: {len(digests)} webhook digests, duplicates "
                f"{sum(n - 1 for n in digests.values())}; {len(mails)} mails, duplicates "
                f"{sum(n - 1 for n in mails.values())}"
            )
            print(f"dead letters: {store.delivery_counts().get('dead', 0)}")
            for worker in workers:
                print(
                    f"worker {worker.number}: polls {worker.metric('monitor_polls_total'):.0f}, "
                    f"matches {worker.metric('monitor_matches_total'):.0f}, "
                    f"deliveries sent {worker.metric('monitor_deliveries_sent_total'):.0f}"
                )

            # The claims themselves, on the populated database (nothing due: the cost of looking).
            feed_claims, embed_claims, delivery_claims = [], [], []
            ids = [d.id for d in store.deliveries()][:20]
            for _ in range(50):
                t = time.perf_counter()
                store.claim_due_feeds(utcnow(), 1, 50)
                feed_claims.append(time.perf_counter() - t)
                t = time.perf_counter()
                store.claim_articles_to_embed(32, 1)
                embed_claims.append(time.perf_counter() - t)
                t = time.perf_counter()
                store.claim_deliveries(ids, utcnow(), 1)
                delivery_claims.append(time.perf_counter() - t)
            print(f"claim due feeds: {median_ms(feed_claims)}")
            print(f"claim articles to embed: {median_ms(embed_claims)}")
            print(f"claim 20 deliveries: {median_ms(delivery_claims)}")
            store.close()
        finally:
            for worker in workers:
                if worker.proc is not None and worker.proc.poll() is None:
                    worker.proc.send_signal(signal.SIGTERM)
            for worker in workers:
                if worker.proc is not None:
                    worker.proc.wait(timeout=30)
            server.stop()


if __name__ == "__main__":
    main()
