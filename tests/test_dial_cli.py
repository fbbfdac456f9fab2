"""
``bandwidth-async dial`` and a campaign killed halfway, in subprocesses against the emulator.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import textwrap
from pathlib import Path

import pytest

from bandwidth_async.testing import FakeBandwidth

APP = "04e88489-df02-4e34-a0ee-27a91849555f"


def environment(fake: FakeBandwidth) -> dict[str, str]:
    """The environment of a child process that talks to *fake*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BW_")}
    env |= {
        "BW_USERNAME": fake.username,
        "BW_PASSWORD": fake.password,
        "BW_ACCOUNT_ID": fake.account_id,
        "BW_BASE_URL": fake.base_url,
    }
    return env


async def dial(fake: FakeBandwidth, *argv: str) -> tuple[int, str]:
    """Run ``python -m bandwidth_async dial *argv`` (BW_BASE_URL: *fake*); status and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bandwidth_async",
        "dial",
        *argv,
        env=environment(fake),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, err.decode()


def lines(path: Path) -> list[dict[str, object]]:
    """The JSON objects of *path*, one a line."""
    return [json.loads(line) for line in path.read_text().splitlines()]


COMMON = ("--from", "+19195554321", "--application-id", APP, "--answer-url", "http://127.0.0.1:9/a")


async def test_cli_dials_every_row_and_resumes_from_the_ledger(tmp_path: Path) -> None:
    """A CSV with tags: one result line per row; a re-run dials nothing and writes every line."""
    numbers = tmp_path / "numbers.csv"
    numbers.write_text("to,tag\n" + "".join(f"+1919555{n:04d},row-{n}\n" for n in range(40)))
    out, ledger = tmp_path / "results.jsonl", tmp_path / "campaign.db"
    async with FakeBandwidth() as fake:
        argv = ["--numbers", str(numbers), *COMMON, "--ledger", str(ledger), "--out", str(out)]
        code, err = await dial(fake, *argv)
        assert code == 0, err
        first = lines(out)
        code, err = await dial(fake, *argv)
        assert code == 0, err
        created = [c.tag for c in fake.created_calls]
    assert len(first) == 40
    assert {r["status"] for r in first} == {"created"}
    assert all(r["call_id"] and r["error"] is None for r in first)
    assert sorted(str(r["tag"]) for r in first) == sorted(f"row-{n}" for n in range(40))
    assert sorted(created, key=str) == sorted((f"row-{n}" for n in range(40)), key=str)
    again = lines(out)
    assert {r["tag"]: r["call_id"] for r in again} == {r["tag"]: r["call_id"] for r in first}
    assert "40 created, 0 failed, 0 unknown (40 from the ledger)" in err


async def test_cli_plain_list_of_numbers(tmp_path: Path) -> None:
    """One number per line: each number is its key; failures make the exit status 1."""
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("+19195550001\n\n+19195550002\n+19195550003\n")
    out = tmp_path / "results.jsonl"
    async with FakeBandwidth() as fake:
        fake.faults.server_error(500, times=1, methods="POST")
        code, err = await dial(fake, "--numbers", str(numbers), *COMMON, "--out", str(out))
    results = lines(out)
    assert code == 1
    assert sorted(str(r["to"]) for r in results) == ["+19195550001", "+19195550002", "+19195550003"]
    assert sorted(str(r["status"]) for r in results) == ["created", "created", "failed"]
    failed = next(r for r in results if r["status"] == "failed")
    assert "ServerError" in str(failed["error"])
    assert "2 created, 1 failed" in err


@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        pytest.param("+19195550001\n+19195550001\n", COMMON, "twice", id="duplicate"),
        pytest.param("to,colour\n+19195550001,red\n", COMMON, "colour", id="column"),
        pytest.param("+19195550001\n", COMMON[:2], "--application-id", id="missing"),
        pytest.param("+19195550001\n", (*COMMON, "--rate", "0"), "rate", id="rate"),
        pytest.param("+19195550001\n", (*COMMON, "--reconcile"), "--ledger", id="reconcile"),
    ],
)
async def test_cli_refuses_bad_input_before_dialling(
    content: str, argv: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    """Repeated keys, unknown columns and missing options exit 2 with nothing dialled."""
    numbers = tmp_path / "numbers.csv"
    numbers.write_text(content)
    async with FakeBandwidth() as fake:
        code, err = await dial(
            fake, "--numbers", str(numbers), *argv, "--out", str(tmp_path / "r.jsonl")
        )
        assert fake.created_calls == []
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


CAMPAIGN = textwrap.dedent(
    """
    import asyncio, os, sys
    import bandwidth_async as bw

    def numbers():
        for n in range(5_000):
            yield bw.CreateCall(to=f"+1919{n:07d}", from_="+19195554321",
                application_id="{app}", answer_url="http://127.0.0.1:9/a", tag=f"n{n}")

    async def main():
        async with bw.BandwidthClient(base_url=os.environ["BW_BASE_URL"]) as client:
            book = bw.Ledger(sys.argv[2])
            if sys.argv[3] == "reconcile":
                await book.reconcile(client, redial_missing=True)
            with open(sys.argv[1], "wb") as out:
                async for r in client.calls.create_many(numbers(), concurrency=20, ledger=book):
                    out.write(f"{r.request.tag} {r.status} {r.call_id}\\n".encode())
                    out.flush()
            book.close()

    asyncio.run(main())
    """
).replace("{app}", APP)


async def test_campaign_killed_halfway_dials_every_number_once(tmp_path: Path) -> None:
    """5,000 calls from a generator, SIGKILL halfway, run again: each number once, every line."""
    script, ledger = tmp_path / "campaign.py", tmp_path / "campaign.db"
    first_out, second_out = tmp_path / "first.txt", tmp_path / "second.txt"
    script.write_text(CAMPAIGN)
    async with FakeBandwidth() as fake:
        env = environment(fake)
        victim = await asyncio.create_subprocess_exec(
            sys.executable, str(script), str(first_out), str(ledger), "-", env=env
        )
        for _ in range(3_000):
            if len(fake.created_calls) >= 2_500:
                break
            await asyncio.sleep(0.01)
        victim.send_signal(signal.SIGKILL)
        await asyncio.wait_for(victim.wait(), timeout=30)
        killed_at = len(fake.created_calls)
        again = await asyncio.create_subprocess_exec(
            sys.executable, str(script), str(second_out), str(ledger), "reconcile", env=env
        )
        assert await asyncio.wait_for(again.wait(), timeout=120) == 0
        created = [c.tag for c in fake.created_calls]
        ids = {c.tag: c.call_id for c in fake.created_calls}
    assert 0 < killed_at < 5_000, "the first run was killed halfway"
    assert len(created) == len(set(created)) == 5_000, "a number was dialled twice or never"
    results = [line.split() for line in second_out.read_text().splitlines()]
    assert sorted(r[0] for r in results) == sorted(f"n{n}" for n in range(5_000))
    assert all(status == "created" for _, status, _ in results), "every outcome resolved"
    assert all(call_id == ids[tag] for tag, _, call_id in results)
