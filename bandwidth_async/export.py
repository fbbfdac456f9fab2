"""
Export calls, conferences, recordings, messages or media listings to JSON Lines or CSV.

::

    from bandwidth_async.export import export

    async with bw.BandwidthClient() as client:
        result = await export(
            client, "calls", "calls.jsonl", since=since, checkpoint="calls.ckpt", progress=True
        )
    print(result.count, result.seconds)

``await export(client, kind, out, *, format="jsonl", since=None, until=None, checkpoint=None,
concurrency=8, progress=False, page_size=None, window=None, safe_csv=True) -> ExportResult``

- *kind* is ``"calls"``, ``"conferences"``, ``"recordings"``, ``"messages"`` or ``"media"``.
- Each record is one JSON Lines line of its wire JSON (camelCase keys, ISO 8601 times, ``null``
  fields left out), or one CSV row whose columns are the model's fields in declaration order
  (nested values as JSON text, a header row first). Records are copied from the decoded JSON
  without building a model (`_Wire`): the model's fields in its order, times as the converter
  writes them, the same bytes the models gave.
- CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or CR) get a leading ``'`` (OWASP's advice), except E.164 numbers such as
  ``+19195551234`` and plain negative numbers; ``safe_csv=False`` writes every value as is.
- Memory stays flat: records are fetched page by page and written as they come; the whole set is
  never held.
- The time range is half-open, ``[since, until)``, on ``startTime`` (calls, recordings),
  ``createdTime`` (conferences) or ``receiveTime`` (messages). Media has no time filter.
  For calls and recordings *since* defaults to 8 days before *until* (Bandwidth keeps calls 7 days
  after they end) and *until* to now; for conferences and messages no bound is sent by default.

Calls and recordings: one query returns at most 10,000 calls (recordings: 1,000, one page), so the
range is cut into windows fetched up to *concurrency* at a time, asking for the biggest page the API
allows (10,000 calls). How many are in flight follows the network: enough to hide the time a page
takes to arrive behind the time one takes to write, no more (`_Pace`), so a server close by is read
two or three windows at a time and holds few bodies in memory. The first windows are the range cut
in *concurrency* pieces (or *window* long). A window that comes back full in time order is not
wasted: the records before the last time it holds are complete and written, and the rest of the
window is cut into pieces sized from the density just seen, as are the windows not sent yet, so that
each comes back in one query; a full window out of order is halved and fetched again. Each window's
records are staged (its latest page's in memory, earlier pages' in a spooled temporary file) and
appended to the output only once complete, so no record is ever written twice. Bandwidth's
``maxStartTime`` includes its bound for calls, so records starting exactly at a window's end are
dropped there and written by the next window; a record with no time at all, which any window's
answer could hold, is written by the first window only.
Output order: oldest first within a window, windows in the order they complete.

Conferences, messages and media: plain pagination (``Link``, ``pageInfo``,
``Continuation-Token``), written page by page in the API's order.

Checkpoint: with *checkpoint*, a small JSON file is replaced atomically (temporary file, then
`os.replace`) after every window or page is flushed and synced to the output. It records the
finished windows or the page cursor, the number of records, the output's absolute path, its
size and a fingerprint (SHA-256 of the size and the first and last 64 KiB written). Running the
same export again with the same checkpoint checks that the output is the one it wrote (else
`ExportError`, the file untouched), truncates it back to that size (removing a page
half-written at a crash) and continues: nothing is written twice and nothing is lost. A finished
checkpoint makes the export a no-op. An OS file lock (``<checkpoint>.lock``, the ``filelock``
library) refuses a second run on the same checkpoint with `ExportError`. A first run that fails
before exporting anything leaves neither output nor checkpoint behind. Without *checkpoint*,
the output is overwritten.

Progress: ``progress=True`` draws a tqdm bar on stderr when it is a terminal (windows done of
windows planned, with an ETA; records and this run's rate), and a plain line every 2 seconds
otherwise; a resumed export first says it resumed and how far the earlier runs got. A callable
is called with the number of records written so far after every window or page.

This module formats and writes files; it sends requests only through the client's resources.
"""

from __future__ import annotations

import asyncio
import bisect
import collections
import contextlib
import csv
import datetime as dt
import enum
import hashlib
import io
import itertools
import json
import math
import operator
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Literal, get_args

import attrs
import filelock

from ._client import BandwidthClient
from ._converter import own_keys, structure, unstructure, wire_name
from ._errors import BandwidthError
from ._json import dumps
from ._mirror import WirePage, as_json, lines, wire_page
from ._pagination import AsyncPaginator, Reader
from ._telemetry import telemetry_of
from ._wire import parse_datetime
from .models import CallRecordingMetadata, CallState, Conference, ListMessageItem, Media

__all__ = ["KINDS", "ExportError", "ExportResult", "Format", "Kind", "export"]

Kind = Literal["calls", "conferences", "recordings", "messages", "media"]
Format = Literal["jsonl", "csv"]
KINDS: tuple[Kind, ...] = get_args(Kind)

_FORMATS: tuple[Format, ...] = get_args(Format)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MS = dt.timedelta(milliseconds=1)
_SPOOL_MAX = 1 << 20
#: The fewest windows in flight: also how many go out before `_Pace` has seen a page.
_FEWEST_IN_FLIGHT = 2
_CHECKPOINT_VERSION = 2
_FINGERPRINT_SPAN = 1 << 16
_MS_TEXT_LEN = len("2026-07-01T09:30:00.250Z")
#: The characters that tell the API's time form (see `_wire_key`), and the JSON types a page
#: must hold for `_page_keys`.
_FORM = operator.itemgetter(7, 10, 19, 23)
_ONLY_DICT = frozenset({dict})
_ONLY_STR = frozenset({str})
_MICROSECOND = operator.attrgetter("microsecond")


