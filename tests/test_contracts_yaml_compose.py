"""Composing a pack file's YAML: the same tags as PyYAML's safe loader gives, nesting limited
to 100 levels (README) whichever part of the parser meets it first, and every refusal one
problem naming the file and line (and column, for a control character)."""

from __future__ import annotations

import pytest
import yaml

from tui.core.problems import Problem
from tui.core.yaml_compose import aliased_nodes, compose

SCALARS = ["plain", "12", "-12", "+3", "0x1F", "0o17", "1_000", "1:30", "1.5", "-1.5e3", ".inf", "-.inf", ".nan",
           "true", "False", "yes", "NO", "on", "Off", "y", "null", "~", "", "2020-01-01", "2020-01-01T10:00:00Z",
           "'12'", '"true"', "=", "<<", "!!str 12", "~x", "2020-1-1"]


def tags(node: yaml.Node) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append((n.tag, n.value if isinstance(n, yaml.ScalarNode) else None))
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                stack += [key, value]
    return out


@pytest.mark.parametrize("scalar", SCALARS)
def test_the_tags_are_the_safe_loaders(scalar):
    text = f"key: {scalar}\nlist: [{scalar or 'x'}, {{a: {scalar or 'x'}}}]\n"
    problems: list[Problem] = []
    node = compose(text, "f.yaml", problems)
    assert problems == [] and node is not None
    assert tags(node) == tags(yaml.compose(text, Loader=yaml.SafeLoader))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_nesting_to_100_levels_is_taken_and_deeper_is_refused():
    problems: list[Problem] = []
    assert compose(nested(100), "f.yaml", problems) is not None and problems == []
    assert compose("a: 1\nb:\n  " + nested(99), "f.yaml", problems) is not None and problems == []  # under a mapping
    assert compose(nested(101), "f.yaml", problems) is None
    assert compose("a: 1\nb:\n  " + nested(100), "f.yaml", problems) is None
    assert [(p.file, p.line) for p in problems] == [("f.yaml", 1), ("f.yaml", 3)]
    assert all("100" in p.message for p in problems) and problems[0].message == problems[1].message


def test_nesting_too_deep_for_the_parser_names_the_line_where_it_went_too_deep():
    problems: list[Problem] = []
    assert compose("a: [1]\n\n" + "[" * 150 + "\n" + "[" * 5000, "f.yaml", problems) is None
    assert [(p.file, p.line) for p in problems] == [("f.yaml", 3)]
    assert "100" in problems[0].message


def test_brackets_under_the_limit_in_a_broken_file_are_a_syntax_error():
    problems: list[Problem] = []
    assert compose("a: 1\n" + "[" * 50 + "\n", "f.yaml", problems) is None
    assert len(problems) == 1 and problems[0].message.startswith("YAML syntax error: ")
    assert "100" not in problems[0].message


@pytest.mark.parametrize("text", ["a: 1\nb: c: d\n", "items:\n  - a\n b: 1\n", "a: [1, 2\nb: 3\n", "a: 'x\n"])
def test_a_syntax_error_is_the_parsers_problem_at_its_line(text):
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    exc = caught.value
    mark = exc.problem_mark or exc.context_mark
    problems: list[Problem] = []
    assert compose(text, "f.yaml", problems) is None
    assert problems == [Problem("f.yaml", mark.line + 1, f"YAML syntax error: {exc.problem or exc.context}")]


def test_a_control_character_is_named_with_its_line_and_column():
    problems: list[Problem] = []
    assert compose("a: 1\nb: x\x07y\n", "f.yaml", problems) is None
    assert compose("\x01", "g.yaml", problems) is None
    assert [(p.file, p.line) for p in problems] == [("f.yaml", 2), ("g.yaml", 1)]
    assert "U+0007" in problems[0].message and "column 5" in problems[0].message
    assert "U+0001" in problems[1].message and "column 1" in problems[1].message


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_a_file_without_a_document_says_so(text):
    problems: list[Problem] = []
    assert compose(text, "f.yaml", problems) is None
    assert [(p.file, p.line) for p in problems] == [("f.yaml", None)]


def test_more_than_one_document_is_refused():
    problems: list[Problem] = []
    assert compose("a: 1\n---\nb: 2\n", "f.yaml", problems) is None
    assert len(problems) == 1 and problems[0].file == "f.yaml"


def test_the_nodes_an_alias_reaches_are_found():
    problems: list[Problem] = []
    text = "a: &x [1, {k: v}]\nb: *x\nc: &y {m: n}\nd: [*y]\ne: [plain]\n"
    root = compose(text, "f.yaml", problems)
    assert root is not None and problems == []
    values = {key.value: value for key, value in root.value}
    assert aliased_nodes(text, root) == {values["a"], values["c"]}
    press = "title: Press & Media\nlist: [a, b]\n"
    assert aliased_nodes(press, compose(press, "g.yaml", problems)) == frozenset()



@pytest.mark.parametrize(("text", "line", "deep"), [
    ("a: " + nested(60) + "\nb: " + "[" * 150, 2, True),  # 60 levels closed on line 1, too deep on line 2
    ("\n" + "[" * 150, 2, True),  # from a blank first line
    ("a: b: c\n" + nested(150) + "\n", 1, False),  # the error comes before the deep brackets
])
def test_a_broken_file_is_too_deep_only_where_its_brackets_go_past_the_limit(text, line, deep):
    problems: list[Problem] = []
    assert compose(text, "f.yaml", problems) is None
    assert [(p.line, "100" in p.message) for p in problems] == [(line, deep)]


def test_a_control_character_after_a_blank_first_line_is_on_line_two():
    problems: list[Problem] = []
    assert compose("\n\x01", "f.yaml", problems) is None
    assert [(p.line, "column 1" in p.message) for p in problems] == [(2, True)]


def test_flow_nesting_too_deep_for_the_library_is_named_at_the_line_where_it_passes_the_limit():
    """Brackets nest past 100 levels on the third line (a blank first line, 60 opened and 30
    closed on the second, 75 more on the third), then far past what libyaml's own scanner
    accepts: the problem names line 3, where the pack first broke the limit."""
    n = 100_000
    text = "\nitems: " + "[" * 60 + "]" * 30 + ",\n " + "[" * 75 + "\n " + "[" * n + "]" * (n + 75 + 30) + "\n"
    problems: list[Problem] = []
    assert compose(text, "deep.yaml", problems) is None
    assert [(p.line, "nested deeper than 100 levels" in p.message) for p in problems] == [(3, True)]


def test_half_a_million_values_are_within_the_limit():
    """The limit is a million YAML values in one file, each counted once: a file of 500,001
    values (a mapping, a sequence and 499,999 numbers) composes without a problem."""
    text = "items:\n" + "  - 0\n" * 499_999
    problems: list[Problem] = []
    assert compose(text, "big.yaml", problems) is not None
    assert problems == []
