"""
Toll-free verification: submit, follow and change a number's verification, and its webhooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .. import models
from .._request import Host, Request
from .._session import Session

if TYPE_CHECKING:
    from ..models import (
        TfvStatus,
        VerificationRequest,
        VerificationUpdateRequest,
        WebhookSubscription,
        WebhookSubscriptionRequestSchema,
        WebhookSubscriptionsListBody,
    )

__all__ = ["TollFree"]

_VERIFICATION = "/accounts/{account_id}/phoneNumbers/{phone_number}/tollFreeVerification"
_SUBSCRIPTIONS = "/accounts/{account_id}/tollFreeVerification/webhooks/subscriptions"


@attrs.frozen
class TollFree:
    """
    Verify toll-free numbers for messaging, and subscribe to the verification webhooks.
    """

    _session: Session

    async def request_verification(self, request: VerificationRequest) -> None:
        """
        Submit toll-free numbers for verification (requestTollFreeVerification).
        """
        await self._session.request(
            Request(
                "POST",
                Host.API_V2,
                "/accounts/{account_id}/tollFreeVerification",
                body=request,
                operation="requestTollFreeVerification",
            )
        )

    async def get_status(self, phone_number: str) -> TfvStatus:
        """
        The verification status of toll-free number *phone_number* (getTollFreeVerificationStatus).
        """
        return await self._session.request(
            self._verification("GET", phone_number, "getTollFreeVerificationStatus"),
            returns=models.TfvStatus,
        )

    async def update_request(self, phone_number: str, request: VerificationUpdateRequest) -> None:
        """
        Resubmit the verification of *phone_number* (updateTollFreeVerificationRequest).
        """
        await self._session.request(
            attrs.evolve(
                self._verification("PUT", phone_number, "updateTollFreeVerificationRequest"),
                body=request,
            )
        )

    async def delete_request(self, phone_number: str) -> None:
        """
        Withdraw the verification request of *phone_number* (deleteVerificationRequest).
        """
        await self._session.request(
            self._verification("DELETE", phone_number, "deleteVerificationRequest")
        )

    async def list_use_cases(self) -> list[str]:
        """
        The use cases a verification request may name (listTollFreeUseCases).
        """
        return await self._session.request(
            Request(
                "GET",
                Host.API_V2,
                "/tollFreeVerification/useCases",
                operation="listTollFreeUseCases",
            ),
            returns=list[str],
        )

    async def list_subscriptions(self) -> WebhookSubscriptionsListBody:
        """
        The account's verification webhook subscriptions (listWebhookSubscriptions).
        """
        return await self._session.request(
            Request("GET", Host.API_V2, _SUBSCRIPTIONS, operation="listWebhookSubscriptions"),
            returns=models.WebhookSubscriptionsListBody,
        )

    async def create_subscription(
        self, subscription: WebhookSubscriptionRequestSchema
    ) -> WebhookSubscription:
        """
        Subscribe a URL to the verification webhooks (createWebhookSubscription).
        """
        return await self._session.request(
            Request(
                "POST",
                Host.API_V2,
                _SUBSCRIPTIONS,
                body=subscription,
                operation="createWebhookSubscription",
            ),
            returns=models.WebhookSubscription,
        )

    async def update_subscription(
        self,
        id: str,
        subscription: WebhookSubscriptionRequestSchema,
    ) -> WebhookSubscription:
        """
        Change subscription *id* (updateWebhookSubscription).
        """
        return await self._session.request(
            Request(
                "PUT",
                Host.API_V2,
                _SUBSCRIPTIONS + "/{id}",
                {"id": id},
                body=subscription,
                operation="updateWebhookSubscription",
            ),
            returns=models.WebhookSubscription,
        )

    async def delete_subscription(self, id: str) -> None:
        """
        Remove subscription *id* (deleteWebhookSubscription).
        """
        await self._session.request(
            Request(
                "DELETE",
                Host.API_V2,
                _SUBSCRIPTIONS + "/{id}",
                {"id": id},
                operation="deleteWebhookSubscription",
            )
        )

    def _verification(self, method: str, phone_number: str, operation: str) -> Request:
        return Request(
            method,
            Host.API_V2,
            _VERIFICATION,
            {"phone_number": phone_number},
            operation=operation,
        )
