"""
Real-time transcriptions of a call: list, read and delete them.
"""

from __future__ import annotations

import attrs

from .._pagination import AsyncPaginator, SinglePage
from .._request import Host, Request
from .._session import Session
from ..models import CallTranscriptionMetadata, CallTranscriptionResponse

__all__ = ["Transcriptions"]

_TRANSCRIPTIONS = "/accounts/{account_id}/calls/{call_id}/transcriptions"
_ONE = _TRANSCRIPTIONS + "/{transcription_id}"


@attrs.frozen
class Transcriptions:
    """
    The real-time transcriptions a ``<StartTranscription>`` made of a call.
    """

    _session: Session

    def list(self, call_id: str) -> AsyncPaginator[CallTranscriptionMetadata]:
        """
        The transcriptions of call *call_id* (listRealTimeTranscriptions), one page.
        """
        return self._session.paginate(
            Request(
                "GET",
                Host.VOICE,
                _TRANSCRIPTIONS,
                {"call_id": call_id},
                operation="listRealTimeTranscriptions",
            ),
            item=CallTranscriptionMetadata,
            pagination=SinglePage(),
        )

    async def get(self, call_id: str, transcription_id: str) -> CallTranscriptionResponse:
        """
        The tracks of transcription *transcription_id* (getRealTimeTranscription).
        """
        return await self._session.request(
            Request(
                "GET",
                Host.VOICE,
                _ONE,
                {"call_id": call_id, "transcription_id": transcription_id},
                operation="getRealTimeTranscription",
            ),
            returns=CallTranscriptionResponse,
        )

    async def delete(self, call_id: str, transcription_id: str) -> None:
        """
        Delete transcription *transcription_id* of call *call_id* (deleteRealTimeTranscription).
        """
        await self._session.request(
            Request(
                "DELETE",
                Host.VOICE,
                _ONE,
                {"call_id": call_id, "transcription_id": transcription_id},
                operation="deleteRealTimeTranscription",
            )
        )
