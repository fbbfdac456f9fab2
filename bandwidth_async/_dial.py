"""
The dialer behind `Calls.create_many`: adaptive pacing, refusals sent again, a durable ledger.

`Aimd` makes the pacing decisions and does no I/O: it is told what happened (a call created,
a 429) and says how many calls may be in flight and how many may start per second. `dial_many`
is the loop around it: it reads the input lazily, sends through the caller's ``create``
(which does the HTTP), records each outcome in the `Ledger` before yielding it, and on a 429 (a
refusal: the API did nothing) waits and sends the same request again instead of failing it.
"""

from __future__ import annotations

import asyncio
import collections
import math
import os
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
)
from typing import TYPE_CHECKING, Literal

import attrs

from ._converter import unstructure
from ._errors import BandwidthError, OutcomeUnknownError, RateLimitError, TransportError
from ._json import dumps, loads
from ._telemetry import NO_TELEMETRY, Telemetry
from .models import CreateCall, CreateCallResponse

if TYPE_CHECKING:
    from ._ledger import Ledger, LedgerEntry

__all__ = ["Aimd", "DialResult", "default_key", "dial_many"]

#: Calls in flight at the start; each success adds SLOW_START_STEP calls until the first 429
#: (slow start: the window grows by that share each round trip, so the first burst of 429s,
#: every call then in flight, stays small).
START_WINDOW = 4
SLOW_START_STEP = 0.5
#: After a 429 the rate becomes this share of what the API accepted in the last second ...
RATE_DECREASE = 0.96
#: ... and the concurrency this share of what it was.
WINDOW_DECREASE = 0.9
#: Then the rate grows again (additive increase), per second of successes, by this share of the
#: rate the API accepted when it refused: quickly while well below it, slowly near it.
RATE_INCREASE_FAR = 0.05
RATE_INCREASE_NEAR = 0.002
#: "Near" is within this share of the rate the API accepted.
NEAR = 0.9
#: A call that could not even connect is tried this many times (it was never sent).
CONNECT_ATTEMPTS = 3


@attrs.frozen
class DialResult:
    """
    How one call of `Calls.create_many` went: its request, and a response or an error.

    Attributes:
        refusals: How many 429s this request got before its outcome (each was sent again).
        recorded: True when the outcome comes from the ledger of an earlier run: nothing was
            sent this time.
        reconciled_call_id: The call id `Ledger.reconcile` found for a call whose answer was
            lost (then there is no response).
    """

    request: CreateCall
    response: CreateCallResponse | None = None
    error: BandwidthError | None = None
    refusals: int = 0
    recorded: bool = False
    reconciled_call_id: str | None = None

    @property
    def ok(self) -> bool:
        """
        Whether the call was created.
        """
        return self.response is not None

    @property
    def call_id(self) -> str | None:
        """
        The created call's id, or None.
        """
        return self.response.call_id if self.response is not None else self.reconciled_call_id

    @property
    def status(self) -> Literal["created", "failed", "unknown"]:
        """
        ``created``, ``unknown`` (sent, no answer: it may have been placed) or ``failed``.
        """
        if self.response is not None or self.reconciled_call_id is not None:
            return "created"
        return "unknown" if isinstance(self.error, OutcomeUnknownError) else "failed"


