"""The linters are part of the test run, so `pytest` alone (the README's and CI's command) says
whether a change is ready: ``ruff check`` and ``ruff format --check`` over monitor, tests, bench
and scripts, and ``mypy`` (strict, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


CODE = ["monitor", "tests", "bench", "scripts"]


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", *CODE], ["ruff", "format", "--check", *CODE], ["mypy"]],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_linter_passes(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"
