"""
The emulator's OAuth 2.0 token endpoint and the bearer tokens it issued.

``POST /api/v1/oauth2/token`` follows RFC 6749 section 4.4 (client credentials): the client id
and secret as Basic credentials, ``grant_type=client_credentials`` in a form body, and a JSON
answer ``{"access_token", "token_type": "Bearer", "expires_in"}``; errors as section 5.2 gives
them (401 ``invalid_client``, 400 ``unsupported_grant_type`` / ``invalid_request``). The
middleware asks `TokenIssuer.admits` whether a request's bearer token is good; this module
neither records requests nor applies faults (the middleware does both, for this route too).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import TYPE_CHECKING, Final
from urllib.parse import parse_qs

import attrs
from aiohttp import web

from ._http import _json

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["TOKEN_PATH", "TokenIssuer"]

#: Where the token endpoint is served, as on ``https://api.bandwidth.com``.
TOKEN_PATH: Final = "/api/v1/oauth2/token"  # noqa: S105 - a path, not a secret

# RFC 6749 5.1: a token response must not be cached anywhere on the way.
_NO_STORE: Final = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _basic_credentials(header: str) -> tuple[str, str] | None:
    """
    The ``(user, password)`` pair of a Basic ``Authorization`` header, or None.
    """
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def _same(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())


@attrs.define(eq=False)
class TokenIssuer:
    """
    Issues bearer tokens to one client id and secret, and says which tokens are still good.

    *clock* is the emulator's clock in seconds (``fake.advance`` moves it), so advancing it past
    *ttl* expires every token issued before.

    Attributes:
        requests: Token requests answered by the endpoint (issued or refused); ones answered
            by an injected fault are counted by that fault's ``hits`` instead.
        issued: Tokens issued so far.
    """

    client_id: str
    client_secret: str = attrs.field(repr=False)
    ttl: float
    clock: Callable[[], float] = attrs.field(repr=False)
    requests: int = 0
    issued: int = 0
    _tokens: dict[str, float] = attrs.field(factory=dict, repr=False)

    def routes(self) -> list[web.RouteDef]:
        """
        The token endpoint's one route.
        """
        return [web.post(TOKEN_PATH, self.oauth2_token)]

    def revoke(self) -> None:
        """
        Make every token issued so far invalid, as if Bandwidth had revoked them.
        """
        self._tokens.clear()

    def admits(self, request: web.Request) -> bool:
        """
        Whether *request* needs no API credentials (the token endpoint) or has a good bearer token.

        The token endpoint checks its own (client) credentials; every other path needs a
        token this issuer issued that has neither expired nor been revoked.
        """
        if request.path == TOKEN_PATH:
            return True
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        expires = self._tokens.get(token.strip())
        if expires is None:
            return False
        if self.clock() >= expires:
            del self._tokens[token.strip()]
            return False
        return True

    async def oauth2_token(self, request: web.Request) -> web.Response:
        """
        ``POST /api/v1/oauth2/token``: a bearer token for good client credentials.
        """
        self.requests += 1
        credentials = _basic_credentials(request.headers.get("Authorization", ""))
        if credentials is None or not (
            _same(credentials[0], self.client_id) and _same(credentials[1], self.client_secret)
        ):
            return _json(
                {"error": "invalid_client", "error_description": "Client authentication failed."},
                401,
                {**_NO_STORE, "WWW-Authenticate": 'Basic realm="bandwidth"'},
            )
        form = parse_qs((await request.read()).decode("utf-8", errors="replace"))
        grants = form.get("grant_type", [])
        if len(grants) != 1:
            return _json(
                {"error": "invalid_request", "error_description": "Send one grant_type."},
                400,
                _NO_STORE,
            )
        if grants[0] != "client_credentials":
            return _json(
                {
                    "error": "unsupported_grant_type",
                    "error_description": "Only client_credentials is supported.",
                },
                400,
                _NO_STORE,
            )
        now = self.clock()
        self._tokens = {t: expires for t, expires in self._tokens.items() if expires > now}
        token = secrets.token_urlsafe(32)
        self._tokens[token] = now + self.ttl
        self.issued += 1
        expires_in = int(self.ttl) if float(self.ttl).is_integer() else self.ttl
        return _json(
            {"access_token": token, "token_type": "Bearer", "expires_in": expires_in},
            headers=_NO_STORE,
        )
