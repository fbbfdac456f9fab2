"""
Multi-factor authentication API models: code requests, verification and errors.

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""

import attrs

__all__ = [
    "CodeRequest",
    "MessagingCodeResponse",
    "MfaForbiddenRequestError",
    "MfaRequestError",
    "MfaUnauthorizedRequestError",
    "VerifyCodeRequest",
    "VerifyCodeResponse",
    "VoiceCodeResponse",
]


@attrs.frozen(kw_only=True)
class CodeRequest:
    """
    Body of the MFA voice and messaging code requests: who gets which code.
    """

    #: The phone number to send the mfa code to.
    to: str

    #: The application phone number, the sender of the mfa code.
    from_: str

    #: The application unique ID, obtained from Bandwidth.
    application_id: str

    #: An optional field to denote what scope or action the mfa code is addressing.
    scope: str | None = None

    #: The message format of the mfa code.
    message: str

    #: The number of digits for your mfa code.
    digits: int


@attrs.frozen(kw_only=True)
class VoiceCodeResponse:
    """
    The call that delivers an MFA code by voice.
    """

    #: Programmable Voice API Call ID.
    call_id: str | None = None


@attrs.frozen(kw_only=True)
class MessagingCodeResponse:
    """
    The message that delivers an MFA code by text.
    """

    #: Messaging API Message ID.
    message_id: str | None = None


@attrs.frozen(kw_only=True)
class VerifyCodeRequest:
    """
    Body of ``POST /accounts/{accountId}/code/verify``: check a code.
    """

    #: The phone number to send the mfa code to.
    to: str

    #: An optional field to denote what scope or action the mfa code is addressing.
    scope: str | None = None

    #: The time period, in minutes, to validate the mfa code.
    expiration_time_in_minutes: float

    #: The generated mfa code to check if valid.
    code: str


@attrs.frozen(kw_only=True)
class VerifyCodeResponse:
    """
    Whether an MFA code was valid.
    """

    #: Whether or not the supplied code is valid.
    valid: bool | None = None


@attrs.frozen(kw_only=True)
class MfaRequestError:
    """
    Error body returned by the MFA API.
    """

    #: A message describing the error with your request.
    error: str | None = None

    #: The associated requestId from AWS.
    request_id: str | None = None


@attrs.frozen(kw_only=True)
class MfaUnauthorizedRequestError:
    """
    Error body of an MFA request with bad credentials (401).
    """

    #: Unauthorized.
    message: str | None = None


@attrs.frozen(kw_only=True)
class MfaForbiddenRequestError:
    """
    Error body of an MFA request the account may not make (403).
    """

    #: The message containing the reason behind the request being forbidden.
    message: str | None = None
