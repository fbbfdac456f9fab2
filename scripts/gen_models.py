"""
Generate ``bandwidth_async/models/`` from ``spec/bandwidth.yml``.

Run ``python scripts/gen_models.py`` after the spec changes, then review the diff. The script
reads the spec with pyyaml, writes one attrs class per object schema and one ``OpenStrEnum`` per
enum schema, and finishes with ``ruff format``. It never touches ``models/_base.py``.
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
OUT = ROOT / "bandwidth_async" / "models"
REF_PREFIX = "#/components/schemas/"
LAZY_MODULE = "callbacks"  # models/__init__.py loads it on first use
WIDTH = 100

# The spec lists its schemas grouped by API: a section runs from its first schema to the next
# section's first schema. Callbacks are pulled out of their section into callbacks.py.
SECTIONS = [
    ("messaging", None),
    ("voice", "callbackMethodEnum"),
    ("mfa", "codeRequest"),
    ("lookup", "lookupStatusEnum"),
]

MODULE_DOCS = {
    "voice": "Voice API models: calls, conferences, recordings, transcriptions and statistics.",
    "messaging": "Messaging API models: messages, media listings, page info and errors.",
    "mfa": "Multi-factor authentication API models: code requests, verification and errors.",
    "lookup": "Phone number lookup API models: lookup requests, their status and results.",
    "callbacks": "Webhook bodies Bandwidth POSTs to your application: voice and messaging events.",
}

# The properties of lookupResult are human-readable labels, not identifiers; the converter maps
# these Python names to them with an explicit table.
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


class Spec:
    """
    The schemas of the spec, classified.
    """

    def __init__(self, path: Path) -> None:
        self.schemas: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text())["components"][
            "schemas"
        ]
        self.enums = [n for n, s in self.schemas.items() if "enum" in s]
        self.objects = [
            n for n, s in self.schemas.items() if s.get("type") == "object" and "enum" not in s
        ]
        self.primitives = [
            n for n, s in self.schemas.items() if n not in self.enums and n not in self.objects
        ]
        self.module_of: dict[str, str] = {}
        self.section_of: dict[str, str] = {}
        starts = {start: module for module, start in SECTIONS if start}
        module = SECTIONS[0][0]
        for name in self.schemas:
            module = starts.get(name, module)
            self.section_of[name] = module
            if name in self.objects:
                is_callback = name.endswith(("Callback", "CallbackMessage"))
                self.module_of[name] = "callbacks" if is_callback else module

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

    def annotation(self, prop: dict[str, Any]) -> str:
        """
        The annotation of a property (without ``| None``).
        """
        target = self.ref(prop)
        if target is not None:
            if target in self.primitives:
                return self.primitive(self.schemas[target])
            return class_name(target)
        kind = prop.get("type")
        if kind == "array":
            return f"list[{self.annotation(prop['items'])}]"
        if kind == "object" or (kind is None and "properties" not in prop):
            extra = prop.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"dict[str, {self.annotation(extra)}]"
            if prop.get("properties"):
                msg = f"inline object schemas are not supported: {prop}"
                raise ValueError(msg)
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
        The object and enum schemas the properties of *name* refer to.
        """
        found: list[str] = []

        def visit(prop: dict[str, Any]) -> None:
            target = self.ref(prop)
            if target is not None and target not in self.primitives:
                found.append(target)
            for key in ("items", "additionalProperties"):
                if isinstance(prop.get(key), dict):
                    visit(prop[key])

        for prop in (self.schemas[name].get("properties") or {}).values():
            visit(prop)
        return found

    def field_doc(self, schema: str, name: str, prop: dict[str, Any]) -> str:
        """
        The first sentence of a property's description, or of the schema it refers to.
        """
        description = prop.get("description")
        if not description:
            suffix = "*CallbackMessage" if schema.endswith("CallbackMessage") else "*Callback"
            family = suffix if self.section_of[schema] == "messaging" else ""
            for key in (f"{schema}.{name}", f"{family}.{name}", name):
                if key in FIELD_DOCS and (key != f"{suffix}.{name}" or schema.endswith(suffix[1:])):
                    return FIELD_DOCS[key]
        target = self.ref(prop)
        if not description and target is not None:
            description = self.schemas[target].get("description")
        if not description:
            return ""
        return end_sentence(split_sentence(first_paragraph(description))[0])


