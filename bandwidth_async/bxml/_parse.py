"""
Read a BXML document back into the classes of ``verbs``.

This uses the standard library's ``xml.etree.ElementTree``. It never resolves external entities,
and the expat it ships with (2.4.1 and later) refuses "billion laughs" entity expansion, which is
enough for documents the size of BXML (64 KB at most). An application that parses BXML from
parties it does not trust may still prefer to run it through ``defusedxml`` first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from ._base import SSML, BxmlError, Verb, attribute_specs, write_element
from .verbs import (
    TOP_LEVEL,
    Bxml,
    CustomParam,
    Endpoint,
    PhoneNumber,
    Response,
    SipUri,
    StreamParam,
)

__all__ = ["parse"]

_NESTED_ONLY: tuple[type[Verb], ...] = (PhoneNumber, SipUri, StreamParam, CustomParam, Endpoint)
_ALL: tuple[type[Verb], ...] = (*TOP_LEVEL, *_NESTED_ONLY, Response, Bxml)
_CLASSES: dict[str, type[Verb]] = {cls.element_name: cls for cls in _ALL}


def parse(document: str | bytes) -> Response | Bxml:
    """
    Read a ``<Response>`` or ``<Bxml>`` document into the objects that write it.

    ``parse(str(doc)) == doc`` for every document these classes build.

    Raises:
        BxmlError: The text is not well-formed XML, its root is neither ``<Response>`` nor
            ``<Bxml>``, or it holds an element, attribute or nesting BXML does not have.
    """
    try:
        root = ET.fromstring(document)  # noqa: S314 - see the module docstring
    except ET.ParseError as exc:
        raise BxmlError(f"not well-formed XML: {exc}") from exc
    if root.tag not in (Response.element_name, Bxml.element_name):
        raise BxmlError(f"a BXML document starts with <Response> or <Bxml>, not <{root.tag}>")
    result = _element(root)
    assert isinstance(result, Response | Bxml)  # noqa: S101 - the root tag was checked above
    return result


def _element(element: ET.Element) -> Verb:
    cls = _CLASSES.get(element.tag)
    if cls is None:
        raise BxmlError(f"<{element.tag}> is not a BXML element")
    tag = cls.element_name
    specs = {spec.wire: spec for spec in attribute_specs(cls)}
    attributes: dict[str, Any] = {}
    for wire, text in element.attrib.items():
        spec = specs.get(wire)
        if spec is None:
            raise BxmlError(f"<{tag}> has no attribute {wire!r}")
        attributes[spec.name] = spec.parse(text, tag)

    positional: list[Any]
    if cls.mixed_content:
        positional = _mixed_content(element)
    elif cls.allowed_children is not None:
        _only_whitespace(element, tag)
        positional = [_element(child) for child in element]
    else:
        if len(element):
            raise BxmlError(f"<{element[0].tag}> cannot be nested in <{tag}>")
        if cls.text_field is None:
            _only_whitespace(element, tag)
            positional = []
        else:
            positional = [element.text or ""]
    try:
        return cls(*positional, **attributes)
    except BxmlError:
        raise
    except (TypeError, ValueError) as exc:
        raise BxmlError(f"<{tag}>: {exc}") from exc


def _mixed_content(element: ET.Element) -> list[str | SSML]:
    pieces: list[str | SSML] = [element.text or ""]
    for child in element:
        parts: list[str] = []
        write_element(child, parts.append)
        pieces.append(SSML("".join(parts)))
        pieces.append(child.tail or "")
    return pieces


def _only_whitespace(element: ET.Element, tag: str) -> None:
    texts = [element.text or "", *(child.tail or "" for child in element)]
    for text in texts:
        if text.strip():
            raise BxmlError(f"<{tag}> takes no text content, found {text.strip()!r}")
