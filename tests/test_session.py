"""
The session loop over real loopback HTTP: credentials per attempt, the coordinator, retry events.
"""

from __future__ import annotations

import asyncio
import base64

import attrs
import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async._request import Host, Request
from bandwidth_async._retry import RetryReason
from bandwidth_async._session import ClientState, Config, Options, Session, check_base_url
from bandwidth_async._throttle import LocalCoordinator

from .server import Handler, serve

FAST = bw.RetryPolicy(max_attempts=4, backoff_base=0.01, backoff_max=0.02)
TOKEN_CLIENT = "Basic " + base64.b64encode(b"id:secret").decode()


class TokenAuth:
    """A bearer token fetched through the session itself, as OAuth client credentials would."""

    refreshable = True

    def __init__(self) -> None:
        self.token: str | None = None
        self.fetches = 0
        self.refreshed_from: list[str] = []

    async def authorization(self, session: Session) -> str:
        if self.token is None:
            request = Request(
                "POST",
                Host.VOICE,
                "/token",
                headers={"Authorization": TOKEN_CLIENT},
                authenticate=False,
            )
            response = await session.send(request)
            self.fetches += 1
            self.token = response.data["access_token"]
        return f"Bearer {self.token}"

    async def aclose(self) -> None:
        pass

    async def refresh(self, session: Session, stale: str) -> None:
        self.refreshed_from.append(stale)
        if stale == f"Bearer {self.token}":
            self.token = None


def session_for(base_url: str, auth: bw.Auth) -> Session:
    built = Config(
        account_id="9900000",
        username="u",
        auth=auth,
        hosts=dict.fromkeys(Host, check_base_url(base_url)),
        user_agent="test",
        max_connections=10,
        rate_limit=None,
    )
    return Session(ClientState(built, None), Options(timeout=5.0, retry=FAST))


def token_server(accepted: set[str]) -> Handler:
    tokens = iter(["t1", "t2", "t3"])

    async def handle(request: web.Request) -> web.Response:
        if request.path == "/token":
            assert request.headers["Authorization"] == TOKEN_CLIENT
            return web.json_response({"access_token": next(tokens)})
        if request.headers.get("Authorization") in accepted:
            return web.json_response({"callId": "c-1"}, status=201)
        return web.json_response({"type": "unauthorized"}, status=401)

    return handle


async def test_401_refreshes_once_and_resends_a_post() -> None:
    """A 401 on a refreshable token fetches a new token through the session and resends once."""
    async with serve(token_server({"Bearer t2"})) as served:
        auth = TokenAuth()
        session = session_for(served.base_url, auth)
        try:
            response = await session.send(Request("POST", Host.VOICE, "/calls", body=b"{}"))
        finally:
            await session.state.aclose()
    assert response.data == {"callId": "c-1"}
    assert served.paths == ["/token", "/calls", "/token", "/calls"]
    assert [r.headers["Authorization"] for r in served.seen if r.path == "/calls"] == [
        "Bearer t1",
        "Bearer t2",
    ]
    assert auth.refreshed_from == ["Bearer t1"]


async def test_second_401_is_raised_not_looped() -> None:
    """A request refused again after the refresh raises UnauthorizedError: two sends, no loop."""
    async with serve(token_server(set())) as served:
        auth = TokenAuth()
        session = session_for(served.base_url, auth)
        try:
            with pytest.raises(bw.UnauthorizedError) as info:
                await session.send(Request("GET", Host.VOICE, "/calls/c-1"))
        finally:
            await session.state.aclose()
    assert info.value.attempts == 2
    assert [p for p in served.paths if p != "/token"] == ["/calls/c-1", "/calls/c-1"]
    assert auth.refreshed_from == ["Bearer t1"]


async def test_basic_auth_401_is_not_retried() -> None:
    """A refused password is raised at once: Basic credentials cannot be refreshed."""
    async with serve(token_server(set())) as served:
        async with bw.BandwidthClient("u", "p", "1", base_url=served.base_url, retry=FAST) as c:
            with pytest.raises(bw.UnauthorizedError) as info:
                await c.statistics.get()
    assert info.value.attempts == 1
    assert len(served.seen) == 1


