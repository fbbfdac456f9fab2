"""
JSON in and out, through orjson: about twice as fast as the standard library at decoding a page.

`loads` raises `ValueError` for every input it cannot decode, nesting too deep for the parser
included, so callers need one ``except``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

__all__ = ["dumps", "loads"]

#: Decode JSON text (bytes or str); `ValueError` (``orjson.JSONDecodeError``) if it is not JSON.
loads: Callable[[bytes | str], Any] = orjson.loads

#: Encode an object as compact UTF-8 JSON bytes.
dumps: Callable[[Any], bytes] = orjson.dumps
