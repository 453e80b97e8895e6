"""Properties of the pack checker, tested with hypothesis.

1. Whatever an item file holds (random YAML trees, random text, random bytes, a real item
   file with lines deleted, duplicated or characters swapped), `check_pack` returns
   problems and never raises; `load_pack` raises only `PackError`, carrying those same
   problems; every problem names an existing file, a message, and a line that is None or
   within the file.
2. Any substring of a corpus document is accepted as an evidence quote; the same quote
   with one character replaced is refused, and the message points at the place in the
   document the quote came from.

Directories are made once per test (module-scoped, from `tmp_path_factory`): hypothesis
runs many examples per test function, and each example overwrites the one file it
fuzzes, so nothing carries over between examples. The autouse `_private_dirs` fixture is
function-scoped but only points the data and cache dirs at a temporary place, which is
equally right for every example; that is why the function-scoped-fixture health check is
suppressed.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, CORPUS
from tui.core.loader import check_pack
from tui.core.pack import load_pack
from tui.core.problems import PackError, Problem
from tui.core.yamlfile import bad_character
from tui.core.quotes import _fold

FUZZ = settings(
    max_examples=70,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --------------------------------------------------------------------------- directories


@pytest.fixture(scope="module")
def pack_dirs(tmp_path_factory):
    """`pack_dirs(name)`: a copy of the embedded pack for one test, made once."""

    @cache
    def make(name: str) -> tuple[Path, Path]:
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(CONTENT, root / "content")
        shutil.copytree(CORPUS, root / "corpus")
        return root / "content", root / "corpus"

    return make


# --------------------------------------------------------------------------- invariants

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

def assert_well_formed(problems: list[Problem], content: Path, corpus: Path) -> None:
    roots = (content.resolve(), corpus.resolve())
    last: dict[str, int] = {}
    for p in problems:
        assert isinstance(p, Problem)
        assert isinstance(p.file, str) and p.file, p
        assert isinstance(p.message, str) and p.message.strip(), p
        assert p.line is None or (isinstance(p.line, int) and p.line >= 1), p
        # The file named is one of the pack's, and exists, so the author can open it.
        path = Path(p.file)
        assert path.exists(), p
        assert any(r == path.resolve() or r in path.resolve().parents for r in roots), p
        if p.line is not None:
            # A line the file has (libyaml may point one past the end: "end of stream").
            lines = path.read_bytes().count(b"\n") + 1
            assert p.line <= lines + 1, (p, lines)
        # One line, whatever the file holds; printed, no control character at all.
        assert "\n" not in p.message and "\r" not in p.message, p
        assert not _CONTROL.search(str(p)), p
        # Problems of one file come in line order.
        assert (p.line or 0) >= last.get(p.file, 0), problems
        last[p.file] = p.line or 0


def check_both_ways(content: Path, corpus: Path) -> list[Problem]:
    """check_pack never raises; load_pack raises PackError with the same problems, or loads."""
    pack, problems = check_pack(content, corpus)
    assert_well_formed(problems, content, corpus)
    try:
        loaded = load_pack(content, corpus, use_cache=False)
    except PackError as exc:
        assert problems, "load_pack refused a pack that check_pack found clean"
        assert not exc.unusable
        assert exc.problems == problems
        assert exc.one_line()
    else:
        assert not problems, "load_pack accepted a pack with problems"
        assert [i.id for i in loaded.items] == [i.id for i in pack.items]
    return problems


# --------------------------------------------------------------------------- random YAML

ITEM_KEYS = (
    "id", "type", "topic", "verdict_by", "explanation", "evidence", "statement", "answer",
    "claimed_by", "claim_quote", "question", "choices", "said", "source", "quote",
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["myth", "fact", "threat", "nato-2022", "rferl-2016", "who-said", "choice",
                     "myth-or-fact", "Such an agreement was never made.", ""]),
)
trees = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=5)
    | st.dictionaries(st.one_of(st.sampled_from(ITEM_KEYS), st.text(max_size=8)), kids, max_size=6),
    max_leaves=25,
)

VALID_ITEM = {
    "id": "fuzz-item",
    "type": "myth-or-fact",
    "topic": "threat",
    "statement": "NATO has promised not to expand.",
    "answer": "myth",
    "claimed_by": "Russian officials",
    "verdict_by": "nato-2022",
    "explanation": "NATO's 2022 fact sheet says no such agreement was made.",
    "evidence": [{"source": "nato-2022", "quote": "Fact: Such an agreement was never made."}],
}


@st.composite
def damaged_items(draw):
    """A valid item with some keys dropped and some values replaced by random trees."""
    item = dict(VALID_ITEM)
    item["type"] = draw(st.sampled_from(["myth-or-fact", "choice", "who-said"]))
    if item["type"] != "myth-or-fact":
        item.pop("statement"), item.pop("claimed_by")
        item["question" if item["type"] == "choice" else "said"] = "Such an agreement was never made"
        item["choices"] = ["A", "B", "C"]
        item["answer"] = "A"
    for key in draw(st.lists(st.sampled_from(sorted(item)), max_size=3, unique=True)):
        del item[key]
    for key in draw(st.lists(st.sampled_from(ITEM_KEYS), max_size=3, unique=True)):
        item[key] = draw(trees)
    return item


yaml_documents = st.one_of(
    trees,
    st.builds(lambda t: {"items": t}, trees),
    st.builds(lambda items: {"items": items}, st.lists(damaged_items(), min_size=1, max_size=3)),
)


@st.composite
def dumped_yaml(draw) -> bytes:
    doc = draw(yaml_documents)
    text = yaml.safe_dump(
        doc,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        sort_keys=False,
        width=draw(st.sampled_from([20, 80, 10_000])),
    )
    return text.encode("utf-8")


raw_inputs = st.one_of(
    st.text(max_size=300).map(lambda s: s.encode("utf-8")),
    st.binary(max_size=300),
    # YAML-ish text: the characters that matter to YAML, mixed
    st.text(alphabet=st.sampled_from(list("items:- []{}&*!|>'\"#%@`?,\n \tabc\u00a0\ufeff")), max_size=200)
    .map(lambda s: s.encode("utf-8")),
)


@FUZZ
@given(data=st.one_of(dumped_yaml(), raw_inputs))
@example(data=b"items: &a [*a]\n")                                    # recursive alias
@example(data=b"!!python/object/apply:os.system [\"true\"]\n")       # a tag at the top
@example(data=b"\xef\xbb\xbfitems: []\n")                             # BOM, empty list
@example(data=b"items:\n  - {id: x, type: quiz}\n  - {id: x, type: quiz}\n")
@example(data=b"items:\n- \x1b[31m\n")                                # raw control char
@example(data=b"items: !!binary aGVsbG8=\n")
@example(data=b"%YAML 1.1\n---\nitems: []\n...\n---\nitems: []\n")   # two documents
def test_any_item_file_is_reported_never_raised(pack_dirs, data: bytes):
    content, corpus = pack_dirs("random-yaml")
    (content / "zz-fuzz.yaml").write_bytes(data)
    problems = check_both_ways(content, corpus)
    # The other files are untouched and valid: every problem is in the fuzzed file, bar the
    # consequences (an id it also defines, a duplicate id) that are reported there too.
    assert all(Path(p.file).name == "zz-fuzz.yaml" for p in problems), problems


# --------------------------------------------------------------------------- mutated real files

REAL_FILE = "nato-2022.yaml"


@cache
def real_lines() -> tuple[str, ...]:
    return tuple((CONTENT / REAL_FILE).read_text(encoding="utf-8").splitlines(keepends=True))


@st.composite
def mutated_real_file(draw) -> bytes:
    lines = list(real_lines())
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "indent"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t"])) + lines[i]
        else:
            text = "".join(lines)
            if not text:
                break
            a = draw(st.integers(0, len(text) - 1))
            if op == "swap":
                b = draw(st.integers(0, len(text) - 1))
                chars = list(text)
                chars[a], chars[b] = chars[b], chars[a]
                text = "".join(chars)
            else:
                text = text[:a] + draw(st.characters(codec="utf-8")) + text[a + 1:]
            lines = text.splitlines(keepends=True)
    return "".join(lines).encode("utf-8")


@FUZZ
@given(data=mutated_real_file())
def test_a_damaged_real_item_file_is_reported_never_raised(pack_dirs, data: bytes):
    content, corpus = pack_dirs("mutated")
    (content / REAL_FILE).write_bytes(data)
    problems = check_both_ways(content, corpus)
    if data == (CONTENT / REAL_FILE).read_bytes():
        assert problems == []


# --------------------------------------------------------------------------- quotes

PACK_YAML = "title: Quotes\ndescription: One item, one quote.\ntopics:\n  threat: Threat\npublisher: Test curators\n"


@pytest.fixture(scope="module")
def quote_pack(tmp_path_factory):
    """The real corpus, and a content dir with one item file the tests rewrite."""
    root = tmp_path_factory.mktemp("quotes")
    shutil.copytree(CORPUS, root / "corpus")
    (root / "content").mkdir()
    (root / "content" / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    sources = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    docs = {s["id"]: (CORPUS / s["file"]).read_text(encoding="utf-8") for s in sources}
    return root / "content", root / "corpus", docs


def write_quote_item(content: Path, sid: str, quote: str, width: int) -> tuple[Path, int]:
    """An otherwise valid item quoting `quote` from `sid`; returns the file and the quote's line."""
    item = {
        "id": "quoted",
        "type": "myth-or-fact",
        "topic": "threat",
        "statement": "A statement.",
        "answer": "fact",
        "claimed_by": "Someone",
        "verdict_by": sid,
        "explanation": "An explanation.",
        "evidence": [{"source": sid, "quote": quote}],
    }
    text = yaml.safe_dump({"items": [item]}, allow_unicode=True, sort_keys=False, width=width)
    # The generated YAML must give back exactly the quote, or the test proves nothing.
    assert yaml.safe_load(text)["items"][0]["evidence"][0]["quote"] == quote
    f = content / "items.yaml"
    f.write_text(text, encoding="utf-8")
    line = text[: text.index("  quote:")].count("\n") + 1
    return f, line


