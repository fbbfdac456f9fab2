"""
The enqueuing side: queue a campaign's intents or an export's windows, wait, write or merge.

After the workers are done, `dial` writes one result per intent and `export` merges the parts.

Running the same campaign or export again is the way to resume: only intents without a final
ledger entry, and windows not marked done, are enqueued again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import redis.asyncio as aioredis
from taskiq.kicker import AsyncKicker

from .._converter import unstructure
from .._errors import ConfigurationError
from ..export import ExportError, Format, Kind
from ..models import CreateCall
from ._ledger import Entry, RedisLedger
from ._tasks import DIAL, EXPORT_WINDOW, build_broker, done_key, part_name

__all__ = ["DialSummary", "ExportSummary", "dial", "export", "plan_windows"]

_MS = dt.timedelta(milliseconds=1)


@attrs.frozen
class DialSummary:
    """
    How a distributed campaign stands: status counts, and the keys still without a result.
    """

    counts: dict[str, int]
    unfinished: list[str]
    path: Path

    @property
    def finished(self) -> bool:
        """
        Whether every intent has its one result.
        """
        return not self.unfinished


@attrs.frozen
class ExportSummary:
    """
    What a distributed export wrote, or how many windows are still missing.
    """

    path: Path
    count: int
    windows: int
    missing: int
    seconds: float

    @property
    def finished(self) -> bool:
        """
        Whether every window was written and the parts merged into *path*.
        """
        return self.missing == 0


async def _connect(url: str) -> aioredis.Redis:
    conn: aioredis.Redis = aioredis.Redis.from_url(
        url, socket_connect_timeout=5, decode_responses=True
    )
    try:
        await conn.ping()
    except (aioredis.ConnectionError, aioredis.TimeoutError, OSError) as exc:
        await conn.aclose()
        raise ConfigurationError(f"cannot reach Redis for the queue: {exc}") from exc
    return conn


async def _wait(
    progress: Callable[[], Any], done: Callable[[Any], bool], idle_timeout: float, poll: float
) -> Any:
    """
    Poll *progress* until *done*, or until it has not changed for *idle_timeout* seconds.
    """
    state = await progress()
    changed = time.monotonic()
    while not done(state):
        await asyncio.sleep(poll)
        now_state = await progress()
        if now_state != state:
            state, changed = now_state, time.monotonic()
        elif time.monotonic() - changed > idle_timeout:
            break
    return state


async def _kick_all(kicks: Iterable[Awaitable[object]], at_once: int = 200) -> None:
    """
    Await *kicks* (enqueue calls) *at_once* at a time: workers start on the first ones at once.
    """
    batch: list[Awaitable[object]] = []
    for kick in kicks:
        batch.append(kick)
        if len(batch) >= at_once:
            await asyncio.gather(*batch)
            batch = []
    await asyncio.gather(*batch)


def campaign_id(calls: Sequence[tuple[str, CreateCall]]) -> str:
    """
    A campaign's default name: a digest of its intents, so the same input resumes the same one.
    """
    digest = hashlib.sha256()
    for key, call in calls:
        digest.update(json.dumps([key, unstructure(call)], sort_keys=True).encode())
    return digest.hexdigest()[:16]


async def dial(
    url: str,
    calls: Iterable[tuple[str, CreateCall]],
    out: str | os.PathLike[str],
    *,
    key_prefix: str = "bandwidth",
    campaign: str | None = None,
    idle_timeout: float = 60.0,
    poll: float = 0.5,
) -> DialSummary:
    """
    Enqueue each ``(key, call)`` not yet final in the Redis ledger, wait, write *out* (JSON Lines).

    Each line of *out* is one intent's result, in input order: ``key``, ``to``, ``tag``,
    ``status`` (``created``, ``failed`` or ``unknown``), ``call_id`` and ``error``. Waiting ends
    when every intent has a result, or when none finished for *idle_timeout* seconds (a worker
    died holding some): then the unfinished keys are returned, and running the same campaign
    again finishes them.
    """
    intents = list(calls)
    keys = [key for key, _ in intents]
    if len(set(keys)) != len(keys):
        raise ValueError("two intents share a key: give each row a distinct tag")
    campaign = campaign or campaign_id(intents)
    conn = await _connect(url)
    broker = build_broker(url, key_prefix=key_prefix)
    try:
        ledger = RedisLedger(conn, key_prefix, campaign)
        todo = set(await ledger.unfinished(keys))
        await broker.startup()
        kicker: AsyncKicker[Any, Any] = AsyncKicker(DIAL, broker, {})
        await _kick_all(
            kicker.kiq(campaign, key, unstructure(call)) for key, call in intents if key in todo
        )
        await _wait(ledger.finished, lambda n: n >= len(keys), idle_timeout, poll)
        entries = await ledger.entries(keys)
    finally:
        await broker.shutdown()
        await conn.aclose()
    return _write_results(Path(out), keys, entries)


def _write_results(path: Path, keys: Sequence[str], entries: dict[str, Entry]) -> DialSummary:
    counts: dict[str, int] = {}
    unfinished: list[str] = []
    lines = []
    for key in keys:
        entry = entries.get(key)
        if entry is None or entry.status == "sending":
            unfinished.append(key)
            continue
        counts[entry.status] = counts.get(entry.status, 0) + 1
        lines.append(json.dumps(entry.result()) + "\n")
    _replace(path, "".join(lines).encode())
    return DialSummary(counts, unfinished, path)


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- export --------------------------------------------------------------------------------


_WINDOWED = ("calls", "recordings")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _ms(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return (moment - _EPOCH) // _MS


def bounds(kind: str, since: dt.datetime | None, until: dt.datetime | None) -> tuple[int, int]:
    """
    [*since*, *until*) in epoch milliseconds, with `export`'s defaults (now; 8 days before).

    Raises:
        ValueError: *kind* is not windowed (calls, recordings), or the range is empty.
    """
    if kind not in _WINDOWED:
        raise ValueError(f"distributed export is for calls and recordings, not {kind}")
    hi = _ms(until or dt.datetime.now(dt.UTC))
    lo = hi - 8 * 86_400_000 if since is None else _ms(since)
    if lo >= hi:
        raise ValueError(f"since must be before until, got {since} and {until}")
    return lo, hi


def plan_windows(lo: int, hi: int, step: int) -> list[tuple[int, int]]:
    """
    [*lo*, *hi*) cut into windows of *step* milliseconds (the last may be shorter), oldest first.
    """
    return [(at, min(at + step, hi)) for at in range(lo, hi, step)]


async def export(
    url: str,
    kind: Kind,
    out: str | os.PathLike[str],
    *,
    format: Format = "jsonl",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    window: dt.timedelta = dt.timedelta(hours=1),
    page_size: int = 1000,
    key_prefix: str = "bandwidth",
    idle_timeout: float = 60.0,
    poll: float = 0.5,
) -> ExportSummary:
    """
    Export calls or recordings across workers: one task per window, then merge the parts.

    Each window's records go to ``<out>.parts/<lo>-<hi>.part`` (written atomically, so a window
    done twice overwrites, never duplicates); *out* is the parts in window order, each oldest
    first: the same bytes as ``export(..., window=window, concurrency=1)`` in one process.
    The parts directory must be reachable by every worker (one machine, or a shared file system).
    """
    began = time.perf_counter()
    path, parts = _prepare(Path(out))
    lo, hi = bounds(kind, since, until)
    step = window // _MS
    windows = plan_windows(lo, hi, step)
    export_id = hashlib.sha256(
        json.dumps([kind, format, lo, hi, step, page_size, str(path)]).encode()
    ).hexdigest()[:16]
    conn = await _connect(url)
    broker = build_broker(url, key_prefix=key_prefix)
    done = done_key(key_prefix, export_id)
    try:
        finished = {_text(k) for k in await conn.hkeys(done)}
        await broker.startup()
        kicker: AsyncKicker[Any, Any] = AsyncKicker(EXPORT_WINDOW, broker, {})
        job = {"export": export_id, "kind": kind, "format": format, "parts": str(parts)}
        await _kick_all(
            kicker.kiq({**job, "lo": a, "hi": b, "page_size": page_size})
            for a, b in windows
            if f"{a}-{b}" not in finished
        )

        async def progress() -> int:
            count: int = await conn.hlen(done)  # type: ignore[misc,unused-ignore]
            return count

        written = await _wait(progress, lambda n: n >= len(windows), idle_timeout, poll)
        counts = await conn.hgetall(done)
    finally:
        await broker.shutdown()
        await conn.aclose()
    total = sum(int(v) for v in counts.values())
    missing = len(windows) - written
    if missing == 0 and not _merged_already(path, parts):
        merge(parts, windows, path, format)
    return ExportSummary(path, total, len(windows), missing, time.perf_counter() - began)


def _text(value: bytes | str) -> str:
    return value if isinstance(value, str) else value.decode()


def _prepare(out: Path) -> tuple[Path, Path]:
    """
    The absolute output path and its parts directory, created if need be.
    """
    path = out.absolute()
    parts = path.with_name(path.name + ".parts")
    parts.mkdir(exist_ok=True)  # emptied by the merge; empty means "merged already"
    return path, parts


def _merged_already(out: Path, parts: Path) -> bool:
    return out.exists() and not any(parts.glob("*.part"))


def merge(parts: Path, windows: Sequence[tuple[int, int]], out: Path, fmt: Format) -> None:
    """
    Concatenate the windows' parts into *out* in window order (atomically), then remove them.

    Raises:
        ExportError: A window's part is missing although Redis marked it done.
    """
    files = [parts / part_name(a, b) for a, b in windows]
    missing = [f.name for f in files if not f.exists()]
    if missing:
        msg = f"{len(missing)} finished windows have no part in {parts} (first: {missing[0]})"
        raise ExportError(msg)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as dest:
            for index, part in enumerate(files):
                with part.open("rb") as src:
                    if fmt == "csv" and index > 0:
                        src.readline()  # each part has the header; the output has it once
                    shutil.copyfileobj(src, dest, 1 << 20)
            dest.flush()
            os.fsync(dest.fileno())
        Path(tmp).replace(out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for part in files:
        part.unlink()
    for leftover in parts.glob(".window-*"):  # a killed worker's unfinished window
        leftover.unlink()
