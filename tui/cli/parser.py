"""The argument parser: the global options, then one function per command that declares
that command's options. A new option for a command goes into that command's function."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Sequence

from . import values
from .common import UsageError
from .values import EXPORTS, SCHEDULERS, TYPES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        raise UsageError(f"{message} (see `{self.prog} --help`)")


if TYPE_CHECKING:
    from typing import TypeAlias

    Commands: TypeAlias = argparse._SubParsersAction[_Parser]


# What `--help` says of each command, in the order it lists them.
HELP = {
    "quiz": "start a quiz at once",
    "browse": "every item, searchable, with its evidence (--plain: one line per item)",
    "show": "one item in full: answer, whose verdict, explanation, evidence",
    "sources": "the source documents: publisher, date, genre, perspective",
    "stats": "your progress: sessions, accuracy by topic, what is due",
    "export": "handout, the pack as JSON, ClaimReview JSON-LD, or results",
    "report": "a class report from several participants' results files",
    "serve": "serve the app to web browsers (one process per tab)",
    "room": "a live room: participants answer on their own devices, you pace and reveal",
    "check": "validate a pack; print FILE:LINE: message for each problem",
    "schema": "print the pack format as JSON Schema (draft 2020-12), for editors",
}


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options accepted before or after the command."""
    d: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    g = parser.add_argument_group("global options")
    g.add_argument("--plain", action="store_true", help="numbered lines on stdin/stdout instead of the full-screen UI", **d)
    g.add_argument("--content", metavar="DIR", type=Path, help="the pack's content directory (default: the embedded pack)", **d)
    g.add_argument("--corpus", metavar="DIR", type=Path, help="the pack's corpus directory (default: the embedded corpus)", **d)
    g.add_argument("--data-dir", metavar="DIR", type=Path, help="where progress is kept (also $MYTHQUIZ_DATA_DIR)", **d)
    g.add_argument("--no-save", action="store_true", help="keep this session out of the progress file", **d)
    g.add_argument("--theme", metavar="NAME", help="colour theme of the full-screen UI", **d)


def _selection_options(parser: argparse.ArgumentParser, seed_help: str) -> None:
    """Which questions: how many, which seed, topic and type (quiz and room)."""
    parser.add_argument("--count", type=values.count, default=None, help="number of questions (default 20)")
    parser.add_argument("--seed", type=values.seed, default=None, help=seed_help)
    parser.add_argument("--topic", metavar="TOPIC", help="only this topic (a slug from the pack)")
    parser.add_argument("--type", dest="kind", choices=TYPES, help="only this type of question")


def _address_options(parser: argparse.ArgumentParser, port: int, everyone: str) -> None:
    """Where a web server listens (serve and room); its Host checks are added after."""
    parser.add_argument("--host", default="127.0.0.1",
                        help=f"address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: {everyone})")
    parser.add_argument("--port", type=values.port, default=port, help=f"port to listen on (default {port})")


def _quiz(sub: Commands) -> argparse.ArgumentParser:
    quiz = sub.add_parser("quiz", help=HELP["quiz"])
    _selection_options(quiz, "same seed, same questions in the same order")
    quiz.add_argument("--review", action="store_true", help="only the questions you have missed")
    quiz.add_argument("--name", metavar="NAME", help="a participant's name, kept with the results")
    quiz.add_argument("--scheduler", choices=SCHEDULERS,
                      help="when missed questions come back: leitner (default) or fsrs; the choice is saved")
    quiz.add_argument("--facilitator", action="store_true",
                      help="for a projector: reveal answers with r, count hands per option; nothing is saved")
    quiz.add_argument("--certainty", action=argparse.BooleanOptionalAction, default=None,
                      help="after each answer say how sure you are (1 not sure, 2 fairly sure, 3 sure), marked "
                           "+1/+2/+3 when right and 0/-2/-6 when wrong; the choice is saved (--no-certainty: off)")
    quiz.add_argument("--pre-post", dest="pre_post", type=values.count, default=0, metavar="K",
                      help="ask K questions first without their verdicts, then the quiz, then the same K again "
                           "with them; the summary gives the gain")
    return quiz


def _browse(sub: Commands) -> argparse.ArgumentParser:
    browse = sub.add_parser("browse", help=HELP["browse"])
    browse.add_argument("--topic", metavar="TOPIC", help="only this topic (a slug from the pack)")
    browse.add_argument("--type", dest="kind", choices=TYPES, help="only this type of item")
    browse.add_argument("--search", metavar="WORDS", default="",
                        help="only items containing every one of these words")
    return browse


def _show(sub: Commands) -> argparse.ArgumentParser:
    show = sub.add_parser("show", help=HELP["show"])
    show.add_argument("item_id", metavar="ID", help="the item's id (the first word of each `--plain browse` line)")
    return show


def _sources(sub: Commands) -> argparse.ArgumentParser:
    return sub.add_parser("sources", help=HELP["sources"])


