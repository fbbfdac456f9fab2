"""
A worker process: one client with the shared `RedisCoordinator`, running the SDK's tasks.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

import redis.asyncio as aioredis
from taskiq.api import run_receiver_task

from .._client import BandwidthClient
from ._coordinator import RedisCoordinator
from ._tasks import Runtime, build_broker

__all__ = ["run_worker"]


async def run_worker(
    url: str,
    *,
    key_prefix: str = "bandwidth",
    base_url: str | None = None,
    rate_limit: float | None = None,
    burst: int = 1,
    concurrency: int = 50,
) -> None:
    """
    Run tasks from the queue on *url* until cancelled or sent SIGTERM/SIGINT.

    Credentials come from ``BW_USERNAME``, ``BW_PASSWORD`` and ``BW_ACCOUNT_ID``. Every worker
    of one *key_prefix* shares one *rate_limit* (requests per second, all together) and one
    429 gate per API host; give them all the same values.

    Raises:
        ConfigurationError: Redis cannot be reached, or credentials are missing.
    """
    coordinator = RedisCoordinator(url, key_prefix=key_prefix, burst=burst)
    try:
        await coordinator.start()
        conn: aioredis.Redis = aioredis.Redis.from_url(url)
        async with BandwidthClient(
            base_url=base_url, rate_limit=rate_limit, coordinator=coordinator
        ) as client:
            runtime = Runtime(client, conn, key_prefix)
            broker = build_broker(url, key_prefix=key_prefix, runtime=runtime, prefetch=concurrency)
            await broker.startup()
            receiver = asyncio.ensure_future(
                run_receiver_task(broker, max_async_tasks=concurrency, run_startup=False)
            )
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, receiver.cancel)
            try:
                with contextlib.suppress(asyncio.CancelledError):
                    await receiver
            finally:
                for sig in (signal.SIGTERM, signal.SIGINT):
                    loop.remove_signal_handler(sig)
                await broker.shutdown()
                await conn.aclose()
    finally:
        await coordinator.aclose()
