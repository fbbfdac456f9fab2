"""
Messaging: send SMS/MMS and search sent and received messages.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from .. import models
from .._pagination import AsyncPaginator, PageInfoToken
from .._request import Host, Request
from .._session import Session
from ..models import (
    ListMessageDirectionEnum,
    ListMessageItem,
    Message,
    MessageRequest,
    MessageStatusEnum,
    MessageTypeEnum,
    ProductTypeEnum,
)

if TYPE_CHECKING:
    from ..models import CreateMultiChannelMessageResponse, MultiChannelMessageRequest

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
            returns=models.CreateMultiChannelMessageResponse,
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
        from_bw_latency: int | None = None,
        bw_queued: bool | None = None,
        product: ProductTypeEnum | str | None = None,
        location: str | None = None,
        carrier_queued: bool | None = None,
        from_carrier_latency: int | None = None,
        calling_number_country_a3: str | None = None,
        called_number_country_a3: str | None = None,
        from_segment_count: int | None = None,
        to_segment_count: int | None = None,
        from_message_size: int | None = None,
        to_message_size: int | None = None,
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
            "fromBwLatency": from_bw_latency,
            "bwQueued": bw_queued,
            "product": product,
            "location": location,
            "carrierQueued": carrier_queued,
            "fromCarrierLatency": from_carrier_latency,
            "callingNumberCountryA3": calling_number_country_a3,
            "calledNumberCountryA3": called_number_country_a3,
            "fromSegmentCount": from_segment_count,
            "toSegmentCount": to_segment_count,
            "fromMessageSize": from_message_size,
            "toMessageSize": to_message_size,
            "sort": sort,
            "limitTotalCount": limit_total_count,
            "limit": page_size,
        }
        return self._session.paginate(
            Request("GET", Host.MESSAGING, _MESSAGES, query=query, operation="listMessages"),
            item=ListMessageItem,
            pagination=PageInfoToken(items_key="messages"),
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )
