"""
Multi-channel messaging models: RBM, SMS and MMS channel lists and content.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt
from typing import Any, TypeAlias

import attrs

from bandwidth_async.models._enums import (
    CardWidthEnum,
    MessageDirectionEnum,
    MultiChannelMessageChannelEnum,
    PriorityEnum,
    RbmActionTypeEnum,
    RbmMediaHeightEnum,
    RbmOpenUrlEnum,
    RbmWebViewEnum,
    StandaloneCardOrientationEnum,
    ThumbnailAlignmentEnum,
)

__all__ = [
    "CreateMultiChannelMessageResponse",
    "ErrorObject",
    "ErrorSource",
    "Link",
    "MmsMessageContent",
    "MmsMessageContentFile",
    "MultiChannelAction",
    "MultiChannelActionCalendarEvent",
    "MultiChannelChannelListMMSObject",
    "MultiChannelChannelListMMSResponseObject",
    "MultiChannelChannelListObjectBase",
    "MultiChannelChannelListOwnerObject",
    "MultiChannelChannelListRBMObject",
    "MultiChannelChannelListRBMResponseObject",
    "MultiChannelChannelListRequestObject",
    "MultiChannelChannelListResponseObject",
    "MultiChannelChannelListSMSObject",
    "MultiChannelChannelListSMSResponseObject",
    "MultiChannelError",
    "MultiChannelMessageContent",
    "MultiChannelMessageRequest",
    "MultiChannelMessageResponseData",
    "RbmActionBase",
    "RbmActionDial",
    "RbmActionOpenUrl",
    "RbmActionViewLocation",
    "RbmCardContent",
    "RbmCardContentMedia",
    "RbmLocationResponse",
    "RbmMessageCarouselCard",
    "RbmMessageContentFile",
    "RbmMessageContentRichCard",
    "RbmMessageContentText",
    "RbmMessageMedia",
    "RbmStandaloneCard",
    "RbmSuggestionResponse",
    "SmsMessageContent",
]


@attrs.frozen(kw_only=True)
class Link:
    """
    The ``link`` schema of the Bandwidth API.
    """

    rel: str | None = None

    href: str | None = None


@attrs.frozen(kw_only=True)
class RbmActionBase:
    """
    The ``rbmActionBase`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: RbmActionTypeEnum

    #: Displayed text for user to click.
    text: str

    #: Base64 payload the customer receives when the reply is clicked.
    postback_data: str


@attrs.frozen(kw_only=True)
class RbmActionDial:
    """
    The ``rbmActionDial`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: RbmActionTypeEnum

    #: Displayed text for user to click.
    text: str

    #: Base64 payload the customer receives when the reply is clicked.
    postback_data: str

    #: The phone number to dial.
    phone_number: str