@attrs.define
class Aimd:
    """
    Additive-increase, multiplicative-decrease control of a dialer's concurrency and rate.

    Before the first 429 the window grows by one per success (slow start) and nothing is paced
    unless *cap* is set. A 429 sets the rate just under what the API accepted in the last
    second and shrinks the window, once per burst: refusals of requests sent before that
    decision (an older *epoch*) change nothing more. After that each success adds a little
    rate and a little window, so a campaign settles just under the account's limit with few
    429s. *cap* (``rate=``) is never exceeded.
    """

    ceiling: int
    cap: float | None = None
    window: float = 0.0
    rate: float | None = None
    epoch: int = 0
    probing: bool = True
    #: Calls per second the API accepted when it last refused one.
    accepted: float = 0.0
    #: No other decrease before this time (seconds, the caller's clock): one per second at most.
    calm_until: float = -math.inf

    def __attrs_post_init__(self) -> None:
        if self.ceiling < 1:
            raise ValueError(f"concurrency must be >= 1, not {self.ceiling}")
        if self.cap is not None and self.cap <= 0:
            raise ValueError(f"rate must be > 0, not {self.cap}")
        if not self.window:
            self.window = float(min(self.ceiling, START_WINDOW))
        if self.rate is None:
            self.rate = self.cap

    @property
    def allowed(self) -> int:
        """
        How many calls may be in flight now.
        """
        return max(1, min(self.ceiling, int(self.window)))

    def succeeded(self) -> None:
        """
        A call was created: widen the window, and raise the rate a little.
        """
        step = SLOW_START_STEP if self.probing else 1.0 / self.window
        self.window = min(float(self.ceiling), self.window + step)
        if self.rate is not None and not self.probing:
            share = RATE_INCREASE_FAR if self.rate < NEAR * self.accepted else RATE_INCREASE_NEAR
            self.rate += share * self.accepted / self.rate  # about one success in 1/rate s
            if self.cap is not None:
                self.rate = min(self.rate, self.cap)

    def refused(self, epoch: int, accepted: float, now: float) -> bool:
        """
        Slow down: a request sent in *epoch* got a 429; returns whether this changed anything.

        *accepted* is the calls per second the API accepted lately, *now* the time in seconds.
        Only the first refusal of a burst counts, and at most one a second: a refusal of a
        request sent before the last decrease (an older *epoch*) or within a second of it
        changes nothing.
        """
        if epoch != self.epoch or now < self.calm_until:
            return False
        self.epoch += 1
        self.calm_until = now + 1.0
        self.probing = False
        current = self.rate if self.rate is not None else math.inf
        base = accepted if accepted > 0 else current
        self.accepted = base if base != math.inf else float(self.allowed)
        rate = max(1.0, RATE_DECREASE * min(base, current))
        if rate == math.inf:  # no measure at all yet: fall back to the window
            rate = float(self.allowed)
        self.rate = rate if self.cap is None else min(rate, self.cap)
        self.window = max(1.0, self.window * WINDOW_DECREASE)
        return True


class _Pace:
    """
    Spaces sends at a changing rate, and holds them all while the API asked us to wait.
    """

    def __init__(self) -> None:
        self._next = 0.0

    def hold(self, seconds: float) -> None:
        now = asyncio.get_running_loop().time()
        self._next = max(self._next, now + seconds)

    async def wait(self, rate: float | None) -> None:
        now = asyncio.get_running_loop().time()
        slot = max(now, self._next)
        self._next = slot + (1.0 / rate if rate else 0.0)
        if slot > now:
            await asyncio.sleep(slot - now)


def default_key(call: CreateCall) -> str:
    """
    A request's key in the ledger: its ``tag``, else its ``to``.
    """
    return call.tag if call.tag is not None else call.to


def _replay(call: CreateCall, entry: LedgerEntry) -> DialResult:
    if entry.status == "created" and entry.response is not None:
        from ._converter import structure  # noqa: PLC0415 - only on a re-run

        response = structure(loads(entry.response), CreateCallResponse)
        return DialResult(call, response, recorded=True)
    if entry.status == "created":  # resolved by reconcile: the id, not the response
        return DialResult(call, recorded=True, reconciled_call_id=entry.call_id)
    message = entry.error or entry.status
    if entry.status in {"unknown", "sending"}:
        return DialResult(call, error=OutcomeUnknownError(message), recorded=True)
    return DialResult(call, error=BandwidthError(message), recorded=True)


@attrs.define
class _Run:
    """
    One `dial_many` run: the controller, the pacing, the ledger and what was accepted.
    """

    create: Callable[[CreateCall], Awaitable[CreateCallResponse]]
    aimd: Aimd
    ledger: Ledger | None
    pace: _Pace = attrs.field(factory=_Pace)
    accepted: collections.deque[float] = attrs.field(factory=collections.deque)
    stopping: bool = False

    def _accepted_rate(self) -> float:
        """
        Calls the API accepted in the last second: its limit, when it just refused one.
        """
        now = time.monotonic()
        while self.accepted and self.accepted[0] < now - 1.0:
            self.accepted.popleft()
        return float(len(self.accepted))

    async def dial(self, key: str, call: CreateCall) -> DialResult | None:  # noqa: C901, PLR0912
        """
        Send *call* until it is created, fails or is unknown; None if stopped before sending.
        """
        refusals = connect_failures = 0
        while True:
            epoch = self.aimd.epoch
            await self.pace.wait(self.aimd.rate)
            if self.stopping and refusals + connect_failures == 0:
                return None
            if self.ledger is not None:
                self.ledger.sending(key, call.to, call.from_, call.tag)
            try:
                response = await self.create(call)
            except RateLimitError as exc:
                refusals += 1
                if self.ledger is not None:
                    self.ledger.forget(key)  # refused: nothing happened
                if self.stopping:
                    return DialResult(call, error=exc, refusals=refusals)
                wait = 1.0 if exc.retry_after is None else exc.retry_after
                if wait <= 0:  # "retry now": a momentary refusal, not the account's limit
                    continue
                probing = self.aimd.probing
                if self.aimd.refused(epoch, self._accepted_rate(), time.monotonic()) and probing:
                    # The first burst used up the account's second: everyone waits it out.
                    self.pace.hold(wait)
                await asyncio.sleep(wait)
                continue
            except OutcomeUnknownError as exc:
                self._finish(key, "unknown", error=exc)
                return DialResult(call, error=exc, refusals=refusals)
            except TransportError as exc:  # the connection could not be opened: never sent
                connect_failures += 1
                if self.ledger is not None:
                    self.ledger.forget(key)
                if connect_failures < CONNECT_ATTEMPTS and not self.stopping:
                    await asyncio.sleep(0.1 * 2**connect_failures)
                    continue
                return DialResult(call, error=exc, refusals=refusals)
            except BandwidthError as exc:
                self._passed()  # answered, so the rate limit let it through
                self._finish(key, "failed", error=exc)
                return DialResult(call, error=exc, refusals=refusals)
            self._passed()
            if self.ledger is not None:
                body = dumps(unstructure(response)).decode()
                self.ledger.finish(key, "created", call_id=response.call_id, response=body)
            return DialResult(call, response, refusals=refusals)

    def _passed(self) -> None:
        self.accepted.append(time.monotonic())
        self.aimd.succeeded()

    def _finish(self, key: str, status: Literal["failed", "unknown"], error: Exception) -> None:
        if self.ledger is not None:
            self.ledger.finish(key, status, error=f"{type(error).__name__}: {error}")


