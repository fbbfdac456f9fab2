"""
The Taskiq side: the broker, the worker's runtime, and the tasks (dial an intent, export a window).

Tasks are registered by name on a `RedisStreamBroker` (Redis streams with a consumer group:
a message is acknowledged only after its task ran, so a killed worker's messages are delivered
again). Enqueuers and workers build the same broker with `build_broker`; only a worker gives it
a `Runtime`, the client and Redis connection its tasks use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import time
from typing import Any

import attrs
import redis.asyncio as aioredis
from taskiq_redis import RedisStreamBroker

from .._client import BandwidthClient
from .._converter import structure
from .._errors import BandwidthError, OutcomeUnknownError
from .._telemetry import choose, telemetry_of
from ..export import export
from ..models import CreateCall
from ._ledger import FINAL, Entry, RedisLedger, worker_id
from ._tracing import TraceContext

__all__ = ["DIAL", "EXPORT_WINDOW", "Runtime", "build_broker", "part_name"]

DIAL = "bandwidth_async.dial"
EXPORT_WINDOW = "bandwidth_async.export_window"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


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

    # A worker's task span links to the span that enqueued the task (with the otel extra).
    broker.add_middlewares(TraceContext(telemetry_of(runtime.client) if runtime else choose()))
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
    telemetry_of(runtime.client).dial_outcome(entry.status)
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


def _ms_time(ms: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(milliseconds=ms)


def _sync(path: str) -> None:
    with open(path, "rb") as f:  # noqa: PTH123 - a plain fd to fsync
        os.fsync(f.fileno())


async def write_window(runtime: Runtime, job: dict[str, Any]) -> int:
    """
    Export one window with the one-process `export` to its part file, atomically; records.

    The part is the window's export exactly as a one-process export writes it, so the merged
    parts are the same bytes (CSV: the merger keeps the first part's header only).
    """
    lo, hi = job["lo"], job["hi"]
    parts = job["parts"]
    fd, tmp = tempfile.mkstemp(prefix=".window-", dir=parts)
    os.close(fd)
    extra = {"page_size": job["page_size"]} if job.get("page_size") else {}
    try:
        result = await export(
            runtime.client,
            job["kind"],
            tmp,
            format=job["format"],
            since=_ms_time(lo),
            until=_ms_time(hi),
            concurrency=1,
            window=dt.timedelta(milliseconds=hi - lo),
            **extra,
        )
        _sync(tmp)
        os.replace(tmp, os.path.join(parts, part_name(lo, hi)))  # noqa: PTH105, PTH118
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)  # noqa: PTH108
        raise
    await runtime.redis.hset(
        done_key(runtime.key_prefix, job["export"]), f"{lo}-{hi}", result.count
    )
    return result.count
