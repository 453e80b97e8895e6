"""Settings as a user relies on them: what was chosen is read back by the next run (even
before its progress store opens, for the theme of the first frame), only the known
settings are kept, and a file that cannot be read gives the defaults, not a traceback."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tui.core.progress import ProgressError
from tui.core.settings import SettingsStore

DAMAGED = b"this is not a database at all" * 200


def test_a_setting_saved_is_read_back_by_the_next_run(tmp_path):
    first = SettingsStore(tmp_path)
    first.set("theme", "light")
    first.set("animations", "off")
    assert first.values() == {"theme": "light", "animations": "off"}
    assert SettingsStore(tmp_path).values() == {"theme": "light", "animations": "off"}


def test_only_known_settings_with_text_values_are_read(tmp_path):
    SettingsStore(tmp_path).set("theme", "dark")
    conn = sqlite3.connect(tmp_path / "progress.db")
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('colour', 'red'), ('animations', X'6f6666')")
    conn.close()
    assert SettingsStore(tmp_path).values() == {"theme": "dark"}


def test_an_unknown_setting_is_refused(tmp_path):
    with pytest.raises(KeyError):
        SettingsStore(tmp_path).set("colour", "red")
    assert SettingsStore(tmp_path).values() == {}


def test_settings_kept_by_an_older_version_are_read_before_they_are_imported(tmp_path):
    old = {"schema": 1, "settings": {"theme": "dark", "colour": "red", "animations": 3, "scheduler": "fsrs"}}
    (tmp_path / "settings.json").write_text(json.dumps(old), encoding="utf-8")
    assert SettingsStore(tmp_path).values() == {"theme": "dark", "scheduler": "fsrs"}
    assert not (tmp_path / "progress.db").exists()  # reading them changes nothing


@pytest.mark.parametrize("files", [
    {},
    {"settings.json": b"{not json"},
    {"settings.json": b'["a list, not a mapping"]'},
    {"progress.db": DAMAGED},
])
def test_settings_that_cannot_be_read_are_the_defaults(tmp_path, files):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert SettingsStore(tmp_path).values() == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)  # nothing moved or made


def test_the_data_dir_is_the_one_given_else_the_users(tmp_path, monkeypatch):
    monkeypatch.setenv("MYTHQUIZ_DATA_DIR", str(tmp_path / "users"))
    assert SettingsStore(tmp_path / "given").dir == tmp_path / "given"
    chosen = SettingsStore()
    assert chosen.dir == tmp_path / "users"
    chosen.set("theme", "light")
    assert SettingsStore(tmp_path / "users").values() == {"theme": "light"}


def test_a_damaged_database_is_said_once_the_store_is_used(tmp_path):
    (tmp_path / "progress.db").write_bytes(DAMAGED)
    settings = SettingsStore(tmp_path)
    assert settings.warnings == []  # nothing opened yet, nothing to say
    settings.set("theme", "light")
    (warning,) = settings.warnings
    assert "progress.db" in warning and "moved" in warning
    assert SettingsStore(tmp_path).values() == {"theme": "light"}


def test_a_setting_that_cannot_be_written_says_so_in_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    settings = SettingsStore(blocker / "data")
    with pytest.raises(ProgressError) as raised:
        settings.set("theme", "light")
    assert "\n" not in str(raised.value) and "nothing is saved" in str(raised.value)
    assert SettingsStore(blocker / "data").values() == {}


def test_a_launch_while_another_program_locks_the_database_waits_a_second_then_uses_the_defaults(tmp_path):
    """The theme is read before the first frame: a database held in exclusive mode by
    another program (even readers are refused) delays the first screen by about a second,
    not by the store's usual wait, and the defaults are used for this run."""
    import time

    saved = SettingsStore(tmp_path)
    saved.set("theme", "light")
    saved.store.close()
    holder = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE settings SET value = value")
        holder.execute("COMMIT")  # in exclusive mode the lock stays after the commit
        started = time.monotonic()
        assert SettingsStore(tmp_path).values() == {}
        waited = time.monotonic() - started
    finally:
        holder.close()
    assert 0.9 <= waited < 1.8
    assert SettingsStore(tmp_path).values() == {"theme": "light"}  # once the lock is gone
