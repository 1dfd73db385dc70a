"""bench/spellings.py in its small form (``--quick``), so the spelling benchmark cannot rot: it
prints both figures, writes what it met, and compares two runs' meetings."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def spellings(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "spellings.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return done.stdout


def test_the_quick_run_prints_both_figures_and_writes_its_meetings(tmp_path: Path) -> None:
    out = tmp_path / "met.json"
    printed = spellings("--quick", "--out", str(out), "--candidates", str(tmp_path / "c.json"))
    met = re.search(r"spellings met: (\d+) of (\d+) ways \((\d+) pairs, (\d+) both ways\)", printed)
    assert met is not None, printed
    assert int(met[2]) == 2 * int(met[3])
    assert re.search(r"words met: \d+ by \d+ of \d+ names \(\d+ words tried\)", printed)
    own = re.search(
        r"words met in their own language: (\d+) by (\d+) of \d+ names \((\d+) languages\)",
        printed,
    )
    assert own is not None, printed
    scripts = re.search(
        r"names met in other scripts: (\d+) of (\d+) \((.+)\); common words "
        r"met: (\d+) of (\d+)",
        printed,
    )
    assert scripts is not None, printed
    record = json.loads(out.read_text(encoding="utf-8"))
    assert len(record["scripts"]) == int(scripts[2]) + int(scripts[5])
    assert sum(found for _, _, found in record["scripts"]) == int(scripts[1]) + int(scripts[4])
    # per language, as many sentences as the figure counts
    assert sum(int(n) for n in re.findall(r"\w+ \d+/(\d+)", scripts[3])) == int(scripts[2])
    assert len(record["pairs"]) == int(met[3])
    # the words met in their own language, each as "language:Word", as many as the figure says
    assert sum(map(len, record["own"].values())) == int(own[1])
    assert len(record["own"]) == int(own[2])
    assert all(re.fullmatch(r"[a-z]{2}:\S+", w) for ws in record["own"].values() for w in ws)
    assert "de:Deutschland" in record["own"]["Germany"] and "ru:России" in record["own"]["Russia"]
    assert sum(there + back for _, _, there, back in record["pairs"]) == int(met[1])
    # the candidate words were written for another tree's run to judge the same ones
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))


def test_diff_names_the_meetings_one_run_has_and_the_other_lacks(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({"pairs": [], "words": {"Sirte": ["Seyret"]}}), encoding="utf-8")
    new.write_text(json.dumps({"pairs": [], "words": {"Shoigu": ["Шойгу"]}}), encoding="utf-8")
    assert spellings("--diff", str(old), str(new)).splitlines() == [
        "Shoigu: new ['Шойгу'], gone []",
        "Sirte: new [], gone ['Seyret']",
    ]
    assert spellings("--diff", str(old), str(old)).strip() == "the same meetings"
    # ... and the meetings in their own language, where both runs wrote them
    old.write_text(json.dumps({"words": {}, "own": {"Mai": ["el:Μαΐου"]}}), encoding="utf-8")
    new.write_text(json.dumps({"words": {}, "own": {}}), encoding="utf-8")
    assert spellings("--diff", str(old), str(new)).splitlines() == [
        "Mai: new [], gone ['el:Μαΐου']"
    ]


def test_a_file_it_did_not_write_gets_one_line(tmp_path: Path) -> None:
    """--diff and --candidates read the files a run wrote: another file is named in one line,
    not a traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "spellings.py"), "--diff", str(bad), str(bad)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2
    assert f"{bad}: not a file this script wrote (JSONDecodeError" in done.stderr
    assert "Traceback" not in done.stderr
