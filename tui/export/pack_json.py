"""The pack as JSON: every item with its quotes resolved to line and column."""

from __future__ import annotations

import json
from typing import Any

from ..core import wording
from ..core.answers import excerpt
from ..core.model import Item, Pack, Quote


def _quote_json(pack: Pack, quote: Quote) -> dict[str, Any]:
    ex = excerpt(pack, quote)
    data: dict[str, Any] = {"source": quote.source, "quote": quote.text, "line": ex.line, "column": ex.column}
    if quote.said_by:
        data["said_by"] = quote.said_by
    return data


def pack_json(pack: Pack, items: list[Item]) -> str:
    counts = pack.citation_counts()
    data = {
        "title": pack.title,
        "description": pack.description,
        "publisher": pack.publisher,
        "topics": pack.topics,
        "sources": [
            {"id": s.id, "file": s.file, "title": s.title, "cite_as": s.cite_as, "publisher": s.publisher,
             "date": s.date, "date_inferred": s.date_inferred, "date_shown": s.shown_date,
             "date_note": s.date_note, "genre": s.genre, "perspective": s.perspective,
             "sha256": s.sha256, "cited_by": counts.get(s.id, 0)}
            for s in pack.sources.values()
        ],
        "items": [
            {
                "id": item.id, "type": item.type, "topic": item.topic,
                ("statement" if item.type == "myth-or-fact" else "question" if item.type == "choice" else "said"):
                    item.prompt,
                **({"choices": list(item.choices)} if item.type != "myth-or-fact" else {}),
                "answer": item.answer.lower() if item.type == "myth-or-fact" else item.answer,
                **({"claimed_by": item.claimed_by._asdict()} if item.claimed_by else {}),
                **({"claim_quote": _quote_json(pack, item.claim_quote)} if item.claim_quote else {}),
                **({"verdict_by": item.verdict_by} if item.verdict_by else {}),
                "verdict": wording.verdict_line(item, pack.sources),
                **({"party_note": note} if (note := wording.party_line(item, pack.sources)) else {}),
                "explanation": item.explanation,
                "evidence": [_quote_json(pack, q) for q in item.evidence],
            }
            for item in items
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
