"""
Phone number lookup: carrier, line type and messaging reach of telephone numbers.

Version 2 (``/phoneNumberLookup``) answers a few numbers at once (`Lookup.create`) or takes a
bulk request to poll (`Lookup.create_bulk`, `Lookup.get_bulk`); `Lookup.run` picks one. The
retired version 1 (``/tnlookup``) stays reachable, with a ``DeprecationWarning``.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from .. import models
from .._errors import LookupTimeoutError
from .._request import Host, Request
from .._session import Session

if TYPE_CHECKING:
    from ..models import (
        AsyncLookupRequest,
        CreateAsyncBulkLookupResponse,
        CreateLookupResponse,
        CreateSyncLookupResponse,
        GetAsyncBulkLookupResponse,
        LookupRequest,
        LookupStatus,
        SyncLookupRequest,
    )

__all__ = ["SYNC_MAX", "Lookup"]

#: The most numbers a synchronous lookup takes (the spec's limit); `Lookup.run` goes bulk above.
SYNC_MAX = 100

_LOOKUP = "/accounts/{account_id}/phoneNumberLookup"
_RETIRED = (
    "the v1 lookup (/tnlookup) is retired by Bandwidth: use lookup.create, lookup.create_bulk "
    "or lookup.run"
)


@attrs.frozen
class Lookup:
    """
    Look up carrier information for telephone numbers.
    """

    _session: Session

    async def create(self, request: SyncLookupRequest) -> CreateSyncLookupResponse:
        """
        Look up up to 100 numbers and wait for the answer (createSyncLookup).
        """
        return await self._session.request(
            Request("POST", Host.NUMBERS_V2, _LOOKUP, body=request, operation="createSyncLookup"),
            returns=models.CreateSyncLookupResponse,
        )

    async def create_bulk(self, request: AsyncLookupRequest) -> CreateAsyncBulkLookupResponse:
        """
        Start a lookup of up to 15,000 numbers (createAsyncBulkLookup); poll `get_bulk`.
        """
        return await self._session.request(
            Request(
                "POST",
                Host.NUMBERS_V2,
                _LOOKUP + "/bulk",
                body=request,
                operation="createAsyncBulkLookup",
            ),
            returns=models.CreateAsyncBulkLookupResponse,
        )

    async def get_bulk(self, request_id: str) -> GetAsyncBulkLookupResponse:
        """
        The status, and when done the results, of bulk lookup *request_id* (getAsyncBulkLookup).
        """
        return await self._session.request(
            Request(
                "GET",
                Host.NUMBERS_V2,
                _LOOKUP + "/bulk/{request_id}",
                {"request_id": request_id},
                operation="getAsyncBulkLookup",
            ),
            returns=models.GetAsyncBulkLookupResponse,
        )

    async def run(
        self,
        tns: Iterable[str],
        *,
        poll_interval: float = 1.0,
        timeout: float | None = 60.0,  # noqa: ASYNC109 - it bounds the whole polling loop
    ) -> CreateSyncLookupResponse | GetAsyncBulkLookupResponse:
        """
        Look up *tns*: synchronously for up to `SYNC_MAX` numbers, else in bulk, polling.

        Raises:
            LookupTimeoutError: The bulk lookup was still in progress after *timeout* seconds.
        """
        if poll_interval <= 0:
            raise ValueError(f"poll_interval must be > 0, not {poll_interval}")
        numbers = list(tns)
        if len(numbers) <= SYNC_MAX:
            return await self.create(models.SyncLookupRequest(phone_numbers=numbers))
        created = await self.create_bulk(models.AsyncLookupRequest(phone_numbers=numbers))
        request_id = created.data.request_id if created.data else None
        if not request_id:
            raise ValueError("the bulk lookup was accepted without a requestId to poll")
        try:
            async with asyncio.timeout(timeout):
                while True:
                    status = await self.get_bulk(request_id)
                    state = status.data.status if status.data else None
                    if state is not None and state != models.InProgressLookupStatusEnum.IN_PROGRESS:
                        return status
                    await asyncio.sleep(poll_interval)
        except TimeoutError as exc:
            msg = f"lookup {request_id} still in progress after {timeout} s"
            raise LookupTimeoutError(msg, request_id) from exc

    async def create_tn_lookup(self, request: LookupRequest) -> CreateLookupResponse:
        """
        Start a v1 lookup (createLookup, retired); poll `get_tn_lookup` with its request id.

        .. deprecated:: Bandwidth retired ``/tnlookup``; use `create` or `run`.
        """
        warnings.warn(_RETIRED, DeprecationWarning, stacklevel=2)
        return await self._session.request(
            Request(
                "POST",
                Host.LOOKUP,
                "/accounts/{account_id}/tnlookup",
                body=request,
                operation="createLookup",
            ),
            returns=models.CreateLookupResponse,
        )

    async def get_tn_lookup(self, request_id: str) -> LookupStatus:
        """
        The status and results of v1 lookup *request_id* (getLookupStatus, retired).

        .. deprecated:: Bandwidth retired ``/tnlookup``; use `get_bulk`.
        """
        warnings.warn(_RETIRED, DeprecationWarning, stacklevel=2)
        return await self._session.request(
            Request(
                "GET",
                Host.LOOKUP,
                "/accounts/{account_id}/tnlookup/{request_id}",
                {"request_id": request_id},
                operation="getLookupStatus",
            ),
            returns=models.LookupStatus,
        )
