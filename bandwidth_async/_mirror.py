"""
msgspec mirrors of the response models: a page of JSON straight to models or to JSON Lines, in C.

A model's *mirror* is a msgspec ``Struct`` with the model's fields, in its order, under their wire
names: one where a field the model requires must be present, to read bodies, and one where every
field defaults to ``None``, to copy records as `_Wire` does. msgspec decodes a page's bytes into
mirrors and
``msgspec.convert`` turns those into the model's own attrs objects, with no Python code a record:
about 1.5 us a call record, where orjson and the converter's page path take 3.5 us. The same
mirror writes wire records back as the converter would (`lines`), for exports.

Each function returns ``None`` when its input does not fit exactly: a value of another JSON type,
an enum value this SDK does not know, a naive or non-UTC time where it matters, a model with a
field msgspec reads otherwise than the converter (floats, nested models). The caller then takes
the general path (orjson and `_converter`), which gives the result, or the error, it always did.
Mirrors change how fast a page is read, not what comes out, with these exceptions:

- a number without a fraction in a ``float`` field comes out as a float, as annotated (the
  general path keeps the int, an equal value); `lines`, which must write the same bytes, takes
  no model with a float field;
- in values Bandwidth does not send: msgspec rounds a fraction of a second of more than six
  digits to the microsecond (the general path truncates it), reads a lowercase ``z`` as UTC
  (Python's parser refuses it), and keeps an integer past 64 bits exact (orjson makes it a
  float, which an int field refuses).

Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Sequence
from operator import attrgetter
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import attrs
import msgspec

from ._converter import writes_slots_only
from ._wire import wire_name

__all__ = ["WirePage", "as_json", "has_mirror", "lines", "model", "models", "wire_page"]

T = TypeVar("T")

#: What msgspec reads a model field's type as, where it reads it as the converter does. A
#: str-valued enum is read as a string: ``msgspec.convert`` makes the member, and refuses a value
#: the enum does not know (the converter makes an UNKNOWN member for it: the general path).
_AWARE = Annotated[dt.datetime, msgspec.Meta(tz=True)]
_SAME: dict[Any, Any] = {
    str: str,
    int: int,
    float: float,
    bool: bool,
    dt.datetime: _AWARE,
    dict[str, str]: dict[str, str],
    list[str]: list[str],
}
_UTC_OR_NONE = frozenset({dt.UTC, None})
_tzinfo = attrgetter("tzinfo")
_ENCODER = msgspec.json.Encoder()


def _wire_type(tp: Any) -> Any | None:
    """
    The mirror's type for a model field of type *tp* (nullable), or ``None`` if it has none.
    """
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not types.NoneType]
        if len(args) != 1:
            return None
        tp = args[0]
    if isinstance(tp, type) and issubclass(tp, enum.Enum) and issubclass(tp, str):
        return str | None
    same = _SAME.get(tp)
    return None if same is None else same | None


@attrs.frozen
class _Mirror:
    struct: type[msgspec.Struct]
    #: Decoders of a page (a JSON array of records) and of one record, to models; and of a
    #: page to `struct`, the copy `lines` writes.
    page: msgspec.json.Decoder[list[Any]]
    one: msgspec.json.Decoder[Any]
    copies: msgspec.json.Decoder[list[Any]]
    #: The mirror's field name of each time, by its wire name: to check a page's times are
    #: all UTC, and where `wire_page` finds a record's time.
    times: dict[str, str]
    #: Whether a field is a float: msgspec makes an int one, so `lines` would write ``1.0``.
    floats: bool


_MIRRORS: dict[type, _Mirror | None] = {}


def _mirror(cls: type) -> _Mirror | None:
    """
    *cls*'s mirror (made once), or ``None`` when a field of it has no exact mirror type.
    """
    if cls not in _MIRRORS:
        _MIRRORS[cls] = _make_mirror(cls)
    return _MIRRORS[cls]


def _make_mirror(cls: type) -> _Mirror | None:
    if not attrs.has(cls) or not writes_slots_only(cls):
        return None
    attrs.resolve_types(cls)
    copied, read, floats = [], [], False
    times: dict[str, str] = {}
    for a in attrs.fields(cls):
        tp = _wire_type(a.type)
        if tp is None or a.default not in (None, attrs.NOTHING):
            return None
        key = wire_name(cls.__name__, a.name)
        if dt.datetime in get_args(a.type) or a.type is dt.datetime:
            times[key] = a.name
        floats = floats or float in get_args(a.type) or a.type is float
        copied.append((a.name, tp, msgspec.field(default=None, name=key)))
        # A field with no default must be in the record (``null`` if its type allows it).
        needed = a.default is attrs.NOTHING
        read.append((a.name, tp, msgspec.field(name=key) if needed else copied[-1][2]))
    name = f"{cls.__name__}Wire"
    # The copy leaves out every null and keeps a record that lacks a key; models need them.
    struct = msgspec.defstruct(name, copied, omit_defaults=True, gc=False, module=__name__)
    record = msgspec.defstruct(name, read, kw_only=True, gc=False, module=__name__)
    page = msgspec.json.Decoder(list[record])  # type: ignore[valid-type]
    one = msgspec.json.Decoder(record)
    copies = msgspec.json.Decoder(list[struct])  # type: ignore[valid-type]
    return _Mirror(struct, page, one, copies, times, floats)


def has_mirror(cls: type[Any]) -> bool:
    """
    Whether `model` and `models` can read *cls* records (else they always return ``None``).
    """
    return _mirror(cls) is not None


def models(body: bytes, cls: type[Any]) -> list[Any] | None:
    """
    The *cls* records of *body*, a JSON array; ``None`` if it is anything else or does not fit.
    """
    mirror = _mirror(cls)
    return None if mirror is None else _read(mirror.page, body, list[cls])  # type: ignore[valid-type]


def model(body: bytes, cls: type[T]) -> T | None:
    """
    *body*, one JSON object, as a *cls*; ``None`` if it is anything else or does not fit.
    """
    mirror = _mirror(cls)
    return None if mirror is None else _read(mirror.one, body, cls)


def _read(decoder: msgspec.json.Decoder[Any], body: bytes, target: Any) -> Any:
    try:
        return msgspec.convert(decoder.decode(body), target, from_attributes=True)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def lines(records: Sequence[Any], cls: type[Any]) -> bytes | None:
    """
    *records* (wire JSON, or a `WirePage`'s) as the JSON Lines the converter's *cls* writes.

    That is: the fields *cls* knows, in its order, ``null`` left out, times in UTC as
    `_wire.format_datetime` writes them. ``None`` if a record does not fit, or a time is not
    UTC (the converter turns it to UTC; msgspec would keep its offset).
    """
    mirror = _copier(cls)
    if mirror is None:
        return None
    kinds = set(map(type, records))
    if kinds - {mirror.struct}:  # wire JSON among them (a WirePage's records were checked)
        given = as_json(records) if mirror.struct in kinds else records
        try:
            records = msgspec.convert(given, list[mirror.struct])  # type: ignore[name-defined]
        except msgspec.ValidationError:
            return None
        if not _utc(records, mirror):
            return None
    return _ENCODER.encode_lines(records)


class WirePage(list[Any]):
    """
    A page of records read by `wire_page`, for `lines`; ``times`` holds each one's time, read.
    """

    __slots__ = ("times",)

    def __init__(self, records: list[Any], times: list[dt.datetime | None]) -> None:
        super().__init__(records)
        self.times = times


def wire_page(body: bytes, cls: type[Any], key: str) -> WirePage | None:
    """
    *body*, a JSON array of *cls* records, read for `lines`, with each one's time *key*.

    ``None`` if anything in it does not fit (as `lines`), or *key* is not a time of *cls*.
    The times are those the records hold (in UTC; ``None`` where a record has none): one
    decoding of the body gives both.
    """
    mirror = _copier(cls)
    name = None if mirror is None else mirror.times.get(key)
    if mirror is None or name is None:
        return None
    try:
        records = mirror.copies.decode(body)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    if not _utc(records, mirror):
        return None
    return WirePage(records, list(map(attrgetter(name), records)))


def as_json(records: Sequence[Any]) -> Sequence[Any]:
    """
    *records* with each `WirePage` record made wire JSON again (an object, ``null`` left out).

    For the general path: the bytes it writes from them are those it writes from the body.
    """
    if not any(issubclass(kind, msgspec.Struct) for kind in set(map(type, records))):
        return records
    return [msgspec.to_builtins(r) if isinstance(r, msgspec.Struct) else r for r in records]


def _copier(cls: type[Any]) -> _Mirror | None:
    # `lines` must write the bytes the converter writes: no float fields (see the docstring).
    mirror = _mirror(cls)
    return None if mirror is None or mirror.floats else mirror


def _utc(records: Sequence[Any], mirror: _Mirror) -> bool:
    for name in mirror.times.values():
        column = filter(None, map(attrgetter(name), records))
        if not _UTC_OR_NONE.issuperset(map(_tzinfo, column)):
            return False
    return True
