"""
The machinery under every BXML class: errors, escaping, the ``SSML`` type and the ``Verb`` base.

Serialisation is hand-written on purpose: every character that XML gives a meaning to is escaped
through one translation table, and the only markup written unescaped is an ``SSML`` value, which
was checked to be well-formed when it was built. No regular expression touches the output.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from .._wire import camel

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "SSML",
    "BxmlError",
    "BxmlTypeError",
    "NestingError",
    "Verb",
    "escape_attribute",
    "escape_text",
    "secret",
]

#: The namespace XML binds to the ``xml:`` prefix (``xml:lang`` in SSML ``<lang>``).
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

Kind = Literal["str", "int", "float", "bool"]


class BxmlError(ValueError):
    """
    A BXML document or value is not valid: malformed XML, an unknown element, a bad attribute.
    """


class BxmlTypeError(BxmlError, TypeError):
    """
    A value of the wrong type was given to a BXML class (for example a number for a URL).
    """


class NestingError(BxmlTypeError):
    """
    A verb was nested where BXML does not allow it (for example ``<Hangup>`` inside ``<Gather>``).
    """


# Text content: only the characters that would start markup, plus CR, which an XML parser
# would otherwise turn into LF. Attributes also escape the quote and the whitespace characters
# that attribute-value normalisation would turn into spaces.
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def escape_text(value: str) -> str:
    """
    Escape *value* for use as element text.
    """
    return value.translate(_TEXT_ESCAPES)


def escape_attribute(value: str) -> str:
    """
    Escape *value* for use inside a double-quoted attribute.
    """
    return value.translate(_ATTRIBUTE_ESCAPES)


def check_characters(value: str, where: str) -> None:
    """
    Refuse characters that XML 1.0 cannot carry at all (NUL, most C0 controls, lone surrogates).
    """
    for char in value:
        code = ord(char)
        if (
            (code < 0x20 and char not in "\t\n\r")  # noqa: PLR2004
            or 0xD800 <= code <= 0xDFFF  # noqa: PLR2004
            or code in (0xFFFE, 0xFFFF)
        ):
            raise BxmlError(f"{where}: character U+{code:04X} cannot appear in an XML document")


def parse_fragment(markup: str, where: str) -> ET.Element:
    """
    Parse *markup* (text and elements, no root) inside a wrapper element.

    The wrapper leaves no room for a DOCTYPE, so no entity can be declared or expanded.
    """
    try:
        return ET.fromstring(f"<ssml>{markup}</ssml>")  # noqa: S314 - no DOCTYPE possible here
    except ET.ParseError as exc:
        raise BxmlError(f"{where} is not well-formed markup: {exc}") from exc


def write_element(element: ET.Element, out: Callable[[str], object]) -> None:
    """
    Write a parsed element (and everything in it, but not its tail) as markup.
    """
    name = _qualified_name(element.tag)
    out(f"<{name}")
    for key, value in element.attrib.items():
        out(f' {_qualified_name(key)}="{escape_attribute(value)}"')
    if not element.text and len(element) == 0:
        out("/>")
        return
    out(">")
    if element.text:
        out(escape_text(element.text))
    for child in element:
        write_element(child, out)
        if child.tail:
            out(escape_text(child.tail))
    out(f"</{name}>")


def _qualified_name(name: str) -> str:
    if not name.startswith("{"):
        return name
    namespace, _, local = name[1:].partition("}")
    if namespace == XML_NAMESPACE:
        return f"xml:{local}"
    raise BxmlError(f"the XML namespace {namespace!r} is not supported in BXML")


def _check_ssml(_instance: object, _attribute: attrs.Attribute[str], markup: str) -> None:
    if not isinstance(markup, str):
        raise BxmlTypeError(f"SSML takes a str of markup, not {type(markup).__name__}")
    check_characters(markup, "SSML")
    parse_fragment(markup, f"SSML {markup!r}")


@attrs.frozen
class SSML:
    """
    Markup to pass through into ``<SpeakSentence>`` unescaped, such as ``<break time="1s"/>``.

    It must be well-formed (checked here, so a mistake fails where it is made, not on the
    call). A plain ``str`` next to it is always escaped.
    """

    markup: str = attrs.field(validator=_check_ssml)

    def __str__(self) -> str:
        return self.markup


def secret() -> Any:
    """
    An optional attribute left out of ``repr`` (a password): written to the document, never logged.

    Every BXML field named like ``*password*`` or ``*secret*`` uses it, as the models do for
    theirs; a test checks that.
    """
    return attrs.field(default=None, repr=False)


class Verb:
    """
    Base of every BXML element class: the verbs, the nouns nested in them, and the two roots.

    Subclasses say how their content works through class variables; the attrs fields that are
    neither the text nor the children are the XML attributes, written in camelCase.
    """

    __slots__ = ()

    #: The element name.
    element_name: ClassVar[str]
    #: Name of the field holding the text content, if the element has one.
    text_field: ClassVar[str | None] = None
    #: True when the content is a mix of ``str`` and ``SSML`` pieces (``<SpeakSentence>``).
    mixed_content: ClassVar[bool] = False
    #: The classes allowed as children, or ``None`` when the element takes no children.
    allowed_children: ClassVar[tuple[type[Verb], ...] | None] = None
    #: The most children the element takes.
    max_children: ClassVar[int | None] = None
    #: The fewest children the element takes.
    min_children: ClassVar[int] = 0

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        if cls.text_field is not None:
            text = getattr(self, cls.text_field)
            if not isinstance(text, str):
                raise BxmlTypeError(
                    f"<{cls.element_name}> text must be a str, not {type(text).__name__}"
                )
            check_characters(text, f"<{cls.element_name}> text")
        for spec in attribute_specs(cls):
            spec.check(getattr(self, spec.name), cls.element_name)
        if cls.allowed_children is not None:
            self._check_children(getattr(self, "children", ()))

    def _check_children(self, children: tuple[object, ...]) -> None:
        cls = type(self)
        allowed = cls.allowed_children or ()
        for child in children:
            if not isinstance(child, allowed):
                what = (
                    f"<{child.element_name}>"
                    if isinstance(child, Verb)
                    else repr(type(child).__name__)
                )
                names = ", ".join(f"<{a.element_name}>" for a in allowed)
                raise NestingError(
                    f"{what} cannot be nested in <{cls.element_name}>; allowed: {names}"
                )
        if len(children) < cls.min_children:
            raise BxmlError(
                f"<{cls.element_name}> needs at least {cls.min_children} nested element(s)"
            )
        if cls.max_children is not None and len(children) > cls.max_children:
            raise BxmlError(
                f"<{cls.element_name}> takes at most {cls.max_children} nested elements"
            )

    def to_xml(self) -> str:
        """
        The element as an XML fragment, with no declaration and no added whitespace.
        """
        parts: list[str] = []
        self.write(parts.append)
        return "".join(parts)

    def write(self, out: Callable[[str], object]) -> None:
        """
        Write the element's markup piece by piece to *out*.
        """
        cls = type(self)
        out(f"<{cls.element_name}")
        for spec in attribute_specs(cls):
            value = getattr(self, spec.name)
            if value is not None:
                out(f' {spec.wire}="{escape_attribute(format_value(value))}"')
        inner = list(self._inner())
        if not inner:
            out("/>")
            return
        out(">")
        for piece in inner:
            if isinstance(piece, Verb):
                piece.write(out)
            else:
                out(piece)
        out(f"</{cls.element_name}>")

    def _inner(self) -> Iterable[str | Verb]:
        cls = type(self)
        if cls.text_field is not None:
            text = getattr(self, cls.text_field)
            if text:
                yield escape_text(text)
        elif cls.mixed_content:
            for piece in getattr(self, "content", ()):
                yield piece.markup if isinstance(piece, SSML) else escape_text(piece)
        elif cls.allowed_children is not None:
            yield from getattr(self, "children", ())


def format_value(value: str | bool | float) -> str:
    """
    An attribute value as BXML spells it: ``true``/``false``, plain numbers, text as is.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@attrs.frozen
