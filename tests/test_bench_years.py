"""bench/years.py in its small form (``--quick``), so the year's benchmark cannot rot: it builds
its history, prunes it each day, and prints every figure it is for."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg import fresh_database

ROOT = Path(__file__).resolve().parents[1]

HOT_PATHS = (
    "poll bookkeeping",
    "embed backlog claim",
    "due deliveries claim",
    "digest assembly",
    "/healthz store queries",
)


def years(*args: str, tmp: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "years.py"), "--quick", "--tmp", str(tmp), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not list(tmp.iterdir()), "the bench left files behind"
    return done.stdout


def ratios(out: str) -> dict[str, float]:
    found = {}
    for line in out.splitlines():
        m = re.match(r"\s+(.+?) \(?.*ratio ([\d.]+) \(goal <= 2", line)
        if m:
            found[next(p for p in HOT_PATHS if line.strip().startswith(p))] = float(m[2])
    return found


def test_quick_year_without_retention_grows_linearly(tmp_path: Path) -> None:
    out = years("--no-retention", tmp=tmp_path)
    m = re.search(r"growth without retention: ([\d,]+) B per article \(r\^2 ([\d.]+)\)", out)
    assert m, out
    # Each article brings its ~5 kB of title, text and vectors and then some (rows, indexes).
    made = int(re.search(r"made ([\d,]+) B of title", out)[1].replace(",", ""))  # type: ignore[index]
    assert made < int(m[1].replace(",", "")) < 4 * made
    assert float(m[2]) > 0.99
    assert set(ratios(out)) == set(HOT_PATHS)


def test_quick_year_with_retention_stays_under_its_bound(tmp_path: Path) -> None:
    out = years(tmp=tmp_path)
    assert "after each day the daemon's prune job (Store.prune)" in out
    # 200 days of 25 articles: texts go after 30 days, URLs after 180, a day's worth each.
    last = re.findall(
        r"day (\d+): .* last prune \{'texts_dropped': (\d+), 'urls_dropped': (\d+)", out
    )
    assert [d for d, _, _ in last] == ["50", "100", "150", "200"]
    assert all(20 <= int(texts) <= 30 for _, texts, _ in last)
    assert [int(urls) > 0 for _, _, urls in last] == [False, False, False, True]
    m = re.search(r"bound at 200 days: .*largest measured .* \((under|OVER) the bound\)", out)
    assert m and m[1] == "under", out
    assert set(ratios(out)) == set(HOT_PATHS)
    assert re.search(r"poll writes alongside: \d+ before it.*longest wait [\d.]+ ms", out)


@pytest.mark.slow
def test_quick_year_on_postgresql_reports_dead_tuples(tmp_path: Path) -> None:
    with fresh_database() as url:
        out = years("--url", url, "--autovacuum-wait", "0", tmp=tmp_path)
    assert "postgresql" in out.splitlines()[0]
    dead = re.search(
        r"dead tuples after the prune: .*articles (\d[\d,]*) dead / ([\d,]+) live", out
    )
    assert dead and int(dead[1].replace(",", "")) > 0, out
    assert "after ANALYZE" in out
    assert set(ratios(out)) == set(HOT_PATHS)
