"""
The only module that talks to aiohttp: it sends requests, retries them, decodes what comes back.

Resources describe requests (`Request`) and pagination strategies read responses; this module
does the I/O in between and turns every outcome into a model or an error of `_errors`. No
aiohttp exception leaves it.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs
from yarl import URL

from . import _json
from ._converter import CONVERTER, structure, unstructure
from ._errors import (
    APIError,
    BandwidthError,
    ClientClosedError,
    ConfigurationError,
    DecodeError,
    OutcomeUnknownError,
    PaginationError,
    RateLimitError,
    RequestTimeoutError,
    TransportError,
    error_for_status,
)
from ._pagination import AsyncPaginator, Pagination
from ._request import Host, Request, Response
from ._retry import IDEMPOTENT, RetryEvent, RetryPolicy, parse_retry_after
from ._throttle import HostGate, Pacer

__all__ = ["Config", "Options", "Session", "Transport"]


class _Deferred:
    """
    A module imported on first attribute access, then read like the module itself.

    aiohttp is about 40% of ``import bandwidth_async``; deferring it moves that cost to the
    first client built, and to nowhere at all for code that only uses models, BXML or webhooks.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self._name)
        self.__dict__.update(vars(module))  # later lookups are plain attribute reads
        return getattr(module, attr)


if TYPE_CHECKING:
    import aiohttp
else:
    aiohttp = _Deferred("aiohttp")

log = logging.getLogger("bandwidth_async")

T = TypeVar("T")
R = TypeVar("R")

_CHUNK = 64 * 1024


@attrs.frozen(kw_only=True)
class Config:
    """
    What a client was built with; the secret lives only in the prebuilt ``authorization``.
    """

    account_id: str
    username: str
    authorization: str = attrs.field(repr=False)
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


