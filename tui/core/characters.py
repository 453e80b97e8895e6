"""What a reader cannot see: invisible and bidirectional characters, and lookalike choices.

A quiz that shows three options all reading "Article 10" (one with a zero-width space,
one with a Cyrillic "А", one with a right-to-left mark) cannot be answered. The checker
refuses, in the fields a reader compares and types (`id`, `statement`, `question`,
`choices`, `answer`, `claimed_by`):

- invisible characters: Unicode's default-ignorable code points (zero-width space and
  joiners, word joiner, soft hyphen, invisible operators, variation selectors, Hangul
  fillers, tags, the byte order mark, …) and the interlinear annotation controls;
- bidirectional controls: the marks U+200E, U+200F and U+061C (the embeddings,
  overrides and isolates are refused in every text field already);
- the line and paragraph separators U+2028 and U+2029, which are refused in
  `explanation` too: they break plain mode's one-line layout and are shown differently by
  every terminal (write an ordinary line break instead).

A zero-width joiner or non-joiner between two letters of a script that needs them
(Persian, the Indic scripts, emoji sequences), that is between two non-ASCII characters,
and a variation selector after a non-ASCII character, are allowed: there they change how
the text looks, and they cannot hide inside "Article 10".

Two choices of one item that are equal after Unicode confusable folding (the skeleton of
UTS #39: NFD, default-ignorable characters removed, each character replaced by its
prototype from Unicode's confusables.txt, NFD again) are refused, naming the item's
file and the line of the second choice.

Verbatim quotes (`evidence`, `claim_quote`, `said`) are not checked here: they must match
the source document byte for byte, which the checker proves.

Both checks cost one `str.isascii()` per field on ordinary ASCII text, and one
translation per choice.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt), the bidirectional marks, and
# the interlinear annotation controls U+FFF9–FFFB. U+202A–E and U+2066–9 are in the
# default-ignorable range and refused here too, should a field ever get past the general
# control-character check.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff\u2028\u2029]"
)
SEPARATORS = re.compile("[\u2028\u2029]")
_JOINERS = frozenset("\u200c\u200d")
_SELECTORS = frozenset(chr(c) for c in range(0xFE00, 0xFE10))
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)

# The fields a reader compares or types. `said` is a verbatim quote; `explanation` is
# checked for line separators only.
SHORT_FIELDS = ("id", "statement", "question", "answer", "claimed_by")
CHOICE_FIELD = "choices"
PROSE_FIELDS = ("explanation",)
_SHORT, _PROSE, _CHOICES = 1, 2, 3
_KIND = {**dict.fromkeys(SHORT_FIELDS, _SHORT), **dict.fromkeys(PROSE_FIELDS, _PROSE), CHOICE_FIELD: _CHOICES}

_table: dict[int, str] | None = None


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def invisible(text: str) -> str | None:
    """The first invisible, bidirectional-control or separator character a reader would
    not see in `text`, described (`U+200B ZERO WIDTH SPACE`), or None."""
    for match in INVISIBLE.finditer(text):  # none in ASCII text: the pattern holds no ASCII character
        char, at = match.group(), match.start()
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        if char in _JOINERS and not before.isascii() and not after.isascii() and before and after:
            continue  # between two letters of a script that needs it
        if char in _SELECTORS and before and not before.isascii():
            continue  # an emoji or CJK variant
        return _name(char)
    return None


def separator(text: str) -> str | None:
    """The first U+2028/U+2029 in `text`, described, or None."""
    if text.isascii():
        return None
    match = SEPARATORS.search(text)
    return _name(match.group()) if match else None


# The eight ASCII characters whose prototype in confusables.txt is something else (a test
# checks this against the table), so that ASCII text is folded without loading the table:
# those with a one-character ASCII prototype by one translate of all 128 code points
# (CPython's fast path), the others by replace.
ASCII_MULTIPLE = (('"', "''"), ("%", "\u00ba/\u2080"), ("m", "rn"))
ASCII_TABLE = {code: chr(code) for code in range(128)}
ASCII_TABLE.update({ord("`"): "'", ord("|"): "l", ord("1"): "l", ord("I"): "l", ord("0"): "O"})


def confusables() -> dict[int, str]:
    """Unicode's confusable prototypes: code point → prototype (read on first use)."""
    global _table
    if _table is None:
        from .confusables import TABLE

        table = {}
        for entry in TABLE.split(";"):
            source, _, target = entry.partition("=")
            table[int(source, 16)] = "".join(chr(int(code, 16)) for code in target.split(","))
        _table = table
    return _table


def skeleton(text: str) -> str:
    """The UTS #39 skeleton of `text`: equal skeletons look alike."""
    if text.isascii():  # NFD leaves ASCII as it is, and ASCII holds no ignorable character
        for source, target in ASCII_MULTIPLE:
            text = text.replace(source, target)
        return text.translate(ASCII_TABLE)
    text = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", text.translate(confusables()))


