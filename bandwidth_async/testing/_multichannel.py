"""
Multi-channel messages: accepted with 202 and the message as Bandwidth echoes it.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ._http import Handlers, Problem, _body_json, _json
from ._newapis import iso, new_id

__all__ = ["MultiChannelHandlers"]


class MultiChannelHandlers(Handlers):
    """
    createMultiChannelMessage.
    """

    def routes(self) -> list[web.RouteDef]:
        """
        The route of multi-channel messages.
        """
        return [web.post("/users/{accountId}/messages/multiChannel", self.create)]

    async def create(self, request: web.Request) -> web.Response:
        """
        Accept a message for its channel list: 202, each channel owned by its ``from``.
        """
        self._account(request)
        data = _body_json(await request.read())
        channels = data.get("channelList")
        if not isinstance(data.get("to"), str) or not isinstance(channels, list) or not channels:
            raise Problem(400, "'to' and a non-empty 'channelList' are required.")
        if len(channels) > 4:  # noqa: PLR2004 - the spec's maxItems
            raise Problem(400, "'channelList' holds at most 4 channels.")
        listed: list[dict[str, Any]] = []
        for channel in channels:
            if not isinstance(channel, dict) or channel.get("channel") not in ("RBM", "SMS", "MMS"):
                raise Problem(400, "Each channel must be RBM, SMS or MMS.")
            if not isinstance(channel.get("content"), dict):
                raise Problem(400, "Each channel needs its 'content'.")
            listed.append(channel | {"owner": channel.get("from", "")})
        body: dict[str, Any] = {
            "id": new_id(),
            "time": iso(self.state.now()),
            "direction": "out",
            "to": [data["to"]],
            "channelList": listed,
        }
        for key in ("tag", "priority", "expiration"):
            if key in data:
                body[key] = data[key]
        return _json({"links": [], "data": body, "errors": []}, 202)
