"""
Turn the webhooks Bandwidth POSTs to your application into typed models, and check their auth.

Voice and endpoint callbacks are chosen by ``eventType``, messaging callbacks by ``type``,
and a toll-free verification webhook (which names no type) by the keys it holds. A messaging
webhook body is a JSON array of events, so a list comes back as a list. An event type this
release does not know gives an ``UnknownCallback`` holding the raw dict, so a new Bandwidth
event never breaks an application. The event tables are generated from the spec with the
models (``models/_events.py``), so a new event is one spec change.

This module does no I/O: hand it the body your web framework received.

.. code-block:: python

    from bandwidth_async import bxml, callbacks

    async def gather(request: web.Request) -> web.Response:
        event = callbacks.parse(await request.read())
        if isinstance(event, callbacks.GatherCallback) and event.digits == "1":
            ...
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypeAlias, overload

import attrs
import cattrs

from ._converter import CONVERTER
from ._errors import DecodeError, snippet
from ._json import loads
from .models import _events
from .models._events import *  # noqa: F403 - every webhook model is public here
from .models._events import (
    ENDPOINT_EVENTS,
    MESSAGING_EVENTS,
    TOLL_FREE_WEBHOOKS,
    VOICE_EVENTS,
    Event,
)
from .models.callbacks import *  # noqa: F403
from .models.callbacks import __all__ as _models

__all__ = [  # noqa: PLE0604 - the generated names, then this module's own
    *_events.__all__,
    *_models,
    "Callback",
    "UnknownCallback",
    "check_basic_auth",
    "parse",
    "toll_free_webhook",
]


@attrs.frozen(kw_only=True)
class UnknownCallback:
    """
    A webhook whose event type this release does not know, kept whole rather than refused.

    Attributes:
        raw: The decoded JSON object, unchanged.
        event_type: Its ``eventType`` (voice) or ``type`` (messaging), if it had one.
    """

    raw: dict[str, Any]
    event_type: str | None = None


#: Anything ``parse`` returns for one event.
Callback: TypeAlias = Event | UnknownCallback


def toll_free_webhook(keys: Collection[str]) -> type[Any] | None:
    """
    The toll-free verification webhook model for a body holding *keys*, or ``None``.

    The four bodies share most keys and name no type, so the one that can hold every key wins,
    the smallest first (a plain status over a denial); with a key none of them knows, the one
    sharing the most keys.
    """
    if "phoneNumber" not in keys:
        return None
    given = set(keys)
    covering = [cls for cls, known in TOLL_FREE_WEBHOOKS.items() if given <= known]
    if covering:
        return min(covering, key=lambda cls: len(TOLL_FREE_WEBHOOKS[cls]))
    return max(TOLL_FREE_WEBHOOKS, key=lambda cls: len(TOLL_FREE_WEBHOOKS[cls] & given))


@overload
def parse(payload: Mapping[str, Any]) -> Callback: ...
@overload
def parse(payload: Sequence[Mapping[str, Any]]) -> list[Callback]: ...
@overload
def parse(payload: bytes | bytearray | str) -> Callback | list[Callback]: ...
def parse(payload: object) -> Callback | list[Callback]:
    """
    Decode a webhook body into its typed model, or a list of them for a JSON array.

    *payload* is the raw body (``bytes`` or ``str`` of JSON) or the already decoded JSON (a
    ``dict``, or a ``list`` of them). Fields the model does not know are ignored.

    Raises:
        DecodeError: The body is not JSON, is neither an object nor an array of objects, or an
            event of a known type does not fit its model (a missing or mistyped field).
    """
    text = ""
    if isinstance(payload, bytes | bytearray | memoryview):
        raw = bytes(payload)
        text = raw.decode("utf-8", errors="replace")
        try:
            payload = loads(raw)
        except ValueError as exc:  # json.JSONDecodeError and orjson.JSONDecodeError
            raise DecodeError(f"callback body is not JSON: {exc}", text) from exc
    elif isinstance(payload, str):
        text = payload
        try:
            payload = loads(payload)
        except ValueError as exc:
            raise DecodeError(f"callback body is not JSON: {exc}", text) from exc

    if isinstance(payload, Mapping):
        return _one(payload, text)
    if isinstance(payload, Sequence) and not isinstance(payload, str | bytes | bytearray):
        return [_one(item, text) for item in payload]
    raise DecodeError(
        f"a callback body is a JSON object or array, not {type(payload).__name__}",
        text or snippet(payload),
    )


def _one(event: object, text: str) -> Callback:
    if not isinstance(event, Mapping):
        raise DecodeError(
            f"a callback event is a JSON object, not {type(event).__name__}",
            text or snippet(event),
        )
    data = dict(event)
    voice_type = data.get("eventType")
    message_type = data.get("type")
    cls: type[Any] | None = None
    if isinstance(voice_type, str):
        cls = VOICE_EVENTS.get(voice_type) or ENDPOINT_EVENTS.get(voice_type)
    elif isinstance(message_type, str):
        cls = MESSAGING_EVENTS.get(message_type)
    else:
        cls = toll_free_webhook(data)
    if cls is None:
        kind = voice_type if isinstance(voice_type, str) else message_type
        return UnknownCallback(raw=data, event_type=kind if isinstance(kind, str) else None)
    try:
        result: Callback = CONVERTER.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        detail = "; ".join(cattrs.transform_error(exc))
        raise DecodeError(
            f"callback does not fit {cls.__name__}: {detail}", text or snippet(data)
        ) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DecodeError(
            f"callback does not fit {cls.__name__}: {exc}", text or snippet(data)
        ) from exc
    return result


def check_basic_auth(authorization_header: str | None, username: str, password: str) -> bool:
    """
    Tell whether an ``Authorization: Basic ...`` header carries exactly *username*/*password*.

    Bandwidth sends the credentials configured on the application (or given in BXML) with each
    webhook. The comparison takes the same time whatever the mismatch, and a missing or
    malformed header is simply ``False``.
    """
    if not authorization_header:
        return False
    scheme, _, encoded = authorization_header.strip().partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(encoded.strip().encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return False
    given_user, colon, given_password = decoded.partition(b":")
    user_ok = hmac.compare_digest(given_user, username.encode())
    password_ok = hmac.compare_digest(given_password, password.encode())
    return bool(colon) and user_ok and password_ok
