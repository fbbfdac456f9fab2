"""
Reliability under faults, against the emulator's fault injection over real HTTP.

Retries that never double-dial, the client-wide 429 gate, resumable exports, and no secret
in any log line.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
from collections.abc import AsyncIterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bandwidth_async as bw
from bandwidth_async._retry import parse_retry_after
from bandwidth_async.testing import FakeBandwidth

FAST = bw.RetryPolicy(max_attempts=6, backoff_base=0.01, backoff_max=0.05)


def dial(i: int) -> bw.CreateCall:
    return bw.CreateCall(
        to=f"+1919555{i:04d}",
        from_="+19195554321",
        application_id="04e88489-df02-4e34-a0ee-27a91849555f",
        answer_url="https://example.com/answer",
        tag=f"dial-{i}",
    )


def windows(fake: FakeBandwidth, parts: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Back-to-back windows over the fake's 7 days; maxStartTime is inclusive, so end - 1 ms."""
    start = fake.now - dt.timedelta(days=7, seconds=1)
    step = (dt.timedelta(days=7, seconds=2)) / parts
    one_ms = dt.timedelta(milliseconds=1)
    return [(start + step * i, start + step * (i + 1) - one_ms) for i in range(parts)]


async def test_export_through_a_storm_loses_and_repeats_nothing() -> None:
    """20,000 calls through 429s, 503s and mid-page resets come out exactly once, in order."""
    async with FakeBandwidth(calls=20_000, seed=7) as fake:
        fake.faults.rate_limit(retry_after=0, every=7)
        fake.faults.server_error(503, every=5)
        fake.faults.reset(every=6)
        fake.faults.truncate(every=11)
        got: list[str] = []
        async with fake.client(retry=FAST) as client:
            for low, high in windows(fake, 3):
                async for call in client.calls.list(
                    min_start_time=low, max_start_time=high, page_size=500, prefetch=1
                ):
                    got.append(call.call_id or "")
        fake.faults.clear()
        async with fake.client() as client:
            expected = []
            for low, high in windows(fake, 3):
                listing = client.calls.list(min_start_time=low, max_start_time=high)
                expected += [c.call_id async for c in listing]
    assert len(got) == 20_000
    assert len(set(got)) == 20_000
    assert got == expected
    assert len(fake.requests) > 2 * len(got) // 500  # the faults did fire, and were absorbed


async def test_cancelled_export_resumes_from_cursor() -> None:
    """Killing an export halfway and resuming from the last page's cursor gives the full set."""
    async with FakeBandwidth(calls=8_000, seed=3) as fake, fake.client(retry=FAST) as client:
        saved: list[str] = []
        checkpoint: dict[str, str | None] = {"cursor": None}
        halfway = asyncio.Event()

        async def export() -> None:
            async for page in client.calls.list(page_size=400).pages():
                saved.extend(c.call_id or "" for c in page.items)
                checkpoint["cursor"] = page.next_cursor
                if len(saved) >= 4_000:
                    halfway.set()
                await asyncio.sleep(0)

        task = asyncio.create_task(export())
        await halfway.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert 4_000 <= len(saved) < 8_000
        assert checkpoint["cursor"] is not None
        saved += [c.call_id or "" async for c in client.calls.list(cursor=checkpoint["cursor"])]
    assert len(saved) == 8_000
    assert len(set(saved)) == 8_000


