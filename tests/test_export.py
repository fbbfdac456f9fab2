"""
``bandwidth_async.export`` and the ``bandwidth-async export`` command, against the emulator.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bandwidth_async.__main__ import main
from bandwidth_async.export import ExportError, ExportResult, export
from bandwidth_async.testing import FakeBandwidth

CALLS = 25_000


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """Every line of *path* decoded; fails on a half-written line."""
    with path.open() as f:
        return [json.loads(line) for line in f]


def ids(records: list[dict[str, object]], key: str) -> list[object]:
    """The *key* of every record, in order."""
    return [r[key] for r in records]


def windows(fake: FakeBandwidth) -> list[tuple[str, str]]:
    """The (minStartTime, maxStartTime) of every listCalls query the emulator received."""
    return [
        (r.query["minStartTime"], r.query["maxStartTime"])
        for r in fake.requests
        if r.path.endswith("/calls") and r.method == "GET" and "pageToken" not in r.query
    ]


@pytest.fixture
async def calls_fake() -> AsyncIterator[FakeBandwidth]:
    """An emulator holding 25,000 calls over the last week."""
    async with FakeBandwidth(calls=CALLS, seed=1) as server:
        yield server


async def test_every_call_exported_once(calls_fake: FakeBandwidth, tmp_path: Path) -> None:
    """25,000 calls, more than one query can return, come out once each in JSON Lines."""
    out = tmp_path / "calls.jsonl"
    async with calls_fake.client() as client:
        result = await export(client, "calls", out)
    records = read_jsonl(out)
    call_ids = ids(records, "callId")
    assert result.count == len(records) == len(set(call_ids)) == CALLS
    assert result.path == out
    assert result.seconds > 0
    assert len(windows(calls_fake)) > 1
    first = records[0]
    assert first["accountId"] == calls_fake.account_id
    assert str(first["startTime"]).endswith("Z")


async def test_full_window_is_split_in_halves(calls_fake: FakeBandwidth, tmp_path: Path) -> None:
    """A window holding more than 10,000 calls is halved until each half fits, losing nothing."""
    out = tmp_path / "calls.jsonl"
    async with calls_fake.client() as client:
        result = await export(client, "calls", out, window=dt.timedelta(days=30), concurrency=2)
    call_ids = ids(read_jsonl(out), "callId")
    assert result.count == len(call_ids) == len(set(call_ids)) == CALLS
    asked = windows(calls_fake)
    # One 8-day window (full), then its halves, then quarters: at least 3 distinct queries.
    assert len(set(asked)) >= 3
    assert len(asked) == len(set(asked))


async def test_since_until_is_half_open(calls_fake: FakeBandwidth, tmp_path: Path) -> None:
    """Only calls starting in [since, until) are written, and all of them."""
    until = calls_fake.now - dt.timedelta(days=2)
    since = until - dt.timedelta(days=1)
    everything, day = tmp_path / "all.jsonl", tmp_path / "day.jsonl"
    async with calls_fake.client() as client:
        await export(client, "calls", everything)
        result = await export(client, "calls", day, since=since, until=until, page_size=500)
    expected = {
        r["callId"]
        for r in read_jsonl(everything)
        if since <= dt.datetime.fromisoformat(str(r["startTime"])) < until
    }
    got = ids(read_jsonl(day), "callId")
    assert result.count == len(got) == len(set(got)) == len(expected)
    assert set(got) == expected
    assert 0 < len(expected) < CALLS


async def test_csv_has_a_header_and_one_row_per_call(tmp_path: Path) -> None:
    """CSV output starts with the model's wire names and holds one row per call."""
    out = tmp_path / "calls.csv"
    async with FakeBandwidth(calls=3_000, seed=2) as fake, fake.client() as client:
        result = await export(client, "calls", out, format="csv")
    with out.open(newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["applicationId", "accountId", "callId"]
    assert "from" in header
    assert "startTime" in header
    column = header.index("callId")
    assert result.count == len(body) == len({row[column] for row in body}) == 3_000
    assert all(len(row) == len(header) for row in body)
    nested = [row[header.index("stirShaken")] for row in body if row[header.index("stirShaken")]]
    assert nested
    assert all(isinstance(json.loads(cell), dict) for cell in nested)


async def test_resume_after_a_crash_writes_each_call_once(
    calls_fake: FakeBandwidth, tmp_path: Path
) -> None:
    """An export cancelled midway, with half a line left behind, resumes to exactly every call."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with calls_fake.client() as client:
        task: asyncio.Task[ExportResult] | None = None

        def stop_midway(count: int) -> None:
            if count >= 8_000 and task is not None:
                task.cancel()

        task = asyncio.create_task(
            export(
                client,
                "calls",
                out,
                checkpoint=checkpoint,
                progress=stop_midway,
                window=dt.timedelta(hours=1),
                concurrency=4,
            )
        )
        with pytest.raises(asyncio.CancelledError):
            await task
        saved = json.loads(checkpoint.read_text())
        assert 8_000 <= saved["count"] < CALLS
        assert not saved["finished"]
        with out.open("ab") as f:  # the page being written when the process died
            f.write(b'{"callId":"half-writ')
        result = await export(client, "calls", out, checkpoint=checkpoint)
    call_ids = ids(read_jsonl(out), "callId")
    assert result.count == len(call_ids) == len(set(call_ids)) == CALLS
    assert result.written == CALLS - saved["count"]
    assert "half-writ" not in out.read_text()
    # The second run asked again only for the windows in flight when the first was cancelled.
    asked = windows(calls_fake)
    assert len(asked) - len(set(asked)) <= 4
    assert json.loads(checkpoint.read_text())["finished"]


async def test_finished_checkpoint_makes_a_rerun_a_no_op(tmp_path: Path) -> None:
    """Running a finished export again sends nothing and leaves the output as it was."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=500, seed=3) as fake, fake.client() as client:
        first = await export(client, "calls", out, checkpoint=checkpoint)
        before, sent = out.read_bytes(), len(fake.requests)
        again = await export(client, "calls", out, checkpoint=checkpoint)
        assert len(fake.requests) == sent
    assert again.count == first.count == first.written == 500
    assert again.written == 0
    assert out.read_bytes() == before


async def test_checkpoint_of_another_export_is_refused(tmp_path: Path) -> None:
    """A checkpoint written for other arguments is not silently reused."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=100, seed=3) as fake, fake.client() as client:
        await export(client, "calls", out, checkpoint=checkpoint)
        with pytest.raises(ExportError, match="format"):
            await export(client, "calls", out, format="csv", checkpoint=checkpoint)
        with pytest.raises(ExportError, match="kind"):
            await export(client, "messages", out, checkpoint=checkpoint)
        saved = json.loads(checkpoint.read_text())
        checkpoint.write_text(json.dumps({**saved, "version": 99}))
        with pytest.raises(ExportError, match="another version"):
            await export(client, "calls", out, checkpoint=checkpoint)
        checkpoint.write_text("not json")
        with pytest.raises(ExportError, match="not an export checkpoint"):
            await export(client, "calls", out, checkpoint=checkpoint)


async def test_output_shorter_than_its_checkpoint_is_refused(tmp_path: Path) -> None:
    """An output truncated behind the exporter's back is reported rather than patched over."""
    out, checkpoint = tmp_path / "calls.jsonl", tmp_path / "calls.ckpt"
    async with FakeBandwidth(calls=100, seed=3) as fake, fake.client() as client:
        await export(client, "calls", out, checkpoint=checkpoint)
        saved = json.loads(checkpoint.read_text())
        saved["finished"] = False
        checkpoint.write_text(json.dumps(saved))
        out.write_bytes(b"")
        with pytest.raises(ExportError, match="not the output of this checkpoint"):
            await export(client, "calls", out, checkpoint=checkpoint)


async def test_recordings_split_past_the_1000_cap(tmp_path: Path) -> None:
    """2,500 recordings, more than the 1,000 one unpaginated query returns, are all exported."""
    out = tmp_path / "recordings.jsonl"
    async with FakeBandwidth(calls=2_000, recordings=2_500, seed=4) as fake:
        async with fake.client() as client:
            result = await export(client, "recordings", out, window=dt.timedelta(days=30))
    recording_ids = ids(read_jsonl(out), "recordingId")
    assert result.count == len(recording_ids) == len(set(recording_ids)) == 2_500


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        pytest.param("conferences", "id", id="conferences-link"),
        pytest.param("messages", "messageId", id="messages-pageinfo"),
        pytest.param("media", "mediaName", id="media-continuation-token"),
    ],
)
async def test_paginated_kinds_are_exported_once(kind: str, key: str, tmp_path: Path) -> None:
    """Conferences, messages and media are read page by page, every record once."""
    out = tmp_path / f"{kind}.jsonl"
    async with FakeBandwidth(conferences=250, messages=2_500, media=250, seed=5) as fake:
        async with fake.client() as client:
            result = await export(client, kind, out, page_size=100)  # type: ignore[arg-type]
    keys = ids(read_jsonl(out), key)
    assert result.count == len(keys) == len(set(keys))
    assert result.count == {"conferences": 250, "messages": 2_500, "media": 250}[kind]


