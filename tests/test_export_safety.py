"""
Export under hostile input and faults: nothing lost, nothing overwritten, always our own error.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async.export import ExportError, ExportResult, export
from bandwidth_async.testing import FakeBandwidth

from .server import Handler, serve


def cli(fake: FakeBandwidth, *argv: str) -> list[str]:
    """The command line ``python -m bandwidth_async`` with *argv*, pointed at *fake*."""
    return [sys.executable, "-m", "bandwidth_async", *argv, "--base-url", fake.base_url]


async def run(
    argv: list[str], fake: FakeBandwidth, *, password: str | None = None
) -> tuple[int, str]:
    """Run *argv* in a subprocess with the emulator's credentials; its status and stderr."""
    env = {
        **os.environ,
        "BW_USERNAME": fake.username,
        "BW_PASSWORD": password or fake.password,
        "BW_ACCOUNT_ID": fake.account_id,
    }
    for name in ("BW_CLIENT_ID", "BW_CLIENT_SECRET", "BW_BASE_URL"):
        env.pop(name, None)
    process = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, err.decode()


# -- 2. a checkpoint knows its output --------------------------------------------------------


async def test_checkpoint_refuses_another_output_file(tmp_path: Path) -> None:
    """A checkpoint reused with another --out leaves that file untouched and raises ExportError."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    other = tmp_path / "someone-elses.txt"
    other.write_bytes(b"precious line\n" * 50_000)
    before = other.read_bytes()
    async with FakeBandwidth(calls=300, seed=5) as fake, fake.client() as client:
        await export(client, "calls", out, checkpoint=checkpoint)
        saved = json.loads(checkpoint.read_text())
        checkpoint.write_text(json.dumps({**saved, "finished": False}))
        with pytest.raises(ExportError, match=r"someone-elses\.txt"):
            await export(client, "calls", other, checkpoint=checkpoint)
    assert other.read_bytes() == before


async def test_checkpoint_refuses_a_replaced_output(tmp_path: Path) -> None:
    """An output replaced by other bytes of at least the same size is refused, not truncated."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=300, seed=5) as fake, fake.client() as client:
        await export(client, "calls", out, checkpoint=checkpoint)
        saved = json.loads(checkpoint.read_text())
        checkpoint.write_text(json.dumps({**saved, "finished": False}))
        replaced = b"x" * (out.stat().st_size + 100)
        out.write_bytes(replaced)
        with pytest.raises(ExportError, match="not the output"):
            await export(client, "calls", out, checkpoint=checkpoint)
    assert out.read_bytes() == replaced


# -- 3. one run per checkpoint ---------------------------------------------------------------


async def test_second_run_on_a_locked_checkpoint_is_refused(tmp_path: Path) -> None:
    """While one export holds a checkpoint, a second one using it fails at once, writing nothing."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=2_000, seed=6) as fake, fake.client() as client:
        fake.faults.latency(0.3, path="/calls")
        first = asyncio.create_task(export(client, "calls", out, checkpoint=checkpoint))
        while not checkpoint.exists():  # the first run has started
            await asyncio.sleep(0.01)
        with pytest.raises(ExportError, match="in use"):
            await export(client, "calls", tmp_path / "second.jsonl", checkpoint=checkpoint)
        fake.faults.clear()
        result = await first
    ids = [json.loads(line)["callId"] for line in out.read_text().splitlines()]
    assert result.count == len(ids) == len(set(ids)) == 2_000
    assert not (tmp_path / "second.jsonl").exists()


async def test_second_process_on_a_locked_checkpoint_exits_1(tmp_path: Path) -> None:
    """Two processes on one checkpoint: the second says the checkpoint is in use and exits 1."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=2_000, seed=6) as fake:
        fake.faults.latency(3.0, path="/calls")
        argv = cli(fake, "export", "calls", "--out", str(out), "--checkpoint", str(checkpoint))
        first = asyncio.create_task(run(argv, fake))
        for _ in range(500):
            if checkpoint.exists():
                break
            await asyncio.sleep(0.02)
        second = cli(fake, "export", "calls", "--out", str(tmp_path / "b.jsonl"))
        code, err = await run([*second, "--checkpoint", str(checkpoint)], fake)
        fake.faults.clear()
        first_code, _ = await first
    assert code == 1
    assert "in use" in err
    assert len(err.strip().splitlines()) == 1
    assert first_code == 0


# -- 4. a failed export leaves nothing misleading --------------------------------------------


