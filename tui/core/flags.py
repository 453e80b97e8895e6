"""Flags: a reader's one-line note that an item looks wrong, kept for the pack's author.

Kept in the progress database's `flags` table (saved even with --no-save: a flag is
asked for explicitly). `mythquiz export flags` lists them as `FILE:LINE: …` so an author
can jump to the item.
"""

from __future__ import annotations

from pathlib import Path

from .model import Pack
from .progress import MAX_NOTE, Flag, Store

__all__ = ["FlagStore", "flag_lines", "MAX_NOTE"]


class FlagStore:
    def __init__(self, data_dir: Path | None = None, store: Store | None = None) -> None:
        self.store = store if store is not None else Store(data_dir, save=False)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings

    def add(self, pack: Pack, item_id: str, note: str) -> bool:
        """Save a flag; raises ProgressError (one line) when it cannot be written."""
        return self.store.add_flag(item_id, note, pack.title)

    def flags(self) -> list[Flag]:
        return self.store.flags()


def flag_lines(pack: Pack, flags: list[Flag]) -> list[str]:
    """Each flag as `FILE:LINE: item 'ID' flagged on DATE: note`."""
    lines = []
    for flag in flags:
        item = pack.item(flag.item)
        where = f"{item.file}:{item.line}" if item else f"(not in this pack: {flag.pack or '?'})"
        note = " ".join(flag.note.split())
        lines.append(f"{where}: item {flag.item!r} flagged on {flag.at[:10]}: {note}")
    return lines
