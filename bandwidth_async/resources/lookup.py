"""
Phone number lookup: carrier and line type of telephone numbers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import attrs

from .._request import Host, Request
from .._session import Session
from ..models import CreateLookupResponse, LookupRequest, LookupStatus, LookupStatusEnum

__all__ = ["Lookup"]

_DONE = frozenset(
    {LookupStatusEnum.COMPLETE, LookupStatusEnum.PARTIAL_COMPLETE, LookupStatusEnum.FAILED}
)


@attrs.frozen
class Lookup:
    """
    Look up carrier information for telephone numbers.
    """

    _session: Session

    async def create(self, request: LookupRequest) -> CreateLookupResponse:
        """
        Start a lookup (createLookup); poll `get` with its ``request_id``.
        """
        return await self._session.request(
            Request("POST", Host.LOOKUP, "/accounts/{account_id}/tnlookup", body=request),
            returns=CreateLookupResponse,
        )

    async def get(self, request_id: str) -> LookupStatus:
        """
        The status, and when complete the results, of lookup *request_id* (getLookupStatus).
        """
        return await self._session.request(
            Request(
                "GET",
                Host.LOOKUP,
                "/accounts/{account_id}/tnlookup/{request_id}",
                {"request_id": request_id},
            ),
            returns=LookupStatus,
        )

    async def run(
        self,
        tns: Iterable[str],
        *,
        poll_interval: float = 1.0,
        timeout: float | None = 60.0,  # noqa: ASYNC109 - it bounds the whole polling loop
    ) -> LookupStatus:
        """
        Look up *tns* and wait until the lookup is COMPLETE, PARTIAL_COMPLETE or FAILED.

        Raises:
            TimeoutError: It was still in progress after *timeout* seconds.
        """
        if poll_interval <= 0:
            raise ValueError(f"poll_interval must be > 0, not {poll_interval}")
        created = await self.create(LookupRequest(tns=list(tns)))
        if not created.request_id:
            raise ValueError("the lookup was accepted without a requestId to poll")
        request_id = created.request_id
        async with asyncio.timeout(timeout):
            while True:
                status = await self.get(request_id)
                if status.status in _DONE:
                    return status
                await asyncio.sleep(poll_interval)
