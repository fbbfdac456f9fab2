"""
The pagination engine over real HTTP: the four strategies, limit, cursor, prefetch, and safety.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async import AsyncPaginator, PaginationError

from .server import Served, serve

TOTAL = 23
SIZE = 5

# Each strategy: a server handler over TOTAL records in pages of SIZE, and how to list them.


def _offset(value: str | None) -> int:
    return int(value or 0)


async def link_handler(request: web.Request) -> web.Response:
    start = _offset(request.query.get("pageToken"))
    rows = [{"callId": f"c-{i}"} for i in range(start, min(start + SIZE, TOTAL))]
    headers = {}
    if start + SIZE < TOTAL:
        nxt = request.url.with_query({"pageSize": SIZE, "pageToken": start + SIZE})
        headers["Link"] = f'<{nxt}>; rel="next"'
    return web.json_response(rows, headers=headers)


async def token_handler(request: web.Request) -> web.Response:
    start = _offset(request.headers.get("Continuation-Token"))
    rows = [{"mediaName": f"m-{i}"} for i in range(start, min(start + SIZE, TOTAL))]
    headers = {"Continuation-Token": str(start + SIZE)} if start + SIZE < TOTAL else {}
    return web.json_response(rows, headers=headers)


async def page_info_handler(request: web.Request) -> web.Response:
    start = _offset(request.query.get("pageToken"))
    rows = [{"messageId": f"s-{i}"} for i in range(start, min(start + SIZE, TOTAL))]
    info = {"nextPageToken": str(start + SIZE)} if start + SIZE < TOTAL else {}
    return web.json_response({"totalCount": TOTAL, "pageInfo": info, "messages": rows})


async def links_handler(request: web.Request) -> web.Response:
    start = _offset(request.query.get("afterCursor"))
    rows = [
        {
            "endpointId": f"e-{i}",
            "type": "WEBRTC",
            "status": "CONNECTED",
            "creationTimestamp": "2026-11-15T00:00:00Z",
            "expirationTimestamp": "2026-11-16T00:00:00Z",
        }
        for i in range(start, min(start + SIZE, TOTAL))
    ]
    links = [{"href": str(request.url), "rel": "self", "method": "GET"}]
    if start + SIZE < TOTAL:
        nxt = request.url.with_query({"limit": SIZE, "afterCursor": start + SIZE})
        links.append({"href": str(nxt), "rel": "next", "method": "GET"})
    return web.json_response({"links": links, "data": rows, "errors": []})


def list_calls(client: bw.BandwidthClient, **kw: Any) -> AsyncPaginator[Any]:
    return client.calls.list(page_size=SIZE, **kw)


def list_media(client: bw.BandwidthClient, **kw: Any) -> AsyncPaginator[Any]:
    return client.media.list(**kw)


def list_messages(client: bw.BandwidthClient, **kw: Any) -> AsyncPaginator[Any]:
    return client.messages.list(page_size=SIZE, **kw)


def list_endpoints(client: bw.BandwidthClient, **kw: Any) -> AsyncPaginator[Any]:
    return client.endpoints.list(page_size=SIZE, **kw)


def key(item: Any) -> str:
    found = (
        getattr(item, "call_id", None)
        or getattr(item, "media_name", None)
        or getattr(item, "endpoint_id", None)
    )
    return str(found or item.message_id)


STRATEGIES = [
    pytest.param(link_handler, list_calls, "c", id="link"),
    pytest.param(token_handler, list_media, "m", id="continuation-token"),
    pytest.param(page_info_handler, list_messages, "s", id="page-info"),
    pytest.param(links_handler, list_endpoints, "e", id="links-after-cursor"),
]
Lister = Callable[..., AsyncPaginator[Any]]
Connect = Callable[[Served], bw.BandwidthClient]
Handler = Callable[[web.Request], Any]


@pytest.fixture
async def connect() -> AsyncIterator[Callable[[Served], bw.BandwidthClient]]:
    clients: list[bw.BandwidthClient] = []

    def make(served: Served) -> bw.BandwidthClient:
        client = bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.mark.parametrize(("handler", "lister", "prefix"), STRATEGIES)
async def test_every_record_once_in_order(
    handler: Handler, lister: Lister, prefix: str, connect: Connect
) -> None:
    """Every record comes exactly once, in order, across all pages."""
    async with serve(handler) as served:
        got = [key(x) async for x in lister(connect(served))]
    assert got == [f"{prefix}-{i}" for i in range(TOTAL)]
    assert len(served.seen) == (TOTAL + SIZE - 1) // SIZE


@pytest.mark.parametrize(("handler", "lister", "prefix"), STRATEGIES)
async def test_limit_stops_fetching(
    handler: Handler, lister: Lister, prefix: str, connect: Connect
) -> None:
    """limit= yields that many items and fetches no page it does not need."""
    async with serve(handler) as served:
        got = [key(x) async for x in lister(connect(served), limit=7)]
        assert got == [f"{prefix}-{i}" for i in range(7)]
        assert len(served.seen) == 2
        assert [x async for x in lister(connect(served), limit=0)] == []
        assert len(served.seen) == 2


@pytest.mark.parametrize(("handler", "lister", "prefix"), STRATEGIES)
async def test_resume_from_cursor(
    handler: Handler, lister: Lister, prefix: str, connect: Connect
) -> None:
    """Resuming from a page's next_cursor yields exactly the records after that page."""
    async with serve(handler) as served:
        client = connect(served)
        pages = lister(client).pages()
        first = await anext(pages)
        second = await anext(pages)
        await pages.aclose()
        assert second.cursor == first.next_cursor
        assert second.next_cursor is not None
        rest = [key(x) async for x in lister(client, cursor=second.next_cursor)]
    before = [key(x) for x in first.items + second.items]
    assert before + rest == [f"{prefix}-{i}" for i in range(TOTAL)]


