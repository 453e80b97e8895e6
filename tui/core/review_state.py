"""Each item's review state in the progress database: its Leitner box, and its FSRS card
when FSRS is the chosen scheduler. Written in the same transaction as the answer that
changes it; read by the store's `due_for_review`."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from . import scheduler


def apply_answer(conn: sqlite3.Connection, item_id: str, correct: bool, when: datetime) -> None:
    """One answer moves the item between Leitner boxes (and its FSRS card, if chosen)."""
    old = conn.execute("SELECT box, fsrs_card FROM review WHERE item = ?", (item_id,)).fetchone()
    box = scheduler.leitner_box(old[0] if old else 1, correct)
    card = due = None
    chosen = conn.execute("SELECT value FROM settings WHERE key = 'scheduler'").fetchone()
    if chosen is not None and chosen[0] == "fsrs":
        card, moment = scheduler.fsrs_review(old[1] if old else None, correct, when)
        due = moment.isoformat()
    conn.execute(
        "INSERT INTO review (item, right, wrong, last_seen, last_correct, box, fsrs_card, fsrs_due) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item) DO UPDATE SET "
        "right = right + excluded.right, wrong = wrong + excluded.wrong, last_seen = excluded.last_seen, "
        "last_correct = excluded.last_correct, box = excluded.box, "
        "fsrs_card = coalesce(excluded.fsrs_card, fsrs_card), fsrs_due = coalesce(excluded.fsrs_due, fsrs_due)",
        (item_id, int(correct), int(not correct), when.isoformat(), int(correct), box, card, due),
    )


def rebuild_fsrs(conn: sqlite3.Connection) -> None:
    """Every item's FSRS card from its kept answers, oldest first. An item whose answers
    were not kept (imported review state only) starts from its last answer."""
    current: str | None = None
    log: list[tuple[datetime, bool]] = []

    def flush() -> None:
        built = scheduler.fsrs_replay(log)
        if current is not None and built is not None:
            conn.execute("UPDATE review SET fsrs_card = ?, fsrs_due = ? WHERE item = ?",
                         (built[0], built[1].isoformat(), current))

    conn.execute("UPDATE review SET fsrs_card = NULL, fsrs_due = NULL")
    for item, at, correct in conn.execute("SELECT item, at, correct FROM answers ORDER BY item, at, id").fetchall():
        if item != current:
            flush()
            current, log = item, []
        when = scheduler.parse_time(at)
        if when is not None:
            log.append((when, bool(correct)))
    flush()
    for item, last_seen, last_correct, wrong in conn.execute(
            "SELECT item, last_seen, last_correct, wrong FROM review WHERE fsrs_card IS NULL").fetchall():
        when = scheduler.parse_time(last_seen)
        if when is not None:
            card, due = scheduler.fsrs_review(None, bool(last_correct if last_correct is not None else wrong == 0), when)
            conn.execute("UPDATE review SET fsrs_card = ?, fsrs_due = ? WHERE item = ?", (card, due.isoformat(), item))
