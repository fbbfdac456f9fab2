"""
The ``bandwidth-async`` command line (also ``python -m bandwidth_async``).

::

    bandwidth-async export calls --emulator 20000 --out calls.jsonl
    bandwidth-async export calls --since 2026-11-15T00:00Z --out calls.jsonl
    bandwidth-async export messages --out messages.csv --format csv --checkpoint messages.ckpt
    bandwidth-async dial --numbers numbers.csv --from +19195554321 --application-id ... \
        --answer-url https://app.example/answer --ledger campaign.db --out results.jsonl

Credentials come from ``BW_CLIENT_ID`` and ``BW_CLIENT_SECRET`` (or ``BW_USERNAME`` and
``BW_PASSWORD``) and ``BW_ACCOUNT_ID``; ``--base-url`` (or ``BW_BASE_URL``) sends every API to
one host, and ``--emulator N`` runs against a built-in emulator holding N records (no
credentials needed). Exit status: 0 when done, 1 when Bandwidth
failed, a call failed, or the export could not go on, 2 for bad arguments or missing
credentials, 130 when interrupted (run it again with the same ``--checkpoint`` or ``--ledger``
to resume).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, cast

from . import _cli_dial, _distributed_cli
from ._client import BandwidthClient
from ._errors import BandwidthError, ConfigurationError
from ._version import __version__
from .export import KINDS, ExportError, Format, Kind, export

__all__ = ["main"]

_PROG = "bandwidth-async"


def _when(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"not an ISO 8601 date or time: {text!r} (e.g. 2026-11-15T00:00Z)"
        raise argparse.ArgumentTypeError(msg) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {text!r}")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG, description="Tools for Bandwidth's voice and messaging APIs."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub = commands.add_parser(
        "export",
        help="export calls, conferences, recordings, messages or media to JSON Lines or CSV",
        description=(
            "Export records to JSON Lines or CSV, resumable with --checkpoint. Credentials come "
            "from BW_CLIENT_ID and BW_CLIENT_SECRET (or BW_USERNAME and BW_PASSWORD) and "
            "BW_ACCOUNT_ID. Times without a zone are UTC."
        ),
    )
    sub.add_argument("kind", choices=KINDS, help="what to export")
    sub.add_argument("--out", required=True, type=Path, help="the output file")
    sub.add_argument("--format", choices=("jsonl", "csv"), help="default: from --out's suffix")
    sub.add_argument(
        "--since",
        type=_when,
        help="first time included (calls, recordings: 8 days before --until by default)",
    )
    sub.add_argument("--until", type=_when, help="first time excluded (default: now)")
    sub.add_argument("--checkpoint", type=Path, help="a file to resume from after a crash")
    _connection_options(sub)
    sub.add_argument(
        "--concurrency", type=_positive, default=8, help="most windows fetched at once"
    )
    sub.add_argument(
        "--page-size", type=_positive, help="records per page (default: the most the API allows)"
    )
    sub.add_argument(
        "--safe-csv",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="prefix a ' to CSV cells a spreadsheet would run as a formula (default: on)",
    )
    sub.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="progress on stderr: a bar on a terminal, else a line every 2 s (default: on)",
    )
    _cli_dial.add_parser(commands, _positive)
    _connection_options(commands.choices["dial"])
    _distributed_cli.extend(commands)
    return parser


def _connection_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--base-url",
        default=os.environ.get("BW_BASE_URL") or None,
        help="one host for every API, e.g. a proxy or an emulator (default: $BW_BASE_URL)",
    )
    sub.add_argument(
        "--emulator",
        type=_positive,
        metavar="N",
        help="run against a built-in emulator holding N records (N numbers to dial)",
    )


@contextlib.asynccontextmanager
async def _connect(args: argparse.Namespace, **records: int) -> AsyncIterator[BandwidthClient]:
    """
    A client for *args*: an emulator holding *records* with --emulator, else the real API.
    """
    if args.emulator is None:
        async with BandwidthClient(base_url=args.base_url) as client:
            yield client
        return
    from .testing import FakeBandwidth  # noqa: PLC0415 - aiohttp.web only for --emulator

    fake = FakeBandwidth(
        seed=1,
        calls=records.get("calls", 0),
        conferences=records.get("conferences", 0),
        messages=records.get("messages", 0),
        media=records.get("media", 0),
        recordings=records.get("recordings", 0),
    )
    async with fake, fake.client() as client:
        yield client


def _emulated(kind: str, count: int | None) -> dict[str, int]:
    if count is None:
        return {}
    if kind == "recordings":
        return {"calls": count, "recordings": count}
    return {kind: count}


async def _export(args: argparse.Namespace) -> int:
    fmt = args.format or ("csv" if args.out.suffix.lower() == ".csv" else "jsonl")
    progress = True if args.progress is None else args.progress
    async with _connect(args, **_emulated(args.kind, args.emulator)) as client:
        result = await export(
            client,
            cast("Kind", args.kind),
            args.out,
            format=cast("Format", fmt),
            since=args.since,
            until=args.until,
            checkpoint=args.checkpoint,
            concurrency=args.concurrency,
            progress=progress,
            page_size=args.page_size,
            safe_csv=args.safe_csv,
        )
    print(  # noqa: T201 - the command's report
        f"exported {result.count} {result.kind} to {result.path} in {result.seconds:.1f} s "
        f"({result.rate:.0f} {result.kind}/s)",
        file=sys.stderr,
    )
    return 0


def _dial_input(args: argparse.Namespace, defaults: dict[str, str]) -> Iterator[Any]:
    if args.numbers is not None:
        return _cli_dial.read_numbers(args.numbers, defaults)
    if args.emulator is not None:
        return _cli_dial.emulator_numbers(args.emulator, defaults)
    raise ValueError("--numbers is required (or --emulator N to dial N made-up numbers)")


async def _dial(args: argparse.Namespace) -> int:
    defaults = {
        "from": args.from_ or ("+19195554321" if args.emulator else ""),
        "application_id": args.application_id
        or (_cli_dial.EXAMPLE_APPLICATION if args.emulator else ""),
        "answer_url": args.answer_url or ("http://127.0.0.1:9/answer" if args.emulator else ""),
    }
    missing = [f"--{k.replace('_', '-')}" for k, v in defaults.items() if not v]
    if missing:
        raise ValueError(f"{', '.join(missing)} required (or a column of that name)")
    if args.rate is not None and args.rate <= 0:
        raise ValueError(f"--rate must be > 0, not {args.rate}")
    # Read the whole file once first: a bad row or a repeated key stops it before any call.
    total = _cli_dial.check_keys(_dial_input(args, defaults))
    if getattr(args, "distributed", None):
        return await _distributed_cli.dial(args, _dial_input(args, defaults))
    async with _connect(args) as client:
        return await _cli_dial.run(client, args, _dial_input(args, defaults), total)


def main(argv: list[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on bad arguments (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        distributed = _distributed_cli.run(args)
        if distributed is not None:
            return distributed
        return asyncio.run(_export(args) if args.command == "export" else _dial(args))
    except (ConfigurationError, ValueError) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    except (BandwidthError, OSError) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)  # noqa: T201
        saved = getattr(args, "checkpoint", None) or getattr(args, "ledger", None)
        if not isinstance(exc, ExportError) and saved is not None and saved.exists():
            print(f"{_PROG}: run it again with the same arguments to resume", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        saved = getattr(args, "checkpoint", None) or getattr(args, "ledger", None)
        hint = " with the same arguments to resume" if saved is not None else ""
        print(f"\n{_PROG}: interrupted; run it again{hint}", file=sys.stderr)  # noqa: T201
        return 130


if __name__ == "__main__":
    sys.exit(main())
