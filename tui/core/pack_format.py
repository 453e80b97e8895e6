"""What a pack's files may hold: their names, the keys of each entry, the form of ids,
dates and hashes, and which characters a corpus document may contain. These are the rules
README.md documents for pack authors; the readers (`corpus_reader`, `content_reader`) and
the JSON Schema (`schema`) take them from here."""

from __future__ import annotations

import re

PACK_FILE = "pack.yaml"
SOURCES_FILE = "sources.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")

SOURCE_KEYS = (
    "id", "file", "title", "publisher", "date", "date_note", "genre", "perspective", "sha256",
)
SOURCE_OPTIONAL = ("cite_as", "date_inferred", "boilerplate")
PACK_KEYS = ("title", "description", "topics")
PACK_OPTIONAL = ("publisher", "date")
COMMON_KEYS = ("id", "type", "topic", "verdict_by", "explanation", "evidence")
MYTH_OR_FACT_ANSWERS = ("myth", "fact", "disputed")
CLAIMANT_KEYS = ("name", "type", "per")
QUOTE_KEYS = ("source", "quote")
EVIDENCE_KEYS = ("source", "quote", "said_by", "side")
# The side a disputed item's evidence quote takes, relative to the item's statement: it
# supports the statement, or it disputes it. Sides are positions, not parties: one
# party's document may be quoted on the side it reports only where it states that side.
SIDES = ("for", "against")
TYPE_KEYS = {
    "myth-or-fact": ("statement", "answer", "claimed_by"),
    "choice": ("question", "choices", "answer"),
    "who-said": ("said", "choices", "answer"),
}
TYPE_OPTIONAL: dict[str, tuple[str, ...]] = {"myth-or-fact": ("claim_quote",), "choice": (), "who-said": ()}
# Each type's required keys: verdict_by may be left out of a disputed myth-or-fact item only (checked with the answer).
REQUIRED = {k: frozenset(COMMON_KEYS + TYPE_KEYS[k]) - ({"verdict_by"} if k == "myth-or-fact" else set())
            for k in TYPE_KEYS}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A corpus document may hold tabs and line ends (LF or CR LF), but no other control
# character or bidirectional override: the reader shows documents in a terminal.
DOC_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def date_problem(value: str) -> str | None:
    """Why `value` is not a date a source may carry (YYYY, YYYY-MM or YYYY-MM-DD, and a
    day that exists), or None."""
    if not DATE.match(value):
        return "date must be YYYY, YYYY-MM or YYYY-MM-DD (explain in date_note)"
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"date {value!r} has no month {parts[1]}"
    if len(parts) == 3:
        import calendar

        last = calendar.monthrange(parts[0], parts[1])[1] if parts[0] >= 1 else 31
        if not 1 <= parts[2] <= last:
            return f"date {value!r} does not exist (that month has {last} days)"
    return None
