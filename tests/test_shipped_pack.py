"""The embedded pack ships checked (tui/core/embedded_pack.json): a first run uses it
without YAML or the checker, and only while it matches content/ and corpus/ exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, CORPUS, run_env
from tui.core import shipped
from tui.core.pack import load_pack

EDITED = "The Alliance is getting ready to launch a military attack on Russia."


def test_shipped_file_matches_content_and_corpus():
    fresh = shipped.build(CONTENT, CORPUS)
    assert shipped.SHIPPED.read_text(encoding="utf-8") == fresh, (
        f"{shipped.SHIPPED.name} is stale: run {shipped.REGENERATE}")


def test_shipped_pack_equals_a_freshly_checked_one(pack):
    ready = shipped.load_shipped(CONTENT, CORPUS)
    assert ready is not None
    assert (ready.title, ready.description, ready.publisher, ready.date) == (
        pack.title, pack.description, pack.publisher, pack.date)
    assert ready.topics == pack.topics
    assert ready.sources == pack.sources
    assert ready.items == pack.items
    for item in pack.items:
        for quote in (*item.evidence, item.claim_quote):
            if quote is not None:
                assert ready.locate(quote) == pack.locate(quote)


def test_an_edited_content_file_falls_back_to_the_full_check(pack_copy, monkeypatch):
    content, corpus = pack_copy
    path = content / "nato-2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(EDITED, "Edited " + EDITED),
                    encoding="utf-8")
    assert shipped.load_shipped(content, corpus) is None
    monkeypatch.setattr("tui.core.pack.embedded_dirs", lambda: (content, corpus))
    opened = load_pack()
    assert opened.item("n17-attack-preparation").prompt == "Edited " + EDITED


def test_an_unedited_copy_uses_the_shipped_pack(pack_copy, pack):
    content, corpus = pack_copy
    ready = shipped.load_shipped(content, corpus)
    assert ready is not None
    # The same items, each naming its file in the copy it was read from.
    assert [i._replace(file=Path(i.file).name) for i in ready.items] == \
        [i._replace(file=Path(i.file).name) for i in pack.items]
    assert all(Path(i.file).parent == content for i in ready.items)
    (corpus / "notes.txt").write_text("an extra file\n", encoding="utf-8")
    assert shipped.load_shipped(content, corpus) is None


@pytest.mark.parametrize("change", ["version", "truncated"])
def test_a_shipped_file_from_another_version_or_damaged_is_not_used(tmp_path, change):
    text = shipped.SHIPPED.read_text(encoding="utf-8")
    if change == "version":
        data = json.loads(text)
        data["version"] -= 1
        text = json.dumps(data)
    else:
        text = text[: len(text) // 2]
    other = tmp_path / "embedded_pack.json"
    other.write_text(text, encoding="utf-8")
    assert shipped.load_shipped(CONTENT, CORPUS, other) is None
    assert shipped.load_shipped(CONTENT, CORPUS) is not None


FIRST_RUN = """
import sys
from pathlib import Path
from tui.core.pack import load_pack
pack = load_pack()
print(len(pack.items), "yaml" in sys.modules, "tui.core.loader" in sys.modules)
"""


def test_a_first_run_neither_imports_yaml_nor_checks_and_fills_the_cache(tmp_path, pack):
    cache = tmp_path / "cache"
    env = run_env(MYTHQUIZ_CACHE_DIR=str(cache))
    for _ in range(2):  # the first run (empty cache), then the warm one
        out = subprocess.run([sys.executable, "-c", FIRST_RUN], env=env, capture_output=True,
                             text=True, check=True).stdout.split()
        assert out == [str(len(pack.items)), "False", "False"]
        assert [p.name.startswith("pack-") for p in cache.iterdir()] == [True]


def test_the_check_command_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "embedded_pack.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(shipped, "SHIPPED", stale)
    assert shipped.main(["--check"]) == 1
    assert "make pack" in capsys.readouterr().err
    assert shipped.main(["--write"]) == 0
    assert shipped.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == shipped.build(CONTENT, CORPUS)


def test_the_shipped_pack_names_no_path_of_the_tree_it_was_built_in():
    """Built in one checkout and read in another (a fresh clone, an installed wheel), the
    shipped pack still matches and names each item's file where it is read."""
    from tui.core.shipped import SHIPPED

    text = SHIPPED.read_text(encoding="utf-8")
    root = str(Path(__file__).resolve().parent.parent)
    assert root not in text and '"/' not in text


async def test_a_first_run_draws_its_first_screen_before_writing_the_cache(tmp_path, monkeypatch):
    """The cache of a first run is written once the first screen is up, not before it."""
    from tui.core import cache
    from tui.ui.app import MythQuizApp

    monkeypatch.setenv("MYTHQUIZ_CACHE_DIR", str(tmp_path))
    pack = load_pack()
    assert list(tmp_path.iterdir()) == []  # not yet
    drawn: list[bool] = []  # for each write of this pack: was the app already running?
    real = cache.save

    def save(p) -> None:
        if p is pack:  # (another test's first run may have left its own pack to write)
            drawn.append(app.is_running)
        real(p)

    monkeypatch.setattr(cache, "save", save)
    app = MythQuizApp(pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert drawn == [True]
    assert [p.name.startswith("pack-") for p in tmp_path.iterdir()] == [True]
    assert cache.load(pack.content_dir, pack.corpus_dir) is not None
