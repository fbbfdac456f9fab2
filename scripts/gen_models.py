"""
Generate ``bandwidth_async/models/`` from ``spec/bandwidth.yml``.

Run ``python scripts/gen_models.py`` after the spec changes, then review the diff. The script
reads the spec with pyyaml, writes one attrs class per object schema (``allOf`` merged, inline
objects as their own classes), one ``OpenStrEnum`` per enum schema and one type alias per
``oneOf``/``anyOf`` (with its discriminator in ``models/_discriminators.py``), and finishes with
``ruff format``. It also writes the webhook tables ``callbacks.parse`` dispatches on
(``models/_events.py``), the schemas the 2024 spec had and the current one dropped
(``models/legacy.py``, from ``spec/bandwidth-2024.yml``), and the schema registry the tests use
(``tests/schemas.py``). It never touches ``models/_base.py``.
"""

from __future__ import annotations

import keyword
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

# One naming rule for the SDK and its generator.
from bandwidth_async._wire import camel as to_camel
from bandwidth_async._wire import snake as to_snake

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "bandwidth.yml"
OLD_SPEC = ROOT / "spec" / "bandwidth-2024.yml"
OUT = ROOT / "bandwidth_async" / "models"
REF_PREFIX = "#/components/schemas/"
LAZY_MODULE = "callbacks"  # the webhook models, pulled out of their sections
# Modules models/__init__.py loads on first use: a client that never touches these APIs never
# pays for importing them (together they are about half of the models' import time).
LAZY_MODULES = ("callbacks", "endpoints", "legacy", "lookup", "multichannel", "tollfree")
WIDTH = 100

# The spec lists its schemas grouped by API: a section runs from its first schema to the next
# section's first schema. Webhook bodies are pulled out of their section into callbacks.py.
SECTIONS = [
    ("messaging", None),
    ("multichannel", "createMultiChannelMessageResponse"),
    ("voice", "callbackMethodEnum"),
    ("mfa", "codeRequest"),
    ("lookup", "completedLookupStatusEnum"),
    ("tollfree", "accountId1"),
    ("endpoints", "endpointId"),
]

MODULE_DOCS = {
    "voice": "Voice API models: calls, conferences, recordings, transcriptions and statistics.",
    "messaging": "Messaging API models: messages, media listings, page info and errors.",
    "multichannel": "Multi-channel messaging models: RBM, SMS and MMS channel lists and content.",
    "mfa": "Multi-factor authentication API models: code requests, verification and errors.",
    "lookup": "Phone number lookup (v2) models: synchronous and bulk lookups and their results.",
    "tollfree": "Toll-free verification models: requests, their status and webhook subscriptions.",
    "endpoints": "Endpoint models: WebRTC endpoints, their devices, pages and errors.",
    "callbacks": "Webhook bodies: voice, messaging, toll-free verification and endpoint events.",
    "legacy": "Models of the 2024 spec that the current one dropped: the v1 lookup among them.",
}

# Webhook bodies whose names do not end in Callback or Webhook.
WEBHOOK_SCHEMAS = {"callback", "endpointEvent"}

# The union of the messaging webhooks; its discriminator names every messaging event.
MESSAGING_UNION = "callback"

# The request body that lists the toll-free verification webhooks.
TOLL_FREE_BODY = "verificationWebhookRequest"

# Messaging events whose class keeps the name it had before the spec merged them into one schema.
EVENT_CLASSES = {"message-received": "InboundMessageCallback"}

# Schemas whose PascalCase name would shadow another public name of the package.
RENAMES = {
    "page": "BrtcPage",  # bandwidth_async.Page is a page of a paginator
    "callback": "MessagingCallback",  # bandwidth_async.callbacks.Callback is any webhook
}

# Schemas of the 2024 spec that the current spec dropped, and their classes in models/legacy.py.
# lookupResult kept its name but changed meaning (v2 lookup); the v1 one is TnLookupResult.
LEGACY = {
    "deferredResult": "DeferredResult",
    "tag": "Tag",
    "lookupStatusEnum": "LookupStatusEnum",
    "lookupRequest": "LookupRequest",
    "createLookupResponse": "CreateLookupResponse",
    "lookupResult": "TnLookupResult",
    "lookupStatus": "LookupStatus",
    "tnLookupRequestError": "TnLookupRequestError",
}

# Required properties that the spec's own examples leave out: optional here, so a real body that
# looks like the spec's example decodes (lookupErrorSchema: every error example lacks ``code``).
RELAXED = {"lookupErrorSchema": {"code"}}

# Old class names of schemas the current spec renamed or merged, and the class they now are.
ALIASES = {
    "TranscriptionList": "RecordingTranscriptions",
    "TranscriptionMetadata": "RecordingTranscriptionMetadata",
    "InboundMessageCallbackMessage": "InboundCallbackMessage",
    "MessageSendingCallbackMessage": "StatusCallbackMessage",
    "MessageDeliveredCallbackMessage": "StatusCallbackMessage",
    "MessageFailedCallbackMessage": "StatusCallbackMessage",
}

# The properties of the v1 lookupResult are human-readable labels, not identifiers; the
# converter maps these Python names to them with an explicit table.
IRREGULAR_FIELDS = {
    "lookupResult": {
        "Response Code": "response_code",
        "Message": "message",
        "E.164 Format": "e_164_format",
        "Formatted": "formatted",
        "Country": "country",
        "Line Type": "line_type",
        "Line Provider": "line_provider",
        "Mobile Country Code": "mobile_country_code",
        "Mobile Network Code": "mobile_network_code",
    },
}

