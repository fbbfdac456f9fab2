"""
An asyncio-first SDK for Bandwidth's voice, messaging, MFA, lookup, endpoint and toll-free APIs.

``import bandwidth_async as bw``: the client, every model, enum and error are here;
``bw.bxml``, ``bw.callbacks``, ``bw.export`` and ``bw.testing`` load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import models
from ._client import BandwidthClient
from ._errors import (
    APIError,
    BadRequestError,
    BandwidthError,
    ClientClosedError,
    ConfigurationError,
    ConflictError,
    DecodeError,
    ForbiddenError,
    LookupTimeoutError,
    NotFoundError,
    OutcomeUnknownError,
    PaginationError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    TransportError,
    UnauthorizedError,
)
from ._pagination import AsyncPaginator, Page
from ._retry import RetryEvent, RetryPolicy
from ._version import __version__
from .resources import DialResult

if TYPE_CHECKING:
    from . import bxml, callbacks, testing
    from . import export as export
    from .models import *  # noqa: F403 - every model is public API, listed in models.__all__

_LAZY = frozenset({"bxml", "callbacks", "export", "testing"})

__all__ = [
    "APIError",
    "AsyncPaginator",
    "BadRequestError",
    "BandwidthClient",
    "BandwidthError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "DecodeError",
    "DialResult",
    "ForbiddenError",
    "LookupTimeoutError",
    "NotFoundError",
    "OutcomeUnknownError",
    "Page",
    "PaginationError",
    "RateLimitError",
    "RequestTimeoutError",
    "RetryEvent",
    "RetryPolicy",
    "ServerError",
    "TransportError",
    "UnauthorizedError",
    "__version__",
    "bxml",
    "callbacks",
    "export",
    "testing",
]
__all__ += models.__all__
# Every model is public here too; the webhook models load on first use, as in `models`.
globals().update(
    {name: getattr(models, name) for name in models.__all__ if name not in models.LAZY}
)


def __getattr__(name: str) -> Any:
    """
    Load the submodules that pull in more (aiohttp.web, XML) and the webhook models on first use.
    """
    if name in _LAZY:
        return importlib.import_module(f"{__name__}.{name}")
    if name in models.LAZY:
        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
