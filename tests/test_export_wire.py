"""
The exporter copies records from the wire, plans windows from the data, and reports progress.
"""

from __future__ import annotations

import asyncio
import bisect
import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from bandwidth_async import AsyncPaginator, BandwidthClient, CallState, DecodeError
from bandwidth_async._converter import structure, unstructure
from bandwidth_async._json import dumps, loads
from bandwidth_async._mirror import WirePage, as_json
from bandwidth_async.export import (
    ExportResult,
    _cell,
    _ms_text,
    _Pace,
    _page_keys,
    _recut,
    _Sieve,
    _window_page,
    _Wire,
    _wire_key,
    _wire_time,
    export,
)
from bandwidth_async.testing import FakeBandwidth

from .server import Handler, Served, serve

SINCE = dt.datetime.now(dt.UTC) - dt.timedelta(days=365)
KINDS = ["calls", "recordings", "conferences", "messages", "media"]


async def typed_lines(fake: FakeBandwidth, kind: str) -> list[bytes]:
    """Every record of *kind* through the typed models, as the exporter used to write it."""
    async with fake.client() as client:
        lists: dict[str, Callable[[], AsyncPaginator[Any]]] = {
            "calls": lambda: client.calls.list(page_size=1000),
            "recordings": client.recordings.list,
            "conferences": client.conferences.list,
            "messages": lambda: client.messages.list(from_date_time=SINCE),
            "media": client.media.list,
        }
        return [dumps(unstructure(r)) + b"\n" async for r in lists[kind]()]


@pytest.mark.parametrize("kind", KINDS)
async def test_wire_copy_writes_the_same_bytes_as_the_models(kind: str, tmp_path: Path) -> None:
    """JSON Lines written straight from the wire equal, line for line, what the models wrote."""
    async with FakeBandwidth(
        calls=3_000, recordings=500, conferences=300, messages=400, media=50, seed=11
    ) as fake:
        out = tmp_path / f"{kind}.jsonl"
        # listMessages needs a filter: the range starts a year back, like SINCE below.
        since = SINCE if kind == "messages" else None
        async with fake.client() as client:
            await export(client, kind, out, since=since)  # type: ignore[arg-type]
        expected = await typed_lines(fake, kind)
    written = out.read_bytes().splitlines(keepends=True)
    assert len(written) > 0
    assert sorted(written) == sorted(expected)


async def test_wire_copy_csv_matches_the_models(tmp_path: Path) -> None:
    """CSV rows from the wire equal the rows the models gave, nested values included."""
    async with FakeBandwidth(calls=2_000, seed=12) as fake:
        out = tmp_path / "calls.csv"
        async with fake.client() as client:
            result = await export(client, "calls", out, format="csv")
            records = [unstructure(c) async for c in client.calls.list(page_size=1000)]
    with out.open(newline="") as f:
        header, *rows = list(csv.reader(f))
    expected = sorted([_cell(r.get(c)) for c in header] for r in records)
    assert sorted(rows) == expected
    assert result.count == 2_000


async def test_windows_are_planned_from_the_data(tmp_path: Path) -> None:
    """60,000 calls at 10,000 a query take few more queries than the 6 a perfect plan needs."""
    async with FakeBandwidth(calls=60_000, seed=13) as fake:
        out = tmp_path / "calls.jsonl"
        async with fake.client() as client:
            result = await export(client, "calls", out, concurrency=4)
        queries = [r for r in fake.requests if r.method == "GET" and r.path.endswith("/calls")]
    lines = out.read_bytes().splitlines()
    assert result.count == len(lines) == len(set(lines)) == 60_000
    assert all(q.query.get("pageSize") == "10000" for q in queries)
    assert 6 <= len(queries) <= 14


