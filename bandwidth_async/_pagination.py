"""
Pagination: small strategies that read a `Response`, and the one loop that drives them.

A strategy says where the items are and how to ask for the next page; it does no I/O, so it is
tested with hand-built responses. `AsyncPaginator` owns the loop, the cursors, ``limit`` and
``prefetch``; the session gives it a function that sends one request.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import attrs
from yarl import URL

from ._errors import BandwidthError, DecodeError, PaginationError, snippet
from ._link import parse_links
from ._request import NextPage, Request, Response, url_problem

__all__ = [
    "ARRAY_BODIED",
    "AsyncPaginator",
    "ContinuationToken",
    "Fetch",
    "LinkHeader",
    "LinksAfterCursor",
    "Page",
    "PageInfoToken",
    "Pagination",
    "Reader",
    "SinglePage",
]

T = TypeVar("T")


class Pagination(Protocol):
    """
    How one API family pages: where a response keeps its items, and how to ask for more.
    """

    def items(self, response: Response) -> Sequence[object]:
        """
        The raw items of *response*.
        """

    def next_page(self, response: Response) -> NextPage | None:
        """
        How to ask for the page after *response*, or ``None`` on the last page.
        """

    def cursor(self, page: NextPage) -> str:
        """
        *page* as an opaque string that `resume` turns back into the same `NextPage`.
        """

    def resume(self, cursor: str) -> NextPage:
        """
        The `NextPage` that *cursor* stands for.
        """


def _list_body(response: Response) -> Sequence[object]:
    if not isinstance(response.data, list):
        raise DecodeError(
            f"expected a JSON array, got {type(response.data).__name__}", snippet(response.data)
        )
    return response.data


@attrs.frozen
class LinkHeader:
    """
    Voice lists: the next page's URL arrives in ``Link: <...>; rel="next"`` (RFC 8288).

    The link already carries the query, so it replaces the original one; a relative link is
    resolved against the URL of the response that carried it.
    """

    def items(self, response: Response) -> Sequence[object]:
        return _list_body(response)

    def next_page(self, response: Response) -> NextPage | None:
        values = response.headers.getall("Link", [])
        for link in parse_links(values):
            if "next" in link.rels:
                if link.target.startswith("//"):
                    raise PaginationError("unusable next link: it is scheme-relative (//host)")
                try:
                    url = response.url.join(URL(link.target, encoded=True))
                except ValueError as exc:
                    raise PaginationError(f"unusable next link: {exc}") from exc
                return NextPage(url=_checked(url, "next link"))
        return None

    def cursor(self, page: NextPage) -> str:
        return str(page.url)

    def resume(self, cursor: str) -> NextPage:
        try:
            url = URL(cursor, encoded=True)
        except ValueError as exc:
            raise PaginationError("not a cursor of this list: not a URL") from exc
        return NextPage(url=_checked(url, "cursor"))


def _checked(url: URL, what: str) -> URL:
    """
    *url* if it is an absolute http(s) URL without userinfo; else `PaginationError`.

    The message names the problem, never the URL: it may hold a password.
    """
    problem = url_problem(url)
    if problem is not None:
        raise PaginationError(f"refusing the {what}: {problem}")
    return url


@attrs.frozen
class ContinuationToken:
    """
    Media API: the token arrives in a response header and goes back in a request header.
    """

    header: str = "Continuation-Token"

    def items(self, response: Response) -> Sequence[object]:
        return _list_body(response)

    def next_page(self, response: Response) -> NextPage | None:
        token = response.headers.get(self.header)
        return self.resume(token) if token else None

    def cursor(self, page: NextPage) -> str:
        return page.headers[self.header]

    def resume(self, cursor: str) -> NextPage:
        return NextPage(headers={self.header: cursor})


@attrs.frozen
class PageInfoToken:
    """
    Messaging API: ``pageInfo.nextPageToken`` in the body goes back as the ``pageToken`` query.
    """

    items_key: str = "messages"
    param: str = "pageToken"

    def items(self, response: Response) -> Sequence[object]:
        items = self._body(response).get(self.items_key, [])
        if not isinstance(items, list):
            raise DecodeError(f"{self.items_key!r} is not a JSON array", snippet(response.data))
        return items

    def next_page(self, response: Response) -> NextPage | None:
        info = self._body(response).get("pageInfo")
        if info is None:
            return None
        if not isinstance(info, dict):
            msg = f"pageInfo is a JSON {type(info).__name__}, not an object: no next page to find"
            raise PaginationError(msg)
        token = info.get("nextPageToken")
        if token is None or token == "":
            return None
        if not isinstance(token, str):
            msg = f"pageInfo.nextPageToken is a JSON {type(token).__name__}, not a string"
            raise PaginationError(msg)
        return self.resume(token)

    def cursor(self, page: NextPage) -> str:
        return page.query[self.param]

    def resume(self, cursor: str) -> NextPage:
        return NextPage(query={self.param: cursor})

    def _body(self, response: Response) -> dict[str, Any]:
        if not isinstance(response.data, dict):
            raise DecodeError("expected a JSON object", snippet(response.data))
        return response.data


@attrs.frozen
class SinglePage:
    """
    Lists the API does not paginate (recordings): one page, so every list reads the same way.
    """

    def items(self, response: Response) -> Sequence[object]:
        return _list_body(response)

    def next_page(self, response: Response) -> NextPage | None:  # noqa: ARG002
        return None

    def cursor(self, page: NextPage) -> str:  # noqa: ARG002  # pragma: no cover - no next page
        raise PaginationError("this list has a single page")

    def resume(self, cursor: str) -> NextPage:
        raise PaginationError(f"this list has a single page, there is no cursor {cursor!r}")


@attrs.frozen
class Page(Generic[T]):
    """
    One page of a list.

    Attributes:
        items: The page's records, as models.
        cursor: The cursor that fetched this page (``None`` for the first page).
        next_cursor: Pass it as ``cursor=`` to continue after this page; ``None`` on the last.
        response: Status, headers and URL of the page's response (its body is not kept).
    """

    items: list[T]
    cursor: str | None
    next_cursor: str | None
    response: Response


@attrs.frozen
class _Failure:
    error: BaseException


_END = object()

#: The strategies whose response body is the JSON array of items, nothing else.
ARRAY_BODIED = (LinkHeader, ContinuationToken, SinglePage)

#: Reads a page's body (bytes) straight to its items, or ``None`` to leave it to the JSON path.
Reader = Callable[[bytes], list[Any] | None]
#: Sends one page's request: the response, its JSON decoded unless the reader took the body, and
#: the items the reader made (``None`` if it was not given or declined).
Fetch = Callable[[Request, Reader | None], Awaitable[tuple[Response, list[Any] | None]]]


class AsyncPaginator(Generic[T]):
    """
    The records of a list, fetched page by page as they are iterated; nothing is sent before.

    ``async for item in paginator`` yields records across pages; ``paginator.pages()`` yields
    `Page` values with the cursor to resume from. An error raised while fetching a page carries
    ``.cursor``, the cursor of that page.
    """

    def __init__(
        self,
        fetch: Fetch,
        request: Request,
        *,
        decode: Callable[[Sequence[object]], list[T]],
        pagination: Pagination,
        limit: int | None = None,
        cursor: str | None = None,
        prefetch: int = 0,
        read: Reader | None = None,
    ) -> None:
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        if prefetch < 0:
            raise ValueError(f"prefetch must be >= 0, not {prefetch}")
        self._fetch = fetch
        self._request = request
        self._decode = decode
        self._pagination = pagination
        self._limit = limit
        self._cursor = cursor
        self._prefetch = prefetch
        #: Reads a page's body straight to items where it can (the session's msgspec mirrors);
        #: only where the body is the array of items, since it never sees `pagination`.
        self._read = read if isinstance(pagination, ARRAY_BODIED) else None

    def raw(self, read: Reader | None = None) -> AsyncPaginator[Any]:
        """
        The same list with each record as its decoded JSON, no model built.

        For copying records as they are (`bandwidth_async.export` does). *read*, if given,
        reads a page's body to items of its own where it can (``None``: decode the JSON).
        """
        return AsyncPaginator(
            self._fetch,
            self._request,
            decode=list,
            pagination=self._pagination,
            limit=self._limit,
            cursor=self._cursor,
            prefetch=self._prefetch,
            read=read,
        )

    def __repr__(self) -> str:
        return (
            f"<AsyncPaginator {self._request.method} {self._request.path} "
            f"limit={self._limit} cursor={self._cursor!r}>"
        )

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            items = page.items
            del page  # hold no page while the next one is fetched: see _fetch_pages
            for item in items:
                yield item
            del items

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """
        The pages, each with its items and the cursor that continues after it.
        """
        remaining = self._limit
        if remaining == 0:
            return
        source = self._fetch_pages() if self._prefetch == 0 else self._prefetched()
        try:
            async for page in source:
                if remaining is not None:
                    if len(page.items) >= remaining:
                        yield attrs.evolve(page, items=page.items[:remaining])
                        return
                    remaining -= len(page.items)
                yield page
                del page
        finally:
            await source.aclose()

    async def _fetch_pages(self) -> AsyncGenerator[Page[T], None]:
        cursor = self._cursor
        request = self._request
        if cursor is not None:
            request = request.follow(self._pagination.resume(cursor))
        seen: set[str] = set()
        while True:
            try:
                response, items = await self._fetch(request, self._read)
                if items is None:
                    items = self._decode(self._pagination.items(response))
                following = self._pagination.next_page(response)
                next_cursor = None if following is None else self._pagination.cursor(following)
            except BandwidthError as exc:
                exc.cursor = cursor
                raise
            page = Page(items, cursor, next_cursor, attrs.evolve(response, data=None))
            # Hold none of this page's JSON or records while the next one is fetched and
            # decoded: at most one page stays alive, and the garbage collector does not promote
            # the old one to its oldest generation (which brought on full collections).
            del response, items
            yield page
            del page
            if following is None or next_cursor is None:
                return
            if next_cursor in seen or next_cursor == cursor:
                error = PaginationError(
                    f"the server sent the cursor {next_cursor!r} twice: stopping rather than "
                    "looping forever"
                )
                error.cursor = next_cursor
                raise error
            if cursor is not None:
                seen.add(cursor)
            cursor = next_cursor
            request = self._request.follow(following)

    async def _prefetched(self) -> AsyncGenerator[Page[T], None]:
        queue: asyncio.Queue[object] = asyncio.Queue(maxsize=self._prefetch)

        async def produce() -> None:
            pages = self._fetch_pages()
            try:
                async for page in pages:
                    await queue.put(page)
                await queue.put(_END)
            except Exception as exc:  # noqa: BLE001 - handed to the consumer, raised there
                await queue.put(_Failure(exc))
            finally:
                await pages.aclose()

        task = asyncio.create_task(produce())
        try:
            while True:
                got = await queue.get()
                if got is _END:
                    return
                if isinstance(got, _Failure):
                    raise got.error
                yield got  # type: ignore[misc]
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


@attrs.frozen
class LinksAfterCursor:
    """
    Endpoints: a body ``links`` array whose ``rel: next`` link carries the ``afterCursor``.

    The items are the body's ``data``; the cursor goes back as the ``afterCursor`` query,
    next to the original filters.
    """

    param: str = "afterCursor"

    def items(self, response: Response) -> Sequence[object]:
        items = self._body(response).get("data")
        if not isinstance(items, list):
            raise DecodeError("'data' is not a JSON array", repr(response.data))
        return items

    def next_page(self, response: Response) -> NextPage | None:
        links = self._body(response).get("links") or []
        if not isinstance(links, list):
            raise PaginationError(f"'links' is not a JSON array: {links!r}")
        for link in links:
            if isinstance(link, dict) and link.get("rel") == "next":
                href = link.get("href")
                try:
                    cursor = URL(href).query.get(self.param) if isinstance(href, str) else None
                except ValueError as exc:
                    raise PaginationError(f"unusable next link {href!r}: {exc}") from exc
                if not cursor:
                    raise PaginationError(f"next link without {self.param}: {href!r}")
                return self.resume(cursor)
        return None

    def cursor(self, page: NextPage) -> str:
        return page.query[self.param]

    def resume(self, cursor: str) -> NextPage:
        return NextPage(query={self.param: cursor})

    def _body(self, response: Response) -> dict[str, Any]:
        if not isinstance(response.data, dict):
            raise DecodeError("expected a JSON object", repr(response.data))
        return response.data
