"""Benchmark: how well the matcher generalizes to watchlists it was not tuned on.

Two labelled sets live in ../shared/eval (set A: four Yarmouk-region topics, 28 texts; set B:
Wagner Group, al-Shabaab, Houthi Red Sea attacks, Kakhovka Dam, 92 texts, 14 not in English).
The matcher reads an English article with the English model and decides with a logistic
regression over readable features (``WEIGHTS``, ``BIAS``); a non-English one with the
multilingual model and a second, smaller regression (``WEIGHTS_MULTILINGUAL``). This script:

- refits the English path on one set's English texts and scores the other set (the honest,
  cross-set figure), both ways, beside two baselines: aliases only, and whole-text embedding
  similarity at the best threshold per topic chosen on the very labels it is scored on
  (optimistic);
- scores each topic by weights fit on the seven other topics (leave one topic out: the case of
  every user's watchlist);
- prints the table of the relevance goals (issue 13) from these figures, each goal with the
  cross-set figure of each set that judges it and whether it is met: macro F1, every topic's
  precision, F1 above both baselines on every topic, 3 + 3 labels learned (``monitor eval``'s
  learning curve at n=3, on the cross-set zero-shot scores), recall per language;
- fits the multilingual path on every text of both sets as the multilingual model reads it
  (English ones too), with an intercept of its own for a text not in English, and scores the
  15 non-English texts (set A has one) leave one text out and leave one topic out, so that no
  text is scored by weights fit on it; beside, the older fit on those 15 texts alone;
- prints per set the all-language and English-only macro F1, recall per language, the shipped
  weights' in-sample figures (fit on both sets: not a result), calibration, and an ablation of
  the English path (each feature removed, each dropped candidate added back);
- scores the same texts with every topic's description removed (a watchlist of names and
  aliases only), by the weights such topics take; and with the topics written otherwise (no
  aliases, a description cut short or written as a list of names, a generic sentence added),
  by the weights fit on the other set as written;
- scores each English text also cut to its lead (about 500 and 200 characters), as a feed of
  summaries gives it, and with each description cut to fewer proper names;
- runs the eight dev topics over the real news feed snapshots of ../shared/feeds/news (none of
  whose items is about them) and counts the alerts: what an analyst meets in a stream that is
  mostly about other things, which the dev sets (every text near a topic) do not measure;
- runs six topics that no dev set has over every dev text and feed item and lists each alert
  (to be read), and six topics of other fields (technology, medicine, business, politics)
  over the English feed items against a reader's labels (precision and recall), and so six
  people and seven groups and bodies (written by their full names only) over every dev text
  and feed item; and the things the dev sets' hard negatives are (the composer Richard Wagner,
  Mozambique's insurgents "known locally as al-Shabab", the Dnipro hydroelectric station, the
  battle of the Yarmuk...) as topics of their own, against a reader's labels: each dev topic's
  texts are their hard negatives, so a rule that tells a topic from its namesakes only one way
  round shows here; and five topics of a broader scope (the Houthis whatever they do, every
  dam of Ukraine in the war, Red Sea shipping...) over the same texts;
- joins each English text with 1 or 3 others of the same label, as long as a page read with
  ``full_text`` runs, and scores them by weights fit on the texts as written (precision
  should hold as the texts grow);
- writes the other senses that the sets' READMEs say their hard negatives share as ``exclude``
  senses (``EXCLUDE_SENSES``), as an analyst would, and counts the false alerts they remove and
  the wanted texts they push down, by how much nearer than the topic a sense must be;
- rewrites every text, and every topic, in ways that should change no decision (a headline in
  title case, a title repeated at the head of the text, no-break spaces, soft hyphens, a
  description without its full stop, aliases joined by a slash...) and counts the decisions
  that change, by the shipped weights.

    python bench/relevance.py [--cache DIR] [--errors]

Reads the texts from ../shared/eval and never copies them; exits 0 with a message when that
folder is absent. ``--cache`` keeps both models' embeddings of the eval texts in DIR (npz)
between runs (the multilingual model reads about two texts a second).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import html
import json
import re
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from monitor.config.models import MatchingConfig, TopicConfig
from monitor.match.lexical import is_everyday

THRESHOLD = MatchingConfig().threshold  # the config's default

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
FEEDS = EVAL.parent / "feeds" / "news"
SETS = {
    "A": ("relevance-dev.jsonl", "topics.yaml"),
    "B": ("dev2/relevance-dev2.jsonl", "dev2/topics.yaml"),
}
# L2 strength of the regressions (scikit-learn's C): the English path's, chosen by the mean of
# the cross-set and leave-one-topic-out figures over every cut of the descriptions (1, 3, 15,
# 30: 0.776, 0.776, 0.781, 0.781); the multilingual path's too (fit on every text: at C 3 it
# finds 11 and 9 of the 13 non-English wanted pairs leave one text out and leave one topic out,
# at 15 11 and 12, no false alert either way). The older fit on the 15 non-English texts alone
# took C 3 (at 15 the same leave-one-text-out result, with a name hit weighing 6.3).
C = 15.0
C_ALONE = 3.0
# A user's description may name fewer places and people than the dev sets' (five to seven
# each), or none: the regressions are fit over every set's texts with each description cut to
# its first k proper names, for each k here (None: as written), so that about_count's weight
# holds for a description of any length.
NAMES_KEPT: tuple[int | None, ...] = (0, 1, 2, 3, None)
# Most news feeds give a headline and a sentence or two (13 of the 16 real snapshots in
# ../shared/feeds/news: median entry under 500 characters), and a summary rarely writes every
# name its story does. Each English text is also scored as its lead cut to about this many
# characters (whole sentences; None: as written): what a feed of summaries gives of the same
# story, whose label is the story's.
LEADS: tuple[int | None, ...] = (None, 500, 200)  # the first: the texts as written
# A page read with full_text runs to several passages; the dev texts are one or two. Each
# English text is also scored joined with this many texts of the same label, minus one.
JOINED: tuple[int, ...] = (1, 2, 4)


class CachedEmbedder:
    """A model behind a text -> vector cache kept in an npz file; the model itself is loaded
    only when a text is missing."""

    def __init__(
        self,
        cache: Path | None,
        file: str,
        name: str,
        vocab: frozenset[str],
        load: Callable[[], Any],
    ) -> None:
        self.path = cache / file if cache else None
        self.store: dict[str, np.ndarray] = {}
        if self.path and self.path.is_file():
            z = np.load(self.path, allow_pickle=True)
            self.store = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
        self._load = load
        self.inner: Any = None
        self.vocab = vocab
        self.dim = 384
        self.name = name

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


def english_model(cache: Path | None) -> CachedEmbedder:
    from monitor.match.embed import bundled_model_dir, load_embedder, whole_words

    return CachedEmbedder(
        cache,
        "relevance-embeddings.npz",
        "all-MiniLM-L6-v2:torch",
        whole_words(bundled_model_dir()),
        load_embedder,
    )


def multilingual_model(cache: Path | None) -> CachedEmbedder:
    from monitor.match.embed import MultilingualEmbedder

    return CachedEmbedder(
        cache, "e5-embeddings.npz", MultilingualEmbedder.name, frozenset(), MultilingualEmbedder
    )


def _opening_after(about: str) -> str:
    """A description as it reads after words put before it: its first word in lower case
    where English writes that word every day ("The ...", "Attacks by ..."), as written where
    it is a name ("Islamic State-affiliated ...")."""
    first = about.split(" ", 1)[0]
    return f"{about[:1].lower()}{about[1:]}" if is_everyday(first) else about


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


def features(
    emb: Any, multilingual: Any, rows: list[dict[str, Any]], topics: list[Any]
) -> dict[str, Any]:
    """Shipped features (Matcher.features, each article on its own path: ``ml`` marks those
    the multilingual model read) plus the candidates the ablation adds back."""
    from monitor.match.background import BACKGROUND
    from monitor.match.matcher import Matcher

    m = Matcher(emb, topics, THRESHOLD, multilingual)
    n = len(topics)
    names = emb.encode(["; ".join(dict.fromkeys((t.name, *t.aliases))) for t in topics]).T
    bg = emb.encode(list(BACKGROUND)) @ names
    names_mu, names_sd = bg.mean(axis=0), np.maximum(bg.std(axis=0), 1e-3)
    vectors = m.embed([(r["title"], r["text"]) for r in rows])
    whole = emb.encode([f"{r['title']}\n{r['text']}" for r in rows]) @ m.topic_vecs
    cols: dict[str, list[np.ndarray]] = {}
    # Per text, per topic, the keys of the description's names it writes (as the matcher
    # reads them), for the descriptions cut to fewer names.
    written: list[list[set[str]]] = []
    for r, v in zip(rows, vectors, strict=True):
        f = m.features(r["title"], r["text"], v)
        written.append([set(f.about_names.get(i, ())) for i in range(n)])
        vals = dict(f.values)
        vals["z_names"] = ((v.vectors @ names).max(axis=0) - names_mu) / names_sd
        vals["alias_count"] = np.log1p([len(f.hits.get(i, [])) for i in range(n)])
        vals["alias_title"] = np.array(
            [float(any(h.start < len(r["title"]) for h in f.hits.get(i, []))) for i in range(n)]
        )
        named = sorted(f.hits)
        top = f.values["z"][named].max() if named else np.inf
        vals["other_topic"] = ((vals["alias"] == 0) & (f.values["z"] < top)).astype(float)
        vals["excluded"] = f.excluded.astype(float)
        vals["ex_margin"] = f.ex_nearer  # how much nearer the nearest exclude sense is
        # A name word written without any alias of the topic (not kept: see matcher.py).
        in_other = np.isin(np.arange(n), list(f.other))
        vals["word_only"] = (m.has_names & (vals["alias"] == 0) & ~f.absent & ~in_other).astype(
            float
        )
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
    out.update(about_words(written, topics, m.vocab))
    out.update(about_counts_cut(written, topics, m.vocab))
    out["topics"] = [t.id for t in topics]
    out["rows"] = rows
    out["ml"] = np.array([v.multilingual for v in vectors])
    return out


def rows_where(d: dict[str, Any], keep: np.ndarray) -> dict[str, Any]:
    """The same data set, only the rows (texts) where ``keep``."""
    out = dict(d)
    for k, v in d.items():
        if isinstance(v, np.ndarray) and v.shape[:1] == keep.shape:
            out[k] = v[keep]
    out["rows"] = [r for r, k in zip(d["rows"], keep.tolist(), strict=True) if k]
    return out


def topics_where(d: dict[str, Any], keep: Sequence[int]) -> dict[str, Any]:
    """The same data set, only the topics (columns) ``keep``."""
    out = dict(d)
    n = len(d["topics"])
    for k, v in d.items():
        if isinstance(v, np.ndarray) and v.ndim == 2 and v.shape[1] == n:
            out[k] = v[:, list(keep)]
    out["topics"] = [d["topics"][j] for j in keep]
    return out


def leave_one_topic_out(
    en: dict[str, list[dict[str, Any]]],
    feats: Sequence[str],
    *,
    cut: int | None = None,
    cuts: Sequence[int | None] = NAMES_KEPT,
    scored: dict[str, dict[str, Any]] | None = None,
) -> dict[str, float]:
    """Per set, the mean F1 of each topic scored by weights fit on the other seven topics (its
    own set's other three and the other set): how the regression does on a topic it never saw,
    which is every user's case. ``en``: per set, the versions of its English texts fit on (as
    written, the first; or with their leads too, ``english_leads``); ``scored``: per set, the
    texts scored (the same texts and topics; default: the first version). ``cut``: the scored
    topic's description cut to that many proper names; ``cuts``: those of the fit (``fit``)."""
    out = {}
    for s, versions in en.items():
        d = versions[0] if scored is None else scored[s]
        f1s = []
        for j in range(len(d["topics"])):
            rest = [k for k in range(len(d["topics"])) if k != j]
            train = [topics_where(v, rest) for v in versions]
            train += [e for t, vs in en.items() if t != s for e in vs]
            one = cut_names(topics_where(d, [j]), cut)
            weights = fit(train, feats, cuts=cuts)
            f1s.append(macro(per_topic(one, predict(one, feats, *weights) >= 0.5)))
        out[s] = float(np.mean(f1s))
    return out


