"""
The generated models against the spec they come from: names, fields, types and every example.
"""

import datetime as dt
import enum
import json
import re
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bandwidth_async import models
from bandwidth_async._converter import CONVERTER, wire_name
from bandwidth_async.models import (
    CallDirectionEnum,
    CallState,
    CreateCall,
    OpenStrEnum,
    TnLookupResult,
)
from bandwidth_async.models._discriminators import DISCRIMINATORS

from .schemas import ARRAY_SCHEMAS, PRIMITIVE_SCHEMAS, RELAXED, RENAMED, SCHEMAS, UNION_SCHEMAS

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "spec" / "bandwidth.yml").read_text()
)
SCHEMA_BODIES: dict[str, dict[str, Any]] = SPEC["components"]["schemas"]
REF = "#/components/schemas/"
OBJECTS = sorted(n for n, cls in SCHEMAS.items() if attrs.has(cls))
#: Class name -> (wire property, a value) that makes a union pick that class.
TAGS = {
    cls: (prop, value)
    for prop, mapping in DISCRIMINATORS.values()
    for value, cls in reversed(mapping.items())
}
ENUMS = sorted(n for n, cls in SCHEMAS.items() if issubclass(cls, enum.Enum))
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

API_NAMES = [
    "CreateCall",
    "CreateCallResponse",
    "CallState",
    "UpdateCall",
    "Conference",
    "ConferenceMember",
    "CallRecordingMetadata",
    "MessageRequest",
    "Message",
    "ListMessageItem",
    "Media",
    "VoiceApiError",
    "MessagingRequestError",
    "MfaRequestError",
    "TnLookupRequestError",
    "LookupRequest",
    "LookupStatus",
    "MessageDeliveredCallback",
    "MessageFailedCallback",
    "MessageSendingCallback",
    "AnswerCallback",
    "DisconnectCallback",
    "GatherCallback",
    "InboundMessageCallback",
    "CallStateEnum",
    "CallDirectionEnum",
]


# -- helpers ---------------------------------------------------------------------------------