def usable(quote: str) -> bool:
    """Quotes an author can write: not blank, no control characters."""
    return bool(quote.strip()) and bad_character(quote) is None


def _line_col(doc: str, line: int, col: int) -> int:
    starts = [0] + [i + 1 for i, ch in enumerate(doc) if ch == "\n"]
    return starts[line - 1] + col - 1


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), width=st.sampled_from([30, 80, 10_000]))
def test_any_substring_of_a_document_is_accepted(quote_pack, data, width):
    content, corpus, docs = quote_pack
    sid = data.draw(st.sampled_from(sorted(docs)), label="source")
    doc = docs[sid]
    start = data.draw(st.integers(0, len(doc) - 1), label="start")
    length = data.draw(st.integers(1, 400), label="length")
    quote = doc[start : start + length]
    assume(usable(quote))
    write_quote_item(content, sid, quote, width)
    pack, problems = check_pack(content, corpus)
    assert problems == [], "\n".join(map(str, problems))
    assert pack.items[0].evidence[0].text == quote


NEAREST = re.compile(r"(?:nearest match|nearest passage is) at line (\d+), column (\d+)")


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), width=st.sampled_from([30, 80, 10_000]))
def test_one_character_changed_is_refused_with_the_nearest_match(quote_pack, data, width):
    content, corpus, docs = quote_pack
    sid = data.draw(st.sampled_from(sorted(docs)), label="source")
    doc = docs[sid]
    # Long enough that an unchanged run of at least 12 characters survives the change.
    start = data.draw(st.integers(0, len(doc) - 30), label="start")
    length = data.draw(st.integers(30, 300), label="length")
    quote = doc[start : start + length]
    at = data.draw(st.integers(0, len(quote) - 1), label="at")
    # A character that folds to several ("…" to "...") makes the place ambiguous by a few
    # characters (the search cannot tell which of them stood for the changed one): the
    # property is stated for one-for-one changes.
    new = data.draw(st.characters(codec="utf-8").filter(
        lambda c: c != quote[at] and len(_fold(c)[0]) == 1), label="new")
    changed = quote[:at] + new + quote[at + 1:]
    assume(usable(quote) and usable(changed) and changed not in doc)

    f, quote_line = write_quote_item(content, sid, changed, width)
    _, problems = check_pack(content, corpus)
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert Path(problem.file) == f and problem.line == quote_line, problem
    assert f"quote is not in {sid}" in problem.message, problem
    match = NEAREST.search(problem.message)
    assert match, problem
    # The place named is where the unchanged quote is in the document, or (where the
    # document repeats itself) a place that agrees with the changed quote just as well:
    # all but one character, once look-alike spaces and quote marks are folded.
    offset = _line_col(doc, int(match.group(1)), int(match.group(2)))
    occurrences = [i for i in range(len(doc)) if doc.startswith(quote, i)]
    # Where the quote begins inside a run of spaces (folded to one for the search), the
    # start of that run is the same place.
    at_run = any(0 < i - offset <= 8 and not doc[offset:i].strip() for i in occurrences)
    if offset not in occurrences and not at_run:
        # A quote that begins with whitespace may be placed at its first visible
        # character (the same words at a place where no blank precedes them).
        def differing(folded_quote: str) -> int:
            there = _fold(doc[offset : offset + 2 * len(changed)])[0][: len(folded_quote)]
            return sum(a != b for a, b in zip(there, folded_quote)) + len(folded_quote) - len(there)

        folded = _fold(changed)[0]
        assert min(differing(folded), differing(folded.lstrip())) <= 1, (problem, occurrences)