class AttributeSpec:
    """
    One XML attribute of a BXML class: its Python field, its wire name and its value kind.
    """

    name: str
    wire: str
    kind: Kind
    required: bool = False

    def check(self, value: object, tag: str) -> None:
        """
        Refuse a value of the wrong type or with characters XML cannot carry.
        """
        if value is None:
            if self.required:
                raise BxmlTypeError(f"<{tag}> needs {self.name}=, the {self.wire} attribute")
            return
        ok = {
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, int | float) and not isinstance(value, bool),
        }[self.kind]
        if not ok:
            raise BxmlTypeError(
                f"<{tag}> {self.name}= takes a {self.kind}, not {type(value).__name__}"
            )
        if isinstance(value, str):
            check_characters(value, f"<{tag}> {self.wire}")
        elif isinstance(value, float) and not math.isfinite(value):
            raise BxmlError(f"<{tag}> {self.name}= must be a finite number, not {value}")

    def parse(self, text: str, tag: str) -> Any:
        """
        Turn the attribute's text back into the field's value.
        """
        if self.kind == "str":
            return text
        try:
            if self.kind == "bool":
                return {"true": True, "false": False}[text.strip().lower()]
            if self.kind == "int":
                return int(text)
            value = float(text)
        except (KeyError, ValueError) as exc:
            raise BxmlError(f"<{tag}> {self.wire}={text!r} is not a valid {self.kind}") from exc
        if not math.isfinite(value):
            raise BxmlError(f"<{tag}> {self.wire}={text!r} is not a finite number")
        return value


def wire_name(name: str) -> str:
    """
    The camelCase attribute name of snake_case field *name* (``from_`` is ``from``).
    """
    return camel(name)


_CONTENT_FIELDS = frozenset({"children", "content"})


_SPECS: dict[type[Verb], tuple[AttributeSpec, ...]] = {}


def attribute_specs(cls: type[Verb]) -> tuple[AttributeSpec, ...]:
    """
    The XML attributes of *cls*, in the order the reference lists them (computed once per class).
    """
    specs = _SPECS.get(cls)
    if specs is None:
        attrs_cls: Any = cls
        attrs.resolve_types(attrs_cls)
        specs = tuple(
            AttributeSpec(
                field.name,
                wire_name(field.name),
                _kind(field.type),
                required=field.default is attrs.NOTHING,
            )
            for field in attrs.fields(attrs_cls)
            if field.name not in _CONTENT_FIELDS and field.name != cls.text_field
        )
        _SPECS[cls] = specs
    return specs


def _kind(annotation: Any) -> Kind:
    options = set(getattr(annotation, "__args__", (annotation,)))
    for kind, python in (("bool", bool), ("int", int), ("float", float), ("str", str)):
        if python in options:
            return kind  # type: ignore[return-value]
    msg = f"unsupported BXML attribute type {annotation!r}"
    raise TypeError(msg)
