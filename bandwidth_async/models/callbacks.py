"""
Webhook bodies: voice, messaging, toll-free verification and endpoint events.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt
from typing import TypeAlias

import attrs

from bandwidth_async.models._enums import (
    CallDirectionEnum,
    EndpointEventTypeEnum,
    EndpointStatusEnum,
    EndpointTypeEnum,
    FileFormatEnum,
    InboundCallbackTypeEnum,
    MessageDirectionEnum,
    MultiChannelMessageChannelEnum,
    PriorityEnum,
    StatusCallbackTypeEnum,
    TfvCallbackStatusEnum,
)
from bandwidth_async.models.endpoints import Device
from bandwidth_async.models.multichannel import (
    MultiChannelMessageContent,
    RbmLocationResponse,
    RbmSuggestionResponse,
)
from bandwidth_async.models.tollfree import AdditionalDenialReason
from bandwidth_async.models.voice import (
    Diversion,
    MachineDetectionResult,
    StirShaken,
    Transcription,
)

__all__ = [
    "AnswerCallback",
    "BlockedWebhook",
    "BridgeCompleteCallback",
    "BridgeTargetCompleteCallback",
    "ConferenceCompletedCallback",
    "ConferenceCreatedCallback",
    "ConferenceMemberExitCallback",
    "ConferenceMemberJoinCallback",
    "ConferenceRecordingAvailableCallback",
    "ConferenceRedirectCallback",
    "DisconnectCallback",
    "DtmfCallback",
    "EndpointEvent",
    "FailureWebhook",
    "GatherCallback",
    "InboundCallback",
    "InboundCallbackMessage",
    "InboundMessageCallback",
    "InboundMessageCallbackMessage",
    "InitiateCallback",
    "MachineDetectionCompleteCallback",
    "MessageDeliveredCallback",
    "MessageDeliveredCallbackMessage",
    "MessageFailedCallback",
    "MessageFailedCallbackMessage",
    "MessageReadCallback",
    "MessageSendingCallback",
    "MessageSendingCallbackMessage",
    "MessageSentCallback",
    "MessagingCallback",
    "RecordingAvailableCallback",
    "RecordingCompleteCallback",
    "RedirectCallback",
    "RequestedLocationResponseCallback",
    "StatusCallback",
    "StatusCallbackMessage",
    "SuggestionResponseCallback",
    "TranscriptionAvailableCallback",
    "TransferAnswerCallback",
    "TransferCompleteCallback",
    "TransferDisconnectCallback",
    "VerificationDenialWebhook",
    "VerificationWebhook",
]


@attrs.frozen(kw_only=True)
class StatusCallbackMessage:
    """
    Message payload schema within a callback.
    """

    #: A unique identifier of the message.
    id: str

    #: The Bandwidth phone number or alphanumeric identifier associated with the message.
    owner: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    time: dt.datetime

    #: The number of segments the user's message is broken into before sending over carrier
    #: networks.
    segment_count: int

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The phone number recipients of the message.
    to: list[str]

    #: The Bandwidth phone number or alphanumeric identifier the message was sent from.
    from_: str

    text: str | None = None

    #: A custom string that will be included in callback events of the message.
    tag: str | None = None

    #: Optional media, not applicable for sms.
    media: list[str] | None = None

    #: Specifies the message's sending priority with respect to other messages in your account.
    priority: PriorityEnum | None = None

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum | None = None


@attrs.frozen(kw_only=True)
class StatusCallback:
    """
    Represents a status callback for an outbound MT SMS or MMS or RBM message.
    """

    time: dt.datetime

    #: Represents the time at which the message was read, for ``message-read`` callbacks.
    event_time: dt.datetime | None = None

    #: The kind of error.
    type: StatusCallbackTypeEnum

    #: The destination phone number the message was sent to.
    to: str

    #: A detailed description of the event described by the callback.
    description: str

    #: Message payload schema within a callback.
    message: StatusCallbackMessage

    #: Optional error code, applicable only when type is ``message-failed``.
    error_code: int | None = None

    #: The name of the Authorized Message Provider (AMP) that handled this message.
    carrier_name: str | None = None


@attrs.frozen(kw_only=True)
class InboundCallbackMessage:
    """
    The ``inboundCallbackMessage`` schema of the Bandwidth API.
    """

    #: A unique identifier of the message.
    id: str

    #: The Bandwidth phone number or alphanumeric identifier associated with the message.
    owner: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    time: dt.datetime

    #: The number of segments the user's message is broken into before sending over carrier
    #: networks.
    segment_count: int

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The phone number recipients of the message.
    to: list[str]

    #: The Bandwidth phone number or alphanumeric identifier the message was sent from.
    from_: str

    text: str | None = None

    #: A custom string that will be included in callback events of the message.
    tag: str | None = None

    #: Optional media, not applicable for sms.
    media: list[str] | None = None

    #: Specifies the message's sending priority with respect to other messages in your account.
    priority: PriorityEnum | None = None

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum | None = None

    #: The structure of the content field of a multichannel message.
    content: MultiChannelMessageContent | None = None

    suggestion_response: RbmSuggestionResponse | None = None

    location_response: RbmLocationResponse | None = None


@attrs.frozen(kw_only=True)
class InboundCallback:
    """
    Represents an inbound callback.
    """

    time: dt.datetime

    #: The kind of error.
    type: InboundCallbackTypeEnum

    #: The destination phone number the message was sent to.
    to: str

    #: A detailed description of the event described by the callback.
    description: str

    message: InboundCallbackMessage

    #: The name of the Authorized Message Provider (AMP) that handled this message.
    carrier_name: str | None = None


#: Callbacks are divided into two types based on direction of the related message: -
#: ``statusCallback`` indicates status of an outbound MT SMS, MMS, or RBM message.
MessagingCallback: TypeAlias = StatusCallback | InboundCallback


@attrs.frozen(kw_only=True)
class AnswerCallback:
    """
    Webhook sent when an outbound call is answered.

    The Answer event is sent to the answerUrl specified in the createCall request when an outbound
    call is answered.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: If machine detection was requested in sync mode, the result will be specified here.
    machine_detection_result: MachineDetectionResult | None = None

    #: The SIP Call-ID of the call's current SIP dialog with Bandwidth's SBC.
    sip_call_id: str | None = None


