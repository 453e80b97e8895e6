"""Reading a pack's corpus, as `mythquiz check` reports it: each source's entry kept as
written, documents named by a plain name inside the corpus directory, every other file
there reported unless hidden, a broken entry reported once (not again at the items citing
it, nor its file as unlisted), and a document's bad byte or control character at its line
and column."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import checked
from test_checker_catalogue import BETA, edit, line_of
from tui.core.loader import check_pack


def test_a_sources_entry_is_kept_as_written(mini):
    content, corpus = mini
    pack, problems = checked(content, corpus)
    assert problems == []
    alpha = pack.sources["alpha"]
    assert (alpha.file, alpha.title, alpha.genre, alpha.date, alpha.date_inferred) == (
        "alpha.txt", "Alpha Report", "news report", "2020-01-02", False)
    assert alpha.perspective == "The Alliance's view, as the report gives it."
    assert alpha.date_note == "Printed at the top of the report."
    assert alpha.path == (corpus / "alpha.txt").resolve()


@pytest.mark.parametrize(("flag", "inferred"), [("true", True), ("yes", True), ("On", True), ("false", False),
                                                 ("no", False)])
def test_date_inferred_takes_yamls_words_for_true_and_false(mini, flag, inferred):
    content, corpus = mini
    edit(corpus / "sources.yaml", '    date: "2021"\n', f'    date: "2021"\n    date_inferred: {flag}\n')
    pack, problems = checked(content, corpus)
    assert problems == [] and pack.sources["beta"].date_inferred is inferred


def test_hidden_files_are_ignored_and_other_files_reported(mini):
    content, corpus = mini
    (corpus / ".notes").write_text("private\n", encoding="utf-8")
    (corpus / "extra.txt").write_text("extra\n", encoding="utf-8")
    _, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("extra.txt", None)]
    assert "not listed" in problems[0][2]


def test_a_broken_entry_is_reported_once(mini):
    content, corpus = mini
    f = corpus / "sources.yaml"
    edit(f, "    genre: analysis\n", "")
    pack, problems = checked(content, corpus)
    # beta's entry lacks a key: reported there, and neither beta.txt nor m-two (citing beta) again
    assert [(name, line) for name, line, _ in problems] == [("sources.yaml", line_of(f, "- id: beta"))]
    assert "'genre'" in problems[0][2]
    assert [i.id for i in pack.items] == ["m-one", "c-one", "w-one"]


@pytest.mark.parametrize("name", ["sub/beta.txt", "./beta.txt", "beta.txt/", "..", ".", "a\\\\beta.txt", "/etc/hostname"])
def test_a_document_must_be_a_plain_name(mini, name):
    content, corpus = mini
    f = corpus / "sources.yaml"
    edit(f, "file: beta.txt", f'file: "{name}"')
    _, problems = checked(content, corpus)
    assert ("sources.yaml", line_of(f, "file: \""), ) in [(n, line) for n, line, _ in problems]
    assert any("plain name" in message for _, _, message in problems)


def test_a_malformed_hash_is_one_problem(mini):
    content, corpus = mini
    f = corpus / "sources.yaml"
    digest = hashlib.sha256(BETA.encode()).hexdigest()
    edit(f, digest, "not-a-hash")
    _, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("sources.yaml", line_of(f, "not-a-hash"))]


def test_a_changed_document_is_named_with_both_hashes(mini):
    content, corpus = mini
    (corpus / "beta.txt").write_text(BETA.replace("Monday", "Friday"), encoding="utf-8")
    _, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems][:1] == [("sources.yaml", line_of(corpus / "sources.yaml", "file: beta.txt"))]
    assert hashlib.sha256(BETA.encode()).hexdigest()[:12] in problems[0][2]


def document_problem(corpus: Path, data: bytes) -> tuple[str, int | None, str]:
    listed = hashlib.sha256((corpus / "beta.txt").read_bytes()).hexdigest()
    (corpus / "beta.txt").write_bytes(data)
    edit(corpus / "sources.yaml", listed, hashlib.sha256(data).hexdigest())
    pack, problems = check_pack(corpus.parent / "content", corpus)
    found = [(Path(p.file).name, p.line, p.message) for p in problems if Path(p.file).name == "beta.txt"]
    assert len(found) == 1
    return found[0]


def test_a_bad_byte_in_a_document_is_named_at_its_line(mini):
    _, corpus = mini
    name, line, message = document_problem(corpus, b"one\ntwo\nthr\xe9e\n")
    assert (name, line) == ("beta.txt", 3) and "0xE9" in message


def test_a_control_character_in_a_document_is_named_at_its_line_and_column(mini):
    _, corpus = mini
    name, line, message = document_problem(corpus, b"one\ntwo\nthree \x07 four\n")
    assert (name, line) == ("beta.txt", 3) and "U+0007" in message and "column 7" in message
    name, line, message = document_problem(corpus, b"\x1bone\n")
    assert (name, line) == ("beta.txt", 1) and "column 1" in message


def test_date_inferred_must_be_true_or_false(mini):
    content, corpus = mini
    f = corpus / "sources.yaml"
    edit(f, '    date: "2021"\n', '    date: "2021"\n    date_inferred: maybe\n')
    _, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("sources.yaml", line_of(f, "maybe"))]
    assert "true or false" in problems[0][2]


def test_the_documents_together_are_limited_to_64_mib(mini):
    content, corpus = mini
    for name, size in (("alpha.txt", 30), ("beta.txt", 40)):  # sparse: no disk used
        with (corpus / name).open("r+b") as fh:
            fh.truncate(size * 1024 * 1024)
    _, problems = checked(content, corpus)
    over = [(name, line) for name, line, message in problems if "in all" in message]
    assert over == [("sources.yaml", line_of(corpus / "sources.yaml", "file: beta.txt"))]


def test_boilerplate_must_be_in_its_document(mini):
    content, corpus = mini
    f = corpus / "sources.yaml"
    edit(f, '    date: "2021"\n', '    date: "2021"\n    boilerplate: [Beta Analysis, Gamma Digest]\n')
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("sources.yaml", line_of(f, "Gamma Digest"))]
    assert "not in beta" in problems[0][2]
    assert pack.sources["beta"].boilerplate == ("Beta Analysis",)


def test_a_source_id_must_be_a_slug(mini):
    content, corpus = mini
    f = corpus / "sources.yaml"
    edit(f, "  - id: beta\n", "  - id: Beta\n")
    _, problems = checked(content, corpus)
    assert ("sources.yaml", line_of(f, "id: Beta")) in [(name, line) for name, line, _ in problems]


def test_a_control_character_after_a_blank_first_line_is_on_line_two(mini):
    _, corpus = mini
    _, line, message = document_problem(corpus, b"\nx\x07\n")
    assert line == 2 and "column 2" in message
