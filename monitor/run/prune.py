"""Retention at run time: the config's ``retention:`` as the store's policy, and the daemon's
prune job (the leader's alone, so several workers never prune at once)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from monitor.config.models import RetentionConfig
from monitor.errors import MonitorError
from monitor.store import Store, utcnow
from monitor.store.retention import PruneReport, RetentionPolicy

log = logging.getLogger(__name__)

# Between two batches (each one short transaction) the database is free for the poll flow's
# writes: a prune never holds polling up for longer than one batch.
PAUSE_S = 0.1
FIRST_PRUNE_S = 60.0  # after start: a daemon restarted more often than prune_every prunes too

# What each kind is called in a line for people.
KIND_NAMES = {
    "texts_dropped": "unmatched texts dropped",
    "urls_dropped": "unmatched articles forgotten",
    "matched_dropped": "matched articles deleted",
    "deliveries_dropped": "sent deliveries deleted",
}


def retention_policy(config: RetentionConfig) -> RetentionPolicy:
    return RetentionPolicy(
        unmatched_text=timedelta(seconds=config.unmatched_text),
        unmatched_url=timedelta(seconds=config.unmatched_url),
        matched=timedelta(seconds=config.matched),
        deliveries=timedelta(seconds=config.deliveries),
    )


def describe(report: PruneReport) -> str:
    """``12 unmatched texts dropped, 0 unmatched articles forgotten, ...`` in one line."""
    return ", ".join(f"{n} {KIND_NAMES[kind]}" for kind, n in report.counts().items())


def mebibytes(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


class PruneJob:
    """The daemon's scheduled prune: only while ``leading()``; stops between two batches when
    ``stopping()``; an error is one log line and the next run tries again."""

    def __init__(
        self,
        store: Store,
        retention: Callable[[], RetentionConfig],
        *,
        leading: Callable[[], bool],
        stopping: Callable[[], bool],
        clock: Callable[[], datetime] = utcnow,
        pause_s: float = PAUSE_S,
    ) -> None:
        self.store = store
        self.retention = retention  # the config of the moment (a reload may change it)
        self.leading = leading
        self.stopping = stopping
        self.clock = clock
        self.pause_s = pause_s

    def __call__(self) -> PruneReport | None:
        """Prune once; the report, or None when not leading or the prune failed."""
        if not self.leading():
            return None
        try:
            report = self.store.prune(
                retention_policy(self.retention()),
                self.clock(),
                pause_s=self.pause_s,
                stop=self.stopping,
            )
            freed = (
                self.store.reclaim_space(pause_s=self.pause_s, stop=self.stopping)
                if report.total
                else 0
            )
        except MonitorError as exc:
            log.error("prune failed, trying again at the next run: %s", str(exc).splitlines()[0])
            return None
        log.info(
            "pruned: %s (%d batches, %.1f s; %s given back to the file system)",
            describe(report),
            report.batches,
            report.seconds,
            mebibytes(freed),
        )
        return report
