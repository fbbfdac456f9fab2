"""
Resource methods over real HTTP: uploads, downloads, BXML, query encoding, lookup polling and
bulk dialling, each against a loopback aiohttp server that records what it received.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async import bxml

from .server import Handler, serve

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


@attrs.define
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@contextlib.asynccontextmanager
async def recording(
    answer: Handler | None = None,
) -> AsyncIterator[tuple[bw.BandwidthClient, list[Received]]]:
    """A client on a loopback server that records every request, body included."""
    received: list[Received] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        received.append(
            Received(
                request.method,
                request.raw_path.split("?")[0],
                dict(request.query),
                dict(request.headers),
                body,
            )
        )
        if answer is not None:
            return await answer(request)
        return web.Response(status=204)

    async with (
        serve(handler) as served,
        bw.BandwidthClient(
            "u", "p", "9900000", base_url=served.base_url, retry=bw.RetryPolicy.none()
        ) as client,
    ):
        yield client, received


async def chunks(data: bytes, size: int) -> AsyncIterator[bytes]:
    """*data* as an async iterator of *size*-byte chunks."""
    for start in range(0, len(data), size):
        await asyncio.sleep(0)
        yield data[start : start + size]


# --- media uploads ------------------------------------------------------------------------


async def test_upload_bytes_sends_them_with_their_headers() -> None:
    """Bytes go out as they are, with Content-Length, Content-Type and Cache-Control."""
    async with recording() as (client, received):
        await client.media.upload(
            "pic.png", PNG, content_type="image/png", cache_control="max-age=3600"
        )
    (request,) = received
    assert request.method == "PUT"
    assert request.path == "/users/9900000/media/pic.png"
    assert request.body == PNG
    assert request.headers["Content-Length"] == str(len(PNG))
    assert request.headers["Content-Type"] == "image/png"
    assert request.headers["Cache-Control"] == "max-age=3600"


@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str"])
async def test_upload_file_path_sends_the_file(tmp_path: Path, as_str: bool) -> None:
    """A file path (Path or str) uploads the file's exact bytes with a Content-Length."""
    path = tmp_path / "clip.mp3"
    data = bytes(range(256)) * 1000 + b"tail"
    path.write_bytes(data)
    async with recording() as (client, received):
        await client.media.upload(
            "clip.mp3",
            str(path) if as_str else path,
            content_type="audio/mpeg",
            cache_control="no-cache",
        )
    (request,) = received
    assert request.body == data
    assert request.headers["Content-Length"] == str(len(data))
    assert request.headers["Content-Type"] == "audio/mpeg"
    assert request.headers["Cache-Control"] == "no-cache"
    assert "Transfer-Encoding" not in request.headers


async def test_upload_async_iterator_streams_every_chunk() -> None:
    """An async iterator of bytes is sent in full, in order, with its Content-Type."""
    data = bytes(range(256)) * 400
    async with recording() as (client, received):
        await client.media.upload("doc.pdf", chunks(data, 999), content_type="application/pdf")
    (request,) = received
    assert request.body == data
    assert request.headers["Content-Type"] == "application/pdf"
    assert "Cache-Control" not in request.headers


async def test_upload_content_type_guessed_or_required(tmp_path: Path) -> None:
    """A file's type is guessed from its name; bytes without a type are refused unsent."""
    path = tmp_path / "photo.jpeg"
    path.write_bytes(b"\xff\xd8\xff")
    async with recording() as (client, received):
        await client.media.upload("photo", path)
        with pytest.raises(ValueError, match="content_type is required"):
            await client.media.upload("blob", b"abc")
    assert [r.headers["Content-Type"] for r in received] == ["image/jpeg"]


