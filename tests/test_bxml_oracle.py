"""
The official bandwidth-sdk as an oracle: every verb and attribute it writes, ours writes the same.

The SDK's classes are discovered, not listed: each constructor parameter is probed with a marker
value to learn whether it becomes an attribute (and under which wire name), the text, or the
nested verbs. Then both libraries build the verb with representative values and the documents
must be equal under canonical XML (C14N 2.0: attribute order, quoting and the declaration do not
matter), and ``bxml.parse`` must read ours back to an equal object. Where we write differently on
purpose, ``DIFFERENCES`` below records the case, the reason and what each side produces.
"""

from __future__ import annotations

import inspect
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from bandwidth_async import bxml
from bandwidth_async.bxml._base import attribute_specs

sdk: Any = pytest.importorskip("bandwidth.models.bxml")


# --- What the SDK writes, learned by probing its constructors -------------------------------


def _marker(param: str) -> str:
    """
    A value that can only have come from parameter *param* (some SDK verbs pass it through str).
    """
    return f"<<{param}>>"


@attrs.frozen
class SdkShape:
    """How one SDK verb class maps its constructor parameters onto XML."""

    cls: type
    element: str
    attributes: dict[str, str]  # wire name -> parameter
    text: str | None  # the parameter that becomes the text content
    children: str | None  # the parameter that becomes the nested verbs
    single_child: bool  # the children parameter takes one verb, not a list
    required: frozenset[str]  # parameters without a default
    defaults: dict[str, str]  # attributes written though nobody asked for them: wire -> value


def _probe(cls: type) -> SdkShape:
    params = [p for p in inspect.signature(cls).parameters.values() if p.name != "self"]
    origin = {_marker(p.name): p.name for p in params}
    verb = cls(**{p.name: _marker(p.name) for p in params})
    attributes: dict[str, str] = {}
    for wire, value in (verb._attributes or {}).items():
        assert str(value) in origin, f"{cls.__name__}: {wire} is not set by a parameter"
        attributes[wire] = origin[str(value)]
    text = origin.get(verb._content) if verb._content is not None else None
    nested = getattr(verb, "_nested_verbs", [])
    children, single = None, False
    if isinstance(nested, str):  # the list parameter itself
        children = origin[nested]
    elif nested:  # one verb, wrapped in a list by the SDK
        (only,) = nested
        children, single = origin[only], True
    roles = {*attributes.values(), text, children}
    unknown = [p.name for p in params if p.name not in roles]
    assert not unknown, f"{cls.__name__}: parameters with no role in the XML: {unknown}"
    required = frozenset(p.name for p in params if p.default is inspect.Parameter.empty)
    bare = cls(**{name: _marker(name) for name in required})
    defaults = {
        wire: str(value)
        for wire, value in (bare._attributes or {}).items()
        if value is not None and str(value) not in origin
    }
    return SdkShape(
        cls=cls,
        element=verb._tag,
        attributes=attributes,
        text=text,
        children=children,
        single_child=single,
        required=required,
        defaults=defaults,
    )


SDK_CLASSES = sorted(
    (
        obj
        for obj in vars(sdk.verbs).values()
        if isinstance(obj, type)
        and issubclass(obj, sdk.Verb)
        and obj.__module__.startswith("bandwidth.models.bxml.verbs.")
    ),
    key=lambda cls: cls.__name__,
)
SHAPES = {shape.element: shape for shape in map(_probe, SDK_CLASSES)}
OURS: dict[str, type[bxml.Verb]] = {
    cls.element_name: cls
    for cls in (getattr(bxml, name) for name in bxml.__all__)
    if isinstance(cls, type) and issubclass(cls, bxml.Verb) and cls is not bxml.Verb
}


# --- Building the same verb in both libraries -------------------------------------------------

#: Representative values by our attribute kind. The text has characters both sides must
#: escape (``&``, quotes, ``>``) and non-ASCII, but no ``<``: see DIFFERENCES for that.
SAMPLE: dict[str, Any] = {"str": "v & 'q' \"dq\" > é 日", "int": 7, "float": 2.5, "bool": True}
TEXT = "t & 'q' > é"


@attrs.frozen
class Pair:
    """One element built by both libraries."""

    ours: bxml.Verb
    theirs: Any


def _specs(element: str) -> dict[str, Any]:
    return {spec.wire: spec for spec in attribute_specs(OURS[element])}


