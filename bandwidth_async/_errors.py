"""
Everything bandwidth_async raises.

BandwidthError
├── TransportError              could not reach Bandwidth, or the connection broke
│   ├── RequestTimeoutError     also a builtin TimeoutError
│   └── OutcomeUnknownError     a POST was sent and no answer came: it may have taken effect
├── APIError                    Bandwidth answered 4xx/5xx: .status .body .headers .request
│   ├── BadRequestError 400 · UnauthorizedError 401 · ForbiddenError 403
│   ├── NotFoundError 404 · ConflictError 409
│   ├── RateLimitError 429      .retry_after: float | None
│   └── ServerError 5xx
├── DecodeError                 a body (2xx response or callback) was not the promised JSON shape
├── PaginationError             an unreadable Link header, a cursor seen twice, a foreign next link
├── AuthenticationError         no OAuth token could be had from the token endpoint
├── ConfigurationError          missing credentials, a bad base_url
├── LookupTimeoutError          a phone number lookup still running at its deadline; a TimeoutError
└── ClientClosedError           the client was closed; also a builtin RuntimeError

This module does no I/O and imports no HTTP library: the session layer wraps their
exceptions into these with ``raise ... from exc``.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._request import Request

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "BandwidthError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "DecodeError",
    "ForbiddenError",
    "LookupTimeoutError",
    "NotFoundError",
    "OutcomeUnknownError",
    "PaginationError",
    "RateLimitError",
    "RequestTimeoutError",
    "ServerError",
    "TransportError",
    "UnauthorizedError",
    "error_for_status",
    "snippet",
]


class BandwidthError(Exception):
    """
    Base of every error the SDK raises, so one ``except`` catches them all.

    Attributes:
        cursor: Set when the error happened while a paginator fetched a page: the cursor of
            that page, which ``list(cursor=...)`` accepts to resume exactly there.
        attempts: How many times the request was sent before this error was raised.
    """

    cursor: str | None = None
    attempts: int = 1


class AuthenticationError(BandwidthError):
    """
    No OAuth 2.0 bearer token could be had from the token endpoint.

    It refused the client credentials, failed after the retries, timed out, or answered
    something that is not a token. Every request waiting for that token gets this error; the
    next request asks for a token again. The cause (``__cause__``) is the underlying error,
    when there is one.
    """


class ConfigurationError(BandwidthError):
    """
    The client cannot be built as asked: missing credentials or a bad ``base_url``.
    """


class ClientClosedError(BandwidthError, RuntimeError):
    """
    The client was closed (``aclose`` or the end of ``async with``); create a new one.
    """


class TransportError(BandwidthError):
    """
    Bandwidth could not be reached, or the connection broke before a full answer came.
    """

    def __init__(self, message: str, request: Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class RequestTimeoutError(TransportError, TimeoutError):
    """
    The request took longer than its timeout.
    """


class OutcomeUnknownError(TransportError):
    """
    A POST reached the server but no answer came back, so it may have taken effect.

    The call may exist (or the message may be sent): check, for example by the request's
    ``tag``, before sending it again. ``request`` holds what was sent.
    """


class DecodeError(BandwidthError):
    """
    A body was not the JSON shape the spec promises; ``text`` holds its first 500 characters.
    """

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text[:500]


class PaginationError(BandwidthError):
    """
    Pagination cannot go on safely: an unreadable ``Link``, a repeated cursor, a foreign origin.

    Stopping silently would lose records, so the paginator raises instead.
    """


class APIError(BandwidthError):
    """
    Bandwidth answered with an error status.

    Attributes:
        status: The HTTP status code.
        body: The decoded error model of that API (``VoiceApiError``, ``MessagingRequestError``,
            ``MfaRequestError``, ``TnLookupRequestError``), or the raw text when not JSON.
        headers: The response headers.
        request: The request that failed (its ``repr`` holds no credentials).
    """

    def __init__(
        self,
        status: int,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        request: Request | None = None,
    ) -> None:
        self.status = status
        self.body = body
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.request = request
        super().__init__(self._message())

    def _message(self) -> str:
        where = f" for {self.request.method} {self.request.path}" if self.request else ""
        detail = _describe(self.body)
        return f"{self.status}{where}" + (f": {detail}" if detail else "")


class BadRequestError(APIError):
    """
    400: the request was malformed or failed validation.
    """


class UnauthorizedError(APIError):
    """
    401: the credentials were refused.
    """


class ForbiddenError(APIError):
    """
    403: the credentials may not do this.
    """


class NotFoundError(APIError):
    """
    404: no such resource (voice keeps calls for 7 days after they end).
    """


class ConflictError(APIError):
    """
    409: the resource is not in a state that allows this (for example the call has ended).
    """


class RateLimitError(APIError):
    """
    429: too many requests; ``retry_after`` is the wait in seconds the server asked for.
    """

    def __init__(
        self,
        status: int,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        request: Request | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(status, body, headers, request)


class ServerError(APIError):
    """
    5xx: Bandwidth failed; for GET, PUT and DELETE it was retried first.
    """


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def error_for_status(status: int) -> type[APIError]:
    """
    The error class for an HTTP error *status*: one table plus a ``>= 500`` rule.
    """
    if status >= 500:  # noqa: PLR2004
        return ServerError
    return _BY_STATUS.get(status, APIError)


_SNIPPET = reprlib.Repr()
_SNIPPET.maxlevel = 8
_SNIPPET.maxdict = _SNIPPET.maxlist = _SNIPPET.maxtuple = 20
_SNIPPET.maxstring = _SNIPPET.maxother = 200


def snippet(data: object) -> str:
    """
    A bounded ``repr`` of decoded JSON for an error message: safe however deep or long it is.

    A plain ``repr`` of a 1,000-level array raises `RecursionError`; this one stops at 8 levels.
    """
    return _SNIPPET.repr(data)[:500]


def _describe(body: Any) -> str:
    """
    A short human line out of an error body, whatever its model.
    """
    if body is None:
        return ""
    if isinstance(body, str):
        return body[:200]
    parts = [
        str(value)
        for name in ("type", "description", "error", "message")
        if (value := getattr(body, name, None))
    ]
    return " - ".join(parts) if parts else snippet(body)[:200]


class LookupTimeoutError(BandwidthError, TimeoutError):
    """
    A bulk phone number lookup was still in progress when ``lookup.run`` stopped waiting.

    The lookup goes on at Bandwidth: poll ``lookup.get_bulk(request_id)`` later for its result.
    """

    def __init__(self, message: str, request_id: str) -> None:
        super().__init__(message)
        self.request_id = request_id