async def test_failed_export_leaves_no_empty_output(fake: FakeBandwidth, tmp_path: Path) -> None:
    """A wrong password leaves neither a 0-byte output nor a checkpoint that cannot resume."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with fake.client() as good:
        base = good.base_urls["voice"]
    async with bw.BandwidthClient(fake.username, "wrong", fake.account_id, base_url=base) as client:
        with pytest.raises(bw.UnauthorizedError):
            await export(client, "conferences", out, checkpoint=checkpoint)
        with pytest.raises(bw.UnauthorizedError):
            await export(client, "calls", tmp_path / "c.csv", format="csv")
    assert not out.exists()
    assert not checkpoint.exists()
    assert not (tmp_path / "c.csv").exists()


async def test_missing_checkpoint_directory_is_named(fake: FakeBandwidth, tmp_path: Path) -> None:
    """A checkpoint in a directory that does not exist is an ExportError naming it; no output."""
    out = tmp_path / "calls.jsonl"
    async with fake.client() as client:
        with pytest.raises(ExportError, match="no-such-dir"):
            await export(client, "calls", out, checkpoint=tmp_path / "no-such-dir" / "c.ckpt")
    assert not out.exists()
    assert fake.requests == []


async def test_cli_missing_checkpoint_directory_gives_no_resume_hint(
    fake: FakeBandwidth, tmp_path: Path
) -> None:
    """The command says what is wrong in one line and does not promise a resume that would fail."""
    out = tmp_path / "calls.jsonl"
    argv = cli(fake, "export", "calls", "--out", str(out))
    argv += ["--checkpoint", str(tmp_path / "nope" / "c.ckpt")]
    code, err = await run(argv, fake)
    assert code == 1
    assert "nope" in err
    assert "resume" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


# -- 5. windowed exports raise our own error -------------------------------------------------


async def test_windowed_export_raises_the_first_bandwidth_error(
    fake: FakeBandwidth, tmp_path: Path
) -> None:
    """A wrong password on a windowed export is an UnauthorizedError, not an ExceptionGroup."""
    async with bw.BandwidthClient(
        fake.username, "wrong", fake.account_id, base_url=fake.base_url
    ) as client:
        with pytest.raises(bw.UnauthorizedError) as caught:
            await export(client, "calls", tmp_path / "calls.jsonl", concurrency=4)
    assert not isinstance(caught.value, BaseExceptionGroup)
    assert caught.value.status == 401


@pytest.mark.parametrize("kind", ["calls", "recordings"])
async def test_cli_windowed_error_is_one_line(
    kind: str, fake: FakeBandwidth, tmp_path: Path
) -> None:
    """A wrong password on a windowed kind prints one line and exits 1, like the other kinds."""
    code, err = await run(
        cli(fake, "export", kind, "--out", str(tmp_path / "o.jsonl")), fake, password="wrong"
    )
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert "401" in err or "nauthorized" in err
    assert "Traceback" not in err


async def test_cli_refused_connection_is_one_line(tmp_path: Path) -> None:
    """A host that refuses connections gives one line and status 1 for a windowed export."""
    async with FakeBandwidth() as fake:
        pass  # closed: its port now refuses connections
    code, err = await run(cli(fake, "export", "calls", "--out", str(tmp_path / "o.jsonl")), fake)
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err


# -- 8. corrupt checkpoint content -----------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"since": "yesterday"}, id="since-str"),
        pytest.param({"offset": "12"}, id="offset-str"),
        pytest.param({"done": [[1, "x"]]}, id="done-str"),
        pytest.param({"done": 5}, id="done-int"),
        pytest.param({"count": -3}, id="count-negative"),
        pytest.param({"finished": "no"}, id="finished-str"),
        pytest.param({"cursor": 7}, id="cursor-int"),
        pytest.param({"kind": ["calls"]}, id="kind-list"),
        pytest.param({"surprise": 1}, id="unknown-key"),
    ],
)
async def test_corrupt_checkpoint_is_refused(change: dict[str, object], tmp_path: Path) -> None:
    """Valid JSON with wrong types is an ExportError, and the output is left as it was."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=200, seed=7) as fake, fake.client() as client:
        await export(client, "calls", out, checkpoint=checkpoint)
        saved = json.loads(checkpoint.read_text())
        checkpoint.write_text(json.dumps({**saved, "finished": False, **change}))
        before = out.read_bytes()
        with pytest.raises(ExportError, match="not an export checkpoint"):
            await export(client, "calls", out, checkpoint=checkpoint)
    assert out.read_bytes() == before