def lead_of(text: str, chars: int | None) -> str:
    """The first ``chars`` characters of ``text``, cut after the last whole sentence in them
    (None: the whole text)."""
    if chars is None or len(text) <= chars:
        return text
    head = text[:chars]
    end = max(head.rfind(". "), head.rfind("\n"))
    return head[: end + 1] if end > 40 else head


def english_leads(
    emb: Any, ml: Any, en: dict[str, dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """Per set, its English texts (``en``: as written) and the same texts cut to each of the
    other ``LEADS`` (features as the matcher computes them), in that order."""
    out = {}
    for s, whole in en.items():
        rows, topics = load_set(s)
        out[s] = [whole]
        for n in LEADS[1:]:
            d = features(emb, ml, [{**r, "text": lead_of(r["text"], n)} for r in rows], topics)
            out[s].append(rows_where(d, ~d["ml"]))
    return out


def about_counts_cut(
    written: list[list[set[str]]], topics: list[Any], vocab: frozenset[str]
) -> dict[str, np.ndarray]:
    """``about_count`` as if each description wrote only its first k proper names, for k in
    ``NAMES_KEPT`` ("about_count@k"; k None: as written); ``written``: per text, per topic, the
    keys of the description's names it writes."""
    from monitor.match.matcher import description_names

    names = [list(description_names(t, vocab)) for t in topics]
    return {
        f"about_count@{k}": np.log1p(
            [[len(set(ns[:k]) & seen[j]) for j, ns in enumerate(names)] for seen in written]
        )
        for k in NAMES_KEPT
    }


def cut_names(d: dict[str, Any], k: int | None) -> dict[str, Any]:
    """The same data set with each description cut to its first ``k`` proper names."""
    return {**d, "about_count": d[f"about_count@{k}"]}


def about_words(
    written: list[list[set[str]]], topics: list[Any], vocab: frozenset[str]
) -> dict[str, np.ndarray]:
    """A candidate (not shipped): the share of the description's proper names
    (``description_names``, whose count is the shipped ``about_count``) that the text writes,
    among those that no other watched topic writes ("about_unique"). It makes a topic's score
    depend on the rest of the watchlist, which tests/test_match.py forbids (a topic scores the
    same alone or among 1,000); ``written``: as for ``about_counts_cut``."""
    from monitor.match.aliases import tokens
    from monitor.match.matcher import description_names

    own = [{tok.key for tok in tokens(" ".join((t.name, *t.aliases, t.about)))} for t in topics]
    unique = [
        {
            k
            for k in description_names(t, vocab)
            if not any(k in w for j, w in enumerate(own) if j != i)
        }
        for i, t in enumerate(topics)
    ]
    share = [
        [len(ks & seen[j]) / max(len(ks), 1) for j, ks in enumerate(unique)] for seen in written
    ]
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


def fit(
    sets: Sequence[dict[str, Any]],
    feats: Sequence[str],
    *,
    pooled: bool = False,
    cuts: Sequence[int | None] = NAMES_KEPT,
    c: float | None = None,
) -> tuple[float, np.ndarray]:
    """L2 logistic regression over each set with its descriptions cut to each of ``cuts``
    proper names (``NAMES_KEPT``); each set weighs the same in a joint fit, whatever its size,
    or every pair the same when ``pooled`` (the non-English texts: one in set A, 14 in set B)."""
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    for d in (cut_names(d, k) for d in sets for k in cuts):
        x, y = design(d, feats)
        if not len(y):
            continue
        xs.append(x)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 if pooled else 1.0 / len(y)))
    w = np.concatenate(ws)
    # The cuts are copies of the same texts: they weigh as many pairs as there are, once.
    lr = LogisticRegression(C=C if c is None else c, max_iter=5000).fit(
        np.vstack(xs), np.concatenate(ys), sample_weight=w * (len(w) / len(cuts)) / w.sum()
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


def multilingual_reading(
    emb: Any, ml: Any, rows: list[dict[str, Any]], topics: list[Any], d: dict[str, Any]
) -> dict[str, Any]:
    """The data set ``d`` (``features`` of ``rows``) as the multilingual path reads every text,
    English ones too, to fit that path on all 120 texts rather than the 15 not in English: z
    and z_about by the multilingual model from the same lead (``passages_of``), an English
    text's against the English background in its space as another language's against its own;
    ``foreign`` 1 for a text not in English (its cosines to an English topic run lower)."""
    from monitor.match.background import BACKGROUND
    from monitor.match.matcher import Matcher, best_passages, passages_of

    side = Matcher(emb, topics, THRESHOLD, ml).other_languages()
    bg = ml.encode(list(BACKGROUND)) @ side.sem_vecs
    mean, std = bg.mean(axis=0), np.maximum(bg.std(axis=0), 1e-3)
    z, z_about = d["z"].copy(), d["z_about"].copy()
    for a, r in enumerate(rows):
        if not d["ml"][a]:
            v = ml.encode(passages_of(r["title"], r["text"], multilingual=True))
            _, _, z[a], z_about[a] = best_passages(v, side.sem_vecs, mean, std)
    foreign = np.repeat(d["ml"][:, None], d["gold"].shape[1], axis=1).astype(float)
    return {**d, "z": z, "z_about": z_about, "foreign": foreign}


def multilingual_features() -> list[str]:
    """The multilingual path's features as fit here: the shipped ones and ``foreign``, whose
    weight the shipped bias takes in (that path reads only texts not in English)."""
    from monitor.match.matcher import WEIGHTS_MULTILINGUAL

    return [*WEIGHTS_MULTILINGUAL, "foreign"]


def multilingual_held_out(
    data: dict[str, dict[str, Any]], feats: Sequence[str], by: str, *, alone: bool = False
) -> dict[str, np.ndarray]:
    """Scores (rows, topics) of the multilingual path for the texts it reads (NaN for the
    English ones), each by weights fit without it: ``by`` "text", every text but that one;
    "topic", the seven other topics. ``data``: per set, ``multilingual_reading``'s; ``alone``:
    fit on the non-English texts only (every pair weighing the same, C_ALONE), as before."""
    other = {"A": "B", "B": "A"}
    out = {s: np.full(d["gold"].shape, np.nan) for s, d in data.items()}

    def weights(train: list[dict[str, Any]]) -> tuple[float, np.ndarray]:
        if alone:
            train = [rows_where(d, d["ml"]) for d in train]
            return fit(train, feats, pooled=True, c=C_ALONE)
        return fit(train, feats)

    for s, d in data.items():
        everyone = np.arange(len(d["rows"]))
        if by == "text":
            for a in np.flatnonzero(d["ml"]).tolist():
                w = weights([rows_where(d, everyone != a), data[other[s]]])
                out[s][a] = predict(rows_where(d, everyone == a), feats, *w)[0]
        else:
            topics = range(len(d["topics"]))
            for j in topics:
                w = weights([topics_where(d, [k for k in topics if k != j]), data[other[s]]])
                one = rows_where(topics_where(d, [j]), d["ml"])
                out[s][d["ml"], j] = predict(one, feats, *w)[:, 0]
    return out


def found(data: dict[str, dict[str, Any]], scores: dict[str, np.ndarray]) -> str:
    """ "found / wanted (false alerts)" over the non-English pairs of both sets."""
    pred = np.concatenate([scores[s][d["ml"]] for s, d in data.items()]).ravel() >= 0.5
    gold = np.concatenate([d["gold"][d["ml"]] for d in data.values()]).ravel().astype(bool)
    return f"{int((pred & gold).sum())}/{int(gold.sum())} ({int((pred & ~gold).sum())} false)"


def zero_shot_scores(
    data: dict[str, dict[str, Any]],
    fits: dict[str, tuple[float, np.ndarray]],
    loo: dict[str, np.ndarray],
) -> dict[str, dict[str, np.ndarray]]:
    """Per set, the zero-shot scores (rows, topics) two ways: "cross", the English path by the
    weights fit on the other set (``fits``: per set, the weights fit on it) and the non-English
    texts leave-one-text-out (``loo``, from ``multilingual_held_out``), the honest figure;
    "shipped", both paths by the shipped weights (fit on both sets: in-sample)."""
    from monitor.match.matcher import BIAS, BIAS_MULTILINGUAL, WEIGHTS, WEIGHTS_MULTILINGUAL

    other = {"A": "B", "B": "A"}
    english, foreign = list(WEIGHTS), list(WEIGHTS_MULTILINGUAL)
    out = {}
    for s, d in data.items():
        ml_rows = d["ml"][:, None]
        shipped = np.where(
            ml_rows,
            predict(d, foreign, BIAS_MULTILINGUAL, np.array(list(WEIGHTS_MULTILINGUAL.values()))),
            predict(d, english, BIAS, np.array(list(WEIGHTS.values()))),
        )
        cross = np.where(ml_rows, loo[s], predict(d, english, *fits[other[s]]))
        out[s] = {"cross": cross, "shipped": shipped}
    return out


def language_of(d: dict[str, Any]) -> list[str]:
    """Each text's language as labelled (set A has no field: its one Arabic text is d010)."""
    return [r.get("lang") or ("ar" if r["id"] == "d010" else "en") for r in d["rows"]]


class FrozenScores:
    """The Matcher's interface as the learning report uses it, with zero-shot scores computed
    beforehand (by the shipped or the cross-set weights: ``zero_shot_scores``)."""

    def __init__(self, topics: Sequence[Any], table: np.ndarray, ids: Sequence[str]) -> None:
        self.topics = list(topics)
        self.thresholds = np.full(len(self.topics), THRESHOLD)
        self.row = {a: k for k, a in enumerate(ids)}
        self.table = table

    def score(self, title: str, text: str, vectors: Any, article_id: str) -> list[Any]:
        from monitor.domain import Match

        values = self.table[self.row[article_id]]
        return [
            Match(article_id, t.id, float(s), bool(s >= THRESHOLD))
            for t, s in zip(self.topics, values, strict=True)
        ]


def learned_from_three(
    emb: Any,
    ml: Any,
    loaded: dict[str, tuple[list[dict[str, Any]], list[Any]]],
    table: str,
    tables: dict[str, dict[str, np.ndarray]],
) -> dict[str, tuple[float, float] | None]:
    """Per set, the macro F1 after learning from 3 relevant + 3 irrelevant labels per topic
    drawn at random (``monitor eval``'s learning curve at n=3, the module's learning
    constants), the zero-shot scores being ``tables[s][table]`` ("cross": weights fit on the
    other set; "shipped"), and the zero-shot macro F1 of the same texts left to score (the
    gain from the labels is the difference)."""
    from monitor.match.learning_eval import learning_report
    from monitor.match.matcher import Matcher

    out: dict[str, tuple[float, float] | None] = {}
    for s, (rows, topics) in loaded.items():
        vectors = Matcher(emb, topics, THRESHOLD, ml).embed([(r["title"], r["text"]) for r in rows])
        scorer = FrozenScores(topics, tables[s][table], [str(r["id"]) for r in rows])
        report = learning_report(scorer, rows, vectors, sizes=(3,), marks=())  # type: ignore[arg-type]
        learned, zero = report.curve_macro(3), report.paired_macro(3)
        out[s] = None if learned is None or zero is None else (learned, zero)
    return out


# The goals (13: relevance), as the figures above measure them.
GOAL_F1 = 0.90  # zero-shot macro F1 of each dev set, cross-set
GOAL_PRECISION = 0.90  # zero-shot precision of every topic, cross-set
GOAL_LEARNED = 0.93  # macro F1 with 3 + 3 labels per topic


def goals(
    per_set: dict[str, dict[str, Any]],
    learned: dict[str, tuple[float, float] | None],
    loto: dict[str, float],
) -> None:
    """The table of the relevance goals: per goal, the figure of each set that it is judged by,
    and whether it is met. ``per_set``: per set, the cross-set ``per_topic`` figures
    ("cross"), the two baselines' ("aliases", "embedding") and the non-English recall
    ("languages")."""

    def line(goal: str, cells: dict[str, str], ok: bool | None) -> None:
        verdict = "" if ok is None else (" -> met" if ok else " -> NOT met")
        print(f"  {goal}: " + "; ".join(f"{s} {c}" for s, c in cells.items()) + verdict)

    print(
        "\ngoals (issue 13), zero-shot cross-set (each set scored by the English weights fit on "
        "the other set, its non-English texts leave one text out)"
    )
    f1 = {s: macro(v["cross"]) for s, v in per_set.items()}
    line(
        f"macro F1 >= {GOAL_F1:.2f}",
        {s: f"{v:.3f}" for s, v in f1.items()},
        all(v >= GOAL_F1 for v in f1.values()),
    )
    below = {
        s: sorted((p, t) for t, (p, _, _) in v["cross"].items() if p < GOAL_PRECISION)
        for s, v in per_set.items()
    }
    line(
        f"precision >= {GOAL_PRECISION:.2f} on every topic (those below)",
        {s: ", ".join(f"{t} {p:.2f}" for p, t in b) or "none" for s, b in below.items()},
        not any(below.values()),
    )
    # Strictly above each baseline: a tie is no gain over it.
    short = {
        s: [
            f"{t} {f:.2f} ({v['aliases'][t][2]:.2f}, {v['embedding'][t][2]:.2f})"
            for t, (_, _, f) in v["cross"].items()
            if f <= v["aliases"][t][2] or f <= v["embedding"][t][2]
        ]
        for s, v in per_set.items()
    }
    line(
        "F1 above both baselines (aliases only, emb-best-th) on every topic (those not)",
        {s: ", ".join(b) or "none" for s, b in short.items()},
        not any(short.values()),
    )
    line(
        f"3 + 3 labels per topic, macro F1 >= {GOAL_LEARNED:.2f} (in brackets zero-shot on the "
        "same texts)",
        {s: "-" if v is None else f"{v[0]:.3f} ({v[1]:.3f})" for s, v in learned.items()},
        all(v is not None and v[0] >= GOAL_LEARNED for v in learned.values()),
    )
    line(
        "non-English texts, recall per language",
        {s: v["languages"] or "none" for s, v in per_set.items()},
        None,
    )
    line(
        "each topic scored by weights fit on the 7 others (a new watchlist's case)",
        {s: f"{v:.3f}" for s, v in loto.items()},
        None,
    )
    print(
        "  the demo digest without a false alert: tests/test_end_to_end.py (its golden digest); "
        "throughput, learning time and memory: bench/match.py"
    )


def main(argv: list[str] | None = None) -> int:
    global C
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="keep the eval texts' embeddings here")
    ap.add_argument("--errors", action="store_true", help="list the cross-set errors")
    args = ap.parse_args(argv)
    if not (EVAL / SETS["B"][0]).is_file() or not (EVAL / SETS["A"][0]).is_file():
        print(f"relevance bench skipped: {EVAL.resolve()} is absent")
        return 0
    from monitor.match.matcher import (
        BIAS,
        BIAS_MULTILINGUAL,
        UNSEEN_SHIFT,
        WEIGHTS,
        WEIGHTS_MULTILINGUAL,
    )

    emb, ml = english_model(args.cache), multilingual_model(args.cache)
    loaded = {s: load_set(s) for s in SETS}
    data = {s: features(emb, ml, *loaded[s]) for s in SETS}
    read_ml = {s: multilingual_reading(emb, ml, *loaded[s], data[s]) for s in SETS}
    en = {s: rows_where(d, ~d["ml"]) for s, d in data.items()}  # the English path's texts
    shipped, shipped_ml, fit_ml = list(WEIGHTS), list(WEIGHTS_MULTILINGUAL), multilingual_features()
    other = {"A": "B", "B": "A"}
    fits = {s: fit([en[s]], shipped) for s in SETS}
    both = fit(list(en.values()), shipped)
    both_ml = fit(list(read_ml.values()), fit_ml)
    loo = multilingual_held_out(read_ml, fit_ml, "text")

    def fmt(feats: Sequence[str], bias: float, w: Sequence[float]) -> str:
        return f"bias {bias:+.2f}, " + ", ".join(
            f"{f} {x:+.2f}" for f, x in zip(feats, w, strict=True)
        )

    counts = ", ".join(f"{s}: {len(d['rows'])}" for s, d in en.items())
    print(
        f"English path: {', '.join(shipped)}; L2 logistic regression C={C}; threshold 0.5; "
        f"fit on English texts ({counts}), each description also cut to its first "
        f"{', '.join(str(k) for k in NAMES_KEPT if k is not None)} proper names"
    )
    print(f"  fit on A:    {fmt(shipped, fits['A'][0], fits['A'][1])}")
    print(f"  fit on B:    {fmt(shipped, fits['B'][0], fits['B'][1])}")
    print(f"  fit on both: {fmt(shipped, both[0], both[1])}")
    print(
        f"  shipped:     {fmt(shipped, BIAS, list(WEIGHTS.values()))} (the bias: the fit's, "
        f"and UNSEEN_SHIFT {UNSEEN_SHIFT:+.2f}, chosen on texts outside these sets)"
    )
    n_ml = sum(int(d["ml"].sum()) for d in data.values())
    print(
        f"multilingual path: {', '.join(shipped_ml)}; C={C}; fit on every text of both sets as "
        "the multilingual model reads it (an English one against the English background in its "
        f"space), cut likewise, with an intercept of its own for the {n_ml} not in English "
        "(foreign; the shipped bias takes it in)"
    )
    print(f"  fit on both: {fmt(fit_ml, both_ml[0], both_ml[1])}")
    print(
        f"  shipped:     {fmt(shipped_ml, BIAS_MULTILINGUAL, list(WEIGHTS_MULTILINGUAL.values()))}"
    )
    print(
        "  non-English wanted pairs found (false alerts), leave one text out / leave one topic "
        f"out: {found(data, loo)} / {found(data, multilingual_held_out(read_ml, fit_ml, 'topic'))}"
        f"; fit on those {n_ml} texts alone (C={C_ALONE}): "
        + " / ".join(
            found(data, multilingual_held_out(read_ml, fit_ml, by, alone=True))
            for by in ("text", "topic")
        )
    )
    # The non-English dev texts are 15, 13 of their 60 pairs wanted: too few unwanted ones to
    # show that path's false alerts. The English texts, read as that path would read them (its
    # foreign intercept 0), hold the hard negatives: its precision there, fit on the other set.
    on_english = []
    for s in SETS:
        d = rows_where(read_ml[s], ~read_ml[s]["ml"])
        pred = predict(d, fit_ml, *fit([read_ml[other[s]]], fit_ml)) >= 0.5
        p, r, _ = prf(pred.ravel(), d["gold"].ravel().astype(bool))
        on_english.append(f"set {s} P {p:.2f} R {r:.2f}")
    print(
        "  the multilingual path on the English texts, as it reads them (fit on the other set): "
        + ", ".join(on_english)
    )

    tables = zero_shot_scores(data, fits, loo)
    scores: dict[str, np.ndarray] = {}
    per_set: dict[str, dict[str, Any]] = {}
    for s, d in data.items():
        cross_sc = scores[s] = tables[s]["cross"]
        cross = per_topic(d, cross_sc >= 0.5)
        cross_en = per_topic(en[s], predict(en[s], shipped, *fits[other[s]]) >= 0.5)
        insample = per_topic(d, tables[s]["shipped"] >= 0.5)
        alias = per_topic(d, d["alias_plain"])
        emb_best = {
            t: best_threshold_f1(d["whole"][:, j], d["gold"][:, j].astype(bool))
            for j, t in enumerate(d["topics"])
        }
        print(
            f"\nset {s} ({len(d['rows'])} texts, {int(d['ml'].sum())} read by the multilingual "
            f"model), English path fit on set {other[s]} (cross-set):"
        )
        print(
            f"  {'topic':<18}{'cross P/R/F1':>16}{'aliases-only':>14}{'emb-best-th':>13}"
            f"{'in-sample F1':>14}{'English texts':>16}"
        )
        for t in d["topics"]:
            p, r, f = cross[t]
            print(
                f"  {t:<18}{p:>8.2f}/{r:.2f}/{f:.2f}{alias[t][2]:>14.2f}{emb_best[t][2]:>13.2f}"
                f"{insample[t][2]:>14.2f}{cross_en[t][2]:>16.2f}"
            )
        print(
            f"  {'macro F1':<18}{macro(cross):>16.3f}{macro(alias):>14.3f}"
            f"{macro(emb_best):>13.3f}{macro(insample):>14.3f}{macro(cross_en):>16.3f}"
        )
        print(
            "  (emb-best-th: whole-text cosine of the English model at the best threshold per "
            "topic chosen on these labels, optimistic; in-sample: the shipped weights, fit on "
            "both sets, NOT a result; English texts: the English texts alone)"
        )
        langs = language_of(d)
        pred = cross_sc >= 0.5
        parts = []
        for lang in sorted(set(langs) - {"en"}):
            idx = [a for a, x in enumerate(langs) if x == lang]
            g = d["gold"][idx].astype(bool)
            fp = int((pred[idx] & ~g).sum())
            parts.append(
                f"{lang} {int((pred[idx] & g).sum())}/{int(g.sum())}"
                + (f" ({fp} false)" if fp else "")
            )
        if parts:
            print("  recall on non-English texts: " + ", ".join(parts))
        per_set[s] = {
            "cross": cross,
            "aliases": alias,
            "embedding": emb_best,
            "languages": ", ".join(parts),
        }
        if args.errors:
            for a, r in enumerate(d["rows"]):
                feats = shipped_ml if d["ml"][a] else shipped
                for j, t in enumerate(d["topics"]):
                    if (cross_sc[a, j] >= 0.5) != bool(d["gold"][a, j]):
                        vals = " ".join(f"{f}={d[f][a, j]:.2f}" for f in feats)
                        print(
                            f"    {r['id']} {t} gold={d['gold'][a, j]} p={cross_sc[a, j]:.2f} "
                            f"{vals}  note: {(r.get('note') or '')[:70]}"
                        )
    ml_all = np.concatenate([d["ml"] for d in data.values()])
    g_all = np.concatenate([d["gold"] for d in data.values()]).astype(bool)
    p_all = np.concatenate([scores[s] for s in SETS]) >= 0.5
    for label, rows in (("English texts", ~ml_all), ("non-English texts", ml_all)):
        p, r, f = prf(p_all[rows], g_all[rows])
        print(f"\n{label}, both sets pooled: P {p:.2f} R {r:.2f} F1 {f:.2f} (pairs)", end="")
    print("\n\ncalibration, cross-set (both sets pooled): score band -> share wanted (pairs)")
    sc_all = np.concatenate([scores[s].ravel() for s in SETS])
    bands = np.digitize(sc_all, [0.2, 0.4, 0.6, 0.8])
    names = ["0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1"]
    print(
        "  "
        + ", ".join(
            f"{names[b]}: {g_all.ravel()[bands == b].mean():.2f} ({int((bands == b).sum())})"
            for b in range(5)
            if (bands == b).any()
        )
    )
    loto = leave_one_topic_out({s: [d] for s, d in en.items()}, shipped)
    print(
        "\nleave one topic out (English texts; each topic scored by weights fit on the 7 "
        f"others): set A {loto['A']:.3f}, set B {loto['B']:.3f}"
    )
    goals(per_set, learned_from_three(emb, ml, loaded, "cross", tables), loto)
    print(
        "\nablation of the English path, cross-set macro F1 on the English texts (weights "
        "refit on the other set each time)"
    )
    candidates = [
        "z",  # the names and the description together: shipped until 2026-12-01
        "alias_count",
        "z_names",
        "alias_title",
        "other_topic",
        "about_unique",
        "word_only",
    ]
    variants = [("shipped", shipped)]
    variants += [(f"- {f}", [g for g in shipped if g != f]) for f in shipped]
    variants += [(f"+ {f}", [*shipped, f]) for f in candidates]
    print(f"  {'features':<22}{'set A':>8}{'set B':>8}")
    for label, feats in variants:
        res = [
            macro(per_topic(en[s], predict(en[s], feats, *fit([en[other[s]]], feats)) >= 0.5))
            for s in SETS
        ]
        print(f"  {label:<22}{res[0]:>8.3f}{res[1]:>8.3f}")
    shipped_c = C
    print("  by L2 strength C: shipped, - about_count, + about_unique (set A / set B)")
    for c in (1.0, 3.0, 15.0, 30.0):
        C = c
        res = [
            macro(per_topic(en[s], predict(en[s], feats, *fit([en[other[s]]], feats)) >= 0.5))
            for feats in (
                shipped,
                [f for f in shipped if f != "about_count"],
                [*shipped, "about_unique"],
            )
            for s in SETS
        ]
        print(f"  C={c:<6}" + "  ".join(f"{res[k]:.3f}/{res[k + 1]:.3f}" for k in (0, 2, 4)))
    C = shipped_c
    summaries(english_leads(emb, ml, en), shipped)
    fewer_names(en, shipped)
    written_otherwise(emb, ml, en, shipped)
    names_only(emb, ml)
    unrelated_stream(emb, ml)
    new_topics(emb, ml)
    people(emb, ml)
    joined_texts(emb)
    exclude_senses(emb, ml, loaded, tables)
    rewrites(emb, ml, loaded)
    return 0


