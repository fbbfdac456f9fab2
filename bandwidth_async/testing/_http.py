"""
Shared HTTP plumbing for the emulator's handlers: JSON answers, errors, request parsing.

Here are ``Problem`` and its rendering in each API family's error schema, the JSON response and
body/query checking helpers, ``_origin``, and ``Handlers``, the base the per-family handler
classes share. No route or handler lives here, nor any state or middleware.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import TYPE_CHECKING, Any, Final

from aiohttp import web

from ._data import parse_time_ms

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._app import Config

__all__ = ["Handlers", "Problem", "error_response", "family_of"]

_E164: Final = re.compile(r"^\+[1-9]\d{1,14}$")
_SIP_URI: Final = re.compile(r"^sips?:[^@\s]+@[^@\s]+$")
_JSON: Final = "application/json"


class Problem(Exception):  # noqa: N818 - it is answered, never raised to users
    """
    An error answer: status and description, rendered in the API family's error schema.
    """

    def __init__(
        self, status: int, description: str, *, field_errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.field_errors = field_errors


_VOICE_TYPES: Final = {
    400: "validation",
    401: "authentication-error",
    403: "authorization-error",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    415: "unsupported-media-type",
    429: "rate-limit",
}


#: The families whose errors come in a ``links``/``data``/``errors`` envelope, and what each
#: error of theirs carries besides ``type`` and ``description``.
_ENVELOPED: Final[dict[str, Any]] = {
    "numbers": lambda status: {"code": str(status)},
    "multichannel": lambda _: {"source": {}},
}


#: Path markers of the API families, checked in order; a path with none is voice.
_FAMILIES: Final = (
    ("/messages/multiChannel", "multichannel"),
    ("/users/", "messaging"),
    ("/phoneNumberLookup", "numbers"),
    ("/endpoints", "numbers"),
    ("/tollFreeVerification", "tollfree"),
    ("/code/", "mfa"),
    ("/tnlookup", "lookup"),
)


def family_of(path: str) -> str:
    """
    The API family of *path*, whose error schema its errors follow.

    ``voice``, ``messaging``, ``mfa``, ``lookup``, and the July 2026 families ``multichannel``,
    ``numbers`` (lookup v2 and endpoints) and ``tollfree``.
    """
    return next((family for marker, family in _FAMILIES if marker in path), "voice")


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        body=json.dumps(data, separators=(",", ":")).encode(),
        status=status,
        content_type=_JSON,
        headers=headers,
    )


def _raw_json(text: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=text.encode(), content_type=_JSON, headers=headers)


def error_response(
    family: str,
    status: int,
    description: str,
    *,
    field_errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    path: str = "",
) -> web.Response:
    """
    Render an error in the schema of *family* (voiceApiError, messagingRequestError, ...).
    """
    body: dict[str, Any]
    if family == "voice":
        body = {
            "type": _VOICE_TYPES.get(status, "internal-server-error"),
            "description": description,
            "id": None,
        }
    elif family == "messaging":
        body = {
            "type": _VOICE_TYPES.get(status, "internal-server-error"),
            "description": description,
        }
        if field_errors is not None:
            body["fieldErrors"] = field_errors
    elif family in _ENVELOPED:
        error = {
            "type": _VOICE_TYPES.get(status, "internal-server-error"),
            "description": description,
        }
        error |= _ENVELOPED[family](status)
        body = {"links": [], "data": {}, "errors": [error]}
    elif family == "tollfree":
        body = {
            "type": _VOICE_TYPES.get(status, "internal-server-error"),
            "description": description,
        }
    elif family == "mfa":
        if status in {401, 403}:
            body = {"message": description}
        else:
            body = {"error": description, "requestId": secrets.token_hex(8)}
    else:
        if status == 404 and "/tnlookup/" in path:  # noqa: PLR2004
            # getLookupStatus's 404 has no body in the spec.
            return web.Response(status=404, headers=headers)
        body = {"message": description}
    return _json(body, status, headers)


def _origin(request: web.Request) -> str:
    """
    The origin the client used: ``X-Forwarded-Host``/``-Proto`` when a proxy stands in front.
    """
    host = request.headers.get("X-Forwarded-Host")
    if host:
        proto = request.headers.get("X-Forwarded-Proto", request.scheme)
        return f"{proto}://{host}"
    return str(request.url.origin())


def _body_json(body: bytes) -> dict[str, Any]:
    if not body:
        raise Problem(400, "A JSON request body is required.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Problem(400, f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise Problem(400, "The request body must be a JSON object.")
    return data


def _require(data: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if data.get(n) in (None, "")]
    if missing:
        raise Problem(
            400,
            f"Missing required field(s): {', '.join(missing)}.",
            field_errors=[{"fieldName": n, "description": f"'{n}' is required"} for n in missing],
        )


def _check_string(data: dict[str, Any], name: str, max_length: int | None = None) -> None:
    value = data.get(name)
    if value is None:
        return
    if not isinstance(value, str):
        raise Problem(400, f"'{name}' must be a string.")
    if max_length is not None and len(value) > max_length:
        raise Problem(400, f"'{name}' is longer than {max_length} characters.")


def _check_number(data: dict[str, Any], name: str, lo: float, hi: float) -> None:
    value = data.get(name)
    if value is None:
        return
    if not isinstance(value, int | float) or isinstance(value, bool) or not lo <= value <= hi:
        raise Problem(400, f"'{name}' must be a number from {lo} to {hi}.")


def _check_enum(data: dict[str, Any], name: str, values: tuple[str, ...]) -> None:
    value = data.get(name)
    if value is not None and value not in values:
        raise Problem(400, f"'{name}' must be one of {', '.join(values)}.")


def _check_url(data: dict[str, Any], name: str) -> None:
    value = data.get(name)
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise Problem(400, f"Invalid {name}: only http and https are allowed.")


def _query_time(query: Mapping[str, str], name: str) -> int | None:
    value = query.get(name)
    if value is None or value == "":
        return None
    try:
        return parse_time_ms(value)
    except ValueError as exc:
        raise Problem(400, f"'{name}' is not an ISO 8601 date-time: {value!r}") from exc


def _query_int(query: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    value = query.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise Problem(400, f"'{name}' must be an integer.") from exc
    if not lo <= number <= hi:
        raise Problem(400, f"'{name}' must be between {lo} and {hi}.")
    return number


class Handlers:
    """
    The request handlers, closed over one emulator's config and state.

    The base of each API family's handlers (``VoiceHandlers``, ``MessagingHandlers``, ...).
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.state = config.state

    # -- plumbing ---------------------------------------------------------------------------

    def _account(self, request: web.Request) -> str:
        account = request.match_info["accountId"]
        if account != self.config.account_id:
            raise Problem(403, f"Account {account} is not accessible with these credentials.")
        return account

    def routes(self) -> list[web.RouteDef]:
        """
        This family's routes, at their paths rooted at ``/``.
        """
        raise NotImplementedError
