"""The explainer's core, without a screen: search, filters, snippets, item detail, reader marks."""

from __future__ import annotations

import gc
import marshal
from array import array
import random
import time
from collections import deque

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.explain import (Detail, first_evidence_mark, genre_note, item_detail, reader_marks, roles,
                         source_facts)
from tui.core.cache import WordsCache
from tui.core.model import Item, Pack, Quote
from tui.core.search import SearchIndex, WordIndex, display_prompt, filter_items, match_spans, parse_query, snippet
from tui.core.word_index import checksum_of



def open_door(pack) -> Item:
    return next(i for i in pack.items if i.type == "choice" and i.answer == "Article 10")


def ids(index: SearchIndex, found: list[int]) -> list[str]:
    return [index.items[n].id for n in found]


# ---- search ----

def test_article_10_finds_the_open_door_item_first(pack):
    index = SearchIndex(pack.items)
    found = ids(index, index.search("Article 10"))
    assert found and found[0] == open_door(pack).id


def test_query_words_are_case_insensitive_and_all_required(pack):
    index = SearchIndex(pack.items)
    a = index.search("ARTICLE 10")
    b = index.search("article   10")
    assert a == b
    for n in a:
        text = pack.items[n].searchable_text()
        assert "article" in text and "10" in text
    # Every item containing both words is found, none is missed.
    expected = {n for n, item in enumerate(pack.items)
                if all(w in item.searchable_text() for w in ("article", "10"))}
    assert set(a) == expected


def test_search_covers_statements_explanations_quotes_and_names(pack):
    index = SearchIndex(pack.items)
    for item in pack.items[:40]:
        samples = [item.prompt, item.explanation, item.evidence[0].text]
        if item.claimed_by:
            samples.append(item.claimed_by.name)
        if item.claim_quote:
            samples.append(item.claim_quote.text)
        if item.type == "who-said":
            samples.append(item.answer)  # a name
        for text in samples:
            words = " ".join(text.split()[:4])
            assert item.id in ids(index, index.search(words)), (item.id, words)


def test_empty_query_lists_everything_in_pack_order(pack):
    index = SearchIndex(pack.items)
    assert index.search("") == list(range(len(pack.items)))
    assert index.search("   ") == list(range(len(pack.items)))


def test_no_match_is_empty(pack):
    assert SearchIndex(pack.items).search("zzzqqq no such words") == []


def test_filters_by_topic_and_type(pack):
    index = SearchIndex(pack.items)
    topic = next(iter(pack.topics))
    only = index.search("", topic=topic)
    assert only and all(pack.items[n].topic == topic for n in only)
    kinds = index.search("", kind="who-said")
    assert kinds and all(pack.items[n].type == "who-said" for n in kinds)
    both = index.search("NATO", topic=topic, kind="myth-or-fact")
    assert all(pack.items[n].topic == topic and pack.items[n].type == "myth-or-fact" for n in both)
    assert [i.id for i in filter_items(pack.items, topic, "myth-or-fact")] == \
        [pack.items[n].id for n in index.search("", topic=topic, kind="myth-or-fact")]


def test_typing_letter_by_letter_gives_the_same_results_as_the_whole_query(pack):
    """Narrowing from the previous results must never lose or invent a match."""
    typed = SearchIndex(pack.items)
    for query in ("n", "na", "nat", "nato", "nato ", "nato e", "nato ex", "nato exp", "nato ex",
                  "nato", "nato 2", "nato 20", "russia", "rus"):
        fresh = SearchIndex(pack.items).search(query)
        assert typed.search(query) == fresh, query
    # A filter change does not reuse results of another filter.
    topic = next(iter(pack.topics))
    assert typed.search("rus", topic=topic) == SearchIndex(pack.items).search("rus", topic=topic)


def test_phrase_in_statement_ranks_before_scattered_words(pack):
    index = SearchIndex(pack.items)
    found = index.search("open door")
    first = pack.items[found[0]]
    assert "open door" in first.prompt.casefold()


