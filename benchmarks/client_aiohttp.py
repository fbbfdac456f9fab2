"""
The floor: raw aiohttp, JSON to dicts with ``response.json()``, ``Link`` followed by hand.

What a careful developer writes without any SDK; nothing here structures or validates.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import aiohttp
import server


def _auth() -> dict[str, str]:
    return {"Authorization": server.AUTHORIZATION}


async def _export_once(http: aiohttp.ClientSession, base: str) -> int:
    url: str | None = f"{base}/accounts/{server.ACCOUNT_ID}/calls?pageSize=1000"
    count = 0
    while url is not None:
        async with http.get(url) as response:
            response.raise_for_status()
            records = await response.json()
            link = response.links.get("next")
        for record in records:
            if record["callId"]:
                count += 1
        url = str(link["url"]) if link else None
    return count


async def _export(base: str, total: int, repeat: int, warm: bool) -> list[float]:
    async with aiohttp.ClientSession(headers=_auth()) as http:
        if warm:
            assert await _export_once(http, base) == total  # warm-up: one full pass
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            count = await _export_once(http, base)
            times.append(time.perf_counter() - start)
            assert count == total, count
    return times


def export(base: str, total: int, repeat: int, warm: bool = True) -> list[float]:
    """Seconds to list and read *total* calls, *repeat* times (after one warm-up pass)."""
    return asyncio.run(_export(base, total, repeat, warm))


def create_call_body(i: int) -> dict[str, str]:
    """The createCall body every client sends (the same four fields plus a tag)."""
    return {
        "to": f"+1919555{i % 10_000:04d}",
        "from": "+19195554321",
        "applicationId": server.APPLICATION_ID,
        "answerUrl": "https://example.com/answer",
        "tag": f"bench-{i}",
    }


async def _dial_once(http: aiohttp.ClientSession, base: str, count: int, concurrency: int) -> int:
    url = f"{base}/accounts/{server.ACCOUNT_ID}/calls"
    numbers = iter(range(count))
    created = 0

    async def worker() -> None:
        nonlocal created
        for i in numbers:
            async with http.post(url, json=create_call_body(i)) as response:
                response.raise_for_status()
                data = await response.json()
            if data["callId"]:
                created += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return created


async def _dial(base: str, count: int, concurrency: int, repeat: int, warm: bool) -> list[float]:
    async with aiohttp.ClientSession(headers=_auth()) as http:
        if warm:
            await _dial_once(http, base, count, concurrency)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            created = await _dial_once(http, base, count, concurrency)
            times.append(time.perf_counter() - start)
            assert created == count, created
    return times


def dial(base: str, count: int, concurrency: int, repeat: int, warm: bool = True) -> list[float]:
    """Seconds to create *count* calls, *concurrency* at a time, *repeat* times (+ a warm-up)."""
    return asyncio.run(_dial(base, count, concurrency, repeat, warm))


def decode(page: bytes) -> int:
    """Turn one page of bytes into dicts, as ``response.json()`` does."""
    return len(json.loads(page.decode("utf-8")))


async def _export_file(base: str, path: Path) -> int:
    url: str | None = f"{base}/accounts/{server.ACCOUNT_ID}/calls?pageSize=1000"
    count = 0
    async with aiohttp.ClientSession(headers=_auth()) as http:
        with path.open("w", encoding="utf-8") as out:
            while url is not None:
                async with http.get(url) as response:
                    response.raise_for_status()
                    records = await response.json()
                    link = response.links.get("next")
                out.writelines(json.dumps(r, separators=(",", ":")) + "\n" for r in records)
                count += len(records)
                url = str(link["url"]) if link else None
    return count


def export_file(base: str, path: Path) -> int:
    """Write every call to *path* as JSON Lines; returns how many."""
    return asyncio.run(_export_file(base, path))
