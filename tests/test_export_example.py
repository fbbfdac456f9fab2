"""
``examples/export_calls.py``, the README's first command, run as a user would run it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "export_calls.py"


def test_example_exports_25000_calls_from_the_emulator(tmp_path: Path) -> None:
    """Without BW_* credentials the example exports the emulator's 25,000 calls to calls.jsonl."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BW_")}
    done = subprocess.run(  # noqa: S603 - our own example, run with this interpreter
        [sys.executable, str(EXAMPLE)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with (tmp_path / "calls.jsonl").open() as f:
        call_ids = [json.loads(line)["callId"] for line in f]
    assert len(call_ids) == len(set(call_ids)) == 25_000
    printed = re.fullmatch(
        r"exported (\d+) calls to calls\.jsonl in [\d.]+ s \((\d+) calls/s\)\n", done.stdout
    )
    assert printed is not None, done.stdout
    assert printed.group(1) == "25000"
