"""
The one cattrs converter every model goes through, to and from the wire.

It maps data and nothing else: it sends nothing, and it knows no resource. Names and datetimes
follow `_wire`. Structuring an attrs class runs a fast function first (`_fast_structure`: one
pass over a precomputed field table, the JSON type of each value checked with ``type(v) is``);
only when that fails does cattrs' own detailed function (``make_dict_structure_fn``) run on the
same input, to say which field is wrong. A bad record is structured twice, a good one once.
Both are reached through cattrs' public hook factories.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import weakref
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import chain, repeat
from operator import is_not, itemgetter
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import list_structure_factory, mapping_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._errors import DecodeError, snippet
from ._unions import is_model_union, pick_member
from ._wire import format_datetime, parse_datetime, wire_name

__all__ = [
    "CONVERTER",
    "make_converter",
    "own_keys",
    "structure",
    "structure_many",
    "unstructure",
    "wire_name",
    "writes_slots_only",
]

T = TypeVar("T")

Hook = Callable[[Any, Any], Any]

#: The JSON types a Python scalar accepts: an int is a fine float, a bool is no int.
_JSON_TYPES: dict[type, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (float, int),
    bool: (bool,),
}
_EXPECTED = {str: "string", int: "integer", float: "number", bool: "boolean"}
_JSON_NAMES = {dict: "object", list: "array", str: "string", int: "number", float: "number"}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return _JSON_NAMES.get(type(value), type(value).__name__)


def _scalar_hook(tp: type) -> Hook:
    allowed = _JSON_TYPES[tp]

    def structure_scalar(value: Any, _: Any) -> Any:
        if type(value) not in allowed:
            msg = f"expected a {_EXPECTED[tp]}, got {_json_type(value)}"
            raise TypeError(msg)
        return value

    return structure_scalar


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    if type(value) is not str:
        msg = f"expected an ISO 8601 string, got {_json_type(value)}"
        raise TypeError(msg)
    return parse_datetime(value)


def _optional(tp: Any) -> Any | None:
    """
    ``X`` for ``X | None``, else ``None``.
    """
    if get_origin(tp) not in (Union, types.UnionType):
        return None
    args = [a for a in get_args(tp) if a is not types.NoneType]
    return args[0] if len(args) == 1 and len(get_args(tp)) == 2 else None  # noqa: PLR2004


# --- the fast path ----------------------------------------------------------------------------

_SCALAR, _DATETIME, _ENUM, _STRINGS, _HOOK = range(5)
_ONLY_STR: frozenset[type] = frozenset({str})


def _strings(value: Any, origin: type) -> Any:
    """
    A copy of *value*, a JSON array of strings or an object of strings (*origin* list or dict).

    One call instead of cattrs' mapping hook calling a hook per key and per value.
    """
    if origin is dict and isinstance(value, dict):
        found = {*map(type, value), *map(type, value.values())}
    elif origin is list and isinstance(value, list):
        found = {*map(type, value)}
    else:
        raise TypeError(f"expected a JSON {_JSON_NAMES[origin]}, got {_json_type(value)}")
    if not found <= _ONLY_STR:
        raise TypeError("expected strings only")
    return origin(value)


def _kind(converter: cattrs.Converter, tp: Any) -> tuple[int, Any]:
    """
    How the fast path structures a (non-null) value of *tp*, and what it needs for that.
    """
    if tp in _JSON_TYPES:
        return _SCALAR, _JSON_TYPES[tp]
    if tp is dt.datetime:
        return _DATETIME, None
    if isinstance(tp, type) and issubclass(tp, enum.Enum) and issubclass(tp, str):
        return _ENUM, tp._value2member_map_
    if tp in (list[str], dict[str, str]):
        return _STRINGS, get_origin(tp)
    return _HOOK, converter.get_structure_hook(tp)


def writes_slots_only(cls: type) -> bool:
    """
    Whether building *cls* is only writing each field to its slot, so the fast path may do it.

    True for a slotted attrs class decorated itself (not a subclass with its own ``__init__``),
    with an ``__init__`` attrs wrote (no ``init=False``), and no validator, converter, factory
    default or pre/post-init hook: every response model. Read from attrs' public metadata.
    """
    fields = attrs.fields(cls)
    return (
        "__attrs_attrs__" in vars(cls)
        and "__attrs_init__" not in vars(cls)
        and "__slots__" in vars(cls)
        and "__dict__" not in dir(cls)
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(
            a.init
            and a.validator is None
            and a.converter is None
            and not isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
            and a.name in vars(cls)
            for a in fields
        )
    )


@attrs.frozen
class _Rest:
    """
    A field that is not an optional string, scalar or datetime, and how the fast paths read it.

    Attributes:
        absent: what a missing key reads as: ``None`` when that is the field's value (an
            optional field defaulting to ``None``), else ``_MISSING``.
    """

    key: str
    setter: Any
    required: bool
    nullable: bool
    default: Any
    kind: int
    helper: Any
    tp: Any
    absent: Any

    def value(self, v: Any) -> Any:
        """
        What to store for *v*, read as `absent` for a missing key; TypeError if it does not fit.
        """
        if v is None or v is _MISSING:
            return self._missing_or_null(v)
        kind = self.kind
        if kind == _ENUM:
            if type(v) is not str:
                raise TypeError(self.key)
            member = self.helper.get(v)
            return member if member is not None else self.tp(v)
        if kind == _DATETIME:
            return _utc_if_naive(dt.datetime.fromisoformat(v))
        if kind == _STRINGS:
            return _strings(v, self.helper)
        if kind == _SCALAR:
            if type(v) not in self.helper:
                raise TypeError(self.key)
            return v
        return self.helper(v, self.tp)

    def _missing_or_null(self, v: Any) -> Any:
        if v is None and self.nullable:
            return None
        if v is _MISSING and not self.required:
            return self.default
        raise TypeError(self.key)


def _utc_if_naive(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


@attrs.frozen
class _Table:
    """
    The fields of one model, sorted by how the fast paths read them.

    Attributes:
        strings: ``(key, setter)`` of each ``str | None = None`` field: most fields of most models.
        required: ``(key, setter)`` of each ``str`` field with no default: ids, numbers, URLs.
        times: ``(key, setter)`` of each ``datetime | None = None`` field.
        scalars: ``(allowed JSON types, ((key, setter), ...))`` for other optional scalars.
        rest: the others.
    """

    strings: tuple[tuple[str, Any], ...]
    required: tuple[tuple[str, Any], ...]
    times: tuple[tuple[str, Any], ...]
    scalars: tuple[tuple[tuple[type, ...], tuple[tuple[str, Any], ...]], ...]
    rest: tuple[_Rest, ...]


def _table(converter: cattrs.Converter, cls: type) -> _Table:
    strings, required, times, rest = [], [], [], []
    scalars: dict[tuple[type, ...], list[tuple[str, Any]]] = {}
    for a in attrs.fields(cls):
        inner = _optional(a.type)
        tp = inner if inner is not None else a.type
        key, setter = wire_name(cls.__name__, a.name), vars(cls)[a.name].__set__
        kind, extra = _kind(converter, tp)
        optional = inner is not None and a.default is None
        if optional and tp is str:
            strings.append((key, setter))
        elif a.type is str and a.default is attrs.NOTHING:
            required.append((key, setter))
        elif optional and kind == _DATETIME:
            times.append((key, setter))
        elif optional and kind == _SCALAR:
            scalars.setdefault(extra, []).append((key, setter))
        else:
            needed, absent = a.default is attrs.NOTHING, None if optional else _MISSING
            field = _Rest(
                key, setter, needed, inner is not None, a.default, kind, extra, tp, absent
            )
            rest.append(field)
    grouped = tuple((allowed, tuple(pairs)) for allowed, pairs in scalars.items())
    return _Table(tuple(strings), tuple(required), tuple(times), grouped, tuple(rest))


def _fast_structure(  # noqa: C901 - its inner loop is inlined for speed
    converter: cattrs.Converter, cls: type, explain: Hook
) -> Hook | None:
    """
    A structure function for *cls*: fast for a record that fits, *explain* for one that does not.

    ``None`` when *cls* needs its ``__init__`` (see `writes_slots_only`). It writes the slots
    straight from one pass over the field table, checking each value's JSON type with
    ``type(v) is``; on anything odd it hands the same input to *explain* (cattrs' detailed
    function), which raises an error naming the field. Pages go through `_page_structure`.
    """
    if not writes_slots_only(cls):
        return None
    table = _table(converter, cls)
    strings, required, times = table.strings, table.required, table.times
    scalars, rest = table.scalars, table.rest
    new, missing, fromisoformat, utc = object.__new__, _MISSING, dt.datetime.fromisoformat, dt.UTC

    def structure_fast(o: Any, _: Any = None) -> Any:  # noqa: C901, PLR0912 - one pass, inlined for speed
        if type(o) is not dict:
            return explain(o, cls)
        get = o.get
        obj: Any = new(cls)
        try:
            for key, setter in strings:
                v = get(key)
                if type(v) is not str and v is not None:  # strings first: the common case
                    return explain(o, cls)
                setter(obj, v)
            for key, setter in required:
                v = get(key)
                if type(v) is not str:
                    return explain(o, cls)
                setter(obj, v)
            for key, setter in times:
                v = get(key)
                if v is not None:
                    v = fromisoformat(v)  # a TypeError for anything but a str
                    if v.tzinfo is None:
                        v = v.replace(tzinfo=utc)
                setter(obj, v)
            for allowed, pairs in scalars:
                for key, setter in pairs:
                    v = get(key)
                    if type(v) not in allowed and v is not None:
                        return explain(o, cls)
                    setter(obj, v)
            for field in rest:
                field.setter(obj, field.value(get(field.key, missing)))
        except Exception:  # noqa: BLE001 - a value that would not parse: explained by cattrs
            return explain(o, cls)
        return obj

    structure_fast.__name__ = structure_fast.__qualname__ = f"fast_structure_{cls.__name__}"
    return structure_fast


# --- a page at a time ---------------------------------------------------------------------------

_MISSING = object()
_ONLY_DICT = frozenset({dict})
_STR_OR_NULL: frozenset[type] = frozenset({str, types.NoneType})
_is_not_none = partial(is_not, None)

Page = Callable[[Sequence[Any]], "list[Any] | None"]


def _page_structure(converter: cattrs.Converter, cls: type) -> Page | None:
    """
    A function structuring a whole page of *cls* records at once, column by column.

    `_fast_structure` walks the fields of one record in Python; this walks the records of one
    field in C: one ``itemgetter`` call a record reads every key (``zip`` turns the rows into
    columns), a set of ``type`` results checks a column, ``map(fromisoformat, ...)`` parses one
    and ``map(setter, objects, values)`` writes that slot of every object: the same objects,
    with no Python loop a record. It returns ``None`` when a record does not fit (the caller then
    explains, record by record), and is ``None`` itself when *cls* needs its ``__init__``.
    """
    if not writes_slots_only(cls):
        return None
    table = _table(converter, cls)
    scalars = [(k, s, frozenset({*a, types.NoneType})) for a, p in table.scalars for k, s in p]
    checked: list[tuple[str, Any, frozenset[type]]] = [
        (k, s, _STR_OR_NULL) for k, s in table.strings
    ]
    checked += [(k, s, _ONLY_STR) for k, s in table.required] + scalars
    times, rest = table.times, table.rest
    keys = [k for k, _, _ in checked] + [k for k, _ in times] + [f.key for f in rest]
    absent = [None] * len(table.strings) + [_MISSING] * len(table.required)
    absent += [None] * (len(scalars) + len(times)) + [f.absent for f in rest]
    new = object.__new__

    def structure_page(raw: Sequence[Any]) -> list[Any] | None:
        n = len(raw)
        if not n or not _ONLY_DICT.issuperset(map(type, raw)):
            return [] if not n else None
        found = iter(_columns(raw, n, keys, absent))
        objs: list[Any] = list(map(new, repeat(cls, n)))
        try:
            for (_, setter, allowed), values in zip(checked, found, strict=False):
                if not allowed.issuperset(map(type, values)):
                    return None
                any(map(setter, objs, values))
            for (_, setter), values in zip(times, found, strict=False):
                any(map(setter, objs, _time_column(values)))
            for field, values in zip(rest, found, strict=True):
                converted = _rest_column(field, values)
                if converted is None:
                    return None
                any(map(field.setter, objs, converted))
        except Exception:  # noqa: BLE001 - a value that would not parse: explained record by record
            return None
        return objs

    structure_page.__name__ = structure_page.__qualname__ = f"page_structure_{cls.__name__}"
    return structure_page


def _columns(raw: Sequence[Any], n: int, keys: list[str], absent: list[Any]) -> list[Sequence[Any]]:
    """
    The value of each of *keys* in every record of *raw*, a column a key.

    One ``itemgetter`` call a record when no record lacks a key, else one ``dict.get`` a key a
    record, with its *absent* default; the keys as the page's own (`own_keys`).
    """
    keys = own_keys(raw, keys)
    if len(keys) > 1:
        try:
            return list(zip(*map(itemgetter(*keys), raw), strict=True))
        except KeyError:
            pass
    pairs = zip(keys, absent, strict=True)
    return [list(map(dict.get, raw, repeat(k, n), repeat(a, n))) for k, a in pairs]


def own_keys(records: Sequence[Any], keys: Iterable[str]) -> list[str]:
    """
    *keys* as the first of *records*' own key objects, where it has them.

    A JSON parser shares one string object per key across a page (orjson does) but does not
    intern it, so a lookup with these matches by identity, with no string comparison.
    """
    first = records[0] if records else None
    own = {k: k for k in first} if first.__class__ is dict else {}
    return [own.get(k, k) for k in keys]


def _time_column(values: Sequence[Any]) -> Sequence[Any]:
    """
    A column of ISO 8601 strings and ``None`` as aware datetimes; TypeError or ValueError.
    """
    parsed: list[dt.datetime | None]
    try:  # no test for None first: that compares every string with None
        parsed = list(map(dt.datetime.fromisoformat, values))
    except TypeError:  # a None (or a value that is no string: a TypeError again, below)
        parsed = [v if v is None else dt.datetime.fromisoformat(v) for v in values]
    # Ordering a naive datetime against an aware one raises TypeError and the latest of naive
    # ones is naive, so one max() in C says whether all are aware.
    try:
        latest = max(filter(None, parsed), default=None)
        if latest is None or latest.tzinfo is not None:
            return parsed
    except TypeError:
        pass
    return [v if v is None else _utc_if_naive(v) for v in parsed]


def _rest_column(field: _Rest, values: Sequence[Any]) -> Sequence[Any] | None:
    """
    The values to store for *field* from a column; ``None`` if one does not fit.
    """
    if field.absent is None and field.kind == _ENUM:
        if not _STR_OR_NULL.issuperset(map(type, values)):
            return None
        members = list(map(field.helper.get, values))
        if members.count(None) == values.count(None):
            return members
        # A value this SDK does not know: the enum makes an UNKNOWN member for it.
    elif field.absent is None and field.kind == _STRINGS:
        return _strings_column(values, field.helper)
    return list(map(field.value, values))


def _strings_column(values: Sequence[Any], origin: type) -> list[Any] | None:
    """
    `_strings` for a column of values and ``None``: the copies, or ``None`` if one won't fit.

    Three ``type`` passes in C: over the containers, over their items, over a dict's values.
    """
    present = list(filter(_is_not_none, values))
    if not frozenset({origin}).issuperset(map(type, present)):
        return None
    items = chain.from_iterable(present)
    if origin is dict:
        items = chain(items, chain.from_iterable(map(dict.values, present)))
    if not _ONLY_STR.issuperset(map(type, items)):
        return None
    return [v if v is None else origin(v) for v in values]


#: The page function and the explaining function of each fast structure hook.
_PAGES: weakref.WeakKeyDictionary[Hook, tuple[Page, Hook]] = weakref.WeakKeyDictionary()


def _register_page(fast: Hook | None, page: Page | None, explain: Hook) -> Hook:
    """
    The structure hook for a class: *fast*, with its page function noted, or *explain*.
    """
    if fast is None or page is None:
        return explain
    _PAGES[fast] = (page, explain)
    return fast


def _container_hook(factory: Callable[..., Hook], origin: type) -> Callable[..., Hook]:
    """
    The list or mapping hook of cattrs, refusing a value that is not that JSON container.

    cattrs would take any iterable: a string would become a list of its characters.
    """

    def make(tp: Any, converter: cattrs.Converter) -> Hook:
        base = factory(tp, converter)
        name = _JSON_NAMES[origin]

        def structure_container(value: Any, t: Any) -> Any:
            if type(value) is not origin:
                msg = f"expected a JSON {name}, got {_json_type(value)}"
                raise TypeError(msg)
            return base(value, t)

        return structure_container

    return make


def _is_list(tp: Any) -> bool:
    return get_origin(tp) is list


def _is_dict(tp: Any) -> bool:
    return get_origin(tp) is dict


def make_converter() -> cattrs.Converter:
    """
    Build the converter that every request and response goes through.

    * attrs fields are snake_case in Python and camelCase on the wire (``from_`` is ``from``)
    * fields left at their default (in practice ``None``) are not sent
    * datetimes are ISO 8601 UTC ``Z`` on the wire and timezone-aware in Python
    * a value of the wrong JSON type is an error naming its field (a string is no number, an
      array no object, ``null`` no required string); unknown keys are ignored and unknown enum
      values survive (see ``OpenStrEnum``)
    """
    converter = cattrs.Converter(prefer_attrib_converters=False)

    # Simple types first: "the order of hook registration matters" (cattrs docs).
    for simple in _JSON_TYPES:
        converter.register_structure_hook(simple, _scalar_hook(simple))
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.datetime, format_datetime)
    converter.register_structure_hook_factory(
        _is_list, _container_hook(list_structure_factory, list)
    )
    converter.register_structure_hook_factory(
        _is_dict, _container_hook(mapping_structure_factory, dict)
    )

    def renames(cls: type) -> dict[str, Any]:
        return {a.name: override(rename=wire_name(cls.__name__, a.name)) for a in attrs.fields(cls)}

    def structure_fn(cls: type) -> Hook:
        detailed: Hook = make_dict_structure_fn(
            cls, converter, _cattrs_detailed_validation=True, **renames(cls)
        )

        def explain(o: Any, t: Any) -> Any:
            if not isinstance(o, dict):  # cattrs would build a model of Nones from a list
                raise TypeError(f"expected a JSON object, got {_json_type(o)}")
            return detailed(o, t)

        fast = _fast_structure(converter, cls, explain)
        return _register_page(fast, _page_structure(converter, cls), explain)

    converter.register_structure_hook_factory(attrs.has, structure_fn)

    def structure_union(tp: Any) -> Hook:
        def hook(value: Any, _: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, dict):
                msg = f"expected a JSON object, got {type(value).__name__}"
                raise TypeError(msg)
            return converter.structure(value, pick_member(value, tp, wire_name))

        return hook

    converter.register_structure_hook_factory(is_model_union, structure_union)
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **renames(cls)
        ),
    )
    return converter


CONVERTER = make_converter()


_FAILURES = (cattrs.BaseValidationError, ValueError, TypeError, KeyError, AttributeError)


def structure(data: Any, cls: type[T]) -> T:
    """
    Turn decoded JSON into *cls*, raising `DecodeError` when it does not fit.
    """
    try:
        return CONVERTER.structure(data, cls)
    except _FAILURES as exc:
        raise _decode_error(exc, data, cls) from exc


def structure_many(raw: Sequence[Any], cls: type[T]) -> list[T]:
    """
    Turn a page of decoded JSON records into *cls* values, raising `DecodeError` for a bad one.
    """
    hook = CONVERTER.get_structure_hook(cls)
    found = _PAGES.get(hook)
    if found is not None:
        page, explain = found
        built = page(raw)
        if built is not None:
            return built
        hook = explain  # a record does not fit: cattrs' detailed function says which and why
    out: list[T] = []
    entry: Any = None
    try:
        for entry in raw:
            out.append(hook(entry, cls))
    except _FAILURES as exc:
        raise _decode_error(exc, entry, cls) from exc
    return out


def _decode_error(exc: Exception, data: Any, cls: type) -> DecodeError:
    if isinstance(exc, cattrs.BaseValidationError):
        detail = "; ".join(cattrs.transform_error(exc))
    else:
        detail = str(exc)
    return DecodeError(f"response does not fit {_name(cls)}: {detail}", snippet(data))


def unstructure(obj: object) -> Any:
    """
    Turn a model into JSON-ready data with wire names, leaving out fields that are ``None``.
    """
    return CONVERTER.unstructure(obj)


def _name(cls: object) -> str:
    return getattr(cls, "__name__", None) or str(cls)
