"""The full-screen (Textual) app for every command that has no plain-mode run of its own
here: home, quiz, browse, show, sources, stats. The pack is loaded and the options are
checked before Textual starts, so a mistake is one line, not a broken screen."""

from __future__ import annotations

import argparse
import gc

from .common import EXIT_OK, UsageError, load, open_store
from .explain import explainer_start
from .quiz import session_for


def cmd_tui(args: argparse.Namespace) -> int:
    # Start-up makes objects by the hundred thousand (Textual's modules, the pack, the
    # first screen) and frees almost none: the cyclic collector's passes over them
    # (about 80 while Textual is imported, 10 ms on this machine) find nothing. It is
    # off until the first frame is drawn; then everything made so far is frozen (never
    # walked again: with 10,000 items, a full pass would stall a keystroke) and it is
    # back on. See README, "Decisions".
    gc.disable()
    try:
        return _run_app(args)
    finally:
        gc.enable()  # if the app ended before its first frame


def resume_collector() -> None:
    """After the first frame: what start-up made is kept for good; collect from here on."""
    gc.freeze()
    gc.enable()


def _run_app(args: argparse.Namespace) -> int:
    pack = load(args)  # before Textual starts: a broken pack never reaches the screen
    store = open_store(args)
    session = None
    nothing_due = False
    if args.command == "quiz":
        session = session_for(args, pack, store)
        nothing_due = session is None
    start_options = explainer_start(args, pack)
    from ..ui.app import MythQuizApp

    start = args.command if args.command in ("stats", "browse", "show", "sources") else "home"
    if getattr(args, "facilitator", False):
        start = "facilitator"
    theme = getattr(args, "theme", None)
    if theme is not None:
        from textual.theme import BUILTIN_THEMES

        from ..ui.themes import THEMES

        names = sorted([*BUILTIN_THEMES, *(t.name for t in THEMES)])
        if theme not in names:
            raise UsageError(f"unknown theme {theme!r}; themes: {', '.join(names)}")
    from ..core.settings import SettingsStore

    app = MythQuizApp(pack, session=session, store=store, nothing_due=nothing_due, start=start,
                      start_options=start_options, theme=theme,
                      settings=SettingsStore(getattr(args, "data_dir", None)),
                      after_first_frame=resume_collector)
    app.run()
    return app.return_code or EXIT_OK
