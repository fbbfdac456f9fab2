"""
Voice calls: create, inspect, list and steer them; dial many at once.

Methods describe requests and hand them to the session; they send nothing themselves.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable
from typing import TYPE_CHECKING

import attrs

from .._errors import BandwidthError
from .._pagination import AsyncPaginator, LinkHeader
from .._request import Host, Request
from .._session import Session
from .._throttle import Pacer
from ..models import CallState, CreateCall, CreateCallResponse, UpdateCall, UpdateCallRecording

if TYPE_CHECKING:
    from ..bxml import Bxml, Response

__all__ = ["Calls", "DialResult"]

_CALLS = "/accounts/{account_id}/calls"
_CALL = "/accounts/{account_id}/calls/{call_id}"


@attrs.frozen
class DialResult:
    """
    How one call of `Calls.create_many` went: its request, and a response or an error.
    """

    request: CreateCall
    response: CreateCallResponse | None = None
    error: BandwidthError | None = None

    @property
    def ok(self) -> bool:
        """
        Whether the call was created.
        """
        return self.response is not None


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

    async def create_many(  # noqa: C901 - one loop: fill, wait, yield, clean up
        self,
        requests: Iterable[CreateCall] | AsyncIterable[CreateCall],
        *,
        concurrency: int = 50,
        rate: float | None = None,
    ) -> AsyncGenerator[DialResult, None]:
        """
        Dial every call of *requests*, yielding a `DialResult` for each as it finishes.

        The input is read lazily, at most *concurrency* calls are in flight, *rate* caps calls
        per second, and one failed call never stops the others. No call is sent twice unless
        its connection could not be opened at all.
        """
        if concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, not {concurrency}")
        pacer = Pacer(rate) if rate else None
        source = _aiter(requests)
        in_flight: set[asyncio.Task[DialResult]] = set()
        # Each task reports itself here when done: one wake-up per finished call, where
        # asyncio.wait would re-register a callback on every pending task each time.
        finished: asyncio.Queue[asyncio.Task[DialResult]] = asyncio.Queue()

        async def dial(call: CreateCall) -> DialResult:
            if pacer is not None:
                await pacer.wait()
            try:
                return DialResult(call, await self.create(call))
            except BandwidthError as exc:
                return DialResult(call, error=exc)

        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < concurrency:
                    try:
                        call = await anext(source)
                    except StopAsyncIteration:
                        exhausted = True
                        break
                    task = asyncio.create_task(dial(call))
                    task.add_done_callback(finished.put_nowait)
                    in_flight.add(task)
                if not in_flight:
                    break
                task = await finished.get()
                in_flight.discard(task)
                yield task.result()
        finally:
            for task in in_flight:
                task.cancel()
            if in_flight:
                await asyncio.gather(*in_flight, return_exceptions=True)


async def _aiter(
    items: Iterable[CreateCall] | AsyncIterable[CreateCall],
) -> AsyncIterator[CreateCall]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