@attrs.frozen(kw_only=True)
class BridgeCompleteCallback:
    """
    Webhook sent when the target call leaves a ``<Bridge>``.

    If the target call leaves the <Bridge>, then this callback is sent to the bridgeCompleteUrl, and
    the BXML returned in it is executed on the call. If this webhook is sent, the Bridge Target
    Complete webhook is NOT sent. This callback is also sent if any problem occurs that prevents the
    calls to be bridged.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: Reason the call failed - hangup, busy, timeout, cancel, rejected, callback-error,
    #: invalid-bxml, application-error, account-limit, node-capacity-exceeded, error, or unknown.
    cause: str | None = None

    #: Text explaining the reason that caused the call to fail in case of errors.
    error_message: str | None = None

    #: Bandwidth's internal id that references the error event.
    error_id: str | None = None


@attrs.frozen(kw_only=True)
class BridgeTargetCompleteCallback:
    """
    Webhook sent when the originating call leaves a ``<Bridge>``.

    If the originating call leaves the <Bridge>, then this callback is sent to the
    bridgeTargetCompleteUrl, and the BXML returned in it is executed on the target call. If this
    webhook is sent, the Bridge Complete webhook is NOT sent.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceCreatedCallback:
    """
    Webhook sent when a conference is created.

    The Conference Created event is fired whenever a new conference that specified a callbackUrl is
    created. The response may be either empty or a BXML document. Only the following verbs are valid
    for conferences: PlayAudio, SpeakSentence, StartRecording, StopRecording, PauseRecording,
    ResumeRecording. Audio verbs will be heard by all members of the conference. Recordings capture
    audio from all members who are not muted or on hold, as well as any audio verbs that are played
    into the conference.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceRedirectCallback:
    """
    Webhook sent when a conference is modified through the API.

    The Conference Redirect event is fired whenever an existing conference is modified via a POST
    request made to the /conferences/{conferenceId} endpoint. The response may be either empty or a
    BXML document. Only the following verbs are valid for conferences: PlayAudio, SpeakSentence,
    StartRecording, StopRecording, PauseRecording, ResumeRecording. Audio verbs will be heard by all
    members of the conference. Recordings capture audio from all members who are not muted or on
    hold, as well as any audio verbs that are played into the conference.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceMemberJoinCallback:
    """
    Webhook sent when a caller joins a conference.

    The Conference Member Join event is fired whenever a caller joins a conference that specified a
    callbackUrl. The response may be either empty or a BXML document. Only the following verbs are
    valid for conferences: PlayAudio, SpeakSentence, StartRecording, StopRecording, PauseRecording,
    ResumeRecording. Audio verbs will be heard by all members of the conference. Recordings capture
    audio from all members who are not muted or on hold, as well as any audio verbs that are played
    into the conference.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceMemberExitCallback:
    """
    Webhook sent when a caller leaves a conference.

    The Conference Member Exit event is fired whenever a caller exits a conference that specified a
    callbackUrl. The response may be either empty or a BXML document. Only the following verbs are
    valid for conferences: PlayAudio, SpeakSentence, StartRecording, StopRecording, PauseRecording,
    ResumeRecording. Audio verbs will be heard by all members of the conference. Recordings capture
    audio from all members who are not muted or on hold, as well as any audio verbs that are played
    into the conference.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceCompletedCallback:
    """
    The Conference Completed event is fired when the last member leaves the conference.

    The response to this event may not contain BXML.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceRecordingAvailableCallback:
    """
    Webhook sent when a conference recording is ready.

    The Conference Recording Available event is sent after a conference recording has been
    processed. It indicates that the recording is available for download.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The unique ID of this recording.
    recording_id: str | None = None

    #: Always ``1`` for conference recordings; multi-channel recordings are not supported on
    #: conferences.
    channels: int | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The duration of the recording in ISO-8601 format.
    duration: str | None = None

    #: The format that the recording is stored in.
    file_format: FileFormatEnum | None = None

    #: The URL that can be used to download the recording.
    media_url: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The current status of the process.
    status: str | None = None


