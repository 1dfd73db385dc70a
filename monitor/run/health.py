"""Whether each stage of the daemon gets its work done, for /healthz.

A tick that runs is not a stage that works: a poll tick whose results the database refuses runs
every second and stores nothing. So each stage reports the outcome of its units of work, and a
stage that has failed ever since its last success (or since the start) for longer than its bound
makes the daemon unhealthy. A stage with nothing to do is not behind, but it is no proof that a
failure has passed either (a delivery waits out its backoff): only a success ends a failure.
In memory only: a restart starts every stage afresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass
class _Stage:
    bound_s: float
    last_ok: float | None = None
    failing: bool = False  # the latest unit of work failed


@dataclass(frozen=True)
class Stalled:
    stage: str
    age_s: float  # since the stage last succeeded (or since the start)


class StageHealth:
    def __init__(
        self, bounds: Mapping[str, float], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._clock = clock
        self._started = clock()
        self._stages = {name: _Stage(bound) for name, bound in bounds.items()}
        self._lock = threading.Lock()  # stages report from the scheduler's and worker's threads

    def succeeded(self, stage: str) -> None:
        with self._lock:
            self._stages[stage].last_ok = self._clock()
            self._stages[stage].failing = False

    def idle(self, stage: str) -> None:
        with self._lock:
            if not self._stages[stage].failing:
                self._stages[stage].last_ok = self._clock()

    def failed(self, stage: str) -> bool:
        """Whether the stage starts failing here (it had not failed since its last success)."""
        with self._lock:
            started, self._stages[stage].failing = not self._stages[stage].failing, True
            return started

    def report(self) -> tuple[Stalled | None, dict[str, dict[str, float | bool | None]]]:
        """The first stage failing for longer than its bound (None: all well), and per stage
        the age of its last success (None: none yet) and whether it is failing now."""
        now = self._clock()
        stalled: Stalled | None = None
        ages: dict[str, dict[str, float | bool | None]] = {}
        with self._lock:
            for name, stage in self._stages.items():
                age = now - (self._started if stage.last_ok is None else stage.last_ok)
                if stalled is None and stage.failing and age > stage.bound_s:
                    stalled = Stalled(name, round(age, 1))
                ages[name] = {
                    "last_success_age_s": None
                    if stage.last_ok is None
                    else round(now - stage.last_ok, 1),
                    "failing": stage.failing,
                }
        return stalled, ages
