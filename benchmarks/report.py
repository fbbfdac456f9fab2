"""
The results table (markdown) and bar chart (PNG) of one benchmark run.
"""

from __future__ import annotations

import importlib
import statistics
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

NAMES = {"aiohttp": "raw aiohttp", "sdk": "bandwidth-sdk", "async": "bandwidth_async"}
MB = 1024 * 1024
NOTES = Path(__file__).with_name("NOTES.md")


@dataclass
class Row:
    """One scenario: medians per client, and how bandwidth_async compares."""

    scenario: str
    unit: str
    higher_is_better: bool
    medians: dict[str, float]
    target: str = ""
    met: bool | None = None

    def speed(self, other: str) -> float | None:
        """bandwidth_async's advantage over *other* (> 1: better), or None."""
        mine, theirs = self.medians.get("async"), self.medians.get(other)
        if not mine or not theirs:
            return None
        return mine / theirs if self.higher_is_better else theirs / mine


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    markdown: str = ""


def versions() -> dict[str, str]:
    """Installed versions of what is compared."""
    found = {}
    for dist in ("aiohttp", "attrs", "cattrs", "orjson", "bandwidth-sdk", "pydantic", "urllib3"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "-"
    return found


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def build(results: dict[str, dict[str, list[float]]], ctx: dict[str, Any]) -> Table:
    """The rows and the markdown report of *results*."""
    total, dial, big = ctx["total"], ctx["dial"], ctx["big"]
    per_second = {
        "export": lambda s: total / s,
        "dial": lambda s: dial / s,
    }
    rows = []
    for key, label, target in (
        ("export", f"export {total:,} calls, 1,000/page", ">= 0.85x raw, >= 4x sdk"),
        ("dial", f"dial {dial:,} createCall, concurrency 50", ">= 0.85x raw, >= 4x sdk"),
    ):
        medians = {c: _median([per_second[key](s) for s in v]) for c, v in results[key].items()}
        row = Row(label, "records/s" if key == "export" else "calls/s", True, medians, target)
        raw, sdk = row.speed("aiohttp"), row.speed("sdk")
        row.met = raw is not None and sdk is not None and raw >= 0.85 and sdk >= 4
        rows.append(row)
    rows.append(
        Row(
            "decode one 1,000-record page (bytes to objects)",
            "us",
            False,
            {c: _median(v) for c, v in results["decode"].items()},
            "(informative)",
        )
    )
    imports = {c: _median(v) * 1000 for c, v in results["import"].items()}
    rows.append(Row("import time (fresh interpreter)", "ms", False, imports, "<= 350 ms"))
    rows[-1].met = imports["async"] <= 350
    small = {c: _median(v) / MB for c, v in results["memory_small"].items()}
    large = {c: _median(v) / MB for c, v in results["memory_big"].items()}
    rows.append(Row(f"peak RSS, export {total:,} to JSONL", "MB", False, small, ""))
    rows.append(
        Row(
            f"peak RSS, export {big:,} to JSONL",
            "MB",
            False,
            large,
            "<= 1.1x the small run, < 80 MB",
        )
    )
    rows[-1].met = large["async"] <= 1.1 * small["async"] and large["async"] < 80
    serving = _serving(results.get("serving", {}), ctx, rows[0])
    cpu = {key: results.get(f"{key}_cpu", {}) for key in ("export", "dial", "create")}
    compared = list(zip(rows[:3], ("export", "dial", "decode"), strict=True))
    if results.get("create"):  # runs saved before create_loop.py joined run.py have none
        medians = {c: _median([dial / s for s in v]) for c, v in results["create"].items()}
        label = f"{dial:,} createCall from 50 tasks, no dialer (the session layer)"
        compared.append((Row(label, "calls/s", True, medians), "create"))
    return Table(rows, _markdown(rows, ctx, serving + _before_after(compared, ctx, cpu)))


def _before_after(
    rows: list[tuple[Row, str]], ctx: dict[str, Any], cpu: dict[str, dict[str, list[float]]]
) -> str:
    """
    The before/after table of a ``--baseline`` run, or "" without one.

    *rows* pairs each row with its key in *cpu*, which holds, for export, dial and the session
    layer, the CPU seconds a pass of each client (decode, and runs saved before it was
    measured, have none: the column then says "-").
    """
    if not ctx.get("baseline") or not all(r.medians.get("baseline") for r, _ in rows):
        return ""
    lines = []
    for r, key in rows:
        now, before = r.medians["async"], r.medians["baseline"]
        change = now / before if r.higher_is_better else before / now
        spent = cpu.get(key, {})
        cpu_now, cpu_before = _median(spent.get("async", [])), _median(spent.get("baseline", []))
        cpu_change = _ratio(cpu_before / cpu_now) if cpu_now and cpu_before else "-"
        lines.append(
            f"| {r.scenario} | {r.unit} | {_fmt(before, r.unit)} | {_fmt(now, r.unit)} "
            f"| {_ratio(change)} | {cpu_change} |"
        )
    return (
        f"\n**Before and after** (`--baseline {ctx['baseline']}`): bandwidth_async at that "
        "revision ran as a fourth client in the same rounds (their order rotating each round), "
        'against the same server. Above 1.00x this checkout is faster. "CPU" compares the '
        "CPU time each worker process spent on a pass (read from `/proc`, rounds after the "
        "warm-up): the server and the other clients' processes disturb it less than the "
        "clock on the wall. Decode runs in the worker alone, with no server. The session "
        "layer row is `create_loop.py`: `calls.create` from 50 tasks with no dialer on top, "
        "the same script for both packages, each pass in fresh processes (CPU from "
        "`getrusage`).\n\n"
        "| scenario | unit | baseline | this checkout | this vs baseline | CPU this vs baseline |\n"
        "|---|---|--:|--:|--:|--:|\n" + "\n".join(lines) + "\n"
    )


SERVERS = {
    "emulator": "emulator, `bandwidth_async.testing.FakeBandwidth` (builds each call per request)",
    "server": "`benchmarks/server.py` (pages rendered once, at start-up)",
}


def _serving(values: dict[str, list[float]], ctx: dict[str, Any], export: Row) -> str:
    """
    The serving-rate paragraph and table (emulator and server.py), or "" if not measured.

    Runs saved before ``fake_serving.py`` joined ``run.py`` have no ``serving`` key.
    """
    pages = {n: _median(values.get(f"{n}_pages", [])) for n in SERVERS}
    calls = {n: _median(values.get(f"{n}_calls", [])) for n in SERVERS}
    if not pages["emulator"]:
        return ""
    lines = [
        f"| {label} | {pages[n]:,.1f} | {calls[n]:,.0f} | {1000 / pages[n]:.1f} |"
        for n, label in SERVERS.items()
        if pages[n]
    ]
    passes = len(values["emulator_pages"])
    per_pass = ctx.get("serving_pages", "?")
    text = (
        "**How fast the servers serve** (not a client comparison): listCalls at "
        f"pageSize=1000 over {ctx['total']:,} calls. Each server runs in its own process; one "
        "aiohttp client follows the `Link` chain a page at a time and reads each body as bytes, "
        "without decoding it (`benchmarks/fake_serving.py`). Medians of "
        f"{passes} passes of {per_pass} pages, taken before the client benchmarks.\n\n"
        "| server | pages/s | calls/s | ms a page |\n|---|--:|--:|--:|\n" + "\n".join(lines) + "\n"
    )
    clients = [c for c in export.medians if c in NAMES]  # not a --baseline checkout
    fastest = max(clients, key=lambda c: export.medians[c], default=None)
    if fastest is None or not export.medians[fastest]:
        return text
    best = export.medians[fastest]
    emulator = calls["emulator"]
    verdict = (
        f"The emulator serves {emulator:,.0f} calls/s, {emulator / best:.2f}x the fastest "
        f"client's export in the table above ({NAMES[fastest]}, {best:,.0f} records/s): "
    )
    if emulator < best:
        verdict += (
            "slower than that client, so an export benchmarked against it would measure the "
            "emulator."
        )
    else:
        verdict += (
            "faster than the clients, but it would still add its own per-page time to "
            "every page a client waits for."
        )
    if calls["server"]:
        verdict += (
            f" `server.py` serves {calls['server']:,.0f} calls/s "
            f"({calls['server'] / emulator:.1f}x the emulator, {calls['server'] / best:.1f}x the "
            "fastest export), so the clients are measured against it."
        )
    return text + "\n" + verdict + "\n"


def _fmt(value: float | None, unit: str) -> str:
    if value is None or value == 0:
        return "-"
    if unit in ("records/s", "calls/s"):
        return f"{value:,.0f}"
    if unit == "us":
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _markdown(rows: list[Row], ctx: dict[str, Any], serving: str = "") -> str:
    head = (
        "| scenario | unit | raw aiohttp | bandwidth-sdk | bandwidth_async "
        "| async vs raw | async vs sdk | target | met |\n"
        "|---|---|--:|--:|--:|--:|--:|---|---|\n"
    )
    lines = []
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(
            f"| {r.scenario} | {r.unit} | {_fmt(r.medians.get('aiohttp'), r.unit)} "
            f"| {_fmt(r.medians.get('sdk'), r.unit)} | {_fmt(r.medians.get('async'), r.unit)} "
            f"| {_ratio(r.speed('aiohttp'))} | {_ratio(r.speed('sdk'))} | {r.target} | {met} |"
        )
    versions = ", ".join(f"{k} {v}" for k, v in ctx["versions"].items())
    return (
        "# Benchmark results (latest run)\n\n"
        f"Medians of {ctx['repeat']} passes per client after one warm-up pass, every timing "
        "worker with the same fixed glibc malloc thresholds (`STEADY_MALLOC` in `run.py`). "
        '"async vs X" is how many times better bandwidth_async is (throughput ratio, or the '
        'inverse ratio of times and sizes): above 1.00x it is ahead. For import, "raw aiohttp" '
        "is `import aiohttp, attrs, cattrs, yarl`, the floor any SDK on that stack pays. "
        "For memory, bandwidth-sdk is not run, and the 1,000,000-call export is run 3 times "
        "(`--memory-repeat`; its peak RSS moves by under 1 MB).\n\n"
        + head
        + "\n".join(lines)
        + "\n\n"
        f"Python {ctx['python']} on {ctx['machine']} (shared with other work; load average "
        f"{ctx['load']} at the end), {versions}. The whole run took {ctx['seconds']} s.\n"
        + (f"\n{serving}" if serving else "")
        + "\nSee `benchmarks/README.md` for what each scenario does. The notes below come from "
        "`benchmarks/NOTES.md`.\n\n" + NOTES.read_text(encoding="utf-8")
    )


def chart(table: Table, path: Path) -> None:
    """A bar chart, one panel per scenario, written to *path* (PNG, Agg backend)."""
    matplotlib: Any = importlib.import_module("matplotlib")
    matplotlib.use("Agg")
    plt: Any = importlib.import_module("matplotlib.pyplot")
    colors = {"aiohttp": "#888888", "sdk": "#d98c3f", "async": "#2f6db5"}
    fig, axes = plt.subplots(1, len(table.rows), figsize=(3.2 * len(table.rows), 4.2))
    for ax, row in zip(axes, table.rows, strict=True):
        clients = [c for c in ("aiohttp", "sdk", "async") if row.medians.get(c)]
        values = [row.medians[c] for c in clients]
        bars = ax.bar([NAMES[c] for c in clients], values, color=[colors[c] for c in clients])
        ax.bar_label(bars, labels=[_fmt(v, row.unit) for v in values], fontsize=7)
        better = "higher is better" if row.higher_is_better else "lower is better"
        ax.set_title(f"{row.scenario}\n{row.unit}, {better}", fontsize=8)
        ax.tick_params(axis="x", labelsize=7, rotation=20)
        ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
