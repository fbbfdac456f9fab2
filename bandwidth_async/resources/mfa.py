"""
Multi-factor authentication: send a code by voice or text, then verify it.
"""

from __future__ import annotations

import attrs

from .._request import Host, Request
from .._session import Session
from ..models import (
    CodeRequest,
    MessagingCodeResponse,
    VerifyCodeRequest,
    VerifyCodeResponse,
    VoiceCodeResponse,
)

__all__ = ["Mfa"]


@attrs.frozen
class Mfa:
    """
    Send one-time codes and verify them.
    """

    _session: Session

    async def send_voice_code(self, request: CodeRequest) -> VoiceCodeResponse:
        """
        Call *request.to* and read out a code (generateVoiceCode).
        """
        return await self._session.request(
            Request(
                "POST",
                Host.MFA,
                "/accounts/{account_id}/code/voice",
                body=request,
                operation="generateVoiceCode",
            ),
            returns=VoiceCodeResponse,
        )

    async def send_messaging_code(self, request: CodeRequest) -> MessagingCodeResponse:
        """
        Text a code to *request.to* (generateMessagingCode).
        """
        return await self._session.request(
            Request(
                "POST",
                Host.MFA,
                "/accounts/{account_id}/code/messaging",
                body=request,
                operation="generateMessagingCode",
            ),
            returns=MessagingCodeResponse,
        )

    async def verify_code(self, request: VerifyCodeRequest) -> VerifyCodeResponse:
        """
        Check a code the user typed (verifyCode); ``verified`` says whether it matched.
        """
        return await self._session.request(
            Request(
                "POST",
                Host.MFA,
                "/accounts/{account_id}/code/verify",
                body=request,
                operation="verifyCode",
            ),
            returns=VerifyCodeResponse,
        )