async def test_upload_of_a_large_file_does_not_read_it_into_memory(tmp_path: Path) -> None:
    """Uploading a 20 MB file from disk allocates a small fraction of its size at peak."""
    size = 20 * 1024 * 1024
    path = tmp_path / "big.bin"
    block = hashlib.sha256(b"seed").digest() * (1024 * 1024 // 32)
    with path.open("wb") as f:
        for _ in range(size // len(block)):
            f.write(block)
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    got: dict[str, Any] = {}

    async def consume(request: web.Request) -> web.StreamResponse:
        digest = hashlib.sha256()
        count = 0
        async for chunk in request.content.iter_chunked(64 * 1024):
            digest.update(chunk)
            count += len(chunk)
        got.update(sha=digest.hexdigest(), count=count, length=request.headers["Content-Length"])
        return web.Response(status=204)

    async with (
        serve(consume) as served,
        bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client,
    ):
        await client.media.upload("warmup", b"x", content_type="text/plain")  # open the pool
        tracemalloc.start()
        try:
            await client.media.upload("big.bin", path, content_type="video/mp4")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert got == {"sha": expected, "count": size, "length": str(size)}
    assert peak < size // 10, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.0f} MiB file"


# --- downloads ----------------------------------------------------------------------------


async def test_media_stream_yields_the_body_in_several_chunks() -> None:
    """media.stream yields a large body piece by piece, and the pieces make the whole body."""
    data = bytes(range(256)) * 4096 * 2  # 2 MiB

    async def body(request: web.Request) -> web.StreamResponse:
        return web.Response(body=data, content_type="application/octet-stream")

    async with recording(body) as (client, received):
        pieces = [piece async for piece in client.media.stream("big.bin")]
        whole = await client.media.get("big.bin")
    assert len(pieces) > 1
    assert max(len(p) for p in pieces) < len(data)
    assert b"".join(pieces) == data
    assert whole == data
    assert [r.path for r in received] == ["/users/9900000/media/big.bin"] * 2


# --- BXML ---------------------------------------------------------------------------------


DOCUMENT = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'


async def test_update_bxml_sends_the_document_as_xml() -> None:
    """update_bxml PUTs the document as application/xml to the call's bxml path."""
    async with recording() as (client, received):
        await client.calls.update_bxml("c-1", DOCUMENT)
    (request,) = received
    assert request.method == "PUT"
    assert request.path == "/accounts/9900000/calls/c-1/bxml"
    assert request.headers["Content-Type"] == "application/xml"
    assert request.body.decode() == DOCUMENT


@pytest.mark.parametrize("resource", ["calls", "conferences"])
async def test_update_bxml_accepts_a_bxml_object(resource: str) -> None:
    """A bxml.Response is sent as its XML text, for calls and conferences alike."""
    document = bxml.Response(bxml.Hangup())
    async with recording() as (client, received):
        if resource == "calls":
            await client.calls.update_bxml("c-1", document)
        else:
            await client.conferences.update_bxml("conf-1", document)
    (request,) = received
    assert request.headers["Content-Type"] == "application/xml"
    assert request.body.decode() == str(document)
    assert b"<Hangup/>" in request.body


async def test_update_bxml_accepts_any_object_with_str() -> None:
    """Anything whose str() is a BXML document can be sent."""

    class Document:
        def __str__(self) -> str:
            return DOCUMENT

    async with recording() as (client, received):
        await client.calls.update_bxml("c-1", Document())  # type: ignore[arg-type]
    assert received[0].body.decode() == DOCUMENT


# --- query encoding -----------------------------------------------------------------------


async def empty_list(request: web.Request) -> web.StreamResponse:
    """An empty list, in the shape of the list that was asked for."""
    if request.path.endswith("/messages"):
        return web.json_response({"messages": [], "pageInfo": {}})
    return web.json_response([])


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        pytest.param(
            dt.datetime(2026, 11, 15, 8, 30, tzinfo=dt.UTC), "2026-11-15T08:30:00Z", id="utc"
        ),
        pytest.param(
            dt.datetime(2026, 11, 15, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "2026-11-15T06:30:00Z",
            id="plus-two",
        ),
        pytest.param(
            dt.datetime(2026, 11, 15, 8, 30, 0, 250000, tzinfo=dt.timezone(-dt.timedelta(hours=5))),
            "2026-11-15T13:30:00.250000Z",
            id="minus-five-micro",
        ),
        pytest.param(dt.datetime(2026, 11, 15, 8, 30), "2026-11-15T08:30:00Z", id="naive-is-utc"),
        pytest.param("2026-11-15T00:00:00Z", "2026-11-15T00:00:00Z", id="string-as-is"),
    ],
)
async def test_datetime_filters_are_sent_as_utc_iso8601(
    value: dt.datetime | str, wire: str
) -> None:
    """A datetime filter goes out in ISO 8601, converted to UTC, with a Z suffix."""
    async with recording(empty_list) as (client, received):
        [c async for c in client.calls.list(min_start_time=value, max_start_time=value)]
        [c async for c in client.conferences.list(min_created_time=value)]
        [r async for r in client.recordings.list(max_start_time=value)]
        [m async for m in client.messages.list(from_date_time=value, to_date_time=value)]
    assert [r.query for r in received] == [
        {"minStartTime": wire, "maxStartTime": wire},
        {"minCreatedTime": wire},
        {"maxStartTime": wire},
        {"fromDateTime": wire, "toDateTime": wire},
    ]


@pytest.mark.parametrize(("value", "wire"), [(True, "true"), (False, "false")])
async def test_boolean_filters_are_sent_as_true_or_false(value: bool, wire: str) -> None:
    """A boolean filter goes out as lowercase true or false, not Python's True or False."""
    async with recording(empty_list) as (client, received):
        [m async for m in client.messages.list(limit_total_count=value)]
    assert received[0].query == {"limitTotalCount": wire}


async def test_enum_and_integer_filters_are_sent_as_their_values() -> None:
    """Enum filters go out as their wire value and integers as digits."""
    async with recording(empty_list) as (client, received):
        messages = client.messages.list(
            message_status=bw.MessageStatusEnum.DELIVERED,
            message_type=bw.MessageTypeEnum.MMS,
            error_code=4720,
            page_size=25,
        )
        [m async for m in messages]
    assert received[0].query == {
        "messageStatus": "DELIVERED",
        "messageType": "mms",
        "errorCode": "4720",
        "limit": "25",
    }


async def test_path_ids_are_escaped() -> None:
    """An id with a slash or a space stays one path segment."""
    async with recording() as (client, received):
        await client.media.delete("folder/pic 1.png")
    assert received[0].path == "/users/9900000/media/folder%2Fpic%201.png"


# --- lookup.run ---------------------------------------------------------------------------


REQUEST_ID = "004223a0-8b17-41b1-bf81-20732adf5590"


def lookup_server(statuses: Iterator[str]) -> Handler:
    """A lookup API whose successive status reads come from *statuses*."""

    async def handler(request: web.Request) -> web.StreamResponse:
        if request.method == "POST":
            return web.json_response({"requestId": REQUEST_ID, "status": "IN_PROGRESS"}, status=202)
        status = next(statuses)
        body: dict[str, Any] = {"requestId": REQUEST_ID, "status": status}
        if status == "COMPLETE":
            body["result"] = [
                {
                    "Response Code": 0,
                    "Message": "NOERROR",
                    "E.164 Format": "+19195551234",
                    "Formatted": "(919) 555-1234",
                    "Country": "US",
                    "Line Type": "Mobile",
                    "Line Provider": "Verizon Wireless",
                    "Mobile Country Code": "310",
                    "Mobile Network Code": "010",
                }
            ]
        return web.json_response(body)

    return handler


# --- calls.create_many --------------------------------------------------------------------


def create_call(n: int) -> bw.CreateCall:
    """The *n*-th call of a campaign; its number is in the tag."""
    return bw.CreateCall(
        to=f"+1919555{n:04d}",
        from_="+19195554321",
        application_id="04e88489-df02-4e34-a0ee-27a91849555f",
        answer_url="https://example.com/answer",
        tag=str(n),
    )


@attrs.define
class Dialer:
    """A createCall endpoint that counts calls in flight and refuses every tag in *refuse*."""

    refuse: set[str] = attrs.field(factory=set)
    delay: float = 0.02
    in_flight: int = 0
    max_in_flight: int = 0
    dialled: list[str] = attrs.field(factory=list)

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            body = await request.json()
            await asyncio.sleep(self.delay)
            self.dialled.append(body["tag"])
            if body["tag"] in self.refuse:
                return web.json_response(
                    {"type": "validation", "description": "bad number"}, status=400
                )
            return web.json_response(
                {
                    "applicationId": body["applicationId"],
                    "accountId": "9900000",
                    "callId": f"c-{body['tag']}",
                    "to": body["to"],
                    "from": body["from"],
                    "callUrl": f"https://voice.bandwidth.com/api/v2/accounts/9900000/calls/c-{body['tag']}",
                    "answerMethod": "POST",
                    "answerUrl": body["answerUrl"],
                    "disconnectMethod": "POST",
                    "tag": body["tag"],
                },
                status=201,
            )
        finally:
            self.in_flight -= 1


async def test_create_many_bounds_concurrency_and_yields_one_result_each() -> None:
    """create_many never has more than concurrency calls in flight and answers every input."""
    dialer = Dialer()
    async with (
        serve(dialer) as served,
        bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client,
    ):
        results = [
            r async for r in client.calls.create_many(map(create_call, range(40)), concurrency=5)
        ]
    assert dialer.max_in_flight == 5
    assert len(results) == 40
    assert sorted(int(r.request.tag or "") for r in results) == list(range(40))
    assert all(r.ok and r.error is None for r in results)
    for r in results:
        assert r.response is not None
        assert r.response.call_id == f"c-{r.request.tag}"
    assert sorted(dialer.dialled, key=int) == [str(n) for n in range(40)]


async def test_create_many_reads_a_generator_lazily() -> None:
    """A generator input is read only as far as the calls in flight need."""
    dialer = Dialer(delay=0.01)
    pulled: list[int] = []

    def campaign() -> Iterator[bw.CreateCall]:
        for n in range(1_000_000):
            pulled.append(n)
            yield create_call(n)

    async with (
        serve(dialer) as served,
        bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client,
    ):
        got = []
        async with contextlib.aclosing(client.calls.create_many(campaign(), concurrency=3)) as it:
            async for result in it:
                got.append(result)
                if len(got) == 6:
                    break
    assert len(got) == 6
    assert len(pulled) <= 6 + 3
    assert dialer.max_in_flight <= 3


async def test_create_many_reads_an_async_iterable() -> None:
    """An async iterable input is dialled in full, like a plain one."""
    dialer = Dialer(delay=0)

    async def campaign() -> AsyncIterator[bw.CreateCall]:
        for n in range(7):
            await asyncio.sleep(0)
            yield create_call(n)

    async with (
        serve(dialer) as served,
        bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client,
    ):
        results = [r async for r in client.calls.create_many(campaign(), concurrency=2)]
    assert sorted(r.request.tag or "" for r in results) == [str(n) for n in range(7)]
    assert dialer.max_in_flight <= 2


async def test_create_many_reports_failures_without_raising() -> None:
    """A refused call becomes a DialResult with the API error; the other calls go on."""
    refused = {"3", "7", "8"}
    dialer = Dialer(refuse=refused, delay=0)
    async with (
        serve(dialer) as served,
        bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client,
    ):
        results = [
            r async for r in client.calls.create_many(map(create_call, range(12)), concurrency=4)
        ]
    assert len(results) == 12
    failed = {r.request.tag: r for r in results if not r.ok}
    assert set(failed) == refused
    for result in failed.values():
        assert result.response is None
        assert isinstance(result.error, bw.BadRequestError)
        assert result.error.status == 400
        assert isinstance(result.error.body, bw.VoiceApiError)
        assert result.error.body.description == "bad number"
    assert sum(r.ok for r in results) == 9
    assert len(dialer.dialled) == 12, "a refused POST is never sent twice"
