"""
A page decoded at once (column by column) gives what decoding its records one by one gives.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bandwidth_async as bw
from bandwidth_async._converter import CONVERTER, structure, structure_many, wire_name

from .schemas import SCHEMAS
from .test_models import JUNK, OBJECTS, strategy


def one_by_one(raw: list[Any], cls: type) -> Any:
    """The records of *raw* structured one at a time, or the DecodeError of the first bad one."""
    try:
        return [structure(entry, cls) for entry in raw]
    except bw.DecodeError as exc:
        return (type(exc), str(exc))


def at_once(raw: list[Any], cls: type) -> Any:
    """*raw* structured as a page, or the DecodeError it raised."""
    try:
        return structure_many(raw, cls)
    except bw.DecodeError as exc:
        return (type(exc), str(exc))


def wire_records(data: st.DataObject, cls: type) -> list[Any]:
    """Up to four records of *cls*, drawn, as the JSON Bandwidth would send."""
    records = data.draw(st.lists(strategy(cls), max_size=4))
    raw: list[Any] = json.loads(json.dumps([CONVERTER.unstructure(r) for r in records]))
    return raw


def damage(data: st.DataObject, entry: dict[str, Any]) -> None:
    """Maybe give one key of *entry* a junk value, or drop it."""
    if not entry or not data.draw(st.booleans()):
        return
    key = data.draw(st.sampled_from(sorted(entry)))
    if data.draw(st.booleans()):
        entry[key] = data.draw(JUNK)
    else:
        del entry[key]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", OBJECTS)
def test_page_agrees_with_one_by_one(name: str, data: st.DataObject) -> None:
    """Good or bad, a page of any model decodes as its records do one at a time."""
    cls = SCHEMAS[name]
    raw = wire_records(data, cls)
    for entry in raw:
        damage(data, entry)
    assert at_once(raw, cls) == one_by_one(raw, cls)


def call(**fields: object) -> dict[str, object]:
    """A callState record with every key present, as Bandwidth sends them."""
    base: dict[str, object] = {
        wire_name("CallState", a.name): None for a in attrs.fields(bw.CallState)
    }
    return {**base, "callId": "c-1", **fields}


def test_call_page_keeps_every_value() -> None:
    """A page of calls gives each record its own values: datetimes, enums, nulls, dicts."""
    raw = [
        call(callId="c-1", startTime="2026-11-15T10:00:00.250Z", direction="inbound"),
        call(callId="c-2", startTime="2026-11-15T12:00:00+02:00", stirShaken={"verstat": "x"}),
        call(callId="c-3", answerTime="2026-11-15T10:00:01", direction="sideways"),
    ]
    calls = structure_many(raw, bw.CallState)
    assert [c.call_id for c in calls] == ["c-1", "c-2", "c-3"]
    assert calls[0].start_time == dt.datetime(2026, 11, 15, 10, 0, 0, 250000, tzinfo=dt.UTC)
    assert calls[1].start_time == dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC)
    assert calls[2].answer_time == dt.datetime(2026, 11, 15, 10, 0, 1, tzinfo=dt.UTC)
    assert [c.direction for c in calls] == [bw.CallDirectionEnum.INBOUND, None, "sideways"]
    assert calls[2].direction is not None
    assert calls[2].direction.name == "UNKNOWN"
    assert calls[1].stir_shaken == {"verstat": "x"}
    assert calls[1].stir_shaken is not raw[1]["stirShaken"]
    assert calls[0].stir_shaken is None


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"to": 19195551234}, "to"),
        ({"startTime": ""}, "start_time"),
        ({"startTime": 5}, "start_time"),
        ({"direction": 1}, "direction"),
        ({"stirShaken": {"verstat": 1}}, "stir_shaken"),
        ({"stirShaken": ["x"]}, "stir_shaken"),
    ],
)
def test_bad_record_in_a_page_is_named(bad: dict[str, object], field: str) -> None:
    """One bad record among good ones fails the page with a DecodeError naming its field."""
    raw = [call(callId="c-1"), call(callId="c-2", **bad), call(callId="c-3")]
    with pytest.raises(bw.DecodeError, match=rf"\.{field}\b") as info:
        structure_many(raw, bw.CallState)
    assert "c-2" in info.value.text


def test_non_object_in_a_page_is_decode_error() -> None:
    """A string where a record is promised fails the page, as it does alone."""
    with pytest.raises(bw.DecodeError, match="object"):
        structure_many([call(), "c-2"], bw.CallState)


def test_empty_page_is_empty() -> None:
    """A page with no records gives no models."""
    assert structure_many([], bw.CallState) == []
