"""
Every outcome becomes a model or an error of our hierarchy, with the decoded body.
"""

from __future__ import annotations

import pytest
from aiohttp import web

import bandwidth_async as bw

from .server import serve

VOICE_ERROR = {"type": "validation", "description": "bad to", "id": "e-1"}

CASES = [
    pytest.param(400, bw.BadRequestError, id="400"),
    pytest.param(401, bw.UnauthorizedError, id="401"),
    pytest.param(403, bw.ForbiddenError, id="403"),
    pytest.param(404, bw.NotFoundError, id="404"),
    pytest.param(409, bw.ConflictError, id="409"),
    pytest.param(429, bw.RateLimitError, id="429"),
    pytest.param(500, bw.ServerError, id="500"),
    pytest.param(503, bw.ServerError, id="503"),
    pytest.param(418, bw.APIError, id="418-other"),
]


def no_retry(base_url: str) -> bw.BandwidthClient:
    return bw.BandwidthClient(
        "u", "secret-pw", "9900000", base_url=base_url, retry=bw.RetryPolicy.none()
    )


@pytest.mark.parametrize(("status", "error"), CASES)
async def test_status_raises_its_class_with_decoded_body(
    status: int, error: type[bw.APIError]
) -> None:
    """Each error status raises its class, with the voice error model as the body."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response(VOICE_ERROR, status=status, headers={"Retry-After": "1"})

    async with serve(handler) as served, no_retry(served.base_url) as client:
        with pytest.raises(error) as info:
            await client.calls.get("c-1")
    assert type(info.value) is error
    assert info.value.status == status
    assert info.value.body == bw.VoiceApiError(type="validation", description="bad to", id="e-1")
    assert info.value.request is not None
    assert info.value.request.path_params == {"call_id": "c-1"}
    assert "bad to" in str(info.value)
    assert "secret-pw" not in str(info.value) + repr(info.value.request)
    if status == 429:
        assert isinstance(info.value, bw.RateLimitError)
        assert info.value.retry_after == 1.0


@pytest.mark.parametrize(
    ("call", "model", "body"),
    [
        pytest.param(
            "messages",
            bw.MessagingRequestError,
            {"type": "request-validation", "description": "bad"},
            id="messaging",
        ),
        pytest.param("mfa", bw.MfaRequestError, {"error": "400 bad", "requestId": "r-1"}, id="mfa"),
        pytest.param("lookup", bw.TnLookupRequestError, {"message": "bad tn"}, id="lookup"),
    ],
)
async def test_each_api_family_decodes_its_error_model(
    call: str, model: type, body: dict[str, str]
) -> None:
    """Messaging, MFA and lookup errors decode into their own error models."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response(body, status=400)

    async with serve(handler) as served, no_retry(served.base_url) as client:
        with pytest.raises(bw.BadRequestError) as info:
            if call == "messages":
                await client.messages.create(
                    bw.MessageRequest(application_id="a", to=["+1"], from_="+2")
                )
            elif call == "mfa":
                await client.mfa.verify_code(
                    bw.VerifyCodeRequest(to="+1", expiration_time_in_minutes=3, code="123456")
                )
            else:
                with pytest.warns(DeprecationWarning, match="retired"):
                    await client.lookup.create_tn_lookup(bw.LookupRequest(tns=["+1"]))
    assert isinstance(info.value.body, model)


async def test_error_body_that_is_not_json_is_kept_as_text() -> None:
    """An HTML error page still raises the right class, with the text as the body."""

    async def handler(request: web.Request) -> web.Response:
        return web.Response(text="<html>bad gateway</html>", status=502, content_type="text/html")

    async with serve(handler) as served, no_retry(served.base_url) as client:
        with pytest.raises(bw.ServerError) as info:
            await client.statistics.get()
    assert info.value.body == "<html>bad gateway</html>"


async def test_error_json_of_another_shape_is_kept_as_data() -> None:
    """A JSON error body that does not fit the model is kept as decoded JSON."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response(["odd"], status=404)

    async with serve(handler) as served, no_retry(served.base_url) as client:
        with pytest.raises(bw.NotFoundError) as info:
            await client.statistics.get()
    assert info.value.body == ["odd"]


async def test_html_200_is_decode_error() -> None:
    """A 200 with HTML raises DecodeError carrying the start of the body."""
    page = "<html>" + "x" * 1000 + "</html>"

    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    async with serve(handler) as served, no_retry(served.base_url) as client:
        with pytest.raises(bw.DecodeError) as info:
            await client.calls.get("c-1")
    assert info.value.text == page[:500]


async def test_json_of_wrong_shape_is_decode_error() -> None:
    """A 200 whose JSON does not fit the model raises DecodeError naming the model."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"callId": ["not", "a", "string"], "startTime": "yesterday"})

    async with serve(handler) as served, no_retry(served.base_url) as client:
        with pytest.raises(bw.DecodeError, match="CallState"):
            await client.calls.get("c-1")


async def test_connection_refused_is_transport_error() -> None:
    """Nothing listening raises TransportError, never an aiohttp exception."""
    async with serve(lambda r: web.json_response({})) as served:  # type: ignore[arg-type,return-value]
        url = served.base_url
    async with no_retry(url) as client:
        with pytest.raises(bw.TransportError) as info:
            await client.calls.get("c-1")
    assert not isinstance(info.value, bw.OutcomeUnknownError)


async def test_every_error_is_a_bandwidth_error() -> None:
    """The hierarchy has one root, and timeouts are also builtin TimeoutErrors."""
    for cls in (
        bw.APIError,
        bw.TransportError,
        bw.OutcomeUnknownError,
        bw.RequestTimeoutError,
        bw.DecodeError,
        bw.PaginationError,
        bw.ConfigurationError,
        bw.RateLimitError,
    ):
        assert issubclass(cls, bw.BandwidthError)
    assert issubclass(bw.RequestTimeoutError, TimeoutError)
    assert bw.APIError(418).body is None
    assert str(bw.APIError(418)) == "418"
