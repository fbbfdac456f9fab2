"""
Every ```python block of docs/**/*.md runs, page by page, against the emulator.

The convention (CONTRIBUTING.md, "Docs"): the blocks of one page run in order in one shared
namespace, top-level ``await`` allowed; a block preceded by the line ``<!-- no-run: reason -->``
is skipped and the reason reported; ```console and other blocks are not run. Whatever a page
leaves open in its namespace (a ``FakeBandwidth``, a ``BandwidthClient``) is closed after it,
and the environment variables a page sets are restored.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp import web

import bandwidth_async as bw
from bandwidth_async.testing import FakeBandwidth

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)")
_NO_RUN = re.compile(r"^\s*<!--\s*no-run:\s*(?P<reason>.*?)\s*-->\s*$")


@attrs.frozen
class Block:
    """
    One fenced code block: where it starts, its language, its source, and why it is skipped.
    """

    line: int
    language: str
    source: str
    skip: str | None = None


def blocks(text: str) -> list[Block]:
    """
    The fenced code blocks of a Markdown page, in order; indented fences are dedented.
    """
    found: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        start = index + 1
        index = start
        body: list[str] = []
        while index < len(lines):
            stripped = lines[index].strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                break
            body.append(lines[index][indent:] if lines[index][:indent].isspace() else lines[index])
            index += 1
        previous = next((lines[i] for i in range(start - 2, -1, -1) if lines[i].strip()), "")
        no_run = _NO_RUN.match(previous)
        found.append(
            Block(
                line=start + 1,
                language=opening["info"].lower(),
                source="\n".join(body) + "\n",
                skip=no_run["reason"] if no_run else None,
            )
        )
        index += 1
    return found


def python_blocks(page: Path) -> list[Block]:
    """
    The ```python (or ```py) blocks of *page*.
    """
    return [b for b in blocks(page.read_text(encoding="utf-8")) if b.language in {"python", "py"}]


def _pages() -> list[Any]:
    pages = sorted(DOCS.rglob("*.md")) if DOCS.is_dir() else []
    return [
        pytest.param(page, id=page.relative_to(ROOT).as_posix())
        for page in pages
        if python_blocks(page)
    ]


@attrs.frozen
class PageRun:
    """
    What running a page left: its namespace, and a note for each no-run block.
    """

    namespace: dict[str, Any]
    skipped: list[str]


async def run_page(page: Path, namespace: dict[str, Any] | None = None) -> PageRun:
    """
    Run the blocks of *page* in one namespace (*namespace*, or a fresh one).
    """
    if namespace is None:
        namespace = {"__name__": "__docs__"}
    skipped: list[str] = []
    environ = dict(os.environ)
    try:
        for block in python_blocks(page):
            where = f"{page.relative_to(ROOT).as_posix()}:{block.line}"
            if block.skip is not None:
                skipped.append(f"{where}: {block.skip}")
                continue
            # Blank lines in front keep the page's line numbers in tracebacks.
            source = "\n" * (block.line - 1) + block.source
            code = compile(
                source, str(page), "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
            )
            result = eval(code, namespace)  # noqa: S307 - running our own documentation is the point
            if inspect.iscoroutine(result):
                await result
    finally:
        os.environ.clear()
        os.environ.update(environ)
        await _close_leftovers(namespace)
    return PageRun(namespace, skipped)


async def _close_leftovers(namespace: dict[str, Any]) -> None:
    """
    Close the clients, then the emulators and web apps, a page left open at its top level.
    """
    values = list(namespace.values())
    for value in values:
        if isinstance(value, bw.BandwidthClient):
            await value.aclose()
    for value in values:
        if isinstance(value, FakeBandwidth):
            await value.close()
        elif isinstance(value, web.AppRunner):
            await value.cleanup()


@pytest.mark.parametrize("page", _pages())
async def test_page_runs(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_property: Any
) -> None:
    """Every runnable Python block of the page runs without error, in order."""
    monkeypatch.chdir(tmp_path)  # files a page writes (calls.jsonl, ...) land in a temporary dir
    for name in ("BW_USERNAME", "BW_PASSWORD", "BW_ACCOUNT_ID", "BW_CLIENT_ID", "BW_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    skipped = (await run_page(page)).skipped
    runnable = [b for b in python_blocks(page) if b.skip is None]
    if not runnable:
        pytest.skip("no block runs: " + "; ".join(skipped))
    for note in skipped:
        record_property("docs-skip", note)


def test_no_run_marker_skips_and_names_its_reason(tmp_path: Path) -> None:
    """A no-run block is reported with its reason; the other blocks share one namespace."""
    page = tmp_path / "page.md"
    page.write_text(
        "Intro.\n\n```python\nx = 1\n```\n\n<!-- no-run: serves forever -->\n"
        "```python\nraise SystemExit\n```\n\n```console\n$ false\n```\n\n"
        "  ```python\n  y = x + 1\n  ```\n"
    )
    found = python_blocks(page)
    assert [(b.line, b.skip) for b in found] == [(4, None), (9, "serves forever"), (17, None)]
    assert found[2].source == "y = x + 1\n"


async def test_runner_runs_top_level_await_and_reports_failures_at_the_page_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Top-level await works, and an error's traceback names the page and its line."""
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nimport asyncio\nawait asyncio.sleep(0)\nx = 41\n```\n\n"
        "```python\nassert x == 41\n\nraise RuntimeError('boom')\n```\n"
    )
    with pytest.raises(RuntimeError, match="boom") as info:
        await run_page(page)
    assert info.traceback[-1].path == page
    assert info.traceback[-1].lineno + 1 == 10  # the raise, on line 10 of the page


async def test_runner_closes_what_a_page_left_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An emulator and a client left open by a page are closed, and its env changes undone."""
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nimport os\nfrom bandwidth_async.testing import FakeBandwidth\n"
        "fake = FakeBandwidth()\nawait fake.start()\nclient = fake.client()\n"
        "await client.statistics.get()\nos.environ['DOCS_TEST_VAR'] = '1'\n```\n"
    )
    namespace = (await run_page(page)).namespace
    assert "DOCS_TEST_VAR" not in os.environ
    with pytest.raises(bw.ClientClosedError):
        await namespace["client"].statistics.get()
    url = namespace["fake"].base_url
    async with bw.BandwidthClient("u", "p", "1", base_url=url, retry=bw.RetryPolicy.none()) as c:
        with pytest.raises(bw.TransportError):
            await c.statistics.get()
