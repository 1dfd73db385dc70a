"""Precision/recall/F1 of the matcher on labeled texts, beside two baselines computed in the
same run: aliases-only keyword matching and whole-text embedding similarity at the best single
threshold. Also suggests a threshold per topic and reports a leave-one-out figure for it, and
per language the wanted pairs found and the false alerts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from monitor.match.embed import ArticleVectors
from monitor.match.learn import Learned
from monitor.match.matcher import Matcher


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @property
    def scored(self) -> bool:
        """False where no text was wanted and none alerted: no error to count and no F1 to
        give (0 would read as the worst result, 1 would lift a macro mean for texts never
        seen), so such a topic is shown as "-" and left out of the macro means."""
        return bool(self.tp or self.fp or self.fn)


def prf(pred: Sequence[bool], gold: Sequence[bool]) -> PRF:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return PRF(pr, rc, f1, tp, fp, fn)


@dataclass(frozen=True)
class LanguageFigures:
    """The labeled texts of one language: how many, their wanted (text, topic) pairs and how
    many of those the matcher found, and its alerts on pairs not wanted."""

    texts: int
    wanted: int
    found: int
    false_alerts: int

    @property
    def recall(self) -> float | None:
        return self.found / self.wanted if self.wanted else None


@dataclass
class EvalReport:
    topics: list[str]
    method: dict[str, PRF]
    aliases_only: dict[str, PRF]
    embedding_only: dict[str, PRF]  # best threshold per topic, chosen on these labels
    embedding_thresholds: dict[str, float]
    embedding_global: dict[str, PRF]  # one threshold for all topics, chosen on these labels
    # matcher threshold with the best F1 per topic; None where no text is wanted for it
    suggested: dict[str, float | None]
    loo_threshold: dict[str, PRF]  # threshold chosen without the held-out text, per text
    n: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    # per language: a row's "lang" where it gives one, else the language the matcher detected
    languages: dict[str, LanguageFigures] = field(default_factory=dict)


def macro_f1(d: Mapping[str, PRF]) -> float | None:
    """The mean F1 over the topics that can be scored (``PRF.scored``); None if none can."""
    f1s = [v.f1 for v in d.values() if v.scored]
    return float(np.mean(f1s)) if f1s else None


def figure(value: float | None, digits: int = 2) -> str:
    """A figure as printed, "-" where there is none."""
    return "-" if value is None else f"{value:.{digits}f}"


def prf_cells(v: PRF) -> str:
    """P/R/F1 as printed, "-" for a topic no text of which was wanted or alerted."""
    return f"{v.precision:.2f}/{v.recall:.2f}/{v.f1:.2f}" if v.scored else "-"


def _best_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    """Midpoint between consecutive distinct scores with the best F1 (ties: the higher); above
    every score where no text is wanted (any alert would be false)."""
    if not np.any(gold):
        return float("inf")
    values = np.unique(scores)
    cands = np.r_[(values[:-1] + values[1:]) / 2, values[-1] + 1e-6] if len(values) > 1 else values
    best, best_f = float(cands[-1]), -1.0
    for th in cands:
        f = prf(list(scores >= th), list(gold)).f1
        if f >= best_f:
            best, best_f = float(th), f
    return best


def evaluate(
    matcher: Matcher,
    rows: Sequence[Mapping[str, Any]],
    *,
    vectors: Sequence[ArticleVectors] | None = None,
    labels: Learned | None = None,
) -> EvalReport:
    """``rows`` carry ``id``, ``title``, ``text`` and ``labels`` ({topic id: 0|1}; a row may
    label some topics only: the others are not judged on it, as in ``learning_eval``);
    ``vectors`` their passages when already embedded; ``labels`` what the stored labels
    taught."""
    topics = [t.id for t in matcher.topics]
    # (rows, topics): whether the row labels the topic, and whether it is wanted for it
    judged = np.array([[t in r["labels"] for t in topics] for r in rows], dtype=bool)
    gold_all = np.array([[bool(r["labels"].get(t, 0)) for t in topics] for r in rows], dtype=bool)
    if vectors is None:
        vectors = matcher.embed([(r.get("title", ""), r["text"]) for r in rows])
    whole = matcher.embedder.encode([f"{r.get('title', '')}\n{r['text']}" for r in rows])
    whole_sims = whole @ matcher.topic_vecs  # (rows, topics)
    scores = np.zeros((len(rows), len(topics)))
    verdicts = np.zeros((len(rows), len(topics)), dtype=bool)
    errors = []
    for a, (r, v) in enumerate(zip(rows, vectors, strict=True)):
        for m in matcher.score(r.get("title", ""), r["text"], v, str(r.get("id", a)), labels):
            j = matcher.index_of[m.topic_id]
            scores[a, j], verdicts[a, j] = m.score, m.matched
            gold = bool(gold_all[a, j])
            if judged[a, j] and m.matched != gold:
                errors.append(
                    {
                        "id": r.get("id"),
                        "topic": m.topic_id,
                        "gold": int(gold),
                        "score": m.score,
                        "evidence": m.evidence,
                    }
                )
    bodies = [f"{r.get('title', '')}\n{r['text']}".casefold() for r in rows]
    method: dict[str, PRF] = {}
    kw: dict[str, PRF] = {}
    emb: dict[str, PRF] = {}
    loo: dict[str, PRF] = {}
    emb_th: dict[str, float] = {}
    sugg: dict[str, float | None] = {}
    for j, tid in enumerate(topics):
        topic = matcher.topics[j]
        rows_j = np.flatnonzero(judged[:, j])
        truth = gold_all[rows_j, j]
        sims, said = whole_sims[rows_j, j], scores[rows_j, j]
        method[tid] = prf(list(verdicts[rows_j, j]), list(truth))
        names = [a.casefold() for a in dict.fromkeys((topic.name, *topic.aliases))]
        kw[tid] = prf([any(n in bodies[a] for n in names) for a in rows_j.tolist()], list(truth))
        emb_th[tid] = _best_threshold(sims, truth)
        emb[tid] = prf(list(sims >= emb_th[tid]), list(truth))
        best = _best_threshold(said, truth)
        sugg[tid] = best if np.isfinite(best) else None
        held = []
        for a in range(len(rows_j)):
            keep = np.arange(len(rows_j)) != a
            held.append(bool(said[a] >= _best_threshold(said[keep], truth[keep])))
        loo[tid] = prf(held, list(truth))
    th = _best_macro_threshold(whole_sims, gold_all, judged)
    glob = {
        t: prf(list(whole_sims[judged[:, j], j] >= th), list(gold_all[judged[:, j], j]))
        for j, t in enumerate(topics)
    }
    return EvalReport(
        topics,
        method,
        kw,
        emb,
        emb_th,
        glob,
        sugg,
        loo,
        len(rows),
        errors,
        _by_language(rows, vectors, verdicts & judged, gold_all),
    )


def _by_language(
    rows: Sequence[Mapping[str, Any]],
    vectors: Sequence[ArticleVectors],
    verdicts: np.ndarray,
    gold: np.ndarray,
) -> dict[str, LanguageFigures]:
    """Per language, most texts first: the row's "lang" where it is a string, else detected."""
    langs = [
        r["lang"] if isinstance(r.get("lang"), str) and r["lang"] else v.language
        for r, v in zip(rows, vectors, strict=True)
    ]
    out = {}
    for lang in sorted(set(langs), key=lambda x: (-langs.count(x), x)):
        mine = np.array([x == lang for x in langs])
        said, wanted = verdicts[mine], gold[mine]
        out[lang] = LanguageFigures(
            texts=int(mine.sum()),
            wanted=int(wanted.sum()),
            found=int((said & wanted).sum()),
            false_alerts=int((said & ~wanted).sum()),
        )
    return out


