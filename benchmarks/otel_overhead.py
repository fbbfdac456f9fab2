"""
What the telemetry hooks cost per operation: no extra, the API alone, and the SDK recording.

``python benchmarks/otel_overhead.py``: the hooks of one successful one-attempt operation, timed
alone (microseconds each), then requests per second over loopback to the emulator with each.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from bandwidth_async._otel import OtelTelemetry
from bandwidth_async._request import Host, Request
from bandwidth_async._telemetry import NO_TELEMETRY, Telemetry
from bandwidth_async.testing import FakeBandwidth

REQUEST = Request(
    "GET", Host.VOICE, "/accounts/{account_id}/calls/{call_id}", {"call_id": "c-1"}, operation="x"
)


def _sdk() -> tuple[TracerProvider, MeterProvider, InMemorySpanExporter]:
    spans = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    return tracer_provider, meter_provider, spans


def hooks(telemetry: Telemetry, n: int = 20_000) -> float:
    """Microseconds for the hooks of one operation of one successful attempt."""
    started = time.perf_counter()
    for _ in range(n):
        with telemetry.operation(REQUEST) as op:
            op.attempt(1)
            op.token_waited(0.0)
            op.sent(0.0, 200)
    return (time.perf_counter() - started) / n * 1e6


async def requests_per_second(options: dict[str, Any], n: int = 2000) -> float:
    """Sequential getCallState requests per second against the emulator."""
    async with FakeBandwidth(calls=1) as fake, fake.client(**options) as client:
        call_id = (await anext(aiter(client.calls.list()))).call_id
        assert call_id is not None
        started = time.perf_counter()
        for _ in range(n):
            await client.calls.get(call_id)
        return n / (time.perf_counter() - started)


async def main() -> None:
    """Print both measurements for the three set-ups."""
    tracer_provider, meter_provider, spans = _sdk()
    setups: dict[str, tuple[Telemetry, dict[str, Any]]] = {
        "no extra (no-op)": (NO_TELEMETRY, {}),
        "API, no SDK": (OtelTelemetry(), {}),
        "SDK, in memory": (
            OtelTelemetry(tracer_provider, meter_provider),
            {"tracer_provider": tracer_provider, "meter_provider": meter_provider},
        ),
    }
    for name, (telemetry, options) in setups.items():
        per_op = hooks(telemetry)
        spans.clear()
        if name.startswith("no extra"):
            rate = await _without_otel()
        else:
            rate = await requests_per_second(options)
        spans.clear()
        print(f"{name:18} hooks {per_op:7.2f} us/operation   {rate:7.0f} requests/s")


async def _without_otel() -> float:
    """The rate with the client's telemetry forced to the no-op one."""
    async with FakeBandwidth(calls=1) as fake, fake.client() as client:
        client._session.state.telemetry = NO_TELEMETRY  # noqa: SLF001 - as without the extra
        call_id = (await anext(aiter(client.calls.list()))).call_id
        assert call_id is not None
        started = time.perf_counter()
        for _ in range(2000):
            await client.calls.get(call_id)
        return 2000 / (time.perf_counter() - started)


if __name__ == "__main__":
    asyncio.run(main())
