"""
A scriptable aiohttp server on loopback, for tests that need exact headers and bodies.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import attrs
from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@attrs.define
class Served:
    """A running server: where it listens, and the requests it received."""

    base_url: str
    seen: list[web.Request] = attrs.field(factory=list)
    runner: web.AppRunner | None = None

    @property
    def paths(self) -> list[str]:
        return [r.path_qs for r in self.seen]


@asynccontextmanager
async def serve(handler: Handler) -> AsyncIterator[Served]:
    """Serve every request with *handler* on 127.0.0.1 and a free port."""
    served = Served("")

    async def record(request: web.Request) -> web.StreamResponse:
        served.seen.append(request)
        return await handler(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    served.base_url = f"http://127.0.0.1:{port}"
    served.runner = runner
    try:
        yield served
    finally:
        await runner.cleanup()
