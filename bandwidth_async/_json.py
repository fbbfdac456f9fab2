"""
JSON in and out: orjson when the ``fast`` extra is installed, the standard library otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["dumps", "loads"]

try:
    import orjson
except ImportError:  # pragma: no cover - exercised only without the extra

    def loads(data: bytes | str) -> Any:
        """
        Decode JSON text.
        """
        return json.loads(data)

    def dumps(obj: Any) -> bytes:
        """
        Encode *obj* as compact UTF-8 JSON.
        """
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()

else:
    loads: Callable[[bytes | str], Any] = orjson.loads  # type: ignore[no-redef]

    def dumps(obj: Any) -> bytes:
        """
        Encode *obj* as compact UTF-8 JSON.
        """
        return orjson.dumps(obj)
