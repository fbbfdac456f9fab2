"""
The session layer: one loop sends a `Request`, asks `decide` about each failure, waits or raises.

`Session.exchange` is that loop. Per attempt it takes a connection slot, waits its turn at the
`Coordinator` (429 gate, rate limit), sends once with `send_once` (the only code that calls
aiohttp's request API; it returns our own `Reply` or `Broken` values, never raises aiohttp's
errors) and hands a failure to `_retry.decide`, a pure function; each step is reported to the
client's `Telemetry` (a no-op without the ``otel`` extra). Resources describe requests;
pagination strategies read responses; this module does the I/O in between and turns every
outcome into a model or an error of `_errors`. It is the only module that imports aiohttp.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import aiohttp
import attrs
from multidict import CIMultiDictProxy
from yarl import URL

from . import _json, _mirror
from ._converter import CONVERTER, structure, structure_many, unstructure
from ._dial import DialMemory
from ._errors import (
    ClientClosedError,
    ConfigurationError,
    DecodeError,
    PaginationError,
    TransportError,
)
from ._pagination import AsyncPaginator, Pagination, Reader
from ._request import Host, Request, Response, url_problem
from ._retry import Decision, Failure, Outcome, RetryEvent, RetryPolicy, decide
from ._telemetry import NO_TELEMETRY, Operation, Telemetry
from ._throttle import Coordinator, LocalCoordinator

if TYPE_CHECKING:
    from ._auth import Auth

__all__ = ["ClientState", "Config", "Options", "Session", "send_once"]

log = logging.getLogger("bandwidth_async")

#: Each host's key for the `Coordinator` (its 429 gate and rate): ``voice``, ``messaging``...
_HOST_KEYS = {host: host.name.lower() for host in Host}

T = TypeVar("T")

_CHUNK = 64 * 1024


@attrs.frozen(kw_only=True)
class Config:
    """
    What a client was built with; the secret lives only inside ``auth``.
    """

    account_id: str
    username: str
    auth: Auth = attrs.field(repr=False)
    hosts: Mapping[Host, URL]
    user_agent: str
    max_connections: int
    rate_limit: float | None


@attrs.frozen(kw_only=True)
class Options:
    """
    Per-view settings that `BandwidthClient.with_options` may change.
    """

    timeout: float | None
    retry: RetryPolicy


class ClientState:
    """
    What a client and all its views share: aiohttp session, slots, coordinator, telemetry.

    Also what the dialer learned of the account's pace (`dial_memory`).

    *trace_configs* go to the aiohttp session it creates.
    """

    def __init__(
        self,
        config: Config,
        session: aiohttp.ClientSession | None,
        coordinator: Coordinator | None = None,
        *,
        telemetry: Telemetry = NO_TELEMETRY,
        trace_configs: Sequence[aiohttp.TraceConfig] = (),
    ) -> None:
        self.config = config
        self.telemetry = telemetry
        self._trace_configs = list(trace_configs)
        self.coordinator = coordinator or LocalCoordinator(config.rate_limit)
        self.owns_coordinator = coordinator is None  # one passed in belongs to the caller
        # Our own connection slots, taken before the coordinator is asked: a task that waited
        # for a connection still sees a 429 that arrived meanwhile (aiohttp's pool would not).
        self.slots = asyncio.Semaphore(config.max_connections)
        self._http = session
        self.owns_session = session is None
        self.closed = False
        #: What `Calls.create_many` learned of the account's pace, for its next run.
        self.dial_memory = DialMemory()

    def http(self) -> aiohttp.ClientSession:
        """
        The aiohttp session, created on first use inside the running event loop.
        """
        if self.closed:
            raise ClientClosedError("this BandwidthClient is closed; create a new one")
        if self._http is None:
            self._http = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.config.max_connections),
                headers={"User-Agent": self.config.user_agent},
                trace_configs=self._trace_configs or None,
            )
        return self._http

    @property
    def session_started(self) -> bool:
        """
        Whether an owned aiohttp session was created and not closed yet.
        """
        return self.owns_session and self._http is not None and not self._http.closed

    async def aclose(self) -> None:
        """
        Close the aiohttp session and coordinator if this client created them; borrowed ones stay.
        """
        self.closed = True
        await self.config.auth.aclose()
        if self.owns_coordinator:
            await self.coordinator.aclose()
        if self.owns_session and self._http is not None and not self._http.closed:
            await self._http.close()


# --- one attempt on the wire ------------------------------------------------------------------


@attrs.frozen
class Reply:
    """
    A response: status, headers, final URL, and the body read whole, or a `Download` left open.
    """

    status: int
    headers: CIMultiDictProxy[str] = attrs.field(repr=False)
    url: URL
    body: bytes = attrs.field(default=b"", repr=False)
    download: Download | None = None


@attrs.frozen
class Broken:
    """
    An attempt that got no (whole) response: how it failed, in words, and aiohttp's exception.
    """

    failure: Failure
    detail: str
    exc: BaseException


class Download:
    """
    A 2xx body still on the wire; `release` frees its connection and then calls *on_release*.
    """

    def __init__(self, resp: aiohttp.ClientResponse) -> None:
        self._resp = resp
        self.on_release: Callable[[], object] | None = None

    async def chunks(self, size: int) -> AsyncIterator[bytes]:
        """
        The body in chunks of at most *size* bytes; a break raises `TransportError`.
        """
        try:
            async for chunk in self._resp.content.iter_chunked(size):
                yield chunk
        except (TimeoutError, aiohttp.ClientError) as exc:
            self._resp.close()
            raise TransportError(f"the download broke off: {exc!r}") from exc

    def release(self) -> None:
        """
        Give the connection back (once; later calls do nothing).
        """
        self._resp.release()
        if self.on_release is not None:
            callback, self.on_release = self.on_release, None
            callback()


async def send_once(
    http: aiohttp.ClientSession,
    method: str,
    url: URL,
    *,
    headers: Mapping[str, str],
    data: Any,
    client_timeout: aiohttp.ClientTimeout,
    stream: bool = False,
) -> Reply | Broken:
    """
    Send one request and return what came back; aiohttp's exceptions become `Broken` values.

    The body is read whole, except a 2xx with *stream*: then `Reply.download` holds it open.
    """
    try:
        resp = await http.request(
            method, url, headers=headers, data=data, timeout=client_timeout, allow_redirects=False
        )
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        never_left = isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError)
        return _broken(Failure.CONNECT if never_left else _failure(exc), exc)
    ok = resp.status < 300  # noqa: PLR2004
    if ok and stream:
        return Reply(resp.status, resp.headers, resp.url, download=Download(resp))
    try:
        body = await resp.read()
    except (TimeoutError, aiohttp.ClientError) as exc:
        if ok:
            return _broken(_failure(exc), exc)
        body = f"<error body unreadable: {exc!r}>".encode()  # the status still says what failed
    finally:
        resp.release()
    return Reply(resp.status, resp.headers, resp.url, body)


def _failure(exc: BaseException) -> Failure:
    if isinstance(exc, aiohttp.ClientPayloadError):
        return Failure.TRUNCATED
    return Failure.TIMEOUT if isinstance(exc, TimeoutError) else Failure.BROKEN


def _broken(failure: Failure, exc: BaseException) -> Broken:
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return Broken(failure, what, exc)


# --- the loop ---------------------------------------------------------------------------------


class Session:
    """
    Sends `Request` values for one client view: the shared `ClientState` plus this view's options.
    """

    def __init__(self, state: ClientState, options: Options) -> None:
        self.state = state
        self.options = options
        self._error_models = _error_models()
        # Built once per view, not per request: the dialer's hot path.
        self._client_timeout = aiohttp.ClientTimeout(total=options.timeout)
        config = state.config
        self._prefixes = {host: str(url).rstrip("/") for host, url in config.hosts.items()}
        self._account = _quote(config.account_id)
        self._fixed_urls: dict[tuple[Host, str], URL] = {}

    @property
    def transport(self) -> ClientState:
        """
        The shared state under its former name.
        """
        return self.state

    # --- the public verbs of the layer -----------------------------------------------------

    @overload
    async def request(self, request: Request, *, returns: type[T]) -> T: ...
    @overload
    async def request(self, request: Request, *, returns: None = None) -> None: ...
    async def request(self, request: Request, *, returns: type[T] | None = None) -> T | None:
        """
        Send *request* and structure its JSON body into *returns* (``None``: expect no body).
        """
        if returns is None:
            await self.send(request)
            return None
        reply = await self.exchange(request)
        built = _mirror.model(reply.body, returns)  # msgspec, where it reads the body exactly
        return built if built is not None else structure(_decode_json(reply.body), returns)

    async def read(self, request: Request) -> bytes:
        """
        Send *request* and return its body as bytes (media and recordings downloads).
        """
        reply = await self.exchange(request)
        return reply.body

    async def stream(self, request: Request, chunk_size: int = _CHUNK) -> AsyncIterator[bytes]:
        """
        Send *request* and yield its body in chunks, never holding all of it in memory.

        Retries happen only before the first chunk is yielded; the connection slot is held
        from the response until the last chunk (or the consumer stops).
        """
        reply = await self.exchange(request, stream=True)
        assert reply.download is not None  # noqa: S101 - a stream exchange returns one
        try:
            async for chunk in reply.download.chunks(chunk_size):
                yield chunk
        except TransportError as exc:
            exc.request = request
            raise
        finally:
            reply.download.release()

    def paginate(
        self,
        request: Request,
        *,
        item: type[T],
        pagination: Pagination,
        limit: int | None = None,
        cursor: str | None = None,
        prefetch: int = 0,
    ) -> AsyncPaginator[T]:
        """
        An `AsyncPaginator` over the list *request* asks for; nothing is sent until iterated.
        """

        def decode(raw: Sequence[object]) -> list[T]:
            return structure_many(raw, item)

        def read(body: bytes) -> list[T] | None:
            return _mirror.models(body, item)

        return AsyncPaginator(
            self.fetch,
            request,
            decode=decode,
            pagination=pagination,
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
            read=read if _mirror.has_mirror(item) else None,
        )

    async def fetch(
        self, request: Request, read: Reader | None
    ) -> tuple[Response, list[Any] | None]:
        """
        Send one page's *request*; return its `Response` and what *read* made of the body.

        The response's JSON is decoded unless *read* took the body (it returns ``None`` where
        it declines, and the items come from the JSON).
        """
        reply = await self.exchange(request)
        items = None if read is None else read(reply.body)
        data = None if items is not None else _decode_json(reply.body)
        return Response(reply.status, reply.headers, reply.url, data), items

    async def send(self, request: Request) -> Response:
        """
        Send *request* with retries, and return the 2xx `Response` with its JSON decoded.
        """
        response, _ = await self.fetch(request, None)
        return response

    async def exchange(self, request: Request, *, stream: bool = False) -> Reply:
        """
        Send *request* until an attempt succeeds (2xx) or `decide` says raise.

        The attempts are reported to the client's telemetry; without the ``otel`` extra nothing
        is reported, and the loop makes no reporting call at all (about 1.5% of a createCall).
        """
        telemetry = self.state.telemetry
        if telemetry is NO_TELEMETRY:
            return await self._exchange(request, None, stream=stream)
        with telemetry.operation(request) as op:
            return await self._exchange(request, op, stream=stream)

    async def _exchange(  # noqa: C901, PLR0912, PLR0915 - one loop; four reports guarded
        self, request: Request, op: Operation | None, *, stream: bool
    ) -> Reply:
        """
        The one loop: gate, `send_once`, `decide`, then sleep and go again, or return or raise.
        """
        state, policy = self.state, self.options.retry
        url = self._url(request)
        host = _HOST_KEYS[request.host]
        auth = state.config.auth if request.authenticate else None
        refreshable = auth is not None and auth.refreshable
        replayable = _replayable(request.body)
        headers = self._headers(request)  # the attempts differ only in their Authorization
        debug = log.isEnabledFor(logging.DEBUG)
        for attempt in itertools.count(1):
            if op is not None:
                op.attempt(attempt)
            authorization = ""
            if auth is not None:  # before the slot: a token fetch needs a slot of its own
                asked = time.monotonic()
                authorization = await auth.authorization(self)
                if op is not None:
                    op.token_waited(time.monotonic() - asked)
                headers["Authorization"] = authorization
            handed_on = False
            await state.slots.acquire()
            try:
                waited = await state.coordinator.wait_turn(host)
                started = time.monotonic()
                if debug:
                    log.debug("%s %s", request.method, url)
                result = await send_once(
                    state.http(),
                    request.method,
                    url,
                    headers=headers,
                    data=_encode_body(request.body),
                    client_timeout=self._client_timeout,
                    stream=stream,
                )
                if debug:
                    _log_result(request, url, result, time.monotonic() - started, waited)
                if op is not None:
                    op.sent(waited, result.status if isinstance(result, Reply) else None)
                if isinstance(result, Reply) and result.status < 300:  # noqa: PLR2004
                    if result.download is not None:
                        result.download.on_release = state.slots.release
                        handed_on = True
                    return result
                outcome = self._outcome(request, attempt, result, replayable, refreshable)
                decision = decide(outcome, policy, now=dt.datetime.now(dt.UTC))
                if op is not None:
                    op.decided(decision)
                if decision.close_gate is not None:
                    # The one place a 429 closes the gate: before this slot frees, so no queued
                    # task slips through.
                    await state.coordinator.close_gate(host, decision.close_gate)
            finally:
                if not handed_on:
                    state.slots.release()
            self._give_up_or_announce(request, url, attempt, decision, result)
            assert decision.delay is not None  # noqa: S101 - _give_up_or_announce raised otherwise
            if decision.refresh and auth is not None:
                await auth.refresh(self, authorization)
                refreshable = False  # one refresh per request: a second 401 is raised
            await asyncio.sleep(decision.delay)  # holding no slot
        raise AssertionError("unreachable")  # pragma: no cover - itertools.count never ends

    # --- internals --------------------------------------------------------------------------

    def _outcome(
        self,
        request: Request,
        attempt: int,
        result: Reply | Broken,
        replayable: bool,
        refreshable: bool,
    ) -> Outcome:
        if isinstance(result, Broken):
            return Outcome(
                request=request,
                attempt=attempt,
                failure=result.failure,
                detail=result.detail,
                replayable=replayable,
                timeout=self.options.timeout,
            )
        return Outcome(
            request=request,
            attempt=attempt,
            status=result.status,
            headers=result.headers,
            body=self._error_body(request.host, result.status, result.body),
            replayable=replayable,
            refreshable=refreshable,
        )

    def _give_up_or_announce(
        self,
        request: Request,
        url: URL,
        attempt: int,
        decision: Decision,
        result: Reply | Broken,
    ) -> None:
        """
        Raise the decision's error, or log the retry and tell ``on_retry``.
        """
        error = decision.error
        error.attempts = attempt
        if isinstance(result, Broken):
            error.__cause__ = result.exc
        if decision.delay is None:
            log.debug("giving up on %s %s: %s", request.method, request.path, decision.text)
            raise error
        policy = self.options.retry
        log.debug(
            "retrying %s %s after %s (attempt %d of %d) in %.2fs",
            request.method,
            url.path,
            decision.text,
            attempt,
            policy.max_attempts,
            decision.delay,
        )
        if policy.on_retry is not None:
            event = RetryEvent(
                request.method,
                str(url),
                attempt,
                decision.text,
                decision.delay,
                decision.reason,
                error,
            )
            policy.on_retry(event)

    def _url(self, request: Request) -> URL:
        if request.url is not None:
            base = self.state.config.hosts[request.host]
            problem = url_problem(request.url)
            # Only the client's own credentials are bound to its origin: a request that does
            # not carry them (a token request with its own) may go to another.
            if problem is None and request.authenticate and request.url.origin() != base.origin():
                problem = f"its origin is not {base.origin()}, where the client sends credentials"
            if problem is not None:
                raise PaginationError(f"refusing to follow a next link: {problem}")
            return request.url
        if not request.path_params and not request.query:
            # The same URL every time (createCall's): built once per view, as yarl parses it.
            key = (request.host, request.path)
            url = self._fixed_urls.get(key)
            if url is None:
                url = self._fixed_urls[key] = self._fill(request, {})
            return url
        return self._fill(request, request.query_params())

    def _fill(self, request: Request, query: dict[str, str]) -> URL:
        params = {k: _quote(v) for k, v in request.path_params.items()}
        params["account_id"] = self._account
        try:
            path = request.path.format_map(params)
        except KeyError as exc:
            raise ValueError(f"{request.path} needs the path parameter {exc}") from exc
        url = URL(self._prefixes[request.host] + path, encoded=True)
        return url.update_query(query) if query else url

    def _headers(self, request: Request) -> dict[str, str]:
        headers = dict(request.headers)
        if request.content_type is not None:
            headers["Content-Type"] = request.content_type
        elif _is_model(request.body):
            headers["Content-Type"] = "application/json"
        return headers

    def _error_body(self, host: Host, status: int, body: bytes) -> Any:
        text = body.decode("utf-8", errors="replace")
        try:
            data = _json.loads(text)
        except ValueError:
            return text
        model = self._error_models.get((host, status)) or self._error_models.get((host, 0))
        if model is None or not isinstance(data, dict):
            return data
        try:
            return CONVERTER.structure(data, model)
        except Exception:  # noqa: BLE001 - an odd error body must not hide the error itself
            return data


def _log_result(
    request: Request, url: URL, result: Reply | Broken, seconds: float, waited: float
) -> None:
    if isinstance(result, Reply):
        log.debug(
            "%s %s -> %d in %.3fs (waited %.3fs)",
            request.method,
            url.path,
            result.status,
            seconds,
            waited,
        )
    else:
        log.debug("%s %s -> %s in %.3fs", request.method, url.path, result.detail, seconds)


def _decode_json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return _json.loads(body)
    except ValueError as exc:
        text = body[:500].decode("utf-8", errors="replace")
        raise DecodeError(f"the response is not JSON: {exc}", text) from exc


def _is_model(body: object) -> bool:
    return attrs.has(type(body))


def _replayable(body: object) -> bool:
    return _is_model(body) or body is None or isinstance(body, bytes | str | Path)


def _encode_body(body: object) -> Any:
    if body is None or isinstance(body, bytes):
        return body
    if _is_model(body):  # the common case first: AsyncIterable's isinstance is an ABC check
        return _json.dumps(unstructure(body))
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, Path):
        return _file_chunks(body)
    if isinstance(body, AsyncIterable):
        return body
    return _json.dumps(unstructure(body))


async def _file_chunks(path: Path) -> AsyncIterator[bytes]:
    """
    A file's bytes in chunks, read off the event loop so a large upload blocks nothing.
    """
    handle = path.open("rb")  # opened here: a threaded open can leak when cancelled
    try:
        while chunk := await asyncio.to_thread(handle.read, _CHUNK):
            yield chunk
    finally:
        # Closed here, not in a thread: aiohttp cancels the writer once the answer is in, and
        # an awaited close could be cancelled before it runs.
        handle.close()


def _quote(value: str) -> str:
    return URL.build(path=value, encoded=False).raw_path.replace("/", "%2F")


def _error_models() -> dict[tuple[Host, int], type]:
    """
    The error body model of each API family (0 stands for every status without its own).
    """
    from . import models  # noqa: PLC0415 - models import nothing from here; keep startup lean

    return {
        (Host.VOICE, 0): models.VoiceApiError,
        (Host.MESSAGING, 0): models.MessagingRequestError,
        (Host.MFA, 0): models.MfaRequestError,
        (Host.MFA, 401): models.MfaUnauthorizedRequestError,
        (Host.MFA, 403): models.MfaForbiddenRequestError,
        (Host.LOOKUP, 0): models.TnLookupRequestError,
        (Host.NUMBERS_V2, 0): models.LookupErrorResponse,
        (Host.API_V2, 0): models.TfvError,
    }


def check_base_url(
    base_url: str, *, allow_insecure_http: bool = False, name: str = "base_url"
) -> URL:
    """
    *base_url* as a URL, or a `ConfigurationError` saying why it cannot be one.

    Credentials go with every request, so the URL may hold none itself (the message does not
    echo it then), and plain ``http`` is for loopback only unless *allow_insecure_http*.
    *name* is what the message calls it (``token_url`` gets the same checks).
    """
    try:
        url = URL(base_url)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(f"{name} is not a URL: {exc}") from None
    if url.user is not None or url.password is not None or "@" in (url.raw_authority or ""):
        raise ConfigurationError(
            f"{name} must not hold a user or password: pass credentials as arguments"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"{name} must be an http(s) URL, not {base_url!r}")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ConfigurationError(
            f"{name} {base_url!r} is plain http to {url.host}, which would send credentials "
            "in clear: use https, or pass allow_insecure_http=True if you mean it"
        )
    return url


def _is_loopback(host: str) -> bool:
    import ipaddress  # noqa: PLC0415 - only when a plain-http base_url is checked

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
