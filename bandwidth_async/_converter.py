"""
The one cattrs converter every model goes through, to and from the wire.

It maps data and nothing else: it sends nothing, and it knows no resource.
"""

from __future__ import annotations

import datetime as dt
import enum
import linecache
import re
import types
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._errors import DecodeError, snippet

__all__ = ["CONVERTER", "make_converter", "structure", "unstructure", "wire_name"]

T = TypeVar("T")

#: Wire names that are not the camelCase of the Python name (lookupResult uses prose keys).
_IRREGULAR: dict[tuple[str, str], str] = {
    ("LookupResult", "response_code"): "Response Code",
    ("LookupResult", "message"): "Message",
    ("LookupResult", "e_164_format"): "E.164 Format",
    ("LookupResult", "formatted"): "Formatted",
    ("LookupResult", "country"): "Country",
    ("LookupResult", "line_type"): "Line Type",
    ("LookupResult", "line_provider"): "Line Provider",
    ("LookupResult", "mobile_country_code"): "Mobile Country Code",
    ("LookupResult", "mobile_network_code"): "Mobile Network Code",
}

_WORD = re.compile(r"_([a-z0-9])")


@cache
def wire_name(cls_name: str, name: str) -> str:
    """
    The JSON key of field *name* of class *cls_name*: camelCase, with ``from_`` sent as ``from``.
    """
    irregular = _IRREGULAR.get((cls_name, name))
    if irregular is not None:
        return irregular
    return _WORD.sub(lambda m: m.group(1).upper(), name.rstrip("_"))