def resolve(node: Any) -> Any:
    """Follow a local ``$ref`` chain to the object it names."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def ref_name(schema: dict[str, Any]) -> str | None:
    """The schema name a ``$ref`` (or one-item ``allOf``) points at."""
    if "$ref" in schema:
        return str(schema["$ref"]).removeprefix(REF)
    if len(schema.get("allOf", [])) == 1:
        return ref_name(schema["allOf"][0])
    return None


def flat(name: str) -> tuple[dict[str, Any], set[str]]:
    """The properties and required names of schema *name*, ``allOf`` parts merged."""
    return _flat(SCHEMA_BODIES[name])


def _flat(body: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    props: dict[str, Any] = {}
    required = set(body.get("required", []))
    for part in body.get("allOf", []):
        inner = _flat(resolve(part))
        props.update(inner[0])
        required |= inner[1]
    props.update(body.get("properties", {}))
    return props, required & set(props)


def target_type(schema: dict[str, Any]) -> Any:
    """The model type a media-type schema decodes to, or None for non-model bodies."""
    name = ref_name(schema)
    if name is not None:
        return SCHEMAS.get(name) or UNION_SCHEMAS.get(name)
    if schema.get("type") == "array":
        item = target_type(schema["items"])
        return None if item is None else list[item]  # type: ignore[valid-type]
    return None


def jsonable(value: Any) -> Any:
    """What a JSON body would hold: YAML parses bare timestamps into datetimes, JSON does not."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def normalise(value: Any) -> Any:
    """Compare JSON by meaning: datetimes by instant, ``null`` the same as an absent key."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str) and ISO.match(value):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def media_examples(node: dict[str, Any], path: str) -> Iterator[Any]:
    """The ``example`` and ``examples`` of a media type object, with its model."""
    schema = node.get("schema")
    cls = target_type(schema) if isinstance(schema, dict) else None
    if cls is None:
        return
    if "example" in node:
        yield pytest.param(cls, node["example"], id=f"{path}/example")
    for key, example in (node.get("examples") or {}).items():
        yield pytest.param(cls, resolve(example)["value"], id=f"{path}/{key}")


def spec_examples(node: Any = SPEC, path: str = "") -> Iterator[Any]:
    """Every example in the spec whose target model can be told from where it sits."""
    if isinstance(node, list):
        for index, child in enumerate(node):
            yield from spec_examples(child, f"{path}/{index}")
        return
    if not isinstance(node, dict):
        return
    yield from media_examples(node, path)
    parent, _, name = path.rpartition("/")
    if parent == "components/schemas" and name in OBJECTS and "example" in node:
        yield pytest.param(SCHEMAS[name], node["example"], id=f"{path}/example")
    for key, child in node.items():
        yield from spec_examples(child, f"{path}/{key}" if path else str(key))


SYNTHETIC = {"integer": 7, "number": 2.5, "boolean": True, "string": "text"}


def example_of(schema: dict[str, Any]) -> Any:
    """An example value for a property: its own ``example``, else one built from its type."""
    name = ref_name(schema)
    target = SCHEMA_BODIES[name] if name else schema
    kind = target.get("type")
    if "example" in schema or "example" in target:
        value = schema.get("example", target.get("example"))
    elif name in OBJECTS:
        value = full_example(name)
    elif "oneOf" in target or "anyOf" in target:
        value = example_of((target.get("oneOf") or target["anyOf"])[0])
    elif "properties" in target or "allOf" in target:
        value = {p: example_of(s) for p, s in _flat(target)[0].items()}
    elif "enum" in target:
        value = target["enum"][0]
    elif kind == "array":
        value = [example_of(target["items"])]
    elif kind == "object":
        extra = target.get("additionalProperties")
        value = {"key": example_of(extra)} if isinstance(extra, dict) else {"any": [1, "two"]}
    elif target.get("format") == "date-time":
        value = "2022-06-17T22:19:40.375Z"
    else:
        value = SYNTHETIC[str(kind)]
    return value


def full_example(name: str) -> dict[str, Any]:
    """A body for schema *name* with every property set, from the properties' own examples."""
    body = {p: example_of(s) for p, s in flat(name)[0].items()}
    tag = TAGS.get(SCHEMAS[name].__name__)
    if tag is not None and tag[0] in body:
        body[tag[0]] = tag[1]
    return body


