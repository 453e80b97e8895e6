"""`mythquiz export` (handout, pack JSON, ClaimReview, results, flags) and `mythquiz report`
(the class report from results files): each writes to -o FILE or standard output."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, UsageError, emit, load, open_store, warn


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.selection import SelectionError, select_items
    from ..export import claimreview, handout, pack_json, results

    pack = load(args)
    what, fmt = args.what, args.fmt
    if what == "flags":
        from ..core.flags import FlagStore, flag_lines

        flags = FlagStore(getattr(args, "data_dir", None))
        kept = flags.flags()
        warn(flags.store)
        lines = flag_lines(pack, kept)
        if not lines:
            print(f"No flags in {flags.path}.", file=sys.stderr)
        return emit(args, "".join(line + "\n" for line in lines))
    if what == "results":
        if fmt not in (None, "json", "csv", "xapi"):
            raise UsageError("results export as --format json, csv or xapi")
        store = open_store(args)
        store.open()
        warn(store)
        if fmt == "xapi":
            from ..export import xapi

            return emit(args, xapi.xapi_json(pack, store.sessions(), store.rooms()))
        writer = results.results_csv if fmt == "csv" else results.results_json
        return emit(args, writer(pack, store.sessions(), store.rooms()))
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
    if what == "claimreview" and not pack.date:
        raise UsageError(f"{pack.content_dir / 'pack.yaml'}: ClaimReview needs the pack's 'date' (YYYY-MM-DD, "
                         "the day its content was last reviewed: the reviews' datePublished); add it to pack.yaml")
    if what == "handout":
        text = handout.handout_html(pack, items) if fmt == "html" else handout.handout_markdown(pack, items)
    elif what == "json":
        text = pack_json.pack_json(pack, items)
    else:
        text = claimreview.claimreview(pack, items)
    return emit(args, text)


def cmd_report(args: argparse.Namespace) -> int:
    from ..export import report

    pack = load(args)
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
    return emit(args, text)
