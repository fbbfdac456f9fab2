"""
A process that dials through a RedisCoordinator, for the multi-process tests.

Run as ``python -m tests.distributed.dialer '<json>'``; prints a JSON summary on stdout.
Keys: redis, prefix, rate, burst, base_url, count, tasks, name, mode ("manual": the coordinator
consulted by hand around each request; "client": passed to BandwidthClient(coordinator=...)).
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import bandwidth_async as bw
from bandwidth_async.distributed import RedisCoordinator
from bandwidth_async.models import CreateCall

#: The README's voice application, which every emulator account has.
APPLICATION = "04e88489-df02-4e34-a0ee-27a91849555f"


def _call(name: str, i: int) -> CreateCall:
    return CreateCall(
        to=f"+1919555{i:04d}",
        from_="+19195550000",
        application_id=APPLICATION,
        answer_url="http://127.0.0.1:9/answer",
        tag=f"{name}-{i}",
    )


async def _manual(opts: dict[str, Any], coordinator: RedisCoordinator) -> dict[str, int]:
    counts = {"created": 0, "rate_limited": 0}
    queue = list(range(opts["count"]))
    async with bw.BandwidthClient(
        "fake-user",
        "fake-password",
        "9900000",
        base_url=opts["base_url"],
        retry=bw.RetryPolicy(max_attempts=1),
    ) as client:

        async def worker() -> None:
            while queue:
                i = queue.pop()
                while True:
                    await coordinator.wait_turn("voice")
                    try:
                        await client.calls.create(_call(opts["name"], i))
                    except bw.RateLimitError as exc:
                        counts["rate_limited"] += 1
                        await coordinator.close_gate("voice", exc.retry_after or 1.0)
                    else:
                        counts["created"] += 1
                        break

        await asyncio.gather(*(worker() for _ in range(opts["tasks"])))
    return counts


async def _client(opts: dict[str, Any], coordinator: RedisCoordinator) -> dict[str, int]:
    counts = {"created": 0, "rate_limited": 0}
    queue = list(range(opts["count"]))

    def count_429(event: bw.RetryEvent) -> None:
        counts["rate_limited"] += event.reason.startswith("429")

    async with bw.BandwidthClient(
        "fake-user",
        "fake-password",
        "9900000",
        base_url=opts["base_url"],
        rate_limit=opts["rate"],
        coordinator=coordinator,
        retry=bw.RetryPolicy(max_attempts=10, on_retry=count_429),
    ) as client:

        async def worker() -> None:
            while queue:
                await client.calls.create(_call(opts["name"], queue.pop()))
                counts["created"] += 1

        await asyncio.gather(*(worker() for _ in range(opts["tasks"])))
    return counts


async def main(opts: dict[str, Any]) -> None:
    if opts["mode"] == "manual":
        coordinator = RedisCoordinator(
            opts["redis"], key_prefix=opts["prefix"], rate_limit=opts["rate"], burst=opts["burst"]
        )
    else:
        coordinator = RedisCoordinator(
            opts["redis"], key_prefix=opts["prefix"], burst=opts["burst"]
        )
    try:
        run = _manual if opts["mode"] == "manual" else _client
        counts = await run(opts, coordinator)
    finally:
        await coordinator.aclose()
    sys.stdout.write(json.dumps(counts) + "\n")


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