def strategy(tp: Any) -> st.SearchStrategy[Any]:
    """Values of the annotation *tp* that JSON can carry."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy(a) for a in args))
    if origin is list:
        return st.lists(strategy(args[0]), max_size=2)
    if origin is dict:
        return st.dictionaries(st.text(max_size=5), strategy(args[1]), max_size=2)
    if attrs.has(tp):
        fields = {a.name: strategy(a.type) for a in attrs.fields(tp)}
        tag = TAGS.get(tp.__name__)
        for a in attrs.fields(tp):
            if tag is not None and wire_name(tp.__name__, a.name) == tag[0]:
                fields[a.name] = st.just(a.type(tag[1]))  # the union must pick this class back
        return st.builds(tp, **fields)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        type(None): st.none(),
        str: st.text(max_size=8),
        int: st.integers(),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
        Any: st.one_of(st.integers(), st.text(max_size=5), st.booleans()),
        dt.datetime: st.datetimes(timezones=st.just(dt.UTC)),
    }
    if tp in simple:
        return simple[tp]
    assert issubclass(tp, enum.Enum), tp
    return st.sampled_from(list(tp))


def round_trip(cls: Any, body: Any) -> Any:
    """Structure *body* as *cls* and unstructure it again, through real JSON both ways."""
    obj = CONVERTER.structure(json.loads(json.dumps(jsonable(body))), cls)
    return json.loads(json.dumps(CONVERTER.unstructure(obj)))


# -- the registry against the spec -----------------------------------------------------------


def test_every_schema_has_a_model_or_a_primitive_type() -> None:
    """Each schema of the spec is a class in SCHEMAS or a plain type in PRIMITIVE_SCHEMAS."""
    kinds = [SCHEMAS, PRIMITIVE_SCHEMAS, UNION_SCHEMAS, ARRAY_SCHEMAS]
    assert sum(len(k) for k in kinds) == len(SCHEMA_BODIES) == 278
    assert set().union(*kinds) == set(SCHEMA_BODIES)


@pytest.mark.parametrize("name", sorted(PRIMITIVE_SCHEMAS))
def test_primitive_schemas_map_to_their_python_type(name: str) -> None:
    """A plain schema maps to str, int or datetime as its type and format say."""
    body = SCHEMA_BODIES[name]
    expected = {"integer": int, "number": float, "boolean": bool}.get(body["type"], str)
    if body.get("format") == "date-time":
        expected = dt.datetime
    assert PRIMITIVE_SCHEMAS[name] is expected


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_class_is_named_after_its_schema(name: str) -> None:
    """Every class is the PascalCase of its schema name and is exported from models."""
    cls = SCHEMAS[name]
    assert cls.__name__ == RENAMED.get(name, name[0].upper() + name[1:])
    assert getattr(models, cls.__name__) is cls
    assert cls.__doc__
    assert cls.__doc__.strip()


def test_api_names_are_exported() -> None:
    """The model names API.md promises exist under exactly those names."""
    for name in API_NAMES:
        assert name in models.__all__
        assert getattr(models, name).__name__ == name


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("TranscriptionList", "RecordingTranscriptions"),
        ("TranscriptionMetadata", "RecordingTranscriptionMetadata"),
        ("InboundMessageCallbackMessage", "InboundCallbackMessage"),
        ("MessageDeliveredCallbackMessage", "StatusCallbackMessage"),
    ],
)
def test_renamed_schemas_keep_their_old_names(old: str, new: str) -> None:
    """A schema the 2024 spec named otherwise is still importable under its old name."""
    assert old in models.__all__
    assert getattr(models, old) is getattr(models, new)


def test_all_is_sorted_and_complete() -> None:
    """models.__all__ is sorted and names every class of the registry."""
    assert models.__all__ == sorted(models.__all__)
    assert {cls.__name__ for cls in SCHEMAS.values()} <= set(models.__all__)


@pytest.mark.parametrize("name", ENUMS)
def test_enum_members_are_the_spec_values(name: str) -> None:
    """An enum has one member per spec value, named in UPPER_SNAKE, and stays open."""
    cls = SCHEMAS[name]
    assert issubclass(cls, OpenStrEnum)
    assert [m.value for m in cls] == SCHEMA_BODIES[name]["enum"]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", m.name) for m in cls)


@pytest.mark.parametrize("name", OBJECTS)
def test_fields_are_the_schema_properties(name: str) -> None:
    """A class's fields are its schema's properties, by wire name; required ones have no default."""
    cls = SCHEMAS[name]
    properties, required_names = flat(name)
    fields = attrs.fields(cls)
    assert {wire_name(cls.__name__, f.name) for f in fields} == set(properties)
    required = {wire_name(cls.__name__, f.name) for f in fields if f.default is attrs.NOTHING}
    assert required == required_names - RELAXED.get(name, set())
    assert all(f.kw_only for f in fields)


@pytest.mark.parametrize("name", OBJECTS)
def test_models_are_frozen(name: str) -> None:
    """Every model is immutable once built."""
    cls = SCHEMAS[name]
    obj: object = CONVERTER.structure(jsonable(full_example(name)), cls)
    field = attrs.fields(cls)[0].name if attrs.fields(cls) else "anything"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, None)


# -- examples --------------------------------------------------------------------------------

EXAMPLES = list(spec_examples())


def test_the_spec_has_examples_to_check() -> None:
    """The collector finds the spec's examples, so the round trips below are not vacuous."""
    assert len(EXAMPLES) >= 20


