"""
Trace context over the queue: a worker's task span links to the span that enqueued the task.

A real Redis and a real Taskiq receiver (in this process, so its spans can be read back).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import redis.asyncio as aioredis
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from taskiq.api import run_receiver_task
from taskiq.kicker import AsyncKicker

from bandwidth_async._converter import unstructure
from bandwidth_async.distributed._tasks import DIAL, Runtime, build_broker
from bandwidth_async.models import CreateCall
from bandwidth_async.testing import FakeBandwidth

#: The README's voice application, which every emulator account has.
APPLICATION = "04e88489-df02-4e34-a0ee-27a91849555f"
NUMBER = "+19195550123"


async def test_a_workers_span_links_to_the_span_that_enqueued_it(
    redis_url: str, prefix: str
) -> None:
    """The worker's task span links to the enqueuing span; the dial's span nests under it."""
    spans = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    call = CreateCall(
        to=NUMBER,
        from_="+19195554321",
        application_id=APPLICATION,
        answer_url="http://127.0.0.1:9/a",
    )
    conn: aioredis.Redis = aioredis.Redis.from_url(redis_url)
    async with (
        FakeBandwidth() as fake,
        fake.client(tracer_provider=tracer_provider, meter_provider=meter_provider) as client,
    ):
        worker = build_broker(redis_url, key_prefix=prefix, runtime=Runtime(client, conn, prefix))
        sender = build_broker(redis_url, key_prefix=prefix)
        await worker.startup()
        await sender.startup()
        receiver = asyncio.ensure_future(run_receiver_task(worker, run_startup=False))
        try:
            kicker: AsyncKicker[Any, Any] = AsyncKicker(DIAL, sender, {})
            with tracer_provider.get_tracer("app").start_as_current_span("enqueue") as enqueue:
                await kicker.kiq("campaign", "k1", unstructure(call))
            async with asyncio.timeout(30):  # only against a hang
                while not fake.created_calls or not [
                    s for s in spans.get_finished_spans() if s.kind is SpanKind.CONSUMER
                ]:
                    await asyncio.sleep(0.05)
        finally:
            receiver.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await receiver
            await sender.shutdown()
            await worker.shutdown()
            await conn.aclose()
    finished = spans.get_finished_spans()
    (task,) = [s for s in finished if s.kind is SpanKind.CONSUMER]
    assert task.name == f"bandwidth task {DIAL}"
    assert [link.context.span_id for link in task.links] == [enqueue.get_span_context().span_id]
    (dial,) = [s for s in finished if s.name == "bandwidth createCall"]
    assert dial.parent is not None
    assert dial.parent.span_id == task.context.span_id
    assert dial.context.trace_id == task.context.trace_id
    exported = str([(s.name, dict(s.attributes or {})) for s in finished])
    assert NUMBER not in exported
    outcomes = [
        (dict(p.attributes or {}), p.value)  # type: ignore[union-attr]
        for r in reader.get_metrics_data().resource_metrics  # type: ignore[union-attr]
        for sm in r.scope_metrics
        for m in sm.metrics
        if m.name == "bandwidth.dial.outcomes"
        for p in m.data.data_points
    ]
    assert outcomes == [({"bandwidth.dial.status": "created"}, 1)]
    tracer_provider.shutdown()
    meter_provider.shutdown()
