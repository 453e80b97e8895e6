"""schema.org ClaimReview JSON-LD for the pack's myth-or-fact items."""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..core.model import Item, Pack


def _people(pack: Pack) -> set[str]:
    """Names the pack itself treats as people: the options of its who-said items."""
    return {name for item in pack.items if item.type == "who-said" for name in item.choices}


def claimreview(pack: Pack, items: Iterable[Item]) -> str:
    """schema.org ClaimReview JSON-LD for every myth-or-fact item."""
    graph = []
    for item in items:
        if item.type != "myth-or-fact":
            continue
        verdict = pack.sources[item.verdict_by]
        claimant = item.claimed_by
        claim: dict[str, Any] = {
            "@type": "Claim",
            "author": {"@type": claimant.type if claimant else "Organization",
                       "name": claimant.name if claimant else "unknown"},
        }
        quote = item.claim_quote
        appearance_source = pack.sources[quote.source] if quote else pack.sources[item.evidence[0].source]
        appearance = {
            "@type": "CreativeWork",
            "headline": appearance_source.title,
            "datePublished": appearance_source.date,
        }
        if appearance_source.publisher:
            appearance["publisher"] = {"@type": "Organization", "name": appearance_source.publisher}
        if quote:
            appearance["text"] = quote.text
        claim["appearance"] = [appearance]
        claim["firstAppearance"] = appearance
        graph.append({
            "@type": "ClaimReview",
            "identifier": item.id,
            "claimReviewed": item.prompt,
            "reviewRating": {
                "@type": "Rating",
                "alternateName": item.answer,  # "Myth" or "Fact", as the verdict source judges
                "ratingValue": 1 if item.answer == "Myth" else 5,
                "bestRating": 5,
                "worstRating": 1,
                "ratingExplanation": item.explanation,
            },
            "author": {"@type": "Organization", "name": verdict.publisher or verdict.name},
            "datePublished": verdict.date,
            "itemReviewed": claim,
            "reviewBody": item.explanation,
            "citation": [
                {"@type": "Quotation", "text": q.text,
                 "isPartOf": {"@type": "CreativeWork", "headline": pack.sources[q.source].title,
                              "datePublished": pack.sources[q.source].date}}
                for q in item.evidence
            ],
        })
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=2) + "\n"
