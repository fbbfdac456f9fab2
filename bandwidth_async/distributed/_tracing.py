"""
Trace context across the queue: a worker's task span links to the span that enqueued the task.

`TraceContext` is a Taskiq middleware. On send it writes the current trace context into the
message's labels (``traceparent``, W3C by default); in the worker it starts a consumer span,
linked to that context, around the task, so the task's operations nest under it. Without the
``otel`` extra both are no-ops. Only trace ids travel in the labels, never the task's arguments.
"""

from __future__ import annotations

from typing import Any

from taskiq import TaskiqMessage, TaskiqMiddleware, TaskiqResult

from .._telemetry import TaskSpan, Telemetry

__all__ = ["TraceContext"]


class TraceContext(TaskiqMiddleware):
    """
    Carry the enqueuer's trace context to the worker's task span through *telemetry*.
    """

    def __init__(self, telemetry: Telemetry) -> None:
        super().__init__()
        self._telemetry = telemetry
        self._running: dict[str, TaskSpan] = {}

    def pre_send(self, message: TaskiqMessage) -> TaskiqMessage:
        """
        Put the current trace context into *message*'s labels.
        """
        self._telemetry.inject(message.labels)
        return message

    def pre_execute(self, message: TaskiqMessage) -> TaskiqMessage:
        """
        Start the task's span, linked to the context its labels carry.
        """
        self._running[message.task_id] = self._telemetry.start_task(
            message.task_name, message.labels, message.task_id
        )
        return message

    def post_execute(self, message: TaskiqMessage, result: TaskiqResult[Any]) -> None:
        """
        End the task's span, failed if the task raised.
        """
        span = self._running.pop(message.task_id, None)
        if span is not None:
            span.end(result.error if result.is_err else None)
