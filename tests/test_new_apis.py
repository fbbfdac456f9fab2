"""
The July 2026 operations over real HTTP against the emulator: transcriptions, endpoints,
lookup v2 (and the retired v1), multi-channel messages and toll-free verification.
"""

from __future__ import annotations

import attrs
import pytest

import bandwidth_async as bw
from bandwidth_async import bxml
from bandwidth_async.testing import FakeBandwidth

CALL_ID = "c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85"
TOLL_FREE = "+18005550100"


def verification() -> bw.VerificationRequest:
    """A toll-free verification request with every required field."""
    return bw.VerificationRequest(
        business_address=bw.Address(
            name="Acme",
            addr1="1 Main St",
            city="Raleigh",
            state="NC",
            zip="27606",
            url="https://acme.test",
        ),
        business_contact=bw.Contact(
            first_name="Ada",
            last_name="Lovelace",
            email="ada@acme.test",
            phone_number="+19195551234",
        ),
        message_volume=1000,
        phone_numbers=[TOLL_FREE],
        use_case="2FA",
        use_case_summary="One-time codes for sign-in.",
        production_message_content="Your code is 123456",
        opt_in_workflow=bw.OptInWorkflow(description="Users opt in on sign-up", image_urls=[]),
        business_entity_type=bw.BusinessEntityTypeEnum.PRIVATE_PROFIT,
    )


def verification_update() -> bw.VerificationUpdateRequest:
    """The same submission as `verification`, as a resubmission."""
    request = verification()
    names = [f.name for f in attrs.fields(bw.VerificationUpdateRequest)]
    return bw.VerificationUpdateRequest(
        **{n: getattr(request, n) for n in names if hasattr(request, n)}
    )


def subscription(url: str = "https://www.example.com/tfv") -> bw.WebhookSubscriptionRequestSchema:
    """A webhook subscription with Basic credentials and a shared secret."""
    return bw.WebhookSubscriptionRequestSchema(
        callback_url=url,
        basic_authentication=bw.TfvBasicAuthentication(username="u", password="s3cret"),
        shared_secret_key="a shared s3cret key",
    )


def multi_channel_message() -> bw.MultiChannelMessageRequest:
    """A message offered over RBM first, then SMS."""
    sender = {"from_": "+19195554321", "application_id": "93de2206-9669-4e07-948d-329f4b722ee2"}
    return bw.MultiChannelMessageRequest(
        to="+19195551234",
        channel_list=[
            bw.MultiChannelChannelListRBMObject(
                **sender,
                channel=bw.MultiChannelMessageChannelEnum.RBM,
                content=bw.RbmMessageContentText(text="hello"),
            ),
            bw.MultiChannelChannelListSMSObject(
                **sender,
                channel=bw.MultiChannelMessageChannelEnum.SMS,
                content=bw.SmsMessageContent(text="hello"),
            ),
        ],
        tag="multi",
    )


async def test_real_time_transcriptions_list_get_delete() -> None:
    """A call's transcription is listed, read by id, deleted, and then gone (404)."""
    async with FakeBandwidth(calls=1, seed=1) as fake, fake.client() as client:
        (listed,) = [t async for t in client.transcriptions.list(CALL_ID)]
        assert listed.transcription_id
        got = await client.transcriptions.get(CALL_ID, listed.transcription_id)
        assert got.call_id == CALL_ID
        assert got.tracks
        assert {t.track for t in got.tracks} == {"inbound", "outbound"}
        await client.transcriptions.delete(CALL_ID, listed.transcription_id)
        assert [t async for t in client.transcriptions.list(CALL_ID)] == []
        with pytest.raises(bw.NotFoundError):
            await client.transcriptions.get(CALL_ID, listed.transcription_id)
    assert [r.method for r in fake.requests] == ["GET", "GET", "DELETE", "GET", "GET"]


