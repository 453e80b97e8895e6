"""Helpers for progress tests: answer items through the public recorder, read the
database as any SQLite client would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tui.core.engine import Session
from tui.core.model import Pack
from tui.core.progress import Store


def answer(store: Store, pack: Pack, answers: list[tuple[str, bool]], *, finish: bool = True) -> Session:
    """One session answering `answers` (item id, right?) in order, each recorded."""
    session = Session(pack, [pack.item(item_id) for item_id, _ in answers], seed=1)
    for item_id, right in answers:
        item = pack.item(item_id)
        wrong = next(o for o in session.options() if o != item.answer)
        session.answer(item.answer if right else wrong)
        assert store.record_answer(session, session.records[-1])
        session.next()
    if finish:
        assert store.finish_session(session)
    return session


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows from the database file, through a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count(path: Path, table: str) -> int:
    return query(path, f"SELECT count(*) FROM {table}")[0][0] if path.exists() else 0


def quick_check(path: Path) -> str:
    return query(path, "PRAGMA quick_check")[0][0]
