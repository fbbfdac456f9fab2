"""
An asyncio-first SDK for Bandwidth's voice, messaging, MFA, lookup, endpoint and toll-free APIs.

``import bandwidth_async as bw``: the client, every model, enum and error are here;
``bw.bxml``, ``bw.callbacks``, ``bw.export`` and ``bw.testing`` load on first use.

One lazy-import mechanism, PEP 562's module ``__getattr__`` (here and in `models`): what pulls in
more than models need (aiohttp with the client, aiohttp.web, XML, the webhook models) loads on
first use, so code that only reads models, BXML or webhooks never pays for aiohttp.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import models
from ._auth import Auth, BasicAuth
from ._errors import (
    APIError,
    AuthenticationError,
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
from ._oauth import ClientCredentials
from ._pagination import AsyncPaginator, Page
from ._retry import RetryEvent, RetryPolicy, RetryReason
from ._throttle import Coordinator, LocalCoordinator
from ._version import __version__

if TYPE_CHECKING:
    from . import bxml, callbacks, testing
    from . import export as export
    from ._client import BandwidthClient
    from ._ledger import Ledger, LedgerEntry, Reconciliation
    from .models import *  # noqa: F403 - every model is public API, listed in models.__all__
    from .resources import DialResult

#: Loaded on first use: a submodule, or (module, attribute) for a name that needs aiohttp.
_LAZY: dict[str, tuple[str, str | None]] = {
    "bxml": (".bxml", None),
    "callbacks": (".callbacks", None),
    "export": (".export", None),
    "testing": (".testing", None),
    "BandwidthClient": ("._client", "BandwidthClient"),
    "DialResult": (".resources", "DialResult"),
    # sqlite3 and filelock load with the first ledger, not with the package.
    "Ledger": ("._ledger", "Ledger"),
    "LedgerEntry": ("._ledger", "LedgerEntry"),
    "Reconciliation": ("._ledger", "Reconciliation"),
}

__all__ = [
    "APIError",
    "AsyncPaginator",
    "Auth",
    "AuthenticationError",
    "BadRequestError",
    "BandwidthClient",
    "BandwidthError",
    "BasicAuth",
    "ClientClosedError",
    "ClientCredentials",
    "ConfigurationError",
    "ConflictError",
    "Coordinator",
    "DecodeError",
    "DialResult",
    "ForbiddenError",
    "Ledger",
    "LedgerEntry",
    "LocalCoordinator",
    "LookupTimeoutError",
    "NotFoundError",
    "OutcomeUnknownError",
    "Page",
    "PaginationError",
    "RateLimitError",
    "Reconciliation",
    "RequestTimeoutError",
    "RetryEvent",
    "RetryPolicy",
    "RetryReason",
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
    Load what pulls in more (aiohttp, aiohttp.web, XML, the webhook models) on first use.
    """
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name, __name__)
        value = module if attribute is None else getattr(module, attribute)
        globals()[name] = value  # later lookups are plain attribute reads
        return value
    if name in models.LAZY:
        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