@attrs.define
class RecordingCoordinator:
    """A coordinator that keeps the local behaviour and records every call made to it."""

    inner: LocalCoordinator = attrs.field(factory=LocalCoordinator)
    turns: list[str] = attrs.field(factory=list)
    gates: list[tuple[str, float]] = attrs.field(factory=list)
    closed: bool = False

    async def wait_turn(self, host: str) -> float:
        self.turns.append(host)
        return await self.inner.wait_turn(host)

    async def close_gate(self, host: str, seconds: float) -> None:
        self.gates.append((host, seconds))
        await self.inner.close_gate(host, seconds)

    async def aclose(self) -> None:
        self.closed = True


async def test_coordinator_is_asked_per_attempt_and_told_of_429() -> None:
    """Every attempt waits its turn; a 429 closes the gate once, with its Retry-After."""
    answers = iter([web.json_response({}, status=429, headers={"Retry-After": "0.1"})])

    async def handle(request: web.Request) -> web.Response:
        return next(answers, web.json_response({"messageCount": 0, "messages": []}))

    coordinator = RecordingCoordinator()
    async with serve(handle) as served:
        client = bw.BandwidthClient(
            "u", "p", "1", base_url=served.base_url, retry=FAST, coordinator=coordinator
        )
        async with client:
            assert [m async for m in client.messages.list()] == []
    assert coordinator.turns == ["messaging", "messaging"]
    assert coordinator.gates == [("messaging", 0.1)]
    assert not coordinator.closed  # a coordinator passed in belongs to the caller


async def test_on_retry_gets_reason_enum_and_error() -> None:
    """RetryEvent carries the reason as an enum and the error of the failed attempt."""
    answers = iter(
        [
            web.json_response({}, status=503),
            web.json_response({}, status=429, headers={"Retry-After": "0"}),
        ]
    )

    async def handle(request: web.Request) -> web.Response:
        return next(answers, web.json_response({"maxCallQueueSize": 900}))

    events: list[bw.RetryEvent] = []
    policy = attrs.evolve(FAST, on_retry=events.append)
    async with serve(handle) as served:
        async with bw.BandwidthClient("u", "p", "1", base_url=served.base_url, retry=policy) as c:
            stats = await c.statistics.get()
    assert stats.max_call_queue_size == 900
    assert [e.kind for e in events] == [RetryReason.SERVER_ERROR, RetryReason.RATE_LIMITED]
    assert [type(e.error) for e in events] == [bw.ServerError, bw.RateLimitError]
    assert [e.attempt for e in events] == [1, 2]
    assert events[0].reason == "503"
    assert events[1].delay == 0.0


async def test_stream_waiting_to_retry_holds_no_connection_slot() -> None:
    """With one connection, a download waiting out a 429 lets another API's request through."""
    seen: list[str] = []
    first = True

    async def handle(request: web.Request) -> web.StreamResponse:
        nonlocal first
        seen.append(request.path)
        if "/media/" in request.path:
            if first:
                first = False
                return web.json_response({}, status=429, headers={"Retry-After": "0.5"})
            return web.Response(body=b"x" * 1000)
        return web.json_response({"maxCallQueueSize": 900})

    async with serve(handle) as served:
        client = bw.BandwidthClient(
            "u", "p", "1", base_url=served.base_url, retry=FAST, max_connections=1
        )
        async with client:

            async def download() -> bytes:
                return b"".join([chunk async for chunk in client.media.stream("m-1")])

            task = asyncio.create_task(download())
            while not seen:
                await asyncio.sleep(0.01)
            stats = await asyncio.wait_for(client.statistics.get(), timeout=5)
            body = await asyncio.wait_for(task, timeout=5)
    assert stats.max_call_queue_size == 900
    assert body == b"x" * 1000
    assert seen == ["/users/1/media/m-1", "/accounts/1/statistics", "/users/1/media/m-1"]
