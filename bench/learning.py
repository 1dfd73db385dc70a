"""Benchmark: how much the analyst's labels help, and how far they may move a topic.

Learning from labels shifts each labeled topic's threshold (``monitor.match.learn``), and moves
texts like a correction toward it; the shift's prior ``PRIOR_SD`` decides how far a few labels
move a topic. This script measures, on both
labelled dev sets of ../shared/eval, for several priors:

- the learning curve of ``monitor eval``: n relevant + n irrelevant labels per topic drawn at
  random (the issue's 3 + 3), the rest scored;
- the analyst's marks: m of a topic's alerts labeled as they are, and one missed relevant text,
  the rest scored (the labels a running service gets);
- k-fold over all the labels (each fold scored after learning the others' labels).

The shipped prior is also run without the similar-correction rule (``SIMILAR``), to show
what that rule adds. Every drawn figure is set beside the zero-shot F1 of the very texts it
scored (``monitor eval`` prints both): taking texts out changes the F1 of the rest by itself,
so the gain is the difference. Zero-shot scores come two ways: the shipped weights (fit on
both sets, so zero-shot is in-sample there) and weights fit on the other set (cross-set, as
bench/relevance.py; non-English texts leave-one-text-out).

    python bench/learning.py [--cache DIR]

Exits 0 with a message when ../shared/eval is absent; ``--cache`` as in bench/relevance.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
import relevance as R  # bench/relevance.py: the eval sets, cached models, the regression fits

from monitor.match.learn import PRIOR_SD, SIMILAR
from monitor.match.learning_eval import LearningReport, learning_report

PRIORS = (0.25, 0.5, 1.0, 2.0)


def zero_shot_tables(cache: Path | None) -> dict[str, dict[str, Any]]:
    """Per set: its topics, rows, passage vectors and the zero-shot score tables by the shipped
    weights and by weights fit on the other set."""
    from monitor.match.matcher import WEIGHTS, Matcher

    emb, ml = R.english_model(cache), R.multilingual_model(cache)
    loaded = {s: R.load_set(s) for s in R.SETS}
    data = {s: R.features(emb, ml, *loaded[s]) for s in R.SETS}
    en = {s: R.rows_where(d, ~d["ml"]) for s, d in data.items()}
    fits = {s: R.fit([en[s]], list(WEIGHTS)) for s in R.SETS}
    read_ml = {s: R.multilingual_reading(emb, ml, *loaded[s], data[s]) for s in R.SETS}
    loo = R.multilingual_held_out(read_ml, R.multilingual_features(), "text")
    tables = R.zero_shot_scores(data, fits, loo)
    out = {}
    for s, (rows, topics) in loaded.items():
        matcher = Matcher(emb, topics, R.THRESHOLD, ml)
        out[s] = {
            "topics": topics,
            "rows": rows,
            "vectors": matcher.embed([(r["title"], r["text"]) for r in rows]),
            **tables[s],
        }
    return out


def gains(report: LearningReport) -> dict[str, float | None]:
    """Macro F1 gained over zero-shot on the same texts: curve n=3, n=6, marks m=3, m=6, and
    k-fold (against zero-shot on all texts: k-fold scores every text)."""

    def diff(pair: tuple[float | None, float | None] | None) -> float | None:
        if pair is None or pair[0] is None or pair[1] is None:
            return None
        return pair[0] - pair[1]

    kfold = float(np.mean([v.f1 for v in report.kfold.values()]))
    zero = float(np.mean([v.f1 for v in report.zero_shot.values()]))
    return {
        "n=3": diff((report.curve_macro(3), report.paired_macro(3))),
        "n=6": diff((report.curve_macro(6), report.paired_macro(6))),
        "m=3": diff(report.marked_macro(3)),
        "m=6": diff(report.marked_macro(6)),
        "k-fold": kfold - zero,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="keep the eval texts' embeddings here")
    args = ap.parse_args(argv)
    if not all((R.EVAL / f).is_file() for files in R.SETS.values() for f in files):
        print(f"learning bench skipped: {R.EVAL.resolve()} is absent")
        return 0
    tables = zero_shot_tables(args.cache)
    columns = ("n=3", "n=6", "m=3", "m=6", "k-fold")
    print(
        "macro F1 gained by learning, against zero-shot on the same texts (n: n + n labels "
        "drawn at random; m: m alerts marked and one missed text; k-fold: 5 folds); the "
        "learned figure in brackets; -: a topic has too few texts (set A at n=6, m=6)"
    )
    for weights in ("shipped", "cross"):
        label = (
            "shipped weights (zero-shot in-sample)"
            if weights == "shipped"
            else "weights fit on the other set (zero-shot cross-set)"
        )
        print(f"\n{label}")
        print(f"  {'prior sd':<10}{'set':<5}" + "".join(f"{c:>17}" for c in columns) + "   mean")
        runs: list[tuple[str, float, float | None]] = [(f"{sd}", sd, SIMILAR) for sd in PRIORS]
        runs.append((f"{PRIOR_SD} *", PRIOR_SD, None))
        for name, sd, similar in runs:
            for s, t in tables.items():
                scorer = R.FrozenScores(t["topics"], t[weights], [str(r["id"]) for r in t["rows"]])
                report = learning_report(
                    scorer,  # type: ignore[arg-type]
                    t["rows"],
                    t["vectors"],
                    prior_sd=sd,
                    similar=similar,
                )
                g = gains(report)
                learned = {
                    "n=3": report.curve_macro(3),
                    "n=6": report.curve_macro(6),
                    "m=3": (report.marked_macro(3) or (None,))[0],
                    "m=6": (report.marked_macro(6) or (None,))[0],
                    "k-fold": float(np.mean([v.f1 for v in report.kfold.values()])),
                }
                cells = "".join(
                    f"{'-':>17}" if g[c] is None else f"{g[c]:>+9.3f} ({learned[c]:.3f})"
                    for c in columns
                )
                known = [v for v in g.values() if v is not None]
                mark = " (shipped)" if sd == PRIOR_SD and similar == SIMILAR else ""
                print(f"  {name:<10}{s:<5}{cells}  {np.mean(known):+.3f}{mark}")
    print(f"\n*: without the similar-correction rule (SIMILAR {SIMILAR}: off)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
