"""ARIA snapshots (`page.aria_snapshot()`) read into `AriaNode`s: what a screen reader
announces, and the named container each thing sits in."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cxcheck.journeys.language.roles import LANDMARK_PHRASES, REGION_ROLES, ROLE_NAMES


@dataclass(frozen=True)
class AriaNode:
    """One line of an ARIA snapshot: what a screen reader announces, and where it sits."""

    role: str
    name: str
    where: str = ""  # the nearest named container: "Order summary", "the page header"
    disabled: bool = False

    @property
    def word(self) -> str:
        """The role in message words."""
        return ROLE_NAMES.get(self.role, self.role)

    def candidate(self) -> dict[str, str]:
        """As the JSON report's `candidates` lists it."""
        return {"role": self.word, "name": self.name, "where": self.where}


_CONTAINER_ROLES = frozenset(REGION_ROLES) - {"main"}

_ITEM = re.compile(r"^(?P<indent> *)- (?P<body>.*)$")
_NODE = re.compile(
    r'^(?P<role>[a-z][a-zA-Z-]*)(?: (?P<name>"(?:[^"\\]|\\.)*"))?'
    r"(?P<attrs>(?: \[[^\]]*\])*)(?P<rest>:.*)?$"
)


@dataclass
class _Raw:
    role: str
    name: str
    attrs: str
    value: str
    parent: int
    children: list[int] = field(default_factory=list)


def parse_aria_snapshot(text: str) -> list[AriaNode]:
    """Every role line of `page.aria_snapshot()` output, with the container it sits in."""
    raw: list[_Raw] = []
    stack: list[tuple[int, int]] = []  # (indent, index) of the open ancestors
    for line in text.splitlines():
        item = _ITEM.match(line)
        node = _parse_item(item["body"]) if item else None
        if item is None or node is None:
            continue
        indent = len(item["indent"])
        while stack and stack[-1][0] >= indent:
            stack.pop()
        node.parent = stack[-1][1] if stack else -1
        if node.parent >= 0:
            raw[node.parent].children.append(len(raw))
        raw.append(node)
        stack.append((indent, len(raw) - 1))
    return [
        AriaNode(n.role, n.name, _where(raw, i), "[disabled" in n.attrs)
        for i, n in enumerate(raw)
        if n.role != "text"
    ]


def _parse_item(body: str) -> _Raw | None:
    """`role "name" [attrs]: value`, YAML-quoted or not; None for properties like /url."""
    scalar, trailing = _unquote(body)
    node = _NODE.match(scalar)
    if node is None:
        return None
    name = _decode(node["name"]) if node["name"] else ""
    rest = trailing if trailing else (node["rest"] or "")
    value, _ = _unquote(rest[1:].strip()) if rest.startswith(":") else ("", "")
    return _Raw(node["role"], name, node["attrs"] or "", value, -1)


def _unquote(text: str) -> tuple[str, str]:
    """A YAML scalar and what follows it: `'a ''b'''` -> ("a 'b'", "")."""
    if text.startswith("'"):
        i = 1
        while i < len(text):
            if text[i] == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            if text[i] == "'":
                break
            i += 1
        return text[1:i].replace("''", "'"), text[i + 1 :]
    if text.startswith('"'):
        try:
            value, end = json.JSONDecoder().raw_decode(text)
        except ValueError:
            return text, ""
        return str(value), text[end:]
    return text, ""


def _decode(quoted: str) -> str:
    try:
        return str(json.loads(quoted))
    except ValueError:
        return quoted[1:-1]


def _where(raw: list[_Raw], index: int) -> str:
    parent = raw[index].parent
    while parent >= 0:
        label = _container_label(raw, parent)
        if label:
            return label
        parent = raw[parent].parent
    return ""


def _container_label(raw: list[_Raw], index: int) -> str:
    node = raw[index]
    if node.role in LANDMARK_PHRASES:  # "in the page header" says more than its label
        return LANDMARK_PHRASES[node.role]
    if node.role not in _CONTAINER_ROLES:
        return ""
    if node.name:
        return node.name
    heading = _first_heading(raw, index)
    if heading:
        return heading
    if node.role in ("listitem", "row"):
        texts = [raw[c].value for c in node.children if raw[c].role == "text" and raw[c].value]
        return texts[0][:60] if texts else ""
    return ""


def _first_heading(raw: list[_Raw], index: int) -> str:
    for child in raw[index].children:
        if raw[child].role == "heading" and raw[child].name:
            return raw[child].name
        found = _first_heading(raw, child)
        if found:
            return found
    return ""


def unique(nodes: Sequence[AriaNode]) -> list[AriaNode]:
    """`nodes` without repeats of the same role, name and place, in order."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for node in nodes:
        key = (node.role, node.name, node.where)
        if key not in seen:
            seen.add(key)
            out.append(node)
    return out
