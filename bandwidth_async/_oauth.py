"""
OAuth 2.0 client credentials (RFC 6749 section 4.4): one bearer token, shared and refreshed.

The decisions are pure functions of plain values and an injected ``now``: when a token goes
stale (`refresh_deadline`, `is_fresh`) and what a token response means (`parse_token`).
`ClientCredentials` only adds the single flight: however many tasks need a token at once, one
token request is in flight and the others await it. It does no I/O of its own: the session
passes itself in, and the token request goes through its retry loop like any other request.
Neither the secret nor a token ever appears in a ``repr``, a ``str``, an error or a log line.
"""

from __future__ import annotations

import asyncio
import base64
import re
import time
from collections.abc import Callable
from typing import Final, Protocol

import attrs
from yarl import URL

from ._errors import (
    APIError,
    AuthenticationError,
    BandwidthError,
    ClientClosedError,
    DecodeError,
    TransportError,
)
from ._request import Host, Request, Response

__all__ = [
    "DEFAULT_TOKEN_URL",
    "TOKEN_PATH",
    "ClientCredentials",
    "Sender",
    "Token",
    "is_fresh",
    "parse_token",
    "refresh_deadline",
    "token_request",
    "token_url_for",
]

#: Where Bandwidth issues tokens (the spec's ``OAuth2`` security scheme).
DEFAULT_TOKEN_URL: Final = "https://api.bandwidth.com/api/v1/oauth2/token"  # noqa: S105 - a URL
#: The token endpoint's path under a ``base_url`` (the emulator, a proxy).
TOKEN_PATH: Final = "/api/v1/oauth2/token"  # noqa: S105 - a path, not a secret
#: A token is used until this many seconds before it expires, then a new one is fetched.
REFRESH_MARGIN: Final = 60.0
#: The form body of every token request.
GRANT: Final = b"grant_type=client_credentials"

# RFC 6750 2.1 b64token, loosened to any visible ASCII: nothing that could split a header.
_TOKEN_CHARS: Final = re.compile(r"[\x21-\x7e]+")


@attrs.frozen
class Token:
    """
    A bearer token and the moment (on the ``time.monotonic`` clock) to stop using it.

    *refresh_at* is ``None`` when the server gave no ``expires_in``: the token is then used
    until a request carrying it gets a 401.
    """

    value: str = attrs.field(repr=False)
    refresh_at: float | None

    @property
    def header(self) -> str:
        """
        The ``Authorization`` header value that carries this token.
        """
        return f"Bearer {self.value}"


def refresh_deadline(obtained_at: float, expires_in: float | None) -> float | None:
    """
    When a token obtained at *obtained_at* and valid *expires_in* seconds should be replaced.

    `REFRESH_MARGIN` (60 s) before it expires; a token that lives less than twice that is
    replaced halfway through its life instead, so a short-lived token is still reused.
    """
    if expires_in is None:
        return None
    return obtained_at + expires_in - min(REFRESH_MARGIN, expires_in / 2)


def is_fresh(token: Token | None, now: float) -> bool:
    """
    Whether *token* may still be sent at *now*.
    """
    return token is not None and (token.refresh_at is None or now < token.refresh_at)


def parse_token(data: object, obtained_at: float) -> Token:
    """
    The token in a token endpoint's JSON answer *data*, or `AuthenticationError` saying why not.

    ``access_token`` must be a non-empty string of visible ASCII, ``token_type`` (when given)
    ``Bearer`` in any case, ``expires_in`` (when given) a positive number of seconds. The
    messages name the fields, never their values.
    """
    if not isinstance(data, dict):
        raise AuthenticationError(
            f"the token endpoint answered a JSON {type(data).__name__}, not an object"
        )
    value = data.get("access_token")
    if not isinstance(value, str) or not _TOKEN_CHARS.fullmatch(value):
        raise AuthenticationError(
            "the token endpoint's answer has no usable access_token "
            "(a non-empty string of visible ASCII characters)"
        )
    token_type = data.get("token_type", "Bearer")
    if not isinstance(token_type, str) or token_type.lower() != "bearer":
        raise AuthenticationError("the token endpoint's answer is not a Bearer token")
    expires_in = data.get("expires_in")
    if expires_in is not None and (
        isinstance(expires_in, bool) or not isinstance(expires_in, int | float) or expires_in <= 0
    ):
        raise AuthenticationError(
            "the token endpoint's expires_in is not a positive number of seconds"
        )
    return Token(value, refresh_deadline(obtained_at, expires_in))


def token_url_for(base_url: URL | None) -> URL:
    """
    The token URL when none is given: Bandwidth's, or the same path under *base_url*.
    """
    if base_url is None:
        return URL(DEFAULT_TOKEN_URL)
    return base_url.with_path(base_url.path.rstrip("/") + TOKEN_PATH)