async def test_messages_resume_from_the_page_cursor(tmp_path: Path) -> None:
    """A message export stopped after its first pages continues from the saved cursor."""
    out, checkpoint = tmp_path / "messages.csv", tmp_path / "messages.ckpt"
    async with FakeBandwidth(messages=1_000, seed=6) as fake, fake.client() as client:
        task: asyncio.Task[ExportResult] | None = None

        def stop(count: int) -> None:
            if count >= 300 and task is not None:
                task.cancel()

        task = asyncio.create_task(
            export(
                client,
                "messages",
                out,
                format="csv",
                checkpoint=checkpoint,
                page_size=100,
                progress=stop,
            )
        )
        with pytest.raises(asyncio.CancelledError):
            await task
        assert json.loads(checkpoint.read_text())["cursor"]
        result = await export(
            client, "messages", out, format="csv", checkpoint=checkpoint, page_size=100
        )
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    message_ids = [row["messageId"] for row in rows]
    assert result.count == len(message_ids) == len(set(message_ids)) == 1_000


async def test_messages_time_range(tmp_path: Path) -> None:
    """Messages are filtered on receiveTime in [since, until)."""
    out = tmp_path / "messages.jsonl"
    async with FakeBandwidth(messages=700, seed=7) as fake, fake.client() as client:
        since = fake.now - dt.timedelta(days=3)
        until = fake.now - dt.timedelta(days=1)
        result = await export(client, "messages", out, since=since, until=until)
    times = [dt.datetime.fromisoformat(str(r["receiveTime"])) for r in read_jsonl(out)]
    assert result.count == len(times) > 0
    assert all(since <= t < until for t in times)


