"""
The OAuth 2.0 decisions as pure functions: token freshness, token responses, which credentials.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from yarl import URL

import bandwidth_async as bw
from bandwidth_async._client import credentials
from bandwidth_async._oauth import Token, is_fresh, parse_token, refresh_deadline, token_url_for
from bandwidth_async._request import Host, Request
from bandwidth_async._retry import Failure, Outcome, decide

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
SECRET_TOKEN = "tok-3f9a1c"


@pytest.mark.parametrize(
    ("obtained_at", "expires_in", "deadline"),
    [
        pytest.param(0.0, 3600, 3540.0, id="an-hour-60s-early"),
        pytest.param(1000.0, 3600, 4540.0, id="counts-from-obtained"),
        pytest.param(0.0, 120, 60.0, id="two-minutes-halfway-is-60s-early"),
        pytest.param(0.0, 60, 30.0, id="short-lived-halfway"),
        pytest.param(0.0, 1, 0.5, id="one-second"),
        pytest.param(5.0, None, None, id="no-expires-in-until-refused"),
    ],
)
def test_refresh_deadline(obtained_at: float, expires_in: float | None, deadline: float) -> None:
    """A token is replaced 60 s before it expires, or halfway through a short life."""
    assert refresh_deadline(obtained_at, expires_in) == deadline


@pytest.mark.parametrize(
    ("token", "now", "fresh"),
    [
        pytest.param(None, 0.0, False, id="none"),
        pytest.param(Token("t", 10.0), 9.99, True, id="before"),
        pytest.param(Token("t", 10.0), 10.0, False, id="at-deadline"),
        pytest.param(Token("t", 10.0), 11.0, False, id="after"),
        pytest.param(Token("t", None), 1e9, True, id="no-deadline"),
    ],
)
def test_is_fresh(token: Token | None, now: float, fresh: bool) -> None:
    """A token is fresh strictly before its deadline, and always when it has none."""
    assert is_fresh(token, now) is fresh


def test_parse_token_reads_a_bearer_token() -> None:
    """A good answer gives the token, its deadline, and a Bearer header; repr hides the value."""
    token = parse_token(
        {"access_token": SECRET_TOKEN, "token_type": "bearer", "expires_in": 3600}, 100.0
    )
    assert token == Token(SECRET_TOKEN, 3640.0)
    assert token.header == f"Bearer {SECRET_TOKEN}"
    assert SECRET_TOKEN not in repr(token)
    assert parse_token({"access_token": SECRET_TOKEN}, 0.0).refresh_at is None


@pytest.mark.parametrize(
    "data",
    [
        pytest.param([SECRET_TOKEN], id="array"),
        pytest.param(SECRET_TOKEN, id="string"),
        pytest.param(None, id="null"),
        pytest.param({"token_type": "Bearer", "expires_in": 3600}, id="no-access-token"),
        pytest.param({"access_token": 12345}, id="token-int"),
        pytest.param({"access_token": ""}, id="token-empty"),
        pytest.param({"access_token": f"{SECRET_TOKEN}\r\nX-Evil: 1"}, id="token-crlf"),
        pytest.param({"access_token": f"{SECRET_TOKEN} x"}, id="token-space"),
        pytest.param({"access_token": SECRET_TOKEN, "token_type": "mac"}, id="type-mac"),
        pytest.param({"access_token": SECRET_TOKEN, "token_type": 1}, id="type-int"),
        pytest.param({"access_token": SECRET_TOKEN, "expires_in": "3600"}, id="expires-str"),
        pytest.param({"access_token": SECRET_TOKEN, "expires_in": True}, id="expires-bool"),
        pytest.param({"access_token": SECRET_TOKEN, "expires_in": 0}, id="expires-zero"),
        pytest.param({"access_token": SECRET_TOKEN, "expires_in": -5}, id="expires-negative"),
    ],
)
def test_parse_token_refuses_what_is_no_token(data: Any) -> None:
    """A body that is not a usable Bearer token is AuthenticationError, never echoing the token."""
    with pytest.raises(bw.AuthenticationError) as info:
        parse_token(data, 0.0)
    assert SECRET_TOKEN not in str(info.value)
    assert isinstance(info.value, bw.BandwidthError)


@pytest.mark.parametrize(
    ("base_url", "token_url"),
    [
        pytest.param(None, "https://api.bandwidth.com/api/v1/oauth2/token", id="bandwidth"),
        pytest.param(
            "http://127.0.0.1:4010", "http://127.0.0.1:4010/api/v1/oauth2/token", id="base-url"
        ),
        pytest.param(
            "https://proxy.test/bw/", "https://proxy.test/bw/api/v1/oauth2/token", id="base-path"
        ),
    ],
)
def test_token_url_for(base_url: str | None, token_url: str) -> None:
    """The token URL is Bandwidth's, or the token path under base_url."""
    assert token_url_for(None if base_url is None else URL(base_url)) == URL(token_url)


BASIC_ENV = {"BW_USERNAME": "env-u", "BW_PASSWORD": "env-p", "BW_ACCOUNT_ID": "9"}
OAUTH_ENV = {"BW_CLIENT_ID": "env-c", "BW_CLIENT_SECRET": "env-s", "BW_ACCOUNT_ID": "9"}


