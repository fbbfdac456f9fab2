"""
The emulator's OAuth 2.0 token endpoint and its bearer-token checks, spoken to with raw aiohttp.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from multidict import CIMultiDictProxy

from bandwidth_async.testing import FakeBandwidth

REPO = Path(__file__).resolve().parent.parent
TOKEN_PATH = "/api/v1/oauth2/token"


async def _token(
    http: aiohttp.ClientSession,
    fake: FakeBandwidth,
    *,
    auth: str | None = None,
    form: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any], CIMultiDictProxy[str]]:
    if auth is None:
        auth = aiohttp.encode_basic_auth(fake.client_id, fake.client_secret)
    async with http.post(
        fake.base_url + TOKEN_PATH,
        data=form if form is not None else {"grant_type": "client_credentials"},
        headers={"Authorization": auth} if auth else {},
    ) as response:
        return response.status, await response.json(), response.headers


async def _list_calls(http: aiohttp.ClientSession, fake: FakeBandwidth, auth: str) -> int:
    url = f"{fake.base_url}/accounts/{fake.account_id}/calls"
    async with http.get(url, headers={"Authorization": auth}) as response:
        return response.status


async def test_issues_a_bearer_token_the_api_accepts() -> None:
    """Good client credentials get a no-store Bearer token, which every API then accepts."""
    async with FakeBandwidth(calls=3, token_ttl=120) as fake, aiohttp.ClientSession() as http:
        status, body, headers = await _token(http, fake)
        assert status == 200
        assert set(body) == {"access_token", "token_type", "expires_in"}
        assert body["token_type"] == "Bearer"
        assert body["expires_in"] == 120
        assert headers["Cache-Control"] == "no-store"
        assert await _list_calls(http, fake, f"Bearer {body['access_token']}") == 200
        assert fake.token_requests == 1
        assert fake.stats["oauth2Token"].requests == 1


@pytest.mark.parametrize(
    ("auth", "form", "status", "error"),
    [
        pytest.param(
            aiohttp.encode_basic_auth("fake-client-id", "wrong"),
            None,
            401,
            "invalid_client",
            id="wrong-secret",
        ),
        pytest.param(
            aiohttp.encode_basic_auth("someone", "fake-client-secret"),
            None,
            401,
            "invalid_client",
            id="wrong-id",
        ),
        pytest.param(
            aiohttp.encode_basic_auth("fake-user", "fake-password"),
            None,
            401,
            "invalid_client",
            id="api-user-is-no-client",
        ),
        pytest.param("", None, 401, "invalid_client", id="no-credentials"),
        pytest.param("Basic !!!", None, 401, "invalid_client", id="not-base64"),
        pytest.param(
            None, {"grant_type": "password"}, 400, "unsupported_grant_type", id="wrong-grant"
        ),
        pytest.param(None, {}, 400, "invalid_request", id="no-grant"),
    ],
)
async def test_refuses_bad_token_requests(
    auth: str | None, form: dict[str, str] | None, status: int, error: str
) -> None:
    """Bad client credentials get 401 invalid_client; a wrong or missing grant type gets 400."""
    async with FakeBandwidth() as fake, aiohttp.ClientSession() as http:
        got, body, headers = await _token(http, fake, auth=auth, form=form)
        assert (got, body["error"]) == (status, error)
        assert headers["Cache-Control"] == "no-store"
        assert fake.token_requests == 1


async def test_refuses_revoked_expired_and_unknown_tokens() -> None:
    """A revoked, expired or made-up bearer token gets 401, while Basic keeps working."""
    async with FakeBandwidth(token_ttl=60) as fake, aiohttp.ClientSession() as http:
        basic = aiohttp.encode_basic_auth(fake.username, fake.password)
        assert await _list_calls(http, fake, "Bearer made-up") == 401
        _, first, _ = await _token(http, fake)
        fake.revoke_tokens()
        assert await _list_calls(http, fake, f"Bearer {first['access_token']}") == 401
        _, second, _ = await _token(http, fake)
        assert second["access_token"] != first["access_token"]
        assert await _list_calls(http, fake, f"Bearer {second['access_token']}") == 200
        fake.advance(59)
        assert await _list_calls(http, fake, f"Bearer {second['access_token']}") == 200
        fake.advance(1)
        assert await _list_calls(http, fake, f"Bearer {second['access_token']}") == 401
        assert await _list_calls(http, fake, basic) == 200
        assert fake.token_requests == 2


async def test_faults_apply_to_the_token_endpoint() -> None:
    """An injected 5xx answers the token request before the endpoint sees it."""
    async with FakeBandwidth() as fake, aiohttp.ClientSession() as http:
        fault = fake.faults.server_error(503, path=TOKEN_PATH, times=1)
        status, _, _ = await _token(http, fake)
        assert status == 503
        status, _, _ = await _token(http, fake)
        assert status == 200
        assert (fault.hits, fake.token_requests) == (1, 1)


async def test_cli_prints_the_client_credentials() -> None:
    """The CLI prints a client id and secret that its token endpoint accepts."""
    # A real process, so that SIGINT reaches it; reading its banner briefly blocks the loop.
    process = subprocess.Popen(  # noqa: ASYNC220
        [sys.executable, "-m", "bandwidth_async.testing", "--port", "0", "--token-ttl", "90"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        printed: dict[str, str] = {}
        while "BW_ACCOUNT_ID" not in printed:
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else "no output"
            key, _, value = line.strip().partition("=")
            printed[key] = value
        assert printed["token_url"] == printed["base_url"] + TOKEN_PATH
        async with aiohttp.ClientSession() as http:
            auth = aiohttp.encode_basic_auth(printed["BW_CLIENT_ID"], printed["BW_CLIENT_SECRET"])
            async with http.post(
                printed["token_url"],
                data={"grant_type": "client_credentials"},
                headers={"Authorization": auth},
            ) as response:
                assert (await response.json())["expires_in"] == 90
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
