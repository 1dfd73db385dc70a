"""Benchmark: how long each page of the web UI takes with 100,000 stored articles and 10,000
matches, and how much memory the UI adds to a daemon that has loaded the model.
Not a test: prints figures, and ratios against ``/healthz`` (the same server, the same HTTP
round trip, no page) measured in the same process.

    python bench/web.py [--articles 100000 --matches 10000 --topics 20 --runs 15]

The data is written straight into a SQLite store with SQLAlchemy Core (no poll, no model):
synthetic articles spread over 30 days, matches with evidence as the matcher writes it, labels
and an outbox with dead letters. The newest 2,000 articles get vectors, so the near-miss view
re-scores real rows.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import numpy as np

from monitor.config import load_config
from monitor.match.embed import ArticleVectors
from monitor.match.stage import MatchStage, embedder_for, matcher_for
from monitor.store import Store
from monitor.store.schema import (
    article_sources,
    articles,
    deliveries,
    embeddings,
    feedback,
    matches,
    naive,
    url_hash,
)

WORDS = [
    "army",
    "rebels",
    "village",
    "shelling",
    "border",
    "talks",
    "ceasefire",
    "convoy",
    "aid",
    "province",
    "council",
    "police",
    "protest",
    "minister",
    "election",
    "court",
    "water",
    "harvest",
    "drought",
    "refugees",
    "bridge",
    "road",
    "market",
]
PLACES = ["Daraa", "Yarmouk", "Tafas", "Nawa", "Jasim", "Saham", "Irbid", "Quneitra"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def write_config(folder: Path, n_topics: int) -> Path:
    topics = "".join(
        f"  - name: Subject {i} of {PLACES[i % len(PLACES)]}\n    id: t{i}\n"
        f"    about: Fighting and politics around {PLACES[i % len(PLACES)]}, topic {i}\n"
        f"    aliases: [Thing{i} Group]\n"
        for i in range(n_topics)
    )
    feeds = "".join(f"  - url: https://feeds.example.org/{i}.rss\n" for i in range(50))
    path = folder / "monitor.yaml"
    path.write_text(
        textwrap.dedent("""\
        storage: sqlite:///bench.db
        server: {host: 127.0.0.1, port: 0}
        subscribers:
          - name: analyst
            outbox_dir: outbox
        feeds:
        """)
        + feeds
        + "topics:\n"
        + topics,
        encoding="utf-8",
    )
    return path


def fill(store: Store, n_articles: int, n_matches: int, n_topics: int, dim: int) -> None:
    rng = random.Random(14)
    now = datetime.now(UTC)
    feed_ids = [f.id for f in store.feeds()]
    ids = [f"b-{i:016x}" for i in range(n_articles)]
    # article i was fetched i * step ago: the newest is ids[0]
    step = timedelta(days=30) / n_articles
    with store.engine.begin() as conn:
        for start in range(0, n_articles, 5000):
            rows, sources = [], []
            for i in range(start, min(start + 5000, n_articles)):
                place = rng.choice(PLACES)
                words = " ".join(rng.choices(WORDS, k=70))
                when = naive(now - i * step)
                rows.append(
                    {
                        "id": ids[i],
                        "url": f"https://news.example.org/{i}",
                        "url_hash": url_hash(f"https://news.example.org/{i}"),
                        "title": f"{place}: {' '.join(rng.choices(WORDS, k=7))}",
                        "text": f"{words} near {place}. {words[:200]}.",
                        "published": when,
                        "fetched": when,
                        "updated": None,
                        "content_hash": f"{i:064x}",
                        "fingerprint_count": 0,
                        "embedded": i < 2000,  # the first 2,000 get vectors below
                    }
                )
                sources.append(
                    {
                        "article_id": ids[i],
                        "feed_id": rng.choice(feed_ids),
                        "entry_id": f"e{i}",
                        "url": f"https://news.example.org/{i}",
                        "first_seen": when,
                    }
                )
            conn.execute(articles.insert(), rows)
            conn.execute(article_sources.insert(), sources)
        vectors = []
        for i in range(2000):
            v = np.random.default_rng(i).standard_normal((2, dim)).astype(np.float32)
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            vectors.append(
                {
                    "article_id": ids[i],
                    "model": store_model,
                    "vectors": ArticleVectors(v).to_bytes(),
                    "created": naive(now),
                }
            )
        conn.execute(embeddings.insert(), vectors)
        matched = rng.sample(range(n_articles // 3), n_matches)  # matches among recent articles
        match_rows, delivery_rows, label_rows = [], [], []
        for k, i in enumerate(matched):
            topic = f"t{k % n_topics}"
            when = naive(now - i * step)
            evidence = {
                "passage": f"Fighters of the Thing{k % n_topics} Group clashed near Daraa.",
                "alias": {"alias": f"Thing{k % n_topics} Group", "text": f"Thing{k % n_topics}"},
                "alias_count": 1,
                "semantic": 0.51,
                "semantic_z": 4.2,
                "other_sense": None,
                "other_name": None,
                "name_absent": False,
                "exclude": None,
                "feedback": None,
            }
            match_rows.append(
                {
                    "article_id": ids[i],
                    "topic_id": topic,
                    "score": round(rng.uniform(0.5, 1.0), 4),
                    "evidence": json.dumps(evidence),
                    "origin": "poll",
                    "created": when,
                }
            )
            dead = k % 100 == 0
            delivery_rows.append(
                {
                    "id": f"d{k:020d}",
                    "subscriber": "analyst",
                    "channel": "email",
                    "kind": "digest",
                    "status": "dead" if dead else "sent",
                    "article_id": ids[i],
                    "topic_id": topic,
                    "attempts": 5 if dead else 1,
                    "next_attempt": None,
                    "last_error": "550 mailbox unavailable" if dead else None,
                    "created": when,
                    "queued": when,
                    "sent_at": None if dead else when,
                    "batch_id": None,
                }
            )
            if k % 20 == 0:
                label_rows.append(
                    {
                        "item": ids[i],
                        "article_id": ids[i],
                        "topic_id": topic,
                        "relevant": k % 40 == 0,
                        "source": "ui",
                        "title": "t",
                        "text": "t",
                        "model": store_model,
                        "vectors": vectors[k % len(vectors)]["vectors"],
                        "created": when,
                    }
                )
        conn.execute(matches.insert(), match_rows)
        conn.execute(deliveries.insert(), delivery_rows)
        conn.execute(feedback.insert(), label_rows)


store_model = ""


def timed(http: httpx.Client, path: str, runs: int) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        answer = http.get(path)
        times.append(time.perf_counter() - start)
        assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
        size = len(answer.content)
    return statistics.median(times) * 1000, size


def main() -> None:
    global store_model
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--matches", type=int, default=10_000)
    parser.add_argument("--topics", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(write_config(Path(tmp), args.topics))
        store = Store.open(config.storage_url)
        store.sync_feeds(config.feeds())
        # What the daemon holds before any UI: the model, the topics, the store.
        embedder = embedder_for(config)
        matcher = matcher_for(config, embedder)
        store_model = embedder.name
        stage = MatchStage(store, matcher)
        started = time.perf_counter()
        fill(store, args.articles, args.matches, args.topics, embedder.dim)
        print(
            f"data: {store.article_count():,} articles, {store.match_count():,} matches, "
            f"{args.topics} topics, written in {time.perf_counter() - started:.1f} s"
        )
        stage.current_labels()  # the labels learned, as the match worker does at once
        gc.collect()
        before = rss_mb()
        from monitor.web.app import WebContext, build_app  # the UI's own imports count
        from monitor.web.server import WebServer

        context = WebContext(
            store=store,
            config=lambda: config,
            stage=lambda: stage,
            metrics=lambda: b"",
            health=lambda: (True, {"status": "ok"}),
        )
        server = WebServer(build_app(context), "127.0.0.1", 0)
        server.start()
        pages = [
            "/",
            "/topics/t3",
            "/topics/t3?page=5",
            "/topics/t3?near=1",
            "/feeds",
            "/deliveries",
            "/api/matches?topic=t3",
            "/api/feeds",
        ]
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=60) as http:
            timed(http, "/healthz", 5)  # warm-up: connection, templates
            # The near-miss view's first visit scores the newest articles for every topic;
            # later visits score only what came in since (a new label starts afresh).
            cold, _ = timed(http, "/topics/t3?near=1", 1)
            other, _ = timed(http, "/topics/t4?near=1", 1)
            for path in pages:
                timed(http, path, 2)
            base, _ = timed(http, "/healthz", args.runs)
            print(f"baseline /healthz: {base:.1f} ms (median of {args.runs})")
            print(f"{'page':28} {'median ms':>10} {'x /healthz':>10} {'bytes':>9}")
            for path in pages:
                ms, size = timed(http, path, args.runs)
                flag = "" if ms < 200 else "  OVER 200 ms"
                print(f"{path:28} {ms:10.1f} {ms / base:10.1f} {size:9,}{flag}")
            print(f"{'/topics/t3?near=1, first':28} {cold:10.1f} {cold / base:10.1f}")
            print(f"{'/topics/t4?near=1, then':28} {other:10.1f} {other / base:10.1f}")
            # /try embeds the text: the model's time, shown apart
            form = http.get("/try")
            csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
            start = time.perf_counter()
            tried = http.post(
                "/try",
                data={"csrf": csrf, "title": "Clashes near Daraa", "text": "Thing3 Group " * 40},
            )
            assert tried.status_code == 200
            print(f"{'/try (POST, one text)':28} {(time.perf_counter() - start) * 1000:10.1f}")
        gc.collect()
        after = rss_mb()
        print(
            f"memory: {before:.0f} MB before the UI (model, topics, store), {after:.0f} MB after "
            f"serving every page {args.runs + 2} times: the UI adds {after - before:.1f} MB"
        )
        server.stop()
        store.close()


if __name__ == "__main__":
    main()
