"""
The emulator's aiohttp application: one handler per spec operation, and one middleware.

The middleware records every request, applies injected faults, checks Basic auth and renders each
API family's errors. State lives in ``_state.py``; nothing here generates data.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import email.utils
import hashlib
import json
import re
import secrets
import time
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlencode

import attrs
from aiohttp import web

from ._data import format_ms, parse_time_ms
from ._pages import TokenError, decode_token, encode_token
from ._state import WAV, Lookup, MediaFile, SentCode, State

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterator, Mapping

    from multidict import CIMultiDictProxy, MultiMapping

    from ._faults import Fault, Faults

__all__ = ["Config", "Problem", "RecordedRequest", "make_app"]

CALLS_CAP: Final = 10_000
RECORDINGS_CAP: Final = 1_000
MEDIA_PAGE_SIZE: Final = 100
_E164: Final = re.compile(r"^\+[1-9]\d{1,14}$")
_JSON: Final = "application/json"
_MAX_EXPIRATION_MINUTES: Final = 15


@attrs.frozen
class RecordedRequest:
    """
    One request the emulator received, recorded before auth and faults are applied.
    """

    method: str
    path: str
    query: MultiMapping[str]
    headers: CIMultiDictProxy[str]
    body: bytes
    at: float

    def json(self) -> Any:
        """
        The body decoded as JSON.
        """
        return json.loads(self.body)


@attrs.define
class Config:
    """
    What the application needs from its FakeBandwidth besides the state.
    """

    username: str
    password: str
    account_id: str
    lookup_delay: float
    state: State
    faults: Faults
    requests: list[RecordedRequest]


class Problem(Exception):  # noqa: N818 - it is answered, never raised to users
    """
    An error answer: status and description, rendered in the API family's error schema.
    """

    def __init__(
        self, status: int, description: str, *, field_errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.field_errors = field_errors


_VOICE_TYPES: Final = {
    400: "validation",
    401: "authentication-error",
    403: "authorization-error",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    415: "unsupported-media-type",
    429: "rate-limit",
}


def family_of(path: str) -> str:
    """
    The API family of *path*: ``voice``, ``messaging``, ``mfa`` or ``lookup``.
    """
    if path.startswith("/users/"):
        return "messaging"
    if "/code/" in path:
        return "mfa"
    if "/tnlookup" in path:
        return "lookup"
    return "voice"


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        body=json.dumps(data, separators=(",", ":")).encode(),
        status=status,
        content_type=_JSON,
        headers=headers,
    )


def _raw_json(text: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=text.encode(), content_type=_JSON, headers=headers)


def error_response(
    family: str,
    status: int,
    description: str,
    *,
    field_errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    path: str = "",
) -> web.Response:
    """
    Render an error in the schema of *family* (voiceApiError, messagingRequestError, ...).
    """
    body: dict[str, Any]
    if family == "voice":
        body = {
            "type": _VOICE_TYPES.get(status, "internal-server-error"),
            "description": description,
            "id": None,
        }
    elif family == "messaging":
        body = {
            "type": _VOICE_TYPES.get(status, "internal-server-error"),
            "description": description,
        }
        if field_errors is not None:
            body["fieldErrors"] = field_errors
    elif family == "mfa":
        if status in {401, 403}:
            body = {"message": description}
        else:
            body = {"error": description, "requestId": secrets.token_hex(8)}
    else:
        if status == 404 and "/tnlookup/" in path:  # noqa: PLR2004
            # getLookupStatus's 404 has no body in the spec.
            return web.Response(status=404, headers=headers)
        body = {"message": description}
    return _json(body, status, headers)


def _origin(request: web.Request) -> str:
    """
    The origin the client used: ``X-Forwarded-Host``/``-Proto`` when a proxy stands in front.
    """
    host = request.headers.get("X-Forwarded-Host")
    if host:
        proto = request.headers.get("X-Forwarded-Proto", request.scheme)
        return f"{proto}://{host}"
    return str(request.url.origin())


def _body_json(body: bytes) -> dict[str, Any]:
    if not body:
        raise Problem(400, "A JSON request body is required.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Problem(400, f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise Problem(400, "The request body must be a JSON object.")
    return data


def _require(data: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if data.get(n) in (None, "")]
    if missing:
        raise Problem(
            400,
            f"Missing required field(s): {', '.join(missing)}.",
            field_errors=[{"fieldName": n, "description": f"'{n}' is required"} for n in missing],
        )


def _check_string(data: dict[str, Any], name: str, max_length: int | None = None) -> None:
    value = data.get(name)
    if value is None:
        return
    if not isinstance(value, str):
        raise Problem(400, f"'{name}' must be a string.")
    if max_length is not None and len(value) > max_length:
        raise Problem(400, f"'{name}' is longer than {max_length} characters.")


def _check_enum(data: dict[str, Any], name: str, values: tuple[str, ...]) -> None:
    value = data.get(name)
    if value is not None and value not in values:
        raise Problem(400, f"'{name}' must be one of {', '.join(values)}.")


def _check_url(data: dict[str, Any], name: str) -> None:
    value = data.get(name)
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise Problem(400, f"Invalid {name}: only http and https are allowed.")


def _query_time(query: Mapping[str, str], name: str) -> int | None:
    value = query.get(name)
    if value is None or value == "":
        return None
    try:
        return parse_time_ms(value)
    except ValueError as exc:
        raise Problem(400, f"'{name}' is not an ISO 8601 date-time: {value!r}") from exc


def _query_int(query: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    value = query.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise Problem(400, f"'{name}' must be an integer.") from exc
    if not lo <= number <= hi:
        raise Problem(400, f"'{name}' must be between {lo} and {hi}.")
    return number


def _duration(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return f"PT{seconds}.{millis:03d}S"


class Handlers:
    """
    The request handlers, closed over one emulator's config and state.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.state = config.state

    # -- plumbing ---------------------------------------------------------------------------

    def _account(self, request: web.Request) -> str:
        account = request.match_info["accountId"]
        if account != self.config.account_id:
            raise Problem(403, f"Account {account} is not accessible with these credentials.")
        return account

    def routes(self) -> list[web.RouteDef]:
        """
        Every route of the spec, at its path rooted at ``/``.
        """
        a = "/accounts/{accountId}"
        call = a + "/calls/{callId}"
        rec = call + "/recordings/{recordingId}"
        conf = a + "/conferences/{conferenceId}"
        u = "/users/{accountId}"
        return [
            web.post(a + "/calls", self.create_call),
            web.get(a + "/calls", self.list_calls),
            web.get(call, self.get_call_state),
            web.post(call, self.update_call),
            web.put(call + "/bxml", self.update_call_bxml),
            web.put(call + "/recording", self.update_call_recording_state),
            web.get(call + "/recordings", self.list_call_recordings),
            web.get(rec, self.get_call_recording),
            web.delete(rec, self.delete_recording),
            web.get(rec + "/media", self.download_call_recording),
            web.delete(rec + "/media", self.delete_recording_media),
            web.get(rec + "/transcription", self.get_call_transcription),
            web.post(rec + "/transcription", self.transcribe_call_recording),
            web.delete(rec + "/transcription", self.delete_call_transcription),
            web.get(a + "/conferences", self.list_conferences),
            web.get(conf, self.get_conference),
            web.post(conf, self.update_conference),
            web.put(conf + "/bxml", self.update_conference_bxml),
            web.get(conf + "/members/{memberId}", self.get_conference_member),
            web.put(conf + "/members/{memberId}", self.update_conference_member),
            web.get(conf + "/recordings", self.list_conference_recordings),
            web.get(conf + "/recordings/{recordingId}", self.get_conference_recording),
            web.get(conf + "/recordings/{recordingId}/media", self.download_conference_recording),
            web.get(a + "/recordings", self.list_account_call_recordings),
            web.get(a + "/statistics", self.get_statistics),
            web.post(a + "/code/voice", self.generate_voice_code),
            web.post(a + "/code/messaging", self.generate_messaging_code),
            web.post(a + "/code/verify", self.verify_code),
            web.post(a + "/tnlookup", self.create_lookup),
            web.get(a + "/tnlookup/{requestId}", self.get_lookup_status),
            web.get(u + "/media", self.list_media),
            web.get(u + "/media/{mediaId:.+}", self.get_media),
            web.put(u + "/media/{mediaId:.+}", self.upload_media),
            web.delete(u + "/media/{mediaId:.+}", self.delete_media),
            web.get(u + "/messages", self.list_messages),
            web.post(u + "/messages", self.create_message),
        ]

    # -- calls ------------------------------------------------------------------------------

    async def create_call(self, request: web.Request) -> web.Response:  # createCall
        """
        Create an outbound call; 201 with ``Location``.
        """
        account = self._account(request)
        data = _body_json(await request.read())
        _require(data, "to", "from", "applicationId", "answerUrl")
        for name in ("answerUrl", "answerFallbackUrl", "disconnectUrl"):
            _check_url(data, name)
        for name in ("answerMethod", "answerFallbackMethod", "disconnectMethod"):
            _check_enum(data, name, ("GET", "POST"))
        _check_string(data, "tag", 256)
        _check_string(data, "displayName", 256)
        for name in ("to", "from", "applicationId"):
            _check_string(data, name)
        call_id = "c-" + "-".join(secrets.token_hex(n) for n in (4, 4, 2, 2, 2, 6))
        state = self.state.create_call(data, call_id)
        url = f"{_origin(request)}/accounts/{account}/calls/{call_id}"
        body = {
            "applicationId": data["applicationId"],
            "accountId": account,
            "callId": call_id,
            "to": data["to"],
            "from": data["from"],
            "enqueuedTime": state["enqueuedTime"],
            "callUrl": url,
            "callTimeout": data.get("callTimeout") or 30,
            "callbackTimeout": data.get("callbackTimeout") or 15,
            "tag": data.get("tag"),
            "answerMethod": data.get("answerMethod") or "POST",
            "answerUrl": data["answerUrl"],
            "answerFallbackMethod": data.get("answerFallbackMethod") or "POST",
            "answerFallbackUrl": data.get("answerFallbackUrl"),
            "disconnectMethod": data.get("disconnectMethod") or "POST",
            "disconnectUrl": data.get("disconnectUrl"),
            "username": data.get("username"),
            "password": "*****" if data.get("password") else None,
            "fallbackUsername": data.get("fallbackUsername"),
            "fallbackPassword": "*****" if data.get("fallbackPassword") else None,
            "priority": data.get("priority") or 5,
        }
        return _json(body, 201, {"Location": url})

    def _call(self, request: web.Request) -> int:
        self._account(request)
        call_id = request.match_info["callId"]
        pos = self.state.find_call(call_id)
        if pos is None:
            raise Problem(404, f"Call {call_id} was not found.")
        return pos

    async def get_call_state(self, request: web.Request) -> web.Response:  # getCallState
        """
        One call's state.
        """
        return _raw_json(self.state.call_json(self._call(request)))

    async def list_calls(self, request: web.Request) -> web.Response:  # listCalls
        """
        Calls oldest first, paged with ``Link: <...>; rel="next"``, at most 10,000 per query.
        """
        account = self._account(request)
        q = request.query
        filters = {
            k: q[k]
            for k in ("to", "from", "minStartTime", "maxStartTime", "disconnectCause")
            if k in q
        }
        page_size = _query_int(q, "pageSize", 1000, 1, CALLS_CAP)
        min_ms = _query_time(q, "minStartTime")
        max_ms = _query_time(q, "maxStartTime")
        st = self.state
        total = st.call_total
        lo = 0 if min_ms is None else _bisect(st.call_start, total, min_ms, right=False)
        hi = total if max_ms is None else _bisect(st.call_start, total, max_ms, right=True)
        pos, returned = lo, 0
        token = q.get("pageToken")
        if token is not None:
            try:
                pos, returned = decode_token(st.secret, "calls", token, filters, 2)
            except TokenError as exc:
                raise Problem(400, "Invalid pageToken.") from exc
        want_to, want_from, want_cause = (
            filters.get("to"),
            filters.get("from"),
            filters.get("disconnectCause"),
        )
        plain = want_to is None and want_from is None and want_cause is None

        def matching(start: int) -> Iterator[int]:
            if plain:
                yield from range(start, hi)
                return
            for p in range(start, hi):
                to, from_, cause = st.call_fields(p)
                if (
                    (want_to is None or to == want_to)
                    and (want_from is None or from_ == want_from)
                    and (want_cause is None or cause == want_cause)
                ):
                    yield p

        room = min(page_size, CALLS_CAP - returned)
        positions: list[int] = []
        found = matching(max(pos, lo))
        next_pos: int | None = None
        for p in found:
            if len(positions) < room:
                positions.append(p)
            else:
                next_pos = p
                break
        returned += len(positions)
        headers: dict[str, str] = {}
        if next_pos is not None and returned < CALLS_CAP:
            new_token = encode_token(st.secret, "calls", (next_pos, returned), filters)
            query = urlencode({**filters, "pageSize": page_size, "pageToken": new_token})
            url = f"{_origin(request)}/accounts/{account}/calls?{query}"
            headers["Link"] = f'<{url}>; rel="next"'
        text = "[" + ",".join(st.call_json(p) for p in positions) + "]"
        return _raw_json(text, headers)

    def _active_call(self, pos: int) -> dict[str, Any]:
        state = self.state.call_state(pos)
        if state["state"] == "disconnected":
            raise Problem(409, f"Call {state['callId']} has already ended.")
        return state

    async def update_call(self, request: web.Request) -> web.Response:  # updateCall
        """
        Redirect or hang up a live call; ``state: completed`` ends it.
        """
        pos = self._call(request)
        data = _body_json(await request.read())
        _check_enum(data, "state", ("active", "completed"))
        _check_enum(data, "redirectMethod", ("GET", "POST"))
        _check_enum(data, "redirectFallbackMethod", ("GET", "POST"))
        _check_url(data, "redirectUrl")
        _check_url(data, "redirectFallbackUrl")
        _check_string(data, "tag", 256)
        state = self._active_call(pos)
        if data.get("state") == "completed":
            stamp = format_ms(max(self.state.now(), self.state.call_start(pos)))
            answered = state["answerTime"] is not None
            state.update(
                state="disconnected",
                endTime=stamp,
                lastUpdate=stamp,
                disconnectCause="hangup" if answered else "cancel",
            )
        elif data.get("redirectUrl") is None and data.get("state") is None:
            raise Problem(400, "Either 'redirectUrl' or 'state' is required.")
        return web.Response(status=200)

    async def update_call_bxml(self, request: web.Request) -> web.Response:  # updateCallBxml
        """
        Replace a live call's BXML; 204.
        """
        pos = self._call(request)
        text = (await request.read()).decode("utf-8", "replace")
        if not text.strip().startswith("<"):
            raise Problem(400, "The body must be a BXML document.")
        state = self._active_call(pos)
        self.state.call_bxml[state["callId"]] = text
        return web.Response(status=204)

    async def update_call_recording_state(self, request: web.Request) -> web.Response:
        """
        Pause or resume recording on a live call (updateCallRecordingState); 200.
        """
        pos = self._call(request)
        data = _body_json(await request.read())
        _require(data, "state")
        _check_enum(data, "state", ("paused", "recording"))
        state = self.state.call_state(pos)
        if state["state"] == "disconnected":
            raise Problem(400, f"Call {state['callId']} has already ended.")
        self.state.recording_state[state["callId"]] = data["state"]
        return web.Response(status=200)

    # -- call recordings -------------------------------------------------------------------

    def _recording_dict(self, rec: dict[str, Any], origin: str) -> dict[str, Any]:
        account = self.config.account_id
        base = f"{origin}/accounts/{account}/calls/{rec['callId']}/recordings/{rec['recordingId']}"
        transcription = rec["transcription"]
        return {
            "applicationId": self.state.gen.application_id,
            "accountId": account,
            "callId": rec["callId"],
            "recordingId": rec["recordingId"],
            "to": rec["to"],
            "from": rec["from"],
            "duration": _duration(rec["endTime"] - rec["startTime"]),
            "direction": rec["direction"],
            "channels": rec["channels"],
            "startTime": format_ms(rec["startTime"]),
            "endTime": format_ms(rec["endTime"]),
            "fileFormat": "wav",
            "status": "complete",
            "mediaUrl": base + "/media" if rec["media"] else None,
            "transcription": None
            if transcription is None
            else {
                "id": transcription["id"],
                "status": "available",
                "completedTime": format_ms(transcription["completedTime"]),
                "url": base + "/transcription",
            },
        }

    def _recording(self, request: web.Request) -> dict[str, Any]:
        self._account(request)
        call_id = request.match_info["callId"]
        recording_id = request.match_info["recordingId"]
        rec = self.state.find_recording(call_id, recording_id)
        if rec is None:
            raise Problem(404, f"Recording {recording_id} of call {call_id} was not found.")
        return rec

    async def list_account_call_recordings(self, request: web.Request) -> web.Response:
        """
        The account's call recordings (listAccountCallRecordings), oldest first, at most 1,000.
        """
        self._account(request)
        q = request.query
        min_ms = _query_time(q, "minStartTime")
        max_ms = _query_time(q, "maxStartTime")
        to, from_ = q.get("to"), q.get("from")
        origin = _origin(request)
        out = []
        for rec in self.state.recordings:
            if (
                (to is None or rec["to"] == to)
                and (from_ is None or rec["from"] == from_)
                and (min_ms is None or rec["startTime"] >= min_ms)
                and (max_ms is None or rec["startTime"] < max_ms)
            ):
                out.append(self._recording_dict(rec, origin))
                if len(out) == RECORDINGS_CAP:
                    break
        return _json(out)

    async def list_call_recordings(self, request: web.Request) -> web.Response:
        """
        One call's recordings (listCallRecordings), at most 1,000.
        """
        self._account(request)
        call_id = request.match_info["callId"]
        origin = _origin(request)
        recs = self.state.recordings_by_call.get(call_id, [])[:RECORDINGS_CAP]
        return _json([self._recording_dict(r, origin) for r in recs])

    async def get_call_recording(self, request: web.Request) -> web.Response:
        """
        One recording's metadata (getCallRecording).
        """
        return _json(self._recording_dict(self._recording(request), _origin(request)))

    async def delete_recording(self, request: web.Request) -> web.Response:
        """
        Delete a recording with its media and transcription (deleteRecording); 204.
        """
        self.state.delete_recording(self._recording(request))
        return web.Response(status=204)

    async def download_call_recording(self, request: web.Request) -> web.Response:
        """
        The recording's WAV file (downloadCallRecording).
        """
        rec = self._recording(request)
        if not rec["media"]:
            raise Problem(404, f"The media of recording {rec['recordingId']} was deleted.")
        return web.Response(body=WAV, content_type="audio/vnd.wave")

    async def delete_recording_media(self, request: web.Request) -> web.Response:
        """
        Delete a recording's media but keep its metadata (deleteRecordingMedia); 204.
        """
        self._recording(request)["media"] = False
        return web.Response(status=204)

    async def get_call_transcription(self, request: web.Request) -> web.Response:
        """
        The recording's transcription (getCallTranscription).
        """
        rec = self._recording(request)
        if rec["transcription"] is None:
            raise Problem(404, f"Recording {rec['recordingId']} has no transcription.")
        return _json({"transcripts": rec["transcription"]["transcripts"]})

    async def transcribe_call_recording(self, request: web.Request) -> web.Response:
        """
        Transcribe a recording at once (transcribeCallRecording); 204.
        """
        rec = self._recording(request)
        data = _body_json(await request.read())
        _check_url(data, "callbackUrl")
        _check_enum(data, "callbackMethod", ("GET", "POST"))
        if not rec["media"]:
            raise Problem(400, f"The media of recording {rec['recordingId']} was deleted.")
        rec["transcription"] = {
            "id": "t-" + secrets.token_hex(16),
            "completedTime": self.state.now(),
            "transcripts": [
                {"text": "This is a transcription of the recording.", "confidence": 0.9}
            ],
        }
        return web.Response(status=204)

    async def delete_call_transcription(self, request: web.Request) -> web.Response:
        """
        Delete a recording's transcription (deleteCallTranscription); 204.
        """
        rec = self._recording(request)
        if rec["transcription"] is None:
            raise Problem(404, f"Recording {rec['recordingId']} has no transcription.")
        rec["transcription"] = None
        return web.Response(status=204)

    async def get_statistics(self, request: web.Request) -> web.Response:  # getStatistics
        """
        Call queue statistics.
        """
        self._account(request)
        return _json({"currentCallQueueSize": 0, "maxCallQueueSize": 900})

    # -- conferences -----------------------------------------------------------------------

    def _conference(self, request: web.Request) -> dict[str, Any]:
        self._account(request)
        conf_id = request.match_info["conferenceId"]
        conf = self.state.conference_by_id.get(conf_id)
        if conf is None:
            raise Problem(404, f"Conference {conf_id} was not found.")
        return conf

    def _member_dict(
        self, conf: dict[str, Any], member: dict[str, Any], origin: str
    ) -> dict[str, Any]:
        return {
            **member,
            "memberUrl": f"{origin}/accounts/{self.config.account_id}/conferences/{conf['id']}"
            f"/members/{member['callId']}",
        }

    def _conference_dict(
        self, conf: dict[str, Any], origin: str, *, members: bool
    ) -> dict[str, Any]:
        out = {
            "id": conf["id"],
            "name": conf["name"],
            "createdTime": format_ms(conf["createdTime"]),
            "completedTime": None
            if conf["completedTime"] is None
            else format_ms(conf["completedTime"]),
            "conferenceEventUrl": conf["conferenceEventUrl"],
            "conferenceEventMethod": conf["conferenceEventMethod"],
            "tag": conf["tag"],
        }
        if members:
            out["activeMembers"] = [
                self._member_dict(conf, m, origin) for m in conf["activeMembers"]
            ]
        return out

    async def list_conferences(self, request: web.Request) -> web.Response:  # listConferences
        """
        Conferences oldest first, paged with ``Link: <...>; rel="next"``.
        """
        account = self._account(request)
        q = request.query
        filters = {k: q[k] for k in ("name", "minCreatedTime", "maxCreatedTime") if k in q}
        page_size = _query_int(q, "pageSize", 1000, 1, 1000)
        min_ms = _query_time(q, "minCreatedTime")
        max_ms = _query_time(q, "maxCreatedTime")
        name = q.get("name")
        pos = 0
        token = q.get("pageToken")
        if token is not None:
            try:
                (pos,) = decode_token(self.state.secret, "conferences", token, filters, 1)
            except TokenError as exc:
                raise Problem(400, "Invalid pageToken.") from exc
        confs = self.state.conferences
        picked: list[dict[str, Any]] = []
        next_pos: int | None = None
        for p in range(pos, len(confs)):
            c = confs[p]
            if (
                (name is None or c["name"] == name)
                and (min_ms is None or c["createdTime"] >= min_ms)
                and (max_ms is None or c["createdTime"] <= max_ms)
            ):
                if len(picked) == page_size:
                    next_pos = p
                    break
                picked.append(c)
        headers: dict[str, str] = {}
        if next_pos is not None:
            new_token = encode_token(self.state.secret, "conferences", (next_pos,), filters)
            query = urlencode({**filters, "pageSize": page_size, "pageToken": new_token})
            headers["Link"] = (
                f'<{_origin(request)}/accounts/{account}/conferences?{query}>; rel="next"'
            )
        origin = _origin(request)
        return _json(
            [self._conference_dict(c, origin, members=False) for c in picked], 200, headers
        )

    async def get_conference(self, request: web.Request) -> web.Response:  # getConference
        """
        One conference with its active members.
        """
        return _json(
            self._conference_dict(self._conference(request), _origin(request), members=True)
        )

    async def update_conference(self, request: web.Request) -> web.Response:  # updateConference
        """
        Redirect or end a conference; ``status: completed`` ends it. 204.
        """
        conf = self._conference(request)
        data = _body_json(await request.read())
        _check_enum(data, "status", ("active", "completed"))
        _check_enum(data, "redirectMethod", ("GET", "POST"))
        _check_enum(data, "redirectFallbackMethod", ("GET", "POST"))
        _check_url(data, "redirectUrl")
        _check_url(data, "redirectFallbackUrl")
        if conf["completedTime"] is not None:
            raise Problem(404, f"Conference {conf['id']} has already ended.")
        if data.get("status") == "completed":
            conf["completedTime"] = max(self.state.now(), conf["createdTime"])
            conf["activeMembers"] = []
        return web.Response(status=204)

    async def update_conference_bxml(self, request: web.Request) -> web.Response:
        """
        Replace a conference's BXML (updateConferenceBxml); 204.
        """
        conf = self._conference(request)
        text = (await request.read()).decode("utf-8", "replace")
        if not text.strip().startswith("<"):
            raise Problem(400, "The body must be a BXML document.")
        self.state.conference_bxml[conf["id"]] = text
        return web.Response(status=204)

    def _member(self, request: web.Request) -> tuple[dict[str, Any], dict[str, Any]]:
        conf = self._conference(request)
        member_id = request.match_info["memberId"]
        for member in conf["activeMembers"]:
            if member["callId"] == member_id:
                return conf, member
        raise Problem(404, f"Member {member_id} is not in conference {conf['id']}.")

    async def get_conference_member(self, request: web.Request) -> web.Response:
        """
        One active member of a conference (getConferenceMember).
        """
        conf, member = self._member(request)
        return _json(self._member_dict(conf, member, _origin(request)))

    async def update_conference_member(self, request: web.Request) -> web.Response:
        """
        Mute, hold or set coaching for a member (updateConferenceMember); 204.
        """
        _, member = self._member(request)
        data = _body_json(await request.read())
        for name in ("mute", "hold"):
            if name in data and not isinstance(data[name], bool):
                raise Problem(400, f"'{name}' must be a boolean.")
        coach = data.get("callIdsToCoach")
        if coach is not None and not (
            isinstance(coach, list) and all(isinstance(c, str) for c in coach)
        ):
            raise Problem(400, "'callIdsToCoach' must be a list of call ids.")
        for name in ("mute", "hold", "callIdsToCoach"):
            if data.get(name) is not None:
                member[name] = data[name]
        return web.Response(status=204)

    def _conference_recording_dict(
        self, conf: dict[str, Any], rec: dict[str, Any], origin: str
    ) -> dict[str, Any]:
        account = self.config.account_id
        return {
            "accountId": account,
            "conferenceId": conf["id"],
            "name": conf["name"],
            "recordingId": rec["recordingId"],
            "duration": _duration(rec["endTime"] - rec["startTime"]),
            "channels": rec["channels"],
            "startTime": format_ms(rec["startTime"]),
            "endTime": format_ms(rec["endTime"]),
            "fileFormat": "wav",
            "status": "complete",
            "mediaUrl": f"{origin}/accounts/{account}/conferences/{conf['id']}/recordings/"
            f"{rec['recordingId']}/media",
        }

    def _conference_recording(self, request: web.Request) -> tuple[dict[str, Any], dict[str, Any]]:
        conf = self._conference(request)
        recording_id = request.match_info["recordingId"]
        for rec in conf["recordings"]:
            if rec["recordingId"] == recording_id:
                return conf, rec
        raise Problem(404, f"Recording {recording_id} of conference {conf['id']} was not found.")

    async def list_conference_recordings(self, request: web.Request) -> web.Response:
        """
        A conference's recordings (listConferenceRecordings), at most 1,000.
        """
        conf = self._conference(request)
        origin = _origin(request)
        recs = conf["recordings"][:RECORDINGS_CAP]
        return _json([self._conference_recording_dict(conf, r, origin) for r in recs])

    async def get_conference_recording(self, request: web.Request) -> web.Response:
        """
        One conference recording's metadata (getConferenceRecording).
        """
        conf, rec = self._conference_recording(request)
        return _json(self._conference_recording_dict(conf, rec, _origin(request)))

    async def download_conference_recording(self, request: web.Request) -> web.Response:
        """
        The conference recording's WAV file (downloadConferenceRecording).
        """
        self._conference_recording(request)
        return web.Response(body=WAV, content_type="audio/vnd.wave")

    # -- MFA --------------------------------------------------------------------------------

    def _code_request(self, data: dict[str, Any]) -> None:
        _require(data, "to", "from", "applicationId", "message", "digits")
        for name in ("to", "from"):
            if not isinstance(data[name], str) or not _E164.match(data[name]):
                raise Problem(400, f"'{name}' must be an E.164 phone number.")
        digits = data["digits"]
        if not isinstance(digits, int) or isinstance(digits, bool) or not 4 <= digits <= 8:  # noqa: PLR2004
            raise Problem(400, "'digits' must be an integer from 4 to 8.")
        if not isinstance(data["message"], str) or "{CODE}" not in data["message"]:
            raise Problem(400, "'message' must contain {CODE}.")

    def _send_code(self, data: dict[str, Any], channel: str) -> None:
        code = "".join(secrets.choice("0123456789") for _ in range(data["digits"]))
        self.state.codes.append(
            SentCode(data["to"], code, channel, data.get("scope"), self.state.clock())
        )

    async def generate_voice_code(self, request: web.Request) -> web.Response:
        """
        "Call" a number with a code (generateVoiceCode); tests read it from ``fake.sent_codes``.
        """
        self._account(request)
        data = _body_json(await request.read())
        self._code_request(data)
        self._send_code(data, "voice")
        return _json({"callId": "c-" + "-".join(secrets.token_hex(n) for n in (4, 4, 2, 2, 2, 6))})

    async def generate_messaging_code(self, request: web.Request) -> web.Response:
        """
        "Text" a number a code (generateMessagingCode); tests read it from ``fake.sent_codes``.
        """
        self._account(request)
        data = _body_json(await request.read())
        self._code_request(data)
        self._send_code(data, "messaging")
        return _json({"messageId": f"{int(time.time() * 1000)}{secrets.token_hex(8)}"})

    async def verify_code(self, request: web.Request) -> web.Response:  # verifyCode
        """
        Check a code: valid when it was sent to ``to`` (same scope) within the expiration time.
        """
        self._account(request)
        data = _body_json(await request.read())
        _require(data, "to", "expirationTimeInMinutes", "code")
        if not isinstance(data["to"], str) or not _E164.match(data["to"]):
            raise Problem(400, "'to' must be an E.164 phone number.")
        minutes = data["expirationTimeInMinutes"]
        if (
            not isinstance(minutes, int | float)
            or isinstance(minutes, bool)
            or not 0 < minutes <= _MAX_EXPIRATION_MINUTES
        ):
            raise Problem(400, "'expirationTimeInMinutes' must be more than 0 and at most 15.")
        code = data["code"]
        if not isinstance(code, str) or not 4 <= len(code) <= 8:  # noqa: PLR2004
            raise Problem(400, "'code' must be 4 to 8 characters.")
        scope = data.get("scope") or "2FA"
        now = self.state.clock()
        valid = False
        for sent in reversed(self.state.codes):
            if sent.to == data["to"] and (sent.scope or "2FA") == scope:
                valid = sent.code == code and now - sent.sent_at <= minutes * 60
                if valid:
                    # A code verifies once.
                    self.state.codes.remove(sent)
                break
        return _json({"valid": valid})

    # -- phone number lookup --------------------------------------------------------------

    async def create_lookup(self, request: web.Request) -> web.Response:  # createLookup
        """
        Start a lookup; 202 IN_PROGRESS, COMPLETE after ``lookup_delay`` seconds.
        """
        self._account(request)
        if request.content_type != _JSON:
            raise Problem(415, "Content-Type must be application/json.")
        data = _body_json(await request.read())
        tns = data.get("tns")
        if not isinstance(tns, list) or not tns or not all(isinstance(t, str) for t in tns):
            raise Problem(400, "'tns' must be a non-empty list of phone numbers.")
        bad = [t for t in tns if not _E164.match(t)]
        if bad:
            raise Problem(400, f"Some tns do not match e164 format: {', '.join(bad)}")
        request_id = "-".join(secrets.token_hex(n) for n in (4, 2, 2, 2, 6))
        self.state.lookups[request_id] = Lookup(request_id, list(tns), self.state.clock())
        return _json({"requestId": request_id, "status": "IN_PROGRESS"}, 202)

    async def get_lookup_status(self, request: web.Request) -> web.Response:  # getLookupStatus
        """
        A lookup's status and, once done, its results.
        """
        self._account(request)
        lookup = self.state.lookups.get(request.match_info["requestId"])
        if lookup is None:
            raise Problem(404, "Not Found")
        if self.state.clock() - lookup.created_at < self.config.lookup_delay:
            return _json({"requestId": lookup.request_id, "status": "IN_PROGRESS"})
        results = []
        failed = []
        for tn in lookup.tns:
            result = _lookup_result(tn)
            if result is None:
                failed.append(tn)
            else:
                results.append(result)
        body: dict[str, Any] = {"requestId": lookup.request_id}
        if not results:
            body["status"] = "FAILED"
        elif failed:
            body["status"] = "PARTIAL_COMPLETE"
        else:
            body["status"] = "COMPLETE"
        if results:
            body["result"] = results
        if failed:
            body["failedTelephoneNumbers"] = failed
        return _json(body)

    # -- media ----------------------------------------------------------------------------

    async def list_media(self, request: web.Request) -> web.Response:  # listMedia
        """
        Media files by name, 100 a page, continued with the ``Continuation-Token`` header.
        """
        account = self._account(request)
        names = sorted(self.state.media)
        start = 0
        token = request.headers.get("Continuation-Token")
        if token:
            try:
                (start,) = decode_token(self.state.secret, "media", token, {}, 1)
            except TokenError as exc:
                raise Problem(400, "Invalid Continuation-Token.") from exc
        page = names[start : start + MEDIA_PAGE_SIZE]
        origin = _origin(request)
        body = [
            {
                "content": f"{origin}/users/{account}/media/{name}",
                "contentLength": len(self.state.media[name].data),
                "mediaName": name,
            }
            for name in page
        ]
        headers = {}
        if start + MEDIA_PAGE_SIZE < len(names):
            headers["Continuation-Token"] = encode_token(
                self.state.secret, "media", (start + MEDIA_PAGE_SIZE,), {}
            )
        return _json(body, 200, headers)

    def _media(self, request: web.Request) -> MediaFile:
        self._account(request)
        name = request.match_info["mediaId"]
        media = self.state.media.get(name)
        if media is None:
            raise Problem(404, f"Media {name} was not found.")
        return media

    async def get_media(self, request: web.Request) -> web.Response:  # getMedia
        """
        A media file's bytes, with the Content-Type (and Cache-Control) it was uploaded with.
        """
        media = self._media(request)
        content_type = media.content_type
        accept = request.headers.get("Accept", "*/*")
        if not _accepts(accept, content_type):
            # The spec promises application/octet-stream; a client asking for it gets it.
            content_type = "application/octet-stream"
        headers = {"Content-Type": content_type}
        if media.cache_control:
            headers["Cache-Control"] = media.cache_control
        return web.Response(body=media.data, headers=headers)

    async def upload_media(self, request: web.Request) -> web.Response:  # uploadMedia
        """
        Store a media file (replacing one of the same name); 204.
        """
        self._account(request)
        name = request.match_info["mediaId"]
        data = await request.read()
        content_type = request.headers.get("Content-Type", "application/octet-stream")
        self.state.media[name] = MediaFile(
            name, data, content_type, request.headers.get("Cache-Control")
        )
        return web.Response(status=204)

    async def delete_media(self, request: web.Request) -> web.Response:  # deleteMedia
        """
        Delete a media file; 204.
        """
        media = self._media(request)
        del self.state.media[media.name]
        return web.Response(status=204)

    # -- messages -------------------------------------------------------------------------

    async def create_message(self, request: web.Request) -> web.Response:  # createMessage
        """
        "Send" a message; 202 with the message, which then shows up in listMessages.
        """
        account = self._account(request)
        data = _body_json(await request.read())
        _require(data, "applicationId", "to", "from")
        to = data["to"]
        if not isinstance(to, list) or not to or not all(isinstance(t, str) for t in to):
            raise Problem(
                400,
                "'to' must be a non-empty list of phone numbers.",
                field_errors=[{"fieldName": "to", "description": "must be a list of numbers"}],
            )
        _check_string(data, "text", 2048)
        _check_enum(data, "priority", ("default", "high"))
        media = data.get("media")
        if media is not None and not (
            isinstance(media, list) and all(isinstance(m, str) for m in media)
        ):
            raise Problem(400, "'media' must be a list of URLs.")
        now = self.state.now()
        message_id = f"{now}{secrets.token_hex(8)}"
        text = data.get("text") or ""
        body: dict[str, Any] = {
            "id": message_id,
            "owner": data["from"],
            "applicationId": data["applicationId"],
            "time": format_ms(now),
            "segmentCount": 1 if media else 1 + len(text) // 160,
            "direction": "out",
            "to": to,
            "from": data["from"],
            "text": text,
        }
        for name in ("media", "tag", "priority", "expiration"):
            if data.get(name) is not None:
                body[name] = data[name]
        self.state.sent_messages.append(body)
        for tn in to:
            self.state.messages.append(
                {
                    "messageId": message_id,
                    "accountId": account,
                    "sourceTn": data["from"],
                    "destinationTn": tn,
                    "messageStatus": "DELIVERED",
                    "messageDirection": "OUTBOUND",
                    "messageType": "mms" if media else "sms",
                    "segmentCount": body["segmentCount"],
                    "errorCode": 0,
                    "receiveTime": now,
                    "carrierName": None,
                    "messageSize": len(text.encode()),
                    "messageLength": len(text),
                    "attachmentCount": len(media) if media else 0,
                    "recipientCount": len(to),
                    "campaignClass": None,
                    "campaignId": None,
                }
            )
        return _json(body, 202)

    async def list_messages(self, request: web.Request) -> web.Response:  # listMessages
        """
        Messages matching the filters, paged with ``pageInfo`` and ``pageToken``.
        """
        self._account(request)
        q = request.query
        filter_names = (
            "messageId",
            "sourceTn",
            "destinationTn",
            "messageStatus",
            "messageDirection",
            "carrierName",
            "messageType",
            "errorCode",
            "fromDateTime",
            "toDateTime",
            "campaignId",
            "sort",
            "limitTotalCount",
        )
        filters = {k: q[k] for k in filter_names if k in q}
        limit = _query_int(q, "limit", 100, 1, 1000)
        from_ms = _query_time(q, "fromDateTime")
        to_ms = _query_time(q, "toDateTime")
        error_code = None
        if "errorCode" in q:
            error_code = _query_int(q, "errorCode", 0, 0, 10**9)
        _check_enum(dict(q), "messageStatus", _MESSAGE_STATUSES)
        _check_enum(dict(q), "messageDirection", ("INBOUND", "OUTBOUND"))
        _check_enum(dict(q), "messageType", ("sms", "mms"))
        exact = {
            k: q[k]
            for k in (
                "messageId",
                "messageStatus",
                "messageDirection",
                "carrierName",
                "messageType",
                "campaignId",
            )
            if k in q
        }
        tn_filters = [(k, _tn_matcher(q[k])) for k in ("sourceTn", "destinationTn") if k in q]
        items = [
            m
            for m in self.state.messages
            if all(m[k] == v for k, v in exact.items())
            and all(match(m[k]) for k, match in tn_filters)
            and (error_code is None or m["errorCode"] == error_code)
            and (from_ms is None or m["receiveTime"] >= from_ms)
            and (to_ms is None or m["receiveTime"] <= to_ms)
        ]
        sort = q.get("sort")
        if sort:
            field, _, direction = sort.partition(":")
            if field not in _MESSAGE_FIELDS or direction not in {"", "asc", "desc"}:
                raise Problem(400, f"Invalid sort: {sort!r}")
            items.sort(key=lambda m: (m[field] is None, m[field]), reverse=direction == "desc")
        offset = 0
        token = q.get("pageToken")
        if token is not None:
            try:
                (offset,) = decode_token(self.state.secret, "messages", token, filters, 1)
            except TokenError as exc:
                raise Problem(400, "Invalid pageToken.") from exc
        page = items[offset : offset + limit]
        total = len(items)
        if q.get("limitTotalCount", "").lower() == "true":
            total = min(total, 10_000)
        page_info: dict[str, str] = {}
        base = f"{_origin(request)}{request.path}"

        def link(token: str) -> str:
            return base + "?" + urlencode({**filters, "limit": limit, "pageToken": token})

        if offset > 0:
            prev = encode_token(self.state.secret, "messages", (max(0, offset - limit),), filters)
            page_info["prevPage"] = link(prev)
            page_info["prevPageToken"] = prev
        if offset + limit < len(items):
            nxt = encode_token(self.state.secret, "messages", (offset + limit,), filters)
            page_info["nextPage"] = link(nxt)
            page_info["nextPageToken"] = nxt
        messages = [{**m, "receiveTime": format_ms(m["receiveTime"])} for m in page]
        return _json({"totalCount": total, "pageInfo": page_info, "messages": messages})


