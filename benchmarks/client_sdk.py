"""
The official ``bandwidth-sdk`` (synchronous, urllib3 + pydantic), used as its docs show.

listCalls: ``CallsApi.list_calls_with_http_info`` and the ``Link`` header read by hand (the SDK
takes the next page's ``pageToken`` as an argument). createCall: ``CallsApi.create_call`` from a
``ThreadPoolExecutor(50)``, with urllib3's pool raised to 50 so no thread opens a new connection.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import server
from bandwidth import ApiClient, CallsApi, Configuration
from bandwidth.models.create_call import CreateCall

_NEXT = re.compile(r'<([^>]*)>\s*;\s*rel="?next"?')


def _api(base: str, pool: int = 10) -> CallsApi:
    config = Configuration(
        host=base,
        username=server.USERNAME,
        password=server.PASSWORD,
        ignore_operation_servers=True,
    )
    config.connection_pool_maxsize = pool
    return CallsApi(ApiClient(config))


def _next_token(headers: Any) -> str | None:
    link = (headers or {}).get("Link")
    match = _NEXT.search(link) if link else None
    if match is None:
        return None
    return parse_qs(urlsplit(match.group(1)).query)["pageToken"][0]


def _pages(api: CallsApi) -> Any:
    token: str | None = None
    while True:
        response = api.list_calls_with_http_info(
            server.ACCOUNT_ID, page_size=1000, page_token=token
        )
        yield response.data
        token = _next_token(response.headers)
        if token is None:
            return


def _export_once(api: CallsApi) -> int:
    count = 0
    for page in _pages(api):
        for call in page:
            if call.call_id:
                count += 1
    return count


def export(base: str, total: int, repeat: int, warm: bool = True) -> list[float]:
    """Seconds to list and read *total* calls, *repeat* times (after one warm-up pass)."""
    api = _api(base)
    if warm:
        assert _export_once(api) == total  # warm-up: one full pass
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        count = _export_once(api)
        times.append(time.perf_counter() - start)
        assert count == total, count
    return times


def _create_call(i: int) -> CreateCall:
    return CreateCall(
        to=f"+1919555{i % 10_000:04d}",
        var_from="+19195554321",
        application_id=server.APPLICATION_ID,
        answer_url="https://example.com/answer",
        tag=f"bench-{i}",
    )


def _dial_once(api: CallsApi, pool: ThreadPoolExecutor, count: int) -> int:
    def one(i: int) -> bool:
        return bool(api.create_call(server.ACCOUNT_ID, _create_call(i)).call_id)

    return sum(pool.map(one, range(count)))


def dial(base: str, count: int, concurrency: int, repeat: int, warm: bool = True) -> list[float]:
    """Seconds to create *count* calls from *concurrency* threads, *repeat* times (+ warm-up)."""
    api = _api(base, pool=concurrency)
    with ThreadPoolExecutor(concurrency) as pool:
        if warm:
            _dial_once(api, pool, count)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            created = _dial_once(api, pool, count)
            times.append(time.perf_counter() - start)
            assert created == count, created
    return times


_DECODER = ApiClient(Configuration())


def decode(page: bytes) -> int:
    """Turn one page of bytes into models, as the SDK's ``response_deserialize`` does."""
    return len(_DECODER.deserialize(page.decode("utf-8"), "List[CallState]", "application/json"))


def export_file(base: str, path: Path) -> int:
    """Write every call to *path* as JSON Lines; returns how many."""
    api = _api(base)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for page in _pages(api):
            out.writelines(call.to_json() + "\n" for call in page)
            count += len(page)
    return count
