"""
The enums of the Bandwidth API, all open to values added later.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

from bandwidth_async.models._base import OpenStrEnum

__all__ = [
    "BusinessEntityTypeEnum",
    "BusinessRegistrationTypeEnum",
    "CallDirectionEnum",
    "CallStateEnum",
    "CallTranscriptionDetectedLanguageEnum",
    "CallTranscriptionTrackEnum",
    "CallbackMethodEnum",
    "CardWidthEnum",
    "CompletedLookupStatusEnum",
    "ConferenceStateEnum",
    "DeactivationEventEnum",
    "DeviceStatusEnum",
    "EndpointDirectionEnum",
    "EndpointEventTypeEnum",
    "EndpointStatusEnum",
    "EndpointTypeEnum",
    "FileFormatEnum",
    "InProgressLookupStatusEnum",
    "InboundCallbackTypeEnum",
    "LatestMessageDeliveryStatusEnum",
    "LineTypeEnum",
    "ListMessageDirectionEnum",
    "MachineDetectionModeEnum",
    "MessageDirectionEnum",
    "MessageStatusEnum",
    "MessageTypeEnum",
    "MultiChannelMessageChannelEnum",
    "PriorityEnum",
    "ProductTypeEnum",
    "RbmActionTypeEnum",
    "RbmMediaHeightEnum",
    "RbmOpenUrlEnum",
    "RbmWebViewEnum",
    "RecordingStateEnum",
    "RedirectMethodEnum",
    "StandaloneCardOrientationEnum",
    "StatusCallbackTypeEnum",
    "TfvCallbackStatusEnum",
    "TfvStatusEnum",
    "ThumbnailAlignmentEnum",
    "WebhookSubscriptionTypeEnum",
]


class PriorityEnum(OpenStrEnum):
    """
    Specifies the message's sending priority with respect to other messages in your account.

    For best results and optimal throughput, reserve the 'high' priority setting for critical
    messages only.
    """

    DEFAULT = "default"
    HIGH = "high"


class MessageStatusEnum(OpenStrEnum):
    """
    The status of the message.

    One of RECEIVED QUEUED SENDING SENT FAILED DELIVERED ACCEPTED UNDELIVERED.
    """

    RECEIVED = "RECEIVED"
    QUEUED = "QUEUED"
    SENDING = "SENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    DELIVERED = "DELIVERED"
    ACCEPTED = "ACCEPTED"
    UNDELIVERED = "UNDELIVERED"


class ListMessageDirectionEnum(OpenStrEnum):
    """
    The direction of the message.

    One of INBOUND OUTBOUND.
    """

    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"


class MessageDirectionEnum(OpenStrEnum):
    """
    The direction of the message.

    One of in out.
    """

    IN = "in"
    OUT = "out"


class MessageTypeEnum(OpenStrEnum):
    """
    The type of message.

    Either SMS or MMS.
    """

    SMS = "sms"
    MMS = "mms"
    RCS = "rcs"


class ProductTypeEnum(OpenStrEnum):
    """
    The type of product associated with the message.
    """

    LOCAL_A2_P = "LOCAL_A2P"
    P2_P = "P2P"
    SHORT_CODE_REACH = "SHORT_CODE_REACH"
    TOLL_FREE = "TOLL_FREE"
    HOSTED_SHORT_CODE = "HOSTED_SHORT_CODE"
    ALPHA_NUMERIC = "ALPHA_NUMERIC"
    RBM_MEDIA = "RBM_MEDIA"
    RBM_RICH = "RBM_RICH"
    RBM_CONVERSATIONAL = "RBM_CONVERSATIONAL"


class MultiChannelMessageChannelEnum(OpenStrEnum):
    """
    The channel of the multi-channel message.
    """

    RBM = "RBM"
    SMS = "SMS"
    MMS = "MMS"


class RbmMediaHeightEnum(OpenStrEnum):
    """
    The height of the media.
    """

    SHORT = "SHORT"
    MEDIUM = "MEDIUM"
    TALL = "TALL"


class StandaloneCardOrientationEnum(OpenStrEnum):
    """
    The ``standaloneCardOrientationEnum`` schema of the Bandwidth API.
    """

    HORIZONTAL = "HORIZONTAL"
    VERTICAL = "VERTICAL"


class ThumbnailAlignmentEnum(OpenStrEnum):
    """
    The alignment of the thumbnail image in the card.

    Required when orientation is HORIZONTAL.
    """

    LEFT = "LEFT"
    RIGHT = "RIGHT"


class CardWidthEnum(OpenStrEnum):
    """
    The ``cardWidthEnum`` schema of the Bandwidth API.
    """

    SMALL = "SMALL"
    MEDIUM = "MEDIUM"


class RbmActionTypeEnum(OpenStrEnum):
    """
    The ``rbmActionTypeEnum`` schema of the Bandwidth API.
    """

    REPLY = "REPLY"
    DIAL_PHONE = "DIAL_PHONE"
    SHOW_LOCATION = "SHOW_LOCATION"
    CREATE_CALENDAR_EVENT = "CREATE_CALENDAR_EVENT"
    OPEN_URL = "OPEN_URL"
    REQUEST_LOCATION = "REQUEST_LOCATION"


class RbmOpenUrlEnum(OpenStrEnum):
    """
    Specifies how the URL should be opened on a mobile device.

    - ``BROWSER`` Opens the URL in the device's default browser. If application is not set or the
    device doesn't support WebView, this option is used by default. - ``WEBVIEW`` Opens the URL in
    an in-app WebView.
    """

    BROWSER = "BROWSER"
    WEBVIEW = "WEBVIEW"


class RbmWebViewEnum(OpenStrEnum):
    """
    Defines the layout of the WebView on a mobile device.

    It must be defined when application is set to ``WEBVIEW`` and must not be set when application
    is set to ``BROWSER``. - ``FULL`` WebView takes the full screen. - ``HALF`` WebView takes half
    of the screen. - ``TALL`` WebView takes three-quarters of the screen.
    """

    FULL = "FULL"
    HALF = "HALF"
    TALL = "TALL"


class StatusCallbackTypeEnum(OpenStrEnum):
    """
    The ``statusCallbackTypeEnum`` schema of the Bandwidth API.

    The possible status callbacks when sending an MT SMS or MMS or RBM message: -
    ``message-sending`` indicates that Bandwidth is sending the message to the upstream provider. -
    ``message-sent`` indicates that the message has left the Bandwidth network and is in transit to
    the provider. - ``message-delivered`` indicates that the message was successfully delivered to
    handset. - ``message-failed`` indicates that the message could not be sent to the intended
    recipient. - ``message-read`` indicates that the RBM message was read by the recipient.
    """

    MESSAGE_SENDING = "message-sending"
    MESSAGE_SENT = "message-sent"
    MESSAGE_DELIVERED = "message-delivered"
    MESSAGE_FAILED = "message-failed"
    MESSAGE_READ = "message-read"


class InboundCallbackTypeEnum(OpenStrEnum):
    """
    The ``inboundCallbackTypeEnum`` schema of the Bandwidth API.

    The possible inbound callback types originating from MO messages or multichannel message client
    responses: - ``message-received`` indicates an MO message from a Bandwidth user's client to a
    Bandwidth number. - ``requested-location-response`` indicates a response to a location request
    sent by the Bandwidth user's client after receiving an RBM message. - ``suggestion-response``
    indicates a response to a suggestion sent by the Bandwidth user's client after receiving an RBM
    message.
    """

    MESSAGE_RECEIVED = "message-received"
    REQUESTED_LOCATION_RESPONSE = "requested-location-response"
    SUGGESTION_RESPONSE = "suggestion-response"


class CallbackMethodEnum(OpenStrEnum):
    """
    The HTTP method to use to deliver the callback.

    GET or POST. Default value is POST.
    """

    GET = "GET"
    POST = "POST"


class RedirectMethodEnum(OpenStrEnum):
    """
    The HTTP method to use for the request to ``redirectUrl``.

    GET or POST. Default value is POST.
    """

    GET = "GET"
    POST = "POST"


class RecordingStateEnum(OpenStrEnum):
    """
    The recording state.
    """

    PAUSED = "paused"
    RECORDING = "recording"


class CallDirectionEnum(OpenStrEnum):
    """
    The direction of the call.
    """

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class FileFormatEnum(OpenStrEnum):
    """
    The format that the recording is stored in.
    """

    MP3 = "mp3"
    WAV = "wav"


class CallStateEnum(OpenStrEnum):
    """
    The call state.

    Possible values: ``active`` to redirect the call (default) ``completed`` to hang up the call if
    it is answered, cancel it if it is an unanswered outbound call, or reject it if it an unanswered
    inbound call.
    """

    ACTIVE = "active"
    COMPLETED = "completed"


class ConferenceStateEnum(OpenStrEnum):
    """
    Setting the conference state to ``completed`` ends the conference and ejects all members.
    """

    ACTIVE = "active"
    COMPLETED = "completed"


class MachineDetectionModeEnum(OpenStrEnum):
    """
    The machine detection mode.

    If set to 'async', the detection result will be sent in a 'machineDetectionComplete' callback.
    If set to 'sync', the 'answer' callback will wait for the machine detection to complete and will
    include its result.
    """

    SYNC = "sync"
    ASYNC = "async"


class CallTranscriptionDetectedLanguageEnum(OpenStrEnum):
    """
    The detected language for this transcription.
    """

    EN_US = "en-US"
    ES_US = "es-US"
    FR_FR = "fr-FR"


class CallTranscriptionTrackEnum(OpenStrEnum):
    """
    Which ``track`` this transcription is derived from.
    """

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class CompletedLookupStatusEnum(OpenStrEnum):
    """
    The ``completedLookupStatusEnum`` schema of the Bandwidth API.
    """

    COMPLETE = "COMPLETE"
    PARTIAL_COMPLETE = "PARTIAL_COMPLETE"
    FAILED = "FAILED"


class InProgressLookupStatusEnum(OpenStrEnum):
    """
    The ``inProgressLookupStatusEnum`` schema of the Bandwidth API.
    """

    IN_PROGRESS = "IN_PROGRESS"
    COMPLETE = "COMPLETE"
    PARTIAL_COMPLETE = "PARTIAL_COMPLETE"
    FAILED = "FAILED"


class DeactivationEventEnum(OpenStrEnum):
    """
    DNI-Only.

    ``DEACTIVATED`` if the carrier reported a deactivation event for this phone number.
    """

    DEACTIVATED = "DEACTIVATED"


class LatestMessageDeliveryStatusEnum(OpenStrEnum):
    """
    DNI-Only.

    The current delivery status of the phone number. - ACTIVE: A message was successfully sent to
    the number (delivery code 0). - DEACTIVATED: A message was not delivered to a number (delivery
    code 720) - UNKNOWN: Bandwidth cannot find an delivery status entry for the number. -
    NOT_ENABLED: The phone number is not enabled for messaging, so there is no delivery status
    information.
    """

    ACTIVE = "ACTIVE"
    DEACTIVATED = "DEACTIVATED"
    UNKNOWN = "UNKNOWN"
    NOT_ENABLED = "NOT_ENABLED"


class LineTypeEnum(OpenStrEnum):
    """
    The ``lineTypeEnum`` schema of the Bandwidth API.
    """

    FIXED = "FIXED"
    VOIP_FIXED = "VOIP-FIXED"
    MOBILE = "MOBILE"
    VOIP = "VOIP"


class TfvCallbackStatusEnum(OpenStrEnum):
    """
    The ``tfvCallbackStatusEnum`` schema of the Bandwidth API.
    """

    VERIFIED = "VERIFIED"
    UNVERIFIED = "UNVERIFIED"


class BusinessRegistrationTypeEnum(OpenStrEnum):
    """
    The type of business registration number.
    """

    EIN = "EIN"
    CBN = "CBN"
    NEQ = "NEQ"
    PROVINCIAL_NUMBER = "PROVINCIAL_NUMBER"
    CRN = "CRN"
    VAT = "VAT"
    ACN = "ACN"
    ABN = "ABN"
    BRN = "BRN"
    SIREN = "SIREN"
    SIRET = "SIRET"
    NZBN = "NZBN"
    UST_IDNR = "UST_IDNR"
    CIF = "CIF"
    NIF = "NIF"
    CNPJ = "CNPJ"
    UID = "UID"
    OTHER = "OTHER"


class BusinessEntityTypeEnum(OpenStrEnum):
    """
    The type of registered business.
    """

    SOLE_PROPRIETOR = "SOLE_PROPRIETOR"
    PRIVATE_PROFIT = "PRIVATE_PROFIT"
    PUBLIC_PROFIT = "PUBLIC_PROFIT"
    NON_PROFIT = "NON_PROFIT"
    GOVERNMENT = "GOVERNMENT"


class WebhookSubscriptionTypeEnum(OpenStrEnum):
    """
    The ``webhookSubscriptionTypeEnum`` schema of the Bandwidth API.
    """

    TOLLFREE_VERIFICATION_STATUS = "TOLLFREE_VERIFICATION_STATUS"
    MESSAGING_PORTOUT_APPROVAL_STATUS = "MESSAGING_PORTOUT_APPROVAL_STATUS"


class TfvStatusEnum(OpenStrEnum):
    """
    The ``tfvStatusEnum`` schema of the Bandwidth API.
    """

    VERIFIED = "VERIFIED"
    UNVERIFIED = "UNVERIFIED"
    PENDING = "PENDING"


class EndpointStatusEnum(OpenStrEnum):
    """
    The ``endpointStatusEnum`` schema of the Bandwidth API.
    """

    CONNECTED = "CONNECTED"
    DISCONNECTED = "DISCONNECTED"


class DeviceStatusEnum(OpenStrEnum):
    """
    The ``deviceStatusEnum`` schema of the Bandwidth API.
    """

    CONNECTED = "CONNECTED"
    DISCONNECTED = "DISCONNECTED"


class EndpointTypeEnum(OpenStrEnum):
    """
    The ``endpointTypeEnum`` schema of the Bandwidth API.
    """

    WEBRTC = "WEBRTC"


class EndpointDirectionEnum(OpenStrEnum):
    """
    The ``endpointDirectionEnum`` schema of the Bandwidth API.
    """

    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"
    BIDIRECTIONAL = "BIDIRECTIONAL"


class EndpointEventTypeEnum(OpenStrEnum):
    """
    The ``endpointEventTypeEnum`` schema of the Bandwidth API.
    """

    DEVICE_CONNECTED = "DEVICE_CONNECTED"
    DEVICE_DISCONNECTED = "DEVICE_DISCONNECTED"
