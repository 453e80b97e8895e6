"""What a reader cannot see, as the checker reports it for one item: invisible characters
where scripts do not need them, lookalike choices named with the characters that differ,
and the generator of the confusables table (`python -m tui.core.characters FILE`)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tui.core.characters import build_table, check_item, invisible
from tui.core.yamlfile import shown


def problems_of(item_yaml: str) -> list[tuple[int, str]]:
    node = yaml.compose(item_yaml, Loader=yaml.SafeLoader)
    found: list[tuple[int, str]] = []
    check_item(node, lambda n, message: found.append((n.start_mark.line + 1, message)), shown)
    return found


@pytest.mark.parametrize(("text", "refused"), [
    ("\u0431\u200d\u0431", None),  # a joiner between two letters of a script that needs it
    ("a\u0431\u200d\u0431", None),  # the letter just before it counts, not one further back
    ("\u200d\u0431", "U+200D ZERO WIDTH JOINER"),  # at the start
    ("\u0431\u200d", "U+200D ZERO WIDTH JOINER"),  # at the end
    ("\u0431\u200da", "U+200D ZERO WIDTH JOINER"),  # before an ASCII letter
    ("\u0431\u200b\u0431", "U+200B ZERO WIDTH SPACE"),  # only joiners and selectors are ever allowed
    ("\u2764\ufe0f", None), ("\ufe0f\u2764", "U+FE0F VARIATION SELECTOR-16"),
    ("Article 10", None),
])
def test_what_scripts_need_is_allowed_and_nothing_else(text, refused):
    assert invisible(text) == refused


def test_lookalike_choices_are_named_with_the_characters_that_differ():
    found = problems_of("id: c-one\nchoices:\n  - Article 10\n  - \u0410rticle 10\n  - Article 11\n")
    assert len(found) == 1 and found[0][0] == 4
    assert found[0][1].startswith("item 'c-one': choices 'Article 10' and '\u0410rticle 10' look alike")
    assert "differ by U+0410 CYRILLIC CAPITAL LETTER A)" in found[0][1]


def test_ascii_lookalikes_are_named_by_their_ascii_characters():
    found = problems_of("choices:\n  - in 1949\n  - in l949\n  - in 1989\n")
    assert len(found) == 1 and found[0][0] == 3
    assert found[0][1].startswith("an item: choices 'in 1949' and 'in l949' look alike")
    assert "differ by U+0031 DIGIT ONE, U+006C LATIN SMALL LETTER L)" in found[0][1]


def test_at_most_three_differing_characters_are_named():
    # Cyrillic А, р, а, О, е in the second choice: five differ, three are named
    found = problems_of("id: x\nchoices: [Alpha One, \"\u0410l\u0440h\u0430 \u041en\u0435\", zz]\n")
    assert len(found) == 1
    assert found[0][1].count("U+") == 3


def test_the_same_choice_twice_is_left_to_the_loader():
    assert problems_of("id: x\nchoices: [\u0430, \u0430, b]\n") == []


def test_an_invisible_choice_is_named_at_its_line():
    found = problems_of("id: x\nchoices:\n  - one\n  - \"t\u200bwo\"\n  - three\n")
    assert found == [(4, "item 'x': choice 't\\u200bwo' holds U+200B ZERO WIDTH SPACE, which a reader "
                         "cannot see: remove it")]


def test_build_table_reads_confusables_txt():
    text = ("\ufeff# confusables.txt\n# Version: 15.1.0\n\n"
            "05AD ;\t0596 ;\tMA\t# ( ֭ → ֖ )\n"
            "2474 ;\t0028 0031 0029 ;\tMA\t#* ( ⑴ → (l) )\n"
            "0031 ;\t006C ;\tMA ; extra\n")
    assert build_table(text) == "5AD=596;2474=28,31,29;31=6C"


@pytest.mark.parametrize("version", ["15.1.0", None])
def test_the_generated_module_holds_the_table_and_its_version(tmp_path, version):
    entries = [f"{code:04X} ;\t{code + 1:04X} ;\tMA\t# x" for code in range(0x400, 0x440)]
    source = (f"# Version: {version}\n" if version else "") + "\n".join(entries) + "\n"
    (tmp_path / "confusables.txt").write_text(source, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tui.core.characters", str(tmp_path / "confusables.txt")],
                          capture_output=True, text=True, check=True)
    module: dict[str, object] = {}
    exec(done.stdout, module)
    assert module["TABLE"] == build_table(source)
    assert module["VERSION"] == (version or "?")
    assert f"confusables.txt version {version or '?'}." in str(module["__doc__"])


def test_lookalikes_among_choices_that_are_all_non_ascii_are_found():
    found = problems_of("id: x\nchoices: [\"\u0410rticle 10\", \"\u0410rticle 1\u041e\", \"\u0417x\"]\n")
    assert [line for line, _ in found] == [2] and "look alike" in found[0][1]


def test_an_explanation_is_checked_for_line_separators_only():
    found = problems_of("id: x\nstatement: \"zero\u200bwidth\"\nexplanation: \"one\u2028two\"\n")
    assert [line for line, _ in found] == [2, 3]
    assert "U+200B ZERO WIDTH SPACE" in found[0][1]
    assert "U+2028 LINE SEPARATOR" in found[1][1] and "ordinary line break" in found[1][1]
    assert problems_of("id: x\nexplanation: \"zero\u200bwidth caf\u00e9\"\n") == []


def test_only_the_choices_list_is_compared_for_lookalikes():
    # a statement written as a list is the loader's to refuse ("must be text"), not a set of choices
    assert problems_of("id: x\nstatement: [\"Article 10\", \"\u0410rticle 10\"]\n") == []
