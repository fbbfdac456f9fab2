"""
Every BXML verb and noun as a frozen attrs class, after the Bandwidth BXML reference.

One way to build each: the text content, if the element has one, is the first positional
argument; nested elements are positional arguments; XML attributes are keyword-only, in
snake_case, and written in camelCase. ``None`` means "leave the attribute out". Fields are
listed in the order of the reference's attribute tables.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._base import (
    SSML,
    BxmlError,
    BxmlTypeError,
    Verb,
    check_characters,
    parse_fragment,
    secret,
    write_element,
)

__all__ = [
    "Bridge",
    "Bxml",
    "Conference",
    "Connect",
    "CustomParam",
    "Endpoint",
    "Forward",
    "Gather",
    "Hangup",
    "Pause",
    "PauseRecording",
    "PhoneNumber",
    "PlayAudio",
    "Record",
    "Redirect",
    "Refer",
    "Response",
    "ResumeRecording",
    "Ring",
    "SendDtmf",
    "SipUri",
    "SpeakSentence",
    "StartGather",
    "StartRecording",
    "StartStream",
    "StartTranscription",
    "StopGather",
    "StopRecording",
    "StopStream",
    "StopTranscription",
    "StreamParam",
    "Tag",
    "Transfer",
]


def _normalise_content(pieces: tuple[object, ...]) -> tuple[str | SSML, ...]:
    """
    Bring ``<SpeakSentence>`` content to one canonical form, so that equal speech compares equal.

    Adjacent strings are joined, empty ones dropped, and each ``SSML`` value is split into its
    top-level elements (each one ``SSML``) and the text between them (plain ``str``). That is
    exactly the shape ``parse`` reads back, which makes ``parse(str(doc)) == doc`` hold.
    """
    out: list[str | SSML] = []

    def add_text(text: str) -> None:
        if not text:
            return
        if out and isinstance(out[-1], str):
            out[-1] += text
        else:
            out.append(text)

    for piece in pieces:
        if isinstance(piece, SSML):
            wrapper = parse_fragment(piece.markup, "SSML")
            add_text(wrapper.text or "")
            for element in wrapper:
                parts: list[str] = []
                write_element(element, parts.append)
                out.append(SSML("".join(parts)))
                add_text(element.tail or "")
        elif isinstance(piece, str):
            check_characters(piece, "<SpeakSentence> text")
            add_text(str(piece))
        else:
            msg = f"<SpeakSentence> takes str or SSML pieces, not {type(piece).__name__}"
            raise BxmlTypeError(msg)
    return tuple(out)


# --- Speech and audio ------------------------------------------------------------------------


@attrs.frozen(kw_only=True, init=False)
class SpeakSentence(Verb):
    """
    ``<SpeakSentence>``: speak text (plain ``str`` pieces, escaped, and ``SSML`` markup).
    """

    element_name: ClassVar[str] = "SpeakSentence"
    mixed_content: ClassVar[bool] = True

    content: tuple[str | SSML, ...]
    voice: str | None = None
    gender: str | None = None
    locale: str | None = None

    def __init__(
        self,
        *content: str | SSML,
        voice: str | None = None,
        gender: str | None = None,
        locale: str | None = None,
    ) -> None:
        self.__attrs_init__(
            content=_normalise_content(content), voice=voice, gender=gender, locale=locale
        )

    @property
    def text(self) -> str:
        """
        The content as one string, SSML markup included.
        """
        return "".join(str(piece) for piece in self.content)


@attrs.frozen(kw_only=True)
class PlayAudio(Verb):
    """
    ``<PlayAudio>``: play the audio file at *url* (wav or mp3).
    """

    element_name: ClassVar[str] = "PlayAudio"
    text_field: ClassVar[str | None] = "url"

    url: str = attrs.field(kw_only=False)
    username: str | None = None
    password: str | None = secret()


@attrs.frozen(kw_only=True)
class SendDtmf(Verb):
    """
    ``<SendDtmf>``: play DTMF tones for *digits* (``0-9``, ``*``, ``#``, ``w`` and ``W`` pauses).
    """

    element_name: ClassVar[str] = "SendDtmf"
    text_field: ClassVar[str | None] = "digits"

    digits: str = attrs.field(kw_only=False)
    tone_duration: float | None = None
    tone_interval: float | None = None


@attrs.frozen(kw_only=True)
class Pause(Verb):
    """
    ``<Pause>``: wait *duration* seconds before the next verb.
    """

    element_name: ClassVar[str] = "Pause"

    duration: float | None = None


@attrs.frozen(kw_only=True)
class Ring(Verb):
    """
    ``<Ring>``: play ringing for *duration* seconds.
    """

    element_name: ClassVar[str] = "Ring"

    duration: float | None = None
    answer_call: bool | None = None


@attrs.frozen(kw_only=True)
class Hangup(Verb):
    """
    ``<Hangup>``: end the call.
    """

    element_name: ClassVar[str] = "Hangup"


@attrs.frozen(kw_only=True)
class Tag(Verb):
    """
    ``<Tag>``: set the tag sent with later callbacks; an empty text clears it.
    """

    element_name: ClassVar[str] = "Tag"
    text_field: ClassVar[str | None] = "text"

    text: str = attrs.field(default="", kw_only=False)


# --- Gathering digits ------------------------------------------------------------------------


@attrs.frozen(kw_only=True, init=False)
class Gather(Verb):
    """
    ``<Gather>``: collect digits (or speech) while the nested ``SpeakSentence``/``PlayAudio`` play.

    The speech attributes (``input`` ... ``speech_timeout``) only apply when *input* includes
    speech.
    """

    element_name: ClassVar[str] = "Gather"
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = (SpeakSentence, PlayAudio)
    max_children: ClassVar[int | None] = 20
    #: The most prompts a Gather may play, nested verbs times ``repeat_count``.
    max_children_plays: ClassVar[int] = 20

    children: tuple[SpeakSentence | PlayAudio, ...]
    gather_url: str | None = None
    gather_method: str | None = None
    gather_fallback_url: str | None = None
    gather_fallback_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None
    terminating_digits: str | None = None
    max_digits: int | None = None
    inter_digit_timeout: float | None = None
    first_digit_timeout: float | None = None
    repeat_count: int | None = None
    input: str | None = None
    hints: str | None = None
    language: str | None = None
    partial_result_callback: str | None = None
    partial_result_callback_method: str | None = None
    profanity_filter: bool | None = None
    speech_model: str | None = None
    speech_timeout: float | None = None

    def __init__(
        self,
        *children: SpeakSentence | PlayAudio,
        gather_url: str | None = None,
        gather_method: str | None = None,
        gather_fallback_url: str | None = None,
        gather_fallback_method: str | None = None,
        username: str | None = None,
        password: str | None = None,
        fallback_username: str | None = None,
        fallback_password: str | None = None,
        tag: str | None = None,
        terminating_digits: str | None = None,
        max_digits: int | None = None,
        inter_digit_timeout: float | None = None,
        first_digit_timeout: float | None = None,
        repeat_count: int | None = None,
        input: str | None = None,
        hints: str | None = None,
        language: str | None = None,
        partial_result_callback: str | None = None,
        partial_result_callback_method: str | None = None,
        profanity_filter: bool | None = None,
        speech_model: str | None = None,
        speech_timeout: float | None = None,
    ) -> None:
        self.__attrs_init__(
            children=children,
            gather_url=gather_url,
            gather_method=gather_method,
            gather_fallback_url=gather_fallback_url,
            gather_fallback_method=gather_fallback_method,
            username=username,
            password=password,
            fallback_username=fallback_username,
            fallback_password=fallback_password,
            tag=tag,
            terminating_digits=terminating_digits,
            max_digits=max_digits,
            inter_digit_timeout=inter_digit_timeout,
            first_digit_timeout=first_digit_timeout,
            repeat_count=repeat_count,
            input=input,
            hints=hints,
            language=language,
            partial_result_callback=partial_result_callback,
            partial_result_callback_method=partial_result_callback_method,
            profanity_filter=profanity_filter,
            speech_model=speech_model,
            speech_timeout=speech_timeout,
        )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        # The reference: "repeatCount * number of verbs must not be greater than 20".
        if len(self.children) * (self.repeat_count or 1) > self.max_children_plays:
            msg = (
                f"<Gather> plays {len(self.children)} prompt(s) {self.repeat_count} times; "
                f"BXML allows at most {self.max_children_plays} plays"
            )
            raise BxmlError(msg)


@attrs.frozen(kw_only=True)
class StartGather(Verb):
    """
    ``<StartGather>``: send each DTMF digit to *dtmf_url* while other verbs run.
    """

    element_name: ClassVar[str] = "StartGather"

    dtmf_url: str | None = None
    dtmf_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    tag: str | None = None


@attrs.frozen(kw_only=True)
class StopGather(Verb):
    """
    ``<StopGather>``: stop a ``<StartGather>``.
    """

    element_name: ClassVar[str] = "StopGather"


# --- Transfers, bridges, conferences ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class PhoneNumber(Verb):
    """
    ``<PhoneNumber>``: an E.164 number to dial, nested in ``<Transfer>``.
    """

    element_name: ClassVar[str] = "PhoneNumber"
    text_field: ClassVar[str | None] = "number"

    number: str = attrs.field(kw_only=False)
    uui: str | None = None
    transfer_answer_url: str | None = None
    transfer_answer_method: str | None = None
    transfer_answer_fallback_url: str | None = None
    transfer_answer_fallback_method: str | None = None
    transfer_disconnect_url: str | None = None
    transfer_disconnect_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None


@attrs.frozen(kw_only=True)
class SipUri(Verb):
    """
    ``<SipUri>``: a SIP URI to dial, nested in ``<Transfer>``.
    """

    element_name: ClassVar[str] = "SipUri"
    text_field: ClassVar[str | None] = "uri"

    uri: str = attrs.field(kw_only=False)
    uui: str | None = None
    transfer_answer_url: str | None = None
    transfer_answer_method: str | None = None
    transfer_answer_fallback_url: str | None = None
    transfer_answer_fallback_method: str | None = None
    transfer_disconnect_url: str | None = None
    transfer_disconnect_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None


@attrs.frozen(kw_only=True, init=False)
class Transfer(Verb):
    """
    ``<Transfer>``: dial 1 to 8 ``PhoneNumber``/``SipUri`` at once and bridge the first to answer.
    """

    element_name: ClassVar[str] = "Transfer"
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = (PhoneNumber, SipUri)
    min_children: ClassVar[int] = 1
    max_children: ClassVar[int | None] = 8

    children: tuple[PhoneNumber | SipUri, ...]
    transfer_caller_id: str | None = None
    privacy: bool | None = None
    transfer_caller_display_name: str | None = None
    call_timeout: float | None = None
    transfer_complete_url: str | None = None
    transfer_complete_method: str | None = None
    transfer_complete_fallback_url: str | None = None
    transfer_complete_fallback_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None
    diversion_treatment: str | None = None
    diversion_reason: str | None = None

    def __init__(
        self,
        *children: PhoneNumber | SipUri,
        transfer_caller_id: str | None = None,
        privacy: bool | None = None,
        transfer_caller_display_name: str | None = None,
        call_timeout: float | None = None,
        transfer_complete_url: str | None = None,
        transfer_complete_method: str | None = None,
        transfer_complete_fallback_url: str | None = None,
        transfer_complete_fallback_method: str | None = None,
        username: str | None = None,
        password: str | None = None,
        fallback_username: str | None = None,
        fallback_password: str | None = None,
        tag: str | None = None,
        diversion_treatment: str | None = None,
        diversion_reason: str | None = None,
    ) -> None:
        self.__attrs_init__(
            children=children,
            transfer_caller_id=transfer_caller_id,
            privacy=privacy,
            transfer_caller_display_name=transfer_caller_display_name,
            call_timeout=call_timeout,
            transfer_complete_url=transfer_complete_url,
            transfer_complete_method=transfer_complete_method,
            transfer_complete_fallback_url=transfer_complete_fallback_url,
            transfer_complete_fallback_method=transfer_complete_fallback_method,
            username=username,
            password=password,
            fallback_username=fallback_username,
            fallback_password=fallback_password,
            tag=tag,
            diversion_treatment=diversion_treatment,
            diversion_reason=diversion_reason,
        )


@attrs.frozen(kw_only=True, init=False)
class Refer(Verb):
    """
    ``<Refer>``: send a SIP REFER to the one nested ``SipUri`` (inbound SIP calls only).
    """

    element_name: ClassVar[str] = "Refer"
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = (SipUri,)
    min_children: ClassVar[int] = 1
    max_children: ClassVar[int | None] = 1

    children: tuple[SipUri, ...]
    refer_complete_url: str | None = None
    refer_complete_method: str | None = None
    tag: str | None = None

    def __init__(
        self,
        *children: SipUri,
        refer_complete_url: str | None = None,
        refer_complete_method: str | None = None,
        tag: str | None = None,
    ) -> None:
        self.__attrs_init__(
            children=children,
            refer_complete_url=refer_complete_url,
            refer_complete_method=refer_complete_method,
            tag=tag,
        )


@attrs.frozen(kw_only=True)
class Endpoint(Verb):
    """
    ``<Endpoint>``: the id of a BRTC endpoint to connect to, nested in ``<Connect>``.
    """

    element_name: ClassVar[str] = "Endpoint"
    text_field: ClassVar[str | None] = "endpoint_id"

    endpoint_id: str = attrs.field(kw_only=False)


@attrs.frozen(kw_only=True, init=False)
class Connect(Verb):
    """
    ``<Connect>``: connect the call to the nested ``Endpoint`` (BRTC, in beta at Bandwidth).
    """

    element_name: ClassVar[str] = "Connect"
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = (Endpoint,)
    min_children: ClassVar[int] = 1

    children: tuple[Endpoint, ...]
    event_callback_url: str | None = None
    event_fallback_url: str | None = None

    def __init__(
        self,
        *children: Endpoint,
        event_callback_url: str | None = None,
        event_fallback_url: str | None = None,
    ) -> None:
        self.__attrs_init__(
            children=children,
            event_callback_url=event_callback_url,
            event_fallback_url=event_fallback_url,
        )


@attrs.frozen(kw_only=True)
class Forward(Verb):
    """
    ``<Forward>``: hand an unanswered inbound call to *to*; the app loses control of it.
    """

    element_name: ClassVar[str] = "Forward"

    to: str
    from_: str | None = None
    privacy: bool | None = None
    caller_display_name: str | None = None
    call_timeout: float | None = None
    diversion_treatment: str | None = None
    diversion_reason: str | None = None
    uui: str | None = None


@attrs.frozen(kw_only=True)
class Bridge(Verb):
    """
    ``<Bridge>``: bridge the call with the live call whose id is *target_call*.
    """

    element_name: ClassVar[str] = "Bridge"
    text_field: ClassVar[str | None] = "target_call"

    target_call: str = attrs.field(kw_only=False)
    bridge_complete_url: str | None = None
    bridge_complete_method: str | None = None
    bridge_complete_fallback_url: str | None = None
    bridge_complete_fallback_method: str | None = None
    bridge_target_complete_url: str | None = None
    bridge_target_complete_method: str | None = None
    bridge_target_complete_fallback_url: str | None = None
    bridge_target_complete_fallback_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None


@attrs.frozen(kw_only=True)
class Conference(Verb):
    """
    ``<Conference>``: join the conference called *name*, creating it if needed.
    """

    element_name: ClassVar[str] = "Conference"
    text_field: ClassVar[str | None] = "name"

    name: str = attrs.field(kw_only=False)
    mute: bool | None = None
    hold: bool | None = None
    call_ids_to_coach: str | None = None
    conference_event_url: str | None = None
    conference_event_method: str | None = None
    conference_event_fallback_url: str | None = None
    conference_event_fallback_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None
    callback_timeout: float | None = None


@attrs.frozen(kw_only=True)
class Redirect(Verb):
    """
    ``<Redirect>``: fetch new BXML from *redirect_url* and run it instead of what follows.
    """

    element_name: ClassVar[str] = "Redirect"

    redirect_url: str
    redirect_method: str | None = None
    redirect_fallback_url: str | None = None
    redirect_fallback_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None


# --- Recording -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Record(Verb):
    """
    ``<Record>``: record the caller (voicemail style) until a digit, silence or *max_duration*.
    """

    element_name: ClassVar[str] = "Record"

    record_complete_url: str | None = None
    record_complete_method: str | None = None
    record_complete_fallback_url: str | None = None
    record_complete_fallback_method: str | None = None
    recording_available_url: str | None = None
    recording_available_method: str | None = None
    transcribe: bool | None = None
    detect_language: bool | None = None
    transcription_available_url: str | None = None
    transcription_available_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    fallback_username: str | None = None
    fallback_password: str | None = secret()
    tag: str | None = None
    terminating_digits: str | None = None
    max_duration: int | None = None
    silence_timeout: int | None = None
    file_format: str | None = None
    recording_name: str | None = None


@attrs.frozen(kw_only=True)
class StartRecording(Verb):
    """
    ``<StartRecording>``: record the call or conference in the background while verbs run.
    """

    element_name: ClassVar[str] = "StartRecording"

    recording_available_url: str | None = None
    recording_available_method: str | None = None
    transcribe: bool | None = None
    detect_language: bool | None = None
    transcription_available_url: str | None = None
    transcription_available_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    tag: str | None = None
    file_format: str | None = None
    multi_channel: bool | None = None
    recording_name: str | None = None


@attrs.frozen(kw_only=True)
class StopRecording(Verb):
    """
    ``<StopRecording>``: end the recording a ``<StartRecording>`` began.
    """

    element_name: ClassVar[str] = "StopRecording"


@attrs.frozen(kw_only=True)
class PauseRecording(Verb):
    """
    ``<PauseRecording>``: pause the background recording (for example while a card is read).
    """

    element_name: ClassVar[str] = "PauseRecording"


@attrs.frozen(kw_only=True)
class ResumeRecording(Verb):
    """
    ``<ResumeRecording>``: resume a paused background recording.
    """

    element_name: ClassVar[str] = "ResumeRecording"


# --- Streaming and transcription -------------------------------------------------------------


@attrs.frozen(kw_only=True)
class StreamParam(Verb):
    """
    ``<StreamParam>``: a name/value pair sent to the stream destination, nested in StartStream.
    """

    element_name: ClassVar[str] = "StreamParam"

    name: str
    value: str


@attrs.frozen(kw_only=True, init=False)
class StartStream(Verb):
    """
    ``<StartStream>``: stream the call's audio to a websocket *destination*.

    The reference's attribute table spells the webhook attribute ``streamEventUrl``.
    """

    element_name: ClassVar[str] = "StartStream"
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = (StreamParam,)
    max_children: ClassVar[int | None] = 12

    children: tuple[StreamParam, ...]
    name: str | None = None
    mode: str | None = None
    tracks: str | None = None
    destination: str
    destination_username: str | None = None
    destination_password: str | None = secret()
    stream_event_url: str | None = None
    stream_event_method: str | None = None
    username: str | None = None
    password: str | None = secret()

    def __init__(
        self,
        *children: StreamParam,
        destination: str,
        destination_username: str | None = None,
        destination_password: str | None = None,
        name: str | None = None,
        mode: str | None = None,
        tracks: str | None = None,
        stream_event_url: str | None = None,
        stream_event_method: str | None = None,
        username: str | None = None,
        password: str | None = None,
    ) -> None:
        self.__attrs_init__(
            children=children,
            name=name,
            mode=mode,
            tracks=tracks,
            destination=destination,
            destination_username=destination_username,
            destination_password=destination_password,
            stream_event_url=stream_event_url,
            stream_event_method=stream_event_method,
            username=username,
            password=password,
        )


@attrs.frozen(kw_only=True)
class StopStream(Verb):
    """
    ``<StopStream>``: stop the stream called *name*; with *wait*, only go on once it stopped.
    """

    element_name: ClassVar[str] = "StopStream"

    name: str
    wait: bool | None = None


@attrs.frozen(kw_only=True)
class CustomParam(Verb):
    """
    ``<CustomParam>``: a name/value pair sent to the destination, nested in StartTranscription.
    """

    element_name: ClassVar[str] = "CustomParam"

    name: str
    value: str


@attrs.frozen(kw_only=True, init=False)
class StartTranscription(Verb):
    """
    ``<StartTranscription>``: transcribe the call in real time, optionally to a websocket.
    """

    element_name: ClassVar[str] = "StartTranscription"
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = (CustomParam,)
    max_children: ClassVar[int | None] = 12

    children: tuple[CustomParam, ...]
    name: str | None = None
    tracks: str | None = None
    transcription_event_url: str | None = None
    transcription_event_method: str | None = None
    username: str | None = None
    password: str | None = secret()
    destination: str | None = None
    stabilized: bool | None = None
    detect_language: bool | None = None
    preferred_languages: str | None = None

    def __init__(
        self,
        *children: CustomParam,
        name: str | None = None,
        tracks: str | None = None,
        transcription_event_url: str | None = None,
        transcription_event_method: str | None = None,
        username: str | None = None,
        password: str | None = None,
        destination: str | None = None,
        stabilized: bool | None = None,
        detect_language: bool | None = None,
        preferred_languages: str | None = None,
    ) -> None:
        self.__attrs_init__(
            children=children,
            name=name,
            tracks=tracks,
            transcription_event_url=transcription_event_url,
            transcription_event_method=transcription_event_method,
            username=username,
            password=password,
            destination=destination,
            stabilized=stabilized,
            detect_language=detect_language,
            preferred_languages=preferred_languages,
        )


@attrs.frozen(kw_only=True)
class StopTranscription(Verb):
    """
    ``<StopTranscription>``: stop the real-time transcription called *name*.
    """

    element_name: ClassVar[str] = "StopTranscription"

    name: str | None = None


# --- The roots -------------------------------------------------------------------------------

#: The verbs a document may hold at its top level (nouns such as PhoneNumber only go nested).
TOP_LEVEL: tuple[type[Verb], ...] = (
    Bridge,
    Conference,
    Connect,
    Forward,
    Gather,
    Hangup,
    Pause,
    PauseRecording,
    PlayAudio,
    Record,
    Redirect,
    Refer,
    ResumeRecording,
    Ring,
    SendDtmf,
    SpeakSentence,
    StartGather,
    StartRecording,
    StartStream,
    StartTranscription,
    StopGather,
    StopRecording,
    StopStream,
    StopTranscription,
    Tag,
    Transfer,
)

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


@attrs.frozen(kw_only=True, init=False)
class _Root(Verb):
    """
    What ``Response`` and ``Bxml`` share: top-level verbs, and ``str()`` as the whole document.
    """

    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = TOP_LEVEL

    children: tuple[Verb, ...]

    def __init__(self, *verbs: Verb) -> None:
        self.__attrs_init__(children=verbs)

    def to_xml(self) -> str:
        """
        The whole document, XML declaration included.
        """
        return _DECLARATION + super().to_xml()

    def __str__(self) -> str:
        return self.to_xml()

    def __bytes__(self) -> bytes:
        return self.to_xml().encode()


@attrs.frozen(kw_only=True, init=False)
class Response(_Root):
    """
    ``<Response>``: the document a webhook answers with (the answer, gather, redirect... URLs).
    """

    element_name: ClassVar[str] = "Response"


@attrs.frozen(kw_only=True, init=False)
class Bxml(_Root):
    """
    ``<Bxml>``: the document sent to a live call with ``calls.update_bxml``.
    """

    element_name: ClassVar[str] = "Bxml"