#: Spec examples holding a key their schema lacks (the model ignores it, as API.md promises).
EXTRA_KEYS = {"createAsyncBulkLookupResponse": ("data", "results")}


@pytest.mark.parametrize(("cls", "example"), EXAMPLES)
def test_spec_example_round_trips(cls: Any, example: Any) -> None:
    """A spec example structures into its model and unstructures back to the same JSON."""
    expected = normalise(jsonable(example))
    extra = EXTRA_KEYS.get(cls.__name__[0].lower() + cls.__name__[1:])
    if extra is not None:
        expected[extra[0]].pop(extra[1])
    assert normalise(round_trip(cls, example)) == expected


@pytest.mark.parametrize("name", OBJECTS)
def test_full_example_round_trips(name: str) -> None:
    """A body with every property set, from the spec's property examples, survives a round trip."""
    example = full_example(name)
    assert normalise(round_trip(SCHEMAS[name], example)) == normalise(jsonable(example))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", OBJECTS)
def test_any_model_round_trips(name: str, data: st.DataObject) -> None:
    """Any instance of any model comes back equal after unstructure, JSON and structure."""
    cls = SCHEMAS[name]
    obj = data.draw(strategy(cls))
    wire = json.loads(json.dumps(CONVERTER.unstructure(obj)))
    assert CONVERTER.structure(wire, cls) == obj


# -- behaviour users rely on -----------------------------------------------------------------


def test_unknown_enum_value_is_kept() -> None:
    """A direction the spec does not list survives as a string, both ways."""
    call = CONVERTER.structure({"callId": "c-1", "direction": "sideways"}, CallState)
    assert call.direction == "sideways"
    assert isinstance(call.direction, CallDirectionEnum)
    assert CONVERTER.unstructure(call) == {"callId": "c-1", "direction": "sideways"}


def test_unknown_field_is_ignored() -> None:
    """A field Bandwidth adds later does not break decoding."""
    call = CONVERTER.structure({"callId": "c-1", "brandNewField": {"x": 1}}, CallState)
    assert call == CallState(call_id="c-1")


def test_none_fields_are_not_sent() -> None:
    """A request model sends only what was set, under the wire names."""
    call = CreateCall(to="+19195551234", from_="+19195554321", application_id="a", answer_url="u")
    assert CONVERTER.unstructure(call) == {
        "to": "+19195551234",
        "from": "+19195554321",
        "applicationId": "a",
        "answerUrl": "u",
    }


def test_required_fields_are_enforced() -> None:
    """Leaving out a required field fails when the model is built, not on the server."""
    with pytest.raises(TypeError, match="answer_url"):
        CreateCall(to="+19195551234", from_="+19195554321", application_id="a")  # type: ignore[call-arg]


def test_lookup_result_reads_its_prose_keys() -> None:
    """The v1 lookup's TnLookupResult fields come from keys with spaces ("E.164 Format")."""
    result = CONVERTER.structure(
        {"E.164 Format": "+19195551234", "Line Type": "Mobile"}, TnLookupResult
    )
    assert result.e_164_format == "+19195551234"
    assert result.line_type == "Mobile"


def outcome(fn: Any, wire: Any, cls: Any) -> Any:
    """What *fn* gives for *wire*: the object, or the type and message of what it raised."""
    try:
        return fn(wire, cls)
    except Exception as exc:
        return (type(exc), str(exc))


JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=4),
    st.lists(st.integers(), max_size=2),
    st.booleans(),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("name", OBJECTS)
