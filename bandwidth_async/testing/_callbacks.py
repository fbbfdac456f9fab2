"""
Delivering callbacks to the user's app: who may be called, the HTTP request, the record kept.

Only loopback hosts (``127.0.0.0/8``, ``::1``, ``localhost``) and the hosts a test names in
``callback_hosts`` are ever contacted: a URL on any other host fails as unreachable before any
connection is attempted. Every event is recorded, parsed by ``bandwidth_async.callbacks.parse``,
so tests read the same models their app does. What to send and when is ``_calling.py``'s.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import aiohttp
import attrs
from yarl import URL

from bandwidth_async import callbacks

__all__ = ["Callbacks", "Delivery", "SentCallback", "is_loopback"]

log = logging.getLogger("bandwidth_async.testing")


class SentCallback(NamedTuple):
    """
    One event the emulator sent (or meant to send) to an app.

    Attributes:
        url: Where it went; None when the call or application had no URL for it.
        event: The body as ``callbacks.parse`` reads it (``AnswerCallback``, ...).
        status: The app's response status; None when nothing answered (unreachable host,
            refused connection, timeout, or no URL).
    """

    url: str | None
    event: callbacks.Callback
    status: int | None


@attrs.frozen
class Delivery:
    """
    The outcome of one callback request: the status and body the app answered with.
    """

    status: int | None
    text: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        """
        Whether the app answered with a 2xx.
        """
        return self.status is not None and 200 <= self.status < 300  # noqa: PLR2004


def is_loopback(host: str) -> bool:
    """
    Whether *host* names this machine: ``localhost``, ``127.0.0.0/8`` or ``::1``.
    """
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _query(payload: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in payload.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, str | int | float):
            out[key] = str(value)
        else:
            out[key] = json.dumps(value, separators=(",", ":"))
    return out


class Callbacks:
    """
    The callback sender and log of one emulator.
    """

    def __init__(self, hosts: Iterable[str] = ()) -> None:
        self.hosts = frozenset(h.lower() for h in hosts)
        self.sent: list[SentCallback] = []
        self._changed = asyncio.Event()
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    def allowed(self, url: str) -> bool:
        """
        Whether the emulator may contact *url*'s host.
        """
        try:
            parsed = URL(url)
        except (TypeError, ValueError):
            return False
        host = parsed.host
        if parsed.scheme not in {"http", "https"} or not host:
            return False
        return is_loopback(host) or host.lower() in self.hosts

    def record(self, url: str | None, payload: Any, status: int | None) -> None:
        """
        Log *payload* (one event or a messaging array) and wake ``wait_for``.
        """
        parsed = callbacks.parse(payload)
        for event in parsed if isinstance(parsed, list) else [parsed]:
            self.sent.append(SentCallback(url, event, status))
        self._changed.set()

    async def deliver(
        self,
        url: str | None,
        payload: Any,
        *,
        method: str = "POST",
        username: str | None = None,
        password: str | None = None,
        timeout: float = 15.0,  # noqa: ASYNC109 - Bandwidth's callbackTimeout, sent on
    ) -> Delivery:
        """
        Send *payload* to *url* as Bandwidth would (JSON, or a query for GET), and record it.
        """
        if url is None:
            self.record(None, payload, None)
            return Delivery(None, error="no URL")
        if not self.allowed(url):
            self.record(url, payload, None)
            return Delivery(None, error=f"unreachable: the emulator does not call {url}")
        delivery = await self._send(url, payload, method, username, password, timeout)
        self.record(url, payload, delivery.status)
        return delivery

    async def _send(  # noqa: PLR0917 - one request's parts
        self,
        url: str,
        payload: Any,
        method: str,
        username: str | None,
        password: str | None,
        timeout: float,  # noqa: ASYNC109 - Bandwidth's callbackTimeout, sent on
    ) -> Delivery:
        if self._closed:
            return Delivery(None, error="the emulator is closed")
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {"User-Agent": "BandwidthAPI/v2 (bandwidth_async emulator)"}
        if username is not None and password is not None:
            headers["Authorization"] = aiohttp.encode_basic_auth(username, password)
        kwargs: dict[str, Any] = {"headers": headers}
        if method.upper() == "GET" and isinstance(payload, Mapping):
            kwargs["params"] = _query(payload)
        else:
            kwargs["json"] = payload
        try:
            async with self._session.request(
                method.upper(), url, timeout=aiohttp.ClientTimeout(total=timeout), **kwargs
            ) as response:
                text = await response.text(errors="replace")
                return Delivery(response.status, text)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.debug("callback to %s failed: %r", url, exc)
            return Delivery(None, error=f"unreachable: {exc!r}")

    async def wait_for(
        self,
        predicate: Callable[[Any], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - API.md's fake.wait_for(predicate, timeout=...)
    ) -> callbacks.Callback:
        """
        The first recorded event (past or coming) for which *predicate* is true.

        Raises:
            TimeoutError: None came within *timeout* seconds.
        """
        seen = 0
        async with asyncio.timeout(timeout):
            while True:
                for entry in self.sent[seen:]:
                    if predicate(entry.event):
                        return entry.event
                seen = len(self.sent)
                self._changed.clear()
                await self._changed.wait()

    def reopen(self) -> None:
        """
        Send again after ``aclose`` (the emulator was started again).
        """
        self._closed = False

    async def aclose(self) -> None:
        """
        Close the HTTP session; closing twice is harmless, and nothing is sent after.
        """
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()
