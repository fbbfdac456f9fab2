"""
Toll-free verification models: requests, their status and webhook subscriptions.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import datetime as dt
from typing import Any

import attrs

from bandwidth_async.models._enums import (
    BusinessEntityTypeEnum,
    BusinessRegistrationTypeEnum,
    TfvStatusEnum,
    WebhookSubscriptionTypeEnum,
)

__all__ = [
    "AdditionalDenialReason",
    "Address",
    "Contact",
    "LinksObject",
    "OptInWorkflow",
    "TelephoneNumber",
    "TfvBasicAuthentication",
    "TfvError",
    "TfvStatus",
    "TfvSubmissionInfo",
    "TfvSubmissionWrapper",
    "VerificationRequest",
    "VerificationUpdateRequest",
    "WebhookSubscription",
    "WebhookSubscriptionBasicAuthentication",
    "WebhookSubscriptionError",
    "WebhookSubscriptionRequestSchema",
    "WebhookSubscriptionsListBody",
]


@attrs.frozen(kw_only=True)
class AdditionalDenialReason:
    """
    The ``additionalDenialReason`` schema of the Bandwidth API.
    """

    #: Reason code for denial.
    status_code: int

    #: Explanation for why a verification request was declined.
    reason: str

    #: Whether a Toll-Free Verification request qualifies for resubmission via PUT.
    resubmit_allowed: bool


@attrs.frozen(kw_only=True)
class Address:
    """
    The ``address`` schema of the Bandwidth API.
    """

    #: The name of the business using the toll-free number.
    name: str

    #: The address of the business using the toll-free number.
    addr1: str

    #: The address of the business using the toll-free number.
    addr2: str | None = None

    #: The city of the business using the toll-free number.
    city: str

    #: The state of the business using the toll-free number.
    state: str

    #: The zip of the business using the toll-free number.
    zip: str

    #: The website of the business using the toll-free number.
    url: str


@attrs.frozen(kw_only=True)
class Contact:
    """
    The ``contact`` schema of the Bandwidth API.
    """

    #: The first name of the business contact using the toll-free number.
    first_name: str

    #: The last name of the business contact using the toll-free number.
    last_name: str

    email: str

    #: Contact telephone number.
    phone_number: str


@attrs.frozen(kw_only=True)
class OptInWorkflow:
    """
    The ``optInWorkflow`` schema of the Bandwidth API.
    """

    #: What went wrong.
    description: str

    image_urls: list[str]

    confirmation_response: str | None = None


@attrs.frozen(kw_only=True)
class VerificationRequest:
    """
    The ``verificationRequest`` schema of the Bandwidth API.
    """

    business_address: Address

    business_contact: Contact

    #: Estimated monthly volume of messages from the toll-free number.
    message_volume: int

    phone_numbers: list[str]

    #: The category of the use case.
    use_case: str

    #: A general idea of the use case and customer.
    use_case_summary: str

    #: Example of message content.
    production_message_content: str

    opt_in_workflow: OptInWorkflow

    #: Any additional information.
    additional_information: str | None = None

    #: ISV name.
    isv_reseller: str | None = None

    #: The Toll-Free Verification request privacy policy URL.
    privacy_policy_url: str | None = None

    #: The Toll-Free Verification request terms and conditions policy URL.
    terms_and_conditions_url: str | None = None

    #: The company 'Doing Business As'.
    business_dba: str | None = None

    #: Government-issued business identifying number.
    business_registration_number: str | None = None

    #: The type of business registration number.
    business_registration_type: BusinessRegistrationTypeEnum | None = None

    #: The country issuing the business registration in ISO-3166-1 alpha-3 format.
    business_registration_issuing_country: str | None = None

    #: The type of registered business.
    business_entity_type: BusinessEntityTypeEnum

    #: A message that gets sent to users requesting help.
    help_message_response: str | None = None

    #: Indicates whether the content is age-gated.
    age_gated_content: bool | None = None

    #: The token provided by Campaign Verify to validate your political use case.
    cv_token: str | None = None


@attrs.frozen(kw_only=True)
class VerificationUpdateRequest:
    """
    The ``verificationUpdateRequest`` schema of the Bandwidth API.
    """

    business_address: Address

    business_contact: Contact

    #: Estimated monthly volume of messages from the toll-free number.
    message_volume: int

    #: The category of the use case.
    use_case: str

    #: A general idea of the use case and customer.
    use_case_summary: str

    #: Example of message content.
    production_message_content: str

    opt_in_workflow: OptInWorkflow

    #: Any additional information.
    additional_information: str | None = None

    #: ISV name.
    isv_reseller: str | None = None

    #: The Toll-Free Verification request privacy policy URL.
    privacy_policy_url: str | None = None

    #: The Toll-Free Verification request terms and conditions policy URL.
    terms_and_conditions_url: str | None = None

    #: The company 'Doing Business As'.
    business_dba: str | None = None

    #: Government-issued business identifying number.
    business_registration_number: str | None = None

    #: The type of business registration number.
    business_registration_type: BusinessRegistrationTypeEnum | None = None

    #: The type of registered business.
    business_entity_type: BusinessEntityTypeEnum | None = None

    #: The country issuing the business registration in ISO-3166-1 alpha-3 format.
    business_registration_issuing_country: str | None = None

    #: A message that gets sent to users requesting help.
    help_message_response: str | None = None

    #: Indicates whether the content is age-gated.
    age_gated_content: bool | None = None

    #: The token provided by Campaign Verify to validate your political use case.
    cv_token: str | None = None


@attrs.frozen(kw_only=True)
class TfvBasicAuthentication:
    """
    The ``tfvBasicAuthentication`` schema of the Bandwidth API.
    """

    username: str

    #: Never shown in ``repr``.
    password: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class WebhookSubscriptionRequestSchema:
    """
    The ``webhookSubscriptionRequestSchema`` schema of the Bandwidth API.
    """

    basic_authentication: TfvBasicAuthentication | None = None

    #: Callback URL to receive status updates from Bandwidth.
    callback_url: str | None

    #: An ASCII string submitted by the user as a shared secret key for generating an HMAC header
    #: for callbacks. Never shown in ``repr``.
    shared_secret_key: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class TfvSubmissionWrapper:
    """
    The ``tfvSubmissionWrapper`` schema of the Bandwidth API.
    """

    submission: VerificationUpdateRequest | None = None


@attrs.frozen(kw_only=True)
class LinksObject:
    """
    The ``linksObject`` schema of the Bandwidth API.
    """

    #: The first (or only) page of results matching the query.
    first: str | None = None

    #: If more results exist than specified by 'size', this link returns the next page of 'size'
    #: results.
    next: str | None = None

    #: If the results are more than one page, this link returns the previous page of 'size' results.
    previous: str | None = None

    #: If more results exist than specified by 'size', this link return the last page of result.
    last: str | None = None


@attrs.frozen(kw_only=True)
class TelephoneNumber:
    """
    The ``telephoneNumber`` schema of the Bandwidth API.
    """

    #: Simple Telephone Number.
    telephone_number: str | None = None


@attrs.frozen(kw_only=True)
class WebhookSubscriptionError:
    """
    The ``webhookSubscriptionError`` schema of the Bandwidth API.
    """

    code: int | None = None

    #: What went wrong.
    description: str | None = None

    telephone_numbers: list[TelephoneNumber] | None = None


@attrs.frozen(kw_only=True)
class WebhookSubscriptionBasicAuthentication:
    """
    The ``webhookSubscription.basicAuthentication`` schema of the Bandwidth API.

    Basic authentication credentials are not required, but if present, both username and password
    must be provided.
    """

    username: str

    #: Never shown in ``repr``.
    password: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class WebhookSubscription:
    """
    The ``webhookSubscription`` schema of the Bandwidth API.

    Information about a webhook that Bandwidth should send upon the completion of event customer has
    subscribed to.
    """

    id: str | None = None

    account_id: str | None = None

    #: Callback URL to receive status updates from Bandwidth.
    callback_url: str | None

    #: The kind of error.
    type: WebhookSubscriptionTypeEnum | None = None

    #: Basic authentication credentials are not required, but if present, both username and password
    #: must be provided.
    basic_authentication: WebhookSubscriptionBasicAuthentication | None = None

    created_date: dt.datetime | None = None

    modified_date: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class WebhookSubscriptionsListBody:
    """
    The ``webhookSubscriptionsListBody`` schema of the Bandwidth API.

    A list of all webhook subscriptions registered for this account ID for this particular feature
    (unpaginated).
    """

    links: LinksObject | None = None

    errors: list[WebhookSubscriptionError] | None = None

    data: list[WebhookSubscription]


@attrs.frozen(kw_only=True)
class TfvError:
    """
    A generic error object.
    """

    #: The kind of error.
    type: str | None = None

    #: What went wrong.
    description: str | None = None

    #: Each key of this errors object refers to a field of the submitted object (using dot notation
    #: for nested objects), with the field being a key to an array of one or more errors for that
    #: field.
    errors: dict[str, Any] | None = None


@attrs.frozen(kw_only=True)
class TfvSubmissionInfo:
    """
    The ``tfvSubmissionInfo`` schema of the Bandwidth API.
    """

    business_address: Address | None = None

    business_contact: Contact | None = None

    #: Estimated monthly volume of messages from the toll-free number.
    message_volume: int | None = None

    #: The category of the use case.
    use_case: str | None = None

    #: A general idea of the use case and customer.
    use_case_summary: str | None = None

    #: Example of message content.
    production_message_content: str | None = None

    opt_in_workflow: OptInWorkflow | None = None

    #: Any additional information.
    additional_information: str | None = None

    #: ISV name.
    isv_reseller: str | None = None

    #: The Toll-Free Verification request privacy policy URL.
    privacy_policy_url: str | None = None

    #: The Toll-Free Verification request terms and conditions policy URL.
    terms_and_conditions_url: str | None = None

    #: The company 'Doing Business As'.
    business_dba: str | None = None

    #: Government-issued business identifying number.
    business_registration_number: str | None = None

    #: The type of business registration number.
    business_registration_type: BusinessRegistrationTypeEnum | None = None

    #: The country issuing the business registration in ISO-3166-1 alpha-3 format.
    business_registration_issuing_country: str | None = None

    #: The type of registered business.
    business_entity_type: BusinessEntityTypeEnum | None = None


@attrs.frozen(kw_only=True)
class TfvStatus:
    """
    The ``tfvStatus`` schema of the Bandwidth API.
    """

    #: Toll-free telephone number in E.164 format.
    phone_number: str | None = None

    status: TfvStatusEnum | None = None

    #: Unique identifier (UUID) generated by Bandwidth to assist in tracking the verification status
    #: of a toll-free number - included in all webhook payloads.
    internal_ticket_number: str | None = None

    #: Explanation for why a verification request was declined.
    decline_reason_description: str | None = None

    #: Reason code for denial.
    denial_status_code: int | None = None

    #: An optional list of denial reasons in addition to declineReasonDescription when multiple
    #: reasons apply.
    additional_denial_reasons: list[AdditionalDenialReason] | None = None

    #: Whether a Toll-Free Verification request qualifies for resubmission via PUT.
    resubmit_allowed: bool | None = None

    #: Date and time the verification request was created.
    created_date_time: dt.datetime | None = None

    #: Date and time the verification request was last modified.
    modified_date_time: dt.datetime | None = None

    submission: TfvSubmissionInfo | None = None

    #: Whether a Toll-Free Verification is blocked.
    blocked: bool | None = None

    #: The reason why the Toll-Free Verification is blocked.
    blocked_reason: str | None = None

    #: The token provided by Campaign Verify to validate your political use case.
    cv_token: str | None = None