async def test_progress_lines_say_windows_and_this_runs_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Off a terminal, progress is plain lines with the windows done of planned."""
    async with FakeBandwidth(calls=5_000, seed=14) as fake, fake.client() as client:
        await export(client, "calls", tmp_path / "calls.jsonl", progress=True)
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("calls: 5,000 exported (")
    assert "/s this run" in last
    assert "windows" in last


async def test_resume_says_it_resumed_and_from_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A resumed export says how much was already there and counts only its own records."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=30_000, seed=15) as fake, fake.client() as client:
        task: asyncio.Task[object] | None = None

        def stop(count: int) -> None:
            if count >= 10_000 and task is not None:
                task.cancel()

        task = asyncio.create_task(
            export(client, "calls", out, checkpoint=checkpoint, progress=stop, concurrency=2)
        )
        with pytest.raises(asyncio.CancelledError):
            await task
        capsys.readouterr()
        result = await export(client, "calls", out, checkpoint=checkpoint, progress=True)
    err = capsys.readouterr().err
    assert err.startswith("resuming: ")
    assert "calls already in" in err
    assert "% of the time range done" in err
    assert result.written == result.count - int(err.split()[1].replace(",", ""))
    assert result.count == 30_000


def test_wire_times_match_the_converter() -> None:
    """The fast path for API times writes what the converter writes, for every shape."""
    for text in [
        "2026-11-25T18:47:33.061Z",
        "2026-11-25T18:47:33.000Z",
        "2026-11-25T18:47:33Z",
        "2026-11-25T18:47:33.5+02:00",
    ]:
        assert _wire_time(text) == unstructure(structure(text, dt.datetime))


def test_a_page_copies_as_each_record_would_whatever_its_keys() -> None:
    """
    A page is copied with the first record's key objects; records whose keys are other string
    objects, in another order, missing or extra, still copy as the model would write them.
    """
    wire = _Wire(CallState)
    base = {
        "callId": "c-1",
        "to": "+19195550100",
        "from": "+19195550199",
        "direction": "outbound",
        "startTime": "2026-11-25T18:47:33.061Z",
        "endTime": "2026-11-25T18:48:33.000Z",
        "answerTime": None,
    }
    # Keys built at run time: equal strings, distinct objects from the first record's.
    rebuilt = {"".join(list(k)): v for k, v in reversed(base.items())}
    page = [
        base,
        rebuilt,
        {"callId": "c-3", "extra": 1},
        {},
        {**base, "lastUpdate": "2026-11-25T18:49:00+02:00", "stirShaken": {"verstat": "ok"}},
    ]
    expected = [unstructure(structure(r, CallState)) for r in page]
    assert wire.copy_many(page) == expected
    assert [list(r) for r in wire.copy_many(page)] == [list(r) for r in expected]
    assert wire.copy_many(page[2:]) == expected[2:]  # the first record lacks most keys
    assert wire.copy_many([]) == []


def test_a_page_with_a_record_that_is_no_object_fails_clearly() -> None:
    """A JSON array or number among the records is a DecodeError, wherever it is on the page."""
    wire = _Wire(CallState)
    for page in ([["not", "a", "call"]], [{"callId": "c-1"}, 42]):
        with pytest.raises(DecodeError, match="CallState"):
            wire.copy_many(page)


_T0 = 1_785_000_000_000  # 2026-07-25, in epoch milliseconds


async def export_served(
    handle: Handler, out: Path, since: dt.datetime, until: dt.datetime, **options: Any
) -> tuple[ExportResult, Served]:
    """Export the calls *handle* serves on loopback HTTP to *out*; the result and the server."""
    async with serve(handle) as served:
        async with BandwidthClient("u", "p", "9900000", base_url=served.base_url) as client:
            result = await export(client, "calls", out, since=since, until=until, **options)
    return result, served


def _record(n: int, at: int | str | None) -> dict[str, Any]:
    if isinstance(at, int):
        at = _ms_text(_T0 + at)
    return {"callId": f"c-{n}", "startTime": at} if at != "absent" else {"callId": f"c-{n}"}


def _reference(
    pages: list[list[dict[str, Any]]], first: str, end: str, *, untimed: bool
) -> tuple[list[list[str]], list[str], str, bool]:
    """The sieve's rules record by record: what each page completes, then what is held."""
    last, ordered = first, True
    held: list[str] = []
    batches: list[list[str]] = []
    for items in pages:
        batch: list[str] = []
        for record in items:
            at = _wire_key(record.get("startTime"))
            if at is None:
                if untimed:
                    batch.append(record["callId"])
                continue
            if not first <= at < end:
                continue
            if at > last:
                batch += held
                held, last = [], at
            elif at < last:
                ordered = False
            held.append(record["callId"])
        batches.append(batch)
    return batches, held, last, ordered


