"""
Exporting on Taskiq workers: one part file per window, merged in order; a killed worker's
window is redone on resume, and the merged file equals a single-process export.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from bandwidth_async.distributed._enqueue import export as export_distributed
from bandwidth_async.export import Format, export
from bandwidth_async.testing import FakeBandwidth

from .procs import Workers

NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
SINCE = NOW - dt.timedelta(days=7)
WINDOW = dt.timedelta(hours=12)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
async def test_distributed_export_matches_single_process(
    redis_url: str, prefix: str, tmp_path: Path, fmt: Format
) -> None:
    """Two workers export 10,000 calls: the merged file is byte for byte the one-process export."""
    single, merged = tmp_path / f"single.{fmt}", tmp_path / f"merged.{fmt}"
    async with FakeBandwidth(calls=10_000, seed=3, now=NOW) as fake:
        async with fake.client() as client:
            result = await export(
                client,
                "calls",
                single,
                format=fmt,
                since=SINCE,
                until=NOW,
                window=WINDOW,
                concurrency=1,
            )
        async with Workers(redis_url, prefix, fake.base_url, 2):
            summary = await export_distributed(
                redis_url,
                "calls",
                merged,
                format=fmt,
                since=SINCE,
                until=NOW,
                window=WINDOW,
                key_prefix=prefix,
                idle_timeout=30,
            )
    assert summary.finished
    assert summary.count == result.count == 10_000
    assert merged.read_bytes() == single.read_bytes()
    assert os.listdir(f"{merged}.parts") == []  # noqa: PTH208


async def test_rerun_after_merge_is_a_no_op(redis_url: str, prefix: str, tmp_path: Path) -> None:
    """Running a finished export again enqueues nothing and leaves the merged file as it was."""
    out = tmp_path / "calls.jsonl"
    async with FakeBandwidth(calls=500, seed=4, now=NOW) as fake:
        async with Workers(redis_url, prefix, fake.base_url, 1):
            first = await export_distributed(
                redis_url, "calls", out, since=SINCE, until=NOW, key_prefix=prefix
            )
        before = out.read_bytes()
        requests = len(fake.requests)
        again = await asyncio.wait_for(
            export_distributed(redis_url, "calls", out, since=SINCE, until=NOW, key_prefix=prefix),
            30,
        )
    assert first.finished
    assert again.finished
    assert again.count == first.count == 500
    assert out.read_bytes() == before
    assert len(fake.requests) == requests


async def _wait_for(condition: Callable[[], Awaitable[bool]], timeout: float = 60) -> None:  # noqa: ASYNC109
    async with asyncio.timeout(timeout):
        while not await condition():
            await asyncio.sleep(0.05)


async def test_a_killed_worker_s_window_is_redone_on_resume(
    redis_url: str, prefix: str, tmp_path: Path
) -> None:
    """One of four workers killed mid-export: the resumed export holds every call exactly once."""
    calls = int(os.environ.get("BW_TEST_EXPORT_CALLS", "50000"))
    single, merged = tmp_path / "single.jsonl", tmp_path / "merged.jsonl"
    window = dt.timedelta(hours=6)
    async with FakeBandwidth(calls=calls, seed=5, now=NOW) as fake:
        async with fake.client() as client:
            await export(
                client, "calls", single, since=SINCE, until=NOW, window=window, concurrency=1
            )
        # Slow pages, so windows are in progress when the worker dies.
        fake.faults.latency(0.05, methods="GET", path="/calls$")
        done = f"{{{prefix}}}:export:"
        async with aioredis.Redis.from_url(redis_url) as conn:

            async def some_windows_done() -> bool:
                keys = await conn.keys(done + "*:done")
                return bool(keys) and await conn.hlen(keys[0]) >= 2

            async with Workers(redis_url, prefix, fake.base_url, 4, concurrency=2) as workers:
                run = asyncio.ensure_future(
                    export_distributed(
                        redis_url,
                        "calls",
                        merged,
                        since=SINCE,
                        until=NOW,
                        window=window,
                        key_prefix=prefix,
                        idle_timeout=3,
                        poll=0.1,
                    )
                )
                await _wait_for(some_windows_done)
                workers.kill(0)
                first = await asyncio.wait_for(run, 120)
                merged_early = merged.exists()
                second = await asyncio.wait_for(
                    export_distributed(
                        redis_url,
                        "calls",
                        merged,
                        since=SINCE,
                        until=NOW,
                        window=window,
                        key_prefix=prefix,
                        idle_timeout=10,
                        poll=0.1,
                    ),
                    120,
                )
    assert first.missing > 0  # the killed worker's windows were not done ...
    assert not merged_early  # ... so nothing was merged
    assert second.finished  # ... until the resumed run redid them
    lines = merged.read_bytes().splitlines()
    assert len(lines) == len(set(lines)) == calls
    assert merged.read_bytes() == single.read_bytes()
