"""
The API reference covers every public name, and each resource page links its operations.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import bandwidth_async as bw
from bandwidth_async import bxml, callbacks, export, resources, testing
from bandwidth_async.testing import pytest_plugin

ROOT = Path(__file__).parent.parent
REFERENCE = ROOT / "docs" / "reference"
_DIRECTIVE = re.compile(r"^::: (?P<id>[\w.]+)\n(?P<options>(?:    .*\n|\n)*)", re.MULTILINE)


def _load_hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "scripts" / "docs_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs_hooks = _load_hooks()


@functools.cache
def directives() -> dict[str, list[str] | None]:
    """
    Every ``::: identifier`` of the reference as built, with its ``members`` option if any.
    """
    found: dict[str, list[str] | None] = {}
    texts = [page.read_text(encoding="utf-8") for page in REFERENCE.rglob("*.md")]
    texts += docs_hooks.resource_pages().values()
    for text in map(docs_hooks.on_page_markdown, texts):
        for match in _DIRECTIVE.finditer(text):
            options = yaml.safe_load(match["options"]) if match["options"].strip() else None
            members = ((options or {}).get("options") or {}).get("members")
            found[match["id"]] = members if isinstance(members, list) else None
    return found


def documented(module: str, name: str, obj: Any, known: Mapping[str, list[str] | None]) -> bool:
    """
    Whether a directive renders *name*: its own, or one of a module that holds it.

    A class or function is found by where it is defined; any value (a type alias, a mapping) also
    by a module directive whose module has it among its public names.
    """
    owners = {module, getattr(obj, "__module__", module)}
    own = {f"{owner}.{name}" for owner in owners}
    own.add(f"{getattr(obj, '__module__', module)}.{getattr(obj, '__qualname__', name)}")
    if own & known.keys():
        return True
    for identifier, members in known.items():
        if members is not None and name not in members:
            continue
        if identifier in owners:
            return True
        prefix, _, last = identifier.rpartition(".")
        reexporter = _module(prefix) if last == name else None
        if reexporter is not None and getattr(reexporter, name, None) is obj:
            return True  # e.g. resources.calls re-exports DialResult from _dial
        holder = _module(identifier)
        public = getattr(holder, "__all__", ())
        if holder is not None and name in public and getattr(holder, name, None) is obj:
            return True
    return False


@functools.cache
def _module(identifier: str) -> ModuleType | None:
    try:
        return importlib.import_module(identifier)
    except ImportError:
        return None


def public_names() -> list[tuple[str, str, Any]]:
    """
    ``(module, name, object)`` for every name a user may import.
    """
    modules: list[ModuleType] = [bw, bxml, callbacks, testing, resources, pytest_plugin]
    names = [
        (module.__name__, name, getattr(module, name))
        for module in modules
        for name in module.__all__
        if not name.startswith("_")
        and not isinstance(getattr(module, name), ModuleType)
        and not name.startswith("pytest_")
    ]
    names += [
        ("bandwidth_async.export", name, getattr(export, name))
        for name in ("export", "ExportResult", "ExportError")
    ]
    return names


@pytest.mark.parametrize(
    ("module", "name", "obj"),
    [pytest.param(*item, id=f"{item[0]}.{item[1]}") for item in public_names()],
)
def test_every_public_name_is_in_the_reference(module: str, name: str, obj: Any) -> None:
    """Each public name is rendered by some ::: directive of docs/reference."""
    assert documented(module, name, obj, directives()), f"{module}.{name} is not in the reference"


def test_the_check_would_see_a_missing_name() -> None:
    """A name with no directive of its own or of its module is reported missing."""
    known = {"bandwidth_async.callbacks": ["parse"]}
    assert documented("bandwidth_async.callbacks", "parse", callbacks.parse, known)
    assert not documented(
        "bandwidth_async.callbacks", "check_basic_auth", callbacks.check_basic_auth, known
    )


def test_directives_name_real_objects() -> None:
    """Every ::: identifier imports, so the reference names nothing that is gone."""
    for identifier in directives():
        parts = identifier.split(".")
        for split in range(len(parts), 0, -1):
            try:
                obj: Any = importlib.import_module(".".join(parts[:split]))
            except ImportError:
                continue
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
            break
        else:
            pytest.fail(f"{identifier} does not import")


@pytest.mark.parametrize("name", [n for n in resources.__all__ if n != "DialResult"])
def test_each_resource_gets_a_page_with_its_operation_table(name: str) -> None:
    """Each resource class has a generated page with the operations marker and its directive."""
    cls = getattr(resources, name)
    target = f"{cls.__module__}.{name}"
    pages = docs_hooks.resource_pages()
    assert any(
        f"<!-- operations: {target} -->" in p and f"::: {target}" in p for p in pages.values()
    )


def test_resource_pages_are_named_after_the_client_attribute() -> None:
    """The calls page is titled client.calls and also documents DialResult; nav lists them all."""
    pages = docs_hooks.resource_pages()
    calls = pages["reference/resources/calls.md"]
    assert calls.startswith("# client.calls\n")
    assert "::: bandwidth_async.resources.calls.DialResult" in calls
    config: dict[str, Any] = {
        "nav": [{"API reference": [{"Resources": ["old.md"]}, {"Models": "m.md"}]}]
    }
    docs_hooks.on_config(config)
    assert config["nav"][0]["API reference"][0]["Resources"] == list(pages)
    assert config["nav"][0]["API reference"][1] == {"Models": "m.md"}


def test_operation_table_links_bandwidths_page() -> None:
    """The calls table names createCall, its route and Bandwidth's reference URL for it."""
    operations = docs_hooks.load_operations()
    table = docs_hooks.operations_table("bandwidth_async.resources.calls.Calls", operations)
    assert (
        "| [`create`][bandwidth_async.resources.calls.Calls.create] | `createCall` | "
        "`POST /accounts/{accountId}/calls` | "
        "[createCall](https://dev.bandwidth.com/apis/voice/#tag/Calls/operation/createCall) |"
    ) in table
    assert "operation/updateCallBxml" in table  # found from the Request's method and path
    assert "| [`create_many`][bandwidth_async.resources.calls.Calls.create_many] | — |" in table


