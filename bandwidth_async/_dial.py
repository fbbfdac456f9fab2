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

__all__ = ["Aimd", "DialMemory", "DialResult", "default_key", "dial_many"]

#: Calls in flight at the start; each success adds SLOW_START_STEP calls until the first 429
#: (slow start: the window grows by that share each round trip, so the first burst of 429s,
#: every call then in flight, stays small).
START_WINDOW = 12
SLOW_START_STEP = 0.05
#: Sending well above what the API accepted in the last second (as at the first 429), a 429
#: sets the rate to this share of that count: a guess, since that second may hold the end of
#: the limiter's previous calendar second, or a token bucket's saved-up burst.
RATE_DECREASE = 0.96
#: ... and the concurrency to this share of what it was.
WINDOW_DECREASE = 0.9
#: ... and new sends wait until this share of that count of calls accepted are a second old:
#: when the limiter's second that refused began, if that count was at most 1/HOLD_SHARE times
#: the limit (a measured limit waits for all of it).
HOLD_SHARE = 0.65
#: Sending within this share of what the API accepted in the last second, a 429 starts a
#: measurement at that rate instead.
MEASURE_OVER = 1.05
#: A measurement ends at the first 429 at least this long (seconds) after the one that began
#: it: calls accepted between two 429s, a second or more apart while sending above the limit
#: all along, per second between them, are the limit, for calendar seconds and token buckets.
MEASURE = 1.0
#: A measurement that sees no 429 for this long (seconds) ends: the rate was under the limit.
MEASURE_LONGEST = 2.0
#: After a measurement the rate becomes this share of the limit measured.
TARGET = 0.98
#: Then the rate grows again (additive increase), per second of successes, by this share of the
#: limit: quickly while well below it, slowly near it ...
RATE_INCREASE_FAR = 0.05
RATE_INCREASE_NEAR = 0.002
#: ("near" is within this share of the limit) ...
NEAR = 0.9
#: ... and, while the limit is only a guess, by this share, to reach a measurement soon.
RATE_INCREASE_GUESS = 0.03
#: Calls waiting out a 429 leave room for others, up to this many times *concurrency* calls
#: in all, so an API that refuses everything does not gather the whole campaign in memory.
WAITING_MOST = 2
#: A call that could not even connect is tried this many times (it was never sent).
CONNECT_ATTEMPTS = 3
#: What a client's dialer learned is kept this long (seconds) after a run ends, for its next run
#: to start from; later than that, the account may be busier or idler than it was.
REMEMBER = 600.0


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

    Before the first 429 the window grows slowly with each success (slow start) and nothing is
    paced unless *cap* is set. A 429 while sending well above what the API accepted in the last
    second (the first one, or after a guess too high) sets the rate just under that count: a
    guess, as a calendar-second limiter or a token bucket can make that count up to twice the
    limit. A 429 while sending near that count starts a measurement instead, which no calendar
    boundary can fool: the calls accepted from it to the first 429 a second or more later, per
    second, are the limit; the rate becomes just under it. Each success then adds a little
    rate, so a campaign settles just under the account's limit with few 429s. Refusals of
    requests sent before a decision (an older *epoch*) change nothing more. *cap* (``rate=``)
    is never exceeded.
    """

    ceiling: int
    cap: float | None = None
    window: float = 0.0
    rate: float | None = None
    epoch: int = 0
    probing: bool = True
    #: The account's limit in calls per second: measured, or else guessed at the first 429.
    limit: float = 0.0
    #: No other decrease before this time (seconds, the caller's clock): one per second at most.
    calm_until: float = -math.inf
    #: While measuring: when the measurement began, and the calls accepted since.
    measure_from: float | None = None
    measured: int = 0
    #: Whether *limit* was measured (else it is the first guess).
    known: bool = False
    #: How many calls may be in flight now: the window, whole, within 1 and *ceiling*. Kept
    #: with the window, as the dialer reads it for every call it starts.
    allowed: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        if self.ceiling < 1:
            raise ValueError(f"concurrency must be >= 1, not {self.ceiling}")
        if self.cap is not None and self.cap <= 0:
            raise ValueError(f"rate must be > 0, not {self.cap}")
        self._resize(self.window or float(min(self.ceiling, START_WINDOW)))
        if self.rate is None:
            self.rate = self.cap

    def _resize(self, window: float) -> None:
        self.window = window
        self.allowed = max(1, min(self.ceiling, int(window)))

    def succeeded(self, now: float) -> None:
        """
        A call was created at *now* (seconds): widen the window, and raise the rate a little.
        """
        if self.measure_from is not None:
            if now - self.measure_from < MEASURE_LONGEST:
                self.measured += 1
                return
            self.measure_from = None  # no 429 for that long: the rate is under the limit
        if self.probing:  # slow start, until the first 429
            if self.allowed < self.ceiling:
                self._resize(min(float(self.ceiling), self.window + SLOW_START_STEP))
            return
        self._resize(min(float(self.ceiling), self.window + 1.0 / self.window))
        if self.rate is not None:
            if not self.known:
                share = RATE_INCREASE_GUESS
            elif self.rate < NEAR * self.limit:
                share = RATE_INCREASE_FAR
            else:
                share = RATE_INCREASE_NEAR
            self._set_rate(self.rate + share * self.limit / self.rate)  # ~1 success in 1/rate s

    def refused(self, epoch: int, accepted: float, now: float) -> bool:
        """
        A request sent in *epoch* got a 429 at *now*; returns whether to hold new sends.

        *accepted* is the calls the API accepted in the last second. Sending well above that,
        the rate drops just under it; sending near it, a measurement starts, and the first
        refusal a second or more later ends it. Other refusals change nothing: those while
        measuring, of a request sent before the last decision (an older *epoch*) or within a
        second of it.
        """
        if self.measure_from is not None:
            if now - self.measure_from < MEASURE:
                return False
            # Saturated from one refusal to another: what was accepted between is the limit.
            self.limit = max(1.0, self.measured / (now - self.measure_from))
            self.known = True
            self.measure_from = None
            self._decided(now, TARGET * self.limit)
            return True
        if epoch != self.epoch or now < self.calm_until:
            return False
        self.probing = False
        current = self.rate if self.rate is not None else math.inf
        base = accepted if accepted > 0 else min(current, float(self.allowed))
        if current <= MEASURE_OVER * base:
            self.epoch += 1
            self.measure_from, self.measured = now, 0
            return False
        if not self.known:
            self.limit = base
        self._decided(now, max(1.0, RATE_DECREASE * base))
        return True

    def _decided(self, now: float, rate: float) -> None:
        self.epoch += 1
        self.calm_until = now + 1.0
        self._set_rate(rate)
        self._resize(max(1.0, self.window * WINDOW_DECREASE))

    def resumed(self, ceiling: int, cap: float | None) -> Aimd:
        """
        A controller for another run that starts from what this one learned.

        That is its window and, once it met a 429, the account's limit: the new run is paced
        just under it at once, where a fresh one would meet 429s to learn it again.
        """
        following = Aimd(
            ceiling,
            cap,
            window=min(self.window, float(ceiling)),
            probing=self.probing,
            limit=self.limit,
            known=self.known,
        )
        if not self.probing and self.limit > 0:
            following._set_rate((TARGET if self.known else RATE_DECREASE) * self.limit)
        return following

    @property
    def held_calls(self) -> int:
        """
        After a decision: wait until this many of the latest calls accepted are a second old.
        """
        return int(self.limit if self.known else HOLD_SHARE * self.limit)

    def _set_rate(self, rate: float) -> None:
        self.rate = rate if self.cap is None else min(rate, self.cap)


@attrs.define
class DialMemory:
    """
    What one client's dialer learned in its last run, for its next run to start from.

    A campaign dialled in batches, one `Calls.create_many` each, then goes through slow start
    and pays the 429s of measuring the account's limit once, not once a batch: as TCP lets a
    connection start from what an earlier one learned of the same path (RFC 9040).
    """

    last: Aimd | None = None
    ended: float = -math.inf

    def start(self, ceiling: int, cap: float | None, now: float) -> Aimd:
        """
        The controller for a run starting at *now* (seconds).

        It resumes the last run's, unless none is remembered or that run ended over
        `REMEMBER` seconds ago.
        """
        if self.last is None or now - self.ended > REMEMBER:
            return Aimd(ceiling, cap)
        return self.last.resumed(ceiling, cap)

    def keep(self, aimd: Aimd, now: float) -> None:
        """
        Remember *aimd*, of a run that ended at *now*.
        """
        self.last, self.ended = aimd, now


class _Pace:
    """
    Spaces sends at the controller's rate as it is when each is due, and can hold them all.

    The rate is read when a send is due, not when it queued, so a decrease applies at once.
    """

    def __init__(self, aimd: Aimd, loop: asyncio.AbstractEventLoop) -> None:
        self._aimd = aimd
        self._loop = loop  # asked once: on Python 3.11 each get_running_loop() is a getpid()
        self._last = -math.inf
        self._until = -math.inf
        self._turn = asyncio.Lock()  # one waiter at a time, first come first served

    def hold(self, seconds: float) -> None:
        self._until = max(self._until, self._loop.time() + seconds)

    def free(self) -> bool:
        """
        Whether a send may go now, with no `wait`: not paced, nothing held, nobody queued.
        """
        return (
            self._aimd.rate is None and not self._turn.locked() and self._until <= self._loop.time()
        )

    async def wait(self) -> None:
        loop = self._loop
        async with self._turn:
            while True:
                rate = self._aimd.rate
                gap = 1.0 / rate if rate else 0.0
                slot = max(self._until, self._last + gap)
                now = loop.time()
                if slot <= now:
                    self._last = max(slot, now - gap)  # keep the cadence despite late wake-ups
                    return
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
    pace: _Pace = attrs.field(init=False)
    loop: asyncio.AbstractEventLoop = attrs.field(init=False)
    accepted: collections.deque[float] = attrs.field(factory=collections.deque)
    stopping: bool = False
    #: Calls waiting out a 429's Retry-After: not in flight, so they leave room for others.
    waiting: int = 0
    #: Called when a call starts waiting, so that another can start.
    room: Callable[[], None] = lambda: None
    #: At most *concurrency* requests at once, even as calls come back from waiting.
    slots: asyncio.Semaphore = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.pace = _Pace(self.aimd, self.loop)
        self.slots = asyncio.Semaphore(self.aimd.ceiling)

    def _accepted_rate(self, now: float) -> float:
        """
        Calls the API accepted in the last second (until *now*).
        """
        while self.accepted and self.accepted[0] < now - 1.0:
            self.accepted.popleft()
        return float(len(self.accepted))

    async def dial(self, key: str, call: CreateCall) -> DialResult | None:  # noqa: C901, PLR0912, PLR0915
        """
        Send *call* until it is created, fails or is unknown; None if stopped before sending.
        """
        refusals = connect_failures = 0
        while True:
            epoch = self.aimd.epoch
            if not self.pace.free():  # the common case makes no coroutine
                await self.pace.wait()
            if self.stopping and refusals + connect_failures == 0:
                return None
            if self.ledger is not None:
                self.ledger.sending(key, call.to, call.from_, call.tag)
            try:
                await self.slots.acquire()  # `async with` costs two more coroutines a call
                try:
                    response = await self.create(call)
                finally:
                    self.slots.release()
            except RateLimitError as exc:
                refusals += 1
                if self.ledger is not None:
                    self.ledger.forget(key)  # refused: nothing happened
                if self.stopping:
                    return DialResult(call, error=exc, refusals=refusals)
                wait = 1.0 if exc.retry_after is None else exc.retry_after
                if wait <= 0:  # "retry now": a momentary refusal, not the account's limit
                    continue
                now = self.loop.time()
                if self.aimd.refused(epoch, self._accepted_rate(now), now):
                    # The limiter's second is used up: everyone waits until the oldest of the
                    # last *limit* calls accepted is that second old (at most Retry-After).
                    k = min(len(self.accepted), self.aimd.held_calls)
                    began = self.accepted[-k] if k > 0 else now
                    self.pace.hold(max(0.0, min(wait, began + wait - now)))
                self.waiting += 1
                self.room()
                try:
                    await asyncio.sleep(wait)
                finally:
                    self.waiting -= 1
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
        now = self.loop.time()
        self.accepted.append(now)
        self._accepted_rate(now)  # drops what is more than a second old
        self.aimd.succeeded(now)

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
    memory: DialMemory | None = None,
) -> AsyncGenerator[DialResult, None]:
    """
    Dial every call of *requests* through *create*; see `Calls.create_many`.

    Each call dialled in this run is counted by outcome in *telemetry*. The run starts from
    what *memory* holds of the last one, and leaves there what it learned.
    """
    if memory is None:
        aimd = Aimd(concurrency, rate)
    else:
        aimd = memory.start(concurrency, rate, asyncio.get_running_loop().time())
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
    # None there: a call began waiting out a 429, so there is room for another.
    finished: asyncio.Queue[asyncio.Task[DialResult | None] | None] = asyncio.Queue()
    run.room = lambda: finished.put_nowait(None)
    replays: list[DialResult] = []
    failure: BaseException | None = None
    exhausted = False
    try:
        while True:
            while (
                not exhausted
                and len(in_flight) - run.waiting < aimd.allowed
                and len(in_flight) < WAITING_MOST * aimd.ceiling  # an API refusing all: bounded
                and not replays
            ):
                try:
                    call = await anext(source)
                except StopAsyncIteration:
                    exhausted = True
                    break
                except Exception as exc:  # noqa: BLE001 - raised after the in-flight calls end
                    failure, exhausted = exc, True
                    break
                name = ""  # a call's key matters to the ledger only
                if book is not None:
                    name = key(call)
                    entry = book.get(name)
                    if name in pending or (entry is not None and entry.run == book.run):
                        failure = ValueError(f"the key {name!r} appears twice in the input")
                        exhausted = True
                        break
                    if entry is not None:
                        replays.append(_replay(call, entry))
                        continue
                    pending.add(name)
                task = asyncio.create_task(run.dial(name, call))
                task.add_done_callback(finished.put_nowait)
                in_flight[task] = name
            while replays:
                yield replays.pop(0)
            if not in_flight:
                if exhausted:
                    break
                continue
            done = await finished.get()
            if done is None:
                continue
            pending.discard(in_flight.pop(done))
            result = done.result()
            if result is not None:
                if telemetry is not NO_TELEMETRY:
                    telemetry.dial_outcome(result.status)
                yield result
    finally:
        # The consumer stopped, the input raised, or the task was cancelled: calls already
        # sent are awaited (each with its timeout), never abandoned, and recorded in the ledger.
        run.stopping = True
        if in_flight:
            await asyncio.wait(in_flight)
        if memory is not None:
            memory.keep(aimd, run.loop.time())
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
