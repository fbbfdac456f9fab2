"""
JSON in and out: orjson when the ``fast`` extra is installed, the standard library otherwise.

`loads` raises `ValueError` for every input it cannot decode, nesting too deep for the parser
included (the standard library would raise `RecursionError`), so callers need one ``except``.
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
        try:
            return json.loads(data)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None

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
