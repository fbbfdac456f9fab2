"""
Measurements in a fresh interpreter, one client per process.

``python benchmarks/measure.py worker CLIENT`` reads one JSON command a line on stdin
(``{"op": "export", "base": ..., "total": ...}``, ``dial``, ``decode``) and answers one JSON line,
``{"values": [...]}``; the first command of each kind runs a warm-up first. The runner keeps one
worker per client and asks them in turn, one pass each, so a slow minute on the shared machine
hits all three clients alike instead of the one that happened to run then.

``python benchmarks/measure.py memory CLIENT --base URL --total N`` exports N calls to a JSON Lines
file and prints the process's peak RSS in bytes: a fresh process per measurement.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

CLIENTS = {"aiohttp": "client_aiohttp", "sdk": "client_sdk", "async": "client_async"}


def _module(client: str) -> ModuleType:
    return importlib.import_module(CLIENTS[client])


def decode_us(client: str, repeat: int) -> list[float]:
    """Microseconds to decode one 1,000-record page, median-ready: *repeat* timed batches."""
    import server  # noqa: PLC0415

    module = _module(client)
    page = server.page_body(1000)
    module.decode(page)  # warm-up: builds hooks, caches
    start = time.perf_counter()
    module.decode(page)
    batch = max(3, int(0.25 / max(time.perf_counter() - start, 1e-6)))
    values = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(batch):
            module.decode(page)
        values.append((time.perf_counter() - start) / batch * 1e6)
    return values


def peak_rss_bytes() -> int:
    """Peak resident set size of this process (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def worker(client: str) -> None:
    """Answer commands from stdin until it closes."""
    module = _module(client)
    seen: set[str] = set()
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        warm = op not in seen
        seen.add(op)
        values: list[float]
        if op == "export":
            base = f"{command['base']}/t{command['total']}"
            values = module.export(base, command["total"], 1, warm)
        elif op == "dial":
            base = f"{command['base']}/t{command['count']}"
            values = module.dial(base, command["count"], command["concurrency"], 1, warm)
        elif op == "decode":
            values = decode_us(client, 1)
        else:
            raise ValueError(op)
        print(json.dumps({"values": values}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["worker", "memory"])
    parser.add_argument("client", choices=sorted(CLIENTS))
    parser.add_argument("--base", default="")
    parser.add_argument("--total", type=int, default=100_000)
    args = parser.parse_args()
    if args.scenario == "worker":
        worker(args.client)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "calls.jsonl"
        count = _module(args.client).export_file(f"{args.base}/t{args.total}", out)
        assert count == args.total, count
    print(json.dumps({"values": [float(peak_rss_bytes())]}))


if __name__ == "__main__":
    main()
