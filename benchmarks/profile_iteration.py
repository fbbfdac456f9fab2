"""
Typed iteration against the hand-written aiohttp loop: timed interleaved, and profiled.

Starts ``bulk_server.py`` in a subprocess (pages cached after a warm-up), then, round after
round in a rotating order, runs one pass of each peer in a fresh worker process: the aiohttp +
``json.loads`` loop of ``bulk.py``, and ``async for call in client.calls.list(page_size=1000)``
once for this checkout and once for each ``--tree NAME=PATH`` (a directory holding
``bandwidth_async/``, put first on ``PYTHONPATH``), so a before/after comparison shares one
run and one noisy machine. Each worker warms up with one pass, then times one: wall clock and
its own CPU time (``time.process_time``, which other processes on a busy machine disturb
less). The table gives medians over the rounds and each peer's ratio to the aiohttp loop
(records per second, higher is better), the server's CPU a pass, where the client's CPU went
(``json``: ``json.loads`` or the session's JSON decoding; ``model``: ``structure_many``; the
rest: HTTP, the session, pagination, freeing records), and the garbage collections a pass
triggered (generations 0/1/2).
``--profile`` then runs one pass of each under cProfile and prints the top functions.

Run: python benchmarks/profile_iteration.py [--total 100000] [--rounds 7]
     [--tree before=/path/to/old/checkout] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AIOHTTP = "aiohttp + json"
HEADER = (
    f"{'peer':28} {'wall s':>7} {'cpu s':>7} {'wall ratio':>10} {'cpu ratio':>9} {'server':>7} "
    f"{'json':>6} {'model':>6} {'rest':>6}  gc 0/1/2"
)


def _pass(kind: str, url: str) -> dict[str, Any]:
    """
    One timed pass of *kind* in this process, after a warm-up pass.
    """
    import bulk  # noqa: PLC0415 - imported in the worker, after PYTHONPATH chose the checkout

    fn = bulk.iterate_aiohttp if kind == AIOHTTP else bulk.iterate_async
    asyncio.run(fn(url))
    spent = _time_decoding(bulk, kind)
    collections = [0, 0, 0]

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections[info["generation"]] += 1

    gc.callbacks.append(count)
    wall, cpu = time.perf_counter(), time.process_time()
    records = asyncio.run(fn(url))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    gc.callbacks.remove(count)
    return {"wall": wall, "cpu": cpu, "records": records, "gc": collections, **spent}


def _time_decoding(bulk: Any, kind: str) -> dict[str, float]:
    """
    Wrap the JSON decoding and the structuring of a page to add up their CPU time (in place).

    For the aiohttp loop, ``json.loads``; for bandwidth_async, the session's ``_decode_json``
    and ``structure_many`` (checkouts without them count it all as the rest).
    """
    spent = {"json": 0.0, "structure": 0.0}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            began = time.process_time()
            try:
                return fn(*args)
            finally:
                spent[name] += time.process_time() - began

        return wrapper

    if kind == AIOHTTP:
        bulk.json = types.SimpleNamespace(loads=timed("json", json.loads))
        return spent
    from bandwidth_async import _session  # noqa: PLC0415 - the checkout the worker runs

    for attr, name in (("_decode_json", "json"), ("structure_many", "structure")):
        if hasattr(_session, attr):
            setattr(_session, attr, timed(name, getattr(_session, attr)))
    return spent


def _worker(kind: str, url: str, tree: str, profile: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([tree, str(HERE)])}
    argv = [sys.executable, __file__, "--worker", kind, "--url", url, "--top", str(profile)]
    argv += ["--profile"] if profile else []
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    if profile:
        print(done.stdout)
        return {}
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _profile(kind: str, url: str, top: int) -> None:
    import bulk  # noqa: PLC0415 - see _pass

    fn = bulk.iterate_aiohttp if kind == AIOHTTP else bulk.iterate_async
    asyncio.run(fn(url))
    profiler = cProfile.Profile()
    profiler.enable()
    asyncio.run(fn(url))
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"===== {kind}: by own time =====")
    stats.sort_stats("tottime").print_stats(top)
    print(f"===== {kind}: by cumulative time =====")
    stats.sort_stats("cumulative").print_stats(top)


def cpu_of(pid: int) -> float:
    """
    The CPU seconds process *pid* has used (Linux ``/proc``; 0 elsewhere); `run.py` uses it too.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of a checkout")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        if args.profile:
            _profile(args.worker, args.url, args.top)
        else:
            print(json.dumps(_pass(args.worker, args.url)))
        return
    trees = {"this": str(ROOT)}
    trees.update(dict(t.split("=", 1) for t in args.tree))
    peers = [(AIOHTTP, "this")] + [("bandwidth_async", name) for name in trees]
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "bulk_server.py")], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    try:
        sys.path.insert(0, str(HERE))
        import bulk  # noqa: PLC0415 - benchmarks/ is not a package

        url = bulk.base(proc.stdout.readline().split()[1], args.total, cap=False)
        results: dict[tuple[str, str], list[dict[str, Any]]] = {p: [] for p in peers}
        for r in range(args.rounds):
            for kind, tree in peers[r % len(peers) :] + peers[: r % len(peers)]:
                served = cpu_of(proc.pid)
                got = _worker(kind, url, trees[tree], 0)
                got["server"] = cpu_of(proc.pid) - served  # warm-up pass included
                assert got["records"] == args.total, (kind, tree, got)
                results[kind, tree].append(got)
        base = {
            k: statistics.median(g[k] for g in results[AIOHTTP, "this"]) for k in ("wall", "cpu")
        }
        print(f"{args.total:,} records, 1,000 a page, {args.rounds} rounds (medians)")
        print(HEADER)
        for (kind, tree), runs in results.items():
            wall = statistics.median(g["wall"] for g in runs)
            cpu = statistics.median(g["cpu"] for g in runs)
            server = statistics.median(g["server"] for g in runs) / 2
            parts = [statistics.median(g[k] for g in runs) for k in ("json", "structure")]
            parts.append(cpu - sum(parts))
            split = " ".join(f"{x:6.3f}" for x in parts)
            gcs = "/".join(str(statistics.median(g["gc"][i] for g in runs)) for i in range(3))
            name = kind if kind == AIOHTTP else f"{kind} ({tree})"
            print(
                f"{name:28} {wall:7.3f} {cpu:7.3f} {base['wall'] / wall:9.2f}x "
                f"{base['cpu'] / cpu:8.2f}x {server:7.3f} {split}  {gcs}"
            )
        if args.profile:
            for kind, tree in peers:
                _worker(kind, url, trees[tree], args.top)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
