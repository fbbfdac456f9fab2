"""
Exporting on Taskiq workers: one part file per window, merged in order; a killed worker's
window is redone on resume, and the merged file equals a single-process export.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from pathlib import Path

from bandwidth_async.distributed._enqueue import export as export_distributed
from bandwidth_async.export import export
from bandwidth_async.testing import FakeBandwidth

from .procs import Workers

NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
SINCE = NOW - dt.timedelta(days=7)
WINDOW = dt.timedelta(hours=12)


async def test_distributed_export_matches_single_process(
    redis_url: str, prefix: str, tmp_path: Path
) -> None:
    """Two workers export 20,000 calls: the merged file is byte for byte the one-process export."""
    single, merged = tmp_path / "single.jsonl", tmp_path / "merged.jsonl"
    async with FakeBandwidth(calls=20_000, seed=3, now=NOW) as fake:
        async with fake.client() as client:
            result = await export(
                client, "calls", single, since=SINCE, until=NOW, window=WINDOW, concurrency=1
            )
        async with Workers(redis_url, prefix, fake.base_url, 2):
            summary = await export_distributed(
                redis_url,
                "calls",
                merged,
                since=SINCE,
                until=NOW,
                window=WINDOW,
                key_prefix=prefix,
                idle_timeout=30,
            )
    assert summary.finished
    assert summary.count == result.count == 20_000
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
