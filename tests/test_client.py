"""
BandwidthClient: configuration, hosts, lifecycle, views, and secrets kept out of sight.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import subprocess
import sys

import aiohttp
import pytest
from aiohttp import web

import bandwidth_async as bw

from .server import serve


async def ok(request: web.Request) -> web.Response:
    return web.json_response({"currentCallQueueSize": 1, "maxCallQueueSize": 900})


def test_missing_credentials_fail_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Missing credentials raise ConfigurationError naming them, not a 401 later."""
    for name in ("BW_USERNAME", "BW_PASSWORD", "BW_ACCOUNT_ID"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(bw.ConfigurationError, match=r"password.*account_id"):
        bw.BandwidthClient(username="u")


def test_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """BW_* variables fill in what the arguments leave out."""
    monkeypatch.setenv("BW_USERNAME", "env-user")
    monkeypatch.setenv("BW_PASSWORD", "env-pass")
    monkeypatch.setenv("BW_ACCOUNT_ID", "123")
    client = bw.BandwidthClient()
    assert client.account_id == "123"
    assert "env-user" in repr(client)
    assert "env-pass" not in repr(client)


def test_production_hosts_and_base_url() -> None:
    """Each API has its production host; base_url sends them all to one."""
    client = bw.BandwidthClient("u", "p", "1")
    assert client.base_urls == {
        "voice": "https://voice.bandwidth.com/api/v2",
        "messaging": "https://messaging.bandwidth.com/api/v2",
        "mfa": "https://mfa.bandwidth.com/api/v1",
        "lookup": "https://numbers.bandwidth.com/api/v1",
        "numbers_v2": "https://api.bandwidth.com/v2",
        "api_v2": "https://api.bandwidth.com/api/v2",
    }
    one = bw.BandwidthClient("u", "p", "1", base_url="http://127.0.0.1:4010")
    assert set(one.base_urls.values()) == {"http://127.0.0.1:4010"}


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"base_url": "ftp://x"}, id="scheme"),
        pytest.param({"base_url": "not a url"}, id="garbage"),
        pytest.param({"max_connections": 0}, id="connections"),
        pytest.param({"rate_limit": 0}, id="rate"),
        pytest.param({"timeout": -1}, id="timeout"),
    ],
)
def test_bad_configuration(kwargs: dict[str, object]) -> None:
    """A configuration that cannot work is refused at construction."""
    with pytest.raises(bw.ConfigurationError):
        bw.BandwidthClient("u", "p", "1", **kwargs)  # type: ignore[arg-type]


async def test_sends_basic_auth_and_fills_account() -> None:
    """Requests carry Basic auth and the account id in the path, and a User-Agent."""
    async with serve(ok) as served:
        async with bw.BandwidthClient("user", "pass", "9900000", base_url=served.base_url) as c:
            stats = await c.statistics.get()
    assert stats.max_call_queue_size == 900
    (request,) = served.seen
    assert request.path == "/accounts/9900000/statistics"
    assert request.headers["Authorization"] == "Basic dXNlcjpwYXNz"
    assert request.headers["User-Agent"].startswith("bandwidth-async/")


async def test_path_ids_are_escaped() -> None:
    """An id with a slash or space cannot change the path it is put into."""
    async with serve(ok) as served:
        async with bw.BandwidthClient("u", "p", "9900000", base_url=served.base_url) as c:
            await c.calls.get("a/b c")
    assert served.seen[0].raw_path == "/accounts/9900000/calls/a%2Fb%20c"


async def test_empty_id_is_refused() -> None:
    """An empty path id raises ValueError before anything is sent."""
    async with bw.BandwidthClient("u", "p", "1", base_url="http://127.0.0.1:9") as c:
        with pytest.raises(ValueError, match="call_id"):
            await c.calls.get("")


async def test_owned_session_closed_and_close_twice() -> None:
    """async with closes the session it created; closing again is harmless; reuse is refused."""
    async with serve(ok) as served:
        client = bw.BandwidthClient("u", "p", "1", base_url=served.base_url)
        async with client:
            await client.statistics.get()
            http = client._session.transport.http()
        assert http.closed
        await client.aclose()
        with pytest.raises(bw.ClientClosedError, match="closed"):
            await client.statistics.get()


async def test_borrowed_session_never_closed() -> None:
    """A session passed in is used and left open for its owner."""
    async with serve(ok) as served, aiohttp.ClientSession() as http:
        async with bw.BandwidthClient("u", "p", "1", base_url=served.base_url, session=http) as c:
            await c.statistics.get()
        assert not http.closed
        assert len(served.seen) == 1


async def test_unclosed_client_warns() -> None:
    """A client that opened connections and was never closed warns with ResourceWarning."""
    async with serve(ok) as served:
        client = bw.BandwidthClient("u", "p", "1", base_url=served.base_url)
        await client.statistics.get()
        http = client._session.transport.http()
        with pytest.warns(ResourceWarning, match="never closed"):
            client.__del__()
        await http.close()


async def test_with_options_shares_session_and_gate() -> None:
    """A view has its own timeout but the same session; closing it closes nothing."""

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.5)
        return await ok(request)

    async with serve(slow) as served:
        async with bw.BandwidthClient("u", "p", "1", base_url=served.base_url) as client:
            fast = client.with_options(timeout=0.05, retry=bw.RetryPolicy.none())
            assert fast._session.transport is client._session.transport
            with pytest.raises(bw.RequestTimeoutError):
                await fast.statistics.get()
            async with fast:
                pass
            stats = await client.statistics.get()
            assert stats.current_call_queue_size == 1
            same = client.with_options()
            assert same._session.options == client._session.options


async def test_no_secret_in_repr_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    """Neither repr nor any DEBUG log line shows the password or the Authorization header."""
    caplog.set_level(logging.DEBUG, logger="bandwidth_async")

    async def flaky(request: web.Request) -> web.Response:
        if len(served.seen) == 1:
            return web.json_response({"type": "x"}, status=503)
        return await ok(request)

    async with serve(flaky) as served:
        client = bw.BandwidthClient(
            "user",
            "hunter2-secret",
            "1",
            base_url=served.base_url,
            retry=bw.RetryPolicy(backoff_base=0.01),
        )
        async with client:
            await client.statistics.get()
            texts = [repr(client), str(client), repr(client._session.transport.config)]
    texts += [r.getMessage() for r in caplog.records]
    assert any("retrying" in t for t in texts)
    token = "dXNlcjpodW50ZXIyLXNlY3JldA=="
    for text in texts:
        assert "hunter2-secret" not in text
        assert token not in text
        assert "Authorization" not in text


def test_client_never_used_does_not_warn() -> None:
    """A client that never opened a connection needs no closing."""
    client = bw.BandwidthClient("u", "p", "1")
    del client
    gc.collect()


def test_aiohttp_is_imported_when_the_first_client_is_built() -> None:
    """Importing the package (models, BXML, webhooks) does not pay for aiohttp; a client does."""
    code = (
        "import sys, bandwidth_async as bw\n"
        "print('aiohttp' in sys.modules)\n"
        "client = bw.BandwidthClient('u', 'p', '9900000')\n"
        "print('aiohttp' in sys.modules, repr(client).startswith('<BandwidthClient'))\n"
    )
    out = subprocess.run(  # noqa: S603 - our own code, run with this interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "True", "True"]