class ExportError(BandwidthError):
    """
    The export cannot go on: a checkpoint for other arguments, or a window that cannot be split.
    """


@attrs.frozen
class ExportResult:
    """
    What an export wrote.

    Attributes:
        kind: What was exported.
        path: The output file.
        count: Records in the output, including those written by earlier runs of a resumed export.
        seconds: How long this run took.
        written: Records written by this run (``count`` unless the export was resumed).
    """

    kind: Kind
    path: Path
    count: int
    seconds: float
    written: int

    @property
    def rate(self) -> float:
        """
        Records written per second by this run (0 when it took no measurable time).
        """
        return self.written / self.seconds if self.seconds > 0 else 0.0


# -- what each kind is ---------------------------------------------------------------------


@attrs.frozen
class _Kind:
    model: type[Any]
    #: The wire name of the record's time the range filters on, or None (media has no time).
    time_key: str | None
    #: Most records one windowed query returns; 0 for kinds read by plain pagination.
    cap: int = 0
    #: The page size asked for by default: the most the API allows.
    page_size: int = 1000


_KINDS: dict[str, _Kind] = {
    "calls": _Kind(CallState, "startTime", cap=10_000, page_size=10_000),
    "recordings": _Kind(CallRecordingMetadata, "startTime", cap=1_000),
    "conferences": _Kind(Conference, "createdTime"),
    "messages": _Kind(ListMessageItem, "receiveTime"),
    "media": _Kind(Media, None),
}


class _Wire:
    """
    Copies a record from its decoded wire JSON to the JSON the model would write back.

    No model is built: the fields the model knows, in its order, ``null`` left out, times
    written as the converter writes them, nested objects through the converter.
    """

    def __init__(self, model: type[Any]) -> None:
        self.model = model
        attrs.resolve_types(model)
        plan = [
            (wire_name(model.__name__, f.name), _field_copier(f.type)) for f in attrs.fields(model)
        ]
        self.keys = [name for name, _ in plan]
        self._copy_page = self._compile(plan)

    def copy(self, raw: Any) -> dict[str, Any]:
        """
        One record (decoded JSON) as the model would write it back; DecodeError if it won't fit.
        """
        return self._copy_page([raw], *self.keys)[0]

    def copy_many(self, raws: Sequence[Any]) -> list[dict[str, Any]]:
        """
        `copy` for each of *raws*, a page at a time, reading the page's own keys (`own_keys`).
        """
        return self._copy_page(raws, *own_keys(raws, self.keys)) if raws else []

    def _slow(self, raw: Any) -> dict[str, Any]:
        # Not a JSON object: through the model, so it fails as it always did (DecodeError).
        return unstructure(structure(raw, self.model))  # type: ignore[no-any-return]

    def _compile(
        self, plan: list[tuple[str, Callable[[Any], Any] | None]]
    ) -> Callable[..., list[dict[str, Any]]]:
        """
        One straight-line function for the model, as cattrs generates its own, over a page.

        A ``get`` and a test per field, the API's time format rewritten inline: half the
        cost of a loop over the fields. The keys to read are its arguments (see `copy_many`).
        """
        names: dict[str, Any] = {"slow": self._slow, "wire_time": _wire_time}
        params = "".join(f", k{n}" for n in range(len(plan)))
        lines = [
            f"def copy_page(raws{params}):",
            "    result = []",
            "    append = result.append",
            "    for raw in raws:",
            "        if raw.__class__ is not dict:",
            "            append(slow(raw))",
            "            continue",
            "        get = raw.get",
            "        out = {}",
        ]
        for n, (name, convert) in enumerate(plan):
            key = repr(name)
            lines.append(f"        if (v := get(k{n})) is not None:")
            if convert is None:
                lines.append(f"            out[{key}] = v")
            elif convert is _wire_time:
                lines += [
                    (
                        "            if v.__class__ is str and len(v) == 24 and v[19] == '.' "
                        "and v[23] == 'Z':"
                    ),
                    (
                        f"                out[{key}] = v[:19] + 'Z' if v[20:23] == '000' else "
                        "v[:23] + '000Z'"
                    ),
                    "            else:",
                    f"                out[{key}] = wire_time(v)",
                ]
            else:
                names[f"convert{n}"] = convert
                lines.append(f"            out[{key}] = convert{n}(v)")
        lines += ["        append(out)", "    return result"]
        exec("\n".join(lines), names)  # noqa: S102 - our own code, built from the model's fields
        function: Callable[..., list[dict[str, Any]]] = names["copy_page"]
        return function


def _field_copier(kind: Any) -> Callable[[Any], Any] | None:
    args = [a for a in get_args(kind) if a is not type(None)]
    inner = args[0] if len(args) == 1 and kind.__class__ is not type else kind
    if inner is dt.datetime:
        return _wire_time
    if inner in {str, int, float, bool} or (
        isinstance(inner, type) and issubclass(inner, enum.Enum)
    ):
        return None
    return lambda value: unstructure(structure(value, inner))


def _wire_time(value: Any) -> Any:
    # The converter writes datetime.isoformat() with Z: the API's "....123Z" becomes
    # "....123000Z" (and ".000Z" no fraction); any other shape goes the slow, exact way.
    if isinstance(value, str) and len(value) == 24 and value[19] == "." and value[23] == "Z":  # noqa: PLR2004
        return value[:19] + "Z" if value[20:23] == "000" else value[:23] + "000Z"
    return unstructure(structure(value, dt.datetime))


def _wire_ms(value: Any) -> int | None:
    if value is None:
        return None
    if value.__class__ is str and value.endswith("Z"):
        try:
            return round(dt.datetime.fromisoformat(value).timestamp() * 1000)
        except ValueError:
            pass
    return _to_ms(structure(value, dt.datetime))


