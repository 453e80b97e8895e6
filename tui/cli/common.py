"""What every command shares: exit codes, the one-line usage error, loading the pack,
opening the progress store, passing on its warnings, and writing an output file."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.model import Pack
    from ..core.progress import Store

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad usage or unusable input: one line, exit 2."""


def load(args: argparse.Namespace) -> Pack:
    """The pack named by --content/--corpus (default: the embedded one); unusable is exit 2."""
    from ..core.pack import load_pack
    from ..core.problems import PackError

    try:
        return load_pack(getattr(args, "content", None), getattr(args, "corpus", None))
    except PackError as exc:
        raise UsageError(exc.one_line()) from None


def open_store(args: argparse.Namespace) -> Store:
    """The progress store (--data-dir, --no-save), with --scheduler saved as a setting."""
    from ..core.progress import ProgressError, Store

    store = Store(getattr(args, "data_dir", None), save=not getattr(args, "no_save", False))
    chosen = getattr(args, "scheduler", None)
    if chosen is not None:  # saved, like the theme, even with --no-save
        try:
            store.set_setting("scheduler", chosen)
        except ProgressError as exc:
            print(f"mythquiz: {exc}; the {chosen} scheduler is used for this run only", file=sys.stderr)
    return store


def warn(store) -> None:
    """Print, once each, the warnings a store gathered (a file moved aside, …)."""
    while store.warnings:
        print(f"mythquiz: {store.warnings.pop(0)}", file=sys.stderr)


def emit(args: argparse.Namespace, text: str) -> int:
    """Write an export to -o FILE (atomically) or to standard output."""
    output = getattr(args, "output", None)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from ..core.atomic import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{output}: cannot write ({exc.strerror or exc}); nothing was changed") from None
    print(f"Wrote {output}", file=sys.stderr)
    return EXIT_OK
