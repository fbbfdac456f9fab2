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
from bandwidth_async._dial import (
    HOLD_SHARE,
    MEASURE_LONGEST,
    MEASURE_OVER,
    RATE_DECREASE,
    REMEMBER,
    START_WINDOW,
    TARGET,
    Aimd,
    DialMemory,
)
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


def measure(aimd: Aimd, start: float, accepted: list[float], end: float) -> bool:
    """
    Feed *aimd* a measurement: a 429 at *start*, successes at *accepted*, a 429 at *end*.

    Returns whether the 429 at *end* made a decision (the dialer then holds new sends).
    """
    assert not aimd.refused(aimd.epoch, accepted=aimd.rate or 0.0, now=start), "starts one"
    assert aimd.measure_from == start
    for when in accepted:
        aimd.succeeded(when)
    return aimd.refused(aimd.epoch, accepted=0.0, now=end)


def spread(count: int, start: float, seconds: float) -> list[float]:
    """*count* success times spread evenly over *seconds* after *start*."""
    return [start + seconds * (n + 1) / (count + 1) for n in range(count)]


def test_aimd_slow_start_then_one_decrease_per_burst() -> None:
    """The window grows slowly until a 429; a burst of 429s decreases once and asks to hold."""
    aimd = Aimd(50)
    assert aimd.allowed == START_WINDOW
    for n in range(100):
        aimd.succeeded(n / 100)
    assert START_WINDOW < aimd.allowed <= 50
    assert aimd.rate is None
    epoch = aimd.epoch
    assert aimd.refused(epoch, accepted=100.0, now=10.0)
    assert aimd.rate == pytest.approx(100 * RATE_DECREASE)
    assert aimd.held_calls == int(HOLD_SHARE * 100)
    assert not aimd.refused(epoch, accepted=100.0, now=10.1), "same burst"
    assert not aimd.refused(aimd.epoch, accepted=150.0, now=10.5), "within a second"
    assert aimd.rate == pytest.approx(100 * RATE_DECREASE)


@pytest.mark.parametrize(
    ("first_count", "limit"),
    [
        (100.0, 100.0),  # the first 429s fell inside one calendar second
        (192.0, 100.0),  # they came just after a boundary: the last second holds two seconds' calls
        (160.0, 100.0),  # a token bucket: its saved-up burst came on top of the limit
        (30.0, 20.0),  # a small account
    ],
)
def test_limit_is_measured_whatever_the_first_count(first_count: float, limit: float) -> None:
    """However far off the first burst's count is, the rate settles just under the limit."""
    aimd = Aimd(50)
    assert aimd.refused(aimd.epoch, accepted=first_count, now=1.0)
    assert aimd.rate == pytest.approx(RATE_DECREASE * first_count)
    now = 3.0
    if aimd.rate is not None and aimd.rate > MEASURE_OVER * limit:
        # Sent well above the limit: the next 429 drops the rate to what was accepted.
        assert aimd.refused(aimd.epoch, accepted=limit, now=now)
        assert aimd.rate == pytest.approx(RATE_DECREASE * limit)
        now += 1.0
    while aimd.rate is not None and aimd.rate < limit:  # under the limit: no 429, the rate grows
        now += 0.01
        aimd.succeeded(now)
    assert aimd.rate is not None
    assert aimd.rate < MEASURE_OVER * limit
    # A 429 near the limit: measure from it to the first 429 a second later.
    assert measure(aimd, now, spread(int(limit), now, 1.0), now + 1.0)
    assert aimd.known
    assert aimd.limit == pytest.approx(limit)
    assert aimd.rate == pytest.approx(TARGET * limit)
    assert aimd.held_calls == int(limit)


@pytest.mark.parametrize(
    ("accepted", "seconds", "limit"),
    [
        (100, 1.0, 100.0),  # calendar seconds: one second's calls between two 429s
        (150, 1.5, 100.0),  # a token bucket, 429s sparse near the limit: per second
        (25, 1.25, 20.0),
    ],
)
def test_measurement_reads_calls_per_second_between_429s(
    accepted: int, seconds: float, limit: float
) -> None:
    """The limit is the calls accepted between two 429s a second or more apart, per second."""
    aimd = Aimd(50, rate=limit * 1.01, probing=False, limit=limit)
    start = 7.0
    assert measure(aimd, start, spread(accepted, start, seconds), start + seconds)
    assert aimd.limit == pytest.approx(limit)
    assert aimd.rate == pytest.approx(TARGET * limit)


