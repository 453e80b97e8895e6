"""Reading YAML safely, keeping the line of every value.

Packs are parsed to YAML *nodes* (with libyaml's C parser where available) and never
constructed into Python objects by a YAML loader: tags such as `!!python/object` are
reported, not obeyed, and aliases are refused, so a hostile file can neither run code
nor expand into gigabytes. Every value handed on carries the line it came from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

try:  # libyaml's parser is several times faster; PyYAML's own is the fallback.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader  # type: ignore[misc]

MAX_FILE_BYTES = 64 * 1024 * 1024

STR = "tag:yaml.org,2002:str"
_TEXT_LIKE = {STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_STANDARD_TAGS = {
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}

# C0 controls but tab and newline, DEL, C1 controls, and bidirectional overrides.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def bad_character(text: str) -> str | None:
    """Describe the first control character in `text`, or None if there is none."""
    match = _BAD_CHAR.search(text)
    if match is None:
        return None
    ch = match.group()
    return f"a control character (U+{ord(ch):04X}) at character {match.start() + 1}"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        "tag:yaml.org,2002:int": "a number",
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:bool": "true/false",
        "tag:yaml.org,2002:null": "nothing (null)",
        "tag:yaml.org,2002:timestamp": "a date",
    }.get(node.tag, "text")


class YamlFile:
    """One YAML file being read; collects the problems it finds."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.name = str(path)
        self.problems = problems
        self._seen: set[int] = set()

    def problem(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.name, line, message))

    def parse(self) -> Node | None:
        """Read, decode and parse the file to a node tree; None (and a problem) on failure."""
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problem(None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
                return None
            data = self.path.read_bytes()
        except OSError as exc:
            self.problem(None, f"cannot read the file: {exc.strerror or exc}")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            self.problems.append(
                Problem(self.name, line, f"not UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded")
            )
            return None
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            what = exc.problem or exc.context or "invalid YAML"
            self.problems.append(Problem(self.name, line, f"YAML syntax error: {what}"))
            return None
        except yaml.reader.ReaderError as exc:
            # Raised before parsing, for characters YAML refuses outright (most controls).
            line, col = _line_col(text, exc.position)
            char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
            self.problems.append(Problem(
                self.name, line,
                f"a control character (U+{char:04X}) at column {col}: control characters are not "
                "allowed in a pack",
            ))
            return None
        except yaml.YAMLError as exc:
            message = " ".join(str(exc).split())
            self.problems.append(Problem(self.name, None, f"YAML error: {message}"))
            return None
        return node

    # ---- typed access, each returning None (after reporting) when the node is wrong ----

    def _first_visit(self, node: Node) -> bool:
        if id(node) in self._seen:
            self.problem(node, "YAML aliases (*name) are not allowed in a pack; write the value out")
            return False
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.problem(node, f"the YAML tag {node.tag!r} is not allowed in a pack")
            return False
        return True

    def mapping(self, node: Node, what: str) -> dict[str, tuple[ScalarNode, Node]] | None:
        """A mapping's entries by key, with duplicate and non-text keys reported."""
        if not self._first_visit(node):
            return None
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values, found {_kind(node)}")
            return None
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _TEXT_LIKE:
                self.problem(key_node, f"keys in {what} must be plain words, found {_kind(key_node)}")
                continue
            key = key_node.value
            if key in entries:
                first = entries[key][0].start_mark.line + 1
                self.problem(key_node, f"key {key!r} appears twice in {what} (first at line {first})")
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not self._first_visit(node):
            return None
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{what} must be a list, found {_kind(node)}")
            return None
        return list(node.value)

    def text(self, node: Node, what: str, *, allow_empty: bool = False) -> str | None:
        """A text value (numbers are taken as written); control characters are refused."""
        if not self._first_visit(node):
            return None
        if not isinstance(node, ScalarNode) or node.tag not in _TEXT_LIKE:
            self.problem(node, f"{what} must be text, found {_kind(node)}")
            return None
        value = node.value
        if not allow_empty and not value.strip():
            self.problem(node, f"{what} is empty")
            return None
        bad = bad_character(value)
        if bad:
            self.problem(node, f"{what} contains {bad}")
            return None
        return value

    def optional_text(self, node: Node, what: str) -> str | None:
        """Text, or None for an explicit null."""
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return None
        return self.text(node, what)

    def unknown_keys(
        self, entries: dict[str, tuple[ScalarNode, Node]], known: tuple[str, ...], what: str
    ) -> None:
        import difflib

        for key, (key_node, _) in entries.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(known)})"
                self.problem(key_node, f"unknown key {key!r} in {what}{hint}")

    def required(
        self, entries: dict[str, tuple[ScalarNode, Node]], keys: tuple[str, ...], node: Node, what: str
    ) -> bool:
        missing = [k for k in keys if k not in entries]
        for key in missing:
            self.problem(node, f"{what} is missing the key {key!r}")
        return not missing


def iter_yaml_files(directory: Path, exclude: str) -> Iterator[Path]:
    """The `*.yaml` files of a directory, sorted, without `exclude`."""
    for path in sorted(directory.glob("*.yaml")):
        if path.name != exclude:
            yield path
