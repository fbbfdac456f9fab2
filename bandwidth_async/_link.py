"""
A parser for the HTTP ``Link`` header (RFC 8288), strict enough never to stop pagination silently.

It reads text and returns values; it resolves nothing against a network.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._errors import PaginationError

__all__ = ["Link", "parse_links"]

_WHITESPACE = " \t"
# RFC 9110 tchar, plus "*" for RFC 8187 extended parameter names such as title*.
_TCHAR = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@attrs.frozen
class Link:
    """
    One link: its target as written, and its parameters with lower-cased names.
    """

    target: str
    params: dict[str, str]

    @property
    def rels(self) -> tuple[str, ...]:
        """
        The relation types, lower-cased: ``rel="next last"`` gives ``("next", "last")``.
        """
        return tuple(self.params.get("rel", "").lower().split())


def parse_links(headers: Iterable[str]) -> list[Link]:
    """
    Every link in the ``Link`` header values *headers*, in order.

    Raises:
        PaginationError: A value is not a valid ``Link`` header.
    """
    links: list[Link] = []
    for header in headers:
        links.extend(_Parser(header).links())
    return links


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, why: str) -> PaginationError:
        return PaginationError(f"unreadable Link header ({why} at {self.pos}): {self.text[:200]!r}")

    def skip(self, chars: str) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in chars:
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def links(self) -> list[Link]:
        found: list[Link] = []
        while True:
            self.skip(_WHITESPACE + ",")  # empty list elements are allowed (RFC 9110 5.6.1)
            if self.pos >= len(self.text):
                return found
            found.append(self.link())
            self.skip(_WHITESPACE)
            if self.peek() not in (",", ""):
                raise self.fail("expected ','")

    def link(self) -> Link:
        if self.peek() != "<":
            raise self.fail("expected '<'")
        end = self.text.find(">", self.pos + 1)
        if end < 0:
            raise self.fail("no closing '>'")
        target = self.text[self.pos + 1 : end].strip()
        self.pos = end + 1
        params: dict[str, str] = {}
        while True:
            self.skip(_WHITESPACE)
            if self.peek() != ";":
                return Link(target, params)
            self.pos += 1
            self.skip(_WHITESPACE)
            if self.peek() in (",", ";", ""):
                continue  # a stray ';' carries nothing
            name, value = self.param()
            # RFC 8288 3.3: occurrences of rel after the first MUST be ignored.
            params.setdefault(name, value)

    def param(self) -> tuple[str, str]:
        start = self.pos
        while self.peek() and self.peek() in _TCHAR:
            self.pos += 1
        name = self.text[start : self.pos].lower()
        if not name:
            raise self.fail("expected a parameter name")
        self.skip(_WHITESPACE)
        if self.peek() != "=":
            return name, ""
        self.pos += 1
        self.skip(_WHITESPACE)
        if self.peek() == '"':
            return name, self.quoted()
        start = self.pos
        while self.peek() and self.peek() not in _WHITESPACE + ',;"':
            self.pos += 1
        if self.pos == start:
            raise self.fail("expected a parameter value")
        return name, self.text[start : self.pos]

    def quoted(self) -> str:
        self.pos += 1  # the opening quote
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\":
                if self.pos + 1 >= len(self.text):
                    break
                out.append(self.text[self.pos + 1])
                self.pos += 2
            elif char == '"':
                self.pos += 1
                return "".join(out)
            else:
                out.append(char)
                self.pos += 1
        raise self.fail("unterminated quoted string")