async def test_progress_draws_a_counter_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``progress=True`` ends with a line giving the final count."""
    async with FakeBandwidth(calls=1_500, seed=8) as fake, fake.client() as client:
        await export(client, "calls", tmp_path / "calls.jsonl", progress=True)
    err = capsys.readouterr().err
    assert "calls: 1,500 exported" in err
    assert err.endswith("\n")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param({"kind": "faxes"}, "kind", id="kind"),
        pytest.param({"format": "xml"}, "format", id="format"),
        pytest.param({"concurrency": 0}, "concurrency", id="concurrency"),
        pytest.param({"page_size": 0}, "page_size", id="page-size"),
        pytest.param({"window": dt.timedelta(0)}, "window", id="window"),
        pytest.param(
            {"since": dt.datetime(2026, 2, 1, tzinfo=dt.UTC), "until": dt.datetime(2026, 1, 1)},
            "before",
            id="since-after-until",
        ),
        pytest.param(
            {"kind": "media", "since": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
            "no time filter",
            id="media-since",
        ),
    ],
)
async def test_bad_arguments_raise_value_error(
    kwargs: dict[str, object], match: str, fake: FakeBandwidth, tmp_path: Path
) -> None:
    """Arguments out of range fail before anything is sent or written."""
    arguments: dict[str, object] = {"kind": "calls", **kwargs}
    kind = arguments.pop("kind")
    async with fake.client() as client:
        with pytest.raises(ValueError, match=match):
            await export(client, kind, tmp_path / "out.jsonl", **arguments)  # type: ignore[arg-type]
    assert fake.requests == []
    assert not (tmp_path / "out.jsonl").exists()


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch, fake: FakeBandwidth) -> FakeBandwidth:
    """The BW_* variables set to the emulator's credentials."""
    monkeypatch.setenv("BW_USERNAME", fake.username)
    monkeypatch.setenv("BW_PASSWORD", fake.password)
    monkeypatch.setenv("BW_ACCOUNT_ID", fake.account_id)
    return fake


