"""`monitor run` as a real process: a local feed server, a webhook receiver and aiosmtpd on
127.0.0.1, the real model. One long scenario, because each daemon start loads the model; and
one daemon in this process, for a fault no real part produces on demand."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import NullPool, create_engine, text

from monitor.config import load_config
from monitor.run import daemon as service
from monitor.run.lock import LEADER_KEY
from monitor.store import Store
from tests.feedserver import FeedServer
from tests.smtp_server import SmtpServer, free_port
from tests.wait import wait_for
from tests.webhook_receiver import WebhookReceiver

ROOT = Path(__file__).resolve().parents[1]
INTERVAL_S = 2.0

QUIET = (
    "Wheat harvest forecast revised upwards",
    "Late spring rains have improved the wheat harvest outlook in Jordan and Lebanon, the "
    "FAO said, although prices are expected to stay high and imports will be needed.",
)
WATCHED = (
    "IS-held villages fall in the Yarmouk Valley",
    "Syrian army units backed by Russian aircraft took the last villages held by Jaish "
    "Khalid bin al-Waleed in the Yarmouk Valley, in the far south-west of Daraa province, "
    "after shelling the town of al-Shajara for three days.",
)
SECOND = (
    "Khalid ibn al-Walid Army fighters surrender in the Yarmuk basin",
    "Dozens of fighters of the Khalid ibn al-Walid Army, the Islamic State affiliate in the "
    "Yarmouk basin, handed themselves over to government troops near the Jordanian border.",
)


def rss(*items: tuple[str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://wire.example.org/{abs(hash(title))}</link>"
        f"<guid>{abs(hash(title))}</guid><pubDate>Tue, 31 Jul 2018 09:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>"
        for title, text in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://wire.example.org/</link>{entries}</channel></rss>"
    ).encode()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


class Daemon:
    def __init__(self, config: Path, log: Path) -> None:
        env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor.cli", "run", "-c", str(config)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("ab"),
        )

    def wait_healthy(self, url: str, timeout: float = 90) -> None:
        def healthy() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"daemon exited with {self.proc.returncode}:\n" + self.log.read_text()[-3000:]
                )
            return get(url)[0] == 200

        wait_for(healthy, timeout, "/healthz to answer 200")

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, float]:
        start = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=20)
        return code, time.monotonic() - start


@pytest.fixture()
def stack(tmp_path: Path, db_url: str) -> Iterator[tuple[FeedServer, WebhookReceiver, Path]]:
    with FeedServer() as feeds, WebhookReceiver() as hook, SmtpServer() as smtp:
        feeds.add_feed("/wire.rss", rss(QUIET))
        port = free_port()
        (tmp_path / "monitor.yaml").write_text(
            textwrap.dedent(f"""\
            storage: {db_url}
            poll_every: {INTERVAL_S}s
            feeds:
              - url: {feeds.url("/wire.rss")}
              - url: {feeds.url("/missing.rss")}
            topics:
              - name: Yarmouk Valley
                about: Fighting in the Yarmouk basin of south-west Daraa, Syria
              - name: Jaish Khalid bin al-Waleed
                id: jkbw
                aliases: [Khalid ibn al-Walid Army]
            subscribers:
              - name: ops
                instant: true
                topics: [jkbw]
                webhook: {{url: "{hook.url}", secret: "${{HOOK_SECRET:-s3cret-hook}}"}}
              - name: ana
                email: ana@example.org
            smtp: {{host: 127.0.0.1, port: {smtp.port}, security: none}}
            server: {{host: 127.0.0.1, port: {port}}}
            """),
            encoding="utf-8",
        )
        yield feeds, hook, tmp_path


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_daemon_lifecycle(stack: tuple[FeedServer, WebhookReceiver, Path]) -> None:
    feeds, hook, tmp = stack
    config, log = tmp / "monitor.yaml", tmp / "daemon.log"
    port = int(config.read_text().split("port: ")[-1].split("}")[0])
    health = f"http://127.0.0.1:{port}/healthz"

    daemon = Daemon(config, log)
    daemon.wait_healthy(health)
    wait_for(lambda: len(feeds.hits("/wire.rss")) >= 2, 20, "two polls of the feed")
    # A feed that keeps failing is logged when it starts failing, not at every retry.
    wait_for(lambda: len(feeds.hits("/missing.rss")) >= 2, 20, "a retry of the missing feed")
    failing = f"feed {feeds.url('/missing.rss')}: http-4xx: 404 Not Found"
    assert log.read_text().count(failing) == 1

    if "sqlite" in config.read_text():
        # A second daemon on the same SQLite database refuses to start, saying why.
        second = subprocess.run(
            [sys.executable, "-m", "monitor.cli", "run", "-c", str(config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert "another monitor is already running" in second.stderr
        assert "use PostgreSQL" in second.stderr
        assert json.loads(get(health)[1])["role"] == "leader"
    else:
        # On PostgreSQL a second daemon is one more worker; the first one leads.
        other_port = free_port()
        other = tmp / "other.yaml"
        other.write_text(config.read_text().replace(f"port: {port}", f"port: {other_port}"))
        worker = Daemon(other, tmp / "other.log")
        try:
            worker.wait_healthy(f"http://127.0.0.1:{other_port}/healthz")
            state = json.loads(get(f"http://127.0.0.1:{other_port}/healthz")[1])
            assert state["role"] == "worker" and not state["config_differs_from_leader"]
            assert json.loads(get(health)[1])["role"] == "leader"
        finally:
            assert worker.stop()[0] == 0

    # A new article about a watched topic: the instant webhook arrives within the poll
    # interval + 5 s, once.
    feeds.add_feed("/wire.rss", rss(WATCHED, QUIET))
    took = wait_for(lambda: len(hook.accepted) == 1, INTERVAL_S + 5, "the instant webhook")
    print(f"feed item to webhook: {took:.1f} s")
    [alert] = hook.accepted
    body = json.loads(alert.body)
    assert body["topic"]["id"] == "jkbw" and body["article"]["title"] == WATCHED[0]

    status, answer = get(health)
    state = json.loads(answer)
    assert status == 200 and state["status"] == "ok"
    assert state["last_successful_poll_age_s"] < 30 and state["queue_depth"] == 0
    assert state["polls_late"] == 0
    status, metrics = get(f"http://127.0.0.1:{port}/metrics")
    text = metrics.decode()
    assert status == 200
    for name in (
        "monitor_polls_total",
        "monitor_articles_new_total",
        'monitor_matches_total{topic="jkbw"}',
        "monitor_deliveries_sent_total",
        "monitor_embed_seconds_bucket",
        "monitor_poll_seconds_bucket",
        "monitor_poll_lateness_seconds_bucket",
        "monitor_polls_late",
        "monitor_embed_backlog",
        "monitor_deliveries_pending",
        'monitor_db_table_rows{table="articles"}',  # refreshed at start, then every 15 min
        "monitor_db_bytes",
    ):
        assert name in text, name

    # SIGHUP with a broken config: the error is logged with file:line; still running.
    good = config.read_text()
    config.write_text(good.replace("poll_every:", "poll_evry:"))
    daemon.proc.send_signal(signal.SIGHUP)
    wait_for(lambda: "config reload failed" in log.read_text(), 10, "the reload error")
    assert f"{config}:2: poll_evry: unknown key" in log.read_text()
    assert daemon.proc.poll() is None and get(health)[0] == 200
    # A file the config names is read before the reload switches over.
    config.write_text(good + "fetch: {ca_file: no-such-ca.pem}\n")
    daemon.proc.send_signal(signal.SIGHUP)
    wait_for(
        lambda: "fetch.ca_file: cannot load CA certificates" in log.read_text(),
        10,
        "the CA file error",
    )
    assert daemon.proc.poll() is None and get(health)[0] == 200
    config.write_text(good)

    code, took = daemon.stop()
    assert code == 0 and took < 10

    # Restart: nothing is sent again.
    daemon = Daemon(config, log)
    daemon.wait_healthy(health)
    polls = len(feeds.hits("/wire.rss"))
    wait_for(lambda: len(feeds.hits("/wire.rss")) >= polls + 2, 20, "polls after restart")
    assert len(hook.requests) == 1

    # The receiver is down for a while, and the daemon is killed (-9) while the alert waits:
    # after a restart it is delivered once the receiver is back.
    hook.pause()
    feeds.add_feed("/wire.rss", rss(SECOND, WATCHED, QUIET))
    wait_for(
        lambda: "instant webhook to ops failed" in log.read_text(),
        INTERVAL_S + 10,
        "a refused attempt",
    )
    daemon.proc.kill()
    daemon.proc.wait(timeout=10)
    hook.resume()
    daemon = Daemon(config, log)
    daemon.wait_healthy(health)
    wait_for(lambda: len(hook.accepted) == 2, 30, "the retried webhook")
    time.sleep(3)
    assert len(hook.accepted) == 2
    assert json.loads(hook.accepted[1].body)["article"]["title"] == SECOND[0]
    assert "s3cret-hook" not in log.read_text()
    assert log.read_text().count(failing) == 1  # restarts remember the feed was failing

    code, took = daemon.stop(signal.SIGINT)
    assert code == 0 and took < 10


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_healthz_answers_503_once_the_match_worker_has_died(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    path = tmp_path / "monitor.yaml"
    path.write_text(
        f"storage: sqlite:///monitor.db\nserver: {{host: 127.0.0.1, port: {port}}}\n"
        "topics:\n  - name: Yarmouk Valley\n",
        encoding="utf-8",
    )
    config = load_config(path)
    store = Store.open(config.storage_url)
    daemon = service.Daemon(config, store)

    def bug(*_args: object) -> None:  # what no handled error covers: the worker thread ends
        raise RuntimeError("a bug in the match worker")

    monkeypatch.setattr(daemon.cycle.stage, "run_batch", bug)
    health = f"http://127.0.0.1:{port}/healthz"
    answers: list[tuple[int, bytes]] = []

    def probe() -> None:
        try:
            wait_for(lambda: get(health)[0] == 503, 30, "/healthz to answer 503")
            answers.append(get(health))
        finally:
            daemon.stopping.set()

    serve_while(daemon, store, probe)
    [(status, body)] = answers
    assert status == 503 and json.loads(body)["status"] == "match worker stopped"


def serve_while(daemon: service.Daemon, store: Store, probe: Callable[[], None]) -> None:
    """Run ``daemon`` in this thread while ``probe`` runs in another (it sets
    ``daemon.stopping`` when done); then put back the signal handlers serve() took and close
    the store."""
    handlers = {
        sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    }
    threading.Thread(target=probe, daemon=True).start()
    try:
        daemon.serve()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        store.close()


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_daemon_whose_leader_lock_is_killed_stops_leading_within_a_tick(
    tmp_path: Path, pg_url: str
) -> None:
    port = free_port()
    path = tmp_path / "monitor.yaml"
    path.write_text(
        f"storage: {pg_url}\nserver: {{host: 127.0.0.1, port: {port}}}\n"
        "topics:\n  - name: Yarmouk Valley\n",
        encoding="utf-8",
    )
    config = load_config(path)
    store = Store.open(config.storage_url)
    daemon = service.Daemon(config, store)
    health = f"http://127.0.0.1:{port}/healthz"
    seen: list[dict[str, Any]] = []
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def state() -> dict[str, Any]:
        status, body = get(health)
        return json.loads(body) if status else {}

    def probe() -> None:
        try:
            wait_for(lambda: state().get("role") == "leader", 60, "the daemon to lead")
            with admin.connect() as conn:
                # Leading holds no transaction open (one would hold up VACUUM for its life).
                idle = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                        "current_database() AND state = 'idle in transaction' "
                        "AND state_change < now() - interval '2 seconds'"
                    )
                ).scalar()
                assert idle == 0
                # What a failover or an idle timeout does to the lock's session; then another
                # process takes the lock (it waits for the old session to end).
                ended = conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_locks "
                        "WHERE locktype = 'advisory' AND objid = :k AND granted"
                    ),
                    {"k": LEADER_KEY},
                ).all()
                assert ended == [(True,)]
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LEADER_KEY})
                took = wait_for(
                    lambda: state().get("role") == "worker", 2 * service.LEAD_TICK_S + 1, "worker"
                )
                print(f"lost lock to worker role: {took:.1f} s")
                seen.append(state())
                time.sleep(2 * service.LEAD_TICK_S)  # the lock is held elsewhere: no retake
                seen.append(state())
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LEADER_KEY})
            wait_for(lambda: state().get("role") == "leader", 10, "the daemon to lead again")
        finally:
            daemon.stopping.set()

    serve_while(daemon, store, probe)
    admin.dispose()
    assert [s["role"] for s in seen] == ["worker", "worker"]
    assert seen[0]["leadership_lost"] == 1 and seen[0]["status"] == "ok"
    assert seen[0]["leadership_lost_age_s"] is not None