# Docstrings for schemas the spec leaves undescribed or only titles; they win over the spec's.
DESCRIPTIONS = {
    "inboundMessageCallback": "Webhook sent when a message arrives at one of your numbers.",
    "inboundMessageCallbackMessage": "The message that arrived, in an ``InboundMessageCallback``.",
    "messageSendingCallback": "Webhook sent when a message is on its way to the carrier.",
    "messageSendingCallbackMessage": "The message being sent, in a ``MessageSendingCallback``.",
    "messageDeliveredCallback": "Webhook sent when a message was delivered to the carrier.",
    "messageDeliveredCallbackMessage": "The message delivered, in a ``MessageDeliveredCallback``.",
    "messageFailedCallback": "Webhook sent when a message could not be delivered.",
    "messageFailedCallbackMessage": "The message that failed, in a ``MessageFailedCallback``.",
    "fieldError": "One invalid field of a rejected message request.",
    "messagesList": "One page of the message search results, with paging tokens.",
    "listMessageItem": "One message in a message search: metadata only, no text or media.",
    "pageInfo": "Links and tokens to the neighbouring pages of a message search.",
    "messagingRequestError": "Error body returned by the messaging API.",
    "createMessageRequestError": "Error body of a rejected message request, field by field.",
    "media": "One media file stored on the messaging API.",
    "tag": "A key/value tag.",
    "deferredResult": "A result computed later, or expired before it was set.",
    "message": "A message accepted by the messaging API for sending.",
    "messageRequest": "Body of ``POST /users/{accountId}/messages``: the message to send.",
    "createCall": "Body of ``POST /accounts/{accountId}/calls``: the outbound call to place.",
    "createCallResponse": "The outbound call Bandwidth created, as returned by createCall.",
    "callState": "The state of a call, live or ended within the last week.",
    "updateCall": "Body of ``POST /accounts/{accountId}/calls/{callId}``: redirect or hang up.",
    "updateCallRecording": "Body of ``PUT .../calls/{callId}/recording``: pause or resume.",
    "accountStatistics": "Call queue statistics of the account.",
    "callRecordingMetadata": "Metadata of one call recording.",
    "conference": "A conference and, when asked for, its active members.",
    "updateConference": "Body of ``POST .../conferences/{conferenceId}``: redirect or end it.",
    "conferenceMember": "One call taking part in a conference.",
    "updateConferenceMember": "Body of ``PUT .../members/{memberId}``: mute, hold or coach.",
    "conferenceRecordingMetadata": "Metadata of one conference recording.",
    "transcribeRecording": "Body of ``POST .../transcription``: ask for a recording transcript.",
    "transcriptionList": "The transcripts of one recording.",
    "voiceApiError": "Error body returned by the voice API.",
    "diversion": "The SIP Diversion header of an inbound call, split into its parameters.",
    "transcription": "One transcript of a recording, with its confidence.",
    "stirShaken": "The STIR/SHAKEN verification result of an inbound call.",
    "codeRequest": "Body of the MFA voice and messaging code requests: who gets which code.",
    "voiceCodeResponse": "The call that delivers an MFA code by voice.",
    "messagingCodeResponse": "The message that delivers an MFA code by text.",
    "verifyCodeRequest": "Body of ``POST /accounts/{accountId}/code/verify``: check a code.",
    "verifyCodeResponse": "Whether an MFA code was valid.",
    "mfaRequestError": "Error body returned by the MFA API.",
    "mfaUnauthorizedRequestError": "Error body of an MFA request with bad credentials (401).",
    "mfaForbiddenRequestError": "Error body of an MFA request the account may not make (403).",
    "tnLookupRequestError": "Error body returned by the phone number lookup API.",
}

# Summary lines for schemas whose spec description opens with a sentence too long for one line;
# the spec's paragraph then follows as the docstring body.
SUMMARIES = {
    "answerCallback": "Webhook sent when an outbound call is answered.",
    "bridgeCompleteCallback": "Webhook sent when the target call leaves a ``<Bridge>``.",
    "bridgeTargetCompleteCallback": "Webhook sent when the originating call leaves a ``<Bridge>``.",
    "conferenceCreatedCallback": "Webhook sent when a conference is created.",
    "conferenceRedirectCallback": "Webhook sent when a conference is modified through the API.",
    "conferenceMemberJoinCallback": "Webhook sent when a caller joins a conference.",
    "conferenceMemberExitCallback": "Webhook sent when a caller leaves a conference.",
    "conferenceRecordingAvailableCallback": "Webhook sent when a conference recording is ready.",
    "initiateCallback": "Webhook sent when an inbound call arrives.",
    "transcriptionAvailableCallback": "Webhook sent when a recording transcript is ready.",
    "transferCompleteCallback": "Webhook sent when the answered B-leg of a ``<Transfer>`` ends.",
    "transferDisconnectCallback": "Webhook sent when any call leg of a ``<Transfer>`` ends.",
    "createLookupResponse": "A phone number lookup that was accepted but has not finished yet.",
}