def _stats(sub: Commands) -> argparse.ArgumentParser:
    stats = sub.add_parser("stats", help=HELP["stats"])
    stats.add_argument("--scheduler", choices=SCHEDULERS,
                       help="count what is due under leitner (default) or fsrs; the choice is saved")
    return stats


def _export(sub: Commands) -> argparse.ArgumentParser:
    export = sub.add_parser("export", help=HELP["export"])
    export.add_argument("what", choices=EXPORTS, help="what to export")
    export.add_argument("--format", dest="fmt", choices=("markdown", "html", "json", "csv", "xapi"),
                        help="handout: markdown (default) or html; results: json (default), csv or xapi")
    export.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")
    export.add_argument("--topic", metavar="TOPIC", help="handout, json, claimreview: only this topic")
    export.add_argument("--type", dest="kind", choices=TYPES, help="handout, json, claimreview: only this type")
    export.add_argument("--seed", type=values.seed, default=None,
                        help="handout, json: the questions a quiz with this seed asks")
    export.add_argument("--count", type=values.count, default=None, help="with --seed: how many questions")
    return export


def _report(sub: Commands) -> argparse.ArgumentParser:
    report = sub.add_parser("report", help=HELP["report"])
    report.add_argument("files", nargs="+", metavar="FILE", type=Path,
                        help="results JSON files, or a live room's class report CSV")
    report.add_argument("--format", dest="fmt", choices=("table", "markdown", "html"), default="table")
    report.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")
    return report


def _serve(sub: Commands) -> argparse.ArgumentParser:
    from ..web.guard import add_host_options

    serve = sub.add_parser("serve", help=HELP["serve"])
    _address_options(serve, port=8000, everyone="the whole room")
    serve.add_argument("--max-sessions", type=values.count, default=30, metavar="N",
                       help="at most N browser tabs at once, each its own process (default 30)")
    serve.add_argument("--idle-timeout", type=values.duration, default=30 * 60.0, metavar="TIME",
                       help="close a tab's session after this long without input: 30m (default), "
                            "90s, 2h; 0 never")
    add_host_options(serve)
    return serve


def _room(sub: Commands) -> argparse.ArgumentParser:
    from ..web.guard import add_host_options

    room = sub.add_parser("room", help=HELP["room"])
    _address_options(room, port=8765, everyone="the network")
    room.add_argument("--code", type=values.room_code,
                      help="the room code participants type (default: 6 random digits)")
    _selection_options(room, "same seed, same questions as `mythquiz quiz`")
    room.add_argument("--resume", action="store_true",
                      help="continue the last unfinished room (after a crash): same question, every answer")
    room.add_argument("--leaderboard", action="store_true",
                      help="show a leaderboard (by default each participant sees only their own score)")
    room.add_argument("--timer", type=values.count, default=None, metavar="SECONDS",
                      help="an optional countdown per question, which you can extend (default: untimed)")
    room.add_argument("--speed-bonus", action="store_true",
                      help="a point more for each right answer given quickly (by default speed earns nothing)")
    room.add_argument("--pre-post", type=values.count, default=0, metavar="K",
                      help="ask K questions first without revealing them, then the workshop's, then the same K "
                           "again, revealed: the class report gives each participant's gain")
    room.add_argument("--max-participants", type=values.count, default=500, metavar="N",
                      help="at most N participants (default 500)")
    add_host_options(room)
    return room


def _check(sub: Commands) -> argparse.ArgumentParser:
    check = sub.add_parser("check", help=HELP["check"])
    check.add_argument("--uncovered", action="store_true",
                       help="also list every substantive corpus sentence no quote covers, as FILE:LINE: sentence")
    return check


COMMANDS = {"quiz": _quiz, "browse": _browse, "show": _show, "sources": _sources, "stats": _stats,
            "export": _export, "report": _report, "serve": _serve, "room": _room, "check": _check}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `argv`, one that knows only the commands named in it (see
    `parse_command_line`)."""
    named = set(argv or ())
    # Help is asked for by -h, --help, any prefix of --help (--he) or -h among grouped
    # short flags (-hh): every option with an h builds the whole parser, to be sure.
    everything = argv is None or any(arg.startswith("-") and "h" in arg for arg in named)
    parser = _Parser(
        prog="mythquiz",
        description="A quiz and explainer on claims and counter-claims about NATO and Russia. "
        "Every answer is backed by a verbatim excerpt of a named source.",
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # In the order `--help` lists them; each also takes the global options.
    for name, command in COMMANDS.items():
        if everything or name in named:
            _global_options(command(sub), suppress=True)
    if everything or "schema" in named:
        sub.add_parser("schema", help=HELP["schema"])
    return parser


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """The options of a command line, parsed by a parser that knows only the commands
    named in it: building all eleven costs about 8 ms (argparse asks gettext for every
    label of every parser) before every first screen. A command's name must be given in
    full, so the command a line runs is always among those named in it, and the result is
    the whole parser's. Help, and any mistake, come from the whole parser, which lists
    every command."""
    try:
        return build_parser(argv).parse_args(argv)
    except UsageError:
        return build_parser().parse_args(argv)  # raises the whole parser's one line
