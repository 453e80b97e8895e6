"""`mythquiz check`: every problem of a pack as FILE:LINE: message, then a count (exit 1),
or one OK line with what was verified (exit 0)."""

from __future__ import annotations

import argparse
import sys
import time

from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .values import TYPES

MOST_PER_FILE = 200  # a hostile file can hold a million mistakes; list the first


def cmd_check(args: argparse.Namespace) -> int:
    from ..core.loader import check_pack
    from ..core.problems import PackError, printable

    # A problem line names files and quotes a pack's text: it must print in any locale.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # a text file's; not on every stream
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except ValueError:
                pass
    started = time.perf_counter()
    try:
        pack, problems = check_pack(getattr(args, "content", None), getattr(args, "corpus", None))
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a file error the checker did not foresee: one line, not a traceback
        where = printable(str(exc.filename)) if exc.filename else "the pack"
        print(f"{where}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    shown: dict[str, int] = {}
    for problem in problems:  # in file order, each file's in line order
        count = shown[problem.file] = shown.get(problem.file, 0) + 1
        if count <= MOST_PER_FILE:
            print(problem)
        elif count == MOST_PER_FILE + 1:
            more = sum(p.file == problem.file for p in problems) - MOST_PER_FILE
            print(f"{printable(problem.file)}: … and {more:,} more problem{'s' if more != 1 else ''} "
                  "in this file, not listed (fix these first)")
    covered = None
    if pack is not None and pack.sources:
        from ..core.coverage import coverage

        covered = coverage(pack)
        if getattr(args, "uncovered", False):
            for s in covered.uncovered:
                path = pack.sources[s.source].path or s.source
                print(printable(f"{path}:{s.line}: {s.text}"))
    seconds = time.perf_counter() - started
    if problems:
        if covered is not None:  # stdout holds the problems alone, one per line
            print(f"{covered.summary()}.", file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return EXIT_PROBLEMS
    assert pack is not None
    kinds = {kind: sum(item.type == kind for item in pack.items) for kind in TYPES}
    quotes = sum(len(item.evidence) + (item.claim_quote is not None) + (item.type == "who-said")
                 for item in pack.items)
    print(
        f"OK: {len(pack.items)} items ({', '.join(f'{n} {k}' for k, n in kinds.items())}), "
        f"{len(pack.sources)} sources, {quotes} quotes verified verbatim in {seconds:.2f} s."
    )
    if covered is not None:
        print(f"{covered.summary()}.")
    return EXIT_OK
