"""Pieces of ``monitor run`` that need no model: what reaches the log (one line per event,
nothing secret). Stopping polls that wait on slow servers: tests/test_flow.py."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterator

import pytest

from monitor.config import Settings
from monitor.config.models import FetchConfig
from monitor.run.logs import setup_logging
from monitor.store import Store

EVERY = Settings().poll_every  # the config's default poll interval
FETCH = FetchConfig()  # the config's defaults


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


def _capture(json_lines: bool, secrets: dict[str, str] | list[str]) -> io.StringIO:
    out = io.StringIO()
    setup_logging(level="INFO", json_lines=json_lines, secrets=secrets)
    logging.getLogger().handlers[0].setStream(out)  # type: ignore[attr-defined]
    return out


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


HOOK = "https://hooks.chat.example/services/T01/B02/xoxb-sekrit"


@pytest.mark.parametrize("json_lines", [False, True])
def test_log_lines_hide_secrets_and_url_credentials(json_lines: bool) -> None:
    from monitor.run.logs import REDACTED, redact_endpoint

    out = _capture(
        json_lines,
        {"smtp-pa55word": REDACTED, "hook-key-99": REDACTED, HOOK: redact_endpoint(HOOK)},
    )
    log = logging.getLogger("monitor.test")
    log.warning("login with smtp-pa55word failed")
    log.warning("instant webhook to ops failed: %s: ConnectError", HOOK)
    log.warning("feed %s: connect: refused", "https://bob:hunter22@feeds.example/x.rss?token=abc1")
    try:
        raise ValueError("signing with hook-key-99 went wrong\nsecond line")
    except ValueError:
        log.exception("delivery crashed")
    text = out.getvalue()

    for secret in ("smtp-pa55word", "hook-key-99", "xoxb-sekrit", "B02", "hunter22", "abc1"):
        assert secret not in text, secret
    assert "https://hooks.chat.example/***" in text
    assert "https://bob:***@feeds.example/x.rss?token=***" in text
    if json_lines:  # one JSON object per line, the traceback inside it
        entries = [json.loads(line) for line in text.splitlines()]
        assert len(entries) == 4
        assert "ValueError" in entries[3]["exception"]


def test_a_thread_that_dies_is_logged_as_one_redacted_event() -> None:
    out = _capture(True, ["hook-key-99"])

    def crash() -> None:
        raise ValueError("signing with hook-key-99 went wrong")

    thread = threading.Thread(target=crash, name="matcher")
    thread.start()
    thread.join()
    [entry] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert entry["level"] == "critical"
    assert entry["message"] == "thread matcher died: ValueError: signing with *** went wrong"
    assert "Traceback" in entry["exception"] and "hook-key-99" not in out.getvalue()


def test_skipped_poll_ticks_are_not_logged() -> None:
    out = _capture(False, [])
    logging.getLogger("apscheduler.scheduler").warning(
        'Execution of job "Daemon._poll_tick" skipped: maximum number of running instances '
        "reached (1)"
    )
    logging.getLogger("apscheduler.scheduler").warning("Run time of job was missed by 0:00:03")
    assert out.getvalue().count("\n") == 1 and "missed" in out.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["--log-json", "-v", "-c", "w.yaml", "run"],
        ["run", "--log-json", "-v", "-c", "w.yaml"],
        ["-c", "ignored.yaml", "run", "-c", "w.yaml", "--log-json", "-v"],
    ],
)
def test_global_options_count_before_or_after_the_command(argv: list[str]) -> None:
    from monitor.cli import build_parser

    args = build_parser().parse_args(argv)
    assert args.log_json is True and args.verbose is True and str(args.config) == "w.yaml"
