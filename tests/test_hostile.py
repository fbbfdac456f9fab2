"""
Hostile input over real loopback HTTP: always our own error, no request sent where none should be.
"""

from __future__ import annotations

import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async import callbacks

from .server import Handler, serve

NO_RETRY = bw.RetryPolicy.none()


def deep(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def client_for(base_url: str) -> bw.BandwidthClient:
    return bw.BandwidthClient("u", "p", "9900000", base_url=base_url, retry=NO_RETRY)


# --- deeply nested JSON (issue 12, item 6) ----------------------------------------------------


@pytest.mark.parametrize("levels", [990, 5000, 100_000])
async def test_deeply_nested_response_is_decode_error(levels: int) -> None:
    """A 2xx body nested thousands deep raises DecodeError, not RecursionError."""

    async def handle(request: web.Request) -> web.Response:
        return web.Response(body=deep(levels), content_type="application/json")

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.DecodeError) as info:
            await client.calls.get("c-1")
        assert len(info.value.text) <= 500


@pytest.mark.parametrize("levels", [990, 100_000])
async def test_deeply_nested_error_body_keeps_the_status(levels: int) -> None:
    """An error body nested thousands deep still gives the APIError of its status."""

    async def handle(request: web.Request) -> web.Response:
        return web.Response(status=400, body=deep(levels), content_type="application/json")

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.BadRequestError) as info:
            await client.calls.get("c-1")
    assert info.value.status == 400
    assert "400" in str(info.value)


@pytest.mark.parametrize("levels", [990, 100_000])
async def test_deeply_nested_page_is_decode_error(levels: int) -> None:
    """A list page whose record is nested thousands deep raises DecodeError."""

    async def handle(request: web.Request) -> web.Response:
        return web.Response(body=b"[" + deep(levels) + b"]", content_type="application/json")

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.DecodeError):
            [c async for c in client.calls.list()]


@pytest.mark.parametrize("levels", [990, 100_000])
def test_deeply_nested_webhook_is_decode_error(levels: int) -> None:
    """A webhook body nested thousands deep is a DecodeError: strangers crash nothing."""
    body = b'{"eventType": "answer", "tag": ' + deep(levels) + b"}"
    with pytest.raises(bw.DecodeError):
        callbacks.parse(body)
    with pytest.raises(bw.DecodeError):
        callbacks.parse(deep(levels))


# --- next links and cursors (issue 12, item 7) ------------------------------------------------

BAD_TARGETS = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:application/json,[]",
    "mailto:someone@example.invalid",
    "//evil.invalid/accounts/9900000/calls",
    "ftp://127.0.0.1/calls",
]


@pytest.mark.parametrize("target", BAD_TARGETS)
async def test_next_link_with_foreign_scheme_is_pagination_error(target: str) -> None:
    """A next link that is not http(s) raises PaginationError and is never requested."""

    async def handle(request: web.Request) -> web.Response:
        return web.json_response([{"callId": "c-1"}], headers={"Link": f'<{target}>; rel="next"'})

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.PaginationError):
            [c async for c in client.calls.list()]
    assert len(served.seen) == 1


async def test_next_link_with_userinfo_is_refused_without_echo() -> None:
    """A next link with a user and password raises PaginationError that does not repeat them."""

    async def handle(request: web.Request) -> web.Response:
        port = request.url.port
        link = f"http://user:pw-SECRET@127.0.0.1:{port}/accounts/9900000/calls?page=2"
        return web.json_response([{"callId": "c-1"}], headers={"Link": f'<{link}>; rel="next"'})

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.PaginationError) as info:
            [c async for c in client.calls.list()]
    assert "pw-SECRET" not in str(info.value)
    assert len(served.seen) == 1


@pytest.mark.parametrize(
    "cursor", [*BAD_TARGETS, "http://u:pw-SECRET@127.0.0.1:1/accounts/9900000/calls"]
)
async def test_bad_cursor_is_pagination_error_before_sending(cursor: str) -> None:
    """A cursor that is not an http(s) URL (or holds userinfo) is refused with nothing sent."""

    async def handle(request: web.Request) -> web.Response:
        return web.json_response([])

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.PaginationError) as info:
            [c async for c in client.calls.list(cursor=cursor)]
    assert "pw-SECRET" not in str(info.value)
    assert served.seen == []


# --- messages pageInfo of the wrong type (issue 12, item 11) ----------------------------------


@pytest.mark.parametrize(
    "page_info",
    [[{"nextPageToken": "p2"}], {"nextPageToken": 2}, {"nextPageToken": ["p2"]}, "p2"],
)
async def test_mistyped_page_info_is_pagination_error(page_info: object) -> None:
    """A pageInfo that is not an object, or a token that is not a string, stops loudly."""

    async def handle(request: web.Request) -> web.Response:
        messages = [{"messageId": f"m-{i}"} for i in range(3)]
        return web.json_response({"totalCount": 6, "pageInfo": page_info, "messages": messages})

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.PaginationError, match="pageInfo"):
            [m async for m in client.messages.list()]
    assert len(served.seen) == 1


async def test_page_info_without_token_is_the_last_page() -> None:
    """A pageInfo object with no (or a null) nextPageToken ends the list normally."""

    async def handle(request: web.Request) -> web.Response:
        page = {"pageInfo": {"nextPageToken": None}, "messages": [{"messageId": "m-1"}]}
        return web.json_response(page)

    async with serve(handle) as served, client_for(served.base_url) as client:
        assert [m.message_id async for m in client.messages.list()] == ["m-1"]


