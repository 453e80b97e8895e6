"""The invisible-character and lookalike checks (tui/core/characters.py) as functions.

The checker's cases, through the real command, are in test_hostile_packs.py ("what a
reader cannot see") and test_checker_catalogue.py.
"""

from __future__ import annotations

import time
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import characters
from tui.core.characters import confusables, invisible, separator, skeleton


def reference_skeleton(text: str) -> str:
    """UTS #39's skeleton, the slow way, for every text (no ASCII shortcut)."""
    text = characters._IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", text.translate(confusables()))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_folds_as_the_table_does(text):
    assert skeleton(text) == reference_skeleton(text)


@given(st.text())
@settings(max_examples=300)
def test_skeleton_is_the_reference_for_any_text(text):
    assert skeleton(text) == reference_skeleton(text)


def test_what_looks_alike_and_what_does_not():
    same = ["Article 10", "Article 1\u200b0", "\u0410rticle 10", "Article 1\u041e", "Artic\u01c0e 10",
            "Article \U0001d7e30", "Article 1\u2060\u20600", "Article 1\u00ad0"]
    assert len({skeleton(text) for text in same}) == 1
    assert skeleton("Article 10") != skeleton("Article 11")
    assert skeleton("rn") == skeleton("m") and skeleton("Korn") == skeleton("Kom")


def test_invisible_names_the_character_and_allows_what_scripts_need():
    assert invisible("Article 10") is None
    assert invisible("Article 1\u200b0") == "U+200B ZERO WIDTH SPACE"
    assert invisible("in 1949\u200f") == "U+200F RIGHT-TO-LEFT MARK"
    assert invisible("\u061cin") == "U+061C ARABIC LETTER MARK"
    assert invisible("a\u200db") == "U+200D ZERO WIDTH JOINER"  # between ASCII letters
    assert invisible("\ufeffword") == "U+FEFF ZERO WIDTH NO-BREAK SPACE"
    assert invisible("x\ufe0f") == "U+FE0F VARIATION SELECTOR-16"
    assert invisible("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") is None  # Persian ZWNJ
    assert invisible("\U0001f469\u200d\U0001f52c \u2764\ufe0f") is None  # emoji sequences
    assert invisible("caf\u00e9 \u2014 \u201cquoted\u201d") is None
    assert separator("one\u2028two") == "U+2028 LINE SEPARATOR" and separator("one\ntwo") is None


def test_the_checks_are_linear():
    """Twenty times the text takes about twenty times as long, not four hundred (the bound,
    100, leaves room for a busy machine; a quadratic check would be near 400)."""
    def cost(n: int) -> float:
        text = ("\u0645\u06cc\u200c\u062e" * n) + "x"
        best = float("inf")
        for _ in range(7):
            started = time.perf_counter()
            invisible(text)
            skeleton(text)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = cost(5_000), cost(100_000)
    assert large < small * 100, (small, large)


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "statement", "question", "choices", "answer", "claimed_by",
                                       "explanation", "said", "x"]) | st.text(max_size=5), children, max_size=6),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from(["id", "question", "choices", "answer", "explanation", "other"]),
                       _values, max_size=6))
@settings(max_examples=300, deadline=None)
def test_any_item_shape_gives_problems_never_an_exception(item):
    import yaml

    problems = []
    for text in (yaml.safe_dump(item, allow_unicode=True), "? [a, b]\n: x\n? {c: d}\n: [\"\\u200b\"]\nchoices: [a, [b], {c: d}]\n"):
        node = yaml.compose(text)
        characters.check_item(node, lambda n, message: problems.append((n.start_mark.line, message)), repr)
    for line, message in problems:
        assert isinstance(line, int) and message
