"""
The emulator's in-memory stores: generated data plus everything created or changed over HTTP.

Times are epoch milliseconds; JSON rendering and HTTP live in the family modules
(``_voice.py``, ``_messaging.py``, ...) and ``_http.py``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
import uuid
from typing import Any

import attrs

from ._applications import Applications
from ._data import (
    CallGenerator,
    fake_wav,
    format_ms,
    generate_conferences,
    generate_media,
    generate_messages,
    generate_recordings,
)

__all__ = ["CreatedCall", "Lookup", "MediaFile", "SentCode", "State"]


@attrs.frozen
class CreatedCall:
    """
    A call created through ``POST /accounts/{accountId}/calls``, with the request body as sent.
    """

    call_id: str
    body: dict[str, Any]

    @property
    def tag(self) -> str | None:
        """
        The ``tag`` the client sent, if any.
        """
        tag = self.body.get("tag")
        return tag if isinstance(tag, str) else None


@attrs.frozen
class SentCode:
    """
    An MFA code the emulator "sent" by voice or text, readable by tests instead of a phone.
    """

    to: str
    code: str
    channel: str
    scope: str | None
    sent_at: float


@attrs.define
class MediaFile:
    """
    One uploaded (or generated) media file.
    """

    name: str
    data: bytes
    content_type: str
    cache_control: str | None = None


@attrs.define
class Lookup:
    """
    One phone number lookup request and when it was made (emulator clock, seconds).
    """

    request_id: str
    tns: list[str]
    created_at: float


def _mix_seed(seed: int) -> int:
    return int.from_bytes(hashlib.sha256(f"messaging:{seed}".encode()).digest()[:16], "big")


# Recording media is the same tiny WAV for every recording.
WAV: bytes = fake_wav()


class State:
    """
    Everything the emulator knows, generated from a seed and changed by requests.
    """

    def __init__(
        self,
        *,
        calls: int,
        conferences: int,
        messages: int,
        media: int,
        recordings: int,
        seed: int,
        now_ms: int,
        account_id: str,
        wall_ms: int | None = None,
    ) -> None:
        self.account_id = account_id
        # Generated history ends at now_ms; the clock of new records starts at wall_ms.
        self.now_ms = now_ms
        self.wall_ms = now_ms if wall_ms is None else max(wall_ms, now_ms)
        self.secret = secrets.token_bytes(16)
        self._t0 = time.monotonic()
        self.offset = 0.0
        self.gen = CallGenerator(seed, now_ms, calls, account_id)
        # The generated calls' application is the account's voice application.
        self.applications = Applications(
            self.gen.application_id, str(uuid.UUID(int=_mix_seed(seed), version=4))
        )
        # Generated calls that were changed by a request, by index, as callState dicts.
        self.call_overrides: dict[int, dict[str, Any]] = {}
        # Calls created by POST, after the generated ones in start-time order.
        self.created: list[dict[str, Any]] = []
        self.created_starts: list[int] = []
        self.created_index: dict[str, int] = {}
        self.created_calls: list[CreatedCall] = []
        self.call_bxml: dict[str, str] = {}
        self.recording_state: dict[str, str] = {}
        self.conferences = generate_conferences(seed, now_ms, conferences)
        self.conference_by_id = {c["id"]: c for c in self.conferences}
        self.conference_bxml: dict[str, str] = {}
        self.recordings = generate_recordings(seed, recordings, self.gen, now_ms)
        self.recordings_by_call: dict[str, list[dict[str, Any]]] = {}
        for rec in self.recordings:
            self.recordings_by_call.setdefault(rec["callId"], []).append(rec)
        self.messages = generate_messages(seed, now_ms, messages, self.gen)
        self.sent_messages: list[dict[str, Any]] = []
        self.media: dict[str, MediaFile] = {
            name: MediaFile(name, data, ctype) for name, data, ctype in generate_media(seed, media)
        }
        self.codes: list[SentCode] = []
        # When each wrong MFA code was tried, by (to, scope), for verifyCode's rate limit.
        self.verify_failures: dict[tuple[str, str], list[float]] = {}
        self.lookups: dict[str, Lookup] = {}

    # -- clock -----------------------------------------------------------------------------

    def clock(self) -> float:
        """
        The emulator's monotonic clock in seconds, moved forward by ``advance``.
        """
        return time.monotonic() - self._t0 + self.offset

    def now(self) -> int:
        """
        The emulator's wall clock in epoch milliseconds: its start time plus the time since.
        """
        return self.wall_ms + int(self.clock() * 1000)

    # -- calls -----------------------------------------------------------------------------

    @property
    def call_total(self) -> int:
        """
        How many calls exist, generated and created.
        """
        return self.gen.count + len(self.created)

    def call_start(self, pos: int) -> int:
        """
        Start time of the call at *pos* in start-time order.
        """
        n = self.gen.count
        return self.gen.start_ms(pos) if pos < n else self.created_starts[pos - n]

    def call_json(self, pos: int) -> str:
        """
        The ``callState`` JSON of the call at *pos*.
        """
        n = self.gen.count
        if pos >= n:
            return json.dumps(self.created[pos - n], separators=(",", ":"))
        override = self.call_overrides.get(pos)
        if override is not None:
            return json.dumps(override, separators=(",", ":"))
        return self.gen.render(pos)

    def call_fields(self, pos: int) -> tuple[str, str, str | None]:
        """
        ``(to, from, disconnectCause)`` of the call at *pos*, for filtering.
        """
        n = self.gen.count
        data = self.created[pos - n] if pos >= n else self.call_overrides.get(pos)
        if data is not None:
            return data["to"], data["from"], data["disconnectCause"]
        row = self.gen.row(pos)
        return row.to, row.from_, row.cause

    def find_call(self, call_id: str) -> int | None:
        """
        The position of *call_id*, or None.
        """
        j = self.created_index.get(call_id)
        if j is not None:
            return self.gen.count + j
        return self.gen.index_of(call_id)

    def call_state(self, pos: int) -> dict[str, Any]:
        """
        The mutable ``callState`` dict of the call at *pos* (generated calls get one on demand).
        """
        n = self.gen.count
        if pos >= n:
            return self.created[pos - n]
        state = self.call_overrides.get(pos)
        if state is None:
            state = self.call_overrides[pos] = self.gen.state(pos)
        return state

    def create_call(
        self, body: dict[str, Any], call_id: str, *, inbound: bool = False
    ) -> dict[str, Any]:
        """
        Store a new answered outbound call for the createCall *body* (or a ringing inbound one).
        """
        start = max(self.now(), self.created_starts[-1] + 1 if self.created_starts else 0)
        start = max(start, self.now_ms)
        stamp = format_ms(start)
        state = {
            "applicationId": body["applicationId"],
            "accountId": self.account_id,
            "callId": call_id,
            "parentCallId": None,
            "to": body["to"],
            "from": body["from"],
            "direction": "outbound",
            "state": "answered",
            "stirShaken": None,
            "identity": None,
            "enqueuedTime": stamp,
            "startTime": stamp,
            "answerTime": stamp,
            "endTime": None,
            "disconnectCause": None,
            "errorMessage": None,
            "errorId": None,
            "lastUpdate": stamp,
        }
        if inbound:
            state.update(direction="inbound", state="initiated", enqueuedTime=None, answerTime=None)
        self.created_index[call_id] = len(self.created)
        self.created.append(state)
        self.created_starts.append(start)
        if not inbound:
            self.created_calls.append(CreatedCall(call_id, body))
        return state

    # -- recordings ------------------------------------------------------------------------

    def find_recording(self, call_id: str, recording_id: str) -> dict[str, Any] | None:
        """
        The recording *recording_id* of call *call_id*, or None.
        """
        for rec in self.recordings_by_call.get(call_id, ()):
            if rec["recordingId"] == recording_id:
                return rec
        return None

    def delete_recording(self, rec: dict[str, Any]) -> None:
        """
        Forget a recording, its media and its transcription.
        """
        self.recordings.remove(rec)
        self.recordings_by_call[rec["callId"]].remove(rec)
