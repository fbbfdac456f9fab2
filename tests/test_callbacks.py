"""
Webhook bodies into typed models: every callback example of the spec, errors and Basic auth.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bandwidth_async import callbacks
from bandwidth_async._converter import CONVERTER, wire_name
from bandwidth_async._errors import BandwidthError, DecodeError

SPEC = yaml.safe_load((Path(__file__).parent.parent / "spec" / "bandwidth.yml").read_text())
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]

_MISSING = object()


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def example(schema: dict[str, Any]) -> Any:
    """
    Assemble a payload from the examples the spec gives each property.
    """
    schema = _resolve(schema)
    if "example" in schema:
        return _jsonable(schema["example"])
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in schema:
            return example(schema[combinator][0])
    if "properties" in schema:
        out = {}
        for key, prop in schema["properties"].items():
            value = example(prop)
            if value is not _MISSING:
                out[key] = value
        return out
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("type") == "array":
        item = example(schema.get("items", {}))
        return [] if item is _MISSING else [item]
    return _MISSING


VOICE = {
    name: name.removesuffix("Callback")
    for name in SCHEMAS
    if name.endswith("Callback")
    and "properties" in SCHEMAS[name]
    and "eventType" in SCHEMAS[name]["properties"]
}


def callback_examples(name: str) -> dict[str, Any]:
    """
    The request body examples of the spec's webhook *name* (components.callbacks), by name.
    """
    (path,) = SPEC["components"]["callbacks"][name].values()
    content = path["post"]["requestBody"]["content"]["application/json"]
    return {
        key: _jsonable(SPEC["components"]["examples"][ex["$ref"].rsplit("/", 1)[-1]]["value"])
        for key, ex in content["examples"].items()
    }


MESSAGING_EXAMPLES = {**callback_examples("inboundCallback"), **callback_examples("statusCallback")}
TOLL_FREE = ["verificationWebhook", "verificationDenialWebhook", "failureWebhook", "blockedWebhook"]


def voice_payload(schema_name: str) -> dict[str, Any]:
    payload: dict[str, Any] = example(SCHEMAS[schema_name])
    payload["eventType"] = VOICE[schema_name]  # the shared eventType example is one value
    return payload


def assert_fields_match(model: Any, payload: dict[str, Any]) -> None:
    """
    Every field of *model* that the payload carries holds the payload's value.
    """
    checked = 0
    for field in attrs.fields(type(model)):
        wire = wire_name(type(model).__name__, field.name)
        if wire not in payload:
            continue
        value, sent = getattr(model, field.name), payload[wire]
        if isinstance(value, dt.datetime):
            assert value == dt.datetime.fromisoformat(sent)
            assert value.tzinfo is not None
        elif isinstance(value, list):
            assert json.loads(json.dumps(CONVERTER.unstructure(value))) == sent
        elif isinstance(value, enum.Enum | str | int | float):
            assert value == sent
        elif attrs.has(type(value)):
            assert_fields_match(value, sent)
        checked += 1
    assert checked


def test_spec_lists_every_voice_event() -> None:
    """The spec's voice callback schemas are exactly the events parse dispatches on."""
    assert set(VOICE.values()) == set(callbacks.VOICE_EVENTS)


@pytest.mark.parametrize("schema_name", sorted(VOICE))
def test_voice_examples_parse_into_their_class(schema_name: str) -> None:
    """Each voice callback example of the spec becomes its own model, fields filled in."""
    payload = voice_payload(schema_name)
    model = callbacks.parse(payload)
    expected = schema_name[0].upper() + schema_name[1:]
    assert type(model).__name__ == expected
    assert isinstance(model, callbacks.VOICE_EVENTS[VOICE[schema_name]])
    assert_fields_match(model, payload)


def test_spec_lists_every_messaging_event() -> None:
    """The spec's messaging event types are exactly the events parse dispatches on."""
    types = SCHEMAS["statusCallbackTypeEnum"]["enum"] + SCHEMAS["inboundCallbackTypeEnum"]["enum"]
    assert set(callbacks.MESSAGING_EVENTS) == set(types)


@pytest.mark.parametrize("name", sorted(MESSAGING_EXAMPLES))
def test_messaging_examples_parse_into_their_class(name: str) -> None:
    """Each messaging webhook example of the spec, sent as the usual array, gives a list."""
    payload = MESSAGING_EXAMPLES[name]
    models = callbacks.parse(json.dumps([payload]).encode())
    assert isinstance(models, list)
    (model,) = models
    assert type(model) is callbacks.MESSAGING_EVENTS[payload["type"]]
    assert_fields_match(model, payload)


