"""
All 36 operations, driven through the SDK against a Prism mock of spec/bandwidth.yml.

Prism validates every request against the spec and answers a violation with an error status
and an ``sl-violations`` header. A client middleware records each response's status and headers,
so every test can assert that Prism accepted every request the SDK sent, for the operation the
test meant to drive, with a status the spec lists for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import aiohttp
import attrs
import pytest

import bandwidth_async as bw
from bandwidth_async import bxml

from .test_new_apis import (
    TOLL_FREE,
    multi_channel_message,
    subscription,
    verification,
    verification_update,
)
from .test_registry import BODIES, RETIRED, Operation, operations

pytestmark = pytest.mark.prism

T = TypeVar("T")

CALL_ID = "c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85"
CONFERENCE_ID = "conf-fe23a767-a75a5b77-20c5-4cca-b581-cbbf0776eca9"
RECORDING_ID = "r-fbe05094-9fd2afe9-bf5b-4c68-820a-41a01c1c5833"
MEDIA_ID = "14762070468292kw2fuqty55yp2b2/0/bw.png"
ENDPOINT_ID = "e-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85"
SINCE = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
UNTIL = dt.datetime(2026, 11, 16, 12, 30, tzinfo=dt.UTC)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64


@attrs.frozen
class Exchange:
    """One request the SDK sent, and what Prism answered."""

    method: str
    path: str
    status: int
    violations: str | None

    def operation(self) -> Operation | None:
        """The spec operation this request was for, if any."""
        found = [op for op in operations().values() if op.matches(self.method, self.path)]
        return found[0] if len(found) == 1 else None


@attrs.define
class Prism:
    """A client pointed at Prism, and the exchanges its requests caused."""

    client: bw.BandwidthClient
    exchanges: list[Exchange]

    def assert_clean(self, operation_id: str) -> None:
        """Each exchange was *operation_id*, with a 2xx the spec lists and no violations."""
        assert self.exchanges, "nothing was sent"
        for exchange in self.exchanges:
            assert exchange.violations is None, f"{exchange}: {exchange.violations}"
            op = exchange.operation()
            assert op is not None, f"{exchange.method} {exchange.path} is no spec operation"
            assert op.operation_id == operation_id, f"{exchange} is {op.operation_id}"
            assert 200 <= exchange.status < 300, exchange
            assert str(exchange.status) in op.statuses, exchange


def recorder(exchanges: list[Exchange]) -> aiohttp.ClientMiddlewareType:
    """A client middleware that records every response's status and ``sl-violations``."""

    async def record(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        response = await handler(request)
        exchanges.append(
            Exchange(
                request.method,
                request.url.raw_path,
                response.status,
                response.headers.get("sl-violations"),
            )
        )
        return response

    return record


def prefer_for_get(example: str) -> aiohttp.ClientMiddlewareType:
    """A client middleware that asks Prism for the named example on GET requests only."""

    async def prefer(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        if request.method == "GET":
            request.headers["Prefer"] = f"example={example}"
        return await handler(request)

    return prefer


@pytest.fixture
async def prism(prism_url: str) -> AsyncIterator[Prism]:
    """A client on the Prism mock whose every exchange is recorded; retries off."""
    async with recorded_client(prism_url) as recorded:
        yield recorded


@pytest.fixture
async def prism_2024(prism_2024_url: str) -> AsyncIterator[Prism]:
    """The same, on a Prism mock of the 2024 spec (the retired lookups)."""
    async with recorded_client(prism_2024_url) as recorded:
        yield recorded


@contextlib.asynccontextmanager
async def recorded_client(prism_url: str) -> AsyncIterator[Prism]:
    """A client on *prism_url* whose every exchange is recorded; retries off."""
    exchanges: list[Exchange] = []
    async with (
        aiohttp.ClientSession(middlewares=(recorder(exchanges),)) as http,
        bw.BandwidthClient(
            "u",
            "p",
            "9900000",
            base_url=prism_url,
            session=http,
            retry=bw.RetryPolicy.none(),
        ) as client,
    ):
        yield Prism(client, exchanges)


async def first_page(paginator: bw.AsyncPaginator[T]) -> bw.Page[T]:
    """The first page of *paginator*: Prism's mock hands out the same next token forever."""
    async for page in paginator.pages():
        assert page.response.headers.get("sl-violations") is None
        return page
    raise AssertionError("no page")


async def chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    """*data* as an async iterator of chunks."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


Driver = Callable[[bw.BandwidthClient, Path], Awaitable[None]]
DRIVERS: dict[str, Driver] = {}


def drives(operation_id: str) -> Callable[[Driver], Driver]:
    """Register the decorated function as the driver of *operation_id*."""

    def register(driver: Driver) -> Driver:
        DRIVERS[operation_id] = driver
        return driver

    return register


# --- voice: calls -------------------------------------------------------------------------


@drives("createCall")
async def _create_call(client: bw.BandwidthClient, tmp: Path) -> None:
    created = await client.calls.create(
        bw.CreateCall(
            to="+19195551234",
            from_="+19195554321",
            display_name="Bandwidth",
            application_id="04e88489-df02-4e34-a0ee-27a91849555f",
            answer_url="https://example.com/answer",
            answer_method=bw.CallbackMethodEnum.POST,
            answer_fallback_url="https://example.com/fallback",
            disconnect_url="https://example.com/disconnect",
            disconnect_method=bw.CallbackMethodEnum.POST,
            call_timeout=30,
            callback_timeout=15,
            priority=5,
            tag="contract",
        )
    )
    assert created.call_id
    assert created.account_id


@drives("getCallState")
async def _get_call(client: bw.BandwidthClient, tmp: Path) -> None:
    state = await client.calls.get(CALL_ID)
    assert state.call_id


@drives("listCalls")
async def _list_calls(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(
        client.calls.list(
            to="+19195551234",
            from_="+19195554321",
            min_start_time=SINCE,
            max_start_time=UNTIL,
            disconnect_cause="hangup",
            page_size=500,
        )
    )
    assert page.items
    assert all(isinstance(call, bw.CallState) for call in page.items)
    one = [call async for call in client.calls.list(limit=1)]
    assert len(one) == 1


@drives("updateCall")
async def _update_call(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.calls.update(
        CALL_ID,
        bw.UpdateCall(
            state=bw.CallStateEnum.ACTIVE,
            redirect_url="https://example.com/redirect",
            redirect_method=bw.RedirectMethodEnum.POST,
            tag="contract",
        ),
    )
    await client.calls.update(CALL_ID, bw.UpdateCall(state=bw.CallStateEnum.COMPLETED))


@drives("updateCallBxml")
async def _update_call_bxml(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.calls.update_bxml(CALL_ID, '<?xml version="1.0"?><Response><Hangup/></Response>')
    await client.calls.update_bxml(CALL_ID, bxml.Bxml(bxml.SpeakSentence("Hello")))


@drives("updateCallRecordingState")
async def _update_recording_state(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.calls.update_recording_state(
        CALL_ID, bw.UpdateCallRecording(state=bw.RecordingStateEnum.PAUSED)
    )
    await client.calls.update_recording_state(
        CALL_ID, bw.UpdateCallRecording(state=bw.RecordingStateEnum.RECORDING)
    )


# --- voice: conferences -------------------------------------------------------------------


@drives("listConferences")
async def _list_conferences(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(
        client.conferences.list(
            name="my-conference",
            min_created_time=SINCE,
            max_created_time=UNTIL,
            page_size=100,
        )
    )
    assert all(isinstance(c, bw.Conference) for c in page.items)


@drives("getConference")
async def _get_conference(client: bw.BandwidthClient, tmp: Path) -> None:
    conference = await client.conferences.get(CONFERENCE_ID)
    assert conference.id


@drives("updateConference")
async def _update_conference(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.conferences.update(
        CONFERENCE_ID,
        bw.UpdateConference(
            status=bw.ConferenceStateEnum.ACTIVE,
            redirect_url="https://example.com/redirect",
            redirect_method=bw.RedirectMethodEnum.GET,
        ),
    )


@drives("updateConferenceBxml")
async def _update_conference_bxml(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.conferences.update_bxml(
        CONFERENCE_ID, bxml.Bxml(bxml.StartRecording(), bxml.SpeakSentence("Recording"))
    )
    await client.conferences.update_bxml(CONFERENCE_ID, "<Bxml><StopRecording/></Bxml>")


@drives("getConferenceMember")
async def _get_member(client: bw.BandwidthClient, tmp: Path) -> None:
    member = await client.conferences.get_member(CONFERENCE_ID, CALL_ID)
    assert member.call_id


@drives("updateConferenceMember")
async def _update_member(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.conferences.update_member(
        CONFERENCE_ID,
        CALL_ID,
        bw.UpdateConferenceMember(mute=True, hold=False, call_ids_to_coach=[CALL_ID]),
    )


@drives("listConferenceRecordings")
async def _list_conference_recordings(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(client.conferences.list_recordings(CONFERENCE_ID))
    assert page.next_cursor is None
    assert all(isinstance(r, bw.ConferenceRecordingMetadata) for r in page.items)


@drives("getConferenceRecording")
async def _get_conference_recording(client: bw.BandwidthClient, tmp: Path) -> None:
    recording = await client.conferences.get_recording(CONFERENCE_ID, RECORDING_ID)
    assert recording.recording_id


@drives("downloadConferenceRecording")
async def _download_conference_recording(client: bw.BandwidthClient, tmp: Path) -> None:
    whole = await client.conferences.download_recording(CONFERENCE_ID, RECORDING_ID)
    streamed = b"".join(
        [c async for c in client.conferences.stream_recording(CONFERENCE_ID, RECORDING_ID)]
    )
    assert whole
    assert streamed == whole


# --- voice: recordings and transcriptions -------------------------------------------------


@drives("listAccountCallRecordings")
async def _list_account_recordings(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(
        client.recordings.list(
            to="+19195551234",
            from_="+19195554321",
            min_start_time=SINCE,
            max_start_time="2026-11-16T00:00:00Z",
        )
    )
    assert page.next_cursor is None
    assert all(isinstance(r, bw.CallRecordingMetadata) for r in page.items)


@drives("listCallRecordings")
async def _list_call_recordings(client: bw.BandwidthClient, tmp: Path) -> None:
    recordings = [r async for r in client.recordings.list_for_call(CALL_ID)]
    assert all(isinstance(r, bw.CallRecordingMetadata) for r in recordings)


@drives("getCallRecording")
async def _get_recording(client: bw.BandwidthClient, tmp: Path) -> None:
    recording = await client.recordings.get(CALL_ID, RECORDING_ID)
    assert recording.recording_id


@drives("deleteRecording")
async def _delete_recording(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.recordings.delete(CALL_ID, RECORDING_ID)


@drives("downloadCallRecording")
async def _download_recording(client: bw.BandwidthClient, tmp: Path) -> None:
    whole = await client.recordings.download(CALL_ID, RECORDING_ID)
    streamed = b"".join([c async for c in client.recordings.stream(CALL_ID, RECORDING_ID)])
    assert whole
    assert streamed == whole


@drives("deleteRecordingMedia")
async def _delete_recording_media(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.recordings.delete_media(CALL_ID, RECORDING_ID)


@drives("getRecordingTranscription")
async def _get_transcription(client: bw.BandwidthClient, tmp: Path) -> None:
    transcription = await client.recordings.get_transcription(CALL_ID, RECORDING_ID)
    assert isinstance(transcription, bw.TranscriptionList)


@drives("transcribeCallRecording")
async def _transcribe(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.recordings.transcribe(
        CALL_ID,
        RECORDING_ID,
        bw.TranscribeRecording(
            callback_url="https://example.com/transcription",
            callback_method=bw.CallbackMethodEnum.POST,
            tag="contract",
            callback_timeout=5.5,
            detect_language=True,
        ),
    )


@drives("deleteRecordingTranscription")
async def _delete_transcription(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.recordings.delete_transcription(CALL_ID, RECORDING_ID)


@drives("getStatistics")
async def _statistics(client: bw.BandwidthClient, tmp: Path) -> None:
    statistics = await client.statistics.get()
    assert statistics.max_call_queue_size is not None


# --- messaging ----------------------------------------------------------------------------


@drives("listMedia")
async def _list_media(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(client.media.list())
    assert all(isinstance(m, bw.Media) for m in page.items)
    resumed = await first_page(client.media.list(cursor="12345"))
    assert resumed.cursor == "12345"


@drives("getMedia")
async def _get_media(client: bw.BandwidthClient, tmp: Path) -> None:
    whole = await client.media.get(MEDIA_ID)
    streamed = b"".join([c async for c in client.media.stream(MEDIA_ID)])
    assert whole
    assert streamed == whole


@drives("uploadMedia")
async def _upload_media(client: bw.BandwidthClient, tmp: Path) -> None:
    path = tmp / "picture.png"
    path.write_bytes(PNG)
    await client.media.upload(MEDIA_ID, PNG, content_type="image/png", cache_control="no-cache")
    await client.media.upload(MEDIA_ID, path, content_type="image/png", cache_control="max-age=60")
    await client.media.upload(
        MEDIA_ID, str(path), content_type="image/png", cache_control="no-store"
    )
    await client.media.upload(
        MEDIA_ID, chunks(PNG), content_type="image/png", cache_control="no-cache"
    )


@drives("deleteMedia")
async def _delete_media(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.media.delete(MEDIA_ID)


@drives("listMessages")
async def _list_messages(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(
        client.messages.list(
            message_id="9e0df4ca-b18d-40d7-a59f-82fcdf5ae8e6",
            source_tn="+15554443333",
            destination_tn="+15554442222",
            message_status=bw.MessageStatusEnum.RECEIVED,
            message_direction=bw.ListMessageDirectionEnum.INBOUND,
            carrier_name="Verizon",
            message_type=bw.MessageTypeEnum.SMS,
            error_code=9902,
            from_date_time=SINCE,
            to_date_time=UNTIL,
            campaign_id="CJEUMDK",
            sort="sourceTn:desc",
            limit_total_count=True,
            page_size=50,
        )
    )
    assert page.items
    assert all(isinstance(m, bw.ListMessageItem) for m in page.items)
    assert page.next_cursor
    resumed = await first_page(client.messages.list(cursor=page.next_cursor, page_size=50))
    assert resumed.items


@drives("createMessage")
async def _create_message(client: bw.BandwidthClient, tmp: Path) -> None:
    message = await client.messages.create(
        bw.MessageRequest(
            application_id="93de2206-9669-4e07-948d-329f4b722ee2",
            to=["+15554443333", "+15552223333"],
            from_="+15551113333",
            text="Hello world",
            media=["https://dev.bandwidth.com/images/bandwidth-logo.png"],
            tag="custom string",
            priority=bw.PriorityEnum.DEFAULT,
            expiration=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
        )
    )
    assert message.id


# --- MFA and lookup -----------------------------------------------------------------------


@drives("generateVoiceCode")
async def _voice_code(client: bw.BandwidthClient, tmp: Path) -> None:
    request = BODIES["generateVoiceCode"]
    assert isinstance(request, bw.CodeRequest)
    response = await client.mfa.send_voice_code(attrs.evolve(request, scope="2FA"))
    assert response.call_id


@drives("generateMessagingCode")
async def _messaging_code(client: bw.BandwidthClient, tmp: Path) -> None:
    request = BODIES["generateMessagingCode"]
    assert isinstance(request, bw.CodeRequest)
    response = await client.mfa.send_messaging_code(attrs.evolve(request, scope="2FA"))
    assert response.message_id


@drives("verifyCode")
async def _verify_code(client: bw.BandwidthClient, tmp: Path) -> None:
    response = await client.mfa.verify_code(
        bw.VerifyCodeRequest(
            to="+19195551234", scope="2FA", expiration_time_in_minutes=3, code="123456"
        )
    )
    assert response.valid is not None


@drives("createLookup")
async def _create_lookup(client: bw.BandwidthClient, tmp: Path) -> None:
    with pytest.warns(DeprecationWarning, match="retired"):
        created = await client.lookup.create_tn_lookup(
            bw.LookupRequest(tns=["+19195551234", "+19195554321"])
        )
    assert created.request_id


@drives("getLookupStatus")
async def _get_lookup(client: bw.BandwidthClient, tmp: Path) -> None:
    with pytest.warns(DeprecationWarning, match="retired"):
        status = await client.lookup.get_tn_lookup("004223a0-8b17-41b1-bf81-20732adf5590")
    assert status.status is not None


@drives("createSyncLookup")
async def _create_sync_lookup(client: bw.BandwidthClient, tmp: Path) -> None:
    result = await client.lookup.create(
        bw.SyncLookupRequest(phone_numbers=["+19195551234"], rcs_agent="my_agent")
    )
    assert result.data is not None


@drives("createAsyncBulkLookup")
async def _create_bulk_lookup(client: bw.BandwidthClient, tmp: Path) -> None:
    created = await client.lookup.create_bulk(
        bw.AsyncLookupRequest(phone_numbers=["+19195551234", "+19195554321"])
    )
    assert created.data is not None
    assert created.data.request_id


@drives("getAsyncBulkLookup")
async def _get_bulk_lookup(client: bw.BandwidthClient, tmp: Path) -> None:
    status = await client.lookup.get_bulk("004223a0-8b17-41b1-bf81-20732adf5590")
    assert status.data is not None


# --- real-time transcriptions, multi-channel, toll-free, endpoints -------------------------


@drives("listRealTimeTranscriptions")
async def _list_transcriptions(client: bw.BandwidthClient, tmp: Path) -> None:
    listed = [t async for t in client.transcriptions.list(CALL_ID)]
    assert all(isinstance(t, bw.CallTranscriptionMetadata) for t in listed)


@drives("getRealTimeTranscription")
async def _get_transcription_rt(client: bw.BandwidthClient, tmp: Path) -> None:
    got = await client.transcriptions.get(CALL_ID, "t-1")
    assert isinstance(got, bw.CallTranscriptionResponse)


@drives("deleteRealTimeTranscription")
async def _delete_transcription_rt(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.transcriptions.delete(CALL_ID, "t-1")


@drives("createMultiChannelMessage")
async def _multi_channel(client: bw.BandwidthClient, tmp: Path) -> None:
    sent = await client.messages.create_multi_channel(multi_channel_message())
    assert sent.data is not None


@drives("requestTollFreeVerification")
async def _request_tfv(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.toll_free.request_verification(verification())


@drives("getTollFreeVerificationStatus")
async def _tfv_status(client: bw.BandwidthClient, tmp: Path) -> None:
    status = await client.toll_free.get_status(TOLL_FREE)
    assert status.phone_number


@drives("updateTollFreeVerificationRequest")
async def _update_tfv(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.toll_free.update_request(TOLL_FREE, verification_update())


@drives("deleteVerificationRequest")
async def _delete_tfv(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.toll_free.delete_request(TOLL_FREE)


@drives("listTollFreeUseCases")
async def _use_cases(client: bw.BandwidthClient, tmp: Path) -> None:
    assert all(isinstance(u, str) for u in await client.toll_free.list_use_cases())


@drives("listWebhookSubscriptions")
async def _list_subscriptions(client: bw.BandwidthClient, tmp: Path) -> None:
    listed = await client.toll_free.list_subscriptions()
    assert isinstance(listed.data, list)


@drives("createWebhookSubscription")
async def _create_subscription(client: bw.BandwidthClient, tmp: Path) -> None:
    created = await client.toll_free.create_subscription(subscription())
    assert created.callback_url is not None


@drives("updateWebhookSubscription")
async def _update_subscription(client: bw.BandwidthClient, tmp: Path) -> None:
    updated = await client.toll_free.update_subscription("7bt57JcsVYJrN9K1OcV1Nu", subscription())
    assert updated.callback_url is not None


@drives("deleteWebhookSubscription")
async def _delete_subscription(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.toll_free.delete_subscription("7bt57JcsVYJrN9K1OcV1Nu")


@drives("listEndpoints")
async def _list_endpoints(client: bw.BandwidthClient, tmp: Path) -> None:
    page = await first_page(
        client.endpoints.list(
            type=bw.EndpointTypeEnum.WEBRTC, status=bw.EndpointStatusEnum.CONNECTED, page_size=10
        )
    )
    assert all(isinstance(e, bw.Endpoints) for e in page.items)


@drives("createEndpoint")
async def _create_endpoint(client: bw.BandwidthClient, tmp: Path) -> None:
    created = await client.endpoints.create(
        bw.CreateWebRtcConnectionRequest(
            type=bw.EndpointTypeEnum.WEBRTC,
            direction=bw.EndpointDirectionEnum.BIDIRECTIONAL,
            event_callback_url="https://example.com/events",
            tag="contract",
        )
    )
    assert created.data.token


@drives("getEndpoint")
async def _get_endpoint(client: bw.BandwidthClient, tmp: Path) -> None:
    got = await client.endpoints.get(ENDPOINT_ID)
    assert got.data.endpoint_id


@drives("deleteEndpoint")
async def _delete_endpoint(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.endpoints.delete(ENDPOINT_ID)


@drives("updateEndpointBxml")
async def _update_endpoint_bxml(client: bw.BandwidthClient, tmp: Path) -> None:
    await client.endpoints.update_bxml(ENDPOINT_ID, bxml.Bxml(bxml.SpeakSentence("Hello")))


# --- the tests ----------------------------------------------------------------------------


def test_every_operation_is_driven() -> None:
    """This module drives each of the spec's 55 operations and the 2 retired ones, no other."""
    assert sorted(DRIVERS) == sorted(operations())
    assert len(DRIVERS) == 55 + 2


@pytest.mark.parametrize("operation_id", sorted(set(DRIVERS) - set(RETIRED)))
async def test_operation_is_accepted_by_prism(
    prism: Prism, operation_id: str, tmp_path: Path
) -> None:
    """Prism accepts every request the SDK sends for the operation, without any violation."""
    await DRIVERS[operation_id](prism.client, tmp_path)
    prism.assert_clean(operation_id)


@pytest.mark.parametrize("operation_id", sorted(RETIRED))
async def test_retired_operation_is_accepted_by_the_2024_prism(
    prism_2024: Prism, operation_id: str, tmp_path: Path
) -> None:
    """The two retired lookups still speak the 2024 spec that has them."""
    await DRIVERS[operation_id](prism_2024.client, tmp_path)
    prism_2024.assert_clean(operation_id)


MANY = [f"+1919555{n:04d}" for n in range(101)]


async def test_lookup_run_goes_sync_for_a_few_numbers(prism: Prism) -> None:
    """lookup.run with a few numbers is one synchronous lookup, accepted by Prism."""
    result = await prism.client.lookup.run(["+19195551234"], poll_interval=0.01, timeout=30)
    assert isinstance(result, bw.CreateSyncLookupResponse)
    assert result.data is not None
    assert result.data.results
    prism.assert_clean("createSyncLookup")


async def test_lookup_run_polls_a_bulk_lookup_until_complete(prism_url: str) -> None:
    """lookup.run with many numbers starts a bulk lookup and polls Prism's COMPLETE example."""
    exchanges: list[Exchange] = []
    middlewares = (prefer_for_get("lookupCompleteExample"), recorder(exchanges))
    async with (
        aiohttp.ClientSession(middlewares=middlewares) as http,
        bw.BandwidthClient("u", "p", "9900000", base_url=prism_url, session=http) as client,
    ):
        result = await client.lookup.run(MANY, poll_interval=0.01, timeout=30)
    assert isinstance(result, bw.GetAsyncBulkLookupResponse)
    assert result.data is not None
    assert result.data.status == bw.InProgressLookupStatusEnum.COMPLETE
    assert [e.operation() for e in exchanges] == [
        operations()["createAsyncBulkLookup"],
        operations()["getAsyncBulkLookup"],
    ]
    assert all(e.violations is None for e in exchanges)


async def test_lookup_run_times_out_on_the_in_progress_example(prism_url: str) -> None:
    """A bulk lookup Prism keeps IN_PROGRESS ends in our LookupTimeoutError, a TimeoutError."""
    exchanges: list[Exchange] = []
    middlewares = (prefer_for_get("lookupInProgressExample"), recorder(exchanges))
    async with (
        aiohttp.ClientSession(middlewares=middlewares) as http,
        bw.BandwidthClient("u", "p", "9900000", base_url=prism_url, session=http) as client,
    ):
        with pytest.raises(bw.LookupTimeoutError) as caught:
            await client.lookup.run(MANY, poll_interval=0.01, timeout=0.5)
    assert isinstance(caught.value, TimeoutError)
    assert len(exchanges) >= 2
    assert all(e.violations is None and e.status < 300 for e in exchanges)


@pytest.mark.parametrize(
    ("call", "error", "body"),
    [
        pytest.param(
            lambda c: c.calls.get(CALL_ID), bw.NotFoundError, bw.VoiceApiError, id="voice-404"
        ),
        pytest.param(
            lambda c: c.messages.create(BODIES["createMessage"]),
            bw.BadRequestError,
            bw.MessagingRequestError,
            id="messaging-400",
        ),
        pytest.param(
            lambda c: c.mfa.verify_code(BODIES["verifyCode"]),
            bw.BadRequestError,
            bw.MfaRequestError,
            id="mfa-400",
        ),
        pytest.param(
            lambda c: c.toll_free.get_status(TOLL_FREE),
            bw.BadRequestError,
            bw.TfvError,
            id="toll-free-400",
        ),
        pytest.param(
            lambda c: c.endpoints.get(ENDPOINT_ID),
            bw.NotFoundError,
            bw.LookupErrorResponse,
            id="endpoints-404",
        ),
    ],
)
async def test_spec_error_examples_become_typed_errors(
    prism_url: str,
    call: Callable[[bw.BandwidthClient], Awaitable[object]],
    error: type[bw.APIError],
    body: type,
) -> None:
    """An error the test asks Prism for arrives as the matching APIError with the API's model."""
    code = {bw.NotFoundError: 404, bw.BadRequestError: 400}[error]
    async with (
        aiohttp.ClientSession(headers={"Prefer": f"code={code}"}) as http,
        bw.BandwidthClient(
            "u", "p", "9900000", base_url=prism_url, session=http, retry=bw.RetryPolicy.none()
        ) as client,
    ):
        with pytest.raises(error) as caught:
            await call(client)
    assert caught.value.status == code
    assert "sl-violations" not in {k.lower() for k in caught.value.headers}
    assert isinstance(caught.value.body, body), caught.value.body
