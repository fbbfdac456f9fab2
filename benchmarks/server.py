"""
A lean Bandwidth voice server for the benchmarks: listCalls pages rendered once, createCall.

Run: python benchmarks/server.py [--port 0] [--distinct-pages 100] [--page-size 1000]
It prints one line, ``READY http://127.0.0.1:<port>``, then serves until killed.

URL layout: ``/t{total}/accounts/{accountId}/calls``. The ``/t{total}`` prefix is part of the base
URL every client is given and says how many calls the list holds (100,000 or 1,000,000), so
one server process serves every scenario. The real API caps one query at 10,000 calls; this
server ignores the cap (for all three clients alike), so one query pages through everything.

Why not FakeBandwidth: it renders each callState per request (about 70k calls/s, measured
beside this server by ``fake_serving.py``), so a fast client would wait on the server and the
comparison would measure the emulator. Here every page body is bytes rendered at start-up:
serving a page costs one ``write`` of ~600 kB, and the client's own cost is what the numbers
show.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import json
import random
import sys
import uuid
from typing import Any

from aiohttp import web

ACCOUNT_ID = "9900000"
USERNAME = "bench-user"
PASSWORD = "bench-password"
APPLICATION_ID = "04e88489-df02-4e34-a0ee-27a91849555f"
AUTHORIZATION = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()

_CAUSES = ("hangup", "hangup", "hangup", "busy", "timeout", "cancel", "rejected", "error")
_EPOCH = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)


def _iso(moment: dt.datetime) -> str:
    """ISO 8601 with milliseconds and ``Z``, as Bandwidth writes times."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _number(rng: random.Random) -> str:
    return (
        f"+1{rng.choice(('919', '984', '704', '202', '415'))}{rng.randrange(2_000_000, 9_999_999)}"
    )


def call_state(i: int, rng: random.Random) -> dict[str, Any]:
    """One realistic callState (spec ``#/components/schemas/callState``) for call number *i*."""
    outbound = rng.random() < 0.6
    start = _EPOCH + dt.timedelta(seconds=i * 3, milliseconds=rng.randrange(1000))
    answered = rng.random() < 0.8
    answer = start + dt.timedelta(milliseconds=rng.randrange(800, 9000)) if answered else None
    end = (answer or start) + dt.timedelta(milliseconds=rng.randrange(2000, 600_000))
    cause = rng.choice(_CAUSES) if answered else rng.choice(("busy", "timeout", "cancel"))
    call_id = f"c-{uuid.UUID(int=rng.getrandbits(128))}"
    return {
        "applicationId": APPLICATION_ID,
        "accountId": ACCOUNT_ID,
        "callId": call_id,
        "parentCallId": None,
        "to": _number(rng),
        "from": _number(rng),
        "direction": "outbound" if outbound else "inbound",
        "state": "disconnected",
        "stirShaken": None
        if outbound
        else {
            "verstat": "TN-Verification-Passed",
            "attestationIndicator": "A",
            "originatingId": call_id[2:38],
        },
        "identity": None,
        "enqueuedTime": _iso(start - dt.timedelta(milliseconds=250)) if outbound else None,
        "startTime": _iso(start),
        "answerTime": _iso(answer) if answer else None,
        "endTime": _iso(end),
        "disconnectCause": cause,
        "errorMessage": "Call failed" if cause == "error" else None,
        "errorId": call_id[2:38] if cause == "error" else None,
        "lastUpdate": _iso(end),
    }


def render_pages(distinct: int, page_size: int, seed: int = 1) -> list[bytes]:
    """*distinct* listCalls bodies of *page_size* calls each, as the JSON bytes the API sends."""
    rng = random.Random(seed)
    return [
        json.dumps(
            [call_state(p * page_size + i, rng) for i in range(page_size)], separators=(",", ":")
        ).encode()
        for p in range(distinct)
    ]


def page_body(page_size: int = 1000) -> bytes:
    """The first page the server sends, for the decode scenario."""
    return render_pages(1, page_size)[0]


def create_call_response(call_id: str, body: dict[str, Any], base: str) -> bytes:
    """A 201 createCallResponse body for the createCall request *body*."""
    return json.dumps(
        {
            "applicationId": body.get("applicationId", APPLICATION_ID),
            "accountId": ACCOUNT_ID,
            "callId": call_id,
            "to": body.get("to"),
            "from": body.get("from"),
            "enqueuedTime": _iso(dt.datetime.now(dt.UTC)),
            "callUrl": f"{base}/accounts/{ACCOUNT_ID}/calls/{call_id}",
            "callTimeout": 30.0,
            "callbackTimeout": 15.0,
            "tag": body.get("tag"),
            "answerMethod": body.get("answerMethod", "POST"),
            "answerUrl": body.get("answerUrl"),
            "answerFallbackMethod": "POST",
            "answerFallbackUrl": None,
            "disconnectMethod": "POST",
            "disconnectUrl": None,
            "username": None,
            "password": None,
            "fallbackUsername": None,
            "fallbackPassword": None,
            "priority": 5,
        },
        separators=(",", ":"),
    ).encode()


def make_app(distinct: int, page_size: int) -> web.Application:
    """The aiohttp app: listCalls and createCall under ``/t{total}``, Basic auth checked."""
    pages = render_pages(distinct, page_size)
    unauthorized = json.dumps({"type": "unauthorized", "description": "bad credentials"}).encode()
    counter = iter(range(1, 1 << 62))

    def denied(request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != AUTHORIZATION:
            return web.Response(status=401, body=unauthorized, content_type="application/json")
        return None

    async def list_calls(request: web.Request) -> web.Response:  # listCalls
        if (no := denied(request)) is not None:
            return no
        total = int(request.match_info["total"])
        size = int(request.query.get("pageSize", page_size))
        if size != page_size:
            return web.Response(status=400, text=f"this server only serves pageSize={page_size}")
        number = int(request.query.get("pageToken", "0"))
        headers = {"Content-Type": "application/json"}
        if (number + 1) * page_size < total:
            url = f"{request.scheme}://{request.host}{request.path}"
            headers["Link"] = f'<{url}?pageSize={size}&pageToken={number + 1}>; rel="next"'
        return web.Response(body=pages[number % len(pages)], headers=headers)

    async def create_call(request: web.Request) -> web.Response:  # createCall
        if (no := denied(request)) is not None:
            return no
        body = json.loads(await request.read())
        call_id = f"c-{next(counter):08x}-bench"
        base = f"{request.scheme}://{request.host}/t{request.match_info['total']}"
        return web.Response(
            status=201,
            body=create_call_response(call_id, body, base),
            headers={"Content-Type": "application/json", "Location": f"{base}/calls/{call_id}"},
        )

    app = web.Application()
    app.router.add_get("/t{total}/accounts/{account}/calls", list_calls)
    app.router.add_post("/t{total}/accounts/{account}/calls", create_call)
    return app


async def serve(port: int, distinct: int, page_size: int) -> None:
    """Serve until cancelled; print ``READY <url>`` once listening."""
    runner = web.AppRunner(make_app(distinct, page_size), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
    await site.start()
    server = site._server  # noqa: SLF001 - the only way to learn the port picked for 0
    assert server is not None
    bound = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    print(f"READY http://127.0.0.1:{bound}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--distinct-pages", type=int, default=100)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.port, args.distinct_pages, args.page_size))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
