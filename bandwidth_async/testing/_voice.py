"""
The Voice API handlers: calls, call recordings and transcriptions, conferences, statistics.

Each handler checks its request, reads or changes ``State`` and answers in the Voice API's
shapes. Auth, faults, recording and error rendering are the middleware's (``_middleware.py``);
shared helpers are in ``_http.py``; state lives in ``_state.py``. Nothing here generates data.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlencode

from aiohttp import web

from ._calling import CallRun
from ._data import format_ms
from ._http import (
    _E164,
    _SIP_URI,
    Handlers,
    Problem,
    _body_json,
    _check_enum,
    _check_number,
    _check_string,
    _check_url,
    _json,
    _origin,
    _query_int,
    _query_time,
    _raw_json,
    _require,
)
from ._pages import TokenError, decode_token, encode_token
from ._state import WAV

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["CALLS_CAP", "RECORDINGS_CAP", "VoiceHandlers"]

CALLS_CAP: Final = 10_000
RECORDINGS_CAP: Final = 1_000


def _duration(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return f"PT{seconds}.{millis:03d}S"


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


class VoiceHandlers(Handlers):
    """
    The Voice API's request handlers, closed over one emulator's config and state.
    """

    def routes(self) -> list[web.RouteDef]:
        """
        Every Voice route of the spec, at its path rooted at ``/``.
        """
        a = "/accounts/{accountId}"
        call = a + "/calls/{callId}"
        rec = call + "/recordings/{recordingId}"
        conf = a + "/conferences/{conferenceId}"
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
        if not _E164.match(data["to"]) and not _SIP_URI.match(data["to"]):
            raise Problem(400, f"'to' must be an E.164 phone number or a SIP URI: {data['to']}")
        application = self.state.applications.get(data["applicationId"])
        if application is None or application.messaging:
            raise Problem(400, f"The applicationId {data['applicationId']} is not valid.")
        call_id = "c-" + "-".join(secrets.token_hex(n) for n in (4, 4, 2, 2, 2, 6))
        state = self.state.create_call(data, call_id)
        url = f"{_origin(request)}/accounts/{account}/calls/{call_id}"
        self.config.calling.place(
            CallRun(
                calling=self.config.calling,
                call=state,
                call_url=url,
                url=data["answerUrl"],
                method=data.get("answerMethod") or "POST",
                username=data.get("username"),
                password=data.get("password"),
                fallback_url=data.get("answerFallbackUrl"),
                disconnect_url=data.get("disconnectUrl"),
                disconnect_method=data.get("disconnectMethod") or "POST",
                tag=data.get("tag"),
                timeout=float(data.get("callbackTimeout") or 15),
            )
        )
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
        if data.get("state") == "active" and data.get("redirectUrl") is None:
            # updateCall: redirectUrl is "Required if state is active".
            raise Problem(400, "'redirectUrl' is required when 'state' is active.")
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
        self.config.calling.update(state["callId"], data)
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
        self.config.calling.update_bxml(state["callId"], text)
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
            raise Problem(404, f"Call {state['callId']} has already ended.")
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
        for name in ("username", "password"):
            _check_string(data, name, 1024)
        _check_string(data, "tag", 256)
        _check_number(data, "callbackTimeout", 1, 25)
        if data.get("detectLanguage") is not None and not isinstance(data["detectLanguage"], bool):
            raise Problem(400, "'detectLanguage' must be a boolean.")
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
        if data.get("status") == "active" and data.get("redirectUrl") is None:
            # updateConference: redirectUrl is "Required if status is active".
            raise Problem(400, "'redirectUrl' is required when 'status' is active.")
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
