"""
Messaging API models: messages, media listings, page info and errors.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt

import attrs

from bandwidth_async.models._enums import (
    ListMessageDirectionEnum,
    MessageDirectionEnum,
    MessageStatusEnum,
    MessageTypeEnum,
    PriorityEnum,
)

__all__ = [
    "CreateMessageRequestError",
    "FieldError",
    "ListMessageItem",
    "Media",
    "Message",
    "MessageRequest",
    "MessagesList",
    "MessagingRequestError",
    "PageInfo",
]


@attrs.frozen(kw_only=True)
class FieldError:
    """
    One invalid field of a rejected message request.
    """

    #: The name of the field that contains the error.
    field_name: str | None = None

    #: The error associated with the field.
    description: str | None = None


@attrs.frozen(kw_only=True)
class PageInfo:
    """
    Links and tokens to the neighbouring pages of a message search.
    """

    #: The link to the previous page for pagination.
    prev_page: str | None = None

    #: The link to the next page for pagination.
    next_page: str | None = None

    #: The isolated pagination token for the previous page.
    prev_page_token: str | None = None

    #: The isolated pagination token for the next page.
    next_page_token: str | None = None


@attrs.frozen(kw_only=True)
class ListMessageItem:
    """
    One message in a message search: metadata only, no text or media.
    """

    #: The message id.
    message_id: str | None = None

    #: The account id associated with this message.
    account_id: str | None = None

    #: The source phone number of the message.
    source_tn: str | None = None

    #: The recipient phone number of the message.
    destination_tn: str | None = None

    #: The status of the message.
    message_status: MessageStatusEnum | None = None

    #: The direction of the message.
    message_direction: ListMessageDirectionEnum | None = None

    #: The type of message.
    message_type: MessageTypeEnum | None = None

    #: The number of segments the user's message is broken into before sending over carrier
    #: networks.
    segment_count: int | None = None

    #: The numeric error code of the message.
    error_code: int | None = None

    #: The ISO 8601 datetime of the message.
    receive_time: dt.datetime | None = None

    #: The name of the carrier.
    carrier_name: str | None = None

    #: The size of the message including message content and headers.
    message_size: int | None = None

    #: The length of the message content.
    message_length: int | None = None

    #: The number of attachments the message has.
    attachment_count: int | None = None

    #: The number of recipients the message has.
    recipient_count: int | None = None

    #: The campaign class of the message if it has one.
    campaign_class: str | None = None

    #: The campaign ID of the message if it has one.
    campaign_id: str | None = None

    #: The Bandwidth latency of the message in seconds.
    bw_latency: int | None = None

    #: The carrier latency of the message in seconds.
    carrier_latency: int | None = None

    #: The A3 country code of the calling number.
    calling_number_country_a3: str | None = None

    #: The A3 country code of the called number.
    called_number_country_a3: str | None = None

    #: The messaging product associated with the message.
    product: str | None = None

    #: The location ID associated with this message.
    location: str | None = None


@attrs.frozen(kw_only=True)
class MessagesList:
    """
    One page of the message search results, with paging tokens.
    """

    #: The total number of messages matched by the search.
    total_count: int | None = None

    #: Tokens and links to the neighbouring pages.
    page_info: PageInfo | None = None

    #: The messages on this page.
    messages: list[ListMessageItem] | None = None


@attrs.frozen(kw_only=True)
class MessagingRequestError:
    """
    Error body returned by the messaging API.
    """

    #: The kind of error.
    type: str

    #: What went wrong.
    description: str


@attrs.frozen(kw_only=True)
class CreateMessageRequestError:
    """
    Error body of a rejected message request, field by field.
    """

    #: The kind of error.
    type: str

    #: What went wrong.
    description: str

    #: The rejected fields, one entry each.
    field_errors: list[FieldError] | None = None


@attrs.frozen(kw_only=True)
class Media:
    """
    One media file stored on the messaging API.
    """

    #: The URL of the media file.
    content: str | None = None

    #: The size of the file in bytes.
    content_length: int | None = None

    #: The name of the media file.
    media_name: str | None = None


@attrs.frozen(kw_only=True)
class Message:
    """
    A message accepted by the messaging API for sending.
    """

    #: The id of the message.
    id: str | None = None

    #: The Bandwidth phone number associated with the message.
    owner: str | None = None

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str | None = None

    #: The datetime stamp of the message in ISO 8601.
    time: dt.datetime | None = None

    #: The number of segments the user's message is broken into before sending over carrier
    #: networks.
    segment_count: int | None = None

    #: The direction of the message.
    direction: MessageDirectionEnum | None = None

    #: The phone number recipients of the message.
    to: list[str] | None = None

    #: The phone number the message was sent from.
    from_: str | None = None

    #: The list of media URLs sent in the message.
    media: list[str] | None = None

    #: The contents of the message.
    text: str | None = None

    #: A custom string that will be included in callback events of the message.
    tag: str | None = None

    #: Specifies the message's sending priority with respect to other messages in your account.
    priority: PriorityEnum | None = None

    #: A string with the date/time value that the message will automatically expire by.
    expiration: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class MessageRequest:
    """
    Body of ``POST /users/{accountId}/messages``: the message to send.
    """

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The phone number(s) the message should be sent to in E164 format.
    to: list[str]

    #: Either an alphanumeric sender ID or the sender's Bandwidth phone number in E.164 format,
    #: which must be hosted within Bandwidth and linked to the account that is generating the
    #: message.
    from_: str

    #: The contents of the text message.
    text: str | None = None

    #: A list of URLs to include as media attachments as part of the message.
    media: list[str] | None = None

    #: A custom string that will be included in callback events of the message.
    tag: str | None = None

    #: Specifies the message's sending priority with respect to other messages in your account.
    priority: PriorityEnum | None = None

    #: A string with the date/time value that the message will automatically expire by.
    expiration: dt.datetime | None = None
