"""Reading a pack's YAML, as `mythquiz check` reports it: a text value of at most 20,000
characters (README), a control character named with its place, a long value shown cut, a
byte order mark ignored, keys that are not plain words, tags, merge keys and aliases
refused, null taken where a value may be left empty; each problem at its file and line,
and a refused item left out of the checked pack."""

from __future__ import annotations

import errno
import os

import pytest

from conftest import checked
from test_checker_catalogue import edit, line_of
from tui.core.yamlfile import shown

EXPLANATION = "    explanation: The report dates the treaty to 1949.\n"


def test_a_text_of_20000_characters_is_taken_and_one_more_is_refused(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, EXPLANATION, "    explanation: " + "x" * 20_000 + "\n")
    pack, problems = checked(content, corpus)
    assert problems == [] and pack.item("c-one").explanation == "x" * 20_000
    edit(f, "x" * 20_000, "x" * 20_001)
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "x" * 20_001))]
    assert "20,001" in problems[0][2] and "20,000" in problems[0][2]
    assert pack.item("c-one") is None


def test_a_control_character_is_named_with_its_place(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, EXPLANATION, '    explanation: "The\\a report"\n')
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "The\\a report"))]
    assert "U+0007" in problems[0][2] and "at character 4" in problems[0][2]
    assert pack.item("c-one") is None


def test_a_long_value_is_shown_cut_with_its_length():
    assert shown("a" * 60) == repr("a" * 60)
    assert shown("a" * 61) == repr("a" * 60) + "… (61 characters)"
    assert shown("b\x1b" * 5, limit=4) == repr("b\x1bb\x1b") + "… (10 characters)"


def test_a_byte_order_mark_is_ignored(mini):
    content, corpus = mini
    f = content / "pack.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    pack, problems = checked(content, corpus)
    assert problems == [] and pack.title == "Test pack"


@pytest.mark.parametrize(("key", "kind"), [
    ("!!python/name:os.system evil", "YAML tag"),
    ("? [a, b]\n    ", "plain words"),
    ("<<", "merge keys"),
    ("!custom key", "YAML tag"),
])
def test_keys_that_are_not_plain_words_are_refused_at_their_line(mini, key, kind):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "    topic: history\n", f"    topic: history\n    {key}: 1\n")
    _, problems = checked(content, corpus)
    line = line_of(f, "    topic: history\n") + 1
    assert [(name, at) for name, at, _ in problems] == [("a-items.yaml", line)]
    assert kind in problems[0][2]


def test_a_key_written_twice_names_its_first_line(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "    topic: history\n", "    topic: history\n    topic: history\n")
    pack, problems = checked(content, corpus)
    first = line_of(f, "    topic: history\n    topic")
    assert [(name, at) for name, at, _ in problems] == [("a-items.yaml", first + 1)]
    assert f"first at line {first}" in problems[0][2]


@pytest.mark.parametrize(("value", "kind"), [
    ("true", "true/false"), ("12.5e3x", None), ("[a]", "a list"), ("{a: 1}", "a mapping"), ("~", "nothing (null)"),
    ("2020-01-01", "a date"), ("''", "empty"), ("'   '", "empty"), ("!!binary aGVsbG8=", "YAML tag"),
])
def test_a_text_field_takes_text_and_numbers_only(mini, value, kind):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, EXPLANATION, f"    explanation: {value}\n")
    pack, problems = checked(content, corpus)
    if kind is None:  # text, as written
        assert problems == [] and pack.item("c-one").explanation == value
        return
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, f"explanation: {value}"))]
    assert kind in problems[0][2] and pack.item("c-one") is None


def test_a_number_is_taken_as_written(mini):
    content, corpus = mini
    edit(content / "a-items.yaml", EXPLANATION, "    explanation: 1949\n")
    pack, problems = checked(content, corpus)
    assert problems == [] and pack.item("c-one").explanation == "1949"


def test_an_alias_is_refused_and_its_item_left_out(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "    topic: threat\n", "    topic: &t threat\n")
    edit(f, "    topic: history\n", "    topic: *t\n")
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "&t"))]
    assert "aliases" in problems[0][2]
    assert [i.id for i in pack.items] == ["w-one", "m-two"]


def test_a_publisher_may_be_null_and_is_otherwise_text(mini):
    content, corpus = mini
    pack, _ = checked(content, corpus)
    assert pack.sources["alpha"].publisher == "Alpha Press"
    assert pack.sources["beta"].publisher is None
    edit(corpus / "sources.yaml", "publisher: null", "publisher: 'null'")
    pack, _ = checked(content, corpus)
    assert pack.sources["beta"].publisher == "null"


def test_a_file_reached_through_a_link_out_of_its_directory_is_refused(mini, tmp_path):
    content, corpus = mini
    outside = tmp_path / "elsewhere.yaml"
    (content / "b-items.yaml").rename(outside)
    (content / "b-items.yaml").symlink_to(outside)
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("b-items.yaml", None)]
    assert "outside" in problems[0][2]
    assert [i.id for i in pack.items] == ["m-one", "c-one"]


def test_an_unknown_key_is_named_with_the_nearest_known_one(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "    topic: history\n", "    topic: history\n    questoin: When?\n    " + "k" * 120 + ": 1\n")
    pack, problems = checked(content, corpus)
    line = line_of(f, "questoin")
    assert [(name, at) for name, at, _ in problems] == [("a-items.yaml", line), ("a-items.yaml", line + 1)]
    assert "did you mean 'question'?" in problems[0][2]
    assert "did you mean" not in problems[1][2] and "(known keys: id, type, topic" in problems[1][2]


def test_a_file_that_is_not_utf8_is_named_at_the_line_of_its_bad_byte(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    f.write_bytes(f.read_bytes().replace(b"Critics", b"Cr\xe9tics"))
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "Cr"))]
    assert "0xE9" in problems[0][2]
    assert [i.id for i in pack.items] == ["w-one", "m-two"]


def test_a_file_that_cannot_be_opened_says_why(mini):
    content, corpus = mini
    (content / "ghost.yaml").symlink_to(content / "missing.yaml")  # inside the directory, but no file
    pack, problems = checked(content, corpus)
    assert problems == [("ghost.yaml", None, f"cannot read the file: {os.strerror(errno.ENOENT)}")]