_MESSAGE_STATUSES: Final = (
    "RECEIVED",
    "QUEUED",
    "SENDING",
    "SENT",
    "FAILED",
    "DELIVERED",
    "ACCEPTED",
    "UNDELIVERED",
)
_MESSAGE_FIELDS: Final = frozenset(
    {
        "messageId",
        "accountId",
        "sourceTn",
        "destinationTn",
        "messageStatus",
        "messageDirection",
        "messageType",
        "segmentCount",
        "errorCode",
        "receiveTime",
        "carrierName",
        "messageSize",
        "messageLength",
        "attachmentCount",
        "recipientCount",
        "campaignClass",
        "campaignId",
    }
)


def _accepts(accept: str, content_type: str) -> bool:
    major = content_type.split("/", 1)[0]
    for part in accept.split(","):
        wanted = part.split(";", 1)[0].strip().lower()
        if wanted in {"*/*", content_type.lower(), f"{major}/*"}:
            return True
    return False


def _tn_matcher(value: str) -> Callable[[str], bool]:
    # A comma-separated list of full numbers, or one number, or a partial number (5+ characters).
    if "," in value:
        wanted = {v.strip() for v in value.split(",")}
        return wanted.__contains__
    return lambda tn: value in tn


def _bisect(key: Callable[[int], int], size: int, target: int, *, right: bool) -> int:
    lo, hi = 0, size
    while lo < hi:
        mid = (lo + hi) // 2
        value = key(mid)
        if value < target or (right and value == target):
            lo = mid + 1
        else:
            hi = mid
    return lo


