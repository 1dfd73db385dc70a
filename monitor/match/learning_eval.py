"""How much the analyst's labels help, measured on labeled texts (``monitor eval``).

- k-fold: the texts are split into K folds; each fold is scored after learning from the labels
  of the other folds.
- learning curve: for n labels per class (relevant, irrelevant) and topic, n of each are drawn
  from the texts, learned from, and the rest scored; repeated over seeds and averaged. A topic
  with fewer than n + 1 texts of a class has no figure at that n (nothing would be left to
  score).
Both start from the zero-shot scores, so the database's labels play no part here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from monitor.match.embed import ArticleVectors
from monitor.match.evaluate import PRF, EvalReport, prf
from monitor.match.learn import Learned, TopicLabel, comparable_rows
from monitor.match.matcher import Matcher

CURVE = (0, 3, 6, 12)  # labels per class and topic
SEEDS = 20


@dataclass
class LearningReport:
    topics: list[str]
    folds: int
    zero_shot: dict[str, PRF]
    kfold: dict[str, PRF]
    curve: dict[int, dict[str, float | None]]  # n -> topic -> mean F1 of the rest
    seeds: int

    def curve_macro(self, n: int) -> float | None:
        values = [v for v in self.curve[n].values() if v is not None]
        return float(np.mean(values)) if len(values) == len(self.curve[n]) else None

    def as_json(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "seeds": self.seeds,
            "zero_shot": _row(self.zero_shot),
            "kfold": _row(self.kfold),
            "macro_f1": {"zero_shot": _macro(self.zero_shot), "kfold": _macro(self.kfold)},
            "curve": {
                str(n): {
                    "topics": {t: None if f is None else round(f, 4) for t, f in per.items()},
                    "macro_f1": self.curve_macro(n),
                }
                for n, per in self.curve.items()
            },
        }


def _row(d: Mapping[str, PRF]) -> dict[str, Any]:
    return {
        t: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4)}
        for t, v in d.items()
    }


def _macro(d: Mapping[str, PRF]) -> float:
    return round(float(np.mean([v.f1 for v in d.values()])), 4) if d else 0.0


def learning_report(
    matcher: Matcher,
    rows: Sequence[Mapping[str, Any]],
    vectors: Sequence[ArticleVectors],
    *,
    folds: int = 5,
    sizes: Sequence[int] = CURVE,
    seeds: int = SEEDS,
) -> LearningReport:
    """``rows`` carry ``title``, ``text`` and ``labels``; ``vectors`` are their passages."""
    topics = [t.id for t in matcher.topics]
    scores = np.array(
        [
            [
                m.score
                for m in matcher.score(
                    str(r.get("title", "")), str(r["text"]), v, str(r.get("id", a))
                )
            ]
            for a, (r, v) in enumerate(zip(rows, vectors, strict=True))
        ]
    )
    gold = {t: np.array([r["labels"].get(t) for r in rows], dtype=object) for t in topics}
    thresholds = matcher.thresholds

    def label(a: int, t: str) -> TopicLabel:
        return TopicLabel(
            t,
            bool(gold[t][a]),
            str(rows[a].get("title", "")),
            comparable_rows(vectors[a]),
            float(scores[a, topics.index(t)]),
        )

    def judged(t: str) -> np.ndarray:
        return np.flatnonzero(np.array([g is not None for g in gold[t]]))

    def verdicts(learned: Learned, targets: np.ndarray) -> np.ndarray:
        return np.array(
            [
                learned.adjust(vectors[a].vectors, scores[a], compare=not vectors[a].multilingual)[
                    0
                ]
                >= thresholds
                for a in targets
            ]
        ).reshape(len(targets), len(topics))

    zero = {
        t: prf(list(scores[judged(t), j] >= thresholds[j]), list(gold[t][judged(t)] == 1))
        for j, t in enumerate(topics)
    }
    order = np.random.default_rng(0).permutation(len(rows))
    fold_of = np.empty(len(rows), dtype=np.int64)
    fold_of[order] = np.arange(len(rows)) % max(1, min(folds, len(rows)))
    pred = np.zeros((len(rows), len(topics)), dtype=bool)
    for f in np.unique(fold_of):
        held = np.flatnonzero(fold_of == f)
        learned = Learned(
            topics, [label(a, t) for t in topics for a in judged(t) if fold_of[a] != f]
        )
        pred[held] = verdicts(learned, held)
    kfold = {
        t: prf(list(pred[judged(t), j]), list(gold[t][judged(t)] == 1))
        for j, t in enumerate(topics)
    }
    curve: dict[int, dict[str, float | None]] = {}
    for n in sizes:
        curve[n] = {}
        for j, t in enumerate(topics):
            idx = judged(t)
            pos, neg = idx[gold[t][idx] == 1], idx[gold[t][idx] == 0]
            if min(len(pos), len(neg)) < n + 1:
                curve[n][t] = None
                continue
            f1s = []
            for seed in range(seeds if n else 1):
                rng = np.random.default_rng(seed)
                picked = np.r_[rng.choice(pos, n, replace=False), rng.choice(neg, n, replace=False)]
                rest = np.setdiff1d(idx, picked)
                learned = Learned(topics, [label(a, t) for a in picked])
                f1s.append(prf(list(verdicts(learned, rest)[:, j]), list(gold[t][rest] == 1)).f1)
            curve[n][t] = float(np.mean(f1s))
    return LearningReport(topics, int(max(1, min(folds, len(rows)))), zero, kfold, curve, seeds)


def format_learning(report: LearningReport) -> str:
    lines = [
        f"learning from labels (k-fold: {report.folds} folds; curve: n relevant + n "
        f"irrelevant labels per topic drawn {report.seeds} times, the rest scored)",
        f"{'topic':<24}{'zero-shot P/R/F1':>20}{'k-fold P/R/F1':>20}"
        + "".join(f"{f'n={n} F1':>10}" for n in report.curve),
    ]
    for t in report.topics:
        z, k = report.zero_shot[t], report.kfold[t]
        cells = "".join(
            f"{'-' if report.curve[n][t] is None else f'{report.curve[n][t]:.2f}':>10}"
            for n in report.curve
        )
        lines.append(
            f"{t:<24}{z.precision:>10.2f}/{z.recall:.2f}/{z.f1:.2f}"
            f"{k.precision:>10.2f}/{k.recall:.2f}/{k.f1:.2f}{cells}"
        )
    macro = {n: report.curve_macro(n) for n in report.curve}
    macros = "".join(f"{'-' if m is None else f'{m:.3f}':>10}" for m in macro.values())
    lines.append(
        f"{'macro F1':<24}{_macro(report.zero_shot):>20.3f}{_macro(report.kfold):>20.3f}{macros}"
    )
    lines.append("-: too few texts of a class to draw n and score the rest")
    return "\n".join(lines)


def eval_json(report: EvalReport, learning: LearningReport) -> dict[str, Any]:
    """``monitor eval --json``: the matcher (with the database's labels), the baselines and the
    learning figures, for scripts."""
    return {
        "n": report.n,
        "topics": report.topics,
        "method": _row(report.method),
        "aliases_only": _row(report.aliases_only),
        "embedding_only": _row(report.embedding_only),
        "embedding_global": _row(report.embedding_global),
        "suggested_thresholds": {t: round(v, 4) for t, v in report.suggested.items()},
        "loo_threshold": _row(report.loo_threshold),
        "macro_f1": {
            "method": _macro(report.method),
            "aliases_only": _macro(report.aliases_only),
            "embedding_only": _macro(report.embedding_only),
            "embedding_global": _macro(report.embedding_global),
            "loo_threshold": _macro(report.loo_threshold),
        },
        "learning": learning.as_json(),
    }