def summaries(leads: dict[str, list[dict[str, Any]]], feats: Sequence[str]) -> None:
    """Texts cut to their leads, as a feed of summaries gives them, scored by weights fit as
    shipped (on the whole texts) and, not shipped, on the texts and their leads together (labels
    as the story's): the second finds more in summaries but costs the whole texts precision
    (pooled cross-set 0.81 -> 0.74 when this was written)."""
    other = {"A": "B", "B": "A"}
    print("\ntexts cut to their leads (English texts): cross-set A / B, leave one topic out A / B")
    whole = {s: versions[:1] for s, versions in leads.items()}
    for label, train in (
        ("fit on whole texts (shipped)", whole),
        ("fit on texts and leads", leads),
    ):
        weights = {s: fit(train[other[s]], feats) for s in leads}
        cells = []
        for k, n in enumerate(LEADS):
            cross = [
                macro(per_topic(leads[s][k], predict(leads[s][k], feats, *weights[s]) >= 0.5))
                for s in leads
            ]
            loto = leave_one_topic_out(
                train, feats, scored={s: versions[k] for s, versions in leads.items()}
            )
            cells.append(
                f"{'whole' if n is None else f'~{n} chars'}: "
                + "/".join(f"{x:.2f}" for x in (*cross, loto["A"], loto["B"]))
            )
        print(f"  {label:<34}" + "  ".join(cells))