class Transport:
    """
    The shared, stateful part of a client: the aiohttp session, the 429 gate and the pacer.
    """

    def __init__(self, config: Config, session: aiohttp.ClientSession | None) -> None:
        self.config = config
        self.gate = HostGate()
        self.pacer = Pacer(config.rate_limit) if config.rate_limit else None
        # Our own connection slots, taken before the gate is checked: a task that waited for a
        # connection still sees a 429 that arrived meanwhile (aiohttp's pool would not tell it).
        self.slots = asyncio.Semaphore(config.max_connections)
        self._http = session
        self.owns_session = session is None
        self.closed = False

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
                json_serialize=lambda obj: _json.dumps(obj).decode(),
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
        Close the aiohttp session if this client created it; a borrowed one is left open.
        """
        self.closed = True
        if self.owns_session and self._http is not None and not self._http.closed:
            await self._http.close()


class _Retry(Exception):  # noqa: N818 - a control-flow signal, never raised to users
    def __init__(self, error: BandwidthError, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.error = error
        self.reason = reason
        self.delay = delay


class Session:
    """
    Sends `Request` values for one client view: its transport plus its timeout and retry policy.
    """

    def __init__(self, transport: Transport, options: Options) -> None:
        self.transport = transport
        self.options = options
        self._error_models = _error_models()
        # Built once per view, not per request: the dialer's hot path.
        self._client_timeout = aiohttp.ClientTimeout(total=options.timeout)
        config = transport.config
        self._prefixes = {host: str(url).rstrip("/") for host, url in config.hosts.items()}
        self._account = _quote(config.account_id)

    # --- the public verbs of the layer -----------------------------------------------------

    @overload
    async def request(self, request: Request, *, returns: type[T]) -> T: ...
    @overload
    async def request(self, request: Request, *, returns: None = None) -> None: ...
    async def request(self, request: Request, *, returns: type[T] | None = None) -> T | None:
        """
        Send *request* and structure its JSON body into *returns* (``None``: expect no body).
        """
        response = await self.send(request)
        if returns is None:
            return None
        return structure(response.data, returns)

    async def read(self, request: Request) -> bytes:
        """
        Send *request* and return its body as bytes (media and recordings downloads).
        """
        response = await self.send(request, raw=True)
        data: bytes = response.data
        return data

    async def stream(self, request: Request, chunk_size: int = _CHUNK) -> AsyncIterator[bytes]:
        """
        Send *request* and yield its body in chunks, never holding all of it in memory.

        Retries happen only before the first chunk is yielded.
        """
        url = self._url(request)
        async with self.transport.slots:
            try:
                resp = await self._open(request, url)
            except _Retry as retry:
                resp = await self._retrying(
                    request, url, lambda: self._open(request, url), failed=retry
                )
            try:
                async for chunk in resp.content.iter_chunked(chunk_size):
                    yield chunk
            except (TimeoutError, aiohttp.ClientError) as exc:
                resp.close()
                raise TransportError(f"the download broke off: {exc!r}", request) from exc
            finally:
                resp.release()

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
        hook = CONVERTER.get_structure_hook(item)

        def decode(raw: Sequence[object]) -> list[T]:
            try:
                return [hook(entry, item) for entry in raw]
            except Exception:  # noqa: BLE001 - redo it slowly for a precise DecodeError
                return [structure(entry, item) for entry in raw]

        return AsyncPaginator(
            self.send,
            request,
            decode=decode,
            pagination=pagination,
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )

    async def send(self, request: Request, *, raw: bool = False) -> Response:
        """
        Send *request* with retries, and return the decoded 2xx `Response`.
        """
        url = self._url(request)
        try:
            return await self._attempt(request, url, raw=raw)
        except _Retry as retry:
            first = retry
        return await self._retrying(
            request, url, lambda: self._attempt(request, url, raw=raw), failed=first
        )

    # --- internals --------------------------------------------------------------------------

    async def _retrying(
        self,
        request: Request,
        url: URL,
        attempt_once: Callable[[], Awaitable[R]],
        *,
        failed: _Retry,
    ) -> R:
        """
        Retry after a failed first attempt until one succeeds or the policy gives up.

        *failed* is what the first attempt raised; *attempt_once* sends the request again. The
        first attempt runs outside this loop, so a request that succeeds at once (nearly
        all of them) pays for no retry machinery.
        """
        policy = self.options.retry
        attempt = 1
        retry = failed
        while True:
            error = retry.error
            error.attempts = attempt
            delay = self._retry_delay(request, retry, attempt, policy)
            if delay is None:
                raise error from error.__cause__
            log.debug(
                "retrying %s %s after %s (attempt %d of %d) in %.2fs",
                request.method,
                url.path,
                retry.reason,
                attempt,
                policy.max_attempts,
                delay,
            )
            if policy.on_retry is not None:
                policy.on_retry(RetryEvent(request.method, str(url), attempt, retry.reason, delay))
            await asyncio.sleep(delay)
            attempt += 1
            try:
                return await attempt_once()
            except _Retry as again:
                retry = again

    def _retry_delay(
        self, request: Request, retry: _Retry, attempt: int, policy: RetryPolicy
    ) -> float | None:
        if attempt >= policy.max_attempts:
            log.debug("giving up on %s %s: %s", request.method, request.path, retry.reason)
            return None
        if not _replayable(request.body):
            log.debug("not retrying %s %s: its body is a one-shot stream", *_what(request))
            return None
        if retry.delay is not None:
            # The host gate already holds every request; wait for it, not on a private clock.
            return retry.delay
        return policy.backoff(attempt)

    def _url(self, request: Request) -> URL:
        if request.url is not None:
            base = self.transport.config.hosts[request.host]
            if request.url.origin() != base.origin():
                raise PaginationError(
                    f"refusing to follow {request.url.origin()} with credentials: the client "
                    f"is configured for {base.origin()}"
                )
            return request.url
        params = {k: _quote(v) for k, v in request.path_params.items()}
        params["account_id"] = self._account
        try:
            path = request.path.format_map(params)
        except KeyError as exc:
            raise ValueError(f"{request.path} needs the path parameter {exc}") from exc
        url = URL(self._prefixes[request.host] + path, encoded=True)
        query = request.query_params()
        return url.update_query(query) if query else url

    def _headers(self, request: Request) -> dict[str, str]:
        headers = {"Authorization": self.transport.config.authorization, **request.headers}
        if request.content_type is not None:
            headers["Content-Type"] = request.content_type
        elif _is_model(request.body):
            headers["Content-Type"] = "application/json"
        return headers

    async def _before_send(self, request: Request) -> None:
        if self.transport.gate.delay(request.host) > 0:
            await self.transport.gate.wait(request.host)
        if self.transport.pacer is not None:
            await self.transport.pacer.wait()
            await self.transport.gate.wait(request.host)

    async def _attempt(self, request: Request, url: URL, *, raw: bool) -> Response:
        async with self.transport.slots:
            resp = await self._open(request, url)
            try:
                body = await resp.read()
            except (TimeoutError, aiohttp.ClientError) as exc:
                raise self._transport_error(request, exc, sent=True) from exc
            finally:
                resp.release()
        data = body if raw else _decode_json(body)
        return Response(resp.status, resp.headers, resp.url, data)

    async def _open(self, request: Request, url: URL) -> aiohttp.ClientResponse:
        """
        Send *request* once and return the open response (2xx), or raise `_Retry` / an error.
        """
        await self._before_send(request)
        http = self.transport.http()
        started = time.monotonic()
        log.debug("%s %s", request.method, url)
        try:
            resp = await http.request(
                request.method,
                url,
                headers=self._headers(request),
                data=_encode_body(request.body),
                timeout=self._client_timeout,
                allow_redirects=False,
            )
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise self._transport_error(request, exc, sent=not _never_connected(exc)) from exc
        log.debug(
            "%s %s -> %d in %.3fs",
            request.method,
            url.path,
            resp.status,
            time.monotonic() - started,
        )
        if resp.status < 300:  # noqa: PLR2004
            return resp
        try:
            await self._raise_for_status(request, resp)
        finally:
            resp.release()
        raise AssertionError("unreachable")  # pragma: no cover

    async def _raise_for_status(self, request: Request, resp: aiohttp.ClientResponse) -> None:
        if resp.status == 429:  # noqa: PLR2004
            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            # Close the gate before the connection is released, so no queued task slips through.
            if retry_after is not None and retry_after <= self.options.retry.retry_after_max:
                self.transport.gate.close_for(request.host, retry_after)
        try:
            text = await resp.text(errors="replace")
        except (TimeoutError, aiohttp.ClientError) as exc:
            text = f"<error body unreadable: {exc!r}>"
        body = self._error_body(request.host, resp.status, text)
        error_class = error_for_status(resp.status)
        headers = {k: v for k, v in resp.headers.items() if k.lower() != "set-cookie"}
        if error_class is RateLimitError:
            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            error: APIError = RateLimitError(resp.status, body, headers, request, retry_after)
            if retry_after is not None and retry_after > self.options.retry.retry_after_max:
                raise error
            raise _Retry(error, f"429 (Retry-After: {retry_after})", retry_after)
        error = error_class(resp.status, body, headers, request)
        if resp.status >= 500 and request.method in IDEMPOTENT:  # noqa: PLR2004
            raise _Retry(error, f"{resp.status}")
        raise error

    def _error_body(self, host: Host, status: int, text: str) -> Any:
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

    def _transport_error(self, request: Request, exc: BaseException, *, sent: bool) -> _Retry:
        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        timed_out = isinstance(exc, TimeoutError)
        if not sent:
            error: TransportError = TransportError(f"could not connect: {what}", request)
            error.__cause__ = exc
            return _Retry(error, f"connection failed ({what})")
        if request.method not in IDEMPOTENT:
            error = OutcomeUnknownError(
                f"{request.method} {request.path} was sent but no answer came ({what}); it may "
                "have taken effect, so it is not sent again",
                request,
            )
            raise error from exc
        if isinstance(exc, aiohttp.ClientPayloadError):
            error = _TruncatedBodyError(f"the response body was cut short: {what}", request)
        elif timed_out:
            error = RequestTimeoutError(f"timed out after {self.options.timeout}s", request)
        else:
            error = TransportError(f"the connection broke: {what}", request)
        error.__cause__ = exc
        return _Retry(error, what)


class _TruncatedBodyError(TransportError, DecodeError):
    """
    The connection ended before the whole body came: both a transport and a decode failure.
    """

    def __init__(self, message: str, request: Request | None = None) -> None:
        TransportError.__init__(self, message, request)
        self.text = ""


def _decode_json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return _json.loads(body)
    except ValueError as exc:
        text = body[:500].decode("utf-8", errors="replace")
        raise DecodeError(f"the response is not JSON: {exc}", text) from exc


def _never_connected(exc: BaseException) -> bool:
    """
    Whether *exc* proves the request never left: the connection could not be opened at all.
    """
    return isinstance(exc, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError)


def _is_model(body: object) -> bool:
    return attrs.has(type(body))


def _replayable(body: object) -> bool:
    return body is None or isinstance(body, bytes | str | Path) or _is_model(body)


def _encode_body(body: object) -> Any:
    if body is None or isinstance(body, bytes):
        return body
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


def _what(request: Request) -> tuple[str, str]:
    return request.method, request.path


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


def check_base_url(base_url: str) -> URL:
    """
    *base_url* as a URL, or a `ConfigurationError` saying why it cannot be one.
    """
    url = URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url must be an http(s) URL, not {base_url!r}")
    return url