# Field comments for properties the spec leaves undescribed, by "schema.property", then by
# "*Suffix.property" for the messaging callbacks, then by property alone. They win over the
# description of the schema a property refers to, which is often just the schema's title.
FIELD_DOCS = {
    "*Callback.time": "When the event happened.",
    "*Callback.type": "The event type, such as ``message-received`` or ``message-delivered``.",
    "*Callback.to": "The phone number the message was sent to, in E.164 format.",
    "*Callback.description": "A human-readable description of the event.",
    "*Callback.message": "The message the event is about.",
    "*Callback.errorCode": "The error code of the failure.",
    "*CallbackMessage.id": "The message id.",
    "*CallbackMessage.owner": "The Bandwidth phone number the message belongs to.",
    "*CallbackMessage.applicationId": "The id of the messaging application.",
    "*CallbackMessage.time": "When the message was received or sent.",
    "*CallbackMessage.segmentCount": "The number of segments the message was split into.",
    "*CallbackMessage.to": "The recipients of the message.",
    "*CallbackMessage.from": "The sender of the message.",
    "*CallbackMessage.text": "The text of the message.",
    "*CallbackMessage.tag": "The custom tag given when the message was sent.",
    "*CallbackMessage.media": "URLs of the media files attached to the message.",
    "messagesList.pageInfo": "Tokens and links to the neighbouring pages.",
    "messagesList.messages": "The messages on this page.",
    "media.content": "The URL of the media file.",
    "media.contentLength": "The size of the file in bytes.",
    "media.mediaName": "The name of the media file.",
    "tag.key": "The key of the tag.",
    "tag.value": "The value of the tag.",
    "deferredResult.result": "The result, once it is set.",
    "deferredResult.setOrExpired": "Whether the result was set or has expired.",
    "transcriptionList.transcripts": "The transcripts of the recording.",
    "voiceApiError.id": "The id of the error, for Bandwidth support.",
    "initiateCallback.diversion": "The Diversion header of the inbound call, when it has one.",
    "initiateCallback.stirShaken": "The STIR/SHAKEN verification of the inbound call.",
    "transcriptionAvailableCallback.transcription": "The transcript of the recording.",
    "lookupRequest.tns": "The telephone numbers to look up, in E.164 format.",
    "type": "The kind of error.",
    "description": "What went wrong.",
    "fieldErrors": "The rejected fields, one entry each.",
}


# -- names -----------------------------------------------------------------------------------


def field_name(schema: str, prop: str) -> str:
    """
    The Python field name of *prop* in *schema*: snake_case, reserved words get a trailing ``_``.
    """
    irregular = IRREGULAR_FIELDS.get(schema, {})
    if prop in irregular:
        return irregular[prop]
    name = to_snake(prop)
    return f"{name}_" if keyword.iskeyword(name) else name


def class_name(schema: str) -> str:
    """
    PascalCase of a schema name (``createCall`` -> ``CreateCall``).
    """
    return schema[:1].upper() + schema[1:]


def member_name(value: object) -> str:
    """
    An UPPER_SNAKE enum member name for *value* (``message-received`` -> ``MESSAGE_RECEIVED``).
    """
    name = to_snake(str(value)).upper() or "EMPTY"
    return f"VALUE_{name}" if name[0].isdigit() else name


# -- descriptions ----------------------------------------------------------------------------

ABBREVIATIONS = r"(?<!e\.g)(?<!i\.e)(?<!etc)"


def clean(text: str) -> str:
    """
    Markdown/HTML description -> plain text with RST literals, on one line.
    """
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<a\s[^>]*>(.*?)</a>", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    text = (
        text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').replace("\\", "")
    )
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^\(optional\)\s*", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def first_paragraph(text: str) -> str:
    """
    The first paragraph of a description, cleaned.
    """
    return clean(re.split(r"\n\s*\n|<br>\s*<br>", text.strip())[0])


def split_sentence(text: str) -> tuple[str, str]:
    """
    Split *text* after its first sentence.
    """
    match = re.search(ABBREVIATIONS + r"[.!?](\s|$)", text)
    if match is None:
        return text, ""
    return text[: match.start() + 1], text[match.end() :].strip()


def end_sentence(text: str) -> str:
    """
    Make sure *text* ends like a sentence.
    """
    return text if text.endswith((".", "!", "?")) else f"{text}."


def docstring(schema: str, body: dict[str, Any], indent: str = "    ") -> str:
    """
    The class docstring of *schema*: a one-line summary, then the rest of the first paragraph.
    """
    description = body.get("description")
    paragraph = DESCRIPTIONS.get(schema) or (first_paragraph(description) if description else "")
    if not paragraph:
        paragraph = f"The ``{schema}`` schema of the Bandwidth API."
    summary, rest = split_sentence(paragraph)
    summary = end_sentence(summary)
    # "Possible values:" introduces a list the enum members already show.
    rest = re.sub(r"[^.!?]*:$", "", rest).strip()
    if len(indent) + len(summary) > WIDTH - 4:
        summary = SUMMARIES.get(schema, f"The ``{schema}`` schema of the Bandwidth API.")
        rest = paragraph
    lines = [f'{indent}"""', f"{indent}{summary}"]
    if rest:
        lines.append("")
        lines += textwrap.wrap(
            end_sentence(rest),
            WIDTH,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )
    lines.append(f'{indent}"""')
    return "\n".join(lines)


# -- the spec --------------------------------------------------------------------------------


def pascal(name: str) -> str:
    """
    The PascalCase of *name* (``basicAuthentication`` -> ``BasicAuthentication``).
    """
    return name[:1].upper() + name[1:]


def is_credential(field: str) -> bool:
    """
    Whether field *field* holds a secret that ``repr`` must never show.
    """
    return "password" in field or "secret" in field or field == "token"