def fewer_names(en: dict[str, dict[str, Any]], feats: Sequence[str]) -> None:
    """Descriptions that name fewer places and people: each scored topic's description cut to
    its first k proper names, weights fit as shipped (over every cut) or on the descriptions as
    written only."""
    other = {"A": "B", "B": "A"}
    print(
        "\ndescriptions cut to their first k proper names (English texts): cross-set A / B, "
        "leave one topic out A / B"
    )
    for label, cuts in (("fit over every cut (shipped)", NAMES_KEPT), ("fit as written", (None,))):
        weights = {s: fit([en[other[s]]], feats, cuts=cuts) for s in en}
        cells = []
        for k in NAMES_KEPT:
            cut = {s: cut_names(d, k) for s, d in en.items()}
            cross = [
                macro(per_topic(cut[s], predict(cut[s], feats, *weights[s]) >= 0.5)) for s in en
            ]
            loto = leave_one_topic_out({s: [d] for s, d in en.items()}, feats, cut=k, cuts=cuts)
            cells.append(
                f"k={'all' if k is None else k}: "
                + "/".join(f"{x:.2f}" for x in (*cross, loto["A"], loto["B"]))
            )
        print(f"  {label:<30}" + "  ".join(cells))


# A generic sentence such as users append to a description.
_FILLER = " It covers the news, reports and analysis of it, statements by officials and reactions."


def _names_of(about: str) -> str:
    """A description as a list of its capitalised names ("Yarmouk River, Daraa, Syria"), as a
    user who writes keywords might."""
    runs = re.findall(r"[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*)*", about)
    return ", ".join(dict.fromkeys(runs))


# Each: how a topic is rewritten, as users write topics otherwise than the dev watchlists.
WRITTEN_OTHERWISE: dict[str, Callable[[Any], Any]] = {
    "no aliases": lambda t: dataclasses.replace(t, aliases=()),
    "first alias only": lambda t: dataclasses.replace(t, aliases=t.aliases[:1]),
    "about: first clause": lambda t: dataclasses.replace(t, about=t.about.split(",")[0] + "."),
    "about: 12 words": lambda t: dataclasses.replace(t, about=" ".join(t.about.split()[:12]) + "."),
    "about: its names": lambda t: dataclasses.replace(t, about=_names_of(t.about)),
    "about: + a filler": lambda t: dataclasses.replace(t, about=t.about + _FILLER),
}


def written_otherwise(
    emb: Any, ml: Any, en: dict[str, dict[str, Any]], feats: Sequence[str]
) -> None:
    """Topics written as users also write them (``WRITTEN_OTHERWISE``: no aliases, a short
    description, a list of names, a generic sentence more): the same English texts scored
    cross-set by the weights fit on the other set as written (what such a topic takes),
    beside the topics as written, per topic P/R."""
    other = {"A": "B", "B": "A"}
    print(
        "\ntopics written otherwise (English texts), English path fit cross-set on the topics "
        "as written: macro F1, per topic P/R"
    )
    for s in SETS:
        rows, topics = load_set(s)
        weights = fit([en[other[s]]], feats)
        versions = [("as written", en[s])]
        for label, rewrite in WRITTEN_OTHERWISE.items():
            d = features(emb, ml, rows, [rewrite(t) for t in topics])
            versions.append((label, rows_where(d, ~d["ml"])))
        for label, d in versions:
            res = per_topic(d, predict(d, feats, *weights) >= 0.5)
            cells = "  ".join(f"{t} {p:.2f}/{r:.2f}" for t, (p, r, _) in res.items())
            print(f"  set {s} {label:<20}{macro(res):.3f}  {cells}")


def names_only(emb: Any, ml: Any) -> None:
    """Topics written without a description (name and aliases only): the same English texts,
    every topic's ``about`` removed, scored by the weights such topics take
    (``WEIGHTS_NAMES_ONLY``) refit on the other set and on the seven other topics, beside the
    weights of described topics (what such a topic would take without its own) and alias
    search."""

    from monitor.match.matcher import (
        BIAS,
        BIAS_MULTILINGUAL,
        BIAS_NAMES_ONLY,
        WEIGHTS,
        WEIGHTS_MULTILINGUAL,
        WEIGHTS_NAMES_ONLY,
    )

    en, foreign = {}, []
    for s in SETS:
        rows, topics = load_set(s)
        d = features(emb, ml, rows, [dataclasses.replace(t, about="") for t in topics])
        en[s] = rows_where(d, ~d["ml"])
        foreign.append(rows_where(d, d["ml"]))
    kept, full = list(WEIGHTS_NAMES_ONLY), list(WEIGHTS)
    other = {"A": "B", "B": "A"}
    print(
        "\ntopics without a description (English texts, every topic's about removed), "
        "macro F1 set A / set B"
    )

    def line(label: str, res: dict[str, float]) -> None:
        print(f"  {label:<58}{res['A']:.3f} / {res['B']:.3f}")

    def scored(pred: Callable[[dict[str, Any]], np.ndarray]) -> dict[str, float]:
        return {s: macro(per_topic(d, pred(d))) for s, d in en.items()}

    line("aliases only", scored(lambda d: d["alias_plain"]))
    line(
        "the weights of described topics",
        scored(lambda d: predict(d, full, BIAS, np.array(list(WEIGHTS.values()))) >= 0.5),
    )
    for feats in (kept, [*kept, "z"], [*kept, "z", "name_absent", "other_name"]):
        cross = {
            s: macro(per_topic(d, predict(d, feats, *fit([en[other[s]]], feats)) >= 0.5))
            for s, d in en.items()
        }
        line(f"{' + '.join(feats)}: cross-set", cross)
        line(
            f"{' + '.join(feats)}: leave one topic out",
            leave_one_topic_out({s: [d] for s, d in en.items()}, feats),
        )
    for label, weights, bias in (
        ("names only", WEIGHTS_NAMES_ONLY, BIAS_NAMES_ONLY),
        ("the multilingual weights", WEIGHTS_MULTILINGUAL, BIAS_MULTILINGUAL),
    ):
        gold = np.concatenate([d["gold"].ravel() for d in foreign]).astype(bool)
        pred = (
            np.concatenate(
                [
                    predict(d, list(weights), bias, np.array(list(weights.values()))).ravel()
                    for d in foreign
                ]
            )
            >= 0.5
        )
        print(
            f"  non-English texts by {label}: {int((pred & gold).sum())} of {int(gold.sum())} "
            f"wanted pairs found, {int((pred & ~gold).sum())} false"
        )
    b, w = fit(list(en.values()), kept)
    print(
        f"  fit on both: bias {b:+.2f}, "
        + ", ".join(f"{f} {x:+.2f}" for f, x in zip(kept, w, strict=True))
        + f"; shipped: bias {BIAS_NAMES_ONLY:+.2f}, "
        + ", ".join(f"{f} {x:+.2f}" for f, x in WEIGHTS_NAMES_ONLY.items())
    )