def build(
    element: str, values: dict[str, Any] | None = None, children: list[Pair] | None = None
) -> Pair:
    """
    Build *element* in both libraries: its required attributes plus *values* (by wire name).

    Nested verbs are *children*, or else one of each kind the element takes.
    """
    shape, ours_cls = SHAPES[element], OURS[element]
    specs = _specs(element)
    required = {spec.wire for spec in specs.values() if spec.required}
    required |= {wire for wire, param in shape.attributes.items() if param in shape.required}
    chosen = {wire: SAMPLE[specs[wire].kind] for wire in required}
    # The SDK writes some defaults nobody asked for (DIFFERENCES: "defaults"); ours writes
    # them only when asked, so ask.
    chosen |= {wire: specs[wire].parse(text, element) for wire, text in shape.defaults.items()}
    chosen |= values or {}
    if children is None:
        kinds = ours_cls.allowed_children or ()
        children = [build(kind.element_name) for kind in kinds][: ours_cls.max_children]

    positional: list[Any] = [TEXT] if shape.text else []
    positional += [child.ours for child in children]
    ours = ours_cls(*positional, **{specs[w].name: v for w, v in chosen.items()})

    kwargs = {shape.attributes[w]: v for w, v in chosen.items()}
    if shape.text:
        kwargs[shape.text] = TEXT
    if shape.children:
        nested = [child.theirs for child in children]
        kwargs[shape.children] = nested[0] if shape.single_child else nested
    return Pair(ours, shape.cls(**kwargs))


TOP_LEVEL = bxml.Response.allowed_children or ()


def canonical(document: str) -> str:
    """
    The C14N 2.0 form: attribute order, quoting, empty elements and the declaration normalised.
    """
    return ET.canonicalize(xml_data=document.encode())


def documents(pair: Pair) -> tuple[str, str, bxml.Response]:
    """
    Both libraries' documents holding *pair* (in a parent verb if it only goes nested).
    """
    if type(pair.ours) not in TOP_LEVEL:
        parent = next(cls for cls in TOP_LEVEL if type(pair.ours) in (cls.allowed_children or ()))
        pair = build(parent.element_name, children=[pair])
    root = bxml.Response(pair.ours)
    return str(root), sdk.Response([pair.theirs]).to_bxml(), root


# --- The oracle ------------------------------------------------------------------------------


def test_probe_found_the_verbs_the_issue_names() -> None:
    """Discovery is not vacuous: it finds the SDK's verbs, Connect and Endpoint among them."""
    assert {"Connect", "Endpoint", "Gather", "Transfer", "StartStream"} <= set(SHAPES)
    assert SHAPES["PhoneNumber"].attributes["uui"] == "uui"
    assert SHAPES["StartStream"].attributes["destinationPassword"] == "destination_password"
    assert SHAPES["StopStream"].attributes["wait"] == "wait"
    assert sum(len(shape.attributes) for shape in SHAPES.values()) > 150


@pytest.mark.parametrize("element", sorted(SHAPES))
def test_we_have_every_sdk_verb_and_attribute(element: str) -> None:
    """Every element and attribute the SDK can write is one ours can write and read."""
    assert element in OURS, f"<{element}> is missing"
    shape, cls = SHAPES[element], OURS[element]
    assert set(shape.attributes) <= set(_specs(element)), f"<{element}> lacks attributes"
    assert bool(shape.text) == bool(cls.text_field or cls.mixed_content)
    assert bool(shape.children) == (cls.allowed_children is not None)


ATTRIBUTES = [
    pytest.param(element, wire, id=f"{element}-{wire}")
    for element, shape in sorted(SHAPES.items())
    for wire in sorted(shape.attributes)
]


@pytest.mark.parametrize(("element", "wire"), ATTRIBUTES)
@pytest.mark.parametrize("flavour", ["sample", "other"])
def test_each_attribute_is_written_as_the_sdk_writes_it(
    element: str, wire: str, flavour: str
) -> None:
    """One attribute set (as well as the required ones): the same document, and it parses back."""
    kind = _specs(element)[wire].kind
    other = {"str": "", "int": 0, "float": 30, "bool": False}
    value = SAMPLE[kind] if flavour == "sample" else other[kind]
    ours, theirs, root = documents(build(element, {wire: value}))
    assert canonical(ours) == canonical(theirs)
    assert bxml.parse(ours) == root


