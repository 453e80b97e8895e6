"""The `mythquiz` command line.

Kept light on purpose: it imports only what the chosen command needs, so the TUI starts
as fast as a bare Textual app. Exit codes: 0 success, 1 the checker found problems,
2 bad usage or unusable input (always one line naming the file, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
TYPES = ("myth-or-fact", "choice", "who-said")
EXPORTS = ("handout", "json", "claimreview", "results", "flags")
SCHEDULERS = ("leitner", "fsrs")  # as tui.core.scheduler.SCHEDULERS, without importing it


class UsageError(Exception):
    """Bad usage or unusable input: one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + error
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _whole(low: int, high: int | None = None, what: str = "a whole number"):
    """An argparse type: a whole number from `low` (to `high`), else a one-line reason."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        if value < low:
            raise argparse.ArgumentTypeError("must be 0 or more" if low == 0 else f"must be at least {low}")
        return value

    return parse


_count = _whole(1)
_seed = _whole(0)
_port = _whole(1, 65535, "a port number")


def _room_code(text: str) -> str:
    """A room code: 1 to 40 letters, digits or dashes."""
    code = text.strip()
    if not 1 <= len(code) <= 40 or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in code):
        raise argparse.ArgumentTypeError("a room code is 1 to 40 letters, digits or dashes")
    return code


def _duration(text: str) -> float:
    """An argparse type: `30` or `30m` minutes, `90s` seconds, `2h` hours; 0 means never."""
    units = {"s": 1, "m": 60, "h": 3600}
    number, unit = (text[:-1], text[-1]) if text[-1:].lower() in units else (text, "m")
    try:
        value = float(number) * units[unit.lower()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30m, 90s, 2h)") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30m, 90s, 2h)")
    return value or float("inf")


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options accepted before or after the command."""
    d = {"default": argparse.SUPPRESS} if suppress else {}
    g = parser.add_argument_group("global options")
    g.add_argument("--plain", action="store_true", help="numbered lines on stdin/stdout instead of the full-screen UI", **d)
    g.add_argument("--content", metavar="DIR", type=Path, help="the pack's content directory (default: the embedded pack)", **d)
    g.add_argument("--corpus", metavar="DIR", type=Path, help="the pack's corpus directory (default: the embedded corpus)", **d)
    g.add_argument("--data-dir", metavar="DIR", type=Path, help="where progress is kept (also $MYTHQUIZ_DATA_DIR)", **d)
    g.add_argument("--no-save", action="store_true", help="keep this session out of the progress file", **d)
    g.add_argument("--theme", metavar="NAME", help="colour theme of the full-screen UI", **d)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mythquiz",
        description="A quiz and explainer on claims and counter-claims about NATO and Russia. "
        "Every answer is backed by a verbatim excerpt of a named source.",
    )
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    quiz = sub.add_parser("quiz", help="start a quiz at once")
    quiz.add_argument("--count", type=_count, default=None, help="number of questions (default 20)")
    quiz.add_argument("--seed", type=_seed, default=None, help="same seed, same questions in the same order")
    quiz.add_argument("--topic", metavar="TOPIC", help="only this topic (a slug from the pack)")
    quiz.add_argument("--type", dest="kind", choices=TYPES, help="only this type of question")
    quiz.add_argument("--review", action="store_true", help="only the questions you have missed")
    quiz.add_argument("--name", metavar="NAME", help="a participant's name, kept with the results")
    quiz.add_argument("--scheduler", choices=SCHEDULERS,
                      help="when missed questions come back: leitner (default) or fsrs; the choice is saved")
    quiz.add_argument("--facilitator", action="store_true",
                      help="for a projector: reveal answers with r, count hands per option; nothing is saved")
    _global_options(quiz, suppress=True)

    browse = sub.add_parser("browse", help="every item, searchable, with its evidence (--plain: one line per item)")
    browse.add_argument("--topic", metavar="TOPIC", help="only this topic (a slug from the pack)")
    browse.add_argument("--type", dest="kind", choices=TYPES, help="only this type of item")
    browse.add_argument("--search", metavar="WORDS", default="",
                        help="only items containing every one of these words")
    _global_options(browse, suppress=True)

    show = sub.add_parser("show", help="one item in full: answer, whose verdict, explanation, evidence")
    show.add_argument("item_id", metavar="ID", help="the item's id (the first word of each `--plain browse` line)")
    _global_options(show, suppress=True)

    sources = sub.add_parser("sources", help="the source documents: publisher, date, genre, perspective")
    _global_options(sources, suppress=True)

    stats = sub.add_parser("stats", help="your progress: sessions, accuracy by topic, what is due")
    stats.add_argument("--scheduler", choices=SCHEDULERS,
                       help="count what is due under leitner (default) or fsrs; the choice is saved")
    _global_options(stats, suppress=True)

    export = sub.add_parser("export", help="handout, the pack as JSON, ClaimReview JSON-LD, or results")
    export.add_argument("what", choices=EXPORTS, help="what to export")
    export.add_argument("--format", dest="fmt", choices=("markdown", "html", "json", "csv", "xapi"),
                        help="handout: markdown (default) or html; results: json (default), csv or xapi")
    export.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")
    export.add_argument("--topic", metavar="TOPIC", help="handout, json, claimreview: only this topic")
    export.add_argument("--type", dest="kind", choices=TYPES, help="handout, json, claimreview: only this type")
    export.add_argument("--seed", type=_seed, default=None, help="handout, json: the questions a quiz with this seed asks")
    export.add_argument("--count", type=_count, default=None, help="with --seed: how many questions")
    _global_options(export, suppress=True)

    report = sub.add_parser("report", help="a class report from several participants' results files")
    report.add_argument("files", nargs="+", metavar="FILE", type=Path,
                        help="results JSON files, or a live room's class report CSV")
    report.add_argument("--format", dest="fmt", choices=("table", "markdown", "html"), default="table")
    report.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE (default: standard output)")
    _global_options(report, suppress=True)

    serve = sub.add_parser("serve", help="serve the app to web browsers (one process per tab)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the whole room)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--max-sessions", type=_count, default=30, metavar="N",
                       help="at most N browser tabs at once, each its own process (default 30)")
    serve.add_argument("--idle-timeout", type=_duration, default=30 * 60.0, metavar="TIME",
                       help="close a tab's session after this long without input: 30m (default), "
                            "90s, 2h; 0 never")
    from .web.guard import add_host_options

    add_host_options(serve)
    _global_options(serve, suppress=True)

    room = sub.add_parser("room", help="a live room: participants answer on their own devices, you pace and reveal")
    room.add_argument("--host", default="127.0.0.1",
                      help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the network)")
    room.add_argument("--port", type=_port, default=8765, help="port to listen on (default 8765)")
    room.add_argument("--code", type=_room_code, help="the room code participants type (default: 6 random digits)")
    room.add_argument("--count", type=_count, default=None, help="number of questions (default 20)")
    room.add_argument("--seed", type=_seed, default=None, help="same seed, same questions as `mythquiz quiz`")
    room.add_argument("--topic", metavar="TOPIC", help="only this topic (a slug from the pack)")
    room.add_argument("--type", dest="kind", choices=TYPES, help="only this type of question")
    room.add_argument("--resume", action="store_true",
                      help="continue the last unfinished room (after a crash): same question, every answer")
    room.add_argument("--leaderboard", action="store_true",
                      help="show a leaderboard (by default each participant sees only their own score)")
    room.add_argument("--timer", type=_count, default=None, metavar="SECONDS",
                      help="an optional countdown per question, which you can extend (default: untimed)")
    room.add_argument("--speed-bonus", action="store_true",
                      help="a point more for each right answer given quickly (by default speed earns nothing)")
    room.add_argument("--max-participants", type=_count, default=500, metavar="N",
                      help="at most N participants (default 500)")
    add_host_options(room)
    _global_options(room, suppress=True)

    check = sub.add_parser("check", help="validate a pack; print FILE:LINE: message for each problem")
    check.add_argument("--uncovered", action="store_true",
                       help="also list every substantive corpus sentence no quote covers, as FILE:LINE: sentence")
    _global_options(check, suppress=True)

    sub.add_parser("schema", help="print the pack format as JSON Schema (draft 2020-12), for editors")
    return parser


