"""
MkDocs hook: the resource pages and their operation tables, and the models page.

Each attribute of ``BandwidthClient`` that is a resource (``client.calls``, ...) gets a page,
``reference/resources/<module>.md``, generated at build time and listed under "Resources" in the
nav, so a resource added to the client is documented without editing the site (a page written by
hand at that path wins). Each page holds an ``operations`` marker naming its class, which the hook
replaces with a table of the class's public methods: HTTP method and path, the spec's
operationId, and a link to Bandwidth's page for the operation. The table is computed from the
code and ``spec/*.yml`` on every build, so it cannot drift from either.

A method's operationId is the spec operationId that appears as a string literal in its source
(``Request(..., operation="createCall")``), else the operation whose HTTP method and path its
``Request(...)`` builds, else the one its docstring names ("... (createCall)").
Bandwidth's reference pages follow one pattern,
``https://dev.bandwidth.com/apis/{api}/#tag/{Tag}/operation/{operationId}``, where *api* is the
API's reference (chosen by the operation's first tag, below) and *Tag* is that tag with spaces as
hyphens.

``<!-- errors -->`` becomes a ``:::`` directive for each error class ``bandwidth_async`` exports, in
the order they are defined; ``<!-- own-members: module -->`` a directive for *module* that
renders its public names except the classes it re-exports from elsewhere (documented there).

``<!-- core -->`` becomes a directive for each other name ``bandwidth_async`` exports from its
private modules (the client, retries, pagination, auth, coordination), so what the core adds
is documented at once.

``<!-- models -->`` becomes one section per public module of ``bandwidth_async.models``, titled
by the first line of its docstring (up to a colon), so a module the generator adds is
documented at once.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "spec"
DOCS_URL = "https://dev.bandwidth.com/apis/{api}/#tag/{tag}/operation/{operation_id}"

#: Which of Bandwidth's API references documents each tag of the spec.
API_BY_TAG = {
    "Calls": "voice",
    "Conferences": "voice",
    "Recordings": "voice",
    "Statistics": "voice",
    "Transcriptions": "voice",
    "Endpoints": "voice",
    "Messages": "messaging",
    "Media": "messaging",
    "Multi-Channel": "multi-channel",
    "MFA": "mfa",
    "Phone Number Lookup": "phone-number-lookup",
    "Toll-Free Verification": "numbers",
}

_MARKER = re.compile(r"<!--\s*operations:\s*(?P<target>[\w.]+)\s*-->")
_MODELS = "<!-- models -->"
_ERRORS = "<!-- errors -->"
_CORE = "<!-- core -->"
#: The order of the core page; modules not named here follow, by name.
_CORE_ORDER = ["_client", "_retry", "_pagination", "_auth", "_throttle"]
_OWN_MEMBERS = re.compile(r"<!--\s*own-members:\s*(?P<module>[\w.]+)\s*-->")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_PATH_ARG = 2  # Request(method, host, path, ...)
_METHODS = frozenset({"get", "put", "post", "delete", "patch"})


@attrs.frozen
class Operation:
    """
    One operation of the spec: its id, HTTP method, path and first tag.
    """

    operation_id: str
    method: str
    path: str
    tag: str

    @property
    def url(self) -> str:
        """
        Bandwidth's reference page for this operation.
        """
        return DOCS_URL.format(
            api=API_BY_TAG.get(self.tag, "voice"),
            tag=self.tag.replace(" ", "-"),
            operation_id=self.operation_id,
        )


@functools.cache
def load_operations(specs: Path = SPECS, only: str = "*.yml") -> dict[str, Operation]:
    """
    Every operation of ``spec/bandwidth.yml``, then those only the other spec files still have.

    Read once per process: the specs are large, and every resource page needs them.
    """
    files = sorted(specs.glob(only), key=lambda p: (p.name != "bandwidth.yml", p.name))
    found: dict[str, Operation] = {}
    for file in files:
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        for path, item in spec.get("paths", {}).items():
            for method, operation in item.items():
                if method not in _METHODS or "operationId" not in operation:
                    continue
                operation_id = operation["operationId"]
                tag = (operation.get("tags") or ["Calls"])[0]
                found.setdefault(operation_id, Operation(operation_id, method.upper(), path, tag))
    return found


def method_operations(cls: type, operations: dict[str, Operation]) -> list[tuple[str, Any]]:
    """
    ``(method name, Operation or None)`` for each public method of *cls*, in source order.
    """
    rows: list[tuple[str, Any]] = []
    members = [
        (name, member)
        for name, member in vars(cls).items()
        if not name.startswith("_") and inspect.isfunction(member)
    ]
    for name, member in members:
        source = inspect.getsource(member)
        literals = re.findall(r"""["']([A-Za-z][A-Za-z0-9]+)["']""", source)
        docstring = inspect.getdoc(member) or ""
        candidates = (
            [w for w in literals if w in operations]
            or _by_request(source, sys.modules[cls.__module__].__dict__, operations)
            or [w for w in _WORD.findall(docstring) if w in operations]
        )
        rows.append((name, operations[candidates[0]] if candidates else None))
    return rows


def _by_request(
    source: str, namespace: dict[str, Any], operations: dict[str, Operation]
) -> list[str]:
    """
    The operations whose method and path match a ``Request(method, host, path, ...)`` in *source*.
    """
    by_route = {(op.method, op.path): op.operation_id for op in operations.values()}
    found: list[str] = []
    for node in ast.walk(ast.parse(textwrap.dedent(source))):
        is_request = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Request"
        if (
            not is_request
            or len(node.args) < _PATH_ARG + 1
            or not isinstance(node.args[0], ast.Constant)
        ):
            continue
        try:
            path = eval(
                compile(ast.Expression(node.args[_PATH_ARG]), "<path>", "eval"), dict(namespace)
            )
        except Exception:  # noqa: BLE001 - a path built at run time: no match, not a failure
            continue
        camel = re.sub(r"_([a-z])", lambda m: m[1].upper(), str(path))
        operation_id = by_route.get((str(node.args[0].value), camel))
        if operation_id is not None:
            found.append(operation_id)
    return found


def operations_table(target: str, operations: dict[str, Operation]) -> str:
    """
    The Markdown table of *target*'s (``module.Class``) methods and their operations.
    """
    module_name, _, class_name = target.rpartition(".")
    cls = getattr(importlib.import_module(module_name), class_name)
    lines = [
        "| method | operationId | HTTP | Bandwidth reference |",
        "|---|---|---|---|",
    ]
    for name, operation in method_operations(cls, operations):
        method_ref = f"[`{name}`][{target}.{name}]"
        if operation is None:
            lines.append(f"| {method_ref} | — | | |")
            continue
        lines.append(
            f"| {method_ref} | `{operation.operation_id}` | "
            f"`{operation.method} {operation.path}` | [{operation.operation_id}]({operation.url}) |"
        )
    return "\n".join(lines) + "\n"


def models_sections(package: str = "bandwidth_async.models") -> str:
    """
    A section with a ``:::`` directive for each public module of *package*, in name order.
    """
    root = importlib.import_module(package)
    sections: list[str] = []
    for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        title = (inspect.getdoc(module) or info.name).splitlines()[0].partition(":")[0]
        sections.append(
            f"## {title}\n\n::: {package}.{info.name}\n"
            "    options:\n      show_root_heading: false\n      heading_level: 3\n"
        )
    return "\n".join(sections)


def resource_pages() -> dict[str, str]:
    """
    The generated page of each client resource, ``{path under docs/: Markdown}``, in client order.
    """
    client = importlib.import_module("bandwidth_async")
    resources = importlib.import_module("bandwidth_async.resources")
    attributes = {
        str(annotation): name
        for name, annotation in inspect.get_annotations(client.BandwidthClient).items()
        if str(annotation) in resources.__all__
    }
    pages: dict[str, str] = {}
    for class_name, attribute in attributes.items():
        cls = getattr(resources, class_name)
        target = f"{cls.__module__}.{class_name}"
        extras = [
            f"{cls.__module__}.{other}"
            for other in resources.__all__
            # Defined in the resource module or re-exported by it (DialResult lives in _dial).
            if other not in attributes
            and other in getattr(sys.modules[cls.__module__], "__all__", ())
        ]
        text = [
            f"# client.{attribute}",
            "",
            (
                f"`client.{attribute}` is a [`{class_name}`][{target}]. Each method that sends "
                "one request names the spec's operationId and links to Bandwidth's reference for "
                "it; a — marks an SDK helper built on those operations."
            ),
            "",
            f"<!-- operations: {target} -->",
            "",
            f"::: {target}",
            *(f"\n::: {extra}" for extra in extras),
            "",
        ]
        pages[f"reference/resources/{cls.__module__.rpartition('.')[2]}.md"] = "\n".join(text)
    return pages


def on_config(config: Any) -> Any:
    """
    MkDocs hook: list the generated resource pages under the nav's "Resources" section.
    """
    entries = list(resource_pages())  # titled by their headings, client.calls ...

    def replace(items: Any) -> None:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for key, value in item.items():
                    if key == "Resources":
                        item[key] = entries
                    else:
                        replace(value)

    replace(config["nav"])
    return config


def on_files(files: Any, config: Any) -> Any:
    """
    MkDocs hook: add the generated resource pages that no hand-written page replaces.
    """
    from mkdocs.structure.files import File  # noqa: PLC0415 - only inside an mkdocs build

    for path, content in resource_pages().items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=content))
    return files


