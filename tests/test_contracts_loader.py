"""Opening a pack's directories: a missing, misplaced or unreadable pack is refused as
unusable input (exit 2) with one problem naming the path and why; a readable pack is
checked in full, and checking leaves the caller's garbage collector as it was."""

from __future__ import annotations

import errno
import gc
import os
from pathlib import Path

import pytest

from tui.core.loader import check_pack
from tui.core.problems import PackError


def refused(content: Path | None, corpus: Path | None) -> list[tuple[str, str]]:
    with pytest.raises(PackError) as caught:
        check_pack(content, corpus)
    assert caught.value.unusable
    assert all(p.line is None for p in caught.value.problems)
    return [(p.file, p.message) for p in caught.value.problems]


def test_a_clean_pack_checks_clean(mini):
    content, corpus = mini
    pack, problems = check_pack(content, corpus)
    assert problems == []
    assert pack is not None and pack.title == "Test pack"
    assert [item.id for item in pack.items] == ["m-one", "c-one", "w-one", "m-two"]
    assert (pack.content_dir, pack.corpus_dir) == (content, corpus)


def test_missing_directories_are_each_named(tmp_path):
    content, corpus = tmp_path / "no-content", tmp_path / "no-corpus"
    assert refused(content, corpus) == [
        (str(content), "content directory not found"), (str(corpus), "corpus directory not found")]


def test_a_missing_required_file_is_named_with_why(mini):
    content, corpus = mini
    (content / "pack.yaml").unlink()
    (corpus / "sources.yaml").unlink()
    assert refused(content, corpus) == [
        (str(content / "pack.yaml"), "pack.yaml not found: a pack needs one"),
        (str(corpus / "sources.yaml"), "sources.yaml not found: a corpus needs one"),
    ]


def test_a_required_file_that_is_a_directory_is_named(mini):
    content, corpus = mini
    (corpus / "sources.yaml").unlink()
    (corpus / "sources.yaml").mkdir()
    assert refused(content, corpus) == [
        (str(corpus / "sources.yaml"), "sources.yaml is a directory, not a file: a corpus needs one")]


def test_a_required_file_that_is_not_a_regular_file_is_named(mini):
    content, corpus = mini
    (content / "pack.yaml").unlink()
    os.mkfifo(content / "pack.yaml")
    assert refused(content, corpus) == [
        (str(content / "pack.yaml"), "pack.yaml is not a regular file: a pack needs one")]


def test_a_path_too_long_to_open_is_not_found_not_a_traceback(mini, tmp_path):
    _, corpus = mini
    content = tmp_path / ("x" * 5000)
    assert refused(content, corpus) == [(str(content), "content directory not found")]


def test_a_required_file_whose_path_is_too_long_cannot_be_read(mini, tmp_path):
    content, corpus = mini
    # A directory whose own path fits the system's limit but not with "/pack.yaml" after it.
    deep = tmp_path / "d"
    while len(str(deep)) < 4090:
        deep = deep / ("d" * min(200, 4090 - len(str(deep)) - 1))
    deep.mkdir(parents=True)
    assert len(str(deep / "pack.yaml")) >= 4096
    reason = os.strerror(errno.ENAMETOOLONG)
    assert refused(deep, corpus) == [(str(deep / "pack.yaml"), f"pack.yaml cannot be read ({reason}): a pack needs one")]


def test_only_the_missing_directory_is_named(mini, tmp_path):
    content, corpus = mini
    assert refused(content, tmp_path / "nowhere") == [(str(tmp_path / "nowhere"), "corpus directory not found")]
    assert refused(tmp_path / "nowhere", corpus) == [(str(tmp_path / "nowhere"), "content directory not found")]


def test_a_pack_without_items_says_so(mini):
    content, corpus = mini
    for name in ("a-items.yaml", "b-items.yaml"):
        (content / name).unlink()
    pack, problems = check_pack(content, corpus)
    assert [(p.file, p.line, p.message) for p in problems] == [(str(content), None, "the pack has no items")]


def test_checking_leaves_the_garbage_collector_as_it_was(mini):
    content, corpus = mini
    assert gc.isenabled()
    check_pack(content, corpus)
    assert gc.isenabled()
    gc.disable()
    try:
        check_pack(content, corpus)
        assert not gc.isenabled()
    finally:
        gc.enable()
