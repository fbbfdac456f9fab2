"""
The ``bandwidth-async`` command line (also ``python -m bandwidth_async``).

::

    bandwidth-async export calls --since 2026-11-15T00:00Z --out calls.jsonl
    bandwidth-async export messages --out messages.csv --format csv --checkpoint messages.ckpt

Credentials come from ``BW_USERNAME``, ``BW_PASSWORD`` and ``BW_ACCOUNT_ID``. Exit status: 0 when
done, 1 when Bandwidth failed or the export could not go on, 2 for bad arguments or missing
credentials, 130 when interrupted (run it again with the same ``--checkpoint`` to resume).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from pathlib import Path
from typing import cast

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
            "from BW_USERNAME, BW_PASSWORD and BW_ACCOUNT_ID. Times without a zone are UTC."
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
    sub.add_argument("--base-url", help="one host for every API, e.g. an emulator")
    sub.add_argument("--concurrency", type=_positive, default=4, help="windows fetched at once")
    sub.add_argument("--page-size", type=_positive, default=1000, help="records per page")
    sub.add_argument(
        "--safe-csv",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="prefix a ' to CSV cells a spreadsheet would run as a formula (default: on)",
    )
    sub.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="draw a counter on stderr (default: when stderr is a terminal)",
    )
    return parser


async def _export(args: argparse.Namespace) -> int:
    fmt = args.format or ("csv" if args.out.suffix.lower() == ".csv" else "jsonl")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    async with BandwidthClient(base_url=args.base_url) as client:
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
        return asyncio.run(_export(args))
    except (ConfigurationError, ValueError) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    except (BandwidthError, OSError) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)  # noqa: T201
        if (
            not isinstance(exc, ExportError)
            and args.checkpoint is not None
            and args.checkpoint.exists()
        ):
            print(f"{_PROG}: run it again with the same arguments to resume", file=sys.stderr)  # noqa: T201
        return 1
    except KeyboardInterrupt:
        hint = " with the same --checkpoint to resume" if args.checkpoint else ""
        print(f"\n{_PROG}: interrupted; run it again{hint}", file=sys.stderr)  # noqa: T201
        return 130


if __name__ == "__main__":
    sys.exit(main())
