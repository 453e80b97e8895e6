"""The first run on an old progress.json in the TUI: the import runs in a worker thread,
with a one-line note, while the first screen is already drawn and taking keys; it stays
one transaction, and a failure leaves the old files where they are with one line."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading

from progress_helpers import count
from tui.core import progress_import
from tui.core.progress import Store
from tui.ui.app import MythQuizApp
from tui.ui.help_screen import HelpScreen
from tui.ui.home_screen import HomeScreen
from tui.ui.stats_screen import StatsScreen
from tui_helpers import screen_text

SIZE = (110, 40)


def old_file(pack, sessions: int) -> dict:
    items = [item for item in pack.items][:20]
    return {"schema": 1, "items": {}, "settings": {}, "sessions": [
        {"date": f"2026-01-01T10:{n % 60:02d}:00+00:00", "score": 10, "answered": 20, "total": 20,
         "best_streak": 3, "answers": [{"item": i.id, "given": i.answer, "correct": True, "seconds": 2.0}
                                       for i in items]}
        for n in range(sessions)]}


class Gate:
    """Holds the import inside its transaction until the test lets it go."""

    def __init__(self, monkeypatch, fail: bool = False) -> None:
        self.entered, self.go, self.thread = threading.Event(), threading.Event(), None
        original = progress_import.import_files

        def held(conn, files, counts):
            self.thread = threading.current_thread()
            self.entered.set()
            assert self.go.wait(60)
            if fail:
                raise sqlite3.OperationalError("disk I/O error")
            original(conn, files, counts)

        monkeypatch.setattr(progress_import, "import_files", held)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_first_screen_is_drawn_before_a_big_import_ends(pack, tmp_path, monkeypatch):
    (tmp_path / "progress.json").write_text(json.dumps(old_file(pack, 2000)), encoding="utf-8")
    gate = Gate(monkeypatch)
    app = MythQuizApp(pack, store=Store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(gate.entered.wait, 60)  # the import is under way...
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and "Start a quiz" in screen_text(app)  # ...and the screen is up
        assert gate.thread is not threading.main_thread()
        assert [n for n in notes(app) if n.startswith("Importing progress.json into")]
        await pilot.press("?")  # keys are answered meanwhile
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert count(tmp_path / "progress.db", "sessions") == 0  # one transaction, not yet committed
        gate.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not [n for n in notes(app) if n.startswith("Importing")]
        assert [n for n in notes(app) if n.startswith("Imported progress.json into") and "2000 sessions" in n]
    assert count(tmp_path / "progress.db", "sessions") == 2000
    assert not (tmp_path / "progress.json").exists() and list(tmp_path.glob("progress.json.imported-*"))


async def test_a_failed_import_leaves_the_old_file_and_says_so_in_one_line(pack, tmp_path, monkeypatch):
    (tmp_path / "progress.json").write_text(json.dumps(old_file(pack, 3)), encoding="utf-8")
    gate = Gate(monkeypatch, fail=True)
    gate.go.set()
    app = MythQuizApp(pack, store=Store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(gate.entered.wait, 60)
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = [n for n in notes(app) if "not imported" in n]
        assert len(said) == 1 and "\n" not in said[0] and "left as they are" in said[0]
        assert not [n for n in notes(app) if n.startswith("Importing")]
        assert isinstance(app.screen, HomeScreen)
    assert (tmp_path / "progress.json").exists() and count(tmp_path / "progress.db", "sessions") == 0


async def test_stats_started_on_an_old_file_show_what_was_imported(pack, tmp_path, monkeypatch):
    (tmp_path / "progress.json").write_text(json.dumps(old_file(pack, 3)), encoding="utf-8")
    gate = Gate(monkeypatch)
    gate.go.set()
    app = MythQuizApp(pack, store=Store(tmp_path), start="stats")
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(gate.entered.wait, 60)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen) and "Sessions: 3." in screen_text(app)