def test_models_page_has_a_section_per_models_module() -> None:
    """The models marker expands to one titled section per public module of models/."""
    sections = docs_hooks.models_sections()
    assert "## Voice API models\n\n::: bandwidth_async.models.voice\n" in sections
    assert re.search(r"## [^\n]+\n\n::: bandwidth_async\.models\.callbacks\n", sections)
    assert "_enums" not in sections
    assert "<!-- models -->" in (REFERENCE / "models.md").read_text(encoding="utf-8")


def test_errors_page_lists_every_error_in_tree_order() -> None:
    """The errors marker expands to every exported error, the base class first."""
    listed = re.findall(r"::: bandwidth_async\.(\w+)", docs_hooks.error_directives())
    exported = {n for n in bw.__all__ if n.endswith("Error") and n not in bw.models.__all__}
    assert set(listed) == exported
    assert listed[0] == "BandwidthError"


def test_core_page_lists_what_the_package_exports_from_private_modules() -> None:
    """The core marker covers the client, retries, pagination, auth and coordination, not errors."""
    listed = re.findall(r"::: bandwidth_async\.(\w+)", docs_hooks.core_directives())
    assert listed[0] == "BandwidthClient"
    assert {"RetryPolicy", "RetryEvent", "AsyncPaginator", "Page"} <= set(listed)
    assert not [name for name in listed if name.endswith("Error")]


def test_own_members_leave_out_reexported_classes() -> None:
    """The callbacks page documents parse and friends, not the models it re-exports."""
    names = docs_hooks.own_members("bandwidth_async.callbacks")
    assert {"parse", "check_basic_auth", "UnknownCallback", "Callback"} <= set(names)
    assert "AnswerCallback" not in names


def test_operation_urls_follow_each_api_reference() -> None:
    """Messaging, MFA and lookup operations link to their own API's reference."""
    operations = docs_hooks.load_operations()
    assert operations["createMessage"].url == (
        "https://dev.bandwidth.com/apis/messaging/#tag/Messages/operation/createMessage"
    )
    assert operations["verifyCode"].url.startswith("https://dev.bandwidth.com/apis/mfa/#tag/MFA/")
    assert "/#tag/Phone-Number-Lookup/operation/" in operations["createLookup"].url


def test_every_operation_of_the_spec_is_in_a_table() -> None:
    """Each of spec/bandwidth.yml's operations is a row of some resource's table, no row is dead."""
    operations = docs_hooks.load_operations()
    current = docs_hooks.load_operations(ROOT / "spec", only="bandwidth.yml")
    mapped = {
        operation.operation_id
        for name in resources.__all__
        if name != "DialResult"
        for _, operation in docs_hooks.method_operations(getattr(resources, name), operations)
        if operation is not None
    }
    assert mapped <= operations.keys()
    assert sorted(current.keys() - mapped) == []
