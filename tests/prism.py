"""
Run the Prism CLI (npm ``@stoplight/prism-cli``) as a mock of the spec or a validating proxy.

Test modules use ``prism_mock()`` / ``prism_proxy(upstream)`` as context managers; each yields
the base URL Prism listens on. Without Prism the test is skipped, unless ``CI`` is set, in which
case it fails: CI must not silently skip the spec checks.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "spec" / "bandwidth.yml"
OLD_SPEC = REPO / "spec" / "bandwidth-2024.yml"
STARTUP_TIMEOUT = 60.0


def find_prism() -> str:
    """
    The Prism executable: ``$PRISM``, then ``.prism/`` in the repo, then ``PATH``.
    """
    candidates = [
        os.environ.get("PRISM"),
        str(REPO / ".prism" / "node_modules" / ".bin" / "prism"),
        shutil.which("prism"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    message = (
        "Prism not found: set $PRISM or run `npm install --prefix .prism @stoplight/prism-cli`"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    """
    A TCP port on the loopback interface that nothing listens on right now.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_listening(process: subprocess.Popen[bytes], port: int, log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            pytest.fail(f"Prism exited with {process.returncode}:\n{output}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    pytest.fail(f"Prism did not listen on port {port} within {STARTUP_TIMEOUT:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    # Prism runs node workers; its own process group holds them all.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def _run(*args: str) -> Iterator[str]:
    prism = find_prism()
    port = free_port()
    # A file, not a pipe: Prism logs every request and must never block on a full pipe.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(  # noqa: S603 - our own arguments
            [prism, *args, "-p", str(port), "-h", "127.0.0.1"],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_listening(process, port, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(process)


@contextlib.contextmanager
def prism_mock(spec: Path = SPEC) -> Iterator[str]:
    """
    ``prism mock spec/bandwidth.yml`` (or *spec*): answers every operation with its examples.
    """
    with _run("mock", str(spec)) as url:
        yield url


@contextlib.contextmanager
def prism_proxy(upstream: str, spec: Path = SPEC) -> Iterator[str]:
    """
    ``prism proxy spec/bandwidth.yml UPSTREAM --errors``: forwards to *upstream* and answers
    with an error (and an ``sl-violations`` header) when a request or response breaks the spec.
    """
    with _run("proxy", str(spec), upstream, "--errors") as url:
        yield url
