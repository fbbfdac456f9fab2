"""
The one converter: wire names, datetimes, omitted Nones, unknown fields and enum values.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from cattrs.gen import make_dict_structure_fn, override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bandwidth_async as bw
from bandwidth_async._converter import (
    CONVERTER,
    make_converter,
    structure,
    unstructure,
    wire_name,
)

from .schemas import SCHEMAS
from .test_models import JUNK, OBJECTS, strategy


def test_camel_case_and_from() -> None:
    """snake_case in Python is camelCase on the wire, and from_ is from."""
    call = bw.CreateCall(
        to="+19195551234",
        from_="+19195554321",
        application_id="app",
        answer_url="https://x/answer",
        call_timeout=30.0,
    )
    assert unstructure(call) == {
        "to": "+19195551234",
        "from": "+19195554321",
        "applicationId": "app",
        "answerUrl": "https://x/answer",
        "callTimeout": 30.0,
    }


def test_none_is_omitted_and_required_is_sent() -> None:
    """Fields left as None are not sent; required fields always are."""
    wire = unstructure(bw.UpdateCall(state=bw.CallStateEnum.COMPLETED))
    assert wire == {"state": "completed"}
    assert unstructure(bw.LookupRequest(tns=[])) == {"tns": []}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "2022-06-16T13:15:07.160Z",
            dt.datetime(2022, 6, 16, 13, 15, 7, 160000, tzinfo=dt.UTC),
            id="z-millis",
        ),
        pytest.param(
            "2022-06-16T13:15:07Z", dt.datetime(2022, 6, 16, 13, 15, 7, tzinfo=dt.UTC), id="z"
        ),
        pytest.param(
            "2022-06-16T15:15:07+02:00",
            dt.datetime(2022, 6, 16, 13, 15, 7, tzinfo=dt.UTC),
            id="offset",
        ),
        pytest.param(
            "2022-06-16T13:15:07", dt.datetime(2022, 6, 16, 13, 15, 7, tzinfo=dt.UTC), id="naive"
        ),
    ],
)
def test_datetimes_are_aware(text: str, expected: dt.datetime) -> None:
    """ISO 8601 with Z, millis or an offset becomes an aware datetime; naive means UTC."""
    state = structure({"startTime": text}, bw.CallState)
    assert state.start_time == expected
    assert state.start_time is not None
    assert state.start_time.tzinfo is not None


def test_datetime_goes_out_as_utc_z() -> None:
    """A datetime is sent as ISO 8601 with Z."""
    when = dt.datetime(2026, 11, 15, 0, 0, tzinfo=dt.UTC)
    wire = unstructure(bw.CallState(start_time=when))
    assert wire == {"startTime": "2026-11-15T00:00:00Z"}


def test_unknown_field_ignored_and_enum_value_kept() -> None:
    """A field Bandwidth adds is ignored; an enum value it adds is kept as a str."""
    state = structure(
        {"callId": "c-1", "direction": "sideways", "brandNewField": {"x": 1}}, bw.CallState
    )
    assert state.call_id == "c-1"
    assert state.direction == "sideways"
    assert isinstance(state.direction, bw.CallDirectionEnum)
    assert state.direction.name == "UNKNOWN"
    assert bw.CallDirectionEnum("inbound") is bw.CallDirectionEnum.INBOUND
    assert unstructure(state) == {"callId": "c-1", "direction": "sideways"}


def test_missing_required_field_is_decode_error() -> None:
    """A response without a required field raises DecodeError naming it."""
    with pytest.raises(bw.DecodeError, match=r"request_id|tns"):
        structure({}, bw.LookupRequest)
    with pytest.raises(bw.DecodeError):
        structure({"startTime": 5}, bw.CallState)


def test_lookup_result_prose_keys() -> None:
    """lookupResult's keys with spaces map to snake_case fields and back."""
    raw = {"Response Code": 0, "E.164 Format": "+19195551234", "Line Type": "Mobile"}
    result = structure(raw, bw.TnLookupResult)
    assert result.e_164_format == "+19195551234"
    assert unstructure(result) == raw


def test_make_converter_builds_an_equivalent_converter() -> None:
    """make_converter() gives a fresh converter that behaves as the shared one."""
    fresh = make_converter()
    assert fresh is not CONVERTER
    data = {"callId": "c", "startTime": "2022-06-16T13:15:07.160Z", "from": "+1"}
    assert fresh.structure(data, bw.CallState) == CONVERTER.structure(data, bw.CallState)


# --- the fast path against cattrs' detailed function --------------------------------------------


def detailed_for(cls: type) -> Any:
    renames: dict[str, Any] = {
        a.name: override(rename=wire_name(cls.__name__, a.name)) for a in attrs.fields(cls)
    }
    return make_dict_structure_fn(cls, CONVERTER, _cattrs_detailed_validation=True, **renames)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", OBJECTS)
def test_fast_path_agrees_with_cattrs(name: str, data: st.DataObject) -> None:
    """Where cattrs' detailed function accepts a record, the fast path builds the same model."""
    cls = SCHEMAS[name]
    wire = json.loads(json.dumps(CONVERTER.unstructure(data.draw(strategy(cls)))))
    if wire and data.draw(st.booleans()):
        wire[data.draw(st.sampled_from(sorted(wire)))] = data.draw(JUNK)
    try:
        expected = detailed_for(cls)(wire, cls)
    except Exception:  # then the converter must refuse it too
        with pytest.raises(bw.DecodeError):
            structure(wire, cls)
    else:
        assert CONVERTER.get_structure_hook(cls)(wire, cls) == expected
