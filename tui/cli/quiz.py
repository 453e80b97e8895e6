"""`mythquiz quiz`: the session its options ask for (shared with the full-screen UI), and
the quiz in plain mode."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import EXIT_OK, UsageError, load, open_store

if TYPE_CHECKING:
    from ..core.engine import Session
    from ..core.model import Pack
    from ..core.progress import Store


def session_for(args: argparse.Namespace, pack: Pack, store: Store) -> Session | None:
    """The session the command line asks for; None if --review finds nothing due."""
    from ..core.engine import DEFAULT_COUNT, SelectionError, Session

    due = None
    if getattr(args, "review", False):
        due = store.due_for_review([item.id for item in pack.items], using=getattr(args, "scheduler", None))
        if not due:
            return None
    try:
        session = Session.create(
            pack,
            seed=args.seed,
            count=args.count or DEFAULT_COUNT,
            topic=args.topic,
            kind=args.kind,
            only_ids=due,
            review=due is not None,
        )
        session.name = args.name
        return session
    except SelectionError as exc:
        if due is not None:
            return None  # due items exist, but none of this topic or type
        raise UsageError(str(exc)) from None


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
