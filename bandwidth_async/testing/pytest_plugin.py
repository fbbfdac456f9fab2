"""
A pytest plugin: the ``fake_bandwidth`` and ``bandwidth_client`` fixtures, loaded on install.

pytest finds it through the package's ``pytest11`` entry point, so a test suite gets the
fixtures without a conftest line::

    async def test_sends_the_code(bandwidth_client, fake_bandwidth):
        await my_app.send_code(bandwidth_client, "+19195551234")
        assert fake_bandwidth.sent_codes

``@pytest.mark.fake_bandwidth(calls=100, seed=1)`` passes arguments to `FakeBandwidth`.

The fixtures are async, so the tests that use them need an async plugin. With pytest-asyncio
active (strict or auto mode) they are pytest-asyncio fixtures and follow its loop scope settings;
without it they are plain async fixtures, which anyio's plugin runs for ``@pytest.mark.anyio``
tests. The plugin adds the two fixtures and the marker, and changes nothing else in a run;
``pytest -p no:bandwidth_async`` turns it off.
"""

from __future__ import annotations

import types
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import pytest

from bandwidth_async._retry import RetryPolicy

from ._fake import FakeBandwidth

if TYPE_CHECKING:
    from bandwidth_async._client import BandwidthClient

__all__ = ["bandwidth_client", "fake_bandwidth", "pytest_configure"]

MARKER = "fake_bandwidth"


async def fake_bandwidth(request: pytest.FixtureRequest) -> AsyncIterator[FakeBandwidth]:
    """
    A started `FakeBandwidth` on a free loopback port, closed after the test.

    Keyword arguments of the test's ``@pytest.mark.fake_bandwidth(...)`` marker, if any, are
    passed to `FakeBandwidth` (``calls=``, ``seed=``, ...).
    """
    marker = request.node.get_closest_marker(MARKER)
    options: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    async with FakeBandwidth(**options) as fake:
        yield fake


async def bandwidth_client(fake_bandwidth: FakeBandwidth) -> AsyncIterator[BandwidthClient]:
    """
    A `BandwidthClient` bound to ``fake_bandwidth``, with short retry backoffs, closed after.
    """
    retry = RetryPolicy(backoff_base=0.01, backoff_max=0.1)
    async with fake_bandwidth.client(retry=retry) as client:
        yield client


def _fixtures(decorate: Callable[[Any], Any]) -> types.ModuleType:
    holder = types.ModuleType(f"{__name__}.fixtures")
    holder.fake_bandwidth = decorate(fake_bandwidth)  # type: ignore[attr-defined]
    holder.bandwidth_client = decorate(bandwidth_client)  # type: ignore[attr-defined]
    return holder


def pytest_configure(config: pytest.Config) -> None:
    """
    Register the marker and the fixtures, as pytest-asyncio fixtures when that plugin is active.
    """
    config.addinivalue_line(
        "markers", f"{MARKER}(**kwargs): arguments for the fake_bandwidth fixture's FakeBandwidth"
    )
    decorate: Callable[[Any], Any] = pytest.fixture
    if config.pluginmanager.has_plugin("asyncio"):
        import pytest_asyncio  # noqa: PLC0415 - present whenever its plugin is

        decorate = pytest_asyncio.fixture
    config.pluginmanager.register(_fixtures(decorate), f"{__name__}.fixtures")
