"""
The pytest plugin, seen as a user sees it: a small test suite run by pytest in a subprocess.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_SUITE = """
import pytest

import bandwidth_async as bw
from bandwidth_async.testing import FakeBandwidth


async def test_client_is_bound_to_the_fake(bandwidth_client, fake_bandwidth):
    assert isinstance(fake_bandwidth, FakeBandwidth)
    call = await bandwidth_client.calls.create(
        bw.CreateCall(
            to="+19195551234",
            from_="+19195554321",
            application_id="04e88489-df02-4e34-a0ee-27a91849555f",
            answer_url="https://example.com/answer",
            tag="plugin",
        )
    )
    (created,) = fake_bandwidth.created_calls
    assert created.call_id == call.call_id
    assert created.tag == "plugin"


@pytest.mark.fake_bandwidth(calls=30, seed=7)
async def test_marker_passes_options(bandwidth_client):
    calls = [c async for c in bandwidth_client.calls.list(page_size=10)]
    assert len(calls) == 30


async def test_each_test_gets_a_fresh_fake(fake_bandwidth):
    assert fake_bandwidth.requests == []
    assert fake_bandwidth.created_calls == []
"""

ANYIO_SUITE = (
    USER_SUITE.replace("\nasync def", "\n@pytest.mark.anyio\nasync def")
    + """

@pytest.fixture
def anyio_backend():
    return "asyncio"
"""
)


@pytest.mark.parametrize("mode", ["strict", "auto"])
def test_fixtures_work_with_pytest_asyncio(pytester: pytest.Pytester, mode: str) -> None:
    """With pytest-asyncio in strict or auto mode, a user's suite gets working fixtures."""
    suite = (
        USER_SUITE
        if mode == "auto"
        else USER_SUITE.replace("\nasync def", "\n@pytest.mark.asyncio\nasync def")
    )
    pytester.makepyfile(test_user=suite)
    result = pytester.runpytest(
        "-p",
        "no:cacheprovider",
        "-p",
        "no:anyio",
        "-o",
        f"asyncio_mode={mode}",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        "-W",
        "error",
    )
    result.assert_outcomes(passed=3)


def test_fixtures_work_with_anyio_alone(pytester: pytest.Pytester) -> None:
    """Without pytest-asyncio, anyio's plugin runs the fixtures for @pytest.mark.anyio tests."""
    pytester.makepyfile(test_user=ANYIO_SUITE)
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio", "-W", "error")
    result.assert_outcomes(passed=3)


def test_without_an_async_plugin_only_tests_using_the_fixtures_fail(
    pytester: pytest.Pytester,
) -> None:
    """With no async plugin at all, loading the plugin breaks nothing a suite already had."""
    pytester.makepyfile(
        test_user="""
def test_sync():
    assert 1 + 1 == 2
"""
    )
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "-p", "no:asyncio", "-p", "no:anyio", "-W", "error"
    )
    result.assert_outcomes(passed=1)
    result = pytester.runpytest("--markers", "-p", "no:asyncio", "-p", "no:anyio")
    result.stdout.fnmatch_lines(["@pytest.mark.fake_bandwidth(**kwargs)*"])


def test_fixtures_are_listed(pytester: pytest.Pytester) -> None:
    """`pytest --fixtures` shows both fixtures with their docstrings."""
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["fake_bandwidth*", "*A started*FakeBandwidth*"])
    result.stdout.fnmatch_lines(["bandwidth_client*", "*bound to*fake_bandwidth*"])
