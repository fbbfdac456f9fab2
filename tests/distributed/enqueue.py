"""
Enqueue a test campaign from its own process, so the emulator's process only serves requests.

Run as ``python -m tests.distributed.enqueue '<json>'`` with keys redis, prefix, count, out,
idle_timeout; prints the summary as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from bandwidth_async.distributed._enqueue import dial

from .test_dial import intents


async def main(opts: dict[str, Any]) -> None:
    summary = await dial(
        opts["redis"],
        intents(opts["count"]),
        opts["out"],
        key_prefix=opts["prefix"],
        idle_timeout=opts["idle_timeout"],
    )
    report = {"counts": summary.counts, "unfinished": len(summary.unfinished)}
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