def feed_articles() -> tuple[list[Any], list[Path]]:
    """Every item of the feed snapshots in ../shared/feeds/news, parsed and cleaned as the
    poller does, and the snapshot files (none when the folder is absent)."""
    from monitor.poll.clean import article_from_entry
    from monitor.poll.parse import parse_feed

    files = sorted(FEEDS.glob("*")) if FEEDS.is_dir() else []
    articles = []
    for f in files:
        url = f"https://{f.name}/"
        for entry in parse_feed(f.read_bytes(), url=url, max_entries=1000).entries:
            article = article_from_entry(entry, feed_url=url)
            if article is not None:
                articles.append(article)
    return articles, files


def joined_texts(emb: Any) -> None:
    """Long texts, which the dev sets (a passage or two each) do not have but a feed read with
    ``full_text`` does: per set, each English text joined with ``k`` - 1 others drawn at
    random, all of one label for the topic (other texts on it: a long story on it; or texts
    not on it: a long one on something else), scored by the English weights fit on the other
    set's texts as written. Precision should hold as the texts grow."""
    import random

    from sklearn.linear_model import LogisticRegression

    from monitor.match.language import detect
    from monitor.match.matcher import WEIGHTS, Matcher

    feats = list(WEIGHTS)
    rng = random.Random(1)
    data: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
    for s in SETS:
        rows, topics = load_set(s)
        rows = [r for r in rows if detect(r["title"], r["text"]) == "en"]
        m = Matcher(emb, topics, THRESHOLD)
        for k in JOINED:
            x, y = [], []
            for j, t in enumerate(topics):
                for label in (1, 0):
                    group = [r for r in rows if int(r["labels"].get(t.id, 0)) == label]
                    for r in group:
                        others = [o for o in group if o is not r]
                        joined = [r, *rng.sample(others, min(k - 1, len(others)))]
                        title, text = r["title"], "\n\n".join(o["text"] for o in joined)
                        f = m.features(title, text, m.embed([(title, text)])[0])
                        x.append([f.values[c][j] for c in feats])
                        y.append(label)
            data[s, k] = np.array(x), np.array(y)
    other = {"A": "B", "B": "A"}
    print(
        "\ntexts joined k at a time (English texts; one label for the topic each: a long story "
        "on it, or a long one on other things), English path fit cross-set on the texts as "
        "written: P/R per set"
    )
    for k in JOINED:
        cells = []
        for s in SETS:
            lr = LogisticRegression(C=C, max_iter=5000).fit(*data[other[s], 1])
            xs, ys = data[s, k]
            pred = lr.predict_proba(xs)[:, 1] >= 0.5
            p, r, _ = prf(pred, ys.astype(bool))
            cells.append(f"set {s} {p:.2f}/{r:.2f}")
        print(f"  k={k}: " + "  ".join(cells))


def unrelated_stream(emb: Any, ml: Any) -> None:
    """The eight dev topics, as the matcher scores them with the shipped weights, over every item
    of the real feed snapshots in ../shared/feeds/news (Guardian, BBC Urdu and Chinese, heise,
    Golem, Jornal de Notícias, ...: world news, technology, medicine; none of them about these
    topics: searched for their names and places, only a Guardian item on the Syrian peace talks
    in Sochi comes near), each item parsed and cleaned as the poller does. Every alert is a
    false one; the nearest items are listed to read."""
    from monitor.match.matcher import Matcher

    articles, files = feed_articles()
    if not files:
        print(f"\nunrelated stream skipped: {FEEDS.resolve()} is absent")
        return
    topics = [t for s in SETS for t in load_set(s)[1]]
    m = Matcher(emb, topics, THRESHOLD, ml)
    vectors = m.embed([(a.title, a.text) for a in articles])
    scores = np.array(
        [
            [x.score for x in m.score(a.title, a.text, v, a.id)]
            for a, v in zip(articles, vectors, strict=True)
        ]
    )
    english = np.array([not v.multilingual for v in vectors])
    alerts = scores >= THRESHOLD
    print(
        f"\nunrelated stream: the {len(topics)} dev topics over the {len(articles)} items of "
        f"{len(files)} real feed snapshots ({int(english.sum())} read by the English model): "
        f"{int(alerts.sum())} alerts (every one false) in {alerts.size} pairs, "
        f"{int(alerts[english].sum())} of them on English items"
    )
    bands = np.digitize(scores.ravel(), [0.2, 0.4, 0.6, 0.8])
    print(
        "  pairs by score band: "
        + ", ".join(
            f"{b}: {int((bands == k).sum())}"
            for k, b in enumerate(("0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1"))
        )
    )
    for a, j in sorted(
        zip(*np.nonzero(scores >= 0.3), strict=True), key=lambda aj: -scores[aj[0], aj[1]]
    ):
        print(
            f"    {scores[a, j]:.2f} {topics[j].id}: {articles[a].title[:90]!r} "
            f"({vectors[a].language})"
        )


# Topics that no dev set has, written for this check as a user would (a name, a description of
# a sentence or two naming its places and people, a few aliases) and never fit on: the dev
# sets' texts (about other topics, but the same wars and regions) and the feed items are
# scored against them and every alert is listed, to be read. What an alert should be is a
# reader's judgement. As of 2026-11-30, 12 alerts: wanted, the IAEA on the nuclear plant's
# cooling water after the dam's breach (d2-043, d2-089), Israeli strikes and the Syrian army at
# the Golan ceasefire line (d009, d028); borderline, the 2018 Daraa offensive fighting along
# the Golan (d003-d005, which name it as the fighting's border), a Ukrainian story of the dam's
# breach under the nuclear plant (d2-008), 2021 violence in Darfur under the RSF (a Slovak
# item); false, the Dnipro hydroelectric plant in Zaporizhzhia city under the nuclear plant (a
# name shared: d2-084, d2-092), a French story of al-Shabaab that names Boko Haram in passing
# (d2-070); the Ukrainian story of the dam under Nord Stream (0.50) went below 0.5 when other
# languages' acronyms were read (ГЕС for HPP) and the multilingual weights refit. With the
# multilingual weights fit on the 15 non-English texts alone, 15: more false ones in other
# languages (a Russian story of the dam under Nord Stream too, a Russian joke under the
# nuclear plant).
NEW_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "hezbollah",
        "name": "Hezbollah",
        "about": "The Lebanese Shia political party and militant group backed by Iran, its "
        "fighting with Israel on the Lebanese border, its role in the Syrian civil war on the "
        "side of Bashar al-Assad, and its leaders Hassan Nasrallah and Naim Qassem.",
        "aliases": ["Hezbollah", "Hizbullah", "Hizballah"],
    },
    {
        "id": "boko_haram",
        "name": "Boko Haram",
        "about": "The jihadist insurgency in north-eastern Nigeria and the Lake Chad basin "
        "(Jama'atu Ahlis Sunna Lidda'awati wal-Jihad and its offshoot ISWAP), its attacks and "
        "kidnappings in Borno state, Cameroon, Chad and Niger, and the military campaign "
        "against it.",
        "aliases": ["Boko Haram", "ISWAP"],
    },
    {
        "id": "nord_stream",
        "name": "Nord Stream sabotage",
        "about": "The explosions that damaged the Nord Stream 1 and 2 gas pipelines under the "
        "Baltic Sea in September 2022, and the German, Swedish and Danish investigations into "
        "who carried them out.",
        "aliases": ["Nord Stream", "Nord Stream 2"],
    },
    {
        "id": "rsf_sudan",
        "name": "Rapid Support Forces",
        "about": "Sudan's paramilitary Rapid Support Forces led by Mohamed Hamdan Dagalo "
        "(Hemedti), their war with the Sudanese army since April 2023, the siege of El Fasher "
        "and atrocities in Darfur.",
        "aliases": ["Rapid Support Forces", "RSF", "Janjaweed"],
    },
    {
        "id": "zaporizhzhia_npp",
        "name": "Zaporizhzhia nuclear plant",
        "about": "Europe's largest nuclear power plant at Enerhodar in southern Ukraine, "
        "occupied by Russia since March 2022, its shelling, power cuts and IAEA inspections "
        "led by Rafael Grossi.",
        "aliases": ["Zaporizhzhia nuclear power plant", "ZNPP", "Zaporizhzhia NPP"],
    },
    {
        "id": "golan",
        "name": "Golan Heights",
        "about": "The plateau in south-western Syria occupied by Israel since 1967, the "
        "ceasefire line and UN observers (UNDOF), Israeli settlements and the Druze villages "
        "there.",
        "aliases": ["Golan Heights", "the Golan"],
    },
)


