"""
Voice account statistics.
"""

from __future__ import annotations

import attrs

from .._request import Host, Request
from .._session import Session
from ..models import AccountStatistics

__all__ = ["Statistics"]


@attrs.frozen
class Statistics:
    """
    The account's live voice statistics.
    """

    _session: Session

    async def get(self) -> AccountStatistics:
        """
        Calls queued and the account's call queue limit (getStatistics).
        """
        return await self._session.request(
            Request(
                "GET", Host.VOICE, "/accounts/{account_id}/statistics", operation="getStatistics"
            ),
            returns=AccountStatistics,
        )