def test_search_keeps_up_on_10000_items(pack):
    """A keystroke's search on a 10,000-item pack takes a few milliseconds, not a frame."""
    items = [pack.items[n % len(pack.items)]._replace(id=f"x-{n}") for n in range(10_000)]
    index = SearchIndex(items)
    index.prepare()
    worst = 0.0
    query = ""
    for letter in "article 10":
        query += letter
        started = time.perf_counter()
        index.search(query)
        worst = max(worst, time.perf_counter() - started)
    started = time.perf_counter()
    index.search("a")  # a fresh broad search: every item is tested
    worst = max(worst, time.perf_counter() - started)
    assert worst < 0.05, f"slowest keystroke search took {worst * 1000:.1f} ms"


class Saved:
    """A WordStore holding one saved index, as the cache file would (see WordsCache)."""

    def __init__(self, data: object = None) -> None:
        self.data = data
        self.written = 0

    def read(self, key: str) -> object | None:
        return self.data

    def write(self, key: str, index: object) -> None:
        self.data = index
        self.written += 1


def generated_items(pack, count: int = 3000, seed: int = 7) -> list[Item]:
    """`count` items made from the pack's own: statements and explanations re-mixed from its
    words, so that short queries match thousands of items and longer ones a few, in every
    field and every rank (phrase in the statement, in the answer, elsewhere)."""
    rng = random.Random(seed)
    words = sorted({w for i in pack.items for w in f"{i.prompt} {i.explanation}".split()})
    items = []
    for n in range(count):
        base = pack.items[n % len(pack.items)]
        prompt = " ".join(rng.choice(words) for _ in range(rng.randint(2, 12)))
        explanation = " ".join(rng.choice(words) for _ in range(rng.randint(4, 30)))
        items.append(base._replace(id=f"gen-{n}", prompt=prompt, explanation=explanation))
    return items


def brute_force(items, texts, query: str, topic=None, kind=None) -> list[int]:
    """The search as specified, item by item: every word in the text; phrase in the
    statement first, then in the answer or options, then the rest, each in pack order."""
    pool = [n for n, i in enumerate(items) if topic in (None, i.topic) and kind in (None, i.type)]
    words = query.casefold().split()
    if not words:
        return pool
    hits = [n for n in pool if all(w in texts[n] for w in words)]
    phrase = " ".join(words)
    first = [n for n in hits if phrase in items[n].prompt.casefold()]
    taken = set(first)
    second = [n for n in hits if n not in taken
              and phrase in "\n".join((items[n].answer, *items[n].choices)).casefold()]
    taken.update(second)
    return first + second + [n for n in hits if n not in taken]


@pytest.fixture(scope="module")
def big(pack):
    items = generated_items(pack)
    return items, [i.searchable_text() for i in items], [None, *pack.topics]


BACKSPACE = "\b"
KEYS = st.sampled_from([*"aeinorstAT10 ", "ß", BACKSPACE, BACKSPACE])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(keys=st.lists(st.tuples(KEYS, st.integers(0, 9)), min_size=1, max_size=30),
       prepared=st.integers(0, 160))
def test_typed_and_deleted_letters_give_the_brute_force_result(big, keys, prepared):
    """One index for a whole typing session (so every shortcut is taken: narrowing from an
    earlier query, results kept for deleted letters, lazy ranking, the word index), checked
    against the specification after every key, now and then under a topic filter or a type
    filter. The index is prepared by `prepared` steps (0: nothing yet; then the texts, the
    word index, the one-letter searches: complete after about 130) and one more step after
    every key, as the browse screen does between keys."""
    items, texts, topics = big
    index = SearchIndex(items)
    steps = index.steps(budget=0)
    for _ in range(prepared):
        next(steps, None)
    query = ""
    for key, pick in keys:
        next(steps, None)
        query = query[:-1] if key == BACKSPACE else query + key
        topic = topics[pick % len(topics)] if pick >= 7 else None
        kind = "choice" if pick == 6 else None
        expected = brute_force(items, texts, query, topic, kind)
        found = index.find(query, topic, kind)
        assert len(found) == len(expected), query
        # Read the first rows before the whole ranking is worked out, as the list does.
        assert [found[n] for n in range(min(3, len(found)))] == expected[:3], query
        assert list(found) == expected, query
        assert index.search(query, topic, kind) == expected, query


