"""
The SDK drives all 55 operations through ``prism proxy --errors`` in front of the emulator
(and the 2 retired lookups through a proxy of the 2024 spec).

Prism checks what the SDK sends and what the emulator answers against spec/bandwidth.yml, so
this one scenario proves both sides at once, pagination included.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import aiohttp
import pytest

import bandwidth_async as bw
from bandwidth_async import bxml
from bandwidth_async.testing import FakeBandwidth

from .prism import OLD_SPEC, prism_proxy
from .test_contract import Exchange, recorder
from .test_new_apis import (
    TOLL_FREE,
    multi_channel_message,
    subscription,
    verification,
    verification_update,
)
from .test_registry import RETIRED, operations

pytestmark = pytest.mark.prism


async def drive_everything(  # noqa: PLR0915 - one scenario, read top to bottom
    client: bw.BandwidthClient, fake: FakeBandwidth, tmp: Path
) -> None:
    """Call every operation with ids the emulator knows, as an application would."""
    # Calls: create, get, list across several pages, update, BXML, recording state.
    created = await client.calls.create(
        bw.CreateCall(
            to="+19195551234",
            from_="+19195554321",
            application_id="04e88489-df02-4e34-a0ee-27a91849555f",
            answer_url="https://example.com/answer",
            tag="proxy",
        )
    )
    call_id = created.call_id
    assert (await client.calls.get(call_id)).call_id == call_id
    pages = [p async for p in client.calls.list(page_size=40).pages()]
    assert len(pages) >= 3
    assert len({c.call_id for p in pages for c in p.items}) == sum(len(p.items) for p in pages)
    since = fake.now - dt.timedelta(days=3)
    assert [c async for c in client.calls.list(min_start_time=since, limit=5)]
    await client.calls.update_bxml(call_id, bxml.Response(bxml.SpeakSentence("Hi & bye")))
    await client.calls.update_recording_state(
        call_id, bw.UpdateCallRecording(state=bw.RecordingStateEnum.PAUSED)
    )
    await client.calls.update(call_id, bw.UpdateCall(state=bw.CallStateEnum.COMPLETED))

    # Conferences, members and their recordings.
    conferences = [c async for c in client.conferences.list(page_size=2)]
    assert len(conferences) >= 3
    active = [c for c in conferences if c.completed_time is None]
    assert active
    conference_id = active[0].id
    assert conference_id
    conference = await client.conferences.get(conference_id)
    members = conference.active_members or []
    if members and members[0].call_id:
        member = members[0].call_id
        assert (await client.conferences.get_member(conference_id, member)).call_id == member
        await client.conferences.update_member(
            conference_id, member, bw.UpdateConferenceMember(mute=True)
        )
    await client.conferences.update_bxml(conference_id, "<Bxml><StartRecording/></Bxml>")
    recorded = [
        (c.id, r)
        for c in conferences
        if c.id
        async for r in client.conferences.list_recordings(c.id)
    ]
    assert recorded
    with_recording, recording = recorded[0]
    assert with_recording
    assert recording.recording_id
    got = await client.conferences.get_recording(with_recording, recording.recording_id)
    assert got.recording_id == recording.recording_id
    assert await client.conferences.download_recording(with_recording, recording.recording_id)
    await client.conferences.update(
        conference_id, bw.UpdateConference(status=bw.ConferenceStateEnum.COMPLETED)
    )

    # Call recordings and transcriptions.
    account_recordings = [r async for r in client.recordings.list()]
    assert account_recordings
    first = account_recordings[0]
    assert first.call_id
    assert first.recording_id
    rec_call, rec_id = first.call_id, first.recording_id
    assert [r async for r in client.recordings.list_for_call(rec_call)]
    assert (await client.recordings.get(rec_call, rec_id)).recording_id == rec_id
    audio = await client.recordings.download(rec_call, rec_id)
    assert b"".join([c async for c in client.recordings.stream(rec_call, rec_id)]) == audio
    await client.recordings.transcribe(
        rec_call, rec_id, bw.TranscribeRecording(callback_url="https://example.com/t")
    )
    transcription = await client.recordings.get_transcription(rec_call, rec_id)
    assert isinstance(transcription, bw.TranscriptionList)
    await client.recordings.delete_transcription(rec_call, rec_id)
    await client.recordings.delete_media(rec_call, rec_id)
    await client.recordings.delete(rec_call, rec_id)
    assert (await client.statistics.get()).max_call_queue_size is not None

    # Messaging: messages with pageInfo, media with Continuation-Token.
    sent = await client.messages.create(
        bw.MessageRequest(
            application_id=fake.messaging_application_id,
            to=["+15554443333"],
            from_="+15551113333",
            text="hello",
        )
    )
    assert sent.id
    messages = [m.message_id async for m in client.messages.list(page_size=25)]
    assert len(messages) == len(set(messages)) > 25
    path = tmp / "a.png"
    path.write_bytes(b"\x89PNG" + bytes(range(256)) * 40)
    await client.media.upload("up/a.png", path, content_type="image/png", cache_control="no-cache")
    # An async iterator goes out chunked, which Prism's proxy forwards with a Content-Length
    # added (a request aiohttp's server refuses); test_contract covers it against the mock.
    await client.media.upload("up/b.txt", b"x" * 3000, content_type="text/plain")
    media = [m.media_name async for m in client.media.list()]
    assert len(media) == len(set(media)) > 100
    # Prism's proxy re-encodes binary bodies as text, so fetch a text file through it.
    # getMedia answers with the uploaded type, and the spec lists only octet-stream, which
    # uploadMedia's spec does not allow: store the file behind Prism's back.
    async with fake.client() as direct:
        await direct.media.upload(
            "up/note.txt", "héllo".encode() * 50, content_type="application/octet-stream"
        )
    assert await client.media.get("up/note.txt") == "héllo".encode() * 50
    await client.media.delete("up/b.txt")

    # MFA and lookup.
    code_request = bw.CodeRequest(
        to="+19195551234",
        from_="+19195554321",
        application_id="66fd98ae-ac8d-a00f-7fcd-ba3280aeb9b1",
        message="Your code is {CODE}",
        digits=6,
        scope="2FA",
    )
    assert (await client.mfa.send_voice_code(code_request)).call_id
    assert (await client.mfa.send_messaging_code(code_request)).message_id
    verified = await client.mfa.verify_code(
        bw.VerifyCodeRequest(
            to="+19195551234",
            scope="2FA",
            expiration_time_in_minutes=3,
            code=fake.last_code("+19195551234"),
        )
    )
    assert verified.valid
    quick = await client.lookup.run(["+19195551234"], poll_interval=0.05, timeout=10)
    assert quick.data is not None
    assert quick.data.results
    many = [f"+1919555{n:04d}" for n in range(101)]
    bulk = await client.lookup.run(many, poll_interval=0.05, timeout=10)
    assert bulk.data is not None
    assert bulk.data.status == bw.InProgressLookupStatusEnum.COMPLETE
    await drive_new_operations(client, call_id)


async def drive_new_operations(client: bw.BandwidthClient, call_id: str) -> None:
    """The July 2026 operations: transcriptions, multi-channel, toll-free, endpoints."""
    (listed,) = [t async for t in client.transcriptions.list(call_id)]
    assert listed.transcription_id
    got = await client.transcriptions.get(call_id, listed.transcription_id)
    assert got.tracks
    await client.transcriptions.delete(call_id, listed.transcription_id)

    sent = await client.messages.create_multi_channel(multi_channel_message())
    assert sent.data is not None

    assert await client.toll_free.list_use_cases()
    await client.toll_free.request_verification(verification())
    assert (await client.toll_free.get_status(TOLL_FREE)).status == bw.TfvStatusEnum.PENDING
    await client.toll_free.update_request(TOLL_FREE, verification_update())
    await client.toll_free.delete_request(TOLL_FREE)
    created = await client.toll_free.create_subscription(subscription())
    assert created.id
    assert (await client.toll_free.list_subscriptions()).data
    await client.toll_free.update_subscription(
        created.id, subscription("https://www.example.com/v2")
    )
    await client.toll_free.delete_subscription(created.id)

    request = bw.CreateWebRtcConnectionRequest(
        type=bw.EndpointTypeEnum.WEBRTC, direction=bw.EndpointDirectionEnum.INBOUND
    )
    ids = [(await client.endpoints.create(request)).data.endpoint_id for _ in range(3)]
    pages = [p async for p in client.endpoints.list(page_size=2).pages()]
    assert [e.endpoint_id for p in pages for e in p.items] == ids
    assert len(pages) == 2
    assert (await client.endpoints.get(ids[0])).data.endpoint_id == ids[0]
    await client.endpoints.update_bxml(ids[0], "<Bxml><SpeakSentence>Hi</SpeakSentence></Bxml>")
    await client.endpoints.delete(ids[0])


def forwarded_host(proxy: str) -> aiohttp.ClientMiddlewareType:
    """Tell the emulator behind the proxy which origin the client sees, as proxies do."""
    host = proxy.split("://", 1)[1]

    async def forward(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        request.headers["X-Forwarded-Host"] = host
        if request.method == "GET" and "/media/" in request.url.path:
            # The spec gives getMedia only application/octet-stream; ask for it, as it says.
            request.headers["Accept"] = "application/octet-stream"
        return await handler(request)

    return forward


async def test_sdk_and_emulator_agree_with_the_spec(tmp_path: Path) -> None:
    """Every operation, SDK to emulator through Prism's validating proxy: no violation at all."""
    async with FakeBandwidth(
        calls=120, conferences=7, messages=60, media=130, recordings=4, seed=2, lookup_delay=0
    ) as fake:
        with prism_proxy(fake.base_url) as proxy:
            exchanges: list[Exchange] = []
            async with (
                aiohttp.ClientSession(
                    middlewares=(recorder(exchanges), forwarded_host(proxy))
                ) as http,
                bw.BandwidthClient(
                    fake.username,
                    fake.password,
                    fake.account_id,
                    base_url=proxy,
                    session=http,
                    retry=bw.RetryPolicy.none(),
                ) as client,
            ):
                await asyncio.wait_for(drive_everything(client, fake, tmp_path), 120)
    violations = [e for e in exchanges if e.violations or not 200 <= e.status < 300]
    assert violations == []
    seen = {op.operation_id for e in exchanges if (op := e.operation()) is not None}
    assert seen == set(operations()) - set(RETIRED)


