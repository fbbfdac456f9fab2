"""
OpenTelemetry: spans and metrics over the emulator, read back with the SDK's in-memory exporters.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import attrs
import pytest
import yaml
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

import bandwidth_async as bw
from bandwidth_async._telemetry import NO_TELEMETRY, status_class, url_template
from bandwidth_async.export import export
from bandwidth_async.testing import FakeBandwidth

ROOT = Path(__file__).parent.parent
SPEC = ROOT / "spec" / "bandwidth.yml"


@attrs.define
class Otel:
    """
    A tracer and a meter provider whose spans and metrics the test reads back.
    """

    spans: InMemorySpanExporter
    reader: InMemoryMetricReader
    tracer_provider: TracerProvider
    meter_provider: MeterProvider

    def providers(self) -> dict[str, Any]:
        return {"tracer_provider": self.tracer_provider, "meter_provider": self.meter_provider}

    def finished(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def points(self) -> list[tuple[str, dict[str, Any], float]]:
        """Every data point as (metric name, attributes, value: a sum, or a histogram's count)."""
        found = []
        data = self.reader.get_metrics_data()
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    for point in metric.data.data_points:
                        value = getattr(point, "value", None)
                        if value is None:
                            value = point.count  # type: ignore[union-attr]
                        found.append((metric.name, dict(point.attributes or {}), value))
        return found

    def total(self, name: str, **where: Any) -> float:
        """The sum of metric *name* over the points whose attributes include *where*."""
        return sum(
            value
            for metric, attributes, value in self.points()
            if metric == name and all(attributes.get(k) == v for k, v in where.items())
        )


@pytest.fixture
def otel() -> Iterator[Otel]:
    spans = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    yield Otel(spans, reader, tracer_provider, meter_provider)
    tracer_provider.shutdown()
    meter_provider.shutdown()


def attr(span: ReadableSpan, key: str) -> Any:
    """The attribute *key* of *span* (KeyError when it has none)."""
    return dict(span.attributes or {})[key]


def operations(spans: list[ReadableSpan]) -> list[ReadableSpan]:
    return [s for s in spans if s.kind is SpanKind.CLIENT]


def children(spans: list[ReadableSpan], parent: ReadableSpan) -> list[ReadableSpan]:
    return sorted(
        (s for s in spans if s.parent is not None and s.parent.span_id == parent.context.span_id),
        key=lambda s: int(attr(s, "bandwidth.attempt")),
    )


# --- the span tree and the metrics of an export with 429s -----------------------------------


async def test_export_with_429s_gives_one_span_per_page_and_a_child_per_attempt(
    otel: Otel, tmp_path: Path
) -> None:
    """An export over the emulator with 429s: operation spans, attempt children, metrics."""
    async with FakeBandwidth(calls=60, seed=3) as fake:
        fault = fake.faults.rate_limit(retry_after=0.05, every=3, path="/calls")
        async with fake.client(**otel.providers()) as client:
            result = await export(
                client,
                "calls",
                tmp_path / "calls.jsonl",
                since=fake.now - dt.timedelta(days=60),
                until=fake.now + dt.timedelta(minutes=1),
                page_size=10,
                concurrency=1,
                window=dt.timedelta(days=61),
            )
        served_429 = fault.hits
        sent = len(fake.requests)
    assert result.count == 60
    assert served_429 >= 2

    spans = otel.finished()
    ops = operations(spans)
    assert len(ops) == sent - served_429  # one operation span per page fetched
    assert len(spans) == len(ops) + sent  # ... and one child per request on the wire
    for op in ops:
        assert op.name == "bandwidth listCalls"
        assert op.parent is None
        attributes = dict(op.attributes or {})
        assert attributes["url.template"] == "/accounts/{accountId}/calls"
        assert attributes["http.request.method"] == "GET"
        assert attributes["http.response.status_code"] == 200
        assert op.status.status_code is StatusCode.UNSET
        attempts = children(spans, op)
        assert attributes["bandwidth.attempts"] == len(attempts)
        numbers = [attr(a, "bandwidth.attempt") for a in attempts]
        assert numbers == list(range(1, len(attempts) + 1))
        statuses = [attr(a, "http.response.status_code") for a in attempts]
        assert statuses == [429] * (len(attempts) - 1) + [200]
        for refused in attempts[:-1]:
            assert refused.attributes is not None
            assert refused.attributes["error.type"] == "RateLimitError"
            assert refused.attributes["bandwidth.retry_reason"] == "rate_limited"
            assert refused.status.status_code is StatusCode.ERROR
        assert attempts[-1].status.status_code is StatusCode.UNSET
    retried = [op for op in ops if attr(op, "bandwidth.attempts") > 1]
    assert sum(len(children(spans, op)) - 1 for op in retried) == served_429

    assert otel.total("bandwidth.client.requests", **{"bandwidth.status_class": "2xx"}) == len(ops)
    assert otel.total("bandwidth.client.requests", **{"bandwidth.status_class": "4xx"}) == (
        served_429
    )
    assert otel.total("bandwidth.client.rate_limited", **{"bandwidth.api": "voice"}) == served_429
    assert otel.total("bandwidth.client.retries", **{"bandwidth.retry_reason": "rate_limited"}) == (
        served_429
    )
    assert otel.total("bandwidth.client.gate.closed") == pytest.approx(0.05 * served_429)
    assert otel.total("bandwidth.client.operation.duration") == len(ops)  # a histogram count


async def test_a_failed_operation_names_its_error_class_and_attempt_count(otel: Otel) -> None:
    """An operation that runs out of attempts: error.type on it and its last attempt, no events."""
    async with FakeBandwidth(calls=1) as fake:
        fake.faults.server_error(503)
        retry = bw.RetryPolicy(max_attempts=3, backoff_base=0.0)
        async with fake.client(retry=retry, **otel.providers()) as client:
            with pytest.raises(bw.ServerError):
                await client.calls.get("c-1")
    spans = otel.finished()
    (op,) = operations(spans)
    assert op.name == "bandwidth getCallState"
    assert op.attributes is not None
    assert op.attributes["url.template"] == "/accounts/{accountId}/calls/{callId}"
    assert op.attributes["bandwidth.call_id"] == "c-1"  # an id may be recorded
    assert op.attributes["bandwidth.attempts"] == 3
    assert op.attributes["error.type"] == "ServerError"
    assert op.attributes["http.response.status_code"] == 503
    assert op.status.status_code is StatusCode.ERROR
    attempts = children(spans, op)
    assert len(attempts) == 3
    assert all(a.attributes and a.attributes["error.type"] == "ServerError" for a in attempts)
    assert not [event for span in spans for event in span.events]  # no exception recorded
    assert otel.total("bandwidth.client.retries", **{"bandwidth.retry_reason": "server_error"}) == (
        2
    )
    assert otel.total("bandwidth.client.operation.duration", **{"error.type": "ServerError"}) == 1


async def test_an_operation_span_is_a_child_of_the_callers_span(otel: Otel) -> None:
    """The caller's current span is the parent of the operation span: context flows in."""
    tracer = otel.tracer_provider.get_tracer("app")
    async with FakeBandwidth() as fake, fake.client(**otel.providers()) as client:
        with tracer.start_as_current_span("handle request") as outer:
            await client.statistics.get()
        # The client put back the caller's context when the operation ended.
        assert trace.get_current_span() is trace.INVALID_SPAN
    (op,) = operations(otel.finished())
    assert op.parent is not None
    assert op.parent.span_id == outer.get_span_context().span_id
    assert op.context.trace_id == outer.get_span_context().trace_id


async def test_a_request_held_at_the_429_gate_records_the_wait(otel: Otel) -> None:
    """A request sent while a 429 holds the gate shows the seconds it waited there."""
    later: list[asyncio.Task[Any]] = []
    async with FakeBandwidth(calls=1) as fake:
        fake.faults.rate_limit(retry_after=0.2, times=1)

        def on_retry(event: bw.RetryEvent) -> None:
            # The gate is closed now: a request started here waits at it.
            later.append(asyncio.create_task(client.statistics.get()))

        retry = bw.RetryPolicy(on_retry=on_retry)
        async with fake.client(retry=retry, **otel.providers()) as client:
            assert len([c async for c in client.calls.list()]) == 1
            await asyncio.wait_for(later[0], timeout=10)
    (held,) = [op for op in operations(otel.finished()) if op.name == "bandwidth getStatistics"]
    assert attr(held, "bandwidth.gate_wait_seconds") > 0
    assert attr(held, "bandwidth.attempts") == 1
    assert otel.total("bandwidth.client.gate.wait", **{"bandwidth.api": "voice"}) > 0


async def test_a_cancelled_operation_ends_its_spans_and_restores_the_context(otel: Otel) -> None:
    """Cancelled mid-request: both spans end, marked CancelledError, and the context is back."""
    async with FakeBandwidth(latency=5) as fake, fake.client(**otel.providers()) as client:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client.statistics.get(), timeout=0.2)
        assert trace.get_current_span() is trace.INVALID_SPAN
    spans = otel.finished()
    (op,) = operations(spans)
    (attempt,) = children(spans, op)
    assert attr(op, "error.type") == "CancelledError"
    assert attr(attempt, "error.type") == "CancelledError"
    assert op.end_time is not None
    assert attempt.end_time is not None