async def test_cli_corrupt_checkpoint_is_one_line(fake: FakeBandwidth, tmp_path: Path) -> None:
    """The command reports a corrupt checkpoint in one line with status 1."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    out.write_bytes(b"keep me\n")
    checkpoint.write_text(json.dumps([1, 2, 3]))
    code, err = await run(
        cli(fake, "export", "calls", "--out", str(out), "--checkpoint", str(checkpoint)), fake
    )
    assert code == 1
    assert "not an export checkpoint" in err
    assert len(err.strip().splitlines()) == 1
    assert out.read_bytes() == b"keep me\n"


# -- 16. CSV formulas ------------------------------------------------------------------------

HOSTILE = {
    '=HYPERLINK("http://127.0.0.1/x","click")': '\'=HYPERLINK("http://127.0.0.1/x","click")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A2)": "'@SUM(A1:A2)",
    "\tx": "'\tx",
    "\rx": "'\rx",
    "+19195551234": "+19195551234",
    "-12": "-12",
    "-0.5": "-0.5",
    "plain": "plain",
}


async def media_with_hostile_names(fake: FakeBandwidth) -> None:
    """Upload one media file per hostile value (as its name) to the emulator."""
    async with fake.client() as client:
        for name in HOSTILE:
            await client.media.upload(name, b"x", content_type="text/plain")


async def test_csv_neutralises_formulas_by_default(fake: FakeBandwidth, tmp_path: Path) -> None:
    """Cells a spreadsheet would run get a leading quote; E.164 numbers and negatives do not."""
    await media_with_hostile_names(fake)
    out = tmp_path / "media.csv"
    async with fake.client() as client:
        await export(client, "media", out, format="csv")
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["mediaName"] for r in rows) == sorted(HOSTILE.values())
    assert {r["contentLength"] for r in rows} == {"1"}


async def test_csv_formulas_kept_when_asked(fake: FakeBandwidth, tmp_path: Path) -> None:
    """``safe_csv=False`` writes every value exactly as received, for machine consumers."""
    await media_with_hostile_names(fake)
    out = tmp_path / "media.csv"
    async with fake.client() as client:
        await export(client, "media", out, format="csv", safe_csv=False)
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["mediaName"] for r in rows) == sorted(HOSTILE)


# -- record times in any form the API might send -----------------------------------------------

WINDOW_SINCE = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
WINDOW_UNTIL = dt.datetime(2026, 7, 2, tzinfo=dt.UTC)


def calls_answering(records: list[dict[str, object]]) -> Handler:
    """A listCalls that answers every window's query with all of *records* (one page)."""

    async def handle(request: web.Request) -> web.Response:
        assert request.path.endswith("/calls")
        return web.json_response(records)

    return handle


async def export_served(
    handler: Handler, out: Path, *, concurrency: int = 8, retry: bw.RetryPolicy | None = None
) -> tuple[ExportResult, int]:
    """Export calls of [WINDOW_SINCE, WINDOW_UNTIL) from *handler*: the result, and its queries."""
    async with serve(handler) as served:
        client = bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url, retry=retry)
        async with client:
            result = await export(
                client,
                "calls",
                out,
                since=WINDOW_SINCE,
                until=WINDOW_UNTIL,
                concurrency=concurrency,
            )
        return result, len(served.seen)


def written_ids(out: Path) -> list[str]:
    """The callId of every line of JSON Lines file *out*, in order."""
    return [json.loads(line)["callId"] for line in out.read_text().splitlines()]


async def test_windowed_export_places_every_time_form_in_one_window(tmp_path: Path) -> None:
    """Times with and without milliseconds, with offsets, as week dates or none: each once."""
    times = {
        "c-millis": "2026-07-01T01:00:00.250Z",
        "c-seconds": "2026-07-01T02:00:00Z",
        "c-offset": "2026-07-01T03:00:00.500+00:00",
        "c-plus-two": "2026-07-01T06:00:00.125+02:00",
        "c-week-date": "2026-W27-3T05:00:00.000Z",  # 2026-07-01, a Wednesday
        "c-at-until": "2026-07-02T00:00:00.000Z",  # the range is half-open: not this one
        "c-before": "2026-06-30T23:59:59.999Z",
    }
    records: list[dict[str, object]] = [{"callId": k, "startTime": v} for k, v in times.items()]
    records.append({"callId": "c-no-time"})  # every window's answer holds it: written once
    out = tmp_path / "calls.jsonl"
    result, windows = await export_served(calls_answering(records), out, concurrency=4)
    ids = written_ids(out)
    assert sorted(ids) == [
        "c-millis",
        "c-no-time",
        "c-offset",
        "c-plus-two",
        "c-seconds",
        "c-week-date",
    ]
    assert result.count == 6
    assert windows >= 4  # every window saw every record, and kept only its own