_times = st.one_of(
    st.integers(-3, 12),  # milliseconds from _T0: some before the window, some past its end
    st.sampled_from([None, "absent", "2026-07-25T10:00:00+00:00", "2026-W30-6T10:00:00.000Z"]),
)


@given(
    st.lists(st.lists(_times, max_size=8), max_size=5),
    st.booleans(),
    st.booleans(),
)
def test_the_sieve_completes_what_a_record_by_record_reading_would(
    pages: list[list[int | str | None]], sort: bool, untimed: bool
) -> None:
    """
    Pages in time order take the fast path; any page takes one path or the other, and what
    is written, held and planned is what reading the records one by one gives.
    """
    n = iter(range(1_000))
    if sort:  # pages in time order, API form only: the fast path (see the test below)
        pages = [[*sorted(at for at in page if isinstance(at, int))] for page in pages]
    built = [[_record(next(n), at) for at in page] for page in pages]
    first, end = _ms_text(_T0), _ms_text(_T0 + 10)
    sieve = _Sieve(first, end, "startTime", untimed)
    wire = _Wire(CallState)
    batches = [[r["callId"] for r in sieve.sift(items, wire)] for items in built]
    assert (batches, [r["callId"] for r in sieve.held], sieve.last, sieve.ordered) == (
        _reference(built, first, end, untimed=untimed)
    )


def _read(page: list[dict[str, Any]], *, msgspec: bool) -> Any:
    """*page* as a window reads its body: a `WirePage` where `_window_page` takes it."""
    body = dumps(page)
    got = _window_page(body, CallState, "startTime") if msgspec else None
    return got if got is not None else loads(body)


@given(
    st.lists(st.tuples(st.lists(_times, max_size=8), st.booleans()), max_size=5),
    st.booleans(),
    st.booleans(),
)
def test_the_sieve_takes_pages_msgspec_read_as_it_takes_their_json(
    pages: list[tuple[list[int | str | None], bool]], sort: bool, untimed: bool
) -> None:
    """
    Pages read straight to a `WirePage` (some of them, as the body allows) and pages read as
    JSON, in any mix: the sieve completes, holds and writes the same records, the same bytes.
    """
    n = iter(range(1_000))
    if sort:
        pages = [
            (list[int | str | None](sorted(at for at in p if isinstance(at, int))), m)
            for p, m in pages
        ]
    built = [[_record(next(n), at) for at in p] for p, _ in pages]
    first, end = _ms_text(_T0), _ms_text(_T0 + 10)
    wire = _Wire(CallState)
    both = _Sieve(first, end, "startTime", untimed), _Sieve(first, end, "startTime", untimed)
    for items, (_, msgspec) in zip(built, pages, strict=True):
        read = _read(items, msgspec=msgspec)
        assert isinstance(read, WirePage) == (msgspec and _read_straight(items))
        mixed = both[0].sift(read, wire)
        plain = both[1].sift(_read(items, msgspec=False), wire)
        assert wire.copy_many(list(as_json(mixed))) == wire.copy_many(plain)
    held = [wire.copy_many(list(as_json(s.held))) for s in both]
    assert held[0] == held[1]
    assert (both[0].last, both[0].ordered) == (both[1].last, both[1].ordered)


def _read_straight(page: list[dict[str, Any]]) -> bool:
    """Whether `_window_page` takes *page*: an RFC 3339 time in UTC for each record, in order."""
    ats = [r.get("startTime") for r in page]
    if not ats or any(at is None or "-W" in at for at in ats):  # no time, an ISO week date
        return False
    times = [dt.datetime.fromisoformat(str(at)) for at in ats]
    return times == sorted(times)


