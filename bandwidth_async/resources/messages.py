"""
Messaging: send SMS/MMS and search sent and received messages.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .._pagination import AsyncPaginator, PageInfoToken
from .._request import Host, Request
from .._session import Session
from ..models import (
    CreateMultiChannelMessageResponse,
    ListMessageDirectionEnum,
    ListMessageItem,
    Message,
    MessageRequest,
    MessageStatusEnum,
    MessageTypeEnum,
    MultiChannelMessageRequest,
)

__all__ = ["Messages"]

_MESSAGES = "/users/{account_id}/messages"


@attrs.frozen
class Messages:
    """
    Send messages and search the message history.
    """

    _session: Session

    async def create(self, message: MessageRequest) -> Message:
        """
        Send *message* (createMessage); accepted for delivery, never sent twice.
        """
        return await self._session.request(
            Request("POST", Host.MESSAGING, _MESSAGES, body=message, operation="createMessage"),
            returns=Message,
        )

    async def create_multi_channel(
        self, message: MultiChannelMessageRequest
    ) -> CreateMultiChannelMessageResponse:
        """
        Send *message* over the first of its channels that reaches (createMultiChannelMessage).

        The channel list is tried in order (RBM, SMS, MMS); like `create`, never sent twice.
        """
        return await self._session.request(
            Request(
                "POST",
                Host.MESSAGING,
                _MESSAGES + "/multiChannel",
                body=message,
                operation="createMultiChannelMessage",
            ),
            returns=CreateMultiChannelMessageResponse,
        )

    def list(
        self,
        *,
        message_id: str | None = None,
        source_tn: str | None = None,
        destination_tn: str | None = None,
        message_status: MessageStatusEnum | str | None = None,
        message_direction: ListMessageDirectionEnum | str | None = None,
        carrier_name: str | None = None,
        message_type: MessageTypeEnum | str | None = None,
        error_code: int | None = None,
        from_date_time: dt.datetime | str | None = None,
        to_date_time: dt.datetime | str | None = None,
        campaign_id: str | None = None,
        sort: str | None = None,
        limit_total_count: bool | None = None,
        page_size: int | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        prefetch: int = 0,
    ) -> AsyncPaginator[ListMessageItem]:
        """
        Messages matching the filters (listMessages), paged by ``pageInfo.nextPageToken``.

        *page_size* is sent as the API's ``limit``; *limit* caps how many items are yielded.
        """
        query = {
            "messageId": message_id,
            "sourceTn": source_tn,
            "destinationTn": destination_tn,
            "messageStatus": message_status,
            "messageDirection": message_direction,
            "carrierName": carrier_name,
            "messageType": message_type,
            "errorCode": error_code,
            "fromDateTime": from_date_time,
            "toDateTime": to_date_time,
            "campaignId": campaign_id,
            "sort": sort,
            "limitTotalCount": limit_total_count,
            "limit": page_size,
        }
        return self._session.paginate(
            Request("GET", Host.MESSAGING, _MESSAGES, query=query),
            item=ListMessageItem,
            pagination=PageInfoToken(items_key="messages"),
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )
