"""
The example webhook app over real HTTP: spec callback examples in, BXML out.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib.util
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import aiohttp
import pytest
import yaml
from aiohttp.test_utils import TestServer

from bandwidth_async import bxml, callbacks

from .test_callbacks import MESSAGING_EXAMPLES

ROOT = Path(__file__).parent.parent
SCHEMAS: dict[str, Any] = yaml.safe_load((ROOT / "spec" / "bandwidth.yml").read_text())[
    "components"
]["schemas"]


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "webhook_app", ROOT / "examples" / "webhook_app.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


webhook_app = _load_example()


def example(schema: dict[str, Any]) -> Any:
    """
    Assemble a payload from the examples the spec gives each property.
    """
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    if "example" in schema:
        value = schema["example"]
        return value.isoformat() if isinstance(value, dt.datetime) else value
    if "properties" in schema:
        return {key: example(prop) for key, prop in schema["properties"].items()}
    if "enum" in schema:
        return schema["enum"][0]
    return None


def voice(schema_name: str, event_type: str, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = example(SCHEMAS[schema_name])
    return payload | {"eventType": event_type} | changes


@pytest.fixture
async def server() -> AsyncIterator[TestServer]:
    running = TestServer(webhook_app.make_app(), host="127.0.0.1")
    await running.start_server()
    try:
        yield running
    finally:
        await running.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def post_for_bxml(
    session: aiohttp.ClientSession, server: TestServer, path: str, payload: Any
) -> bxml.Response | bxml.Bxml:
    async with session.post(server.make_url(path), json=payload) as response:
        assert response.status == 200
        assert response.content_type == "application/xml"
        return bxml.parse(await response.read())


async def test_answer_plays_the_menu(server: TestServer, session: aiohttp.ClientSession) -> None:
    """The spec's answer callback gets a Gather asking for 1 or 2, sent back to /gather."""
    doc = await post_for_bxml(session, server, "/answer", voice("answerCallback", "answer"))
    assert isinstance(doc, bxml.Response)
    (gather,) = doc.children
    assert isinstance(gather, bxml.Gather)
    assert gather.gather_url == "/gather"
    assert gather.max_digits == 1
    (prompt,) = gather.children
    assert isinstance(prompt, bxml.SpeakSentence)
    assert "Press 1" in prompt.text
    assert "2" in prompt.text


async def test_menu_gather_url_leads_to_the_transfer(
    server: TestServer, session: aiohttp.ClientSession
) -> None:
    """Pressing 1 at the URL the menu names transfers the caller to sales."""
    menu = await post_for_bxml(session, server, "/answer", voice("initiateCallback", "initiate"))
    gather = menu.children[0]
    assert isinstance(gather, bxml.Gather)
    assert gather.gather_url is not None
    payload = voice("gatherCallback", "gather", digits="1")
    doc = await post_for_bxml(session, server, gather.gather_url, payload)
    assert doc == bxml.Response(
        bxml.SpeakSentence("Connecting you to sales."),
        bxml.Transfer(bxml.PhoneNumber("+19195551234"), transfer_caller_id=payload["to"]),
    )


@pytest.mark.parametrize("digits", ["2", "9", ""])
async def test_other_digits_say_goodbye_and_hang_up(
    server: TestServer, session: aiohttp.ClientSession, digits: str
) -> None:
    """Any answer but 1, a timeout included, is a sentence and a hangup."""
    payload = voice("gatherCallback", "gather", digits=digits)
    doc = await post_for_bxml(session, server, "/gather", payload)
    speak, hangup = doc.children
    assert isinstance(speak, bxml.SpeakSentence)
    assert "Goodbye" in speak.text
    assert hangup == bxml.Hangup()


async def test_disconnect_is_acknowledged_and_kept(
    server: TestServer, session: aiohttp.ClientSession
) -> None:
    """A disconnect callback gets a 2xx and is kept by the app."""
    payload = voice("disconnectCallback", "disconnect")
    async with session.post(server.make_url("/disconnect"), json=payload) as response:
        assert response.status == 204
    (event,) = server.app[webhook_app.EVENTS]
    assert isinstance(event, callbacks.DisconnectCallback)
    assert event.call_id == payload["callId"]


async def test_messaging_array_is_recorded(
    server: TestServer, session: aiohttp.ClientSession
) -> None:
    """A messaging webhook's array of events is answered 200 and kept, in order."""
    received = MESSAGING_EXAMPLES["smsMessageReceivedCallback"]
    delivered = MESSAGING_EXAMPLES["smsMessageDeliveredCallback"]
    async with session.post(server.make_url("/messaging"), json=[received, delivered]) as response:
        assert response.status == 200
    first, second = server.app[webhook_app.EVENTS]
    assert isinstance(first, callbacks.InboundMessageCallback)
    assert first.message.text == received["message"]["text"]
    assert first.message.from_ == received["message"]["from"]
    assert isinstance(second, callbacks.MessageDeliveredCallback)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        pytest.param("/answer", b"{oops", id="not-json"),
        pytest.param("/messaging", b"[42]", id="not-an-event"),
        pytest.param("/gather", b'{"eventType": "answer"}', id="wrong-event"),
        pytest.param("/answer", b'{"eventType": "gather", "digits": "1"}', id="gather-at-answer"),
    ],
)
async def test_bad_webhooks_are_refused(
    server: TestServer, session: aiohttp.ClientSession, path: str, body: bytes
) -> None:
    """A body that is not the expected callback gets a 400, not a 500."""
    async with session.post(server.make_url(path), data=body) as response:
        assert response.status == 400


async def test_basic_auth_is_checked_when_configured(session: aiohttp.ClientSession) -> None:
    """With credentials configured, requests without them get 401 and with them get through."""
    app = webhook_app.make_app(username="bw", password="s3cret")
    payload = voice("answerCallback", "answer")
    good = "Basic " + base64.b64encode(b"bw:s3cret").decode()
    bad = "Basic " + base64.b64encode(b"bw:guess").decode()
    async with TestServer(app, host="127.0.0.1") as server:
        url = server.make_url("/answer")
        async with session.post(url, json=payload) as response:
            assert response.status == 401
            assert response.headers["WWW-Authenticate"].startswith("Basic")
        async with session.post(url, json=payload, headers={"Authorization": bad}) as response:
            assert response.status == 401
        async with session.post(url, json=payload, headers={"Authorization": good}) as response:
            assert response.status == 200
            assert isinstance(bxml.parse(await response.read()), bxml.Response)
