"""A real PostgreSQL server for the tests, and a fresh database on it for each test.

Where the server comes from, first found first:

1. ``MONITOR_TEST_PG_URL``: a server someone runs (a URL whose user may create databases);
2. ``initdb`` and ``pg_ctl`` on PATH (or in Debian's /usr/lib/postgresql/*/bin): a private
   server in a temporary folder, on a Unix socket only. They refuse to run as root, so as root
   they run as the ``postgres`` system user where there is one;
3. the ``pgserver`` wheel (the ``test`` extra installs it): the same, with its own binaries.

With none of them the PostgreSQL tests skip, naming what is missing, unless
``MONITOR_TEST_PG_REQUIRED`` is set (CI sets it): then they fail, so CI never passes without
running them.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

_counter = itertools.count()


class PgServer:
    """A server URL (``postgresql+psycopg://…/postgres``) and the databases made on it."""

    def __init__(self, url: str, stop: Callable[[], None] = lambda: None) -> None:
        self.url = make_url(url).set(drivername="postgresql+psycopg")
        self._stop = stop
        self._admin = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=1)

    def database(self) -> str:
        """A new, empty database; its URL with the password (for configs and subprocesses)."""
        name = f"monitor_test_{os.getpid()}_{next(_counter)}"
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def stop(self) -> None:
        self._admin.dispose()
        self._stop()


def _binaries() -> tuple[str, str] | None:
    found = shutil.which("initdb"), shutil.which("pg_ctl")
    if found[0] and found[1]:
        return found[0], found[1]
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        initdb, pg_ctl = Path(folder, "initdb"), Path(folder, "pg_ctl")
        if initdb.is_file() and pg_ctl.is_file():
            return str(initdb), str(pg_ctl)
    return None


def _start_with_binaries(initdb: str, pg_ctl: str) -> PgServer:
    """initdb and pg_ctl in a short temporary folder (a socket path is limited to ~100
    bytes), listening on its Unix socket only."""
    folder = Path(tempfile.mkdtemp(prefix="monitor-pg-"))
    data = folder / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root and there is no 'postgres' user") from None
        os.chown(folder, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run(
        [*run_as, initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        env=env,
    )
    options = f"-c listen_addresses='' -k {folder} -c fsync=off -c max_connections=200"
    subprocess.run(
        [*run_as, pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
        env=env,
    )

    def stop() -> None:
        subprocess.run(
            [*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)

    return PgServer(f"postgresql+psycopg://postgres@/postgres?host={folder}", stop)


def _start_pgserver() -> PgServer:
    import pgserver  # type: ignore[import-not-found,unused-ignore]

    folder = Path(tempfile.mkdtemp(prefix="monitor-pgs-"))
    server = pgserver.get_server(folder, cleanup_mode="stop")

    def stop() -> None:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)

    return PgServer(server.get_uri(), stop)


def start_server() -> PgServer | str:
    """A running server, or why there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    if os.environ.get("MONITOR_TEST_PG_URL"):
        return PgServer(os.environ["MONITOR_TEST_PG_URL"])
    failures = []
    binaries = _binaries()
    if binaries is not None:
        try:
            return _start_with_binaries(*binaries)
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
            stderr = getattr(exc, "stderr", b"") or b""
            failures.append(f"initdb/pg_ctl: {exc} {stderr.decode(errors='replace')[-300:]}")
    else:
        failures.append("no initdb/pg_ctl on PATH")
    try:
        return _start_pgserver()
    except ImportError:
        failures.append("no pgserver wheel (pip install pgserver)")
    except Exception as exc:  # noqa: BLE001 - whatever it is, it is why there is no server
        failures.append(f"pgserver: {type(exc).__name__}: {exc}")
    return "no PostgreSQL server: " + "; ".join(failures) + " (or set MONITOR_TEST_PG_URL)"


_server: PgServer | str | None = None


def server() -> PgServer:
    """The session's server, started on first use; skips (or fails, where required) without."""
    global _server
    if _server is None:
        _server = start_server()
        if isinstance(_server, PgServer):
            atexit.register(_server.stop)
    if isinstance(_server, str):
        if os.environ.get("MONITOR_TEST_PG_REQUIRED"):
            pytest.fail(_server)
        pytest.skip(_server)
    return _server


@contextmanager
def fresh_database() -> Iterator[str]:
    srv = server()
    url = srv.database()
    try:
        yield url
    finally:
        srv.drop(url)
