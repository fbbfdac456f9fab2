"""
The emulator's one middleware: record every request, apply injected faults, check Basic auth.

It also applies the account's limits (``_limits.py``) and latency (``_latency.py``), counts
each operation (``_stats.py``), and renders handler errors (``Problem``, aiohttp's HTTP errors)
in each API family's error schema. Which fault a request gets is decided in ``_faults.py``;
this module carries it out. No route or handler lives here.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import email.utils
import json
import secrets
import time
from typing import TYPE_CHECKING, Any, Final

import attrs
from aiohttp import web

from ._http import Problem, _json, error_response, family_of
from ._latency import latency_of
from ._operations import operation_id

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiohttp.typedefs import Middleware
    from multidict import CIMultiDictProxy, MultiMapping

    from ._app import Config
    from ._faults import Fault

__all__ = ["RecordedRequest", "make_middleware", "operation_of"]


@attrs.frozen
class RecordedRequest:
    """
    One request the emulator received, recorded before auth and faults are applied.
    """

    method: str
    path: str
    query: MultiMapping[str]
    headers: CIMultiDictProxy[str]
    body: bytes
    at: float

    def json(self) -> Any:
        """
        The body decoded as JSON.
        """
        return json.loads(self.body)


# -- the middleware: record, faults, auth, errors ------------------------------------------

_BROKEN_BODY: Final = b'{"description":"this response was cut short by the emulator"}'


async def _broken(
    request: web.Request, response: web.Response, *, abort: bool
) -> web.StreamResponse:
    """
    Send *response*'s status and headers and part of its body, then drop the connection.
    """
    body = response.body if isinstance(response.body, bytes) else b""
    if not body:
        body = _BROKEN_BODY
    stream = web.StreamResponse(status=response.status, headers=response.headers)
    stream.content_length = len(body)
    # Never keep the connection: the client must see it end early.
    stream.force_close()
    await stream.prepare(request)
    await stream.write(body[: len(body) // 2])
    transport = request.transport
    if transport is not None:
        if abort:
            transport.abort()
        else:
            transport.close()
    raise _Dropped


class _Dropped(Exception):  # noqa: N818
    """
    Raised after the connection was dropped on purpose, so aiohttp writes nothing more.
    """


def _retry_after(value: float | dt.datetime | None) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return {"Retry-After": email.utils.format_datetime(value.astimezone(dt.UTC), usegmt=True)}
    return {"Retry-After": str(int(value)) if float(value).is_integer() else str(value)}


def _authorized(request: web.Request, config: Config) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    username, sep, password = decoded.partition(":")
    good_user = secrets.compare_digest(username.encode(), config.username.encode())
    good_password = secrets.compare_digest(password.encode(), config.password.encode())
    return bool(sep) and good_user and good_password


def operation_of(request: web.Request) -> str | None:
    """
    The spec operationId that *request* was routed to, or None when no route matched.

    Found from the route's method and path in the specs' table (``_operations.py``); a route
    the specs lack is named after its handler in camelCase (``create_call``: createCall).
    """
    match = request.match_info
    if match.http_exception is not None:
        return None
    route = match.route
    resource = route.resource
    if resource is not None:
        found = operation_id(route.method, resource.canonical)
        if found is not None:
            return found
    name = getattr(route.handler, "__name__", "")
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest) if name else None


def make_middleware(config: Config) -> Middleware:
    """
    The middleware for one emulator: records into ``config.requests``, faults from its ``faults``.
    """

    @web.middleware
    async def middleware(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        body = await request.read()
        config.requests.append(
            RecordedRequest(
                request.method,
                request.path,
                request.query,
                request.headers,
                body,
                time.monotonic(),
            )
        )
        operation = operation_of(request)
        if operation is None:
            return await _handle(request, handler, config, None)
        stats = config.stats[operation]
        stats.begin(config.state.clock())
        status = 499
        try:
            response = await _handle(request, handler, config, operation)
            status = response.status
        finally:
            stats.end(status)
        return response

    return middleware


async def _handle(
    request: web.Request,
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    config: Config,
    operation: str | None,
) -> web.StreamResponse:
    family = family_of(request.path)
    delay, fault = config.faults.select(request.method, request.path)
    if operation is not None:
        delay += latency_of(config.latency, operation)
    if delay:
        await asyncio.sleep(delay)
    try:
        if fault is not None:
            response = await _apply_before(request, fault, family)
            if response is not None:
                return response
        if not (_authorized(request, config) or config.oauth.admits(request)):
            return error_response(family, 401, "Unauthorized", path=request.path)
        retry_after = config.limiter.check(operation, family, config.state.clock())
        if retry_after is not None:
            return error_response(
                family,
                429,
                "Rate limit exceeded. Wait for Retry-After time before sending another request.",
                headers={"Retry-After": str(retry_after)},
                path=request.path,
            )
        response = await _run(request, handler, family)
        if fault is not None and fault.kind in {"reset", "truncate"}:
            assert isinstance(response, web.Response)  # noqa: S101 - handlers build these
            await _broken(request, response, abort=fault.kind == "reset")
    except _Dropped:
        # The connection is gone; give aiohttp an empty prepared response it will not send.
        dropped = web.Response(status=499)
        dropped.force_close()
        return dropped
    return response


async def _apply_before(
    request: web.Request, fault: Fault, family: str
) -> web.StreamResponse | None:
    if fault.kind == "rate_limit":
        return error_response(
            family,
            429,
            "Too many requests.",
            headers=_retry_after(fault.retry_after),
            path=request.path,
        )
    if fault.kind == "server_error":
        return error_response(family, fault.status, "Injected server error.", path=request.path)
    if fault.kind == "reset" and not fault.after_processing:
        await _broken(request, _json({"description": "reset before processing"}), abort=True)
    return None


async def _run(
    request: web.Request,
    handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    family: str,
) -> web.StreamResponse:
    try:
        return await handler(request)
    except Problem as exc:
        return error_response(
            family, exc.status, exc.description, field_errors=exc.field_errors, path=request.path
        )
    except web.HTTPException as exc:
        if exc.status >= 400:  # noqa: PLR2004
            reason = exc.reason or "Error"
            headers = None
            if isinstance(exc, web.HTTPMethodNotAllowed):
                # RFC 9110 section 15.5.6: a 405 lists the methods the resource supports.
                headers = {"Allow": ", ".join(sorted(exc.allowed_methods))}
            return error_response(family, exc.status, reason, headers=headers, path=request.path)
        raise
