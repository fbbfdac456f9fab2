"""
Endpoints: create, read, list (paged by a body ``links`` ``next`` with ``afterCursor``), delete.
"""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from ._http import Handlers, Problem, _body_json, _json, _query_int
from ._newapis import iso, new_id

__all__ = ["EndpointHandlers"]

_DAY_MS = 86_400_000


class EndpointHandlers(Handlers):
    """
    createEndpoint, getEndpoint, listEndpoints, deleteEndpoint, updateEndpointBxml.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.endpoints: dict[str, dict[str, Any]] = {}
        self.bxml: dict[str, str] = {}

    def routes(self) -> list[web.RouteDef]:
        """
        The routes of endpoints.
        """
        base = "/accounts/{accountId}/endpoints"
        return [
            web.get(base, self.list_endpoints),
            web.post(base, self.create_endpoint),
            web.get(base + "/{endpointId}", self.get_endpoint),
            web.delete(base + "/{endpointId}", self.delete_endpoint),
            web.put(base + "/{endpointId}/bxml", self.update_bxml),
        ]

    def _href(self, endpoint_id: str = "") -> str:
        path = f"/accounts/{self.config.account_id}/endpoints"
        return f"{path}/{endpoint_id}" if endpoint_id else path

    def _found(self, request: web.Request) -> dict[str, Any]:
        self._account(request)
        endpoint = self.endpoints.get(request.match_info["endpointId"])
        if endpoint is None:
            raise Problem(404, "The endpoint was not found.")
        return endpoint

    async def create_endpoint(self, request: web.Request) -> web.Response:
        """
        Create a WebRTC endpoint; the answer carries its token.
        """
        self._account(request)
        data = _body_json(await request.read())
        if data.get("type") != "WEBRTC":
            raise Problem(400, "'type' must be WEBRTC.")
        if data.get("direction") not in ("INBOUND", "OUTBOUND", "BIDIRECTIONAL"):
            raise Problem(400, "'direction' must be INBOUND, OUTBOUND or BIDIRECTIONAL.")
        tag = data.get("tag", "")
        if not isinstance(tag, str) or len(tag) > 1024:  # noqa: PLR2004
            raise Problem(400, "'tag' must be a string of at most 1024 characters.")
        now = self.state.now()
        endpoint: dict[str, Any] = {
            "endpointId": new_id("e-"),
            "type": "WEBRTC",
            "status": "DISCONNECTED",
            "creationTimestamp": iso(now),
            "expirationTimestamp": iso(now + _DAY_MS),
        }
        if isinstance(data.get("tag"), str):
            endpoint["tag"] = data["tag"]
        self.endpoints[endpoint["endpointId"]] = endpoint
        body = endpoint | {"devices": [], "token": secrets.token_urlsafe(32)}
        links = [{"href": self._href(endpoint["endpointId"]), "rel": "self", "method": "GET"}]
        return _json({"links": links, "data": body, "errors": []}, 201)

    async def get_endpoint(self, request: web.Request) -> web.Response:
        """
        One endpoint and its devices.
        """
        endpoint = self._found(request)
        links = [{"href": self._href(endpoint["endpointId"]), "rel": "self", "method": "GET"}]
        return _json({"links": links, "data": endpoint | {"devices": []}, "errors": []})

    async def list_endpoints(self, request: web.Request) -> web.Response:
        """
        The endpoints oldest first, ``limit`` a page, then a ``next`` link with ``afterCursor``.
        """
        self._account(request)
        limit = _query_int(request.query, "limit", 100, 1, 1000)
        wanted_type, wanted_status = request.query.get("type"), request.query.get("status")
        if wanted_type not in (None, "WEBRTC"):
            raise Problem(400, "'type' must be WEBRTC.")
        if wanted_status not in (None, "CONNECTED", "DISCONNECTED"):
            raise Problem(400, "'status' must be CONNECTED or DISCONNECTED.")
        items = [
            e
            for e in self.endpoints.values()
            if wanted_type in (None, e["type"]) and wanted_status in (None, e["status"])
        ]
        after = request.query.get("afterCursor")
        if after is not None:
            ids = [e["endpointId"] for e in items]
            if after not in ids:
                raise Problem(400, f"Unknown afterCursor {after!r}.")
            items = items[ids.index(after) + 1 :]
        page = items[:limit]
        links = [{"href": self._href(), "rel": "self", "method": "GET"}]
        if len(items) > limit:
            cursor = page[-1]["endpointId"]
            href = f"{self._href()}?limit={limit}&afterCursor={cursor}"
            links.append({"href": href, "rel": "next", "method": "GET"})
        info = {"pageSize": limit, "totalElements": len(items)}
        return _json({"links": links, "page": info, "data": page, "errors": []})

    async def delete_endpoint(self, request: web.Request) -> web.Response:
        """
        Delete an endpoint: 204.
        """
        endpoint = self._found(request)
        del self.endpoints[endpoint["endpointId"]]
        return web.Response(status=204)

    async def update_bxml(self, request: web.Request) -> web.Response:
        """
        Keep the BXML sent for an endpoint's call: 204.
        """
        endpoint = self._found(request)
        if request.content_type != "application/xml":
            raise Problem(415, "Content-Type must be application/xml.")
        self.bxml[endpoint["endpointId"]] = await request.text()
        return web.Response(status=204)
