"""
The enums of the Bandwidth API, all open to values added later.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

from bandwidth_async.models._base import OpenStrEnum

__all__ = [
    "CallDirectionEnum",
    "CallStateEnum",
    "CallbackMethodEnum",
    "ConferenceStateEnum",
    "FileFormatEnum",
    "ListMessageDirectionEnum",
    "LookupStatusEnum",
    "MachineDetectionModeEnum",
    "MessageDirectionEnum",
    "MessageStatusEnum",
    "MessageTypeEnum",
    "PriorityEnum",
    "RecordingStateEnum",
    "RedirectMethodEnum",
]


class PriorityEnum(OpenStrEnum):
    """
    The priority specified by the user.
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


class LookupStatusEnum(OpenStrEnum):
    """
    The status of the request (IN_PROGRESS, COMPLETE, PARTIAL_COMPLETE, or FAILED).
    """

    IN_PROGRESS = "IN_PROGRESS"
    COMPLETE = "COMPLETE"
    PARTIAL_COMPLETE = "PARTIAL_COMPLETE"
    FAILED = "FAILED"
