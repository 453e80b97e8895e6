"""The cache of checked packs, as a user relies on it: a pack read back from the cache is
the pack that was checked, any change to a file it was read from is a miss (the pack is
checked again), a cache that cannot be read is ignored, and the cache stays small."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, SMALL
from tui.core import cache
from tui.core.pack import load_pack


def same_pack(a, b) -> None:
    assert (a.title, a.description, a.publisher, a.date, a.topics) == (
        b.title, b.description, b.publisher, b.date, b.topics)
    assert a.sources == b.sources and a.items == b.items


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the small pack's content (the corpus is the embedded one, unchanged)."""
    copy = tmp_path / "content"
    shutil.copytree(SMALL, copy)
    return copy


def test_a_pack_read_back_from_the_cache_is_the_pack_checked(content):
    checked = load_pack(content, CORPUS, use_cache=False)
    assert cache.load(content, CORPUS) is None  # nothing kept yet
    cache.save(checked)
    cached = cache.load(content, CORPUS)
    assert cached is not None
    same_pack(cached, checked)
    assert cached.content_dir == content and cached.corpus_dir == CORPUS


def test_any_change_to_a_file_of_the_pack_is_a_miss(content):
    cache.save(load_pack(content, CORPUS, use_cache=False))
    items = content / "items.yaml"
    st = items.stat()
    os.utime(items, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # touched, same size
    assert cache.load(content, CORPUS) is None
    cache.save(load_pack(content, CORPUS, use_cache=False))
    assert cache.load(content, CORPUS) is not None
    with items.open("a", encoding="utf-8") as fh:  # grown, same modification time
        fh.write("\n")
    os.utime(items, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert cache.load(content, CORPUS) is None
    (content / "new.yaml").write_text("", encoding="utf-8")
    assert cache.load(content, CORPUS) is None


def test_a_pack_that_cannot_be_fingerprinted_is_neither_kept_nor_read(content, tmp_path):
    pack = load_pack(content, CORPUS, use_cache=False)
    shutil.rmtree(content)
    cache.save(pack)
    assert not cache.cache_dir().exists() or not any(cache.cache_dir().iterdir())
    assert cache.load(content, CORPUS) is None


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01 not marshal", b"N"])
def test_a_damaged_cache_file_is_ignored(content, garbage):
    cache.save(load_pack(content, CORPUS, use_cache=False))
    (kept,) = cache.cache_dir().iterdir()
    kept.write_bytes(garbage)
    assert cache.load(content, CORPUS) is None
    assert load_pack(content, CORPUS).items == load_pack(content, CORPUS, use_cache=False).items


def test_reading_the_cache_leaves_the_garbage_collector_as_it_was(content):
    cache.save(load_pack(content, CORPUS, use_cache=False))
    assert gc.isenabled()
    assert cache.load(content, CORPUS) is not None
    assert gc.isenabled()
    gc.disable()
    try:
        assert cache.load(content, CORPUS) is not None
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_cache_keeps_only_the_most_recently_written_packs(content, tmp_path):
    where = cache.cache_dir()
    where.mkdir(parents=True)
    old = [where / f"pack-old-{n}.bin" for n in range(cache.KEEP + 1)]
    for n, path in enumerate(old):
        path.write_bytes(b"old")
        os.utime(path, ns=(10**18 + n * 10**9, 10**18 + n * 10**9))  # the first the oldest
    (where / "words-old.bin").write_bytes(b"a word index: another kind")
    os.utime(where / "words-old.bin", ns=(10**9, 10**9))
    cache.save(load_pack(content, CORPUS, use_cache=False))
    left = sorted(p.name for p in where.iterdir())
    assert len([n for n in left if n.startswith("pack-")]) == cache.KEEP
    # The new pack and the KEEP - 1 newest of the old; the oldest two are gone.
    assert sorted(p.name for p in old[2:]) == sorted(n for n in left if n.startswith("pack-old-"))
    assert "words-old.bin" in left
    assert cache.load(content, CORPUS) is not None


def test_each_pack_has_one_file_per_python_version_named_for_its_directories(content, tmp_path, monkeypatch):
    import re
    import sys

    monkeypatch.setenv("MYTHQUIZ_CACHE_DIR", str(tmp_path / "not" / "made" / "yet"))
    pack = load_pack(content, CORPUS, use_cache=False)
    cache.save(pack)
    cache.save(pack)  # written again over the first: still one file
    (kept,) = cache.cache_dir().iterdir()
    version = f"py{sys.version_info[0]}{sys.version_info[1]}"
    assert re.fullmatch(rf"pack-[0-9a-f]{{24}}-{version}\.bin", kept.name), kept.name
    words = cache.WordsCache(pack).path
    assert words.parent == kept.parent and words.name == kept.name.replace("pack-", "words-")
    other = tmp_path / "other"
    shutil.copytree(content, other)
    cache.save(load_pack(other, CORPUS, use_cache=False))
    assert len(list(cache.cache_dir().iterdir())) == 2  # another directory: a file of its own


def test_the_cache_dir_is_the_one_asked_for_else_the_users(monkeypatch, tmp_path):
    monkeypatch.setenv("MYTHQUIZ_CACHE_DIR", str(tmp_path / "asked"))
    assert cache.cache_dir() == tmp_path / "asked"
    monkeypatch.delenv("MYTHQUIZ_CACHE_DIR")
    monkeypatch.setattr(cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "mythquiz"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "mythquiz"


def test_a_pack_moved_elsewhere_names_its_files_where_it_is_read(content, tmp_path):
    pack = load_pack(content, CORPUS, use_cache=False)
    elsewhere = tmp_path / "elsewhere"
    moved = cache.from_rows(cache.to_rows(pack), elsewhere / "content", elsewhere / "corpus")
    assert [i.file for i in moved.items] == [str(elsewhere / "content" / Path(i.file).name) for i in pack.items]
    assert [i.line for i in moved.items] == [i.line for i in pack.items]
    assert {s.id: s.path for s in moved.sources.values()} == {
        s.id: elsewhere / "corpus" / s.file for s in pack.sources.values()}
    outside = pack.items[0]._replace(file=str(tmp_path / "outside.yaml"))
    pack.items[0] = outside
    kept = cache.from_rows(cache.to_rows(pack), elsewhere / "content", elsewhere / "corpus")
    assert kept.items[0].file == str(tmp_path / "outside.yaml")  # outside the content dir: as it was


def test_a_word_index_is_kept_only_for_large_packs_and_only_for_its_own_texts(content):
    small = load_pack(content, CORPUS, use_cache=False)
    words = cache.WordsCache(small)
    words.write("key", ("an", "index"))
    assert words.read("key") is None and not cache.cache_dir().exists()
    big = load_pack(content, CORPUS, use_cache=False)
    base = big.items[0]
    big.items = [base._replace(id=f"item-{n}") for n in range(1000)]  # "at least 1000 items"
    words = cache.WordsCache(big)
    words.write("key", ("an", "index"))
    assert words.path.name.startswith("words-") and words.path.exists()
    assert cache.WordsCache(big).read("key") == ("an", "index")
    assert cache.WordsCache(big).read("other texts") is None
    big.items = big.items[:-1]  # one short of the threshold: not worth a file
    assert cache.WordsCache(big).read("key") is None
    cache.save(big)
    assert cache.WordsCache(big).path.exists()  # saving the pack leaves the word index


def test_a_word_index_file_that_cannot_be_read_is_ignored(content):
    big = load_pack(content, CORPUS, use_cache=False)
    big.items = [big.items[0]._replace(id=f"item-{n}") for n in range(cache.WordsCache.MIN_ITEMS)]
    words = cache.WordsCache(big)
    words.write("key", ("an", "index"))
    words.path.write_bytes(b"\x00garbage")
    assert words.read("key") is None