# Topics outside conflict news, written likewise, for the English items of the feed snapshots
# (technology, medicine, business, US politics), with the items each is about, by title, as a
# reader judged them from the items themselves (a search of each topic's words over the items,
# then read): a labelled check on other fields of news. Most of these items are summaries.
DOMAIN_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "iphone_x",
        "name": "iPhone X",
        "about": "Apple's 2017 flagship smartphone with an edge-to-edge OLED screen and Face ID, "
        "its reviews, sales, flaws and security.",
        "aliases": ["iPhone X", "iPhone 10"],
    },
    {
        "id": "bird_flu",
        "name": "Avian influenza",
        "about": "Outbreaks of bird flu (H5N1 and other strains) in poultry and wild birds, "
        "culls and housing orders, and infections in people.",
        "aliases": ["bird flu", "avian flu", "H5N1"],
    },
    {
        "id": "trump_russia",
        "name": "Trump-Russia investigation",
        "about": "The FBI and special counsel Robert Mueller's inquiry into Russian interference "
        "in the 2016 US election and links to Donald Trump's campaign, and the Nunes memo.",
        "aliases": ["Mueller investigation", "Russia investigation", "Russia probe"],
    },
    {
        "id": "india_fdi",
        "name": "Foreign investment in India",
        "about": "Foreign direct investment flows into India, the rules for foreign investors "
        "and tax treaties, as reported by the Reserve Bank and the government.",
        "aliases": ["FDI in India", "FDI inflows"],
    },
    {
        "id": "parkinsons",
        "name": "Parkinson's disease",
        "about": "Research on Parkinson's disease: its early signs, risk factors, diagnosis and "
        "treatments.",
        "aliases": ["Parkinson's disease", "Parkinson disease"],
    },
    {
        "id": "opioids",
        "name": "US opioid crisis",
        "about": "The epidemic of opioid addiction and overdose deaths in the United States, "
        "prescribing practices, fentanyl and lawsuits against drug makers.",
        "aliases": ["opioid crisis", "opioid epidemic"],
    },
)
DOMAIN_WANTED: dict[str, tuple[str, ...]] = {
    "iphone_x": (
        "Face ID on the iPhone X",
        "Google Docs, Sheets, and Slides updates add support for iPhone X",
        "Play these 10 awesome, optimized games on your iPhone X",
        "A big complaint: The iPhone X",
        "iPhone 8 Plus vs. iPhone X",
    ),
    "bird_flu": ("Mandatory Bird Housing Imposed in Ireland",),
    "trump_russia": (
        "FBI has 'grave concerns' about Trump plan to release controversial memo",
        "Trump-Russia investigation: the key questions answered",
    ),
    "india_fdi": (
        "FDI inflows contract for the first time",
        "FDI inflows record 1st decline",
        "Revised tax treaties usher in a new era",
        "Now, Netherlands and France favourites for routing investments",
    ),
    "parkinsons": ("Turning Speed Predicts Early Risk for Parkinson",),
    "opioids": (
        "'It needs to make you uncomfortable': the opioid documentary",
        "Racial Variation in Opioid Prescribing",
    ),
}


def new_topics(emb: Any, ml: Any) -> None:
    """``NEW_TOPICS`` over every dev text and feed item, by the shipped weights: each alert;
    ``DOMAIN_TOPICS`` over the English feed items: precision and recall against
    ``DOMAIN_WANTED``, and each item missed or wrongly sent."""
    from monitor.match.matcher import Matcher

    topics = [TopicConfig.model_validate(t).to_topic() for t in NEW_TOPICS]
    items, articles = dev_and_feed_items()
    m = Matcher(emb, topics, THRESHOLD, ml)
    vectors = m.embed([(title, text) for _, title, text in items])
    alerts = []
    for (key, title, text), v in zip(items, vectors, strict=True):
        for x in m.score(title, text, v, key):
            if x.matched:
                alerts.append((x.score, x.topic_id, key, title, v.language))
    english = sum(not v.multilingual for v in vectors)
    print(
        f"\ntopics no dev set has ({', '.join(t.id for t in topics)}) over the {len(items)} dev "
        f"texts and feed items ({english} read by the English model): {len(alerts)} alerts"
    )
    for score, topic, key, title, lang in sorted(alerts, reverse=True):
        print(f"    {score:.2f} {topic}: {key} {title[:80]!r} ({lang})")
    if not articles:
        return
    topics = [TopicConfig.model_validate(t).to_topic() for t in DOMAIN_TOPICS]
    p, r, wanted, scored, wrong = against_labels(
        Matcher(emb, topics, THRESHOLD, ml),
        [(a.id, a.title, a.text) for a in articles],
        lambda topic, _key, title: title.startswith(DOMAIN_WANTED[topic]),
        english_only=True,
    )
    print(
        f"\ntopics of other fields ({', '.join(t.id for t in topics)}) over the {scored} English "
        f"feed items, against a reader's labels ({wanted} wanted pairs): P {p:.2f} R {r:.2f}"
    )
    for score, topic, title, _, why in wrong:
        print(f"    {why} {score:.2f} {topic}: {title[:80]!r}")


def dev_and_feed_items() -> tuple[list[tuple[str, str, str]], list[Any]]:
    """Every dev text and feed item as (key, title, text), and the feed items as parsed."""
    items = [(r["id"], r["title"], r["text"]) for s in SETS for r in load_set(s)[0]]
    articles = feed_articles()[0]
    return items + [(a.id[:12], a.title, a.text) for a in articles], articles


def against_labels(
    m: Any,
    items: list[tuple[str, str, str]],
    wanted: Callable[[str, str, str], bool],
    english_only: bool = False,
) -> tuple[float, float, int, int, list[tuple[float, str, str, str, str]]]:
    """The matcher's alerts over ``items`` (key, title, text; with ``english_only``, those the
    English model reads) against a reader's labels, ``wanted(topic id, key, title)``:
    precision, recall, the pairs wanted, the items scored, and each pair missed or wrongly
    sent (score, topic, title, language, "missed" or "false"), worst first."""
    vectors = m.embed([(title, text) for _, title, text in items])
    pred, gold, wrong, scored = [], [], [], 0
    for (key, title, text), v in zip(items, vectors, strict=True):
        if english_only and v.multilingual:
            continue
        scored += 1
        for x in m.score(title, text, v, key):
            label = wanted(x.topic_id, key, title)
            pred.append(x.matched)
            gold.append(label)
            if x.matched != label:
                why = "missed" if label else "false"
                wrong.append((x.score, x.topic_id, title, v.language, why))
    p, r, _ = prf(np.array(pred), np.array(gold))
    return p, r, sum(gold), scored, sorted(wrong, reverse=True)


# People, written as a user watching them would (no dev topic is a person's), with the dev
# texts (by id) and feed items (by title) each is about, as a reader judged them from the texts
# themselves (every text that writes the surname in any script, read): news names a person by
# the surname alone in headlines and summaries (``monitor.match.people``).
PEOPLE_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "prigozhin",
        "name": "Yevgeny Prigozhin",
        "about": "The founder and head of the Wagner Group mercenary company: his mutiny "
        "against Russia's defence chiefs in June 2023 and his death in a plane crash in "
        "August 2023.",
    },
    {
        "id": "bolsonaro",
        "name": "Jair Bolsonaro",
        "about": "The Brazilian far-right politician: his 2018 presidential campaign, the "
        "polls and his government.",
    },
    {
        "id": "modi",
        "name": "Narendra Modi",
        "about": "India's prime minister: his government's policies, his foreign visits and "
        "his election campaigns.",
    },
    {
        "id": "navalny",
        "name": "Alexei Navalny",
        "about": "Russian opposition leader: his arrests, trials and imprisonment, and his "
        "campaigns against corruption.",
    },
    {
        "id": "salling",
        "name": "Mark Salling",
        "about": "The Glee actor, his arrest and guilty plea on child pornography charges, "
        "and his death.",
    },
    {
        "id": "nassar",
        "name": "Larry Nassar",
        "about": "The former USA Gymnastics team doctor convicted of sexually abusing "
        "athletes, and the investigations of his abuse.",
    },
)
PEOPLE_WANTED: dict[str, tuple[str, ...]] = {
    "prigozhin": ("d2-019", "d2-074", "d2-078", "d2-087"),
    "bolsonaro": (
        "Ibope: Bolsonaro perde",
        "Em entrevista, Bolsonaro",
        "Fernanda Melchionna",
        "Ibope: Bolsonaro estaciona",
    ),
    "modi": ("PM Modi-Xi Jinping", "5 kg LPG refill", "PM Modi's landslide"),
    "navalny": ("Rival de Putin", "Lietadlo s Navaľným"),
    "salling": ("Glee actor Mark Salling",),
    "nassar": ("2004 Larry Nassar",),
}


ORGANISATION_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "iaea",
        "name": "International Atomic Energy Agency",
        "about": "The UN nuclear watchdog: its inspections of Iran's nuclear programme and its "
        "monitoring of Ukraine's nuclear power plants during the war.",
    },
    {
        "id": "hts",
        "name": "Hayat Tahrir al-Sham",
        "about": "The Islamist rebel alliance of north-west Syria led by Abu Mohammad "
        "al-Julani, formed in 2017 from Jabhat Fateh al-Sham, the former al-Nusra Front.",
    },
    {
        "id": "icrc",
        "name": "International Committee of the Red Cross",
        "about": "The humanitarian organisation's work in war zones: prisoner exchanges, visits "
        "to detainees, aid and the search for the missing.",
    },
    {
        "id": "jnim",
        "name": "Jama'at Nusrat al-Islam wal-Muslimin",
        "about": "The al-Qaeda affiliate of the Sahel: its attacks and blockades in Mali, "
        "Burkina Faso and Niger.",
    },
    {
        "id": "kdf",
        "name": "Kenya Defence Forces",
        "about": "Kenya's military: its operations against al-Shabaab in Somalia and along "
        "the border, and the attacks on its troops.",
    },
    {
        "id": "rsf",
        "name": "Rapid Support Forces",
        "about": "Sudan's paramilitary force led by Mohamed Hamdan Dagalo (Hemedti), at war "
        "with the Sudanese army since April 2023.",
    },
    {
        "id": "irgc",
        "name": "Islamic Revolutionary Guard Corps",
        "about": "Iran's Revolutionary Guards, their Quds Force and the armed groups they back "
        "across the Middle East.",
    },
)
# (no dev text or feed item is about the RSF or the IRGC: those two count false alerts only)
ORGANISATION_WANTED: dict[str, tuple[str, ...]] = {
    "iaea": ("d2-043", "d2-089"),
    "hts": ("d021",),
    "icrc": ("d2-064",),
    "jnim": ("d2-058",),
    "kdf": ("d2-001", "d2-046"),
    "rsf": (),
    "irgc": (),
}


# Groups a user names by the code news calls them ("M23", "ISWAP"), each with its name in full
# as an alias, as a user may write them, or not: over the dev texts and feed items, which are
# of other groups of their regions and of none of these, but one: a UN report of the Houthis'
# ties with al-Qaeda in Yemen, AQAP's, which writes neither its code nor its name.
CODE_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "m23",
        "name": "M23",
        "aliases": ["March 23 Movement"],
        "about": "The Rwanda-backed rebel group fighting the Congolese army in North Kivu and "
        "South Kivu, eastern Democratic Republic of Congo: its offensives, its capture of Goma "
        "and Bukavu, and the peace talks.",
    },
    {
        "id": "iswap",
        "name": "ISWAP",
        "about": "The Islamic State affiliate in north-eastern Nigeria and the Lake Chad basin, "
        "which split from Boko Haram in 2016: its attacks on the Nigerian army and on "
        "civilians in Borno state.",
    },
    {
        "id": "pkk",
        "name": "PKK",
        "aliases": ["Kurdistan Workers' Party"],
        "about": "The Kurdish militant group fighting the Turkish state since 1984, its bases in "
        "northern Iraq, Turkish air strikes on them, and its 2025 disarmament.",
    },
    {
        "id": "tplf",
        "name": "TPLF",
        "aliases": ["Tigray People's Liberation Front"],
        "about": "The party and armed movement of Ethiopia's Tigray region: the 2020-2022 war "
        "with the federal government and Eritrea, the Pretoria peace deal and its split.",
    },
    {
        "id": "aqap",
        "name": "AQAP",
        "aliases": ["al-Qaeda in the Arabian Peninsula"],
        "about": "Al-Qaeda's Yemeni branch: its attacks on Yemeni and southern forces in Abyan "
        "and Shabwa, US drone strikes on its leaders, and its propaganda.",
    },
    {
        "id": "sdf",
        "name": "SDF",
        "about": "The Kurdish-led alliance that holds north-east Syria: its war with the Islamic "
        "State, the al-Hol camp, Turkish attacks, and its talks with Damascus.",
    },
)
CODE_WANTED: dict[str, tuple[str, ...]] = {
    "m23": (),
    "iswap": (),
    "pkk": (),
    "tplf": (),
    "aqap": ("d2-039",),
    "sdf": (),
}


