"""`mythquiz serve`: the app for web browsers, one process per tab, each started with the
pack and data options given here."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import UsageError, load


def passed_on(args: argparse.Namespace) -> list[str]:
    """The global options each tab's own `mythquiz` process is started with."""
    passed = []
    for flag, attr in (("--content", "content"), ("--corpus", "corpus"), ("--data-dir", "data_dir"),
                       ("--theme", "theme")):
        value = getattr(args, attr, None)
        if value is not None:
            passed += [flag, str(Path(value).resolve()) if attr != "theme" else str(value)]
    if getattr(args, "no_save", False):
        passed.append("--no-save")
    return passed


def cmd_serve(args: argparse.Namespace) -> int:
    from ..web.serve import ServeError, serve

    load(args)  # a broken pack is reported here, not in every browser tab
    try:
        return serve(args.host, args.port, passed_on(args), max_sessions=args.max_sessions,
                     allow_hosts=args.allow_host, idle_timeout=args.idle_timeout)
    except ServeError as exc:
        raise UsageError(str(exc)) from None
