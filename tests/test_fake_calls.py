"""
The emulator's calls API over real HTTP: Link pagination, the 10,000 cap, filters and updates.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import aiohttp
import pytest
from yarl import URL

from bandwidth_async.testing import FakeBandwidth

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBandwidth]:
    async with FakeBandwidth(calls=2_500, seed=7, now=NOW) as fake:
        yield fake


@pytest.fixture
async def http(fake: FakeBandwidth) -> AsyncIterator[aiohttp.ClientSession]:
    auth = aiohttp.encode_basic_auth(fake.username, fake.password)
    async with aiohttp.ClientSession(fake.base_url, headers={"Authorization": auth}) as session:
        yield session


async def collect(
    http: aiohttp.ClientSession, url: str, params: dict[str, str] | None = None
) -> tuple[list[dict[str, object]], int]:
    """Follow Link rel=next from *url*; return every call and the number of pages."""
    items: list[dict[str, object]] = []
    pages = 0
    next_url: str | None = url
    while next_url is not None:
        async with http.get(next_url, params=params if pages == 0 else None) as response:
            assert response.status == 200
            items.extend(await response.json())
            link = response.links.get("next")
            next_url = str(link["url"]) if link else None
            if next_url is not None:
                assert next_url.startswith("http://127.0.0.1:")
        pages += 1
    return items, pages


async def test_pages_hold_every_call_once_in_start_order(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """Following Link rel=next yields each call exactly once, oldest first."""
    items, pages = await collect(http, f"/accounts/{fake.account_id}/calls", {"pageSize": "1000"})
    assert pages == 3
    ids = [c["callId"] for c in items]
    assert len(ids) == len(set(ids)) == 2_500
    starts = [dt.datetime.fromisoformat(str(c["startTime"])) for c in items]
    assert starts == sorted(starts)
    assert NOW - dt.timedelta(days=7) <= starts[0]
    assert starts[-1] <= NOW


async def test_next_link_carries_filters_and_page_size(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """The next link is absolute and repeats the filters, pageSize and a pageToken."""
    params = {"pageSize": "10", "disconnectCause": "hangup"}
    async with http.get(f"/accounts/{fake.account_id}/calls", params=params) as response:
        link = URL(str(response.links["next"]["url"]))
    assert link.scheme == "http"
    assert link.host == "127.0.0.1"
    assert link.query["pageSize"] == "10"
    assert link.query["disconnectCause"] == "hangup"
    assert link.query["pageToken"]


async def test_default_page_size_is_1000(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """Without pageSize a page holds 1,000 calls."""
    async with http.get(f"/accounts/{fake.account_id}/calls") as response:
        assert len(await response.json()) == 1000


@pytest.mark.parametrize("size", ["0", "10001", "ten"])
async def test_page_size_out_of_range_is_400(
    fake: FakeBandwidth, http: aiohttp.ClientSession, size: str
) -> None:
    """pageSize outside 1..10000 is a 400 with a voice error body."""
    params = {"pageSize": size}
    async with http.get(f"/accounts/{fake.account_id}/calls", params=params) as response:
        assert response.status == 400
        body = await response.json()
    assert body["type"] == "validation"
    assert "pageSize" in body["description"]


@pytest.mark.parametrize("token", ["garbage", "", "MC4wLjAwMDA"])
async def test_unknown_page_token_is_400(
    fake: FakeBandwidth, http: aiohttp.ClientSession, token: str
) -> None:
    """A pageToken the server did not issue is refused with 400."""
    params = {"pageToken": token}
    async with http.get(f"/accounts/{fake.account_id}/calls", params=params) as response:
        assert response.status == 400


async def test_page_token_is_bound_to_its_filters(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A pageToken replayed with other filters is refused with 400."""
    url = f"/accounts/{fake.account_id}/calls"
    async with http.get(url, params={"pageSize": "5"}) as response:
        token = URL(str(response.links["next"]["url"])).query["pageToken"]
    async with http.get(url, params={"pageToken": token, "to": "+19195551234"}) as response:
        assert response.status == 400


async def test_a_query_returns_at_most_10000_calls() -> None:
    """The 10,001st call is never returned and the last page has no next link."""
    async with FakeBandwidth(calls=12_000, seed=1) as fake:
        auth = aiohttp.encode_basic_auth(fake.username, fake.password)
        async with aiohttp.ClientSession(fake.base_url, headers={"Authorization": auth}) as http:
            url = f"/accounts/{fake.account_id}/calls"
            items, pages = await collect(http, url, {"pageSize": "3000"})
            assert pages == 4
            assert len(items) == 10_000
            async with http.get(url, params={"pageSize": "10000"}) as response:
                assert len(await response.json()) == 10_000
                assert "Link" not in response.headers