class Sender(Protocol):
    """
    What sends the token request: the session of the client view that needs a token.
    """

    async def send(self, request: Request) -> Response:
        """
        Send *request* through the retry loop and return the 2xx `Response`.
        """
        ...


def token_request(token_url: URL, basic: str) -> Request:
    """
    The token request: a form POST to *token_url* with the client's own Basic credentials.

    It carries no credential of the API (``authenticate=False``), and it is safe to repeat
    (``idempotent=True``: a second token is as good as the first), so 5xx and timeouts are
    retried as the client's policy says, though it is a POST.
    """
    return Request(
        "POST",
        Host.API_V2,  # api.bandwidth.com, where Bandwidth's token endpoint is
        token_url.path,
        url=token_url,
        headers={"Authorization": basic, "Accept": "application/json"},
        body=GRANT,
        content_type="application/x-www-form-urlencoded",
        operation="oauth2Token",
        authenticate=False,
        idempotent=True,
    )


class ClientCredentials:
    """
    A client id and secret, traded for a bearer token that every request of a client shares.

    The token is cached until `refresh_deadline`; when it is stale, the first task to notice
    starts one token request and every other task awaits that one. A failed token request gives
    every waiter an `AuthenticationError` and caches nothing, so the next request tries again.
    It implements the session's ``Auth`` protocol (``_auth.py``).
    """

    refreshable = True

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        token_url: URL,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client_id = client_id
        self.token_url = token_url
        secret = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self._request = token_request(token_url, f"Basic {secret}")
        self._clock = clock
        self._token: Token | None = None
        self._flight: asyncio.Task[Token] | None = None

    def __repr__(self) -> str:
        return f"<ClientCredentials client_id={self.client_id!r} token_url={str(self.token_url)!r}>"

    async def authorization(self, session: Sender) -> str:
        """
        The ``Authorization`` header for the next attempt: a fresh token, fetched if need be.
        """
        token = self._token
        if token is None or not is_fresh(token, self._clock()):
            token = await self._join(session)
        return token.header

    async def refresh(self, session: Sender, stale: str) -> None:
        """
        Replace the token that was sent in the header *stale* and refused with a 401.

        When another task has already replaced it, its new token is kept: 500 requests
        refused together cause one token request, not 500.
        """
        token = self._token
        if token is not None and token.header == stale:
            self._token = None
        if self._token is None:
            await self._join(session)

    async def aclose(self) -> None:
        """
        Stop a token request still in flight (the client is closing).
        """
        flight, self._flight = self._flight, None
        if flight is not None and not flight.done():
            flight.cancel()
            await asyncio.wait([flight])

    async def _join(self, session: Sender) -> Token:
        flight = self._flight
        if flight is None:
            # A task of its own, so a waiter that is cancelled cancels nobody else's token.
            flight = asyncio.get_running_loop().create_task(self._fetch(session))
            flight.add_done_callback(self._landed)
            self._flight = flight
        # Wait without taking part: cancelling this waiter leaves the token request running
        # (as shield would), and the shared outcome is read, not raised through 500 frames.
        await asyncio.wait((flight,))
        if flight.cancelled():
            raise ClientClosedError("the client was closed while it fetched a token")
        error = flight.exception()
        if error is None:
            return flight.result()
        if isinstance(error, AuthenticationError):
            # One error object per waiter, all with the same cause.
            raise AuthenticationError(str(error)) from error.__cause__
        raise error  # pragma: no cover - not a token failure but a bug: raised as it is

    async def _fetch(self, session: Sender) -> Token:
        # The clock is read before sending, so the token is retired a little early, never late.
        obtained_at = self._clock()
        try:
            response = await session.send(self._request)
        except DecodeError:
            # Its text could be a token in another format: keep it out of the error.
            raise AuthenticationError(
                f"could not get an OAuth token from {self.token_url}: the answer is not JSON"
            ) from None
        except BandwidthError as exc:
            if isinstance(exc, APIError | TransportError) and exc.request is not None:
                # The request carries the client secret (Basic); the error keeps it without.
                exc.request = attrs.evolve(exc.request, headers={})
            raise AuthenticationError(
                f"could not get an OAuth token from {self.token_url}: {_why(exc)}"
            ) from exc
        token = parse_token(response.data, obtained_at)
        self._token = token
        return token

    def _landed(self, flight: asyncio.Task[Token]) -> None:
        if self._flight is flight:
            self._flight = None
        if not flight.cancelled():
            flight.exception()  # retrieved here, so a failure no one awaited is not logged


def _why(error: BandwidthError) -> str:
    """
    What went wrong with the token request, in words that hold no body and no credential.
    """
    tries = f" ({error.attempts} attempts)" if error.attempts > 1 else ""
    if isinstance(error, APIError):
        if error.status == 401:  # noqa: PLR2004
            return "the token endpoint refused the client id or secret (401)"
        return f"the token endpoint answered {error.status}{tries}"
    return f"{error}{tries}"
