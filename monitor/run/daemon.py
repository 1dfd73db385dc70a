"""``monitor run``: the long-lived service. Polling is a continuous flow on its own thread
(:mod:`monitor.poll.flow`: each feed fetched when due, whatever else is in flight); APScheduler
drives delivery, digests and retention's pruning; embedding and matching run on their own
worker so a backlog never stalls polling or alerts.

Threads: the main thread waits for signals; one runs the poll flow's event loop; APScheduler's
pool runs the delivery tick and the per-subscriber digest cron jobs; one worker embeds and
matches; one serves HTTP
(uvicorn: the web UI, /healthz, /metrics).
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import logging
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED

from monitor.config import Config, load_config
from monitor.deliver.outbox import SendOutcome
from monitor.domain import DeliveryStatus, FeedPoll
from monitor.errors import ConfigError, MonitorError, StoreError
from monitor.match.stage import embedder_for, matcher_for
from monitor.poll.flow import TICK_S as POLL_TICK_S
from monitor.poll.flow import PollFlow
from monitor.poll.ingest import log_result
from monitor.run.cycle import Cycle
from monitor.run.health import StageHealth
from monitor.run.lock import Leadership
from monitor.run.metrics import Metrics
from monitor.run.prune import FIRST_PRUNE_S, PruneJob
from monitor.store import Store
from monitor.web.app import WebContext, build_app
from monitor.web.server import WebServer

log = logging.getLogger(__name__)

DELIVER_TICK_S = 5.0
LEAD_TICK_S = 2.0  # how often the leader checks it still holds its lock (one round trip)
STALL_S = 300.0  # no poll progress for this long: /healthz answers 503
MATCH_RETRY_S = 30
# A stage failing for 3 of its intervals (at least this long) makes /healthz answer 503: one
# failed tick is a hiccup (a locked database), three in a row are not.
STAGE_BOUND_MIN_S = 60.0
STAGE_BATCH = 32  # articles embedded, matched and committed together (~2 s of model time)
STOP_GRACE_S = 8.0  # SIGTERM: in-flight work gets this long, then the process exits
# The monitor_db_* gauges: refreshed this often in the background, never at a scrape (SQLite's
# bytes per table read every page of the file).
DB_STATS_EVERY_S = 900.0


class Scheduler(BackgroundScheduler):  # type: ignore[misc]  # APScheduler 3 has no types
    """APScheduler's background scheduler less one race: a shutdown empties the job stores, and
    if the scheduler's thread is just then handing out a due one-shot job (the digest catch-up
    at start), its removal of that job fails (JobLookupError) and the thread dies with a
    traceback at exit. Stopped, there is nothing left to remove."""

    def _process_jobs(self) -> float | None:
        try:
            wait: float | None = super()._process_jobs()
        except JobLookupError:
            if self.state != STATE_STOPPED:
                raise
            return None
        return wait


class Daemon:
    """Construct under a held :class:`monitor.run.lock.DatabaseLock`; the caller closes the
    store."""

    def __init__(
        self, config: Config, store: Store, *, stage_bound_min_s: float = STAGE_BOUND_MIN_S
    ) -> None:
        self.config = config
        self.store = store
        self.metrics = Metrics()
        self.stopping = threading.Event()
        self.wake_matcher = threading.Event()
        self._embedder = embedder_for(config)  # the model loads once, whatever reloads follow
        self.cycle = self._cycle(config)
        self.scheduler = Scheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self._progress = time.monotonic()
        self._scheduling = False  # set once the scheduler runs (/healthz is served before)
        self._last_good_poll: float | None = None
        self.stages = StageHealth(
            {
                stage: max(stage_bound_min_s, 3 * interval)
                for stage, interval in (
                    ("poll", POLL_TICK_S),
                    ("match", MATCH_RETRY_S),
                    ("deliver", DELIVER_TICK_S),
                )
            }
        )
        self._reload_requested = threading.Event()
        self.inflight = InFlight()
        self._worker: threading.Thread | None = None
        self.leadership = Leadership(store, config_digest(config), on_lead=self._on_lead)
        self.prune = PruneJob(
            store,
            lambda: self.config.settings.retention,
            leading=lambda: self.leadership.leading,
            stopping=self.stopping.is_set,
        )
        self.flow = PollFlow(
            self.cycle.poller,
            on_written=self._polled,
            on_failed=self._poll_failed,
            on_idle=lambda: self.stages.idle("poll"),
            on_tick=self._ticked,
        )
        self._poller: threading.Thread | None = None
        self.metrics.polls_waiting.set_function(lambda: self.flow.lateness().waiting)
        self.metrics.polls_late.set_function(lambda: self.flow.lateness().late)

    def _cycle(self, config: Config) -> Cycle:
        return Cycle(
            config, self.store, matcher=matcher_for(config, self._embedder), batch_size=STAGE_BATCH
        )

    # -- the service -------------------------------------------------------------------------

    def serve(self) -> bool:
        """Run until SIGTERM/SIGINT; SIGHUP reloads the config. False when a job was still
        running at the end of the grace period (the caller should then exit at once)."""
        # Everything imported and loaded so far (torch, transformers, the model: some 400,000
        # objects) lives as long as the process. Frozen, the cyclic GC no longer walks it:
        # a full collection otherwise takes ~1 s of GIL on a small machine, and so does the
        # final one at exit.
        gc.collect()
        gc.freeze()
        server = WebServer(
            build_app(self._web_context()),
            self.config.settings.server.host,
            self.config.settings.server.port,
        )
        self.leadership.tick()
        self.store.sync_feeds(self.config.feeds(), deactivate=self.leadership.leading)
        self._install_signals()
        server.start()
        self._worker = worker = threading.Thread(
            target=self._match_loop, name="matcher", daemon=True
        )
        worker.start()
        self._poller = poller = threading.Thread(
            target=lambda: asyncio.run(self.flow.run(self.stopping.is_set)),
            name="poller",
            daemon=True,
        )
        poller.start()
        self._schedule()
        self.scheduler.start()
        self._scheduling = True
        log.info(
            "monitor running: %d feeds, %d topics, %d subscribers; web UI and /healthz on http://%s:%d/",
            len(self.store.feeds()),
            len(self.config.settings.topics),
            len(self.config.settings.subscribers),
            self.config.settings.server.host,
            server.port,
        )
        try:
            while not self.stopping.wait(0.5):
                if self._reload_requested.is_set():
                    self._reload_requested.clear()
                    self.reload()
        finally:
            log.info("stopping: finishing in-flight work")
            deadline = time.monotonic() + STOP_GRACE_S
            self.wake_matcher.set()
            self.scheduler.shutdown(wait=False)
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
            poller.join(timeout=max(0.0, deadline - time.monotonic()))
            idle = self.inflight.wait_idle(deadline) and not poller.is_alive()
            if not idle:
                log.warning("exiting with a job still running; it resumes on restart")
            server.stop()
            self.leadership.close()
            log.info("stopped")
        return idle

    def _web_context(self) -> WebContext:
        """The web UI reads the config and match stage of the moment (a reload swaps them)."""
        return WebContext(
            store=self.store,
            config=lambda: self.config,
            stage=lambda: self.cycle.stage,
            metrics=self.metrics.render,
            health=self.health,
            labels_changed=lambda: self.cycle.stage.labels_changed(),
        )

    def _schedule(self) -> None:
        self.scheduler.add_job(self.leadership.tick, "interval", seconds=LEAD_TICK_S, id="lead")
        self.scheduler.add_job(
            self._deliver_tick,
            "interval",
            seconds=DELIVER_TICK_S,
            id="deliver",
            next_run_time=datetime.now(UTC),
        )
        self.scheduler.add_job(
            self._db_stats_job,
            "interval",
            seconds=DB_STATS_EVERY_S,
            id="db-stats",
            next_run_time=datetime.now(UTC),
        )
        self._schedule_digests()
        # Retention: the leader prunes (in short batches, polling goes on between them).
        self.scheduler.add_job(
            self._prune_job,
            "interval",
            seconds=self.config.settings.retention.prune_every,
            id="prune",
            next_run_time=datetime.now(UTC) + timedelta(seconds=FIRST_PRUNE_S),
        )
        # A digest whose time passed while the daemon was down goes out now, once.
        self.scheduler.add_job(
            self._catch_up_digests, id="digest-catch-up", next_run_time=datetime.now(UTC)
        )

    def _schedule_digests(self) -> None:
        for job in self.scheduler.get_jobs():
            if job.id.startswith("digest:"):
                job.remove()
        for sub in self.config.settings.subscribers:
            if sub.instant:
                continue
            self.scheduler.add_job(
                self._digest_job,
                sub.digest.trigger(),
                args=[sub.name],
                id=f"digest:{sub.name}",
                replace_existing=True,
            )

    def _install_signals(self) -> None:
        def stop(signum: int, _frame: FrameType | None) -> None:
            log.info("received %s", signal.Signals(signum).name)
            self.stopping.set()

        def hup(_signum: int, _frame: FrameType | None) -> None:
            self._reload_requested.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, hup)

    def reload(self) -> bool:
        """Re-read the config; on any error keep running on the old one."""
        try:
            config = load_config(self.config.path)
            feeds = config.feeds()  # OPML files and (by the cycle) the CA file are read
            cycle = self._cycle(config)  # here, before anything is switched over
        except ConfigError as exc:
            log.error("config reload failed, still running on the old config: %s", exc)
            return False
        if (
            config.storage_url != self.config.storage_url
            or config.settings.model != self.config.settings.model
        ):
            log.warning("storage and model changes take effect only after a restart")
        prune_every = self.config.settings.retention.prune_every
        self.config = config
        self.leadership.config_digest = config_digest(config)
        self.store.sync_feeds(feeds, deactivate=self.leadership.leading)
        self.cycle = cycle
        self.flow.poller = cycle.poller
        self._schedule_digests()
        every = config.settings.retention.prune_every
        if every != prune_every and self.scheduler.get_job("prune") is not None:
            self.scheduler.reschedule_job("prune", trigger="interval", seconds=every)
        log.info(
            "config reloaded: %d feeds, %d topics, %d subscribers",
            len(self.store.feeds()),
            len(config.settings.topics),
            len(config.settings.subscribers),
        )
        return True

    # -- jobs ---------------------------------------------------------------------------------

    @contextmanager
    def _attempt(self, stage: str) -> Iterator[None]:
        """A stage's tick: a failure is counted against the stage; a handled error is logged
        in one line (the tick comes again), anything else is a bug the scheduler logs."""
        try:
            yield
        except MonitorError as exc:
            # Logged when the stage starts failing, not at every tick (a poll tick is 1 s).
            level = logging.ERROR if self.stages.failed(stage) else logging.DEBUG
            log.log(level, "%s failed: %s", stage, str(exc).splitlines()[0])
        except BaseException:
            self.stages.failed(stage)
            raise

    # The poll flow's callbacks, on its thread.

    def _ticked(self) -> None:
        self._progress = time.monotonic()

    def _polled(self, stored: list[FeedPoll]) -> None:
        """A batch of polls is stored (a poll cut short by a stop stores nothing and says
        nothing)."""
        for result in stored:
            self._count_poll(result)
        self.metrics.last_poll.set_to_current_time()
        if stored:
            self.stages.succeeded("poll")
        if any(r.ok for r in stored):
            self._last_good_poll = time.monotonic()
        if any(r.stats.new_ids for r in stored):
            self.wake_matcher.set()

    def _poll_failed(self, exc: Exception) -> None:
        """The store refused the due query or a batch of polls: those feeds stay due and are
        tried again at the next tick."""
        if isinstance(exc, MonitorError):
            # Logged when polling starts failing, not at every tick (a tick is 1 s).
            level = logging.ERROR if self.stages.failed("poll") else logging.DEBUG
            log.log(level, "poll failed: %s", str(exc).splitlines()[0])
        else:
            self.stages.failed("poll")
            log.error("poll failed", exc_info=exc)

    def _count_poll(self, result: FeedPoll) -> None:
        self._progress = time.monotonic()
        self.metrics.polls.labels(status="error" if result.error else str(result.status)).inc()
        if result.error is not None:
            self.metrics.feed_errors.labels(code=result.error.code).inc()
        log_result(result)
        self.metrics.poll_seconds.observe(result.elapsed_s)
        self.metrics.articles_new.inc(result.stats.new)
        lateness = self.flow.lateness_s(result)
        if lateness is not None:
            self.metrics.poll_lateness_seconds.observe(lateness)

    def _match_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                result = self.cycle.match_batch()
            except MonitorError as exc:
                # Kept alive whatever the batch hit (a model error, a locked or full
                # database): a dead worker would stop all matching while /healthz says ok.
                log.error(
                    "matching failed, retrying in %d s: %s", MATCH_RETRY_S, str(exc).splitlines()[0]
                )
                self.stages.failed("match")
                self.stopping.wait(MATCH_RETRY_S)
                continue
            if result.embedded:
                self.stages.succeeded("match")
            else:
                self.stages.idle("match")
            if result.embedded:
                self.metrics.embed_seconds.observe(result.seconds)
                for match in result.new_matches:
                    self.metrics.matches.labels(topic=match.topic_id).inc()
                if result.new_matches:
                    self._deliver_now()
            if result.embedded < self.cycle.batch_size:
                self.wake_matcher.wait(DELIVER_TICK_S)
                self.wake_matcher.clear()

    def _deliver_now(self) -> None:
        job = self.scheduler.get_job("deliver")
        if job is not None:
            job.modify(next_run_time=datetime.now(UTC))

    def _deliver_tick(self) -> None:
        with self.inflight.job(), self._attempt("deliver"):
            self.cycle.outbox.welcome_new_subscribers()
            instant = self.cycle.outbox.send_instant()
            self._record(instant)
            digests = self.cycle.outbox.retry_digests()
            self._record(digests)
            # Attempts made and recorded, accepted or not: the stage does its work. A receiver
            # that refuses is that receiver's outage: each alert is retried and counted in
            # /metrics, and a health check that restarted the daemon for it would not help. A
            # tick that cannot record its attempts (the database) raises and fails the stage.
            if instant or digests:
                self.stages.succeeded("deliver")
            else:
                self.stages.idle("deliver")

    def _on_lead(self) -> None:
        """Taking the lead: what only the leader does, done now (the feeds no longer
        configured are deactivated; digests whose time passed go out)."""
        self.store.sync_feeds(self.config.feeds(), deactivate=True)
        if self.scheduler.running:
            self.scheduler.add_job(
                self._catch_up_digests, id="digest-catch-up", replace_existing=True
            )

    def _prune_job(self) -> None:
        with self.inflight.job():
            self.prune()

    def _digest_job(self, name: str) -> None:
        # Digest times are the leader's to keep: every process's cron fires, one sends. (The
        # rows are leased too, but an empty digest has none.)
        if not self.leadership.leading:
            return
        with self.inflight.job():
            for sub in self.config.settings.subscribers:
                if sub.name == name:
                    self._record(self.cycle.outbox.send_digest(sub))

    def _catch_up_digests(self) -> None:
        if not self.leadership.leading:
            return
        with self.inflight.job():
            self._record(self.cycle.outbox.send_due_digests())

    def _db_stats_job(self) -> None:
        try:
            self.metrics.record_db_stats(self.store.db_stats())
        except MonitorError as exc:  # the gauges keep their last values (and their time)
            log.warning("database statistics failed: %s", str(exc).splitlines()[0])

    def _record(self, outcomes: list[SendOutcome]) -> None:
        for o in outcomes:
            counter = self.metrics.deliveries_sent if o.ok else self.metrics.deliveries_failed
            counter.labels(channel=o.channel, kind=o.kind).inc()

    # -- health -------------------------------------------------------------------------------

    def health(self) -> tuple[bool, dict[str, Any]]:
        now = time.monotonic()
        stalled, stages = self.stages.report()
        lateness = self.flow.lateness()
        body: dict[str, Any] = {
            "status": "ok",
            "last_successful_poll_age_s": None
            if self._last_good_poll is None
            else round(now - self._last_good_poll, 1),
            "stages": stages,
            **self.leadership.report(),
            # Due feeds not started yet; late: waiting longer than their own interval.
            "polls_waiting": lateness.waiting,
            "polls_late": lateness.late,
            "longest_poll_wait_s": lateness.worst_s,
        }
        try:
            self.store.ping()
            backlog = self.store.embed_backlog()
            counts = self.store.delivery_counts((DeliveryStatus.PENDING, DeliveryStatus.DEAD))
        except StoreError as exc:
            # The driver's error class only: its message may name hosts and users.
            body["status"] = f"database unreachable: {type(exc.__cause__ or exc).__name__}"
            return False, body
        self.metrics.embed_backlog.set(backlog)
        self.metrics.deliveries_pending.set(counts.get(DeliveryStatus.PENDING, 0))
        self.metrics.deliveries_dead.set(counts.get(DeliveryStatus.DEAD, 0))
        body.update(
            queue_depth=backlog,
            embed_backlog=backlog,
            deliveries_pending=counts.get(DeliveryStatus.PENDING, 0),
            deliveries_dead=counts.get(DeliveryStatus.DEAD, 0),
        )
        if not self._scheduling:
            # The web server starts first, so that a busy port fails the start before any job
            # runs: a probe in the moment before the scheduler starts finds it starting.
            body["status"] = "starting"
            return True, body
        if not self.scheduler.running or now - self._progress > STALL_S:
            body["status"] = "scheduler stalled"
            return False, body
        if self._worker is not None and not self._worker.is_alive():
            body["status"] = "match worker stopped"
            return False, body
        if self._poller is not None and not self._poller.is_alive():
            body["status"] = "poll flow stopped"
            return False, body
        if stalled is not None:
            body["status"] = f"{stalled.stage} failing: no success for {stalled.age_s:.0f} s"
            return False, body
        if lateness.late:
            body["status"] = (
                f"polls late: {lateness.late} due feed{'s' if lateness.late > 1 else ''} waiting "
                f"longer than their interval (longest {lateness.worst_s:.0f} s)"
            )
            return False, body
        return True, body


def config_digest(config: Config) -> str:
    """What the leader publishes of its config, for the others to compare theirs with: all
    of it but where each process serves /healthz (its own)."""
    shared = config.settings.model_dump_json(exclude={"server"})
    return hashlib.sha256(shared.encode()).hexdigest()[:16]


class InFlight:
    """Counts running jobs, so shutdown can wait for them with a deadline (APScheduler's own
    ``shutdown(wait=True)`` waits without one)."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    @contextmanager
    def job(self) -> Iterator[None]:
        with self._idle:
            self._count += 1
        try:
            yield
        finally:
            with self._idle:
                self._count -= 1
                self._idle.notify_all()

    def wait_idle(self, deadline: float) -> bool:
        with self._idle:
            return self._idle.wait_for(
                lambda: self._count == 0, timeout=max(0.0, deadline - time.monotonic())
            )
