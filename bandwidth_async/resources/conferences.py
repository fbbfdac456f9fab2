"""
Voice conferences: list and inspect them, steer them and their members, fetch recordings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import attrs

from .._pagination import AsyncPaginator, LinkHeader, SinglePage
from .._request import Host, Request
from .._session import Session
from ..models import (
    Conference,
    ConferenceMember,
    ConferenceRecordingMetadata,
    UpdateConference,
    UpdateConferenceMember,
)

if TYPE_CHECKING:
    from ..bxml import Bxml, Response

__all__ = ["Conferences"]

_CONFERENCES = "/accounts/{account_id}/conferences"
_CONFERENCE = _CONFERENCES + "/{conference_id}"
_RECORDING = _CONFERENCE + "/recordings/{recording_id}"


@attrs.frozen
class Conferences:
    """
    List, inspect and steer conferences and their members.
    """

    _session: Session

    def list(
        self,
        *,
        name: str | None = None,
        min_created_time: dt.datetime | str | None = None,
        max_created_time: dt.datetime | str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        prefetch: int = 0,
    ) -> AsyncPaginator[Conference]:
        """
        Conferences, following ``Link: <...>; rel="next"`` (listConferences).
        """
        query = {
            "name": name,
            "minCreatedTime": min_created_time,
            "maxCreatedTime": max_created_time,
            "pageSize": page_size,
        }
        return self._session.paginate(
            Request("GET", Host.VOICE, _CONFERENCES, query=query, operation="listConferences"),
            item=Conference,
            pagination=LinkHeader(),
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )

    async def get(self, conference_id: str) -> Conference:
        """
        The conference *conference_id* with its active members (getConference).
        """
        return await self._session.request(
            Request(
                "GET",
                Host.VOICE,
                _CONFERENCE,
                {"conference_id": conference_id},
                operation="getConference",
            ),
            returns=Conference,
        )

    async def update(self, conference_id: str, update: UpdateConference) -> None:
        """
        End or redirect the conference *conference_id* (updateConference).
        """
        await self._session.request(
            Request(
                "POST",
                Host.VOICE,
                _CONFERENCE,
                {"conference_id": conference_id},
                body=update,
                operation="updateConference",
            )
        )

    async def update_bxml(self, conference_id: str, bxml: str | Response | Bxml) -> None:
        """
        Run the BXML document *bxml* on the conference *conference_id* (updateConferenceBxml).
        """
        await self._session.request(
            Request(
                "PUT",
                Host.VOICE,
                _CONFERENCE + "/bxml",
                {"conference_id": conference_id},
                body=str(bxml),
                content_type="application/xml",
                operation="updateConferenceBxml",
            )
        )

    async def get_member(self, conference_id: str, member_id: str) -> ConferenceMember:
        """
        The member *member_id* (a call id) of conference *conference_id*.
        """
        return await self._session.request(
            Request(
                "GET",
                Host.VOICE,
                _CONFERENCE + "/members/{member_id}",
                {"conference_id": conference_id, "member_id": member_id},
                operation="getConferenceMember",
            ),
            returns=ConferenceMember,
        )

    async def update_member(
        self, conference_id: str, member_id: str, update: UpdateConferenceMember
    ) -> None:
        """
        Mute, hold or re-route member *member_id* of conference *conference_id*.
        """
        await self._session.request(
            Request(
                "PUT",
                Host.VOICE,
                _CONFERENCE + "/members/{member_id}",
                {"conference_id": conference_id, "member_id": member_id},
                body=update,
                operation="updateConferenceMember",
            )
        )

    def list_recordings(
        self, conference_id: str, *, limit: int | None = None
    ) -> AsyncPaginator[ConferenceRecordingMetadata]:
        """
        The recordings of conference *conference_id* (listConferenceRecordings, one page).
        """
        return self._session.paginate(
            Request(
                "GET",
                Host.VOICE,
                _CONFERENCE + "/recordings",
                {"conference_id": conference_id},
                operation="listConferenceRecordings",
            ),
            item=ConferenceRecordingMetadata,
            pagination=SinglePage(),
            limit=limit,
        )

    async def get_recording(
        self, conference_id: str, recording_id: str
    ) -> ConferenceRecordingMetadata:
        """
        Metadata of recording *recording_id* of conference *conference_id*.
        """
        return await self._session.request(
            self._recording("getConferenceRecording", "", conference_id, recording_id),
            returns=ConferenceRecordingMetadata,
        )

    async def download_recording(self, conference_id: str, recording_id: str) -> bytes:
        """
        The audio of recording *recording_id* (downloadConferenceRecording), all in memory.
        """
        return await self._session.read(
            self._recording("downloadConferenceRecording", "/media", conference_id, recording_id)
        )

    def stream_recording(self, conference_id: str, recording_id: str) -> AsyncIterator[bytes]:
        """
        The audio of recording *recording_id* in chunks, for files too large for memory.
        """
        return self._session.stream(
            self._recording("downloadConferenceRecording", "/media", conference_id, recording_id)
        )

    @staticmethod
    def _recording(operation: str, suffix: str, conference_id: str, recording_id: str) -> Request:
        return Request(
            "GET",
            Host.VOICE,
            _RECORDING + suffix,
            {"conference_id": conference_id, "recording_id": recording_id},
            operation=operation,
        )
