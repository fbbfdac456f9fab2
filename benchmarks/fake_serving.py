"""
How fast the emulator serves listCalls: pages/s and calls/s for pageSize=1000 over 100k calls.

Run: python benchmarks/fake_serving.py [--calls 100000] [--pages 50]
The emulator runs in this process; one client fetches pages sequentially after a warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import aiohttp

from bandwidth_async.testing import FakeBandwidth


async def run(calls: int, pages: int, page_size: int) -> None:
    async with FakeBandwidth(calls=calls, seed=1) as fake:
        auth = aiohttp.encode_basic_auth(fake.username, fake.password)
        first = f"{fake.base_url}/accounts/{fake.account_id}/calls?pageSize={page_size}"
        async with aiohttp.ClientSession(headers={"Authorization": auth}) as http:

            async def fetch(count: int) -> int:
                url: str | None = first
                items = 0
                for _ in range(count):
                    if url is None:
                        url = first  # the 10,000 cap ends a query: start another
                    async with http.get(url) as response:
                        items += len(await response.json())
                        link = response.links.get("next")
                        url = str(link["url"]) if link else None
                return items

            await fetch(5)  # warm-up
            start = time.perf_counter()
            items = await fetch(pages)
            elapsed = time.perf_counter() - start
    print(f"calls={calls} pageSize={page_size} pages={pages}")
    print(f"{pages / elapsed:.1f} pages/s, {items / elapsed:,.0f} calls/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(run(args.calls, args.pages, args.page_size))


if __name__ == "__main__":
    main()
