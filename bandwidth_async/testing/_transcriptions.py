"""
Real-time transcriptions of a call: every call has one until it is deleted.
"""

from __future__ import annotations

from aiohttp import web

from ._http import Handlers, Problem, _json

__all__ = ["TranscriptionHandlers"]


class TranscriptionHandlers(Handlers):
    """
    listRealTimeTranscriptions, getRealTimeTranscription, deleteRealTimeTranscription.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.deleted: set[tuple[str, str]] = set()

    def routes(self) -> list[web.RouteDef]:
        """
        The routes of the real-time transcriptions of a call.
        """
        base = "/accounts/{accountId}/calls/{callId}/transcriptions"
        return [
            web.get(base, self.list_transcriptions),
            web.get(base + "/{transcriptionId}", self.get_transcription),
            web.delete(base + "/{transcriptionId}", self.delete_transcription),
        ]

    def _ids(self, request: web.Request) -> tuple[str, str, str]:
        account = self._account(request)
        call_id = request.match_info["callId"]
        return account, call_id, f"t-{call_id.removeprefix('c-')[:40]}"

    async def list_transcriptions(self, request: web.Request) -> web.Response:
        """
        The call's transcriptions: one, unless it was deleted.
        """
        account, call_id, transcription_id = self._ids(request)
        items = []
        if (call_id, transcription_id) not in self.deleted:
            url = f"/accounts/{account}/calls/{call_id}/transcriptions/{transcription_id}"
            items.append(
                {
                    "transcriptionId": transcription_id,
                    "transcriptionName": "live",
                    "transcriptionUrl": url,
                }
            )
        return _json(items)

    async def get_transcription(self, request: web.Request) -> web.Response:
        """
        The two tracks of a transcription.
        """
        account, call_id, transcription_id = self._ids(request)
        if request.match_info["transcriptionId"] != transcription_id or (
            (call_id, transcription_id) in self.deleted
        ):
            raise Problem(404, "The transcription was not found.")
        tracks = [
            {"detectedLanguage": "en-US", "track": track, "transcript": text, "confidence": 0.9}
            for track, text in (("inbound", "Hello"), ("outbound", "Hi, how can I help?"))
        ]
        body = {
            "accountId": account,
            "callId": call_id,
            "transcriptionId": transcription_id,
            "tracks": tracks,
        }
        return _json(body)

    async def delete_transcription(self, request: web.Request) -> web.Response:
        """
        Delete a transcription; 200 as the spec says.
        """
        _, call_id, transcription_id = self._ids(request)
        if request.match_info["transcriptionId"] != transcription_id or (
            (call_id, transcription_id) in self.deleted
        ):
            raise Problem(404, "The transcription was not found.")
        self.deleted.add((call_id, transcription_id))
        return web.Response(status=200)
