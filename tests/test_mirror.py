"""
The msgspec mirrors read a page as the general path does (orjson and the converter), or step aside.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp import web
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import bandwidth_async as bw
from bandwidth_async._converter import CONVERTER, structure, structure_many, wire_name
from bandwidth_async._json import dumps, loads
from bandwidth_async._mirror import as_json, has_mirror, lines, model, models, wire_page
from bandwidth_async.export import _Output, _Wire

from .schemas import SCHEMAS
from .server import serve
from .test_decode_pages import damage, wire_records
from .test_models import JUNK, OBJECTS, strategy

MIRRORED = [n for n in OBJECTS if has_mirror(SCHEMAS[n])]


def time_key(cls: type) -> str | None:
    """The wire name of *cls*'s first time field, or None."""
    attrs.resolve_types(cls)
    for a in attrs.fields(cls):
        if a.type is dt.datetime or dt.datetime in getattr(a.type, "__args__", ()):
            return wire_name(cls.__name__, a.name)
    return None


#: Mirrored models with a time, and that time's key: what an export window could read.
TIMED = [(n, time_key(SCHEMAS[n])) for n in MIRRORED if time_key(SCHEMAS[n])]


def general(raw: list[Any], cls: type) -> Any:
    """*raw* through the converter's page path, or the DecodeError it raised."""
    try:
        return structure_many(raw, cls)
    except bw.DecodeError as exc:
        return (type(exc), str(exc))


def copied(raw: list[Any], cls: type) -> bytes:
    """*raw* as the exporter's general path writes it: `_Wire` copies, one JSON line each."""
    output = _Output(Path("unused"), "jsonl", cls, durable=False)
    return output.encode(_Wire(cls).copy_many(raw))


def call(**fields: object) -> dict[str, object]:
    """A callState record with every key present, as Bandwidth sends them."""
    base: dict[str, object] = {
        wire_name("CallState", a.name): None for a in attrs.fields(bw.CallState)
    }
    return {**base, "callId": "c-1", "startTime": "2026-11-15T10:00:00.250Z", **fields}


def test_the_models_of_the_bulk_lists_have_mirrors() -> None:
    """Calls and the other records of list pages are read by msgspec, not record by record."""
    assert "callState" in MIRRORED
    assert len(MIRRORED) >= len(OBJECTS) // 3, MIRRORED


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", MIRRORED)
def test_models_agree_with_the_general_path(name: str, data: st.DataObject) -> None:
    """Good or bad, a page the mirror reads gives the models the converter gives; else None."""
    cls = SCHEMAS[name]
    raw = wire_records(data, cls)
    for entry in raw:
        damage(data, entry)
    built = models(json.dumps(raw).encode(), cls)
    if built is not None:
        assert built == general(raw, cls)
        assert [type(b) for b in built] == [cls] * len(raw)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", MIRRORED)
def test_one_record_agrees_with_the_general_path(name: str, data: st.DataObject) -> None:
    """A response body the mirror reads gives the model `structure` gives; else None."""
    cls = SCHEMAS[name]
    raw = json.loads(json.dumps(CONVERTER.unstructure(data.draw(strategy(cls)))))
    damage(data, raw)
    built = model(json.dumps(raw).encode(), cls)
    if built is not None:
        assert type(built) is cls
        assert built == structure(raw, cls)  # a DecodeError here: the mirror read too much


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", MIRRORED)
def test_lines_agree_with_the_wire_copy(name: str, data: st.DataObject) -> None:
    """JSON Lines from the mirror are byte for byte the wire copy's, or None."""
    cls = SCHEMAS[name]
    raw = wire_records(data, cls)
    for entry in raw:
        if entry and data.draw(st.booleans()):
            entry[data.draw(st.text(max_size=3))] = data.draw(JUNK)  # unknown keys are dropped
    try:
        dumps(raw)
    except TypeError:  # an integer past 64 bits: orjson, and so the API's pages, have none
        assume(False)
    written = lines(raw, cls)
    if written is not None:
        assert written == copied(raw, cls)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize(("name", "key"), TIMED)
def test_wire_pages_write_what_the_wire_copy_writes(
    name: str, key: str, data: st.DataObject
) -> None:
    """
    A page read for the export writes the wire copy's bytes and holds each time as the models
    read it; or it is None. Made wire JSON again (`as_json`), its records copy to the same
    bytes too.
    """
    cls = SCHEMAS[name]
    raw = wire_records(data, cls)
    for entry in raw:
        damage(data, entry)
        if entry and data.draw(st.booleans()):
            entry[data.draw(st.text(max_size=3))] = data.draw(JUNK)
    try:
        body = dumps(raw)
    except TypeError:  # an integer past 64 bits: orjson, and so the API's pages, have none
        assume(False)
    page = wire_page(body, cls, key)
    if page is not None:
        assert page.times == read_times(raw, key)
        assert lines(page, cls) == copied(raw, cls)
        assert copied(list(as_json(page)), cls) == copied(raw, cls)


