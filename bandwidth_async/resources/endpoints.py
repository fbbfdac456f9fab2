"""
Endpoints: WebRTC endpoints that devices connect to, and the BXML that steers their calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .. import models
from .._pagination import AsyncPaginator, LinksAfterCursor
from .._request import Host, Request
from .._session import Session

if TYPE_CHECKING:
    from ..bxml import Bxml, Response
    from ..models import (
        CreateEndpointRequest,
        CreateEndpointResponse,
        EndpointResponse,
        EndpointStatusEnum,
        EndpointTypeEnum,
    )
    from ..models import Endpoints as EndpointSummary

__all__ = ["Endpoints"]

_ENDPOINTS = "/accounts/{account_id}/endpoints"
_ENDPOINT = _ENDPOINTS + "/{endpoint_id}"


@attrs.frozen
class Endpoints:
    """
    Create, list and remove endpoints, and send BXML to their calls.
    """

    _session: Session

    async def create(self, endpoint: CreateEndpointRequest) -> CreateEndpointResponse:
        """
        Create an endpoint (createEndpoint); the response carries the token a device uses.
        """
        return await self._session.request(
            Request("POST", Host.NUMBERS_V2, _ENDPOINTS, body=endpoint, operation="createEndpoint"),
            returns=models.CreateEndpointResponse,
        )

    async def get(self, endpoint_id: str) -> EndpointResponse:
        """
        The endpoint *endpoint_id* and its devices (getEndpoint).
        """
        return await self._session.request(
            Request(
                "GET",
                Host.NUMBERS_V2,
                _ENDPOINT,
                {"endpoint_id": endpoint_id},
                operation="getEndpoint",
            ),
            returns=models.EndpointResponse,
        )

    def list(
        self,
        *,
        type: EndpointTypeEnum | str | None = None,
        status: EndpointStatusEnum | str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        prefetch: int = 0,
    ) -> AsyncPaginator[EndpointSummary]:
        """
        The account's endpoints (listEndpoints), following the body's ``next`` link.
        """
        return self._session.paginate(
            Request(
                "GET",
                Host.NUMBERS_V2,
                _ENDPOINTS,
                query={"type": type, "status": status, "limit": page_size},
                operation="listEndpoints",
            ),
            item=models.Endpoints,
            pagination=LinksAfterCursor(),
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )

    async def delete(self, endpoint_id: str) -> None:
        """
        Delete endpoint *endpoint_id* (deleteEndpoint).
        """
        await self._session.request(
            Request(
                "DELETE",
                Host.NUMBERS_V2,
                _ENDPOINT,
                {"endpoint_id": endpoint_id},
                operation="deleteEndpoint",
            )
        )

    async def update_bxml(self, endpoint_id: str, bxml: str | Response | Bxml) -> None:
        """
        Replace what the call of endpoint *endpoint_id* is doing with *bxml* (updateEndpointBxml).
        """
        await self._session.request(
            Request(
                "PUT",
                Host.NUMBERS_V2,
                _ENDPOINT + "/bxml",
                {"endpoint_id": endpoint_id},
                body=str(bxml),
                content_type="application/xml",
                operation="updateEndpointBxml",
            )
        )