@attrs.frozen(kw_only=True)
class DisconnectCallback:
    """
    The Disconnect event is fired when a call ends, for any reason.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: Reason the call failed - hangup, busy, timeout, cancel, rejected, callback-error,
    #: invalid-bxml, application-error, account-limit, node-capacity-exceeded, error, or unknown.
    cause: str | None = None

    #: Text explaining the reason that caused the call to fail in case of errors.
    error_message: str | None = None

    #: Bandwidth's internal id that references the error event.
    error_id: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The SIP Call-ID of the call's current SIP dialog with Bandwidth's SBC.
    sip_call_id: str | None = None

    #: The SIP status code returned by Bandwidth's SBC when it rejected an outbound call's INVITE
    #: (e.g. 486 for busy, 603 for decline).
    sip_response_code: int | None = None


@attrs.frozen(kw_only=True)
class DtmfCallback:
    """
    The DTMF event is sent for every digit detected after a <StartGather> verb is executed.

    You may not respond to this event with BXML.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The digit collected in the call.
    digit: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class GatherCallback:
    """
    The gather event is sent after a <Gather> verb is executed.

    Its purpose is to report the gathered digits to the calling application.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The digits, letters, and/or symbols entered by the user.
    digits: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: The digit the user pressed to end the gather.
    terminating_digit: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class InitiateCallback:
    """
    Webhook sent when an inbound call arrives.

    The Initiate event is fired when an inbound call is received for a Telephone Number on your
    Account. It is sent to the URL specified in the application associated with the location
    (sip-peer) that the called telephone number belongs to.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: The Diversion header of the inbound call, when it has one.
    diversion: Diversion | None = None

    #: The STIR/SHAKEN verification of the inbound call.
    stir_shaken: StirShaken | None = None

    #: The value of the ``User-To-User`` header to send within the initial ``INVITE``.
    uui: str | None = None

    #: The SIP Call-ID of the call's current SIP dialog with Bandwidth's SBC.
    sip_call_id: str | None = None

    #: Map of customer-supplied X-* headers from the original INVITE.
    sip_headers: dict[str, str] | None = None


