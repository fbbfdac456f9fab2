"""
Starting real Python processes from an async test, bounded so a hang fails instead of blocking.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


async def start(module: str, *args: str) -> asyncio.subprocess.Process:
    """
    Start ``python -m module args...`` from the repository root, its output piped.
    """
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def finish(process: asyncio.subprocess.Process, timeout: float = 120) -> str:  # noqa: ASYNC109
    """
    Wait for *process* and return its stdout; fail with its stderr if it did not exit 0.
    """
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    if process.returncode != 0:
        raise AssertionError(f"exit {process.returncode}: {err.decode(errors='replace')[-3000:]}")
    return out.decode()


async def run_json(module: str, opts: dict[str, Any], timeout: float = 120) -> Any:  # noqa: ASYNC109
    """
    Run ``python -m module '<opts as JSON>'`` and decode the last line it printed.
    """
    out = await finish(await start(module, json.dumps(opts)), timeout)
    return json.loads(out.strip().splitlines()[-1])
