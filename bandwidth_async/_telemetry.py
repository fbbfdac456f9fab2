"""
What the session loop tells an observer, and the observer that does nothing.

The loop calls a `Telemetry` chosen once per client: `NO_TELEMETRY` when the ``otel`` extra
is not installed, else the OpenTelemetry one in `_otel` (imported by `choose`, never by
``import bandwidth_async``). With `NO_TELEMETRY` the session loop makes no call at all (it
checks for it once a request); the no-op operation serves other callers of the protocol.
This module imports nothing from OpenTelemetry and does no I/O; `url_template` and
`status_class` are the pure rules that keep span and metric attributes free of phone numbers
and low in cardinality.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, MutableMapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from ._wire import camel

if TYPE_CHECKING:
    from ._client import BandwidthClient
    from ._request import Request
    from ._retry import Decision

__all__ = [
    "NO_TELEMETRY",
    "Operation",
    "TaskSpan",
    "Telemetry",
    "choose",
    "id_attributes",
    "status_class",
    "telemetry_of",
    "url_template",
]

_PARAM = re.compile(r"\{([A-Za-z0-9_]+)\}")

#: Path parameters that are opaque ids and may go on a span. Everything else (a toll-free
#: number in ``{phone_number}``, a user-chosen media name) stays off.
ID_PARAMS = frozenset(
    {
        "call_id",
        "conference_id",
        "member_id",
        "recording_id",
        "transcription_id",
        "endpoint_id",
        "request_id",
    }
)


@functools.cache
def url_template(path: str) -> str:
    """
    The spec's path template for our *path* template: ``{account_id}`` becomes ``{accountId}``.

    Built from the template, never from the filled path or the query, so it holds no id.
    """
    return _PARAM.sub(lambda m: "{" + camel(m[1]) + "}", path)


def id_attributes(request: Request) -> dict[str, str]:
    """
    The ids of *request*'s path that may be recorded, as ``bandwidth.call_id`` and the like.
    """
    return {f"bandwidth.{k}": v for k, v in request.path_params.items() if k in ID_PARAMS}


def status_class(status: int | None) -> str:
    """
    ``"2xx"`` ... ``"5xx"`` for an HTTP status, ``"none"`` when the attempt got no status.
    """
    if status is None:
        return "none"
    return f"{status // 100}xx"


class Operation(Protocol):
    """
    One SDK operation as the loop reports it: attempts, waits, results and decisions.
    """

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def attempt(self, number: int) -> None:
        """
        Attempt *number* (1 for the first) begins.
        """

    def token_waited(self, seconds: float) -> None:
        """
        This attempt waited *seconds* for its ``Authorization`` header (a token fetch).
        """

    def sent(self, waited: float, status: int | None) -> None:
        """
        This attempt waited *waited* seconds at the coordinator, then got *status* (or none).
        """

    def decided(self, decision: Decision) -> None:
        """
        This attempt failed, and the loop will act on *decision* (retry or raise).
        """


class TaskSpan(Protocol):
    """
    The span of one queued task run by a worker, ended by `end`.
    """

    def end(self, error: BaseException | None) -> None:
        """
        The task finished, failing with *error* or not.
        """


class Telemetry(Protocol):
    """
    Where the loop, the exporter and the dialer report; chosen once per client.
    """

    def operation(self, request: Request) -> Operation:
        """
        An `Operation` to report *request* to, used as a context manager around its attempts.
        """

    def export_progress(
        self, kind: str, *, records: int = 0, pages: int = 0, windows: int = 0
    ) -> None:
        """
        An export of *kind* wrote *records* more records, fetched *pages* pages, finished *windows*.
        """

    def dial_outcome(self, status: str) -> None:
        """
        One dial ended as *status* (``created``, ``failed`` or ``unknown``).
        """

    def inject(self, carrier: MutableMapping[str, Any]) -> None:
        """
        Write the current trace context into *carrier* (a queued task's labels).
        """

    def start_task(self, name: str, carrier: Mapping[str, Any], task_id: str) -> TaskSpan:
        """
        Start the span of task *name* run by a worker, linked to the context in *carrier*.

        The span is the current one until `TaskSpan.end`, so the task's operations nest under it.
        """


class _NoOperation:
    """
    The operation that records nothing: every method returns at once.
    """

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def attempt(self, number: int) -> None:
        pass

    def token_waited(self, seconds: float) -> None:
        pass

    def sent(self, waited: float, status: int | None) -> None:
        pass

    def decided(self, decision: Decision) -> None:
        pass


_NO_OPERATION = _NoOperation()


class _NoTaskSpan:
    def end(self, error: BaseException | None) -> None:
        pass


_NO_TASK_SPAN = _NoTaskSpan()


class _NoTelemetry:
    """
    The telemetry of a client without the ``otel`` extra: one shared no-op operation.
    """

    def operation(self, request: Request) -> Operation:  # noqa: ARG002 - nothing to record
        return _NO_OPERATION

    def export_progress(
        self, kind: str, *, records: int = 0, pages: int = 0, windows: int = 0
    ) -> None:
        pass

    def dial_outcome(self, status: str) -> None:
        pass

    def inject(self, carrier: MutableMapping[str, Any]) -> None:
        pass

    def start_task(self, name: str, carrier: Mapping[str, Any], task_id: str) -> TaskSpan:  # noqa: ARG002
        return _NO_TASK_SPAN

    def __repr__(self) -> str:
        return "NO_TELEMETRY"


#: The observer of every client when OpenTelemetry is not installed.
NO_TELEMETRY: Telemetry = _NoTelemetry()


@functools.cache
def _otel_module() -> Any:
    """
    `_otel`, or ``None`` when ``opentelemetry-api`` cannot be imported (the extra is absent).
    """
    try:
        from . import _otel  # noqa: PLC0415 - only when a client is built, never on import
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("opentelemetry"):
            raise
        return None
    return _otel


def choose(tracer_provider: Any = None, meter_provider: Any = None) -> Telemetry:
    """
    The client's telemetry: OpenTelemetry when installed, else `NO_TELEMETRY`.

    Without providers, the global ones are used (and may be set after the client is built).
    """
    otel = _otel_module()
    if otel is None:
        return NO_TELEMETRY
    telemetry: Telemetry = otel.OtelTelemetry(tracer_provider, meter_provider)
    return telemetry


def telemetry_of(client: BandwidthClient) -> Telemetry:
    """
    The telemetry *client* reports to, for the exporter and the dialer.
    """
    return client._session.state.telemetry  # noqa: SLF001 - one package, one owner