@pytest.mark.parametrize(("handler", "lister", "prefix"), STRATEGIES)
@pytest.mark.parametrize("prefetch", [1, 3])
async def test_prefetch_same_sequence(
    handler: Handler, lister: Lister, prefix: str, prefetch: int, connect: Connect
) -> None:
    """prefetch= yields the same records in the same order."""
    async with serve(handler) as served:
        got = [key(x) async for x in lister(connect(served), prefetch=prefetch)]
    assert got == [f"{prefix}-{i}" for i in range(TOTAL)]


async def test_records_already_iterated_are_freed_before_the_next_page(
    connect: Connect,
) -> None:
    """While page 2 is fetched, the paginator holds none of page 1's records any more."""
    refs: list[weakref.ref[Any]] = []
    alive_during_fetch: list[int] = []

    async def handler(request: web.Request) -> web.Response:
        if request.query.get("pageToken") == str(SIZE):
            alive_during_fetch.append(sum(ref() is not None for ref in refs))
        return await link_handler(request)

    async with serve(handler) as served:
        count = 0
        async for call in list_calls(connect(served)):
            count += 1
            if count <= SIZE:
                refs.append(weakref.ref(call))
    assert count == TOTAL
    # Only the last record of page 1 may live on: the caller's loop variable still holds it.
    assert alive_during_fetch == [1]


async def test_page_exposes_response(connect: Connect) -> None:
    """A page carries its status, headers and the cursor of the next page; the last has none."""
    async with serve(link_handler) as served:
        pages = [p async for p in list_calls(connect(served)).pages()]
    assert [len(p.items) for p in pages] == [5, 5, 5, 5, 3]
    assert pages[0].response.status == 200
    assert "Link" in pages[0].response.headers
    assert pages[-1].next_cursor is None
    assert pages[0].cursor is None


