"""/healthz says whether the stages get their work done, not merely whether their ticks run."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.run import daemon as service
from monitor.run.health import StageHealth, Stalled
from monitor.run.logs import setup_logging
from monitor.store import Store
from tests.feedserver import FeedServer, Reply, synthetic_feed
from tests.smtp_server import free_port
from tests.test_daemon import get, serve_while
from tests.wait import wait_for


def _capture() -> io.StringIO:
    out = io.StringIO()
    setup_logging(level="INFO", json_lines=False)
    logging.getLogger().handlers[0].setStream(out)  # type: ignore[attr-defined]
    return out


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:], root.level = handlers, level


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_stage_is_unhealthy_once_it_has_failed_for_longer_than_its_bound() -> None:
    clock = Clock()
    stages = StageHealth({"poll": 60.0, "deliver": 60.0}, clock)
    assert stages.report() == (
        None,
        {
            "poll": {"last_success_age_s": None, "failing": False},
            "deliver": {"last_success_age_s": None, "failing": False},
        },
    )
    stages.succeeded("poll")
    stages.idle("deliver")  # nothing due: not behind
    clock.now += 30
    assert stages.failed("poll") is True  # starts failing
    assert stages.failed("poll") is False  # still
    assert stages.report()[0] is None  # failing, within the bound
    clock.now += 31
    stalled, ages = stages.report()
    assert stalled == Stalled("poll", 61.0)
    assert ages["poll"] == {"last_success_age_s": 61.0, "failing": True}
    stages.idle("poll")  # nothing to do is no proof the failure has passed
    assert stages.report()[0] == Stalled("poll", 61.0)
    stages.succeeded("poll")
    assert stages.report()[0] is None
    # An idle stage is not stalled, however long since it last had work.
    clock.now += 3600
    stages.idle("deliver")
    assert stages.report()[0] is None


def test_a_stage_that_never_succeeds_is_unhealthy_a_bound_after_the_start() -> None:
    clock = Clock()
    stages = StageHealth({"match": 90.0}, clock)
    stages.failed("match")
    assert stages.report()[0] is None
    clock.now += 91
    assert stages.report()[0] == Stalled("match", 91.0)


def test_healthz_before_the_scheduler_starts_says_starting(tmp_path: Path) -> None:
    """The web server starts before the scheduler (a busy port must fail the start before any
    job runs): a probe in between must not read a stalled scheduler, and restart the daemon."""
    path = tmp_path / "monitor.yaml"
    path.write_text(
        "storage: sqlite:///monitor.db\ntopics:\n  - name: Yarmouk Valley\n", encoding="utf-8"
    )
    config = load_config(path)
    store = Store.open(config.storage_url)
    try:
        healthy, body = service.Daemon(config, store).health()
    finally:
        store.close()
    assert healthy and body["status"] == "starting"


def test_a_shutdown_while_a_one_shot_job_is_handed_out_kills_no_thread() -> None:
    """shutdown() empties the job stores from another thread; if the scheduler's thread is just
    handing out a due one-shot job, its removal of that job finds nothing. The store below
    does what such a shutdown does at that moment (a race no real part produces on demand)."""
    from datetime import UTC, datetime

    from apscheduler.jobstores.memory import MemoryJobStore
    from apscheduler.schedulers.base import STATE_STOPPED

    scheduler: service.Scheduler

    class ShutDownMeanwhile(MemoryJobStore):  # type: ignore[misc]
        def get_due_jobs(self, now: datetime) -> list[object]:
            due: list[object] = super().get_due_jobs(now)
            scheduler.state = STATE_STOPPED
            self.remove_all_jobs()
            return due

    scheduler = service.Scheduler(timezone=UTC, jobstores={"default": ShutDownMeanwhile()})
    ran = threading.Event()
    scheduler.add_job(ran.set, id="catch-up", next_run_time=datetime.now(UTC))
    deaths: list[threading.ExceptHookArgs] = []
    hook, threading.excepthook = threading.excepthook, deaths.append
    try:
        scheduler.start()
        scheduler._thread.join(timeout=10)
    finally:
        threading.excepthook = hook
        for executor in scheduler._executors.values():
            executor.shutdown(wait=True)
    assert ran.is_set() and not scheduler._thread.is_alive()
    assert deaths == []  # the scheduler's thread ended as a stopped scheduler's does


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("refuse_writes", [False, True])
def test_healthz_answers_503_naming_the_poll_stage_while_the_database_refuses_its_results(
    tmp_path: Path, feed_server: FeedServer, refuse_writes: bool
) -> None:
    feed_server.add_feed("/wire.rss", synthetic_feed(3))
    port = free_port()
    path = tmp_path / "monitor.yaml"
    path.write_text(
        f"storage: sqlite:///monitor.db\nserver: {{host: 127.0.0.1, port: {port}}}\n"
        f"feeds:\n  - url: {feed_server.url('/wire.rss')}\n"
        "topics:\n  - name: Yarmouk Valley\n",
        encoding="utf-8",
    )
    config = load_config(path)
    store = Store.open(config.storage_url)
    store.sync_feeds(config.feeds())
    if refuse_writes:  # a real refusal by the database: every poll result is turned away
        db = sqlite3.connect(tmp_path / "monitor.db")
        # (a poll's feed state, not the config's names and intervals the start syncs)
        for event, table in (("INSERT", "articles"), ("UPDATE OF next_due", "feeds")):
            db.execute(
                f"CREATE TRIGGER refuse_{table} BEFORE {event} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'the disk says no'); END"
            )
        db.commit()
        db.close()
    logs = _capture()
    daemon = service.Daemon(config, store, stage_bound_min_s=0)  # poll's bound: 3 ticks, 3 s
    health = f"http://127.0.0.1:{port}/healthz"
    answers: list[tuple[int, dict[str, object]]] = []

    def probe() -> None:
        def settled() -> bool:
            status, body = get(health)
            if status == 0:
                return False
            state = json.loads(body)
            answers.append((status, state))
            if refuse_writes:
                return status == 503
            return status == 200 and state["stages"]["poll"]["last_success_age_s"] is not None

        try:
            wait_for(settled, 30, "/healthz to settle")
        finally:
            daemon.stopping.set()

    serve_while(daemon, store, probe)
    status, state = answers[-1]
    stages = state["stages"]
    assert isinstance(stages, dict) and set(stages) == {"poll", "match", "deliver"}
    assert {"last_successful_poll_age_s", "queue_depth", "deliveries_dead"} <= set(state)
    if refuse_writes:
        # One line when polling starts failing, not one per tick, and no traceback.
        assert logs.getvalue().count("poll failed: database error: the disk says no\n") == 1
        assert "Traceback" not in logs.getvalue()
        assert status == 503
        assert str(state["status"]).startswith("poll failing: no success for ")
        assert stages["poll"] == {"last_success_age_s": None, "failing": True}
        # Until then the answer was 200: a failing stage within its bound is a hiccup.
        assert all(s == 200 for s, _ in answers[:-1])
    else:
        assert status == 200 and state["status"] == "ok"
        assert 0 <= stages["poll"]["last_success_age_s"] < 30
        assert stages["poll"]["failing"] is False


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_healthz_answers_503_while_due_feeds_wait_longer_than_their_interval(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    # One request at a time to the host, and one of its feeds never answers: the other feed
    # waits for that slot for longer than its interval, and /healthz says polls are late.
    feed_server.add_feed("/wire.rss", synthetic_feed(3))
    feed_server.add("/stuck.rss", Reply(delay_s=3600))
    port = free_port()
    path = tmp_path / "monitor.yaml"
    path.write_text(
        f"storage: sqlite:///monitor.db\nserver: {{host: 127.0.0.1, port: {port}}}\n"
        "poll_every: 1s\nfetch: {per_host: 1, read_timeout: 60, total_timeout: 60}\n"
        f"feeds:\n  - url: {feed_server.url('/wire.rss')}\n"
        f"  - url: {feed_server.url('/stuck.rss')}\n"
        "topics:\n  - name: Yarmouk Valley\n",
        encoding="utf-8",
    )
    config = load_config(path)
    store = Store.open(config.storage_url)
    daemon = service.Daemon(config, store)
    answers: list[tuple[int, dict[str, object]]] = []
    metrics: list[str] = []

    def probe() -> None:
        def late() -> bool:
            status, body = get(f"http://127.0.0.1:{port}/healthz")
            if status:
                answers.append((status, json.loads(body)))
            return status == 503

        try:
            wait_for(late, 60, "/healthz to say polls are late")
            metrics.append(get(f"http://127.0.0.1:{port}/metrics")[1].decode())
        finally:
            daemon.stopping.set()

    serve_while(daemon, store, probe)
    status, state = answers[-1]
    assert str(state["status"]).startswith("polls late: 1 due feed waiting longer than")
    assert state["polls_late"] == 1 and state["polls_waiting"] == 1
    assert isinstance(state["longest_poll_wait_s"], float) and state["longest_poll_wait_s"] >= 1
    assert "stages" in state and "queue_depth" in state  # the shape /healthz always had
    assert "monitor_polls_late 1.0" in metrics[0]
    assert "monitor_poll_lateness_seconds_bucket" in metrics[0]
