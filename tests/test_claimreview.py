"""`export claimreview`: only schema.org's own types and properties, the right roles, the
pack's own date, and JSON-LD that is safe inside an HTML <script> element."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import MYTHQUIZ, run_env
from test_checker_catalogue import build_mini_pack, edit, line_of
from tui.core.pack import load_pack
from tui.export.claimreview import claimreview, self_rated

# The properties schema.org defines for each type used (its own or inherited), as read
# from schema.org's pages for ClaimReview, Review, Claim, CreativeWork, Rating, Quotation,
# Organization, Person and Thing. Only what the export uses is listed.
THING = {"name", "identifier", "alternateName", "description", "url"}
CREATIVE_WORK = THING | {"author", "datePublished", "headline", "publisher", "text", "citation", "isPartOf"}
VOCABULARY = {
    "ClaimReview": CREATIVE_WORK | {"claimReviewed", "reviewRating", "itemReviewed", "reviewBody"},
    "Claim": CREATIVE_WORK | {"appearance", "firstAppearance"},
    "CreativeWork": CREATIVE_WORK,
    "Quotation": CREATIVE_WORK,
    "Rating": THING | {"ratingValue", "bestRating", "worstRating", "ratingExplanation", "author"},
    "Organization": THING,
    "Person": THING,
}
REQUIRED = ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished")


def walk(node):
    """Every JSON object in `node` that has an @type."""
    if isinstance(node, dict):
        if "@type" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.fixture(scope="module")
def exported():
    result = subprocess.run([MYTHQUIZ, "export", "claimreview"], capture_output=True, text=True,
                            env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_only_schema_org_types_and_properties(exported):
    data = json.loads(exported)
    seen = 0
    for node in walk(data):
        kind = node["@type"]
        assert kind in VOCABULARY, kind
        unknown = set(node) - {"@type"} - VOCABULARY[kind]
        assert not unknown, f"{kind} has no properties {sorted(unknown)} in schema.org"
        seen += 1
    assert seen > 10


def test_every_review_has_the_required_fields(exported):
    reviews = json.loads(exported)["@graph"]
    assert reviews
    for review in reviews:
        for key in REQUIRED:
            assert review.get(key), (review.get("identifier"), key)
        assert review["itemReviewed"]["author"]["@type"] in ("Person", "Organization")


def test_self_rated_facts_are_left_out(exported):
    pack = load_pack()
    ids = {review["identifier"] for review in json.loads(exported)["@graph"]}
    for item in pack.items:
        if item.type == "myth-or-fact":
            assert (item.id in ids) != self_rated(pack, item), item.id


def test_json_ld_is_safe_inside_a_script_element(tmp_path):
    content, corpus = build_mini_pack(tmp_path / "mini")
    edit(content / "a-items.yaml", "statement: The Alliance seeks confrontation with everyone.",
         "statement: \"The Alliance </script><script>alert(1)</script> & co.\"")
    text = claimreview(load_pack(content, corpus, use_cache=False), load_pack(content, corpus, use_cache=False).items)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text and "\\u0026 co." in text
    data = json.loads(text)  # still JSON, with the text unchanged once read
    assert any(r["claimReviewed"] == "The Alliance </script><script>alert(1)</script> & co." for r in data["@graph"])


def test_disputed_review_says_whose_sides(tmp_path):
    content, corpus = build_mini_pack(tmp_path / "mini")
    f = content / "b-items.yaml"
    edit(f, "    answer: fact\n    claimed_by: Moscow\n    verdict_by: beta\n",
         "    answer: disputed\n    claimed_by: {name: Moscow, type: Organization}\n")
    edit(f, "        quote: Moscow says the West ignores its security concerns.\n",
         "        quote: Moscow says the West ignores its security concerns.\n        side: against\n"
         "      - source: alpha\n        side: for\n"
         "        quote: The Alliance said it \u201cdoes not seek confrontation\u201d with anyone.\n")
    pack = load_pack(content, corpus, use_cache=False)
    review = next(r for r in json.loads(claimreview(pack, pack.items))["@graph"] if r["identifier"] == "m-two")
    rating = review["reviewRating"]
    # Each declared side with who takes it, the supporting side first whatever the order quoted.
    alpha, beta = pack.sources["alpha"].name, pack.sources["beta"].name
    assert rating["alternateName"] == f"Disputed: {alpha} supports this; {beta} disputes it"
    assert rating["ratingValue"] == 3
    assert review["author"] == {"@type": "Organization", "name": "Test curators"}
    assert "appearance" not in review["itemReviewed"]


def test_every_review_carries_the_packs_own_date_not_a_sources(exported):
    pack = load_pack()
    assert pack.date == "2026-12-06"  # the day the embedded pack's content was last reviewed
    reviews = json.loads(exported)["@graph"]
    assert {review["datePublished"] for review in reviews} == {pack.date}
    assert pack.date not in {source.date for source in pack.sources.values()}


def mq(*args):
    return subprocess.run([MYTHQUIZ, *map(str, args)], capture_output=True, text=True, env=run_env(), timeout=60)


def test_export_without_a_pack_date_is_refused_in_one_line_naming_pack_yaml(tmp_path):
    content, corpus = build_mini_pack(tmp_path / "mini")  # a publisher, no date
    result = mq("--content", content, "--corpus", corpus, "export", "claimreview")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(content / "pack.yaml") in result.stderr
    assert "'date'" in result.stderr
    assert mq("--content", content, "--corpus", corpus, "export", "json").returncode == 0  # only ClaimReview needs it


@pytest.mark.parametrize("written", ["2026-03-01", '"2026-03-01"'])
def test_the_pack_date_is_read_quoted_or_not_and_dates_the_reviews(tmp_path, written):
    content, corpus = build_mini_pack(tmp_path / "mini")
    edit(content / "pack.yaml", "publisher: Test curators\n", f"publisher: Test curators\ndate: {written}\n")
    assert mq("--content", content, "--corpus", corpus, "check").returncode == 0
    result = mq("--content", content, "--corpus", corpus, "export", "claimreview")
    assert result.returncode == 0, result.stderr
    assert {r["datePublished"] for r in json.loads(result.stdout)["@graph"]} == {"2026-03-01"}


@pytest.mark.parametrize("written", ["2026-02-30", "2026-3-1", "2026", "soon"])
def test_a_pack_date_that_is_not_a_day_is_a_problem_on_its_line(tmp_path, written):
    content, corpus = build_mini_pack(tmp_path / "mini")
    edit(content / "pack.yaml", "publisher: Test curators\n", f"publisher: Test curators\ndate: {written}\n")
    result = mq("--content", content, "--corpus", corpus, "check")
    assert result.returncode == 1
    line = line_of(content / "pack.yaml", f"date: {written}")
    assert [p for p in result.stdout.splitlines() if f"pack.yaml:{line}:" in p and "date" in p]
