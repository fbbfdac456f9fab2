"""
Phone number lookup (v2) models: synchronous and bulk lookups and their results.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

from typing import Any

import attrs

from bandwidth_async.models._enums import (
    CompletedLookupStatusEnum,
    DeactivationEventEnum,
    InProgressLookupStatusEnum,
    LatestMessageDeliveryStatusEnum,
    LineTypeEnum,
)

__all__ = [
    "AsyncLookupRequest",
    "CreateAsyncBulkLookupResponse",
    "CreateAsyncBulkLookupResponseData",
    "CreateSyncLookupResponse",
    "CreateSyncLookupResponseData",
    "GetAsyncBulkLookupResponse",
    "GetAsyncBulkLookupResponseData",
    "LinkSchema",
    "LookupErrorResponse",
    "LookupErrorSchema",
    "LookupErrorSchemaMeta",
    "LookupResult",
    "SyncLookupRequest",
]


@attrs.frozen(kw_only=True)
class LinkSchema:
    """
    The ``linkSchema`` schema of the Bandwidth API.
    """

    #: URI of the link.
    href: str | None = None

    #: Specifies the relationship between this link and the resource.
    rel: str | None = None

    #: HTTP method to be used.
    method: str | None = None


@attrs.frozen(kw_only=True)
class LookupErrorSchemaMeta:
    """
    The ``meta`` of a ``LookupErrorSchema``.
    """

    phone_numbers: list[str] | None = None

    #: Message describing the error.
    message: str | None = None

    #: Error code associated with the message.
    code: int | None = None


@attrs.frozen(kw_only=True)
class LookupErrorSchema:
    """
    The ``lookupErrorSchema`` schema of the Bandwidth API.
    """

    #: Validation error code.
    code: str | None = None

    #: Description of validation error.
    description: str

    #: Type of validation error.
    type: str

    meta: LookupErrorSchemaMeta | None = None


@attrs.frozen(kw_only=True)
class SyncLookupRequest:
    """
    The ``syncLookupRequest`` schema of the Bandwidth API.
    """

    #: Telephone numbers in E.164 format.
    phone_numbers: list[str]

    #: Override the default RCS sender/agent ID used when checking RCS capabilities.
    rcs_agent: str | None = None


@attrs.frozen(kw_only=True)
class AsyncLookupRequest:
    """
    The ``asyncLookupRequest`` schema of the Bandwidth API.
    """

    #: Telephone numbers in E.164 format.
    phone_numbers: list[str]


@attrs.frozen(kw_only=True)
class LookupResult:
    """
    Carrier information results for the specified telephone number.
    """

    #: The telephone number in E.164 format.
    phone_number: str | None = None

    line_type: LineTypeEnum | None = None

    #: The messaging service provider of the telephone number.
    messaging_provider: str | None = None

    #: The voice service provider of the telephone number.
    voice_provider: str | None = None

    #: The country code of the telephone number in ISO 3166-1 alpha-3 format.
    country_code_a3: str | None = None

    #: DNI-Only.
    deactivation_reporter: str | None = None

    #: DNI-Only.
    deactivation_date: str | None = None

    #: DNI-Only.
    deactivation_event: DeactivationEventEnum | None = None

    #: DNI-Only.
    latest_message_delivery_status: LatestMessageDeliveryStatusEnum | None = None

    #: DNI-Only.
    initial_message_delivery_status_date: str | None = None

    #: DNI-Only.
    latest_message_delivery_status_date: str | None = None

    #: RCS-Only.
    rcs_enabled: bool | None = None


@attrs.frozen(kw_only=True)
class CreateSyncLookupResponseData:
    """
    The phone number lookup response data.
    """

    #: The phone number lookup request ID from Bandwidth.
    request_id: str | None = None

    status: CompletedLookupStatusEnum | None = None

    #: The carrier information results for the specified telephone numbers.
    results: list[LookupResult] | None = None


@attrs.frozen(kw_only=True)
class CreateSyncLookupResponse:
    """
    The ``createSyncLookupResponse`` schema of the Bandwidth API.
    """

    links: list[LinkSchema] | None = None

    #: The phone number lookup response data.
    data: CreateSyncLookupResponseData | None = None

    errors: list[LookupErrorSchema] | None = None


@attrs.frozen(kw_only=True)
class CreateAsyncBulkLookupResponseData:
    """
    The phone number lookup response data.
    """

    #: The phone number lookup request ID from Bandwidth.
    request_id: str | None = None

    status: InProgressLookupStatusEnum | None = None


@attrs.frozen(kw_only=True)
class CreateAsyncBulkLookupResponse:
    """
    The ``createAsyncBulkLookupResponse`` schema of the Bandwidth API.
    """

    #: Links for pagination (if applicable).
    links: list[LinkSchema] | None = None

    #: The phone number lookup response data.
    data: CreateAsyncBulkLookupResponseData | None = None

    errors: list[LookupErrorSchema] | None = None


@attrs.frozen(kw_only=True)
class GetAsyncBulkLookupResponseData:
    """
    The phone number lookup response data.
    """

    #: The phone number lookup request ID from Bandwidth.
    request_id: str | None = None

    status: InProgressLookupStatusEnum | None = None

    #: The carrier information results for the specified telephone number.
    results: list[LookupResult] | None = None


@attrs.frozen(kw_only=True)
class GetAsyncBulkLookupResponse:
    """
    The ``getAsyncBulkLookupResponse`` schema of the Bandwidth API.
    """

    links: list[LinkSchema] | None = None

    #: The phone number lookup response data.
    data: GetAsyncBulkLookupResponseData | None = None

    errors: list[LookupErrorSchema] | None = None


@attrs.frozen(kw_only=True)
class LookupErrorResponse:
    """
    The ``lookupErrorResponse`` schema of the Bandwidth API.
    """

    links: list[LinkSchema] | None = None

    #: The phone number lookup response data.
    data: dict[str, Any] | None = None

    errors: list[LookupErrorSchema] | None = None
