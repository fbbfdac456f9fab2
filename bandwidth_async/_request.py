"""
Requests and responses as plain values: what to send and what came back, with no I/O.

Resources build a `Request`; the session layer sends it and hands back a `Response`; pagination
strategies read a `Response` and say how to ask for the next page. Nothing here knows about aiohttp.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterable, Mapping
from pathlib import Path
from typing import Any

import attrs
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from ._wire import format_datetime

__all__ = [
    "Body",
    "Host",
    "NextPage",
    "Request",
    "Response",
    "format_query_value",
    "url_problem",
]


class Host(enum.Enum):
    """
    The Bandwidth API hosts, with their production base URLs.

    ``NUMBERS_V2`` serves phone number lookup v2 and endpoints, ``API_V2`` toll-free
    verification; ``LOOKUP`` is the retired v1 lookup (``/tnlookup``).
    """

    VOICE = "https://voice.bandwidth.com/api/v2"
    MESSAGING = "https://messaging.bandwidth.com/api/v2"
    MFA = "https://mfa.bandwidth.com/api/v1"
    LOOKUP = "https://numbers.bandwidth.com/api/v1"
    NUMBERS_V2 = "https://api.bandwidth.com/v2"
    API_V2 = "https://api.bandwidth.com/api/v2"


#: What a request body can be: a model (sent as JSON), text or bytes, a file path, or a stream.
Body = object | str | bytes | Path | AsyncIterable[bytes] | None


@attrs.frozen(kw_only=True)
class NextPage:
    """
    How to ask for the next page: a new URL, extra query, or extra headers.
    """

    url: URL | None = None
    query: Mapping[str, str] = attrs.field(factory=dict)
    headers: Mapping[str, str] = attrs.field(factory=dict)


#: Characters that end a path: an id holding one would cut the path short if a proxy decoded it.
_PATH_ENDS = frozenset("?#")


def _check_path_params(_: object, __: attrs.Attribute[Any], value: Mapping[str, str]) -> None:
    for name, param in value.items():
        if not isinstance(param, str) or not param:
            msg = f"{name} must be a non-empty string, not {param!r}"
            raise ValueError(msg)
        # A dot segment is removed or climbs a level in any path normaliser (RFC 3986 5.2.4),
        # encoded or not: the request would reach another resource.
        if param in (".", "..") or not _PATH_ENDS.isdisjoint(param):
            msg = f"{name} cannot be {param!r}: not an id (no '.', '..', '?' or '#')"
            raise ValueError(msg)


@attrs.frozen
class Request:
    """
    One API request, described but not sent.

    *path* is a template such as ``/accounts/{account_id}/calls/{call_id}``: ``{account_id}`` is
    filled by the session from the client's configuration, the rest from *path_params*. Query
    values that are ``None`` are not sent. *url*, when set, replaces host, path and query (a
    ``Link`` rel=next URL). *operation* is the spec's operationId, for logs and traces.
    *authenticate* ``False`` sends no credential of the client's (a token request carries its own
    ``Authorization`` in *headers*). *idempotent* overrides what the method says about repeating
    the request after a 5xx or a lost answer (a token request is a POST that is safe to repeat).
    """

    method: str
    host: Host
    path: str
    path_params: Mapping[str, str] = attrs.field(factory=dict, validator=_check_path_params)
    query: Mapping[str, object] = attrs.field(factory=dict, repr=False)
    headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    body: Body = attrs.field(default=None, repr=False)
    content_type: str | None = None
    url: URL | None = None
    operation: str | None = None
    authenticate: bool = attrs.field(default=True, repr=False)
    idempotent: bool | None = attrs.field(default=None, repr=False)

    def query_params(self) -> dict[str, str]:
        """
        The query as strings, without ``None`` values.
        """
        return {k: format_query_value(v) for k, v in self.query.items() if v is not None}

    def follow(self, page: NextPage) -> Request:
        """
        The request for the page that *page* describes.
        """
        return attrs.evolve(
            self,
            url=page.url if page.url is not None else self.url,
            query={**self.query, **page.query} if page.query else self.query,
            headers={**self.headers, **page.headers} if page.headers else self.headers,
        )


def url_problem(url: URL) -> str | None:
    """
    Why *url* is no place to send credentials to, or ``None`` when it is an http(s) URL.

    Refused: any scheme but http and https (``javascript:``, ``file:``, ``data:``...), no host,
    and userinfo (``http://user:pw@host``; the message never repeats it).
    """
    if url.scheme not in ("http", "https"):
        return f"the scheme {url.scheme!r} is not http or https" if url.scheme else "it is relative"
    if not url.host:
        return "it has no host"
    if url.user is not None or url.password is not None:
        return "it holds a user name or password"
    return None


def format_query_value(value: object) -> str:
    """
    A query value as Bandwidth expects it: ISO 8601 UTC datetimes, ``true``/``false``, enum values.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


@attrs.frozen
class Response:
    """
    What came back: status, headers, the final URL, and the decoded JSON body (or ``None``).
    """

    status: int
    headers: CIMultiDictProxy[str] = attrs.field(repr=False)
    url: URL
    data: Any = attrs.field(default=None, repr=False)

    @classmethod
    def of(
        cls,
        data: Any = None,
        *,
        status: int = 200,
        headers: Mapping[str, str] | list[tuple[str, str]] | None = None,
        url: str | URL = "https://voice.bandwidth.com/api/v2/accounts/1/calls",
    ) -> Response:
        """
        Build a response by hand, for tests of strategies that need no server.
        """
        items = list(headers.items()) if isinstance(headers, Mapping) else list(headers or [])
        return cls(status, CIMultiDictProxy(CIMultiDict(items)), URL(url), data)
