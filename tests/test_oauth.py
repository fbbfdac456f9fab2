"""
OAuth 2.0 client credentials over real HTTP against the emulator: single flight, failures, 401s.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import logging
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async._oauth import ClientCredentials
from bandwidth_async.testing import FakeBandwidth

from .server import Served, serve

TOKEN_PATH = "/api/v1/oauth2/token"
STATS = "/accounts/9900000/statistics"
FAST = bw.RetryPolicy(backoff_base=0.01, backoff_max=0.02)
CROWD = 500


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _credentials(client: bw.BandwidthClient) -> ClientCredentials:
    oauth = client._session.state.config.auth
    assert isinstance(oauth, ClientCredentials)
    return oauth


def _clocked(client: bw.BandwidthClient) -> Clock:
    """Give the client's token cache a clock the test moves (the emulator's has `advance`)."""
    clock = Clock()
    _credentials(client)._clock = clock
    return clock


def _authorizations(fake: FakeBandwidth, path: str = STATS) -> list[str]:
    return [r.headers.get("Authorization", "") for r in fake.requests if r.path == path]


async def _crowd(client: bw.BandwidthClient, n: int = CROWD) -> list[Any]:
    return await asyncio.gather(
        *(client.statistics.get() for _ in range(n)), return_exceptions=True
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeBandwidth]:
    """An emulator issuing hour-long tokens."""
    async with FakeBandwidth(token_ttl=3600) as server:
        yield server


async def test_single_flight_at_start_up_and_at_expiry(fake: FakeBandwidth) -> None:
    """500 concurrent requests cause one token request at start-up, and one more at expiry."""
    async with fake.client(oauth=True, retry=FAST) as client:
        clock = _clocked(client)
        results = await _crowd(client)
        assert all(isinstance(r, bw.AccountStatistics) for r in results), results[:3]
        assert fake.token_requests == 1
        first = set(_authorizations(fake))
        assert len(first) == 1
        assert first.pop().startswith("Bearer ")

        clock.now += 3600 - 60 - 1  # still fresh, one second before the 60 s margin
        await _crowd(client, 10)
        assert fake.token_requests == 1

        clock.now += 1  # 60 s before expiry: replaced, by one request for 500 waiters
        results = await _crowd(client)
        assert all(isinstance(r, bw.AccountStatistics) for r in results), results[:3]
        assert fake.token_requests == 2
        assert len(set(_authorizations(fake))) == 2


async def test_token_expired_on_the_server_is_renewed_once(fake: FakeBandwidth) -> None:
    """Tokens the server expired early: 500 requests get 401, one token request, one resend each."""
    async with fake.client(oauth=True, retry=FAST) as client:
        await client.statistics.get()
        fake.advance(3600)  # the emulator's clock: its token expired, the client's is "fresh"
        results = await _crowd(client)
        assert all(isinstance(r, bw.AccountStatistics) for r in results), results[:3]
        assert fake.token_requests == 2
        assert len(_authorizations(fake)) == 1 + 2 * CROWD


async def test_revoked_token_renewed_once_then_request_resent(fake: FakeBandwidth) -> None:
    """After revoke_tokens a POST gets 401, the token is renewed once, the call created once."""
    async with fake.client(oauth=True, retry=FAST) as client:
        await client.statistics.get()
        fake.revoke_tokens()
        created = await client.calls.create(
            bw.CreateCall(
                to="+19195551234",
                from_="+19195554321",
                application_id="04e88489-df02-4e34-a0ee-27a91849555f",
                answer_url="http://127.0.0.1:9/answer",
            )
        )
    assert created.call_id
    assert len(fake.created_calls) == 1
    assert fake.token_requests == 2
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/calls")]
    assert len(posts) == 2
    assert posts[0].headers["Authorization"] != posts[1].headers["Authorization"]


async def test_views_share_the_token(fake: FakeBandwidth) -> None:
    """A with_options view uses the client's token; a token fetched through it serves both."""
    async with fake.client(oauth=True, retry=FAST) as client:
        view = client.with_options(timeout=5.0, retry=bw.RetryPolicy.none())
        await view.statistics.get()
        await client.statistics.get()
    assert fake.token_requests == 1
    assert len(set(_authorizations(fake))) == 1


async def test_second_401_is_raised_never_looped(fake: FakeBandwidth) -> None:
    """A 401 after the renewed token is UnauthorizedError: one renewal and one resend, no loop."""
    fake.faults.server_error(401, path=STATS, times=5)
    async with fake.client(oauth=True, retry=FAST) as client:
        with pytest.raises(bw.UnauthorizedError) as info:
            await client.statistics.get()
    assert info.value.status == 401
    assert fake.token_requests == 2
    assert len(_authorizations(fake)) == 2


