"""
Fixtures for the distributed tests: a Redis URL and, for outage tests, a server of our own.

No Redis anywhere skips these tests with the reason, except under CI (``CI`` set), where it fails:
CI must never pass by skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from .redis_server import INSTALL_HINT, RedisServer, binary, running


def _missing(what: str) -> None:
    message = f"{what}: {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis shared by the whole run: REDIS_URL, else a server started for it."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    executable = binary()
    if executable is None:
        _missing("no Redis for the distributed tests")
        return
    with running(executable) as server:
        yield server.url


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A Redis server of this test's own, which the test may kill."""
    executable = binary()
    if executable is None:
        _missing("no redis-server binary to start (and kill) for this test")
        return
    with running(executable) as server:
        yield server


@pytest.fixture
def prefix() -> str:
    """A key prefix no other test shares, so tests on one Redis never see each other's keys."""
    return f"bwtest-{uuid.uuid4().hex[:12]}"
