"""The pack format as a JSON Schema (draft 2020-12), for editors (`mythquiz schema`).

One schema covers the three kinds of file; each kind is told apart by its one required
top-level key: `sources:` (corpus/sources.yaml), `items:` (an item file) or `title:`
(content/pack.yaml). Its `$defs` name each kind too (`sourcesFile`, `itemFile`,
`packFile`), for an editor that maps files to schemas one by one.

What a schema cannot say is left to `mythquiz check`: that a quote is verbatim in its
document, that an id is unique, that a topic or source id is declared, that an answer is
one of the choices, that a disputed item quotes two different sources, that no source or
speaker is quoted on both sides of a dispute.
"""

from __future__ import annotations

from typing import Any

from .pack_format import CLAIMANT_KEYS, MYTH_OR_FACT_ANSWERS, SIDES, SOURCE_KEYS
from .model import CLAIMANT_TYPES, ITEM_TYPES
from .yamlfile import MAX_TEXT

# Evidence whose quotes name no side: every item's but a disputed one's.
NO_SIDE: dict[str, Any] = {"items": {"not": {"required": ["side"]}}}

def _any_case(words: tuple[str, ...]) -> str:
    """A pattern (ECMA-262, as JSON Schema uses) matching any of `words` in any case."""
    def letters(word: str) -> str:
        return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)
    return "^\\s*(" + "|".join(letters(w) for w in words) + ")\\s*$"


def _text() -> dict[str, Any]:
    # Numbers are taken as written where text is needed (`answer: 1997`).
    return {"type": ["string", "number"], "pattern": r"\S", "maxLength": MAX_TEXT}


def pack_schema() -> dict[str, Any]:
    slug = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}
    ref = {"$ref": "#/$defs/text"}
    quote = {
        "type": "object",
        "required": ["source", "quote"],
        "additionalProperties": False,
        "properties": {"source": slug, "quote": ref},
    }
    evidence_quote = {
        "type": "object",
        "required": ["source", "quote"],
        "additionalProperties": False,
        "properties": {
            "source": slug, "quote": ref,
            "said_by": {**_text(), "description": "who speaks in this quote, when not the source's own voice"},
            "side": {"enum": list(SIDES),
                     "description": "a disputed item's quotes only: does it support the statement or dispute it"},
        },
    }
    evidence: dict[str, Any] = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/evidenceQuote"}}
    common = {
        "id": slug,
        "type": {"enum": list(ITEM_TYPES)},
        "topic": slug,
        "verdict_by": slug,
        "explanation": ref,
        "evidence": evidence,
    }
    claimant: dict[str, Any] = {
        "description": "who makes the claim: {name, type, per}, or (older packs) the name alone",
        "oneOf": [
            ref,
            {
                "type": "object",
                "required": ["name", "type"],
                "additionalProperties": False,
                "properties": {"name": ref, "type": {"enum": list(CLAIMANT_TYPES)}, "per": slug},
            },
        ],
    }
    assert set(CLAIMANT_KEYS) == set(claimant["oneOf"][1]["properties"])
    myth_or_fact = {
        "type": "object",
        "required": ["id", "type", "topic", "statement", "answer", "claimed_by", "explanation", "evidence"],
        "additionalProperties": False,
        "properties": {
            **common,
            "type": {"const": "myth-or-fact"},
            "statement": ref,
            "answer": {"type": "string", "pattern": _any_case(MYTH_OR_FACT_ANSWERS)},
            "claimed_by": claimant,
            "claim_quote": {"$ref": "#/$defs/quote"},
        },
        # verdict_by may be left out of a disputed item only; a disputed item quotes two or more.
        "if": {"properties": {"answer": {"pattern": _any_case(("disputed",))}}},
        # A disputed item's quotes each name a side, and both sides are there; no other
        # item's quotes name one.
        "then": {"properties": {"evidence": {
            "minItems": 2, "items": {"required": ["side"]},
            "allOf": [{"contains": {"properties": {"side": {"const": side}}}} for side in SIDES],
        }}},
        "else": {"required": ["verdict_by"], "properties": {"evidence": NO_SIDE}},
    }
    choices = {"type": "array", "minItems": 3, "maxItems": 5, "uniqueItems": True, "items": ref}

    def with_choices(kind: str, prompt: str) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["id", "type", "topic", prompt, "choices", "answer", "verdict_by", "explanation", "evidence"],
            "additionalProperties": False,
            "properties": {**common, "type": {"const": kind}, prompt: ref, "choices": choices, "answer": ref,
                           "evidence": {**evidence, "items": {"$ref": "#/$defs/evidenceQuote", **NO_SIDE["items"]}}},
        }

    date = {
        "description": "YYYY, YYYY-MM or YYYY-MM-DD, quoted or not",
        "type": ["string", "integer"],
        "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
        "minimum": 1000, "maximum": 9999,
    }
    source = {
        "type": "object",
        "required": list(SOURCE_KEYS),
        "additionalProperties": False,
        "properties": {
            "id": slug,
            "file": {"type": "string", "pattern": r"^[^/\\]+$"},
            "title": ref,
            "publisher": {"oneOf": [ref, {"type": "null"}]},
            "date": date,
            "date_note": ref,
            "date_inferred": {"type": "boolean", "description": "the text does not print the date"},
            "genre": ref,
            "perspective": ref,
            "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
            "cite_as": ref,
            "boilerplate": {"type": "array", "items": ref,
                            "description": "exact passages that are not substantive (titles, bylines, promotion)"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mythquiz pack file",
        "description": "content/pack.yaml, an item file of content/, or corpus/sources.yaml",
        "oneOf": [{"$ref": "#/$defs/packFile"}, {"$ref": "#/$defs/itemFile"}, {"$ref": "#/$defs/sourcesFile"}],
        "$defs": {
            "text": _text(),
            "quote": quote,
            "evidenceQuote": evidence_quote,
            "packFile": {
                "type": "object",
                "required": ["title", "description", "topics", "publisher"],
                "additionalProperties": False,
                "properties": {
                    "title": ref,
                    "description": ref,
                    "publisher": {**_text(), "description": "who curates the pack and signs its reviews"},
                    "date": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
                             "description": "YYYY-MM-DD, quoted or not: the day the pack's content was last "
                                            "reviewed, the date of its ClaimReview reviews"},
                    "topics": {"type": "object", "minProperties": 1,
                               "propertyNames": slug, "additionalProperties": ref},
                },
            },
            "itemFile": {
                "type": "object",
                "required": ["items"],
                "additionalProperties": False,
                "properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
            },
            "item": {
                "oneOf": [myth_or_fact, with_choices("choice", "question"), with_choices("who-said", "said")],
            },
            "sourcesFile": {
                "type": "object",
                "required": ["sources"],
                "additionalProperties": False,
                "properties": {"sources": {"type": "array", "items": source}},
            },
        },
    }