def _differences(first: str, second: str) -> str:
    """The characters that make two lookalikes differ, named (at most three)."""
    unusual = [c for c in dict.fromkeys(first + second) if not c.isascii() and (c in first) != (c in second)]
    if not unusual:
        unusual = [c for c in dict.fromkeys(first + second) if (c in first) != (c in second)]
    return ", ".join(_name(c) for c in unusual[:3])


def _item_name(node: Node, shown: Callable[[str], str]) -> str:
    for key, value in node.value:
        if key.__class__ is ScalarNode and key.value == "id" and value.__class__ is ScalarNode:
            return f"item {shown(value.value)}"
    return "an item"


# `problem(node, message)` reports a problem at the line of `node`.
ProblemAt = Callable[[Node, str], None]


def check_item(node: Node, problem: ProblemAt, shown: Callable[[str], str]) -> None:
    """Report what a reader cannot see in one item (a YAML mapping node that the loader
    accepted): `problem(node, message)` for each, at the line of the value."""
    if node.__class__ is not MappingNode:
        return
    choices = None
    for key, value in node.value:
        if key.__class__ is not ScalarNode:
            continue  # reported by the loader
        kind = _KIND.get(key.value)
        if kind is None:
            continue
        if value.__class__ is ScalarNode:
            text = value.value
            if text.isascii():
                continue  # the fast path: nothing here a reader cannot see
            if kind == _SHORT and (found := invisible(text)):
                problem(value, f"{_item_name(node, shown)}: '{key.value}' {shown(text)} holds {found}, "
                               "which a reader cannot see: remove it")
            elif kind == _PROSE and (found := separator(text)):
                problem(value, f"{_item_name(node, shown)}: '{key.value}' holds {found}, which "
                               "terminals show differently: write an ordinary line break instead")
        elif kind == _CHOICES and value.__class__ is SequenceNode:
            choices = [choice for choice in value.value if choice.__class__ is ScalarNode]
    if choices:
        _check_choices(node, choices, problem, shown)


def _check_choices(node: Node, choices: list[ScalarNode], problem: ProblemAt, shown: Callable[[str], str]) -> None:
    texts = [choice.value for choice in choices]
    folded = set()
    for text in texts:  # the fast path, for ASCII choices: skeleton() inlined
        if not text.isascii():
            break
        for source, target in ASCII_MULTIPLE:
            text = text.replace(source, target)
        folded.add(text.translate(ASCII_TABLE))
    else:
        if len(folded) == len(texts):
            return  # nothing invisible, no lookalikes
    seen: dict[str, str] = {}
    for choice, text in zip(choices, texts):
        fold = skeleton(text)
        if found := invisible(text):
            problem(choice, f"{_item_name(node, shown)}: choice {shown(text)} holds {found}, which a "
                            "reader cannot see: remove it")
            continue
        first = seen.get(fold)
        if first is not None and first != text:
            problem(choice, f"{_item_name(node, shown)}: choices {shown(first)} and {shown(text)} look "
                            f"alike (the same after Unicode confusable folding, UTS #39; they differ "
                            f"by {_differences(first, text)}): a reader cannot tell them apart")
        seen.setdefault(fold, text)


def build_table(confusables_txt: str) -> str:
    """The compact table `confusables.py` holds, from Unicode's confusables.txt: one
    `SOURCE=TARGET[,TARGET…]` per mapping (hexadecimal code points), joined by ';'."""
    entries = []
    for line in confusables_txt.splitlines():
        line = line.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        source, target, _kind = (part.strip() for part in line.split(";")[:3])
        entries.append(f"{int(source, 16):X}=" + ",".join(f"{int(c, 16):X}" for c in target.split()))
    return ";".join(entries)


if __name__ == "__main__":  # pragma: no cover - regenerates tui/core/confusables.py
    import sys

    source = open(sys.argv[1], encoding="utf-8-sig").read()
    version = re.search(r"^# Version: (\S+)", source, flags=re.M)
    table = build_table(source)
    lines = [table[i:i + 96] for i in range(0, len(table), 96)]
    print('"""Unicode\'s confusable prototypes (confusables.txt, UTS #39), as a compact table.\n')
    print(f"Generated by `python -m tui.core.characters confusables.txt` from confusables.txt version "
          f"{version.group(1) if version else '?'}.")
    print("See tui/core/characters.py: one SOURCE=TARGET[,TARGET…] per mapping, hexadecimal, ';'-joined.")
    print('Generated data, not code: the one module over 400 lines; regenerate it rather than edit it.\n"""\n')
    print(f'VERSION = "{version.group(1) if version else "?"}"')
    print("TABLE = (")
    for part in lines:
        print(f'    "{part}"')
    print(")")
