"""
Voice API models: calls, conferences, recordings, transcriptions and statistics.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt

import attrs

from bandwidth_async.models._enums import (
    CallbackMethodEnum,
    CallDirectionEnum,
    CallStateEnum,
    CallTranscriptionDetectedLanguageEnum,
    CallTranscriptionTrackEnum,
    ConferenceStateEnum,
    FileFormatEnum,
    MachineDetectionModeEnum,
    RecordingStateEnum,
    RedirectMethodEnum,
)

__all__ = [
    "AccountStatistics",
    "CallRecordingMetadata",
    "CallState",
    "CallTranscription",
    "CallTranscriptionMetadata",
    "CallTranscriptionResponse",
    "Conference",
    "ConferenceMember",
    "ConferenceRecordingMetadata",
    "CreateCall",
    "CreateCallResponse",
    "Diversion",
    "MachineDetectionConfiguration",
    "MachineDetectionResult",
    "RecordingTranscriptionClip",
    "RecordingTranscriptionMetadata",
    "RecordingTranscriptions",
    "StirShaken",
    "TranscribeRecording",
    "Transcription",
    "TranscriptionList",
    "TranscriptionMetadata",
    "UpdateCall",
    "UpdateCallRecording",
    "UpdateConference",
    "UpdateConferenceMember",
    "VoiceApiError",
]


@attrs.frozen(kw_only=True)
class MachineDetectionConfiguration:
    """
    The machine detection request used to perform machine detection on the call.

    Currently, there is an issue where decimal values are not getting processed correctly. Please
    use whole number values. We are working to resolve this issue. Please contact Bandwidth Support
    if you need more information.
    """

    #: The machine detection mode.
    mode: MachineDetectionModeEnum | None = None

    #: The timeout used for the whole operation, in seconds.
    detection_timeout: float | None = None

    #: If no speech is detected in this period, a callback with a 'silence' result is sent.
    silence_timeout: float | None = None

    #: When speech has ended and a result couldn't be determined based on the audio content itself,
    #: this value is used to determine if the speaker is a machine based on the speech duration.
    speech_threshold: float | None = None

    #: Amount of silence (in seconds) before assuming the callee has finished speaking.
    speech_end_threshold: float | None = None

    #: When an answering machine is detected, the amount of silence (in seconds) before assuming the
    #: message has finished playing.
    machine_speech_end_threshold: float | None = None

    #: If set to 'true' and if an answering machine is detected, the 'answering-machine' callback
    #: will be delayed until the machine is done speaking, or an end of message tone is detected, or
    #: until the 'detectionTimeout' is exceeded.
    delay_result: bool | None = None

    #: The URL to send the 'machineDetectionComplete' webhook when the detection is completed.
    callback_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    callback_method: CallbackMethodEnum | None = None

    #: Basic auth username.
    username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)

    #: A fallback URL which, if provided, will be used to retry the machine detection complete
    #: webhook delivery in case ``callbackUrl`` fails to respond.
    fallback_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    fallback_method: CallbackMethodEnum | None = None

    #: Basic auth username.
    fallback_username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    fallback_password: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class CreateCall:
    """
    Body of ``POST /accounts/{accountId}/calls``: the outbound call to place.
    """

    #: The destination to call (must be an E.164 formatted number (e.g. ``+15555551212``) or a SIP
    #: URI (e.g. ``sip:user@server.example``)).
    to: str

    #: A Bandwidth phone number on your account the call should come from (must be in E.164 format,
    #: like ``+15555551212``) even if ``privacy`` is set to true.
    from_: str

    #: Hide the calling number.
    privacy: bool | None = None

    #: The caller display name to use when the call is created.
    display_name: str | None = None

    #: A comma-separated list of 'User-To-User' headers to be sent in the INVITE when calling a SIP
    #: URI.
    uui: str | None = None

    #: The id of the application associated with the ``from`` number.
    application_id: str

    #: The full URL to send the Answer event to when the called party answers.
    answer_url: str

    #: The HTTP method to use to deliver the callback.
    answer_method: CallbackMethodEnum | None = None

    #: Basic auth username.
    username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)

    #: A fallback url which, if provided, will be used to retry the ``answer`` webhook delivery in
    #: case ``answerUrl`` fails to respond.
    answer_fallback_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    answer_fallback_method: CallbackMethodEnum | None = None

    #: Basic auth username.
    fallback_username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    fallback_password: str | None = attrs.field(default=None, repr=False)

    #: The URL to send the Disconnect event to when the call ends.
    disconnect_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    disconnect_method: CallbackMethodEnum | None = None

    #: The timeout (in seconds) for the callee to answer the call after it starts ringing.
    call_timeout: float | None = None

    #: This is the timeout (in seconds) to use when delivering webhooks for the call.
    callback_timeout: float | None = None

    #: The machine detection request used to perform machine detection on the call.
    machine_detection: MachineDetectionConfiguration | None = None

    #: The priority of this call over other calls from your account.
    priority: int | None = None

    #: A custom string that will be sent with all webhooks for this call unless overwritten by a
    #: future ``<Tag>`` verb or ``tag`` attribute on another verb, or cleared.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class CreateCallResponse:
    """
    The outbound call Bandwidth created, as returned by createCall.
    """

    #: The id of the application associated with the ``from`` number.
    application_id: str

    #: The bandwidth account ID associated with the call.
    account_id: str

    #: Programmable Voice API Call ID.
    call_id: str

    #: Recipient of the outgoing call.
    to: str

    #: Phone number that created the outbound call.
    from_: str

    #: The time at which the call was accepted into the queue.
    enqueued_time: dt.datetime | None = None

    #: The URL to update this call's state.
    call_url: str

    #: The timeout (in seconds) for the callee to answer the call after it starts ringing.
    call_timeout: float | None = None

    #: This is the timeout (in seconds) to use when delivering webhooks for the call.
    callback_timeout: float | None = None

    #: Custom tag value.
    tag: str | None = None

    #: The HTTP method to use to deliver the callback.
    answer_method: CallbackMethodEnum | None

    #: URL to deliver the ``answer`` event webhook.
    answer_url: str

    #: The HTTP method to use to deliver the callback.
    answer_fallback_method: CallbackMethodEnum | None = None

    #: Fallback URL to deliver the ``answer`` event webhook.
    answer_fallback_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    disconnect_method: CallbackMethodEnum | None

    #: URL to deliver the ``disconnect`` event webhook.
    disconnect_url: str | None = None

    #: Basic auth username.
    username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)

    #: Basic auth username.
    fallback_username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    fallback_password: str | None = attrs.field(default=None, repr=False)

    #: The priority of this call over other calls from your account.
    priority: int | None = None


@attrs.frozen(kw_only=True)
class CallState:
    """
    The state of a call, live or ended within the last week.
    """

    #: The application id associated with the call.
    application_id: str | None = None

    #: The account id associated with the call.
    account_id: str | None = None

    #: The programmable voice API call ID.
    call_id: str | None = None

    #: The A-leg call id, set only if this call is the B-leg of a ``<Transfer>``.
    parent_call_id: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555), or if the call
    #: was to a SIP URI, the SIP URI.
    to: str | None = None

    #: The phone number that made the call, in E.164 format (e.g. +15555555555).
    from_: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: The current state of the call.
    state: str | None = None

    #: For inbound calls, the Bandwidth STIR/SHAKEN implementation will verify the information
    #: provided in the inbound invite request ``Identity`` header.
    stir_shaken: dict[str, str] | None = None

    #: The value of the ``Identity`` header from the inbound invite request.
    identity: str | None = None

    #: The time this call was placed in queue.
    enqueued_time: dt.datetime | None = None

    #: The time the call was initiated, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: Populated once the call has been answered, with the time in ISO 8601 format.
    answer_time: dt.datetime | None = None

    #: Populated once the call has ended, with the time in ISO 8601 format.
    end_time: dt.datetime | None = None

    #: | Cause | Description | |:------|:------------| | ``hangup``| One party hung up the call, a
    #: ``<Hangup>`` verb was executed, or there was no more BXML to execute; it indicates that the
    #: call ended normally.
    disconnect_cause: str | None = None

    #: Populated only if the call ended with an error, with text explaining the reason.
    error_message: str | None = None

    #: Populated only if the call ended with an error, with a Bandwidth internal id that references
    #: the error event.
    error_id: str | None = None

    #: The last time the call had a state update, in ISO 8601 format.
    last_update: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class UpdateCall:
    """
    Body of ``POST /accounts/{accountId}/calls/{callId}``: redirect or hang up.
    """

    #: The call state.
    state: CallStateEnum | None = None

    #: The URL to send the Redirect event to which will provide new BXML.
    redirect_url: str | None = None

    #: The HTTP method to use for the request to ``redirectUrl``.
    redirect_method: RedirectMethodEnum | None = None

    #: Basic auth username.
    username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)

    #: A fallback url which, if provided, will be used to retry the redirect callback delivery in
    #: case ``redirectUrl`` fails to respond.
    redirect_fallback_url: str | None = None

    #: The HTTP method to use for the request to ``redirectUrl``.
    redirect_fallback_method: RedirectMethodEnum | None = None

    #: Basic auth username.
    fallback_username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    fallback_password: str | None = attrs.field(default=None, repr=False)

    #: A custom string that will be sent with this and all future callbacks unless overwritten by a
    #: future ``tag`` attribute or ``<Tag>`` verb, or cleared.
    tag: str | None = None


@attrs.frozen(kw_only=True)
class UpdateCallRecording:
    """
    Body of ``PUT .../calls/{callId}/recording``: pause or resume.
    """

    #: The recording state.
    state: RecordingStateEnum


@attrs.frozen(kw_only=True)
class AccountStatistics:
    """
    Call queue statistics of the account.
    """

    #: The number of calls currently enqueued.
    current_call_queue_size: int | None = None

    #: The maximum size of the queue before outgoing calls start being rejected.
    max_call_queue_size: int | None = None


@attrs.frozen(kw_only=True)
class RecordingTranscriptionMetadata:
    """
    If the recording was transcribed, metadata about the transcription.
    """

    #: The unique transcription ID.
    id: str | None = None

    #: The current status of the process.
    status: str | None = None

    #: The time that the transcription was completed.
    completed_time: dt.datetime | None = None

    #: The URL of the transcription.
    url: str | None = None


@attrs.frozen(kw_only=True)
class CallRecordingMetadata:
    """
    Metadata of one call recording.
    """

    #: The id of the application associated with the call.
    application_id: str | None = None

    #: The user account associated with the call.
    account_id: str | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: If the event is related to the B leg of a <Transfer>, the call id of the original call leg
    #: that executed the <Transfer>.
    parent_call_id: str | None = None

    #: The unique ID of this recording.
    recording_id: str | None = None

    #: The phone number that received the call, in E.164 format (e.g. +15555555555).
    to: str | None = None

    #: The provided identifier of the caller.
    from_: str | None = None

    #: The phone number used as the from field of the B-leg call, in E.164 format (e.g.
    #: +15555555555).
    transfer_caller_id: str | None = None

    #: The phone number used as the to field of the B-leg call, in E.164 format (e.g. +15555555555).
    transfer_to: str | None = None

    #: The duration of the recording in ISO-8601 format.
    duration: str | None = None

    #: The direction of the call.
    direction: CallDirectionEnum | None = None

    #: Always ``1`` for conference recordings; multi-channel recordings are not supported on
    #: conferences.
    channels: int | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The format that the recording is stored in.
    file_format: FileFormatEnum | None = None

    #: The current status of the process.
    status: str | None = None

    #: The URL that can be used to download the recording.
    media_url: str | None = None

    #: If the recording was transcribed, metadata about the transcription.
    transcription: RecordingTranscriptionMetadata | None = None

    #: A name to identify this recording.
    recording_name: str | None = None


@attrs.frozen(kw_only=True)
class ConferenceMember:
    """
    One call taking part in a conference.
    """

    #: The call id associated with the event.
    call_id: str | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: A URL that may be used to retrieve information about or update the state of this conference
    #: member.
    member_url: str | None = None

    #: Whether or not this member is currently muted.
    mute: bool | None = None

    #: Whether or not this member is currently on hold.
    hold: bool | None = None

    #: If this member had a value set for ``callIdsToCoach`` in its Conference verb or this list was
    #: added with a previous PUT request to modify the member, this is that list of calls.
    call_ids_to_coach: list[str] | None = None


@attrs.frozen(kw_only=True)
class Conference:
    """
    A conference and, when asked for, its active members.
    """

    #: The Bandwidth-generated conference ID.
    id: str | None = None

    #: The name of the conference, as specified by your application.
    name: str | None = None

    #: The time the conference was initiated, in ISO 8601 format.
    created_time: dt.datetime | None = None

    #: The time the conference was terminated, in ISO 8601 format.
    completed_time: dt.datetime | None = None

    #: The URL to send the conference-related events.
    conference_event_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    conference_event_method: CallbackMethodEnum | None = None

    #: The custom string attached to the conference that will be sent with callbacks.
    tag: str | None = None

    #: A list of active members of the conference.
    active_members: list[ConferenceMember] | None = None


@attrs.frozen(kw_only=True)
class UpdateConference:
    """
    Body of ``POST .../conferences/{conferenceId}``: redirect or end it.
    """

    #: Setting the conference state to ``completed`` ends the conference and ejects all members.
    status: ConferenceStateEnum | None = None

    #: The URL to send the conferenceRedirect event which will provide new BXML.
    redirect_url: str | None = None

    #: The HTTP method to use for the request to ``redirectUrl``.
    redirect_method: RedirectMethodEnum | None = None

    #: Basic auth username.
    username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)

    #: A fallback url which, if provided, will be used to retry the ``conferenceRedirect`` webhook
    #: delivery in case ``redirectUrl`` fails to respond.
    redirect_fallback_url: str | None = None

    #: The HTTP method to use for the request to ``redirectUrl``.
    redirect_fallback_method: RedirectMethodEnum | None = None

    #: Basic auth username.
    fallback_username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    fallback_password: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class UpdateConferenceMember:
    """
    Body of ``PUT .../members/{memberId}``: mute, hold or coach.
    """

    #: Whether or not this member is currently muted.
    mute: bool | None = None

    #: Whether or not this member is currently on hold.
    hold: bool | None = None

    #: If this member had a value set for ``callIdsToCoach`` in its Conference verb or this list was
    #: added with a previous PUT request to modify the member, this is that list of calls.
    call_ids_to_coach: list[str] | None = None


@attrs.frozen(kw_only=True)
class ConferenceRecordingMetadata:
    """
    Metadata of one conference recording.
    """

    #: The user account associated with the call.
    account_id: str | None = None

    #: The unique, Bandwidth-generated ID of the conference that was recorded.
    conference_id: str | None = None

    #: The user-specified name of the conference that was recorded.
    name: str | None = None

    #: The unique ID of this recording.
    recording_id: str | None = None

    #: The duration of the recording in ISO-8601 format.
    duration: str | None = None

    #: Always ``1`` for conference recordings; multi-channel recordings are not supported on
    #: conferences.
    channels: int | None = None

    #: Time the call was started, in ISO 8601 format.
    start_time: dt.datetime | None = None

    #: The time that the recording ended in ISO-8601 format.
    end_time: dt.datetime | None = None

    #: The format that the recording is stored in.
    file_format: FileFormatEnum | None = None

    #: The current status of the process.
    status: str | None = None

    #: The URL that can be used to download the recording.
    media_url: str | None = None

    #: A name to identify this recording.
    recording_name: str | None = None


@attrs.frozen(kw_only=True)
class TranscribeRecording:
    """
    Body of ``POST .../transcription``: ask for a recording transcript.
    """

    #: The URL to send the TranscriptionAvailable event to.
    callback_url: str | None = None

    #: The HTTP method to use to deliver the callback.
    callback_method: CallbackMethodEnum | None = None

    #: Basic auth username.
    username: str | None = None

    #: Basic auth password. Never shown in ``repr``.
    password: str | None = attrs.field(default=None, repr=False)

    #: The tag specified on call creation.
    tag: str | None = None

    #: This is the timeout (in seconds) to use when delivering the webhook to ``callbackUrl``.
    callback_timeout: float | None = None

    #: A boolean value to indicate that the recording may not be in English, and the transcription
    #: service will need to detect the dominant language the recording is in and transcribe
    #: accordingly.
    detect_language: bool | None = None


@attrs.frozen(kw_only=True)
class Transcription:
    """
    One transcript of a recording, with its confidence.
    """

    #: Zero-based index identifying the speaker.
    speaker: int | None = None

    #: The transcribed text.
    text: str | None = None

    #: The confidence on the recognized content, ranging from ``0.0`` to ``1.0`` with ``1.0`` being
    #: the highest confidence.
    confidence: float | None = None


@attrs.frozen(kw_only=True)
class RecordingTranscriptionClip:
    """
    The ``recordingTranscriptionClip`` schema of the Bandwidth API.
    """

    #: Zero-based index identifying the speaker.
    speaker: int | None = None

    #: The transcribed text of this clip.
    text: str | None = None

    #: How confident the transcription engine was in transcribing this clip (from ``0.0`` to
    #: ``1.0``).
    confidence: float | None = None

    #: The start time of this clip within the recording, in seconds.
    start_time_seconds: float | None = None

    #: The end time of this clip within the recording, in seconds.
    end_time_seconds: float | None = None


@attrs.frozen(kw_only=True)
class RecordingTranscriptions:
    """
    The ``recordingTranscriptions`` schema of the Bandwidth API.
    """

    transcripts: list[Transcription] | None = None

    #: A list of individual speech clips with speaker, timing, and confidence information.
    clips: list[RecordingTranscriptionClip] | None = None


@attrs.frozen(kw_only=True)
class CallTranscriptionMetadata:
    """
    The ``callTranscriptionMetadata`` schema of the Bandwidth API.
    """

    #: The programmable voice API transcription ID.
    transcription_id: str | None = None

    #: The programmable voice API transcription name.
    transcription_name: str | None = None

    #: A URL that may be used to retrieve the transcription itself.
    transcription_url: str | None = None


@attrs.frozen(kw_only=True)
class CallTranscription:
    """
    The ``callTranscription`` schema of the Bandwidth API.
    """

    #: The detected language for this transcription.
    detected_language: CallTranscriptionDetectedLanguageEnum | None = None

    #: Which ``track`` this transcription is derived from.
    track: CallTranscriptionTrackEnum | None = None

    #: The transcription itself.
    transcript: str | None = None

    #: How confident the transcription engine was in transcribing the associated audio (from ``0``
    #: to ``1``).
    confidence: float | None = None


@attrs.frozen(kw_only=True)
class CallTranscriptionResponse:
    """
    The ``callTranscriptionResponse`` schema of the Bandwidth API.
    """

    #: The user account associated with the call.
    account_id: str | None = None

    #: The call id associated with the event.
    call_id: str | None = None

    #: The programmable voice API transcription ID.
    transcription_id: str | None = None

    tracks: list[CallTranscription] | None = None


@attrs.frozen(kw_only=True)
class VoiceApiError:
    """
    Error body returned by the voice API.
    """

    #: The kind of error.
    type: str | None = None

    #: What went wrong.
    description: str | None = None

    #: The id of the error, for Bandwidth support.
    id: str | None = None


@attrs.frozen(kw_only=True)
class MachineDetectionResult:
    """
    If machine detection was requested in sync mode, the result will be specified here.

    Possible values are the same as the async counterpart: Machine Detection Complete.
    """

    #: Possible values are answering-machine, human, silence, timeout, or error.
    value: str | None = None

    #: The amount of time it took to determine the result.
    duration: str | None = None


@attrs.frozen(kw_only=True)
class Diversion:
    """
    The SIP Diversion header of an inbound call, split into its parameters.
    """

    #: The reason for the diversion.
    reason: str | None = None

    #: Off or full.
    privacy: str | None = None

    #: No if the number was provided by the user, yes if the number was provided by the network.
    screen: str | None = None

    #: The number of diversions that have occurred.
    counter: str | None = None

    #: The maximum number of diversions allowed for this session.
    limit: str | None = None

    #: The normal list of values is not exhaustive.
    unknown: str | None = None

    #: Always present.
    orig_to: str | None = None


@attrs.frozen(kw_only=True)
class StirShaken:
    """
    The STIR/SHAKEN verification result of an inbound call.
    """

    #: The verification status indicating whether the verification was successful or not.
    verstat: str | None = None

    #: The attestation level verified by Bandwidth.
    attestation_indicator: str | None = None

    #: A unique origination identifier.
    originating_id: str | None = None


#: The 2024 spec's name for `RecordingTranscriptions`.
TranscriptionList = RecordingTranscriptions


#: The 2024 spec's name for `RecordingTranscriptionMetadata`.
TranscriptionMetadata = RecordingTranscriptionMetadata
