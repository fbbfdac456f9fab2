"""
The base of every API enum: an open ``str`` enum that survives values added after release.
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["OpenStrEnum"]


class OpenStrEnum(enum.StrEnum):
    """
    A ``str`` enum that keeps a value it does not know instead of failing.

    Bandwidth adds enum values over time; ``CallDirectionEnum("sideways")`` gives a member named
    ``UNKNOWN`` whose value is ``"sideways"``, so ``member == "sideways"`` still holds and old
    releases of this SDK keep working.
    """

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
