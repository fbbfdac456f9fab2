"""
How long the converter takes to structure a 1,000-record CallState page, one checkout to another.

Run: ``python benchmarks/decode_micro.py --tree old=/path/to/old/checkout [--rounds 9] [--bad]``.
Each checkout (``NAME=PATH``, a directory holding ``bandwidth_async/``; this one is always
``this``) gets its own long-lived worker process with ``PYTHONPATH=PATH``, so each measures its
own ``_converter.py``. The workers take turns, one pass each per round, in a rotating order, so a
busy moment on a shared machine falls on all of them alike. A pass structures every record of
``--pages`` distinct pages (``server.py``'s realistic callState pages, parsed with ``json.loads``
once, outside the timing) as ``Session.paginate`` does (``structure_many``, or a structure hook
call a record in checkouts that predate it), three times, and keeps the fastest. Time is the
worker's CPU time (``time.process_time``), which the other processes on a busy machine disturb
less than the wall clock. The table gives microseconds a page (min and median over the rounds)
and each checkout's median over the first one's. ``--bad`` puts a number for a string in the
last record of each page: the error path (a ``DecodeError`` a page). ``--one`` times the
structure hook called a record instead, as for a single response, a webhook or a nested model.

The workers also report a digest of the models they built; the script refuses to compare
checkouts that decode the same page differently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _pages(count: int) -> list[list[dict[str, Any]]]:
    sys.path.insert(0, str(HERE))
    import server  # noqa: PLC0415 - the benchmark server's page renderer

    return [json.loads(body) for body in server.render_pages(count, 1000)]


def worker(pages: int, bad: bool, one: bool) -> None:
    """Answer one line of timings per line read on stdin, until it closes."""
    import attrs  # noqa: PLC0415 - imported by the worker only

    import bandwidth_async as bw  # noqa: PLC0415
    from bandwidth_async import _converter  # noqa: PLC0415

    data = _pages(pages)
    if bad:  # the last record of each page has a number for a string: the error path
        for page in data:
            page[-1] = {**page[-1], "to": 5}
    cls = bw.CallState
    hook = _converter.CONVERTER.get_structure_hook(cls)
    many = getattr(_converter, "structure_many", None)  # older checkouts: a hook call a record
    decode = (lambda page: many(page, cls)) if many else (lambda page: [hook(r, cls) for r in page])
    if one:  # the hook a record: what a single response, a webhook or a nested model costs
        decode = lambda page: [hook(r, cls) for r in page]  # noqa: E731

    def one_pass() -> float:
        start = time.process_time()
        for page in data:
            try:
                decode(page)
            except Exception:
                continue
        return (time.process_time() - start) / len(data) * 1e6

    built = decode(data[0][:-1])
    digest = hashlib.sha256(repr([attrs.astuple(m) for m in built]).encode()).hexdigest()
    print(json.dumps({"digest": digest, "file": bw.__file__}), flush=True)
    for _ in sys.stdin:
        print(json.dumps({"us": min(one_pass() for _ in range(3))}), flush=True)


def main() -> None:
    """Run the workers in turn and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--bad", action="store_true", help="one bad record ends each page")
    parser.add_argument("--one", action="store_true", help="time the structure hook a record")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.pages, args.bad, args.one)
        return
    trees = [tuple(t.split("=", 1)) for t in args.tree] + [("this", str(HERE.parent))]
    command = [sys.executable, __file__, "--worker", "--pages", str(args.pages)]
    command += ["--bad"] if args.bad else []
    command += ["--one"] if args.one else []
    procs = {
        name: subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": path},
        )
        for name, path in trees
    }
    hello = {name: json.loads(p.stdout.readline()) for name, p in procs.items()}  # type: ignore[union-attr]
    for name, info in hello.items():
        print(f"{name}: {info['file']}")
    if len({info["digest"] for info in hello.values()}) != 1:
        sys.exit("the checkouts decode the same page differently: no comparison")
    times: dict[str, list[float]] = {name: [] for name in procs}
    order = list(procs)
    for r in range(args.rounds):
        for name in order[r % len(order) :] + order[: r % len(order)]:
            procs[name].stdin.write("go\n")  # type: ignore[union-attr]
            procs[name].stdin.flush()  # type: ignore[union-attr]
            times[name].append(json.loads(procs[name].stdout.readline())["us"])  # type: ignore[union-attr]
    for p in procs.values():
        p.stdin.close()  # type: ignore[union-attr]
        p.wait()
    first = statistics.median(times[order[0]])
    print(f"{'checkout':<10} {'min us/page':>12} {'median':>10} {'ratio':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<10} {min(values):>12.0f} {median:>10.0f} {median / first:>7.2f}")


if __name__ == "__main__":
    main()
