"""
``python -m bandwidth_async.testing`` serves the emulator until interrupted.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent


async def test_cli_serves_and_exits_cleanly_on_sigint() -> None:
    """The CLI prints its base URL and credentials, answers a request, and exits 0 on Ctrl-C."""
    # A real process, so that SIGINT reaches it; reading its banner briefly blocks the loop.
    process = subprocess.Popen(  # noqa: ASYNC220
        [
            sys.executable,
            "-m",
            "bandwidth_async.testing",
            "--port",
            "0",
            "--calls",
            "100",
            "--seed",
            "1",
        ],
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
        auth = aiohttp.encode_basic_auth(printed["BW_USERNAME"], printed["BW_PASSWORD"])
        async with (
            aiohttp.ClientSession(headers={"Authorization": auth}) as http,
            http.get(
                f"{printed['base_url']}/accounts/{printed['BW_ACCOUNT_ID']}/calls"
            ) as response,
        ):
            assert response.status == 200
            assert len(await response.json()) == 100
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


async def test_cli_takes_limits_latency_and_callback_hosts() -> None:
    """--cps, --latency and --callback-host reach the emulator; its application id is printed."""
    from .test_fake_schemathesis import serve, stop  # noqa: PLC0415 - one helper, one place

    process, printed = serve("--cps", "0.01", "--latency", "0.01-0.02", "--callback-host", "x.test")
    try:
        auth = aiohttp.encode_basic_auth(printed["BW_USERNAME"], printed["BW_PASSWORD"])
        url = f"{printed['base_url']}/accounts/{printed['BW_ACCOUNT_ID']}/calls"
        body = {
            "to": "+19195551234",
            "from": "+19195554321",
            "applicationId": printed["application_id"],
            "answerUrl": "https://example.com/answer",
        }
        statuses = []
        async with aiohttp.ClientSession(headers={"Authorization": auth}) as http:
            for _ in range(2):
                async with http.post(url, json=body) as response:
                    statuses.append((response.status, response.headers.get("Retry-After")))
    finally:
        stop(process)
    assert statuses[0] == (201, None)
    assert statuses[1][0] == 429
    assert int(statuses[1][1] or 0) >= 1