async def test_basic_credentials_are_never_refreshed(fake: FakeBandwidth) -> None:
    """A refused password is raised at once: nothing to renew, no token requested."""
    fake.faults.server_error(401, path=STATS, times=5)
    async with fake.client(retry=FAST) as client:
        with pytest.raises(bw.UnauthorizedError):
            await client.statistics.get()
    assert len(_authorizations(fake)) == 1
    assert fake.token_requests == 0


async def _every_waiter_fails_then_recovers(
    fake: FakeBandwidth, client: bw.BandwidthClient, n: int = 50
) -> list[bw.AuthenticationError]:
    results = await _crowd(client, n)
    errors = [r for r in results if isinstance(r, bw.AuthenticationError)]
    assert len(errors) == n, results[:3]
    assert len({id(e) for e in errors}) == n  # each waiter has its own error object
    assert _authorizations(fake) == []  # nothing was sent without a token
    assert isinstance(await client.statistics.get(), bw.AccountStatistics)
    return errors


async def test_token_endpoint_401_fails_every_waiter_then_recovers(fake: FakeBandwidth) -> None:
    """A 401 from the token endpoint: AuthenticationError for every waiter, then a new try."""
    fault = fake.faults.server_error(401, path=TOKEN_PATH, times=1)
    async with fake.client(oauth=True, retry=FAST) as client:
        errors = await _every_waiter_fails_then_recovers(fake, client)
    assert fault.hits == 1  # one token request for 50 waiters, 401 not retried
    assert isinstance(errors[0].__cause__, bw.UnauthorizedError)
    assert "401" in str(errors[0])
    assert fake.token_requests == 1


async def test_wrong_client_secret_is_authentication_error(fake: FakeBandwidth) -> None:
    """The emulator refuses a wrong secret; every waiter hears it once, from one token request."""
    client = bw.BandwidthClient(
        client_id=fake.client_id,
        client_secret="wrong-secret-x",
        account_id=fake.account_id,
        base_url=fake.base_url,
        retry=FAST,
    )
    async with client:
        results = await _crowd(client, 50)
    assert all(isinstance(r, bw.AuthenticationError) for r in results)
    assert fake.token_requests == 1
    assert all("wrong-secret-x" not in str(r) for r in results)


async def test_token_endpoint_5xx_retried_then_every_waiter_fails(fake: FakeBandwidth) -> None:
    """A failing token endpoint is retried per the policy, then every waiter fails; next works."""
    fault = fake.faults.server_error(503, path=TOKEN_PATH, times=3)
    retry = bw.RetryPolicy(max_attempts=3, backoff_base=0.01)
    async with fake.client(oauth=True, retry=retry) as client:
        errors = await _every_waiter_fails_then_recovers(fake, client)
    assert fault.hits == 3  # retried though a POST: a token request is safe to repeat
    assert isinstance(errors[0].__cause__, bw.ServerError)
    assert errors[0].__cause__.attempts == 3


async def test_token_endpoint_timeout_fails_every_waiter(fake: FakeBandwidth) -> None:
    """A token endpoint that does not answer in time fails every waiter, never hangs them."""
    fault = fake.faults.latency(5, path=TOKEN_PATH, times=2)
    retry = bw.RetryPolicy(max_attempts=2, backoff_base=0.01)
    async with fake.client(oauth=True, retry=retry, timeout=0.2) as client:
        errors = await _every_waiter_fails_then_recovers(fake, client)
    assert fault.hits == 2
    assert isinstance(errors[0].__cause__, bw.RequestTimeoutError)


BAD_BODIES = [
    pytest.param(b'{"token_type": "Bearer", "expires_in": 3600}', id="no-access-token"),
    pytest.param(b'{"access_token": 42, "expires_in": 3600}', id="token-not-string"),
    pytest.param(b'{"access_token": "@@T@@", "expires_in": "3600"}', id="expires-in-string"),
    pytest.param(b'["@@T@@"]', id="array"),
    pytest.param(b"access_token=@@T@@&token_type=bearer", id="not-json"),
]


@pytest.fixture
async def token_proxy(fake: FakeBandwidth) -> AsyncIterator[tuple[Served, list[bytes]]]:
    """A token endpoint that answers the queued bad bodies first, then passes on to the fake's."""
    queue: list[bytes] = []

    async def token(request: web.Request) -> web.StreamResponse:
        if queue:
            return web.Response(body=queue.pop(0), content_type="application/json")
        import aiohttp  # noqa: PLC0415 - only this fixture talks to the fake directly

        async with (
            aiohttp.ClientSession() as http,
            http.post(
                fake.base_url + TOKEN_PATH,
                data=await request.read(),
                headers={
                    "Authorization": request.headers["Authorization"],
                    "Content-Type": request.headers["Content-Type"],
                },
            ) as answer,
        ):
            return web.Response(
                body=await answer.read(), status=answer.status, content_type="application/json"
            )

    async with serve(token) as served:
        yield served, queue