def read_times(raw: list[dict[str, Any]], key: str) -> list[dt.datetime | None]:
    """Each record's time *key* as the models read it; None where it has none."""
    return [None if r.get(key) is None else structure(r[key], dt.datetime) for r in raw]


def test_a_wire_page_reads_each_time_once_and_writes_it_as_the_converter_does() -> None:
    """The sieve gets "....250Z" read; the line says "....250000Z", as the models write."""
    raw = [
        call(callId="c-1"),
        call(callId="c-2", startTime="2026-11-15T10:00:01.000Z"),
        call(callId="c-3", startTime=None),
    ]
    page = wire_page(dumps(raw), bw.CallState, "startTime")
    assert page is not None
    assert page.times == [
        dt.datetime(2026, 11, 15, 10, 0, 0, 250_000, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 15, 10, 0, 1, tzinfo=dt.UTC),
        None,
    ]
    out = [json.loads(line) for line in (lines(page, bw.CallState) or b"").splitlines()]
    assert [o.get("startTime") for o in out] == [
        "2026-11-15T10:00:00.250000Z",
        "2026-11-15T10:00:01Z",
        None,
    ]
    assert lines(page, bw.CallState) == copied(raw, bw.CallState)


@pytest.mark.parametrize(
    "odd",
    [
        {"startTime": "2026-11-15T12:00:00+02:00"},  # not UTC: the converter moves it
        {"endTime": "2026-11-15T12:00:00"},  # naive
        {"to": 19195551234},
        {"startTime": "2026-11-15T10:00:00.250Z\u0000"},  # a NUL past the time
    ],
)
def test_a_wire_page_declines_what_the_general_path_must_write(odd: dict[str, object]) -> None:
    """Records msgspec would write otherwise: the general path's."""
    raw = [call(callId="c-1"), call(callId="c-2", **odd)]
    assert wire_page(dumps(raw), bw.CallState, "startTime") is None


def test_a_wire_page_writes_an_unknown_enum_value_as_sent() -> None:
    """An enum value this SDK does not know is a string to the copy: the same bytes."""
    raw = [call(callId="c-1"), call(callId="c-2", direction="sideways")]
    page = wire_page(dumps(raw), bw.CallState, "startTime")
    assert page is not None
    assert lines(page, bw.CallState) == copied(raw, bw.CallState)


def test_a_duplicate_time_key_reads_as_its_last_value_in_both_readings() -> None:
    """The sieve's time and the written time are one value: the last, as orjson takes it."""
    body = (
        b'[{"callId":"a","startTime":"2026-11-15T10:00:00.250Z",'
        b'"startTime":"2026-11-15T10:00:01.500Z"}]'
    )
    page = wire_page(body, bw.CallState, "startTime")
    assert page is not None
    assert page.times == [dt.datetime(2026, 11, 15, 10, 0, 1, 500_000, tzinfo=dt.UTC)]
    assert lines(page, bw.CallState) == copied(loads(body), bw.CallState)


def test_lines_of_wire_records_and_wire_json_mixed_are_the_copy() -> None:
    """A window's held records may come from a page msgspec read and one it did not."""
    read = [call(callId="c-1"), call(callId="c-2", endTime="2026-11-15T10:05:00.5Z")]
    page = wire_page(dumps(read), bw.CallState, "startTime")
    assert page is not None
    other = [call(callId="c-3", startTime="2026-11-15T10:00:00.250+00:00")]
    mixed = [*page, *other]
    assert lines(mixed, bw.CallState) == copied(read + other, bw.CallState)
    assert copied(list(as_json(mixed)), bw.CallState) == copied(read + other, bw.CallState)