async def test_foreign_origin_is_never_contacted(connect: Connect) -> None:
    """A next link to another origin raises PaginationError and sends that origin nothing."""
    async with serve(link_handler) as foreign:

        async def handler(request: web.Request) -> web.Response:
            link = f'<{foreign.base_url}/accounts/9900000/calls?pageToken=5>; rel="next"'
            return web.json_response([{"callId": "c-0"}], headers={"Link": link})

        async with serve(handler) as served:
            got: list[str] = []
            with pytest.raises(PaginationError, match="refusing to follow") as info:
                async for call in connect(served).calls.list():
                    got.append(call.call_id or "")
    assert got == ["c-0"]
    assert foreign.seen == []
    assert info.value.cursor is not None


async def test_repeated_cursor_raises(connect: Connect) -> None:
    """A server that sends the same next link forever gets PaginationError, not a loop."""

    async def handler(request: web.Request) -> web.Response:
        token = "B" if request.query.get("pageToken") == "A" else "A"
        link = f'</accounts/9900000/calls?pageToken={token}>; rel="next"'
        return web.json_response([{"callId": "x"}], headers={"Link": link})

    async with serve(handler) as served:
        with pytest.raises(PaginationError, match="twice"):
            async for _ in connect(served).calls.list():
                pass
    assert len(served.seen) == 3


async def test_same_cursor_again_raises(connect: Connect) -> None:
    """A Continuation-Token that never changes is caught after two pages."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response([{"mediaName": "m"}], headers={"Continuation-Token": "same"})

    async with serve(handler) as served:
        with pytest.raises(PaginationError):
            async for _ in connect(served).media.list():
                pass
    assert len(served.seen) == 2


async def test_unreadable_link_mid_export_raises_with_cursor(connect: Connect) -> None:
    """A broken Link header on page 2 raises PaginationError carrying page 2's cursor."""

    async def handler(request: web.Request) -> web.Response:
        if request.query.get("pageToken"):
            return web.json_response([{"callId": "c-1"}], headers={"Link": "garbage"})
        link = '</accounts/9900000/calls?pageToken=1>; rel="next"'
        return web.json_response([{"callId": "c-0"}], headers={"Link": link})

    async with serve(handler) as served:
        got: list[str] = []
        with pytest.raises(PaginationError) as info:
            async for call in connect(served).calls.list():
                got.append(call.call_id or "")
    assert got == ["c-0"]
    assert info.value.cursor is not None
    assert info.value.cursor.endswith("pageToken=1")


async def test_error_mid_iteration_carries_cursor(connect: Connect) -> None:
    """An API error on page 3 carries the cursor that resumes exactly at page 3."""
    fail = {"on": True}

    async def handler(request: web.Request) -> web.Response:
        if request.query.get("pageToken") == "10" and fail["on"]:
            return web.json_response({"type": "boom", "description": "no"}, status=404)
        return await link_handler(request)

    async with serve(handler) as served:
        client = connect(served)
        got: list[str] = []
        with pytest.raises(bw.NotFoundError) as info:
            async for call in list_calls(client):
                got.append(key(call))
        fail["on"] = False
        assert info.value.cursor is not None
        got += [key(c) async for c in list_calls(client, cursor=info.value.cursor)]
    assert got == [f"c-{i}" for i in range(TOTAL)]


