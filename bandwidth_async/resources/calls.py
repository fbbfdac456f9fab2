"""
Voice calls: create, inspect, list and steer them; dial many at once.

Methods describe requests and hand them to the session; they send nothing themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncGenerator, AsyncIterable, Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from .._dial import DialResult, default_key, dial_many
from .._pagination import AsyncPaginator, LinkHeader
from .._request import Host, Request
from .._session import Session
from ..models import CallState, CreateCall, CreateCallResponse, UpdateCall, UpdateCallRecording

if TYPE_CHECKING:
    from .._ledger import Ledger
    from ..bxml import Bxml, Response

__all__ = ["Calls", "DialResult"]

_CALLS = "/accounts/{account_id}/calls"
_CALL = "/accounts/{account_id}/calls/{call_id}"


@attrs.frozen
class Calls:
    """
    Create, inspect and steer voice calls.
    """

    _session: Session

    async def create(self, call: CreateCall) -> CreateCallResponse:
        """
        Place an outbound call described by *call* (createCall); never sent twice.
        """
        return await self._session.request(
            Request("POST", Host.VOICE, _CALLS, body=call, operation="createCall"),
            returns=CreateCallResponse,
        )

    async def get(self, call_id: str) -> CallState:
        """
        The state of call *call_id* (getCallState); calls are kept 7 days after they end.
        """
        return await self._session.request(
            Request("GET", Host.VOICE, _CALL, {"call_id": call_id}, operation="getCallState"),
            returns=CallState,
        )

    def list(
        self,
        *,
        to: str | None = None,
        from_: str | None = None,
        min_start_time: dt.datetime | str | None = None,
        max_start_time: dt.datetime | str | None = None,
        disconnect_cause: str | None = None,
        page_size: int | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        prefetch: int = 0,
    ) -> AsyncPaginator[CallState]:
        """
        Calls oldest first, following ``Link: <...>; rel="next"`` (listCalls).

        One query returns at most 10,000 calls; `bandwidth_async.export` splits time windows
        to read more.
        """
        query = {
            "to": to,
            "from": from_,
            "minStartTime": min_start_time,
            "maxStartTime": max_start_time,
            "disconnectCause": disconnect_cause,
            "pageSize": page_size,
        }
        return self._session.paginate(
            Request("GET", Host.VOICE, _CALLS, query=query, operation="listCalls"),
            item=CallState,
            pagination=LinkHeader(),
            limit=limit,
            cursor=cursor,
            prefetch=prefetch,
        )

    async def update(self, call_id: str, update: UpdateCall) -> None:
        """
        Redirect, hang up or cancel the live call *call_id* (updateCall).

        Raises:
            ConflictError: The call has already ended.
        """
        await self._session.request(
            Request(
                "POST", Host.VOICE, _CALL, {"call_id": call_id}, body=update, operation="updateCall"
            )
        )

    async def update_bxml(self, call_id: str, bxml: str | Response | Bxml) -> None:
        """
        Replace what the live call *call_id* is doing with the BXML document *bxml*.
        """
        await self._session.request(
            Request(
                "PUT",
                Host.VOICE,
                _CALL + "/bxml",
                {"call_id": call_id},
                body=str(bxml),
                content_type="application/xml",
                operation="updateCallBxml",
            )
        )

    async def update_recording_state(self, call_id: str, update: UpdateCallRecording) -> None:
        """
        Pause or resume the recording of call *call_id* (updateCallRecordingState).
        """
        await self._session.request(
            Request(
                "PUT",
                Host.VOICE,
                _CALL + "/recording",
                {"call_id": call_id},
                body=update,
                operation="updateCallRecordingState",
            )
        )

    def create_many(
        self,
        requests: Iterable[CreateCall] | AsyncIterable[CreateCall],
        *,
        concurrency: int = 50,
        rate: float | None = None,
        ledger: Ledger | str | os.PathLike[str] | None = None,
        key: Callable[[CreateCall], str] = default_key,
    ) -> AsyncGenerator[DialResult, None]:
        """
        Dial every call of *requests*, yielding a `DialResult` for each as it finishes.

        The input is read lazily and at most *concurrency* calls are in flight. A 429 is a
        refusal, not a failure: the call waits and is sent again, and the dialer slows down
        (multiplicative decrease) and speeds up again after successes (additive increase),
        settling just under the account's limit; *rate* (calls per second) is a hard cap. The
        client's next ``create_many`` (within ten minutes) starts at the pace this one learned.
        One failed call never stops the others, and no call is sent twice unless its connection
        could not be opened at all. Every request sent gets exactly one result: when the input
        raises or the consumer stops, the calls in flight are awaited (not cancelled), then the
        input's error is raised.

        With *ledger* (a path or a `Ledger`) each outcome is recorded durably, under
        ``key(request)`` (default: its ``tag``, else its ``to``), before it is yielded; run again
        with the same ledger, a request already there is not sent: its recorded outcome is
        yielded with ``recorded=True``. A key twice in one run raises `ValueError`.
        """
        # The dialer handles 429s and refused connections itself: one attempt per send here,
        # and no client-wide 429 gate (retry_after_max=0): only the refused call waits its
        # Retry-After, while the others go on at the lowered pace.
        options = self._session.options
        once = Session(
            self._session.transport,
            attrs.evolve(
                options, retry=attrs.evolve(options.retry, max_attempts=1, retry_after_max=0)
            ),
        )
        return dial_many(
            Calls(once).create,
            requests,
            concurrency=concurrency,
            rate=rate,
            ledger=ledger,
            key=key,
            telemetry=self._session.state.telemetry,
            memory=self._session.state.dial_memory,
        )
