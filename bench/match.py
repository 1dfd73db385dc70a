"""Benchmark: embed+match throughput against bare ``model.encode`` of the same texts, the cost
of 1,000 topics over 10, backfill of 100,000 stored vectors, and the int8 ONNX backend.
Not a test: prints figures and ratios measured in one process. Needs ../shared/eval.

    python bench/match.py [--n 2000] [--threads 2] [--batch 8] | --sweep
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

import torch

from monitor.config.models import MatchingConfig
from monitor.domain import Topic
from monitor.match.embed import load_embedder, sentences
from monitor.match.matcher import Matcher

THRESHOLD = MatchingConfig().threshold  # the config's default

SHARED = Path(__file__).resolve().parents[2] / "shared"


def articles(n: int) -> list[tuple[str, str]]:
    """Realistic ~1,000-character news texts: sentences of the dev set recombined, all distinct."""
    rows = [
        json.loads(line)
        for line in (SHARED / "eval" / "relevance-dev.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    pool = [s for r in rows for s in sentences(r["text"])]
    titles = [r["title"] for r in rows]
    rng = random.Random(7)
    out = []
    for i in range(n):
        text = ""
        while len(text) < 1000:
            text += rng.choice(pool) + " "
        out.append((f"{rng.choice(titles)} ({i})", text.strip()))
    return out


def topics(n: int) -> list[Topic]:
    return [
        Topic(
            f"t{i}",
            f"Subject {i}",
            f"News about subject number {i}, its people and places.",
            (f"Subject {i}", f"Thing{i} Group"),
        )
        for i in range(n)
    ]


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def measure_pipeline(
    args: argparse.Namespace,
    docs: list[tuple[str, str]],
    bodies: list[str],
    emb: Any,
    matcher: Matcher,
    step: int,
) -> None:
    """embed+match against bare encode, 10 vs 1,000 topics, backfill."""

    def pipeline(part: list[tuple[str, str]]) -> None:
        vecs = matcher.embed(part)
        for (t, x), v in zip(part, vecs, strict=True):
            matcher.matches(t, x, v, "a")

    # Alternate the two in chunks so that load from other processes hits both alike.
    bare = ours = 0.0
    for i in range(0, args.n, step):
        bare += timed(
            lambda i=i: emb.model.encode(  # type: ignore[attr-defined]
                bodies[i : i + step], batch_size=args.batch
            )
        )
        ours += timed(lambda i=i: pipeline(docs[i : i + step]))
    print(f"{args.n} docs x 50 topics, threads={args.threads} batch={args.batch}")
    print(
        f"bare encode {args.n / bare:.1f} docs/s; embed+match {args.n / ours:.1f} docs/s; "
        f"ratio {bare / ours:.2f} (goal >= 0.85)"
    )

    sub = docs[:200]
    vecs = matcher.embed(sub)
    for k in (10, 1000):
        m = Matcher(emb, topics(k), THRESHOLD)
        dt = timed(
            lambda m=m: [m.matches(t, x, v, "a") for (t, x), v in zip(sub, vecs, strict=True)]
        )
        print(f"score {len(sub)} docs against {k} topics: {dt / len(sub) * 1e3:.3f} ms/doc")
        if k == 10:
            base = dt
    print(
        f"1,000 topics over 10: +{(dt - base) / (base + bare / args.n * len(sub)) * 100:.1f}% of "
        "embed+match time (goal < 10%)"
    )


def sweep(docs: list[tuple[str, str]]) -> None:
    """Bare encode docs/s per (threads, batch size), rounds interleaved so that every setting
    sees the same machine load; ratios are to the default (2 threads, batch 32)."""
    emb = load_embedder()
    bodies = [f"{t}\n{x}" for t, x in docs]
    emb.encode(bodies[:64])
    settings = [(t, b) for t in (1, 2) for b in (8, 16, 32, 64)]
    took = dict.fromkeys(settings, 0.0)
    rounds = 3
    chunk = max(1, len(bodies) // rounds)
    for r in range(rounds):
        part = bodies[r * chunk : (r + 1) * chunk]
        for threads, batch in settings:
            torch.set_num_threads(threads)
            emb.batch_size = batch  # type: ignore[attr-defined]
            took[(threads, batch)] += timed(lambda part=part: emb.encode(part))
    base = took[(2, 32)]
    for (threads, batch), seconds in took.items():
        print(
            f"threads {threads} batch {batch:>2}: {rounds * chunk / seconds:5.1f} docs/s, "
            f"{base / seconds:.2f}x the default"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--onnx-only", action="store_true")
    ap.add_argument(
        "--sweep",
        action="store_true",
        help="only compare encode speed over batch sizes and thread counts",
    )
    args = ap.parse_args()
    if args.sweep:
        sweep(articles(args.n))
        return
    torch.set_num_threads(args.threads)
    docs = articles(args.n)
    emb = load_embedder(batch_size=args.batch)
    matcher = Matcher(emb, topics(50), THRESHOLD)
    bodies = [f"{t}\n{x}" for t, x in docs]
    emb.encode(bodies[:64])  # warm up
    step = max(1, args.n // 10)
    if not args.onnx_only:
        measure_pipeline(args, docs, bodies, emb, matcher, step)

    onnx = load_embedder(backend="onnx", batch_size=args.batch)
    onnx.encode(bodies[:64])
    bare = t_onnx = 0.0
    for i in range(0, args.n, step):  # alternated, as above
        bare += timed(lambda i=i: emb.encode(bodies[i : i + step]))
        t_onnx += timed(lambda i=i: onnx.encode(bodies[i : i + step]))
    print(
        f"onnx int8 encode {args.n / t_onnx:.1f} docs/s; speed vs bare torch {bare / t_onnx:.2f}x"
    )


if __name__ == "__main__":
    main()
