"""
FakeBandwidth: the emulator's lifecycle and the read access tests use for assertions.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING, Any, Self

from aiohttp import web

from ._app import Config, RecordedRequest, make_app
from ._callbacks import Callbacks, SentCallback
from ._calling import Calling, CallRun
from ._faults import Faults
from ._latency import Latency
from ._limits import Limiter, Limits
from ._oauth import TokenIssuer
from ._state import CreatedCall, SentCode, State
from ._stats import Stats

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import TracebackType

    from bandwidth_async._client import BandwidthClient
    from bandwidth_async.callbacks import Callback

__all__ = ["FakeBandwidth"]


class FakeBandwidth:
    """
    An in-memory Bandwidth serving the spec's 36 operations over real HTTP on a loopback port.

    ``calls``, ``conferences``, ``messages``, ``media`` and ``recordings`` records are generated
    from *seed*, spread over the 7 days before *now* (default: the current minute), so the same
    seed and *now* always give the same data. Calls are computed on demand, so a million of them
    cost neither memory nor start-up time.

    Attributes:
        base_url: Where it listens, e.g. ``http://127.0.0.1:43123`` (no trailing slash); every
            API is served from this origin at the spec's paths.
        requests: Every request received, in order, including ones answered by a fault.
        faults: The fault rules (429s, 5xx, resets, truncation, latency) to apply.
        limits: The account's rate limits (``Limits()``, unlimited, by default); above one, a
            request gets 429 with ``Retry-After``.
        latency: Seconds each request waits before it is answered, or a callable(operationId)
            -> seconds such as ``RandomLatency(0.05, 0.3, seed=1)``.
        stats: ``OperationStats`` by operationId: requests, 429s, peak concurrency, per second.
        client_id, client_secret: The OAuth 2.0 client credentials its token endpoint
            (``/api/v1/oauth2/token``) accepts; its bearer tokens last *token_ttl* seconds
            of its clock (`advance` moves it).

    Calls created with an ``answerUrl`` on a loopback host (or a host in *callback_hosts*) are
    placed: the emulator POSTs their events to the app and runs the BXML it answers, media
    taking simulated time multiplied by *time_scale* (0.01: a 5 s prompt takes 50 ms).
    """

    def __init__(
        self,
        *,
        calls: int = 0,
        conferences: int = 0,
        messages: int = 0,
        media: int = 0,
        recordings: int = 0,
        seed: int = 0,
        now: dt.datetime | None = None,
        username: str = "fake-user",
        password: str = "fake-password",  # noqa: S107 - a fake's well-known credential
        account_id: str = "9900000",
        host: str = "127.0.0.1",
        port: int = 0,
        lookup_delay: float = 0.2,
        limits: Limits | None = None,
        latency: Latency = None,
        callback_hosts: Iterable[str] = (),
        time_scale: float = 0.01,
        client_id: str = "fake-client-id",
        client_secret: str = "fake-client-secret",  # noqa: S107 - a fake's well-known credential
        token_ttl: float = 3600,
    ) -> None:
        wall = dt.datetime.now(dt.UTC)
        if now is None:
            # The generated week ends on a whole minute, so a seed gives the same data all minute.
            now = wall.replace(second=0, microsecond=0)
        else:
            if now.tzinfo is None:
                now = now.replace(tzinfo=dt.UTC)
            wall = now
        self.limits = limits if limits is not None else Limits()
        self.latency: Latency = latency
        self.stats = Stats()
        self.username = username
        self.password = password
        self.account_id = account_id
        self.host = host
        self.port = port
        self.requests: list[RecordedRequest] = []
        self.faults = Faults()
        self._state = State(
            calls=calls,
            conferences=conferences,
            messages=messages,
            media=media,
            recordings=recordings,
            seed=seed,
            now_ms=int(now.timestamp() * 1000),
            wall_ms=int(wall.timestamp() * 1000),
            account_id=account_id,
        )
        self._callbacks = Callbacks(callback_hosts)
        self._calling = Calling(self._state, self._callbacks, time_scale)
        self.client_id = client_id
        self.client_secret = client_secret
        self._oauth = TokenIssuer(client_id, client_secret, token_ttl, self._state.clock)
        self._config = Config(
            username=username,
            password=password,
            account_id=account_id,
            lookup_delay=lookup_delay,
            state=self._state,
            faults=self.faults,
            requests=self.requests,
            limiter=Limiter(self.limits),
            latency=latency,
            stats=self.stats,
            calling=self._calling,
            oauth=self._oauth,
        )
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    def __repr__(self) -> str:
        where = self._base_url or "not started"
        return f"<FakeBandwidth {where} account_id={self.account_id!r}>"

    @property
    def now(self) -> dt.datetime:
        """
        The end of the generated history: *now* (default: the start minute), moved by ``advance``.

        Generated records lie in the week before it, so ``fake.now - timedelta(days=7)`` covers
        them all. What a test creates is stamped with the real time it was made (plus any
        ``advance``), which is never before ``fake.now``.
        """
        return dt.datetime.fromtimestamp(self._state.now_ms / 1000 + self._state.offset, dt.UTC)

    @property
    def base_url(self) -> str:
        """
        The origin it serves, once started.
        """
        if self._base_url is None:
            raise RuntimeError("FakeBandwidth is not started; use `async with` or `await start()`")
        return self._base_url

    async def start(self) -> None:
        """
        Start serving on *host*:*port* (a free port when 0).
        """
        if self._runner is not None:
            return
        # A fake started again after close calls back again.
        self._calling.closed = False
        self._callbacks.reopen()
        runner = web.AppRunner(
            make_app(self._config), access_log=None, handle_signals=False, shutdown_timeout=0.1
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        sockets = [s for s in runner.addresses if isinstance(s, tuple)]
        port = sockets[0][1] if sockets else self.port
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.port = port
        self._base_url = f"http://{host}:{port}"

    async def close(self) -> None:
        """
        Stop serving and close every connection; closing twice is harmless.
        """
        runner, self._runner = self._runner, None
        await self._calling.aclose()
        if runner is not None:
            await runner.cleanup()
        # Handlers that finished during the cleanup may have started runs: stop them too.
        await self._calling.aclose()
        await self._callbacks.aclose()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def application_id(self) -> str:
        """
        The id of a voice application the account has (createCall accepts it).
        """
        return self._state.applications.voice_id

    @property
    def messaging_application_id(self) -> str:
        """
        The id of a messaging application the account has (createMessage accepts it).
        """
        return self._state.applications.messaging_id

    def add_application(
        self,
        application_id: str | None = None,
        *,
        messaging: bool = False,
        callback_url: str | None = None,
    ) -> str:
        """
        Give the account another application and return its id (a new UUID by default).

        A messaging application with *callback_url* gets the delivery events of its messages.
        """
        return self._state.applications.add(
            application_id, messaging=messaging, callback_url=callback_url
        )

    def client(self, *, oauth: bool = False, **kwargs: Any) -> BandwidthClient:
        """
        A ``BandwidthClient`` pointed at this emulator with its credentials.

        Basic (``username``/``password``) by default; with *oauth*, the client id and secret,
        so the client gets bearer tokens from the emulator's token endpoint.
        """
        from bandwidth_async._client import BandwidthClient  # noqa: PLC0415 - import cycle

        if oauth:
            return BandwidthClient(
                account_id=self.account_id,
                client_id=self.client_id,
                client_secret=self.client_secret,
                base_url=self.base_url,
                **kwargs,
            )
        return BandwidthClient(
            self.username, self.password, self.account_id, base_url=self.base_url, **kwargs
        )

    @property
    def token_requests(self) -> int:
        """
        Requests its token endpoint answered (tokens issued or refused), to assert single flight.
        """
        return self._oauth.requests

    def revoke_tokens(self) -> None:
        """
        Revoke every bearer token issued so far: the next request carrying one gets 401.
        """
        self._oauth.revoke()

    # -- read access for assertions -------------------------------------------------------

    @property
    def created_calls(self) -> list[CreatedCall]:
        """
        Calls created through createCall, in order, with the request bodies (``tag`` included).
        """
        return list(self._state.created_calls)

    @property
    def sent_messages(self) -> list[dict[str, Any]]:
        """
        Messages accepted by createMessage, in order, as the 202 bodies that were returned.
        """
        return list(self._state.sent_messages)

    @property
    def sent_codes(self) -> list[SentCode]:
        """
        MFA codes "sent" by generateVoiceCode and generateMessagingCode, oldest first.
        """
        return list(self._state.codes)

    def last_code(self, to: str) -> str:
        """
        The most recent MFA code sent to *to*; raises LookupError when none was.
        """
        for sent in reversed(self._state.codes):
            if sent.to == to:
                return sent.code
        raise LookupError(f"no code was sent to {to}")

    def media(self, name: str) -> tuple[bytes, str, str | None]:
        """
        A stored media file as ``(data, content type, cache control)``; KeyError if absent.
        """
        item = self._state.media[name]
        return item.data, item.content_type, item.cache_control

    def call_bxml(self, call_id: str) -> str | None:
        """
        The BXML last sent to call *call_id* with updateCallBxml.
        """
        return self._state.call_bxml.get(call_id)

    def advance(self, seconds: float) -> None:
        """
        Move the emulator's clock forward: MFA codes expire and lookups complete sooner.
        """
        self._state.offset += seconds

    # -- calling back ---------------------------------------------------------------------

    @property
    def callbacks(self) -> list[SentCallback]:
        """
        Every event the emulator sent or meant to send, in order: ``(url, event, status)``.

        *event* is the body as ``bandwidth_async.callbacks.parse`` reads it; *status* is the
        app's response status, None when nothing answered or the URL was on a host the
        emulator never contacts; *url* is None for an event with nowhere to go (a call's
        ``disconnect`` without a ``disconnectUrl``), kept so tests can wait for it.
        """
        return list(self._callbacks.sent)

    async def wait_for(
        self,
        predicate: Callable[[Callback], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - the API's name
    ) -> Callback:
        """
        The first event, sent already or to come, for which *predicate* is true.

        ``await fake.wait_for(lambda e: isinstance(e, DisconnectCallback))``.

        Raises:
            TimeoutError: No such event within *timeout* seconds.
        """
        return await self._callbacks.wait_for(predicate, timeout)

    def script(
        self, number: str, digits: str | None = None, *, fail_messages: bool = False
    ) -> None:
        """
        Say what the party at *number* does: the *digits* they press at each ``<Gather>``.

        Called again, it queues more digits for the following Gathers (the last ones are
        repeated). With *fail_messages*, messages to *number* get ``message-failed``.
        """
        if digits is not None:
            self._calling.scripts.digits.setdefault(number, []).append(digits)
        if fail_messages:
            self._calling.scripts.failing.add(number)

    def inbound_call(
        self,
        from_: str,
        to: str,
        *,
        application_id: str | None = None,
        url: str | None = None,
        disconnect_url: str | None = None,
    ) -> str:
        """
        Make *from_* call *to*, and return the call id.

        ``initiate`` goes to *url* (default: the application's callback URL) and the BXML the
        app answers with runs, as for a call it placed.
        """
        application = self._state.applications.get(application_id or self.application_id)
        if application is None:
            raise ValueError(f"no application {application_id}")
        target = url or application.callback_url
        if target is None:
            raise ValueError("give url= or add_application(..., callback_url=...)")
        call_id = "c-" + secrets.token_hex(16)
        body = {"to": to, "from": from_, "applicationId": application.application_id}
        state = self._state.create_call(body, call_id, inbound=True)
        self._calling.start(
            CallRun(
                calling=self._calling,
                call=state,
                call_url=f"{self.base_url}/accounts/{self.account_id}/calls/{call_id}",
                url=target,
                disconnect_url=disconnect_url,
            )
        )
        return call_id

    def inbound_message(
        self,
        from_: str,
        to: str,
        text: str = "",
        *,
        media: list[str] | None = None,
        application_id: str | None = None,
    ) -> str:
        """
        Deliver a text from *from_* to *to*, and return the message id.

        It goes as ``message-received`` to the messaging application's callback URL.
        """
        application = self._state.applications.get(application_id or self.messaging_application_id)
        if application is None or application.callback_url is None:
            raise ValueError("the messaging application needs a callback_url (add_application)")
        return self._calling.inbound_message(application, from_, to, text, media)
