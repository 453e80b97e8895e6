"""Opening a pack for use: a pack that checked clean before comes from the cache without
being checked again; the embedded pack, on a first run, comes checked from the package;
`use_cache=False` neither reads nor writes the cache; a pack with problems is refused with
every blocking problem, and one with only non-blocking problems opens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tui.core.loader
from tui.core import cache
from test_checker_catalogue import edit
from tui.core.embedded import embedded_dirs
from tui.core.pack import load_pack
from tui.core.problems import PackError


def cache_files() -> list[str]:
    directory = Path(os.environ["MYTHQUIZ_CACHE_DIR"])
    return sorted(p.name for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else []


def forbid_checking(monkeypatch) -> None:
    """From here on, a pack that has to be checked in full fails the test."""
    def check_pack(*args, **kwargs):
        raise AssertionError("the pack was checked in full")

    monkeypatch.setattr(tui.core.loader, "check_pack", check_pack)


@pytest.fixture
def no_checking(monkeypatch):
    forbid_checking(monkeypatch)


def test_a_pack_checked_once_opens_from_the_cache(mini, monkeypatch):
    content, corpus = mini
    first = load_pack(content, corpus)
    assert cache_files()
    forbid_checking(monkeypatch)
    again = load_pack(content, corpus)
    assert [i.id for i in again.items] == [i.id for i in first.items]


def test_without_the_cache_the_pack_is_checked_and_nothing_is_saved(mini, monkeypatch):
    content, corpus = mini
    load_pack(content, corpus, use_cache=False)
    assert cache_files() == []
    load_pack(content, corpus)  # fills the cache
    checked = []
    real = tui.core.loader.check_pack
    monkeypatch.setattr(tui.core.loader, "check_pack", lambda *a: checked.append(a) or real(*a))
    load_pack(content, corpus, use_cache=False)
    assert checked == [(content, corpus)]  # checked in full, though the cache holds it
    edit(content / "a-items.yaml", "quote: The treaty was signed in 1949", "quote: The treaty was signed in 1950")
    with pytest.raises(PackError):  # checked afresh, not taken from the cache
        load_pack(content, corpus, use_cache=False)


def test_the_embedded_pack_opens_checked_on_a_first_run(no_checking):
    assert cache_files() == []
    pack = load_pack()
    assert pack.items
    assert (pack.content_dir, pack.corpus_dir) == embedded_dirs()
    assert cache_files() == []  # not before the first screen (the app saves it then)
    cache.save_pending()
    assert cache_files()  # and is cached for the next run


def test_the_embedded_pack_named_by_its_paths_opens_checked_too(no_checking):
    content, corpus = embedded_dirs()
    assert load_pack(content, corpus).items


def test_another_pack_is_never_taken_for_the_embedded_one(mini, tmp_path):
    content, corpus = mini
    pack = load_pack(content, corpus)
    assert pack.title == "Test pack" and len(pack.items) == 4


def test_a_pack_with_a_problem_is_refused_naming_it(mini):
    content, corpus = mini
    edit(content / "a-items.yaml", "quote: The treaty was signed in 1949", "quote: The treaty was signed in 1950")
    with pytest.raises(PackError) as caught:
        load_pack(content, corpus)
    assert not caught.value.unusable
    assert [(Path(p.file).name, p.line) for p in caught.value.problems] == [("a-items.yaml", 27)]
    assert cache_files() == []


def test_a_pack_with_only_a_non_blocking_problem_opens(mini):
    content, corpus = mini
    edit(content / "pack.yaml", "publisher: Test curators\n", "")
    pack = load_pack(content, corpus)
    assert pack.publisher is None and len(pack.items) == 4


def test_a_missing_directory_is_refused_as_unusable(tmp_path):
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path / "nothing", tmp_path / "nowhere")
    assert caught.value.unusable
