"""
Webhook bodies Bandwidth POSTs to your application: voice and messaging events.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt

import attrs

from bandwidth_async.models._enums import (
    CallDirectionEnum,
    FileFormatEnum,
    MessageDirectionEnum,
    PriorityEnum,
)
from bandwidth_async.models.voice import (
    Diversion,
    MachineDetectionResult,
    StirShaken,
    Transcription,
)

__all__ = [
    "AnswerCallback",
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
    "GatherCallback",
    "InboundMessageCallback",
    "InboundMessageCallbackMessage",
    "InitiateCallback",
    "MachineDetectionCompleteCallback",
    "MessageDeliveredCallback",
    "MessageDeliveredCallbackMessage",
    "MessageFailedCallback",
    "MessageFailedCallbackMessage",
    "MessageSendingCallback",
    "MessageSendingCallbackMessage",
    "RecordingAvailableCallback",
    "RecordingCompleteCallback",
    "RedirectCallback",
    "TranscriptionAvailableCallback",
    "TransferAnswerCallback",
    "TransferCompleteCallback",
    "TransferDisconnectCallback",
]


@attrs.frozen(kw_only=True)
class InboundMessageCallbackMessage:
    """
    The message that arrived, in an ``InboundMessageCallback``.
    """

    #: The message id.
    id: str

    #: The Bandwidth phone number the message belongs to.
    owner: str

    #: The id of the messaging application.
    application_id: str

    #: When the message was received or sent.
    time: dt.datetime

    #: The number of segments the message was split into.
    segment_count: int

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The recipients of the message.
    to: list[str]

    #: The sender of the message.
    from_: str

    #: The text of the message.
    text: str

    #: The custom tag given when the message was sent.
    tag: str | None = None

    #: URLs of the media files attached to the message.
    media: list[str] | None = None

    #: The priority specified by the user.
    priority: PriorityEnum | None = None


@attrs.frozen(kw_only=True)
class InboundMessageCallback:
    """
    Webhook sent when a message arrives at one of your numbers.
    """

    #: When the event happened.
    time: dt.datetime

    #: The event type, such as ``message-received`` or ``message-delivered``.
    type: str

    #: The phone number the message was sent to, in E.164 format.
    to: str

    #: A human-readable description of the event.
    description: str

    #: The message the event is about.
    message: InboundMessageCallbackMessage


@attrs.frozen(kw_only=True)
class MessageSendingCallbackMessage:
    """
    The message being sent, in a ``MessageSendingCallback``.
    """

    #: The message id.
    id: str

    #: The Bandwidth phone number the message belongs to.
    owner: str

    #: The id of the messaging application.
    application_id: str

    #: When the message was received or sent.
    time: dt.datetime

    #: The number of segments the message was split into.
    segment_count: int

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The recipients of the message.
    to: list[str]

    #: The sender of the message.
    from_: str

    #: The text of the message.
    text: str

    #: The custom tag given when the message was sent.
    tag: str | None = None

    #: URLs of the media files attached to the message.
    media: list[str]

    #: The priority specified by the user.
    priority: PriorityEnum


@attrs.frozen(kw_only=True)
class MessageSendingCallback:
    """
    Webhook sent when a message is on its way to the carrier.
    """

    #: When the event happened.
    time: dt.datetime

    #: The event type, such as ``message-received`` or ``message-delivered``.
    type: str

    #: The phone number the message was sent to, in E.164 format.
    to: str

    #: A human-readable description of the event.
    description: str

    #: The message the event is about.
    message: MessageSendingCallbackMessage


@attrs.frozen(kw_only=True)
class MessageDeliveredCallbackMessage:
    """
    The message delivered, in a ``MessageDeliveredCallback``.
    """

    #: The message id.
    id: str

    #: The Bandwidth phone number the message belongs to.
    owner: str

    #: The id of the messaging application.
    application_id: str

    #: When the message was received or sent.
    time: dt.datetime

    #: The number of segments the message was split into.
    segment_count: int

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The recipients of the message.
    to: list[str]

    #: The sender of the message.
    from_: str

    #: The text of the message.
    text: str

    #: The custom tag given when the message was sent.
    tag: str

    #: URLs of the media files attached to the message.
    media: list[str] | None = None

    #: The priority specified by the user.
    priority: PriorityEnum | None = None


@attrs.frozen(kw_only=True)
class MessageDeliveredCallback:
    """
    Webhook sent when a message was delivered to the carrier.
    """

    #: When the event happened.
    time: dt.datetime

    #: The event type, such as ``message-received`` or ``message-delivered``.
    type: str

    #: The phone number the message was sent to, in E.164 format.
    to: str

    #: A human-readable description of the event.
    description: str

    #: The message the event is about.
    message: MessageDeliveredCallbackMessage


@attrs.frozen(kw_only=True)
class MessageFailedCallbackMessage:
    """
    The message that failed, in a ``MessageFailedCallback``.
    """

    #: The message id.
    id: str

    #: The Bandwidth phone number the message belongs to.
    owner: str

    #: The id of the messaging application.
    application_id: str

    #: When the message was received or sent.
    time: dt.datetime

    #: The number of segments the message was split into.
    segment_count: int

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The recipients of the message.
    to: list[str]

    #: The sender of the message.
    from_: str

    #: The text of the message.
    text: str

    #: The custom tag given when the message was sent.
    tag: str

    #: URLs of the media files attached to the message.
    media: list[str] | None = None

    #: The priority specified by the user.
    priority: PriorityEnum


@attrs.frozen(kw_only=True)
class MessageFailedCallback:
    """
    Webhook sent when a message could not be delivered.
    """

    #: When the event happened.
    time: dt.datetime

    #: The event type, such as ``message-received`` or ``message-delivered``.
    type: str

    #: The phone number the message was sent to, in E.164 format.
    to: str

    #: A human-readable description of the event.
    description: str

    #: The message the event is about.
    message: MessageFailedCallbackMessage

    #: The error code of the failure.
    error_code: int


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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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

    #: The current status of the process.
    channels: str | None = None

    #: The tag specified on call creation.
    tag: str | None = None

    #: The current status of the process.
    status: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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

    #: The provided identifier of the caller: can be a phone number in E.164 format (e.g.
    #: +15555555555) or one of Private, Restricted, Unavailable, or Anonymous.
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
    #: +15555555555) or one of Restricted, Anonymous, Private, or Unavailable.
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
