"""
Messaging media: upload files for MMS, list, download and delete them.
"""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

import attrs

from .._pagination import AsyncPaginator, ContinuationToken
from .._request import Host, Request
from .._session import Session
from ..models import Media as MediaItem

__all__ = ["Media"]

_MEDIA = "/users/{account_id}/media"
_ONE = _MEDIA + "/{media_id}"


@attrs.frozen
class Media:
    """
    Media files stored for MMS.
    """

    _session: Session

    def list(
        self, *, limit: int | None = None, cursor: str | None = None, prefetch: int = 0
    ) -> AsyncPaginator[MediaItem]:
        """
        Stored media, paged by the ``Continuation-Token`` header (listMedia).
        """
        return self._session.paginate(
            Request("GET", Host.MESSAGING, _MEDIA, operation="listMedia"),
            item=MediaItem,
            pagination=ContinuationToken(),
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )

    async def get(self, media_id: str) -> bytes:
        """
        The content of *media_id* (getMedia), all in memory.
        """
        request = Request("GET", Host.MESSAGING, _ONE, {"media_id": media_id}, operation="getMedia")
        return await self._session.read(request)

    def stream(self, media_id: str) -> AsyncIterator[bytes]:
        """
        The content of *media_id* in chunks, for files too large for memory.
        """
        return self._session.stream(
            Request("GET", Host.MESSAGING, _ONE, {"media_id": media_id}, operation="getMedia")
        )

    async def upload(
        self,
        media_id: str,
        data: bytes | str | Path | AsyncIterable[bytes],
        *,
        content_type: str | None = None,
        cache_control: str | None = None,
    ) -> None:
        """
        Store *data* as *media_id* (uploadMedia).

        *data* is bytes, a file path (streamed from disk, never read whole), or an async
        iterator of bytes; ``str`` is a file path, not content. *content_type* is required
        unless it can be guessed from the file name: the API accepts only listed media types.
        """
        body: bytes | Path | AsyncIterable[bytes] = Path(data) if isinstance(data, str) else data
        if content_type is None and isinstance(body, Path):
            content_type = mimetypes.guess_type(body.name)[0]
        if content_type is None:
            raise ValueError("content_type is required, e.g. content_type='image/png'")
        headers = {"Cache-Control": cache_control} if cache_control else {}
        if isinstance(body, Path):
            headers["Content-Length"] = str(body.stat().st_size)  # noqa: ASYNC240 - one stat call
        await self._session.request(
            Request(
                "PUT",
                Host.MESSAGING,
                _ONE,
                {"media_id": media_id},
                headers=headers,
                body=body,
                content_type=content_type,
                operation="uploadMedia",
            )
        )

    async def delete(self, media_id: str) -> None:
        """
        Delete *media_id* (deleteMedia).
        """
        await self._session.request(
            Request("DELETE", Host.MESSAGING, _ONE, {"media_id": media_id}, operation="deleteMedia")
        )
