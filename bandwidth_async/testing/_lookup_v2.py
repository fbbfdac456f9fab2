"""
Phone number lookup v2: synchronous lookups, and bulk lookups done ``lookup_delay`` s later.

Results are made up from each number alone (a hash picks line type and carrier), the same
every time.
"""

from __future__ import annotations

import hashlib
from typing import Any

from aiohttp import web

from ._http import _E164, Handlers, Problem, _body_json, _json
from ._newapis import new_id

__all__ = ["LookupV2Handlers"]

_CARRIERS = ("Verizon Wireless", "T-Mobile USA", "AT&T Wireless", "Bandwidth CLEC")
_LINES = ("MOBILE", "FIXED", "VOIP", "VOIP-FIXED")


def result_for(number: str) -> dict[str, Any]:
    """
    The lookup result of *number*: the same every time for the same number.
    """
    digest = hashlib.sha256(number.encode()).digest()
    carrier = _CARRIERS[digest[0] % len(_CARRIERS)]
    return {
        "phoneNumber": number,
        "lineType": _LINES[digest[1] % len(_LINES)],
        "messagingProvider": carrier,
        "voiceProvider": carrier,
        "countryCodeA3": "USA",
    }


class LookupV2Handlers(Handlers):
    """
    createSyncLookup, createAsyncBulkLookup, getAsyncBulkLookup.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.bulk: dict[str, tuple[list[str], float]] = {}

    def routes(self) -> list[web.RouteDef]:
        """
        The routes of phone number lookup v2.
        """
        base = "/accounts/{accountId}/phoneNumberLookup"
        return [
            web.post(base, self.create_sync),
            web.post(base + "/bulk", self.create_bulk),
            web.get(base + "/bulk/{requestId}", self.get_bulk),
        ]

    async def _numbers(self, request: web.Request, most: int) -> list[str]:
        self._account(request)
        data = _body_json(await request.read())
        numbers = data.get("phoneNumbers")
        if not isinstance(numbers, list) or not numbers or len(numbers) > most:
            raise Problem(400, f"'phoneNumbers' must list 1 to {most} phone numbers.")
        bad = [n for n in numbers if not isinstance(n, str) or not _E164.match(n)]
        if bad:
            raise Problem(400, f"Some phoneNumbers are not E.164: {bad}")
        return numbers

    async def create_sync(self, request: web.Request) -> web.Response:
        """
        Look up up to 100 numbers at once.
        """
        numbers = await self._numbers(request, 100)
        data = {
            "requestId": new_id(),
            "status": "COMPLETE",
            "results": [result_for(n) for n in numbers],
        }
        return _json({"links": [], "data": data, "errors": []})

    async def create_bulk(self, request: web.Request) -> web.Response:
        """
        Start a bulk lookup; 202 IN_PROGRESS.
        """
        numbers = await self._numbers(request, 15_000)
        request_id = new_id()
        self.bulk[request_id] = (numbers, self.state.clock())
        href = f"/accounts/{self.config.account_id}/phoneNumberLookup/bulk/{request_id}"
        links = [{"href": href, "rel": "statusCheck", "method": "GET"}]
        data = {"requestId": request_id, "status": "IN_PROGRESS"}
        return _json({"links": links, "data": data, "errors": []}, 202)

    async def get_bulk(self, request: web.Request) -> web.Response:
        """
        A bulk lookup's status; COMPLETE with results once ``lookup_delay`` has passed.
        """
        self._account(request)
        request_id = request.match_info["requestId"]
        if request_id not in self.bulk:
            raise Problem(404, f"Lookup {request_id} was not found.")
        numbers, started = self.bulk[request_id]
        data: dict[str, Any] = {"requestId": request_id, "status": "IN_PROGRESS"}
        if self.state.clock() - started >= self.config.lookup_delay:
            data |= {"status": "COMPLETE", "results": [result_for(n) for n in numbers]}
        return _json({"links": [], "data": data, "errors": []})