@pytest.mark.parametrize("element", sorted(SHAPES))
def test_every_attribute_at_once_is_written_as_the_sdk_writes_it(element: str) -> None:
    """All of a verb's attributes together, with its text and one of each nested verb."""
    specs = _specs(element)
    values = {wire: SAMPLE[specs[wire].kind] for wire in SHAPES[element].attributes}
    ours, theirs, root = documents(build(element, values))
    assert canonical(ours) == canonical(theirs)
    assert bxml.parse(ours) == root


@pytest.mark.parametrize("root", ["Response", "Bxml"])
def test_a_document_of_every_verb_is_the_sdks_document(root: str) -> None:
    """Every top-level verb in one document under either root, as the SDK writes it."""
    pairs = [
        build(element, {w: SAMPLE[_specs(element)[w].kind] for w in SHAPES[element].attributes})
        for element in sorted(SHAPES)
        if OURS[element] in TOP_LEVEL
    ]
    ours = getattr(bxml, root)(*(pair.ours for pair in pairs))
    theirs = getattr(sdk, root)([pair.theirs for pair in pairs]).to_bxml()
    assert canonical(str(ours)) == canonical(theirs)
    assert bxml.parse(str(ours)) == ours


# --- Where ours differs on purpose -----------------------------------------------------------


def _sdk_doc(*verbs: Any) -> str:
    return str(sdk.Response(list(verbs)).to_bxml())


def _elements(document: str) -> list[str]:
    return [element.tag for element in ET.fromstring(document).iter()]  # noqa: S314 - test data


def _not_well_formed(document: str) -> bool:
    try:
        ET.fromstring(document)  # noqa: S314 - test data
    except ET.ParseError:
        return True
    return False


@attrs.frozen
class Difference:
    """
    One case where ours writes (or refuses to write) something else than the SDK, and why.

    *theirs* gives the SDK's document; *ours* gives ours or raises ``BxmlError``; *check*
    asserts what each side's result means. Every entry must still differ: when the SDK changes,
    the test says so and the entry is reviewed again.
    """

    reason: str
    theirs: Callable[[], str]
    ours: Callable[[], str]
    check: Callable[[str, str | bxml.BxmlError], None]


def _check_defaults(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, str)
    sdk_pause, sdk_record = ET.fromstring(theirs)  # noqa: S314 - test data
    assert sdk_pause.attrib == {"duration": "1"}
    assert sdk_record.attrib == {"maxDuration": "60"}
    assert ET.fromstring(ours)[0].attrib == ET.fromstring(ours)[1].attrib == {}  # noqa: S314


def _check_injection(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, str)
    assert _elements(theirs) == ["Response", "Tag", "Hangup", "Tag"]  # a hang-up was injected
    assert bxml.parse(ours) == bxml.Response(bxml.Tag("</Tag><Hangup/><Tag>"))


def _check_markup_in_attribute(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, str)
    assert _not_well_formed(theirs)
    assert bxml.parse(ours) == bxml.Response(bxml.Redirect(redirect_url="/next", tag="<b>"))


def _check_ssml(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, str)
    assert _elements(theirs) == ["Response", "SpeakSentence", "emphasis"]
    assert _elements(ours) == ["Response", "SpeakSentence"]  # spoken as written
    as_ssml = bxml.Response(bxml.SpeakSentence("Say ", bxml.SSML("<emphasis>this</emphasis>")))
    assert canonical(str(as_ssml)) == canonical(theirs)  # markup, asked for, is the SDK's


def _check_carriage_return(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, str)
    assert ET.fromstring(theirs)[0].text == "a\nb\nc"  # noqa: S314 - CR lost
    assert bxml.parse(ours) == bxml.Response(bxml.Tag("a\r\nb\rc"))


def _check_number(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, str)
    assert ET.fromstring(theirs)[0].attrib["callbackTimeout"] == "2.0"  # noqa: S314
    assert ET.fromstring(ours)[0].attrib["callbackTimeout"] == "2"  # noqa: S314


def _check_refused(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, bxml.BxmlError)
    assert not _not_well_formed(theirs)  # the SDK writes it; Bandwidth fails the call


def _check_unwritable(theirs: str, ours: str | bxml.BxmlError) -> None:
    assert isinstance(ours, bxml.BxmlError)
    assert _not_well_formed(theirs)


