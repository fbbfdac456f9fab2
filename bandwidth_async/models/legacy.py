"""
Models of the 2024 spec that the current one dropped: the v1 lookup among them.

Generated from ``spec/bandwidth-2024.yml`` by ``scripts/gen_models.py``: change the generator,
not this file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

from typing import Any

import attrs

from bandwidth_async.models._base import OpenStrEnum

__all__ = [
    "CreateLookupResponse",
    "DeferredResult",
    "LookupRequest",
    "LookupStatus",
    "LookupStatusEnum",
    "Tag",
    "TnLookupRequestError",
    "TnLookupResult",
]


class LookupStatusEnum(OpenStrEnum):
    """
    The status of the request (IN_PROGRESS, COMPLETE, PARTIAL_COMPLETE, or FAILED).
    """

    IN_PROGRESS = "IN_PROGRESS"
    COMPLETE = "COMPLETE"
    PARTIAL_COMPLETE = "PARTIAL_COMPLETE"
    FAILED = "FAILED"


@attrs.frozen(kw_only=True)
class DeferredResult:
    """
    A result computed later, or expired before it was set.
    """

    #: The result, once it is set.
    result: dict[str, Any] | None = None

    #: Whether the result was set or has expired.
    set_or_expired: bool | None = None


@attrs.frozen(kw_only=True)
class Tag:
    """
    A key/value tag.
    """

    #: The key of the tag.
    key: str | None = None

    #: The value of the tag.
    value: str | None = None


@attrs.frozen(kw_only=True)
class LookupRequest:
    """
    Create phone number lookup request.
    """

    #: The telephone numbers to look up, in E.164 format.
    tns: list[str]


@attrs.frozen(kw_only=True)
class CreateLookupResponse:
    """
    A phone number lookup that was accepted but has not finished yet.

    The request has been accepted for processing but not yet finished and in a terminal state
    (COMPLETE, PARTIAL_COMPLETE, or FAILED).
    """

    #: The phone number lookup request ID from Bandwidth.
    request_id: str | None = None

    #: The status of the request (IN_PROGRESS, COMPLETE, PARTIAL_COMPLETE, or FAILED).
    status: LookupStatusEnum | None = None


@attrs.frozen(kw_only=True)
class TnLookupResult:
    """
    Carrier information results for the specified telephone number.
    """

    #: Our vendor's response code.
    response_code: int | None = None

    #: Message associated with the response code.
    message: str | None = None

    #: The telephone number in E.164 format.
    e_164_format: str | None = None

    #: The formatted version of the telephone number.
    formatted: str | None = None

    #: The country of the telephone number.
    country: str | None = None

    #: The line type of the telephone number.
    line_type: str | None = None

    #: The messaging service provider of the telephone number.
    line_provider: str | None = None

    #: The first half of the Home Network Identity (HNI).
    mobile_country_code: str | None = None

    #: The second half of the HNI.
    mobile_network_code: str | None = None


@attrs.frozen(kw_only=True)
class LookupStatus:
    """
    If requestId exists, the result for that request is returned.

    See the Examples for details on the various responses that you can receive. Generally, if you
    see a Response Code of 0 in a result for a TN, information will be available for it. Any other
    Response Code will indicate no information was available for the TN.
    """

    #: The requestId.
    request_id: str | None = None

    #: The status of the request (IN_PROGRESS, COMPLETE, PARTIAL_COMPLETE, or FAILED).
    status: LookupStatusEnum | None = None

    #: The carrier information results for the specified telephone number.
    result: list[TnLookupResult] | None = None

    #: The telephone numbers whose lookup failed.
    failed_telephone_numbers: list[str] | None = None


@attrs.frozen(kw_only=True)
class TnLookupRequestError:
    """
    Error body returned by the phone number lookup API.
    """

    #: A description of what validation error occurred.
    message: str | None = None
