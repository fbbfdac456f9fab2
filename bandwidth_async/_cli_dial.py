"""
``bandwidth-async dial``: a calling campaign from a file of numbers, with a ledger.

::

    bandwidth-async dial --numbers numbers.csv --from +19195554321 --application-id ID
        --answer-url https://app.example/answer --ledger campaign.db --out results.jsonl

``numbers.csv`` is one number per line, or a CSV whose header has a ``to`` column (optional
``tag``, and any other `CreateCall` field in snake_case). A row's key is its ``tag``, else its
``to``; a key twice in the file is refused before anything is sent. Each line of the output is
one JSON object: ``to``, ``tag``, ``status`` (``created``, ``failed``, ``unknown``), ``call_id``
and ``error``, one per row, in the order the outcomes came (rows the ledger already holds are
written from it, not dialled again).

This module reads the numbers and writes the results; the dialling is `Calls.create_many`.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from ._client import BandwidthClient
from ._converter import structure, wire_name
from ._dial import DialResult
from ._errors import BandwidthError
from ._json import dumps
from .models import CreateCall

__all__ = ["add_parser", "emulator_numbers", "read_numbers", "run"]

#: What the emulator answers for (the README's example application) when none is given.
EXAMPLE_APPLICATION = "04e88489-df02-4e34-a0ee-27a91849555f"


def add_parser(commands: Any, positive: Any) -> None:
    """
    Add the ``dial`` command to the *commands* subparsers.
    """
    sub = commands.add_parser(
        "dial",
        help="place a call to every number of a file, with a ledger to resume from",
        description=(
            "Dial every number of --numbers, one result line each in --out. Credentials come "
            "from BW_USERNAME, BW_PASSWORD and BW_ACCOUNT_ID (or --emulator N)."
        ),
    )
    sub.add_argument(
        "--numbers", type=Path, help="one number per line, or a CSV with a 'to' column"
    )
    sub.add_argument("--from", dest="from_", help="the caller id, an E.164 number")
    sub.add_argument("--application-id", help="the voice application that owns the calls")
    sub.add_argument("--answer-url", help="where Bandwidth asks for BXML when a call answers")
    sub.add_argument("--out", required=True, type=Path, help="results, JSON Lines")
    sub.add_argument("--concurrency", type=positive, default=50, help="calls in flight at most")
    sub.add_argument("--rate", type=float, help="calls per second at most (a hard cap)")
    sub.add_argument("--ledger", type=Path, help="a SQLite file recording every outcome")
    sub.add_argument(
        "--reconcile",
        action="store_true",
        help="first resolve the ledger's unknown outcomes by looking the calls up",
    )
    sub.add_argument(
        "--redial-missing",
        action="store_true",
        help="with --reconcile: dial again an unknown outcome that matches no call at all",
    )


def _row(fields: dict[str, str], line: int) -> CreateCall:
    names = {f.name.rstrip("_"): f.name for f in attrs.fields(CreateCall)}
    data: dict[str, Any] = {}
    for column, value in fields.items():
        name = names.get(column.strip())
        if name is None:
            raise ValueError(f"line {line}: unknown column {column!r}")
        if value not in {None, ""}:
            data[wire_name("CreateCall", name)] = value
    try:
        return structure(data, CreateCall)
    except BandwidthError as exc:
        raise ValueError(f"line {line}: {exc}") from None


def read_numbers(path: Path, defaults: dict[str, str]) -> Iterator[CreateCall]:
    """
    The calls *path* describes, each with *defaults* (``from``, application, answer URL).

    Raises:
        ValueError: A row is not a call (its line number says which).
    """
    with path.open(newline="") as f:
        first = f.readline()
        header = next(csv.reader([first]), [])
        if "to" in (h.strip() for h in header):
            rows = csv.DictReader(f, fieldnames=[h.strip() for h in header])
            for line, row in enumerate(rows, start=2):
                yield _row({**defaults, **{k: v for k, v in row.items() if v}}, line)
            return
        for line, text in enumerate([first, *f], start=1):
            number = text.strip()
            if number:
                yield _row({**defaults, "to": number}, line)


def emulator_numbers(count: int, defaults: dict[str, str]) -> Iterator[CreateCall]:
    """
    *count* made-up numbers for a campaign against the emulator.
    """
    for n in range(count):
        yield _row({**defaults, "to": f"+1555{n:07d}"}, n + 1)


def check_keys(calls: Iterator[CreateCall]) -> int:
    """
    Count *calls*, refusing a key (``tag``, else ``to``) seen twice.

    Raises:
        ValueError: Two rows share a key.
    """
    seen: set[str] = set()
    count = 0
    for call in calls:
        key = call.tag if call.tag is not None else call.to
        if key in seen:
            raise ValueError(f"the key {key!r} appears twice: give each row its own tag")
        seen.add(key)
        count += 1
    return count


def _line(result: DialResult) -> bytes:
    error = None if result.error is None else f"{type(result.error).__name__}: {result.error}"
    record: dict[str, object] = {
        "to": result.request.to,
        "tag": result.request.tag,
        "status": result.status,
        "call_id": result.call_id,
        "error": error,
    }
    if result.recorded:
        record["recorded"] = True
    return dumps(record) + b"\n"


async def run(
    client: BandwidthClient,
    args: argparse.Namespace,
    calls: Iterator[CreateCall],
    total: int,
    err: IO[str] = sys.stderr,
) -> int:
    """
    Dial *calls*, write the results, print the summary; the exit status (1 if any call failed).
    """
    if args.reconcile:
        if args.ledger is None:
            raise ValueError("--reconcile needs --ledger")
        from ._ledger import Ledger  # noqa: PLC0415

        with Ledger(args.ledger) as book:
            report = await book.reconcile(client, redial_missing=args.redial_missing)
        for entry in report.resolved:
            print(f"reconciled {entry.key}: created as {entry.call_id}", file=err)
        for entry in report.redial:
            print(f"no call for {entry.key}: dialling it again", file=err)
        for entry, why in report.unresolved:
            print(f"still unknown {entry.key}: {why}", file=err)
    counts = {"created": 0, "failed": 0, "unknown": 0}
    refusals = sent = created = 0
    began = time.monotonic()
    with args.out.open("wb") as out:
        dials = client.calls.create_many(
            calls, concurrency=args.concurrency, rate=args.rate, ledger=args.ledger
        )
        async for result in dials:
            out.write(_line(result))
            out.flush()
            counts[result.status] += 1
            refusals += result.refusals
            sent += not result.recorded
            created += result.ok and not result.recorded
    seconds = time.monotonic() - began
    rate = created / seconds if seconds > 0 else 0.0  # this run's calls only
    print(
        f"dialled {total} numbers to {args.out}: {counts['created']} created, "
        f"{counts['failed']} failed, {counts['unknown']} unknown "
        f"({total - sent} from the ledger); {refusals} 429s; {rate:.1f} calls/s",
        file=err,
    )
    return 0 if counts["failed"] == counts["unknown"] == 0 else 1