async def test_windowed_export_refuses_an_impossible_date(tmp_path: Path) -> None:
    """A startTime in the API's shape but no real date is a DecodeError, and no file is left."""
    records: list[dict[str, object]] = [
        {"callId": "c-good", "startTime": "2026-07-01T01:00:00.250Z"},
        {"callId": "c-bad", "startTime": "2026-13-45T01:00:00.250Z"},
    ]
    out = tmp_path / "calls.jsonl"
    with pytest.raises(bw.DecodeError):
        await export_served(calls_answering(records), out, retry=bw.RetryPolicy.none())
    assert not out.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"<html>not JSON</html>",
        b'{"calls": []}',  # an object, not the array of calls
        b"[1, 2]",  # records that are no objects
        b'[{"callId": "c-1", "startTime": 1782867600250}]',  # a time as a number
        b'[{"callId": "c-1", "startTime": "2026-07-01T01:00:00.250Z"}',  # cut short
    ],
)
async def test_windowed_export_refuses_a_hostile_body(body: bytes, tmp_path: Path) -> None:
    """Whatever a window's page holds, the export raises our DecodeError and leaves no file."""

    async def handle(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/json")

    out = tmp_path / "calls.jsonl"
    with pytest.raises(bw.DecodeError):
        await export_served(handle, out, retry=bw.RetryPolicy.none())
    assert not out.exists()


# -- a server that answers full windows out of time order ------------------------------------

CAP = 10_000


def capped_calls(times: list[dt.datetime], *, newest_first: bool) -> Handler:
    """
    A listCalls that, like the API, returns at most CAP calls a query (one page, no link):
    the oldest ones in the window, but listed newest first when *newest_first*.
    """

    async def handle(request: web.Request) -> web.Response:
        lo = dt.datetime.fromisoformat(request.query["minStartTime"])
        hi = dt.datetime.fromisoformat(request.query["maxStartTime"])
        found = [(i, t) for i, t in enumerate(times) if lo <= t <= hi][:CAP]
        if newest_first:
            found.reverse()
        body = [
            {"callId": f"c-{i}", "startTime": t.isoformat(timespec="milliseconds")[:-6] + "Z"}
            for i, t in found
        ]
        return web.json_response(body)

    return handle


async def test_full_windows_out_of_order_are_halved_and_every_call_written_once(
    tmp_path: Path,
) -> None:
    """A full answer in no time order can't be trusted to end anywhere: halved, fetched again."""
    times = [WINDOW_SINCE + dt.timedelta(seconds=3 * i) for i in range(25_000)]
    out = tmp_path / "calls.jsonl"
    result, queries = await export_served(
        capped_calls(times, newest_first=True), out, concurrency=2
    )
    ids = written_ids(out)
    assert len(ids) == len(set(ids)) == result.count == 25_000
    assert queries > 3  # 2 first windows, each full and out of order: halved at least once


async def test_more_calls_in_one_millisecond_than_a_query_returns_is_a_clear_error(
    tmp_path: Path,
) -> None:
    """10,001 calls at one instant cannot be exported by time windows: ExportError says why."""
    at = WINDOW_SINCE + dt.timedelta(hours=1, milliseconds=250)
    times = [at] * (CAP + 1)
    out = tmp_path / "calls.jsonl"
    with pytest.raises(ExportError, match="10000 calls or more start at 2026-07-01T01:00"):
        await export_served(capped_calls(times, newest_first=False), out)


@pytest.mark.parametrize("bad", [42, ["not", "a", "record"], "m-2"])
async def test_paged_export_refuses_a_record_that_is_no_object(bad: object, tmp_path: Path) -> None:
    """Media (read by plain pagination): a record that is no JSON object is a DecodeError."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response([{"mediaName": "m-1", "contentLength": 3}, bad])

    out = tmp_path / "media.jsonl"
    async with serve(handler) as served:
        client = bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url)
        async with client:
            with pytest.raises(bw.DecodeError, match="Media"):
                await export(client, "media", out)
    assert not out.exists() or out.read_bytes() == b""