class Spec:
    """
    The schemas of one spec, classified, with the inline objects their properties declare.
    """

    def __init__(self, path: Path, *, renames: dict[str, str] | None = None) -> None:
        self.schemas: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text())["components"][
            "schemas"
        ]
        self.renames = renames or {}
        self.enums = [n for n, s in self.schemas.items() if "enum" in s]
        self.unions = [
            n
            for n, s in self.schemas.items()
            if n not in self.enums and ("oneOf" in s or "anyOf" in s) and "properties" not in s
        ]
        # Arrays, and objects that are only a map (``additionalProperties``), are plain types.
        self.arrays = [
            n
            for n, s in self.schemas.items()
            if s.get("type") == "array"
            or (isinstance(s.get("additionalProperties"), dict) and not s.get("properties"))
        ]
        self.objects = [
            n
            for n, s in self.schemas.items()
            if n not in self.enums
            and n not in self.unions
            and n not in self.arrays
            and (s.get("type") == "object" or "properties" in s or "allOf" in s)
        ]
        kinds = {*self.enums, *self.unions, *self.arrays, *self.objects}
        self.primitives = [n for n in self.schemas if n not in kinds]
        #: Inline object schemas of properties, by synthetic name ``parent.property``.
        self.inline: dict[str, dict[str, Any]] = {}
        self.parent_of: dict[str, str] = {}
        self.module_of: dict[str, str] = {}
        self.section_of: dict[str, str] = {}
        for name in self.objects:
            for prop, schema in self.properties(name)[0].items():
                self._collect_inline(name, prop, schema)

    def _collect_inline(self, parent: str, prop: str, schema: dict[str, Any]) -> None:
        if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
            schema = schema["items"]
        if self.ref(schema) is None and ("properties" in schema or "allOf" in schema):
            key = f"{parent}.{prop}"
            self.inline[key] = schema
            self.parent_of[key] = parent
            for inner, inner_schema in self.properties(key)[0].items():
                self._collect_inline(key, inner, inner_schema)

    def body(self, name: str) -> dict[str, Any]:
        """
        The schema of *name*: a component schema, or an inline one named ``parent.property``.
        """
        return self.inline[name] if name in self.inline else self.schemas[name]

    def class_name(self, name: str) -> str:
        """
        The Python name of schema *name*: its PascalCase, unless the generator renames it.
        """
        if name in self.inline:
            parent = self.parent_of[name]
            return self.class_name(parent) + pascal(name.rsplit(".", 1)[1])
        return self.renames.get(name) or pascal(name)

    def properties(self, name: str) -> tuple[dict[str, dict[str, Any]], set[str]]:
        """
        The properties and required names of object schema *name*, ``allOf`` parts merged.
        """
        return self._flatten(self.body(name))

    def _flatten(self, body: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str]]:
        props: dict[str, dict[str, Any]] = {}
        required = set(body.get("required") or [])
        for part in body.get("allOf") or []:
            target = self.ref(part) if "$ref" in part else None
            inner = self._flatten(self.schemas[target] if target else part)
            props.update(inner[0])
            required |= inner[1]
        props.update(body.get("properties") or {})
        return props, required & set(props)

    def required(self, name: str) -> set[str]:
        """
        The required properties of *name* that its class requires (see ``RELAXED``).
        """
        return self.properties(name)[1] - RELAXED.get(name, set())

    def members(self, body: dict[str, Any]) -> list[str]:
        """
        The schema names a ``oneOf``/``anyOf`` lists.
        """
        return [str(self.ref(m)) for m in body.get("oneOf") or body.get("anyOf") or []]

    def ref(self, prop: dict[str, Any]) -> str | None:
        """
        The schema name *prop* refers to, directly or through a one-item ``allOf``.
        """
        if "$ref" in prop:
            return str(prop["$ref"]).removeprefix(REF_PREFIX)
        all_of = prop.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and "$ref" in all_of[0]:
            return str(all_of[0]["$ref"]).removeprefix(REF_PREFIX)
        return None

    def primitive(self, prop: dict[str, Any]) -> str:
        """
        The Python type of a plain (non-object, non-array) schema.
        """
        kind = str(prop.get("type"))
        if kind == "string":
            return "dt.datetime" if prop.get("format") == "date-time" else "str"
        return {"integer": "int", "number": "float", "boolean": "bool"}[kind]

    def annotation(  # noqa: PLR0911 - one kind of schema a line
        self, prop: dict[str, Any], owner: str = "", name: str = ""
    ) -> str:
        """
        The annotation of property *name* of *owner* (without ``| None``).
        """
        target = self.ref(prop)
        if target is not None:
            if target in self.primitives:
                return self.primitive(self.schemas[target])
            if target in self.arrays:
                return self.annotation(self.schemas[target])
            return self.class_name(target)
        if "oneOf" in prop or "anyOf" in prop:
            return " | ".join(self.class_name(m) for m in self.members(prop))
        if f"{owner}.{name}" in self.inline:
            return self.class_name(f"{owner}.{name}")
        kind = prop.get("type")
        if kind == "array":
            return f"list[{self.annotation(prop['items'], owner, name)}]"
        if kind == "object" or (kind is None and "properties" not in prop):
            extra = prop.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"dict[str, {self.annotation(extra)}]"
            return "dict[str, Any]"
        return self.primitive(prop)

    def nullable(self, prop: dict[str, Any]) -> bool:
        """
        Whether *prop*, or the schema it refers to, allows ``null``.
        """
        target = self.ref(prop)
        return bool(prop.get("nullable") or (target and self.schemas[target].get("nullable")))

    def dependencies(self, name: str) -> list[str]:
        """
        The object, union and enum schemas (inline ones too) that *name* refers to.
        """
        found: list[str] = []

        def visit(prop: dict[str, Any], owner: str, key: str) -> None:
            target = self.ref(prop)
            if target in self.arrays:
                visit(self.schemas[target], "", "")
            elif target is not None and target not in self.primitives:
                found.append(target)
            elif target is None and f"{owner}.{key}" in self.inline:
                found.append(f"{owner}.{key}")
            found.extend(self.members(prop))
            for sub in ("items", "additionalProperties"):
                if isinstance(prop.get(sub), dict):
                    visit(prop[sub], owner, key)

        if name in self.unions:
            return self.members(self.schemas[name])
        for key, prop in self.properties(name)[0].items():
            visit(prop, name, key)
        return found

    def field_doc(self, schema: str, name: str, prop: dict[str, Any]) -> str:
        """
        The first sentence of a property's description, or of the schema it refers to.
        """
        description = prop.get("description")
        if not description:
            for key in (f"{schema}.{name}", name):
                if key in FIELD_DOCS:
                    return FIELD_DOCS[key]
        target = self.ref(prop)
        if not description and target is not None:
            description = self.schemas[target].get("description")
        if not description:
            return ""
        return end_sentence(split_sentence(first_paragraph(description))[0])


