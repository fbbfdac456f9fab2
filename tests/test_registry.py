"""
Every operation of spec/bandwidth.yml has a resource method, with a signature and a wire form
that match the spec: path ids, body, and exactly the spec's query and header parameters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import re
import warnings
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from aiohttp import web

import bandwidth_async as bw

from .server import serve
from .test_new_apis import multi_channel_message, subscription, verification, verification_update

SPEC = Path(__file__).resolve().parent.parent / "spec" / "bandwidth.yml"
OLD_SPEC = SPEC.with_name("bandwidth-2024.yml")

#: operationId -> (client attribute, method name), as API.md's resources table says.
TABLE: dict[str, tuple[str, str]] = {
    "createCall": ("calls", "create"),
    "getCallState": ("calls", "get"),
    "listCalls": ("calls", "list"),
    "updateCall": ("calls", "update"),
    "updateCallBxml": ("calls", "update_bxml"),
    "updateCallRecordingState": ("calls", "update_recording_state"),
    "listConferences": ("conferences", "list"),
    "getConference": ("conferences", "get"),
    "updateConference": ("conferences", "update"),
    "updateConferenceBxml": ("conferences", "update_bxml"),
    "getConferenceMember": ("conferences", "get_member"),
    "updateConferenceMember": ("conferences", "update_member"),
    "listConferenceRecordings": ("conferences", "list_recordings"),
    "getConferenceRecording": ("conferences", "get_recording"),
    "downloadConferenceRecording": ("conferences", "download_recording"),
    "listAccountCallRecordings": ("recordings", "list"),
    "listCallRecordings": ("recordings", "list_for_call"),
    "getCallRecording": ("recordings", "get"),
    "deleteRecording": ("recordings", "delete"),
    "downloadCallRecording": ("recordings", "download"),
    "deleteRecordingMedia": ("recordings", "delete_media"),
    "getRecordingTranscription": ("recordings", "get_transcription"),
    "transcribeCallRecording": ("recordings", "transcribe"),
    "deleteRecordingTranscription": ("recordings", "delete_transcription"),
    "listRealTimeTranscriptions": ("transcriptions", "list"),
    "getRealTimeTranscription": ("transcriptions", "get"),
    "deleteRealTimeTranscription": ("transcriptions", "delete"),
    "getStatistics": ("statistics", "get"),
    "listMedia": ("media", "list"),
    "getMedia": ("media", "get"),
    "uploadMedia": ("media", "upload"),
    "deleteMedia": ("media", "delete"),
    "listMessages": ("messages", "list"),
    "createMessage": ("messages", "create"),
    "generateVoiceCode": ("mfa", "send_voice_code"),
    "generateMessagingCode": ("mfa", "send_messaging_code"),
    "verifyCode": ("mfa", "verify_code"),
    "createSyncLookup": ("lookup", "create"),
    "createAsyncBulkLookup": ("lookup", "create_bulk"),
    "getAsyncBulkLookup": ("lookup", "get_bulk"),
    "createMultiChannelMessage": ("messages", "create_multi_channel"),
    "requestTollFreeVerification": ("toll_free", "request_verification"),
    "getTollFreeVerificationStatus": ("toll_free", "get_status"),
    "updateTollFreeVerificationRequest": ("toll_free", "update_request"),
    "deleteVerificationRequest": ("toll_free", "delete_request"),
    "listTollFreeUseCases": ("toll_free", "list_use_cases"),
    "listWebhookSubscriptions": ("toll_free", "list_subscriptions"),
    "createWebhookSubscription": ("toll_free", "create_subscription"),
    "updateWebhookSubscription": ("toll_free", "update_subscription"),
    "deleteWebhookSubscription": ("toll_free", "delete_subscription"),
    "listEndpoints": ("endpoints", "list"),
    "createEndpoint": ("endpoints", "create"),
    "getEndpoint": ("endpoints", "get"),
    "deleteEndpoint": ("endpoints", "delete"),
    "updateEndpointBxml": ("endpoints", "update_bxml"),
}

#: The two operations of the 2024 spec that Bandwidth retired, still reachable (deprecated).
RETIRED: dict[str, tuple[str, str]] = {
    "createLookup": ("lookup", "create_tn_lookup"),
    "getLookupStatus": ("lookup", "get_tn_lookup"),
}

#: Spec parameters that a method covers under another name than their snake_case one.
RENAMED: dict[tuple[str, str], str] = {
    ("listCalls", "pageToken"): "cursor",
    ("listConferences", "pageToken"): "cursor",
    ("listMedia", "Continuation-Token"): "cursor",
    ("listMessages", "pageToken"): "cursor",
    ("listMessages", "limit"): "page_size",
    ("listEndpoints", "afterCursor"): "cursor",
    ("listEndpoints", "limit"): "page_size",
}

#: Keywords that steer the client, not the request: they map to no spec parameter.
CLIENT_SIDE = {"limit", "cursor", "prefetch"}

#: Headers every request may carry that are HTTP itself, not spec parameters.
TRANSPORT_HEADERS = {
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "authorization",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
}

#: A valid body for every operation that has one.
BODIES: dict[str, object] = {
    "createCall": bw.CreateCall(
        to="+19195551234",
        from_="+19195554321",
        application_id="04e88489-df02-4e34-a0ee-27a91849555f",
        answer_url="https://example.com/answer",
    ),
    "updateCall": bw.UpdateCall(state=bw.CallStateEnum.COMPLETED),
    "updateCallBxml": "<Response><Hangup/></Response>",
    "updateCallRecordingState": bw.UpdateCallRecording(state=bw.RecordingStateEnum.PAUSED),
    "updateConference": bw.UpdateConference(status=bw.ConferenceStateEnum.COMPLETED),
    "updateConferenceBxml": "<Response><Hangup/></Response>",
    "updateConferenceMember": bw.UpdateConferenceMember(mute=True),
    "transcribeCallRecording": bw.TranscribeRecording(callback_url="https://example.com/t"),
    "uploadMedia": b"\x89PNG\r\n",
    "createMessage": bw.MessageRequest(
        application_id="93de2206-9669-4e07-948d-329f4b722ee2",
        to=["+15554443333"],
        from_="+15553332222",
        text="Hello",
    ),
    "generateVoiceCode": bw.CodeRequest(
        to="+19195551234",
        from_="+19195554321",
        application_id="66fd98ae-ac8d-a00f-7fcd-ba3280aeb9b1",
        message="Your code is {CODE}",
        digits=6,
    ),
    "generateMessagingCode": bw.CodeRequest(
        to="+19195551234",
        from_="+19195554321",
        application_id="66fd98ae-ac8d-a00f-7fcd-ba3280aeb9b1",
        message="Your code is {CODE}",
        digits=6,
    ),
    "verifyCode": bw.VerifyCodeRequest(
        to="+19195551234", expiration_time_in_minutes=3, code="123456"
    ),
    "createLookup": bw.LookupRequest(tns=["+19195551234"]),
    "createSyncLookup": bw.SyncLookupRequest(phone_numbers=["+19195551234"]),
    "createAsyncBulkLookup": bw.AsyncLookupRequest(phone_numbers=["+19195551234"]),
    "createMultiChannelMessage": multi_channel_message(),
    "requestTollFreeVerification": verification(),
    "updateTollFreeVerificationRequest": verification_update(),
    "createWebhookSubscription": subscription(),
    "updateWebhookSubscription": subscription(),
    "createEndpoint": bw.CreateWebRtcConnectionRequest(
        type=bw.EndpointTypeEnum.WEBRTC, direction=bw.EndpointDirectionEnum.INBOUND
    ),
    "updateEndpointBxml": "<Bxml><Hangup/></Bxml>",
}


@attrs.frozen
class Operation:
    """One operation of the spec, with its parameters resolved."""

    operation_id: str
    method: str
    path: str
    parameters: tuple[Mapping[str, Any], ...]
    has_body: bool
    statuses: tuple[str, ...]

    def named(self, where: str) -> list[Mapping[str, Any]]:
        """The parameters that live *where* (path, query, header)."""
        return [p for p in self.parameters if p["in"] == where]

    @property
    def path_ids(self) -> list[str]:
        """The path parameters in path order, without the account id the client fills in."""
        return [n for n in re.findall(r"{(\w+)}", self.path) if n != "accountId"]

    def matches(self, method: str, path: str) -> bool:
        """Whether *method* *path* is a request for this operation."""
        pattern = re.sub(r"{\w+}", "[^/]+", self.path)
        return method == self.method and re.fullmatch(pattern, path) is not None


@cache
def spec(path: Path = SPEC) -> dict[str, Any]:
    """The parsed spec (the current one unless *path* names the 2024 one)."""
    with path.open() as f:
        loaded: dict[str, Any] = yaml.safe_load(f)
    return loaded


def resolve(node: Mapping[str, Any], path: Path = SPEC) -> Mapping[str, Any]:
    """*node*, or what its ``$ref`` points at."""
    while "$ref" in node:
        target: Any = spec(path)
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@cache
def operations() -> dict[str, Operation]:
    """Every operation of the spec by operationId."""
    found: dict[str, Operation] = {}
    for source in (SPEC, OLD_SPEC):
        found |= _operations(source, None if source == SPEC else set(RETIRED))
    return found


def _operations(source: Path, only: set[str] | None) -> dict[str, Operation]:
    found: dict[str, Operation] = {}
    for path, item in spec(source)["paths"].items():
        shared = [resolve(p, source) for p in item.get("parameters", [])]
        for method, op in item.items():
            if method not in {"get", "put", "post", "delete", "patch"}:
                continue
            if only is not None and op["operationId"] not in only:
                continue
            params = shared + [resolve(p, source) for p in op.get("parameters", [])]
            found[op["operationId"]] = Operation(
                operation_id=op["operationId"],
                method=method.upper(),
                path=path,
                parameters=tuple(params),
                has_body="requestBody" in op,
                statuses=tuple(op["responses"]),
            )
    return found


def snake(name: str) -> str:
    """The Python keyword for the spec parameter *name*: snake_case, ``from`` -> ``from_``."""
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).replace("-", "_").lower()
    return name + "_" if name in {"from", "in", "is"} else name


def keyword_for(operation_id: str, name: str) -> str:
    """The keyword argument that carries the spec parameter *name* of *operation_id*."""
    return RENAMED.get((operation_id, name), snake(name))


def method_of(client: bw.BandwidthClient, operation_id: str) -> Callable[..., Any]:
    """The bound resource method for *operation_id*."""
    attribute, name = {**TABLE, **RETIRED}[operation_id]
    method: Callable[..., Any] = getattr(getattr(client, attribute), name)
    return method


@pytest.fixture(scope="module")
def offline() -> bw.BandwidthClient:
    """A client that is never opened: only its methods' signatures are read."""
    return bw.BandwidthClient("u", "p", "9900000", base_url="http://127.0.0.1:9")