def _store(args: argparse.Namespace):
    from .core.progress import ProgressError, Store

    store = Store(getattr(args, "data_dir", None), save=not getattr(args, "no_save", False))
    chosen = getattr(args, "scheduler", None)
    if chosen is not None:  # saved, like the theme, even with --no-save
        try:
            store.set_setting("scheduler", chosen)
        except ProgressError as exc:
            print(f"mythquiz: {exc}; the {chosen} scheduler is used for this run only", file=sys.stderr)
    return store


def _warn(store) -> None:
    while store.warnings:
        print(f"mythquiz: {store.warnings.pop(0)}", file=sys.stderr)


def _load(args: argparse.Namespace):
    from .core.pack import load_pack
    from .core.problems import PackError

    try:
        return load_pack(getattr(args, "content", None), getattr(args, "corpus", None))
    except PackError as exc:
        raise UsageError(exc.one_line()) from None


def cmd_check(args: argparse.Namespace) -> int:
    import time

    from .core.loader import check_pack
    from .core.problems import PackError, printable

    # A problem line names files and quotes a pack's text: it must print in any locale.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
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
    most = 200  # per file: a hostile file can hold a million mistakes; list the first
    shown: dict[str, int] = {}
    for problem in problems:  # in file order, each file's in line order
        count = shown[problem.file] = shown.get(problem.file, 0) + 1
        if count <= most:
            print(problem)
        elif count == most + 1:
            more = sum(p.file == problem.file for p in problems) - most
            print(f"{printable(problem.file)}: … and {more:,} more problem{'s' if more != 1 else ''} "
                  "in this file, not listed (fix these first)")
    covered = None
    if pack is not None and pack.sources:
        from .core.coverage import coverage

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


