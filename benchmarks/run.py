"""
``nox -s bench`` / ``python benchmarks/run.py``: every scenario, three clients, one run.

First measures how fast the emulator (FakeBandwidth) and ``server.py`` serve listCalls
(``fake_serving.py --json``, not a client comparison). Then starts ``server.py`` in its own
process, one ``measure.py`` worker per client, measures decode, export, dial (round-robin, one
pass per client per round), with ``--baseline`` the session layer alone (``create_loop.py``,
fresh processes), then import times and peak memory in fresh processes, and writes
``results/latest.md`` and ``results/latest.png``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

import report
from profile_iteration import cpu_of

HERE = Path(__file__).parent
CLIENTS = ("aiohttp", "sdk", "async")

IMPORTS = {
    "aiohttp": "import aiohttp, attrs, cattrs, yarl",
    "sdk": "import bandwidth",
    "async": "import bandwidth_async",
}
#: glibc's malloc settings for the timing workers, the same for every client. Left to itself,
#: glibc moves its mmap threshold on the first large frees, and a process keeps the mode it
#: lands in: in one, each 256 KiB socket read of asyncio's transport is an mmap, an mremap and
#: a munmap (strace -c: 3,000 of each for 3,000 createCalls), and the same dial takes about 20%
#: longer. Raw aiohttp, the pre-rebuild package and this one each land in either mode from one
#: process to the next, and a worker serves every round: fixed thresholds keep that chance
#: out of the ratios. The peak-RSS runs are separate processes and keep glibc's defaults.
STEADY_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "1048576", "MALLOC_TRIM_THRESHOLD_": "16777216"}
_TIMED_IMPORT = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"


class Server:
    """``server.py`` in a subprocess; ``url`` once it printed READY."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "server.py")], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("READY "):
            self.close()
            raise RuntimeError(f"the server did not start: {line!r}")
        self.url = line.split()[1]

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Worker:
    """
    One ``measure.py worker`` process for one client.

    *tree* runs the client from another checkout of the project (``--baseline``): its own
    ``benchmarks/`` and ``bandwidth_async/``, reported under the name ``baseline``.
    """

    def __init__(self, client: str, tree: Path | None = None) -> None:
        self.client = client if tree is None else "baseline"
        self.spent = 0.0
        here = HERE if tree is None else tree / "benchmarks"
        env = {**os.environ, **STEADY_MALLOC}
        if tree is not None:
            env["PYTHONPATH"] = str(tree)
        self.proc = subprocess.Popen(
            [sys.executable, str(here / "measure.py"), "worker", client],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=here,
            env=env,
        )

    def ask(self, command: dict[str, Any]) -> list[float]:
        """
        The worker's timings for *command*; `spent` is the CPU the worker used on it.
        """
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        before = cpu_of(self.proc.pid)
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.client} worker died on {command}")
        # Read from outside, so a --baseline checkout's own measure.py needs no change.
        self.spent = cpu_of(self.proc.pid) - before
        values: list[float] = json.loads(line)["values"]
        return values

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def round_robin(
    workers: list[Worker], command: dict[str, Any], rounds: int, cpu: dict[str, list[float]]
) -> dict[str, list[float]]:
    """
    Each worker runs *command* once per round, in turn; the first time includes a warm-up.

    The order rotates each round, so no client always runs right after another. The CPU each
    worker spent on a round after the first (which holds the warm-up) goes into *cpu*.
    """
    values: dict[str, list[float]] = {w.client: [] for w in workers}
    for r in range(rounds):
        for w in workers[r % len(workers) :] + workers[: r % len(workers)]:
            values[w.client] += w.ask(command)
            if r:
                cpu.setdefault(w.client, []).append(w.spent)
    return values