# The things the dev sets' hard negatives are, written as a user watching them would (their
# READMEs' notes name them), with the dev texts each is about, as a reader judged them from
# the texts: the dev topics' texts are these topics' hard negatives, the other way round.
NAMESAKE_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "richard_wagner",
        "name": "Richard Wagner",
        "aliases": ["Wagner"],
        "about": "The German composer: his operas (the Ring cycle, Parsifal, Tristan und "
        "Isolde), the Bayreuth Festival, new productions and performances of his works, and "
        "the debate over his antisemitism.",
    },
    {
        "id": "cabo_delgado",
        "name": "Cabo Delgado insurgency",
        "aliases": ["Ahlu Sunnah wa Jamaah", "Ansar al-Sunna"],
        "about": "The Islamist insurgency in Mozambique's northern Cabo Delgado province since "
        "2017, by the group known locally as al-Shabab, and the Rwandan and SADC troops "
        "fighting it.",
    },
    {
        "id": "al_shabab_fc",
        "name": "Al-Shabab FC",
        "aliases": ["Al Shabab Riyadh"],
        "about": "The Saudi Pro League football club from Riyadh: its matches, signings and "
        "coaches.",
    },
    {
        "id": "yarmouk_university",
        "name": "Yarmouk University",
        "about": "The public university in Irbid, Jordan: its students, research, rankings and "
        "campus news.",
    },
    {
        "id": "battle_of_yarmouk",
        "name": "Battle of the Yarmuk",
        "aliases": ["Battle of Yarmouk"],
        "about": "The battle of 636 between the Rashidun Caliphate's army under Khalid ibn "
        "al-Walid and the Byzantine Empire near the Yarmouk River, which ended Byzantine rule "
        "in Syria.",
    },
    {
        "id": "khalid",
        "name": "Khalid ibn al-Walid",
        "aliases": ["Khalid bin Walid", "Sword of God"],
        "about": "The 7th-century Arab commander of the early Muslim conquests: his life, "
        "battles and legacy.",
    },
    {
        "id": "dniprohes",
        "name": "Dnipro Hydroelectric Station",
        "aliases": ["DniproHES", "Dnipro HPP"],
        "about": "The hydroelectric dam on the Dnipro in Zaporizhzhia, Ukraine's largest, and "
        "the Russian missile strikes on it.",
    },
    {
        "id": "nova_kakhovka",
        "name": "Nova Kakhovka",
        "about": "The town in Ukraine's Kherson region under Russian occupation: its "
        "Russian-installed officials, shelling and drone strikes on the town.",
    },
    {
        "id": "somali_piracy",
        "name": "Somali piracy",
        "about": "Piracy off the coast of Somalia: hijackings of merchant ships and fishing "
        "boats, ransoms, and the naval patrols against the pirates.",
    },
    {
        "id": "somali_elections",
        "name": "Somali elections",
        "about": "Somalia's presidential and parliamentary elections: the candidates, the votes "
        "in parliament and the disputes over the electoral model.",
    },
    {
        "id": "marib",
        "name": "Battle of Marib",
        "about": "The Houthi offensive on the Yemeni city of Marib and the government forces "
        "defending it since 2020.",
    },
    {
        "id": "ever_given",
        "name": "Ever Given",
        "about": "The container ship that blocked the Suez Canal in March 2021, its refloating "
        "and the compensation dispute.",
    },
    {
        "id": "derna",
        "name": "Derna floods",
        "about": "The September 2023 floods in Derna, Libya, after Storm Daniel broke two dams: "
        "the dead, the missing and the relief effort.",
    },
    {
        "id": "jaish_al_islam",
        "name": "Jaish al-Islam",
        "about": "The Syrian rebel group of Eastern Ghouta near Damascus, its leaders Zahran "
        "Alloush and Mohammed Alloush, and its fighting with other rebel groups.",
    },
    {
        "id": "yarmouk_river",
        "name": "Yarmouk River",
        "about": "The river shared by Jordan, Syria and Israel: its water, dams and the "
        "water-sharing agreements.",
    },
)
# Topics of a broader scope than the dev topics, over the same texts, written as a user
# watching a field would: the Houthis whatever they do, every dam of Ukraine in the war,
# Russia's mercenaries in Africa, shipping through the Red Sea, Somalia's security. The dev
# topics' own texts are theirs, and some of their hard negatives too (the Houthis' war on
# land, the Dnipro and Pechenihy dams); as a reader judged them from the texts.
_HOUTHI_SHIPPING = ("d2-037", "d2-059", "d2-018", "d2-036", "d2-052", "d2-042", "d2-014")
_HOUTHI_ALSO = ("d2-010", "d2-081", "d2-031", "d2-030")
_KAKHOVKA = ("d2-075", "d2-043", "d2-072", "d2-025", "d2-066", "d2-090", "d2-056", "d2-088")
BROADER_TOPICS: tuple[dict[str, Any], ...] = (
    {
        "id": "houthis",
        "name": "Houthis",
        "aliases": ["Ansar Allah", "Houthi movement"],
        "about": "Yemen's Houthi movement (Ansar Allah): its war with the Yemeni government and "
        "the Saudi-led coalition, its missile and drone attacks on Israel and on shipping, and "
        "its prisoner exchanges.",
    },
    {
        "id": "ukraine_dams",
        "name": "Dams in Ukraine",
        "about": "Ukraine's dams and reservoirs in the war: the Russian strikes on them, their "
        "destruction and the floods and drained reservoirs that followed.",
    },
    {
        "id": "pmc_africa",
        "name": "Russian mercenaries in Africa",
        "aliases": ["Africa Corps"],
        "about": "Russian private military companies in Africa, the Wagner Group and its "
        "successor Africa Corps: their deployments and abuses in Mali, the Central African "
        "Republic, Libya, Sudan and Burkina Faso.",
    },
    {
        "id": "red_sea_shipping",
        "name": "Red Sea shipping",
        "about": "Shipping through the Red Sea and the Suez Canal: disruptions, attacks on ships, "
        "rerouting around the Cape of Good Hope and the canal's revenues.",
    },
    {
        "id": "somalia_security",
        "name": "Security in Somalia",
        "about": "The war against the al-Shabaab insurgency in Somalia: attacks, military "
        "operations by Somali forces, the African Union mission and US airstrikes.",
    },
)
# (attacks in Kenya are not Somalia's security; strikes on Yemen are not shipping)
BROADER_WANTED: dict[str, tuple[str, ...]] = {
    "houthis": (
        *_HOUTHI_SHIPPING,
        *_HOUTHI_ALSO,
        *("d2-044", "d2-002", "d2-041", "d2-064", "d2-039"),
    ),
    "ukraine_dams": (
        *_KAKHOVKA,
        *("d2-089", "d2-007", "d2-008", "d2-032", "d2-062", "d2-084", "d2-092", "d2-021"),
    ),
    "pmc_africa": ("d2-011", "d2-087", "d2-023", "d2-060", "d2-065", "d2-020", "d2-080"),
    "red_sea_shipping": (*_HOUTHI_SHIPPING, *_HOUTHI_ALSO, "d2-091", "d2-076"),
    "somalia_security": ("d2-009", "d2-024", "d2-040", "d2-048", "d2-070", "d2-073", "d2-082"),
}


# (the town's topic wants no story of the dam named after it; a biography of the general that
# names the battle once is not the battle's)
NAMESAKE_WANTED: dict[str, tuple[str, ...]] = {
    "richard_wagner": ("d2-038", "d2-047", "d2-054"),
    "cabo_delgado": ("d2-026", "d2-083", "d2-085"),
    "al_shabab_fc": ("d2-057",),
    "yarmouk_university": ("d019",),
    "battle_of_yarmouk": ("d017",),
    "khalid": ("d018", "d017"),
    "dniprohes": ("d2-084", "d2-092"),
    "nova_kakhovka": ("d2-012", "d2-077"),
    "somali_piracy": ("d2-006", "d2-050"),
    "somali_elections": ("d2-035", "d2-079"),
    "marib": ("d2-002",),
    "ever_given": ("d2-091",),
    "derna": ("d2-086",),
    "jaish_al_islam": ("d021",),
    "yarmouk_river": ("d023",),
}


def people(emb: Any, ml: Any) -> None:
    """``PEOPLE_TOPICS``, ``ORGANISATION_TOPICS`` (groups and bodies written by their full
    names only, as a user may, news naming them by their initials), ``CODE_TOPICS`` (and
    the other way round), ``NAMESAKE_TOPICS`` and
    ``BROADER_TOPICS`` over every dev text and feed item, either model, by the shipped
    weights: precision and recall against the labels of each (``PEOPLE_WANTED``...), and
    each pair missed or wrongly sent."""
    from monitor.match.matcher import Matcher

    items = dev_and_feed_items()[0]
    for heading, written, labels in (
        ("people", PEOPLE_TOPICS, PEOPLE_WANTED),
        ("organisations by their full names", ORGANISATION_TOPICS, ORGANISATION_WANTED),
        ("groups named by a code", CODE_TOPICS, CODE_WANTED),
        ("the dev sets' namesakes as topics", NAMESAKE_TOPICS, NAMESAKE_WANTED),
        ("topics of a broader scope", BROADER_TOPICS, BROADER_WANTED),
    ):
        topics = [TopicConfig.model_validate(t).to_topic() for t in written]
        p, r, wanted, _, wrong = against_labels(
            Matcher(emb, topics, THRESHOLD, ml),
            items,
            lambda topic, key, title, labels=labels: (
                key in labels[topic] or title.startswith(labels[topic])
            ),
        )
        print(
            f"\n{heading} ({', '.join(t.id for t in topics)}) over the {len(items)} dev texts "
            f"and feed items, against a reader's labels ({wanted} wanted pairs): "
            f"P {p:.2f} R {r:.2f}"
        )
        for score, topic, title, lang, why in wrong:
            print(f"    {why} {score:.2f} {topic}: {title[:80]!r} ({lang})")


# The other senses of the dev topics' names that the sets' READMEs say their hard negatives
# share, written as an analyst would write ``exclude:`` (not chosen by their effect).
EXCLUDE_SENSES: dict[str, tuple[str, ...]] = {
    "yarmouk_valley": (
        "Battle of Yarmouk in 636",
        "Yarmouk University",
        "Yarmouk refugee camp in Damascus",
    ),
    "jkbw": ("Khalid ibn al-Walid the 7th-century general",),
    "yarmouk_camp": ("Battle of Yarmouk in 636", "Yarmouk Valley in Daraa"),
    "wagner_group": ("Richard Wagner the composer", "people named Wagner", "the Wagner Act"),
    "al_shabaab": (
        "the Cabo Delgado insurgents known locally as al-Shabab",
        "Al-Shabab FC football club",
        "Shabab Al Ahli football club in Dubai",
    ),
    "houthi_red_sea": ("Houthi war on land in Yemen", "Red Sea diving and tourism"),
    "kakhovka_dam": ("Nova Kakhovka the town", "DniproHES in Zaporizhzhia"),
}


