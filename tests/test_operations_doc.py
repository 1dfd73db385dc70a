"""docs/operations.md stays true: the downgrade message it quotes is the one a user gets, and
every metric and /healthz field it tells people to alert on exists. (Its backup and restore
commands run in tests/test_backup.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from monitor.cli import main
from monitor.run.metrics import Metrics
from monitor.store import SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")


def test_a_downgrade_is_refused_with_the_documented_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "monitor.db"
    Store.open(f"sqlite:///{db}").close()
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # as a newer release would leave it
        conn.execute(
            text("UPDATE meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(SCHEMA_VERSION + 1)},
        )
    engine.dispose()
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: sqlite:///{db}\n")
    for command in (["db", "stats"], ["export"]):
        assert main([*command, "-c", str(config)]) == 1
        line = capsys.readouterr().err
        assert line == (
            f"monitor: database schema version {SCHEMA_VERSION + 1} is newer than this monitor "
            f"understands ({SCHEMA_VERSION}); upgrade the monitor package\n"
        )
    [quoted] = [q for q in DOC.splitlines() if "is newer than this monitor" in q]
    assert re.sub(r"\d+", "N", quoted) == re.sub(r"\d+", "N", line.strip())


def test_every_documented_metric_exists() -> None:
    families = {family.name for family in Metrics().registry.collect()}
    named = set(re.findall(r"`(monitor_[a-z_]+)`", DOC))
    assert len(named) > 10
    missing = [n for n in named if n not in families and n.removesuffix("_total") not in families]
    assert not missing, f"docs/operations.md names metrics that do not exist: {missing}"


def test_every_documented_healthz_field_is_reported() -> None:
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "monitor" / "run").glob("*.py"))
    table = DOC[DOC.index("| field | meaning | alert when |") :].split("\n\n")[0]
    fields = {
        f for row in table.splitlines()[2:] for f in re.findall(r"`([a-z_]+)`", row.split("|")[1])
    }
    assert {"status", "embed_backlog", "deliveries_dead", "stages"} <= fields
    missing = [f for f in fields if f'"{f}"' not in source and f"{f}=" not in source]
    assert not missing, f"docs/operations.md names /healthz fields that do not exist: {missing}"