def test_spec_has_55_operations_plus_2_retired() -> None:
    """The current spec has 55 operations; the 2024 spec adds the two retired lookups."""
    assert len(_operations(SPEC, None)) == 55
    assert len(operations()) == 55 + 2


def test_table_covers_every_operation_of_the_spec() -> None:
    """Every operationId of the spec is in the table, and the table names no other."""
    spec_ids = set(operations())
    assert sorted(spec_ids - set(TABLE) - set(RETIRED)) == [], (
        "operations without a resource method"
    )
    assert sorted((set(TABLE) | set(RETIRED)) - spec_ids) == [], (
        "table entries the spec does not have"
    )


@pytest.mark.parametrize("operation_id", sorted({**TABLE, **RETIRED}))
def test_every_operation_has_a_method(offline: bw.BandwidthClient, operation_id: str) -> None:
    """The client exposes the method the table names for the operation."""
    method = method_of(offline, operation_id)
    assert callable(method)
    assert method.__doc__, f"{operation_id} has no docstring"


@pytest.mark.parametrize("operation_id", sorted({**TABLE, **RETIRED}))
def test_signature_follows_the_spec(offline: bw.BandwidthClient, operation_id: str) -> None:
    """Path ids come first in path order, then the body; every query/header is a keyword."""
    op = operations()[operation_id]
    params = inspect.signature(method_of(offline, operation_id)).parameters.values()
    positional = [p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    keywords = {p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY}
    assert not [p for p in params if p.kind is inspect.Parameter.VAR_KEYWORD]
    assert not [p for p in params if p.kind is inspect.Parameter.VAR_POSITIONAL]

    ids = [snake(name) for name in op.path_ids]
    assert positional[: len(ids)] == ids
    assert len(positional) == len(ids) + op.has_body, (
        f"{operation_id}: positional {positional}, path ids {ids}, body: {op.has_body}"
    )

    expected = {keyword_for(operation_id, p["name"]) for p in op.named("query")}
    expected |= {keyword_for(operation_id, p["name"]) for p in op.named("header")}
    assert sorted(expected - keywords) == [], "spec parameters the method cannot send"
    extra = keywords - expected - CLIENT_SIDE
    assert sorted(extra) == [], "keywords that map to no spec parameter"


HEADER_VALUES = {"Content-Type": "image/png", "Cache-Control": "no-cache"}


def value_for(param: Mapping[str, Any]) -> object:
    """A valid value for the spec parameter *param*."""
    schema = resolve(param.get("schema", {}))
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("type") == "integer":
        return 7
    if schema.get("type") == "boolean":
        return True
    if param["name"] in HEADER_VALUES:
        return HEADER_VALUES[param["name"]]
    if re.search(r"(Time|DateTime)$", param["name"]):
        return dt.datetime(2026, 11, 15, 12, 30, tzinfo=dt.UTC)
    return f"v-{param['name']}"


def wire_form(value: object) -> str:
    """How *value* reads in a query string or header."""
    if value is True:
        return "true"
    if isinstance(value, dt.datetime):
        return "2026-11-15T12:30:00Z"
    return str(value)


@attrs.define
class Seen:
    """What the loopback server received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@contextlib.asynccontextmanager
async def recording_client() -> AsyncIterator[tuple[bw.BandwidthClient, list[Seen]]]:
    """A client pointed at a loopback server that records each request and answers minimally."""
    seen: list[Seen] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        seen.append(
            Seen(
                request.method,
                request.path,
                dict(request.query),
                {k.lower(): v for k, v in request.headers.items()},
            )
        )
        if request.path.endswith("/messages") and request.method == "GET":
            return web.json_response({"messages": [], "pageInfo": {}})
        if request.method == "GET" and request.path.endswith(("/calls", "recordings", "/media")):
            return web.json_response([])
        if request.method == "GET" and request.path.endswith(("/conferences", "/transcriptions")):
            return web.json_response([])
        if request.method == "GET" and request.path.endswith("/endpoints"):
            return web.json_response({"links": [], "data": [], "errors": []})
        return web.Response(status=204)

    async with (
        serve(handler) as served,
        bw.BandwidthClient(
            "u", "p", "9900000", base_url=served.base_url, retry=bw.RetryPolicy.none()
        ) as client,
    ):
        yield client, seen


async def drive(method: Callable[..., Any], args: list[object], kwargs: dict[str, object]) -> None:
    """Call *method* and send its request, whatever kind of method it is."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the retired lookups warn
        result = method(*args, **kwargs)
        if not isinstance(result, bw.AsyncPaginator):
            with contextlib.suppress(bw.DecodeError):
                await result
            return
    # The minimal answers are not the models the methods promise; only the request matters.
    async for _ in result.pages():
        break


def arguments(op: Operation) -> Iterator[object]:
    """Positional arguments for *op*: its path ids, then its body."""
    for name in op.path_ids:
        yield f"id-{name}"
    if op.has_body:
        yield BODIES[op.operation_id]


@pytest.mark.parametrize("operation_id", sorted({**TABLE, **RETIRED}))
async def test_sends_every_spec_parameter_and_no_other(operation_id: str) -> None:
    """With every keyword set, the request carries exactly the spec's query keys and headers."""
    op = operations()[operation_id]
    kwargs: dict[str, object] = {}
    expected_query: dict[str, str] = {}
    expected_headers: dict[str, str] = {}
    for param in op.named("query") + op.named("header"):
        keyword = keyword_for(operation_id, param["name"])
        if keyword in CLIENT_SIDE:
            continue
        value = value_for(param)
        kwargs[keyword] = value
        where = expected_query if param["in"] == "query" else expected_headers
        where[param["name"]] = wire_form(value)

    async with recording_client() as (client, seen):
        await drive(method_of(client, operation_id), list(arguments(op)), kwargs)

    assert len(seen) == 1
    request = seen[0]
    assert op.matches(request.method, request.path), f"{request.method} {request.path}"
    for name in op.path_ids:
        assert f"/id-{name}" in request.path
    assert ("/9900000" in request.path) == ("{accountId}" in op.path)
    assert request.query == expected_query
    spec_headers = {p["name"].lower() for p in op.named("header")}
    sent_headers = {k for k in request.headers if k not in TRANSPORT_HEADERS}
    assert sent_headers <= spec_headers, f"headers not in the spec: {sent_headers - spec_headers}"
    for name, value in expected_headers.items():
        assert request.headers[name.lower()] == value
    if op.has_body:
        assert "content-type" in request.headers
    assert request.headers["authorization"].startswith("Basic ")


@pytest.mark.parametrize(
    ("operation_id", "where", "name"),
    [
        pytest.param("listMessages", "query", "pageToken", id="listMessages"),
        pytest.param("listMedia", "header", "Continuation-Token", id="listMedia"),
        pytest.param("listEndpoints", "query", "afterCursor", id="listEndpoints"),
    ],
)
async def test_cursor_is_sent_as_the_spec_parameter(
    operation_id: str, where: str, name: str
) -> None:
    """A cursor= goes out as the spec's own token parameter, and as nothing else."""
    async with recording_client() as (client, seen):
        await drive(method_of(client, operation_id), [], {"cursor": "tok-1"})
    (request,) = seen
    if where == "query":
        assert request.query == {name: "tok-1"}
    else:
        assert request.query == {}
        assert request.headers[name.lower()] == "tok-1"


def test_every_resource_request_names_its_operation() -> None:
    """Each Request a resource builds carries the operationId of a spec operation."""
    import ast  # noqa: PLC0415 - only this test reads source

    resources = Path(bw.__file__).parent / "resources"
    named: set[str] = set()
    for source in sorted(resources.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Request":
                given = [k.value for k in node.keywords if k.arg == "operation"]
                assert given, f"{source.name}:{node.lineno} names no operation"
                (operation,) = given
                if isinstance(operation, ast.Constant):
                    named.add(str(operation.value))
                else:  # a helper passes its own argument through
                    assert isinstance(operation, ast.Name), f"{source.name}:{node.lineno}"
    assert named <= set(operations())
    assert len(named) >= 45
