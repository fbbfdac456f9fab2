"""
The distributed extra stays optional: the package imports without it.
"""

from __future__ import annotations

import subprocess
import sys


def test_import_bandwidth_async_loads_no_redis_or_taskiq() -> None:
    """``import bandwidth_async`` (and a client) loads neither redis nor taskiq."""
    code = (
        "import sys, bandwidth_async as bw\n"
        "bw.BandwidthClient('u', 'p', 'a')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('redis', 'taskiq',"
        " 'taskiq_redis', 'bandwidth_async') and 'distributed' in m or m.split('.')[0]"
        " in ('redis', 'taskiq', 'taskiq_redis')))\n"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip() == "[]"