# -- writers ---------------------------------------------------------------------------------

HEADER = '''"""
{doc}

Generated from ``spec/bandwidth.yml`` by ``scripts/gen_models.py``: change the generator, not this
file. The classes hold data only; mapping them to and from JSON is the converter's job.
"""
'''


def render_class(spec: Spec, name: str) -> str:
    """
    The source of the attrs class for object schema *name*.
    """
    body = spec.schemas[name]
    required = set(body.get("required") or [])
    lines = ["@attrs.frozen(kw_only=True)", f"class {class_name(name)}:", docstring(name, body)]
    for prop, schema in (body.get("properties") or {}).items():
        annotation = spec.annotation(schema)
        if prop in required:
            suffix = " | None" if spec.nullable(schema) else ""
            declaration = f"{field_name(name, prop)}: {annotation}{suffix}"
        else:
            declaration = f"{field_name(name, prop)}: {annotation} | None = None"
        lines.append("")
        doc = spec.field_doc(name, prop, schema)
        if doc:
            lines += textwrap.wrap(
                doc,
                WIDTH,
                initial_indent="    #: ",
                subsequent_indent="    #: ",
                break_on_hyphens=False,
            )
        lines.append(f"    {declaration}")
    if not body.get("properties"):
        lines += ["", "    # The spec lists no properties for this schema."]
    return "\n".join(lines)


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


def render_module(spec: Spec, module: str) -> str:
    """
    The source of ``models/<module>.py``.
    """
    names = ordered(spec, [n for n in spec.objects if spec.module_of[n] == module])
    source = "\n\n".join(render_class(spec, n) for n in names)
    imports: dict[str, set[str]] = {}
    for name in names:
        for dep in spec.dependencies(name):
            origin = "_enums" if dep in spec.enums else spec.module_of[dep]
            if origin != module:
                imports.setdefault(origin, set()).add(class_name(dep))
    head = [HEADER.format(doc=MODULE_DOCS[module])]
    stdlib = []
    if "dt.datetime" in source:
        stdlib.append("import datetime as dt")
    if "Any]" in source:
        stdlib.append("from typing import Any")
    if stdlib:
        head.append("\n".join(stdlib) + "\n")
    local = ["import attrs", ""]
    for origin in sorted(imports):
        names_ = ", ".join(sorted(imports[origin]))
        local.append(f"from bandwidth_async.models.{origin} import {names_}")
    head.append("\n".join(local))
    exported = ", ".join(f'"{class_name(n)}"' for n in sorted(names, key=class_name))
    head.append(f"\n__all__ = [{exported}]\n\n")
    return "\n".join(head) + "\n" + source + "\n"


def render_enums(spec: Spec) -> str:
    """
    The source of ``models/_enums.py``.
    """
    classes = []
    for name in spec.enums:
        body = spec.schemas[name]
        members = "\n".join(f'    {member_name(v)} = "{v}"' for v in body["enum"])
        head = f"class {class_name(name)}(OpenStrEnum):\n{docstring(name, body)}"
        classes.append(f"{head}\n\n{members}")
    exported = ", ".join(f'"{class_name(n)}"' for n in sorted(spec.enums, key=class_name))
    return (
        HEADER.format(doc="The enums of the Bandwidth API, all open to values added later.")
        + "\nfrom bandwidth_async.models._base import OpenStrEnum\n\n"
        + f"__all__ = [{exported}]\n\n\n"
        + "\n\n\n".join(classes)
        + "\n"
    )