@pytest.mark.parametrize(
    ("times", "taken"),
    [
        (["2026-07-25T10:00:00.001Z", "2026-07-25T10:00:00.001Z", "2026-07-25T10:00:01Z"], True),
        (["2026-07-25T10:00:00.001Z", "2026-07-25T10:00:00.002+00:00"], True),
        (["2026-07-25T10:00:00.002Z", "2026-07-25T10:00:00.001Z"], False),  # out of order
        (["2026-07-25T10:00:00.001Z", None], False),  # a call with no time
        ([None], False),
        (["2026-07-25T10:00:00.0015Z"], False),  # not a whole millisecond
        (["2026-07-25T12:00:00.001+02:00"], False),  # not UTC: the converter moves it
        ([], False),
    ],
)
def test_a_window_page_is_read_straight_only_when_its_times_compare_as_the_api_text(
    times: list[str | None], taken: bool
) -> None:
    """
    The sieve compares a `WirePage`'s times as datetimes and a JSON page's as the API's text:
    only a page whose times order alike both ways is read straight from the body.
    """
    page = [{"callId": f"c-{n}", "startTime": at} for n, at in enumerate(times)]
    read = _window_page(dumps(page), CallState, "startTime")
    assert (read is not None) == taken
    if read is not None:
        assert read.times == [dt.datetime.fromisoformat(at or "") for at in times]


def test_the_sieve_fast_path_leaves_a_bad_date_to_the_record_by_record_reading() -> None:
    """A page in order but with an impossible date still fails as a DecodeError."""
    sieve = _Sieve(_ms_text(_T0), _ms_text(_T0 + 10), "startTime", untimed=False)
    page = [_record(1, 1), {"callId": "c-2", "startTime": "2026-07-25T25:00:00.000Z"}]
    with pytest.raises(DecodeError):
        sieve.sift(page, _Wire(CallState))


def test_only_a_page_in_order_in_the_api_form_takes_the_fast_path() -> None:
    """`_page_keys` gives the times of an ordered API-form page, and None for anything else."""
    ordered = [_record(1, 1), _record(2, 1), _record(3, 4)]
    assert _page_keys(ordered, "startTime") == [r["startTime"] for r in ordered]
    for page in (
        [_record(1, 4), _record(2, 1)],  # out of order
        [_record(1, 1), _record(2, None)],
        [_record(1, 1), _record(2, "absent")],
        [_record(1, 1), _record(2, "2026-07-25T10:00:00+00:00")],
        [_record(1, 1), ["not", "an", "object"]],
        [],
    ):
        assert _page_keys(page, "startTime") is None


