"""Flags: a reader's one-line note that an item looks wrong, kept for the pack's author.

Stored in `flags.json` in the data dir with the same guarantees as the progress file
(locked, atomic, a broken file moved aside). `mythquiz export flags` lists them as
`FILE:LINE: …` so an author can jump to the item.
"""

from __future__ import annotations

from typing import Any

from .model import Pack
from .progress import Store, now_iso

FLAGS_SCHEMA = 1
MAX_NOTE = 500


class FlagStore(Store):
    file_name = "flags.json"
    what = "the flag"

    @staticmethod
    def _empty() -> dict[str, Any]:
        return {"schema": FLAGS_SCHEMA, "flags": []}

    @staticmethod
    def _valid(data: Any) -> bool:
        return isinstance(data, dict) and isinstance(data.get("schema"), int) and isinstance(data.get("flags", []), list)

    def add(self, pack: Pack, item_id: str, note: str) -> bool:
        """Save a flag; flags are kept even with --no-save (they are asked for explicitly)."""
        clean = "".join(ch for ch in " ".join(note.split()) if ch.isprintable())[:MAX_NOTE]
        if not clean:
            return False
        record = {"item": item_id, "note": clean, "date": now_iso(), "pack": pack.title}
        saving, self.save = self.save, True
        try:
            return self.update(lambda data: data["flags"].append(record))
        finally:
            self.save = saving


def flag_lines(pack: Pack, data: dict[str, Any]) -> list[str]:
    """Each flag as `FILE:LINE: item 'ID' flagged on DATE: note`."""
    lines = []
    for flag in data.get("flags", []):
        if not isinstance(flag, dict):
            continue
        item_id = str(flag.get("item", "?"))
        item = pack.item(item_id)
        where = f"{item.file}:{item.line}" if item else f"(not in this pack: {flag.get('pack', '?')})"
        note = " ".join(str(flag.get("note", "")).split())
        lines.append(f"{where}: item {item_id!r} flagged on {str(flag.get('date', ''))[:10]}: {note}")
    return lines
