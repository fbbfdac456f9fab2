"""
A Bandwidth-like voice server for the bulk benchmarks: a capped, time-filtered listCalls, and a
createCall under an account limit, both with a chosen latency.

Run: python benchmarks/bulk_server.py   (prints ``READY http://127.0.0.1:<port>``)

The base URL says what the account is like: ``/n{calls}/l{latency_ms}/r{calls_per_second}``,
e.g. ``/n200000/l100/r0``: 200,000 calls spread evenly over 7 days from 2026-11-20, 100 ms a
request, no createCall limit. listCalls follows the real API: ``minStartTime``/``maxStartTime``
(both inclusive), at most 10,000 calls per query (``/nocap`` lifts it, for typed iteration),
``pageSize`` up to 10,000, oldest first, ``Link: <...>; rel="next"``. createCall above the limit
in a calendar second answers 429 with ``Retry-After: 1`` and Bandwidth's error body;
``GET /stats`` reports created calls, 429s and calls created twice (by tag), ``POST /reset``
clears them.

Calls are made from a template per request (about 1 us each), so the server never holds them.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import sys
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

ACCOUNT_ID = "9900000"
USERNAME = "bench-user"
PASSWORD = "bench-password"
APPLICATION_ID = "04e88489-df02-4e34-a0ee-27a91849555f"
AUTHORIZATION = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
CAP = 10_000
EPOCH = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
EPOCH_MS = int(EPOCH.timestamp() * 1000)
SPAN_MS = 7 * 86_400_000

_TEMPLATE = (
    '{"applicationId":"' + APPLICATION_ID + '","accountId":"' + ACCOUNT_ID + '",'
    '"callId":"c-%08d-9a3b-4c1d-8e2f-5a6b7c8d9e0f","parentCallId":null,"to":"+1919%07d",'
    '"from":"+1984%07d","direction":"outbound","state":"disconnected","stirShaken":null,'
    '"identity":null,"enqueuedTime":"%s","startTime":"%s","answerTime":"%s","endTime":"%s",'
    '"disconnectCause":"hangup","errorMessage":null,"errorId":null,"lastUpdate":"%s"}'
)


_DAYS: dict[int, str] = {}


def iso(ms: int) -> str:
    """Epoch milliseconds as Bandwidth writes times: ISO 8601, milliseconds, ``Z``."""
    day, rest = divmod(ms, 86_400_000)
    date = _DAYS.get(day)
    if date is None:
        date = _DAYS[day] = time.strftime("%Y-%m-%d", time.gmtime(day * 86_400))
    hours, rest = divmod(rest, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, milli = divmod(rest, 1000)
    return f"{date}T{hours:02d}:{minutes:02d}:{seconds:02d}.{milli:03d}Z"


def start_ms(i: int, total: int) -> int:
    """When call *i* of *total* started."""
    return EPOCH_MS + i * (SPAN_MS // total)


def call(i: int, total: int) -> str:
    """The callState JSON of call *i* of *total*."""
    start = start_ms(i, total)
    t = iso(start)
    end = iso(start + 60_000)
    return _TEMPLATE % (i, i % 10_000_000, i % 10_000_000, t, t, t, end, end)


def _ms(text: str | None) -> int | None:
    if text is None:
        return None
    when = dt.datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return int(when.timestamp() * 1000)


def make_app() -> web.Application:  # noqa: C901, PLR0915 - one app, its handlers inside
    """The app: listCalls and createCall under ``/n{N}/l{ms}/r{R}``; stats and reset."""
    stats: dict[str, Any] = {"created": 0, "rate_limited": 0, "duplicates": 0}
    tags: set[str] = set()
    window = {"second": 0, "count": 0}
    unauthorized = json.dumps({"type": "unauthorized", "description": "bad credentials"})

    def parse(request: web.Request) -> tuple[int, float, int, bool]:
        info = request.match_info
        return (
            int(info["n"]),
            int(info["l"]) / 1000,
            int(info["r"]),
            info.get("cap", "") != "nocap",
        )

    cache: dict[str, tuple[bytes, dict[str, str]]] = {}

    async def list_calls(request: web.Request) -> web.Response:  # listCalls
        if request.headers.get("Authorization") != AUTHORIZATION:
            return web.Response(status=401, text=unauthorized, content_type="application/json")
        total, latency, _, capped = parse(request)
        if latency:
            await asyncio.sleep(latency)
        # Pages rendered once per query (up to 200,000 calls), so that after the warm-up pass
        # the clients are measured, not the server.
        hit = cache.get(request.path_qs)
        if hit is not None:
            return web.Response(body=hit[0], headers=hit[1], content_type="application/json")
        body, headers = render(request, total, capped=capped)
        if total <= 200_000:
            cache[request.path_qs] = (body, headers)
        return web.Response(body=body, headers=headers, content_type="application/json")

    def render(request: web.Request, total: int, *, capped: bool) -> tuple[bytes, dict[str, str]]:
        q = request.query
        size = min(int(q.get("pageSize", "1000")), CAP)
        step = SPAN_MS // total
        lo_ms, hi_ms = _ms(q.get("minStartTime")), _ms(q.get("maxStartTime"))
        lo = 0 if lo_ms is None else max(0, -(-(lo_ms - EPOCH_MS) // step))
        hi = total if hi_ms is None else min(total, (hi_ms - EPOCH_MS) // step + 1)
        offset = int(q.get("pageToken", "0"))
        end = min(hi, lo + CAP) if capped else hi
        first = lo + offset
        last = min(end, first + size)
        body = "[" + ",".join(call(i, total) for i in range(first, last)) + "]"
        headers = {}
        if last < end:
            filters = {k: v for k, v in q.items() if k != "pageToken"}
            query = urlencode({**filters, "pageToken": last - lo})
            headers["Link"] = f'<{request.url.with_query(None)}?{query}>; rel="next"'
        return body.encode(), headers

    async def create_call(request: web.Request) -> web.Response:  # createCall
        if request.headers.get("Authorization") != AUTHORIZATION:
            return web.Response(status=401, text=unauthorized, content_type="application/json")
        _, latency, limit, _ = parse(request)
        body = await request.json()
        if latency:
            await asyncio.sleep(latency)
        second = int(time.time())
        if window["second"] != second:
            window.update(second=second, count=0)
        if limit and window["count"] >= limit:
            stats["rate_limited"] += 1
            error = {"type": "rate-limit", "description": "Too many requests"}
            return web.json_response(error, status=429, headers={"Retry-After": "1"})
        window["count"] += 1
        tag = str(body.get("tag"))
        if tag in tags:
            stats["duplicates"] += 1
        tags.add(tag)
        stats["created"] += 1
        stats.setdefault("first", time.time())
        stats["last"] = time.time()
        call_id = f"c-{uuid.uuid4()}"
        answer = {
            "applicationId": body.get("applicationId"),
            "accountId": ACCOUNT_ID,
            "callId": call_id,
            "to": body.get("to"),
            "from": body.get("from"),
            "callUrl": f"http://127.0.0.1/accounts/{ACCOUNT_ID}/calls/{call_id}",
            "answerMethod": "POST",
            "answerUrl": body.get("answerUrl"),
            "disconnectMethod": "POST",
            "tag": body.get("tag"),
        }
        return web.json_response(answer, status=201)

    async def get_stats(_: web.Request) -> web.Response:
        return web.json_response(stats)

    async def reset(_: web.Request) -> web.Response:
        stats.clear()
        stats.update(created=0, rate_limited=0, duplicates=0)
        tags.clear()
        return web.json_response(stats)

    app = web.Application()
    base = "/{cap:(cap|nocap)}/n{n:[0-9]+}/l{l:[0-9]+}/r{r:[0-9]+}/accounts/{account}/calls"
    app.router.add_get(base, list_calls)
    app.router.add_post(base, create_call)
    app.router.add_get("/stats", get_stats)
    app.router.add_post("/reset", reset)
    return app


async def _main() -> None:
    runner = web.AppRunner(make_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = runner.addresses[0][1]
    print(f"READY http://127.0.0.1:{port}", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(_main())
    except KeyboardInterrupt:
        sys.exit(0)