def exclude_senses(
    emb: Any,
    ml: Any,
    loaded: dict[str, tuple[list[dict[str, Any]], list[Any]]],
    tables: dict[str, dict[str, np.ndarray]],
) -> None:
    """Each set with ``EXCLUDE_SENSES`` written into its topics, scored cross-set (the
    penalty applied to the zero-shot scores as the matcher applies it): macro F1, and by the
    margin a sense must be nearer than the topic, the wanted pairs it pushes down (of them
    found without it) and the false alerts it removes."""

    from monitor.match.matcher import EXCLUDE_MARGIN, PENALTY

    print(
        "\nexclude senses (the other senses the sets' READMEs name, written as exclude:), "
        "cross-set, by the margin a sense must be nearer than the topic (cosine; shipped "
        f"{EXCLUDE_MARGIN}): macro F1, wanted pairs pushed down (of them found without the "
        "senses), false alerts removed (of)"
    )
    for s, (rows, topics) in loaded.items():
        senses = [dataclasses.replace(t, exclude=EXCLUDE_SENSES.get(t.id, ())) for t in topics]
        d = features(emb, ml, rows, senses)
        cross = tables[s]["cross"]
        gold, found = d["gold"].astype(bool), cross >= 0.5
        parts = [f"none {macro(per_topic(d, found)):.3f}"]
        for margin in (0.0, 0.025, EXCLUDE_MARGIN, 0.1):
            ex = d["ex_margin"] > margin
            f1 = macro(per_topic(d, np.where(ex, cross * PENALTY, cross) >= 0.5))
            pushed, removed = ex & gold, ex & ~gold & found
            parts.append(
                f"{margin:.3f}: {f1:.3f} {int(pushed.sum())} ({int((pushed & found).sum())})"
                f" {int(removed.sum())} ({int((~gold & found).sum())})"
            )
        print(f"  set {s}: " + ", ".join(parts))


_SMALL_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as"]
)


def _in_title_case(title: str) -> str:
    return " ".join(
        w if k and w.casefold() in _SMALL_WORDS else w[:1].upper() + w[1:]
        for k, w in enumerate(title.split(" "))
    )


# Rewrites of a text (title, text) and of a topic that say the same thing: a headline style, a
# page's furniture, characters that pages and pastes carry, a watchlist's way of writing.
TEXT_REWRITES: dict[str, Callable[[str, str], tuple[str, str]]] = {
    "headline in title case": lambda t, x: (_in_title_case(t), x),
    "title in lower case, as an address": lambda t, x: ("-".join(t.casefold().split()), x),
    "headline in capitals": lambda t, x: (t.upper(), x),
    "'BREAKING:' before the headline": lambda t, x: (f"BREAKING: {t}", x),
    "the source after the headline, as Google News writes it": lambda t, x: (f"{t} - Reuters", x),
    "title repeated at the head of the text": lambda t, x: (t, f"{t}\n{x}"),
    "no-break spaces": lambda t, x: (t.replace(" ", "\u00a0"), x.replace(" ", "\u00a0")),
    "soft hyphens in long words": lambda t, x: (
        t,
        re.sub(r"(?<=\w{4})(?=\w{4})", "\u00ad", x),
    ),
    "accents as combining marks (NFD)": lambda t, x: (
        unicodedata.normalize("NFD", t),
        unicodedata.normalize("NFD", x),
    ),
    "wiki reference marks": lambda t, x: (t, x.replace(". ", ".[1] ")),
    "hard-wrapped at 72 columns, blank lines between paragraphs": lambda t, x: (
        t,
        "\n\n".join(textwrap.fill(p, 72) for p in x.split("\n")),
    ),
}


def as_feed_summaries(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each text as a news feed's HTML gives it (a Guardian summary: paragraphs, then a link to
    a related story, then a read-on link; the related story is the next text's), read back by
    the product's cleaner: what the links name is no part of the story."""
    from monitor.poll.clean import html_to_text

    out = []
    for k, (title, text) in enumerate(pairs):
        related = pairs[(k + 1) % len(pairs)][0]
        markup = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        markup += (
            f'<p> <span>Related: </span><a href="https://example.org/{k + 1}">'
            f"{html.escape(related)}</a> </p> "
            f'<a href="https://example.org/{k}">Continue reading...</a>'
        )
        out.append((title, html_to_text(markup)))
    return out


def _also_known_as(t: Any) -> str:
    """A topic's description with its aliases, other than its name, told after it as a user
    who lists none may tell them: "... Also known as PMC Wagner, Wagner mercenaries or Africa
    Corps."."""
    others = [a for a in t.aliases if a.casefold() != t.name.casefold()]
    if not others:
        return str(t.about)
    told = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} or {others[-1]}"
    return f"{t.about} Also known as {told}."


def _topic_rewrites() -> dict[str, tuple[Callable[[Any], Any] | None, Callable[[Any], Any]]]:
    """Rewrites of a topic: name -> (the topic as scored before, None: as written; the topic
    rewritten)."""

    def senses(t: Any) -> Any:
        return dataclasses.replace(t, exclude=EXCLUDE_SENSES.get(t.id, ()))

    def written_as(opening: str, joint: str, closing: str = "") -> Callable[[Any], Any]:
        def rewrite(t: Any) -> Any:
            said = EXCLUDE_SENSES.get(t.id, ())
            sentence = f"{opening}{joint.join(said)}{closing}."
            return dataclasses.replace(
                t, about=f"{t.about} {sentence[:1].upper()}{sentence[1:]}" if said else t.about
            )

        return rewrite

    return {
        "descriptions without their full stop": (
            None,
            lambda t: dataclasses.replace(t, about=t.about.rstrip(".")),
        ),
        "names and aliases typed in lower case": (
            None,
            lambda t: dataclasses.replace(
                t, name=t.name.lower(), aliases=tuple(a.lower() for a in t.aliases)
            ),
        ),
        "descriptions opening with the name: '<name> is ...'": (
            None,
            lambda t: dataclasses.replace(t, about=f"{t.name} is {_opening_after(t.about)}"),
        ),
        "descriptions opening 'News about ...'": (
            None,
            lambda t: dataclasses.replace(t, about=f"News about {_opening_after(t.about)}"),
        ),
        "descriptions opening 'This topic covers ...'": (
            None,
            lambda t: dataclasses.replace(t, about=f"This topic covers {_opening_after(t.about)}"),
        ),
        "names typed in capitals": (
            None,
            lambda t: dataclasses.replace(t, name=t.name.upper()),
        ),
        "descriptions typed in lower case": (
            None,
            lambda t: dataclasses.replace(t, about=t.about.lower()),
        ),
        "the whole topic typed in lower case, its description too": (
            None,
            lambda t: dataclasses.replace(
                t,
                name=t.name.lower(),
                aliases=tuple(a.lower() for a in t.aliases),
                about=t.about.lower(),
            ),
        ),
        "the first alias in brackets after the name": (
            None,
            lambda t: dataclasses.replace(
                t, name=f"{t.name} ({t.aliases[0]})" if t.aliases else t.name
            ),
        ),
        "aliases joined by a slash": (
            None,
            lambda t: dataclasses.replace(t, aliases=(" / ".join(t.aliases),)),
        ),
        "aliases written in the description: '... Also known as A, B or C.'": (
            None,
            lambda t: dataclasses.replace(t, about=_also_known_as(t), aliases=()),
        ),
        "other senses as 'Not ...' in the description, against them as exclude": (
            senses,
            written_as("Not ", " or "),
        ),
        "other senses as 'This topic does not cover ...', against them as exclude": (
            senses,
            written_as("This topic does not cover ", " or "),
        ),
        "other senses as 'Excluded: A; B.', against them as exclude": (
            senses,
            written_as("Excluded: ", "; "),
        ),
        "other senses as 'A and B are out of scope.', against them as exclude": (
            senses,
            written_as("", " and ", " are out of scope"),
        ),
    }


def rewrites(emb: Any, ml: Any, loaded: dict[str, tuple[list[dict[str, Any]], list[Any]]]) -> None:
    """``TEXT_REWRITES`` of every text and ``_topic_rewrites`` of every topic, scored by the
    shipped weights: per set, the decisions (of text x topic pairs) that change, and the
    largest change of a score."""
    from monitor.match.matcher import Matcher

    def scores(m: Any, pairs: list[tuple[str, str]]) -> np.ndarray:
        vectors = m.embed(pairs)
        return np.array(
            [
                [x.score for x in m.score(title, text, v, "k")]
                for (title, text), v in zip(pairs, vectors, strict=True)
            ]
        )

    # Several topic rewrites share one baseline (the senses as exclude): scored once per set.
    @functools.cache
    def with_topics(s: str, rewrite: Callable[[Any], Any]) -> np.ndarray:
        return scores(Matcher(emb, [rewrite(t) for t in loaded[s][1]], THRESHOLD, ml), pairs[s])

    print(
        "\nrewrites that should change nothing, by the shipped weights: per set, decisions "
        "changed (of text x topic pairs) and the largest change of a score"
    )
    # The watchlist as written is embedded once per set for every rewrite of the texts.
    matchers = {s: Matcher(emb, topics, THRESHOLD, ml) for s, (_, topics) in loaded.items()}
    pairs = {s: [(r["title"], r["text"]) for r in rows] for s, (rows, _) in loaded.items()}
    base = {s: scores(matchers[s], pairs[s]) for s in loaded}
    # name -> per set, (scores before, scores rewritten)
    cases: dict[str, Callable[[str], tuple[np.ndarray, np.ndarray]]] = {}

    def text_case(f: Callable[[str, str], tuple[str, str]]) -> Callable[[str], Any]:
        return lambda s: (base[s], scores(matchers[s], [f(t, x) for t, x in pairs[s]]))

    def topic_case(
        was: Callable[[Any], Any] | None, now: Callable[[Any], Any]
    ) -> Callable[[str], Any]:
        return lambda s: (base[s] if was is None else with_topics(s, was), with_topics(s, now))

    for name, f in TEXT_REWRITES.items():
        cases[name] = text_case(f)
    cases["as a feed's HTML summary, with a related story's link and a read-on link"] = lambda s: (
        base[s],
        scores(matchers[s], as_feed_summaries(pairs[s])),
    )
    for name, (was, now) in _topic_rewrites().items():
        cases[name] = topic_case(was, now)
    width = max(map(len, cases))
    for name, run in cases.items():
        parts = []
        for s in loaded:
            before, after = run(s)
            changed = int(((after >= THRESHOLD) != (before >= THRESHOLD)).sum())
            parts.append(
                f"set {s} {changed:>2} of {before.size} (max {np.abs(after - before).max():.2f})"
            )
        print(f"  {name:<{width}}  " + "  ".join(parts))


if __name__ == "__main__":
    sys.exit(main())
