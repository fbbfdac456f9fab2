"""
The FastAPI example served by uvicorn on a loopback port, calling the emulator over real HTTP.
"""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import aiohttp
import pytest
import uvicorn

import bandwidth_async as bw
from bandwidth_async import bxml, callbacks
from bandwidth_async.testing import FakeBandwidth

ROOT = Path(__file__).parent.parent
APPLICATION_ID = "04e88489-df02-4e34-a0ee-27a91849555f"
FROM = "+19195554321"


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fastapi_app", ROOT / "examples" / "fastapi_app.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fastapi_app = _load_example()


class Served:
    """The example app running under uvicorn, and the emulator its client talks to."""

    def __init__(self, fake: FakeBandwidth, app: Any, url: str) -> None:
        self.fake = fake
        self.app = app
        self.url = url


@pytest.fixture
async def served(fake: FakeBandwidth) -> AsyncIterator[Served]:
    app = fastapi_app.create_app(fake.client, application_id=APPLICATION_ID, from_number=FROM)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, lifespan="on", log_level="warning", ws="none", http="h11"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=None))
    try:
        async with asyncio.timeout(10):  # only prevents a hang if startup fails
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield Served(fake, app, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        async with asyncio.timeout(10):
            await task


def answer_body(**changes: Any) -> dict[str, Any]:
    return {
        "eventType": "answer",
        "eventTime": "2026-11-30T18:20:16Z",
        "accountId": "9900000",
        "applicationId": APPLICATION_ID,
        "from": FROM,
        "to": "+19195551234",
        "direction": "outbound",
        "callId": "c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85",
    } | changes


async def test_place_call_uses_the_lifespan_client(served: Served) -> None:
    """POST /calls creates a call on the emulator whose answer URL is this app's /answer."""
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{served.url}/calls", json={"to": "+19195551234"}) as response:
            assert response.status == 200
            call_id = (await response.json())["call_id"]
    created = next(c for c in served.fake.created_calls if c.call_id == call_id)
    assert created.body["answerUrl"] == f"{served.url}/answer"
    assert created.body["from"] == FROM
    assert created.body["applicationId"] == APPLICATION_ID
    assert isinstance(served.app.state.bandwidth, bw.BandwidthClient)


async def test_the_emulator_calls_the_app_back_like_bandwidth(served: Served) -> None:
    """A call placed through the app is answered by the emulator, which then runs the app's BXML."""
    fake = served.fake
    fake.script("+19195551234", digits="2")
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{served.url}/calls", json={"to": "+19195551234"}) as response:
            assert response.status == 200
    end = await fake.wait_for(lambda e: isinstance(e, callbacks.DisconnectCallback), timeout=10)
    assert [type(c.event).__name__ for c in fake.callbacks] == [
        "AnswerCallback",
        "GatherCallback",
        "DisconnectCallback",
    ]
    assert [c.url for c in fake.callbacks] == [
        f"{served.url}/answer",
        f"{served.url}/gather",
        f"{served.url}/disconnect",
    ]
    assert [c.status for c in fake.callbacks] == [200, 200, 204]
    assert isinstance(end, callbacks.DisconnectCallback)
    assert end.cause == "hangup"


async def test_emulator_errors_become_http_errors(served: Served) -> None:
    """A 503 from Bandwidth on the call (a POST, so not retried) is a 502 from the app."""
    served.fake.faults.server_error(503, times=1, methods="POST")
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{served.url}/calls", json={"to": "+19195551234"}) as response:
            assert response.status == 502
        async with http.post(f"{served.url}/calls", json={"number": "x"}) as response:
            assert response.status == 422
    assert served.fake.created_calls == []


async def test_answer_then_gather_over_http(served: Served) -> None:
    """The answer callback gets the menu; pressing 1 at its gather URL transfers to sales."""
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{served.url}/answer", json=answer_body()) as response:
            assert response.status == 200
            assert response.content_type == "application/xml"
            menu = bxml.parse(await response.read())
        assert menu == fastapi_app.MENU
        gather = menu.children[0]
        assert isinstance(gather, bxml.Gather)
        pressed = answer_body(eventType="gather", digits="1")
        async with http.post(f"{served.url}{gather.gather_url}", json=pressed) as response:
            doc = bxml.parse(await response.read())
        assert doc == bxml.Response(
            bxml.SpeakSentence("Connecting you to sales."),
            bxml.Transfer(bxml.PhoneNumber(fastapi_app.SALES_NUMBER), transfer_caller_id=FROM),
        )
        pressed = answer_body(eventType="gather", digits="2")
        async with http.post(f"{served.url}/gather", json=pressed) as response:
            _, hangup = bxml.parse(await response.read()).children
        assert hangup == bxml.Hangup()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        pytest.param("/answer", b"{oops", id="not-json"),
        pytest.param("/gather", b'{"eventType": "answer"}', id="wrong-event"),
        pytest.param("/messaging", b"[42]", id="not-an-event"),
    ],
)
async def test_bad_webhooks_are_400(served: Served, path: str, body: bytes) -> None:
    """A body that is not the expected callback is refused with 400, not a 500."""
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{served.url}{path}", data=body) as response:
            assert response.status == 400


async def test_disconnect_and_messaging_are_acknowledged(served: Served) -> None:
    """Disconnect gets 204 and a messaging array 200."""
    message = {
        "type": "message-delivered",
        "time": "2026-11-30T18:20:16Z",
        "to": "+19195551234",
        "description": "ok",
        "message": {
            "id": "m-1",
            "owner": FROM,
            "applicationId": APPLICATION_ID,
            "time": "2026-11-30T18:20:16Z",
            "segmentCount": 1,
            "direction": "out",
            "to": ["+19195551234"],
            "from": FROM,
            "text": "hi",
            "tag": "",
        },
    }
    async with aiohttp.ClientSession() as http:
        body = answer_body(eventType="disconnect", cause="hangup")
        async with http.post(f"{served.url}/disconnect", json=body) as response:
            assert response.status == 204
        async with http.post(f"{served.url}/messaging", json=[message]) as response:
            assert response.status == 200


async def test_client_is_closed_at_shutdown(fake: FakeBandwidth) -> None:
    """The lifespan handler closes the client when the app stops."""
    app = fastapi_app.create_app(fake.client, application_id=APPLICATION_ID, from_number=FROM)
    async with app.router.lifespan_context(app):
        client = app.state.bandwidth
        assert await client.statistics.get()
    with pytest.raises(bw.ClientClosedError):
        await client.statistics.get()
