"""
Export the last 7 days of calls to calls.jsonl, one JSON object per line.

    python examples/export_calls.py

With ``BW_CLIENT_ID``, ``BW_CLIENT_SECRET`` (or an API user's ``BW_USERNAME``, ``BW_PASSWORD``)
and ``BW_ACCOUNT_ID`` set it reads your Bandwidth account (``BW_BASE_URL``: another host, such as
a running emulator); without them it starts the emulator with 25,000 calls. Memory stays flat
however many calls there are; the same export from the shell is
``bandwidth-async export calls --since 2026-11-15T00:00Z --out calls.jsonl``.
"""

import asyncio
import datetime as dt
import os
import sys
from pathlib import Path

import bandwidth_async as bw
from bandwidth_async.export import ExportResult, export
from bandwidth_async.testing import FakeBandwidth

OUT = Path("calls.jsonl")
WEEK = dt.timedelta(days=7)


async def main() -> ExportResult:
    """
    Export from Bandwidth when credentials are set, else from the emulator.
    """
    progress = sys.stderr.isatty()
    if os.environ.get("BW_CLIENT_ID") or os.environ.get("BW_USERNAME"):
        async with bw.BandwidthClient(base_url=os.environ.get("BW_BASE_URL")) as client:
            since = dt.datetime.now(dt.UTC) - WEEK
            return await export(client, "calls", OUT, since=since, progress=progress)
    print("no BW_* credentials: exporting from the emulator (25,000 calls)", file=sys.stderr)
    async with FakeBandwidth(calls=25_000, seed=1) as fake, fake.client() as client:
        return await export(client, "calls", OUT, since=fake.now - WEEK, progress=progress)


if __name__ == "__main__":
    result = asyncio.run(main())
    print(
        f"exported {result.count} calls to {result.path} in {result.seconds:.1f} s "
        f"({result.rate:.0f} calls/s)"
    )
