"""What a search list shows of a match outside the statement: which field holds it, the
words around it (cut at a word where one is near, with an ellipsis where text is left
out) and the query's words highlighted in it."""

from __future__ import annotations

from tui.core.model import Claimant, Item, Quote
from tui.core.search_snippet import match_spans, snippet


def item(**fields) -> Item:
    base = dict(id="x-1", type="choice", topic="t", prompt="Which article?", answer="Article 5",
                choices=("Article 5", "Article 10", "Article 4"), verdict_by="s", explanation="",
                evidence=(Quote("s", "The treaty says so."),))
    base.update(fields)
    return Item(**base)


def shown(found) -> list[str]:
    return [found.text[s:e] for s, e in found.spans]


def test_a_match_deep_in_a_field_is_cut_at_the_word_before_it():
    text = "alpha " * 20 + "Zebra" + " beta" * 20
    found = snippet(item(explanation=text), ("zebra",), width=30)
    assert found == ("explanation", "…alpha alpha Zebra beta beta be…", [(13, 18)])


def test_a_match_after_one_long_word_is_cut_a_third_of_the_width_before_it():
    text = "y" * 200 + "Zebra" + " tail" * 30
    found = snippet(item(explanation=text), ("zebra",))
    assert found.text == "…" + "y" * 30 + "Zebra" + " tail" * 11 + "…"
    assert len(found.text) == 90 + 2 and shown(found) == ["Zebra"]


def test_a_word_start_up_to_half_the_width_before_the_match_is_taken():
    text = "w" * 100 + " " + "v" * 39 + "Zebra" + " tail" * 30
    found = snippet(item(explanation=text), ("zebra",))
    assert found.text.startswith("…" + "v" * 39 + "Zebra tail") and found.text.endswith("…")
    assert len(found.text) == 90 + 2 and shown(found) == ["Zebra"]


def test_a_match_near_the_start_has_no_leading_ellipsis():
    found = snippet(item(explanation="Zebra first then " + "more " * 30), ("zebra",))
    assert found.text == "Zebra first then " + "more " * 14 + "mor…" and found.spans == [(0, 5)]
    whole = snippet(item(explanation="a short Zebra note"), ("zebra",))
    assert whole == ("explanation", "a short Zebra note", [(8, 13)])


def test_every_word_of_the_query_inside_the_cut_is_highlighted_and_none_outside():
    # "which" is in the statement too: the cut is made around "zebra", and "which" is
    # highlighted where the cut shows it.
    text = "which " + "filler " * 30 + "Zebra and which" + " tail" * 30 + " which"
    found = snippet(item(explanation=text), ("which", "zebra"), width=40)
    assert shown(found) == ["Zebra", "which"]
    assert found.text.startswith("…") and found.text.endswith("…")


def test_the_first_field_holding_a_missing_word_is_shown():
    one = item(answer="Zebra", choices=("Zebra", "B", "C"), explanation="Zebra and yak")
    assert snippet(one, ("zebra", "yak")).field == "answer"
    named = item(claimed_by=Claimant("Sergei Lavrov", "Person"), explanation="Lavrov said so.")
    assert snippet(named, ("lavrov",)) == ("claimed by", "Sergei Lavrov", [(7, 13)])
    assert snippet(item(), ("article",)) is None and snippet(item(), ()) is None


def test_a_look_alike_letter_the_search_does_not_match_is_not_shown_as_the_match():
    # The search does not find "kil" in "Kılıç" (a dotless ı), so neither does the snippet.
    found = snippet(item(answer="Kılıç", choices=("Kılıç", "B", "C"), explanation="a kiln"), ("kil",))
    assert found == ("explanation", "a kiln", [(2, 5)])


def test_the_longer_of_two_words_sharing_a_start_is_highlighted_whole():
    assert match_spans("Articles", ("article", "articles")) == [(0, 8)]
    assert match_spans("abc abc", ("abc",)) == [(0, 3), (4, 7)]
    assert match_spans("abcabc", ("abc",)) == [(0, 6)]  # touching matches are one highlight


def test_a_space_just_where_the_cut_would_start_is_left_out():
    # The cut would start a third of the width (30) before the match, on a space: it starts
    # after the space instead.
    text = "w" * 100 + " " + "v" * 29 + "Zebra" + " tail" * 30
    found = snippet(item(explanation=text), ("zebra",))
    assert found.text.startswith("…" + "v" * 29 + "Zebra tail") and shown(found) == ["Zebra"]
    # A space one character after where the cut would start is kept in it.
    found = snippet(item(explanation="w" * 102 + " " + "v" * 28 + "Zebra" + " tail" * 30), ("zebra",))
    assert found.text.startswith("…w " + "v" * 28 + "Zebra tail") and shown(found) == ["Zebra"]
    # A field opening with a space, the match just past it: the cut starts after that space.
    found = snippet(item(explanation=" " + "v" * 11 + "Zebra" + " tail" * 10), ("zebra",), width=30)
    assert found.text == "…" + "v" * 11 + "Zebra" + " tail" * 2 + " tai…" and shown(found) == ["Zebra"]
