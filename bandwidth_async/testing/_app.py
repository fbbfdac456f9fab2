"""
The emulator's aiohttp application: one handler per spec operation, and one middleware.

This module only builds the application. The handlers are in one module per API family
(``_voice.py``, ``_messaging.py``, ``_mfa.py``, ``_lookup.py``, and for the July 2026
operations ``_transcriptions.py``, ``_endpoints.py``, ``_lookup_v2.py``, ``_multichannel.py``,
``_tollfree.py``) with shared helpers in ``_http.py``; the middleware, which records every
request, applies injected faults, checks Basic auth and renders each API family's errors, is in
``_middleware.py``. State lives in ``_state.py`` (the newer handlers keep their own small
state); nothing here generates data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from aiohttp import web

# The July 2026 operations, one module per API area.
from ._endpoints import EndpointHandlers
from ._http import Problem
from ._lookup import LookupHandlers
from ._lookup_v2 import LookupV2Handlers
from ._messaging import MessagingHandlers
from ._mfa import MfaHandlers
from ._middleware import RecordedRequest, make_middleware
from ._multichannel import MultiChannelHandlers
from ._oauth import TokenIssuer
from ._state import State
from ._tollfree import TollFreeHandlers
from ._transcriptions import TranscriptionHandlers
from ._voice import VoiceHandlers

if TYPE_CHECKING:
    from ._calling import Calling
    from ._faults import Faults
    from ._latency import Latency
    from ._limits import Limiter
    from ._stats import Stats

__all__ = ["Config", "Problem", "RecordedRequest", "make_app"]


@attrs.define
class Config:
    """
    What the application needs from its FakeBandwidth besides the state.
    """

    username: str
    password: str
    account_id: str
    lookup_delay: float
    state: State
    faults: Faults
    requests: list[RecordedRequest]
    limiter: Limiter
    latency: Latency
    stats: Stats
    calling: Calling
    oauth: TokenIssuer


def make_app(config: Config) -> web.Application:
    """
    Build the aiohttp application serving every operation of the spec.
    """
    app = web.Application(middlewares=[make_middleware(config)], client_max_size=64 * 1024 * 1024)
    for family in (VoiceHandlers, MfaHandlers, LookupHandlers, MessagingHandlers):
        app.add_routes(family(config).routes())
    new = (
        TranscriptionHandlers,
        EndpointHandlers,
        LookupV2Handlers,
        MultiChannelHandlers,
        TollFreeHandlers,
    )
    for handlers in new:
        app.add_routes(handlers(config).routes())
    app.add_routes(config.oauth.routes())
    return app