@pytest.mark.parametrize("after_processing", [False, True], ids=["before", "after-processing"])
async def test_dialer_never_dials_twice(after_processing: bool) -> None:
    """1,000 dials with 500s and resets on POST: no call is created twice, none is lost silently."""
    async with FakeBandwidth(seed=5) as fake:
        fake.faults.server_error(500, every=9, methods="POST")
        fake.faults.reset(every=13, methods="POST", after_processing=after_processing)
        fake.faults.rate_limit(retry_after=0, every=17, methods="POST")
        async with fake.client(retry=FAST) as client:
            results = [r async for r in client.calls.create_many(map(dial, range(1_000)))]
    assert len(results) == 1_000
    ok = {r.request.tag for r in results if r.ok}
    failed = [r for r in results if not r.ok]
    assert all(isinstance(r.error, bw.ServerError | bw.OutcomeUnknownError) for r in failed)
    assert any(isinstance(r.error, bw.ServerError) for r in failed)
    assert any(isinstance(r.error, bw.OutcomeUnknownError) for r in failed)
    created = [c.tag for c in fake.created_calls]
    assert len(created) == len(set(created)), "a call was created twice"
    unknown = {r.request.tag for r in failed if isinstance(r.error, bw.OutcomeUnknownError)}
    if after_processing:
        # Some calls exist that the client could not confirm: exactly the OutcomeUnknown ones.
        assert ok <= set(created) <= ok | unknown
        assert set(created) - ok
    else:
        assert set(created) == ok
    for r in failed:
        if isinstance(r.error, bw.OutcomeUnknownError):
            assert r.error.request is not None
            assert r.error.request.body == r.request


async def test_one_429_pauses_every_task_on_that_host() -> None:
    """200 concurrent requests meet one 429 with Retry-After: 2; the host hears nothing for 2 s."""
    async with FakeBandwidth(seed=1) as fake:
        async with fake.client(retry=FAST, max_connections=20) as client:
            await client.statistics.get()  # warm the pool
            fake.faults.rate_limit(retry_after=2, times=1)
            start = len(fake.requests)
            results = await asyncio.gather(*(client.statistics.get() for _ in range(200)))
    assert len(results) == 200
    log = fake.requests[start:]
    t0 = log[0].at  # the fault answered the first request it saw with the 429
    # Requests already on the wire when the 429 left are answered; nothing new is sent.
    in_flight = [r for r in log if t0 < r.at < t0 + 0.25]
    quiet = [r for r in log if t0 + 0.25 <= r.at < t0 + 2.0]
    assert len(in_flight) < 20
    assert quiet == []
    assert len(log) == 201


async def test_retry_after_beyond_max_raises_at_once() -> None:
    """A Retry-After longer than retry_after_max raises RateLimitError without waiting."""
    policy = bw.RetryPolicy(retry_after_max=5)
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=policy) as client:
        fake.faults.rate_limit(retry_after=3600, times=1)
        with pytest.raises(bw.RateLimitError) as info:
            await client.statistics.get()
        assert info.value.retry_after == 3600
        assert info.value.attempts == 1
        assert len(fake.requests) == 1
        stats = await client.statistics.get()  # the gate was not closed for an hour
        assert stats is not None


async def test_429_with_http_date_and_post_retried() -> None:
    """A POST that met a 429 (HTTP-date Retry-After) is sent again and created once."""
    events: list[bw.RetryEvent] = []
    policy = bw.RetryPolicy(backoff_base=0.01, on_retry=events.append)
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=policy) as client:
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
        fake.faults.rate_limit(retry_after=when, times=1, methods="POST")
        created = await client.calls.create(dial(1))
    assert created.call_id
    assert [c.tag for c in fake.created_calls] == ["dial-1"]
    assert len(events) == 1
    assert events[0].reason.startswith("429")
    assert 0 <= events[0].delay <= 1.5


async def test_server_error_on_get_retried_then_raised() -> None:
    """5xx on GET is retried up to max_attempts, then ServerError says how many attempts."""
    policy = bw.RetryPolicy(max_attempts=3, backoff_base=0.01)
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=policy) as client:
        fake.faults.server_error(503, times=2)
        assert await client.statistics.get()
        fake.faults.server_error(502, times=5)
        with pytest.raises(bw.ServerError) as info:
            await client.statistics.get()
    assert info.value.status == 502
    assert info.value.attempts == 3


async def test_server_error_on_post_not_retried() -> None:
    """A 500 on POST is raised at once: the call might have been placed."""
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=FAST) as client:
        fake.faults.server_error(500, times=1, methods="POST")
        with pytest.raises(bw.ServerError):
            await client.calls.create(dial(1))
        assert sum(r.method == "POST" for r in fake.requests) == 1


