"""
The emulator calling back: a call's life (ring, answer, BXML, disconnect) and message events.

A call runs as one task: it POSTs each event to the app through ``_callbacks.py``, reads the
BXML the app answers with ``bandwidth_async.bxml.parse`` and carries it out. Media takes
simulated time (a sentence about 15 characters a second, a ring 2 s), multiplied by
``time_scale`` so a test's call lasts a fraction of a second. What the other party does (the
digits they press, whether a text is delivered) comes from ``Scripts``. HTTP handlers only
start runs and pass updates; they never wait for one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from typing import TYPE_CHECKING, Any, Final

import attrs
from yarl import URL

from bandwidth_async import bxml

from ._data import format_ms

if TYPE_CHECKING:
    from ._applications import Application
    from ._callbacks import Callbacks, Delivery
    from ._state import State

__all__ = ["EVENT_FIELDS", "CallRun", "Calling", "Scripts"]

log = logging.getLogger("bandwidth_async.testing")

# Simulated seconds, multiplied by time_scale.
RING: Final = 2.0
CHARACTERS_PER_SECOND: Final = 15.0
AUDIO: Final = 3.0
TALK: Final = 5.0
RECORD: Final = 3.0

_CALL: Final = ("eventType", "eventTime", "accountId", "applicationId", "from", "to")
_LEG: Final = ("direction", "callId", "callUrl", "enqueuedTime", "startTime", "answerTime")
_TRANSFER: Final = ("transferCallerId", "transferTo")
_RECORDING: Final = ("recordingId", "mediaUrl", "duration", "fileFormat", "channels")
#: The fields of each voice event, as the spec's callback schemas list them.
EVENT_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "initiate": (*_CALL, "direction", "callId", "callUrl", "startTime", "diversion", "stirShaken"),
    "answer": (*_CALL, *_LEG, "tag", "machineDetectionResult"),
    "disconnect": (*_CALL, *_LEG, "endTime", "cause", "errorMessage", "errorId", "tag"),
    "gather": (*_CALL, *_LEG, "digits", "parentCallId", "terminatingDigit", *_TRANSFER, "tag"),
    "redirect": (*_CALL, *_LEG, "parentCallId", "tag", *_TRANSFER),
    "transferAnswer": (*_CALL, *_LEG, "tag", *_TRANSFER),
    "transferDisconnect": (
        *_CALL,
        *_LEG,
        "parentCallId",
        "endTime",
        "tag",
        *_TRANSFER,
        "cause",
        "errorMessage",
        "errorId",
    ),
    "transferComplete": (*_CALL, *_LEG, "tag", *_TRANSFER, "cause", "errorMessage", "errorId"),
    "recordingComplete": (*_CALL, *_LEG, "parentCallId", *_RECORDING, "endTime", "tag"),
    "recordingAvailable": (
        *_CALL,
        *(f for f in _LEG if f != "answerTime"),
        "parentCallId",
        *_RECORDING,
        "endTime",
        "tag",
        "status",
    ),
    "conferenceCreated": ("eventType", "eventTime", "conferenceId", "name", "tag"),
    "conferenceMemberJoin": (
        "eventType",
        "eventTime",
        "conferenceId",
        "name",
        "from",
        "to",
        "callId",
        "tag",
    ),
    "conferenceMemberExit": (
        "eventType",
        "eventTime",
        "conferenceId",
        "name",
        "from",
        "to",
        "callId",
        "tag",
    ),
    "conferenceCompleted": ("eventType", "eventTime", "conferenceId", "name", "tag"),
}


def _new_call_id() -> str:
    return "c-" + "-".join(secrets.token_hex(n) for n in (4, 4, 2, 2, 2, 6))


@attrs.define
class Scripts:
    """
    What the other parties do: digits pressed at each Gather, messages that fail.
    """

    digits: dict[str, list[str]] = attrs.field(factory=dict)
    failing: set[str] = attrs.field(factory=set)

    def next_digits(self, number: str) -> str:
        """
        The digits *number* presses at its next Gather; none (a timeout) when none are left.
        """
        queue = self.digits.get(number)
        if not queue:
            return ""
        return queue.pop(0) if len(queue) > 1 else queue[0]


class _Hangup(Exception):  # noqa: N818 - control flow inside a run
    def __init__(self, cause: str, error: str | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        self.error = error


class _Replace(Exception):  # noqa: N818 - control flow inside a run
    def __init__(self, text: str, url: str) -> None:
        super().__init__(url)
        self.text = text
        self.url = url


@attrs.define(eq=False)
class CallRun:
    """
    One live call driven by the emulator: its callbacks, its BXML, its end.
    """

    calling: Calling
    call: dict[str, Any]
    call_url: str
    url: str
    method: str = "POST"
    username: str | None = None
    password: str | None = None
    fallback_url: str | None = None
    disconnect_url: str | None = None
    disconnect_method: str = "POST"
    tag: str | None = None
    timeout: float = 15.0
    pending: tuple[Any, ...] | None = None
    wake: asyncio.Event = attrs.field(factory=asyncio.Event)
    task: asyncio.Task[None] | None = None

    @property
    def party(self) -> str:
        """
        The number at the other end: the callee of an outbound call, the caller of an inbound one.
        """
        return str(self.call["to"] if self.call["direction"] == "outbound" else self.call["from"])

    # -- the run ---------------------------------------------------------------------------

    async def run(self) -> None:
        """
        Ring, answer (or initiate), run the app's BXML, and send the disconnect event.
        """
        cause, error = "hangup", None
        try:
            if self.call["direction"] == "outbound":
                await self.sleep(RING)
                self.stamp(state="initiated", startTime=self.now())
                self.stamp(state="answered", answerTime=self.now())
                first = "answer"
            else:
                first = "initiate"
            text = await self.fetch(first, self.url, self.method, required=True)
            await self.execute(text, self.url)
        except _Hangup as end:
            cause, error = end.cause, end.error
        except Exception as exc:  # a bug here must not leave the call up forever
            log.exception("the emulator's call %s failed", self.call["callId"])
            cause, error = "error", repr(exc)
        await self.finish(cause, error)

    async def execute(self, text: str, url: str) -> None:
        """
        Run documents until one runs out of verbs; a callback's BXML replaces the current one.
        """
        while True:
            if not text.strip():
                return  # no more BXML: the call ends normally
            try:
                document = bxml.parse(text)
            except bxml.BxmlError as exc:
                raise _Hangup("invalid-bxml", f"Invalid BXML: {exc}") from exc
            try:
                for verb in document.children:
                    await self.verb(verb, url)
                    await self.checkpoint()
            except _Replace as new:
                text, url = new.text, new.url
                continue
            return

    async def verb(self, verb: object, url: str) -> None:  # noqa: C901 - one case a verb
        """
        Carry out one verb.
        """
        if isinstance(verb, bxml.SpeakSentence):
            await self.sleep(max(0.5, len(verb.text) / CHARACTERS_PER_SECOND))
        elif isinstance(verb, bxml.PlayAudio):
            await self.sleep(AUDIO)
        elif isinstance(verb, bxml.Pause):
            await self.sleep(verb.duration if verb.duration is not None else 1.0)
        elif isinstance(verb, bxml.Ring):
            await self.sleep(verb.duration if verb.duration is not None else 5.0)
        elif isinstance(verb, bxml.Tag):
            self.tag = verb.text or None
        elif isinstance(verb, bxml.Hangup):
            raise _Hangup("hangup")
        elif isinstance(verb, bxml.Redirect):
            await self.replace_with(
                "redirect", verb.redirect_url, url, verb.redirect_method, verb, verb.tag
            )
        elif isinstance(verb, bxml.Gather):
            await self.gather(verb, url)
        elif isinstance(verb, bxml.Transfer):
            await self.transfer(verb, url)
        elif isinstance(verb, bxml.Record):
            await self.record(verb, url)
        elif isinstance(verb, bxml.Conference):
            await self.conference(verb, url)
        # Other verbs (recording, streams, DTMF...) change nothing the emulator models.

    async def gather(self, verb: bxml.Gather, url: str) -> None:
        """
        Play the prompts, then report the scripted digits to ``gatherUrl``.
        """
        for child in verb.children:
            await self.verb(child, url)
        digits = self.calling.scripts.next_digits(self.party)
        if verb.max_digits is not None:
            digits = digits[: verb.max_digits]
        if not digits:
            await self.sleep(verb.first_digit_timeout or 5.0)
        if verb.gather_url is None:
            return
        terminator = None
        if verb.terminating_digits and digits and digits[-1] in verb.terminating_digits:
            digits, terminator = digits[:-1], digits[-1]
        await self.replace_with(
            "gather",
            verb.gather_url,
            url,
            verb.gather_method,
            verb,
            verb.tag,
            digits=digits,
            terminatingDigit=terminator,
            continue_on_empty=True,
        )

    async def transfer(self, verb: bxml.Transfer, url: str) -> None:
        """
        Ring the first target, talk, hang up; then ``transferComplete`` may give new BXML.
        """
        target = verb.children[0]
        number = target.number if isinstance(target, bxml.PhoneNumber) else target.uri
        leg = {
            "callId": _new_call_id(),
            "parentCallId": self.call["callId"],
            "transferCallerId": verb.transfer_caller_id or self.call["from"],
            "transferTo": number,
        }
        await self.sleep(RING)
        auth = (target.username, target.password)
        if target.transfer_answer_url is not None:
            await self.send(
                "transferAnswer", target.transfer_answer_url, url, target.transfer_answer_method,
                auth, target.tag, **leg,
            )  # fmt: skip
        await self.sleep(TALK)
        if target.transfer_disconnect_url is not None:
            await self.send(
                "transferDisconnect", target.transfer_disconnect_url, url,
                target.transfer_disconnect_method, auth, target.tag,
                endTime=self.now(), cause="hangup", **leg,
            )  # fmt: skip
        if verb.transfer_complete_url is not None:
            await self.replace_with(
                "transferComplete",
                verb.transfer_complete_url,
                url,
                verb.transfer_complete_method,
                verb,
                verb.tag,
                cause="hangup",
                continue_on_empty=True,
                transferCallerId=leg["transferCallerId"],
                transferTo=number,
            )

    async def record(self, verb: bxml.Record, url: str) -> None:
        """
        Record for ``maxDuration`` (or a few seconds); store it; send its events.
        """
        started = self.now()
        seconds = float(verb.max_duration) if verb.max_duration else RECORD
        await self.sleep(seconds)
        recording = self.calling.store_recording(self.call, started, self.now())
        fields = {
            "recordingId": recording["recordingId"],
            "mediaUrl": f"{self.call_url}/recordings/{recording['recordingId']}/media",
            "duration": f"PT{seconds:.1f}S",
            "fileFormat": verb.file_format or "wav",
            "channels": 1,
            "endTime": self.now(),
        }
        auth = (verb.username, verb.password)
        if verb.recording_available_url is not None:
            await self.send(
                "recordingAvailable", verb.recording_available_url, url,
                verb.recording_available_method, auth, verb.tag, status="complete", **fields,
            )  # fmt: skip
        if verb.record_complete_url is not None:
            await self.replace_with(
                "recordingComplete",
                verb.record_complete_url,
                url,
                verb.record_complete_method,
                verb,
                verb.tag,
                continue_on_empty=True,
                **fields,
            )

    async def conference(self, verb: bxml.Conference, url: str) -> None:
        """
        Join the conference *name*, stay a while, leave; its events go to conferenceEventUrl.
        """
        conference_id = "conf-" + secrets.token_hex(16)
        fields = {"conferenceId": conference_id, "name": verb.name}
        auth = (verb.username, verb.password)
        target, method = verb.conference_event_url, verb.conference_event_method
        steps = ("conferenceCreated", "conferenceMemberJoin")
        for event in steps:
            if target is not None:
                await self.send(event, target, url, method, auth, verb.tag, **fields)
        await self.sleep(TALK)
        for event in ("conferenceMemberExit", "conferenceCompleted"):
            if target is not None:
                await self.send(event, target, url, method, auth, verb.tag, **fields)

    # -- callbacks -------------------------------------------------------------------------

    def body(self, event: str, tag: str | None, **extra: Any) -> dict[str, Any]:
        """
        The JSON body of voice event *event*, with the fields the spec gives it.
        """
        values = {
            **self.call,
            "eventType": event,
            "eventTime": self.now(),
            "callUrl": self.call_url,
            "tag": tag if tag is not None else self.tag,
            **extra,
        }
        return {k: values[k] for k in EVENT_FIELDS[event] if values.get(k) is not None}

    async def send(  # noqa: PLR0917 - an event and where it goes
        self,
        event: str,
        target: str,
        base: str,
        method: str | None,
        auth: tuple[str | None, str | None],
        tag: str | None,
        **extra: Any,
    ) -> Delivery:
        """
        Send *event* to *target* (relative to *base*) with the verb's or the call's credentials.
        """
        username, password = auth if auth[0] is not None else (self.username, self.password)
        return await self.calling.callbacks.deliver(
            str(URL(base).join(URL(target))),
            self.body(event, tag, **extra),
            method=method or "POST",
            username=username,
            password=password,
            timeout=self.timeout,
        )

    async def fetch(self, event: str, target: str, method: str, *, required: bool) -> str:
        """
        Send a BXML-returning event; a failure (after the fallback) ends the call.
        """
        auth = (self.username, self.password)
        delivery = await self.send(event, target, target, method, auth, None)
        if not delivery.ok and self.fallback_url is not None:
            delivery = await self.send(event, self.fallback_url, target, method, auth, None)
        if not delivery.ok:
            if required:
                raise _Hangup("callback-error", delivery.error or f"HTTP {delivery.status}")
            return ""
        return delivery.text

    async def replace_with(  # noqa: PLR0917 - an event and where it goes
        self,
        event: str,
        target: str,
        base: str,
        method: str | None,
        verb: Any,
        tag: str | None,
        *,
        continue_on_empty: bool = False,
        **extra: Any,
    ) -> None:
        """
        Send a BXML-returning event from a verb; its answer replaces the current document.
        """
        auth = (verb.username, verb.password)
        delivery = await self.send(event, target, base, method, auth, tag, **extra)
        if not delivery.ok:
            raise _Hangup("callback-error", delivery.error or f"HTTP {delivery.status}")
        if delivery.text.strip() or not continue_on_empty:
            raise _Replace(delivery.text, str(URL(base).join(URL(target))))

    async def finish(self, cause: str, error: str | None) -> None:
        """
        Mark the call disconnected and send ``disconnect``.
        """
        now = self.now()
        if self.call["state"] != "disconnected":
            self.stamp(state="disconnected", endTime=now, disconnectCause=cause, errorMessage=error)
        else:
            cause = self.call.get("disconnectCause") or cause
        payload = self.body("disconnect", None, cause=cause, errorMessage=error, endTime=now)
        await self.calling.callbacks.deliver(
            self.disconnect_url,
            payload,
            method=self.disconnect_method,
            username=self.username,
            password=self.password,
            timeout=self.timeout,
        )

    # -- time and interruptions --------------------------------------------------------------

    def now(self) -> str:
        """
        The emulator's current time, as the spec writes it.
        """
        return format_ms(self.calling.state.now())

    def stamp(self, **fields: Any) -> None:
        """
        Change the call's state as getCallState shows it.
        """
        self.call.update(fields, lastUpdate=self.now())

    async def sleep(self, seconds: float) -> None:
        """
        Let *seconds* of simulated call time pass, unless an update interrupts.
        """
        await self.checkpoint()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds * self.calling.time_scale):
                await self.wake.wait()
        await self.checkpoint()

    async def checkpoint(self) -> None:
        """
        Act on an update that arrived: hang up, or switch to new BXML.
        """
        pending, self.pending = self.pending, None
        self.wake.clear()
        if pending is None:
            return
        if pending[0] == "hangup":
            raise _Hangup("hangup")
        if pending[0] == "bxml":
            raise _Replace(pending[1], self.url)
        # updateCall with a redirectUrl: the redirect event's answer replaces the document.
        _, target, method, tag = pending
        auth = (self.username, self.password)
        delivery = await self.send("redirect", target, target, method, auth, tag)
        if not delivery.ok:
            raise _Hangup("callback-error", delivery.error or f"HTTP {delivery.status}")
        raise _Replace(delivery.text, target)

    def interrupt(self, *pending: Any) -> None:
        """
        Deliver an update to the running call at its next step.
        """
        self.pending = pending
        self.wake.set()


class Calling:
    """
    The runs of one emulator: placing calls, passing updates, sending message events.
    """

    def __init__(self, state: State, callbacks: Callbacks, time_scale: float) -> None:
        self.state = state
        self.callbacks = callbacks
        self.time_scale = time_scale
        self.scripts = Scripts()
        self.runs: dict[str, CallRun] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.closed = False

    def spawn(self, coro: Any) -> None:
        """
        Run *coro* in the background until it ends or the emulator closes.
        """
        if self.closed:
            coro.close()  # the emulator is shutting down: nothing new starts
            return
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def start(self, run: CallRun) -> None:
        """
        Start driving *run*.
        """
        self.runs[run.call["callId"]] = run
        self.spawn(self._drive(run))

    async def _drive(self, run: CallRun) -> None:
        try:
            await run.run()
        finally:
            self.runs.pop(run.call["callId"], None)

    def update(self, call_id: str, data: dict[str, Any]) -> bool:
        """
        Pass an updateCall to a running call; False when the emulator is not driving it.
        """
        run = self.runs.get(call_id)
        if run is None:
            return False
        if data.get("tag") is not None:
            run.tag = data["tag"] or None
        if data.get("state") == "completed":
            run.interrupt("hangup")
        elif data.get("redirectUrl") is not None:
            run.interrupt(
                "redirect", data["redirectUrl"], data.get("redirectMethod"), data.get("tag")
            )
        return True

    def update_bxml(self, call_id: str, text: str) -> bool:
        """
        Pass an updateCallBxml to a running call; False when the emulator is not driving it.
        """
        run = self.runs.get(call_id)
        if run is None:
            return False
        run.interrupt("bxml", text)
        return True

    def place(self, run: CallRun) -> None:
        """
        Drive a new call whose answer URL the emulator may call; otherwise leave it answered.

        A call whose answer URL is on a host the emulator never contacts (``example.com`` in a
        test of the REST API alone) gets its ``answer`` event recorded as undelivered and stays
        up with no BXML to run, so the test can still update it, redirect it or hang it up.
        """
        if not self.callbacks.allowed(run.url):
            self.callbacks.record(run.url, run.body("answer", None), None)
            return
        run.stamp(state="queued", answerTime=None)
        self.start(run)

    def message_sent(self, message: dict[str, Any], url: str | None) -> None:
        """
        Send the events of an outbound message to its application's callback URL, if any.
        """
        if url is not None:
            self.spawn(self._message_events(message, url))

    async def _message_events(self, message: dict[str, Any], url: str) -> None:
        await asyncio.sleep(RING * self.time_scale)
        for to in message["to"]:
            if message.get("media"):
                sending = self.message_event("message-sending", message, to, "Message is sending")
                await self.callbacks.deliver(url, [sending])
            if to in self.scripts.failing:
                event = self.message_event(
                    "message-failed", message, to, "destination-carrier-rejected", error_code=4432
                )
            else:
                event = self.message_event("message-delivered", message, to, "ok")
            await self.callbacks.deliver(url, [event])

    def message_event(
        self,
        kind: str,
        message: dict[str, Any],
        to: str,
        description: str,
        *,
        error_code: int | None = None,
    ) -> dict[str, Any]:
        """
        One messaging event, with the fields the spec's callback schemas require.
        """
        body = {
            "id": message["id"],
            "owner": message["owner"],
            "applicationId": message["applicationId"],
            "time": message["time"],
            "segmentCount": message["segmentCount"],
            "direction": message["direction"],
            "to": message["to"],
            "from": message["from"],
            "text": message.get("text") or "",
            # The 2024 spec requires tag and priority in status events; Bandwidth sends them.
            "tag": message.get("tag") or "",
            "priority": message.get("priority") or "default",
        }
        if message.get("media") or kind == "message-sending":
            body["media"] = message.get("media") or []
        event: dict[str, Any] = {
            "time": format_ms(self.state.now()),
            "type": kind,
            "to": to,
            "description": description,
            "message": body,
        }
        if error_code is not None:
            event["errorCode"] = error_code
        return event

    def inbound_message(
        self,
        application: Application,
        from_: str,
        to: str,
        text: str,
        media: list[str] | None,
    ) -> str:
        """
        Deliver ``message-received`` for a text from *from_* to *to*; return the message id.
        """
        now = self.state.now()
        message_id = f"{now}{secrets.token_hex(8)}"
        message: dict[str, Any] = {
            "id": message_id,
            "owner": to,
            "applicationId": application.application_id,
            "time": format_ms(now),
            "segmentCount": 1,
            "direction": "in",
            "to": [to],
            "from": from_,
            "text": text,
        }
        if media:
            message["media"] = media
        event = {
            "time": format_ms(now),
            "type": "message-received",
            "to": to,
            "description": "Incoming message received",
            "message": message,
        }
        self.spawn(self.callbacks.deliver(application.callback_url, [event]))
        return message_id

    def store_recording(self, call: dict[str, Any], started: str, ended: str) -> dict[str, Any]:
        """
        Keep a recording made by ``<Record>``, so its metadata and media can be fetched.
        """
        from ._data import parse_time_ms  # noqa: PLC0415 - only recordings need it

        recording = {
            "callId": call["callId"],
            "recordingId": "r-" + secrets.token_hex(16),
            "to": call["to"],
            "from": call["from"],
            "direction": call["direction"],
            "channels": 1,
            "startTime": parse_time_ms(started),
            "endTime": parse_time_ms(ended),
            "media": True,
            "transcription": None,
        }
        self.state.recordings.append(recording)
        self.state.recordings_by_call.setdefault(call["callId"], []).append(recording)
        return recording

    async def aclose(self) -> None:
        """
        Stop every run and pending event; nothing new starts after this.
        """
        self.closed = True
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