@attrs.frozen(kw_only=True)
class RbmActionViewLocation:
    """
    The ``rbmActionViewLocation`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: RbmActionTypeEnum

    #: Displayed text for user to click.
    text: str

    #: Base64 payload the customer receives when the reply is clicked.
    postback_data: str

    #: The latitude of the location.
    latitude: str

    #: The longitude of the location.
    longitude: str

    #: The label of the location.
    label: str | None = None


@attrs.frozen(kw_only=True)
class MultiChannelActionCalendarEvent:
    """
    The ``multiChannelActionCalendarEvent`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: RbmActionTypeEnum

    #: Displayed text for user to click.
    text: str

    #: Base64 payload the customer receives when the reply is clicked.
    postback_data: str

    #: The title of the event.
    title: str

    #: The start time of the event.
    start_time: dt.datetime

    #: The end time of the event.
    end_time: dt.datetime

    #: The description of the event.
    description: str | None = None


@attrs.frozen(kw_only=True)
class RbmActionOpenUrl:
    """
    The ``rbmActionOpenUrl`` schema of the Bandwidth API.
    """

    #: The kind of error.
    type: RbmActionTypeEnum

    #: Displayed text for user to click.
    text: str

    #: Base64 payload the customer receives when the reply is clicked.
    postback_data: str

    #: The URL to open in browser.
    url: str

    #: Specifies how the URL should be opened on a mobile device.
    application: RbmOpenUrlEnum | None = None

    #: Defines the layout of the WebView on a mobile device.
    webview_view_mode: RbmWebViewEnum | None = None


#: One of the shapes of ``multiChannelAction``.
MultiChannelAction: TypeAlias = (
    RbmActionBase
    | RbmActionDial
    | RbmActionViewLocation
    | MultiChannelActionCalendarEvent
    | RbmActionOpenUrl
)


@attrs.frozen(kw_only=True)
class RbmMessageContentText:
    """
    The ``rbmMessageContentText`` schema of the Bandwidth API.
    """

    #: The text associated with the message.
    text: str

    #: An array of suggested actions for the recipient.
    suggestions: list[MultiChannelAction] | None = None


@attrs.frozen(kw_only=True)
class RbmMessageContentFile:
    """
    The ``rbmMessageContentFile`` schema of the Bandwidth API.
    """

    #: The URL of the media file.
    file_url: str

    #: The URL of the thumbnail image.
    thumbnail_url: str | None = None


@attrs.frozen(kw_only=True)
class RbmMessageMedia:
    """
    The ``rbmMessageMedia`` schema of the Bandwidth API.
    """

    media: list[RbmMessageContentFile]

    #: An array of suggested actions for the recipient.
    suggestions: list[MultiChannelAction] | None = None


@attrs.frozen(kw_only=True)
class RbmCardContentMedia:
    """
    The ``media`` of a ``RbmCardContent``.
    """

    #: The URL of the media file.
    file_url: str

    #: The URL of the thumbnail image.
    thumbnail_url: str | None = None

    #: The height of the media.
    height: RbmMediaHeightEnum


@attrs.frozen(kw_only=True)
class RbmCardContent:
    """
    Must contain at least one of title, description, or media to be valid.
    """

    #: The title of the card.
    title: str | None = None

    #: The description of the card.
    description: str | None = None

    media: RbmCardContentMedia | None = None

    #: An array of suggested actions for the recipient that will be displayed on the rich card.
    suggestions: list[MultiChannelAction] | None = None


@attrs.frozen(kw_only=True)
class RbmStandaloneCard:
    """
    The ``rbmStandaloneCard`` schema of the Bandwidth API.
    """

    orientation: StandaloneCardOrientationEnum

    #: The alignment of the thumbnail image in the card.
    thumbnail_image_alignment: ThumbnailAlignmentEnum | None = None

    #: Must contain at least one of title, description, or media to be valid.
    card_content: RbmCardContent

    #: An array of suggested actions for the recipient.
    suggestions: list[MultiChannelAction] | None = None


@attrs.frozen(kw_only=True)
class RbmMessageCarouselCard:
    """
    The ``rbmMessageCarouselCard`` schema of the Bandwidth API.
    """

    card_width: CardWidthEnum

    card_contents: list[RbmCardContent]

    #: An array of suggested actions for the recipient.
    suggestions: list[MultiChannelAction] | None = None


#: One of the shapes of ``rbmMessageContentRichCard``.
RbmMessageContentRichCard: TypeAlias = RbmStandaloneCard | RbmMessageCarouselCard


@attrs.frozen(kw_only=True)
class MultiChannelChannelListRBMResponseObject:
    """
    The ``multiChannelChannelListRBMResponseObject`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum

    #: The content of the message.
    content: RbmMessageContentText | RbmMessageMedia | RbmMessageContentRichCard

    #: The Bandwidth senderId associated with the message.
    owner: str


@attrs.frozen(kw_only=True)
class SmsMessageContent:
    """
    The ``smsMessageContent`` schema of the Bandwidth API.
    """

    #: The contents of the text message.
    text: str


