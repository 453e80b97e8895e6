"""Settings: the colour theme and whether to animate, kept in `settings.json` in the data
dir with the progress file's guarantees (locked, atomic, a broken file moved aside).

They are saved even with `--no-save`, which keeps quiz answers out of the progress file,
not the user's choice of how the app looks.
"""

from __future__ import annotations

from typing import Any

from .progress import Store

SETTINGS_SCHEMA = 1
KEYS = ("theme", "animations")


class SettingsStore(Store):
    file_name = "settings.json"
    what = "settings"

    @staticmethod
    def _empty() -> dict[str, Any]:
        return {"schema": SETTINGS_SCHEMA, "settings": {}}

    @staticmethod
    def _valid(data: Any) -> bool:
        return (isinstance(data, dict) and isinstance(data.get("schema"), int)
                and isinstance(data.get("settings", {}), dict))

    def __init__(self, data_dir=None) -> None:
        super().__init__(data_dir, save=True)

    def values(self) -> dict[str, Any]:
        """The saved settings; {} when there are none or the file cannot be used."""
        if not self.path.exists():
            return {}
        settings = self.load().get("settings", {})
        return {k: v for k, v in settings.items() if k in KEYS and isinstance(v, str)}

    def set(self, key: str, value: str) -> None:
        """Save one setting; raises ProgressError (one line) when it cannot be written."""
        if key not in KEYS:
            raise KeyError(key)
        self.update(lambda data: data.setdefault("settings", {}).__setitem__(key, value))

