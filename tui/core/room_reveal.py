"""What a live room's reveal shows on every device: the verdict, whose verdict, the
explanation and the verbatim excerpts — the content of the quiz feedback, in the words
`tui.core.wording` gives every front end. A disputed item's excerpts also come grouped by
the side each quote declares, supporting side first, each under who takes it, as the quiz
feedback, plain mode and the handout group them."""

from __future__ import annotations

from typing import Any

from . import wording
from .answers import Excerpt, Feedback, excerpt_sides
from .model import Source


def _excerpt_dict(ex: Excerpt, label: str) -> dict[str, Any]:
    said_by = getattr(ex.quote, "said_by", None)  # who speaks, when not the source's own voice
    return {"label": label, "text": ex.quote.text,
            "said_by": said_by, "source": ex.source.byline, "source_name": ex.source.name, "line": ex.line}


def _sides(feedback: Feedback, sources: dict[str, Source]) -> list[dict[str, Any]] | None:
    """A disputed item's sides: each with its heading ("Vladimir Putin disputes it") and
    its excerpts in the pack's order; None for any other item."""
    item = feedback.item
    if not item.disputed:
        return None
    return [{"stance": side.stance, "heading": wording.capitalised(wording.side_says(side)),
             "excerpts": [_excerpt_dict(ex, "") for ex in excerpts]}
            for side, excerpts in excerpt_sides(item, feedback.excerpts, sources)]


def reveal_payload(feedback: Feedback, sources: dict[str, Source]) -> dict[str, Any]:
    """The reveal of one question, as JSON-ready values."""
    item = feedback.item
    row = wording.claimant_row(item, sources)
    total = len(feedback.excerpts)
    source = feedback.verdict_source
    return {
        "answer": item.answer,
        "line": feedback.right_answer_line,
        "party": feedback.party_line,
        "by": source.name if source is not None else None,
        "by_source": source.byline if source is not None else None,
        "claimed_by": f"{row[0]}: {row[1]}." if row else None,
        "claim": (_excerpt_dict(feedback.claim, wording.CLAIM_LABEL) if feedback.claim is not None else None),
        "explanation": item.explanation,
        "excerpts": [_excerpt_dict(ex, wording.evidence_label(n, total)) for n, ex in enumerate(feedback.excerpts, 1)],
        "sides": _sides(feedback, sources),
    }