WORD_TEXT = st.text(alphabet="abnt10ß \n\t\u2003\x1c·", max_size=40)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(WORD_TEXT, min_size=1, max_size=30), term=WORD_TEXT)
def test_the_word_index_finds_what_reading_every_text_finds(texts, term):
    """A word looked up in the index gives exactly the items whose text contains it, in
    order, whatever whitespace separates the words; past its limit it declines."""
    term = term.split()[0] if term.split() else "a"
    texts = [t.casefold() for t in texts]
    words = WordIndex()
    for _ in words.build(texts):
        assert not words.ready
    assert words.ready
    expected = [n for n, text in enumerate(texts) if term in text]
    assert words.lookup(term, limit=10 ** 9) == expected
    assert words.lookup(term, limit=0) == ([] if not expected else None)
    # Saved and read back (as the cache does), it finds the same.
    again = WordIndex()
    assert again.load(marshal.loads(marshal.dumps(words.dump())), len(texts))
    assert again.lookup(term, limit=10 ** 9) == expected


def test_a_saved_word_index_that_does_not_fit_is_refused(pack):
    """A cache file of another format, damaged, or inconsistent is not used; one that names
    items beyond the pack is not believed (the texts are read instead)."""
    texts = [i.searchable_text() for i in pack.items]
    words = WordIndex()
    deque(words.build(texts), maxlen=0)
    layout, text, starts, offsets, items, checksum = words.dump()
    assert WordIndex().load(words.dump(), len(texts))

    def resealed(*parts):
        return (layout, *parts, checksum_of(parts))

    for bad in [None, (), "x", words.dump()[:-1],
                ((0, *layout[1:]), text, starts, offsets, items, checksum),  # another format
                (layout, text, starts, offsets, items[:-4] + b"\0\0\0\1", checksum),  # damaged
                resealed(text[:-1], starts, offsets, items),
                resealed(text, starts[:-4], offsets, items),
                resealed(text, starts, offsets, items[:-4]),
                resealed(text, starts, offsets, items[:3]),
                resealed(b"\xff" + text, starts, offsets, items)]:
        index = WordIndex()
        assert not index.load(bad, len(texts)) and not index.ready, bad
    other = WordIndex()
    assert other.load(words.dump(), count=10) and other.lookup("nato", limit=10 ** 9) is None
    # A file made by hand, its checksum right, naming an item far beyond the pack in an
    # unsorted list: the search reads the texts instead of failing.
    crafted = array("I", [10 ** 6, *array("I", items)[1:]]).tobytes()
    made = WordIndex()
    assert made.load(resealed(text, starts, offsets, crafted), len(texts))
    index = SearchIndex(pack.items, store=Saved(made.dump()))
    index.prepare()
    assert index.ready and all(index.search(q) == brute_force(pack.items, texts, q) for q in ("nato", "attack", "zulu"))
    # Word starts out of order give wrong words, never an endless search.
    shuffled = WordIndex()
    assert shuffled.load(resealed(text, starts[:4] + starts[8:12] + starts[4:8] + starts[12:], offsets, items),
                         len(texts))
    shuffled.lookup("a", limit=10 ** 9)


def test_preparing_at_once_while_steps_are_paused_gives_one_whole_index(pack):
    """A search that cannot wait finishes the preparation itself; the paused steps then
    find the work done and never mix a second index into the first."""
    items = generated_items(pack, count=1500)
    texts = [i.searchable_text() for i in items]
    for pause_at in (5, 30, 40, 60):
        saved = Saved()
        index = SearchIndex(items, store=saved)
        steps = index.steps(budget=0)
        for _ in range(pause_at):
            next(steps, None)
        index.prepare()
        deque(steps, maxlen=0)
        assert index.ready
        for query in ("th", "gen-1", "nato", "o"):
            assert index.search(query) == brute_force(items, texts, query), (pause_at, query)
        # The index it keeps (the one in use, written last) is one whole index.
        whole = WordIndex()
        assert saved.written >= 1 and whole.load(saved.data, len(items))
        assert whole.lookup("gen-1086", limit=10 ** 9) == [1086]


