"""
`BandwidthClient`: configuration, lifecycle, and one attribute per API area.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Self

from ._auth import Auth, BasicAuth
from ._errors import ConfigurationError
from ._oauth import ClientCredentials, token_url_for
from ._request import Host
from ._retry import RetryPolicy
from ._session import ClientState, Config, Options, Session, check_base_url
from ._telemetry import choose
from ._throttle import RateSharing
from ._version import __version__
from .resources import (
    Calls,
    Conferences,
    Endpoints,
    Lookup,
    Media,
    Messages,
    Mfa,
    Recordings,
    Statistics,
    TollFree,
    Transcriptions,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

    import aiohttp  # noqa: TID251 - only for the annotation of a borrowed session
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import TracerProvider

    from ._throttle import Coordinator

__all__ = ["BandwidthClient"]

_UNSET: Any = object()


class BandwidthClient:
    """
    The entry point: one client per application, shared by every task.

    Two kinds of credentials: OAuth 2.0 client credentials (*client_id*, *client_secret*; the
    client trades them for a bearer token at *token_url*) or an API user's *username* and
    *password* (Basic). Giving both kinds is an error. Credentials not given come from
    ``BW_CLIENT_ID`` and ``BW_CLIENT_SECRET`` (which win when set), else ``BW_USERNAME`` and
    ``BW_PASSWORD``; the account from ``BW_ACCOUNT_ID``.
    ``base_url`` sends every API to one host (the emulator, a Prism mock, a proxy). Use it as
    ``async with BandwidthClient() as client:``, or call `aclose` yourself; a *session* passed
    in is used and never closed. Plain ``http`` is refused except to loopback (the emulator,
    Prism) unless ``allow_insecure_http=True``. A *coordinator* (see `Coordinator`) shares the
    429 gate and the rate limit beyond this process; it is used and never closed.

    With the ``otel`` extra installed, each operation is an OpenTelemetry client span with a
    child per attempt, and metrics count requests, retries, 429s and waits; spans and metrics
    go to *tracer_provider* and *meter_provider*, else to the global ones. *trace_configs*
    (aiohttp ``TraceConfig`` objects) are given to the aiohttp session the client creates.
    """

    calls: Calls
    conferences: Conferences
    recordings: Recordings
    messages: Messages
    media: Media
    statistics: Statistics
    mfa: Mfa
    lookup: Lookup
    transcriptions: Transcriptions
    endpoints: Endpoints
    toll_free: TollFree

    def __init__(
        self,
        username: str | None = None,
        password: str | None = None,
        account_id: str | None = None,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        token_url: str | None = None,
        base_url: str | None = None,
        timeout: float | None = 30.0,
        retry: RetryPolicy | None = None,
        max_connections: int = 100,
        rate_limit: float | None = None,
        session: aiohttp.ClientSession | None = None,
        user_agent: str | None = None,
        allow_insecure_http: bool = False,
        coordinator: Coordinator | None = None,
        trace_configs: Sequence[aiohttp.TraceConfig] | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
    ) -> None:
        kind, user, secret, account_id = credentials(
            username=username,
            password=password,
            client_id=client_id,
            client_secret=client_secret,
            account_id=account_id,
            environ=os.environ,
        )
        if max_connections < 1:
            raise ConfigurationError(f"max_connections must be >= 1, not {max_connections}")
        if rate_limit is not None and rate_limit <= 0:
            raise ConfigurationError(f"rate_limit must be > 0 per second, not {rate_limit}")
        if timeout is not None and timeout <= 0:
            raise ConfigurationError(f"timeout must be > 0 seconds or None, not {timeout}")
        if coordinator is not None and rate_limit is not None:
            if not isinstance(coordinator, RateSharing):
                msg = (
                    f"{type(coordinator).__name__} cannot share a rate_limit; leave rate_limit out"
                )
                raise ConfigurationError(msg)
            coordinator.share_rate(rate_limit)
        one = None
        if trace_configs and session is not None:
            raise ConfigurationError(
                "trace_configs apply to the aiohttp session the client creates: add them to "
                "the session you pass instead"
            )
        if base_url is not None:
            one = check_base_url(base_url, allow_insecure_http=allow_insecure_http)
            hosts = dict.fromkeys(Host, one)
        else:
            hosts = {host: check_base_url(host.value) for host in Host}
        auth: Auth
        if kind == "oauth":
            url = token_url_for(one)
            if token_url is not None:
                url = check_base_url(
                    token_url, allow_insecure_http=allow_insecure_http, name="token_url"
                )
            auth = ClientCredentials(user, secret, url)
        else:
            auth = BasicAuth(user, secret)
        config = Config(
            account_id=account_id,
            username=user,
            auth=auth,
            hosts=hosts,
            user_agent=user_agent or f"bandwidth-async/{__version__}",
            max_connections=max_connections,
            rate_limit=rate_limit,
        )
        self._owner = True
        options = Options(timeout=timeout, retry=retry or RetryPolicy())
        state = ClientState(
            config,
            session,
            coordinator,
            telemetry=choose(tracer_provider, meter_provider),
            trace_configs=trace_configs or (),
        )
        self._bind(Session(state, options))

    def _bind(self, session: Session) -> None:
        self._session = session
        self.calls = Calls(session)
        self.conferences = Conferences(session)
        self.recordings = Recordings(session)
        self.messages = Messages(session)
        self.media = Media(session)
        self.statistics = Statistics(session)
        self.mfa = Mfa(session)
        self.lookup = Lookup(session)
        self.transcriptions = Transcriptions(session)
        self.endpoints = Endpoints(session)
        self.toll_free = TollFree(session)

    @property
    def account_id(self) -> str:
        """
        The account every request is made for.
        """
        return self._session.state.config.account_id

    @property
    def base_urls(self) -> dict[str, str]:
        """
        Where each API is sent, keyed by lower-case `Host` name (``voice``, ``numbers_v2``, ...).
        """
        hosts = self._session.state.config.hosts
        return {host.name.lower(): str(url) for host, url in hosts.items()}

    def with_options(
        self, *, timeout: float | None = _UNSET, retry: RetryPolicy | None = _UNSET
    ) -> BandwidthClient:
        """
        A view of this client with another timeout or retry policy.

        The view shares the session, the connection pool and the 429 gate; closing the view
        closes nothing, the original client stays the owner.
        """
        options = self._session.options
        new = Options(
            timeout=options.timeout if timeout is _UNSET else timeout,
            retry=options.retry if retry is _UNSET else (retry or RetryPolicy()),
        )
        view = object.__new__(BandwidthClient)
        view._owner = False
        view._bind(Session(self._session.state, new))
        return view

    async def aclose(self) -> None:
        """
        Close the connections this client opened; closing twice is harmless.
        """
        if self._owner:
            await self._session.state.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        config = self._session.state.config
        where = ", ".join(sorted({str(url) for url in config.hosts.values()}))
        who = "client_id" if isinstance(config.auth, ClientCredentials) else "username"
        return (
            f"<BandwidthClient account_id={config.account_id!r} {who}={config.username!r} "
            f"base_url={where!r}>"
        )

    def __del__(self, _warn: Any = warnings.warn) -> None:
        session = getattr(self, "_session", None)
        owner = getattr(self, "_owner", False)
        if owner and session is not None and session.state.session_started:
            _warn(
                f"{self!r} was never closed: use 'async with' or 'await client.aclose()'",
                ResourceWarning,
                stacklevel=1,
                source=self,
            )


def credentials(
    *,
    username: str | None,
    password: str | None,
    client_id: str | None,
    client_secret: str | None,
    account_id: str | None,
    environ: Mapping[str, str],
) -> tuple[Literal["oauth", "basic"], str, str, str]:
    """
    Which kind of credentials to use, and the pair and account, or a `ConfigurationError`.

    Arguments decide the kind (both kinds given is an error); with neither, ``BW_CLIENT_ID`` or
    ``BW_CLIENT_SECRET`` in *environ* means OAuth, else Basic. A value missing from the chosen
    pair (and the account) comes from *environ*; still missing is an error naming it.
    """
    basic_given = username is not None or password is not None
    oauth_given = client_id is not None or client_secret is not None
    if basic_given and oauth_given:
        raise ConfigurationError(
            "give either client_id and client_secret (OAuth 2.0) or username and password "
            "(Basic), not both"
        )
    oauth = oauth_given or (
        not basic_given and bool(environ.get("BW_CLIENT_ID") or environ.get("BW_CLIENT_SECRET"))
    )
    if oauth:
        kind: Literal["oauth", "basic"] = "oauth"
        pair = (
            ("client_id", "BW_CLIENT_ID", client_id),
            ("client_secret", "BW_CLIENT_SECRET", client_secret),
        )
    else:
        kind = "basic"
        pair = (("username", "BW_USERNAME", username), ("password", "BW_PASSWORD", password))
    wanted = (*pair, ("account_id", "BW_ACCOUNT_ID", account_id))
    values = [value or environ.get(variable) or "" for _, variable, value in wanted]
    missing = [
        f"{name} ({variable})"
        for (name, variable, _), v in zip(wanted, values, strict=True)
        if not v
    ]
    if kind == "basic" and not (values[0] or values[1]):
        # Nothing of either kind anywhere: name both, the OAuth pair first (Bandwidth's advice).
        either = (
            "client_id and client_secret (BW_CLIENT_ID, BW_CLIENT_SECRET) or username and "
            "password (BW_USERNAME, BW_PASSWORD)"
        )
        missing[:2] = [either]
    if missing:
        raise ConfigurationError("missing credentials: " + ", ".join(missing))
    return kind, values[0], values[1], values[2]
