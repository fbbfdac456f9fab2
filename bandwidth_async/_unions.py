"""
Structure a union of models (a spec ``oneOf``/``anyOf``): pick the member, then structure it.

The spec's discriminator decides when the union has one (``channel``, ``type``); otherwise, or
when the discriminator names a member the body cannot fill, the member whose required keys are
all present and whose fields cover the most keys wins. A decision only: no I/O here.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = ["is_model_union", "pick_member"]

#: The wire name of field *name* of class *cls_name* (the converter's `wire_name`).
WireName = Callable[[str, str], str]


def is_model_union(tp: Any) -> bool:
    """
    Whether *tp* is a union of two or more attrs models, ``None`` allowed.
    """
    if get_origin(tp) not in (Union, types.UnionType):
        return False
    members = [a for a in get_args(tp) if a is not types.NoneType]
    return len(members) > 1 and all(attrs.has(a) for a in members)


@cache
def _keys(cls: type, wire_name: WireName) -> tuple[frozenset[str], frozenset[str]]:
    fields = attrs.fields(cls)
    every = frozenset(wire_name(cls.__name__, f.name) for f in fields)
    required = frozenset(
        wire_name(cls.__name__, f.name) for f in fields if f.default is attrs.NOTHING
    )
    return every, required


@cache
def _discriminator(members: frozenset[type]) -> tuple[str, dict[str, type]] | None:
    from .models._discriminators import DISCRIMINATORS  # noqa: PLC0415 - models import us late

    by_name = {cls.__name__: cls for cls in members}
    found = DISCRIMINATORS.get(frozenset(by_name))
    if found is None:
        return None
    prop, mapping = found
    return prop, {value: by_name[name] for value, name in mapping.items()}


def pick_member(data: Mapping[str, Any], tp: Any, wire_name: WireName) -> type:
    """
    The member of union *tp* that the JSON object *data* is.

    Raises:
        TypeError: *data* fits no member.
    """
    members = [a for a in get_args(tp) if a is not types.NoneType]
    keys = set(data)
    fitting = [cls for cls in members if _keys(cls, wire_name)[1] <= keys]
    found = _discriminator(frozenset(members))
    if found is not None:
        chosen = found[1].get(data.get(found[0]))  # type: ignore[arg-type]
        if chosen is not None and chosen in fitting:
            return chosen
    if not fitting:
        names = ", ".join(cls.__name__ for cls in members)
        msg = f"the object fits none of {names}: keys {sorted(keys)}"
        raise TypeError(msg)
    best: type = max(
        fitting,
        key=lambda cls: (len(_keys(cls, wire_name)[0] & keys), -len(_keys(cls, wire_name)[0])),
    )
    return best