@attrs.frozen(kw_only=True)
class MultiChannelChannelListSMSResponseObject:
    """
    The ``multiChannelChannelListSMSResponseObject`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum

    content: SmsMessageContent

    #: The Bandwidth senderId associated with the message.
    owner: str


@attrs.frozen(kw_only=True)
class MmsMessageContentFile:
    """
    The ``mmsMessageContentFile`` schema of the Bandwidth API.
    """

    #: The URL of a media attachment.
    file_url: str


@attrs.frozen(kw_only=True)
class MmsMessageContent:
    """
    The ``mmsMessageContent`` schema of the Bandwidth API.
    """

    #: The contents of the text message.
    text: str | None = None

    media: list[MmsMessageContentFile] | None = None


@attrs.frozen(kw_only=True)
class MultiChannelChannelListMMSResponseObject:
    """
    The ``multiChannelChannelListMMSResponseObject`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum

    content: MmsMessageContent

    #: The Bandwidth senderId associated with the message.
    owner: str


#: One of the shapes of ``multiChannelChannelListResponseObject``.
MultiChannelChannelListResponseObject: TypeAlias = (
    MultiChannelChannelListRBMResponseObject
    | MultiChannelChannelListSMSResponseObject
    | MultiChannelChannelListMMSResponseObject
)


@attrs.frozen(kw_only=True)
class MultiChannelMessageResponseData:
    """
    The data returned in a multichannel message response.
    """

    #: The ID of the message.
    id: str

    #: The time the message was received by the Bandwidth API.
    time: dt.datetime

    #: The direction of the message.
    direction: MessageDirectionEnum

    #: The destination phone number(s) of the message, in E164 format.
    to: list[str]

    #: A list of message bodies.
    channel_list: list[MultiChannelChannelListResponseObject]

    #: A custom string that will be included in callback events of the message.
    tag: str | None = None

    #: Specifies the message's sending priority with respect to other messages in your account.
    priority: PriorityEnum | None = None

    #: A string with the date/time value that the message will automatically expire by.
    expiration: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class ErrorSource:
    """
    Specifies relevant sources of the error, if any.
    """

    #: The relevant URI query parameter causing the error.
    parameter: str | None = None

    #: The request body field that led to the error.
    field: str | None = None

    #: The header field that contributed to the error.
    header: str | None = None

    #: A resource ID or path linked to the error.
    reference: str | None = None


@attrs.frozen(kw_only=True)
class ErrorObject:
    """
    The ``errorObject`` schema of the Bandwidth API.
    """

    #: A concise summary of the error used for categorization.
    type: str

    #: A detailed explanation of the error.
    description: str

    #: Specifies relevant sources of the error, if any.
    source: ErrorSource


@attrs.frozen(kw_only=True)
class CreateMultiChannelMessageResponse:
    """
    The ``createMultiChannelMessageResponse`` schema of the Bandwidth API.
    """

    links: list[Link] | None = None

    #: The data returned in a multichannel message response.
    data: MultiChannelMessageResponseData | None = None

    errors: list[ErrorObject] | None = None


@attrs.frozen(kw_only=True)
class MultiChannelError:
    """
    The ``multiChannelError`` schema of the Bandwidth API.
    """

    links: list[Link] | None = None

    data: dict[str, Any] | None = None

    errors: list[ErrorObject] | None = None


@attrs.frozen(kw_only=True)
class MultiChannelChannelListObjectBase:
    """
    The ``multiChannelChannelListObjectBase`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum


@attrs.frozen(kw_only=True)
class MultiChannelChannelListRBMObject:
    """
    The ``multiChannelChannelListRBMObject`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum

    #: The content of the message.
    content: RbmMessageContentText | RbmMessageMedia | RbmMessageContentRichCard


@attrs.frozen(kw_only=True)
class MultiChannelChannelListSMSObject:
    """
    The ``multiChannelChannelListSMSObject`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum

    content: SmsMessageContent


@attrs.frozen(kw_only=True)
class MultiChannelChannelListMMSObject:
    """
    The ``multiChannelChannelListMMSObject`` schema of the Bandwidth API.
    """

    #: The sender ID of the message.
    from_: str

    #: The ID of the Application your from number or senderId is associated with in the Bandwidth
    #: App.
    application_id: str

    #: The channel of the multi-channel message.
    channel: MultiChannelMessageChannelEnum

    content: MmsMessageContent


#: One of the shapes of ``multiChannelChannelListRequestObject``.
MultiChannelChannelListRequestObject: TypeAlias = (
    MultiChannelChannelListRBMObject
    | MultiChannelChannelListSMSObject
    | MultiChannelChannelListMMSObject
)


@attrs.frozen(kw_only=True)
class MultiChannelChannelListOwnerObject:
    """
    The ``multiChannelChannelListOwnerObject`` schema of the Bandwidth API.
    """

    #: The Bandwidth senderId associated with the message.
    owner: str


@attrs.frozen(kw_only=True)
class MultiChannelMessageRequest:
    """
    Multi-Channel Message Request.
    """

    #: The phone number the message should be sent to in E164 format.
    to: str

    #: A list of message bodies.
    channel_list: list[MultiChannelChannelListRequestObject]

    #: A custom string that will be included in callback events of the message.
    tag: str | None = None

    #: Specifies the message's sending priority with respect to other messages in your account.
    priority: PriorityEnum | None = None

    #: A string with the date/time value that the message will automatically expire by.
    expiration: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class MultiChannelMessageContent:
    """
    The structure of the content field of a multichannel message.
    """

    text: str | None = None

    media: RbmMessageContentFile | None = None


@attrs.frozen(kw_only=True)
class RbmSuggestionResponse:
    """
    The ``rbmSuggestionResponse`` schema of the Bandwidth API.
    """

    #: The text associated with the suggestion response.
    text: str | None = None

    #: Base64 payload the customer receives when the reply is clicked.
    postback_data: str | None = None

    #: Corresponding parent message ID (MT).
    paired_message_id: str | None = None


@attrs.frozen(kw_only=True)
class RbmLocationResponse:
    """
    The ``rbmLocationResponse`` schema of the Bandwidth API.
    """

    #: The latitude of the client's location.
    latitude: str | None = None

    #: The longitude of the client's location.
    longitude: str | None = None