def _ms_text(ms: int) -> str:
    """
    *ms* as the API writes a time, ``2026-07-01T09:30:00.250Z``: in that form, text sorts as time.
    """
    return _from_ms(ms).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _wire_key(value: Any) -> str | None:
    """
    A record's time as `_ms_text` would write it, to compare as text: no datetime arithmetic.

    The API's own form is checked (``fromisoformat``: a bad date goes on to `_wire_ms`, which
    raises DecodeError) and kept as it is; any other form goes through `_wire_ms`.
    """
    if value is None:
        return None
    if (
        value.__class__ is str
        and len(value) == _MS_TEXT_LEN
        and value[23] == "Z"
        and value[19] == "."
        and value[10] == "T"
        and value[7] == "-"  # not an ISO week date, "2026-W27-3T...", which sorts otherwise
    ):
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return value
    ms = _wire_ms(value)
    return None if ms is None else _ms_text(ms)


@attrs.define
class _Sieve:
    """
    Which records of a window's pages are complete, page after page; no I/O.

    Times are compared as text in the API's form (`_wire_key`): the same order, and far cheaper
    than a datetime a record (a `WirePage`'s times, read already, are compared as they are).
    Records before the last time seen are complete; those at that time are *held*, since the
    next page may hold more of them. Records outside [*first*, *end*) are dropped, and records
    with no time are kept only when *untimed*.
    """

    first: str
    end: str
    key: str | None
    untimed: bool
    last: str = attrs.field(default=attrs.Factory(lambda self: self.first, takes_self=True))
    held: list[Any] = attrs.Factory(list)
    ordered: bool = True

    def sift(self, items: Sequence[Any], wire: _Wire) -> list[Any]:
        """
        The records of the next page *items* (wire JSON, or a `WirePage`) now complete, in order.

        A record that is no JSON object is a DecodeError (through *wire*).
        """
        if isinstance(items, WirePage):  # its times were checked by `_window_page`
            first = items.times[0] if items.times else None
            if first is not None and first >= parse_datetime(self.last):
                return self._sift_ordered(items, items.times, parse_datetime)
            items = as_json(items)
        own = own_keys(items, [self.key])[0] if self.key else None
        ats = _page_keys(items, own) if own else None
        if ats is not None and ats[0] >= self.last:  # last >= first
            return self._sift_ordered(items, ats, str)
        batch = []
        for raw in items:
            record = raw if isinstance(raw, dict) else wire.copy(raw)
            at = _wire_key(record.get(own)) if own else None
            if at is None:
                if self.untimed:
                    batch.append(record)
                continue
            if not self.first <= at < self.end:
                continue
            if at > self.last:
                batch += self.held
                self.held, self.last = [], at
            elif at < self.last:
                self.ordered = False
            self.held.append(record)
        return batch

    def _sift_ordered(
        self, items: Sequence[Any], ats: Sequence[Any], at: Callable[[str], Any]
    ) -> list[Any]:
        """
        `sift` for a page in time order, its times *ats* none before `last`.

        *ats* are the API's text (*at* is ``str``) or whole-millisecond UTC datetimes (*at*
        reads the API's text as one): they compare as the text does. No Python loop a
        record. Records at or past the end are not this window's (the query asks one
        millisecond more: see `_window_query`), as `sift`'s own loop finds too.
        """
        inside = bisect.bisect_left(ats, at(self.end))
        if inside < len(ats):
            items, ats = items[:inside], ats[:inside]
        if not ats:
            return []
        top = ats[-1]
        if top == at(self.last):
            self.held += items
            return []
        cut = bisect.bisect_left(ats, top)
        batch, self.held = [*self.held, *items[:cut]], list(items[cut:])
        self.last = top if isinstance(top, str) else _ms_text(_to_ms(top))
        return batch


def _page_keys(items: Sequence[Any], key: str) -> list[str] | None:
    """
    The times (*key*) of a page's records as `_wire_key` gives them, or ``None``.

    ``None`` unless the page is in time order and every time is in the API's own form: then
    the page is read record by record. One C pass a check, not a Python loop a record.
    """
    if not items or not _ONLY_DICT.issuperset(map(type, items)):
        return None
    ats: list[Any] = list(map(dict.get, items, itertools.repeat(key)))
    if (
        not _ONLY_STR.issuperset(map(type, ats))
        or not {_MS_TEXT_LEN}.issuperset(map(len, ats))
        or not {("-", "T", ".", "Z")}.issuperset(map(_FORM, ats))
        or not all(map(operator.le, ats, itertools.islice(ats, 1, None)))
    ):
        return None
    try:
        collections.deque(map(dt.datetime.fromisoformat, ats), maxlen=0)  # valid dates only
    except ValueError:
        return None  # a bad date: `_wire_key` says so, for that record
    return ats


def _window_page(body: bytes, model: type[Any], key: str) -> WirePage | None:
    """
    A window's page read for `lines` (see `wire_page`), its times (*key*) checked for the sieve.

    ``None`` unless every record fits and has a time, the times are in order and each a whole
    millisecond (so that they compare as the API's text does): the page's JSON is then decoded
    and read record by record.
    """
    page = wire_page(body, model, key)
    if page is None or not _ms_ordered(page.times):
        return None
    return page


def _ms_ordered(ats: list[dt.datetime | None]) -> bool:
    # One C pass a check. A None among them makes a comparison raise TypeError.
    try:
        return (
            bool(ats)
            and ats[0] is not None
            and all(map(operator.le, ats, itertools.islice(ats, 1, None)))  # type: ignore[arg-type]
            and not any(map(operator.mod, map(_MICROSECOND, ats), itertools.repeat(1000)))
        )
    except TypeError:
        return False


def _window_query(
    client: BandwidthClient, kind: str, lo: int, hi: int, page_size: int
) -> AsyncPaginator[Any]:
    # maxStartTime is inclusive for listCalls and exclusive for listAccountCallRecordings;
    # asking one millisecond more covers both, and `_in` trims what lies past the window.
    since, until = _from_ms(lo), _from_ms(hi + 1)
    if kind == "calls":
        return client.calls.list(min_start_time=since, max_start_time=until, page_size=page_size)
    return client.recordings.list(min_start_time=since, max_start_time=until)


