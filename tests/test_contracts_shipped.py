"""`make pack` (python -m tui.core.shipped): --write regenerates the shipped pack only when
it changed, --check exits 1 while it is stale, both refuse (exit 1) a pack that does not
check clean, and one of the two must be named. Reading the shipped file never raises: a
file of another shape is simply not used."""

from __future__ import annotations

import gc
import json

import pytest

from conftest import CONTENT, CORPUS
from test_checker_catalogue import build_mini_pack, edit
from tui.core import shipped
from tui.core.problems import PackError


@pytest.fixture
def target(tmp_path, monkeypatch):
    path = tmp_path / "embedded_pack.json"
    monkeypatch.setattr(shipped, "SHIPPED", path)
    return path


def test_write_writes_only_what_changed(target, capsys):
    assert shipped.main(["--write"]) == 0
    assert "wrote" in capsys.readouterr().out
    written = target.read_text(encoding="utf-8")
    assert shipped.main(["--write"]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == written
    assert shipped.main(["--check"]) == 0


def test_check_of_a_missing_file_says_it_is_stale(target, capsys):
    assert shipped.main(["--check"]) == 1
    assert "make pack" in capsys.readouterr().err
    assert not target.exists()


def test_one_mode_must_be_named(target):
    with pytest.raises(SystemExit) as caught:
        shipped.main([])
    assert caught.value.code == 2
    assert not target.exists()


@pytest.mark.parametrize("mode", ["--write", "--check"])
def test_a_pack_that_does_not_check_clean_is_not_shipped(target, tmp_path, monkeypatch, capsys, mode):
    content, corpus = build_mini_pack(tmp_path / "mini")
    edit(content / "a-items.yaml", "quote: The treaty was signed in 1949", "quote: The treaty was signed in 1950")
    monkeypatch.setattr(shipped, "embedded_dirs", lambda: (content, corpus))
    assert shipped.main([mode]) == 1
    assert "does not check clean" in capsys.readouterr().err
    assert not target.exists()
    with pytest.raises(PackError):
        shipped.build(content, corpus)


def test_a_pack_with_only_a_non_blocking_problem_is_shipped(tmp_path):
    content, corpus = build_mini_pack(tmp_path / "mini")
    edit(content / "pack.yaml", "publisher: Test curators\n", "")
    data = json.loads(shipped.build(content, corpus))
    assert data["version"] and data["files"] and data["pack"]


@pytest.mark.parametrize("text", ["[]", "null", "{}", '{"version": "x"}', "not json", "{\"files\": 1}"])
def test_a_shipped_file_of_another_shape_is_not_used(tmp_path, text):
    other = tmp_path / "embedded_pack.json"
    other.write_text(text, encoding="utf-8")
    assert shipped.load_shipped(CONTENT, CORPUS, other) is None


def test_reading_the_shipped_pack_leaves_the_garbage_collector_as_it_was():
    assert shipped.load_shipped(CONTENT, CORPUS) is not None
    assert gc.isenabled()
    gc.disable()
    try:
        assert shipped.load_shipped(CONTENT, CORPUS) is not None
        assert not gc.isenabled()
    finally:
        gc.enable()