def assign_modules(spec: Spec) -> None:
    """
    Put every object, union and inline schema of the current spec in its ``models`` module.
    """
    starts = {start: module for module, start in SECTIONS if start}
    module = SECTIONS[0][0]
    for name in spec.schemas:
        module = starts.get(name, module)
        spec.section_of[name] = module
        if name in spec.objects or name in spec.unions:
            spec.module_of[name] = "callbacks" if is_webhook(name) else module
    for name, parent in spec.parent_of.items():
        spec.module_of[name] = spec.module_of[parent]
        spec.section_of[name] = spec.section_of[parent]


def is_webhook(name: str) -> bool:
    """
    Whether schema *name* is the body of a webhook Bandwidth sends (or a part of one).
    """
    return name.endswith(("Callback", "CallbackMessage", "Webhook")) or name in WEBHOOK_SCHEMAS


# -- writers ---------------------------------------------------------------------------------

HEADER = '''"""
{doc}

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""
'''


def class_doc(spec: Spec, name: str) -> str:
    """
    The docstring of the class for *name*, inline schemas included.
    """
    body = spec.body(name)
    if name in spec.inline and not body.get("description"):
        parent, _, prop = name.rpartition(".")
        body = {"description": f"The ``{prop}`` of a ``{spec.class_name(parent)}``."}
    return docstring(name, body)


def render_class(spec: Spec, name: str, base: str | None = None) -> str:
    """
    The source of the attrs class for object schema *name*.
    """
    props, required = spec.properties(name)[0], spec.required(name)
    header = f"class {spec.class_name(name)}:"
    lines = ["@attrs.frozen(kw_only=True)", header, class_doc(spec, name)]
    for prop, schema in props.items():
        annotation = spec.annotation(schema, name, prop)
        python = field_name(name, prop)
        hidden = is_credential(python)
        if prop in required:
            suffix = " | None" if spec.nullable(schema) else ""
            value = " = attrs.field(repr=False)" if hidden else ""
            declaration = f"{python}: {annotation}{suffix}{value}"
        else:
            value = "attrs.field(default=None, repr=False)" if hidden else "None"
            declaration = f"{python}: {annotation} | None = {value}"
        lines.append("")
        doc = spec.field_doc(name, prop, schema)
        if hidden:
            doc = f"{doc} Never shown in ``repr``.".strip()
        if doc:
            lines += textwrap.wrap(
                doc,
                WIDTH,
                initial_indent="    #: ",
                subsequent_indent="    #: ",
                break_on_hyphens=False,
            )
        lines.append(f"    {declaration}")
    if not props:
        lines += ["", "    # The spec lists no properties for this schema."]
    del base
    return "\n".join(lines)


def render_union(spec: Spec, name: str) -> str:
    """
    The source of the type alias for ``oneOf``/``anyOf`` schema *name*.
    """
    members = " | ".join(spec.class_name(m) for m in spec.members(spec.schemas[name]))
    summary = split_sentence(first_paragraph(spec.schemas[name].get("description") or ""))[0]
    doc = end_sentence(summary) if summary else f"One of the shapes of ``{name}``."
    wrapped = textwrap.wrap(f"#: {doc}", WIDTH, subsequent_indent="#: ")
    return "\n".join([*wrapped, f"{spec.class_name(name)}: TypeAlias = {members}"])


def ordered(spec: Spec, names: list[str]) -> list[str]:
    """
    *names* in spec order, except that a class comes after the classes its annotations use.
    """
    wanted, done, result = set(names), set[str](), list[str]()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done:
            return
        if name in path:
            msg = f"reference cycle: {' -> '.join((*path, name))}"
            raise ValueError(msg)
        for dep in spec.dependencies(name):
            if dep in wanted:
                visit(dep, (*path, name))
        done.add(name)
        result.append(name)

    for name in names:
        visit(name, ())
    return result


def module_names(spec: Spec, module: str) -> list[str]:
    """
    The object, union and inline schemas of *module*, in the order they must be written.
    """
    names = [n for n in [*spec.schemas, *spec.inline] if spec.module_of.get(n) == module]
    return ordered(spec, names)


