"""
The Multi-Factor Authentication (MFA) API handlers: send a code by voice or text, verify it.

Sent codes go to ``State.codes`` so tests can read them from ``fake.sent_codes``; nothing is
really called or texted. Auth, faults and error rendering are the middleware's; shared helpers
are in ``_http.py``.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, Final

from aiohttp import web

from ._http import _E164, Handlers, Problem, _body_json, _json, _require
from ._state import SentCode

__all__ = ["MfaHandlers"]

_MAX_EXPIRATION_MINUTES: Final = 15
_MAX_SCOPE: Final = 25
_MAX_APP_ID: Final = 50
# Bandwidth rate limits attempts to verify invalid codes (docs/mfa/rateLimits) without giving
# the numbers; the emulator allows this many wrong codes per number and scope in a window.
VERIFY_FAILURES: Final = 5
VERIFY_WINDOW: Final = 300.0


def _check_scope(data: dict[str, Any]) -> None:
    scope = data.get("scope", "")
    if not isinstance(scope, str) or len(scope) > _MAX_SCOPE:
        raise Problem(400, f"'scope' must be a string of at most {_MAX_SCOPE} characters.")


class MfaHandlers(Handlers):
    """
    The MFA API's request handlers, closed over one emulator's config and state.
    """

    def routes(self) -> list[web.RouteDef]:
        """
        Every MFA route of the spec, at its path rooted at ``/``.
        """
        a = "/accounts/{accountId}"
        return [
            web.post(a + "/code/voice", self.generate_voice_code),
            web.post(a + "/code/messaging", self.generate_messaging_code),
            web.post(a + "/code/verify", self.verify_code),
        ]

    # -- MFA --------------------------------------------------------------------------------

    def _code_request(self, data: dict[str, Any]) -> None:
        _require(data, "to", "from", "applicationId", "message", "digits")
        for name in ("to", "from"):
            if not isinstance(data[name], str) or not _E164.match(data[name]):
                raise Problem(400, f"'{name}' must be an E.164 phone number.")
        digits = data["digits"]
        if not isinstance(digits, int) or isinstance(digits, bool) or not 4 <= digits <= 8:  # noqa: PLR2004
            raise Problem(400, "'digits' must be an integer from 4 to 8.")
        if not isinstance(data["message"], str) or "{CODE}" not in data["message"]:
            raise Problem(400, "'message' must contain {CODE}.")
        _check_scope(data)
        if not isinstance(data["applicationId"], str) or len(data["applicationId"]) > _MAX_APP_ID:
            raise Problem(400, f"'applicationId' must be at most {_MAX_APP_ID} characters.")

    def _send_code(self, data: dict[str, Any], channel: str) -> None:
        code = "".join(secrets.choice("0123456789") for _ in range(data["digits"]))
        self.state.codes.append(
            SentCode(data["to"], code, channel, data.get("scope"), self.state.clock())
        )
        # A new code starts a new count of wrong ones.
        self.state.verify_failures.pop((data["to"], data.get("scope") or "2FA"), None)

    async def generate_voice_code(self, request: web.Request) -> web.Response:
        """
        "Call" a number with a code (generateVoiceCode); tests read it from ``fake.sent_codes``.
        """
        self._account(request)
        data = _body_json(await request.read())
        self._code_request(data)
        self._send_code(data, "voice")
        return _json({"callId": "c-" + "-".join(secrets.token_hex(n) for n in (4, 4, 2, 2, 2, 6))})

    async def generate_messaging_code(self, request: web.Request) -> web.Response:
        """
        "Text" a number a code (generateMessagingCode); tests read it from ``fake.sent_codes``.
        """
        self._account(request)
        data = _body_json(await request.read())
        self._code_request(data)
        self._send_code(data, "messaging")
        return _json({"messageId": f"{int(time.time() * 1000)}{secrets.token_hex(8)}"})

    async def verify_code(self, request: web.Request) -> web.Response:  # verifyCode
        """
        Check a code: valid when it was sent to ``to`` (same scope) within the expiration time.
        """
        self._account(request)
        data = _body_json(await request.read())
        _require(data, "to", "expirationTimeInMinutes", "code")
        if not isinstance(data["to"], str) or not _E164.match(data["to"]):
            raise Problem(400, "'to' must be an E.164 phone number.")
        minutes = data["expirationTimeInMinutes"]
        if (
            not isinstance(minutes, int | float)
            or isinstance(minutes, bool)
            or not 0 < minutes <= _MAX_EXPIRATION_MINUTES
        ):
            raise Problem(400, "'expirationTimeInMinutes' must be more than 0 and at most 15.")
        code = data["code"]
        if not isinstance(code, str) or not 4 <= len(code) <= 8:  # noqa: PLR2004
            raise Problem(400, "'code' must be 4 to 8 characters.")
        _check_scope(data)
        scope = data.get("scope") or "2FA"
        now = self.state.clock()
        key = (data["to"], scope)
        failures = [t for t in self.state.verify_failures.get(key, []) if now - t < VERIFY_WINDOW]
        self.state.verify_failures[key] = failures
        if len(failures) >= VERIFY_FAILURES:
            raise Problem(429, "Too many invalid codes for this number; try again later.")
        valid = False
        for sent in reversed(self.state.codes):
            if sent.to == data["to"] and (sent.scope or "2FA") == scope:
                valid = sent.code == code and now - sent.sent_at <= minutes * 60
                if valid:
                    # A code verifies once.
                    self.state.codes.remove(sent)
                break
        if valid:
            self.state.verify_failures.pop(key, None)
        else:
            failures.append(now)
        return _json({"valid": valid})