async def dial_many(  # noqa: C901, PLR0912, PLR0915 - one loop: fill, wait, yield, clean up
    create: Callable[[CreateCall], Awaitable[CreateCallResponse]],
    requests: Iterable[CreateCall] | AsyncIterable[CreateCall],
    *,
    concurrency: int,
    rate: float | None,
    ledger: Ledger | str | os.PathLike[str] | None,
    key: Callable[[CreateCall], str],
    telemetry: Telemetry = NO_TELEMETRY,
) -> AsyncGenerator[DialResult, None]:
    """
    Dial every call of *requests* through *create*; see `Calls.create_many`.

    Each call dialled in this run is counted by outcome in *telemetry*.
    """
    aimd = Aimd(concurrency, rate)
    if isinstance(ledger, str | os.PathLike):
        from ._ledger import Ledger  # noqa: PLC0415 - sqlite3 and filelock only when used

        book: Ledger | None = Ledger(ledger)
    else:
        book = ledger
    run = _Run(create, aimd, book)
    source = _aiter(requests)
    in_flight: dict[asyncio.Task[DialResult | None], str] = {}
    pending: set[str] = set()  # keys in flight, not all in the ledger yet
    # Each task reports itself here when done: one wake-up per finished call, where
    # asyncio.wait would re-register a callback on every pending task each time.
    finished: asyncio.Queue[asyncio.Task[DialResult | None]] = asyncio.Queue()
    replays: list[DialResult] = []
    failure: BaseException | None = None
    exhausted = False
    try:
        while True:
            while not exhausted and len(in_flight) < aimd.allowed and not replays:
                try:
                    call = await anext(source)
                except StopAsyncIteration:
                    exhausted = True
                    break
                except Exception as exc:  # noqa: BLE001 - raised after the in-flight calls end
                    failure, exhausted = exc, True
                    break
                name = key(call)
                entry = None if book is None else book.get(name)
                if book is not None and (
                    name in pending or (entry is not None and entry.run == book.run)
                ):
                    failure = ValueError(f"the key {name!r} appears twice in the input")
                    exhausted = True
                    break
                if entry is not None:
                    replays.append(_replay(call, entry))
                    continue
                task = asyncio.create_task(run.dial(name, call))
                task.add_done_callback(finished.put_nowait)
                in_flight[task] = name
                if book is not None:
                    pending.add(name)
            while replays:
                yield replays.pop(0)
            if not in_flight:
                if exhausted:
                    break
                continue
            done = await finished.get()
            pending.discard(in_flight.pop(done))
            result = done.result()
            if result is not None:
                telemetry.dial_outcome(result.status)
                yield result
    finally:
        # The consumer stopped, the input raised, or the task was cancelled: calls already
        # sent are awaited (each with its timeout), never abandoned, and recorded in the ledger.
        run.stopping = True
        if in_flight:
            await asyncio.wait(in_flight)
        if book is not None and book is not ledger:
            book.close()
    if failure is not None:
        raise failure


async def _aiter(
    items: Iterable[CreateCall] | AsyncIterable[CreateCall],
) -> AsyncIterator[CreateCall]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
