"""
The emulator refuses what Bandwidth refuses, with the error bodies the spec gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import aiohttp
import pytest

import bandwidth_async as bw
from bandwidth_async.testing import FakeBandwidth

README_APP = "04e88489-df02-4e34-a0ee-27a91849555f"


@pytest.fixture
async def fake() -> AsyncIterator[FakeBandwidth]:
    async with FakeBandwidth(conferences=6, seed=1, lookup_delay=60) as server:
        yield server


@pytest.fixture
async def client(fake: FakeBandwidth) -> AsyncIterator[bw.BandwidthClient]:
    async with fake.client(retry=bw.RetryPolicy.none()) as c:
        yield c


def call(to: str = "+19195551234", application_id: str = README_APP) -> bw.CreateCall:
    return bw.CreateCall(
        to=to,
        from_="+19195554321",
        application_id=application_id,
        answer_url="https://example.com/answer",
    )


def message(application_id: str, to: str = "+19195551234") -> bw.MessageRequest:
    return bw.MessageRequest(application_id=application_id, to=[to], from_="+19195554321")


@pytest.mark.parametrize("to", ["invalidNumberFormat", "19195551234", "+0123", "sip:nobody"])
async def test_createcall_to_must_be_e164_or_a_sip_uri(client: bw.BandwidthClient, to: str) -> None:
    """A call to something that is neither E.164 nor a SIP URI is a 400 voice validation error."""
    with pytest.raises(bw.BadRequestError) as caught:
        await client.calls.create(call(to))
    assert isinstance(caught.value.body, bw.VoiceApiError)
    assert "'to'" in (caught.value.body.description or "")


async def test_createcall_to_a_sip_uri_is_placed(
    client: bw.BandwidthClient, fake: FakeBandwidth
) -> None:
    """A SIP URI is a valid destination."""
    created = await client.calls.create(call("sip:alice@sip.example.com"))
    assert created.to == "sip:alice@sip.example.com"
    assert [c.call_id for c in fake.created_calls] == [created.call_id]


async def test_createmessage_to_must_be_e164(
    client: bw.BandwidthClient, fake: FakeBandwidth
) -> None:
    """A message to '+invalid' is a 400 with a field error naming 'to', and nothing is sent."""
    with pytest.raises(bw.BadRequestError) as caught:
        await client.messages.create(message(fake.messaging_application_id, "+invalid"))
    body = caught.value.body
    assert isinstance(body, bw.MessagingRequestError)
    assert "+invalid" in body.description
    assert fake.sent_messages == []


async def test_unknown_application_ids_are_refused(
    client: bw.BandwidthClient, fake: FakeBandwidth
) -> None:
    """Calls and messages with an application the account lacks are 400s; none is created."""
    with pytest.raises(bw.BadRequestError, match="not_an_application_id"):
        await client.calls.create(call(application_id="not_an_application_id"))
    with pytest.raises(bw.BadRequestError, match="not_an_application_id"):
        await client.messages.create(message("not_an_application_id"))
    # A voice application sends no messages, and a messaging one places no calls.
    with pytest.raises(bw.BadRequestError):
        await client.messages.create(message(fake.application_id))
    with pytest.raises(bw.BadRequestError):
        await client.calls.create(call(application_id=fake.messaging_application_id))
    assert fake.created_calls == []
    assert fake.sent_messages == []


async def test_known_and_added_applications_are_accepted(
    client: bw.BandwidthClient, fake: FakeBandwidth
) -> None:
    """The fake's own ids, the README's id and ids added with add_application are accepted."""
    added = fake.add_application()
    named = fake.add_application("my-sms-app", messaging=True)
    for application_id in (fake.application_id, README_APP, added):
        await client.calls.create(call(application_id=application_id))
    for application_id in (fake.messaging_application_id, named):
        await client.messages.create(message(application_id))
    assert [c.body["applicationId"] for c in fake.created_calls] == [
        fake.application_id,
        README_APP,
        added,
    ]
    assert [m["applicationId"] for m in fake.sent_messages] == [
        fake.messaging_application_id,
        "my-sms-app",
    ]


async def test_update_call_active_needs_a_redirect_url(client: bw.BandwidthClient) -> None:
    """updateCall with state active and no redirectUrl is a 400 ("Required if state is active")."""
    created = await client.calls.create(call())
    with pytest.raises(bw.BadRequestError, match="redirectUrl"):
        await client.calls.update(created.call_id, bw.UpdateCall(state=bw.CallStateEnum.ACTIVE))
    await client.calls.update(
        created.call_id,
        bw.UpdateCall(state=bw.CallStateEnum.ACTIVE, redirect_url="https://example.com/next"),
    )


async def test_update_conference_active_needs_a_redirect_url(client: bw.BandwidthClient) -> None:
    """updateConference with status active and no redirectUrl is a 400."""
    live = [c async for c in client.conferences.list() if c.completed_time is None]
    assert live
    assert live[0].id
    with pytest.raises(bw.BadRequestError, match="redirectUrl"):
        await client.conferences.update(
            live[0].id, bw.UpdateConference(status=bw.ConferenceStateEnum.ACTIVE)
        )


async def test_list_messages_needs_a_query_parameter(client: bw.BandwidthClient) -> None:
    """listMessages with no query parameter at all is a 400, as Bandwidth answers."""
    with pytest.raises(bw.BadRequestError, match="at least one query parameter"):
        [m async for m in client.messages.list()]
    assert [m async for m in client.messages.list(page_size=10)] == []


async def test_a_second_lookup_of_a_number_in_progress_is_refused(fake: FakeBandwidth) -> None:
    """Looking up a number again while its first lookup runs is a 400; other numbers are fine."""
    url = f"{fake.base_url}/accounts/{fake.account_id}/tnlookup"
    auth = {"Authorization": aiohttp.encode_basic_auth(fake.username, fake.password)}
    async with aiohttp.ClientSession(headers=auth) as http:
        async with http.post(url, json={"tns": ["+19195551234"]}) as first:
            assert first.status == 202
        async with http.post(url, json={"tns": ["+19195550000", "+19195551234"]}) as again:
            assert again.status == 400
            assert "+19195551234" in (await again.json())["message"]
        async with http.post(url, json={"tns": ["+19195550000"]}) as other:
            assert other.status == 202
        fake.advance(60)
        async with http.post(url, json={"tns": ["+19195551234"]}) as later:
            assert later.status == 202


async def test_mfa_verify_is_rate_limited_after_wrong_codes(
    client: bw.BandwidthClient, fake: FakeBandwidth
) -> None:
    """After five wrong codes for a number, verifyCode answers 429 until a new code is sent."""
    request = bw.CodeRequest(
        to="+19195551234",
        from_="+19195554321",
        application_id=fake.messaging_application_id,
        message="Your code is {CODE}",
        digits=6,
    )
    await client.mfa.send_messaging_code(request)
    wrong = bw.VerifyCodeRequest(to="+19195551234", expiration_time_in_minutes=3, code="000000")
    if fake.last_code("+19195551234") == "000000":
        wrong = bw.VerifyCodeRequest(to="+19195551234", expiration_time_in_minutes=3, code="111111")
    for _ in range(5):
        assert (await client.mfa.verify_code(wrong)).valid is False
    with pytest.raises(bw.RateLimitError) as caught:
        await client.mfa.verify_code(wrong)
    assert isinstance(caught.value.body, bw.MfaRequestError)
    # Another number is not affected; a new code starts a new count.
    other = bw.VerifyCodeRequest(to="+19195550000", expiration_time_in_minutes=3, code="000000")
    assert (await client.mfa.verify_code(other)).valid is False
    await client.mfa.send_messaging_code(request)
    right = bw.VerifyCodeRequest(
        to="+19195551234", expiration_time_in_minutes=3, code=fake.last_code("+19195551234")
    )
    assert (await client.mfa.verify_code(right)).valid is True


async def test_created_records_carry_the_time_they_were_made(
    client: bw.BandwidthClient, fake: FakeBandwidth
) -> None:
    """A call created now has enqueuedTime now, so listCalls(minStartTime=just before) finds it."""
    before = dt.datetime.now(dt.UTC) - dt.timedelta(milliseconds=1)
    created = await client.calls.create(call())
    after = dt.datetime.now(dt.UTC) + dt.timedelta(milliseconds=1)
    assert created.enqueued_time is not None
    assert before <= created.enqueued_time <= after
    found = [c.call_id async for c in client.calls.list(min_start_time=before)]
    assert found == [created.call_id]
    sent = await client.messages.create(message(fake.messaging_application_id))
    assert sent.time is not None
    assert before <= sent.time
    assert fake.now <= before


async def test_a_method_the_path_lacks_is_405_with_allow(fake: FakeBandwidth) -> None:
    """A method a path does not have is a 405 listing the ones it has (RFC 9110 Allow)."""
    auth = {"Authorization": aiohttp.encode_basic_auth(fake.username, fake.password)}
    url = f"{fake.base_url}/accounts/{fake.account_id}/calls"
    async with aiohttp.ClientSession(headers=auth) as http, http.delete(url) as response:
        assert response.status == 405
        allowed = {m.strip() for m in response.headers["Allow"].split(",")}
        body = await response.json()
    assert {"GET", "POST"} <= allowed
    assert "DELETE" not in allowed
    assert body["type"] == "method-not-allowed"


async def test_an_empty_upload_is_refused(client: bw.BandwidthClient, fake: FakeBandwidth) -> None:
    """uploadMedia with no bytes is a 400 and stores nothing."""
    with pytest.raises(bw.BadRequestError, match="empty"):
        await client.media.upload("empty.png", b"", content_type="image/png")
    with pytest.raises(KeyError):
        fake.media("empty.png")
