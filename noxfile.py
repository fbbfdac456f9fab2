"""
Developer tasks: ``nox`` runs lint, typecheck and tests; ``nox -s docs`` builds the documentation
site strictly; ``nox -s bench`` runs the benchmarks.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True
# uv builds each session's virtualenv in seconds where pip takes about a minute; without uv
# on PATH, nox falls back to virtualenv and pip.
nox.options.default_venv_backend = "uv|virtualenv"

ROOT = Path(__file__).parent
PRISM_DIR = ROOT / ".prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
DOCS_DEPS = [
    "mkdocs>=1.6",
    "mkdocs-material>=9.5",
    "mkdocstrings[python]>=0.27",
    "mkdocstrings-python>=1.10",
    "pyyaml>=6",
]
TEST_DEPS = [
    "pytest>=8",
    "pytest-asyncio>=0.24",
    "fastapi>=0.110",
    "uvicorn>=0.29",
    "coverage[toml]>=7.6",
    "hypothesis>=6.100",
    "pyyaml>=6",
    "bandwidth-sdk>=23.3",
    "schemathesis>=4.0",
    "opentelemetry-sdk>=1.27",
]


def ensure_prism(session: nox.Session) -> str:
    """Install the Prism mock server from npm into .prism/ unless one is there already."""
    if os.environ.get("PRISM"):
        return os.environ["PRISM"]
    if not PRISM_BIN.exists():
        if shutil.which("npm") is None:
            session.error("npm is needed to install the Prism mock server")
        session.run(
            "npm",
            "install",
            "--prefix",
            str(PRISM_DIR),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "@stoplight/prism-cli@5",
            external=True,
        )
    return str(PRISM_BIN)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite with branch coverage; fails under 95%."""
    session.install("-e", ".[distributed]", *TEST_DEPS)
    prism = ensure_prism(session)
    session.run("coverage", "erase")
    session.run(
        "coverage",
        "run",
        "-m",
        "pytest",
        *session.posargs,
        env={"PRISM": prism},
    )
    session.run("coverage", "combine", success_codes=[0, 1])
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check."""
    session.install("ruff>=0.8")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package, tests, examples and benchmarks."""
    session.install("-e", ".[distributed]", "mypy>=1.13", *TEST_DEPS, "types-PyYAML")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site; a broken link, missing reference or docstring warning fails."""
    session.install("-e", ".", *DOCS_DEPS)
    session.run("mkdocs", "build", "--strict", "--site-dir", str(ROOT / "site"), *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Measure export, dial, decode, import and memory against raw aiohttp and bandwidth-sdk."""
    session.install("-e", ".", "bandwidth-sdk", "matplotlib")
    session.run("python", "benchmarks/run.py", *session.posargs)
    session.run("python", "benchmarks/bulk.py")
