"""Benchmark: embed+match throughput against bare ``model.encode`` of the same texts, the cost of
1,000 topics over 10, building a matcher of 1,000 topics that name places and kinds of place
(against encoding their descriptions), a realistic mix of languages (20 % of the articles not
in English, read by the multilingual model) against English alone, learning from 1,000 stored
labels (none scored yet, one label more, after a restart; what is held for them), and the int8
ONNX backend. Not a test: prints figures and ratios measured in one process. Needs
../shared/eval.

    python bench/match.py [--n 2000] [--mix-n 200] [--threads 2] [--batch 8] | --sweep
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import torch

from monitor.config.models import MatchingConfig
from monitor.domain import Topic
from monitor.match.embed import load_embedder, sentences
from monitor.match.language import detect
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
    rows = [r for r in rows if detect(r["title"], r["text"]) == "en"]  # not d010 (Arabic)
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


def foreign_articles(n: int) -> list[tuple[str, str]]:
    """~1,000-character texts in French, Spanish, Arabic, Russian and Ukrainian: sentences of
    the non-English texts of ../shared/eval/dev2 recombined within each language."""
    rows = [
        json.loads(line)
        for line in (SHARED / "eval" / "dev2" / "relevance-dev2.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r.get("lang") in ("fr", "es", "ar", "ru", "uk"):
            by_lang.setdefault(r["lang"], []).append(r)
    rng = random.Random(11)
    langs = sorted(by_lang)
    out = []
    for i in range(n):
        group = by_lang[langs[i % len(langs)]]
        pool = [s for r in group for s in sentences(r["text"])]
        text = ""
        while len(text) < 1000:
            text += rng.choice(pool) + " "
        out.append((f"{rng.choice(group)['title']} ({i})", text.strip()))
    return out


def measure_mix(n: int, emb: Any, docs: list[tuple[str, str]]) -> None:
    """embed+match of n articles, 20 % of them not in English, with the multilingual model,
    against n English articles with the English model alone; alternated in rounds."""
    from monitor.match.embed import MultilingualEmbedder

    english = Matcher(emb, topics(50), THRESHOLD)
    both = Matcher(emb, topics(50), THRESHOLD, MultilingualEmbedder())
    foreign = foreign_articles(n // 5)
    mixed = docs[: n - len(foreign)] + foreign
    random.Random(3).shuffle(mixed)
    both.embed(foreign[:2])  # loads the model and its topics
    both.matches(*foreign[0], both.embed(foreign[:1])[0], "a")

    def run(m: Matcher, part: list[tuple[str, str]]) -> None:
        for (t, x), v in zip(part, m.embed(part), strict=True):
            m.matches(t, x, v, "a")

    t_en = t_mix = 0.0
    rounds = 4
    step = n // rounds
    for r in range(rounds):
        t_en += timed(lambda r=r: run(english, docs[r * step : (r + 1) * step]))
        t_mix += timed(lambda r=r: run(both, mixed[r * step : (r + 1) * step]))
    print(
        f"{n} docs, {len(foreign) / n:.0%} not in English (fr, es, ar, ru, uk): English only "
        f"{n / t_en:.1f} docs/s; the mix {n / t_mix:.1f} docs/s; ratio {t_en / t_mix:.2f} "
        "(issue goal >= 0.7)"
    )


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


# A watchlist of places and kinds of place, as analysts name them ("Gaza Strip", "Kursk
# nuclear power plant", "Strait of Hormuz"), whose names the matcher seeks in other languages'
# forms too: what building it costs.
PLACES = (
    *("Gaza", "Golan", "Kursk", "Aden", "Sinai", "Kherson", "Mosul", "Daraa", "Idlib", "Homs"),
    *("Aleppo", "Hodeidah", "Tigray", "Darfur", "Kassala", "Mariupol", "Bakhmut", "Rafah"),
    *("Marib", "Tartus", "Latakia", "Benghazi", "Tripoli", "Misrata", "Sirte", "Goma", "Bunia"),
    *("Beni", "Kismayo", "Baidoa", "Mogadishu", "Garissa", "Lamu", "Juba", "Malakal", "Wau"),
    *("Abyei", "Zaporizhzhia", "Kharkiv", "Odesa"),
)
KINDS = (
    *("Strip", "Heights", "nuclear power plant", "Dam", "Valley", "Gulf", "port", "airport"),
    *("camp", "hospital", "prison", "crossing", "corridor", "bridge", "reservoir", "offensive"),
    *("siege", "massacre", "Peninsula", "River", "Lake", "Canal", "pipeline", "HPP", "Island"),
)


def place_topics(n: int) -> list[Topic]:
    named = [(place, kind) for kind in KINDS for place in PLACES][:n]
    return [
        Topic(
            f"p{i}",
            f"{place} {kind}",
            f"The {place} {kind}: the fighting there, its people and its damage.",
            (f"{place} {kind} area", f"Rapid {place} Support Forces"),
        )
        for i, (place, kind) in enumerate(named)
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
    # (the model's part of a build is encoding each topic's reading; the rest is the names'
    # patterns in every script and language, which a reload pays again)
    named = place_topics(1000)
    build = timed(lambda: Matcher(emb, named, THRESHOLD))
    encode = timed(lambda: emb.encode([f"{t.name}: {t.about}" for t in named]))
    print(
        f"build a matcher of {len(named):,} topics, each a place and a kind: {build:.1f} s, "
        f"{build / encode:.1f} x encoding their descriptions alone"
    )


def measure_learning(emb: Any, docs: list[tuple[str, str]], n_labels: int = 1000) -> None:
    """Learning from ``n_labels`` stored labels over 10 topics, as the daemon does
    (``learned_for``: read them from a SQLite store, decode their vectors, score each labeled
    text zero-shot, fit): from none scored yet (the first learning of a watchlist, or after a
    change of it or of the model), again after one label more (what the analyst's next label
    costs), and by a new matcher of the same config (a restart: the scores kept with the
    labels), against bare encode of as many texts."""
    from monitor.match.stage import LabelReading, learned_for
    from monitor.store import Store
    from monitor.store.feedback import Label

    part = docs[: n_labels + 1]
    matcher = Matcher(emb, topics(10), THRESHOLD)
    vectors = matcher.embed(part)
    model = matcher.model_for("en")
    labels = [
        Label(
            item=f"x{i}",
            topic_id=f"t{i % 10}",
            relevant=i % 3 == 0,
            source="import",
            title=title,
            text=text,
            model=model,
            vectors=v.to_bytes(),
            language=v.language,
        )
        for i, ((title, text), v) in enumerate(zip(part, vectors, strict=True))
    ]
    readings: dict[int | None, LabelReading] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/monitor.db")
        try:
            store.feedback.record(labels[:n_labels])
            bare = timed(lambda: emb.encode([f"{t}\n{x}" for t, x in part[:n_labels]]))
            cold = timed(lambda: learned_for(store, matcher, readings))
            store.feedback.record(labels[n_labels:])
            warm = timed(lambda: learned_for(store, matcher, readings))
            restarted = Matcher(emb, topics(10), THRESHOLD)  # a new process's, the same config
            restart = timed(lambda: learned_for(store, restarted))
            # What the daemon holds for them: the labels' readings and what was learned (numpy
            # reports its arrays to tracemalloc), against the model's weights.
            held: dict[int | None, LabelReading] = {}
            tracemalloc.start()
            learned = learned_for(store, restarted, held)
            held_mb = tracemalloc.get_traced_memory()[0] / 2**20
            tracemalloc.stop()
            del learned, held
        finally:
            store.close()
    model_mb = sum(p.numel() * p.element_size() for p in emb.model.parameters()) / 2**20
    print(
        f"learn from {n_labels:,} stored labels (10 topics): none scored yet {cold:.2f} s "
        f"({cold / bare:.3f} x bare encode of as many texts: what `monitor feedback import` "
        f"adds to embedding them, as it scores them); one label more {warm:.3f} s; after a "
        f"restart or an import (their zero-shot scores kept) {restart:.3f} s (goal < 1 s); "
        f"held for them {held_mb:.1f} MB ({held_mb / model_mb:.3f} x the model's weights)"
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
    ap.add_argument("--mix-n", type=int, default=200, help="articles of the language mix")
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
    matcher = Matcher(emb, topics(50), THRESHOLD)  # English only, as before the mix
    bodies = [f"{t}\n{x}" for t, x in docs]
    emb.encode(bodies[:64])  # warm up
    step = max(1, args.n // 10)
    if not args.onnx_only:
        measure_pipeline(args, docs, bodies, emb, matcher, step)
        measure_mix(args.mix_n, emb, docs)
        measure_learning(emb, docs)

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
