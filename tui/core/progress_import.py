"""The one-time import of the JSON files older mythquiz versions kept (`progress.json`,
`settings.json`, `flags.json`) into the progress database.

All the files found are brought in by one transaction (`import_files`), each recorded by
its SHA-256 in the `imports` table, so a file put back after a kill between the commit and
the renaming is never imported twice; the files are then kept beside the database,
renamed (`keep_beside`). A file that is torn, of the wrong layout or from a newer schema
is never imported: it is moved aside, or left alone, with a one-line message.

Values are taken as the old files hold them, whatever they hold: numbers that are not
numbers, negative counts, unknown keys are cleaned or left out, never a traceback.
"""

import os
import sqlite3
from datetime import datetime
from hashlib import sha256
from pathlib import Path
from typing import Any, NamedTuple

from . import db, scheduler
from .progress_rows import SETTING_KEYS, clean_note, now_iso

LEGACY_FILES = ("progress.json", "settings.json", "flags.json")
LEGACY_SCHEMA = 1  # the JSON files' own schema number, the only one ever written


class OldFile(NamedTuple):
    path: Path
    raw: bytes
    data: dict[str, Any]


def found_in(data_dir: Path) -> list[Path]:
    """The old files present in `data_dir`, not yet imported."""
    return [data_dir / name for name in LEGACY_FILES if (data_dir / name).is_file()]


def read_old_file(path: Path, messages: list[str]) -> OldFile | None:
    """An old JSON file's data, or None with a one-line message (a torn file or one of
    the wrong layout is moved aside; one from a newer schema is left untouched)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        messages.append(f"{path} cannot be read ({db.reason(exc)}); it is not imported.")
        return None
    try:
        import json  # only for old files: not on the way to the first screen

        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        _set_aside(path, "is not valid JSON", messages)
        return None
    lists = {"progress.json": ("sessions",), "flags.json": ("flags",)}.get(path.name, ())
    dicts = {"progress.json": ("items", "settings"), "settings.json": ("settings",)}.get(path.name, ())
    if not (isinstance(data, dict) and isinstance(data.get("schema"), int)
            and all(isinstance(data.get(k, []), list) for k in lists)
            and all(isinstance(data.get(k, {}), dict) for k in dicts)):
        _set_aside(path, f"does not have the layout of a {path.stem} file", messages)
        return None
    if data["schema"] > LEGACY_SCHEMA:
        messages.append(
            f"{path} was written by a newer mythquiz (schema {data['schema']}, this one knows "
            f"{LEGACY_SCHEMA}); it is left untouched and not imported.")
        return None
    return OldFile(path, raw, data)


def import_files(conn: sqlite3.Connection, files: list[OldFile], counts: dict[str, int]) -> None:
    """Bring `files` into the database inside the caller's transaction, counting the
    sessions and answers brought in."""
    for old in files:
        digest = sha256(old.raw).hexdigest()
        if conn.execute("SELECT 1 FROM imports WHERE sha256 = ?", (digest,)).fetchone():
            continue  # imported before a kill stopped the renaming
        conn.execute("INSERT INTO imports (sha256, file, at) VALUES (?, ?, ?)", (digest, str(old.path), now_iso()))
        if old.path.name == "progress.json":
            _import_progress(conn, old.data, counts)
        elif old.path.name == "settings.json":
            _import_settings(conn, old.data.get("settings", {}), replace=True)
        else:
            _import_flags(conn, old.data.get("flags", []))


def keep_beside(files: list[OldFile]) -> list[str]:
    """Rename the imported files beside the database; the names they now have."""
    kept = []
    for old in files:
        target = free_name(old.path, "imported")
        try:
            os.replace(old.path, target)
            kept.append(target.name)
        except OSError:
            kept.append(f"{old.path.name} (left in place)")
    return kept


def free_name(path: Path, what: str) -> Path:
    """`path` with `.what-STAMP` added, a name no file has yet."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{what}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{what}-{stamp}-{n}")
    return target