def test_generated_structure_matches_cattrs(name: str, data: st.DataObject) -> None:
    """The converter's generated structure function gives what cattrs' own gives, junk included."""
    cls = SCHEMAS[name]
    fast = CONVERTER.get_structure_hook(cls)
    detailed = fast.__globals__.get("_detailed", fast)
    wire = json.loads(json.dumps(CONVERTER.unstructure(data.draw(strategy(cls)))))
    if wire and data.draw(st.booleans()):
        wire[data.draw(st.sampled_from(sorted(wire)))] = data.draw(JUNK)
    if data.draw(st.booleans()) and attrs.fields(cls):
        wire.pop(wire_name(name, attrs.fields(cls)[0].name), None)
    assert outcome(fast, wire, cls) == outcome(detailed, wire, cls)


def test_generated_structure_is_used_for_call_state() -> None:
    """CallState, the model every export decodes, goes through the generated function."""
    fast = CONVERTER.get_structure_hook(CallState)
    assert fast.__name__ == "fast_structure_CallState"


def test_webhook_models_load_on_first_use() -> None:
    """A client that never parses a webhook does not pay for importing the callback models."""
    code = (
        "import sys, bandwidth_async as bw\n"
        "print('bandwidth_async.models.callbacks' in sys.modules)\n"
        "print(bw.AnswerCallback.__name__, bw.models.GatherCallback.__name__)\n"
        "print('bandwidth_async.models.callbacks' in sys.modules)\n"
    )
    out = subprocess.run(  # noqa: S603 - our own code, run with this interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "AnswerCallback", "GatherCallback", "True"]
    with pytest.raises(AttributeError, match="NoSuchModel"):
        _ = models.NoSuchModel


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("endpoints", "CreateWebRtcConnectionRequest"),
        ("tollfree", "VerificationRequest"),
        ("multichannel", "MultiChannelMessageRequest"),
        ("lookup", "SyncLookupRequest"),
        ("legacy", "LookupRequest"),
    ],
)
def test_newer_api_models_load_on_first_use(module: str, name: str) -> None:
    """Importing the package loads no model of the newer APIs until one is used."""
    code = (
        "import sys, bandwidth_async as bw\n"
        f"print('bandwidth_async.models.{module}' in sys.modules)\n"
        f"print(bw.{name}.__module__)\n"
    )
    out = subprocess.run(  # noqa: S603 - our own code, run with this interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", f"bandwidth_async.models.{module}"]


def is_credential(field: str) -> bool:
    """Whether a field name says it holds a secret."""
    return "password" in field or "secret" in field or field == "token"


CREDENTIAL_CLASSES = sorted(
    {
        cls.__name__
        for cls in (getattr(models, n) for n in models.__all__)
        if attrs.has(cls) and any(is_credential(f.name) for f in attrs.fields(cls))
    }
)


def test_credential_fields_are_found() -> None:
    """The models with credentials include the ones API.md names, so the test below is not empty."""
    assert {"CreateCall", "UpdateCall", "TfvBasicAuthentication"} <= set(CREDENTIAL_CLASSES)


@pytest.mark.parametrize("name", CREDENTIAL_CLASSES)
def test_credentials_are_hidden_in_repr_but_sent(name: str) -> None:
    """Every password, secret or token field is left out of repr and kept in the wire body."""
    cls = getattr(models, name)
    secret = "S3cr3t-value-\u00e9"
    obj = attrs.evolve(
        _minimal(cls), **{f.name: secret for f in attrs.fields(cls) if is_credential(f.name)}
    )
    assert secret not in repr(obj)
    assert secret not in str(obj)
    wire = CONVERTER.unstructure(obj)
    for f in attrs.fields(cls):
        if is_credential(f.name):
            assert wire[wire_name(name, f.name)] == secret


def _minimal(cls: Any) -> Any:
    """An instance of *cls* built from a full example of its schema."""
    schema = next(n for n, c in SCHEMAS.items() if c is cls) if cls in SCHEMAS.values() else None
    if schema is not None:
        return CONVERTER.structure(jsonable(full_example(schema)), cls)
    # An inline object of a schema: its required fields are strings.
    return cls(**{f.name: "x" for f in attrs.fields(cls) if f.default is attrs.NOTHING})
