"""
`RedisCoordinator`: one rate and one 429 gate per host, shared by every process on one Redis.

Every decision is one Lua script (``turn.lua``) run atomically on the Redis server against the
server's own clock, so processes on machines with skewed clocks still agree. This module only
talks to Redis; it sends nothing to Bandwidth.
"""

from __future__ import annotations

import asyncio
import importlib.resources
from typing import TYPE_CHECKING, Any

import redis.asyncio as aioredis
import redis.exceptions
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from yarl import URL

from .._errors import ConfigurationError, TransportError

if TYPE_CHECKING:
    from redis.commands.core import AsyncScript

__all__ = ["CoordinationError", "RedisCoordinator"]

SCRIPT = importlib.resources.files(__package__).joinpath("turn.lua").read_text()

_MICRO = 1_000_000
_UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class CoordinationError(TransportError):
    """
    Redis went away mid-run: the request was not sent, and will not be until Redis is back.

    The SDK does not fall back to local limits, because N processes each at the full rate would
    send N times what the account allows: the 429 storm the shared limit exists to prevent.
    """


def _redacted(url: str) -> str:
    parsed = URL(url)
    return str(parsed.with_password("***")) if parsed.password else url


class RedisCoordinator:
    """
    Shares one rate limit and one 429 gate per API host among every process using *key_prefix*.

    *rate_limit* is requests per second for all of them together (None: only the gate is
    shared); *burst* requests may go at once after a quiet spell, so in any one second at most
    ``rate_limit + burst`` requests start. Each turn is one round trip to Redis when the rate
    has room; within a process, waiters for one host queue in order and only the first asks
    Redis. Redis unreachable at the first turn raises `ConfigurationError`; later, each turn
    raises `CoordinationError` until it is back.
    """

    def __init__(
        self,
        url: str,
        *,
        key_prefix: str = "bandwidth",
        rate_limit: float | None = None,
        burst: int = 1,
        timeout: float = 5.0,
    ) -> None:
        if rate_limit is not None and rate_limit <= 0:
            raise ConfigurationError(f"rate_limit must be > 0 per second, not {rate_limit}")
        if burst < 1:
            raise ConfigurationError(f"burst must be >= 1, not {burst}")
        if not key_prefix or any(c in key_prefix for c in "{} "):
            raise ConfigurationError(f"key_prefix must be a non-empty word, not {key_prefix!r}")
        self.url = url
        self.key_prefix = key_prefix
        self.burst = burst
        self.rate_limit = rate_limit
        try:
            self._redis: aioredis.Redis = aioredis.Redis.from_url(
                url,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), 3),
            )
        except ValueError as exc:
            raise ConfigurationError(f"not a Redis URL: {_redacted(url)} ({exc})") from exc
        self._script: AsyncScript = self._redis.register_script(SCRIPT)
        self._locks: dict[str, asyncio.Lock] = {}
        self._started = False

    def __repr__(self) -> str:
        return (
            f"<RedisCoordinator {_redacted(self.url)} key_prefix={self.key_prefix!r} "
            f"rate_limit={self.rate_limit!r} burst={self.burst}>"
        )

    def share_rate(self, rate: float) -> None:
        """
        Take the client's ``rate_limit``: ``BandwidthClient(rate_limit=R, coordinator=self)``.

        Raises:
            ConfigurationError: This coordinator already holds another rate.
        """
        if rate <= 0:
            raise ConfigurationError(f"rate_limit must be > 0 per second, not {rate}")
        if self.rate_limit is not None and self.rate_limit != rate:
            msg = f"this RedisCoordinator shares {self.rate_limit}/s; the client asks for {rate}/s"
            raise ConfigurationError(msg)
        self.rate_limit = rate

    @property
    def rate_key(self) -> str:
        """
        The Redis key of the shared rate; the braces keep every key of a prefix in one slot.
        """
        return f"{{{self.key_prefix}}}:rate"

    def gate_key(self, host: str) -> str:
        """
        The Redis key of *host*'s 429 gate.
        """
        return f"{{{self.key_prefix}}}:gate:{host}"

    async def start(self) -> None:
        """
        Check that Redis answers; called by the first turn when not called before.

        Raises:
            ConfigurationError: Redis cannot be reached, or refused our credentials.
        """
        try:
            await self._redis.ping()
        except (*_UNREACHABLE, redis.exceptions.RedisError) as exc:
            msg = f"cannot reach Redis at {_redacted(self.url)}: {exc}"
            raise ConfigurationError(msg) from exc
        self._started = True

    async def wait_turn(self, host: str) -> float:
        """
        Return when a request to *host* may go, by the shared rate and gate; the seconds waited.
        """
        if not self._started:
            await self.start()
        loop = asyncio.get_running_loop()
        began = loop.time()
        lock = self._locks.get(host)
        if lock is None:
            lock = self._locks[host] = asyncio.Lock()
        async with lock:
            # A timer, not an Event: the turn comes by the server's clock, in another process.
            while (micros := await self._run(host, "turn", *self._rate_args())) > 0:  # noqa: ASYNC110
                await asyncio.sleep(micros / _MICRO)
        return loop.time() - began

    async def close_gate(self, host: str, seconds: float) -> None:
        """
        Keep *host* closed for every process for at least *seconds* from now (server time).
        """
        if seconds > 0:
            await self._run(host, "close", round(seconds * _MICRO))

    async def aclose(self) -> None:
        """
        Close the connections to Redis; harmless twice.
        """
        await self._redis.aclose()

    def _rate_args(self) -> tuple[float, float]:
        if self.rate_limit is None:
            return 0, 0
        interval = _MICRO / self.rate_limit
        return interval, (self.burst - 1) * interval

    async def _run(self, host: str, *args: Any) -> int:
        try:
            result = await self._script(keys=[self.rate_key, self.gate_key(host)], args=args)
        except _UNREACHABLE as exc:
            msg = f"lost Redis at {_redacted(self.url)}; no request is sent without it: {exc}"
            raise CoordinationError(msg) from exc
        return int(result)
