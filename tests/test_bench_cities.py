"""bench/cities.py in its small form (``--quick``), so the city-names benchmark cannot rot: it
prints the reach in Arabic and Cyrillic script and, beside the dev texts, what the city names
add to a stream of real texts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def test_the_quick_run_prints_the_reach_and_the_stream() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "cities.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    for language in ("ar", "ru"):
        reach = re.search(
            rf"reach, {language}: (\d+) -> (\d+) of (\d+) cities of 1,000,000 people", done.stdout
        )
        assert reach is not None, done.stdout
        before, after, cities = map(int, reach.groups())
        # the names GeoNames gives are met: more cities than the skeletons alone met
        assert before < after <= cities
    if SHARED.is_dir():
        stream = re.search(r"stream: .* hits (\d+) -> (\d+), (\d+) added, (\d+) taken", done.stdout)
        assert stream is not None, done.stdout
        before, after, added, taken = map(int, stream.groups())
        assert after - before == added - taken
        assert len(re.findall(r"^  [+-] ", done.stdout, re.M)) == added + taken
    else:
        assert "stream skipped" in done.stdout
