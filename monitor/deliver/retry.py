"""When to try a failed delivery again, and when to stop.

The outbox keeps the attempt count in the store and asks for one delay at a time, so this is
a pure function rather than a retry loop (which is what retry libraries provide).
"""

from __future__ import annotations

import random

BASE_S = 2.0  # first retry after 1-2 s
CAP_S = 600.0  # no backoff step longer than ten minutes
RETRY_AFTER_CAP_S = 3600.0  # a server may ask for a pause, but not for a day


def retry_delay(
    attempts: int,
    retry_after: float | None,
    rng: random.Random,
    *,
    base: float = BASE_S,
    cap: float = CAP_S,
) -> float:
    """Seconds to wait after ``attempts`` failed attempts (1 for the first failure).

    Exponential (``base * 2**(attempts-1)``, capped at ``cap``) with "equal jitter": half the
    step is fixed, half random, so retries of many deliveries spread out but never collapse to
    zero. A server's Retry-After is honoured (up to an hour) when it asks for longer.
    """
    step = min(cap, base * 2.0 ** min(max(attempts, 1) - 1, 60))
    delay = step / 2 + rng.uniform(0, step / 2)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, RETRY_AFTER_CAP_S))
    return delay
