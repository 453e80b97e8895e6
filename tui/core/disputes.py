"""What a disputed item's evidence must show: quotes from two sources or more, each quote
declaring the side of the statement it takes ('for' or 'against'), both sides present,
and no voice (a source in its own voice, or one speaker in it) on both. No other item's
evidence declares a side."""

from __future__ import annotations

from collections.abc import Sequence

from yaml.nodes import Node

from .model import Quote
from .pack_format import SIDES
from .yamlfile import YamlFile


def check_sides(yf: YamlFile, node: Node, evidence: tuple[Quote, ...], answer: str | None, what: str) -> bool:
    """A disputed item's evidence names a side for every quote, holds both sides, and no
    voice (a source in its own voice, or one speaker in it) stands on both; no other
    item's evidence names a side. Reports each problem at its quote; False if any."""
    nodes = [side_node(n) for n in node.value]
    if answer != "Disputed":
        for quote, n in zip(evidence, nodes):
            if quote.side:
                yf.problem(n, f"{what}: evidence names a 'side', but only a disputed item's evidence has sides")
        return not any(quote.side for quote in evidence)
    ok = True
    for quote, n in zip(evidence, nodes):
        if not quote.side:
            yf.problem(n, f"{what}: every evidence quote of a disputed item needs 'side: for' or "
                          f"'side: against' (which side of the statement it takes)")
            ok = False
    if not ok:
        return False
    missing = [side for side in SIDES if not any(q.side == side for q in evidence)]
    if missing:
        yf.problem(node, f"{what}: a disputed item needs quotes on both sides of its statement; "
                         f"none is 'side: {missing[0]}'")
        return False
    first: dict[tuple[str, str | None], str] = {}
    for quote, n in zip(evidence, nodes):
        voice = (quote.source, quote.said_by)
        side = first.setdefault(voice, quote.side or "")
        if side != quote.side:
            who = f"{quote.said_by} in {quote.source}" if quote.said_by else f"{quote.source} in its own voice"
            yf.problem(n, f"{what}: {who} is quoted on both sides ('for' and 'against'): a dispute's sides "
                          f"are different sources or different speakers")
            ok = False
    return ok


def side_node(quote: Node) -> Node:
    """The node of an evidence quote's `side` value, or the quote itself if it has none."""
    for key, value in quote.value:
        if key.value == "side":
            found: Node = value
            return found
    return quote


def two_sides(evidence: Sequence[Quote]) -> bool:
    """Does the evidence hold two quotes or more, from two sources or more (a dispute)?"""
    return len(evidence) >= 2 and len({q.source for q in evidence}) >= 2
