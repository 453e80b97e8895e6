"""Composing YAML into nodes, safely and fast: the safe loader's tags by a table lookup,
limits on nesting and on the number of values, and the nodes an alias reaches. Nothing is
ever constructed into Python objects by a YAML loader."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

if TYPE_CHECKING:  # the type checker reads the pure-Python loader; both compose the same
    _Loader = yaml.SafeLoader
else:  # libyaml's parser is several times faster; PyYAML's own is the fallback.
    _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A pack nests five levels at most (items, item, evidence, quote, value). libyaml's
# composer recurses once per level in C, so a file of 100,000 '[' would crash the process.
MAX_DEPTH = 100
# Each YAML value costs about 300 bytes as a node: without a limit, 64 MB of "a," would
# take 9 GB. A 1,000-item file has about 26,000.
MAX_NODES = 1_000_000

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
MERGE = "tag:yaml.org,2002:merge"
TEXT_LIKE = frozenset({STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
STANDARD_TAGS = frozenset({
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    MAP,
    SEQ,
    "tag:yaml.org,2002:timestamp",
})

# The safe loader's implicit resolvers (plain `true`, `12`, `~`, dates …) by first character.
_Resolvers = tuple[tuple[str, re.Pattern[str]], ...]
_IMPLICIT: dict[str, _Resolvers] = {}
for _first, _resolvers in _Loader.yaml_implicit_resolvers.items():
    if _first is not None:
        _IMPLICIT[_first] = tuple(_resolvers) + tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
_WILDCARD: _Resolvers = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))


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


def _resolve(kind: type[Node], value: str, implicit: tuple[bool, bool],
             _get: Callable[[str, _Resolvers], _Resolvers] = _IMPLICIT.get,
             _scalar: type[Node] = ScalarNode, _seq: type[Node] = SequenceNode) -> str:
    """The tag the safe loader gives a node without an explicit tag, by a table lookup."""
    if kind is _scalar:
        if implicit[0]:
            for tag, regexp in _get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return tag
        return STR
    return SEQ if kind is _seq else MAP


class _Composer(_Loader):
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

        def descend_resolver(parent: Node | None, index: object) -> None:
            nonlocal depth, nodes
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH or nodes > MAX_NODES:
                line = parent.start_mark.line + 1 if parent is not None else None
                if depth > MAX_DEPTH:
                    raise _TooBig(line, _TOO_DEEP)
                raise _TooBig(line, f"more than {MAX_NODES:,} YAML values in one file; split it into several")

        def ascend_resolver() -> None:
            nonlocal depth
            depth -= 1

        # Instance attributes that shadow the loader's methods on purpose (the speed-up
        # above); set through the instance dict, as they are not methods of this class.
        vars(self).update(descend_resolver=descend_resolver, ascend_resolver=ascend_resolver, resolve=_resolve)


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


# Where an anchor (`&name`) could be: '&' and a character an anchor's name may start with.
# Text without one has no anchor, so no alias either ('&' in "Press & Media" is neither).
_ANCHOR = re.compile(r"&[^\s\[\]{},]")


def compose(text: str, name: str, problems: list[Problem]) -> Node | None:
    """`text` composed into one document's node tree; None, with a problem of `name`, if it
    is not YAML, nests too deep, holds too many values or holds no document."""
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(name, None, "the file holds no YAML document (it is empty, or only comments)"))
        return node
    except _TooBig as exc:
        problems.append(Problem(name, exc.line, exc.message))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        deep = _flow_too_deep(text, mark.index if mark is not None else len(text))
        if deep is not None:  # the parser's own nesting limit stopped it before ours
            problems.append(Problem(name, deep, _TOO_DEEP))
        else:
            line = mark.line + 1 if mark is not None else None
            what = exc.problem or exc.context or "invalid YAML"
            problems.append(Problem(name, line, f"YAML syntax error: {what}"))
    except yaml.reader.ReaderError as exc:
        # Raised before parsing, for characters YAML refuses outright (most controls).
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        problems.append(Problem(
            name, line,
            f"a control character (U+{char:04X}) at column {col}: control characters are not "
            "allowed in a pack",
        ))
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        problems.append(Problem(name, None, f"YAML error: {message}"))
    except RecursionError:  # only PyYAML's pure-Python parser recurses in Python
        problems.append(Problem(name, None, "YAML nested too deeply to read"))
    finally:
        loader.dispose()
    return None


def aliased_nodes(text: str, root: Node) -> frozenset[Node]:
    """The nodes an alias reaches in the tree composed from `text` (none without an anchor)."""
    if _ANCHOR.search(text) is None:
        return frozenset()
    return _shared_nodes(root)