def test_measurement_ignores_429s_within_its_second_and_ends_without_any() -> None:
    """429s less than a second after the start change nothing; none for 2 s leaves the rate."""
    aimd = Aimd(50, rate=100.0, probing=False, limit=100.0)
    assert not aimd.refused(aimd.epoch, accepted=100.0, now=0.0)
    assert not aimd.refused(aimd.epoch, accepted=100.0, now=0.5)
    assert aimd.measure_from == 0.0
    for when in spread(150, 0.0, 2.0):
        aimd.succeeded(when)
    aimd.succeeded(MEASURE_LONGEST + 0.01)
    assert aimd.measure_from is None
    assert not aimd.known
    assert aimd.rate is not None
    assert aimd.rate >= 100.0


def test_aimd_increases_additively_and_respects_the_cap() -> None:
    """After a measurement the rate climbs back slowly near the limit; rate= is never exceeded."""
    aimd = Aimd(10, cap=50.0)
    assert aimd.rate == 50.0
    assert aimd.refused(aimd.epoch, accepted=40.0, now=0.0)  # 50 is well above 40
    assert aimd.rate == pytest.approx(40 * RATE_DECREASE)
    assert measure(aimd, 2.0, spread(40, 2.0, 1.0), 3.0)
    low = aimd.rate
    assert low == pytest.approx(40 * TARGET)
    for n in range(40):  # about a second of successes
        aimd.succeeded(4.0 + n / 40)
    assert low < aimd.rate < 40.0
    for n in range(100_000):
        aimd.succeeded(5.0 + n / 40)
    assert aimd.rate == 50.0
    assert aimd.allowed == 10
    assert measure(aimd, 1e6, spread(200, 1e6, 1.0), 1e6 + 1.0)  # a limit above the cap
    assert aimd.rate == 50.0


def test_aimd_refuses_bad_arguments() -> None:
    """A concurrency below 1 or a rate of 0 is a ValueError."""
    with pytest.raises(ValueError, match="concurrency"):
        Aimd(0)
    with pytest.raises(ValueError, match="rate"):
        Aimd(5, cap=0)


def test_a_run_resumes_where_the_last_one_ended() -> None:
    """The next run keeps the window and the limit learned, paced just under it at once."""
    memory = DialMemory()
    fresh = memory.start(50, None, now=0.0)
    assert fresh.allowed == START_WINDOW
    for n in range(200):
        fresh.succeeded(n / 100)
    memory.keep(fresh, now=2.0)
    grown = memory.start(50, None, now=3.0)
    assert grown.probing
    assert grown.allowed == fresh.allowed > START_WINDOW
    assert grown.rate is None
    assert memory.start(8, None, now=3.0).allowed == 8, "never above the new ceiling"

    measured = Aimd(50, rate=101.0, probing=False, limit=100.0)
    assert measure(measured, 7.0, spread(100, 7.0, 1.0), 8.0)
    measured.succeeded(8.5)  # the rate creeps up after the measurement ...
    memory.keep(measured, now=9.0)
    resumed = memory.start(50, None, now=60.0)
    assert (resumed.known, resumed.limit, resumed.probing) == (True, 100.0, False)
    assert resumed.rate == pytest.approx(TARGET * 100), "... and starts again just under it"
    assert resumed.epoch == 0
    assert resumed.measure_from is None
    assert memory.start(50, 30.0, now=60.0).rate == 30.0, "rate= still caps it"


def test_a_guess_is_resumed_as_a_guess_and_memory_expires() -> None:
    """A limit only guessed restarts at the guess; after REMEMBER seconds a run starts afresh."""
    guessed = Aimd(50)
    assert guessed.refused(guessed.epoch, accepted=150.0, now=1.0)
    memory = DialMemory(guessed, ended=2.0)
    again = memory.start(50, None, now=3.0)
    assert not again.known
    assert again.rate == pytest.approx(RATE_DECREASE * 150)
    late = memory.start(50, None, now=2.0 + REMEMBER + 1.0)
    assert (late.allowed, late.probing, late.rate, late.limit) == (START_WINDOW, True, None, 0.0)
    # A 429 that began a measurement from a capped rate learned no limit: no rate carries over.
    capped = Aimd(50, cap=40.0)
    assert not capped.refused(capped.epoch, accepted=40.0, now=1.0)
    assert not DialMemory(capped, ended=1.0).start(50, None, now=2.0).probing
    assert DialMemory(capped, ended=1.0).start(50, None, now=2.0).rate is None


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


async def test_a_clients_next_campaign_starts_from_what_the_last_one_learned() -> None:
    """A second create_many on one client starts at the pace learned: fewer 429s than the first."""
    async with FakeBandwidth(limits=Limits(create_call_per_second=20), latency=0.02) as fake:
        async with fake.client() as client:
            first = [r async for r in client.calls.create_many(map(call, range(60)))]
            view = client.with_options(timeout=30)  # a view shares what was learned
            second = [r async for r in view.calls.create_many(map(call, range(60, 100)))]
    assert all(r.ok for r in first + second)
    tags = created_tags(fake)
    assert len(tags) == len(set(tags)) == 100
    assert sum(r.refusals for r in first) > sum(r.refusals for r in second)


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