async def test_post_retried_when_connection_never_opened() -> None:
    """A POST whose connection could not be opened is safe to send again, and is."""
    async with FakeBandwidth(seed=1) as fake:
        url = fake.base_url
    client = bw.BandwidthClient("u", "p", "1", base_url=url, retry=FAST)
    async with client:
        with pytest.raises(bw.TransportError) as info:
            await client.calls.create(dial(1))
    assert not isinstance(info.value, bw.OutcomeUnknownError)
    assert info.value.attempts == FAST.max_attempts


async def test_post_timeout_is_outcome_unknown() -> None:
    """A POST that timed out may have placed the call: OutcomeUnknownError, sent once."""
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=FAST, timeout=0.2) as client:
        fake.faults.latency(1.0, times=1, methods="POST")
        with pytest.raises(bw.OutcomeUnknownError) as info:
            await client.calls.create(dial(1))
        assert info.value.request is not None
        assert info.value.request.body == dial(1)
        assert sum(r.method == "POST" for r in fake.requests) == 1
        fake.faults.latency(1.0, times=1)
        stats = await client.statistics.get()  # GET: timed out once, retried
        assert stats is not None


async def test_get_timeout_raises_request_timeout() -> None:
    """A GET that keeps timing out raises RequestTimeoutError, also a builtin TimeoutError."""
    policy = bw.RetryPolicy(max_attempts=2, backoff_base=0.01)
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=policy, timeout=0.1) as client:
        fake.faults.latency(1.0, times=2)
        with pytest.raises(TimeoutError):
            await client.statistics.get()


async def test_truncated_body() -> None:
    """A truncated 2xx body is retried on GET, and is a DecodeError when retries are off."""
    async with FakeBandwidth(calls=10, seed=1) as fake, fake.client(retry=FAST) as client:
        fake.faults.truncate(times=1)
        assert len([c async for c in client.calls.list()]) == 10
        fake.faults.truncate(times=1)
        with pytest.raises(bw.DecodeError):
            await client.with_options(retry=bw.RetryPolicy.none()).statistics.get()


async def test_reset_mid_response_on_get_retried() -> None:
    """A GET whose connection is reset mid-response is retried and succeeds."""
    async with FakeBandwidth(calls=5, seed=1) as fake, fake.client(retry=FAST) as client:
        fake.faults.reset(times=2)
        assert len([c async for c in client.calls.list()]) == 5


async def test_cancel_during_retry_sleep_and_close_in_flight() -> None:
    """Cancelling mid retry-sleep and closing the client mid-request leak nothing."""
    async with FakeBandwidth(seed=1) as fake:
        client = fake.client(retry=bw.RetryPolicy(backoff_base=5, backoff_max=5))
        fake.faults.server_error(503, times=1)
        task = asyncio.create_task(client.statistics.get())
        while not fake.requests:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

        fake.faults.latency(5.0)
        inflight = [asyncio.create_task(client.statistics.get()) for _ in range(5)]
        while len(fake.requests) < 6:
            await asyncio.sleep(0.01)
        await client.aclose()
        outcomes = await asyncio.gather(*inflight, return_exceptions=True)
        assert all(isinstance(o, bw.TransportError | bw.ClientClosedError) for o in outcomes)
        assert all(t.done() for t in inflight)
        fake.faults.clear()


async def test_no_secret_in_any_log_record(caplog: pytest.LogCaptureFixture) -> None:
    """A full run with retries and errors logs no password and no Authorization header."""
    caplog.set_level(logging.DEBUG)
    async with FakeBandwidth(calls=50, seed=1, password="pw-SECRET-123") as fake:
        fake.faults.server_error(503, times=2)
        fake.faults.rate_limit(retry_after=0, times=1)
        async with fake.client(retry=FAST) as client:
            texts = [repr(client), str(client)]
            assert len([c async for c in client.calls.list(page_size=10)]) == 50
            try:
                await client.calls.get("c-missing")
            except bw.NotFoundError as exc:
                texts += [str(exc), repr(exc), repr(exc.request), str(exc.headers)]
            try:
                await client.calls.create(
                    bw.CreateCall(to="", from_="", application_id="", answer_url="")
                )
            except bw.APIError as exc:
                texts += [str(exc), repr(exc.request)]
    texts += [r.getMessage() for r in caplog.records]
    assert any("retrying" in t for t in texts)
    for text in texts:
        assert "pw-SECRET-123" not in text
        assert "Authorization" not in text
        assert "Basic " not in text