def render_module(spec: Spec, module: str, extra: list[str] | None = None) -> str:
    """
    The source of ``models/<module>.py``; *extra* is source appended at the end.
    """
    names = module_names(spec, module)
    parts = [render_union(spec, n) if n in spec.unions else render_class(spec, n) for n in names]
    parts += extra or []
    source = "\n\n\n".join(parts)
    imports: dict[str, set[str]] = {}
    for name in names:
        for dep in spec.dependencies(name):
            origin = "_enums" if dep in spec.enums else spec.module_of[dep]
            if origin != module:
                imports.setdefault(origin, set()).add(spec.class_name(dep))
    head = [HEADER.format(doc=MODULE_DOCS[module])]
    stdlib = []
    if "dt.datetime" in source:
        stdlib.append("import datetime as dt")
    typing_names = [n for n in ("Any", "TypeAlias") if re.search(rf"\b{n}\b", source)]
    if typing_names:
        stdlib.append(f"from typing import {', '.join(typing_names)}")
    if stdlib:
        head.append("\n".join(stdlib) + "\n")
    local = ["import attrs", ""] if "@attrs" in source else []
    for origin in sorted(imports):
        names_ = ", ".join(sorted(imports[origin]))
        local.append(f"from bandwidth_async.models.{origin} import {names_}")
    head.append("\n".join(local))
    exported = sorted(
        {
            *re.findall(r"^class (\w+)", source, re.MULTILINE),
            *re.findall(r"^(\w+)(?::| =)", source, re.MULTILINE),
        }
    )
    head.append(
        f"\n__all__ = [{', '.join(repr(n).replace(chr(39), chr(34)) for n in exported)}]\n\n"
    )
    return "\n".join(head) + "\n" + source + "\n"


def render_enums(spec: Spec) -> str:
    """
    The source of ``models/_enums.py``.
    """
    classes = []
    for name in spec.enums:
        body = spec.schemas[name]
        members = "\n".join(f'    {member_name(v)} = "{v}"' for v in body["enum"])
        head = f"class {spec.class_name(name)}(OpenStrEnum):\n{docstring(name, body)}"
        classes.append(f"{head}\n\n{members}")
    exported = ", ".join(f'"{spec.class_name(n)}"' for n in sorted(spec.enums, key=spec.class_name))
    return (
        HEADER.format(doc="The enums of the Bandwidth API, all open to values added later.")
        + "\nfrom bandwidth_async.models._base import OpenStrEnum\n\n"
        + f"__all__ = [{exported}]\n\n\n"
        + "\n\n\n".join(classes)
        + "\n"
    )


def render_legacy(old: Spec) -> str:
    """
    The source of ``models/legacy.py``: the 2024 spec's schemas the current spec dropped.
    """
    names = ordered(old, [n for n in LEGACY if n in old.objects])
    enums = [n for n in LEGACY if n in old.enums]
    parts = []
    for name in enums:
        body = old.schemas[name]
        members = "\n".join(f'    {member_name(v)} = "{v}"' for v in body["enum"])
        head = f"class {old.class_name(name)}(OpenStrEnum):\n{docstring(name, body)}"
        parts.append(f"{head}\n\n{members}")
    parts += [render_class(old, n) for n in names]
    source = "\n\n\n".join(parts)
    exported = ", ".join(f'"{n}"' for n in sorted(LEGACY.values()))
    return (
        HEADER.format(doc=MODULE_DOCS["legacy"]).replace(
            "``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this\n"
            "file.",
            "``spec/bandwidth-2024.yml`` by ``scripts/gen_models.py``: change the generator,\n"
            "not this file.",
        )
        + ("\nimport datetime as dt\n" if "dt.datetime" in source else "")
        + ("from typing import Any\n" if "Any]" in source else "")
        + "\nimport attrs\n\nfrom bandwidth_async.models._base import OpenStrEnum\n\n"
        + f"__all__ = [{exported}]\n\n\n"
        + source
        + "\n"
    )


def render_aliases(spec: Spec, module: str) -> list[str]:
    """
    The old names of schemas the current spec renamed, as aliases in *module*.
    """
    return [
        f"#: The 2024 spec's name for `{target}`.\n{alias} = {target}"
        for alias, target in ALIASES.items()
        if spec.module_of[target_schema(spec, target)] == module
    ]


def target_schema(spec: Spec, class_name: str) -> str:
    """
    The schema whose class is *class_name*.
    """
    return next(n for n in [*spec.schemas, *spec.inline] if spec.class_name(n) == class_name)


# -- webhooks --------------------------------------------------------------------------------


def event_class(event: str) -> str:
    """
    The class of messaging event *event*: ``message-delivered`` -> ``MessageDeliveredCallback``.
    """
    return EVENT_CLASSES.get(event) or pascal(to_camel(event.replace("-", "_"))) + "Callback"


def messaging_events(spec: Spec) -> dict[str, str]:
    """
    Messaging event type -> the schema its body follows, from the ``callback`` discriminator.
    """
    mapping = spec.schemas[MESSAGING_UNION]["discriminator"]["mapping"]
    return {event: str(ref).removeprefix(REF_PREFIX) for event, ref in mapping.items()}


def render_event_classes(spec: Spec) -> list[str]:
    """
    One subclass per messaging event, so ``isinstance`` tells a delivery from a failure.
    """
    parts = []
    for event, schema in messaging_events(spec).items():
        base = spec.class_name(schema)
        parts.append(
            "\n".join(
                [
                    "@attrs.frozen(kw_only=True)",
                    f"class {event_class(event)}({base}):",
                    '    """',
                    f"    A ``{base}`` whose ``type`` is ``{event}``.",
                    '    """',
                ]
            )
        )
    return parts


def voice_events(spec: Spec) -> dict[str, str]:
    """
    Voice ``eventType`` -> class: each voice callback schema is named after its event.
    """
    return {
        name.removesuffix("Callback"): spec.class_name(name)
        for name in spec.objects
        if spec.section_of[name] == "voice" and name.endswith("Callback")
    }