def error_directives() -> str:
    """
    A ``:::`` directive for each error class of ``bandwidth_async``, in definition order.
    """
    package = importlib.import_module("bandwidth_async")
    errors = [
        (inspect.getsourcelines(obj)[1], name)
        for name in package.__all__
        if isinstance(obj := getattr(package, name), type)
        and issubclass(obj, package.BandwidthError)
        and obj.__module__ == "bandwidth_async._errors"
    ]
    return "\n".join(f"::: bandwidth_async.{name}\n" for _, name in sorted(errors))


def core_directives() -> str:
    """
    A ``:::`` directive for each non-error name ``bandwidth_async`` exports from a private module.

    The client comes first, then the modules in `_CORE_ORDER`, each in source order.
    """
    package = importlib.import_module("bandwidth_async")
    found = []
    for name in package.__all__:
        obj = getattr(package, name)
        module = getattr(obj, "__module__", "") or ""
        private = module.rpartition(".")[2]
        if not module.startswith("bandwidth_async._") or private == "_errors":
            continue
        rank = _CORE_ORDER.index(private) if private in _CORE_ORDER else len(_CORE_ORDER)
        found.append((rank, private, inspect.getsourcelines(obj)[1], name))
    return "\n".join(f"::: bandwidth_async.{name}\n" for *_, name in sorted(found))