def _set_aside(path: Path, why: str, messages: list[str]) -> None:
    target = free_name(path, "broken")
    try:
        os.replace(path, target)
        messages.append(f"{path} {why}; it was moved to {target} and is not imported.")
    except OSError as exc:
        messages.append(f"{path} {why} and could not be moved aside ({db.reason(exc)}); it is not imported.")


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) and value == value and abs(value) < 2**62:
        return max(0, int(value))
    return default


def _num(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and abs(value) < 1e12:
        return max(0.0, float(value))
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _import_progress(conn: sqlite3.Connection, data: dict[str, Any], counts: dict[str, int]) -> None:
    for item, raw in data.get("items", {}).items():
        if not (isinstance(item, str) and item and isinstance(raw, dict)):
            continue
        right, wrong = _int(raw.get("right")), _int(raw.get("wrong"))
        box = min(max(_int(raw.get("box"), 1), 1), scheduler.MAX_BOX)
        last = _text(raw.get("last_seen"))
        # The old files kept no last verdict; the box tells it: box 1 after a wrong answer.
        last_correct = None if right + wrong == 0 else int(box > 1)
        conn.execute(
            "INSERT INTO review (item, right, wrong, last_seen, box, last_correct) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (item) DO UPDATE SET right = right + excluded.right, wrong = wrong + excluded.wrong, "
            "last_correct = coalesce(excluded.last_correct, last_correct), "
            "last_seen = CASE WHEN excluded.last_seen > coalesce(last_seen, '') THEN excluded.last_seen "
            "ELSE last_seen END, box = excluded.box",
            (item, right, wrong, last, box, last_correct))
    for raw in data.get("sessions", []):
        if not isinstance(raw, dict):
            continue
        answers = [a for a in raw.get("answers", []) if isinstance(a, dict) and _text(a.get("item"))] \
            if isinstance(raw.get("answers"), list) else []
        date = _text(raw.get("date")) or now_iso()
        score = _int(raw.get("score"))
        answered = max(_int(raw.get("answered"), len(answers) or _int(raw.get("total"))), score)
        seed = raw.get("seed")
        row = conn.execute(
            "INSERT INTO sessions (started, finished, name, seed, review, score, answered, total, best_streak, duration) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (date, date, _text(raw.get("name")), seed if isinstance(seed, int) and not isinstance(seed, bool)
             and abs(seed) < 2**62 else None, int(bool(raw.get("review"))), score, answered,
             max(_int(raw.get("total")), answered), min(_int(raw.get("best_streak")), answered),
             _num(raw.get("duration")) or 0.0)).lastrowid
        conn.executemany(
            "INSERT INTO answers (session, at, item, given, correct, seconds) VALUES (?, ?, ?, ?, ?, ?)",
            [(row, date, a["item"], str(a.get("given", "")), int(bool(a.get("correct"))), _num(a.get("seconds")))
             for a in answers])
        counts["sessions"] += 1
        counts["answers"] += len(answers)
    _import_settings(conn, data.get("settings", {}), replace=False)


def _import_settings(conn: sqlite3.Connection, settings: Any, replace: bool) -> None:
    if not isinstance(settings, dict):
        return
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    for key, value in settings.items():
        if key in SETTING_KEYS and isinstance(value, str):
            conn.execute(f"{verb} INTO settings (key, value) VALUES (?, ?)", (key, value))


def _import_flags(conn: sqlite3.Connection, flags: list[Any]) -> None:
    for flag in flags:
        if not isinstance(flag, dict):
            continue
        item, note = _text(flag.get("item")), clean_note(str(flag.get("note", "")))
        if item and note:
            conn.execute("INSERT INTO flags (at, item, note, pack) VALUES (?, ?, ?, ?)",
                         (_text(flag.get("date")) or now_iso(), item, note, _text(flag.get("pack"))))
