"""
Call recordings: list, fetch, download and delete them; request and read transcriptions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import attrs

from .._pagination import AsyncPaginator, SinglePage
from .._request import Host, Request
from .._session import Session
from ..models import CallRecordingMetadata, TranscribeRecording, TranscriptionList

__all__ = ["Recordings"]

_RECORDING = "/accounts/{account_id}/calls/{call_id}/recordings/{recording_id}"


@attrs.frozen
class Recordings:
    """
    Call recordings and their transcriptions.
    """

    _session: Session

    def list(
        self,
        *,
        to: str | None = None,
        from_: str | None = None,
        min_start_time: dt.datetime | str | None = None,
        max_start_time: dt.datetime | str | None = None,
        limit: int | None = None,
    ) -> AsyncPaginator[CallRecordingMetadata]:
        """
        The account's recordings (listAccountCallRecordings): one page of at most 1,000.
        """
        query = {
            "to": to,
            "from": from_,
            "minStartTime": min_start_time,
            "maxStartTime": max_start_time,
        }
        return self._session.paginate(
            Request(
                "GET",
                Host.VOICE,
                "/accounts/{account_id}/recordings",
                query=query,
                operation="listAccountCallRecordings",
            ),
            item=CallRecordingMetadata,
            pagination=SinglePage(),
            limit=limit,
        )

    def list_for_call(
        self, call_id: str, *, limit: int | None = None
    ) -> AsyncPaginator[CallRecordingMetadata]:
        """
        The recordings of call *call_id* (listCallRecordings), one page.
        """
        return self._session.paginate(
            Request(
                "GET",
                Host.VOICE,
                "/accounts/{account_id}/calls/{call_id}/recordings",
                {"call_id": call_id},
                operation="listCallRecordings",
            ),
            item=CallRecordingMetadata,
            pagination=SinglePage(),
            limit=limit,
        )

    async def get(self, call_id: str, recording_id: str) -> CallRecordingMetadata:
        """
        Metadata of recording *recording_id* of call *call_id* (getCallRecording).
        """
        return await self._session.request(
            self._at("getCallRecording", "GET", "", call_id, recording_id),
            returns=CallRecordingMetadata,
        )

    async def delete(self, call_id: str, recording_id: str) -> None:
        """
        Delete the recording, its media and its transcription (deleteRecording).
        """
        await self._session.request(
            self._at("deleteRecording", "DELETE", "", call_id, recording_id)
        )

    async def download(self, call_id: str, recording_id: str) -> bytes:
        """
        The recording's audio (downloadCallRecording), all in memory.
        """
        return await self._session.read(
            self._at("downloadCallRecording", "GET", "/media", call_id, recording_id)
        )

    def stream(self, call_id: str, recording_id: str) -> AsyncIterator[bytes]:
        """
        The recording's audio in chunks, for files too large for memory.
        """
        return self._session.stream(
            self._at("downloadCallRecording", "GET", "/media", call_id, recording_id)
        )

    async def delete_media(self, call_id: str, recording_id: str) -> None:
        """
        Delete the recording's audio but keep its metadata (deleteRecordingMedia).
        """
        await self._session.request(
            self._at("deleteRecordingMedia", "DELETE", "/media", call_id, recording_id)
        )

    async def get_transcription(self, call_id: str, recording_id: str) -> TranscriptionList:
        """
        The transcription of the recording (getRecordingTranscription).
        """
        return await self._session.request(
            self._at("getRecordingTranscription", "GET", "/transcription", call_id, recording_id),
            returns=TranscriptionList,
        )

    async def transcribe(
        self, call_id: str, recording_id: str, request: TranscribeRecording
    ) -> None:
        """
        Ask for the recording to be transcribed (transcribeCallRecording).
        """
        await self._session.request(
            attrs.evolve(
                self._at(
                    "transcribeCallRecording", "POST", "/transcription", call_id, recording_id
                ),
                body=request,
            )
        )

    async def delete_transcription(self, call_id: str, recording_id: str) -> None:
        """
        Delete the recording's transcription (deleteRecordingTranscription).
        """
        await self._session.request(
            self._at(
                "deleteRecordingTranscription", "DELETE", "/transcription", call_id, recording_id
            )
        )

    @staticmethod
    def _at(operation: str, method: str, suffix: str, call_id: str, recording_id: str) -> Request:
        return Request(
            method,
            Host.VOICE,
            _RECORDING + suffix,
            {"call_id": call_id, "recording_id": recording_id},
            operation=operation,
        )
