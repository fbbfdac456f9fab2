"""
Client-wide waiting: the per-host 429 gate and the optional requests-per-second pacer.

Both only wait on the event loop's clock; neither sends anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable

__all__ = ["HostGate", "Pacer"]


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
