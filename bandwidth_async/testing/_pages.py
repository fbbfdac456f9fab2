"""
Opaque, tamper-evident page tokens for the emulator's paginated lists.

A token names a position in one query's results; it is signed with the query's filters and a
per-server secret, so a garbage token, or a token used with other filters, is refused (400).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["TokenError", "decode_token", "encode_token"]


class TokenError(ValueError):
    """
    A page token that this server did not issue for this query.
    """


def _signature(
    secret: bytes, scope: str, values: tuple[int, ...], filters: Mapping[str, str]
) -> str:
    payload = "|".join([scope, *map(str, values), *(f"{k}={filters[k]}" for k in sorted(filters))])
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()[:16]


def encode_token(
    secret: bytes, scope: str, values: tuple[int, ...], filters: Mapping[str, str]
) -> str:
    """
    Make a token carrying *values* for the query *scope* with *filters*.
    """
    raw = ".".join(f"{v:x}" for v in values) + "." + _signature(secret, scope, values, filters)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(
    secret: bytes, scope: str, token: str, filters: Mapping[str, str], size: int
) -> tuple[int, ...]:
    """
    Read the *size* values back out of *token*; raise TokenError if it was not issued here.
    """
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        *parts, signature = raw.split(".")
        values = tuple(int(p, 16) for p in parts)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TokenError(token) from exc
    if len(values) != size or not hmac.compare_digest(
        signature, _signature(secret, scope, values, filters)
    ):
        raise TokenError(token)
    return values