def own_members(module_name: str) -> list[str]:
    """
    The public names of *module_name* but the classes it re-exports from another module.
    """
    module = importlib.import_module(module_name)
    return [
        name
        for name in module.__all__
        if not (isinstance(obj := getattr(module, name), type) and obj.__module__ != module_name)
    ]


def own_members_directive(module_name: str) -> str:
    """
    The ``:::`` directive of *module_name* restricted to `own_members`.
    """
    listed = "".join(f"        - {name}\n" for name in own_members(module_name))
    return f"::: {module_name}\n    options:\n      members:\n{listed}"


def on_page_markdown(markdown: str, **_: Any) -> str:
    """
    MkDocs hook: replace the operations, models, errors, core and own-members markers.
    """
    if _MODELS in markdown:
        markdown = markdown.replace(_MODELS, models_sections())
    if _ERRORS in markdown:
        markdown = markdown.replace(_ERRORS, error_directives())
    if _CORE in markdown:
        markdown = markdown.replace(_CORE, core_directives())
    markdown = _OWN_MEMBERS.sub(lambda m: own_members_directive(m["module"]), markdown)
    if "operations:" not in markdown:
        return markdown
    operations = load_operations()
    return _MARKER.sub(lambda m: operations_table(m["target"], operations), markdown)