def test_messaging_events_keep_their_names_and_share_a_schema() -> None:
    """The names of today's messaging callbacks stay, as subclasses of the spec's two schemas."""
    examples = {p["type"]: p for p in MESSAGING_EXAMPLES.values()}
    received = callbacks.parse(examples["message-received"])
    delivered = callbacks.parse(examples["message-delivered"])
    failed = callbacks.parse(examples["message-failed"])
    assert isinstance(received, callbacks.InboundMessageCallback)
    assert isinstance(received, callbacks.InboundCallback)
    assert isinstance(delivered, callbacks.MessageDeliveredCallback)
    assert isinstance(failed, callbacks.MessageFailedCallback)
    assert isinstance(failed, callbacks.StatusCallback)
    assert not isinstance(failed, callbacks.MessageDeliveredCallback)
    assert failed.error_code == examples["message-failed"]["errorCode"]
    assert callbacks.InboundMessageCallbackMessage is callbacks.InboundCallbackMessage


def test_inbound_callback_example_fields_are_readable() -> None:
    """The spec's SMS message-received example reads as text, sender and an aware time."""
    model = callbacks.parse(MESSAGING_EXAMPLES["smsMessageReceivedCallback"])
    assert isinstance(model, callbacks.InboundMessageCallback)
    assert model.message.text
    assert model.message.from_.startswith("+")
    assert model.time.tzinfo is not None


def test_endpoint_event_example_parses() -> None:
    """The spec's endpoint event example becomes an EndpointEvent with its device."""
    (payload,) = callback_examples("endpointEvent").values()
    model = callbacks.parse(json.dumps(payload))
    assert isinstance(model, callbacks.EndpointEvent)
    assert model.event_type == payload["eventType"]
    assert set(callbacks.ENDPOINT_EVENTS) == set(SCHEMAS["endpointEventTypeEnum"]["enum"])
    assert_fields_match(model, payload)


@pytest.mark.parametrize("schema_name", TOLL_FREE)
def test_toll_free_webhooks_parse_into_their_class(schema_name: str) -> None:
    """Each toll-free verification webhook, built from the spec's examples, finds its model."""
    payload = example(SCHEMAS[schema_name])
    model = callbacks.parse(json.dumps(payload))
    assert type(model).__name__ == schema_name[0].upper() + schema_name[1:]
    assert_fields_match(model, payload)


def test_toll_free_webhook_with_a_new_key_is_still_read() -> None:
    """A toll-free webhook carrying a key no schema lists goes to the closest model."""
    payload = example(SCHEMAS["verificationWebhook"]) | {"newKey": 1}
    model = callbacks.parse(payload)
    assert isinstance(model, callbacks.VerificationWebhook)
    assert callbacks.toll_free_webhook({"hello"}) is None


def test_gather_fields_are_readable() -> None:
    """A gather callback exposes digits, caller and aware times under snake_case names."""
    model = callbacks.parse(voice_payload("gatherCallback"))
    assert isinstance(model, callbacks.GatherCallback)
    assert model.digits == "123"
    assert model.from_ == "+15555555555"
    assert model.event_time == dt.datetime(2022, 6, 17, 22, 19, 40, 375000, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda p: json.dumps(p).encode(), id="bytes"),
        pytest.param(lambda p: bytearray(json.dumps(p).encode()), id="bytearray"),
        pytest.param(json.dumps, id="str"),
        pytest.param(lambda p: p, id="dict"),
    ],
)
def test_bytes_str_and_dict_are_accepted(encode: Any) -> None:
    """The raw body or the decoded dict give the same model."""
    payload = voice_payload("answerCallback")
    assert callbacks.parse(encode(payload)) == callbacks.parse(payload)
    assert isinstance(callbacks.parse(encode(payload)), callbacks.AnswerCallback)


def test_single_messaging_event_gives_one_model() -> None:
    """One messaging event passed as a dict gives one model, not a list."""
    model = callbacks.parse(MESSAGING_EXAMPLES["smsMessageDeliveredCallback"])
    assert isinstance(model, callbacks.MessageDeliveredCallback)


def test_mixed_array_keeps_order() -> None:
    """An array of several events gives their models in order, unknown ones included."""
    received = MESSAGING_EXAMPLES["smsMessageReceivedCallback"]
    failed = MESSAGING_EXAMPLES["messageFailedCallback"]
    models = callbacks.parse(json.dumps([received, {"type": "message-new"}, failed]))
    assert [type(m) for m in models] == [  # type: ignore[union-attr]
        callbacks.InboundMessageCallback,
        callbacks.UnknownCallback,
        callbacks.MessageFailedCallback,
    ]


