"""
What the emulator counts per operation: requests, 429s, peak concurrency, requests per second.

Counting only; the middleware calls ``begin``/``end`` around each request.
"""

from __future__ import annotations

import collections

import attrs

__all__ = ["OperationStats", "Stats"]


@attrs.define
class OperationStats:
    """
    The counts for one operation (by spec operationId).

    Attributes:
        requests: Requests received, whatever their answer.
        rate_limited: 429s answered (account limits and injected faults alike).
        peak_concurrency: The most requests in progress at the same moment.
        per_second: Requests received in each second of the emulator's clock, counted from
            its start (second 0), so ``max(per_second.values())`` is the peak rate.
        in_flight: Requests in progress now.
    """

    requests: int = 0
    rate_limited: int = 0
    peak_concurrency: int = 0
    per_second: dict[int, int] = attrs.field(factory=dict)
    in_flight: int = 0

    def begin(self, now: float) -> None:
        """
        Count a request arriving at emulator time *now* (seconds).
        """
        self.requests += 1
        second = int(now)
        self.per_second[second] = self.per_second.get(second, 0) + 1
        self.in_flight += 1
        self.peak_concurrency = max(self.peak_concurrency, self.in_flight)

    def end(self, status: int) -> None:
        """
        Count a request answered with *status*.
        """
        self.in_flight -= 1
        if status == 429:  # noqa: PLR2004
            self.rate_limited += 1


class Stats(collections.defaultdict[str, OperationStats]):
    """
    ``OperationStats`` by operationId; an operation never called reads as all zeros.
    """

    def __init__(self) -> None:
        super().__init__(OperationStats)
