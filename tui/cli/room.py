"""`mythquiz room`: a live room, new or resumed, served to participants' browsers while
the facilitator paces it (full screen, or --plain); the class report is written at the end."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import EXIT_OK, UsageError, load

if TYPE_CHECKING:
    from ..core.model import Pack
    from ..core.room import Room


def room_for(args: argparse.Namespace, pack: Pack) -> tuple[Room, Path]:
    """The room the command line asks for: a new one, or the unfinished one (--resume)."""
    from ..core.selection import SelectionError
    from ..core.progress import default_data_dir
    from ..core.room import Room
    from ..core.room_plan import PlanError
    from ..core.room_store import RoomStore, StoreError

    data_dir = getattr(args, "data_dir", None) or default_data_dir()
    try:
        store = RoomStore(data_dir)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    for warning in store.warnings:
        print(f"mythquiz: {warning}", file=sys.stderr)
    options: dict[str, Any] = {"max_participants": args.max_participants}
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
                           speed_bonus=args.speed_bonus, pre_post=args.pre_post, **options)
    except (SelectionError, PlanError) as exc:
        raise UsageError(str(exc)) from None
    return room, data_dir


def cmd_room(args: argparse.Namespace) -> int:
    import asyncio

    from ..export import room_report
    from ..web.guard import Guard
    from ..web.room import join_url, let_pages_see_the_end, make_app, network_warning, start

    pack = load(args)
    room, data_dir = room_for(args, pack)
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

    async def serve(front_end: Callable[[], Awaitable[Any]]) -> None:
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
        from ..plain.room import PlainFacilitator

        facilitator = PlainFacilitator(room, url, finish=finish)
        try:
            asyncio.run(serve(facilitator.run))
        except KeyboardInterrupt:
            if room.phase != "ended":
                print(f"mythquiz: room {room.code} is kept: `mythquiz room --resume` continues it.", file=sys.stderr)
            return 130
        return EXIT_OK
    from ..ui.room_screen import run_room_app

    return run_room_app(room, url, serve, finish, theme=getattr(args, "theme", None))
