"""
Griffe extension for the docs site: reST literal blocks in docstrings become Markdown fences.

A few docstrings show code the reST way, ``.. code-block:: python`` or a paragraph ending in
``::``, followed by an indented block. Markdown would print the directive as text, so each such
block is rewritten as a fenced block before mkdocstrings renders it. The docstrings themselves
stay as they are, and so do ``help()`` and editors that read them.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\. code-block::\s*(?P<language>\w*)\s*$")
_LITERAL = re.compile(r"^(?P<indent>\s*)(?P<text>.*?)::\s*$")


def fence_literal_blocks(text: str) -> str:
    """
    Rewrite reST code blocks (directive or ``::``) of *text* as fenced Markdown blocks.
    """
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.match(line)
        literal = None if directive else _LITERAL.match(line)
        if directive is None and (literal is None or index + 1 >= len(lines)):
            out.append(line)
            index += 1
            continue
        match = directive or literal
        assert match is not None
        indent = match["indent"]
        if literal is not None and literal["text"].strip():
            out.append(f"{indent}{literal['text']}:")
        language = directive["language"] if directive else "python"
        # The block: blank lines, then lines indented deeper than the directive.
        end = index + 1
        body: list[str] = []
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > len(indent)
        ):
            body.append(lines[end])
            end += 1
        while body and not body[-1].strip():
            body.pop()
            end -= 1
        code = [b for b in body if b.strip()]
        if not code:
            out.append(line)
            index += 1
            continue
        depth = min(len(b) - len(b.lstrip()) for b in code)
        while not body[0].strip():
            body.pop(0)
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}```{language}")
        out.extend(f"{indent}{b[depth:]}" if b.strip() else "" for b in body)
        out.append(f"{indent}```")
        index = end
    return "\n".join(out)


class RestCodeBlocks(griffe.Extension):
    """
    Fence the reST code blocks of every docstring griffe loads.
    """

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:
        """
        Rewrite *obj*'s docstring, if it has one.
        """
        if obj.docstring is not None:
            obj.docstring.value = fence_literal_blocks(obj.docstring.value)