async def test_a_window_of_pages_msgspec_reads_and_pages_it_does_not(tmp_path: Path) -> None:
    """
    Over HTTP, windows of several pages, some read straight from the body and some (an
    offset time, a naive end time) as JSON, with equal times across page breaks: every call
    is written once, each line the bytes the wire copy writes for it.
    """
    base = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    records: list[dict[str, Any]] = []
    for n in range(40):
        when = base + dt.timedelta(minutes=n // 3 * 7)  # three calls at each time
        record = {"callId": f"c-{n:02}", "startTime": _ms_text(int(when.timestamp() * 1000))}
        record |= {"direction": "outbound", "state": "disconnected", "to": "+19195550100"}
        records.append(record)
    records[10]["startTime"] = records[10]["startTime"].replace(".000Z", "+00:00")
    records[25]["endTime"] = "2026-07-01T05:00:00"  # naive: the general path reads it as UTC
    records[31]["direction"] = "sideways"  # unknown to the SDK: written as sent either way

    def at(record: dict[str, Any]) -> dt.datetime:
        return dt.datetime.fromisoformat(record["startTime"])

    async def handle(request: web.Request) -> web.Response:
        lo = dt.datetime.fromisoformat(request.query["minStartTime"])
        hi = dt.datetime.fromisoformat(request.query["maxStartTime"])
        size, page = int(request.query["pageSize"]), int(request.query.get("page", "0"))
        inside = [r for r in records if lo <= at(r) <= hi]
        headers = {}
        if (page + 1) * size < len(inside):
            headers["Link"] = f'<{request.url.update_query(page=page + 1)}>; rel="next"'
        return web.json_response(inside[page * size : (page + 1) * size], headers=headers)

    out = tmp_path / "calls.jsonl"
    result, _ = await export_served(
        handle, out, base, base + dt.timedelta(hours=2), page_size=3, concurrency=2
    )
    assert result.count == len(records)
    wire = _Wire(CallState)
    expected = sorted(dumps(r) + b"\n" for r in wire.copy_many(records))
    assert sorted(out.read_bytes().splitlines(keepends=True)) == expected


def test_windows_in_flight_hide_the_latency_and_no_more() -> None:
    """
    Little's law: the latency over a page's writing time, rounded down, plus one; two to
    `concurrency`.
    """
    assert _Pace(8).in_flight() == 2  # nothing seen yet: the first wave
    assert _Pace(1).in_flight() == 1
    pace = _Pace(8)
    pace.saw(0.100, 0.025)  # 100 ms away, 25 ms to write: four on their way, one written
    assert pace.in_flight() == 5
    pace.saw(0.300, 0.025)  # a page that queued behind the CPU says nothing of the latency
    assert pace.in_flight() == 5
    pace.saw(0.010, 0.025)  # a close server: the CPU is the bottleneck, two suffice
    assert pace.in_flight() == 2
    far = _Pace(8)
    far.saw(2.0, 0.01)
    assert far.in_flight() == 8  # never past concurrency
    near = _Pace(8)
    near.saw(0.030, 0.020)  # a window more would hide 10 ms, and hold its body 30 ms
    assert near.in_flight() == 2


async def test_windows_in_flight_start_at_two_then_hide_the_latency(
    tmp_path: Path,
) -> None:
    """
    Over HTTP, a server 50 ms away: two windows go out before any page is back, then more,
    since a page takes far less to write than to arrive (up to ``concurrency``).
    """
    live, most, first_wave = 0, 0, 0
    answered = False

    async def handle(request: web.Request) -> web.Response:
        nonlocal live, most, first_wave, answered
        live += 1
        most = max(most, live)
        if not answered:
            first_wave = max(first_wave, live)
        await asyncio.sleep(0.05)
        answered = True
        live -= 1
        return web.json_response([])

    base = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    _, served = await export_served(
        handle, tmp_path / "calls.jsonl", base, base + dt.timedelta(hours=8), concurrency=8
    )
    assert len(served.seen) == 8  # the range in eight windows, each one empty page
    assert first_wave == 2
    assert 2 < most <= 8


def test_windows_not_sent_yet_are_cut_to_the_density_a_full_one_found() -> None:
    """Each comes back in one query (80% of the cap); those that already fit stay as they are."""
    cut = _recut([(0, 100), (100, 110), (110, 400)], density=200.0, cap=10_000)
    assert cut == [
        (0, 40),
        (40, 80),
        (80, 100),
        (100, 110),
        (110, 150),
        (150, 190),
        *[(a, min(a + 40, 400)) for a in range(190, 400, 40)],
    ]
    assert all((hi - lo) * 200.0 <= 0.8 * 10_000 for lo, hi in cut)
    assert _recut([(0, 10)], density=200.0, cap=10_000) == [(0, 10)]
    assert len(_recut([(0, 50)], density=200.0, cap=10_000)) == 2  # exactly full: cut too


async def test_a_full_first_window_resizes_the_windows_not_sent_yet(tmp_path: Path) -> None:
    """
    Over HTTP: eight first windows of 10,000 calls each. The first wave comes back full; the
    other six are cut to the density it found before they are sent, so none of them is.
    """
    cap = 10_000
    base = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    times = [base + dt.timedelta(milliseconds=360 * n) for n in range(8 * cap)]  # 8 hours
    full = 0

    async def handle(request: web.Request) -> web.Response:
        nonlocal full
        lo = bisect.bisect_left(times, dt.datetime.fromisoformat(request.query["minStartTime"]))
        hi = bisect.bisect_right(times, dt.datetime.fromisoformat(request.query["maxStartTime"]))
        page = [_ms_text(int(t.timestamp() * 1000)) for t in times[lo : min(hi, lo + cap)]]
        full += len(page) == cap
        return web.json_response([{"callId": f"c-{s}", "startTime": s} for s in page])

    result, _ = await export_served(
        handle, tmp_path / "calls.jsonl", base, base + dt.timedelta(hours=8), concurrency=8
    )
    assert result.count == len(times)
    assert full == 2  # the first wave only