@attrs.frozen(kw_only=True)
class MachineDetectionCompleteCallback:
    """
    This event is sent to the url informed when requesting a machine detection operation.

    It contains the machine detection operation result, which can be: human, answering-machine,
    silence, timeout, error. This event is not sent when sync answering machine detection mode is
    chosen.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: If machine detection was requested in sync mode, the result will be specified here.
    machine_detection_result: MachineDetectionResult | None = None


@attrs.frozen(kw_only=True)
class RecordingCompleteCallback:
    """
    The ``recordingCompleteCallback`` schema of the Bandwidth API.

    The Record Complete event is sent after a <Record> verb has executed if the call is still
    active. The BXML returned by this callback is executed next. When the recording is available for
    download, a Recording Available event will be sent.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: The unique ID of this recording.
    recording_id: str | None = None

    #: The URL that can be used to download the recording.
    media_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The duration of the recording in ISO-8601 format.
    duration: str | None = None

    #: The format that the recording is stored in.
    file_format: FileFormatEnum | None = None

    #: Always ``1`` for conference recordings; multi-channel recordings are not supported on
    #: conferences.
    channels: int | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None


@attrs.frozen(kw_only=True)
class RecordingAvailableCallback:
    """
    The Recording Available event is sent after a recording has been processed.

    It indicates that the recording is available for download.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: The unique ID of this recording.
    recording_id: str | None = None

    #: The URL that can be used to download the recording.
    media_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The duration of the recording in ISO-8601 format.
    duration: str | None = None

    #: The format that the recording is stored in.
    file_format: FileFormatEnum | None = None

    #: Always ``1`` for conference recordings; multi-channel recordings are not supported on
    #: conferences.
    channels: int | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The current status of the process.
    status: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None


@attrs.frozen(kw_only=True)
class RedirectCallback:
    """
    The Redirect event is fired when a <Redirect> verb is executed.

    Its purpose is to get the next set of verbs from the calling application.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None


@attrs.frozen(kw_only=True)
class TranscriptionAvailableCallback:
    """
    Webhook sent when a recording transcript is ready.

    The Transcription Available event is sent when the recording transcription is available to be
    downloaded.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: The URL that can be used to download the recording.
    media_url: str | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: The unique ID of this recording.
    recording_id: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The duration of the recording in ISO-8601 format.
    duration: str | None = None

    #: The format that the recording is stored in.
    file_format: FileFormatEnum | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The transcript of the recording.
    transcription: Transcription | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None


@attrs.frozen(kw_only=True)
class TransferAnswerCallback:
    """
    When processing a <Transfer> verb, this event is sent when a called party (B-leg) answers.

    The event is sent to the endpoint specified in the transferAnswerUrl attribute of the
    <PhoneNumber> tag that answered. BXML returned by this callback will be executed for the called
    party only. After all BXML has been executed, the called party will be bridged to the original
    call. Most BXML verbs are allowed in response to a transferAnswer event, but some are not
    allowed.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None