_PROVIDERS: Final = (
    ("Mobile", "Verizon Wireless", "310", "010"),
    ("Mobile", "T-Mobile USA", "310", "260"),
    ("Mobile", "AT&T Wireless", "310", "410"),
    ("Fixed", "Bandwidth CLEC", None, None),
    ("VoIP", "Bandwidth CLEC", None, None),
)
_COUNTRIES: Final = (("+1", "US"), ("+44", "GB"), ("+49", "DE"), ("+33", "FR"), ("+61", "AU"))


def _lookup_result(tn: str) -> dict[str, Any] | None:
    # North American numbers whose area code starts with 0 or 1 do not exist: they fail.
    if tn.startswith("+1") and (len(tn) != 12 or tn[2] in "01"):  # noqa: PLR2004
        return None
    country = next((c for prefix, c in _COUNTRIES if tn.startswith(prefix)), "US")
    digest = hashlib.sha256(tn.encode()).digest()
    line_type, provider, mcc, mnc = _PROVIDERS[digest[0] % len(_PROVIDERS)]
    formatted = f"({tn[2:5]}) {tn[5:8]}-{tn[8:]}" if country == "US" else tn
    result: dict[str, Any] = {
        "Response Code": 0,
        "Message": "NOERROR",
        "E.164 Format": tn,
        "Formatted": formatted,
        "Country": country,
        "Line Type": line_type,
        "Line Provider": provider,
    }
    if mcc is not None and mnc is not None:
        result["Mobile Country Code"] = mcc
        result["Mobile Network Code"] = mnc
    return result