DIFFERENCES = {
    "defaults": Difference(
        "None means 'not sent': Bandwidth applies the same defaults (Pause 1 s, Record 60 s), "
        "and the writer never invents values the caller did not give.",
        lambda: _sdk_doc(sdk.Pause(), sdk.Record()),
        lambda: str(bxml.Response(bxml.Pause(), bxml.Record())),
        _check_defaults,
    ),
    "markup-in-text": Difference(
        "A str is always text. The SDK turns anything in the document that looks like a tag "
        "back into markup, so a value from a caller can inject verbs.",
        lambda: _sdk_doc(sdk.Tag("</Tag><Hangup/><Tag>")),
        lambda: str(bxml.Response(bxml.Tag("</Tag><Hangup/><Tag>"))),
        _check_injection,
    ),
    "markup-in-attribute": Difference(
        "The SDK's unescaping also reaches attribute values, writing a raw '<' inside one: "
        "a document no XML parser accepts.",
        lambda: _sdk_doc(sdk.Redirect("/next", tag="<b>")),
        lambda: str(bxml.Response(bxml.Redirect(redirect_url="/next", tag="<b>"))),
        _check_markup_in_attribute,
    ),
    "ssml-is-explicit": Difference(
        "SSML is passed as bxml.SSML (checked well-formed when built); a plain str is spoken "
        "as written. With SSML ours writes exactly the SDK's document.",
        lambda: _sdk_doc(sdk.SpeakSentence("Say <emphasis>this</emphasis>")),
        lambda: str(bxml.Response(bxml.SpeakSentence("Say <emphasis>this</emphasis>"))),
        _check_ssml,
    ),
    "carriage-return": Difference(
        "A CR in text is written as &#13;: written raw (the SDK), XML parsers turn it into LF.",
        lambda: _sdk_doc(sdk.Tag("a\r\nb\rc")),
        lambda: str(bxml.Response(bxml.Tag("a\r\nb\rc"))),
        _check_carriage_return,
    ),
    "whole-numbers": Difference(
        "A float with no fraction is written as an integer ('2', as the reference writes it), "
        "not Python's '2.0'; it is the same number.",
        lambda: _sdk_doc(sdk.Conference("c", callback_timeout=2.0)),
        lambda: str(bxml.Response(bxml.Conference("c", callback_timeout=2.0))),
        _check_number,
    ),
    "refer-without-destination": Difference(
        "The reference requires exactly one <SipUri> in <Refer>: refused where it is built, "
        "not when the call fails.",
        lambda: _sdk_doc(sdk.Refer()),
        lambda: str(bxml.Response(bxml.Refer())),
        _check_refused,
    ),
    "connect-without-endpoint": Difference(
        "<Connect> is to an <Endpoint>; without one there is nowhere to connect: refused "
        "where it is built.",
        lambda: _sdk_doc(sdk.Connect()),
        lambda: str(bxml.Response(bxml.Connect())),
        _check_refused,
    ),
    "transfer-without-destination": Difference(
        "<Transfer> needs 1 to 8 numbers or SIP URIs: refused where it is built.",
        lambda: _sdk_doc(sdk.Transfer()),
        lambda: str(bxml.Response(bxml.Transfer())),
        _check_refused,
    ),
    "control-characters": Difference(
        "XML 1.0 cannot carry NUL or most C0 controls: ours refuses the value, the SDK writes "
        "a document no XML parser accepts.",
        lambda: _sdk_doc(sdk.Tag("a\x1bb")),
        lambda: str(bxml.Response(bxml.Tag("a\x1bb"))),
        _check_unwritable,
    ),
}


@pytest.mark.parametrize("name", sorted(DIFFERENCES))
def test_kept_differences(name: str) -> None:
    """Each reviewed difference still exists and does what its reason says on both sides."""
    difference = DIFFERENCES[name]
    assert difference.reason
    theirs = difference.theirs()
    ours: str | bxml.BxmlError
    try:
        ours = difference.ours()
    except bxml.BxmlError as exc:
        ours = exc
    else:
        assert _not_well_formed(theirs) or canonical(ours) != canonical(theirs)
    difference.check(theirs, ours)


def test_the_sdk_writes_no_other_unasked_defaults() -> None:
    """The only attributes the SDK writes unasked are the ones the "defaults" entry reviews."""
    found = {element: shape.defaults for element, shape in SHAPES.items() if shape.defaults}
    assert found == {"Pause": {"duration": "1"}, "Record": {"maxDuration": "60"}}
