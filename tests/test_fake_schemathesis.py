"""
Schemathesis, a fuzzer nobody here wrote, against the emulator with both specs.

It sends generated requests (the spec's examples, then fuzzed ones, valid and not) to every
operation the emulator serves and checks each answer against the spec: no 5xx, only declared
statuses, headers and bodies that match, invalid requests refused. Its coverage phase (boundary
values, undeclared methods) is clean too but takes a minute, so it is left to a manual run
(add ``coverage`` to ``--phases``); the 405 ``Allow`` and empty-upload defects it found have
their own tests in ``test_fake_refusals.py``. Cases where Bandwidth is stricter than
its spec are configured out, each with its reason, in ``tests/schemathesis.toml``. The seed is
fixed and the examples per operation few, so a run is repeatable and takes seconds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bandwidth_async.testing import FakeBandwidth
from bandwidth_async.testing._app import make_app
from bandwidth_async.testing._operations import OPERATIONS, operation_id

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "spec").glob("bandwidth*.yml"))
SCHEMATHESIS = shutil.which("schemathesis") or shutil.which("st")


def serve(*args: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """Start ``python -m bandwidth_async.testing`` and read the banner it prints."""
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "bandwidth_async.testing", "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    printed: dict[str, str] = {}
    while "messaging_application_id" not in printed:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else "no output"
        key, _, value = line.strip().partition("=")
        printed[key] = value
    return process, printed


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=30)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


@pytest.fixture(scope="module")
def emulator() -> Iterator[dict[str, str]]:
    process, printed = serve(
        "--calls", "30", "--conferences", "4", "--messages", "20", "--media", "3",
        "--recordings", "4", "--seed", "1", "--lookup-delay", "0",
    )  # fmt: skip
    try:
        yield printed
    finally:
        stop(process)


def served_operations() -> list[str]:
    """The operationIds the emulator has a route for."""
    app = make_app(FakeBandwidth()._config)
    names = set()
    for route in app.router.routes():
        if route.method != "HEAD" and route.resource is not None:
            names.add(operation_id(route.method, route.resource.canonical))
    return sorted(n for n in names if n is not None)


def test_every_route_is_an_operation_of_a_spec() -> None:
    """Each route the emulator serves has an operationId in one of the specs, and vice versa."""
    defined: dict[tuple[str, str], str] = {}
    for spec in sorted(SPECS, key=lambda s: s.stem != "bandwidth"):
        for path, item in yaml.safe_load(spec.read_text())["paths"].items():
            for method, op in item.items():
                if isinstance(op, dict) and "operationId" in op:
                    key = (method.upper(), re.sub(r"\{[^}]+\}", "{}", path))
                    defined.setdefault(key, op["operationId"])
    assert defined == OPERATIONS
    app = make_app(FakeBandwidth()._config)
    # The OAuth token endpoint is in the spec's securitySchemes (clientCredentials.tokenUrl),
    # not its paths: it is the one route with no operationId.
    routes = [
        (r.method, r.resource.canonical)
        for r in app.router.routes()
        if r.method != "HEAD"
        and r.resource is not None
        and r.resource.canonical != "/api/v1/oauth2/token"
    ]
    assert [r for r in routes if operation_id(*r) is None] == []
    assert len(served_operations()) == len(routes)


@pytest.mark.skipif(SCHEMATHESIS is None, reason="schemathesis is not installed")
@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_schemathesis_finds_nothing(emulator: dict[str, str], spec: Path, tmp_path: Path) -> None:
    """No 5xx, no answer outside the spec, for every generated request, with either spec."""
    assert SCHEMATHESIS is not None
    command = [
        SCHEMATHESIS, "--config-file", str(ROOT / "tests" / "schemathesis.toml"),
        "run", str(spec), "--url", emulator["base_url"],
        "--auth", f"{emulator['BW_USERNAME']}:{emulator['BW_PASSWORD']}",
        "--seed", "20261202", "--max-examples", "3", "--no-shrink",
        "--phases", "examples,fuzzing", "--no-color", "--workers", "1",
        "--request-timeout", "10", "--warnings", "off", "--generation-database", "none",
    ]  # fmt: skip
    for operation in served_operations():
        command += ["--include-operation-id", operation]
    result = subprocess.run(  # noqa: S603 - our own command line
        # In a scratch directory: schemathesis keeps a cache where it runs.
        command,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
