"""
bandwidth_async: ``client.calls.list(page_size=1000, prefetch=1)`` and ``calls.create_many``.

Every record comes out as a frozen ``CallState`` model with aware datetimes and enums.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from create_loop import client as _client
from create_loop import create_call as _create_call

import bandwidth_async as bw
from bandwidth_async._converter import structure_many, unstructure
from bandwidth_async._json import dumps, loads

try:  # msgspec's page path; a --baseline checkout from before it decodes the general way
    from bandwidth_async._mirror import models as _models
except ImportError:
    _models = None  # type: ignore[assignment]


async def _export_once(client: bw.BandwidthClient) -> int:
    count = 0
    async for call in client.calls.list(page_size=1000, prefetch=1):
        if call.call_id:
            count += 1
    return count


async def _export(base: str, total: int, repeat: int, warm: bool) -> list[float]:
    async with _client(base) as client:
        if warm:
            assert await _export_once(client) == total  # warm-up: one full pass
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            count = await _export_once(client)
            times.append(time.perf_counter() - start)
            assert count == total, count
    return times


def export(base: str, total: int, repeat: int, warm: bool = True) -> list[float]:
    """Seconds to list and read *total* calls, *repeat* times (after one warm-up pass)."""
    return asyncio.run(_export(base, total, repeat, warm))


async def _dial_once(client: bw.BandwidthClient, count: int, concurrency: int) -> int:
    created = 0
    requests = (_create_call(i) for i in range(count))
    async for result in client.calls.create_many(requests, concurrency=concurrency):
        if result.error is not None:
            raise result.error
        created += 1
    return created


async def _dial(base: str, count: int, concurrency: int, repeat: int, warm: bool) -> list[float]:
    async with _client(base) as client:
        if warm:
            await _dial_once(client, count, concurrency)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            created = await _dial_once(client, count, concurrency)
            times.append(time.perf_counter() - start)
            assert created == count, created
    return times


def dial(base: str, count: int, concurrency: int, repeat: int, warm: bool = True) -> list[float]:
    """Seconds to create *count* calls, *concurrency* at a time, *repeat* times (+ a warm-up)."""
    return asyncio.run(_dial(base, count, concurrency, repeat, warm))


def decode(page: bytes) -> int:
    """Turn one page of bytes into models, as ``Session.paginate`` does."""
    built = None if _models is None else _models(page, bw.CallState)
    return len(structure_many(loads(page), bw.CallState) if built is None else built)


async def _export_file(base: str, path: Path) -> int:
    count = 0
    async with _client(base) as client:
        with path.open("wb") as out:
            async for page in client.calls.list(page_size=1000, prefetch=1).pages():
                # What bandwidth_async.export writes: the wire JSON of each model, one a line.
                out.write(b"".join(dumps(unstructure(c)) + b"\n" for c in page.items))
                count += len(page.items)
    return count


def export_file(base: str, path: Path) -> int:
    """Write every call to *path* as JSON Lines; returns how many."""
    return asyncio.run(_export_file(base, path))
