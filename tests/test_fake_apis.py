"""
The emulator's other APIs over real HTTP: auth, conferences, recordings, media, messages, MFA
and number lookup.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

from bandwidth_async.testing import FakeBandwidth

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBandwidth]:
    async with FakeBandwidth(
        calls=200,
        conferences=30,
        messages=250,
        media=230,
        recordings=1_200,
        seed=5,
        now=NOW,
        lookup_delay=0.05,
    ) as fake:
        yield fake


@pytest.fixture
async def http(fake: FakeBandwidth) -> AsyncIterator[aiohttp.ClientSession]:
    auth = aiohttp.encode_basic_auth(fake.username, fake.password)
    async with aiohttp.ClientSession(fake.base_url, headers={"Authorization": auth}) as session:
        yield session


async def get_json(http: aiohttp.ClientSession, url: str, **kwargs: Any) -> Any:
    async with http.get(url, **kwargs) as response:
        assert response.status == 200, await response.text()
        return await response.json()


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        pytest.param("/accounts/{a}/calls", {"type", "description", "id"}, id="voice"),
        pytest.param("/users/{a}/messages", {"type", "description"}, id="messaging"),
        pytest.param("/accounts/{a}/code/verify", {"message"}, id="mfa"),
        pytest.param("/accounts/{a}/tnlookup", {"message"}, id="lookup"),
    ],
)
@pytest.mark.parametrize("auth", [None, "Basic Zm9vOmJhcg==", "Bearer x", "Basic !!"])
async def test_bad_credentials_get_401(
    fake: FakeBandwidth, path: str, keys: set[str], auth: str | None
) -> None:
    """Missing or wrong Basic credentials get 401 with the API family's error body."""
    headers = {} if auth is None else {"Authorization": auth}
    async with (
        aiohttp.ClientSession(fake.base_url) as http,
        http.post(path.format(a=fake.account_id), json={}, headers=headers) as response,
    ):
        assert response.status == 401
        assert set(await response.json()) == keys