@pytest.mark.parametrize(
    "odd",
    [
        {"direction": "sideways"},  # an enum value this SDK does not know: an UNKNOWN member
        {"startTime": "2026-11-15T10:00:00"},  # naive: the converter takes it as UTC
        {"startTime": "2026-11-15T12:00:00+02:00"},  # an offset: kept by models, UTC in lines
        {"startTime": "2026-11-15T10:00:00,5Z"},  # a form only Python reads
        {"to": 19195551234},  # a number for a string
        {"stirShaken": {"verstat": 1}},
        {"startTime": ""},
    ],
)
def test_odd_records_read_as_the_general_path_reads_them(odd: dict[str, object]) -> None:
    """Whatever the mirror cannot read exactly goes the general way: same models or error."""
    raw = [call(callId="c-1"), call(callId="c-2", **odd), call(callId="c-3")]
    body = json.dumps(raw).encode()
    expected = general(raw, bw.CallState)
    built = models(body, bw.CallState)
    assert built is None or built == expected
    written = lines(raw, bw.CallState)
    assert written is None or written == copied(raw, bw.CallState)


def test_calls_page_reads_every_value() -> None:
    """A good page of calls comes straight from msgspec with its datetimes, enums and dicts."""
    raw = [
        call(callId="c-1", direction="inbound", endTime="2026-11-15T10:01:00Z"),
        call(callId="c-2", stirShaken={"verstat": "TN-Verification-Passed"}, state="active"),
    ]
    built = models(json.dumps(raw).encode(), bw.CallState)
    assert built is not None
    assert built == structure_many(raw, bw.CallState)
    assert built[0].start_time == dt.datetime(2026, 11, 15, 10, 0, 0, 250000, tzinfo=dt.UTC)
    assert built[0].start_time.tzinfo is dt.UTC
    assert built[0].direction is bw.CallDirectionEnum.INBOUND
    assert built[1].stir_shaken == {"verstat": "TN-Verification-Passed"}
    written = lines(raw, bw.CallState)
    assert written == copied(raw, bw.CallState)
    assert b'"startTime":"2026-11-15T10:00:00.250000Z"' in written
    assert b"null" not in written


@pytest.mark.parametrize(
    "body", [b"", b"{}", b"[1]", b'["c-1"]', b"[{}", b"null", b'[{"callId": "c-1"}] x']
)
def test_a_body_that_is_no_array_of_records_is_left_to_the_general_path(body: bytes) -> None:
    """Not JSON, not an array, or no records: None, so the general path raises its error."""
    assert models(body, bw.CallState) is None


def test_models_without_an_exact_mirror_are_never_read_by_msgspec() -> None:
    """A model with a float or a nested model has no mirror: its pages go the general way."""
    nested = [n for n in OBJECTS if n not in MIRRORED]
    assert nested
    for name in nested:
        assert models(b"[]", SCHEMAS[name]) is None
        assert lines([], SCHEMAS[name]) is None


def test_empty_page() -> None:
    """No records: no models and no lines."""
    assert models(b"[]", bw.CallState) == []
    assert lines([], bw.CallState) == b""


async def test_listing_mixes_pages_msgspec_reads_and_pages_it_does_not() -> None:
    """Over HTTP: a page with a value the mirror refuses still lists its calls, in order."""
    pages = [
        [call(callId="c-0"), call(callId="c-1", direction="inbound")],
        [call(callId="c-2", direction="sideways"), call(callId="c-3")],  # the general path
        [call(callId="c-4", startTime="2026-11-15T10:00:00")],  # naive: the general path
    ]

    async def handler(request: web.Request) -> web.Response:
        n = int(request.query.get("page", "0"))
        headers = {}
        if n + 1 < len(pages):
            headers["Link"] = f'<{request.url.with_query(page=n + 1)}>; rel="next"'
        return web.json_response(pages[n], headers=headers)

    async with serve(handler) as served:
        async with bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client:
            got = [c async for c in client.calls.list()]
    assert [c.call_id for c in got] == [f"c-{i}" for i in range(5)]
    assert got == structure_many([r for page in pages for r in page], bw.CallState)
    assert got[2].direction is not None
    assert got[2].direction.name == "UNKNOWN"
    assert got[4].start_time == dt.datetime(2026, 11, 15, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "body",
    [
        b'[{"callId":"\\ud800"}]',  # a lone surrogate
        b'[{"callId":"\xff"}]',  # not UTF-8
        b'[{"callId":"x","stirShaken":' + b"[" * 10_000 + b"]" * 10_000 + b"}]",
        b"[" * 100_000 + b"]" * 100_000,
        b'[{"callId":NaN}]',
        b'\xef\xbb\xbf[{"callId":"a"}]',  # a byte-order mark
        b'[{"callId":"a","callId":"b"}]',  # the last duplicate wins, in both
        b' [ {"callId" : "a\\u0000b"} ] ',
        # the last duplicate time wins, for the sieve and in the line, as in orjson's
        (
            b'[{"callId":"a","startTime":"2026-11-15T10:00:00.250Z",'
            b'"startTime":"2026-11-15T10:00:01.500Z"}]'
        ),
    ],
)
def test_hostile_bodies_read_as_orjson_reads_them(body: bytes) -> None:
    """What orjson refuses, the mirror leaves to it (None); what orjson reads, both read alike."""
    try:
        raw = loads(body)
    except ValueError:
        assert models(body, bw.CallState) is None
        assert wire_page(body, bw.CallState, "startTime") is None
    else:
        assert models(body, bw.CallState) == structure_many(raw, bw.CallState)
        page = wire_page(body, bw.CallState, "startTime")
        if page is not None:
            assert page.times == read_times(raw, "startTime")
            assert lines(page, bw.CallState) == copied(raw, bw.CallState)


