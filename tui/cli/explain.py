"""`mythquiz browse`, `show ID` and `sources`: where the explainer opens (shared with the
full-screen UI), and the explainer in plain mode."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import EXIT_OK, UsageError, load

if TYPE_CHECKING:
    from ..core.model import Pack


def explainer_start(args: argparse.Namespace, pack: Pack) -> dict[str, str | None]:
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
    from ..plain.browse import PlainExplainer

    pack = load(args)
    options = explainer_start(args, pack)
    explainer = PlainExplainer(pack)
    if args.command == "show":
        item = pack.item(args.item_id)
        assert item is not None  # explainer_start refused an unknown id
        explainer.show(item)
    elif args.command == "sources":
        explainer.sources()
    elif not explainer.browse(options["topic"], options["kind"], options["query"] or ""):
        print("mythquiz: no item matches", file=sys.stderr)
    return EXIT_OK
