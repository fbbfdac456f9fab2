"""
The wire format: one naming rule and one datetime rule for bodies, queries and BXML.
"""

from __future__ import annotations

import datetime as dt

import pytest

import bandwidth_async as bw
from bandwidth_async import bxml
from bandwidth_async._converter import unstructure
from bandwidth_async._request import format_query_value
from bandwidth_async._wire import camel, format_datetime, snake, wire_name

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


@pytest.mark.parametrize(
    ("python", "wire"),
    [("answer_url", "answerUrl"), ("from_", "from"), ("call_id", "callId"), ("to", "to")],
)
def test_camel_and_snake_are_inverse(python: str, wire: str) -> None:
    """snake_case and camelCase map both ways (a trailing _ for keywords is dropped)."""
    assert camel(python) == wire
    assert snake(wire) == python.rstrip("_")


def test_irregular_names_of_lookup_results() -> None:
    """The v1 TnLookupResult's prose keys are the only exceptions to the camelCase rule."""
    assert wire_name("TnLookupResult", "e_164_format") == "E.164 Format"
    assert wire_name("CallState", "call_id") == "callId"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2026, 11, 15, 12, 0, tzinfo=PLUS_TWO), "2026-11-15T10:00:00Z"),
        (dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), "2026-11-15T10:00:00Z"),
        (dt.datetime(2026, 11, 15, 10, 0), "2026-11-15T10:00:00Z"),
        (dt.datetime(2026, 11, 15, 10, 0, 0, 250000, tzinfo=dt.UTC), "2026-11-15T10:00:00.250000Z"),
    ],
)
def test_one_datetime_rule(value: dt.datetime, text: str) -> None:
    """A datetime is written in UTC with Z, whatever its offset, the same in bodies and queries."""
    assert format_datetime(value) == text
    assert format_query_value(value) == text
    assert unstructure(bw.CallState(start_time=value)) == {"startTime": text}


def test_bxml_attributes_use_the_same_names() -> None:
    """BXML attribute names come from the same camelCase rule."""
    xml = bxml.Response(bxml.Redirect(redirect_url="/menu")).to_xml()
    assert 'redirectUrl="/menu"' in xml
