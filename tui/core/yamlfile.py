"""Reading YAML safely, keeping the line of every value.

Packs are parsed to YAML *nodes* (with libyaml's C parser where available) and never
constructed into Python objects by a YAML loader: tags such as `!!python/object` are
reported, not obeyed, and aliases are refused, so a hostile file can neither run code
nor expand into gigabytes. Every value handed on carries the line it came from.
"""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .files import MAX_FILE_BYTES, inside, read_limited
from .problems import Problem
from .yaml_compose import MERGE, STANDARD_TAGS, TEXT_LIKE, aliased_nodes, compose

# C0 controls but tab and newline, DEL, C1 controls, and bidirectional overrides.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_find_bad = _BAD_CHAR.search
MAX_TEXT = 20_000  # characters in one text value; the embedded pack's longest is 845


def bad_character(text: str) -> str | None:
    """Describe the first control character in `text`, or None if there is none."""
    if text.isprintable():  # fast path: every character the pattern refuses is unprintable
        return None
    match = _find_bad(text)
    if match is None:
        return None
    ch = match.group()
    return f"a control character (U+{ord(ch):04X}) at character {match.start() + 1}"


def shown(value: str, limit: int = 60) -> str:
    """`value` quoted for a message: repr (so controls show as escapes), cut when long."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value):,} characters)"


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


_KNOWN: dict[tuple[str, ...], frozenset[str]] = {}


class YamlFile:
    """One YAML file being read; collects the problems it finds."""

    def __init__(self, path: Path, problems: list[Problem], root: Path | None = None) -> None:
        self.path = path
        self.name = str(path)
        self.problems = problems
        self.root = root  # the directory the file must stay inside, links followed
        # Nodes an alias reaches (reported by `parse`; refused, silently, when visited).
        self._shared: frozenset[Node] = frozenset()

    @property
    def has_aliases(self) -> bool:
        """Does the parsed file use an alias? If not, every node is visited once at most."""
        return bool(self._shared)

    def problem(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.name, line, message))

    def parse(self) -> Node | None:
        """Read, decode and parse the file to a node tree; None (and a problem) on failure."""
        if self.root is not None and not inside(self.path, self.root):
            self.problem(None, f"leads outside {self.root} (through a link); a pack's files stay inside it")
            return None
        try:
            data = read_limited(self.path, MAX_FILE_BYTES)
        except OSError as exc:
            self.problem(None, f"cannot read the file: {exc.strerror or exc}")
            return None
        except ValueError as exc:
            self.problem(None, str(exc))
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
        node = compose(text, self.name, self.problems)
        if node is None:
            return None
        self._shared = aliased_nodes(text, node)
        for shared in sorted(self._shared, key=lambda n: n.start_mark.index):
            # The composer hands back the anchored node itself, so the anchor's line.
            self.problem(shared, "YAML aliases (*name) are not allowed in a pack; write the value out")
        return node

    # ---- typed access, each returning None (after reporting) when the node is wrong ----
    #
    # Each has a fast path for the common, valid case and falls back to the careful one,
    # which says what is wrong; both accept and refuse exactly the same nodes.

    def first_visit(self, node: Node) -> bool:
        """Is `node` to be checked here: not reached by an alias, and of a standard tag
        (a problem is reported for any other)?"""
        if node in self._shared:
            return False  # reached by an alias: reported when the file was parsed
        if node.tag not in STANDARD_TAGS:
            self.problem(node, f"the YAML tag {shown(node.tag, 80)} is not allowed in a pack")
            return False
        return True

    def mapping(self, node: Node, what: str) -> dict[str, tuple[ScalarNode, Node]] | None:
        """A mapping's entries by key, with duplicate and non-text keys reported."""
        if not self.first_visit(node):
            return None
        if node.__class__ is not MappingNode:
            self.problem(node, f"{what} must be a mapping of keys to values, found {_kind(node)}")
            return None
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for pair in node.value:
            key_node = pair[0]
            if key_node.__class__ is not ScalarNode or key_node.tag not in TEXT_LIKE:
                if key_node.tag == MERGE:
                    self.problem(key_node, "YAML merge keys (<<) are not allowed in a pack; write the keys out")
                elif key_node.tag not in STANDARD_TAGS:
                    self.problem(key_node, f"the YAML tag {shown(key_node.tag, 80)} is not allowed in a pack")
                else:
                    self.problem(key_node, f"keys in {what} must be plain words, found {_kind(key_node)}")
                continue
            key = key_node.value
            if key in entries:
                first = entries[key][0].start_mark.line + 1
                self.problem(key_node, f"key {shown(key)} appears twice in {what} (first at line {first})")
                continue
            entries[key] = pair
        return entries

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not self.first_visit(node):
            return None
        if node.__class__ is not SequenceNode:
            self.problem(node, f"{what} must be a list, found {_kind(node)}")
            return None
        items: list[Node] = node.value
        return items

    def text(self, node: Node, what: str) -> str | None:
        """A text value (numbers are taken as written); control characters are refused."""
        # The fast path takes only what `_text` would accept; anything else goes there to
        # be reported.
        if node.__class__ is ScalarNode and node.tag in TEXT_LIKE and node not in self._shared:
            value: str = node.value
            if (
                (value.isprintable() or _find_bad(value) is None)
                and len(value) <= MAX_TEXT
                and value
                and not value.isspace()
            ):
                return value
        return self._text(node, what)

    def _text(self, node: Node, what: str) -> str | None:
        if not self.first_visit(node):
            return None
        if node.__class__ is not ScalarNode or node.tag not in TEXT_LIKE:
            self.problem(node, f"{what} must be text, found {_kind(node)}")
            return None
        value: str = node.value
        if not value.strip():
            self.problem(node, f"{what} is empty")
            return None
        if len(value) > MAX_TEXT:
            self.problem(node, f"{what} is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
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
        """Report keys not in `known` (in the order a message lists them)."""
        known_set = _KNOWN.get(known)
        if known_set is None:
            known_set = _KNOWN[known] = frozenset(known)
        if known_set.issuperset(entries):
            return
        import difflib

        names = list(known)
        for key, (key_node, _) in entries.items():
            if key not in known:
                close = difflib.get_close_matches(key, names, n=1) if len(key) <= 100 else []
                hint = f"; did you mean {close[0]!r}?" if close else f" (known keys: {', '.join(names)})"
                self.problem(key_node, f"unknown key {shown(key)} in {what}{hint}")

    def required(
        self, entries: dict[str, tuple[ScalarNode, Node]], keys: tuple[str, ...], node: Node, what: str
    ) -> bool:
        missing = [k for k in keys if k not in entries]
        for key in missing:
            self.problem(node, f"{what} is missing the key {key!r}")
        return not missing
