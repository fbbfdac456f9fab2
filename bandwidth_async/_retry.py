"""
When to try a request again, and how long to wait first. Decisions only: no sleeping, no I/O.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import re
from collections.abc import Callable

import attrs

__all__ = ["RetryEvent", "RetryPolicy", "parse_retry_after"]

#: Methods that are safe to send twice: the API treats them as idempotent.
IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})

_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


@attrs.frozen
class RetryEvent:
    """
    What ``on_retry`` hears about each retry: which request, which attempt, why, and the wait.
    """

    method: str
    url: str
    attempt: int
    reason: str
    delay: float


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """
    How often and how patiently a request is retried.

    429 is retried for every method, after ``Retry-After`` when the server sends one. 5xx and
    transport errors are retried only for GET, PUT and DELETE: a POST is sent again only when
    the connection could not be opened at all, so no call is dialled twice.

    Attributes:
        max_attempts: Attempts in all, the first included (1 means no retry).
        backoff_base: The first backoff ceiling in seconds; it doubles with each attempt.
        backoff_max: The largest backoff ceiling in seconds.
        retry_after_max: The longest ``Retry-After`` honoured; a longer one raises at once.
        on_retry: Called with a `RetryEvent` before each retry, for metrics.
    """

    max_attempts: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    backoff_base: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    backoff_max: float = attrs.field(default=30.0, validator=attrs.validators.ge(0))
    retry_after_max: float = attrs.field(default=120.0, validator=attrs.validators.ge(0))
    on_retry: Callable[[RetryEvent], object] | None = attrs.field(default=None, eq=False)

    @classmethod
    def none(cls) -> RetryPolicy:
        """
        A policy that never retries: the first failure is raised.
        """
        return cls(max_attempts=1)

    def backoff(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        """
        Seconds to wait before attempt *attempt* + 1: exponential with full jitter.
        """
        ceiling = min(self.backoff_max, self.backoff_base * 2.0 ** (attempt - 1))
        return ceiling * rng()


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """
    Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP-date.

    A date in the past gives 0; a value that is neither gives ``None`` (the caller then
    falls back to its own backoff).
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _SECONDS.fullmatch(text):
        # RFC 9110 says whole seconds; some servers send fractions, which cost nothing to accept.
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())
