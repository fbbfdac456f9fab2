"""
How fast listCalls is served at pageSize=1000: the emulator (FakeBandwidth) beside server.py.

Run: python benchmarks/fake_serving.py [--calls 100000] [--pages 50] [--repeat 5] [--json]

Each server runs in its own process, started as its users start it: the emulator with
``python -m bandwidth_async.testing --calls N``, the benchmark server with ``server.py``. One
aiohttp client in this process follows the ``Link`` chain a page at a time and reads each body
as bytes, without decoding it, so the rate is the server's rather than the client's. After a
warm-up of each, it makes *repeat* passes of *pages* pages, emulator and server.py in turn, and
prints the median pages/s and calls/s of each; ``--json`` prints instead one JSON line with
every pass (``{"emulator_pages": [...], "emulator_calls": [...], "server_pages": [...],
"server_calls": [...]}``), which ``run.py`` stores under ``results["serving"]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import server as lean

HERE = Path(__file__).parent
WARM_UP = 5  # pages fetched from each server before any pass is timed
TARGETS = ("emulator", "server")


@dataclass
class Target:
    """Where one server's listCalls query starts, and its Authorization header."""

    first: str
    auth: str


def _spawn(command: list[str]) -> subprocess.Popen[str]:
    # From the repository root: ``-m bandwidth_async.testing`` then works without an install.
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=HERE.parent)


def emulator_ready(proc: subprocess.Popen[str], page_size: int) -> Target:
    """The emulator's *proc*, once it printed its URL and credentials."""
    assert proc.stdout is not None
    found: dict[str, str] = {}
    for line in proc.stdout:
        if line.startswith("Serving"):
            break
        key, _, value = line.strip().partition("=")
        found[key] = value
    if "base_url" not in found:
        raise RuntimeError(f"the emulator did not start: {found!r}")
    first = f"{found['base_url']}/accounts/{found['BW_ACCOUNT_ID']}/calls?pageSize={page_size}"
    return Target(first, aiohttp.encode_basic_auth(found["BW_USERNAME"], found["BW_PASSWORD"]))


def server_ready(proc: subprocess.Popen[str], calls: int, page_size: int) -> Target:
    """``server.py``'s *proc*, once it printed READY, with a list of *calls* calls."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("READY "):
        raise RuntimeError(f"server.py did not start: {line!r}")
    first = f"{line.split()[1]}/t{calls}/accounts/{lean.ACCOUNT_ID}/calls?pageSize={page_size}"
    return Target(first, lean.AUTHORIZATION)


async def fetch(http: aiohttp.ClientSession, target: Target, pages: int) -> int:
    """Follow *target*'s ``Link`` chain for *pages* pages; the number of calls received."""
    url: str | None = target.first
    items = 0
    for _ in range(pages):
        if url is None:
            url = target.first  # the emulator's 10,000 cap ends a query: start another
        async with http.get(url, headers={"Authorization": target.auth}) as response:
            response.raise_for_status()
            items += (await response.read()).count(b'"callId"')
            link = response.links.get("next")
            url = str(link["url"]) if link else None
    return items


async def measure(targets: dict[str, Target], pages: int, repeat: int) -> dict[str, list[float]]:
    """Pages/s and calls/s of each pass, per target, passes interleaved."""
    values: dict[str, list[float]] = {
        f"{name}_{unit}": [] for name in targets for unit in ("pages", "calls")
    }
    async with aiohttp.ClientSession() as http:
        for target in targets.values():
            await fetch(http, target, WARM_UP)
        for _ in range(repeat):
            for name, target in targets.items():
                start = time.perf_counter()
                items = await fetch(http, target, pages)
                elapsed = time.perf_counter() - start
                values[f"{name}_pages"].append(pages / elapsed)
                values[f"{name}_calls"].append(items / elapsed)
    return values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--calls", type=int, default=100_000, help="calls in each server's list")
    parser.add_argument("--pages", type=int, default=50, help="pages in one measured pass")
    parser.add_argument("--repeat", type=int, default=5, help="measured passes per server")
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print every pass as one JSON line")
    args = parser.parse_args()
    # Both start at once (server.py renders its pages for a few seconds); measured once ready.
    emulator = ["-m", "bandwidth_async.testing", "--calls", str(args.calls), "--seed", "1"]
    procs = [
        _spawn([sys.executable, *emulator]),
        _spawn([sys.executable, str(HERE / "server.py"), "--page-size", str(args.page_size)]),
    ]
    try:
        targets = {
            "emulator": emulator_ready(procs[0], args.page_size),
            "server": server_ready(procs[1], args.calls, args.page_size),
        }
        values = asyncio.run(measure(targets, args.pages, args.repeat))
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
    if args.json:
        print(json.dumps(values))
        return
    print(
        f"listCalls, pageSize={args.page_size}, {args.calls:,} calls: "
        f"median of {args.repeat} passes of {args.pages} pages"
    )
    for name, label in zip(TARGETS, ("emulator (FakeBandwidth)", "server.py"), strict=True):
        pages = statistics.median(values[f"{name}_pages"])
        calls = statistics.median(values[f"{name}_calls"])
        print(f"{label:>25}: {pages:7.1f} pages/s, {calls:9,.0f} calls/s")


if __name__ == "__main__":
    main()
