"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer

# Read-only shared data beside the clone (feeds, eval sets); tests skip when it is absent.
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port), stopped after the test."""
    with FeedServer() as srv:
        yield srv
