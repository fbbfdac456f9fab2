"""
Starting real Python processes from an async test, bounded so a hang fails instead of blocking.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any, Self

import redis.asyncio as aioredis

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


class Workers:
    """
    ``bandwidth-async worker`` processes against one emulator; stopped (SIGTERM) on exit.
    """

    def __init__(
        self,
        redis_url: str,
        prefix: str,
        base_url: str,
        count: int,
        *,
        rate: float | None = None,
        burst: int = 1,
        concurrency: int = 20,
    ) -> None:
        self.redis_url, self.prefix = redis_url, prefix
        self.args = ["--redis", redis_url, "--key-prefix", prefix, "--base-url", base_url]
        self.args += ["--burst", str(burst), "--concurrency", str(concurrency)]
        if rate is not None:
            self.args += ["--rate-limit", str(rate)]
        self.count = count
        self.processes: list[asyncio.subprocess.Process] = []

    async def start(self) -> None:
        """
        Start one more worker.
        """
        env = {
            **os.environ,
            "BW_USERNAME": "fake-user",
            "BW_PASSWORD": "fake-password",
            "BW_ACCOUNT_ID": "9900000",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bandwidth_async",
            "worker",
            *self.args,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self.processes.append(process)

    async def __aenter__(self) -> Self:
        try:
            for _ in range(self.count):
                await self.start()
            await self.ready()
        except BaseException:
            await self.__aexit__()
            raise
        return self

    async def ready(self, timeout: float = 60) -> None:  # noqa: ASYNC109
        """
        Return once every worker reads the queue (a busy machine takes seconds to import them).
        """
        async with aioredis.Redis.from_url(self.redis_url) as conn, asyncio.timeout(timeout):
            while True:
                # A worker at its queue is a connection blocked in XREADGROUP on our stream.
                clients = await conn.client_list()
                name = f"bandwidth-async:{self.prefix}"
                reading = [c for c in clients if (c["cmd"], c["name"]) == ("xreadgroup", name)]
                if len(reading) >= len(self.processes):
                    return
                for process in self.processes:
                    if process.returncode is not None:
                        _, err = await process.communicate()
                        raise AssertionError(f"a worker exited: {err.decode()[-2000:]}")
                await asyncio.sleep(0.05)

    async def __aexit__(self, *exc: object) -> None:
        for process in self.processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                await asyncio.wait_for(process.communicate(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()

    def kill(self, index: int) -> None:
        """
        SIGKILL worker *index*: no clean-up, no acknowledgements, as a crash would end it.
        """
        self.processes[index].kill()