# --- base_url (issue 12, items 12 and 13) -----------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    ["http://user:pw-SECRET@127.0.0.1:4010", "https://user:pw-SECRET@api.example.invalid"],
)
def test_base_url_with_userinfo_is_refused_without_echo(base_url: str) -> None:
    """A base_url holding credentials is a ConfigurationError that does not repeat them."""
    with pytest.raises(bw.ConfigurationError) as info:
        bw.BandwidthClient("u", "p", "1", base_url=base_url)
    assert "pw-SECRET" not in str(info.value)
    assert "pw-SECRET" not in repr(info.value)


@pytest.mark.parametrize(
    "base_url", ["http://10.0.0.5:4010", "http://api.example.invalid", "http://192.168.1.1"]
)
def test_plain_http_to_another_host_is_refused(base_url: str) -> None:
    """Plain http off loopback would send the password in clear: refused unless asked for."""
    with pytest.raises(bw.ConfigurationError, match="allow_insecure_http"):
        bw.BandwidthClient("u", "p", "1", base_url=base_url)
    client = bw.BandwidthClient("u", "p", "1", base_url=base_url, allow_insecure_http=True)
    assert client.base_urls["voice"] == base_url


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"]
)
def test_plain_http_to_loopback_is_allowed(base_url: str) -> None:
    """The emulator and Prism on loopback need no opt-in."""
    client = bw.BandwidthClient("u", "p", "1", base_url=base_url)
    assert client.base_urls["voice"] == base_url


# --- path ids (issue 12, item 14) -------------------------------------------------------------


@pytest.mark.parametrize("call_id", [".", "..", "c?x=1", "c#frag", ""])
async def test_unsafe_path_id_is_value_error_before_sending(call_id: str) -> None:
    """An id that is a dot segment, or holds ? or #, is refused before anything is sent."""

    async def handle(request: web.Request) -> web.Response:
        return web.json_response({})

    async with serve(handle) as served, client_for(served.base_url) as client:
        with pytest.raises(ValueError, match="call_id"):
            await client.calls.get(call_id)
        with pytest.raises(ValueError, match="recording_id"):
            await client.recordings.delete("c-1", call_id or "..")
    assert served.seen == []


# --- wrong JSON types (issue 12, item 10) -----------------------------------------------------


def answering(payload: object, status: int = 200) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response(payload, status=status)

    return handle


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"callId": 5}, "call_id"),
        ({"callId": {"id": "c-1"}}, "call_id"),
        ({"callId": ["c-1"]}, "call_id"),
        ({"callId": True}, "call_id"),
        ({"startTime": 1700000000}, "start_time"),
        ({"direction": 1}, "direction"),
        ({"stirShaken": "verified"}, "stir_shaken"),
    ],
)
async def test_wrong_json_type_is_decode_error_naming_the_field(
    payload: dict[str, object], field: str
) -> None:
    """A value of the wrong JSON type is a DecodeError that names its field (Python name)."""
    async with serve(answering(payload)) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.DecodeError, match=field):
            await client.calls.get("c-1")


@pytest.mark.parametrize("payload", ["c-1", ["c-1"], [{"callId": "c-1"}], 5, True])
async def test_non_object_where_object_promised_is_decode_error(payload: object) -> None:
    """A JSON string, number or array where an object is promised is no model of Nones."""
    async with serve(answering(payload)) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.DecodeError, match="object"):
            await client.calls.get("c-1")


async def test_null_required_id_is_not_the_string_none() -> None:
    """callId: null in a created call is a DecodeError, never the call id "None"."""
    created = {
        "applicationId": "a",
        "accountId": "9900000",
        "callId": None,
        "to": "+19195551234",
        "from": "+19195554321",
        "callUrl": "http://127.0.0.1/calls/x",
        "answerUrl": "http://127.0.0.1/answer",
        "answerMethod": "POST",
        "disconnectMethod": "POST",
    }
    call = bw.CreateCall(
        to="+19195551234", from_="+19195554321", application_id="a", answer_url="http://x"
    )
    async with serve(answering(created, 201)) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.DecodeError, match="call_id"):
            await client.calls.create(call)


async def test_wrong_type_in_a_page_is_decode_error_and_good_pages_pass() -> None:
    """One record with a number for a string fails its page with DecodeError naming the field."""
    rows = [{"callId": "c-1", "to": "+1"}, {"callId": "c-2", "to": 19195551234}]
    async with serve(answering(rows)) as served, client_for(served.base_url) as client:
        with pytest.raises(bw.DecodeError, match=r"\.to\b"):
            [c async for c in client.calls.list()]


async def test_unknown_fields_and_enum_values_stay_tolerated() -> None:
    """New fields and new enum values from the server are not errors (API.md promises it)."""
    payload = {"callId": "c-1", "direction": "sideways", "brandNewField": {"x": [1, 2]}}
    async with serve(answering(payload)) as served, client_for(served.base_url) as client:
        state = await client.calls.get("c-1")
    assert state.call_id == "c-1"
    assert state.direction == "sideways"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"eventType": "answer", "callId": 5}', "call_id"),
        (b'{"eventType": "answer", "tag": {"a": 1}}', "tag"),
        (b'{"eventType": "answer", "startTime": false}', "start_time"),
    ],
)
def test_webhook_with_wrong_json_type_is_decode_error(body: bytes, field: str) -> None:
    """A webhook field of the wrong JSON type is a DecodeError naming it."""
    with pytest.raises(bw.DecodeError, match=field):
        callbacks.parse(body)
