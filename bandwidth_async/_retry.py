"""
When to try a request again, and how long to wait first: one pure decision function.

`decide` reads what one attempt came to (an `Outcome`: a status and headers, or a transport
failure) and returns a `Decision`: the error that attempt stands for, and either the delay before
the next attempt (with a `RetryReason`) or nothing, meaning raise. It sleeps, reads no clock and
sends nothing: the session loop does that (``now`` is passed in for HTTP-date ``Retry-After``),
so every rule of the retry policy is a row in a table test. The model is gidgethub's sansio
``decipher_response``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import enum
import random
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import (
    BandwidthError,
    DecodeError,
    OutcomeUnknownError,
    RateLimitError,
    RequestTimeoutError,
    TransportError,
    UnauthorizedError,
    error_for_status,
)

if TYPE_CHECKING:
    from ._request import Request

__all__ = [
    "Decision",
    "Failure",
    "Outcome",
    "RetryEvent",
    "RetryPolicy",
    "RetryReason",
    "decide",
    "parse_retry_after",
]

#: Methods that are safe to send twice: the API treats them as idempotent.
IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})


def is_idempotent(request: Request) -> bool:
    """
    Whether *request* may be sent twice: its ``idempotent`` flag, else what its method says.
    """
    if request.idempotent is not None:
        return request.idempotent
    return request.method in IDEMPOTENT


_SECONDS = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


class RetryReason(enum.Enum):
    """
    Why a request is sent again, for ``on_retry`` callbacks that count kinds of trouble.
    """

    RATE_LIMITED = "rate limited"  #: 429
    SERVER_ERROR = "server error"  #: 5xx on GET, PUT or DELETE
    CONNECT_FAILED = "connect failed"  #: the connection could not be opened: nothing was sent
    CONNECTION_BROKEN = "connection broken"  #: reset, or a body cut short, on an idempotent request
    TIMEOUT = "timeout"  #: an idempotent request got no answer in time
    UNAUTHORIZED = "unauthorized"  #: a 401 with a credential that was refreshed: sent once more


class Failure(enum.Enum):
    """
    How an attempt failed without an HTTP status.
    """

    CONNECT = "could not connect"  #: the request never left
    TIMEOUT = "timed out"  #: sent, no answer in time
    BROKEN = "connection broke"  #: sent, the connection broke before the answer came
    TRUNCATED = "body cut short"  #: the status came, the body did not (all of it)


@attrs.frozen
class RetryEvent:
    """
    What ``on_retry`` hears about each retry: which request, which attempt, why, and the wait.

    Attributes:
        method: The HTTP method.
        url: The URL that was sent.
        attempt: The attempt that failed (1 for the first).
        reason: Why, as text for logs (``"429 (Retry-After: 2.0)"``, ``"503"``, ...).
        delay: Seconds waited before the next attempt.
        kind: Why, as a `RetryReason` to count by.
        error: The error this attempt would have raised.
    """

    method: str
    url: str
    attempt: int
    reason: str
    delay: float
    kind: RetryReason | None = None
    error: BandwidthError | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """
    How often and how patiently a request is retried.

    429 is retried for every method, after ``Retry-After`` when the server sends one. 5xx and
    transport errors are retried only for GET, PUT and DELETE: a POST is sent again only when
    the connection could not be opened at all, so no call is dialled twice.

    Attributes:
        max_attempts: Attempts in all, the first included (1 means no retry).
        backoff_base: The first backoff ceiling in seconds; it doubles with each attempt.
        backoff_max: The largest backoff ceiling in seconds.
        retry_after_max: The longest ``Retry-After`` honoured; a longer one raises at once.
        on_retry: Called with a `RetryEvent` before each retry, for metrics.
    """

    max_attempts: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    backoff_base: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    backoff_max: float = attrs.field(default=30.0, validator=attrs.validators.ge(0))
    retry_after_max: float = attrs.field(default=120.0, validator=attrs.validators.ge(0))
    on_retry: Callable[[RetryEvent], object] | None = attrs.field(default=None, eq=False)

    @classmethod
    def none(cls) -> RetryPolicy:
        """
        A policy that never retries: the first failure is raised.
        """
        return cls(max_attempts=1)

    def backoff(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        """
        Seconds to wait before attempt *attempt* + 1: exponential with full jitter.
        """
        ceiling = min(self.backoff_max, self.backoff_base * 2.0 ** (attempt - 1))
        return ceiling * rng()


@attrs.frozen(kw_only=True)
class Outcome:
    """
    What one attempt came to, as plain values: an error status, or a transport failure.

    Attributes:
        request: The request sent (its method decides what is safe to repeat).
        attempt: Which attempt this was, 1 for the first.
        status: The HTTP status, or ``None`` after a transport failure.
        headers: The response headers (``Retry-After`` is read from them).
        body: The decoded error body, attached to the `APIError`.
        failure: The kind of transport failure, when there was no status.
        detail: A line on the transport failure, for the error message.
        replayable: Whether the body can be sent again (a one-shot stream cannot).
        refreshable: Whether a 401 may be cured by refreshing the credential (once per request).
        timeout: The per-attempt timeout, for the message of a timeout.
    """

    request: Request
    attempt: int
    status: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    body: Any = None
    failure: Failure | None = None
    detail: str = ""
    replayable: bool = True
    refreshable: bool = False
    timeout: float | None = None


@attrs.frozen
class Decision:
    """
    What to do after a failed attempt.

    Attributes:
        error: The error the attempt stands for; raised when *delay* is ``None``.
        delay: Seconds to wait before the next attempt, or ``None``: raise *error* now.
        reason: Why it is retried (``None`` when it is not).
        text: The reason as a line for logs.
        close_gate: Seconds to hold every request to this host (a 429's ``Retry-After``).
        refresh: Refresh the credential before the next attempt (a 401).
    """

    error: BandwidthError
    delay: float | None = None
    reason: RetryReason | None = None
    text: str = ""
    close_gate: float | None = None
    refresh: bool = False


def decide(
    outcome: Outcome,
    policy: RetryPolicy,
    *,
    now: dt.datetime | None = None,
    rng: Callable[[], float] = random.random,
) -> Decision:
    """
    The decision after *outcome* under *policy*: the error, and whether and when to try again.

    The rules, in order: a transport failure after the request left, on a method that is not
    idempotent, is `OutcomeUnknownError` at once; a 401 on a refreshable credential is retried
    once at once; 429 is retried for every method, after ``Retry-After`` if it is at most
    ``retry_after_max`` (longer: raise at once), else after backoff; 5xx and other transport
    failures only for idempotent methods; nothing once ``max_attempts`` is reached or when the
    body cannot be sent again. *now* is the current time, for an HTTP-date ``Retry-After``.
    """
    if outcome.failure is not None:
        error, reason = _transport_error(outcome)
        if reason is None:
            return Decision(error)
        return _retry(outcome, policy, error, reason, text=outcome.detail, rng=rng)
    return _status_decision(outcome, policy, now, rng)


def _status_decision(
    outcome: Outcome,
    policy: RetryPolicy,
    now: dt.datetime | None,
    rng: Callable[[], float],
) -> Decision:
    request = outcome.request
    status = outcome.status or 0
    error_class = error_for_status(status)
    headers = {k: v for k, v in outcome.headers.items() if k.lower() != "set-cookie"}
    if error_class is RateLimitError:
        retry_after = parse_retry_after(outcome.headers.get("Retry-After"), now)
        error = RateLimitError(status, outcome.body, headers, request, retry_after)
        if retry_after is not None and retry_after > policy.retry_after_max:
            return Decision(error)
        text = f"{status} (Retry-After: {retry_after})"
        return _retry(
            outcome,
            policy,
            error,
            RetryReason.RATE_LIMITED,
            text=text,
            retry_after=retry_after,
            rng=rng,
        )
    api_error = error_class(status, outcome.body, headers, request)
    if error_class is UnauthorizedError and outcome.refreshable and outcome.replayable:
        # A 401 was refused before it did anything: resending is safe for every method, as
        # long as the body can be sent again (a one-shot stream was consumed by the first try).
        text = f"{status} (credential refreshed)"
        return Decision(api_error, 0.0, RetryReason.UNAUTHORIZED, text, refresh=True)
    if status >= 500 and is_idempotent(request):  # noqa: PLR2004
        return _retry(
            outcome, policy, api_error, RetryReason.SERVER_ERROR, text=str(status), rng=rng
        )
    return Decision(api_error)


def _retry(
    outcome: Outcome,
    policy: RetryPolicy,
    error: BandwidthError,
    reason: RetryReason,
    *,
    text: str,
    retry_after: float | None = None,
    rng: Callable[[], float],
) -> Decision:
    gate = retry_after if reason is RetryReason.RATE_LIMITED else None
    if outcome.attempt >= policy.max_attempts or not outcome.replayable:
        return Decision(error, None, None, text, gate)
    delay = retry_after if retry_after is not None else policy.backoff(outcome.attempt, rng)
    return Decision(error, delay, reason, text, gate)


def _transport_error(outcome: Outcome) -> tuple[BandwidthError, RetryReason | None]:
    """
    The error of a transport failure, and the reason to retry it (``None``: never).
    """
    request, what = outcome.request, outcome.detail
    error: BandwidthError
    if outcome.failure is Failure.CONNECT:
        return TransportError(f"could not connect: {what}", request), RetryReason.CONNECT_FAILED
    if not is_idempotent(request):
        error = OutcomeUnknownError(
            f"{request.method} {request.path} was sent but no answer came ({what}); it may "
            "have taken effect, so it is not sent again",
            request,
        )
        return error, None
    if outcome.failure is Failure.TIMEOUT:
        error = RequestTimeoutError(f"timed out after {outcome.timeout}s", request)
        return error, RetryReason.TIMEOUT
    if outcome.failure is Failure.TRUNCATED:
        error = TruncatedBodyError(f"the response body was cut short: {what}", request)
        return error, RetryReason.CONNECTION_BROKEN
    return TransportError(f"the connection broke: {what}", request), RetryReason.CONNECTION_BROKEN


class TruncatedBodyError(TransportError, DecodeError):
    """
    The connection ended before the whole body came: both a transport and a decode failure.
    """

    def __init__(self, message: str, request: Request | None = None) -> None:
        TransportError.__init__(self, message, request)
        self.text = ""


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """
    Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP-date.

    A date in the past gives 0; a value that is neither gives ``None`` (the caller then
    falls back to its own backoff). *now* defaults to the current time.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _SECONDS.fullmatch(text):
        # RFC 9110 says whole seconds; some servers send fractions, which cost nothing to accept.
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())
