"""
The dialer: AIMD decisions, refusals sent again, in-flight calls awaited, and the ledger.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import bandwidth_async as bw
from bandwidth_async._dial import RATE_DECREASE, START_WINDOW, Aimd
from bandwidth_async.testing import FakeBandwidth, Limits

APP = "04e88489-df02-4e34-a0ee-27a91849555f"


def call(n: int) -> bw.CreateCall:
    """The *n*-th call of a campaign, keyed by its tag."""
    return bw.CreateCall(
        to=f"+1919555{n:04d}",
        from_="+19195554321",
        application_id=APP,
        answer_url="http://127.0.0.1:9/answer",
        tag=f"k{n}",
    )


def created_tags(fake: FakeBandwidth) -> list[str | None]:
    """The tag of every call the emulator created, in order."""
    return [c.tag for c in fake.created_calls]


# -- the pure decisions ----------------------------------------------------------------------


def test_aimd_slow_start_then_one_decrease_per_burst() -> None:
    """The window grows by half per round trip until a 429; a burst of 429s decreases once."""
    aimd = Aimd(50)
    assert aimd.allowed == START_WINDOW
    for _ in range(START_WINDOW):
        aimd.succeeded()
    assert aimd.allowed == START_WINDOW + START_WINDOW // 2
    assert aimd.rate is None
    epoch = aimd.epoch
    assert aimd.refused(epoch, accepted=100.0, now=10.0)
    assert aimd.rate == pytest.approx(100 * RATE_DECREASE)
    assert not aimd.refused(epoch, accepted=100.0, now=10.1), "same burst"
    assert not aimd.refused(aimd.epoch, accepted=100.0, now=10.5), "within a second"
    assert aimd.rate == pytest.approx(100 * RATE_DECREASE)
    assert aimd.refused(aimd.epoch, accepted=90.0, now=11.5)
    assert aimd.rate == pytest.approx(RATE_DECREASE * 90.0)


def test_aimd_increases_additively_and_respects_the_cap() -> None:
    """After a decrease the rate climbs back slowly near the limit; rate= is never exceeded."""
    aimd = Aimd(10, cap=50.0)
    assert aimd.rate == 50.0
    aimd.refused(aimd.epoch, accepted=40.0, now=0.0)
    low = aimd.rate
    assert low == pytest.approx(40 * RATE_DECREASE)
    for _ in range(40):  # about a second of successes
        aimd.succeeded()
    assert low < aimd.rate < 40.0
    for _ in range(100_000):
        aimd.succeeded()
    assert aimd.rate == 50.0
    assert aimd.allowed == 10


def test_aimd_refuses_bad_arguments() -> None:
    """A concurrency below 1 or a rate of 0 is a ValueError."""
    with pytest.raises(ValueError, match="concurrency"):
        Aimd(0)
    with pytest.raises(ValueError, match="rate"):
        Aimd(5, cap=0)


# -- refusals --------------------------------------------------------------------------------


async def test_a_429_is_sent_again_not_failed() -> None:
    """Every 5th POST refused with 429: every call is still created, once, and none fails."""
    async with FakeBandwidth() as fake:
        fake.faults.rate_limit(retry_after=0, every=5, methods="POST")
        async with fake.client() as client:
            results = [r async for r in client.calls.create_many(map(call, range(60)))]
    assert len(results) == 60
    assert all(r.ok and r.status == "created" for r in results)
    assert sum(r.refusals for r in results) > 0
    tags = created_tags(fake)
    assert sorted(tags, key=str) == sorted((f"k{n}" for n in range(60)), key=str)
    assert len(tags) == len(set(tags))


# -- issue 12.1: nothing in flight is abandoned ----------------------------------------------


async def test_input_error_waits_for_calls_in_flight() -> None:
    """The input raising mid-campaign: every call sent gets a result, then the error is raised."""

    def campaign() -> Iterator[bw.CreateCall]:
        for n in range(30):
            yield call(n)
        raise RuntimeError("the CSV is broken on line 31")

    results: list[bw.DialResult] = []
    async with FakeBandwidth() as fake:
        fake.faults.latency(0.2, methods="POST")
        async with fake.client() as client:
            with pytest.raises(RuntimeError, match="line 31"):
                async for result in client.calls.create_many(campaign(), concurrency=10):
                    results.append(result)
    assert len(results) == 30
    assert all(r.ok for r in results)
    assert sorted(created_tags(fake), key=str) == sorted((r.request.tag for r in results), key=str)


async def test_consumer_stopping_awaits_calls_in_flight(tmp_path: Path) -> None:
    """Breaking out early: the calls already sent finish and are recorded, none is cancelled."""
    ledger = tmp_path / "campaign.db"
    async with FakeBandwidth() as fake:
        fake.faults.latency(0.2, methods="POST")
        async with fake.client() as client:
            dials = client.calls.create_many(map(call, range(100)), concurrency=8, ledger=ledger)
            async with contextlib.aclosing(dials) as results:
                async for _ in results:
                    break
        created = created_tags(fake)
    assert len(created) > 1, "calls were in flight when the consumer stopped"
    with bw.Ledger(ledger) as book:
        entries = {e.key: e for e in book.entries()}
    assert set(entries) == set(created)
    assert all(e.status == "created" and e.call_id for e in entries.values())


# -- the ledger ------------------------------------------------------------------------------


async def test_rerun_dials_only_what_was_never_sent(tmp_path: Path) -> None:
    """A second run with the same ledger sends only the rest, and replays the recorded results."""
    ledger = tmp_path / "campaign.db"
    async with FakeBandwidth() as fake, fake.client() as client:
        first = [r async for r in client.calls.create_many(map(call, range(20)), ledger=ledger)]
        second = [r async for r in client.calls.create_many(map(call, range(50)), ledger=ledger)]
        tags = created_tags(fake)
    assert len(first) == 20
    assert len(second) == 50
    assert sum(r.recorded for r in second) == 20
    assert all(r.ok for r in second)
    assert sorted(tags, key=str) == sorted((f"k{n}" for n in range(50)), key=str)
    replayed = {r.request.tag: r.response for r in second if r.recorded}
    for r in first:
        assert r.response is not None
        assert replayed[r.request.tag] == r.response


async def test_unknown_outcomes_are_listed_not_redialled(tmp_path: Path) -> None:
    """A POST answered by a reset is unknown: a re-run does not dial it; reconcile resolves it."""
    ledger = tmp_path / "campaign.db"
    async with FakeBandwidth() as fake, fake.client() as client:
        fake.faults.reset(times=1, methods="POST", after_processing=True)
        first = [r async for r in client.calls.create_many([call(1)], ledger=ledger)]
        assert first[0].status == "unknown"
        assert isinstance(first[0].error, bw.OutcomeUnknownError)
        again = [r async for r in client.calls.create_many([call(1), call(2)], ledger=ledger)]
        assert created_tags(fake) == ["k1", "k2"]
        assert [r.recorded for r in again] == [True, False]
        assert again[0].status == "unknown"
        with bw.Ledger(ledger) as book:
            assert [e.key for e in book.entries("unknown")] == ["k1"]
            report = await book.reconcile(client)
            assert [e.key for e in report.resolved] == ["k1"]
            assert report.unresolved == []
            entry = book.get("k1")
        assert entry is not None
        assert entry.status == "created"
        assert entry.call_id == fake.created_calls[0].call_id


async def test_reconcile_says_what_it_could_not_resolve(tmp_path: Path) -> None:
    """An unknown outcome with no matching call stays unknown, with the reason."""
    ledger = tmp_path / "campaign.db"
    async with FakeBandwidth() as fake, fake.client() as client:
        fake.faults.reset(times=1, methods="POST", after_processing=False)
        results = [r async for r in client.calls.create_many([call(7)], ledger=ledger)]
        assert results[0].status == "unknown"
        assert fake.created_calls == []
        with bw.Ledger(ledger) as book:
            report = await book.reconcile(client)
    assert report.resolved == []
    assert [(e.key, why) for e, why in report.unresolved] == [("k7", "no matching call")]


async def test_duplicate_key_in_one_run_is_refused(tmp_path: Path) -> None:
    """The same key twice in one run is a ValueError; the first one is dialled once only."""
    ledger = tmp_path / "campaign.db"
    async with FakeBandwidth() as fake, fake.client() as client:
        with pytest.raises(ValueError, match="twice"):
            async for _ in client.calls.create_many([call(1), call(2), call(1)], ledger=ledger):
                pass
        assert sorted(created_tags(fake), key=str) == ["k1", "k2"]


def test_ledger_is_locked_and_checked(tmp_path: Path) -> None:
    """A second open of a ledger in use, or a file that is not one, is a ConfigurationError."""
    path = tmp_path / "campaign.db"
    with bw.Ledger(path), pytest.raises(bw.ConfigurationError, match="in use"):
        bw.Ledger(path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(bw.ConfigurationError, match="not a dial ledger"):
        bw.Ledger(junk)
    with pytest.raises(bw.ConfigurationError, match="does not exist"):
        bw.Ledger(tmp_path / "nope" / "x.db")


def test_a_dead_runs_sending_rows_become_unknown(tmp_path: Path) -> None:
    """Rows left at "sending" by a killed process are unknown when the ledger is opened again."""
    path = tmp_path / "campaign.db"
    with bw.Ledger(path) as book:
        book.sending("k1", "+19195550001", "+19195554321", "k1")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT status FROM dials").fetchall() == [("sending",)]
    with bw.Ledger(path) as book:
        entry = book.get("k1")
        assert book.counts() == {"unknown": 1}
    assert entry is not None
    assert entry.status == "unknown"


async def test_rate_caps_calls_per_second() -> None:
    """rate= is a hard cap: 12 calls at 20 per second take at least half a second to start."""
    async with FakeBandwidth() as fake, fake.client() as client:
        loop = asyncio.get_running_loop()
        began = loop.time()
        results = [r async for r in client.calls.create_many(map(call, range(12)), rate=20)]
        took = loop.time() - began
    assert all(r.ok for r in results)
    assert took >= 11 / 20 * 0.9


async def test_dialer_settles_under_the_emulators_account_limit() -> None:
    """Under a 20 calls/s account limit every call is created once; 429s are sent again."""
    async with FakeBandwidth(limits=Limits(create_call_per_second=20), latency=0.02) as fake:
        async with fake.client() as client:
            results = [r async for r in client.calls.create_many(map(call, range(60)))]
        stats = fake.stats["createCall"]
    assert all(r.ok for r in results)
    tags = created_tags(fake)
    assert len(tags) == len(set(tags)) == 60
    assert sum(r.refusals for r in results) == stats.rate_limited
    assert stats.requests == 60 + stats.rate_limited