def test_the_word_index_is_built_in_steps_and_then_used(pack, monkeypatch):
    """The browse screen prepares the search in steps of about 2 ms; each step is short,
    and once the last is taken broad words are looked up rather than read in every text."""
    items = generated_items(pack, count=2000)
    index = SearchIndex(items)
    steps = index.steps(budget=0.002)
    longest, count = 0.0, 0
    # A full garbage collection of the test run's heap is not a step's work (the app
    # freezes its pack out of collections).
    gc.collect()
    gc.disable()
    try:
        while True:
            started = time.perf_counter()
            if next(steps, True) is not None:
                break
            longest, count = max(longest, time.perf_counter() - started), count + 1
    finally:
        gc.enable()
    assert index.ready and count > 2
    assert longest < 0.05, f"a preparing step took {longest * 1000:.1f} ms"
    texts = [i.searchable_text() for i in items]
    read = []
    lookup = WordIndex.lookup
    monkeypatch.setattr(WordIndex, "lookup", lambda self, term, limit: read.append(term) or lookup(self, term, limit))
    assert index.search("th") == brute_force(items, texts, "th") and read == ["th"]


def test_the_word_index_is_kept_between_runs_for_the_same_texts_only(pack):
    """The browse screen's index is written to the cache once built; the next run reads it
    instead of building it, and a pack whose texts differ in any way builds its own."""
    items = generated_items(pack, count=1200)
    big = Pack(pack.title, pack.description, pack.topics, pack.sources, items,
               pack.content_dir, pack.corpus_dir)
    first = SearchIndex(items, store=WordsCache(big))
    first.prepare()
    assert first.ready and WordsCache(big).path.exists()

    built = []
    build = WordIndex.build

    def counting_build(self, texts):
        built.append(len(texts))
        return build(self, texts)

    WordIndex.build = counting_build
    try:
        second = SearchIndex(items, store=WordsCache(big))
        second.prepare()
        assert second.ready and built == []
        texts = [i.searchable_text() for i in items]
        for query in ("th", "nato", "rt 10"):
            assert second.search(query) == first.search(query) == brute_force(items, texts, query)
        # One changed word in one item: the saved index is not used.
        changed = [*items[:-1], items[-1]._replace(explanation=items[-1].explanation + " zyxw")]
        third = SearchIndex(changed, store=WordsCache(big))
        third.prepare()
        assert built == [len(changed)] and third.search("zyxw") == [len(changed) - 1]
        # A damaged or foreign file is ignored: the index is built again, results unchanged.
        for damage in (b"", b"\x00not marshal", marshal.dumps(("key", (1, 2))), marshal.dumps([1])):
            WordsCache(big).path.write_bytes(damage)
            fourth = SearchIndex(items, store=WordsCache(big))
            fourth.prepare()
            assert fourth.ready and fourth.search("nato") == brute_force(items, texts, "nato")
    finally:
        WordIndex.build = build


def test_generated_pack_exercises_every_rank(big):
    """The generated pack is a fair test: some query ranks items in all three groups."""
    items, texts, _ = big
    index = SearchIndex(items)
    for query in ("a", "e", "t", "the", "to"):
        found = index.search(query)
        phrase_in_prompt = [n for n in found if query in items[n].prompt.casefold()]
        if 0 < len(phrase_in_prompt) < len(found) and len(found) > 1000:
            return
    pytest.fail("no query matched thousands of items across the rank groups")


# ---- highlights and snippets ----

def test_match_spans_are_case_insensitive_merged_and_ordered():
    text = "Article 10 of the treaty; article 10 again"
    assert match_spans(text, parse_query("article 10")) == [(0, 7), (8, 10), (26, 33), (34, 36)]
    assert match_spans("abcabc", ("abc", "bca")) == [(0, 6)]
    assert match_spans("", ("x",)) == [] and match_spans("x", ()) == []
    # Regex characters in a query are taken literally.
    assert match_spans("a [b] (c).*", ("[b]", ".*")) == [(2, 5), (9, 11)]


def test_snippet_says_where_a_match_outside_the_statement_is(pack):
    item = open_door(pack)
    terms = parse_query("Article 10")
    found = snippet(item, terms)
    assert found is not None and found.field == "answer"
    assert [found.text[s:e] for s, e in found.spans] == ["Article", "10"]
    # Matches in the statement need no snippet.
    assert snippet(item, parse_query("Open Door Policy")) is None
    # A match deep in an explanation is cut around it, with ellipses, and still highlighted.
    long_item = item._replace(explanation=" ".join(["filler"] * 40 + ["Zebra"] + ["filler"] * 40))
    cut = snippet(long_item, ("zebra",), width=40)
    assert cut is not None and cut.field == "explanation"
    assert cut.text.startswith("…") and cut.text.endswith("…") and len(cut.text) <= 42
    assert [cut.text[s:e] for s, e in cut.spans] == ["Zebra"]


