"""schema.org ClaimReview JSON-LD for the pack's myth-or-fact items.

Roles, as fact-checking tools that read ClaimReview expect them:

- `author` of each review is the pack's `publisher` (who curates the pack), never a party
  or a source; an export without one is refused before this module is called.
- `itemReviewed.author` is the claimant's name only, a Person or an Organization, from
  the item's `claimed_by`.
- `itemReviewed.appearance` and `firstAppearance` name the document where the claim
  itself is quoted (the item's `claim_quote`), and are left out when there is none: the
  verdict's source is never put there in its place.
- `reviewRating.alternateName` says whose verdict it is ("NATO's 2017 fact sheet calls
  this a myth"; "Disputed: NATO's 2017 fact sheet supports this; Vladimir Putin disputes
  it", each declared side with who takes it); ratingValue is 1 for a myth, 3 for a
  disputed claim, 5 for a fact.
- A party's statement about itself is not rated a fact by that same party: such items
  (a fact whose verdict source is one party's own statement, made by that party) are left
  out of the export.
- `datePublished` of a review is the pack's own `date` (pack.yaml: the day its content
  was last reviewed), the date of the publisher who signs it, not a source's; an export
  without one is refused before this module is called. A document's date that the text
  does not print (`date_inferred`) is not given as the appearance's `datePublished`.

The JSON is safe to embed in `<script type="application/ld+json">`: `<`, `>` and `&` in
strings are written as \\u003c, \\u003e and \\u0026.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..core import wording
from ..core.model import Item, Pack, Source

RATING = {"Myth": 1, "Disputed": 3, "Fact": 5}


def self_rated(pack: Pack, item: Item) -> bool:
    """Is this a party's statement about itself that the same party's document calls a fact?"""
    source = pack.sources.get(item.verdict_by)
    claimant = item.claimed_by
    if item.answer != "Fact" or source is None or claimant is None or not source.is_party_statement:
        return False
    name = claimant.name.casefold()
    return name in (source.publisher or "").casefold() or name in source.name.casefold()


def _work(source: Source, text: str | None = None) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
    if not source.date_inferred:
        work["datePublished"] = source.date
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if text is not None:
        work["text"] = text
    return work


def review(pack: Pack, item: Item) -> dict[str, Any]:
    """One ClaimReview."""
    claimant = item.claimed_by
    claim: dict[str, Any] = {"@type": "Claim"}
    if claimant is not None:
        claim["author"] = {"@type": claimant.type or "Organization", "name": claimant.name}
    if item.claim_quote is not None:
        appearance = _work(pack.sources[item.claim_quote.source], item.claim_quote.text)
        claim["appearance"] = [appearance]
        claim["firstAppearance"] = appearance
    body = item.explanation
    party = wording.party_line(item, pack.sources)
    if party:
        body = f"{body} {party}"
    return {
        "@type": "ClaimReview",
        "identifier": item.id,
        "claimReviewed": item.prompt,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": wording.rating_name(item, pack.sources),
            "ratingValue": RATING[item.answer],
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": item.explanation,
        },
        "author": {"@type": "Organization", "name": pack.publisher},
        "datePublished": pack.date,
        "itemReviewed": claim,
        "reviewBody": body,
        "citation": [
            {"@type": "Quotation", "text": q.text, "isPartOf": _work(pack.sources[q.source])}
            for q in item.evidence
        ],
    }


def claimreview(pack: Pack, items: Iterable[Item]) -> str:
    """schema.org ClaimReview JSON-LD for every myth-or-fact item that may be rated."""
    graph = [review(pack, item) for item in items
             if item.type == "myth-or-fact" and not self_rated(pack, item)]
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=2)
    # Outside its strings JSON has none of these characters, so this touches strings only.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
