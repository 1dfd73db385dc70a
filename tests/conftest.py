"""Shared fixtures."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.feedserver import FeedServer
from tests.pg import fresh_database

# Read-only shared data beside the clone (feeds, eval sets); tests skip when it is absent.
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port), stopped after the test."""
    with FeedServer() as srv:
        yield srv


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh databases on each backend (SQLite files, new PostgreSQL databases), each
    call a new one's URL; all are dropped after the test."""
    with ExitStack() as stack:
        count = itertools.count()

        def make() -> str:
            if request.param == "sqlite":
                return f"sqlite:///{tmp_path}/db{next(count)}/monitor.db"
            return stack.enter_context(fresh_database())

        yield make


@pytest.fixture()
def db_url(new_db: Callable[[], str]) -> str:
    """A fresh database's URL on each backend."""
    return new_db()


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database (for what only PostgreSQL does)."""
    with fresh_database() as url:
        yield url
