"""Shared fixtures. Every test gets its own data and cache dirs, never the user's."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
CORPUS = ROOT / "corpus"
# The small fixed pack (three items, the embedded corpus): snapshots and flows that must
# not change when the embedded pack's content is edited.
SMALL = ROOT / "tests" / "fixtures" / "small" / "content"
# A pack of disputed items whose evidence lists a quote against the statement first (its
# declared sides put the one supporting it first), on the embedded corpus.
DISPUTED = ROOT / "tests" / "fixtures" / "disputed" / "content"
BIN = Path(sys.executable).parent
MYTHQUIZ = BIN / "mythquiz"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MYTHQUIZ_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("MYTHQUIZ_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture(scope="session")
def pack():
    from tui.core.pack import load_pack

    return load_pack(CONTENT, CORPUS, use_cache=False)


@pytest.fixture(scope="module")
def small_pack():
    """The small fixed pack (`SMALL` with the embedded corpus), read without the cache."""
    from tui.core.pack import load_pack

    return load_pack(SMALL, CORPUS, use_cache=False)


@pytest.fixture(scope="module")
def disputed_pack():
    """The disputed fixture pack (`DISPUTED` with the embedded corpus), read without the cache."""
    from tui.core.pack import load_pack

    return load_pack(DISPUTED, CORPUS, use_cache=False)


@pytest.fixture
def pack_copy(tmp_path):
    """A writable copy of the embedded pack: (content_dir, corpus_dir)."""
    content = tmp_path / "content"
    corpus = tmp_path / "corpus"
    shutil.copytree(CONTENT, content)
    shutil.copytree(CORPUS, corpus)
    return content, corpus


def run_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


# ---- the mini pack of the checker's catalogue, for contract tests of the loading modules ----

@pytest.fixture
def mini(tmp_path):
    """A small valid pack (content, corpus) in tmp_path, to be edited by a test."""
    from test_checker_catalogue import build_mini_pack

    return build_mini_pack(tmp_path / "mini")


def checked(content, corpus):
    """The pack `check_pack` makes of it (it must make one) and its problems as (file name,
    line, message)."""
    from tui.core.loader import check_pack

    pack, problems = check_pack(content, corpus)
    assert pack is not None
    return pack, [(Path(p.file).name, p.line, p.message) for p in problems]
