"""
The emulator's fault injection and request log, seen from a plain aiohttp client.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import TYPE_CHECKING

import aiohttp
import pytest

from bandwidth_async.testing import FakeBandwidth

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

CALL = {
    "to": "+19195551234",
    "from": "+19195554321",
    "applicationId": "04e88489-df02-4e34-a0ee-27a91849555f",  # the README's, known to fakes
    "answerUrl": "https://example.com/answer",
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeBandwidth]:
    async with FakeBandwidth(calls=50, seed=1) as fake:
        yield fake


@pytest.fixture
async def http(fake: FakeBandwidth) -> AsyncIterator[aiohttp.ClientSession]:
    auth = aiohttp.encode_basic_auth(fake.username, fake.password)
    # A fresh connection per request, so a dropped one never affects the next request.
    connector = aiohttp.TCPConnector(force_close=True)
    async with aiohttp.ClientSession(
        fake.base_url, headers={"Authorization": auth}, connector=connector
    ) as session:
        yield session


def stats(fake: FakeBandwidth) -> str:
    return f"/accounts/{fake.account_id}/statistics"


async def status_of(http: aiohttp.ClientSession, url: str) -> int:
    async with http.get(url) as response:
        await response.read()
        return response.status


async def test_rate_limit_times_sends_429_with_retry_after(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """rate_limit(times=2) answers the next two requests 429 with Retry-After, then recovers."""
    fake.faults.rate_limit(retry_after=3, times=2)
    for _ in range(2):
        async with http.get(stats(fake)) as response:
            assert response.status == 429
            assert response.headers["Retry-After"] == "3"
            assert (await response.json())["type"] == "rate-limit"
    assert await status_of(http, stats(fake)) == 200


async def test_rate_limit_every_nth_request(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """rate_limit(every=3) answers every third matching request with 429."""
    fake.faults.rate_limit(every=3)
    statuses = [await status_of(http, stats(fake)) for _ in range(6)]
    assert statuses == [200, 200, 429, 200, 200, 429]


async def test_rate_limit_with_http_date_and_family_body(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A datetime Retry-After is sent as an HTTP-date; the body follows the API family's schema."""
    when = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    fake.faults.rate_limit(retry_after=when, times=1, path="/messages")
    async with http.get(f"/users/{fake.account_id}/messages") as response:
        assert response.status == 429
        assert email.utils.parsedate_to_datetime(response.headers["Retry-After"]) == when
        assert set(await response.json()) == {"type", "description"}


async def test_rate_limit_without_retry_after(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """retry_after=None leaves the header out."""
    fake.faults.rate_limit(retry_after=None, times=1)
    async with http.get(stats(fake)) as response:
        assert response.status == 429
        assert "Retry-After" not in response.headers


async def test_faults_are_scoped_by_method_and_path(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A fault limited to POST on /calls leaves GETs and other paths alone."""
    fake.faults.server_error(500, methods=["POST"], path=r"/calls$")
    assert await status_of(http, f"/accounts/{fake.account_id}/calls") == 200
    assert await status_of(http, stats(fake)) == 200
    async with http.post(f"/accounts/{fake.account_id}/calls", json=CALL) as response:
        assert response.status == 500
        assert (await response.json())["type"] == "internal-server-error"


async def test_server_error_does_not_process_the_request(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A 503 fault answers before the handler runs: no call is created."""
    fault = fake.faults.server_error(times=1)
    async with http.post(f"/accounts/{fake.account_id}/calls", json=CALL) as response:
        assert response.status == 503
    assert fake.created_calls == []
    assert fault.hits == 1
    async with http.post(f"/accounts/{fake.account_id}/calls", json=CALL) as response:
        assert response.status == 201
    assert len(fake.created_calls) == 1


async def test_reset_before_processing_drops_the_connection(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """reset() sends the headers and part of a body, then drops the connection; nothing happens."""
    fake.faults.reset(times=1)
    with pytest.raises(aiohttp.ClientPayloadError):
        async with http.post(f"/accounts/{fake.account_id}/calls", json=CALL) as response:
            await response.read()
    assert fake.created_calls == []
    assert await status_of(http, stats(fake)) == 200


async def test_reset_after_processing_creates_the_call(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """reset(after_processing=True) drops the answer of a request that did take effect."""
    fake.faults.reset(after_processing=True, times=1, methods="POST")
    with pytest.raises(aiohttp.ClientPayloadError):
        async with http.post(f"/accounts/{fake.account_id}/calls", json=CALL) as response:
            assert response.status == 201
            await response.read()
    assert len(fake.created_calls) == 1


async def test_truncate_cuts_the_body_short(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """truncate() answers 200 with fewer bytes than its Content-Length."""
    fake.faults.truncate(times=1)
    with pytest.raises(aiohttp.ClientPayloadError):
        async with http.get(f"/accounts/{fake.account_id}/calls") as response:
            assert response.status == 200
            await response.read()
    async with http.get(f"/accounts/{fake.account_id}/calls") as response:
        assert len(await response.json()) == 50


async def test_latency_delays_the_answer(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """latency(seconds) is applied before the answer, which is otherwise normal."""
    fake.faults.latency(0.2, times=1)
    assert await status_of(http, stats(fake)) == 200
    assert await status_of(http, stats(fake)) == 200
    first, second = fake.requests
    assert first.path == second.path == stats(fake)
    # The first request was still being delayed when it was recorded; its fault fired once.
    assert next(iter(fake.faults)).hits == 1


async def test_faults_apply_in_order_added(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """The first matching fault wins; exhausted ones give way to the next."""
    fake.faults.server_error(502, times=1)
    fake.faults.rate_limit(times=1)
    statuses = [await status_of(http, stats(fake)) for _ in range(3)]
    assert statuses == [502, 429, 200]


async def test_scoped_and_clear_remove_faults(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """Faults added inside scoped() go away on exit; clear() removes the rest."""
    fake.faults.server_error(500, path="/conferences")
    with fake.faults.scoped():
        fake.faults.rate_limit()
        assert await status_of(http, stats(fake)) == 429
    assert await status_of(http, stats(fake)) == 200
    assert len(fake.faults) == 1
    fake.faults.clear()
    assert await status_of(http, f"/accounts/{fake.account_id}/conferences") == 200


async def test_requests_are_recorded_even_when_faulted(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """Every request lands in fake.requests with method, path, query, headers, body and time."""
    fake.faults.rate_limit(times=1, methods="POST")
    async with http.post(f"/accounts/{fake.account_id}/calls", json=CALL) as response:
        assert response.status == 429
    async with http.get(f"/accounts/{fake.account_id}/calls", params={"to": "+1 9"}) as response:
        assert response.status == 200
    posted, listed = fake.requests
    assert posted.method == "POST"
    assert posted.json() == CALL
    assert posted.headers["Content-Type"] == "application/json"
    assert listed.method == "GET"
    assert listed.query["to"] == "+1 9"
    assert listed.body == b""
    assert posted.at <= listed.at


async def test_bad_fault_arguments_are_refused() -> None:
    """every=0 makes no sense and is refused at once."""
    fake = FakeBandwidth()
    with pytest.raises(ValueError, match="every"):
        fake.faults.rate_limit(every=0)
