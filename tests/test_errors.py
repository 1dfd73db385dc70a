"""The one error tree: every error class has its own stable code and the exit status the CLI
ends with, and the CLI turns any of them into one line."""

from __future__ import annotations

import pytest

from monitor import errors
from monitor.cli import error_line
from monitor.errors import EXIT_FAILURE, EXIT_USAGE, MonitorError


def _tree(cls: type[MonitorError]) -> list[type[MonitorError]]:
    return [cls] + [c for sub in cls.__subclasses__() for c in _tree(sub)]


def test_every_error_class_lives_in_errors_with_a_distinct_code_and_an_exit_status() -> None:
    classes = _tree(MonitorError)
    defined_here = {
        v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, MonitorError)
    }
    assert set(classes) == defined_here
    codes = [vars(c).get("code") for c in classes]
    assert all(isinstance(code, str) and code for code in codes), codes
    assert len(set(codes)) == len(codes), codes
    assert all(c.exit_status in (EXIT_FAILURE, EXIT_USAGE) for c in classes)
    usage = {c.code for c in classes if c.exit_status == EXIT_USAGE}
    assert usage == {"config", "input"}


@pytest.mark.parametrize(
    "make",
    [
        lambda: errors.ConfigError("no such key", path="m.yaml", line=3, key="fetch.nope"),
        lambda: errors.StoreError("cannot open database\n[SQL: PRAGMA x]"),
        lambda: errors.FeedError("timeout", "timed out", url="https://u:pw@example.org/f"),
        lambda: errors.WebhookError("https://hooks.example.com/*** answered 404", permanent=True),
    ],
)
def test_an_error_becomes_one_line_without_credentials(make: object) -> None:
    exc = make()  # type: ignore[operator]
    line = error_line(exc)
    assert line.startswith("monitor: ") and "\n" not in line and "pw@" not in line