@attrs.frozen(kw_only=True)
class TransferCompleteCallback:
    """
    Webhook sent when the answered B-leg of a ``<Transfer>`` ends.

    This event is sent to the transferCompleteUrl of the A-leg's <Transfer> verb when the
    transferred call (B-leg) completes. In a simultaneous ringing scenario, only one B-leg succeeds
    and this event corresponds to that successful leg. If none of the calls were answered, the
    transferComplete event corresponds to one of the legs.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None

    #: Reason the call failed - hangup, busy, timeout, cancel, rejected, callback-error,
    #: invalid-bxml, application-error, account-limit, node-capacity-exceeded, error, or unknown.
    cause: str | None = None

    #: Text explaining the reason that caused the call to fail in case of errors.
    error_message: str | None = None

    #: Bandwidth's internal id that references the error event.
    error_id: str | None = None


@attrs.frozen(kw_only=True)
class TransferDisconnectCallback:
    """
    Webhook sent when any call leg of a ``<Transfer>`` ends.

    This event is sent to the transferDisconnectUrl of each <PhoneNumber> tag when its respective
    call leg ends for any reason. The event is sent in the normal case, when the transferred leg is
    answered and later hung up, but is also sent if the new leg was never answered in the first
    place, if it was rejected, and if the original call leg hung up before the transferred leg.
    """

    #: The event type, value can be one of the following: answer, bridgeComplete,
    #: bridgeTargetComplete, conferenceCreated, conferenceRedirect, conferenceMemberJoin,
    #: conferenceMemberExit, conferenceCompleted, conferenceRecordingAvailable, disconnect, dtmf,
    #: gather, initiate, machineDetectionComplete, recordingComplete, recordingAvailable, redirect,
    #: transcriptionAvailable, transferAnswer, transferComplete, transferDisconnect.
    event_type: str | None = None

    #: The approximate UTC date and time when the event was generated by the Bandwidth server, in
    #: ISO 8601 format.
    event_time: dt.datetime | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The URL of the call associated with the event.
    call_url: str | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: If call queueing is enabled and this is an outbound call, time the call was queued, in ISO
    #: 8601 format.
    enqueued_time: dt.datetime | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Time the call was answered, in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None

    #: Reason the call failed - hangup, busy, timeout, cancel, rejected, callback-error,
    #: invalid-bxml, application-error, account-limit, node-capacity-exceeded, error, or unknown.
    cause: str | None = None

    #: Text explaining the reason that caused the call to fail in case of errors.
    error_message: str | None = None

    #: Bandwidth's internal id that references the error event.
    error_id: str | None = None


@attrs.frozen(kw_only=True)
class FailureWebhook:
    """
    The ``failureWebhook`` schema of the Bandwidth API.
    """

    #: User's account ID.
    account_id: str | None = None

    #: Toll-free telephone number in E.164 format.
    phone_number: str | None = None

    #: An error code indicating what error was encountered.
    error_code: str | None = None

    #: A description of the error that was encountered.
    error_message: str | None = None

    #: Details of the errors that were encountered when processing the request.
    errors: list[str] | None = None

    #: Unique identifier (UUID) generated by Bandwidth to assist in tracking the verification status
    #: of a toll-free number.
    internal_ticket_number: str | None = None


@attrs.frozen(kw_only=True)
class VerificationDenialWebhook:
    """
    The ``verificationDenialWebhook`` schema of the Bandwidth API.
    """

    #: User's account ID.
    account_id: str | None = None

    #: An optional list of denial reasons in addition to declineReasonDescription when multiple
    #: reasons apply.
    additional_denial_reasons: list[AdditionalDenialReason] | None = None

    #: Explanation for why a verification request was declined.
    decline_reason_description: str | None = None

    #: Reason code for denial.
    denial_status_code: int | None = None

    #: Unique identifier (UUID) generated by Bandwidth to assist in tracking the verification status
    #: of a toll-free number.
    internal_ticket_number: str | None = None

    #: Toll-free telephone number in E.164 format.
    phone_number: str | None = None

    #: Whether a Toll-Free Verification request qualifies for resubmission via PUT.
    resubmit_allowed: bool | None = None

    status: str | None = None

    #: Whether a Toll-Free Verification is blocked.
    blocked: bool | None = None

    #: The reason why the Toll-Free Verification is blocked.
    blocked_reason: str | None = None


@attrs.frozen(kw_only=True)
class VerificationWebhook:
    """
    The ``verificationWebhook`` schema of the Bandwidth API.
    """

    #: User's account ID.
    account_id: str | None = None

    #: Toll-free telephone number in E.164 format.
    phone_number: str | None = None

    status: TfvCallbackStatusEnum | None = None

    #: Unique identifier (UUID) generated by Bandwidth to assist in tracking the verification status
    #: of a toll-free number.
    internal_ticket_number: str | None = None


@attrs.frozen(kw_only=True)
class BlockedWebhook:
    """
    The ``blockedWebhook`` schema of the Bandwidth API.
    """

    #: User's account ID.
    account_id: str | None = None

    #: Toll-free telephone number in E.164 format.
    phone_number: str | None = None

    status: TfvCallbackStatusEnum | None = None

    #: Unique identifier (UUID) generated by Bandwidth to assist in tracking the verification status
    #: of a toll-free number.
    internal_ticket_number: str | None = None

    #: Whether a Toll-Free Verification is blocked.
    blocked: bool | None = None

    #: The reason why the Toll-Free Verification is blocked.
    blocked_reason: str | None = None


@attrs.frozen(kw_only=True)
class EndpointEvent:
    """
    An event that occurred on an endpoint.
    """

    #: The unique ID of the endpoint.
    endpoint_id: str

    #: The kind of error.
    type: EndpointTypeEnum

    status: EndpointStatusEnum

    #: The time the endpoint was created.
    creation_timestamp: dt.datetime

    #: The time the endpoint token will expire.
    expiration_timestamp: dt.datetime

    #: A tag for the endpoint.
    tag: str | None = None

    #: The time the event occurred.
    event_time: dt.datetime

    event_type: EndpointEventTypeEnum

    device: Device | None = None


@attrs.frozen(kw_only=True)
class MessageSendingCallback(StatusCallback):
    """
    A ``StatusCallback`` whose ``type`` is ``message-sending``.
    """


@attrs.frozen(kw_only=True)
class MessageSentCallback(StatusCallback):
    """
    A ``StatusCallback`` whose ``type`` is ``message-sent``.
    """


@attrs.frozen(kw_only=True)
class MessageDeliveredCallback(StatusCallback):
    """
    A ``StatusCallback`` whose ``type`` is ``message-delivered``.
    """


@attrs.frozen(kw_only=True)
class MessageFailedCallback(StatusCallback):
    """
    A ``StatusCallback`` whose ``type`` is ``message-failed``.
    """


@attrs.frozen(kw_only=True)
class MessageReadCallback(StatusCallback):
    """
    A ``StatusCallback`` whose ``type`` is ``message-read``.
    """


@attrs.frozen(kw_only=True)
class InboundMessageCallback(InboundCallback):
    """
    A ``InboundCallback`` whose ``type`` is ``message-received``.
    """


@attrs.frozen(kw_only=True)
class RequestedLocationResponseCallback(InboundCallback):
    """
    A ``InboundCallback`` whose ``type`` is ``requested-location-response``.
    """


@attrs.frozen(kw_only=True)
class SuggestionResponseCallback(InboundCallback):
    """
    A ``InboundCallback`` whose ``type`` is ``suggestion-response``.
    """


#: The 2024 spec's name for `InboundCallbackMessage`.
InboundMessageCallbackMessage = InboundCallbackMessage


#: The 2024 spec's name for `StatusCallbackMessage`.
MessageSendingCallbackMessage = StatusCallbackMessage


#: The 2024 spec's name for `StatusCallbackMessage`.
MessageDeliveredCallbackMessage = StatusCallbackMessage


#: The 2024 spec's name for `StatusCallbackMessage`.
MessageFailedCallbackMessage = StatusCallbackMessage
