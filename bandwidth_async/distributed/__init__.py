"""
Bulk work past one process: the account's rate limit and 429 gate shared through Redis.

Needs the ``distributed`` extra (``pip install 'bandwidth-async[distributed]'``);
``import bandwidth_async`` never imports this package.
"""

from __future__ import annotations

from ._coordinator import CoordinationError, RedisCoordinator

__all__ = ["CoordinationError", "RedisCoordinator"]
