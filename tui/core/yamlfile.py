"""Reading YAML safely, keeping the line of every value.

Packs are parsed to YAML *nodes* (with libyaml's C parser where available) and never
constructed into Python objects by a YAML loader: tags such as `!!python/object` are
reported, not obeyed, and aliases are refused, so a hostile file can neither run code
nor expand into gigabytes. Every value handed on carries the line it came from.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

try:  # libyaml's parser is several times faster; PyYAML's own is the fallback.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader  # type: ignore[misc]

MAX_FILE_BYTES = 64 * 1024 * 1024
# A pack nests five levels at most (items, item, evidence, quote, value). libyaml's
# composer recurses once per level in C, so a file of 100,000 '[' would crash the process.
MAX_DEPTH = 100
# Each YAML value costs about 300 bytes as a node: without a limit, 64 MB of "a," would
# take 9 GB. A 1,000-item file has about 26,000.
MAX_NODES = 1_000_000

STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_TEXT_LIKE = frozenset({STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_STANDARD_TAGS = frozenset({
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    _MAP,
    _SEQ,
    "tag:yaml.org,2002:timestamp",
})

# The safe loader's implicit resolvers (plain `true`, `12`, `~`, dates …) by first character.
_IMPLICIT: dict[str, tuple] = {}
for _first, _resolvers in _Loader.yaml_implicit_resolvers.items():
    if _first is not None:
        _IMPLICIT[_first] = tuple(_resolvers) + tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
_WILDCARD = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))


_TOO_DEEP = f"YAML nested deeper than {MAX_DEPTH} levels; a pack needs five at most"
_FLOW = re.compile(r"[\[\]{}]")


def _flow_too_deep(text: str, end: int) -> int | None:
    """The line where flow brackets before `end` first nest deeper than MAX_DEPTH, or None.

    libyaml refuses very deep flow nesting itself, in its scanner, before the composer's
    limit is reached; this tells that case apart from other syntax errors without relying
    on the library's wording. Brackets inside quoted text are counted too, which can only
    matter for a file that is already broken at `end`.
    """
    head = text[:end]
    if head.count("[") + head.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _FLOW.finditer(head):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return head.count("\n", 0, match.start()) + 1
    return None


class _TooBig(yaml.YAMLError):
    """The file nests too deep, or holds too many values, to compose safely."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _resolve(kind, value, implicit, _get=_IMPLICIT.get, _scalar=ScalarNode, _seq=SequenceNode):  # noqa: ANN001
    """The tag the safe loader gives a node without an explicit tag, by a table lookup."""
    if kind is _scalar:
        if implicit[0]:
            for tag, regexp in _get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return tag
        return STR
    return _SEQ if kind is _seq else _MAP


class _Composer(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader, used only to compose nodes (never to construct Python objects):
    the same tags as `yaml.safe_load` gives, resolved by a table lookup instead of PyYAML's
    general path-aware resolver, and a limit on nesting.

    libyaml's composer calls these three hooks for every node; as plain functions in the
    instance, not methods found through the loader's deep class hierarchy, they cost far
    less (composing a 10,000-item pack: 1.06 s instead of 1.31 s with the stock loader).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        depth = nodes = 0

        def descend_resolver(parent, index):  # noqa: ANN001
            nonlocal depth, nodes
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH or nodes > MAX_NODES:
                line = parent.start_mark.line + 1 if parent is not None else None
                if depth > MAX_DEPTH:
                    raise _TooBig(line, _TOO_DEEP)
                raise _TooBig(line, f"more than {MAX_NODES:,} YAML values in one file; split it into several")

        def ascend_resolver():
            nonlocal depth
            depth -= 1

        self.descend_resolver = descend_resolver
        self.ascend_resolver = ascend_resolver
        self.resolve = _resolve


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


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ValueError says why not.

    Checked on the open file, so a FIFO or device (which would block or never end) is
    refused, and a file that grows while being read is cut off at the limit.
    """
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValueError("is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("is not a regular file")
        if st.st_size > limit:
            raise ValueError(f"file is {st.st_size:,} bytes; the limit is {limit:,}")
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(st.st_size + 1)  # read(n) allocates n bytes at once: not the limit
            if len(data) > st.st_size:  # it grew since fstat
                parts, total = [data], len(data)
                while total <= limit:
                    chunk = fh.read(min(1 << 20, limit + 1 - total))
                    if not chunk:
                        break
                    parts.append(chunk)
                    total += len(chunk)
                data = b"".join(parts)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise ValueError(f"file is over {limit:,} bytes; the limit is {limit:,}")
    return data


def inside(path: Path, root: Path) -> bool:
    """Does `path` (links followed) lie inside the directory `root` (links followed)?"""
    try:
        real_root = root.resolve()
        return real_root in path.resolve().parents
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return False


def _shared_nodes(root: Node) -> frozenset[Node]:
    """The nodes reached more than once: those an alias points at (the composer gives the
    anchored node again). Each node is entered once, so a "billion laughs" costs nothing."""
    seen: set[Node] = set()
    shared: set[Node] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node in seen:
            shared.add(node)
            continue
        seen.add(node)
        if node.__class__ is SequenceNode:
            stack.extend(node.value)
        elif node.__class__ is MappingNode:
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return frozenset(shared)


_KNOWN: dict[tuple[str, ...], frozenset[str]] = {}
# Where an anchor (`&name`) could be: '&' and a character an anchor's name may start with.
# Text without one has no anchor, so no alias either ('&' in "Press & Media" is neither).
_ANCHOR = re.compile(r"&[^\s\[\]{},]")


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
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        except _TooBig as exc:
            self.problems.append(Problem(self.name, exc.line, exc.message))
            return None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            deep = _flow_too_deep(text, mark.index if mark is not None else len(text))
            if deep is not None:  # the parser's own nesting limit stopped it before ours
                self.problems.append(Problem(self.name, deep, _TOO_DEEP))
                return None
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
        except RecursionError:  # only PyYAML's pure-Python parser recurses in Python
            self.problems.append(Problem(self.name, None, "YAML nested too deeply to read"))
            return None
        finally:
            loader.dispose()
        if node is None:
            self.problem(None, "the file holds no YAML document (it is empty, or only comments)")
        elif _ANCHOR.search(text) is not None:  # without an anchor there is no alias
            self._shared = _shared_nodes(node)
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
        if node.tag not in _STANDARD_TAGS:
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
            if key_node.__class__ is not ScalarNode or key_node.tag not in _TEXT_LIKE:
                if key_node.tag == _MERGE:
                    self.problem(key_node, "YAML merge keys (<<) are not allowed in a pack; write the keys out")
                elif key_node.tag not in _STANDARD_TAGS:
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
        return node.value

    def text(self, node: Node, what: str, *, allow_empty: bool = False) -> str | None:
        """A text value (numbers are taken as written); control characters are refused."""
        # The fast path takes only what `_text` would accept; anything else goes there to
        # be reported.
        if node.__class__ is ScalarNode and node.tag in _TEXT_LIKE and node not in self._shared:
            value = node.value
            if (
                (value.isprintable() or _find_bad(value) is None)
                and len(value) <= MAX_TEXT
                and (allow_empty or (value and not value.isspace()))
            ):
                return value
        return self._text(node, what, allow_empty)

    def _text(self, node: Node, what: str, allow_empty: bool) -> str | None:
        if not self.first_visit(node):
            return None
        if node.__class__ is not ScalarNode or node.tag not in _TEXT_LIKE:
            self.problem(node, f"{what} must be text, found {_kind(node)}")
            return None
        value = node.value
        if not allow_empty and not value.strip():
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