def _paged_query(
    client: BandwidthClient,
    kind: str,
    since: dt.datetime | None,
    until: dt.datetime | None,
    *,
    page_size: int,
    cursor: str | None,
) -> AsyncPaginator[Any]:
    if kind == "conferences":
        return client.conferences.list(
            min_created_time=since, max_created_time=until, page_size=page_size, cursor=cursor
        )
    if kind == "messages":
        return client.messages.list(
            from_date_time=since, to_date_time=until, page_size=page_size, cursor=cursor
        )
    return client.media.list(cursor=cursor)


# -- time ----------------------------------------------------------------------------------


def _to_ms(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return (moment - _EPOCH) // _MS


def _from_ms(ms: int) -> dt.datetime:
    return _EPOCH + ms * _MS


def _in(ms: int | None, lo: int | None, hi: int | None) -> bool:
    if ms is None:
        return True
    return (lo is None or ms >= lo) and (hi is None or ms < hi)


# -- output --------------------------------------------------------------------------------


# What a spreadsheet runs as a formula when a cell starts with it (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ... except values that are plainly data: an E.164 number, a negative number.
_PLAIN = re.compile(r"\+[0-9]{1,15}|-[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def neutralize(text: str) -> str:
    """
    *text* with a leading ``'`` when a spreadsheet would run it as a formula.

    E.164 numbers (``+19195551234``) and plain negative numbers are left as they are.
    """
    if text.startswith(_FORMULA_START) and _PLAIN.fullmatch(text) is None:
        return "'" + text
    return text


def _cell(value: Any, *, safe: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralize(value) if safe else value
    if isinstance(value, int | float):
        return str(value)
    return dumps(value).decode()


class _Output:
    """
    The output file: encodes records, appends them, and knows its size for the checkpoint.
    """

    def __init__(
        self, path: Path, fmt: Format, model: type[Any], *, durable: bool, safe: bool = True
    ) -> None:
        self.path = path
        self.format = fmt
        self.durable = durable
        self.safe = safe
        self.columns = [wire_name(model.__name__, f.name) for f in attrs.fields(model)]
        self.offset = 0
        self._file: IO[bytes] | None = None

    def create(self) -> None:
        """
        Start a new output, with the CSV header when the format has one.
        """
        self._file = self.path.open("wb")
        self.offset = 0
        if self.format == "csv":
            self.append(self._csv([self.columns]))

    def reopen(self, offset: int, fingerprint: str) -> None:
        """
        Continue an output at *offset*, cutting off whatever a crash left after it.

        Raises:
            ExportError: The file is shorter than *offset*, or its first *offset* bytes are not
                the ones the checkpoint saw written (*fingerprint*); it is left untouched.
        """
        size = self.path.stat().st_size if self.path.exists() else -1
        if size < offset or _fingerprint(self.path, offset) != fingerprint:
            shown = f"holds {max(size, 0)} bytes" if size < offset else "holds other bytes"
            msg = (
                f"{self.path} {shown} than the {offset} this checkpoint wrote: it is not the "
                "output of this checkpoint (left untouched)"
            )
            raise ExportError(msg)
        self._file = self.path.open("ab")
        self._file.truncate(offset)
        self.offset = offset

    def fingerprint(self) -> str:
        """
        The fingerprint of what has been written so far (see `_fingerprint`).
        """
        return _fingerprint(self.path, self.offset)

    def close(self) -> None:
        """
        Close the file; harmless twice.
        """
        if self._file is not None:
            self._file.close()
            self._file = None

    def encode(self, records: Iterable[dict[str, Any]]) -> bytes:
        """
        *records* (wire JSON, see `_Wire`) as JSON Lines or CSV rows.
        """
        if self.format == "jsonl":
            return b"".join([dumps(r) + b"\n" for r in records])
        safe = self.safe
        return self._csv([[_cell(r.get(c), safe=safe) for c in self.columns] for r in records])

    def append(self, data: bytes | IO[bytes]) -> None:
        """
        Append *data* (bytes, or a file read from its start) and flush it to the file.
        """
        assert self._file is not None  # noqa: S101 - create() or reopen() came first
        if isinstance(data, bytes):
            self._file.write(data)
        else:
            shutil.copyfileobj(data, self._file)
        self._file.flush()
        if self.durable:
            os.fsync(self._file.fileno())
        self.offset = self._file.tell()

    @staticmethod
    def _csv(rows: Iterable[Sequence[str]]) -> bytes:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        return text.getvalue().encode()


def _fingerprint(path: Path, size: int) -> str:
    """
    SHA-256 of the size, the first and the last 64 KiB of *path*'s first *size* bytes.

    Enough to tell the output a checkpoint wrote from any other file, without reading it all.
    """
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as f:
        digest.update(f.read(min(size, _FINGERPRINT_SPAN)))
        tail = max(_FINGERPRINT_SPAN, size - _FINGERPRINT_SPAN)
        if tail < size:
            f.seek(tail)
            digest.update(f.read(size - tail))
    return digest.hexdigest()


# -- checkpoint ----------------------------------------------------------------------------


@attrs.define
class _State:
    """
    How far an export got: what the checkpoint file holds.
    """

    kind: str
    format: str
    since: int | None
    until: int | None
    #: The output file, absolute, and the fingerprint of its first *offset* bytes.
    output: str = ""
    fingerprint: str = ""
    count: int = 0
    offset: int = 0
    #: Windowed kinds: finished [lo, hi) windows in epoch milliseconds, merged and sorted.
    done: list[list[int]] = attrs.field(factory=list)
    #: Paged kinds: the cursor of the next page (None: the first page, or no more when finished).
    cursor: str | None = None
    finished: bool = False

    def add_window(self, lo: int, hi: int) -> None:
        """
        Mark [*lo*, *hi*) as written, merging it with its neighbours.
        """
        merged: list[list[int]] = []
        for a, b in sorted([*self.done, [lo, hi]]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.done = merged


def _parse_state(data: object) -> _State:
    """
    The `_State` a checkpoint's JSON *data* holds.

    Raises:
        ValueError: *data* is not a checkpoint of this version: a key missing or unknown, or a
            value of the wrong type.
    """
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")  # noqa: TRY004 - reported as one ExportError
    data = dict(data)
    version = data.pop("version", None)
    if version != _CHECKPOINT_VERSION:
        raise ValueError(f"a checkpoint of another version ({version})")
    names = {f.name for f in attrs.fields(_State)}
    if set(data) != names:
        raise ValueError(f"keys {sorted(set(data) ^ names)} missing or unknown")

    def ms(value: object) -> bool:
        return type(value) is int and value >= 0

    def pair(value: object) -> bool:
        return isinstance(value, list) and len(value) == len(("lo", "hi")) and all(map(ms, value))

    checks: dict[str, Callable[[object], bool]] = {
        "kind": lambda v: isinstance(v, str) and v in _KINDS,
        "format": lambda v: isinstance(v, str) and v in _FORMATS,
        "since": lambda v: v is None or ms(v),
        "until": lambda v: v is None or ms(v),
        "output": lambda v: isinstance(v, str),
        "fingerprint": lambda v: isinstance(v, str),
        "count": ms,
        "offset": ms,
        "done": lambda v: isinstance(v, list) and all(map(pair, v)),
        "cursor": lambda v: v is None or isinstance(v, str),
        "finished": lambda v: type(v) is bool,
    }
    for name, check in checks.items():
        if not check(data[name]):
            raise ValueError(f"{name} is {data[name]!r}")
    return _State(**data)


class _Checkpoint:
    """
    The checkpoint file, replaced atomically and locked while in use; a no-op when there is none.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock: filelock.BaseFileLock | None = None

    def acquire(self) -> None:
        """
        Take the OS lock beside the checkpoint, so a second run cannot interleave with this one.

        Raises:
            ExportError: The directory does not exist, or another export holds the lock.
        """
        if self.path is None:
            return
        if not self.path.parent.is_dir():
            raise ExportError(f"the checkpoint's directory {self.path.parent} does not exist")
        lock = filelock.FileLock(f"{self.path}.lock", timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            msg = f"the checkpoint {self.path} is in use by another export: wait for it to end"
            raise ExportError(msg) from None
        except OSError as exc:
            raise ExportError(f"cannot lock the checkpoint {self.path}: {exc}") from exc
        self._lock = lock

    def release(self) -> None:
        """
        Let go of the lock; harmless when not held.
        """
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def load(self) -> _State | None:
        if self.path is None or not self.path.exists():
            return None
        try:
            return _parse_state(json.loads(self.path.read_text()))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ExportError(f"{self.path} is not an export checkpoint: {exc}") from exc

    def save(self, state: _State) -> None:
        if self.path is None:
            return
        data = {"version": _CHECKPOINT_VERSION, **attrs.asdict(state)}
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(data, f)
                f.flush()
                os.fsync(f.fileno())
            Path(tmp).replace(self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove(self) -> None:
        """
        Delete the checkpoint file (after a first run that wrote nothing).
        """
        if self.path is not None:
            self.path.unlink(missing_ok=True)


# -- progress ------------------------------------------------------------------------------


class _Progress:
    """
    Progress on stderr: a tqdm bar on a terminal, plain log lines elsewhere; or a callback.

    Windowed kinds count windows done of windows planned (the total grows when a full window
    is cut up), which gives tqdm its ETA; the postfix has the records and this run's rate.
    """

    def __init__(self, progress: bool | Callable[[int], object], kind: str, start: int) -> None:
        self._callback = progress if callable(progress) else None
        self._on = progress is True
        self._kind = kind
        self.start = start
        self._began = time.monotonic()
        self._logged = self._began
        self.planned = self.done = 0
        self._count = start
        self._bar: Any = None
        if self._on and sys.stderr.isatty():
            import tqdm  # type: ignore[import-untyped]  # noqa: PLC0415 - only on a terminal

            self._bar = tqdm.tqdm(
                total=None, unit=" windows", file=sys.stderr, dynamic_ncols=True, leave=True
            )

    def say(self, line: str) -> None:
        """
        Print one line (a resume notice) above the bar, when progress is on.
        """
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        elif self._on:
            print(line, file=sys.stderr)  # noqa: T201

    def plan(self, windows: int) -> None:
        """
        *windows* more windows are to be fetched.
        """
        self.planned += windows
        if self._bar is not None:
            self._bar.total = self.planned
            self._bar.refresh()

    def advance(self, count: int, *, windows: int = 0) -> None:
        """
        *count* records are in the output now, and *windows* more windows are done.
        """
        self._count = count
        self.done += windows
        if self._callback is not None:
            self._callback(count)
        if self._bar is not None:
            self._bar.set_postfix_str(self._postfix(), refresh=False)
            self._bar.update(windows)
        elif self._on and time.monotonic() - self._logged >= 2.0:  # noqa: PLR2004 - every 2 s
            self._logged = time.monotonic()
            print(self._line(), file=sys.stderr)  # noqa: T201

    def close(self, count: int, *, failed: bool = False) -> None:
        """
        Draw the last count and end the line, so the shell prompt starts on a fresh one.

        After a failure only the bar is closed: the error is the line to read.
        """
        self._count = count
        if self._bar is not None:
            self._bar.set_postfix_str(self._postfix(), refresh=False)
            self._bar.close()
        elif self._on and not failed:
            print(self._line(), file=sys.stderr)  # noqa: T201

    def _rate(self) -> float:
        elapsed = time.monotonic() - self._began
        return (self._count - self.start) / elapsed if elapsed > 0 else 0.0

    def _postfix(self) -> str:
        return f"{self._count:,} {self._kind} ({self._rate():,.0f}/s)"

    def _line(self) -> str:
        windows = f", {self.done} of {self.planned} windows" if self.planned else ""
        return f"{self._kind}: {self._count:,} exported ({self._rate():,.0f}/s this run){windows}"


# -- the two ways of reading ---------------------------------------------------------------


class _Held:
    """
    A window's output until it is committed.

    Its latest page's bytes stay in memory, the pages before it go to a temporary file
    (spooled): a window of many pages holds about one.
    """

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._spool: IO[bytes] | None = None

    def write(self, data: bytes) -> None:
        """
        Add *data*, the output of the current page.
        """
        self._parts.append(data)

    def next_page(self) -> None:
        """
        A new page begins: move the last one's output to the spool.
        """
        if self._parts:
            if self._spool is None:
                self._spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_MAX)  # noqa: SIM115
            self._spool.writelines(self._parts)
            self._parts.clear()

    def contents(self) -> bytes | IO[bytes]:
        """
        All the window's output: bytes if it is one page's, else the spool from its start.
        """
        if self._spool is None:
            return b"".join(self._parts)
        self.next_page()
        self._spool.seek(0)
        return self._spool

    def close(self) -> None:
        """
        Drop the spool, if any.
        """
        if self._spool is not None:
            self._spool.close()


def _plan(start: int, end: int, density: float, cap: int) -> list[tuple[int, int]]:
    """
    Cut [*start*, *end*) into windows of about 80% of *cap* records at *density* per ms.

    So each comes back in one query, not full.
    """
    step = max(1, int(0.8 * cap / density)) if density > 0 else end - start
    return [(a, min(a + step, end)) for a in range(start, end, step)]


@attrs.define
class _Pace:
    """
    How many windows to keep in flight: enough to hide the network's latency, no more.

    By Little's law, while one page is written the next should already be on its way: the
    shortest wait for a page seen (the latency, without queueing behind the CPU) over the
    time a page takes to write, rounded down, plus one, between two and *most*; two before
    any page is back. More windows in flight would not go faster, only hold their bodies in
    memory while they wait for the CPU. Rounding up, or three before any page is back, went
    a little faster at 100 ms but, at 0 ms, kept a third 5.3 MB body in memory in some runs
    and not others.
    """

    most: int
    #: The shortest wait for a page seen, and the time a page takes to write (smoothed).
    wait: float = math.inf
    work: float = 0.0

    def saw(self, wait: float, work: float) -> None:
        """
        A page came *wait* seconds after it was asked for, and took *work* seconds to write.
        """
        self.wait = min(self.wait, wait)
        self.work = work if not self.work else (self.work + work) / 2

    def in_flight(self) -> int:
        """
        How many windows may be in flight now.
        """
        if not self.work or math.isinf(self.wait):
            return min(self.most, _FEWEST_IN_FLIGHT)
        hidden = math.floor(self.wait / self.work) + 1
        return min(self.most, max(_FEWEST_IN_FLIGHT, hidden))


def _recut(windows: Iterable[tuple[int, int]], density: float, cap: int) -> list[tuple[int, int]]:
    """
    *windows*, each cut as `_plan` cuts it if it would come back full (*cap*) at *density*.

    The first full window says how wide the others should be before they are sent, so they
    come back in one query each rather than full, each with a query after it.
    """
    out: list[tuple[int, int]] = []
    for lo, hi in windows:
        out += _plan(lo, hi, density, cap) if (hi - lo) * density >= cap else [(lo, hi)]
    return out


def _gaps(state: _State, step: int) -> collections.deque[tuple[int, int]]:
    """
    The windows of at most *step* ms that cover what *state* has not written yet, oldest first.
    """
    assert state.since is not None  # noqa: S101 - windowed kinds always have both bounds
    assert state.until is not None  # noqa: S101
    out: collections.deque[tuple[int, int]] = collections.deque()
    at = state.since
    for lo, hi in [*state.done, [state.until, state.until]]:
        while at < min(lo, state.until):
            end = min(at + step, lo, state.until)
            out.append((at, end))
            at = end
        at = max(at, hi)
    return out


@attrs.define
class _Exporter:
    """
    One run of an export: where it reads, where it writes, and how far it got.
    """

    client: BandwidthClient
    state: _State
    output: _Output
    checkpoint: _Checkpoint
    report: _Progress
    concurrency: int
    page_size: int
    step: int
    wire: _Wire
    pace: _Pace

    async def run(self) -> None:
        """
        Write what is left, then mark the checkpoint finished.
        """
        if _KINDS[self.state.kind].cap:
            await self._windows()
        else:
            await self._pages()
        self.state.finished = True
        self.checkpoint.save(self.state)

    def _commit(self, data: bytes | IO[bytes], count: int, *, window: bool = False) -> None:
        # Synchronous on purpose: no await between the output and its checkpoint.
        self.output.append(data)
        self.state.count += count
        self.state.offset = self.output.offset
        if self.checkpoint.path is not None:
            self.state.fingerprint = self.output.fingerprint()
        self.checkpoint.save(self.state)
        self.report.advance(self.state.count, windows=int(window))
        telemetry_of(self.client).export_progress(
            self.state.kind, records=count, windows=int(window)
        )

    def _encode(self, records: Sequence[Any]) -> bytes:
        """
        *records* (wire JSON, or `WirePage` records) in the output format, as `_Wire` copies them.

        JSON Lines go through the model's msgspec mirror (`_mirror.lines`: no Python code a
        record) when every record fits it; the copy gives the same bytes for the rest.
        """
        if self.output.format == "jsonl":
            fast = lines(records, self.wire.model)
            if fast is not None:
                return fast
        return self.output.encode(self.wire.copy_many(as_json(records)))

    def _reader(self, arrived: list[float]) -> Reader:
        """
        How a window's page is read: straight to a `WirePage` when JSON Lines are written.

        It notes when each body *arrived* (for `_Pace`), before anything decodes it.
        """
        model = self.wire.model
        key = _KINDS[self.state.kind].time_key if self.output.format == "jsonl" else None

        def read(body: bytes) -> WirePage | None:
            arrived[0] = time.monotonic()
            return None if key is None else _window_page(body, model, key)

        return read

    async def _windows(self) -> None:
        pending = _gaps(self.state, self.step)
        self.report.plan(len(pending))
        cap = _KINDS[self.state.kind].cap
        busy = 0
        changed = asyncio.Event()

        async def worker() -> None:
            nonlocal busy
            while True:
                while (not pending and busy) or (pending and busy >= self.pace.in_flight()):
                    changed.clear()
                    await changed.wait()
                if not pending:
                    changed.set()
                    return
                lo, hi = pending.popleft()
                busy += 1
                halves: list[tuple[int, int]] = []
                density = None
                try:
                    halves, density = await self._window(lo, hi)
                finally:
                    pending.extendleft(reversed(halves))
                    self.report.plan(len(halves))
                    if density is not None:  # the windows not sent yet, cut to fit too
                        recut = _recut(pending, density, cap)
                        self.report.plan(len(recut) - len(pending))
                        pending.clear()
                        pending.extend(recut)
                    busy -= 1
                    changed.set()

        try:
            async with asyncio.TaskGroup() as group:
                for _ in range(self.concurrency):
                    group.create_task(worker())
        except BaseExceptionGroup as group:
            raise _first_error(group) from None

    async def _window(self, lo: int, hi: int) -> tuple[list[tuple[int, int]], float | None]:
        """
        Write the window [*lo*, *hi*); return the windows still to fetch for it, if any.

        With them, the density it found (records a millisecond) if it came back full in time
        order, else ``None``. A window that comes back full (the query's cap) in time order is
        not wasted: every record before the last time seen is complete and written, and the
        rest of the window is cut into pieces sized from the density just seen. A full window
        out of order is halved and fetched again.
        """
        spec = _KINDS[self.state.kind]
        wire = self.wire
        seen = kept = 0
        # Every window's query may return a record with no time: only the first window keeps it.
        sieve = _Sieve(
            _ms_text(lo), _ms_text(hi), spec.time_key, not spec.time_key or lo == self.state.since
        )
        query = _window_query(self.client, self.state.kind, lo, hi, self.page_size)
        arrived = [0.0]
        query = query.raw(self._reader(arrived))
        with contextlib.closing(_Held()) as held:
            asked = time.monotonic()
            async for page in query.pages():
                telemetry_of(self.client).export_progress(self.state.kind, pages=1)
                held.next_page()
                seen += len(page.items)
                batch = sieve.sift(page.items, wire)
                held.write(self._encode(batch))
                kept += len(batch)
                written = time.monotonic()
                self.pace.saw(arrived[0] - asked, written - arrived[0])
                asked = written  # the next page is asked for now
                if seen >= spec.cap:
                    break
            if seen < spec.cap:
                held.write(self._encode(sieve.held))
                self.state.add_window(lo, hi)
                self._commit(held.contents(), kept + len(sieve.held), window=True)
                return [], None
            if sieve.ordered and sieve.last > sieve.first:
                stop = _wire_ms(sieve.last)
                assert stop is not None  # noqa: S101 - last is a time, in the API's form
                self.state.add_window(lo, stop)
                self._commit(held.contents(), kept, window=True)
                density = kept / (stop - lo)
                return _plan(stop, hi, density, spec.cap), density
        if hi - lo < 2:  # noqa: PLR2004 - a millisecond cannot be halved
            msg = (
                f"{seen} {self.state.kind} or more start at {_from_ms(lo).isoformat()}: more "
                "than one query can return"
            )
            raise ExportError(msg)
        mid = lo + (hi - lo) // 2
        return [(lo, mid), (mid, hi)], None

    async def _pages(self) -> None:
        state = self.state
        spec = _KINDS[state.kind]
        query = _paged_query(
            self.client,
            state.kind,
            None if state.since is None else _from_ms(state.since),
            None if state.until is None else _from_ms(state.until),
            page_size=self.page_size,
            cursor=state.cursor,
        )
        pages = query.raw().pages()
        async with contextlib.aclosing(pages):
            async for page in pages:
                telemetry_of(self.client).export_progress(state.kind, pages=1)
                records = page.items
                if not _ONLY_DICT.issuperset(map(type, records)):
                    records = self.wire.copy_many(records)  # DecodeError: not a JSON object
                if spec.time_key is not None:
                    key = spec.time_key
                    records = [
                        r for r in records if _in(_wire_ms(r.get(key)), state.since, state.until)
                    ]
                state.cursor = page.next_cursor
                self._commit(self._encode(records), len(records))


def _leaves(group: BaseExceptionGroup[BaseException]) -> list[BaseException]:
    out: list[BaseException] = []
    for exc in group.exceptions:
        out.extend(_leaves(exc) if isinstance(exc, BaseExceptionGroup) else [exc])
    return out


def _first_error(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """
    The one error to raise for the failed windows in *group*.

    An interrupt first, then the first `BandwidthError`, then the first other error; the others
    become its notes.
    """
    leaves = _leaves(group)
    first = next(
        (e for e in leaves if not isinstance(e, Exception)),
        next((e for e in leaves if isinstance(e, BandwidthError)), leaves[0]),
    )
    others = [e for e in leaves if e is not first]
    if others:
        first.add_note(f"{len(others)} more window(s) failed as well:")
        for exc in others[:5]:
            first.add_note(f"  {type(exc).__name__}: {exc}")
    return first


# -- the entry point -----------------------------------------------------------------------


def _resolve(
    kind: str, since: dt.datetime | None, until: dt.datetime | None
) -> tuple[int | None, int | None]:
    lo = None if since is None else _to_ms(since)
    hi = None if until is None else _to_ms(until)
    if _KINDS[kind].cap:
        hi = _to_ms(dt.datetime.now(dt.UTC)) if hi is None else hi
        lo = hi - 8 * 86_400_000 if lo is None else lo
    if lo is not None and hi is not None and lo >= hi:
        raise ValueError(f"since must be before until, got {since} and {until}")
    return lo, hi


def _check_resume(state: _State, asked: dict[str, object]) -> None:
    for name, want in asked.items():
        have = getattr(state, name)
        if want is not None and want != have:
            shown = [_from_ms(v).isoformat() if isinstance(v, int) else v for v in (want, have)]
            msg = (
                f"the checkpoint is for {name}={shown[1]}, not {shown[0]}: use another "
                "checkpoint file, or the same arguments to resume"
            )
            raise ExportError(msg)


def _check_arguments(
    kind: str, fmt: str, concurrency: int, page_size: int | None, window: dt.timedelta | None
) -> None:
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if fmt not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(_FORMATS)}, not {fmt!r}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be >= 1, not {concurrency}")
    if page_size is not None and page_size < 1:
        raise ValueError(f"page_size must be >= 1, not {page_size}")
    if window is not None and window < _MS:
        raise ValueError(f"window must be at least a millisecond, not {window}")


async def export(
    client: BandwidthClient,
    kind: Kind,
    out: str | os.PathLike[str],
    *,
    format: Format = "jsonl",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    checkpoint: str | os.PathLike[str] | None = None,
    concurrency: int = 8,
    progress: bool | Callable[[int], object] = False,
    page_size: int | None = None,
    window: dt.timedelta | None = None,
    safe_csv: bool = True,
) -> ExportResult:
    """
    Write every *kind* record in ``[since, until)`` to *out*, once each; see the module docs.

    Up to *concurrency* windows are fetched at once (calls and recordings: fewer while that is
    enough to hide the latency); *window* is the length of the first windows (default: the range cut
    in *concurrency* pieces); *page_size* is sent as the API's page size where it has one (default:
    the most it allows, 10,000 for calls). *safe_csv* neutralises CSV cells a spreadsheet would run
    as formulas.

    Raises:
        ExportError: *checkpoint* belongs to another export, or its output file was changed.
        ValueError: An argument is out of range, or media was asked for with a time range.
    """
    _check_arguments(kind, format, concurrency, page_size, window)
    if kind == "media" and (since is not None or until is not None):
        raise ValueError("media listings have no time filter: leave since and until out")
    began = time.perf_counter()
    path = Path(out)
    lo, hi = _resolve(kind, since, until)
    store = _Checkpoint(None if checkpoint is None else Path(checkpoint))
    output = _Output(
        path, format, _KINDS[kind].model, durable=checkpoint is not None, safe=safe_csv
    )
    store.acquire()
    absolute = str(path.absolute())  # noqa: ASYNC240 - no I/O: os.getcwd()
    try:
        state = store.load()
        if state is not None:
            _check_resume(
                state,
                {
                    "kind": kind,
                    "format": format,
                    "since": None if since is None else lo,
                    "until": None if until is None else hi,
                    "output": absolute,
                },
            )
            if state.finished:
                return ExportResult(kind, path, state.count, time.perf_counter() - began, 0)
        return await _run(
            client,
            kind,
            state,
            output,
            store,
            began,
            (lo, hi),
            progress,
            concurrency,
            page_size,
            window,
        )
    finally:
        store.release()


def _resumed(state: _State, path: Path) -> str:
    where = f"{state.count:,} {state.kind} already in {path}"
    if state.since is not None and state.until is not None and _KINDS[state.kind].cap:
        covered = sum(hi - lo for lo, hi in state.done)
        share = covered / (state.until - state.since)
        return f"resuming: {where}, {share:.0%} of the time range done"
    return f"resuming: {where}, from the saved page cursor"


async def _run(  # noqa: PLR0917 - the pieces export() resolved
    client: BandwidthClient,
    kind: Kind,
    state: _State | None,
    output: _Output,
    store: _Checkpoint,
    began: float,
    bounds: tuple[int | None, int | None],
    progress: bool | Callable[[int], object],
    concurrency: int,
    page_size: int | None,
    window: dt.timedelta | None,
) -> ExportResult:
    fresh = state is None
    try:
        if state is None:
            state = _State(kind, output.format, *bounds, output=str(output.path.absolute()))
            output.create()
            state.offset = output.offset
            if store.path is not None:
                state.fingerprint = output.fingerprint()
            store.save(state)
        else:
            output.reopen(state.offset, state.fingerprint)
        report = _Progress(progress, kind, state.count)
        if not fresh:
            report.say(_resumed(state, output.path))
        if window is not None:
            step = window // _MS
        elif state.since is not None and state.until is not None:
            step = max(1, -(-(state.until - state.since) // concurrency))
        else:
            step = 1
        exporter = _Exporter(
            client,
            state,
            output,
            store,
            report,
            concurrency,
            page_size or _KINDS[kind].page_size,
            step,
            _Wire(_KINDS[kind].model),
            _Pace(concurrency),
        )
        try:
            await exporter.run()
        except BaseException:
            report.close(state.count, failed=True)
            raise
        report.close(state.count)
    except BaseException:
        output.close()
        if fresh and (state is None or state.count == 0):
            # Nothing was exported: leave no empty file, and no checkpoint to "resume" from.
            output.path.unlink(missing_ok=True)
            store.remove()
        raise
    output.close()
    seconds = time.perf_counter() - began
    return ExportResult(kind, output.path, state.count, seconds, state.count - report.start)