def _best_macro_threshold(sims: np.ndarray, gold: np.ndarray, judged: np.ndarray) -> float:
    """The one threshold with the best macro F1 over the judged (row, topic) pairs."""
    best, best_f = 0.0, -1.0
    columns = [(sims[judged[:, j], j], list(gold[judged[:, j], j])) for j in range(sims.shape[1])]
    for th in np.unique(sims[judged]):
        f = float(np.mean([prf(list(said >= th), truth).f1 for said, truth in columns]))
        if f > best_f:
            best, best_f = float(th), f
    return best


def _f1(v: PRF) -> str:
    return figure(v.f1 if v.scored else None)


def format_report(report: EvalReport) -> str:
    lines = [
        f"{report.n} labeled texts",
        f"{'topic':<24}{'method P/R/F1':>20}{'aliases-only F1':>17}{'emb-only F1':>13}"
        f"{'emb-1th F1':>12}{'suggested th':>14}{'LOO-th F1':>11}",
    ]
    for t in report.topics:
        m = report.method[t]
        lines.append(
            f"{t:<24}{prf_cells(m):>20}"
            f"{_f1(report.aliases_only[t]):>17}{_f1(report.embedding_only[t]):>13}"
            f"{_f1(report.embedding_global[t]):>12}"
            f"{figure(report.suggested[t], 3):>14}{_f1(report.loo_threshold[t]):>11}"
        )
    lines.append(
        f"{'macro F1':<24}{figure(macro_f1(report.method), 3):>20}"
        f"{figure(macro_f1(report.aliases_only), 3):>17}"
        f"{figure(macro_f1(report.embedding_only), 3):>13}"
        f"{figure(macro_f1(report.embedding_global), 3):>12}{'':>14}"
        f"{figure(macro_f1(report.loo_threshold), 3):>11}"
    )
    lines.append(
        "emb-only: whole-text cosine to 'name: about' at the best threshold per topic, "
        "emb-1th: at the best single threshold for all topics (both chosen on these "
        "labels, so optimistic); LOO-th: the matcher with its threshold re-chosen "
        "without each held-out text; -: no text wanted for the topic and none alerted, "
        "nothing to score (left out of the macro F1)."
    )
    if report.languages:
        lines.append(
            'wanted pairs found and false alerts by language (a text\'s "lang", else as '
            "detected): "
            + "; ".join(
                f"{lang} {x.found}/{x.wanted} found, {x.false_alerts} false "
                f"({x.texts} text{'s' if x.texts != 1 else ''})"
                for lang, x in report.languages.items()
            )
        )
    return "\n".join(lines)
