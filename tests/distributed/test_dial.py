"""
Dialling on Taskiq workers: real worker processes, a real Redis, the emulator; no call twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from bandwidth_async.distributed._enqueue import dial
from bandwidth_async.models import CreateCall
from bandwidth_async.testing import FakeBandwidth

from .procs import Workers


def intents(n: int) -> list[tuple[str, CreateCall]]:
    """*n* distinct calls, keyed by their tag."""
    return [
        (
            f"k{i}",
            CreateCall(
                to=f"+1919{i:07d}",
                from_="+19195550000",
                application_id="app-1",
                answer_url="http://127.0.0.1:9/answer",
                tag=f"k{i}",
            ),
        )
        for i in range(n)
    ]


def results(path: Path) -> list[dict[str, object]]:
    """The results file, one JSON object per line."""
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_workers_dial_each_intent_once(redis_url: str, prefix: str, tmp_path: Path) -> None:
    """Two workers dial 200 intents: one result each, every call created exactly once."""
    out = tmp_path / "results.jsonl"
    async with FakeBandwidth() as fake, Workers(redis_url, prefix, fake.base_url, 2):
        summary = await dial(redis_url, intents(200), out, key_prefix=prefix, idle_timeout=30)
        created = fake.created_calls
    assert summary.finished
    assert summary.counts == {"created": 200}
    lines = results(out)
    assert [r["key"] for r in lines] == [f"k{i}" for i in range(200)]
    assert sorted(c.tag or "" for c in created) == sorted(f"k{i}" for i in range(200))
    assert {r["call_id"] for r in lines} == {c.call_id for c in created}