def endpoint_events(spec: Spec) -> dict[str, str]:
    """
    Endpoint ``eventType`` -> class, from the values of the enum its ``eventType`` refers to.
    """
    found = {}
    for name in WEBHOOK_SCHEMAS:
        if name not in spec.objects:
            continue
        prop = spec.properties(name)[0].get("eventType")
        target = spec.ref(prop) if prop else None
        for value in spec.schemas[target]["enum"] if target in spec.enums else []:
            found[str(value)] = spec.class_name(name)
    return found


def render_events(spec: Spec, toll_free: list[str]) -> str:
    """
    The source of ``models/_events.py``: which class ``callbacks.parse`` picks for a body.
    """
    voice = voice_events(spec)
    messaging = {e: event_class(e) for e in messaging_events(spec)}
    endpoint = endpoint_events(spec)
    tfv = {spec.class_name(n): sorted(spec.properties(n)[0]) for n in toll_free}
    every = sorted({*voice.values(), *messaging.values(), *endpoint.values(), *tfv})
    lines = [
        HEADER.format(doc="Which webhook model ``callbacks.parse`` builds for which event."),
        "from collections.abc import Mapping",
        "from typing import Any, TypeAlias",
        "",
        f"from bandwidth_async.models.callbacks import {', '.join(every)}",
        "",
        "__all__ = [",
        '    "ENDPOINT_EVENTS", "MESSAGING_EVENTS", "TOLL_FREE_WEBHOOKS", "VOICE_EVENTS",',
        "]",
        "",
        "#: Voice callback models by ``eventType``.",
        "VOICE_EVENTS: Mapping[str, type[Any]] = {",
        *(f'    "{e}": {c},' for e, c in voice.items()),
        "}",
        "",
        "#: Messaging callback models by ``type``.",
        "MESSAGING_EVENTS: Mapping[str, type[Any]] = {",
        *(f'    "{e}": {c},' for e, c in messaging.items()),
        "}",
        "",
        "#: Endpoint event models by ``eventType``.",
        "ENDPOINT_EVENTS: Mapping[str, type[Any]] = {",
        *(f'    "{e}": {c},' for e, c in endpoint.items()),
        "}",
        "",
        "#: Toll-free verification webhooks by the keys each can hold: their bodies name no type.",
        "TOLL_FREE_WEBHOOKS: Mapping[type[Any], frozenset[str]] = {",
        *(f"    {c}: frozenset({keys!r})," for c, keys in tfv.items()),
        "}",
        "",
        "#: Any webhook model ``callbacks.parse`` can return for one event.",
        f"Event: TypeAlias = {' | '.join(every)}",
    ]
    return "\n".join(lines).replace("'", '"') + "\n"


# -- unions ----------------------------------------------------------------------------------


def render_discriminators(spec: Spec) -> str:
    """
    The source of ``models/_discriminators.py``: how to tell the members of a union apart.
    """
    lines = [
        HEADER.format(
            doc="The discriminator of each union of the spec, by the names of its member classes."
        ),
        '__all__ = ["DISCRIMINATORS"]',
        "",
        "#: Member class names -> (the wire property that tells them apart, value -> class name).",
        "DISCRIMINATORS: dict[frozenset[str], tuple[str, dict[str, str]]] = {",
    ]
    for name in spec.unions:
        body = spec.schemas[name]
        if "discriminator" not in body:
            continue
        members = sorted({spec.class_name(m) for m in spec.members(body)})
        mapping = {
            value: spec.class_name(str(ref).removeprefix(REF_PREFIX))
            for value, ref in body["discriminator"]["mapping"].items()
        }
        lines.append(
            f"    frozenset({members!r}): ({body['discriminator']['propertyName']!r}, {mapping!r}),"
        )
    lines.append("}")
    return "\n".join(lines).replace("'", '"') + "\n"


# -- package and test files ------------------------------------------------------------------


def exported_by_module(spec: Spec, old: Spec) -> dict[str, list[str]]:
    """
    Every public name of ``models`` by the module that defines it.
    """
    modules: dict[str, list[str]] = {"_base": ["OpenStrEnum"], "legacy": sorted(LEGACY.values())}
    modules["_enums"] = [spec.class_name(n) for n in spec.enums]
    for name in [*spec.objects, *spec.unions, *spec.inline]:
        modules.setdefault(spec.module_of[name], []).append(spec.class_name(name))
    modules["callbacks"] += [event_class(e) for e in messaging_events(spec)]
    for alias, target in ALIASES.items():
        modules[spec.module_of[target_schema(spec, target)]].append(alias)
    del old
    return modules


def qualified(annotation: str) -> str:
    """
    *annotation* with every model name prefixed by ``models.``, as the test registry needs.
    """
    plain = {"list", "dict", "str", "int", "float", "bool", "Any"}
    return re.sub(
        r"\b[A-Za-z]\w*\b", lambda m: m[0] if m[0] in plain else f"models.{m[0]}", annotation
    )


