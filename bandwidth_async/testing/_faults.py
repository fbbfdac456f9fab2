"""
Fault injection rules for the emulator: 429s, 5xx, connection resets, truncated bodies, latency.

This module only decides which fault a request gets; ``_middleware.py`` carries it out.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator

__all__ = ["Fault", "FaultKind", "Faults"]

FaultKind = Literal["rate_limit", "server_error", "reset", "truncate", "latency"]


@attrs.define(kw_only=True, eq=False)
class Fault:
    """
    One injected fault: what it does, which requests it applies to and how often.

    Attributes:
        hits: How many requests this fault has been applied to so far.
    """

    kind: FaultKind
    methods: frozenset[str] | None = None
    path: re.Pattern[str] | None = None
    every: int | None = None
    times: int | None = None
    status: int = 503
    retry_after: int | float | dt.datetime | None = None
    after_processing: bool = False
    seconds: float = 0.0
    seen: int = 0
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        """
        Whether a request to *method* *path* is in this fault's scope.
        """
        if self.methods is not None and method.upper() not in self.methods:
            return False
        return self.path is None or self.path.search(path) is not None

    def fires(self, method: str, path: str) -> bool:
        """
        Count a request in scope and say whether the fault applies to it this time.
        """
        if not self.matches(method, path):
            return False
        if self.times is not None and self.hits >= self.times:
            return False
        self.seen += 1
        if self.every is not None and self.seen % self.every != 0:
            return False
        self.hits += 1
        return True

    @property
    def exhausted(self) -> bool:
        """
        Whether a ``times=`` fault has already fired as often as it may.
        """
        return self.times is not None and self.hits >= self.times


class Faults:
    """
    The emulator's fault rules, checked in the order they were added.

    Each method adds one rule and returns it. A rule applies to requests whose method is in
    *methods* (all methods when None) and whose path matches the regex *path* (searched, so
    ``"/calls"`` matches every calls URL). ``every=N`` applies it to every Nth request in scope,
    ``times=K`` to the next K; with neither it applies to every request in scope until cleared.
    """

    def __init__(self) -> None:
        self._rules: list[Fault] = []

    def __iter__(self) -> Iterator[Fault]:
        return iter(list(self._rules))

    def __len__(self) -> int:
        return len(self._rules)

    def _add(
        self,
        kind: FaultKind,
        *,
        methods: Iterable[str] | str | None,
        path: str | None,
        every: int | None,
        times: int | None,
        **extra: object,
    ) -> Fault:
        if every is not None and every < 1:
            raise ValueError("every must be at least 1")
        if times is not None and times < 0:
            raise ValueError("times must not be negative")
        if isinstance(methods, str):
            methods = [methods]
        fault = Fault(
            kind=kind,
            methods=None if methods is None else frozenset(m.upper() for m in methods),
            path=None if path is None else re.compile(path),
            every=every,
            times=times,
            **extra,  # type: ignore[arg-type]
        )
        self._rules.append(fault)
        return fault

    def rate_limit(
        self,
        retry_after: float | dt.datetime | None = 1,
        *,
        every: int | None = None,
        times: int | None = None,
        methods: Iterable[str] | str | None = None,
        path: str | None = None,
    ) -> Fault:
        """
        Answer 429 and the API family's error body, without processing the request.

        ``Retry-After`` is *retry_after* in seconds, an HTTP-date for a datetime, or left out
        for None.
        """
        return self._add(
            "rate_limit",
            methods=methods,
            path=path,
            every=every,
            times=times,
            status=429,
            retry_after=retry_after,
        )

    def server_error(
        self,
        status: int = 503,
        *,
        every: int | None = None,
        times: int | None = None,
        methods: Iterable[str] | str | None = None,
        path: str | None = None,
    ) -> Fault:
        """
        Answer *status* (a 5xx) with the API family's error body, without processing the request.
        """
        return self._add(
            "server_error", methods=methods, path=path, every=every, times=times, status=status
        )

    def reset(
        self,
        *,
        after_processing: bool = False,
        every: int | None = None,
        times: int | None = None,
        methods: Iterable[str] | str | None = None,
        path: str | None = None,
    ) -> Fault:
        """
        Send the status line, headers and part of the body, then abort the connection.

        With *after_processing* the request takes effect first (a call is created, a message
        sent), which is the "outcome unknown" case a client must handle without retrying blindly.
        """
        return self._add(
            "reset",
            methods=methods,
            path=path,
            every=every,
            times=times,
            after_processing=after_processing,
        )

    def truncate(
        self,
        *,
        every: int | None = None,
        times: int | None = None,
        methods: Iterable[str] | str | None = None,
        path: str | None = None,
    ) -> Fault:
        """
        Process the request, then send part of its body under the full ``Content-Length``.

        The connection is closed (not reset) after the part that was sent.
        """
        return self._add("truncate", methods=methods, path=path, every=every, times=times)

    def latency(
        self,
        seconds: float,
        *,
        every: int | None = None,
        times: int | None = None,
        methods: Iterable[str] | str | None = None,
        path: str | None = None,
    ) -> Fault:
        """
        Wait *seconds* before answering; other faults still apply after the wait.
        """
        return self._add(
            "latency", methods=methods, path=path, every=every, times=times, seconds=seconds
        )

    def remove(self, fault: Fault) -> None:
        """
        Remove one rule; removing a rule that is not there is harmless.
        """
        with contextlib.suppress(ValueError):
            self._rules.remove(fault)

    def clear(self) -> None:
        """
        Remove every rule.
        """
        self._rules.clear()

    @contextlib.contextmanager
    def scoped(self) -> Iterator[Faults]:
        """
        Remove, on exit, the rules added inside the ``with`` block; earlier rules stay.
        """
        before = {id(rule) for rule in self._rules}
        try:
            yield self
        finally:
            self._rules[:] = [rule for rule in self._rules if id(rule) in before]

    def select(self, method: str, path: str) -> tuple[float, Fault | None]:
        """
        Decide what happens to one request: the total latency to add and the fault to apply.
        """
        delay = 0.0
        for rule in list(self._rules):
            if not rule.fires(method, path):
                continue
            if rule.kind == "latency":
                delay += rule.seconds
                continue
            return delay, rule
        return delay, None
