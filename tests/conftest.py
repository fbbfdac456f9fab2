"""
Shared fixtures: the emulator, a client pointed at it, and a Prism mock of the spec.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

import bandwidth_async as bw
from bandwidth_async.testing import FakeBandwidth

from .prism import OLD_SPEC, prism_mock


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the docs blocks marked <!-- no-run: ... --> with their reasons (tests/test_docs.py)."""
    notes = [
        str(value)
        for report in terminalreporter.stats.get("passed", [])
        for key, value in getattr(report, "user_properties", [])
        if key == "docs-skip"
    ]
    if notes:
        terminalreporter.section("docs blocks not run")
        for note in notes:
            terminalreporter.line(note)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBandwidth]:
    """An empty emulator on a free loopback port."""
    async with FakeBandwidth(seed=1) as server:
        yield server


@pytest.fixture
async def client(fake: FakeBandwidth) -> AsyncIterator[bw.BandwidthClient]:
    """A client pointed at the emulator, with fast retries."""
    async with fake.client(retry=bw.RetryPolicy(backoff_base=0.01, backoff_max=0.05)) as c:
        yield c


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """A Prism mock server of spec/bandwidth.yml, started once per test run."""
    with prism_mock() as url:
        yield url


@pytest.fixture(scope="session")
def prism_2024_url() -> Iterator[str]:
    """A Prism mock of spec/bandwidth-2024.yml, for the two retired lookup operations."""
    with prism_mock(OLD_SPEC) as url:
        yield url