@pytest.mark.parametrize("body", BAD_BODIES)
async def test_bad_token_body_fails_every_waiter_then_recovers(
    fake: FakeBandwidth, token_proxy: tuple[Served, list[bytes]], body: bytes
) -> None:
    """A token answer that is no token fails every waiter without echoing it; next try works."""
    served, queue = token_proxy
    queue.append(body)
    client = fake.client(oauth=True, retry=FAST, token_url=served.base_url + "/token")
    async with client:
        errors = await _every_waiter_fails_then_recovers(fake, client)
    assert len(served.seen) == 2  # the bad answer for 50 waiters, then the good one
    for error in errors:
        chain = [error, error.__cause__, error.__context__]
        assert all("@@T@@" not in str(e) and "@@T@@" not in repr(e) for e in chain)


async def test_cancelled_waiter_cancels_no_one_else(fake: FakeBandwidth) -> None:
    """The task that started the token request is cancelled; the others still get the token."""
    fake.faults.latency(0.3, path=TOKEN_PATH, times=1)
    async with fake.client(oauth=True, retry=FAST) as client:
        first = asyncio.create_task(client.statistics.get())
        await asyncio.sleep(0.05)
        others = [asyncio.create_task(client.statistics.get()) for _ in range(9)]
        await asyncio.sleep(0.05)
        first.cancel()
        results = await asyncio.gather(*others)
        with pytest.raises(asyncio.CancelledError):
            await first
    assert all(isinstance(r, bw.AccountStatistics) for r in results)
    assert fake.token_requests == 1


async def test_closing_during_a_token_request_leaves_nothing_pending(fake: FakeBandwidth) -> None:
    """Closing the client while a token is fetched ends its waiters with ClientClosedError."""
    fake.faults.latency(5, path=TOKEN_PATH, times=1)
    client = fake.client(oauth=True, retry=FAST)
    waiters = [asyncio.create_task(client.statistics.get()) for _ in range(3)]
    await asyncio.sleep(0.1)
    await client.aclose()
    results = await asyncio.wait_for(asyncio.gather(*waiters, return_exceptions=True), 5)
    assert all(isinstance(r, bw.ClientClosedError) for r in results), results


async def test_no_secret_or_token_in_logs_reprs_or_errors(
    fake: FakeBandwidth, caplog: pytest.LogCaptureFixture
) -> None:
    """Neither the client secret nor any token shows in DEBUG logs, reprs, strs or errors."""
    caplog.set_level(logging.DEBUG, logger="bandwidth_async")
    fake.faults.server_error(503, path=TOKEN_PATH, times=1)  # a retried token request
    fake.faults.server_error(503, path=STATS, times=1)  # a retried API request
    texts: list[str] = []
    async with fake.client(oauth=True, retry=FAST) as client:
        await client.statistics.get()
        fake.revoke_tokens()  # a 401, a renewal, a resend
        await client.statistics.get()
        fake.faults.server_error(401, path=TOKEN_PATH, times=1)
        fake.revoke_tokens()
        with pytest.raises(bw.AuthenticationError) as info:
            await client.statistics.get()
        texts += [repr(client), str(client), repr(_credentials(client))]
        texts += [repr(client._session.state.config)]
    error: BaseException | None = info.value
    while error is not None:
        texts += [str(error), repr(error), repr(vars(error))]
        request = getattr(error, "request", None)
        if request is not None:
            assert "Authorization" not in request.headers
        error = error.__cause__ or error.__context__
    texts += [r.getMessage() for r in caplog.records]
    assert any("retrying" in t for t in texts)
    basic = base64.b64encode(f"{fake.client_id}:{fake.client_secret}".encode()).decode()
    secrets = {fake.client_secret, basic}
    secrets |= {r.headers["Authorization"].split()[-1] for r in fake.requests}
    assert len(secrets) >= 4  # the secret, its Basic form, and at least two tokens
    for text in texts:
        for secret in secrets:
            assert secret not in text


