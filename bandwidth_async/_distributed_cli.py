"""
The command line's distributed parts: ``worker``, and ``--distributed`` on ``export`` and ``dial``.

``__main__`` calls `extend` while building its parser, `run` before its own commands, and
`dial` with the calls it read when ``dial --distributed`` is given. This module imports the
``distributed`` extra only when one of these is used, so the rest of the command line works
without it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, cast

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .export import Format
    from .models import CreateCall

__all__ = ["dial", "extend", "run"]


def _extra_missing(exc: ImportError) -> ConfigurationError:
    return ConfigurationError(
        f"this needs the distributed extra: pip install 'bandwidth-async[distributed]' ({exc})"
    )


def _shared(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--key-prefix",
        default="bandwidth",
        help="Redis key prefix: one per account, shared by its workers (default: bandwidth)",
    )


def extend(commands: Any) -> None:
    """
    Add ``worker`` to *commands* (argparse subparsers) and ``--distributed`` to ``export``.
    """
    worker = commands.add_parser(
        "worker",
        help="run a worker for --distributed export and dial",
        description=(
            "Run tasks that 'export --distributed' and 'dial --distributed' put on Redis. "
            "Credentials come from BW_USERNAME, BW_PASSWORD and BW_ACCOUNT_ID."
        ),
    )
    worker.add_argument("--redis", required=True, metavar="URL", help="e.g. redis://host:6379/0")
    worker.add_argument("--base-url", help="one host for every API, e.g. an emulator")
    worker.add_argument(
        "--rate-limit",
        type=float,
        metavar="R",
        help="requests per second for all workers of the key prefix together",
    )
    worker.add_argument("--burst", type=int, default=1, help="requests at once after a pause")
    worker.add_argument("--concurrency", type=int, default=50, help="tasks run at once")
    _shared(worker)
    for name in ("export", "dial"):
        sub = commands.choices.get(name)
        if sub is None:
            continue
        sub.add_argument(
            "--distributed",
            metavar="URL",
            help="enqueue the work on this Redis for 'bandwidth-async worker' processes",
        )
        sub.add_argument(
            "--idle-timeout",
            type=float,
            default=60.0,
            help="with --distributed: stop waiting when nothing finished for this long",
        )
        if "--key-prefix" not in sub._option_string_actions:  # noqa: SLF001
            _shared(sub)


def run(args: argparse.Namespace) -> int | None:
    """
    Run *args* if they ask for distributed work: the exit status; None when they do not.
    """
    if args.command == "worker":
        return _run(_worker(args))
    if getattr(args, "distributed", None) and args.command == "export":
        return _run(_export(args))
    return None


def _run(coroutine: Any) -> int:
    import asyncio  # noqa: PLC0415 - only the distributed commands need a loop here

    return cast("int", asyncio.run(coroutine))


async def _worker(args: argparse.Namespace) -> int:
    try:
        from .distributed._worker import run_worker  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        raise _extra_missing(exc) from exc
    await run_worker(
        args.redis,
        key_prefix=args.key_prefix,
        base_url=args.base_url,
        rate_limit=args.rate_limit,
        burst=args.burst,
        concurrency=args.concurrency,
    )
    return 0


async def dial(args: argparse.Namespace, calls: Iterable[CreateCall]) -> int:
    """
    ``dial --distributed URL``: enqueue *calls* for the workers, wait, write ``--out``.

    A row's key is its ``tag``, else its ``to``. Run the same command again to finish what a
    stopped worker left: intents with a result in the Redis ledger are never enqueued again.
    """
    try:
        from .distributed import _enqueue  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        raise _extra_missing(exc) from exc
    summary = await _enqueue.dial(
        args.distributed,
        ((call.tag or call.to, call) for call in calls),
        args.out,
        key_prefix=args.key_prefix,
        idle_timeout=args.idle_timeout,
    )
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.counts.items()))
    print(f"dialled across workers: {counts or 'nothing'}", file=sys.stderr)  # noqa: T201
    if not summary.finished:
        print(  # noqa: T201
            f"bandwidth-async: {len(summary.unfinished)} intents have no result yet (a worker "
            "stopped?); run the same command again to finish them",
            file=sys.stderr,
        )
        return 1
    return 0


async def _export(args: argparse.Namespace) -> int:
    try:
        from .distributed import _enqueue  # noqa: PLC0415 - the optional extra
    except ImportError as exc:
        raise _extra_missing(exc) from exc
    fmt = args.format or ("csv" if args.out.suffix.lower() == ".csv" else "jsonl")
    summary = await _enqueue.export(
        args.distributed,
        args.kind,
        args.out,
        format=cast("Format", fmt),
        since=args.since,
        until=args.until,
        page_size=args.page_size,
        key_prefix=args.key_prefix,
        idle_timeout=args.idle_timeout,
    )
    if not summary.finished:
        print(  # noqa: T201 - the command's report
            f"bandwidth-async: {summary.missing} of {summary.windows} windows unfinished "
            "(a worker stopped?); run the same command again to finish them",
            file=sys.stderr,
        )
        return 1
    print(  # noqa: T201
        f"exported {summary.count} {args.kind} to {summary.path} in {summary.seconds:.1f} s "
        f"across workers",
        file=sys.stderr,
    )
    return 0
