"""
The command line's distributed parts, run as a user would: real processes, real Redis.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
from pathlib import Path

from bandwidth_async.testing import FakeBandwidth

from .procs import ROOT, Workers

NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
ENV = {
    **os.environ,
    "BW_USERNAME": "fake-user",
    "BW_PASSWORD": "fake-password",
    "BW_ACCOUNT_ID": "9900000",
}


async def cli(*args: str) -> tuple[int, str]:
    """Run ``python -m bandwidth_async args...``; its exit status and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bandwidth_async",
        *args,
        cwd=ROOT,
        env=ENV,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_export_distributed_from_the_command_line(
    redis_url: str, prefix: str, tmp_path: Path
) -> None:
    """``export calls --distributed URL`` with two workers writes every call once, oldest first."""
    out = tmp_path / "calls.jsonl"
    async with FakeBandwidth(calls=3000, seed=7, now=NOW) as fake:
        async with Workers(redis_url, prefix, fake.base_url, 2):
            status, err = await cli(
                "export",
                "calls",
                "--out",
                str(out),
                "--since",
                (NOW - dt.timedelta(days=8)).isoformat(),
                "--until",
                NOW.isoformat(),
                "--base-url",
                fake.base_url,
                "--distributed",
                redis_url,
                "--key-prefix",
                prefix,
            )
    assert status == 0, err
    assert "exported 3000 calls" in err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len({r["callId"] for r in records}) == len(records) == 3000
    assert [r["startTime"] for r in records] == sorted(r["startTime"] for r in records)


async def test_worker_without_redis_says_so(tmp_path: Path) -> None:
    """A worker pointed at a Redis nobody runs exits 2 with the reason, not a traceback."""
    status, err = await cli("worker", "--redis", "redis://127.0.0.1:1/0")
    assert status == 2
    assert "cannot reach Redis" in err
    assert "Traceback" not in err


async def test_dial_distributed_from_the_command_line(
    redis_url: str, prefix: str, tmp_path: Path
) -> None:
    """``dial --distributed URL`` with two workers: one result line per number, none twice."""
    numbers = tmp_path / "numbers.csv"
    numbers.write_text("to,tag\n" + "".join(f"+1919555{i:04d},n{i}\n" for i in range(50)))
    out = tmp_path / "results.jsonl"
    async with FakeBandwidth() as fake:
        async with Workers(redis_url, prefix, fake.base_url, 2):
            status, err = await cli(
                "dial",
                "--numbers",
                str(numbers),
                "--from",
                "+19195550000",
                "--application-id",
                "04e88489-df02-4e34-a0ee-27a91849555f",
                "--answer-url",
                "http://127.0.0.1:9/answer",
                "--out",
                str(out),
                "--distributed",
                redis_url,
                "--key-prefix",
                prefix,
            )
        created = fake.created_calls
    assert status == 0, err
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["tag"] for line in lines] == [f"n{i}" for i in range(50)]
    assert {line["status"] for line in lines} == {"created"}
    assert sorted(c.tag or "" for c in created) == sorted(f"n{i}" for i in range(50))
