"""
The retry decision as a pure function: one row per rule of the README's "Retries" section.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import bandwidth_async as bw
from bandwidth_async._request import Host, Request
from bandwidth_async._retry import Failure, Outcome, RetryReason, decide

NOW = dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC)
POLICY = bw.RetryPolicy(max_attempts=4, backoff_base=0.5, backoff_max=30.0, retry_after_max=120.0)
HALF = 0.5  # the jitter draw: full jitter times one half


def request(method: str) -> Request:
    return Request(method, Host.VOICE, "/accounts/{account_id}/calls")


def status(method: str, code: int, attempt: int = 1, *, retry_after: str | None = None) -> Outcome:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return Outcome(request=request(method), attempt=attempt, status=code, headers=headers)


def failed(method: str, failure: Failure, attempt: int = 1) -> Outcome:
    return Outcome(request=request(method), attempt=attempt, failure=failure, detail="boom")


@attrs.frozen
class Row:
    outcome: Outcome
    error: type[bw.BandwidthError]
    delay: float | None
    reason: RetryReason | None
    gate: float | None = None


HTTP_DATE = "Sun, 15 Nov 2026 10:00:03 GMT"  # NOW + 3 s

ROWS = {
    # 429: every method, after Retry-After (seconds or HTTP-date), else backoff; the gate closes.
    "429 seconds": Row(status("GET", 429, retry_after="2"), bw.RateLimitError, 2.0,
                       RetryReason.RATE_LIMITED, 2.0),
    "429 http-date": Row(status("GET", 429, retry_after=HTTP_DATE), bw.RateLimitError,
                         3.0, RetryReason.RATE_LIMITED, 3.0),
    "429 absent": Row(status("GET", 429), bw.RateLimitError, 0.5 * HALF,
                      RetryReason.RATE_LIMITED),
    "429 garbage": Row(status("GET", 429, retry_after="soon"), bw.RateLimitError,
                       0.5 * HALF, RetryReason.RATE_LIMITED),
    "429 over the cap": Row(status("GET", 429, retry_after="3600"), bw.RateLimitError,
                            None, None),
    "429 POST": Row(status("POST", 429, retry_after="1"), bw.RateLimitError, 1.0,
                    RetryReason.RATE_LIMITED, 1.0),
    "429 last attempt": Row(status("GET", 429, 4, retry_after="1"), bw.RateLimitError,
                            None, None, 1.0),
    # 5xx: GET, PUT, DELETE with backoff doubling per attempt; never POST.
    "503 GET": Row(status("GET", 503), bw.ServerError, 0.5 * HALF, RetryReason.SERVER_ERROR),
    "500 PUT attempt 2": Row(status("PUT", 500, 2), bw.ServerError, 1.0 * HALF,
                             RetryReason.SERVER_ERROR),
    "502 DELETE attempt 3": Row(status("DELETE", 502, 3), bw.ServerError, 2.0 * HALF,
                                RetryReason.SERVER_ERROR),
    "500 POST": Row(status("POST", 500), bw.ServerError, None, None),
    "503 last attempt": Row(status("GET", 503, 4), bw.ServerError, None, None),
    # Other statuses are raised at once.
    "400": Row(status("GET", 400), bw.BadRequestError, None, None),
    "401 fixed credential": Row(status("POST", 401), bw.UnauthorizedError, None, None),
    "404": Row(status("GET", 404), bw.NotFoundError, None, None),
    "409": Row(status("PUT", 409), bw.ConflictError, None, None),
    # Transport failures: a connection never opened is safe to repeat for every method.
    "connect POST": Row(failed("POST", Failure.CONNECT), bw.TransportError, 0.5 * HALF,
                        RetryReason.CONNECT_FAILED),
    "connect GET last": Row(failed("GET", Failure.CONNECT, 4), bw.TransportError, None, None),
    "reset GET": Row(failed("GET", Failure.BROKEN), bw.TransportError, 0.5 * HALF,
                     RetryReason.CONNECTION_BROKEN),
    "reset POST": Row(failed("POST", Failure.BROKEN), bw.OutcomeUnknownError, None, None),
    "timeout PUT": Row(failed("PUT", Failure.TIMEOUT), bw.RequestTimeoutError, 0.5 * HALF,
                       RetryReason.TIMEOUT),
    "timeout POST": Row(failed("POST", Failure.TIMEOUT), bw.OutcomeUnknownError, None, None),
    "truncated GET": Row(failed("GET", Failure.TRUNCATED), bw.DecodeError, 0.5 * HALF,
                         RetryReason.CONNECTION_BROKEN),
    "truncated POST": Row(failed("POST", Failure.TRUNCATED), bw.OutcomeUnknownError, None, None),
}  # fmt: skip


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_decision_table(row: Row) -> None:
    """Each rule gives the documented error, delay, reason and gate."""
    decision = decide(row.outcome, POLICY, now=NOW, rng=lambda: HALF)
    assert type(decision.error) is row.error or isinstance(decision.error, row.error)
    assert decision.delay == row.delay
    assert decision.reason is row.reason
    assert decision.close_gate == row.gate
    assert not decision.refresh


def test_timeout_is_a_builtin_timeout_and_names_the_limit() -> None:
    """A timed-out GET is a RequestTimeoutError, a TimeoutError, saying how long it waited."""
    outcome = attrs.evolve(failed("GET", Failure.TIMEOUT), timeout=5.0)
    error = decide(outcome, POLICY, now=NOW).error
    assert isinstance(error, TimeoutError)
    assert "5.0s" in str(error)


def test_truncated_body_is_also_a_transport_error() -> None:
    """A body cut short is both a TransportError and a DecodeError."""
    error = decide(failed("GET", Failure.TRUNCATED), POLICY, now=NOW).error
    assert isinstance(error, bw.TransportError)
    assert isinstance(error, bw.DecodeError)


def test_outcome_unknown_carries_the_request() -> None:
    """A POST sent without an answer says it may have taken effect and carries the request."""
    outcome = failed("POST", Failure.BROKEN)
    error = decide(outcome, POLICY, now=NOW).error
    assert isinstance(error, bw.OutcomeUnknownError)
    assert error.request is outcome.request
    assert "may have taken effect" in str(error)


def test_one_shot_body_is_never_retried() -> None:
    """A body that cannot be sent again (a stream) is raised at the first retryable failure."""
    for outcome in (status("PUT", 503), failed("POST", Failure.CONNECT), status("GET", 429)):
        decision = decide(attrs.evolve(outcome, replayable=False), POLICY, now=NOW)
        assert decision.delay is None


def test_no_retry_policy_raises_the_first_failure() -> None:
    """RetryPolicy.none() never retries."""
    for outcome in (status("GET", 503), failed("GET", Failure.BROKEN), status("GET", 429)):
        assert decide(outcome, bw.RetryPolicy.none(), now=NOW).delay is None


def test_backoff_is_capped() -> None:
    """The backoff ceiling doubles per attempt up to backoff_max."""
    policy = bw.RetryPolicy(max_attempts=20, backoff_base=1.0, backoff_max=4.0)
    delays = [
        decide(status("GET", 503, n), policy, now=NOW, rng=lambda: 1.0).delay for n in (1, 2, 3, 9)
    ]
    assert delays == [1.0, 2.0, 4.0, 4.0]


def test_http_date_in_the_past_retries_at_once() -> None:
    """A Retry-After date already past means no wait."""
    outcome = status("GET", 429, retry_after="Sun, 15 Nov 2026 09:59:00 GMT")
    decision = decide(outcome, POLICY, now=NOW)
    assert decision.delay == 0.0
    assert isinstance(decision.error, bw.RateLimitError)
    assert decision.error.retry_after == 0.0


def test_401_with_refreshable_credential_refreshes_once() -> None:
    """A 401 on a refreshable credential is resent at once after a refresh, also a POST."""
    outcome = attrs.evolve(status("POST", 401), refreshable=True)
    decision = decide(outcome, bw.RetryPolicy.none(), now=NOW)
    assert decision.refresh
    assert decision.delay == 0.0
    assert decision.reason is RetryReason.UNAUTHORIZED
    assert isinstance(decision.error, bw.UnauthorizedError)


def test_error_keeps_body_and_headers_without_cookies() -> None:
    """The APIError carries the decoded body and the headers, minus Set-Cookie."""
    outcome = attrs.evolve(
        status("GET", 404), headers={"X-Trace": "t-1", "Set-Cookie": "s=1"}, body={"type": "gone"}
    )
    error = decide(outcome, POLICY, now=NOW).error
    assert isinstance(error, bw.NotFoundError)
    assert error.body == {"type": "gone"}
    assert dict(error.headers) == {"X-Trace": "t-1"}


def test_reason_text_names_the_status() -> None:
    """The reason text for logs starts with the status (on_retry users match on it)."""
    decision = decide(status("GET", 429, retry_after="2"), POLICY, now=NOW)
    assert decision.text.startswith("429")
    assert decide(status("GET", 503), POLICY, now=NOW).text == "503"