def render_registry(spec: Spec) -> str:
    """
    The source of ``models/_registry.py``.
    """
    imports: dict[str, list[str]] = {}
    for name in [*spec.enums, *spec.objects]:
        origin = "_enums" if name in spec.enums else spec.module_of[name]
        imports.setdefault(origin, []).append(class_name(name))
    lines = [
        HEADER.format(doc="Which class, or which plain type, stands for each schema of the spec."),
        "import datetime as dt",
        "",
    ]
    lines += [
        f"from bandwidth_async.models.{o} import {', '.join(imports[o])}" for o in sorted(imports)
    ]
    lines += [
        "",
        '__all__ = ["PRIMITIVE_SCHEMAS", "SCHEMAS"]',
        "",
        "#: Every enum and object schema of ``components.schemas``, by its name in the spec.",
        "SCHEMAS: dict[str, type] = {",
    ]
    lines += [f'    "{n}": {class_name(n)},' for n in spec.schemas if n not in spec.primitives]
    lines += [
        "}",
        "",
        "#: The plain string, integer and date-time schemas, which fields use as their types.",
        "PRIMITIVE_SCHEMAS: dict[str, type] = {",
    ]
    lines += [f'    "{n}": {spec.primitive(spec.schemas[n])},' for n in spec.primitives]
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_init(spec: Spec) -> str:
    """
    The source of ``models/__init__.py``.

    The webhook models (``callbacks``) load on first use: they are a third of the import time,
    and a client that only sends requests never needs them.
    """
    modules: dict[str, list[str]] = {"_base": ["OpenStrEnum"]}
    for name in [*spec.enums, *spec.objects]:
        origin = "_enums" if name in spec.enums else spec.module_of[name]
        modules.setdefault(origin, []).append(class_name(name))
    lazy = sorted(modules.pop(LAZY_MODULE))
    lines = [
        HEADER.format(
            doc="Every model and enum of the Bandwidth API, one attrs class per schema of the spec."
        ),
        "from typing import TYPE_CHECKING, Any",
        "",
    ]
    lines += [
        f"from bandwidth_async.models.{o} import {', '.join(modules[o])}" for o in sorted(modules)
    ]
    lines += [
        "",
        "if TYPE_CHECKING:",
        f"    from bandwidth_async.models.{LAZY_MODULE} import {', '.join(lazy)}",
        "",
        "#: Names loaded from ``models.callbacks`` on first access.",
        "LAZY = frozenset({",
        *(f'    "{n}",' for n in lazy),
        "})",
    ]
    everything = sorted([*(n for names in modules.values() for n in names), *lazy])
    lines += ["", "__all__ = [", *(f'    "{n}",' for n in everything), "]"]
    lines += [
        "",
        "",
        "def __getattr__(name: str) -> Any:",
        '    """',
        "    Load the webhook models when one of them is first used.",
        '    """',
        "    if name in LAZY:",
        f"        from bandwidth_async.models import {LAZY_MODULE}  # noqa: PLC0415",
        "",
        f"        value = getattr({LAZY_MODULE}, name)",
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
    for name in spec.objects:
        for prop in spec.schemas[name].get("properties") or {}:
            if prop in IRREGULAR_FIELDS.get(name, {}):
                continue
            if to_camel(field_name(name, prop).rstrip("_")) != prop:
                failures.append(f"{name}.{prop} -> {field_name(name, prop)}")
    return failures


def main() -> int:
    """
    Write every module, format them, and report names that do not round-trip.
    """
    spec = Spec(SPEC)
    files = {OUT / "_enums.py": render_enums(spec)}
    for module in MODULE_DOCS:
        files[OUT / f"{module}.py"] = render_module(spec, module)
    files[OUT / "_registry.py"] = render_registry(spec)
    files[OUT / "__init__.py"] = render_init(spec)
    for path, source in files.items():
        path.write_text(source)
    paths = [str(p) for p in files]
    subprocess.run(["ruff", "check", "--fix-only", "--quiet", *paths], check=False)
    subprocess.run(["ruff", "format", "--quiet", *paths], check=True)
    failures = check_round_trips(spec)
    for failure in failures:
        print(f"does not round-trip through to_camel: {failure}", file=sys.stderr)
    print(f"wrote {len(files)} modules: {len(spec.objects)} classes, {len(spec.enums)} enums")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