async def test_time_filters_are_inclusive_datetimes(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """minStartTime and maxStartTime select calls by start time, compared as datetimes."""
    url = f"/accounts/{fake.account_id}/calls"
    everything, _ = await collect(http, url, {"pageSize": "10000"})
    low, high = everything[100]["startTime"], everything[199]["startTime"]
    # The same instants written with an offset instead of Z.
    low_offset = dt.datetime.fromisoformat(str(low)).astimezone(dt.timezone(dt.timedelta(hours=-5)))
    params = {"minStartTime": low_offset.isoformat(), "maxStartTime": str(high)}
    items, _ = await collect(http, url, params)
    assert [c["callId"] for c in items] == [c["callId"] for c in everything[100:200]]


async def test_bad_time_filter_is_400(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """A minStartTime that is not ISO 8601 is a 400."""
    params = {"minStartTime": "yesterday"}
    async with http.get(f"/accounts/{fake.account_id}/calls", params=params) as response:
        assert response.status == 400


async def test_field_filters_select_matching_calls(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """to, from and disconnectCause select exactly the matching calls, across pages."""
    url = f"/accounts/{fake.account_id}/calls"
    everything, _ = await collect(http, url, {"pageSize": "10000"})
    sample = everything[42]
    for name in ("to", "from", "disconnectCause"):
        value = str(sample[name])
        expected = [c["callId"] for c in everything if c[name] == value]
        items, _ = await collect(http, url, {name: value, "pageSize": "7"})
        assert [c["callId"] for c in items] == expected
        assert sample["callId"] in expected


async def test_created_call_is_listed_and_can_be_hung_up(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A created call gets 201 with Location, shows up in gets and lists, and can be ended."""
    body = {
        "to": "+19195551234",
        "from": "+19195554321",
        "applicationId": "04e88489-df02-4e34-a0ee-27a91849555f",
        "answerUrl": "https://example.com/answer",
        "tag": "campaign-1",
    }
    url = f"/accounts/{fake.account_id}/calls"
    async with http.post(url, json=body) as response:
        assert response.status == 201
        created = await response.json()
        location = response.headers["Location"]
    assert location == f"{fake.base_url}{url}/{created['callId']}"
    assert created["tag"] == "campaign-1"
    assert created["callUrl"] == location
    assert [(c.call_id, c.tag) for c in fake.created_calls] == [(created["callId"], "campaign-1")]

    async with http.get(location) as response:
        state = await response.json()
    assert state["state"] == "answered"
    assert state["to"] == "+19195551234"

    items, _ = await collect(http, url, {"to": "+19195551234"})
    assert items[-1]["callId"] == created["callId"]

    async with http.post(location, json={"state": "completed"}) as response:
        assert response.status == 200
    async with http.get(location) as response:
        state = await response.json()
    assert state["state"] == "disconnected"
    assert state["disconnectCause"] == "hangup"
    assert state["endTime"] is not None

    async with http.post(location, json={"redirectUrl": "https://example.com/x"}) as response:
        assert response.status == 409


async def test_create_call_without_required_fields_is_400(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A createCall body without answerUrl, or not JSON at all, is a 400 voice error."""
    url = f"/accounts/{fake.account_id}/calls"
    async with http.post(url, json={"to": "+19195551234", "from": "+19195554321"}) as response:
        assert response.status == 400
        assert "answerUrl" in (await response.json())["description"]
    async with http.post(url, data=b"{not json", headers={"Content-Type": "application/json"}) as r:
        assert r.status == 400
        assert (await r.json())["type"] == "validation"
    assert fake.created_calls == []


async def test_generated_call_can_be_fetched_by_id(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """getCallState returns the same record the list shows."""
    async with http.get(f"/accounts/{fake.account_id}/calls", params={"pageSize": "3"}) as r:
        first = (await r.json())[2]
    async with http.get(f"/accounts/{fake.account_id}/calls/{first['callId']}") as response:
        assert await response.json() == first


async def test_unknown_call_is_404(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """An unknown call id is a 404 with a voice error body."""
    async with http.get(f"/accounts/{fake.account_id}/calls/c-nope") as response:
        assert response.status == 404
        body = await response.json()
    assert body["type"] == "not-found"
    assert "c-nope" in body["description"]


async def test_call_bxml_and_recording_state_updates(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """updateCallBxml answers 204 and stores the document; updateCallRecordingState answers 200."""
    body = {
        "to": "+19195551234",
        "from": "+19195554321",
        "applicationId": fake.application_id,
        "answerUrl": "https://example.com/answer",
    }
    async with http.post(f"/accounts/{fake.account_id}/calls", json=body) as response:
        location = response.headers["Location"]
        call_id = (await response.json())["callId"]
    bxml = "<Bxml><SpeakSentence>Hi</SpeakSentence></Bxml>"
    headers = {"Content-Type": "application/xml"}
    async with http.put(location + "/bxml", data=bxml, headers=headers) as response:
        assert response.status == 204
    assert fake.call_bxml(call_id) == bxml
    async with http.put(location + "/recording", json={"state": "paused"}) as response:
        assert response.status == 200
    async with http.put(location + "/recording", json={"state": "sideways"}) as response:
        assert response.status == 400


async def test_same_seed_and_now_give_the_same_calls() -> None:
    """Two emulators with the same seed and now serve identical call lists; another seed differs."""
    pages = []
    for seed in (3, 3, 4):
        async with FakeBandwidth(calls=300, seed=seed, now=NOW) as fake:
            auth = aiohttp.encode_basic_auth(fake.username, fake.password)
            async with (
                aiohttp.ClientSession(fake.base_url, headers={"Authorization": auth}) as http,
                http.get(f"/accounts/{fake.account_id}/calls") as response,
            ):
                pages.append(await response.read())
    assert pages[0] == pages[1]
    assert pages[0] != pages[2]


async def test_a_million_calls_start_at_once() -> None:
    """A million generated calls are served without building them first."""
    async with FakeBandwidth(calls=1_000_000, seed=1, now=NOW) as fake:
        auth = aiohttp.encode_basic_auth(fake.username, fake.password)
        async with aiohttp.ClientSession(fake.base_url, headers={"Authorization": auth}) as http:
            params = {"minStartTime": "2026-11-19T00:00:00Z", "pageSize": "2"}
            async with http.get(f"/accounts/{fake.account_id}/calls", params=params) as response:
                calls = await response.json()
    assert len(calls) == 2
    assert calls[0]["startTime"] >= "2026-11-19T00:00:00"
