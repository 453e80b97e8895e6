"""The app's settings: theme, animations and certainty-based marking, chosen in the command
palette (ctrl+p) and saved in the progress database's settings, read back at start."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from ..core.engine import Session

    _Base = App[Any]
else:
    _Base = object  # a mixin for the app class, ahead of Textual's App


class AppSettings(_Base):
    """Settings for `MythQuizApp`: `settings` is the saved settings store (or None: nothing
    is saved) and `first_session` the quiz the app was started with."""

    settings: Any
    first_session: Session | None

    def apply_settings(self, theme: str | None) -> None:
        """The themes, the theme (--theme, else TEXTUAL_THEME, else the saved choice, else
        Textual's default) and the saved animation level."""
        from .themes import THEMES

        for extra in THEMES:
            self.register_theme(extra)
        saved = self.settings.values() if self.settings is not None else {}
        chosen = theme or os.environ.get("TEXTUAL_THEME") or saved.get("theme")
        if chosen in self.available_themes:
            self.theme = chosen
        self._start_theme = self.theme
        self._theme_touched = False
        if saved.get("animations") == "off":
            self.animation_level = "none"

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        from textual.app import SystemCommand

        if self.animation_level == "none":
            yield SystemCommand("Animations on", "Turn scrolling and other animations back on",
                                lambda: self.set_animations(True))
        else:
            yield SystemCommand("Animations off", "Turn off scrolling and other animations (saved)",
                                lambda: self.set_animations(False))
        on = self.certainty_on()
        yield SystemCommand(f"Certainty-based marking {'off' if on else 'on'}",
                            "After each answer, say how sure you are, marked +1/+2/+3 right, 0/−2/−6 wrong (saved)",
                            lambda: self.set_certainty(not on))

    def certainty_on(self) -> bool:
        """Certainty-based marking: the saved setting, else as the first quiz was started."""
        saved = self.settings.values().get("certainty") if self.settings is not None else None
        return saved == "on" if saved else bool(self.first_session and self.first_session.certainty)

    def set_certainty(self, on: bool) -> None:
        self._save_setting("certainty", "on" if on else "off")
        self.notify(f"Certainty-based marking {'on' if on else 'off'} from the next quiz.", title="Settings")

    def set_animations(self, on: bool) -> None:
        self.animation_level = "full" if on else "none"
        self._save_setting("animations", "on" if on else "off")
        self.notify(f"Animations {'on' if on else 'off'}.", title="Settings")

    def _theme_chosen(self, theme) -> None:
        """A theme picked in the command palette is saved (the one set at start is not)."""
        if theme.name == self._start_theme and not self._theme_touched:
            return
        self._theme_touched = True
        self._save_setting("theme", theme.name)

    def _save_setting(self, key: str, value: str) -> None:
        if self.settings is None:
            return
        from ..core.progress import ProgressError

        try:
            self.settings.set(key, value)
        except ProgressError as exc:
            self.notify(str(exc), title="Setting not saved", severity="warning", timeout=12, markup=False)
