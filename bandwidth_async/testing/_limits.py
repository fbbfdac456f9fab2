"""
An account's rate limits: token buckets per API family and one for createCall (calls per second).

``Limiter.check`` is a pure decision on the emulator's clock: it takes a token or says how many
seconds to wait. It sends nothing; ``_middleware.py`` turns a refusal into a 429.
"""

from __future__ import annotations

import math

import attrs

__all__ = ["Limiter", "Limits", "TokenBucket"]


@attrs.frozen(kw_only=True)
class Limits:
    """
    The limits of a simulated account; every limit left at None is unlimited (the default).

    Attributes:
        create_call_per_second: Calls per second (CPS) that createCall accepts.
        requests_per_second: Requests per second each API family (voice, messaging, MFA,
            lookup, ...) accepts, all its operations together.
        burst: How many requests a full bucket lets through at once; default one second's
            worth of each limit.
    """

    create_call_per_second: float | None = attrs.field(default=None)
    requests_per_second: float | None = attrs.field(default=None)
    burst: float | None = None

    @create_call_per_second.validator
    @requests_per_second.validator
    def _positive(self, attribute: attrs.Attribute[float | None], value: float | None) -> None:
        if value is not None and value <= 0:
            raise ValueError(f"{attribute.name} must be more than 0")


@attrs.define
class TokenBucket:
    """
    *rate* tokens a second, at most *capacity* saved up; starts full.
    """

    rate: float
    capacity: float
    tokens: float = attrs.field(default=None)
    stamp: float | None = None

    def __attrs_post_init__(self) -> None:
        if self.tokens is None:
            self.tokens = self.capacity

    def _refill(self, now: float) -> None:
        if self.stamp is not None and now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        if self.stamp is None or now > self.stamp:
            self.stamp = now

    def wait(self, now: float) -> float:
        """
        Seconds from *now* until a token is there: 0.0 when one is there already.
        """
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        """
        Take the token that ``wait`` just said is there.
        """
        self.tokens -= 1


class Limiter:
    """
    The buckets of one emulator, created on first use, checked for each request.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._buckets: dict[str, TokenBucket] = {}

    def _bucket(self, key: str, rate: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            capacity = self.limits.burst if self.limits.burst is not None else max(1.0, rate)
            bucket = self._buckets[key] = TokenBucket(rate, capacity)
        return bucket

    def check(self, operation: str | None, family: str, now: float) -> int | None:
        """
        Admit one request (None), or return the whole seconds for its ``Retry-After``.

        createCall must pass both its family's bucket and the CPS bucket; a refused request
        takes no token from either.
        """
        limits = self.limits
        buckets: list[TokenBucket] = []
        if limits.requests_per_second is not None:
            buckets.append(self._bucket(family, limits.requests_per_second))
        if operation == "createCall" and limits.create_call_per_second is not None:
            buckets.append(self._bucket("createCall", limits.create_call_per_second))
        wait = max((bucket.wait(now) for bucket in buckets), default=0.0)
        if not wait:
            for bucket in buckets:
                bucket.take()
            return None
        # Retry-After is delta-seconds, a non-negative integer (RFC 9110 section 10.2.3).
        return max(1, math.ceil(wait))