async def test_endpoints_create_list_pages_and_delete() -> None:
    """Endpoints are created with a token, listed across pages by afterCursor, and deleted."""
    request = bw.CreateWebRtcConnectionRequest(
        type=bw.EndpointTypeEnum.WEBRTC, direction=bw.EndpointDirectionEnum.BIDIRECTIONAL
    )
    async with FakeBandwidth(calls=1, seed=1) as fake, fake.client() as client:
        created = [
            await client.endpoints.create(attrs.evolve(request, tag=str(i))) for i in range(5)
        ]
        assert all(c.data.token for c in created)
        assert created[0].data.token not in repr(created[0])  # a credential: hidden in repr
        pages = [p async for p in client.endpoints.list(page_size=2).pages()]
        assert [len(p.items) for p in pages] == [2, 2, 1]
        assert pages[0].next_cursor == created[1].data.endpoint_id
        ids = [e.endpoint_id for p in pages for e in p.items]
        assert ids == [c.data.endpoint_id for c in created]
        resumed = [
            e.endpoint_id
            async for e in client.endpoints.list(page_size=2, cursor=pages[0].next_cursor)
        ]
        assert resumed == ids[2:]
        first = created[0].data.endpoint_id
        assert (await client.endpoints.get(first)).data.endpoint_id == first
        await client.endpoints.update_bxml(first, bxml.Bxml(bxml.SpeakSentence("hi")))
        await client.endpoints.delete(first)
        with pytest.raises(bw.NotFoundError):
            await client.endpoints.get(first)


async def test_lookup_run_is_sync_for_few_numbers_and_bulk_for_many() -> None:
    """run looks a few numbers up synchronously and polls a bulk lookup for many."""
    few = ["+19195551234", "+19195554321"]
    many = [f"+1919555{n:04d}" for n in range(150)]
    async with FakeBandwidth(calls=1, seed=1, lookup_delay=0.05) as fake, fake.client() as client:
        quick = await client.lookup.run(few, poll_interval=0.01, timeout=10)
        assert quick.data is not None
        assert [r.phone_number for r in quick.data.results or []] == few
        bulk = await client.lookup.run(many, poll_interval=0.02, timeout=10)
        assert bulk.data is not None
        assert bulk.data.status == bw.InProgressLookupStatusEnum.COMPLETE
        assert len(bulk.data.results or []) == 150
    paths = [r.path for r in fake.requests]
    assert paths[0].endswith("/phoneNumberLookup")
    assert paths[1].endswith("/phoneNumberLookup/bulk")
    assert all("/phoneNumberLookup/bulk/" in p for p in paths[2:])


async def test_lookup_run_that_never_finishes_raises_lookup_timeout_error() -> None:
    """A bulk lookup still in progress at the deadline is our own error, also a TimeoutError."""
    many = [f"+1919555{n:04d}" for n in range(101)]
    async with FakeBandwidth(calls=1, seed=1, lookup_delay=3600) as fake, fake.client() as client:
        with pytest.raises(bw.LookupTimeoutError) as caught:
            await client.lookup.run(many, poll_interval=0.01, timeout=0.2)
    assert isinstance(caught.value, bw.BandwidthError)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.request_id
    assert caught.value.request_id in fake.requests[-1].path


async def test_retired_v1_lookup_warns_and_still_works() -> None:
    """create_tn_lookup and get_tn_lookup reach /tnlookup and warn DeprecationWarning."""
    async with FakeBandwidth(calls=1, seed=1, lookup_delay=0) as fake, fake.client() as client:
        with pytest.warns(DeprecationWarning, match="retired"):
            created = await client.lookup.create_tn_lookup(bw.LookupRequest(tns=["+19195551234"]))
        assert created.request_id
        with pytest.warns(DeprecationWarning, match="retired"):
            status = await client.lookup.get_tn_lookup(created.request_id)
        assert status.status == bw.LookupStatusEnum.COMPLETE
    assert all("/tnlookup" in r.path for r in fake.requests)


