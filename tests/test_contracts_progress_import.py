"""Old JSON progress files, imported as a returning user relies on it: every value is
taken as the old file holds it when it makes sense, and cleaned to a safe default when
it does not (never a traceback, never a count that was not there)."""

from __future__ import annotations

import json
from pathlib import Path

from progress_helpers import query
from tui.core.progress import Store
from tui.core.settings import SettingsStore

SEEN = "2026-01-02T10:00:00+00:00"


def imported(data_dir: Path, **files) -> Store:
    for name, data in files.items():
        (data_dir / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    store = Store(data_dir)
    store.open()
    return store


def review(data_dir: Path) -> dict[str, tuple]:
    return {item: rest for item, *rest in query(
        data_dir / "progress.db", "SELECT item, right, wrong, box, last_correct, last_seen FROM review")}


def test_counts_and_boxes_are_taken_when_they_make_sense_and_cleaned_when_not(tmp_path):
    items = {
        "plain": {"right": 3, "wrong": 1, "box": 4, "last_seen": SEEN},
        "fractions": {"right": 2.7, "wrong": True, "box": 2.0},
        "negative": {"right": -3, "wrong": 0, "box": 0},
        "no-box": {"right": 0, "wrong": 2},
        "huge": {"right": 2**62, "wrong": 2**62 - 1, "box": 99},
        "not-numbers": {"right": "two", "wrong": None, "box": "high", "last_seen": ""},
        "unseen": {"right": 0, "wrong": 0, "box": 3},
        "once": {"right": 1, "wrong": 0, "box": 2},
        "even": {"right": 1, "wrong": 1, "box": 1},
        "": {"right": 1},
        "not-a-mapping": [1, 2],
    }
    store = imported(tmp_path, progress={"schema": 1, "items": items})
    assert any("Imported" in w for w in store.warnings)
    assert review(tmp_path) == {
        "plain": [3, 1, 4, 1, SEEN],
        "fractions": [2, 1, 2, 1, None],
        "negative": [0, 0, 1, None, None],  # no count left: never answered, no last verdict
        "no-box": [0, 2, 1, 0, None],
        "huge": [0, 2**62 - 1, 6, 1, None],  # a count too large to be real is none at all
        "not-numbers": [0, 0, 1, None, None],
        "unseen": [0, 0, 3, None, None],  # never answered: no last verdict
        "once": [1, 0, 2, 1, None],
        "even": [1, 1, 1, 0, None],
    }


def test_a_session_keeps_its_figures_and_answers_and_cleans_what_is_not_a_figure(tmp_path):
    sessions = [
        {"date": SEEN, "name": "Ann", "seed": 42, "review": True, "score": 1, "total": 3, "best_streak": 5,
         "duration": 12.5, "answers": [{"item": "snap-who", "given": "Oana Lungescu", "correct": True, "seconds": 2.5},
                                       {"item": "snap-article", "correct": False, "seconds": float("nan")},
                                       {"item": "", "given": "no item"}, "not an answer"]},
        {"score": 2, "total": 4, "seed": True, "duration": 1e12, "name": "", "answers": "none"},
        {"score": 1, "answered": 3, "seed": 2**62, "duration": -4},
        "not a session",
    ]
    store = imported(tmp_path, progress={"schema": 1, "sessions": sessions})
    (line,) = store.warnings
    assert "(3 sessions, 2 answers)" in line
    every = list(store.sessions())
    assert [(r.started, r.finished, r.name, r.seed, r.review, r.score, r.answered, r.total, r.best_streak, r.duration)
            for r, _ in every][0] == (SEEN, SEEN, "Ann", 42, True, 1, 2, 3, 2, 12.5)
    assert [(a.item, a.given, a.correct, a.seconds, a.at) for a in every[0][1]] == [
        ("snap-who", "Oana Lungescu", True, 2.5, SEEN), ("snap-article", "", False, None, SEEN)]
    assert [(r.seed, r.score, r.answered, r.total, r.duration, r.name) for r, _ in every[1:]] == [
        (None, 2, 4, 4, 0.0, None),  # no answers kept: as many answered as asked
        (None, 1, 3, 3, 0.0, None)]
    assert all(r.started == r.finished and r.started > "2026" for r, _ in every[1:])  # undated: the import's date


def test_the_settings_files_choice_wins_over_settings_kept_in_the_progress_file(tmp_path):
    imported(tmp_path,
             progress={"schema": 1, "settings": {"theme": "light", "animations": "off", "scheduler": 3}},
             settings={"schema": 1, "settings": {"theme": "dark", "colour": "red"}})
    assert SettingsStore(tmp_path).values() == {"theme": "dark", "animations": "off"}


def test_a_flag_is_imported_with_its_date_and_pack_or_the_import_date_and_none(tmp_path):
    store = imported(tmp_path, flags={"schema": 1, "flags": [
        {"item": "snap-who", "note": "dated", "date": SEEN, "pack": "NATO"},
        {"item": "snap-who", "note": "undated", "date": "", "pack": ""},
        {"item": "snap-who", "note": " \n "},
        {"note": "no item"},
        "junk",
    ]})
    flags = store.flags()
    assert [(f.item, f.note, f.pack) for f in flags] == [("snap-who", "dated", "NATO"), ("snap-who", "undated", None)]
    assert flags[0].at == SEEN and flags[1].at > "2026" and flags[1].at != SEEN
