"""
The bulk benchmarks (issue 15), side by side in one run against ``bulk_server.py``.

- dial under an account limit: R calls/s (429 + ``Retry-After: 1`` above it), 100 ms a
  request, N calls: bandwidth_async ``create_many(concurrency=50)``, a naive ``asyncio.gather``
  aiohttp dialer (50 at once, sleeps on ``Retry-After``), and the official SDK from 50 threads
  (sleeps on ``Retry-After``); achieved rate, 429s, calls created twice.
- export to JSON Lines (10,000-per-query cap, no latency): ``bandwidth_async.export`` against a
  hand-written aiohttp script (fetch 10,000 a page, ``json.loads``, a line per record, write).
- export with 100 ms a request and the cap: the same two and the SDK's page loop.
- typed iteration (``async for call in client.calls.list(page_size=1000)``) against aiohttp and
  the standard json module (dicts only).
- peak RSS of ``bandwidth-async export`` for a small and a 10x bigger export (median of
  five runs each, ``--memory-runs``: how many 10,000-call bodies happen to be in memory at
  once moves a single run by up to 15%, either size; eight runs of each read 65.7-78.0 MB and
  64.9-69.9 MB).

Each timed pass of an export or of typed iteration runs in a fresh process, after a warm-up
pass in that process, and the peers take turns in a rotating order (`fresh_passes`).

Run: python benchmarks/bulk.py [--dial 3000 --rate 100 --export 100000 --slow 200000]
Writes ``results/bulk.json`` and ``results/bulk.md``, and ``results/bulk.png`` (matplotlib).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp
import bulk_server as srv

import bandwidth_async as bw
from bandwidth_async.export import export

HERE = Path(__file__).parent
SINCE = srv.EPOCH
UNTIL = srv.EPOCH + dt.timedelta(days=7)


def base(url: str, total: int, latency_ms: int = 0, rate: int = 0, *, cap: bool = True) -> str:
    return f"{url}/{'cap' if cap else 'nocap'}/n{total}/l{latency_ms}/r{rate}"


def client(base_url: str) -> bw.BandwidthClient:
    return bw.BandwidthClient(srv.USERNAME, srv.PASSWORD, srv.ACCOUNT_ID, base_url=base_url)


AUTH = {"Authorization": srv.AUTHORIZATION}


# -- dial ------------------------------------------------------------------------------------


def calls(n: int) -> list[bw.CreateCall]:
    return [
        bw.CreateCall(
            to=f"+1919{i:07d}",
            from_="+19195554321",
            application_id=srv.APPLICATION_ID,
            answer_url="http://127.0.0.1:9/answer",
            tag=f"t{i}",
        )
        for i in range(n)
    ]


async def dial_async(url: str, n: int) -> None:
    async with client(url) as c:
        async for result in c.calls.create_many(calls(n), concurrency=50):
            assert result.ok, result.error


async def dial_gather(url: str, n: int) -> None:
    target = f"{url}/accounts/{srv.ACCOUNT_ID}/calls"
    limit = asyncio.Semaphore(50)
    async with aiohttp.ClientSession(headers=AUTH) as session:

        async def one(i: int) -> None:
            body = {
                "to": f"+1919{i:07d}",
                "from": "+19195554321",
                "applicationId": srv.APPLICATION_ID,
                "answerUrl": "http://127.0.0.1:9/answer",
                "tag": f"t{i}",
            }
            while True:
                async with limit, session.post(target, json=body) as r:
                    await r.read()
                    if r.status != 429:
                        return
                    wait = float(r.headers.get("Retry-After", "1"))
                await asyncio.sleep(wait)

        await asyncio.gather(*(one(i) for i in range(n)))


def dial_sdk(url: str, n: int) -> None:
    from bandwidth import ApiClient, CallsApi, Configuration  # noqa: PLC0415
    from bandwidth.exceptions import ApiException  # noqa: PLC0415
    from bandwidth.models.create_call import CreateCall  # noqa: PLC0415

    config = Configuration(
        host=url, username=srv.USERNAME, password=srv.PASSWORD, ignore_operation_servers=True
    )
    config.connection_pool_maxsize = 50
    api = CallsApi(ApiClient(config))

    def one(i: int) -> None:
        body = CreateCall(
            to=f"+1919{i:07d}",
            var_from="+19195554321",
            application_id=srv.APPLICATION_ID,
            answer_url="http://127.0.0.1:9/answer",
            tag=f"t{i}",
        )
        while True:
            try:
                api.create_call(srv.ACCOUNT_ID, body)
            except ApiException as exc:
                if exc.status != 429:
                    raise
                time.sleep(float((exc.headers or {}).get("Retry-After", "1")))
            else:
                return

    with ThreadPoolExecutor(50) as pool:
        list(pool.map(one, range(n)))


def server_stats(url: str, path: str, method: str = "GET") -> dict[str, Any]:
    import urllib.request  # noqa: PLC0415

    request = urllib.request.Request(url + path, method=method)
    with urllib.request.urlopen(request) as response:
        data: dict[str, Any] = json.loads(response.read())
    return data


def measure_dial(url: str, n: int, rate: int) -> dict[str, dict[str, float]]:
    out = {}
    target = base(url, 0, 100, rate)
    dialers: dict[str, Callable[[], None]] = {
        "bandwidth_async": lambda: asyncio.run(dial_async(target, n)),
        "aiohttp gather": lambda: asyncio.run(dial_gather(target, n)),
        "bandwidth-sdk 50 threads": lambda: dial_sdk(target, n),
    }
    for name, run in dialers.items():
        server_stats(url, "/reset", "POST")
        time.sleep(1.0)  # a fresh second of the account's limit for each
        began = time.perf_counter()
        run()
        seconds = time.perf_counter() - began
        stats = server_stats(url, "/stats")
        out[name] = {
            "rate": stats["created"] / seconds,
            "share_of_limit": stats["created"] / seconds / rate,
            "429_share": stats["rate_limited"] / n,
            "duplicates": stats["duplicates"],
            "created": stats["created"],
            "seconds": seconds,
        }
        print(name, out[name], flush=True)
    return out


# -- export ----------------------------------------------------------------------------------


async def export_async(url: str, out: Path) -> int:
    async with client(url) as c:
        result = await export(c, "calls", out, since=SINCE, until=UNTIL)
    return result.count


async def export_aiohttp(url: str, out: Path) -> int:
    """The hand-written job: windows from the data, 10,000 a page, json.loads, a line each."""
    target = f"{url}/accounts/{srv.ACCOUNT_ID}/calls"
    count = 0
    since = SINCE
    async with aiohttp.ClientSession(headers=AUTH) as session:
        with out.open("w") as f:
            while True:
                params = {
                    "minStartTime": since.isoformat(),
                    "maxStartTime": UNTIL.isoformat(),
                    "pageSize": "10000",
                }
                async with session.get(target, params=params) as r:
                    records = json.loads(await r.read())
                for record in records:
                    f.write(json.dumps(record) + "\n")
                count += len(records)
                if len(records) < srv.CAP:
                    return count
                last = dt.datetime.fromisoformat(records[-1]["startTime"])
                since = last + dt.timedelta(milliseconds=1)


def export_sdk(url: str) -> int:
    from bandwidth import ApiClient, CallsApi, Configuration  # noqa: PLC0415

    config = Configuration(
        host=url, username=srv.USERNAME, password=srv.PASSWORD, ignore_operation_servers=True
    )
    api = CallsApi(ApiClient(config))
    count = 0
    since = SINCE
    while True:
        page = api.list_calls(
            srv.ACCOUNT_ID,
            min_start_time=since.isoformat().replace("+00:00", "Z"),
            max_start_time=UNTIL.isoformat().replace("+00:00", "Z"),
            page_size=10_000,
        )
        count += len(page)
        if len(page) < srv.CAP:
            return count
        last = dt.datetime.fromisoformat(str(page[-1].start_time).replace(" ", "T"))
        since = last + dt.timedelta(milliseconds=1)


def one_pass(scenario: str, peer: str, url: str) -> dict[str, float]:
    """
    A warm-up pass of *peer*, then a timed one, in this process: what `fresh_passes` runs.
    """
    run = PASSES[scenario, peer]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run(url, out)
        began = time.perf_counter()
        count = run(url, out)
        return {"seconds": time.perf_counter() - began, "count": count}


def fresh_passes(
    scenario: str, peers: list[str], url: str, rounds: int, total: int
) -> dict[str, Any]:
    """
    Each peer's timed pass, each in a fresh process, the order rotating from round to round.

    Peers run one after another in one process slow each other down: the second inherits the
    first one's heap (and the earlier scenarios'), which made the same typed-iteration code
    read 0.69x or 0.79x by order alone. A fresh process each gives every peer the same start.
    """
    seconds: dict[str, list[float]] = {p: [] for p in peers}
    for r in range(rounds):
        for peer in peers[r % len(peers) :] + peers[: r % len(peers)]:
            argv = [sys.executable, __file__, "--pass", scenario, peer, "--url", url]
            done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=HERE)
            got = json.loads(done.stdout.splitlines()[-1])
            assert got["count"] == total, (scenario, peer, got)
            seconds[peer].append(got["seconds"])
    out = {}
    for peer, values in seconds.items():
        median = statistics.median(values)
        out[peer] = {"seconds": median, "records_per_s": total / median, "passes": values}
        print(scenario, total, peer, out[peer], flush=True)
    return out


def measure_export(url: str, total: int, latency: int, repeat: int, *, sdk: bool) -> dict[str, Any]:
    peers = ["bandwidth_async", "aiohttp script"] + (["bandwidth-sdk page loop"] if sdk else [])
    return fresh_passes("export", peers, base(url, total, latency), repeat, total)


# -- typed iteration -------------------------------------------------------------------------


async def iterate_async(url: str) -> int:
    async with client(url) as c:
        count = 0
        async for call in c.calls.list(page_size=1000):
            count += bool(call.call_id)
        return count


async def iterate_aiohttp(url: str) -> int:
    target: str | None = f"{url}/accounts/{srv.ACCOUNT_ID}/calls?pageSize=1000"
    count = 0
    async with aiohttp.ClientSession(headers=AUTH) as session:
        while target is not None:
            async with session.get(target) as r:
                body = await r.read()
                link = r.links.get("next")
            count += sum(1 for c in json.loads(body) if c["callId"])
            target = str(link["url"]) if link else None
    return count


#: One pass of each peer of each scenario, given the base URL and a file to write to.
PASSES: dict[tuple[str, str], Callable[[str, Path], int]] = {
    ("export", "bandwidth_async"): lambda url, out: asyncio.run(export_async(url, out)),
    ("export", "aiohttp script"): lambda url, out: asyncio.run(export_aiohttp(url, out)),
    ("export", "bandwidth-sdk page loop"): lambda url, _: export_sdk(url),
    ("iterate", "bandwidth_async"): lambda url, _: asyncio.run(iterate_async(url)),
    ("iterate", "aiohttp + json"): lambda url, _: asyncio.run(iterate_aiohttp(url)),
}


def measure_iteration(url: str, total: int, repeat: int) -> dict[str, Any]:
    target = base(url, total, cap=False)
    return fresh_passes("iterate", ["bandwidth_async", "aiohttp + json"], target, repeat, total)


# -- memory ----------------------------------------------------------------------------------


def peak_rss(url: str, total: int) -> float:
    code = (
        "import resource, sys; from bandwidth_async.__main__ import main; "
        "code = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024); sys.exit(code)"
    )
    env = {**os.environ, "BW_USERNAME": srv.USERNAME, "BW_PASSWORD": srv.PASSWORD}
    env["BW_ACCOUNT_ID"] = srv.ACCOUNT_ID
    with tempfile.TemporaryDirectory() as work:
        argv = ["export", "calls", "--out", f"{work}/c.jsonl", "--no-progress"]
        argv += ["--base-url", base(url, total), "--since", SINCE.isoformat()]
        argv += ["--until", UNTIL.isoformat()]
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, check=True
        )
    return float(done.stdout.split()[-1])


def rss_runs(url: str, total: int, runs: int) -> list[float]:
    """
    *runs* `peak_rss` runs, sorted; the report takes their median and shows their range.
    """
    return sorted(peak_rss(url, total) for _ in range(runs))


# -- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dial", type=int, default=3_000)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--export", type=int, default=100_000)
    parser.add_argument("--slow", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-runs", type=int, default=5)
    parser.add_argument(
        "--pass", nargs=2, dest="one", metavar=("SCENARIO", "PEER"), help=argparse.SUPPRESS
    )
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        scenario, peer = args.one
        print(json.dumps(one_pass(scenario, peer, args.url)))
        return
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "bulk_server.py")], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().split()[1]
    began = time.perf_counter()
    try:
        results: dict[str, Any] = {
            "settings": {k: v for k, v in vars(args).items() if k not in {"one", "url"}},
            "export": measure_export(url, args.export, 0, args.repeat, sdk=False),
            "slow_export": measure_export(url, args.slow, 100, max(1, args.repeat - 1), sdk=True),
            "iterate": measure_iteration(url, args.export, args.repeat),
            "memory": {
                "small": rss_runs(url, args.export, args.memory_runs),
                "big": rss_runs(url, args.export * 10, args.memory_runs),
            },
            "dial": measure_dial(url, args.dial, args.rate),
        }
    finally:
        proc.terminate()
        proc.wait()
    results["seconds"] = time.perf_counter() - began
    (HERE / "results" / "bulk.json").write_text(json.dumps(results, indent=2))
    section = report(results)
    (HERE / "results" / "bulk.md").write_text(section)
    chart(results)
    # latest.md (run.py's table) gets this run's bulk section in place of the last one.
    latest = HERE / "results" / "latest.md"
    text = latest.read_text() if latest.exists() else ""
    text = text.split("\n## Bulk work")[0].rstrip("\n")
    latest.write_text(f"{text}\n\n{section}\n![bulk work](bulk.png)\n")
    print(report(results))


def report(r: dict[str, Any]) -> str:
    s = r["settings"]
    e, slow, it, mem, d = r["export"], r["slow_export"], r["iterate"], r["memory"], r["dial"]
    ours = d["bandwidth_async"]

    def ok(flag: bool) -> str:
        return "yes" if flag else "**no**"

    ratio_export = e["bandwidth_async"]["records_per_s"] / e["aiohttp script"]["records_per_s"]
    ratio_slow_sdk = (
        slow["bandwidth_async"]["records_per_s"] / slow["bandwidth-sdk page loop"]["records_per_s"]
    )
    ratio_slow_aio = (
        slow["bandwidth_async"]["records_per_s"] / slow["aiohttp script"]["records_per_s"]
    )
    ratio_iter = it["bandwidth_async"]["records_per_s"] / it["aiohttp + json"]["records_per_s"]
    small, big = statistics.median(mem["small"]), statistics.median(mem["big"])
    ratio_mem = big / small
    rows = [
        "| scenario | bandwidth_async | peer | ratio | target | met |",
        "|---|--:|--:|--:|---|---|",
        (
            f"| export {s['export']:,} calls to JSONL, 10,000 cap | "
            f"{e['bandwidth_async']['records_per_s']:,.0f}/s | aiohttp script "
            f"{e['aiohttp script']['records_per_s']:,.0f}/s | {ratio_export:.2f}x | >= 1.2x | "
            f"{ok(ratio_export >= 1.2)} |"
        ),
        (
            f"| export {s['slow']:,} calls, 100 ms a request, 10,000 cap | "
            f"{slow['bandwidth_async']['seconds']:.2f} s | SDK page loop "
            f"{slow['bandwidth-sdk page loop']['seconds']:.2f} s | {ratio_slow_sdk:.1f}x | >= 8x | "
            f"{ok(ratio_slow_sdk >= 8)} |"
        ),
        (
            f"| (same) | {slow['bandwidth_async']['seconds']:.2f} s | sequential aiohttp "
            f"{slow['aiohttp script']['seconds']:.2f} s | {ratio_slow_aio:.1f}x | >= 3x | "
            f"{ok(ratio_slow_aio >= 3)} |"
        ),
        (
            f"| typed iteration, {s['export']:,} calls, 1,000 a page | "
            f"{it['bandwidth_async']['records_per_s']:,.0f}/s | aiohttp + json "
            f"{it['aiohttp + json']['records_per_s']:,.0f}/s | {ratio_iter:.2f}x | >= 0.85x | "
            f"{ok(ratio_iter >= 0.85)} |"
        ),
        (
            f"| peak RSS of `bandwidth-async export`, {s['export']:,} vs {s['export'] * 10:,} | "
            f"{small:.1f} MB / {big:.1f} MB | | {ratio_mem:.2f}x | <= 1.10x | "
            f"{ok(ratio_mem <= 1.1)} |"
        ),
    ]
    dial = [
        "",
        (
            f"Dial {s['dial']:,} calls under an account limit of {s['rate']} calls/s (429 with "
            "`Retry-After: 1` above it), 100 ms a request:"
        ),
        "",
        "| dialer | calls/s | share of the limit | 429s per call | created twice |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, v in d.items():
        dial.append(
            f"| {name} | {v['rate']:.1f} | {v['share_of_limit']:.2f} | {v['429_share']:.3f} | "
            f"{v['duplicates']} |"
        )
    dial.append("")
    dial.append(
        f"Targets for bandwidth_async: >= 0.95 of the limit ({ok(ours['share_of_limit'] >= 0.95)}),"
        f" 429s <= 2% of calls ({ok(ours['429_share'] <= 0.02)}), "
        f"no call created twice ({ok(ours['duplicates'] == 0)})."
    )
    head = (
        "## Bulk work (`benchmarks/bulk.py`, against `benchmarks/bulk_server.py`)\n\n"
        f"Settings: {json.dumps(s)}. Exports and typed iteration: medians of {s['repeat']} "
        f"passes (the 100 ms export: {max(1, s['repeat'] - 1)}), each in a fresh process after "
        "a warm-up pass in it, the peers' order rotating each round; peak RSS: the median of "
        f"{s['memory_runs']} runs each (single runs: {_range(mem['small'])} MB for "
        f"{s['export']:,} calls, {_range(mem['big'])} MB for {10 * s['export']:,}). The whole "
        "run took "
        f"{r['seconds']:.0f} s.\n\n"
    )
    return head + "\n".join(rows + dial) + "\n"


def _range(runs: list[float]) -> str:
    return f"{min(runs):.1f}-{max(runs):.1f}"


def chart(r: dict[str, Any]) -> None:
    try:
        import matplotlib as mpl  # noqa: PLC0415

        mpl.use("Agg")
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError:
        return
    e, slow, it = r["export"], r["slow_export"], r["iterate"]
    labels = ["export JSONL", "export 100 ms", "typed iteration", "dial share of limit"]
    ours = [
        e["bandwidth_async"]["records_per_s"] / e["aiohttp script"]["records_per_s"],
        slow["bandwidth_async"]["records_per_s"] / slow["aiohttp script"]["records_per_s"],
        it["bandwidth_async"]["records_per_s"] / it["aiohttp + json"]["records_per_s"],
        r["dial"]["bandwidth_async"]["share_of_limit"],
    ]
    peer = [1.0, 1.0, 1.0, r["dial"]["aiohttp gather"]["share_of_limit"]]
    fig, ax = plt.subplots(figsize=(8, 4))
    xs = range(len(labels))
    ax.bar([x - 0.2 for x in xs], ours, 0.4, label="bandwidth_async")
    ax.bar([x + 0.2 for x in xs], peer, 0.4, label="hand-written aiohttp")
    ax.set_xticks(list(xs), labels)
    ax.set_ylabel("ratio (aiohttp = 1; dial: share of the limit)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(HERE / "results" / "bulk.png", dpi=100)


if __name__ == "__main__":
    threading.stack_size(1 << 20)
    main()