async def test_bad_item_shape_is_decode_error(connect: Connect) -> None:
    """A page whose body is not a list of records raises DecodeError with the cursor."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"not": "a list"})

    async with serve(handler) as served:
        with pytest.raises(bw.DecodeError) as info:
            async for _ in connect(served).calls.list():
                pass
    assert info.value.cursor is None

    async def wrong_type(request: web.Request) -> web.Response:
        return web.json_response([{"callId": "c", "startTime": 12}])

    async with serve(wrong_type) as served:
        with pytest.raises(bw.DecodeError, match="CallState"):
            async for _ in connect(served).calls.list():
                pass


def _acquired(client: bw.BandwidthClient) -> int:
    http = client._session.transport.http()
    connector = http.connector
    assert connector is not None
    return len(connector._acquired)


@pytest.mark.parametrize("prefetch", [0, 1])
async def test_break_releases_connection(prefetch: int, connect: Connect) -> None:
    """Breaking out of async for mid-page leaves no connection acquired."""
    async with serve(link_handler) as served:
        client = connect(served)
        async for call in list_calls(client, prefetch=prefetch):
            if call.call_id == "c-7":
                break
        gc.collect()
        # No I/O and no timer: only the loop turns it takes to run the generator's cleanup.
        for _ in range(20):
            await asyncio.sleep(0)
        assert _acquired(client) == 0


async def test_cancel_mid_request_releases_connection(connect: Connect) -> None:
    """Cancelling a task while a page is in flight releases its connection at once."""
    started = asyncio.Event()
    release = asyncio.Event()

    async def slow(request: web.Request) -> web.Response:
        started.set()
        await release.wait()
        return web.json_response([])

    async with serve(slow) as served:
        client = connect(served)

        async def export() -> list[Any]:
            return [c async for c in client.calls.list()]

        task = asyncio.create_task(export())
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert _acquired(client) == 0
        release.set()


async def test_nothing_sent_before_iteration(connect: Connect) -> None:
    """A list call returns a paginator at once and sends nothing until iterated."""
    async with serve(link_handler) as served:
        paginator = connect(served).calls.list()
        await asyncio.sleep(0)
        assert served.seen == []
        assert "calls" in repr(paginator)
        with pytest.raises(ValueError, match="limit"):
            connect(served).calls.list(limit=-1)
        with pytest.raises(ValueError, match="prefetch"):
            connect(served).calls.list(prefetch=-1)


async def test_single_page_lists(connect: Connect) -> None:
    """Lists the API does not page still iterate like the others, and refuse a cursor."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response([{"recordingId": "r1"}, {"recordingId": "r2"}])

    async with serve(handler) as served:
        client = connect(served)
        got = [r.recording_id async for r in client.recordings.list()]
        assert got == ["r1", "r2"]
        pages = [p async for p in client.recordings.list_for_call("c-1").pages()]
        assert len(pages) == 1
        assert pages[0].next_cursor is None
        with pytest.raises(PaginationError):
            async for _ in client.calls.list(cursor="::not a url::"):
                pass


@pytest.mark.parametrize(
    "links",
    [
        pytest.param([{"rel": "next", "href": "/endpoints?limit=5"}], id="no-cursor"),
        pytest.param([{"rel": "next", "href": 7}], id="href-not-a-string"),
        pytest.param({"rel": "next"}, id="links-not-a-list"),
    ],
)
def test_links_after_cursor_refuses_an_unusable_next_link(links: object) -> None:
    """A next link the endpoints strategy cannot read is a PaginationError, not a silent stop."""
    from bandwidth_async._pagination import LinksAfterCursor  # noqa: PLC0415
    from bandwidth_async._request import Response  # noqa: PLC0415

    with pytest.raises(PaginationError):
        LinksAfterCursor().next_page(Response.of({"links": links, "data": []}))


def test_links_after_cursor_reads_the_cursor_of_the_next_link() -> None:
    """The afterCursor of the rel=next link is the cursor; no next link is the last page."""
    from bandwidth_async._pagination import LinksAfterCursor  # noqa: PLC0415
    from bandwidth_async._request import Response  # noqa: PLC0415

    strategy = LinksAfterCursor()
    links = [
        {"rel": "self", "href": "/endpoints"},
        {"rel": "next", "href": "/endpoints?limit=2&afterCursor=abc%3D%3D"},
    ]
    page = strategy.next_page(Response.of({"links": links, "data": []}))
    assert page is not None
    assert strategy.cursor(page) == "abc=="
    assert strategy.resume("abc==") == page
    assert strategy.next_page(Response.of({"links": links[:1], "data": []})) is None