async def test_cli_exports_calls_in_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``main(["export", "calls", ...])`` writes the file and reports the count on stderr."""
    out = tmp_path / "calls.csv"
    async with FakeBandwidth(calls=2_000, seed=9) as fake:
        monkeypatch.setenv("BW_USERNAME", fake.username)
        monkeypatch.setenv("BW_PASSWORD", fake.password)
        monkeypatch.setenv("BW_ACCOUNT_ID", fake.account_id)
        since = (fake.now - dt.timedelta(days=8)).strftime("%Y-%m-%dT%H:%MZ")
        argv = ["export", "calls", "--since", since, "--out", str(out)]
        argv += ["--base-url", fake.base_url, "--concurrency", "2", "--no-progress"]
        # main() runs its own event loop, so it gets a thread while this loop serves the fake.
        code = await asyncio.to_thread(main, argv)
    assert code == 0
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert len({row["callId"] for row in rows}) == len(rows) == 2_000
    assert f"exported 2000 calls to {out}" in capsys.readouterr().err


async def test_cli_runs_as_python_dash_m(credentials: FakeBandwidth, tmp_path: Path) -> None:
    """``python -m bandwidth_async export media`` exits 0 and writes one line per file."""
    fake = credentials
    for n in range(3):
        async with fake.client() as client:
            await client.media.upload(f"pic-{n}.png", b"png", content_type="image/png")
    out, checkpoint = tmp_path / "media.jsonl", tmp_path / "media.ckpt"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bandwidth_async",
        "export",
        "media",
        "--out",
        str(out),
        "--checkpoint",
        str(checkpoint),
        "--base-url",
        fake.base_url,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    names = ids(read_jsonl(out), "mediaName")
    assert sorted(str(n) for n in names) == ["pic-0.png", "pic-1.png", "pic-2.png"]
    assert "exported 3 media" in err.decode()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["export", "faxes", "--out", "x"], "invalid choice", id="kind"),
        pytest.param(["export", "calls"], "--out", id="no-out"),
        pytest.param(["export", "calls", "--out", "x", "--since", "soon"], "ISO", id="since"),
        pytest.param(["export", "calls", "--out", "x", "--concurrency", "0"], ">= 1", id="conc"),
        pytest.param(["export", "calls", "--out", "x", "--page-size", "ten"], ">= 1", id="size"),
        pytest.param(["export", "calls", "--out", "x", "--format", "xml"], "choice", id="fmt"),
        pytest.param(
            ["export", "calls", "--out", "x", "--since", "2026-02-01", "--until", "2026-01-01"],
            "before",
            id="since-after-until",
        ),
        pytest.param(["export", "media", "--out", "x", "--since", "2026-01-01"], "time", id="m"),
        pytest.param([], "COMMAND", id="no-command"),
    ],
)
async def test_cli_bad_arguments_exit_2(  # noqa: PLR0917 - fixtures
    argv: list[str],
    message: str,
    credentials: FakeBandwidth,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Bad arguments print a clear error on stderr and exit with status 2, writing nothing."""
    monkeypatch.chdir(tmp_path)
    argv = [*argv, "--base-url", credentials.base_url] if argv else argv
    code = await asyncio.to_thread(main, argv)
    assert code == 2
    assert message in capsys.readouterr().err
    assert credentials.requests == []
    assert not (tmp_path / "x").exists()


def test_cli_without_credentials_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Missing BW_* variables give a ConfigurationError message naming them, and status 2."""
    for name in ("BW_USERNAME", "BW_PASSWORD", "BW_ACCOUNT_ID"):
        monkeypatch.delenv(name, raising=False)
    code = main(["export", "calls", "--out", str(tmp_path / "calls.jsonl")])
    assert code == 2
    assert "BW_USERNAME" in capsys.readouterr().err


async def test_cli_reports_bandwidth_errors_with_status_1(
    monkeypatch: pytest.MonkeyPatch, fake: FakeBandwidth, tmp_path: Path
) -> None:
    """A rejected password is reported in one line and exits with status 1."""
    monkeypatch.setenv("BW_USERNAME", fake.username)
    monkeypatch.setenv("BW_PASSWORD", "wrong")
    monkeypatch.setenv("BW_ACCOUNT_ID", fake.account_id)
    argv = ["export", "conferences", "--out", str(tmp_path / "c.jsonl")]
    argv += ["--base-url", fake.base_url, "--checkpoint", str(tmp_path / "c.ckpt")]
    code = await asyncio.to_thread(main, argv)
    assert code == 1


def test_cli_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """``--help`` prints the usage and exits 0."""
    assert main(["export", "--help"]) == 0
    assert "--checkpoint" in capsys.readouterr().out
