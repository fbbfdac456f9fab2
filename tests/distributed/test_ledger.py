"""
The Redis ledger and the dial task, in this process: at-least-once delivery never dials twice.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis

import bandwidth_async as bw
from bandwidth_async import _distributed_cli
from bandwidth_async._converter import unstructure
from bandwidth_async.distributed._ledger import Entry, RedisLedger
from bandwidth_async.distributed._tasks import Runtime, dial_intent
from bandwidth_async.testing import FakeBandwidth

from .test_dial import intents


@pytest.fixture
async def runtime(redis_url: str, prefix: str) -> AsyncIterator[tuple[Runtime, FakeBandwidth]]:
    """A worker's runtime in this process: a client to the emulator and a Redis connection."""
    async with FakeBandwidth() as fake, fake.client() as client:
        conn: aioredis.Redis = aioredis.Redis.from_url(redis_url)
        try:
            yield Runtime(client, conn, prefix), fake
        finally:
            await conn.aclose()


async def test_a_redelivered_intent_is_not_dialled_again(
    runtime: tuple[Runtime, FakeBandwidth],
) -> None:
    """The same intent delivered three times places one call and keeps one result."""
    rt, fake = runtime
    key, call = intents(1)[0]
    statuses = [await dial_intent(rt, "c1", key, unstructure(call)) for _ in range(3)]
    entries = await RedisLedger(rt.redis, rt.key_prefix, "c1").entries([key])
    assert statuses == ["created"] * 3
    assert len(fake.created_calls) == 1
    assert entries[key].call_id == fake.created_calls[0].call_id
    assert await RedisLedger(rt.redis, rt.key_prefix, "c1").finished() == 1


async def test_an_intent_left_sending_becomes_unknown(
    runtime: tuple[Runtime, FakeBandwidth],
) -> None:
    """A claim whose worker died is marked unknown on redelivery and never dialled."""
    rt, fake = runtime
    key, call = intents(1)[0]
    ledger = RedisLedger(rt.redis, rt.key_prefix, "c2")
    assert await ledger.claim(key, to=call.to, tag=call.tag) is None  # a worker that then died
    status = await dial_intent(rt, "c2", key, unstructure(call))
    entry = (await ledger.entries([key]))[key]
    assert status == "unknown"
    assert entry.status == "unknown"
    assert "stopped before the answer came" in (entry.error or "")
    assert fake.created_calls == []
    assert await ledger.unfinished([key]) == []


async def test_abandoning_never_overwrites_a_real_outcome(
    runtime: tuple[Runtime, FakeBandwidth],
) -> None:
    """If the dialler records its outcome first, marking the old claim unknown changes nothing."""
    rt, _ = runtime
    ledger = RedisLedger(rt.redis, rt.key_prefix, "c3")
    assert await ledger.claim("k", to="+19195550001", tag="k") is None
    seen = (await ledger.entries(["k"]))["k"]
    await ledger.record(Entry(key="k", status="created", call_id="c-1", to="+19195550001"))
    after = await ledger.abandon(seen)
    assert after.status == "created"
    assert after.call_id == "c-1"


async def test_a_refused_call_is_failed_and_counted(
    runtime: tuple[Runtime, FakeBandwidth],
) -> None:
    """Bandwidth refusing the call (400) records failed with the error, and no call exists."""
    rt, fake = runtime
    key, call = intents(1)[0]
    fake.faults.server_error(400, methods="POST", path="/calls$")
    status = await dial_intent(rt, "c4", key, unstructure(call))
    entry = (await RedisLedger(rt.redis, rt.key_prefix, "c4").entries([key]))[key]
    assert status == "failed"
    assert entry.error is not None
    assert entry.error.startswith("BadRequestError")
    assert fake.created_calls == []


async def test_dial_command_without_workers_says_run_again(
    redis_url: str, prefix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``dial --distributed`` with no worker running gives up after the idle timeout: exit 1."""
    args = argparse.Namespace(
        distributed=redis_url, out=tmp_path / "r.jsonl", key_prefix=prefix, idle_timeout=0.3
    )
    status = await _distributed_cli.dial(args, [call for _, call in intents(3)])
    assert status == 1
    assert "3 intents have no result yet" in capsys.readouterr().err
    assert (tmp_path / "r.jsonl").read_text() == ""


async def test_duplicate_keys_are_refused_before_anything_is_queued(
    redis_url: str, prefix: str, tmp_path: Path
) -> None:
    """Two rows with one key cannot both have exactly one result: refused up front."""
    from bandwidth_async.distributed._enqueue import dial  # noqa: PLC0415

    calls = intents(2)
    with pytest.raises(ValueError, match="share a key"):
        await dial(redis_url, [calls[0], calls[0]], tmp_path / "r.jsonl", key_prefix=prefix)


async def test_enqueuing_to_an_unreachable_redis_is_a_configuration_error(tmp_path: Path) -> None:
    """``dial --distributed`` at a Redis nobody runs fails at once, naming the queue."""
    from bandwidth_async.distributed._enqueue import dial  # noqa: PLC0415

    with pytest.raises(bw.ConfigurationError, match="cannot reach Redis"):
        await dial("redis://127.0.0.1:1/0", intents(1), tmp_path / "r.jsonl")


async def test_distributed_export_is_for_windowed_kinds(redis_url: str, tmp_path: Path) -> None:
    """Messages have no windows to share out: refused before anything is queued."""
    from bandwidth_async.distributed._enqueue import export  # noqa: PLC0415

    with pytest.raises(ValueError, match="calls and recordings"):
        await export(redis_url, "messages", tmp_path / "m.jsonl")