# -- the middleware: record, faults, auth, errors ------------------------------------------

_BROKEN_BODY: Final = b'{"description":"this response was cut short by the emulator"}'


async def _broken(
    request: web.Request, response: web.Response, *, abort: bool
) -> web.StreamResponse:
    """
    Send *response*'s status and headers and part of its body, then drop the connection.
    """
    body = response.body if isinstance(response.body, bytes) else b""
    if not body:
        body = _BROKEN_BODY
    stream = web.StreamResponse(status=response.status, headers=response.headers)
    stream.content_length = len(body)
    # Never keep the connection: the client must see it end early.
    stream.force_close()
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    transport = request.transport
    if transport is not None:
        if abort:
            transport.abort()
        else:
            transport.close()
    raise _Dropped


class _Dropped(Exception):  # noqa: N818
    """
    Raised after the connection was dropped on purpose, so aiohttp writes nothing more.
    """


def _retry_after(value: float | dt.datetime | None) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return {"Retry-After": email.utils.format_datetime(value.astimezone(dt.UTC), usegmt=True)}
    return {"Retry-After": str(int(value)) if float(value).is_integer() else str(value)}


def _authorized(request: web.Request, config: Config) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    username, sep, password = decoded.partition(":")
    good_user = secrets.compare_digest(username.encode(), config.username.encode())
    good_password = secrets.compare_digest(password.encode(), config.password.encode())
    return bool(sep) and good_user and good_password


