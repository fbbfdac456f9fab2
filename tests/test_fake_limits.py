"""
The emulator's account limits, latency and per-operation statistics, through the SDK.
"""

from __future__ import annotations

import asyncio
import time

import pytest

import bandwidth_async as bw
from bandwidth_async.testing import FakeBandwidth, Limits, RandomLatency


def call(fake: FakeBandwidth, to: str = "+19195551234") -> bw.CreateCall:
    return bw.CreateCall(
        to=to,
        from_="+19195554321",
        application_id=fake.application_id,
        answer_url="https://example.com/answer",
    )


async def test_createcall_above_cps_gets_429_with_retry_after_and_error_body() -> None:
    """A call above the account's CPS is refused with 429, Retry-After and a voice error body."""
    # One call per 100 s: the second call of a burst is refused, however slow the machine.
    limits = Limits(create_call_per_second=0.01)
    async with FakeBandwidth(limits=limits) as fake:
        async with fake.client(retry=bw.RetryPolicy.none()) as client:
            first = await client.calls.create(call(fake))
            with pytest.raises(bw.RateLimitError) as caught:
                await client.calls.create(call(fake))
            # Other voice operations are not limited by the CPS.
        # A new client: this one would honour the Retry-After itself.
        async with fake.client(retry=bw.RetryPolicy.none()) as client:
            assert (await client.calls.get(first.call_id)).call_id == first.call_id
            fake.advance(100)
            await client.calls.create(call(fake))
    error = caught.value
    assert error.status == 429
    assert error.retry_after is not None
    assert 1 <= error.retry_after <= 100
    assert isinstance(error.body, bw.VoiceApiError)
    assert error.body.description
    assert len(fake.created_calls) == 2
    stats = fake.stats["createCall"]
    assert (stats.requests, stats.rate_limited) == (3, 1)


async def test_requests_per_second_is_per_api_family() -> None:
    """requests_per_second fills one bucket per API family: voice's does not stop messaging."""
    async with FakeBandwidth(limits=Limits(requests_per_second=0.01)) as fake:
        async with fake.client(retry=bw.RetryPolicy.none()) as client:
            await client.statistics.get()
            with pytest.raises(bw.RateLimitError):
                await client.statistics.get()
        async with fake.client(retry=bw.RetryPolicy.none()) as client:
            media = [m async for m in client.media.list()]
            with pytest.raises(bw.RateLimitError) as caught:
                [m async for m in client.media.list()]
    assert media == []
    assert isinstance(caught.value.body, bw.MessagingRequestError)
    assert fake.stats["getStatistics"].rate_limited == 1
    assert fake.stats["listMedia"].rate_limited == 1


async def test_the_client_waits_out_the_limit_and_succeeds() -> None:
    """With retries on, a client above the CPS waits for Retry-After and every call is placed."""
    async with FakeBandwidth(limits=Limits(create_call_per_second=1)) as fake:
        async with fake.client() as client:
            for n in range(2):
                await client.calls.create(call(fake, f"+1919555000{n}"))
    stats = fake.stats["createCall"]
    assert len(fake.created_calls) == 2
    assert stats.requests == 2 + stats.rate_limited


async def test_unlimited_by_default() -> None:
    """Without limits, a burst of calls is accepted in full."""
    async with FakeBandwidth() as fake:
        async with fake.client(retry=bw.RetryPolicy.none()) as client:
            await asyncio.gather(*(client.calls.create(call(fake)) for _ in range(20)))
    assert fake.stats["createCall"].requests == 20
    assert fake.stats["createCall"].rate_limited == 0


def test_limits_refuse_a_rate_that_is_not_positive() -> None:
    """Limits(create_call_per_second=0) is a ValueError, not an account that never dials."""
    with pytest.raises(ValueError, match="create_call_per_second"):
        Limits(create_call_per_second=0)


async def test_latency_delays_every_answer() -> None:
    """latency=0.2 holds each answer at least 0.2 s."""
    async with FakeBandwidth(latency=0.2) as fake:
        async with fake.client() as client:
            started = time.monotonic()
            await client.statistics.get()
            elapsed = time.monotonic() - started
    assert elapsed >= 0.2


async def test_latency_callable_gets_the_operation_id() -> None:
    """A latency callable is asked once per request, with the request's operationId."""
    asked: list[str] = []

    def latency(operation: str) -> float:
        asked.append(operation)
        return 0.0

    async with FakeBandwidth(latency=latency) as fake:
        async with fake.client() as client:
            await client.calls.create(call(fake))
            [c async for c in client.calls.list()]
            await client.statistics.get()
    assert asked == ["createCall", "listCalls", "getStatistics"]


def test_random_latency_is_repeatable_and_bounded() -> None:
    """RandomLatency with one seed gives the same delays every time, all within its bounds."""
    first = RandomLatency(0.05, 0.3, seed=7)
    second = RandomLatency(0.05, 0.3, seed=7)
    delays = [first("createCall") for _ in range(50)]
    assert delays == [second("createCall") for _ in range(50)]
    assert all(0.05 <= d <= 0.3 for d in delays)
    assert len(set(delays)) > 1


async def test_stats_count_peak_concurrency_and_seconds() -> None:
    """Stats count each operation's requests, the most in flight at once, and per second."""
    async with FakeBandwidth(latency=lambda op: 0.5 if op == "getStatistics" else 0.0) as fake:
        async with fake.client() as client:
            await asyncio.gather(*(client.statistics.get() for _ in range(5)))
            await client.calls.create(call(fake))
    stats = fake.stats["getStatistics"]
    assert stats.requests == 5
    assert stats.peak_concurrency == 5
    assert stats.in_flight == 0
    assert sum(stats.per_second.values()) == 5
    assert fake.stats["createCall"].peak_concurrency == 1
    assert fake.stats["listCalls"].requests == 0


async def test_injected_429s_are_counted_too() -> None:
    """A 429 injected with faults.rate_limit counts in rate_limited."""
    async with FakeBandwidth() as fake:
        fake.faults.rate_limit(retry_after=0, times=1)
        async with fake.client(retry=bw.RetryPolicy(backoff_base=0.01)) as client:
            await client.statistics.get()
    assert (fake.stats["getStatistics"].requests, fake.stats["getStatistics"].rate_limited) == (
        2,
        1,
    )
