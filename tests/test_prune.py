"""Retention at run time: ``retention:`` in the config, ``monitor prune [--dry-run]``, and the
daemon's prune job (the leader's alone), on a real SQLite file and a real PostgreSQL."""

from __future__ import annotations

import logging
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import create_engine, text

from monitor.cli import main
from monitor.config import load_config
from monitor.config.models import RetentionConfig
from monitor.errors import ConfigError
from monitor.run.lock import Leadership
from monitor.run.prune import PruneJob, retention_policy
from monitor.store import Store
from monitor.store.retention import PruneReport, RetentionPolicy
from tests.test_retention import article, poll, score
from tests.wait import wait_for

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=200)  # past every default but `matched`


def expired(store: Store) -> None:
    """Three unmatched articles past unmatched_url, two past unmatched_text, one matched."""
    poll(store, [article("old1"), article("old2"), article("old3"), article("kept")], at=OLD)
    poll(store, [article("new1"), article("new2")], at=NOW - timedelta(days=40))
    score(store, ["old1", "old2", "old3", "kept", "new1", "new2"], at=OLD)
    score(store, ["kept"], matched=["kept"], at=OLD)


def texts(store: Store) -> dict[str, str]:
    return {a["id"]: a["text"] for a in store.export_articles()}


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    from monitor.domain import Feed

    s = Store.open(db_url)
    s.sync_feeds([Feed("https://e.org/rss", every_s=900)], OLD)
    yield s
    s.close()


def test_retention_defaults_and_durations() -> None:
    policy = retention_policy(RetentionConfig())
    assert policy == RetentionPolicy(
        unmatched_text=timedelta(days=30),
        unmatched_url=timedelta(days=180),
        matched=timedelta(days=365),
        deliveries=timedelta(days=90),
    )
    written = RetentionConfig.model_validate(
        {"unmatched_text": "12h", "unmatched_url": "30d", "matched": 86400, "deliveries": "90m"}
    )
    assert retention_policy(written) == RetentionPolicy(
        timedelta(hours=12), timedelta(days=30), timedelta(days=1), timedelta(minutes=90)
    )
    assert RetentionConfig().prune_every == 3600