async def test_environment_oauth_pair_wins(
    fake: FakeBandwidth, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With both pairs in the environment, the client uses OAuth and sends a Bearer token."""
    monkeypatch.setenv("BW_CLIENT_ID", fake.client_id)
    monkeypatch.setenv("BW_CLIENT_SECRET", fake.client_secret)
    monkeypatch.setenv("BW_USERNAME", "not-used")
    monkeypatch.setenv("BW_PASSWORD", "not-used")
    monkeypatch.setenv("BW_ACCOUNT_ID", fake.account_id)
    async with bw.BandwidthClient(base_url=fake.base_url) as client:
        await client.statistics.get()
        assert "client_id='fake-client-id'" in repr(client)
    assert fake.token_requests == 1
    assert _authorizations(fake)[0].startswith("Bearer ")


def test_both_pairs_explicitly_is_a_configuration_error() -> None:
    """Username and password together with a client id and secret are refused, unechoed."""
    with pytest.raises(bw.ConfigurationError, match="not both") as info:
        bw.BandwidthClient(
            "u",
            "pw-s3cret",
            "1",
            client_id="c",
            client_secret="cs-s3cret",
        )
    assert "s3cret" not in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "refused"),
    [
        pytest.param({"token_url": "http://auth.test/token"}, True, id="http-token-url"),
        pytest.param({"base_url": "http://api.test"}, True, id="http-base-url"),
        pytest.param(
            {"token_url": "http://auth.test/token", "allow_insecure_http": True},
            False,
            id="http-allowed",
        ),
        pytest.param({"token_url": "https://auth.test/token"}, False, id="https"),
        pytest.param({"token_url": "http://127.0.0.1:9/token"}, False, id="loopback"),
        pytest.param({"token_url": "http://[::1]:9/token"}, False, id="loopback-v6"),
        pytest.param({"token_url": "http://localhost:9/token"}, False, id="localhost"),
    ],
)
def test_bearer_tokens_never_over_plain_http(kwargs: dict[str, Any], refused: bool) -> None:
    """Plain http to a host other than loopback is refused unless allow_insecure_http=True."""

    def build() -> bw.BandwidthClient:
        return bw.BandwidthClient(
            client_id="c", client_secret="cs-s3cret", account_id="1", **kwargs
        )

    if refused:
        with pytest.raises(bw.ConfigurationError, match="plain http") as info:
            build()
        assert "s3cret" not in str(info.value)
    else:
        assert "client_id='c'" in repr(build())


async def test_upload_stream_is_not_resent_after_401(fake: FakeBandwidth) -> None:
    """A one-shot upload body refused with 401 is not sent again: UnauthorizedError."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b"abc"

    fake.faults.server_error(401, path="/media/", methods="PUT", times=1)
    async with fake.client(oauth=True, retry=FAST) as client:
        with pytest.raises(bw.UnauthorizedError):
            await client.media.upload("a.txt", chunks(), content_type="text/plain")
    assert fake.token_requests == 1


def _env(fake: FakeBandwidth) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BW_")}
    env |= {
        "BW_CLIENT_ID": fake.client_id,
        "BW_CLIENT_SECRET": fake.client_secret,
        "BW_ACCOUNT_ID": fake.account_id,
    }
    return env


async def _run(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_cli_export_with_client_credentials(tmp_path: Path) -> None:
    """The command line exports with only BW_CLIENT_ID/BW_CLIENT_SECRET/BW_ACCOUNT_ID set."""
    async with FakeBandwidth(calls=300, seed=3) as fake:
        code, _, err = await _run(
            "-m",
            "bandwidth_async",
            "export",
            "calls",
            "--base-url",
            fake.base_url,
            "--since",
            (fake.now - dt.timedelta(days=8)).isoformat(),
            "--out",
            str(tmp_path / "calls.jsonl"),
            env=_env(fake),
            cwd=tmp_path,
        )
        assert code == 0, err
        assert fake.token_requests == 1
        assert all(
            r.headers["Authorization"].startswith("Bearer ")
            for r in fake.requests
            if r.path != TOKEN_PATH
        )
    assert len((tmp_path / "calls.jsonl").read_text().splitlines()) == 300


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "export_calls.py"


async def test_example_exports_with_client_credentials(tmp_path: Path) -> None:
    """examples/export_calls.py takes client credentials from the environment too."""
    async with FakeBandwidth(calls=300, seed=3) as fake:
        env = _env(fake) | {"BW_BASE_URL": fake.base_url}
        code, out, err = await _run(str(EXAMPLE), env=env, cwd=tmp_path)
        assert code == 0, err
        assert fake.token_requests == 1
    assert "emulator" not in err
    assert out.startswith("exported ")
    assert (tmp_path / "calls.jsonl").read_text().count("callId") > 0


@pytest.fixture(autouse=True)
def _no_bw_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests here see no BW_* variables but the ones they set."""
    for name in list(os.environ):
        if name.startswith("BW_"):
            monkeypatch.delenv(name)
