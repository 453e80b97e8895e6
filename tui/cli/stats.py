"""`mythquiz stats --plain`: your progress as lines of text."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, load, open_store, warn


def cmd_stats_plain(args: argparse.Namespace) -> int:
    from ..core.stats import compute, lines

    pack = load(args)
    store = open_store(args)
    store.open()
    warn(store)
    print(f"Progress in {store.path}")
    for line in lines(compute(pack, store)):
        print(line)
    return EXIT_OK
