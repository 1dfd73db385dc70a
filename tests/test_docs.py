"""Docs that other people rely on stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from monitor.config.reference import reference_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_configuration_reference_is_generated_from_the_models() -> None:
    committed = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        "docs/configuration.md is stale: python -m monitor.config.reference > docs/configuration.md"
    )


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [command] = [line for line in ci.splitlines() if "pytest" in line]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    assert command in blocks, "README's test command and .ci/run differ"


def test_readme_mentions_every_cli_command() -> None:
    from monitor.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"`monitor {name}" not in readme]
    assert not missing, f"README's command table lacks {missing}"


def test_torch_is_pinned_before_the_package_everywhere() -> None:
    for path in (ROOT / ".ci" / "run", ROOT / "Dockerfile", ROOT / "README.md"):
        text = path.read_text(encoding="utf-8")
        package = re.search(r"install (-e )?'?\.", text)
        assert package is not None and "torch==2.13.0" in text, path
        assert text.index("torch==2.13.0") < package.start(), path


def test_readme_module_map_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    package = ROOT / "monitor"
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `(monitor/[a-z/]*)` \|(.*)$", readme, flags=re.M)
    }
    modules = [p.relative_to(ROOT) for p in package.rglob("*.py") if p.name != "__init__.py"]
    missing = [
        str(m) for m in modules if f"`{m.name}`" not in rows.get(f"{m.parent.as_posix()}/", "")
    ]
    assert not missing, f"README's module map lacks {missing} in their package's row"


def test_readme_explains_every_feed_error_code() -> None:
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "monitor").rglob("*.py"))
    # A transport error's code becomes the feed's (monitor/poll/fetch.py), so both count.
    codes = set(re.findall(r'(?:Feed|Transport)Error\(\s*"([a-z0-9-]+)"', source))
    codes |= set(re.findall(r'\bcode = "([a-z0-9-]+)"', source))
    assert {"timeout", "gone", "protocol"} <= codes  # the patterns still find them
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(c for c in codes if f"`{c}`" not in readme)
    assert not missing, f"README's feed error table lacks {missing}"
