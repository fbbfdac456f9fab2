"""
Shared helpers of the emulator's July 2026 operations: ids, timestamps, JSON bodies.
"""

from __future__ import annotations

import datetime as dt
import secrets

__all__ = ["iso", "new_id"]


def new_id(prefix: str = "") -> str:
    """
    A random id shaped like Bandwidth's (``prefix`` + a UUID-looking string).
    """
    return prefix + "-".join(secrets.token_hex(n) for n in (4, 2, 2, 2, 6))


def iso(ms: int) -> str:
    """
    Epoch milliseconds as the ISO 8601 UTC text Bandwidth writes.
    """
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
