"""
The session layer alone: ``client.calls.create`` from 50 tasks, no dialer on top.

``python create_loop.py URL COUNT CONCURRENCY PASSES`` creates COUNT calls, CONCURRENCY tasks
taking the next number in turn (as raw aiohttp's dial does), once as a warm-up and then PASSES
times, and prints ``{"values": [seconds...], "cpu": [seconds...]}``. It uses only public API, so
``run.py --baseline`` runs this same file against an older revision's package (its folder on
``PYTHONPATH``), in fresh processes: the before/after of the layer the dialer sends through.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

import server

import bandwidth_async as bw


def client(base: str) -> bw.BandwidthClient:
    """A client of ``server.py`` at *base*, with room for every task's connection."""
    return bw.BandwidthClient(
        username=server.USERNAME,
        password=server.PASSWORD,
        account_id=server.ACCOUNT_ID,
        base_url=base,
        max_connections=100,
    )


def create_call(i: int) -> bw.CreateCall:
    """The *i*-th call of a benchmark campaign."""
    return bw.CreateCall(
        to=f"+1919555{i % 10_000:04d}",
        from_="+19195554321",
        application_id=server.APPLICATION_ID,
        answer_url="https://example.com/answer",
        tag=f"bench-{i}",
    )


async def _once(bandwidth: bw.BandwidthClient, count: int, concurrency: int) -> int:
    numbers = iter(range(count))
    created = 0

    async def worker() -> None:
        nonlocal created
        for i in numbers:
            response = await bandwidth.calls.create(create_call(i))
            if response.call_id:
                created += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return created


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _passes(base: str, count: int, concurrency: int, passes: int) -> dict[str, list[float]]:
    seconds, cpu = [], []
    async with client(base) as bandwidth:
        assert await _once(bandwidth, count, concurrency) == count  # warm-up
        for _ in range(passes):
            start, spent = time.perf_counter(), _cpu()
            created = await _once(bandwidth, count, concurrency)
            seconds.append(time.perf_counter() - start)
            cpu.append(_cpu() - spent)
            assert created == count, created
    return {"values": seconds, "cpu": cpu}


def main() -> None:
    base, count, concurrency, passes = sys.argv[1], *map(int, sys.argv[2:5])
    print(json.dumps(asyncio.run(_passes(base, count, concurrency, passes))))


if __name__ == "__main__":
    main()