@pytest.mark.parametrize(
    ("payload", "event_type"),
    [
        pytest.param({"eventType": "mediaStreamStarted", "callId": "c-1"}, "mediaStreamStarted"),
        pytest.param({"type": "message-new", "to": "+1"}, "message-new"),
        pytest.param({"hello": "world"}, None, id="no-type"),
        pytest.param({"eventType": 7}, None, id="non-string-type"),
    ],
)
def test_unknown_event_gives_unknown_callback(
    payload: dict[str, Any], event_type: str | None
) -> None:
    """An event this release does not know is kept whole, never an exception."""
    model = callbacks.parse(payload)
    assert model == callbacks.UnknownCallback(raw=payload, event_type=event_type)


def test_extra_fields_are_tolerated() -> None:
    """Fields Bandwidth adds later are ignored, not an error."""
    payload = voice_payload("disconnectCallback") | {"brandNewField": {"nested": [1, 2]}}
    model = callbacks.parse(payload)
    assert isinstance(model, callbacks.DisconnectCallback)
    assert model.call_id == "c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(b"{not json", "not JSON", id="bad-json"),
        pytest.param("", "not JSON", id="empty"),
        pytest.param(b"\xff\xfe", "not JSON", id="bad-utf8"),
        pytest.param(b"42", "object or array", id="number"),
        pytest.param('"answer"', "object or array", id="string"),
        pytest.param(b"null", "object or array", id="null"),
        pytest.param(b"[1, 2]", "event is a JSON object", id="array-of-numbers"),
        pytest.param(
            b'{"eventType": "answer", "eventTime": "yesterday"}', "AnswerCallback", id="bad-time"
        ),
        pytest.param(
            b'[{"type": "message-received", "to": "+1"}]',
            "InboundMessageCallback",
            id="missing-required",
        ),
    ],
)
def test_bad_bodies_raise_decode_error(body: bytes | str, message: str) -> None:
    """Bad JSON or a shape that does not fit raises DecodeError carrying the body."""
    with pytest.raises(DecodeError, match=message) as info:
        callbacks.parse(body)
    assert isinstance(info.value, BandwidthError)
    if isinstance(body, str) and body:
        assert info.value.text == body[:500]


def test_non_json_python_values_raise_decode_error() -> None:
    """A Python value that is neither JSON text nor a dict or list is refused clearly."""
    with pytest.raises(DecodeError, match="object or array"):
        callbacks.parse(3.5)  # type: ignore[call-overload]


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_basic_auth_accepts_right_credentials() -> None:
    """The header Bandwidth sends with the configured credentials passes."""
    assert callbacks.check_basic_auth(_basic("bw", "s3cr:et"), "bw", "s3cr:et")
    assert callbacks.check_basic_auth("basic " + _basic("bw", "pw")[6:], "bw", "pw")


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param(_basic("bw", "wrong"), id="wrong-password"),
        pytest.param(_basic("other", "pw"), id="wrong-user"),
        pytest.param(_basic("bw", "pw") + "x", id="bad-base64"),
        pytest.param("Bearer abc", id="other-scheme"),
        pytest.param("Basic", id="no-credentials"),
        pytest.param("Basic " + base64.b64encode(b"bwpw").decode(), id="no-colon"),
        pytest.param("Basic éé", id="non-ascii"),
        pytest.param("Basic !!!!", id="garbage"),
    ],
)
def test_basic_auth_refuses_everything_else(header: str | None) -> None:
    """Wrong, missing or garbled headers are False, never an exception."""
    assert not callbacks.check_basic_auth(header, "bw", "pw")


@given(st.one_of(st.none(), st.text(), st.binary().map(lambda b: "Basic " + b.hex())))
def test_basic_auth_never_raises(header: str | None) -> None:
    """Any header value gives a boolean, never an exception."""
    assert callbacks.check_basic_auth(header, "bw", "pw") in (True, False)


@given(st.text().filter(lambda s: ":" not in s), st.text())
def test_basic_auth_round_trips(user: str, password: str) -> None:
    """Credentials encoded the way HTTP clients do are accepted, with non-ASCII too."""
    assert callbacks.check_basic_auth(_basic(user, password), user, password)
    assert not callbacks.check_basic_auth(_basic(user, password + "x"), user, password)
