"""
The Taskiq side: the broker, the worker's runtime, and the tasks (dial an intent, export a window).

Tasks are registered by name on a `RedisStreamBroker` (Redis streams with a consumer group:
a message is acknowledged only after its task ran, so a killed worker's messages are delivered
again). Enqueuers and workers build the same broker with `build_broker`; only a worker gives it
a `Runtime`, the client and Redis connection its tasks use.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO, Any

import attrs
import redis.asyncio as aioredis
from taskiq_redis import RedisStreamBroker

from .._client import BandwidthClient
from .._converter import structure
from .._errors import BandwidthError, OutcomeUnknownError
from ..export import _KINDS, ExportError, _from_ms, _in, _Output, _window_query
from ..models import CreateCall
from ._ledger import FINAL, Entry, RedisLedger, worker_id

__all__ = ["DIAL", "EXPORT_WINDOW", "Runtime", "build_broker", "part_name"]

DIAL = "bandwidth_async.dial"
EXPORT_WINDOW = "bandwidth_async.export_window"
_SPOOL_MAX = 1 << 20


@attrs.frozen
class Runtime:
    """
    What a worker's tasks share: one client (with the shared coordinator) and one Redis.
    """

    client: BandwidthClient
    redis: aioredis.Redis
    key_prefix: str


def queue_name(key_prefix: str) -> str:
    """
    The Redis stream the tasks of *key_prefix* go through.
    """
    return f"{{{key_prefix}}}:tasks"


def build_broker(
    url: str, *, key_prefix: str, runtime: Runtime | None = None, prefetch: int = 8
) -> RedisStreamBroker:
    """
    The broker for *url*, with the SDK's tasks registered; *runtime* only in a worker.

    A worker reads *prefetch* messages at a time: few, so a killed worker holds few back.
    """
    broker = RedisStreamBroker(
        url,
        queue_name=queue_name(key_prefix),
        consumer_group_name="bandwidth_async",
        # "0", not "$": the group may be created after the first messages were added.
        consumer_id="0",
        xread_count=prefetch,
        unacknowledged_lock_timeout=10,
        # Named, so CLIENT LIST shows which connections are this prefix's workers.
        client_name=f"bandwidth-async:{key_prefix}",
    )

    async def dial(campaign: str, key: str, call: dict[str, Any]) -> str:
        assert runtime is not None  # noqa: S101 - only workers run tasks
        return await dial_intent(runtime, campaign, key, call)

    async def export_window(job: dict[str, Any]) -> int:
        assert runtime is not None  # noqa: S101
        return await write_window(runtime, job)

    # At-least-once delivery is the queue's job; a dial is never retried by the engine.
    broker.register_task(dial, task_name=DIAL, retry_on_error=False, max_retries=0)
    broker.register_task(export_window, task_name=EXPORT_WINDOW, retry_on_error=False)
    return broker


# -- dialling ------------------------------------------------------------------------------


async def dial_intent(runtime: Runtime, campaign: str, key: str, call: dict[str, Any]) -> str:
    """
    Dial *call* once for intent *key* unless the ledger shows it was claimed; its final status.
    """
    ledger = RedisLedger(runtime.redis, runtime.key_prefix, campaign)
    request = structure(call, CreateCall)
    seen = await ledger.claim(key, to=request.to, tag=request.tag)
    if seen is not None:
        if seen.status in FINAL:
            return seen.status
        return (await ledger.abandon(seen)).status
    entry = Entry(key=key, status="sending", to=request.to, tag=request.tag, worker=worker_id())
    try:
        response = await runtime.client.calls.create(request)
    except OutcomeUnknownError as exc:
        entry = attrs.evolve(entry, status="unknown", error=str(exc))
    except BandwidthError as exc:
        entry = attrs.evolve(entry, status="failed", error=f"{type(exc).__name__}: {exc}")
    else:
        entry = attrs.evolve(entry, status="created", call_id=response.call_id)
    await ledger.record(attrs.evolve(entry, at=time.time()))
    return entry.status


# -- exporting -----------------------------------------------------------------------------


def part_name(lo: int, hi: int) -> str:
    """
    The file name of window [*lo*, *hi*)'s part: fixed by the window, so a re-run overwrites it.
    """
    return f"{lo:015d}-{hi:015d}.part"


def done_key(key_prefix: str, export_id: str) -> str:
    """
    The Redis hash of an export's finished windows (``lo-hi`` -> records written).
    """
    return f"{{{key_prefix}}}:export:{export_id}:done"


async def _fetch(
    runtime: Runtime,
    kind: str,
    *,
    lo: int,
    hi: int,
    output: _Output,
    dest: IO[bytes],
    page_size: int,
) -> int:
    """
    Write every record of [*lo*, *hi*) to *dest*, splitting a window that comes back full.

    Halves are fetched lower first, as the single-process export does, so the bytes match.
    """
    cap = _KINDS[kind].cap
    time_of = _KINDS[kind].time_of
    pending = [(lo, hi)]
    count = 0
    while pending:
        a, b = pending.pop(0)
        seen = kept = 0
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MAX) as spool:
            async for page in _window_query(runtime.client, kind, a, b, page_size).pages():
                seen += len(page.items)
                records = [r for r in page.items if _in(time_of(r), a, b)]
                spool.write(output.encode(records))
                kept += len(records)
                if seen >= cap:
                    break
            if seen < cap:
                spool.seek(0)
                shutil.copyfileobj(spool, dest)
                count += kept
                continue
        if b - a < 2:  # noqa: PLR2004 - a millisecond cannot be halved
            msg = f"{seen} {kind} or more start at {_from_ms(a).isoformat()}: more than fit"
            raise ExportError(msg)
        mid = a + (b - a) // 2
        pending[0:0] = [(a, mid), (mid, b)]
    return count


async def write_window(runtime: Runtime, job: dict[str, Any]) -> int:
    """
    Export one window to its part file, atomically, then mark it done; records written.
    """
    kind, lo, hi = job["kind"], job["lo"], job["hi"]
    parts = Path(job["parts"])
    output = _Output(parts / "unused", job["format"], _KINDS[kind].model, durable=False)
    fd, tmp = tempfile.mkstemp(prefix=".window-", dir=parts)
    try:
        with os.fdopen(fd, "wb") as dest:
            count = await _fetch(
                runtime, kind, lo=lo, hi=hi, output=output, dest=dest, page_size=job["page_size"]
            )
            dest.flush()
            os.fsync(dest.fileno())
        os.replace(tmp, parts / part_name(lo, hi))  # noqa: PTH105 - os: no blocking-pathlib lint
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)  # noqa: PTH108
        raise
    await runtime.redis.hset(done_key(runtime.key_prefix, job["export"]), f"{lo}-{hi}", count)
    return count