def _session(args: argparse.Namespace, pack, store):
    """The session the command line asks for; None if --review finds nothing due."""
    from .core.engine import DEFAULT_COUNT, SelectionError, Session

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
    from .plain.quiz import PlainQuiz, offer_normal_quiz

    pack = _load(args)
    store = _store(args)
    session = _session(args, pack, store)
    if session is None:
        args.review = False
        if not offer_normal_quiz():
            return EXIT_OK
        session = _session(args, pack, store)
    PlainQuiz(session, store=store).run()
    return EXIT_OK


def cmd_stats_plain(args: argparse.Namespace) -> int:
    from .core.stats import compute, lines

    pack = _load(args)
    store = _store(args)
    store.open()
    _warn(store)
    print(f"Progress in {store.path}")
    for line in lines(compute(pack, store)):
        print(line)
    return EXIT_OK


def _emit(args: argparse.Namespace, text: str) -> int:
    """Write an export to -o FILE (atomically) or to standard output."""
    output = getattr(args, "output", None)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from .core.atomic import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{output}: cannot write ({exc.strerror or exc}); nothing was changed") from None
    print(f"Wrote {output}", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .export import claimreview, handout, pack_json, results
    from .core.engine import SelectionError, select_items

    pack = _load(args)
    what, fmt = args.what, args.fmt
    if what == "flags":
        from .core.flags import FlagStore, flag_lines

        flags = FlagStore(getattr(args, "data_dir", None))
        kept = flags.flags()
        _warn(flags.store)
        lines = flag_lines(pack, kept)
        if not lines:
            print(f"No flags in {flags.path}.", file=sys.stderr)
        return _emit(args, "".join(line + "\n" for line in lines))
    if what == "results":
        if fmt not in (None, "json", "csv", "xapi"):
            raise UsageError("results export as --format json, csv or xapi")
        store = _store(args)
        store.open()
        _warn(store)
        if fmt == "xapi":
            from .export import xapi

            return _emit(args, xapi.xapi_json(pack, store.sessions(), store.rooms()))
        writer = results.results_csv if fmt == "csv" else results.results_json
        return _emit(args, writer(pack, store.sessions(), store.rooms()))
    if fmt not in (None, "markdown", "html") and what == "handout":
        raise UsageError("a handout is --format markdown or html")
    if fmt is not None and what in ("json", "claimreview") and fmt != "json":
        raise UsageError(f"{what} is written as JSON only")
    try:
        if args.seed is not None:
            items = select_items(pack, seed=args.seed, count=args.count or 20, topic=args.topic, kind=args.kind)
        else:
            items = select_items(pack, seed=0, count=None, topic=args.topic, kind=args.kind)
            order = {item.id: n for n, item in enumerate(pack.items)}
            items.sort(key=lambda item: order[item.id])  # pack order, not a quiz order
    except SelectionError as exc:
        raise UsageError(str(exc)) from None
    if what == "claimreview" and not pack.publisher:
        raise UsageError(f"{pack.content_dir / 'pack.yaml'}: ClaimReview needs the pack's 'publisher' "
                         "(who curates the pack and signs its reviews); add it to pack.yaml")
    if what == "handout":
        text = handout.handout_html(pack, items) if fmt == "html" else handout.handout_markdown(pack, items)
    elif what == "json":
        text = pack_json.pack_json(pack, items)
    else:
        text = claimreview.claimreview(pack, items)
    return _emit(args, text)


def cmd_report(args: argparse.Namespace) -> int:
    from .export import report

    pack = _load(args)
    try:
        built = report.build(pack, args.files)
    except report.ReportError as exc:
        raise UsageError(str(exc)) from None
    if args.fmt == "table":
        if args.output is not None:
            raise UsageError("a report to a file is --format markdown or html")
        report.print_table(built, pack.title)
        return EXIT_OK
    text = report.to_html(built, pack.title) if args.fmt == "html" else report.to_markdown(built, pack.title)
    return _emit(args, text)


def _explainer_start(args: argparse.Namespace, pack) -> dict[str, str | None]:
    """What `browse` / `show ID` open on; an unknown topic or item is bad usage (exit 2)."""
    if args.command == "show":
        if pack.item(args.item_id) is None:
            raise UsageError(f"unknown item '{args.item_id}'")
        return {"item": args.item_id}
    if args.command == "browse":
        if args.topic is not None and args.topic not in pack.topics:
            raise UsageError(f"unknown topic {args.topic!r}; topics: {', '.join(pack.topics)}")
        return {"topic": args.topic, "kind": args.kind, "query": args.search}
    return {}


def cmd_explain_plain(args: argparse.Namespace) -> int:
    from .plain.browse import PlainExplainer

    pack = _load(args)
    options = _explainer_start(args, pack)
    explainer = PlainExplainer(pack)
    if args.command == "show":
        explainer.show(pack.item(options["item"]))
    elif args.command == "sources":
        explainer.sources()
    elif not explainer.browse(options["topic"], options["kind"], options["query"] or ""):
        print("mythquiz: no item matches", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.serve import serve

    _load(args)  # a broken pack is reported here, not in every browser tab
    passed = []
    for flag, attr in (("--content", "content"), ("--corpus", "corpus"), ("--data-dir", "data_dir"),
                       ("--theme", "theme")):
        value = getattr(args, attr, None)
        if value is not None:
            passed += [flag, str(Path(value).resolve()) if attr != "theme" else str(value)]
    if getattr(args, "no_save", False):
        passed.append("--no-save")
    from .web.serve import ServeError

    try:
        return serve(args.host, args.port, passed, max_sessions=args.max_sessions,
                     allow_hosts=args.allow_host, idle_timeout=args.idle_timeout)
    except ServeError as exc:
        raise UsageError(str(exc)) from None


def _room(args: argparse.Namespace, pack):
    """The room the command line asks for: a new one, or the unfinished one (--resume)."""
    from .core.engine import SelectionError
    from .core.progress import default_data_dir
    from .core.room import Room
    from .core.room_store import RoomStore, StoreError

    data_dir = getattr(args, "data_dir", None) or default_data_dir()
    try:
        store = RoomStore(data_dir)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    for warning in store.warnings:
        print(f"mythquiz: {warning}", file=sys.stderr)
    options: dict = {"max_participants": args.max_participants}
    if args.resume:
        if args.leaderboard:
            options["leaderboard"] = True
        if args.timer is not None:
            options["timer"] = args.timer
        if args.speed_bonus:
            options["speed_bonus"] = True
        try:
            room = Room.resume(pack, store, code=args.code, **options)
        except KeyError as exc:
            raise UsageError(f"the unfinished room asks item {exc.args[0]!r}, which this pack does not have") from None
        if room is None:
            raise UsageError(f"no unfinished room to resume in {store.path}")
        return room, data_dir
    unfinished = store.find_room()
    if unfinished is not None:
        code = store.load_room(unfinished).code
        print(f"mythquiz: room {code} was left unfinished; `mythquiz room --resume --code {code}` continues "
              "it (starting a new room now)", file=sys.stderr)
    try:
        room = Room.create(pack, store, seed=args.seed, count=args.count, topic=args.topic, kind=args.kind,
                           code=args.code, leaderboard=args.leaderboard, timer=args.timer,
                           speed_bonus=args.speed_bonus, **options)
    except SelectionError as exc:
        raise UsageError(str(exc)) from None
    return room, data_dir


def cmd_room(args: argparse.Namespace) -> int:
    import asyncio

    from .export import room_report
    from .web.guard import Guard
    from .web.room import join_url, let_pages_see_the_end, make_app, network_warning, start

    pack = _load(args)
    room, data_dir = _room(args, pack)
    guard = Guard(args.host, args.allow_host, say=lambda line: print(line, file=sys.stderr))
    app = make_app(room, guard=guard)
    url = join_url(args.host, args.port)

    def finish() -> list[Path]:
        """Write the class report into the data dir; its paths."""
        try:
            return room_report.write(room.report(), pack.title, data_dir)
        except OSError as exc:
            print(f"mythquiz: cannot write the class report in {data_dir}: {exc.strerror or exc}", file=sys.stderr)
            return []

    async def serve(front_end) -> None:
        try:
            runner = await start(app, args.host, args.port)
        except OSError as exc:
            raise UsageError(f"cannot listen on {args.host} port {args.port}: {exc.strerror or exc}") from None
        warning = network_warning(args.host)
        if warning:
            print(warning, file=sys.stderr)
        try:
            await front_end()
            if room.phase == "ended":
                await let_pages_see_the_end(room)
        finally:
            await runner.cleanup()

    if getattr(args, "plain", False):
        from .plain.room import PlainFacilitator

        facilitator = PlainFacilitator(room, url, finish=finish)
        try:
            asyncio.run(serve(facilitator.run))
        except KeyboardInterrupt:
            if room.phase != "ended":
                print(f"mythquiz: room {room.code} is kept: `mythquiz room --resume` continues it.", file=sys.stderr)
            return 130
        return EXIT_OK
    from .ui.room_screen import run_room_app

    return run_room_app(room, url, serve, finish, theme=getattr(args, "theme", None))


def cmd_tui(args: argparse.Namespace) -> int:
    pack = _load(args)  # before Textual starts: a broken pack never reaches the screen
    import gc

    # The pack lives as long as the app: the collector need never look at it again (with
    # 10,000 items, each full pass over them would stall a keystroke).
    gc.freeze()
    store = _store(args)
    session = None
    nothing_due = False
    if args.command == "quiz":
        session = _session(args, pack, store)
        nothing_due = session is None
    start_options = _explainer_start(args, pack)
    from .ui.app import MythQuizApp

    start = args.command if args.command in ("stats", "browse", "show", "sources") else "home"
    if getattr(args, "facilitator", False):
        start = "facilitator"
    theme = getattr(args, "theme", None)
    if theme is not None:
        from textual.theme import BUILTIN_THEMES

        from .ui.themes import THEMES

        names = sorted([*BUILTIN_THEMES, *(t.name for t in THEMES)])
        if theme not in names:
            raise UsageError(f"unknown theme {theme!r}; themes: {', '.join(names)}")
    from .core.settings import SettingsStore

    app = MythQuizApp(pack, session=session, store=store, nothing_due=nothing_due, start=start,
                      start_options=start_options, theme=theme,
                      settings=SettingsStore(getattr(args, "data_dir", None)))
    app.run()
    return app.return_code or EXIT_OK


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    command = args.command
    if command == "check":
        return cmd_check(args)
    if command == "schema":
        import json

        from .core.schema import pack_schema

        sys.stdout.write(json.dumps(pack_schema(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if command == "export":
        return cmd_export(args)
    if command == "report":
        return cmd_report(args)
    if command == "serve":
        return cmd_serve(args)
    if command == "room":
        return cmd_room(args)
    if getattr(args, "plain", False):
        if command == "quiz" and args.facilitator:
            raise UsageError("facilitator mode is for the full-screen UI; leave out --plain")
        if command == "quiz":
            return cmd_quiz_plain(args)
        if command == "stats":
            return cmd_stats_plain(args)
        if command in ("browse", "show", "sources"):
            return cmd_explain_plain(args)
        raise UsageError(f"--plain supports: quiz, stats, browse, show, sources (not {command or 'the home screen'} yet)")
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
        # The reader of our output went away (e.g. `| head`): nothing left to say.
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
