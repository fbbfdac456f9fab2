"""
The OpenTelemetry side of `_telemetry`: a client span per operation, a child per attempt, metrics.

Imported only when a client is built with ``opentelemetry-api`` installed (the ``otel`` extra).
What goes on a span or a metric is chosen here and nowhere else: the spec's path template, the
method, statuses, counts, seconds, error class names, and the opaque ids of `ID_PARAMS`. Never
the filled path, the query, a body, a header, or an error's message (it may quote a phone
number), so no exception is recorded on a span either.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, MutableMapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from opentelemetry import context, metrics, propagate, trace
from opentelemetry.trace import Link, SpanKind, Status, StatusCode

from ._telemetry import NO_TELEMETRY, Operation, id_attributes, status_class, url_template
from ._version import __version__

if TYPE_CHECKING:
    from contextvars import Token

    from opentelemetry.context import Context

    from ._request import Request
    from ._retry import Decision

__all__ = ["SCOPE", "OtelTelemetry"]

#: The instrumentation scope of every span and instrument.
SCOPE = "bandwidth_async"

_ERROR = Status(StatusCode.ERROR)


class OtelTelemetry:
    """
    Spans from *tracer_provider* and instruments from *meter_provider* (``None``: the global ones).
    """

    def __init__(self, tracer_provider: Any = None, meter_provider: Any = None) -> None:
        self.uses_globals = tracer_provider is None and meter_provider is None
        self.tracer = trace.get_tracer(SCOPE, __version__, tracer_provider)
        meter = metrics.get_meter(SCOPE, __version__, meter_provider)
        self.requests = meter.create_counter(
            "bandwidth.client.requests",
            unit="{request}",
            description="HTTP requests sent (every attempt), by operation and status class",
        )
        self.retries = meter.create_counter(
            "bandwidth.client.retries",
            unit="{retry}",
            description="Requests sent again, by operation and RetryReason",
        )
        self.rate_limited = meter.create_counter(
            "bandwidth.client.rate_limited",
            unit="{response}",
            description="429 responses, by operation and API host",
        )
        self.gate_closed = meter.create_counter(
            "bandwidth.client.gate.closed",
            unit="s",
            description="Seconds a 429 closed an API host's gate for (its Retry-After)",
        )
        self.gate_wait = meter.create_counter(
            "bandwidth.client.gate.wait",
            unit="s",
            description="Seconds requests waited at the 429 gate and the rate limit",
        )
        self.duration = meter.create_histogram(
            "bandwidth.client.operation.duration",
            unit="s",
            description="Seconds an operation took, retries and waits included",
        )
        self.export_records = meter.create_counter(
            "bandwidth.export.records", unit="{record}", description="Records an export wrote"
        )
        self.export_pages = meter.create_counter(
            "bandwidth.export.pages", unit="{page}", description="Pages an export fetched"
        )
        self.export_windows = meter.create_counter(
            "bandwidth.export.windows",
            unit="{window}",
            description="Time windows an export finished",
        )
        self.dial_outcomes = meter.create_counter(
            "bandwidth.dial.outcomes",
            unit="{call}",
            description="Dials by outcome: created, failed or unknown",
        )

    def operation(self, request: Request) -> Operation:
        """
        The span and metrics of one operation; nothing while no SDK stands behind the API.
        """
        if self.uses_globals and not _sdk_installed():
            # opentelemetry-api alone records nothing: skip the no-op spans on the hot path.
            return NO_TELEMETRY.operation(request)
        return OtelOperation(self, request)

    def export_progress(
        self, kind: str, *, records: int = 0, pages: int = 0, windows: int = 0
    ) -> None:
        """
        Count an export's records, pages and windows, by kind (``calls``, ``messages``...).
        """
        attributes = {"bandwidth.export.kind": kind}
        if records:
            self.export_records.add(records, attributes)
        if pages:
            self.export_pages.add(pages, attributes)
        if windows:
            self.export_windows.add(windows, attributes)

    def dial_outcome(self, status: str) -> None:
        """
        Count one dial by its outcome.
        """
        self.dial_outcomes.add(1, {"bandwidth.dial.status": status})

    def inject(self, carrier: MutableMapping[str, Any]) -> None:
        """
        Write the current context into *carrier* with the global propagator (W3C by default).
        """
        propagate.inject(carrier)

    def start_task(self, name: str, carrier: Mapping[str, Any], task_id: str) -> OtelTaskSpan:
        """
        A consumer span for task *name*, a new trace linked to the span that enqueued it.

        A link, not a parent: one enqueuing span may fan out to a million tasks.
        """
        enqueued = trace.get_current_span(propagate.extract(carrier)).get_span_context()
        span = self.tracer.start_span(
            f"bandwidth task {name}",
            context=context.Context(),
            kind=SpanKind.CONSUMER,
            links=[Link(enqueued)] if enqueued.is_valid else None,
            attributes={
                "messaging.system": "taskiq",
                "messaging.operation.type": "process",
                "messaging.message.id": task_id,
            },
        )
        return OtelTaskSpan(span)


class OtelTaskSpan:
    """
    A worker's task span, current from its start until `end`.
    """

    def __init__(self, span: trace.Span) -> None:
        self._span = span
        self._token = context.attach(trace.set_span_in_context(span))

    def end(self, error: BaseException | None) -> None:
        """
        End the span, marked as failed with *error*'s class name when there is one.
        """
        if error is not None and self._span.is_recording():
            self._span.set_attribute("error.type", _error_type(error))
            self._span.set_status(_ERROR)
        context.detach(self._token)
        self._span.end()


class OtelOperation:
    """
    One operation's client span, its attempts' child spans, and its metrics.

    The operation span is the current span while the loop runs (so a token request, or
    aiohttp's own instrumentation, nests under it); each attempt's span is current during
    that attempt and ends when the loop has decided about it.
    """

    __slots__ = (
        "_api",
        "_attempt",
        "_attempt_span",
        "_attempt_token",
        "_gate",
        "_metric",
        "_name",
        "_recording",
        "_span",
        "_started",
        "_status",
        "_tel",
        "_token",
        "_token_wait",
    )

    def __init__(self, telemetry: OtelTelemetry, request: Request) -> None:
        self._tel = telemetry
        template = url_template(request.path)
        self._name = request.operation or f"{request.method} {template}"
        self._api = request.host.name.lower()
        self._metric = {"bandwidth.operation": self._name, "http.request.method": request.method}
        self._attempt = 0
        self._attempt_span: trace.Span | None = None
        self._attempt_token: Token[Context] | None = None
        self._gate = 0.0
        self._token_wait = 0.0
        self._status: int | None = None
        self._started = 0.0
        attributes: dict[str, Any] = {
            "url.template": template,
            "http.request.method": request.method,
            "bandwidth.operation": self._name,
            "bandwidth.api": self._api,
            **id_attributes(request),
        }
        self._span = telemetry.tracer.start_span(
            f"bandwidth {self._name}", kind=SpanKind.CLIENT, attributes=attributes
        )
        # Not sampled (or no SDK): the attempts would not be recorded either, so skip them.
        self._recording = self._span.is_recording()
        self._token: Token[Context] | None = None

    def __enter__(self) -> Self:
        self._started = time.monotonic()
        self._token = context.attach(trace.set_span_in_context(self._span))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        error = None if exc is None else _error_type(exc)
        self._end_attempt(error)
        span = self._span
        if self._recording:
            ended: dict[str, Any] = {
                "bandwidth.attempts": self._attempt,
                "bandwidth.gate_wait_seconds": self._gate,
                "bandwidth.token_wait_seconds": self._token_wait,
            }
            if self._status is not None:
                ended["http.response.status_code"] = self._status
            if error is not None:
                ended["error.type"] = error
                span.set_status(_ERROR)
            span.set_attributes(ended)
        outcome = dict(self._metric)
        if error is not None:
            outcome["error.type"] = error
        self._tel.duration.record(time.monotonic() - self._started, outcome)
        if self._token is not None:
            context.detach(self._token)
        span.end()

    def attempt(self, number: int) -> None:
        """
        Start attempt *number*'s span, a child of the operation's.
        """
        self._end_attempt(None)
        self._attempt = number
        if not self._recording:
            return
        attributes: dict[str, Any] = {"bandwidth.attempt": number}
        if number > 1:
            attributes["http.request.resend_count"] = number - 1
        span = self._tel.tracer.start_span(
            f"bandwidth {self._name} attempt", kind=SpanKind.INTERNAL, attributes=attributes
        )
        self._attempt_span = span
        self._attempt_token = context.attach(trace.set_span_in_context(span))

    def token_waited(self, seconds: float) -> None:
        """
        Record the seconds this attempt waited for its credential.
        """
        self._token_wait += seconds
        if self._attempt_span is not None:
            self._attempt_span.set_attribute("bandwidth.token_wait_seconds", seconds)

    def sent(self, waited: float, status: int | None) -> None:
        """
        Record the wait at the coordinator and the status, and count the request.
        """
        self._gate += waited
        self._status = status
        span = self._attempt_span
        if span is not None and span.is_recording():
            span.set_attribute("bandwidth.gate_wait_seconds", waited)
            if status is not None:
                span.set_attribute("http.response.status_code", status)
        tel = self._tel
        tel.requests.add(1, {**self._metric, "bandwidth.status_class": status_class(status)})
        if status == 429:  # noqa: PLR2004
            tel.rate_limited.add(1, {**self._metric, "bandwidth.api": self._api})
        if waited:
            tel.gate_wait.add(waited, {"bandwidth.api": self._api})

    def decided(self, decision: Decision) -> None:
        """
        Record why the attempt failed and whether it is retried; end its span.
        """
        tel = self._tel
        span = self._attempt_span
        retried = decision.delay is not None and decision.reason is not None
        if span is not None and span.is_recording() and retried:
            assert decision.reason is not None  # noqa: S101 - narrowed by retried
            span.set_attribute("bandwidth.retry_reason", decision.reason.name.lower())
            span.set_attribute("bandwidth.retry_delay_seconds", decision.delay or 0.0)
        if retried:
            assert decision.reason is not None  # noqa: S101
            reason = decision.reason.name.lower()
            tel.retries.add(1, {**self._metric, "bandwidth.retry_reason": reason})
        if decision.close_gate:
            tel.gate_closed.add(decision.close_gate, {"bandwidth.api": self._api})
        self._end_attempt(type(decision.error).__name__)

    def _end_attempt(self, error: str | None) -> None:
        span = self._attempt_span
        if span is None:
            return
        if error is not None and span.is_recording():
            span.set_attribute("error.type", error)
            span.set_status(_ERROR)
        if self._attempt_token is not None:
            context.detach(self._attempt_token)
        span.end()
        self._attempt_span = None
        self._attempt_token = None


#: A provider, once set, stays set (the API allows one): then `_sdk_installed` reads nothing.
_SDK_SEEN = False
#: While none is set, the providers are read again at most this often (seconds).
RECHECK = 1.0
_next_check = -math.inf


def _sdk_installed() -> bool:
    """
    Whether a global tracer or meter provider other than the API's own no-op/proxy one is set.

    Reading the providers costs a few microseconds (environment lookups), so while none is set
    they are read at most once a second: a provider set after the client was built is used
    from the next operation after that second.
    """
    global _SDK_SEEN, _next_check  # noqa: PLW0603 - a process-wide cache of a process-wide fact
    if _SDK_SEEN:
        return True
    now = time.monotonic()
    if now < _next_check:
        return False
    _next_check = now + RECHECK
    tracing = type(trace.get_tracer_provider()).__module__
    metering = type(metrics.get_meter_provider()).__module__
    _SDK_SEEN = not (
        tracing.startswith("opentelemetry.trace") and metering.startswith("opentelemetry.metrics")
    )
    return _SDK_SEEN


def _error_type(exc: BaseException) -> str:
    """
    The class name of *exc*: low in cardinality, and unlike the message it quotes no input.
    """
    return type(exc).__qualname__
