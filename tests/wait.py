"""Waiting on a real process or server from a test or a benchmark."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(
    check: Callable[[], bool], timeout: float, what: str, *, interval: float = 0.1
) -> float:
    """Seconds until ``check()`` is true; ``TimeoutError`` naming ``what`` after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")
