"""Who may run beside whom, and who leads.

SQLite: one daemon per database, by an exclusive ``flock`` on ``<database>.lock`` (released by
the kernel if the process dies). SQLite has one writer at a time and no row locks to share
work by, so a second daemon is refused, saying so. PostgreSQL: any number of daemons, all
workers sharing the work by leases (monitor/store); one of them at a time also leads
(:class:`Leadership`), for what must happen once. Other databases: no lock, with a warning.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy.engine import make_url

from monitor.errors import AlreadyRunning
from monitor.run.logs import redact_url
from monitor.store import Store

log = logging.getLogger(__name__)
LEADER_KEY = 0x6D6F6E69  # "moni": the advisory lock the leader holds


class DatabaseLock:
    def __init__(self, url: str, store: Store) -> None:
        self.url = make_url(url)
        self.store = store
        self._file: Any = None

    def __enter__(self) -> DatabaseLock:
        backend = self.url.get_backend_name()
        shown = redact_url(self.url.render_as_string(hide_password=False))
        if backend == "sqlite" and self.url.database not in (None, "", ":memory:"):
            path = Path(f"{self.url.database}.lock")
            handle = path.open("a+")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "unknown"
                handle.close()
                raise AlreadyRunning(
                    f"another monitor is already running on {shown} "
                    f"(pid {holder}, lock file {path}); a SQLite database has one daemon: "
                    "for several, use PostgreSQL (docs/scaling.md)"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            self._file = handle
        elif backend == "postgresql":
            pass  # many workers share the database; Leadership picks the one that leads
        else:
            log.warning("no single-daemon lock for %s databases: run only one monitor", backend)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class Leadership:
    """Whether this process leads, checked every tick. On PostgreSQL the leader holds
    :class:`~monitor.store.leader.LeaderLock`; a lost lock (connection ended, failover) ends the
    lead in the tick that notices it, logged and shown in /healthz, and the lock may be taken
    again from the next tick on. The leader publishes a digest of its config; a worker whose
    config differs says so. On SQLite the one daemon always leads."""

    def __init__(
        self, store: Store, config_digest: str, on_lead: Callable[[], None] = lambda: None
    ) -> None:
        self.store = store
        self.config_digest = config_digest
        self.on_lead = on_lead
        self._lock = store.leader_lock(LEADER_KEY)
        self.leading = self._lock is None
        self.lost = 0  # times the lead was lost
        self._lost_at: float | None = None
        self.config_differs = False
        self._guard = threading.Lock()

    def tick(self) -> None:
        with self._guard:
            if self._lock is None:
                return
            if self.leading:
                if self._lock.held():
                    self.store.publish_leader_config(self.config_digest)
                    return
                self.leading = False
                self.lost += 1
                self._lost_at = time.monotonic()
                log.error(
                    "lost the leader lock (its database session ended): stopped leading; "
                    "still working, and it may lead again from the next tick"
                )
                return
            if self._lock.try_take():
                self.leading = True
                self.store.publish_leader_config(self.config_digest)
                log.info("leading: this process runs what must happen once (digests, feed sync)")
                self.config_differs = False
                self.on_lead()
                return
            leader = self.store.leader_config()
            differs = leader is not None and leader != self.config_digest
            if differs and not self.config_differs:
                log.warning(
                    "this process's config differs from the leader's: feeds, topics or "
                    "subscribers may be handled differently until both run the same config"
                )
            self.config_differs = differs

    def report(self) -> dict[str, Any]:
        return {
            "role": "leader" if self.leading else "worker",
            "leadership_lost": self.lost,
            "leadership_lost_age_s": None
            if self._lost_at is None
            else round(time.monotonic() - self._lost_at, 1),
            "config_differs_from_leader": self.config_differs,
        }

    def close(self) -> None:
        with self._guard:
            if self._lock is not None:
                self._lock.close()
            self.leading = self._lock is None
