"""
Credentials: what goes in the ``Authorization`` header of each attempt, and what a 401 may cure.

The session loop asks the client's `Auth` for the header before every attempt
(`Auth.authorization`). After a 401 on a request whose credential `Auth.refreshable` says can be
renewed, the loop calls `Auth.refresh` with the value that was refused, sends the request once
more, and raises `UnauthorizedError` if that is refused too: one refresh per request, never a loop.

Adding a credential that must be fetched (OAuth 2.0 client credentials): implement `Auth`; in
`authorization`, send the token request through the *session* passed in, with
``Request(..., authenticate=False)`` and its own ``Authorization`` header in ``headers``. The loop
then neither asks this `Auth` for a header (no recursion) nor refreshes on its 401, and the token
request still gets the client's retries, rate limit, 429 gate and timeout. `refresh` receives the
refused header value, so that many tasks meeting a 401 at once renew the token once: renew only if
the current token is still *stale*. Nothing here does I/O of its own.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ._session import Session

__all__ = ["Auth", "BasicAuth"]


class Auth(Protocol):
    """
    A credential the session loop puts on each request, and may renew once after a 401.
    """

    @property
    def refreshable(self) -> bool:
        """
        Whether `refresh` can cure a 401 (a token that may have expired).
        """

    async def authorization(self, session: Session) -> str:
        """
        The ``Authorization`` header value for the next attempt.
        """

    async def refresh(self, session: Session, stale: str) -> None:
        """
        Renew the credential after *stale* (an `authorization` value) met a 401.
        """

    async def aclose(self) -> None:
        """
        Stop any work in flight (a token request): the client is closing.
        """


class BasicAuth:
    """
    HTTP Basic with a username and password (Bandwidth's API users): fixed, never refreshed.
    """

    refreshable = False

    def __init__(self, username: str, password: str) -> None:
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self._header = f"Basic {token}"

    def __repr__(self) -> str:
        return "BasicAuth(...)"

    async def authorization(self, session: Session) -> str:  # noqa: ARG002 - fixed header
        """
        The prebuilt ``Basic`` header.
        """
        return self._header

    async def refresh(self, session: Session, stale: str) -> None:
        """
        Nothing to renew: a refused password stays refused.
        """

    async def aclose(self) -> None:
        """
        Nothing to stop.
        """