@given(st.integers(min_value=0, max_value=10**9))
def test_retry_after_seconds(seconds: int) -> None:
    """Delta-seconds parse to themselves."""
    assert parse_retry_after(str(seconds)) == seconds


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_retry_after_http_date(when: dt.datetime) -> None:
    """An HTTP-date gives the seconds until then, and 0 for a date in the past."""
    now = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
    aware = when.replace(microsecond=0, tzinfo=dt.UTC)
    text = aware.strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert parse_retry_after(text, now=now) == max(0.0, (aware - now).total_seconds())


@given(st.text(max_size=40))
def test_retry_after_garbage(text: str) -> None:
    """Anything else gives None or a finite non-negative number, never an exception."""
    result = parse_retry_after(text)
    assert result is None or result >= 0


async def test_client_rate_limit_spaces_requests() -> None:
    """rate_limit= spaces requests client-wide, so a burst never arrives all at once."""
    async with FakeBandwidth(seed=1) as fake, fake.client(rate_limit=20) as client:
        await asyncio.gather(*(client.statistics.get() for _ in range(10)))
    times = sorted(r.at for r in fake.requests)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 10
    # At most one request per 1/20 s; loopback jitter can only make the gaps longer on average.
    assert times[-1] - times[0] >= 9 * 0.05 * 0.9
    assert min(gaps) > 0.02


async def test_gate_waits_again_when_pushed_back() -> None:
    """A second 429 while the gate is closed keeps it closed for the longer time."""
    async with FakeBandwidth(seed=1) as fake, fake.client(retry=FAST) as client:
        fake.faults.rate_limit(retry_after=1, times=2)
        first, second = await asyncio.gather(client.statistics.get(), client.statistics.get())
    assert first == second
    ok_times = [r.at for r in fake.requests[2:]]
    assert ok_times
    assert min(ok_times) - fake.requests[0].at >= 0.9


async def test_stream_retries_before_the_first_chunk() -> None:
    """A 503 on a download is retried before any byte is yielded; the stream is then whole."""
    data = bytes(range(256)) * 1024
    async with FakeBandwidth() as fake:
        async with fake.client(retry=bw.RetryPolicy(backoff_base=0.01, backoff_max=0.02)) as client:
            await client.media.upload("blob.bin", data, content_type="application/octet-stream")
            fake.faults.server_error(503, times=2, methods="GET", path="/media/blob.bin")
            pieces = [piece async for piece in client.media.stream("blob.bin")]
        gets = [r for r in fake.requests if r.method == "GET"]
    assert b"".join(pieces) == data
    assert len(gets) == 3


async def test_stream_broken_mid_body_raises_transport_error() -> None:
    """A download cut off after its headers raises our TransportError, not aiohttp's error."""
    data = bytes(range(256)) * 4096
    async with FakeBandwidth() as fake:
        async with fake.client(retry=bw.RetryPolicy.none()) as client:
            await client.media.upload("blob.bin", data, content_type="application/octet-stream")
            fake.faults.truncate(methods="GET", path="/media/blob.bin")
            received = bytearray()
            with pytest.raises(bw.TransportError, match="broke off") as caught:
                async for piece in client.media.stream("blob.bin"):
                    received += piece
    assert len(received) < len(data)
    assert caught.value.request is not None


async def test_one_shot_stream_upload_is_not_retried() -> None:
    """An upload from an async iterator cannot be replayed: its 503 is raised, sent once."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b"part one, "
        yield b"part two"

    async with FakeBandwidth() as fake:
        async with fake.client(retry=bw.RetryPolicy(backoff_base=0.01, backoff_max=0.02)) as client:
            fake.faults.server_error(503, times=1, methods="PUT", path="/media/once.txt")
            with pytest.raises(bw.ServerError) as caught:
                await client.media.upload("once.txt", chunks(), content_type="text/plain")
        puts = [r for r in fake.requests if r.method == "PUT"]
    assert caught.value.status == 503
    assert len(puts) == 1
