"""The `mythquiz` command line: parses (`parser`), then hands the command to the module
that runs it (`check`, `quiz`, `explain`, `stats`, `export`, `serve`, `room`, or
`full_screen` for the Textual app).

Kept light on purpose: it imports only what the chosen command needs, so the TUI starts
as fast as a bare Textual app. Exit codes: 0 success, 1 the checker found problems,
2 bad usage or unusable input (always one line naming the file, never a traceback).
"""

from __future__ import annotations

import os
import sys

from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from .parser import build_parser, parse_command_line

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "UsageError", "build_parser", "main", "run"]


def run(argv: list[str]) -> int:
    args = parse_command_line(argv)
    command = args.command
    if command == "check":
        from .check import cmd_check

        return cmd_check(args)
    if command == "schema":
        import json

        from ..core.schema import pack_schema

        sys.stdout.write(json.dumps(pack_schema(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if command in ("export", "report"):
        from .export import cmd_export, cmd_report

        return cmd_export(args) if command == "export" else cmd_report(args)
    if command == "serve":
        from .serve import cmd_serve

        return cmd_serve(args)
    if command == "room":
        from .room import cmd_room

        return cmd_room(args)
    if getattr(args, "plain", False):
        if command == "quiz" and args.facilitator:
            raise UsageError("facilitator mode is for the full-screen UI; leave out --plain")
        if command == "quiz":
            from .quiz import cmd_quiz_plain

            return cmd_quiz_plain(args)
        if command == "stats":
            from .stats import cmd_stats_plain

            return cmd_stats_plain(args)
        if command in ("browse", "show", "sources"):
            from .explain import cmd_explain_plain

            return cmd_explain_plain(args)
        raise UsageError(f"--plain supports: quiz, stats, browse, show, sources (not {command or 'the home screen'} yet)")
    from .full_screen import cmd_tui

    return cmd_tui(args)


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        print(f"mythquiz: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): nothing left to say. What is
        # still buffered goes to devnull, so the flush at exit does not fail again (the
        # recipe of Python's documentation for SIGPIPE).
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
