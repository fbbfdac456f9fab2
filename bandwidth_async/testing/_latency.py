"""
How long the emulator takes to answer: a fixed delay, or one drawn per operation from a seed.

This module only computes delays; ``_middleware.py`` sleeps them.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs

__all__ = ["Latency", "RandomLatency", "latency_of"]

#: ``latency=``: seconds for every request, or a callable(operation_id) -> seconds.
Latency = float | Callable[[str], float] | None


@attrs.define
class RandomLatency:
    """
    Seconds drawn uniformly from *low* to *high* for each request, repeatable from *seed*.

    ``FakeBandwidth(latency=RandomLatency(0.05, 0.3, seed=1))`` gives the 50-300 ms round trips
    of a real account, the same sequence on every run.
    """

    low: float = 0.05
    high: float = 0.3
    seed: int = 0
    _rng: random.Random = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ValueError("need 0 <= low <= high")
        self._rng = random.Random(self.seed)  # noqa: S311 - simulated latency, not secrets

    def __call__(self, operation: str) -> float:  # noqa: ARG002 - the same for every operation
        return self._rng.uniform(self.low, self.high)


def latency_of(latency: Latency, operation: str) -> float:
    """
    The delay for one request to *operation*; a negative value counts as none.
    """
    if latency is None:
        return 0.0
    seconds = latency(operation) if callable(latency) else latency
    return max(0.0, float(seconds))
