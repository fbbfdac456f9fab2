"""
The one cattrs converter every model goes through, to and from the wire.

It maps data and nothing else: it sends nothing, and it knows no resource.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._errors import DecodeError

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

    converter.register_structure_hook_factory(
        attrs.has, lambda cls: make_dict_structure_fn(cls, converter, **renames(cls))
    )
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
        raise DecodeError(f"response does not fit {_name(cls)}: {detail}", repr(data)) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DecodeError(f"response does not fit {_name(cls)}: {exc}", repr(data)) from exc


def unstructure(obj: object) -> Any:
    """
    Turn a model into JSON-ready data with wire names, leaving out fields that are ``None``.
    """
    return CONVERTER.unstructure(obj)


def _name(cls: object) -> str:
    return getattr(cls, "__name__", None) or str(cls)