async def test_other_account_is_403(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """An account id other than the fake's own is forbidden."""
    async with http.get("/accounts/123/calls") as response:
        assert response.status == 403
        assert (await response.json())["type"] == "authorization-error"


async def test_unknown_route_and_method(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """An unknown path is a 404 and a wrong method a 405, both with JSON error bodies."""
    async with http.get(f"/accounts/{fake.account_id}/nothing") as response:
        assert response.status == 404
        assert (await response.json())["type"] == "not-found"
    async with http.delete(f"/accounts/{fake.account_id}/statistics") as response:
        assert response.status == 405


async def test_conferences_paginate_and_filter(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """listConferences pages with Link and filters by name; members only in getConference."""
    url: str | None = f"/accounts/{fake.account_id}/conferences?pageSize=7"
    seen: list[dict[str, Any]] = []
    while url:
        async with http.get(url) as response:
            seen.extend(await response.json())
            link = response.links.get("next")
            url = str(link["url"]) if link else None
    assert len(seen) == 30 == len({c["id"] for c in seen})
    assert all("activeMembers" not in c for c in seen)
    name = seen[0]["name"]
    named = await get_json(http, f"/accounts/{fake.account_id}/conferences", params={"name": name})
    assert [c["id"] for c in named] == [c["id"] for c in seen if c["name"] == name]
    async with http.get(f"/accounts/{fake.account_id}/conferences?pageSize=1001") as response:
        assert response.status == 400


async def test_conference_members_and_updates(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A member can be read and muted; ending the conference removes its members."""
    confs = await get_json(http, f"/accounts/{fake.account_id}/conferences")
    conf_url = f"/accounts/{fake.account_id}/conferences/{confs[-1]['id']}"
    conf = await get_json(http, conf_url)
    member = conf["activeMembers"][0]
    member_url = f"{conf_url}/members/{member['callId']}"
    assert member["memberUrl"] == fake.base_url + member_url
    async with http.put(member_url, json={"mute": True}) as response:
        assert response.status == 204
    assert (await get_json(http, member_url))["mute"] is True
    async with http.put(conf_url + "/bxml", data="<Bxml><StopRecording/></Bxml>") as response:
        assert response.status == 204
    async with http.post(conf_url, json={"status": "completed"}) as response:
        assert response.status == 204
    ended = await get_json(http, conf_url)
    assert ended["completedTime"] is not None
    assert ended["activeMembers"] == []
    async with http.get(member_url) as response:
        assert response.status == 404


async def test_conference_recordings(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """A completed conference has a recording with metadata and WAV media."""
    confs = await get_json(http, f"/accounts/{fake.account_id}/conferences")
    conf = next(c for c in confs if c["completedTime"])
    base = f"/accounts/{fake.account_id}/conferences/{conf['id']}/recordings"
    (rec,) = await get_json(http, base)
    assert await get_json(http, f"{base}/{rec['recordingId']}") == rec
    async with http.get(rec["mediaUrl"]) as response:
        assert response.content_type == "audio/vnd.wave"
        assert (await response.read()).startswith(b"RIFF")


async def test_account_recordings_are_capped_at_1000(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """listAccountCallRecordings returns at most 1,000, oldest first, and filters by time."""
    recs = await get_json(http, f"/accounts/{fake.account_id}/recordings")
    assert len(recs) == 1000
    assert [r["startTime"] for r in recs] == sorted(r["startTime"] for r in recs)
    since = recs[500]["startTime"]
    later = await get_json(
        http, f"/accounts/{fake.account_id}/recordings", params={"minStartTime": since}
    )
    assert recs[500] in later
    assert all(r["startTime"] >= since for r in later)
    to = recs[0]["to"]
    by_to = await get_json(http, f"/accounts/{fake.account_id}/recordings", params={"to": to})
    assert by_to
    assert all(r["to"] == to for r in by_to)


async def test_call_recording_lifecycle(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """A recording's media and transcription can be read, deleted and transcribed again."""
    (rec, *_) = await get_json(http, f"/accounts/{fake.account_id}/recordings")
    listed = await get_json(http, f"/accounts/{fake.account_id}/calls/{rec['callId']}/recordings")
    assert rec in listed
    url = f"/accounts/{fake.account_id}/calls/{rec['callId']}/recordings/{rec['recordingId']}"
    assert await get_json(http, url) == rec
    assert (await get_json(http, url + "/transcription"))["transcripts"][0]["text"]
    async with http.delete(url + "/transcription") as response:
        assert response.status == 204
    async with http.get(url + "/transcription") as response:
        assert response.status == 404
    async with http.post(url + "/transcription", json={}) as response:
        assert response.status == 204
    assert (await get_json(http, url))["transcription"]["status"] == "available"
    async with http.delete(url + "/media") as response:
        assert response.status == 204
    async with http.get(url + "/media") as response:
        assert response.status == 404
    async with http.delete(url) as response:
        assert response.status == 204
    async with http.get(url) as response:
        assert response.status == 404


async def test_media_continuation_token_round_trip(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """listMedia pages with the Continuation-Token header until it is absent."""
    names: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        headers = {"Continuation-Token": token} if token else {}
        async with http.get(f"/users/{fake.account_id}/media", headers=headers) as response:
            names.extend(m["mediaName"] for m in await response.json())
            token = response.headers.get("Continuation-Token")
        pages += 1
        if token is None:
            break
    assert pages == 3
    assert len(names) == 230 == len(set(names))
    bad = {"Continuation-Token": "nope"}
    async with http.get(f"/users/{fake.account_id}/media", headers=bad) as response:
        assert response.status == 400


async def test_media_upload_get_delete(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """Uploaded bytes come back with their Content-Type and Cache-Control, until deleted."""
    url = f"/users/{fake.account_id}/media/folder/cat.png"
    headers = {"Content-Type": "image/png", "Cache-Control": "no-cache"}
    async with http.put(url, data=b"\x89PNG cat", headers=headers) as response:
        assert response.status == 204
    async with http.get(url) as response:
        assert await response.read() == b"\x89PNG cat"
        assert response.headers["Content-Type"] == "image/png"
        assert response.headers["Cache-Control"] == "no-cache"
    # Bandwidth answers with the uploaded type whatever the Accept header asks for.
    async with http.get(url, headers={"Accept": "application/octet-stream"}) as response:
        assert response.headers["Content-Type"] == "image/png"
    assert fake.media("folder/cat.png") == (b"\x89PNG cat", "image/png", "no-cache")
    async with http.delete(url) as response:
        assert response.status == 204
    async with http.get(url) as response:
        assert response.status == 404
        assert set(await response.json()) == {"type", "description"}


async def test_messages_page_info(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """listMessages pages with pageInfo.nextPageToken; the last page has no next keys."""
    url = f"/users/{fake.account_id}/messages"
    seen: list[str] = []
    params: dict[str, str] = {"limit": "100"}
    pages: list[dict[str, Any]] = []
    while True:
        body = await get_json(http, url, params=params)
        pages.append(body)
        seen.extend(m["messageId"] for m in body["messages"])
        token = body["pageInfo"].get("nextPageToken")
        if token is None:
            break
        assert body["pageInfo"]["nextPage"].startswith(fake.base_url)
        params = {"limit": "100", "pageToken": token}
    assert [len(p["messages"]) for p in pages] == [100, 100, 50]
    assert all(p["totalCount"] == 250 for p in pages)
    assert "prevPageToken" not in pages[0]["pageInfo"]
    assert set(pages[-1]["pageInfo"]) == {"prevPage", "prevPageToken"}
    assert len(set(seen)) == 250


async def test_messages_filters_and_sort(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """Filters select matching messages and sort orders them."""
    url = f"/users/{fake.account_id}/messages"
    body = await get_json(http, url, params={"messageDirection": "INBOUND", "limit": "1000"})
    assert body["totalCount"] == len(body["messages"]) > 0
    assert all(m["messageDirection"] == "INBOUND" for m in body["messages"])
    desc = await get_json(http, url, params={"sort": "receiveTime:desc", "limit": "5"})
    times = [m["receiveTime"] for m in desc["messages"]]
    assert times == sorted(times, reverse=True)
    async with http.get(url, params={"sort": "nope:up"}) as response:
        assert response.status == 400
    async with http.get(url, params={"limit": "0"}) as response:
        assert response.status == 400


async def test_create_message_is_listed(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """createMessage answers 202 with the message, which then shows up in listMessages."""
    body = {
        "applicationId": fake.messaging_application_id,
        "to": ["+15554443333"],
        "from": "+15551112222",
        "text": "hi",
    }
    async with http.post(f"/users/{fake.account_id}/messages", json=body) as response:
        assert response.status == 202
        message = await response.json()
    assert message["direction"] == "out"
    assert message["to"] == ["+15554443333"]
    assert fake.sent_messages == [message]
    listed = await get_json(
        http, f"/users/{fake.account_id}/messages", params={"destinationTn": "+15554443333"}
    )
    assert [m["messageId"] for m in listed["messages"]] == [message["id"]]
    async with http.post(f"/users/{fake.account_id}/messages", json={"to": []}) as response:
        assert response.status == 400
        assert {f["fieldName"] for f in (await response.json())["fieldErrors"]} >= {"from"}


CODE_REQUEST = {
    "to": "+19195551234",
    "from": "+19195554321",
    "applicationId": "app",
    "message": "Your code is {CODE}",
    "digits": 6,
}


async def test_mfa_sent_code_verifies_once(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A sent code verifies once; a wrong code does not."""
    url = f"/accounts/{fake.account_id}/code"
    async with http.post(url + "/messaging", json=CODE_REQUEST) as response:
        assert "messageId" in await response.json()
    code = fake.last_code("+19195551234")
    assert len(code) == 6
    assert fake.sent_codes[0].channel == "messaging"
    check = {"to": "+19195551234", "expirationTimeInMinutes": 3}
    async with http.post(url + "/verify", json={**check, "code": "0000000"}) as response:
        assert await response.json() == {"valid": False}
    async with http.post(url + "/verify", json={**check, "code": code}) as response:
        assert await response.json() == {"valid": True}
    async with http.post(url + "/verify", json={**check, "code": code}) as response:
        assert await response.json() == {"valid": False}


async def test_mfa_expired_code_does_not_verify(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A code older than expirationTimeInMinutes is not valid."""
    url = f"/accounts/{fake.account_id}/code"
    async with http.post(url + "/voice", json=CODE_REQUEST) as response:
        assert "callId" in await response.json()
    fake.advance(4 * 60)
    check = {
        "to": "+19195551234",
        "expirationTimeInMinutes": 3,
        "code": fake.last_code("+19195551234"),
    }
    async with http.post(url + "/verify", json=check) as response:
        assert await response.json() == {"valid": False}


async def test_mfa_bad_requests(fake: FakeBandwidth, http: aiohttp.ClientSession) -> None:
    """A code request without digits, or with a bad number, is a 400 mfaRequestError."""
    url = f"/accounts/{fake.account_id}/code/voice"
    for body in ({**CODE_REQUEST, "digits": None}, {**CODE_REQUEST, "to": "919"}):
        async with http.post(url, json=body) as response:
            assert response.status == 400
            assert set(await response.json()) == {"error", "requestId"}


async def test_lookup_completes_after_delay(
    fake: FakeBandwidth, http: aiohttp.ClientSession
) -> None:
    """A lookup is IN_PROGRESS, then COMPLETE (or PARTIAL_COMPLETE) with results."""
    url = f"/accounts/{fake.account_id}/tnlookup"
    async with http.post(url, json={"tns": ["+19195551234", "+11235550000"]}) as response:
        assert response.status == 202
        created = await response.json()
    assert created["status"] == "IN_PROGRESS"
    status = created
    for _ in range(500):
        status = await get_json(http, f"{url}/{created['requestId']}")
        if status["status"] != "IN_PROGRESS":
            break
        await asyncio.sleep(0.02)
    assert status["status"] == "PARTIAL_COMPLETE"
    assert status["result"][0]["E.164 Format"] == "+19195551234"
    assert status["result"][0]["Formatted"] == "(919) 555-1234"
    assert status["failedTelephoneNumbers"] == ["+11235550000"]
    async with http.get(f"{url}/unknown") as response:
        assert response.status == 404
    async with http.post(url, json={"tns": ["1234"]}) as response:
        assert response.status == 400
        assert "1234" in (await response.json())["message"]


async def test_generated_data_is_deterministic() -> None:
    """Same seed and now give the same conferences, messages, media and recordings."""
    bodies = []
    for _ in range(2):
        async with FakeBandwidth(
            conferences=5, messages=5, media=5, recordings=5, seed=9, now=NOW
        ) as fake:
            auth = aiohttp.encode_basic_auth(fake.username, fake.password)
            async with aiohttp.ClientSession(headers={"Authorization": auth}) as http:
                a, u = f"/accounts/{fake.account_id}", f"/users/{fake.account_id}"
                got = []
                for path in (a + "/conferences", u + "/messages", u + "/media", a + "/recordings"):
                    async with http.get(fake.base_url + path) as response:
                        got.append((await response.text()).replace(fake.base_url, ""))
                bodies.append(got)
    assert bodies[0] == bodies[1]


async def test_base_url_needs_start() -> None:
    """base_url is only known once the server listens, and close() can be called twice."""
    fake = FakeBandwidth()
    with pytest.raises(RuntimeError):
        _ = fake.base_url
    await fake.start()
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert not fake.base_url.endswith("/")
    await fake.close()
    await fake.close()