def make_app(config: Config) -> web.Application:
    """
    Build the aiohttp application serving every operation of the spec.
    """
    handlers = Handlers(config)

    @web.middleware
    async def middleware(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        body = await request.read()
        config.requests.append(
            RecordedRequest(
                request.method,
                request.path,
                request.query,
                request.headers,
                body,
                time.monotonic(),
            )
        )
        family = family_of(request.path)
        delay, fault = config.faults.select(request.method, request.path)
        if delay:
            await asyncio.sleep(delay)
        try:
            if fault is not None:
                response = await _apply_before(request, fault, family)
                if response is not None:
                    return response
            if not _authorized(request, config):
                return error_response(family, 401, "Unauthorized", path=request.path)
            response = await _run(request, handler, family)
            if fault is not None and fault.kind in {"reset", "truncate"}:
                assert isinstance(response, web.Response)  # noqa: S101 - handlers build these
                await _broken(request, response, abort=fault.kind == "reset")
        except _Dropped:
            # The connection is gone; give aiohttp an empty prepared response it will not send.
            dropped = web.Response(status=499)
            dropped.force_close()
            return dropped
        return response

    app = web.Application(middlewares=[middleware], client_max_size=64 * 1024 * 1024)
    app.add_routes(handlers.routes())
    return app


async def _apply_before(
    request: web.Request, fault: Fault, family: str
) -> web.StreamResponse | None:
    if fault.kind == "rate_limit":
        return error_response(
            family,
            429,
            "Too many requests.",
            headers=_retry_after(fault.retry_after),
            path=request.path,
        )
    if fault.kind == "server_error":
        return error_response(family, fault.status, "Injected server error.", path=request.path)
    if fault.kind == "reset" and not fault.after_processing:
        await _broken(request, _json({"description": "reset before processing"}), abort=True)
    return None


async def _run(
    request: web.Request,
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    family: str,
) -> web.StreamResponse:
    try:
        return await handler(request)
    except Problem as exc:
        return error_response(
            family, exc.status, exc.description, field_errors=exc.field_errors, path=request.path
        )
    except web.HTTPException as exc:
        if exc.status >= 400:  # noqa: PLR2004
            reason = exc.reason or "Error"
            return error_response(family, exc.status, reason, path=request.path)
        raise