def test_the_global_providers_are_used_even_when_set_after_the_client_is_built() -> None:
    """Without providers passed in, the client reports to the global ones, set late or early."""
    done = _run(
        """
        import asyncio
        from opentelemetry import metrics, trace
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import InMemoryMetricReader
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        from bandwidth_async.testing import FakeBandwidth

        async def main():
            async with FakeBandwidth() as fake, fake.client() as client:
                spans, reader = InMemorySpanExporter(), InMemoryMetricReader()
                provider = TracerProvider()
                provider.add_span_processor(SimpleSpanProcessor(spans))
                trace.set_tracer_provider(provider)
                metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))
                await client.statistics.get()
            print(sorted(s.name for s in spans.get_finished_spans()))
            names = {
                m.name
                for r in reader.get_metrics_data().resource_metrics
                for sm in r.scope_metrics
                for m in sm.metrics
            }
            print("bandwidth.client.requests" in names)

        asyncio.run(main())
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == [
        "['bandwidth getStatistics', 'bandwidth getStatistics attempt']",
        "True",
    ]


async def test_a_token_request_nests_under_the_attempt_that_waited_for_it(otel: Otel) -> None:
    """With OAuth, the token request is its own operation span under the first attempt."""
    async with FakeBandwidth() as fake, fake.client(oauth=True, **otel.providers()) as client:
        await client.statistics.get()
        secret = fake.client_secret
    spans = otel.finished()
    (op,) = [s for s in operations(spans) if s.name == "bandwidth getStatistics"]
    (token,) = [s for s in operations(spans) if s.name == "bandwidth oauth2Token"]
    (first,) = children(spans, op)
    assert token.parent is not None
    assert token.parent.span_id == first.context.span_id
    assert attr(op, "bandwidth.token_wait_seconds") > 0
    assert attr(token, "http.response.status_code") == 200
    assert secret not in _everything_exported(otel)


# --- never a phone number, a password or a message ------------------------------------------

NUMBERS = ["+19195550001", "+19195550002", "+18005550177", "+15554440003"]
TEXT = "Your secret code is 424242"


async def _touch_everything(client: bw.BandwidthClient, fake: FakeBandwidth) -> None:
    """Send phone numbers in bodies, queries and a path, and provoke error bodies quoting them."""
    created = await client.calls.create(
        bw.CreateCall(
            to=NUMBERS[0],
            from_=NUMBERS[1],
            application_id="04e88489-df02-4e34-a0ee-27a91849555f",  # the README's, always known
            answer_url="http://127.0.0.1:9/answer",
        )
    )
    assert created.call_id
    calls = [c async for c in client.calls.list(to=NUMBERS[0], from_=NUMBERS[1], limit=5)]
    assert isinstance(calls, list)
    await client.messages.create(
        bw.MessageRequest(
            application_id=fake.messaging_application_id,
            to=[NUMBERS[0]],
            from_=NUMBERS[1],
            text=TEXT,
        )
    )
    messages = [m async for m in client.messages.list(source_tn=NUMBERS[1], limit=5)]
    assert isinstance(messages, list)
    await client.lookup.create(bw.SyncLookupRequest(phone_numbers=[NUMBERS[3]]))
    with pytest.raises(bw.NotFoundError):
        await client.toll_free.get_status(NUMBERS[2])  # the number is in the path
    assert fake.password


def _everything_exported(otel: Otel) -> str:
    """Every span and metric, names, attributes, events, links and status text, as one string."""
    parts: list[Any] = []
    for span in otel.finished():
        parts += [span.name, dict(span.attributes or {}), span.status.description]
        parts += [(e.name, dict(e.attributes or {})) for e in span.events]
        parts += [dict(link.attributes or {}) for link in span.links]
    parts += otel.points()
    return json.dumps(parts, default=str)


async def test_no_phone_number_password_or_message_text_in_any_span_or_metric(
    otel: Otel,
) -> None:
    """Phone numbers sent in bodies, queries and a path appear in no span or metric."""
    async with FakeBandwidth(calls=5, messages=5) as fake:
        async with fake.client(**otel.providers()) as client:
            await _touch_everything(client, fake)
        wire = " ".join(
            f"{r.path}?{r.query} {r.body.decode(errors='replace')}" for r in fake.requests
        )
    for number in NUMBERS:  # they did travel, so their absence below means something
        assert number in wire or number.replace("+", "%2B") in wire
    assert TEXT in wire

    exported = _everything_exported(otel)
    assert "bandwidth createMessage" in exported  # the search did read the spans
    for secret in [*NUMBERS, *(n.lstrip("+") for n in NUMBERS), TEXT, fake.password]:
        assert secret not in exported
    assert "%2B1" not in exported
    assert "Authorization" not in exported


def spec_paths() -> dict[str, str]:
    """The spec's path template of each operationId."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built with it
    spec = yaml.load(SPEC.read_text(), Loader=loader)  # noqa: S506 - a safe loader
    return {
        op["operationId"]: path
        for path, item in spec["paths"].items()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }


async def test_every_url_template_is_the_specs_path_of_its_operation(otel: Otel) -> None:
    """url.template and the operation name pair up exactly as in the spec's paths."""
    paths = spec_paths()
    async with FakeBandwidth(calls=5, messages=5) as fake:
        async with fake.client(**otel.providers()) as client:
            await _touch_everything(client, fake)
    seen = {
        (attr(op, "bandwidth.operation"), attr(op, "url.template"))
        for op in operations(otel.finished())
    }
    assert len(seen) == 6
    for operation, template in seen:
        assert paths[operation] == template


@pytest.mark.parametrize(
    ("path", "template"),
    [
        pytest.param("/accounts/{account_id}/calls", "/accounts/{accountId}/calls", id="account"),
        pytest.param(
            "/accounts/{account_id}/calls/{call_id}/recordings/{recording_id}/media",
            "/accounts/{accountId}/calls/{callId}/recordings/{recordingId}/media",
            id="nested",
        ),
        pytest.param("/users/{account_id}/media/{media_id}", "/users/{accountId}/media/{mediaId}"),
        pytest.param("/tollFreeVerification/useCases", "/tollFreeVerification/useCases", id="none"),
        pytest.param("/x/{id}", "/x/{id}", id="one-word"),
    ],
)
def test_url_template_camel_cases_the_parameters(path: str, template: str) -> None:
    """Our snake_case path parameters become the spec's camelCase ones."""
    assert url_template(path) == template


def test_status_class() -> None:
    """A status is reported by its class; no status is "none"."""
    assert [status_class(s) for s in (200, 204, 429, 503, None)] == [
        "2xx",
        "2xx",
        "4xx",
        "5xx",
        "none",
    ]


# --- export and dial metrics ----------------------------------------------------------------


async def test_export_counts_records_pages_and_windows(otel: Otel, tmp_path: Path) -> None:
    """The export's records, pages and windows are counted by kind."""
    async with FakeBandwidth(calls=30, messages=12, seed=2) as fake:
        async with fake.client(**otel.providers()) as client:
            calls = await export(
                client,
                "calls",
                tmp_path / "calls.jsonl",
                since=fake.now - dt.timedelta(days=60),
                until=fake.now + dt.timedelta(minutes=1),
                concurrency=2,
            )
            messages = await export(client, "messages", tmp_path / "m.jsonl", page_size=5)
    assert (calls.count, messages.count) == (30, 12)
    assert otel.total("bandwidth.export.records", **{"bandwidth.export.kind": "calls"}) == (
        calls.count
    )
    assert otel.total("bandwidth.export.records", **{"bandwidth.export.kind": "messages"}) == (
        messages.count
    )
    assert otel.total("bandwidth.export.windows", **{"bandwidth.export.kind": "calls"}) >= 2
    assert otel.total("bandwidth.export.pages", **{"bandwidth.export.kind": "messages"}) == 3


async def test_dialing_counts_each_outcome(otel: Otel) -> None:
    """create_many counts its dials as created, failed and unknown."""
    async with FakeBandwidth() as fake:
        fake.faults.server_error(503, times=1, methods="POST", path="/calls")
        fake.faults.reset(after_processing=True, times=1, methods="POST", path="/calls")
        calls = [
            bw.CreateCall(
                to=f"+1919555{n:04d}",
                from_="+19195554321",
                application_id=fake.application_id,
                answer_url="http://127.0.0.1:9/answer",
            )
            for n in range(6)
        ]
        async with fake.client(**otel.providers()) as client:
            results = [r async for r in client.calls.create_many(calls, concurrency=1)]
    statuses = Counter(r.status for r in results)
    assert statuses == {"created": 4, "failed": 1, "unknown": 1}
    for status, count in statuses.items():
        assert otel.total("bandwidth.dial.outcomes", **{"bandwidth.dial.status": status}) == count
    exported = _everything_exported(otel)
    assert "bandwidth createCall" in exported
    assert not [call.to for call in calls if call.to in exported]


# --- aiohttp's own tracing ------------------------------------------------------------------


async def test_trace_configs_reach_the_aiohttp_session() -> None:
    """A TraceConfig passed to the client sees every request the client sends."""
    started: list[str] = []

    async def on_request_start(
        session: aiohttp.ClientSession,
        context: Any,
        params: aiohttp.TraceRequestStartParams,
    ) -> None:
        started.append(params.method)

    config = aiohttp.TraceConfig()
    config.on_request_start.append(on_request_start)
    async with FakeBandwidth(calls=3) as fake, fake.client(trace_configs=[config]) as client:
        await client.statistics.get()
        assert len([c async for c in client.calls.list()]) == 3
    assert started == ["GET", "GET"]


async def test_trace_configs_with_a_borrowed_session_is_refused() -> None:
    """trace_configs with a session of the caller's is a ConfigurationError, not ignored."""
    async with aiohttp.ClientSession() as session:
        with pytest.raises(bw.ConfigurationError, match="trace_configs"):
            bw.BandwidthClient(
                "u", "p", "1", session=session, trace_configs=[aiohttp.TraceConfig()]
            )


# --- without the extra ----------------------------------------------------------------------


def test_the_api_alone_costs_no_span_until_a_provider_is_set() -> None:
    """With opentelemetry-api but no SDK provider, an operation is the no-op; once set, a span.

    The first operation reads the providers; later ones read them again once a second."""
    done = _run(
        """
        import asyncio
        import time
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from bandwidth_async import _otel
        from bandwidth_async._telemetry import NO_TELEMETRY
        from bandwidth_async._request import Host, Request
        from bandwidth_async.testing import FakeBandwidth

        async def main():
            async with FakeBandwidth() as fake, fake.client() as client:
                telemetry = client._session.state.telemetry
                request = Request("GET", Host.VOICE, "/accounts/{account_id}/statistics")
                noop = type(NO_TELEMETRY.operation(request))
                print(type(telemetry.operation(request)) is noop)
                await client.statistics.get()  # works through the no-op
                trace.set_tracer_provider(TracerProvider())
                # The providers are read again at most once a second while none is set.
                time.sleep(_otel.RECHECK)
                print(type(telemetry.operation(request)) is noop)

        asyncio.run(main())
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["True", "False"]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_importing_the_package_imports_no_opentelemetry() -> None:
    """``import bandwidth_async`` loads no OpenTelemetry module, even when it is installed."""
    done = _run(
        """
        import sys
        import bandwidth_async
        print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_package_works_without_opentelemetry() -> None:
    """With opentelemetry unimportable, a client still sends requests and raises our errors."""
    done = _run(
        """
        import asyncio, sys
        sys.modules["opentelemetry"] = None  # as if the otel extra were not installed
        import bandwidth_async as bw
        from bandwidth_async.testing import FakeBandwidth

        async def main():
            async with FakeBandwidth(calls=3) as fake:
                fake.faults.rate_limit(retry_after=0, times=1)
                async with fake.client() as client:
                    print(type(client._session.state.telemetry).__name__)
                    print(len([c async for c in client.calls.list()]))
                    try:
                        await client.calls.get("missing")
                    except bw.NotFoundError as exc:
                        print(type(exc).__name__, exc.attempts)

        asyncio.run(main())
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["_NoTelemetry", "3", "NotFoundError 1"]


async def test_a_client_with_opentelemetry_installed_reports_to_it(otel: Otel) -> None:
    """With the extra installed the client's telemetry is OpenTelemetry's, not the no-op."""
    async with FakeBandwidth() as fake, fake.client(**otel.providers()) as client:
        assert client._session.state.telemetry is not NO_TELEMETRY
        await client.statistics.get()
    assert Counter(s.name for s in otel.finished()) == {
        "bandwidth getStatistics": 1,
        "bandwidth getStatistics attempt": 1,
    }
