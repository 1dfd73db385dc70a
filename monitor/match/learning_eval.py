"""How much the analyst's labels help, measured on labeled texts (``monitor eval``).

- k-fold: the texts are split into K folds; each fold is scored after learning from the labels
  of the other folds.
- learning curve: for n labels per class (relevant, irrelevant) and topic, n of each are drawn
  from the texts, learned from, and the rest scored; repeated over seeds and averaged. A topic
  with fewer than n + 1 texts of a class has no figure at that n (nothing would be left to
  score).
- the analyst's marks: for m in ``MARKS``, m of a topic's zero-shot alerts are drawn and labeled
  as they are (relevant or not), with one missed relevant text when there is one, and the rest
  scored: the labels a running service gets, mostly on what it sent. A topic with fewer than
  m + 1 alerts has no figure at that m.
Each drawn figure comes with the zero-shot F1 of the very texts it scored (drawing texts out
changes the F1 of the rest by itself: the gain from learning is the difference). All start
from the zero-shot scores, so the database's labels play no part here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from monitor.match.embed import ArticleVectors
from monitor.match.evaluate import PRF, EvalReport, figure, macro_f1, prf, prf_cells
from monitor.match.learn import PRIOR_SD, SIMILAR, Learned, TopicLabel
from monitor.match.matcher import Matcher

CURVE = (0, 3, 6, 12)  # labels per class and topic
MARKS = (3, 6)  # alerts the analyst marks per topic (with one missed text found)
SEEDS = 20


@dataclass
class LearningReport:
    topics: list[str]
    folds: int
    zero_shot: dict[str, PRF]
    kfold: dict[str, PRF]
    curve: dict[int, dict[str, float | None]]  # n -> topic -> mean F1 of the rest
    seeds: int
    # n -> topic -> mean zero-shot F1 of the same rest: fewer texts are left to score at each
    # n (the labeled ones drawn out), which moves F1 by itself; the gain is curve - paired.
    paired: dict[int, dict[str, float | None]]
    # m -> topic -> (learned, zero-shot) mean F1 of the rest after the analyst marks m of the
    # topic's alerts (relevant or not, as they are) and one missed relevant text, if any: the
    # labels a running service gets, mostly on what it sent.
    marked: dict[int, dict[str, tuple[float, float] | None]]

    def wanted(self, topic: str) -> bool:
        """Whether any text is wanted for ``topic``: one with none has no curve or marks to
        draw, and is left out of their macro means (those of the others' figures)."""
        z = self.zero_shot[topic]
        return bool(z.tp or z.fn)

    def curve_macro(self, n: int) -> float | None:
        return _mean_of_all({t: f for t, f in self.curve[n].items() if self.wanted(t)})

    def paired_macro(self, n: int) -> float | None:
        return _mean_of_all({t: f for t, f in self.paired[n].items() if self.wanted(t)})

    def marked_macro(self, m: int) -> tuple[float, float] | None:
        """Macro F1 after the analyst's m marks, and zero-shot on the same texts."""
        per = [v for t, v in self.marked[m].items() if self.wanted(t)]
        kept = [v for v in per if v is not None]
        if not kept or len(kept) < len(per):
            return None
        return float(np.mean([v[0] for v in kept])), float(np.mean([v[1] for v in kept]))

    def as_json(self) -> dict[str, Any]:
        return {
            "folds": self.folds,
            "seeds": self.seeds,
            "zero_shot": _row(self.zero_shot),
            "kfold": _row(self.kfold),
            "macro_f1": {"zero_shot": _macro(self.zero_shot), "kfold": _macro(self.kfold)},
            "curve": {
                str(n): {
                    "topics": _rounded(per),
                    "macro_f1": _round(self.curve_macro(n)),
                    "zero_shot_topics": _rounded(self.paired[n]),
                    "zero_shot_macro_f1": _round(self.paired_macro(n)),
                }
                for n, per in self.curve.items()
            },
            "marked": {
                str(m): {
                    "topics": {t: _pair(v) for t, v in per.items()},
                    "macro_f1": _pair(self.marked_macro(m)),
                }
                for m, per in self.marked.items()
            },
        }


def _pair(v: tuple[float, float] | None) -> dict[str, float] | None:
    return None if v is None else {"f1": round(v[0], 4), "zero_shot_f1": round(v[1], 4)}


def _round(f: float | None) -> float | None:
    return None if f is None else round(f, 4)


def _rounded(per_topic: Mapping[str, float | None]) -> dict[str, float | None]:
    return {t: _round(f) for t, f in per_topic.items()}


def _mean_of_all(per_topic: Mapping[str, float | None]) -> float | None:
    values = [v for v in per_topic.values() if v is not None]
    return float(np.mean(values)) if values and len(values) == len(per_topic) else None


def _row(d: Mapping[str, PRF]) -> dict[str, Any]:
    return {
        t: (
            {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4)}
            if v.scored
            else {"precision": None, "recall": None, "f1": None}
        )
        for t, v in d.items()
    }