def test_a_whole_number_in_a_float_field_comes_out_as_a_float() -> None:
    """The one difference in values Bandwidth sends: 30 in callTimeout is 30.0, an equal value."""
    body = {
        "applicationId": "a-1",
        "accountId": "9900000",
        "callId": "c-1",
        "to": "+19195551234",
        "from": "+19195554321",
        "callUrl": "https://voice.bandwidth.com/api/v2/accounts/9900000/calls/c-1",
        "answerUrl": "https://example.com/answer",
        "callTimeout": 30,
        "callbackTimeout": 15.5,
        "answerMethod": "POST",
        "disconnectMethod": None,
    }
    built = model(json.dumps(body).encode(), bw.CreateCallResponse)
    assert built is not None
    assert built == structure(body, bw.CreateCallResponse)
    assert type(built.call_timeout) is float
    assert built.call_timeout == 30.0
    assert built.callback_timeout == 15.5
    assert built.answer_method is bw.CallbackMethodEnum.POST
    # JSON Lines must be byte for byte the copy's, so a model with a float has no lines.
    assert lines([body], bw.CreateCallResponse) is None


async def test_create_reads_the_response_whether_the_mirror_fits_or_not() -> None:
    """Over HTTP: createCall's answer is the same model, read by msgspec or by the converter."""
    answers: list[dict[str, object]] = [
        {},
        {"answerMethod": "PATCH"},  # unknown to this SDK: an UNKNOWN member, the general way
        {"enqueuedTime": "2026-11-15T10:00:00"},  # naive: UTC, the general way
        {"disconnectMethod": None},  # required, and null is allowed: both ways read it
    ]

    async def handler(request: web.Request) -> web.Response:
        n = len([r for r in served.seen if r.method == "POST"]) - 1
        body = {
            "applicationId": "a-1",
            "accountId": "9900000",
            "callId": f"c-{n}",
            "to": "+19195551234",
            "from": "+19195554321",
            "callUrl": f"https://voice.bandwidth.com/api/v2/accounts/9900000/calls/c-{n}",
            "answerUrl": "https://example.com/answer",
            "answerMethod": "POST",
            "disconnectMethod": "POST",
            **answers[n],
        }
        return web.json_response(body, status=201)

    create = bw.CreateCall(
        to="+19195551234",
        from_="+19195554321",
        application_id="a-1",
        answer_url="https://example.com/answer",
    )
    async with serve(handler) as served:
        async with bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client:
            got = [await client.calls.create(create) for _ in answers]
    assert [c.call_id for c in got] == ["c-0", "c-1", "c-2", "c-3"]
    assert got[0].answer_method is bw.CallbackMethodEnum.POST
    assert got[1].answer_method is not None
    assert got[1].answer_method.name == "UNKNOWN"
    assert got[2].enqueued_time == dt.datetime(2026, 11, 15, 10, tzinfo=dt.UTC)
    assert got[3].disconnect_method is None


def test_a_record_without_a_required_key_is_left_to_the_general_path() -> None:
    """A missing key the model requires, even one that may be null: None, and a DecodeError."""
    body = {
        "applicationId": "a-1",
        "accountId": "9900000",
        "callId": "c-1",
        "to": "+19195551234",
        "from": "+19195554321",
        "callUrl": "https://voice.bandwidth.com/api/v2/accounts/9900000/calls/c-1",
        "answerUrl": "https://example.com/answer",
        "answerMethod": "POST",
    }  # no disconnectMethod: `CallbackMethodEnum | None` with no default
    assert model(json.dumps(body).encode(), bw.CreateCallResponse) is None
    assert models(json.dumps([body]).encode(), bw.CreateCallResponse) is None
    with pytest.raises(bw.DecodeError, match="required field missing"):
        structure(body, bw.CreateCallResponse)
