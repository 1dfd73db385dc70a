"""The leader's lock: which one of several processes on one PostgreSQL database does what
must happen once. A session advisory lock on a connection of its own, in autocommit (never
idle in a transaction, so VACUUM is never held up), with TCP keepalives (a peer gone silent is
noticed in about half a minute, not after the kernel's two hours). The holder checks each tick
that its connection still holds the lock: a failover, an idle timeout or
``pg_terminate_backend`` ends the session and the lock with it, and then another process may
hold it already.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from sqlalchemy import NullPool, create_engine, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

# libpq's keepalive settings: probe after 10 s idle, every 5 s, give up after 3 misses.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


class LeaderLock:
    def __init__(self, url: URL, key: int) -> None:
        self.key = key
        self._engine = create_engine(
            url, poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_args=KEEPALIVES
        )
        self._conn: Connection | None = None

    def try_take(self) -> bool:
        """Take the lock if nobody holds it (never waits). False also when the database
        cannot be reached: no leader is better than two."""
        if self._conn is not None:
            return self.held()
        try:
            conn = self._engine.connect()
        except SQLAlchemyError as exc:
            log.debug("leader lock: cannot connect: %s", exc)
            return False
        try:
            taken = bool(
                conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar()
            )
        except SQLAlchemyError as exc:
            log.debug("leader lock: cannot ask: %s", exc)
            taken = False
        if taken:
            self._conn = conn
        else:
            conn.close()
        return taken

    def held(self) -> bool:
        """Whether this connection still holds the lock (one round trip). A lost connection
        or lock is dropped here: False, and it stays so until :meth:`try_take` succeeds."""
        if self._conn is None:
            return False
        try:
            still = bool(
                self._conn.execute(
                    text(
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                        "AND pid = pg_backend_pid() AND granted AND classid = :hi "
                        "AND objid = :lo AND objsubid = 1)"
                    ),
                    {"hi": (self.key >> 32) & 0xFFFFFFFF, "lo": self.key & 0xFFFFFFFF},
                ).scalar()
            )
        except SQLAlchemyError as exc:
            log.debug("leader lock: connection lost: %s", exc)
            still = False
        if not still:
            self._drop()
        return still

    def backend_pid(self) -> int | None:
        """The server process that holds the lock's session (what an operator would end)."""
        if self._conn is None:
            return None
        with suppress(SQLAlchemyError):
            return int(self._conn.execute(text("SELECT pg_backend_pid()")).scalar() or 0)
        return None

    def release(self) -> None:
        """Give the lock up (on a stop); never raises: the session's end releases it anyway."""
        if self._conn is not None:
            with suppress(SQLAlchemyError):
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
        self._drop()

    def close(self) -> None:
        self.release()
        self._engine.dispose()

    def _drop(self) -> None:
        if self._conn is not None:
            with suppress(SQLAlchemyError):
                self._conn.invalidate()
                self._conn.close()
            self._conn = None