@pytest.mark.parametrize(
    ("given", "environ", "expected"),
    [
        pytest.param({}, OAUTH_ENV, ("oauth", "env-c", "env-s", "9"), id="env-oauth"),
        pytest.param({}, BASIC_ENV, ("basic", "env-u", "env-p", "9"), id="env-basic"),
        pytest.param(
            {}, {**BASIC_ENV, **OAUTH_ENV}, ("oauth", "env-c", "env-s", "9"), id="env-oauth-wins"
        ),
        pytest.param(
            {"username": "u", "password": "p"},
            {**BASIC_ENV, **OAUTH_ENV},
            ("basic", "u", "p", "9"),
            id="explicit-basic-beats-env-oauth",
        ),
        pytest.param(
            {"client_id": "c"},
            OAUTH_ENV,
            ("oauth", "c", "env-s", "9"),
            id="explicit-id-env-secret",
        ),
        pytest.param(
            {"client_id": "c", "client_secret": "s", "account_id": "1"},
            BASIC_ENV,
            ("oauth", "c", "s", "1"),
            id="explicit-oauth-beats-env-basic",
        ),
    ],
)
def test_credentials_choose_the_kind(
    given: dict[str, str], environ: dict[str, str], expected: tuple[str, str, str, str]
) -> None:
    """Arguments choose the kind; from the environment, the OAuth pair wins."""
    args: dict[str, str | None] = {
        "username": None,
        "password": None,
        "client_id": None,
        "client_secret": None,
        "account_id": None,
        **given,
    }
    assert credentials(**args, environ=environ) == expected


@pytest.mark.parametrize(
    ("given", "environ", "message"),
    [
        pytest.param(
            {"username": "u", "password": "p", "client_id": "c", "client_secret": "s"},
            {},
            "not both",
            id="both-pairs",
        ),
        pytest.param({"password": "p", "client_secret": "s"}, {}, "not both", id="half-of-each"),
        pytest.param(
            {},
            {"BW_CLIENT_ID": "c", **BASIC_ENV},
            r"missing credentials: client_secret \(BW_CLIENT_SECRET\)$",
            id="env-half-oauth",
        ),
        pytest.param(
            {},
            {"BW_USERNAME": "u"},
            r"^missing credentials: password \(BW_PASSWORD\), account_id \(BW_ACCOUNT_ID\)$",
            id="env-half-basic",
        ),
        pytest.param(
            {"client_id": "c", "client_secret": "s"},
            {},
            r"missing credentials: account_id \(BW_ACCOUNT_ID\)$",
            id="no-account",
        ),
        pytest.param(
            {},
            {},
            r"^missing credentials: client_id and client_secret \(BW_CLIENT_ID, "
            r"BW_CLIENT_SECRET\) or username and password \(BW_USERNAME, BW_PASSWORD\), "
            r"account_id \(BW_ACCOUNT_ID\)$",
            id="nothing",
        ),
    ],
)
def test_credentials_refused(given: dict[str, str], environ: dict[str, str], message: str) -> None:
    """Both kinds given, or a pair left half missing, is a ConfigurationError saying which."""
    args: dict[str, str | None] = {
        "username": None,
        "password": None,
        "client_id": None,
        "client_secret": None,
        "account_id": None,
        **given,
    }
    with pytest.raises(bw.ConfigurationError, match=message) as info:
        credentials(**args, environ=environ)
    assert "s3cr" not in str(info.value)


def _outcome(method: str = "POST", **kwargs: Any) -> Outcome:
    idempotent = kwargs.pop("idempotent", None)
    request = Request(method, Host.VOICE, "/token", idempotent=idempotent, authenticate=False)
    return Outcome(request=request, attempt=1, **kwargs)


@pytest.mark.parametrize(
    ("outcome", "retried", "error"),
    [
        pytest.param(_outcome(status=503, idempotent=True), True, bw.ServerError, id="503"),
        pytest.param(
            _outcome(failure=Failure.TIMEOUT, idempotent=True),
            True,
            bw.RequestTimeoutError,
            id="timeout",
        ),
        pytest.param(
            _outcome(failure=Failure.BROKEN, idempotent=True),
            True,
            bw.TransportError,
            id="reset",
        ),
        pytest.param(
            _outcome(failure=Failure.TIMEOUT), False, bw.OutcomeUnknownError, id="plain-post"
        ),
        pytest.param(
            _outcome("GET", status=503, idempotent=False), False, bw.ServerError, id="get-not"
        ),
    ],
)
def test_idempotent_flag_overrides_the_method(
    outcome: Outcome, retried: bool, error: type[bw.BandwidthError]
) -> None:
    """A token POST marked idempotent is retried after 5xx and lost answers like a GET."""
    decision = decide(outcome, bw.RetryPolicy(), now=NOW, rng=lambda: 0.5)
    assert (decision.delay is not None) is retried
    assert type(decision.error) is error


def test_401_on_a_one_shot_body_is_not_refreshed() -> None:
    """A 401 on a consumed upload stream is raised: resending would send an empty body."""
    outcome = _outcome(status=401, refreshable=True, replayable=False)
    decision = decide(outcome, bw.RetryPolicy(), now=NOW)
    assert not decision.refresh
    assert decision.delay is None
    assert isinstance(decision.error, bw.UnauthorizedError)
