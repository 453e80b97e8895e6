"""Quotes are found in one pass over a document: the answer must be exactly what searching
for each quote on its own gives, whatever the text and wherever the quotes begin."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.quotes import KEY, find_all

# A small alphabet makes matches, near misses and quotes starting inside words common.
TEXT = st.text(alphabet="ab c.“”’-\u00a0Åé1\n", max_size=300)
DOC = st.text(alphabet="ab c.“”’-\u00a0Åé1\n", min_size=60, max_size=300)


def brute_force(doc: str, quotes: list[str]) -> set[str]:
    return {quote for quote in quotes if quote in doc}


@settings(max_examples=400, deadline=None)
@given(doc=DOC, picks=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=30),
       others=st.lists(TEXT, max_size=10))
def test_find_all_is_exactly_the_quotes_in_the_document(doc: str, picks: list[tuple[int, int]], others: list[str]):
    cut = [doc[start:start + length] for start, length in picks]  # substrings: many begin mid-word
    quotes = cut + others + [q + "x" for q in cut]  # and near misses that run one character on
    assert find_all(doc, quotes) == brute_force(doc, quotes)


def test_quotes_long_and_short_begin_anywhere():
    doc = "NATO is a defensive alliance. “Our exercises are announced.” Such an agreement was never made."
    quotes = [
        "Such an agreement was never made.",  # at a word
        "“Our exercises are announced.”",  # begins with punctuation
        "efensive alliance",  # inside a word, longer than KEY
        "was",  # shorter than KEY
        "Such an agreement was always made.",  # missing
        "never made. And more",  # runs past the end
    ]
    assert len(quotes[2]) >= KEY
    assert find_all(doc, quotes) == set(quotes[:4])


def test_a_quote_missing_from_a_large_document_is_reported_at_its_line(tmp_path):
    """A document over SMALL_DOCUMENT has its quotes found at the end, in one pass: a
    missing one is still reported with its file, line and nearest match, in file order."""
    import subprocess
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from make_pack import make_pack

    from tui.core.verbatim import SMALL_DOCUMENT

    pack = make_pack(40, tmp_path / "pack", per_file=20, sentences_in_corpus=3000)
    assert (pack / "corpus" / "generated-archive.txt").stat().st_size > SMALL_DOCUMENT
    second = pack / "content" / "items-0002.yaml"
    lines = second.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("        quote: \"Dispatch"))
    lines[n] = lines[n].replace(" from ", " form ", 1)  # a typo an author might make
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = pack / "content" / "items-0001.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("    topic: ", "    topic: no-", 1), encoding="utf-8")

    done = subprocess.run([sys.executable, "-m", "tui", "check", "--content", str(pack / "content"),
                           "--corpus", str(pack / "corpus")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith(str(pack))]
    assert len(problems) == 2, done.stdout
    assert problems[0].startswith(f"{first}:"), problems  # files in the order they were read
    assert problems[1].startswith(f"{second}:{n + 1}: item 'gen-"), problems
    assert "quote is not in archive" in problems[1], problems
    assert "nearest passage" in problems[1] and "differs" in problems[1], problems


@pytest.mark.parametrize("file,passage,typed", [
    # nato-2017 says "NATO is preparing an attack on Russia" twice (a heading and a
    # sentence): the sentence's quote with its first letter mistyped must be pointed at the
    # sentence, not at the heading that happens to come first.
    ("nato-2017-russias-top-five-myths.txt", "hat NATO is preparing an attac", "0at NATO is preparing an attac"),
    # rferl-2016: "sharing, liking, commenting on, or saving" — a quote of "[lik]ing,
    # commenting on…" with its space mistyped must not be pointed at "[shar]ing, liking…".
    ("rferl-2016-nato-us-deny-threat.txt", "ing, commenting on, or saving ", "ing,0commenting on, or saving "),
], ids=["a-phrase-that-repeats", "fewest-differences-over-most-characters-matched"])
def test_nearest_match_points_at_the_passage_the_quote_was_cut_from(file, passage, typed):
    from pathlib import Path

    from tui.core.quotes import explain_missing

    doc = (Path(__file__).resolve().parent.parent / "corpus" / file).read_text(encoding="utf-8")
    start = doc.index(passage)
    line = doc.count("\n", 0, start) + 1
    column = start - doc.rfind("\n", 0, start)
    message = explain_missing(doc, typed)
    assert f"line {line}, column {column}" in message, message


@settings(max_examples=300, deadline=None)
@given(doc=DOC, picks=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=30),
       others=st.lists(TEXT, max_size=10))
def test_locate_all_gives_a_true_place_for_every_quote_in_the_document(doc, picks, others):
    from tui.core.quotes import locate_all

    quotes = [doc[start:start + length] for start, length in picks] + others
    places = locate_all(doc, quotes)
    assert set(places) == brute_force(doc, quotes)
    assert all(doc.startswith(quote, at) for quote, at in places.items())