async def test_multi_channel_message_is_accepted() -> None:
    """A multi-channel message goes out and comes back with its channel list and owner."""
    message = bw.MultiChannelMessageRequest(
        to="+19195551234",
        channel_list=[
            bw.MultiChannelChannelListSMSObject(
                from_="+19195554321",
                application_id="93de2206-9669-4e07-948d-329f4b722ee2",
                channel=bw.MultiChannelMessageChannelEnum.SMS,
                content=bw.SmsMessageContent(text="hello"),
            )
        ],
        tag="multi",
    )
    async with FakeBandwidth(calls=1, seed=1) as fake, fake.client() as client:
        sent = await client.messages.create_multi_channel(message)
    assert sent.data is not None
    (channel,) = sent.data.channel_list
    assert isinstance(channel, bw.MultiChannelChannelListSMSResponseObject)
    assert channel.owner == "+19195554321"
    assert sent.data.tag == "multi"


async def test_toll_free_verification_and_subscriptions() -> None:
    """A number is submitted, read, resubmitted and withdrawn; subscriptions round-trip."""
    async with FakeBandwidth(calls=1, seed=1) as fake, fake.client() as client:
        assert "2FA" in await client.toll_free.list_use_cases()
        await client.toll_free.request_verification(verification())
        status = await client.toll_free.get_status(TOLL_FREE)
        assert status.status == bw.TfvStatusEnum.PENDING
        request = verification()
        update = bw.VerificationUpdateRequest(
            **{
                f.name: getattr(request, f.name)
                for f in attrs.fields(bw.VerificationUpdateRequest)
                if hasattr(request, f.name)
            }
        )
        await client.toll_free.update_request(TOLL_FREE, update)
        await client.toll_free.delete_request(TOLL_FREE)
        with pytest.raises(bw.NotFoundError):
            await client.toll_free.get_status(TOLL_FREE)
        sub = await client.toll_free.create_subscription(
            bw.WebhookSubscriptionRequestSchema(
                callback_url="https://127.0.0.1/tfv",
                basic_authentication=bw.TfvBasicAuthentication(username="u", password="s3cret"),
                shared_secret_key="a shared s3cret key",
            )
        )
        assert sub.id
        assert [s.id for s in (await client.toll_free.list_subscriptions()).data] == [sub.id]
        moved = await client.toll_free.update_subscription(
            sub.id, bw.WebhookSubscriptionRequestSchema(callback_url="https://127.0.0.1/v2")
        )
        assert moved.callback_url == "https://127.0.0.1/v2"
        await client.toll_free.delete_subscription(sub.id)
        assert (await client.toll_free.list_subscriptions()).data == []


async def test_new_families_answer_errors_in_their_own_models() -> None:
    """A 404 from endpoints, toll-free or a bad multi-channel message decodes into its model."""
    async with FakeBandwidth(calls=1, seed=1) as fake, fake.client() as client:
        with pytest.raises(bw.NotFoundError) as endpoint:
            await client.endpoints.get("e-missing")
        with pytest.raises(bw.NotFoundError) as toll_free:
            await client.toll_free.get_status(TOLL_FREE)
        with pytest.raises(bw.NotFoundError) as bulk:
            await client.lookup.get_bulk("missing")
    assert isinstance(endpoint.value.body, bw.LookupErrorResponse)
    assert endpoint.value.body.errors
    assert endpoint.value.body.errors[0].type == "not-found"
    assert isinstance(bulk.value.body, bw.LookupErrorResponse)
    assert isinstance(toll_free.value.body, bw.TfvError)
    assert toll_free.value.body.type == "not-found"


async def test_toll_free_refuses_values_the_spec_does_not_allow() -> None:
    """A non-boolean ageGatedContent and a short sharedSecretKey are 400s, as the spec says."""
    async with FakeBandwidth(calls=1, seed=1) as fake, fake.client() as client:
        wrong_type = attrs.evolve(verification(), age_gated_content="yes")  # type: ignore[arg-type]
        with pytest.raises(bw.BadRequestError):
            await client.toll_free.request_verification(wrong_type)
        with pytest.raises(bw.NotFoundError):
            await client.toll_free.get_status(TOLL_FREE)  # nothing was stored
        with pytest.raises(bw.BadRequestError):
            await client.toll_free.create_subscription(
                bw.WebhookSubscriptionRequestSchema(
                    callback_url="https://127.0.0.1/tfv", shared_secret_key="too short"
                )
            )
        assert (await client.toll_free.list_subscriptions()).data == []
