"""``monitor backup FILE``: a consistent copy of a SQLite database while the daemon writes to it.

SQLite's online backup API copies every page in one step under one read snapshot: in WAL mode
readers never block writers, so the daemon polls and delivers on while the copy is made, and
the copy is the database as it was at one instant (no half-written transaction). It is written
beside FILE first and renamed over it at the end, so a failed backup leaves no partial FILE.
Restoring is copying the file back in place, the daemon stopped. PostgreSQL has ``pg_dump``.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from monitor.errors import InputError, StoreError


def backup_sqlite(engine: Engine, target: Path, *, force: bool) -> int:
    """Copy the database of ``engine`` to ``target``; its size in bytes."""
    if target.is_dir():
        raise InputError(f"cannot back up to {target}: it is a folder")
    if target.exists() and not force:
        raise InputError(f"{target} exists; give --force to overwrite it")
    if not target.parent.is_dir():
        raise InputError(f"cannot back up to {target}: no folder {target.parent}")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)  # every page in one step: one snapshot
        finally:
            copy.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StoreError(f"backup to {target} failed: {reason}") from exc
    finally:
        raw.close()
    return target.stat().st_size


def pg_dump_command(engine: Engine, target: Path) -> str:
    """The command that backs up this PostgreSQL database to ``target``. The connection as
    libpq keywords (no URL: an error line hides a URL's user) and without the password, which
    pg_dump reads from ~/.pgpass or $PGPASSWORD."""
    url = engine.url
    socket = url.query.get("host")
    keywords = {
        "host": url.host or (socket if isinstance(socket, str) else None),
        "port": url.port,
        "user": url.username,
        "dbname": url.database,
    }
    conninfo = " ".join(f"{key}={value}" for key, value in keywords.items() if value)
    return f"pg_dump -Fc -f {shlex.quote(str(target))} -d {shlex.quote(conninfo)}"