async def test_retired_lookup_agrees_with_the_2024_spec() -> None:
    """The retired v1 lookup, SDK to emulator through a proxy of the 2024 spec: no violation."""
    async with FakeBandwidth(calls=1, seed=2, lookup_delay=0) as fake:
        with prism_proxy(fake.base_url, OLD_SPEC) as proxy:
            exchanges: list[Exchange] = []
            async with (
                aiohttp.ClientSession(
                    middlewares=(recorder(exchanges), forwarded_host(proxy))
                ) as http,
                bw.BandwidthClient(
                    fake.username,
                    fake.password,
                    fake.account_id,
                    base_url=proxy,
                    session=http,
                    retry=bw.RetryPolicy.none(),
                ) as client,
            ):
                with pytest.warns(DeprecationWarning, match="retired"):
                    created = await client.lookup.create_tn_lookup(
                        bw.LookupRequest(tns=["+19195551234"])
                    )
                assert created.request_id
                with pytest.warns(DeprecationWarning, match="retired"):
                    status = await client.lookup.get_tn_lookup(created.request_id)
                assert status.status == bw.LookupStatusEnum.COMPLETE
    assert [e.violations for e in exchanges] == [None, None]
    assert {op.operation_id for e in exchanges if (op := e.operation())} == set(RETIRED)
