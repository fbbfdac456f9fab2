"""
The spec's operationIds by method and path, so the emulator can name what each request is.

The paths are the specs' with every ``{parameter}`` written ``{}``; the July 2026 spec's name
wins where both specs have the operation, and the 2024 spec adds the retired lookups.
``tests/test_fake_schemathesis.py`` checks this table against both specs.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["OPERATIONS", "operation_id"]

OPERATIONS: Final[dict[tuple[str, str], str]] = {
    ("GET", "/accounts/{}/calls"): "listCalls",
    ("POST", "/accounts/{}/calls"): "createCall",
    ("GET", "/accounts/{}/calls/{}"): "getCallState",
    ("POST", "/accounts/{}/calls/{}"): "updateCall",
    ("PUT", "/accounts/{}/calls/{}/bxml"): "updateCallBxml",
    ("PUT", "/accounts/{}/calls/{}/recording"): "updateCallRecordingState",
    ("GET", "/accounts/{}/calls/{}/recordings"): "listCallRecordings",
    ("DELETE", "/accounts/{}/calls/{}/recordings/{}"): "deleteRecording",
    ("GET", "/accounts/{}/calls/{}/recordings/{}"): "getCallRecording",
    ("DELETE", "/accounts/{}/calls/{}/recordings/{}/media"): "deleteRecordingMedia",
    ("GET", "/accounts/{}/calls/{}/recordings/{}/media"): "downloadCallRecording",
    ("DELETE", "/accounts/{}/calls/{}/recordings/{}/transcription"): "deleteRecordingTranscription",
    ("GET", "/accounts/{}/calls/{}/recordings/{}/transcription"): "getRecordingTranscription",
    ("POST", "/accounts/{}/calls/{}/recordings/{}/transcription"): "transcribeCallRecording",
    ("GET", "/accounts/{}/calls/{}/transcriptions"): "listRealTimeTranscriptions",
    ("DELETE", "/accounts/{}/calls/{}/transcriptions/{}"): "deleteRealTimeTranscription",
    ("GET", "/accounts/{}/calls/{}/transcriptions/{}"): "getRealTimeTranscription",
    ("POST", "/accounts/{}/code/messaging"): "generateMessagingCode",
    ("POST", "/accounts/{}/code/verify"): "verifyCode",
    ("POST", "/accounts/{}/code/voice"): "generateVoiceCode",
    ("GET", "/accounts/{}/conferences"): "listConferences",
    ("GET", "/accounts/{}/conferences/{}"): "getConference",
    ("POST", "/accounts/{}/conferences/{}"): "updateConference",
    ("PUT", "/accounts/{}/conferences/{}/bxml"): "updateConferenceBxml",
    ("GET", "/accounts/{}/conferences/{}/members/{}"): "getConferenceMember",
    ("PUT", "/accounts/{}/conferences/{}/members/{}"): "updateConferenceMember",
    ("GET", "/accounts/{}/conferences/{}/recordings"): "listConferenceRecordings",
    ("GET", "/accounts/{}/conferences/{}/recordings/{}"): "getConferenceRecording",
    ("GET", "/accounts/{}/conferences/{}/recordings/{}/media"): "downloadConferenceRecording",
    ("GET", "/accounts/{}/endpoints"): "listEndpoints",
    ("POST", "/accounts/{}/endpoints"): "createEndpoint",
    ("DELETE", "/accounts/{}/endpoints/{}"): "deleteEndpoint",
    ("GET", "/accounts/{}/endpoints/{}"): "getEndpoint",
    ("PUT", "/accounts/{}/endpoints/{}/bxml"): "updateEndpointBxml",
    ("POST", "/accounts/{}/phoneNumberLookup"): "createSyncLookup",
    ("POST", "/accounts/{}/phoneNumberLookup/bulk"): "createAsyncBulkLookup",
    ("GET", "/accounts/{}/phoneNumberLookup/bulk/{}"): "getAsyncBulkLookup",
    ("DELETE", "/accounts/{}/phoneNumbers/{}/tollFreeVerification"): "deleteVerificationRequest",
    ("GET", "/accounts/{}/phoneNumbers/{}/tollFreeVerification"): "getTollFreeVerificationStatus",
    (
        "PUT",
        "/accounts/{}/phoneNumbers/{}/tollFreeVerification",
    ): "updateTollFreeVerificationRequest",
    ("GET", "/accounts/{}/recordings"): "listAccountCallRecordings",
    ("GET", "/accounts/{}/statistics"): "getStatistics",
    ("POST", "/accounts/{}/tnlookup"): "createLookup",
    ("GET", "/accounts/{}/tnlookup/{}"): "getLookupStatus",
    ("POST", "/accounts/{}/tollFreeVerification"): "requestTollFreeVerification",
    ("GET", "/accounts/{}/tollFreeVerification/webhooks/subscriptions"): "listWebhookSubscriptions",
    (
        "POST",
        "/accounts/{}/tollFreeVerification/webhooks/subscriptions",
    ): "createWebhookSubscription",
    (
        "DELETE",
        "/accounts/{}/tollFreeVerification/webhooks/subscriptions/{}",
    ): "deleteWebhookSubscription",
    (
        "PUT",
        "/accounts/{}/tollFreeVerification/webhooks/subscriptions/{}",
    ): "updateWebhookSubscription",
    ("GET", "/tollFreeVerification/useCases"): "listTollFreeUseCases",
    ("GET", "/users/{}/media"): "listMedia",
    ("DELETE", "/users/{}/media/{}"): "deleteMedia",
    ("GET", "/users/{}/media/{}"): "getMedia",
    ("PUT", "/users/{}/media/{}"): "uploadMedia",
    ("GET", "/users/{}/messages"): "listMessages",
    ("POST", "/users/{}/messages"): "createMessage",
    ("POST", "/users/{}/messages/multiChannel"): "createMultiChannelMessage",
}

_PARAMETER: Final = re.compile(r"\{[^}]+\}")


def operation_id(method: str, path_template: str) -> str | None:
    """
    The operationId of *method* on the route *path_template* (``/calls/{callId}``), or None.
    """
    return OPERATIONS.get((method.upper(), _PARAMETER.sub("{}", path_template)))