def _parse_datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        parsed = dt.datetime.fromisoformat(value)
    else:
        msg = f"expected an ISO 8601 string, got {type(value).__name__}"
        raise TypeError(msg)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def _format_datetime(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat().replace("+00:00", "Z")


def _passthrough(value: Any, _: type) -> Any:
    return value


def _optional_datetime(value: Any, cls: type) -> dt.datetime | None:
    return None if value is None else _parse_datetime(value, cls)


_fromisoformat = dt.datetime.fromisoformat


def _utc(naive: dt.datetime) -> dt.datetime:
    return naive.replace(tzinfo=dt.UTC)


Hook = Callable[[Any, Any], Any]


class _FastStructure:
    """
    Writes one structure function per attrs class, as plain code with the field hooks inlined.

    cattrs' own function (``detailed``) checks each key with ``in``, wraps each field in
    ``try``, collects errors and builds a dict for ``cls(**res)``: two thirds of the cost of
    decoding a page of calls. The generated function reads each key with ``o.get`` (``o[...]``
    when required), inlines the hooks this module registers (pass-through, datetimes) and
    cattrs' ``_structure_optional``, ``_structure_call`` (enums via their value map) and
    ``dict[K, V]`` functions, and calls any other hook as cattrs would; then it writes the
    slots directly (see `_plain_slots`) or calls ``cls`` once. It gives the same objects as
    ``detailed`` for every input that ``detailed`` accepts; on any exception it runs
    ``detailed`` on the same input, so errors (``ClassValidationError`` with every field's
    note) are exactly cattrs' own.
    """

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.globs: dict[str, Any] = {}

    def bind(self, value: object) -> str:
        name = f"_g{len(self.globs)}"
        self.globs[name] = value
        return name

    def value(self, hook: Hook, tp: Any, v: str) -> str:  # noqa: PLR0911 - one case a line
        """
        An expression structuring the variable *v* into *tp* the way *hook* does.
        """
        if hook is _passthrough:
            return v
        if hook in (_parse_datetime, _optional_datetime):
            # fromisoformat inline: anything but a str raises, and the fallback runs the hook.
            n = len(self.globs)
            parse = (
                f"d{n} if (d{n} := {self.bind(_fromisoformat)}({v})).tzinfo is not None "
                f"else {self.bind(_utc)}(d{n})"
            )
            return parse if hook is _parse_datetime else f"None if {v} is None else ({parse})"
        if getattr(hook, "__func__", None) is cattrs.BaseConverter._structure_optional:  # noqa: SLF001
            args = [a for a in get_args(tp) if a is not types.NoneType]
            if len(args) == 1:
                inner = self.value(self.converter.get_structure_hook(args[0]), args[0], v)
                return f"None if {v} is None else ({inner})"
        elif _is_cattrs_dict_hook(hook, tp):
            key_type, value_type = get_args(tp)
            n = len(self.globs)
            key = self.value(self.converter.get_structure_hook(key_type), key_type, f"k{n}")
            item = self.value(self.converter.get_structure_hook(value_type), value_type, f"x{n}")
            return f"{{{key}: {item} for k{n}, x{n} in {v}.items()}}"
        elif hook is cattrs.BaseConverter._structure_call and isinstance(tp, type):  # noqa: SLF001
            if issubclass(tp, enum.Enum):
                members = self.bind(tp._value2member_map_)
                return f"{members}[{v}] if {v} in {members} else {self.bind(tp)}({v})"
            return f"{self.bind(tp)}({v})"
        return f"{self.bind(hook)}({v}, {self.bind(tp)})"

    def make(self, cls: type, detailed: Hook) -> Hook:
        """
        The fast structure function of *cls*, or *detailed* itself when a field needs more.
        """
        lines, args = [], []
        for i, a in enumerate(attrs.fields(cls)):
            if not a.init or isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                return detailed
            key, v = repr(wire_name(cls.__name__, a.name)), f"v{i}"
            expr = self.value(self.converter.get_structure_hook(a.type), a.type, v)
            if expr == v and a.default is not attrs.NOTHING:  # pass-through: no variable
                default = "" if a.default is None else f", {self.bind(a.default)}"
                args.append(f"{a.alias}=g({key}{default})")
                continue
            if a.default is attrs.NOTHING:
                lines.append(f"{v} = o[{key}]")
            elif a.default is None and expr.startswith(f"None if {v} is None else "):
                lines.append(f"{v} = g({key})")  # missing and null both give None
            else:
                lines.append(f"{v} = g({key}, _M)")
                expr = f"{self.bind(a.default)} if {v} is _M else ({expr})"
            args.append(f"{a.alias}={expr}")
        if _plain_slots(cls):
            # What attrs' __init__ would do, minus argument parsing: one slot write per field.
            lines.append("r = _new(_cls)")
            for a, arg in zip(attrs.fields(cls), args, strict=True):
                lines.append(
                    f"{self.bind(getattr(cls, a.name).__set__)}(r, {arg.split('=', 1)[1]})"
                )
            lines.append("return r")
        else:
            lines.append(f"return _cls({', '.join(args)})")
        name = f"fast_structure_{cls.__name__}"
        indent = "\n        "
        source = (
            f"def {name}(o, _=None):\n"
            "    try:\n"
            "        g = o.get\n"
            f"        {indent.join(lines)}\n"
            "    except Exception:\n"
            "        return _detailed(o, _cls)\n"
        )
        globs = {
            **self.globs,
            "_cls": cls,
            "_detailed": detailed,
            "_M": _MISSING,
            "_new": object.__new__,
        }
        filename = f"<bandwidth_async fast structure {cls.__module__}.{cls.__qualname__}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), globs)  # noqa: S102 - code built above from field names
        fn: Hook = globs[name]
        return fn


_MISSING = object()


def _is_cattrs_dict_hook(hook: Hook, tp: Any) -> bool:
    """
    Whether *hook* is the function cattrs generates for ``dict[K, V]`` (``{K(k): V(v) ...}``).
    """
    defaults = getattr(hook, "__defaults__", None) or (None,)
    return (
        get_origin(tp) is dict
        and len(get_args(tp)) == 2  # noqa: PLR2004 - key and value
        and getattr(hook, "__name__", None) == "structure_mapping"
        and defaults[0] == tp
    )


def _plain_slots(cls: type) -> bool:
    """
    Whether attrs' ``__init__`` of *cls* only writes each field to its slot.

    True for a slotted class whose ``__init__`` attrs wrote, without validators, converters,
    pre/post-init hooks or a cached hash: the response models. Then writing the slots directly
    builds the very same object, without parsing eighteen keyword arguments.
    """
    code = getattr(vars(cls).get("__init__"), "__code__", None)
    if code is None or "attrs generated" not in code.co_filename:
        return False
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return False
    slots: set[str] = set()
    for klass in cls.__mro__:
        if "__slots__" not in vars(klass) and klass is not object:
            return False  # a __dict__ somewhere: not a plain slotted class
        slots.update(vars(klass).get("__slots__", ()))
    fields = attrs.fields(cls)
    return slots - {"__weakref__"} == {a.name for a in fields} and all(
        a.init and a.validator is None and a.converter is None for a in fields
    )


def make_converter() -> cattrs.Converter:
    """
    Build the converter that every request and response goes through.

    * attrs fields are snake_case in Python and camelCase on the wire (``from_`` is ``from``)
    * fields left at their default (in practice ``None``) are not sent
    * datetimes are ISO 8601 on the wire and timezone-aware in Python (``Z`` and millis accepted)
    * unknown keys are ignored; unknown enum values survive (see ``OpenStrEnum``); enums are
      ``str`` subclasses, so they go out as their values with no hook
    * ``str | None``, ``int | None`` and friends pass through untouched, which is what makes
      decoding a 1,000-record page cheap
    """
    converter = cattrs.Converter(prefer_attrib_converters=False)

    # Simple types first: "the order of hook registration matters" (cattrs docs).
    converter.register_structure_hook(dt.datetime, _parse_datetime)
    converter.register_unstructure_hook(dt.datetime, _format_datetime)
    converter.register_structure_hook(dt.datetime | None, _optional_datetime)
    for simple in (str, int, float, bool):
        converter.register_structure_hook(simple | None, _passthrough)

    def renames(cls: type) -> dict[str, Any]:
        return {a.name: override(rename=wire_name(cls.__name__, a.name)) for a in attrs.fields(cls)}

    def structure_fn(cls: type) -> Hook:
        detailed: Hook = make_dict_structure_fn(cls, converter, **renames(cls))
        return _FastStructure(converter).make(cls, detailed)

    converter.register_structure_hook_factory(attrs.has, structure_fn)
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **renames(cls)
        ),
    )
    return converter


CONVERTER = make_converter()


def structure(data: Any, cls: type[T]) -> T:
    """
    Turn decoded JSON into *cls*, raising `DecodeError` when it does not fit.
    """
    try:
        return CONVERTER.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        detail = "; ".join(cattrs.transform_error(exc))
        raise DecodeError(f"response does not fit {_name(cls)}: {detail}", snippet(data)) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DecodeError(f"response does not fit {_name(cls)}: {exc}", snippet(data)) from exc


def structure_many(raw: Sequence[Any], cls: type[T]) -> list[T]:
    """
    Turn a page of decoded JSON records into *cls* values, raising `DecodeError` for a bad one.
    """
    hook = CONVERTER.get_structure_hook(cls)
    try:
        return [hook(entry, cls) for entry in raw]
    except Exception:  # noqa: BLE001 - redo it slowly for a precise DecodeError
        return [structure(entry, cls) for entry in raw]


def unstructure(obj: object) -> Any:
    """
    Turn a model into JSON-ready data with wire names, leaving out fields that are ``None``.
    """
    return CONVERTER.unstructure(obj)


def _name(cls: object) -> str:
    return getattr(cls, "__name__", None) or str(cls)
