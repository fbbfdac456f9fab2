"""
Client-wide waiting: the `Coordinator` that says when a request may go.

The session loop asks it once per attempt (`Coordinator.wait_turn`) and tells it about every 429
(`Coordinator.close_gate`). `LocalCoordinator`, the default, keeps that state in this process: a
per-host 429 gate and an optional requests-per-second pacer. Another implementation (shared
through Redis, say) plugs in with ``BandwidthClient(coordinator=...)``. Nothing here sends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Protocol, runtime_checkable

__all__ = ["Coordinator", "HostGate", "LocalCoordinator", "Pacer", "RateSharing"]


@runtime_checkable
class Coordinator(Protocol):
    """
    When a request to a host may go: the 429 gate and the rate limit, however they are shared.

    *host* is the lower-case API name (``"voice"``, ``"messaging"``, ...).
    """

    async def wait_turn(self, host: str) -> float:
        """
        Return when a request to *host* may go; the seconds waited.
        """

    async def close_gate(self, host: str, seconds: float) -> None:
        """
        Hold every request to *host* for *seconds* from now (after a 429); only ever extends.
        """

    async def aclose(self) -> None:
        """
        Release what the coordinator holds; called when the owning client closes.
        """


@runtime_checkable
class RateSharing(Protocol):
    """
    A `Coordinator` that takes the client's ``rate_limit`` and shares it (`RedisCoordinator`).

    ``BandwidthClient(rate_limit=R, coordinator=c)`` calls ``c.share_rate(R)`` once; a
    coordinator without this method cannot hold a rate, and the client refuses the pair.
    """

    def share_rate(self, rate: float) -> None:
        """
        Hold every request through this coordinator to *rate* per second, all together.
        """


class HostGate:
    """
    Closes a host after a 429 until its ``Retry-After`` has passed, for every task at once.

    A thousand tasks that would each hammer the server on their own schedule instead wait once,
    together, and then go on.
    """

    def __init__(self) -> None:
        self._open_at: dict[Hashable, float] = {}

    def close_for(self, host: Hashable, seconds: float) -> None:
        """
        Keep *host* closed for at least *seconds* from now.
        """
        now = asyncio.get_running_loop().time()
        self._open_at[host] = max(self._open_at.get(host, 0.0), now + seconds)

    def delay(self, host: Hashable) -> float:
        """
        Seconds until *host* opens again (0 when open).
        """
        open_at = self._open_at.get(host)
        if open_at is None:
            return 0.0
        return max(0.0, open_at - asyncio.get_running_loop().time())

    async def wait(self, host: Hashable) -> None:
        """
        Return when *host* is open, waiting again if it was closed further meanwhile.
        """
        # A timer, not an Event: the gate opens by the clock, and may be pushed back meanwhile.
        while (delay := self.delay(host)) > 0:  # noqa: ASYNC110
            await asyncio.sleep(delay)


class Pacer:
    """
    Spaces requests at most *rate* per second, client-wide, so a burst never trips the limit.
    """

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be > 0, not {rate}")
        self._interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        """
        Return at this caller's turn.
        """
        now = asyncio.get_running_loop().time()
        slot = max(now, self._next)
        self._next = slot + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)


class LocalCoordinator:
    """
    The in-process `Coordinator`: a `HostGate` per host and an optional `Pacer` (*rate* per second).
    """

    def __init__(self, rate: float | None = None) -> None:
        self.gate = HostGate()
        self.pacer = Pacer(rate) if rate else None

    async def wait_turn(self, host: str) -> float:
        """
        Wait for *host*'s gate, then for the pacer's turn, then for the gate again.
        """
        if self.pacer is None and self.gate.delay(host) == 0:
            return 0.0  # the hot path: no clock read, no await
        loop = asyncio.get_running_loop()
        started = loop.time()
        await self.gate.wait(host)
        if self.pacer is not None:
            await self.pacer.wait()
            await self.gate.wait(host)  # a 429 may have closed it while we waited our turn
        return loop.time() - started

    async def close_gate(self, host: str, seconds: float) -> None:
        """
        Hold *host* for *seconds* from now.
        """
        self.gate.close_for(host, seconds)

    async def aclose(self) -> None:
        """
        Nothing to release: the state lives in this object.
        """
