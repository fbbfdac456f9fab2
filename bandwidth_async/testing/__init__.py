"""
Test helpers: ``FakeBandwidth``, an in-memory Bandwidth that speaks the real HTTP API.

Use it in your own tests to exercise code built on this SDK without a network or an account::

    async with FakeBandwidth(calls=25_000, seed=1) as fake:
        async with fake.client() as client:
            ...
        fake.faults.rate_limit(every=10, retry_after=1)
"""

from ._app import RecordedRequest
from ._callbacks import SentCallback
from ._fake import FakeBandwidth
from ._faults import Fault, Faults
from ._latency import RandomLatency
from ._limits import Limits
from ._state import CreatedCall, SentCode
from ._stats import OperationStats

__all__ = [
    "CreatedCall",
    "FakeBandwidth",
    "Fault",
    "Faults",
    "Limits",
    "OperationStats",
    "RandomLatency",
    "RecordedRequest",
    "SentCallback",
    "SentCode",
]
