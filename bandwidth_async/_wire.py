"""
The wire format in one place: names (snake_case in Python, camelCase on the wire) and datetimes.

The converter (JSON bodies), query strings (`format_query_value`), BXML attributes and the model
generator all use these, so a name or a time is written one way everywhere. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

__all__ = ["camel", "format_datetime", "parse_datetime", "snake", "wire_name"]

#: Wire names that are not the camelCase of the Python name (lookupResult uses prose keys).
IRREGULAR: dict[tuple[str, str], str] = {
    ("TnLookupResult", "response_code"): "Response Code",
    ("TnLookupResult", "message"): "Message",
    ("TnLookupResult", "e_164_format"): "E.164 Format",
    ("TnLookupResult", "formatted"): "Formatted",
    ("TnLookupResult", "country"): "Country",
    ("TnLookupResult", "line_type"): "Line Type",
    ("TnLookupResult", "line_provider"): "Line Provider",
    ("TnLookupResult", "mobile_country_code"): "Mobile Country Code",
    ("TnLookupResult", "mobile_network_code"): "Mobile Network Code",
}

_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")
_LOWER_UPPER = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_ACRONYM_END = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")


def camel(name: str) -> str:
    """
    The camelCase wire name of snake_case *name*: ``answer_url`` is ``answerUrl``.

    A trailing underscore (a Python keyword) is dropped: ``from_`` is ``from``.
    """
    first, *rest = name.rstrip("_").split("_")
    return first + "".join(word[:1].upper() + word[1:] for word in rest)


def snake(name: str) -> str:
    """
    The snake_case Python name of wire name *name*: ``answerUrl`` -> ``answer_url``.
    """
    name = _NOT_WORD.sub("_", name)
    name = _LOWER_UPPER.sub("_", name)
    name = _ACRONYM_END.sub("_", name)
    return name.strip("_").lower()


@cache
def wire_name(cls_name: str, name: str) -> str:
    """
    The JSON key of field *name* of model *cls_name*: `camel`, unless listed in `IRREGULAR`.
    """
    return IRREGULAR.get((cls_name, name)) or camel(name)


def format_datetime(value: dt.datetime) -> str:
    """
    A datetime as Bandwidth reads it: ISO 8601 in UTC with ``Z``; a naive one is taken as UTC.

    Fractions of a second are written only when there are any (``...T10:00:00Z``,
    ``...T10:00:00.250000Z``), as `datetime.isoformat` does.
    """
    zone = value.tzinfo
    if zone is not dt.UTC:  # what the converter parses "Z" into: the common case costs nothing
        if zone is None:
            value = value.replace(tzinfo=dt.UTC)
        elif value.utcoffset():
            value = value.astimezone(dt.UTC)
    return value.isoformat().replace("+00:00", "Z")


def parse_datetime(text: str) -> dt.datetime:
    """
    An ISO 8601 datetime (``Z``, offsets and milliseconds accepted) as an aware datetime.

    Raises:
        ValueError: *text* is not ISO 8601.
    """
    parsed = dt.datetime.fromisoformat(text)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
