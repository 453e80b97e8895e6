"""`mythquiz quiz`: the session its options ask for (shared with the full-screen UI), and
the quiz in plain mode."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import EXIT_OK, UsageError, load, open_store

if TYPE_CHECKING:
    from ..core.engine import Session
    from ..core.model import Pack
    from ..core.progress import Store


def session_for(args: argparse.Namespace, pack: Pack, store: Store) -> Session | None:
    """The session the command line asks for; None if --review finds nothing due."""
    from ..core.engine import Session
    from ..core.selection import DEFAULT_COUNT, SelectionError

    due = None
    if getattr(args, "review", False):
        due = store.due_for_review([item.id for item in pack.items], using=getattr(args, "scheduler", None))
        if not due:
            return None
    try:
        facilitator = getattr(args, "facilitator", False)
        if facilitator and getattr(args, "pre_post", 0):
            raise UsageError("--pre-post is for a quiz you answer yourself; a room has `mythquiz room --pre-post`")
        session = Session.create(
            pack,
            seed=args.seed,
            count=args.count or DEFAULT_COUNT,
            topic=args.topic,
            kind=args.kind,
            only_ids=due,
            review=due is not None,
            certainty=not facilitator and certainty_mode(args, store),
            pre_post=getattr(args, "pre_post", 0),
        )
        session.name = args.name
        return session
    except SelectionError as exc:
        if due is not None:
            return None  # due items exist, but none of this topic or type
        raise UsageError(str(exc)) from None


def certainty_mode(args: argparse.Namespace, store: Store) -> bool:
    """--certainty / --no-certainty, saved as a setting (like the theme, even with
    --no-save); without either, the saved choice (off until one is made)."""
    from ..core.progress import ProgressError

    chosen = getattr(args, "certainty", None)
    if chosen is None:
        from ..core.settings import SettingsStore

        return SettingsStore(getattr(args, "data_dir", None)).values().get("certainty") == "on"
    try:
        store.set_setting("certainty", "on" if chosen else "off")
    except ProgressError as exc:
        print(f"mythquiz: {exc}; certainty-based marking is {'on' if chosen else 'off'} for this run only",
              file=sys.stderr)
    return chosen


def cmd_quiz_plain(args: argparse.Namespace) -> int:
    from ..plain.quiz import PlainQuiz, offer_normal_quiz

    pack = load(args)
    store = open_store(args)
    session = session_for(args, pack, store)
    if session is None:
        args.review = False
        if not offer_normal_quiz():
            return EXIT_OK
        session = session_for(args, pack, store)
        assert session is not None  # without --review a session is always made (or bad usage)
    PlainQuiz(session, store=store).run()
    return EXIT_OK
