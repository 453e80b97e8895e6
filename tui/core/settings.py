"""Settings: the colour theme, whether to animate, the review scheduler, certainty-based
marking ("on" / "off"); kept in the progress database's `settings` table.

They are saved even with `--no-save`, which keeps quiz answers out of the progress
store, not the user's choice of how the app looks and schedules.

The theme is needed before the first frame: `values()` reads the two rows through a
plain read-only connection, without the open-time check and migrations, which run after
the first frame (and on any write).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .progress import FILE_NAME, SETTING_KEYS, Store, default_data_dir

KEYS = SETTING_KEYS


class SettingsStore:
    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = Path(data_dir) if data_dir is not None else None
        self._store: Store | None = None

    @property
    def dir(self) -> Path:
        if self._data_dir is None:
            self._data_dir = default_data_dir()
        return self._data_dir

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.dir, save=False)
        return self._store

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings if self._store is not None else []

    def values(self) -> dict[str, str]:
        """The saved settings; {} when there are none or they cannot be read."""
        if self._store is not None:
            return self._store.settings()
        path = self.dir / FILE_NAME
        try:
            if path.is_file():
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
                try:
                    rows = conn.execute("SELECT key, value FROM settings").fetchall()
                finally:
                    conn.close()
            else:  # not imported yet: the old file, until the store imports it
                import json

                raw = json.loads((self.dir / "settings.json").read_text(encoding="utf-8"))
                rows = list(raw.get("settings", {}).items())
        except (OSError, ValueError, AttributeError, sqlite3.Error):
            return {}
        return {k: v for k, v in rows if k in KEYS and isinstance(v, str)}

    def set(self, key: str, value: str) -> None:
        """Save one setting; raises ProgressError (one line) when it cannot be written."""
        self.store.set_setting(key, value)
