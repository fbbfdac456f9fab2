"""
The Phone Number Lookup API handlers: start a lookup, then poll its status and results.

Results are made up from each number alone (a hash picks the carrier), the same every time; a
lookup completes ``lookup_delay`` seconds after it starts. Auth, faults and error rendering are
the middleware's; shared helpers are in ``_http.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, Final

from aiohttp import web

from ._http import _E164, _JSON, Handlers, Problem, _body_json, _json
from ._state import Lookup

__all__ = ["LookupHandlers"]


class LookupHandlers(Handlers):
    """
    The Phone Number Lookup API's request handlers, closed over one emulator's config and state.
    """

    def routes(self) -> list[web.RouteDef]:
        """
        Every Lookup route of the spec, at its path rooted at ``/``.
        """
        a = "/accounts/{accountId}"
        return [
            web.post(a + "/tnlookup", self.create_lookup),
            web.get(a + "/tnlookup/{requestId}", self.get_lookup_status),
        ]

    # -- phone number lookup --------------------------------------------------------------

    async def create_lookup(self, request: web.Request) -> web.Response:  # createLookup
        """
        Start a lookup; 202 IN_PROGRESS, COMPLETE after ``lookup_delay`` seconds.
        """
        self._account(request)
        if request.content_type != _JSON:
            raise Problem(415, "Content-Type must be application/json.")
        data = _body_json(await request.read())
        tns = data.get("tns")
        if not isinstance(tns, list) or not tns or not all(isinstance(t, str) for t in tns):
            raise Problem(400, "'tns' must be a non-empty list of phone numbers.")
        bad = [t for t in tns if not _E164.match(t)]
        if bad:
            raise Problem(400, f"Some tns do not match e164 format: {', '.join(bad)}")
        now = self.state.clock()
        busy = sorted(
            {
                tn
                for lookup in self.state.lookups.values()
                if now - lookup.created_at < self.config.lookup_delay
                for tn in lookup.tns
            }.intersection(tns)
        )
        if busy:
            # Bandwidth refuses a lookup of a number that is already being looked up.
            raise Problem(400, f"A lookup is already in progress for: {', '.join(busy)}")
        request_id = "-".join(secrets.token_hex(n) for n in (4, 2, 2, 2, 6))
        self.state.lookups[request_id] = Lookup(request_id, list(tns), now)
        return _json({"requestId": request_id, "status": "IN_PROGRESS"}, 202)

    async def get_lookup_status(self, request: web.Request) -> web.Response:  # getLookupStatus
        """
        A lookup's status and, once done, its results.
        """
        self._account(request)
        lookup = self.state.lookups.get(request.match_info["requestId"])
        if lookup is None:
            raise Problem(404, "Not Found")
        if self.state.clock() - lookup.created_at < self.config.lookup_delay:
            return _json({"requestId": lookup.request_id, "status": "IN_PROGRESS"})
        results = []
        failed = []
        for tn in lookup.tns:
            result = _lookup_result(tn)
            if result is None:
                failed.append(tn)
            else:
                results.append(result)
        body: dict[str, Any] = {"requestId": lookup.request_id}
        if not results:
            body["status"] = "FAILED"
        elif failed:
            body["status"] = "PARTIAL_COMPLETE"
        else:
            body["status"] = "COMPLETE"
        if results:
            body["result"] = results
        if failed:
            body["failedTelephoneNumbers"] = failed
        return _json(body)


_PROVIDERS: Final = (
    ("Mobile", "Verizon Wireless", "310", "010"),
    ("Mobile", "T-Mobile USA", "310", "260"),
    ("Mobile", "AT&T Wireless", "310", "410"),
    ("Fixed", "Bandwidth CLEC", None, None),
    ("VoIP", "Bandwidth CLEC", None, None),
)
_COUNTRIES: Final = (("+1", "US"), ("+44", "GB"), ("+49", "DE"), ("+33", "FR"), ("+61", "AU"))


def _lookup_result(tn: str) -> dict[str, Any] | None:
    # North American numbers whose area code starts with 0 or 1 do not exist: they fail.
    if tn.startswith("+1") and (len(tn) != 12 or tn[2] in "01"):  # noqa: PLR2004
        return None
    country = next((c for prefix, c in _COUNTRIES if tn.startswith(prefix)), "US")
    digest = hashlib.sha256(tn.encode()).digest()
    line_type, provider, mcc, mnc = _PROVIDERS[digest[0] % len(_PROVIDERS)]
    formatted = f"({tn[2:5]}) {tn[5:8]}-{tn[8:]}" if country == "US" else tn
    result: dict[str, Any] = {
        "Response Code": 0,
        "Message": "NOERROR",
        "E.164 Format": tn,
        "Formatted": formatted,
        "Country": country,
        "Line Type": line_type,
        "Line Provider": provider,
    }
    if mcc is not None and mnc is not None:
        result["Mobile Country Code"] = mcc
        result["Mobile Network Code"] = mnc
    return result
