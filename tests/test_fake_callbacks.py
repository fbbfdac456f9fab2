"""
The emulator calls the user's app back: call lifecycles, BXML, message events, inbound events.

Every app here is a real aiohttp server on 127.0.0.1; every event the emulator sends is read
with ``callbacks.parse`` (it records them that way), and its raw keys are checked against both
specs' callback schemas.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from aiohttp import web
from aiohttp.test_utils import TestServer

import bandwidth_async as bw
from bandwidth_async import bxml, callbacks
from bandwidth_async.testing import FakeBandwidth
from bandwidth_async.testing._callbacks import Callbacks, is_loopback

ROOT = Path(__file__).parent.parent
CALLEE = "+19195551234"
CALLER = "+19195554321"
SALES = "+19195550100"


def _schemas(path: Path) -> dict[str, Any]:
    schemas: dict[str, Any] = yaml.safe_load(path.read_text())["components"]["schemas"]
    return schemas


SPECS = [_schemas(ROOT / "spec" / "bandwidth.yml")]
if (ROOT / "spec" / "bandwidth-2024.yml").exists():
    SPECS.append(_schemas(ROOT / "spec" / "bandwidth-2024.yml"))


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "webhook_app_e2e", ROOT / "examples" / "webhook_app.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


webhook_app = _load_example()


class Exchanges:
    """What an app received (path, raw JSON) and answered (status, body), in order."""

    def __init__(self) -> None:
        self.items: list[tuple[str, Any, int, str]] = []

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        raw = json.loads(await request.read())
        response = await handler(request)
        text = response.text if isinstance(response, web.Response) and response.text else ""
        self.items.append((request.path, raw, response.status, text))
        return response


def assert_spec_fields(raw: dict[str, Any]) -> None:
    """A voice event body has only keys its schema lists, in every spec."""
    name = raw["eventType"] + "Callback"
    for schemas in SPECS:
        assert set(raw) <= set(schemas[name]["properties"]), name


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[web.Application], Awaitable[str]]]:
    servers: list[TestServer] = []

    async def start(app: web.Application) -> str:
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return str(server.make_url("")).rstrip("/")

    yield start
    for server in servers:
        await server.close()


def bxml_app(exchanges: Exchanges, routes: dict[str, str]) -> web.Application:
    """An app that answers each path with a fixed document."""
    app = web.Application(middlewares=[exchanges.middleware])
    for path, document in routes.items():

        async def handler(request: web.Request, document: str = document) -> web.Response:
            return web.Response(text=document, content_type="application/xml")

        app.router.add_post(path, handler)
    return app


def dial(app: str, **extra: Any) -> bw.CreateCall:
    return bw.CreateCall(
        to=CALLEE,
        from_=CALLER,
        application_id="04e88489-df02-4e34-a0ee-27a91849555f",
        answer_url=f"{app}/answer",
        disconnect_url=f"{app}/disconnect",
        **extra,
    )


def is_disconnect(event: object) -> bool:
    return isinstance(event, callbacks.DisconnectCallback)


async def test_webhook_example_end_to_end(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """The emulator dials, the app plays its menu, the callee presses 1, the app transfers."""
    exchanges = Exchanges()
    app = webhook_app.make_app(username="hook", password="secret", sales_number=SALES)
    app.middlewares.append(exchanges.middleware)
    url = await serve(app)
    async with FakeBandwidth() as fake:
        fake.script(CALLEE, digits="1")
        async with fake.client() as client:
            created = await client.calls.create(
                dial(url, username="hook", password="secret", tag="campaign-7")
            )
            ended = await fake.wait_for(is_disconnect, timeout=20)
            state = await client.calls.get(created.call_id)
    received = app[webhook_app.EVENTS]
    assert [type(e).__name__ for e in received] == [
        "AnswerCallback",
        "GatherCallback",
        "DisconnectCallback",
    ]
    answer, gather, disconnect = received
    assert answer.call_id == gather.call_id == disconnect.call_id == created.call_id
    assert gather.digits == "1"
    assert {answer.tag, gather.tag, disconnect.tag} == {"campaign-7"}
    assert disconnect.cause == "hangup"
    assert ended == disconnect
    # What the app answered: the menu, then the transfer to sales.
    (menu_path, _, menu_status, menu), (gather_path, _, _, transfer) = exchanges.items[:2]
    assert (menu_path, menu_status, gather_path) == ("/answer", 200, "/gather")
    assert bxml.parse(menu) == webhook_app.MENU
    assert bxml.parse(transfer) == bxml.Response(
        bxml.SpeakSentence("Connecting you to sales."),
        bxml.Transfer(bxml.PhoneNumber(SALES), transfer_caller_id=CALLEE),
    )
    for _, raw, _, _ in exchanges.items:
        assert_spec_fields(raw)
    assert [(c.url, c.status) for c in fake.callbacks] == [
        (f"{url}/answer", 200),
        (f"{url}/gather", 200),
        (f"{url}/disconnect", 204),
    ]
    assert state.state == "disconnected"
    assert state.disconnect_cause == "hangup"
    assert state.answer_time is not None


async def test_the_app_must_accept_the_calls_credentials(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """Without the right Basic credentials the app answers 401, and the call ends in error."""
    url = await serve(webhook_app.make_app(username="hook", password="secret"))
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            await client.calls.create(dial(url, username="hook", password="wrong"))
        ended = await fake.wait_for(is_disconnect)
    assert isinstance(ended, callbacks.DisconnectCallback)
    assert ended.cause == "callback-error"
    assert fake.callbacks[0].status == 401


async def test_invalid_bxml_ends_the_call_with_the_error(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """A document with an element BXML lacks ends the call: cause invalid-bxml, with the error."""
    exchanges = Exchanges()
    routes = {"/answer": "<Response><Dance/></Response>", "/disconnect": ""}
    url = await serve(bxml_app(exchanges, routes))
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            await client.calls.create(dial(url))
        ended = await fake.wait_for(is_disconnect)
    assert isinstance(ended, callbacks.DisconnectCallback)
    assert ended.cause == "invalid-bxml"
    assert "Dance" in (ended.error_message or "")
    assert [path for path, *_ in exchanges.items] == ["/answer", "/disconnect"]


async def test_redirect_tag_and_hangup(serve: Callable[[web.Application], Awaitable[str]]) -> None:
    """Redirect fetches the next document; <Tag> changes the tag of the events after it."""
    exchanges = Exchanges()
    routes = {
        "/answer": str(bxml.Response(bxml.Pause(duration=1), bxml.Redirect(redirect_url="/next"))),
        "/next": str(bxml.Response(bxml.Tag("after"), bxml.Hangup(), bxml.Pause(duration=99))),
        "/disconnect": "",
    }
    url = await serve(bxml_app(exchanges, routes))
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            await client.calls.create(dial(url, tag="before"))
        await fake.wait_for(is_disconnect)
    paths = [path for path, *_ in exchanges.items]
    assert paths == ["/answer", "/next", "/disconnect"]
    tags = [raw.get("tag") for _, raw, _, _ in exchanges.items]
    assert tags == ["before", "before", "after"]
    assert exchanges.items[1][1]["eventType"] == "redirect"


async def test_update_call_hangs_up_a_running_call(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """updateCall(state=completed) ends a call that is still playing: disconnect, cause hangup."""
    exchanges = Exchanges()
    routes = {"/answer": str(bxml.Response(bxml.Pause(duration=3600))), "/disconnect": ""}
    url = await serve(bxml_app(exchanges, routes))
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            created = await client.calls.create(dial(url))
            await fake.wait_for(lambda e: isinstance(e, callbacks.AnswerCallback))
            await client.calls.update(
                created.call_id, bw.UpdateCall(state=bw.CallStateEnum.COMPLETED)
            )
            ended = await fake.wait_for(is_disconnect)
    assert isinstance(ended, callbacks.DisconnectCallback)
    assert ended.cause == "hangup"


async def test_record_stores_a_recording_and_sends_its_events(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """<Record> sends recordingAvailable and recordingComplete; the recording can be fetched."""
    exchanges = Exchanges()
    record = bxml.Record(
        record_complete_url="/recorded",
        recording_available_url="/available",
        max_duration=2,
    )
    routes = {"/answer": str(bxml.Response(record)), "/available": "", "/recorded": ""}
    routes["/disconnect"] = ""
    url = await serve(bxml_app(exchanges, routes))
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            created = await client.calls.create(dial(url))
            complete = await fake.wait_for(
                lambda e: isinstance(e, callbacks.RecordingCompleteCallback)
            )
            await fake.wait_for(is_disconnect)
            assert isinstance(complete, callbacks.RecordingCompleteCallback)
            assert complete.recording_id
            recording = await client.recordings.get(created.call_id, complete.recording_id)
    assert recording.call_id == created.call_id
    assert [path for path, *_ in exchanges.items] == [
        "/answer",
        "/available",
        "/recorded",
        "/disconnect",
    ]
    for _, raw, _, _ in exchanges.items:
        assert_spec_fields(raw)


async def test_a_host_off_the_machine_is_never_called() -> None:
    """An answer URL on example.com is recorded undelivered and the call stays up for REST use."""
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            created = await client.calls.create(
                bw.CreateCall(
                    to=CALLEE,
                    from_=CALLER,
                    application_id=fake.application_id,
                    answer_url="https://example.com/answer",
                )
            )
            state = await client.calls.get(created.call_id)
    ((url, event, status),) = fake.callbacks
    assert (url, status) == ("https://example.com/answer", None)
    assert isinstance(event, callbacks.AnswerCallback)
    assert state.state == "answered"


def test_only_loopback_and_named_hosts_may_be_called() -> None:
    """Loopback addresses and callback_hosts are allowed; anything else is not."""
    assert is_loopback("127.0.0.1")
    assert is_loopback("127.8.9.10")
    assert is_loopback("[::1]")
    assert is_loopback("localhost")
    assert not is_loopback("example.com")
    assert not is_loopback("10.0.0.1")
    sender = Callbacks(["hooks.internal"])
    assert sender.allowed("https://hooks.internal/answer")
    assert sender.allowed("http://127.0.0.1:9/answer")
    assert not sender.allowed("https://example.com/answer")
    assert not sender.allowed("ftp://127.0.0.1/answer")


async def test_message_events_reach_the_messaging_application(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """An MMS sends message-sending then message-delivered; a scripted number gets failed."""
    app = webhook_app.make_app()
    url = await serve(app)
    async with FakeBandwidth() as fake:
        application = fake.add_application(messaging=True, callback_url=f"{url}/messaging")
        fake.script("+19195550002", fail_messages=True)
        async with fake.client() as client:
            await client.messages.create(
                bw.MessageRequest(
                    application_id=application,
                    to=["+19195550001"],
                    from_=CALLER,
                    text="photo",
                    media=["https://example.com/cat.png"],
                    tag="mms-1",
                )
            )
            await fake.wait_for(lambda e: isinstance(e, callbacks.MessageDeliveredCallback))
            await client.messages.create(
                bw.MessageRequest(application_id=application, to=["+19195550002"], from_=CALLER)
            )
            failed = await fake.wait_for(lambda e: isinstance(e, callbacks.MessageFailedCallback))
        received = fake.inbound_message(
            "+19195550003", CALLER, "hi there", application_id=application
        )
        inbound = await fake.wait_for(lambda e: isinstance(e, callbacks.InboundMessageCallback))
    kinds = [type(e).__name__ for e in app[webhook_app.EVENTS]]
    assert kinds == [
        "MessageSendingCallback",
        "MessageDeliveredCallback",
        "MessageFailedCallback",
        "InboundMessageCallback",
    ]
    assert isinstance(failed, callbacks.MessageFailedCallback)
    assert failed.to == "+19195550002"
    assert failed.error_code
    assert isinstance(inbound, callbacks.InboundMessageCallback)
    assert inbound.message.id == received
    assert inbound.message.text == "hi there"
    assert {c.status for c in fake.callbacks} == {200}


async def test_inbound_call_runs_the_apps_bxml(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """An inbound call sends initiate; with no digits scripted the menu times out and hangs up."""
    app = webhook_app.make_app()
    url = await serve(app)
    async with FakeBandwidth() as fake:
        fake.add_application("inbound-app", callback_url=f"{url}/answer")
        call_id = fake.inbound_call(
            "+19195550009", CALLER, application_id="inbound-app", disconnect_url=f"{url}/disconnect"
        )
        ended = await fake.wait_for(is_disconnect)
    kinds = [type(e).__name__ for e in app[webhook_app.EVENTS]]
    assert kinds == ["InitiateCallback", "GatherCallback", "DisconnectCallback"]
    gather = app[webhook_app.EVENTS][1]
    assert gather.digits == ""
    assert gather.call_id == call_id
    assert isinstance(ended, callbacks.DisconnectCallback)
    assert ended.direction == "inbound"


async def test_wait_for_times_out() -> None:
    """wait_for raises TimeoutError when no event matches in time."""
    async with FakeBandwidth() as fake:
        with pytest.raises(TimeoutError):
            await fake.wait_for(is_disconnect, timeout=0.05)


async def test_transfer_and_conference_events_follow_the_spec(
    serve: Callable[[web.Application], Awaitable[str]],
) -> None:
    """Transfer and Conference send their events, each with its schema's fields only."""
    exchanges = Exchanges()
    target = bxml.PhoneNumber(
        SALES, transfer_answer_url="/t-answer", transfer_disconnect_url="/t-disconnect"
    )
    routes = {
        "/answer": str(
            bxml.Response(
                bxml.Transfer(target, transfer_complete_url="/t-complete"),
                bxml.Conference("standup", conference_event_url="/conference"),
            )
        ),
        **dict.fromkeys(["/t-answer", "/t-disconnect", "/t-complete", "/conference"], ""),
        "/disconnect": "",
    }
    url = await serve(bxml_app(exchanges, routes))
    async with FakeBandwidth() as fake:
        async with fake.client() as client:
            await client.calls.create(dial(url, tag="t"))
        await fake.wait_for(is_disconnect)
    events = [raw["eventType"] for _, raw, _, _ in exchanges.items]
    assert events == [
        "answer",
        "transferAnswer",
        "transferDisconnect",
        "transferComplete",
        "conferenceCreated",
        "conferenceMemberJoin",
        "conferenceMemberExit",
        "conferenceCompleted",
        "disconnect",
    ]
    for _, raw, _, _ in exchanges.items:
        assert_spec_fields(raw)
        assert raw["tag"] == "t"
    assert exchanges.items[1][1]["transferTo"] == SALES