@pytest.mark.parametrize(
    ("yaml", "line", "expected"),
    [
        ("retention:\n  unmatched_text: 30x\n", 2, "retention.unmatched_text: must be a duration"),
        ("retention: {matched: -1d}\n", 1, "retention.matched: must be a duration"),
        ("retention:\n  deliveries: 0\n", 2, "retention.deliveries: must be a positive"),
        ("retention:\n  unmatched: 30d\n", 2, "retention.unmatched: unknown key"),
    ],
)
def test_a_bad_retention_value_is_a_config_error_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], yaml: str, line: int, expected: str
) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(yaml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert info.value.line == line
    assert main(["check-config", "-c", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"monitor: {path}:{line}: ") and expected in err
    assert len(err.strip().splitlines()) == 1


def test_monitor_prune_dry_run_then_prune(
    store: Store, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expired(store)
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: {db_url}\n", encoding="utf-8")
    before = texts(store)

    assert main(["prune", "--dry-run", "-c", str(config)]) == 0
    dry = capsys.readouterr().out
    assert texts(store) == before
    assert "         2  unmatched texts dropped\n" in dry
    assert "         3  unmatched articles forgotten\n" in dry
    assert "         0  matched articles deleted\n" in dry
    assert "dry run: nothing removed" in dry

    assert main(["prune", "-c", str(config)]) == 0
    done = capsys.readouterr().out
    assert done.splitlines()[:4] == dry.splitlines()[:4]
    assert done.splitlines()[4].startswith("pruned in ")
    assert texts(store) == {"kept": before["kept"], "new1": "", "new2": ""}

    assert main(["prune", "--dry-run", "-c", str(config)]) == 0
    assert capsys.readouterr().out.count("         0  ") == 4


def test_monitor_prune_on_an_unusable_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "db").mkdir()
    config = tmp_path / "monitor.yaml"
    config.write_text("storage: sqlite:///db\n", encoding="utf-8")
    assert main(["prune", "-c", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("monitor: ") and "is a folder, not a database file" in err
    assert len(err.strip().splitlines()) == 1


def job(store: Store, *, leading: bool = True) -> PruneJob:
    return PruneJob(
        store,
        RetentionConfig,
        leading=lambda: leading,
        stopping=lambda: False,
        clock=lambda: NOW,
        pause_s=0,
    )


def test_the_prune_job_prunes_only_while_leading_and_logs_one_line(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    expired(store)
    caplog.set_level(logging.INFO, logger="monitor.run.prune")
    assert job(store, leading=False)() is None
    assert "" not in texts(store).values()
    report = job(store)()
    assert report is not None and (report.texts_dropped, report.urls_dropped) == (2, 3)
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith(
        "pruned: 2 unmatched texts dropped, 3 unmatched articles forgotten, "
        "0 matched articles deleted, 0 sent deliveries deleted ("
    )


def test_a_prune_error_is_one_log_line_and_the_job_goes_on(
    store: Store, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    expired(store)
    engine = create_engine(db_url)
    with engine.begin() as conn:  # a database that lost a table (a bad restore)
        conn.execute(text("DROP TABLE embed_leases"))
    engine.dispose()
    caplog.set_level(logging.INFO, logger="monitor.run.prune")
    assert job(store)() is None
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is None
    assert record.getMessage().startswith("prune failed, trying again at the next run: ")
    assert "\n" not in record.getMessage()


def test_on_schedule_the_leader_prunes_and_a_worker_does_not(pg_url: str) -> None:
    """Two processes' jobs on one PostgreSQL database, each with its real leader lock."""
    from monitor.domain import Feed

    stores = [Store.open(pg_url), Store.open(pg_url)]
    stores[0].sync_feeds([Feed("https://e.org/rss", every_s=900)], OLD)
    expired(stores[0])
    leader, worker = (Leadership(s, "same-config") for s in stores)
    leader.tick()
    worker.tick()
    assert (leader.leading, worker.leading) == (True, False)
    runs: dict[str, list[PruneReport | None]] = {"leader": [], "worker": []}
    done = threading.Event()
    scheduler = BackgroundScheduler(timezone=UTC)
    for name, lead, s in (("leader", leader, stores[0]), ("worker", worker, stores[1])):
        prune = PruneJob(
            s,
            lambda: RetentionConfig(prune_every=0.2),
            leading=lambda lead=lead: lead.leading,  # type: ignore[misc]
            stopping=done.is_set,
            clock=lambda: NOW,
            pause_s=0,
        )
        scheduler.add_job(
            lambda prune=prune, name=name: runs[name].append(prune()),  # type: ignore[misc]
            "interval",
            seconds=prune.retention().prune_every,
        )
    scheduler.start()
    try:
        wait_for(lambda: len(runs["leader"]) >= 2 and len(runs["worker"]) >= 2, 20, "two runs")
        leader_report = next(r for r in runs["leader"] if r is not None)
        assert (leader_report.texts_dropped, leader_report.urls_dropped) == (2, 3)
        assert all(r is None for r in runs["worker"])
        assert texts(stores[1]) == {"kept": texts(stores[1])["kept"], "new1": "", "new2": ""}
    finally:
        done.set()
        scheduler.shutdown(wait=True)
        for lead in (leader, worker):
            lead.close()
        for s in stores:
            s.close()


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_the_daemon_prunes_on_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from monitor.domain import Feed
    from monitor.run import daemon as service
    from tests.smtp_server import free_port
    from tests.test_daemon import serve_while

    monkeypatch.setattr(service, "FIRST_PRUNE_S", 0.5)
    path = tmp_path / "monitor.yaml"
    path.write_text(
        f"storage: sqlite:///monitor.db\nserver: {{host: 127.0.0.1, port: {free_port()}}}\n"
        "retention: {prune_every: 1s}\n",
        encoding="utf-8",
    )
    config = load_config(path)
    store = Store.open(config.storage_url)
    store.sync_feeds([Feed("https://e.org/rss", every_s=900)], OLD)
    expired(store)
    daemon = service.Daemon(config, store)
    caplog.set_level(logging.INFO, logger="monitor.run.prune")
    seen: list[dict[str, str]] = []

    def probe() -> None:
        try:
            wait_for(lambda: len(texts(store)) == 3, 60, "the daemon's prune")
            seen.append(texts(store))
        finally:
            daemon.stopping.set()

    serve_while(daemon, store, probe)
    [after] = seen
    assert after == {"kept": after["kept"], "new1": "", "new2": ""} and after["kept"]
    assert any(r.getMessage().startswith("pruned: 2 unmatched texts") for r in caplog.records)


BIG = " ".join(
    f"Sentence {i} of a long article about the valley and its villages." for i in range(300)
)


def sqlite_pages(store: Store) -> tuple[int, int, int]:
    """(auto_vacuum mode, page count, free pages) of a SQLite store's file."""
    with store.engine.connect() as conn:
        return (
            int(conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() or 0),
            int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0),
            int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0),
        )


def test_the_prune_job_gives_a_new_sqlite_files_free_pages_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from monitor.domain import Feed

    store = Store.open(f"sqlite:///{tmp_path}/monitor.db")
    try:
        store.sync_feeds([Feed("https://e.org/rss", every_s=900)], OLD)
        ids = [f"a{i}" for i in range(200)]
        poll(store, [article(i, text=BIG) for i in ids], at=OLD)
        score(store, ids, at=OLD)
        mode, full, free = sqlite_pages(store)
        # A new file: incremental auto-vacuum (the day's own updates may free a page or two).
        assert mode == 2 and free < full // 50

        # The rows go; their pages are free, then given back in steps, the file shrinks.
        report = store.prune(retention_policy(RetentionConfig()), NOW)
        assert report.urls_dropped == 200
        _, _, left_free = sqlite_pages(store)
        assert left_free > full // 2
        poll(store, [article(i, text=BIG) for i in ids], at=OLD)
        score(store, ids, at=OLD)
        caplog.set_level(logging.INFO, logger="monitor.run.prune")
        assert job(store)() is not None
        _, pages, free = sqlite_pages(store)
        assert free == 0 and pages < full // 2
        [line] = [r.getMessage() for r in caplog.records]
        assert "MiB given back to the file system" in line and " 0.0 MiB" not in line
    finally:
        store.close()


def test_monitor_vacuum_switches_an_older_sqlite_file_to_incremental(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "monitor.db"
    shutil.copy(FIXTURES / "schema-v4.db", db)  # made without auto-vacuum
    store = Store.open(f"sqlite:///{db}")
    assert sqlite_pages(store)[0] == 0
    store.close()
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: sqlite:///{db}\n", encoding="utf-8")
    assert main(["vacuum", "-c", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("rebuilt the database file: ") and "switched it to incremental" in out
    store = Store.open(f"sqlite:///{db}")
    assert sqlite_pages(store)[0] == 2
    assert sorted(a["id"] for a in store.export_articles()) == ["a0", "a1", "a2"]
    store.close()
    assert main(["vacuum", "-c", str(config)]) == 0
    assert "switched" not in capsys.readouterr().out


def test_monitor_vacuum_on_postgresql_clears_the_dead_rows_a_prune_left(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from monitor.domain import Feed

    store = Store.open(pg_url)
    store.sync_feeds([Feed("https://e.org/rss", every_s=900)], OLD)
    expired(store)
    assert store.prune(retention_policy(RetentionConfig()), NOW).total == 5
    store.close()  # its sessions end: their statistics are written
    probe = create_engine(pg_url)

    def dead() -> int:
        with probe.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables "
                        "WHERE relname IN ('articles', 'fingerprints', 'embeddings')"
                    )
                ).scalar()
                or 0
            )

    try:
        wait_for(lambda: dead() > 0, 20, "the prune's dead rows in the statistics")
        config = tmp_path / "monitor.yaml"
        config.write_text(f"storage: {pg_url}\n", encoding="utf-8")
        assert main(["vacuum", "-c", str(config)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith("VACUUM (ANALYZE) articles, fingerprints, ")
        before, after = (int(n) for n in re.findall(r"(\d+) (?:before|after)", out[1]))
        assert before > 0 and after == 0
        assert dead() == 0
    finally:
        probe.dispose()


def test_an_article_whose_text_was_dropped_cannot_be_labeled(
    store: Store, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A label keeps the labeled text: there is none left to keep."""
    expired(store)
    assert job(store)() is not None
    config = tmp_path / "monitor.yaml"
    config.write_text(f"storage: {db_url}\ntopics:\n  - name: T\n", encoding="utf-8")
    assert (
        main(
            [
                "feedback",
                "add",
                "--article",
                "new1",
                "--topic",
                "t",
                "--relevant",
                "-c",
                str(config),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err == "monitor: no stored article with id 'new1' (or retention dropped its text)\n"
    assert store.feedback.labels() == []