def session_layer(
    base: str, tree: Path, rounds: int, count: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """
    Seconds and CPU seconds of `create_loop.py` passes: this checkout's package and *tree*'s.

    Each round runs one fresh process of each (the order alternating), a warm-up and then
    three passes: fresh processes so that no one draw of a process's luck (hash seeds,
    addresses) moves a whole row, as one long-lived worker would. The same script runs both:
    only the package on ``PYTHONPATH`` differs.
    """
    seconds: dict[str, list[float]] = {"async": [], "baseline": []}
    cpu: dict[str, list[float]] = {"async": [], "baseline": []}
    runs = [("async", {}), ("baseline", {"PYTHONPATH": str(tree)})]
    for r in range(rounds):
        for name, extra in runs[r % 2 :] + runs[: r % 2]:
            out = subprocess.run(
                [sys.executable, "create_loop.py", f"{base}/t{count}", str(count), "50", "3"],
                capture_output=True,
                text=True,
                check=True,
                cwd=HERE,
                env={**os.environ, **STEADY_MALLOC, **extra},
            )
            passes = json.loads(out.stdout.splitlines()[-1])
            seconds[name] += passes["values"]
            cpu[name] += passes["cpu"]
    return seconds, cpu


def import_times(rounds: int) -> dict[str, list[float]]:
    """Seconds to import each client in a fresh interpreter (bytecode compiled once first)."""
    values: dict[str, list[float]] = {c: [] for c in CLIENTS}
    # An installed package imports from bytecode (pip compiles it); a machine that sets
    # PYTHONDONTWRITEBYTECODE would make the editable checkout compile its source every time.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for i in range(rounds + 1):
        for client, stmt in IMPORTS.items():
            out = subprocess.run(
                [sys.executable, "-c", _TIMED_IMPORT.format(stmt=stmt)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            if i:  # the first round writes .pyc files and warms the page cache
                values[client].append(float(out.stdout))
    return values


def memory(base: str, client: str, total: int) -> float:
    """Peak RSS in bytes of one fresh process exporting *total* calls to a file."""
    out = subprocess.run(
        [sys.executable, "measure.py", "memory", client, "--base", base, "--total", str(total)],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    return float(json.loads(out.stdout.splitlines()[-1])["values"][0])


def checkout(ref: str) -> Path:
    """
    ``bandwidth_async/`` and ``benchmarks/`` of git revision *ref*, in a new temporary folder.
    """
    tree = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, "bandwidth_async", "benchmarks"],
        capture_output=True,
        check=True,
        cwd=HERE.parent,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # Our own repository's files; the "data" filter exists from Python 3.11.4 on.
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tree, filter="data")
        else:  # pragma: no cover - older 3.11
            tar.extractall(tree)  # a git archive of this repository
    return tree


def serving(repeat: int, pages: int, total: int) -> dict[str, list[float]]:
    """Pages/s and calls/s of each pass of the emulator and of server.py (``fake_serving.py``)."""
    args = ["--json", "--repeat", str(repeat), "--pages", str(pages), "--calls", str(total)]
    out = subprocess.run(
        [sys.executable, "fake_serving.py", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    values: dict[str, list[float]] = json.loads(out.stdout.splitlines()[-1])
    return values


def write_report(
    results: dict[str, dict[str, list[float]]], context: dict[str, Any], out: Path
) -> None:
    """
    Write latest.md, latest.json and latest.png to *out*, and print the table.

    The bulk section `bulk.py` appended to latest.md is kept, so ``--from-json`` loses nothing.
    """
    table = report.build(results, context)
    out.mkdir(parents=True, exist_ok=True)
    latest = out / "latest.md"
    old = latest.read_text() if latest.exists() else ""
    bulk = old.find("\n## Bulk work")  # bulk.py's section, which it replaces on each run
    text = table.markdown if bulk < 0 else table.markdown.rstrip("\n") + "\n" + old[bulk:]
    latest.write_text(text)
    (out / "latest.json").write_text(
        json.dumps({"results": results, "context": context}, indent=1, default=str)
    )
    report.chart(table, out / "latest.png")
    print(table.markdown)
    print(f"wrote {out}/latest.md and latest.png")


def compare(base: str, args: argparse.Namespace) -> dict[str, dict[str, list[float]]]:
    """
    Decode, export and dial by every client in its worker, round-robin; with ``--baseline``,
    the session layer alone before and after.
    """
    results: dict[str, dict[str, list[float]]] = {}
    workers = [Worker(c) for c in CLIENTS]
    tree = checkout(args.baseline) if args.baseline else None
    if tree is not None:
        workers.append(Worker("async", tree))
    try:
        results["decode"] = round_robin(workers, {"op": "decode"}, args.repeat, {})
        print("decode done", flush=True)
        export = {"op": "export", "base": base, "total": args.total}
        results["export_cpu"] = {}
        results["export"] = round_robin(workers, export, args.repeat, results["export_cpu"])
        print("export done", flush=True)
        dial = {"op": "dial", "base": base, "count": args.dial, "concurrency": 50}
        results["dial_cpu"] = {}
        results["dial"] = round_robin(workers, dial, args.repeat, results["dial_cpu"])
        print("dial done", flush=True)
    finally:
        for w in workers:
            w.close()
    if tree is not None:
        results["create"], results["create_cpu"] = session_layer(base, tree, args.repeat, args.dial)
        print("session layer done", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="bandwidth_async benchmarks")
    parser.add_argument("--repeat", type=int, default=5, help="measured passes per client")
    parser.add_argument("--total", type=int, default=100_000, help="calls in the export")
    parser.add_argument("--dial", type=int, default=3000, help="createCall requests")
    parser.add_argument("--big", type=int, default=1_000_000, help="calls in the big memory run")
    parser.add_argument("--memory-repeat", type=int, default=3, help="runs of the big export")
    parser.add_argument(
        "--serving-pages", type=int, default=50, help="pages per pass of the serving rate"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument(
        "--from-json", type=Path, help="only rebuild the report from a saved latest.json"
    )
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also measure bandwidth_async at git revision REF, in the same rounds (before/after)",
    )
    args = parser.parse_args()
    if args.from_json is not None:
        saved = json.loads(args.from_json.read_text())
        write_report(saved["results"], saved["context"], args.out)
        return
    started = time.perf_counter()
    results: dict[str, dict[str, list[float]]] = {}
    # Before anything else runs, so the two servers have the machine to themselves.
    results["serving"] = serving(args.repeat, args.serving_pages, args.total)
    print("serving done", flush=True)
    server = Server()
    try:
        print(f"server at {server.url}; {args.repeat} passes per client", flush=True)
        results.update(compare(server.url, args))
        results["import"] = import_times(args.repeat + 2)
        print("import done", flush=True)
        for total, key in ((args.total, "memory_small"), (args.big, "memory_big")):
            results[key] = {c: [] for c in ("aiohttp", "async")}
            # Peak RSS barely moves between runs, and a 1,000,000-call export takes ~15 s.
            runs = args.repeat if key == "memory_small" else args.memory_repeat
            for _ in range(runs):
                for client in ("aiohttp", "async"):
                    results[key][client].append(memory(server.url, client, total))
            print(f"memory {total:,} done", flush=True)
    finally:
        server.close()
    context = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "seconds": f"{time.perf_counter() - started:.0f}",
        "repeat": str(args.repeat),
        "total": args.total,
        "dial": args.dial,
        "big": args.big,
        "serving_pages": args.serving_pages,
        "baseline": args.baseline,
        "versions": report.versions(),
    }
    write_report(results, context, args.out)


if __name__ == "__main__":
    main()
