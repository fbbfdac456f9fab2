"""
Which webhook model ``callbacks.parse`` builds for which event.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter"s job.
"""

from collections.abc import Mapping
from typing import Any, TypeAlias

from bandwidth_async.models.callbacks import (
    AnswerCallback,
    BlockedWebhook,
    BridgeCompleteCallback,
    BridgeTargetCompleteCallback,
    ConferenceCompletedCallback,
    ConferenceCreatedCallback,
    ConferenceMemberExitCallback,
    ConferenceMemberJoinCallback,
    ConferenceRecordingAvailableCallback,
    ConferenceRedirectCallback,
    DisconnectCallback,
    DtmfCallback,
    EndpointEvent,
    FailureWebhook,
    GatherCallback,
    InboundMessageCallback,
    InitiateCallback,
    MachineDetectionCompleteCallback,
    MessageDeliveredCallback,
    MessageFailedCallback,
    MessageReadCallback,
    MessageSendingCallback,
    MessageSentCallback,
    RecordingAvailableCallback,
    RecordingCompleteCallback,
    RedirectCallback,
    RequestedLocationResponseCallback,
    SuggestionResponseCallback,
    TranscriptionAvailableCallback,
    TransferAnswerCallback,
    TransferCompleteCallback,
    TransferDisconnectCallback,
    VerificationDenialWebhook,
    VerificationWebhook,
)

__all__ = [
    "ENDPOINT_EVENTS",
    "MESSAGING_EVENTS",
    "TOLL_FREE_WEBHOOKS",
    "VOICE_EVENTS",
]

#: Voice callback models by ``eventType``.
VOICE_EVENTS: Mapping[str, type[Any]] = {
    "answer": AnswerCallback,
    "bridgeComplete": BridgeCompleteCallback,
    "bridgeTargetComplete": BridgeTargetCompleteCallback,
    "conferenceCreated": ConferenceCreatedCallback,
    "conferenceRedirect": ConferenceRedirectCallback,
    "conferenceMemberJoin": ConferenceMemberJoinCallback,
    "conferenceMemberExit": ConferenceMemberExitCallback,
    "conferenceCompleted": ConferenceCompletedCallback,
    "conferenceRecordingAvailable": ConferenceRecordingAvailableCallback,
    "disconnect": DisconnectCallback,
    "dtmf": DtmfCallback,
    "gather": GatherCallback,
    "initiate": InitiateCallback,
    "machineDetectionComplete": MachineDetectionCompleteCallback,
    "recordingComplete": RecordingCompleteCallback,
    "recordingAvailable": RecordingAvailableCallback,
    "redirect": RedirectCallback,
    "transcriptionAvailable": TranscriptionAvailableCallback,
    "transferAnswer": TransferAnswerCallback,
    "transferComplete": TransferCompleteCallback,
    "transferDisconnect": TransferDisconnectCallback,
}

#: Messaging callback models by ``type``.
MESSAGING_EVENTS: Mapping[str, type[Any]] = {
    "message-sending": MessageSendingCallback,
    "message-sent": MessageSentCallback,
    "message-delivered": MessageDeliveredCallback,
    "message-failed": MessageFailedCallback,
    "message-read": MessageReadCallback,
    "message-received": InboundMessageCallback,
    "requested-location-response": RequestedLocationResponseCallback,
    "suggestion-response": SuggestionResponseCallback,
}

#: Endpoint event models by ``eventType``.
ENDPOINT_EVENTS: Mapping[str, type[Any]] = {
    "DEVICE_CONNECTED": EndpointEvent,
    "DEVICE_DISCONNECTED": EndpointEvent,
}

#: Toll-free verification webhooks by the keys each can hold: their bodies name no type.
TOLL_FREE_WEBHOOKS: Mapping[type[Any], frozenset[str]] = {
    VerificationWebhook: frozenset(["accountId", "internalTicketNumber", "phoneNumber", "status"]),
    VerificationDenialWebhook: frozenset(
        [
            "accountId",
            "additionalDenialReasons",
            "blocked",
            "blockedReason",
            "declineReasonDescription",
            "denialStatusCode",
            "internalTicketNumber",
            "phoneNumber",
            "resubmitAllowed",
            "status",
        ]
    ),
    FailureWebhook: frozenset(
        ["accountId", "errorCode", "errorMessage", "errors", "internalTicketNumber", "phoneNumber"]
    ),
    BlockedWebhook: frozenset(
        ["accountId", "blocked", "blockedReason", "internalTicketNumber", "phoneNumber", "status"]
    ),
}

#: Any webhook model ``callbacks.parse`` can return for one event.
Event: TypeAlias = (
    AnswerCallback
    | BlockedWebhook
    | BridgeCompleteCallback
    | BridgeTargetCompleteCallback
    | ConferenceCompletedCallback
    | ConferenceCreatedCallback
    | ConferenceMemberExitCallback
    | ConferenceMemberJoinCallback
    | ConferenceRecordingAvailableCallback
    | ConferenceRedirectCallback
    | DisconnectCallback
    | DtmfCallback
    | EndpointEvent
    | FailureWebhook
    | GatherCallback
    | InboundMessageCallback
    | InitiateCallback
    | MachineDetectionCompleteCallback
    | MessageDeliveredCallback
    | MessageFailedCallback
    | MessageReadCallback
    | MessageSendingCallback
    | MessageSentCallback
    | RecordingAvailableCallback
    | RecordingCompleteCallback
    | RedirectCallback
    | RequestedLocationResponseCallback
    | SuggestionResponseCallback
    | TranscriptionAvailableCallback
    | TransferAnswerCallback
    | TransferCompleteCallback
    | TransferDisconnectCallback
    | VerificationDenialWebhook
    | VerificationWebhook
)
