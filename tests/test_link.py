"""
The Link header parser (RFC 8288) and the LinkHeader strategy that reads rel=next from it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bandwidth_async import PaginationError
from bandwidth_async._link import parse_links
from bandwidth_async._pagination import LinkHeader
from bandwidth_async._request import Response

BASE = "https://voice.bandwidth.com/api/v2/accounts/9900000/calls?pageSize=2"

# (header values, the next URL the strategy must resolve, or None for "no next page")
CASES = [
    pytest.param(
        ['<https://voice.bandwidth.com/api/v2/accounts/9900000/calls?pageToken=a>; rel="next"'],
        "https://voice.bandwidth.com/api/v2/accounts/9900000/calls?pageToken=a",
        id="bandwidth-absolute",
    ),
    pytest.param(
        ['<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter"'],
        None,
        id="rfc8288-previous-only",
    ),
    pytest.param(['</>; rel="http://example.net/foo"'], None, id="rfc8288-extension-rel"),
    pytest.param(['</terms>; rel="copyright"; anchor="#foo"'], None, id="rfc8288-anchor-not-next"),
    pytest.param(
        [
            (
                "</TheBook/chapter2>; rel=\"previous\"; title*=UTF-8'de'letztes%20Kapitel, "
                "</TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel"
            )
        ],
        "https://voice.bandwidth.com/TheBook/chapter4",
        id="rfc8288-two-links-ext-title",
    ),
    pytest.param(
        ['<http://example.org/>; rel="start http://example.net/relation/other"'],
        None,
        id="rfc8288-multiple-rels-no-next",
    ),
    pytest.param(["</p2>; rel=next"], "https://voice.bandwidth.com/p2", id="bare-rel"),
    pytest.param(
        ['</p2>; rel="next last"'], "https://voice.bandwidth.com/p2", id="several-rel-values"
    ),
    pytest.param(['</p2>; REL="NEXT"'], "https://voice.bandwidth.com/p2", id="upper-case"),
    pytest.param(
        ['</p2>; title="x"; rel="next"; type="application/json"'],
        "https://voice.bandwidth.com/p2",
        id="rel-not-first",
    ),
    pytest.param(
        ['</p1>; rel="prev"', '</p3>; rel="next"'],
        "https://voice.bandwidth.com/p3",
        id="two-headers",
    ),
    pytest.param(
        ['</p1>; rel="prev", </p3>; rel="next"'],
        "https://voice.bandwidth.com/p3",
        id="two-links-one-header",
    ),
    pytest.param(
        ['</calls?to=a,b;c>; rel="next"'],
        "https://voice.bandwidth.com/calls?to=a,b;c",
        id="comma-semicolon-inside-brackets",
    ),
    pytest.param(
        ['<?pageToken=xyz>; rel="next"'],
        "https://voice.bandwidth.com/api/v2/accounts/9900000/calls?pageToken=xyz",
        id="relative-query-only",
    ),
    pytest.param(
        ['<calls?pageToken=2>; rel="next"'],
        "https://voice.bandwidth.com/api/v2/accounts/9900000/calls?pageToken=2",
        id="relative-path",
    ),
    pytest.param(
        ['<../9900001/calls>; rel="next"'],
        "https://voice.bandwidth.com/api/v2/accounts/9900001/calls",
        id="relative-dot-dot",
    ),
    pytest.param(
        ['</p2>  ;  rel = "next"  '], "https://voice.bandwidth.com/p2", id="spaces-around"
    ),
    pytest.param(
        ['</p2>; title="a \\"quoted\\", rel=next"; rel="prev"'],
        None,
        id="rel-inside-quoted-title-is-not-a-rel",
    ),
    pytest.param(
        ['</p2>; rel="next"; rel="prev"'], "https://voice.bandwidth.com/p2", id="first-rel-wins"
    ),
    pytest.param([', , </p2>; rel="next",'], "https://voice.bandwidth.com/p2", id="empty-elements"),
    pytest.param([], None, id="no-header"),
    pytest.param([""], None, id="empty-header"),
    pytest.param(
        ['</p2?a=%2B&b=%20>; rel="next"'],
        "https://voice.bandwidth.com/p2?a=%2B&b=%20",
        id="percent-encoding-kept",
    ),
]


@pytest.mark.parametrize(("headers", "expected"), CASES)
def test_next_link(headers: list[str], expected: str | None) -> None:
    """The strategy finds rel=next in every RFC 8288 form and resolves it against the request."""
    response = Response.of([], headers=[("Link", h) for h in headers], url=BASE)
    page = LinkHeader().next_page(response)
    if expected is None:
        assert page is None
    else:
        assert page is not None
        assert str(page.url) == expected


BAD = [
    pytest.param("https://a/p2; rel=next", id="no-brackets"),
    pytest.param('<https://a/p2; rel="next"', id="unclosed-bracket"),
    pytest.param('<https://a/p2>; rel="next', id="unclosed-quote"),
    pytest.param('<https://a/p2> rel="next"', id="missing-semicolon"),
    pytest.param('<https://a/p2>; ="next"', id="missing-param-name"),
    pytest.param("<https://a/p2>; rel=", id="missing-param-value"),
    pytest.param('<https://a/p2>; rel="next" <https://a/p3>', id="missing-comma"),
]


@pytest.mark.parametrize("header", BAD)
def test_unreadable_link_raises(header: str) -> None:
    """A Link header that is present but unreadable raises rather than ending pagination."""
    response = Response.of([], headers=[("Link", header)], url=BASE)
    with pytest.raises(PaginationError, match="unreadable Link header"):
        LinkHeader().next_page(response)


def test_params_are_parsed() -> None:
    """Parameter names are case-insensitive and quoted values unescaped."""
    (link,) = parse_links(['<https://x/y>; Rel="next last"; TITLE="a \\"b\\""'])
    assert link.target == "https://x/y"
    assert link.rels == ("next", "last")
    assert link.params["title"] == 'a "b"'


@given(st.text(max_size=200))
def test_parser_raises_nothing_but_pagination_error(text: str) -> None:
    """Whatever the header holds, the parser returns links or raises PaginationError."""
    try:
        links = parse_links([text])
    except PaginationError:
        return
    assert all(isinstance(link.target, str) for link in links)


@given(
    st.text(alphabet=st.characters(codec="ascii", exclude_characters='<>"\\\r\n'), max_size=40),
    st.sampled_from(["next", "NEXT", '"next"', '"prev next"']),
)
def test_strategy_raises_nothing_but_pagination_error(target: str, rel: str) -> None:
    """Odd targets either resolve or raise PaginationError, never a foreign exception."""
    response = Response.of([], headers=[("Link", f"<{target}>; rel={rel}")], url=BASE)
    try:
        page = LinkHeader().next_page(response)
    except PaginationError:
        return
    assert page is not None
