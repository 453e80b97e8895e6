"""The JSON Schema (`mythquiz schema`) holds the pack format's limits an editor can check:
no unknown key anywhere, evidence of one quote or more, 3 to 5 distinct choices, a year
from 1000 to 9999, a topic declared, answers in any case, a disputed item's two sides."""

from __future__ import annotations

import copy
import datetime
from typing import Any, Callable

import pytest
import yaml

from test_checker_catalogue import A_ITEMS, B_ITEMS, PACK, SOURCES
from tui.core.schema import pack_schema

jsonschema = pytest.importorskip("jsonschema")
VALIDATOR = jsonschema.Draft202012Validator(pack_schema())


def plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


FILES = {name: plain(yaml.safe_load(text)) for name, text in
         {"pack": PACK, "a": A_ITEMS, "b": B_ITEMS, "sources": SOURCES}.items()}


def valid(name: str, change: Callable[[Any], None] = lambda d: None) -> bool:
    data = copy.deepcopy(FILES[name])
    change(data)
    return VALIDATOR.is_valid(data)


def test_the_mini_pack_validates():
    assert all(valid(name) for name in FILES)


@pytest.mark.parametrize(("name", "where"), [
    ("pack", lambda d: d), ("a", lambda d: d), ("sources", lambda d: d), ("sources", lambda d: d["sources"][0]),
    ("a", lambda d: d["items"][0]), ("a", lambda d: d["items"][1]), ("b", lambda d: d["items"][0]),
    ("a", lambda d: d["items"][0]["evidence"][0]),
])
def test_an_unknown_key_is_refused_everywhere(name, where):
    assert not valid(name, lambda d: where(d).update(extra=1))


def test_an_unknown_key_in_a_claimant_or_a_claim_quote_is_refused():
    def claimant(d):
        d["items"][0]["claimed_by"] = {"name": "Critics", "type": "Organization", "extra": 1}
    def claim_quote(d):
        d["items"][0]["claim_quote"] = {"source": "alpha", "quote": "x", "extra": 1}
    assert valid("a", lambda d: d["items"][0].update(claimed_by={"name": "Critics", "type": "Organization"}))
    assert valid("a", lambda d: d["items"][0].update(claim_quote={"source": "alpha", "quote": "x"}))
    assert not valid("a", claimant) and not valid("a", claim_quote)


def test_evidence_holds_one_quote_or_more():
    assert valid("a", lambda d: d["items"][1].update(evidence=d["items"][1]["evidence"][:1]))
    assert not valid("a", lambda d: d["items"][1].update(evidence=[]))


@pytest.mark.parametrize(("choices", "ok"), [(["in 1949", "b"], False), (["in 1949", "b", "c"], True),
                                             (["in 1949", "b", "c", "d", "e"], True),
                                             (["in 1949", "b", "c", "d", "e", "f"], False),
                                             (["in 1949", "b", "b"], False)])
def test_choices_number_3_to_5_all_different(choices, ok):
    assert valid("a", lambda d: d["items"][1].update(choices=choices)) == ok


@pytest.mark.parametrize(("year", "ok"), [(999, False), (1000, True), (2021, True), (9999, True), (10000, False)])
def test_an_unquoted_year_is_from_1000_to_9999(year, ok):
    assert valid("sources", lambda d: d["sources"][1].update(date=year)) == ok


def test_a_pack_declares_a_topic():
    assert not valid("pack", lambda d: d.update(topics={}))
    assert valid("pack", lambda d: d.update(topics={"one": "One"}))


@pytest.mark.parametrize(("answer", "ok"), [("MYTH", True), (" Fact ", True), ("myths", False), ("true", False)])
def test_a_myth_or_fact_answer_in_any_case(answer, ok):
    assert valid("a", lambda d: d["items"][0].update(answer=answer)) == ok


def test_a_disputed_item_quotes_both_sides():
    def disputed(sides: list[str]) -> Callable[[Any], None]:
        def change(d):
            item = d["items"][1]
            item["answer"] = "disputed"
            item["claimed_by"] = "Moscow"
            item["evidence"] = [{"source": s, "quote": "q", "side": side} for s, side in zip(["beta", "alpha"], sides)]
        return change
    assert valid("b", disputed(["for", "against"]))
    assert not valid("b", disputed(["for"]))
    assert not valid("b", disputed(["for", "for"]))