def test_display_prompt_quotes_words_said(pack):
    who = next(i for i in pack.items if i.type == "who-said")
    assert display_prompt(who) == f"“{who.prompt}”"
    other = next(i for i in pack.items if i.type != "who-said")
    assert display_prompt(other) == other.prompt


# ---- item detail and sources ----

def test_item_detail_says_who_claims_and_who_rebuts(small_pack):
    myth = next(i for i in small_pack.items if i.type == "myth-or-fact")
    d: Detail = item_detail(small_pack, myth)
    assert d.answer == "NATO's 2022 fact sheet calls this a myth."
    assert d.party == "NATO's 2022 fact sheet is one party's own statement, not a neutral judge."
    labels = dict(d.roles)
    assert labels["Who makes this claim"] == f"{myth.claimed_by.name}, as NATO's 2022 fact sheet reports it"
    rebuttal = labels["Who rebuts it"]
    assert "NATO's 2022 fact sheet" in rebuttal and "21 September 2022" in rebuttal
    assert "one party's own statement" in rebuttal
    assert [ex.quote for ex in d.excerpts] == list(myth.evidence)
    assert all(ex.line > 0 for ex in d.excerpts)


def test_news_reports_are_called_reports_and_fact_sheets_statements(pack):
    for source in pack.sources.values():
        note = genre_note(source)
        if "fact sheet" in source.genre:
            assert "one party's own statement" in note
        elif "news report" in source.genre:
            assert "reports what others said" in note
    who = next(i for i in pack.items if i.type == "who-said" and "rferl" in i.verdict_by)
    assert dict(roles(pack, who))["Reported by"].endswith("it reports what others said")


def test_source_facts_cover_the_metadata(pack):
    source = pack.sources["nato-2022"]
    facts = dict(source_facts(source, 7))
    assert facts["Publisher"] == "NATO" and facts["Date"] == "21 September 2022"
    assert facts["How the date is known"] == source.date_note
    assert facts["Perspective"] == source.perspective
    assert facts["Cited by"] == "7 items"
    unnamed = next(s for s in pack.sources.values() if s.publisher is None)
    assert dict(source_facts(unnamed))["Publisher"] == "not named in the text"


# ---- reader marks ----

def test_reader_marks_every_quote_of_the_item_in_place(pack):
    item = next(i for i in pack.items if i.claim_quote and len(i.evidence) > 1)
    marks = reader_marks(pack, item)
    quotes = list(item.evidence) + [item.claim_quote]
    for quote in quotes:
        text = pack.text_of(quote.source)
        start = text.find(quote.text)
        assert any(m.source == quote.source and m.start <= start and start + len(quote.text) <= m.end
                   for m in marks), quote
    for m in marks:
        text = pack.text_of(m.source)
        assert m.line == text.count("\n", 0, m.start) + 1
    # Within a document the marks are in reading order and do not overlap.
    for a, b in zip(marks, marks[1:]):
        if a.source == b.source:
            assert a.end <= b.start
    first = marks[first_evidence_mark(marks)]
    assert first.source == item.evidence[0].source
    assert any(label.startswith("evidence") for label in first.labels)


def test_overlapping_quotes_become_one_mark(pack):
    who = next(i for i in pack.items if i.type == "who-said"
               and any(i.prompt in q.text for q in i.evidence if q.source == i.verdict_by))
    marks = reader_marks(pack, who)
    merged = [m for m in marks if len(m.labels) > 1]
    assert merged and "the words said" in merged[0].labels


def test_a_quote_missing_from_its_document_is_skipped(pack):
    item = pack.items[0]
    broken = item._replace(evidence=(Quote(item.evidence[0].source, "words that are not there"),
                                     *item.evidence))
    marks = reader_marks(pack, broken)
    assert len(marks) == len(reader_marks(pack, item))
