"""Reading a pack's content, as `mythquiz check` reports it: pack.yaml's date and topics,
an undeclared topic named with the declared ones, 3 to 5 choices, a who-said item's words
checked in its verdict source, who speaks in a quote kept, a claimant's type settled from
the who-said items, and item files found by their `.yaml` ending; each problem at its line
and each refused item left out of the checked pack."""

from __future__ import annotations


import pytest

from conftest import checked
from test_checker_catalogue import edit, line_of


@pytest.mark.parametrize(("date", "kept"), [("2024-05-06", "2024-05-06"), ('"2024-05-06"', "2024-05-06"),
                                             ("2024-05", None), ("2024-02-30", None)])
def test_the_packs_date_is_a_whole_day(mini, date, kept):
    content, corpus = mini
    f = content / "pack.yaml"
    edit(f, "publisher: Test curators\n", f"publisher: Test curators\ndate: {date}\n")
    pack, problems = checked(content, corpus)
    assert pack.date == kept
    assert [(name, line) for name, line, _ in problems] == ([] if kept else [("pack.yaml", line_of(f, "date:"))])


def test_topics_must_be_a_mapping_that_declares_one(mini):
    content, corpus = mini
    f = content / "pack.yaml"
    edit(f, "topics:\n  threat: Is it a threat?\n  history: History\n", "topics: {}\n")
    _, problems = checked(content, corpus)
    assert ("pack.yaml", 3) in [(n, line) for n, line, _ in problems]
    assert sum("declares no topic" in m for _, _, m in problems) == 1
    f.write_text(f.read_text(encoding="utf-8").replace("topics: {}", "topics: [threat]"), encoding="utf-8")
    _, problems = checked(content, corpus)
    assert [m for n, _, m in problems if n == "pack.yaml"] == [m for n, _, m in problems if n == "pack.yaml"][:1]
    assert not any("declares no topic" in m for _, _, m in problems)


def test_an_undeclared_topic_is_named_with_the_declared_ones(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "    topic: history\n", "    topic: economy\n")
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "topic: economy"))]
    assert "(declared: threat, history)" in problems[0][2]


@pytest.mark.parametrize(("choices", "ok"), [(["in 1949", "in 1989"], False), (["in 1949", "a", "b"], True),
                                             (["in 1949", "a", "b", "c", "d"], True),
                                             (["in 1949", "a", "b", "c", "d", "e"], False)])
def test_a_choice_item_offers_3_to_5_choices(mini, choices, ok):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "      - in 1949\n      - in 1989\n      - in 1991\n", "".join(f"      - {c}\n" for c in choices))
    pack, problems = checked(content, corpus)
    assert (pack.item("c-one") is not None) == ok
    if ok:
        assert problems == [] and pack.item("c-one").choices == tuple(choices)
    else:
        assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "choices:") + 1)]
        assert f"found {len(choices)}" in problems[0][2]


def test_a_who_said_items_words_are_checked_in_its_verdict_source(mini):
    content, corpus = mini
    f = content / "b-items.yaml"
    edit(f, "    said: NATO's enlargement is not directed against anyone\n",
         "    said: NATO's enlargement is directed against no one\n")
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("b-items.yaml", line_of(f, "directed against no one"))]


def test_who_speaks_in_a_quote_is_kept(mini):
    content, corpus = mini
    edit(content / "b-items.yaml", "        quote: \"Its spokesman", "        said_by: Jane Roe\n        quote: \"Its spokesman")
    pack, problems = checked(content, corpus)
    assert problems == []
    assert [(q.source, q.said_by, q.side) for q in pack.item("w-one").evidence] == [("alpha", "Jane Roe", None)]
    assert pack.item("m-one").evidence[0].said_by is None


def test_a_claimant_named_by_a_who_said_choice_is_a_person(mini):
    content, corpus = mini
    edit(content / "b-items.yaml", "    claimed_by: Moscow\n", "    claimed_by: John Doe\n")
    pack, problems = checked(content, corpus)
    assert problems == []
    assert (pack.item("m-two").claimed_by.name, pack.item("m-two").claimed_by.type) == ("John Doe", "Person")
    assert pack.item("m-one").claimed_by.type == "Organization"


def test_item_files_are_the_yaml_files(mini):
    content, corpus = mini
    (content / "b-items.yaml").rename(content / "b-items.yml")
    (content / "notes.txt").write_text("not an item file\n", encoding="utf-8")
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("b-items.yml", None)]
    assert [i.id for i in pack.items] == ["m-one", "c-one"]


def test_an_item_with_an_empty_id_is_refused_at_its_line(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "  - id: c-one\n", "  - id: ''\n")
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "id: ''"))]
    assert [i.id for i in pack.items] == ["m-one", "w-one", "m-two"]


@pytest.mark.parametrize("kind", ["Person", "Organization"])
def test_a_claimant_may_be_a_person_or_an_organization(mini, kind):
    content, corpus = mini
    edit(content / "a-items.yaml", "claimed_by: Critics of the Alliance", f"claimed_by: {{name: Critics, type: {kind}}}")
    pack, problems = checked(content, corpus)
    assert problems == [] and pack.item("m-one").claimed_by.type == kind


def test_an_unknown_source_is_named_with_the_known_ones(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "    verdict_by: alpha\n    explanation: The report dates", "    verdict_by: gamma\n    explanation: The report dates")
    _, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "gamma"))]
    assert "(known: alpha, beta)" in problems[0][2]


def test_a_side_on_a_myth_is_refused(mini):
    content, corpus = mini
    f = content / "a-items.yaml"
    edit(f, "        quote: The Alliance said", "        side: against\n        quote: The Alliance said")
    pack, problems = checked(content, corpus)
    assert [(name, line) for name, line, _ in problems] == [("a-items.yaml", line_of(f, "side: against"))]
    assert pack.item("m-one") is None


def test_an_item_citing_a_broken_source_entry_is_not_reported_again(mini):
    content, corpus = mini
    edit(corpus / "sources.yaml", "    genre: analysis\n", "")
    pack, problems = checked(content, corpus)
    assert [name for name, _, _ in problems] == ["sources.yaml"]  # not again at m-two, which cites beta
    assert "m-two" not in [i.id for i in pack.items]