def _macro(d: Mapping[str, PRF]) -> float | None:
    return _round(macro_f1(d))


def learning_report(
    matcher: Matcher,
    rows: Sequence[Mapping[str, Any]],
    vectors: Sequence[ArticleVectors],
    *,
    folds: int = 5,
    sizes: Sequence[int] = CURVE,
    seeds: int = SEEDS,
    marks: Sequence[int] = MARKS,
    prior_sd: float = PRIOR_SD,
    similar: float | None = SIMILAR,
) -> LearningReport:
    """``rows`` carry ``title``, ``text`` and ``labels``; ``vectors`` are their passages;
    ``prior_sd`` and ``similar``: the learning constants (``monitor.match.learn``), for
    benchmarks."""
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
            vectors[a].vectors,
            float(scores[a, topics.index(t)]),
            vectors[a].multilingual,
        )

    def judged(t: str) -> np.ndarray:
        return np.flatnonzero(np.array([g is not None for g in gold[t]]))

    def verdicts(learned: Learned, targets: np.ndarray) -> np.ndarray:
        return np.array(
            [
                learned.adjust(vectors[a].vectors, scores[a], multilingual=vectors[a].multilingual)[
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
            topics,
            [label(a, t) for t in topics for a in judged(t) if fold_of[a] != f],
            prior_sd,
            similar,
        )
        pred[held] = verdicts(learned, held)
    kfold = {
        t: prf(list(pred[judged(t), j]), list(gold[t][judged(t)] == 1))
        for j, t in enumerate(topics)
    }

    def mean_f1(j: int, idx: np.ndarray, draws: list[np.ndarray]) -> tuple[float, float] | None:
        """Learned and zero-shot F1 of topic ``j``'s texts ``idx`` less each draw's labeled
        ones, averaged over the draws that leave a wanted text to find (None if none does)."""
        t, learned_f1, zero_f1 = topics[j], [], []
        for picked in draws:
            rest = np.setdiff1d(idx, picked)
            wanted = list(gold[t][rest] == 1)
            if not any(wanted):
                continue
            learned = Learned(topics, [label(a, t) for a in picked], prior_sd, similar)
            learned_f1.append(prf(list(verdicts(learned, rest)[:, j]), wanted).f1)
            zero_f1.append(prf(list(scores[rest, j] >= thresholds[j]), wanted).f1)
        if not learned_f1:
            return None
        return float(np.mean(learned_f1)), float(np.mean(zero_f1))

    curve: dict[int, dict[str, float | None]] = {}
    paired: dict[int, dict[str, float | None]] = {}
    for n in sizes:
        curve[n], paired[n] = {}, {}
        for j, t in enumerate(topics):
            idx = judged(t)
            pos, neg = idx[gold[t][idx] == 1], idx[gold[t][idx] == 0]
            if min(len(pos), len(neg)) < n + 1:
                curve[n][t] = paired[n][t] = None
                continue
            draws = []
            for seed in range(seeds if n else 1):
                rng = np.random.default_rng(seed)
                draws.append(
                    np.r_[rng.choice(pos, n, replace=False), rng.choice(neg, n, replace=False)]
                )
            curve[n][t], paired[n][t] = mean_f1(j, idx, draws) or (None, None)
    marked: dict[int, dict[str, tuple[float, float] | None]] = {}
    for m in marks:
        marked[m] = {}
        for j, t in enumerate(topics):
            idx = judged(t)
            sent = idx[scores[idx, j] >= thresholds[j]]
            missed = idx[(scores[idx, j] < thresholds[j]) & (gold[t][idx] == 1)]
            if len(sent) < m + 1:
                marked[m][t] = None  # as in the curve: some alerts must be left to score
                continue
            draws = []
            for seed in range(seeds):
                rng = np.random.default_rng(seed)
                picked = rng.choice(sent, m, replace=False)
                draws.append(np.r_[picked, rng.choice(missed, 1)] if len(missed) else picked)
            marked[m][t] = mean_f1(j, idx, draws)
    return LearningReport(
        topics, int(max(1, min(folds, len(rows)))), zero, kfold, curve, seeds, paired, marked
    )


def format_learning(report: LearningReport) -> str:
    def cell(learned: float | None, zero: float | None, digits: int = 2) -> str:
        if learned is None or zero is None:
            return "-"
        return f"{learned:.{digits}f} ({zero:.{digits}f})"

    def pair(v: tuple[float, float] | None, digits: int = 2) -> str:
        return "-" if v is None else cell(*v, digits)

    width = 16
    lines = [
        f"learning from labels (k-fold: {report.folds} folds; curve: n relevant + n "
        f"irrelevant labels per topic drawn {report.seeds} times, the rest scored; in brackets "
        "the zero-shot F1 of the same rest)",
        f"{'topic':<24}{'zero-shot P/R/F1':>20}{'k-fold P/R/F1':>20}"
        + "".join(f"{f'n={n} F1':>{width}}" for n in report.curve),
    ]
    for t in report.topics:
        z, k = report.zero_shot[t], report.kfold[t]
        cells = "".join(
            f"{cell(report.curve[n][t], report.paired[n][t]):>{width}}" for n in report.curve
        )
        lines.append(f"{t:<24}{prf_cells(z):>20}{prf_cells(k):>20}{cells}")
    macros = "".join(
        f"{cell(report.curve_macro(n), report.paired_macro(n), 3):>{width}}" for n in report.curve
    )
    lines.append(
        f"{'macro F1':<24}{figure(macro_f1(report.zero_shot), 3):>20}"
        f"{figure(macro_f1(report.kfold), 3):>20}{macros}"
    )
    lines.append(
        "-: too few texts of a class to draw n and score the rest (P/R/F1: no text wanted "
        "and none alerted)"
    )
    if report.marked:
        lines.append(
            "the analyst's marks (m of a topic's alerts labeled as they are, and one missed "
            f"relevant text if any, drawn {report.seeds} times, the rest scored; in brackets "
            "zero-shot on the same rest)"
        )
        lines.append(f"{'topic':<24}" + "".join(f"{f'm={m} F1':>{width}}" for m in report.marked))
        for t in report.topics:
            lines.append(
                f"{t:<24}" + "".join(f"{pair(report.marked[m][t]):>{width}}" for m in report.marked)
            )
        macro_cells = [pair(report.marked_macro(m), 3) for m in report.marked]
        lines.append(f"{'macro F1':<24}" + "".join(f"{c:>{width}}" for c in macro_cells))
        lines.append("-: fewer than m + 1 alerts, or no wanted text left to find")
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
        "suggested_thresholds": {t: _round(v) for t, v in report.suggested.items()},
        "loo_threshold": _row(report.loo_threshold),
        "macro_f1": {
            "method": _macro(report.method),
            "aliases_only": _macro(report.aliases_only),
            "embedding_only": _macro(report.embedding_only),
            "embedding_global": _macro(report.embedding_global),
            "loo_threshold": _macro(report.loo_threshold),
        },
        "languages": {
            lang: {
                "texts": x.texts,
                "wanted": x.wanted,
                "found": x.found,
                "recall": None if x.recall is None else round(x.recall, 4),
                "false_alerts": x.false_alerts,
            }
            for lang, x in report.languages.items()
        },
        "learning": learning.as_json(),
    }