def render_registry(spec: Spec, old: Spec) -> str:
    """
    The source of ``tests/schemas.py``: the type that stands for each schema, for the tests.
    """
    del old
    lines = [
        '"""',
        "Which class, alias or plain type stands for each schema of spec/bandwidth.yml.",
        "",
        "Generated by ``scripts/gen_models.py`` for the tests; the package never needs it.",
        '"""',
        "",
        "import datetime as dt",
        "from typing import Any",
        "",
        "from bandwidth_async import models",
        "",
        "__all__ = [",
        '    "ARRAY_SCHEMAS", "PRIMITIVE_SCHEMAS", "RELAXED", "RENAMED",',
        '    "SCHEMAS", "UNION_SCHEMAS",',
        "]",
        "",
        "#: Every enum and object schema of ``components.schemas``, by its name in the spec.",
        "SCHEMAS: dict[str, type] = {",
        *(
            f'    "{n}": models.{spec.class_name(n)},'
            for n in spec.schemas
            if n in spec.enums or n in spec.objects
        ),
        "}",
        "",
        "#: The oneOf/anyOf schemas, as the type aliases that stand for them.",
        "UNION_SCHEMAS: dict[str, Any] = {",
        *(f'    "{n}": models.{spec.class_name(n)},' for n in spec.unions),
        "}",
        "",
        "#: The array schemas, as the list types fields use.",
        "ARRAY_SCHEMAS: dict[str, Any] = {",
        *(f'    "{n}": {qualified(spec.annotation(spec.schemas[n]))},' for n in spec.arrays),
        "}",
        "",
        "#: The plain string, integer and date-time schemas, which fields use as their types.",
        "PRIMITIVE_SCHEMAS: dict[str, type] = {",
        *(f'    "{n}": {spec.primitive(spec.schemas[n])},' for n in spec.primitives),
        "}",
        "",
        "#: Schemas whose class is not their PascalCase name: it would shadow another name.",
        f"RENAMED: dict[str, str] = {RENAMES!r}",
        "",
        "#: Required properties the spec's own examples leave out, optional in the models.",
        f"RELAXED: dict[str, set[str]] = {RELAXED!r}",
    ]
    return "\n".join(lines).replace("'", '"') + "\n"


def render_init(spec: Spec, old: Spec) -> str:
    """
    The source of ``models/__init__.py``.

    The modules of ``LAZY_MODULES`` load on first use of one of their names: the webhook models
    and the newer APIs' models are most of the import time, and a client that only places calls
    or sends messages never needs them.
    """
    modules = exported_by_module(spec, old)
    lazy = {m: sorted(modules.pop(m)) for m in LAZY_MODULES}
    lines = [
        HEADER.format(
            doc="Every model and enum of the Bandwidth API, one attrs class per schema of the spec."
        ),
        "import importlib",
        "from typing import TYPE_CHECKING, Any",
        "",
    ]
    lines += [
        f"from bandwidth_async.models.{o} import {', '.join(sorted(modules[o]))}"
        for o in sorted(modules)
    ]
    lines += ["", "if TYPE_CHECKING:"]
    lines += [f"    from bandwidth_async.models.{m} import {', '.join(n)}" for m, n in lazy.items()]
    lines += [
        "",
        "#: Names loaded on first access, and the module of each.",
        "LAZY: dict[str, str] = {",
        *(f'    "{n}": "{m}",' for m, names in lazy.items() for n in names),
        "}",
    ]
    everything = sorted(
        [*(n for names in modules.values() for n in names), *(n for v in lazy.values() for n in v)]
    )
    lines += ["", "__all__ = [", *(f'    "{n}",' for n in everything), "]"]
    lines += [
        "",
        "",
        "def __getattr__(name: str) -> Any:",
        '    """',
        "    Load the module of a lazily loaded model when one of its names is first used.",
        '    """',
        "    if name in LAZY:",
        '        value = getattr(importlib.import_module(f"{__name__}.{LAZY[name]}"), name)',
        "        globals()[name] = value",
        "        return value",
        '    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
    ]
    return "\n".join(lines) + "\n"


def check_round_trips(spec: Spec) -> list[str]:
    """
    Properties whose snake_case name does not map back to the wire name with ``to_camel``.
    """
    failures = []
    for name in [*spec.objects, *spec.inline]:
        for prop in spec.properties(name)[0]:
            if prop in IRREGULAR_FIELDS.get(name, {}):
                continue
            if to_camel(field_name(name, prop).rstrip("_")) != prop:
                failures.append(f"{name}.{prop} -> {field_name(name, prop)}")
    return failures


def main() -> int:
    """
    Write every module, format them, and report names that do not round-trip.
    """
    spec = Spec(SPEC, renames=RENAMES)
    assign_modules(spec)
    old = Spec(OLD_SPEC, renames=LEGACY)
    document = yaml.safe_load(SPEC.read_text())
    body = document["components"]["requestBodies"][TOLL_FREE_BODY]["content"]
    toll_free = spec.members(body["application/json"]["schema"])
    files = {OUT / "_enums.py": render_enums(spec)}
    for module in MODULE_DOCS:
        if module == "legacy":
            continue
        extra = render_aliases(spec, module)
        if module == LAZY_MODULE:
            extra = render_event_classes(spec) + extra
        files[OUT / f"{module}.py"] = render_module(spec, module, extra)
    files[OUT / "legacy.py"] = render_legacy(old)
    files[OUT / "_events.py"] = render_events(spec, toll_free)
    files[OUT / "_discriminators.py"] = render_discriminators(spec)
    files[OUT / "__init__.py"] = render_init(spec, old)
    files[ROOT / "tests" / "schemas.py"] = render_registry(spec, old)
    for path, source in files.items():
        path.write_text(source)
    paths = [str(p) for p in files]
    subprocess.run(["ruff", "check", "--fix-only", "--quiet", *paths], check=False)
    subprocess.run(["ruff", "format", "--quiet", *paths], check=True)
    failures = check_round_trips(spec)
    for failure in failures:
        print(f"does not round-trip through to_camel: {failure}", file=sys.stderr)
    print(
        f"wrote {len(files)} modules: {len(spec.objects)} object schemas, {len(spec.enums)} enums,"
        f" {len(spec.unions)} unions, {len(spec.inline)} inline objects, {len(LEGACY)} legacy"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
