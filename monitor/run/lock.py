"""One daemon per database: a second one would send every alert twice.

SQLite: an exclusive ``flock`` on ``<database>.lock`` (released by the kernel if the process
dies). PostgreSQL: a session advisory lock on a dedicated connection. Other databases: no lock,
with a warning.
"""

from __future__ import annotations

import fcntl
import logging
import os
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy.engine import make_url

from monitor.errors import AlreadyRunning
from monitor.run.logs import redact_url
from monitor.store import Store

log = logging.getLogger(__name__)
_PG_LOCK_KEY = 0x6D6F6E69  # "moni"


class DatabaseLock:
    def __init__(self, url: str, store: Store) -> None:
        self.url = make_url(url)
        self.store = store
        self._file: Any = None
        self._advisory = ExitStack()

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
                    f"(pid {holder}, lock file {path})"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            self._file = handle
        elif backend == "postgresql":
            if not self._advisory.enter_context(self.store.lock(_PG_LOCK_KEY)):
                self._advisory.close()
                raise AlreadyRunning(f"another monitor is already running on {shown}")
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
        self._advisory.close()
