"""
The Messaging API handlers: media files (list, get, upload, delete) and messages (send, list).

"Sent" messages are kept in ``State`` and show up in listMessages; nothing is delivered. Auth,
faults and error rendering are the middleware's; shared helpers are in ``_http.py``.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlencode

from aiohttp import web

from ._data import format_ms
from ._http import (
    _E164,
    Handlers,
    Problem,
    _body_json,
    _check_enum,
    _check_string,
    _json,
    _origin,
    _query_int,
    _query_time,
    _require,
)
from ._pages import TokenError, decode_token, encode_token
from ._state import MediaFile

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MEDIA_PAGE_SIZE", "MessagingHandlers"]

MEDIA_PAGE_SIZE: Final = 100


class MessagingHandlers(Handlers):
    """
    The Messaging API's request handlers, closed over one emulator's config and state.
    """

    def routes(self) -> list[web.RouteDef]:
        """
        Every Messaging route of the spec, at its path rooted at ``/``.
        """
        u = "/users/{accountId}"
        return [
            web.get(u + "/media", self.list_media),
            web.get(u + "/media/{mediaId:.+}", self.get_media),
            web.put(u + "/media/{mediaId:.+}", self.upload_media),
            web.delete(u + "/media/{mediaId:.+}", self.delete_media),
            web.get(u + "/messages", self.list_messages),
            web.post(u + "/messages", self.create_message),
        ]

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
        # Bandwidth answers with the type the media was uploaded with, whatever the Accept
        # header asks for (the spec says application/octet-stream).
        headers = {"Content-Type": media.content_type}
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
        if not data:
            # uploadMedia's body is required; Bandwidth refuses an empty file.
            raise Problem(400, "The media file is empty.")
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
        bad = [t for t in to if not _E164.match(t)]
        if bad:
            raise Problem(
                400,
                f"'to' must hold E.164 phone numbers: {', '.join(bad)}",
                field_errors=[
                    {"fieldName": "to", "description": f"'{t}' is not E.164"} for t in bad
                ],
            )
        application = self.state.applications.get(data["applicationId"])
        if application is None or not application.messaging:
            raise Problem(
                400,
                f"The applicationId {data['applicationId']} is not a messaging application.",
                field_errors=[{"fieldName": "applicationId", "description": "is not valid"}],
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
        self.config.calling.message_sent(body, application.callback_url)
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
        if not request.query:
            raise Problem(400, "You must include at least one query parameter.")
        for name in _BOOLEAN_FILTERS:
            if request.query.get(name, "true").lower() not in {"true", "false"}:
                raise Problem(400, f"'{name}' must be true or false.")
        _check_enum(dict(request.query), "product", _PRODUCTS)
        for name in _INTEGER_FILTERS:
            if name in request.query:
                _query_int(request.query, name, 0, -(2**63), 2**63 - 1)
        return self._messages_page(request)

    def _messages_page(self, request: web.Request) -> web.Response:
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
        _check_enum(dict(q), "messageType", ("sms", "mms", "rcs"))
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


# listMessages filters of the July 2026 spec that the emulator checks but does not apply.
_BOOLEAN_FILTERS: Final = ("limitTotalCount", "bwQueued", "carrierQueued")
_INTEGER_FILTERS: Final = (
    "fromBwLatency",
    "fromCarrierLatency",
    "fromSegmentCount",
    "toSegmentCount",
    "fromMessageSize",
    "toMessageSize",
)

_PRODUCTS: Final = (
    "LOCAL_A2P",
    "P2P",
    "SHORT_CODE_REACH",
    "TOLL_FREE",
    "HOSTED_SHORT_CODE",
    "ALPHA_NUMERIC",
    "RBM_MEDIA",
    "RBM_RICH",
    "RBM_CONVERSATIONAL",
)

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


def _tn_matcher(value: str) -> Callable[[str], bool]:
    # A comma-separated list of full numbers, or one number, or a partial number (5+ characters).
    if "," in value:
        wanted = {v.strip() for v in value.split(",")}
        return wanted.__contains__
    return lambda tn: value in tn
