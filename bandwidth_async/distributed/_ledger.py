"""
The dial ledger in Redis: one key per intent of a campaign, claimed with ``SET NX``.

The states are the SQLite ledger's: ``sending`` (claimed, before the request goes out), then
``created`` (with the call id), ``failed`` (Bandwidth said no; nothing was placed) or ``unknown``
(sent, no answer: it may have been placed). A queue delivers at least once, so an intent can
arrive twice; only the delivery that wins the claim dials, every other one reads the entry.
An intent found ``sending`` by a later delivery belongs to a worker that stopped before its
answer came: it becomes ``unknown``, listed for reconciliation and never dialled again.

This module reads and writes Redis; it sends nothing to Bandwidth.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import attrs
import redis.asyncio as aioredis

__all__ = ["FINAL", "Entry", "RedisLedger", "Status"]

Status = Literal["sending", "created", "failed", "unknown"]
FINAL: frozenset[str] = frozenset({"created", "failed", "unknown"})

# Replace the entry only if it still holds exactly what was read: a compare-and-set, so a
# dialler's real outcome written meanwhile is never overwritten by "unknown".
_SWAP = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[3])
  return 1
end
return 0
"""


@attrs.frozen(kw_only=True)
class Entry:
    """
    One intent's record: its state, what was dialled, and how it went.
    """

    key: str
    status: Status
    to: str | None = None
    tag: str | None = None
    call_id: str | None = None
    error: str | None = None
    worker: str | None = None
    at: float = 0.0

    def dump(self) -> str:
        """
        The JSON text stored in Redis.
        """
        return json.dumps(attrs.asdict(self), separators=(",", ":"))

    @classmethod
    def load(cls, text: bytes | str) -> Entry:
        """
        An entry from its stored JSON text.
        """
        data: dict[str, Any] = json.loads(text)
        return cls(**data)

    def result(self) -> dict[str, Any]:
        """
        The line ``dial`` writes to its results file for this entry.
        """
        return {
            "key": self.key,
            "to": self.to,
            "tag": self.tag,
            "status": self.status,
            "call_id": self.call_id,
            "error": self.error,
        }


def worker_id() -> str:
    """
    Who claimed an entry: host name and process id, for the humans reading the ledger.
    """
    return f"{socket.gethostname()}:{os.getpid()}"


class RedisLedger:
    """
    A campaign's entries under ``{key_prefix}:dial:<campaign>:<key>`` on a shared Redis.

    Beside them, the set ``{key_prefix}:dial:<campaign>`` holds the keys with a final entry,
    so progress is one ``SCARD``, however large the campaign.
    """

    def __init__(self, conn: aioredis.Redis, key_prefix: str, campaign: str) -> None:
        self._conn = conn
        self._base = f"{{{key_prefix}}}:dial:{campaign}:"
        self._finished = f"{{{key_prefix}}}:dial:{campaign}"
        self._swap = conn.register_script(_SWAP)

    def redis_key(self, key: str) -> str:
        """
        The Redis key holding the entry of intent *key*.
        """
        return self._base + key

    async def claim(self, key: str, *, to: str, tag: str | None) -> Entry | None:
        """
        Claim *key* for dialling: None when this caller won, else the entry already there.
        """
        entry = Entry(key=key, status="sending", to=to, tag=tag, worker=worker_id(), at=time.time())
        if await self._conn.set(self.redis_key(key), entry.dump(), nx=True):
            return None
        raw = await self._conn.get(self.redis_key(key))
        seen = entry if raw is None else Entry.load(raw)
        if seen.status in FINAL:  # counted already, unless its writer died in between
            await self._conn.sadd(self._finished, key)
        return seen

    async def record(self, entry: Entry) -> None:
        """
        Write the outcome of an intent this caller claimed and sent, and count it finished.
        """
        async with self._conn.pipeline(transaction=True) as pipe:
            pipe.set(self.redis_key(entry.key), entry.dump())
            pipe.sadd(self._finished, entry.key)
            await pipe.execute()

    async def finished(self) -> int:
        """
        How many intents of the campaign have a final entry.
        """
        count: int = await self._conn.scard(self._finished)
        return count

    async def abandon(self, seen: Entry) -> Entry:
        """
        Mark *seen* (a ``sending`` entry left by a stopped worker) ``unknown``; the entry now.
        """
        unknown = attrs.evolve(
            seen,
            status="unknown",
            error=f"claimed by {seen.worker}, which stopped before the answer came; "
            "it may have been placed",
            at=time.time(),
        )
        swapped = await self._swap(
            keys=[self.redis_key(seen.key), self._finished],
            args=[seen.dump(), unknown.dump(), seen.key],
        )
        if swapped:
            return unknown
        raw = await self._conn.get(self.redis_key(seen.key))
        return unknown if raw is None else Entry.load(raw)

    async def entries(self, keys: Sequence[str], chunk: int = 1000) -> dict[str, Entry]:
        """
        The entries of *keys* that exist, read a thousand at a time.
        """
        found: dict[str, Entry] = {}
        for start in range(0, len(keys), chunk):
            part = keys[start : start + chunk]
            values = await self._conn.mget([self.redis_key(k) for k in part])
            found.update({k: Entry.load(v) for k, v in zip(part, values, strict=True) if v})
        return found

    async def unfinished(self, keys: Iterable[str]) -> list[str]:
        """
        The keys with no entry, or one still ``sending``, in the order given.
        """
        ordered = list(keys)
        entries = await self.entries(ordered)
        return [k for k in ordered if k not in entries or entries[k].status not in FINAL]
