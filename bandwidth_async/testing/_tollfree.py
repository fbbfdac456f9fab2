"""
Toll-free verification: requests by number, the use cases, and webhook subscriptions.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from aiohttp import web

from ._http import _E164, Handlers, Problem, _body_json, _json
from ._newapis import iso

__all__ = ["TollFreeHandlers"]

USE_CASES = ["2FA", "ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE", "MARKETING", "POLLING_VOTING"]
#: sharedSecretKey's pattern in the spec: 16 to 64 printable ASCII characters.
_SHARED_SECRET = re.compile(r"[ -~]{16,64}")
_REQUIRED = ("businessAddress", "businessContact", "messageVolume", "useCase", "useCaseSummary")


class TollFreeHandlers(Handlers):
    """
    The nine toll-free verification operations.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.requests: dict[str, dict[str, Any]] = {}
        self.subscriptions: dict[str, dict[str, Any]] = {}

    def routes(self) -> list[web.RouteDef]:
        """
        The routes of toll-free verification.
        """
        a = "/accounts/{accountId}"
        number = a + "/phoneNumbers/{phoneNumber}/tollFreeVerification"
        subs = a + "/tollFreeVerification/webhooks/subscriptions"
        return [
            web.post(a + "/tollFreeVerification", self.request_verification),
            web.get(number, self.get_status),
            web.put(number, self.update_request),
            web.delete(number, self.delete_request),
            web.get("/tollFreeVerification/useCases", self.list_use_cases),
            web.get(subs, self.list_subscriptions),
            web.post(subs, self.create_subscription),
            web.put(subs + "/{id}", self.update_subscription),
            web.delete(subs + "/{id}", self.delete_subscription),
        ]

    def _submission(self, data: dict[str, Any]) -> dict[str, Any]:
        missing = [k for k in _REQUIRED if k not in data]
        if missing:
            raise Problem(400, f"Missing required field(s): {', '.join(missing)}.")
        token = data.get("cvToken")
        if token is not None and (not isinstance(token, str) or len(token) > 500):  # noqa: PLR2004
            raise Problem(400, "'cvToken' must be a string of at most 500 characters.")
        age_gated = data.get("ageGatedContent")
        if age_gated is not None and not isinstance(age_gated, bool):
            raise Problem(400, "'ageGatedContent' must be a boolean.")
        keep = ("businessAddress", "businessContact", "messageVolume", "useCase", "useCaseSummary")
        return {k: data[k] for k in (*keep, "productionMessageContent") if k in data}

    async def request_verification(self, request: web.Request) -> web.Response:
        """
        Submit numbers for verification: 202, each PENDING.
        """
        self._account(request)
        data = _body_json(await request.read())
        numbers = data.get("phoneNumbers")
        if not isinstance(numbers, list) or not numbers:
            raise Problem(400, "'phoneNumbers' must list toll-free numbers.")
        if not all(isinstance(n, str) and _E164.match(n) for n in numbers):
            raise Problem(400, "Every phone number must be E.164.")
        submission = self._submission(data)
        now = iso(self.state.now())
        for number in numbers:
            self.requests[number] = {
                "phoneNumber": number,
                "status": "PENDING",
                "createdDateTime": now,
                "modifiedDateTime": now,
                "submission": submission,
            }
        return web.Response(status=202)

    def _known(self, request: web.Request) -> dict[str, Any]:
        self._account(request)
        found = self.requests.get(request.match_info["phoneNumber"])
        if found is None:
            raise Problem(404, "No verification request for this number.")
        return found

    async def get_status(self, request: web.Request) -> web.Response:
        """
        The status of a number's verification.
        """
        return _json(self._known(request))

    async def update_request(self, request: web.Request) -> web.Response:
        """
        Resubmit a number's verification: 202.
        """
        try:
            found = self._known(request)
        except Problem as exc:
            # updateTollFreeVerificationRequest declares no 404: an unknown number is a 400.
            raise Problem(400, exc.description) from exc
        found["submission"] = self._submission(_body_json(await request.read()))
        found["modifiedDateTime"] = iso(self.state.now())
        return web.Response(status=202)

    async def delete_request(self, request: web.Request) -> web.Response:
        """
        Withdraw a number's verification: 204.
        """
        found = self._known(request)
        del self.requests[found["phoneNumber"]]
        return web.Response(status=204)

    async def list_use_cases(self, request: web.Request) -> web.Response:  # noqa: ARG002
        """
        The use cases a request may name.
        """
        return _json(USE_CASES)

    def _subscription(self, data: dict[str, Any], sub_id: str, created: str) -> dict[str, Any]:
        url = data.get("callbackUrl")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise Problem(400, "'callbackUrl' must be an http(s) URL.")
        sub: dict[str, Any] = {
            "id": sub_id,
            "accountId": self.config.account_id,
            "callbackUrl": url,
            "type": "TOLLFREE_VERIFICATION_STATUS",
            "createdDate": created,
            "modifiedDate": iso(self.state.now()),
        }
        secret = data.get("sharedSecretKey")
        if secret is not None and not (
            isinstance(secret, str) and _SHARED_SECRET.fullmatch(secret)
        ):
            raise Problem(400, "'sharedSecretKey' must be 16 to 64 printable ASCII characters.")
        auth = data.get("basicAuthentication")
        if isinstance(auth, dict):
            sub["basicAuthentication"] = auth
        return sub

    async def list_subscriptions(self, request: web.Request) -> web.Response:
        """
        The account's subscriptions.
        """
        self._account(request)
        return _json({"links": {}, "errors": [], "data": list(self.subscriptions.values())})

    async def create_subscription(self, request: web.Request) -> web.Response:
        """
        Subscribe a URL: 201.
        """
        self._account(request)
        data = _body_json(await request.read())
        sub_id = secrets.token_urlsafe(16)
        sub = self._subscription(data, sub_id, iso(self.state.now()))
        self.subscriptions[sub_id] = sub
        return _json(sub, 201)

    def _sub(self, request: web.Request) -> dict[str, Any]:
        self._account(request)
        found = self.subscriptions.get(request.match_info["id"])
        if found is None:
            raise Problem(404, "The subscription was not found.")
        return found

    async def update_subscription(self, request: web.Request) -> web.Response:
        """
        Change a subscription: 200 with it.
        """
        found = self._sub(request)
        data = _body_json(await request.read())
        sub = self._subscription(data, found["id"], found["createdDate"])
        self.subscriptions[found["id"]] = sub
        return _json(sub)

    async def delete_subscription(self, request: web.Request) -> web.Response:
        """
        Remove a subscription: 204.
        """
        found = self._sub(request)
        del self.subscriptions[found["id"]]
        return web.Response(status=204)
