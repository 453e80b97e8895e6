"""A small mutation run over the Textual-free core: do the tests notice a broken rule?

    .venv/bin/python tests/mutation.py [MODULE ...] [--sample N] [--seed S] [--list]

Each mutant changes one thing in one core module — a comparison turned round (`<` to
`>=`, `==` to `!=`, `in` to `not in`), `+` to `-` (also in `+=`), `and` to `or`, a condition negated,
True to False, a number one off — and the module's tests are run against it. A mutant
the tests fail on is "killed"; one they pass is a "survivor": a rule no test checks.
Each survivor is printed with its line, to be killed by a new test or named, in a
comment beside it, as equivalent (a change that cannot alter behaviour).

The project is copied to a temporary directory and the tests run there (PYTHONPATH
points at the copy), so the working tree is never touched, even if the run is killed.
Not part of `make test`: `make mutation` runs it (it takes minutes, not seconds).
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent

# Which tests guard which core module (a test file may guard several). Each mutant runs
# only its module's files, fastest-to-fail first (`-x` stops at the first failure); the
# `test_contracts_<module>.py` files hold the behaviour the mutation runs showed untested.
_PROGRESS = ["tests/test_contracts_progress.py", "tests/test_progress.py", "tests/test_progress_import.py",
             "tests/test_crash_safety.py"]
_SEARCH = ["tests/test_explainer_core.py", "tests/test_plain_explainer.py"]
_SCORING = ["tests/test_contracts_scoring.py", "tests/test_scoring.py", "tests/test_certainty.py"]
TESTS: dict[str, list[str]] = {}
# One section per group of core modules, so that work on one group's tests does not touch
# another's lines. A module's list names the fastest test files that guard it.

# --- text: quote finding, search, coverage ---
TESTS.update({
    "quotes": ["tests/test_contracts_quotes.py", "tests/test_quote_finding.py", "tests/test_loader_properties.py"],
    "verbatim": ["tests/test_contracts_verbatim.py", "tests/test_quote_finding.py", "tests/test_checker_catalogue.py"],
    "placing": ["tests/test_contracts_placing.py", "tests/test_contracts_quotes.py", "tests/test_quote_finding.py"],
    "matches": ["tests/test_contracts_matches.py", *_SEARCH],
    "word_index": ["tests/test_contracts_word_index.py", *_SEARCH],
    "search": ["tests/test_contracts_search.py", *_SEARCH],
    "search_snippet": ["tests/test_contracts_search_snippet.py", *_SEARCH],
    "explain": ["tests/test_contracts_explain.py", *_SEARCH],
    "coverage": ["tests/test_contracts_coverage.py"],
})

# --- store: progress, database, stats, settings ---
# The store's contract tests first (seconds each), then the older, slower progress tests.
_STORE = ["tests/test_contracts_progress.py", "tests/test_contracts_progress_queries.py",
          "tests/test_contracts_review_state.py", "tests/test_contracts_db.py", "tests/test_contracts_db_migrations.py",
          "tests/test_contracts_settings.py", "tests/test_contracts_flags.py", "tests/test_contracts_stats.py"]
TESTS.update({
    "progress": [*_STORE, *_PROGRESS],
    "progress_queries": ["tests/test_contracts_progress_queries.py", *_STORE, *_PROGRESS],
    "progress_rows": [*_STORE, *_PROGRESS],
    "review_state": ["tests/test_contracts_review_state.py", "tests/test_contracts_scheduler.py", *_STORE, *_PROGRESS,
                     "tests/test_scheduler.py"],
    "progress_import": ["tests/test_contracts_progress_import.py", "tests/test_progress_import.py",
                        "tests/test_contracts_review_state.py"],
    "db": ["tests/test_contracts_db.py", *_STORE, *_PROGRESS],
    "db_migrations": ["tests/test_contracts_db_migrations.py", *_STORE, *_PROGRESS, "tests/test_room_core.py"],
    "atomic": ["tests/test_contracts_atomic.py", "tests/test_core_guards.py", "tests/test_crash_safety.py"],
    "wal_sync": ["tests/test_contracts_wal_sync.py"],
    "cache": ["tests/test_contracts_cache.py", "tests/test_shipped_pack.py"],
    "settings": ["tests/test_contracts_settings.py"],
    "flags": ["tests/test_contracts_flags.py"],
    "scheduler": ["tests/test_contracts_scheduler.py", "tests/test_scheduler.py"],
    "stats": ["tests/test_contracts_stats.py", "tests/test_stats_exports.py", "tests/test_progress.py"],
})

# --- room ---
# No browser, no tmux: each module's own contract tests first, then the other room
# contracts, the room's state machine, its two-round API test and, last (it starts the
# real command), the before-and-after room.
_ROOM_MODULES = ["room", "room_view", "room_pacing", "room_results", "room_store", "room_errors", "room_plan",
                 "room_reveal", "room_access"]


def _room_tests(first: str) -> list[str]:
    order = [first, *(m for m in _ROOM_MODULES if m != first)]
    return [f"tests/test_contracts_{m}.py" for m in order] + ["tests/test_room_core.py", "tests/test_room_rounds.py",
                                                              "tests/test_room_prepost.py"]


TESTS.update({name: _room_tests(name) for name in _ROOM_MODULES})
TESTS.update({
    "tally": ["tests/test_contracts_tally.py", "tests/test_room_core.py"],
})

# --- engine and scoring ---
# In-process tests only: in the sampled runs (--sample 40 --seed 1) these kill every mutant
# that is not equivalent, without the plain-mode and CLI files (subprocesses, several
# times the cost per mutant) that the engine's list once held.
TESTS.update({
    "engine": ["tests/test_contracts_engine.py", "tests/test_contracts_summary.py", "tests/test_engine.py",
               "tests/test_certainty.py", "tests/test_startup_imports.py"],
    "selection": ["tests/test_contracts_selection.py", "tests/test_contracts_engine.py", "tests/test_engine.py"],
    "answers": ["tests/test_contracts_answers.py", "tests/test_contracts_engine.py", "tests/test_engine.py",
                "tests/test_startup_imports.py"],
    "summary": ["tests/test_contracts_summary.py", "tests/test_contracts_engine.py", "tests/test_certainty.py"],
    "wording": ["tests/test_contracts_wording.py", "tests/test_phrasing.py", "tests/test_workshop_exports.py"],
    "signal_detection": ["tests/test_contracts_signal_detection.py", "tests/test_contracts_score_words.py",
                         "tests/test_contracts_scoring.py"],
    "certainty_marks": ["tests/test_contracts_certainty_marks.py", "tests/test_contracts_score_words.py"],
    "before_after": ["tests/test_contracts_before_after.py", "tests/test_contracts_score_words.py"],
    "score_words": ["tests/test_contracts_score_words.py", *_SCORING],
    "percent": ["tests/test_contracts_percent.py"],
})

# --- loading: the pack, the corpus, YAML, the model ---
# The catalogue first (2 s), then the slow ones: hostile packs (25 s), properties (17 s).
_LOADING = ["tests/test_checker_catalogue.py", "tests/test_core_guards.py", "tests/test_hostile_packs.py",
            "tests/test_loader_properties.py"]
TESTS.update({
    "loader": ["tests/test_contracts_loader.py", *_LOADING],
    "content_reader": ["tests/test_contracts_content_reader.py", *_LOADING],
    "corpus_reader": ["tests/test_contracts_corpus_reader.py", *_LOADING],
    "pack_format": ["tests/test_contracts_pack_format.py", *_LOADING],
    "files": ["tests/test_contracts_files.py", *_LOADING],
    "yamlfile": ["tests/test_contracts_yamlfile.py", *_LOADING],
    "yaml_compose": ["tests/test_contracts_yaml_compose.py", *_LOADING],
    "model": ["tests/test_contracts_model.py", *_LOADING],
    "pack": ["tests/test_contracts_pack.py", *_LOADING],
    "problems": ["tests/test_contracts_problems.py", *_LOADING],
    "disputes": ["tests/test_contracts_disputes.py", *_LOADING],
    "schema": ["tests/test_contracts_schema.py", "tests/test_schema.py"],
    "shipped": ["tests/test_contracts_shipped.py", "tests/test_shipped_pack.py"],
    "embedded": ["tests/test_contracts_pack.py", "tests/test_shipped_pack.py", *_LOADING],
    "characters": ["tests/test_contracts_characters.py", "tests/test_characters.py", *_LOADING],
})

# Core modules left out of the run, and why.
EXCLUDED = {
    "confusables": "generated data (Unicode's confusables table as one string), no logic to mutate; "
                   "regenerated from confusables.txt by tui/core/characters.py, whose tests cover its use",
}

# Survivors named as equivalent: a change that cannot alter what a user sees or what is
# saved. Keyed by (module, the mutated line's text with its indentation stripped, the
# change), so an entry follows its line when code moves; if the line changes, the entry
# stops matching and the mutant is reported again, to be judged afresh.
EQUIVALENT: dict[tuple[str, str, str], str] = {}

# --- text: quote finding, search, coverage ---
EQUIVALENT.update({
    ("matches", "step = 64", "64 -> 65"):
        "the first chunk ranked when a row below those already ranked is read: 65 hits instead of 64. "
        "Which rows come out, and in what order, does not depend on the chunk (every hit goes to its "
        "group in pack order); only the work per keystroke does, and tests/test_contracts_matches.py "
        "bounds that work for a screenful of a 10,000-item result",
    ("matches", "step *= 4", "4 -> 5"):
        "each further chunk five times the last instead of four: the same rows in the same order, "
        "as for `step = 64` above",
    ("search_snippet", "if not terms or not text:", "and <-> or"):
        "the guard lets through a call with no terms or with an empty text, and both still give no "
        "spans: with no terms the pattern is empty and matches only empty strings, which are dropped "
        "(`m.end() > m.start()`); an empty text has no match that is not empty (proven)",
    ("word_index", "deque(map(items.extend, part_runs), maxlen=0)", "0 -> 1"):
        "the deque that drives the C loop keeps the last value the calls return (None) instead of none, "
        "and is dropped at once: the same calls, in the same order (proven)",
    ("word_index", "deque(map(append, map(get, distinct), repeat(n, len(distinct))), maxlen=0)  # C loops", "0 -> 1"):
        "as for `deque(map(items.extend, ...), maxlen=0)`: the same appends, one None kept and dropped (proven)",
    ("word_index", "pos = find(term, max(pos + 1, starts[k + 1] - 1))  # from the end of that word", "1 -> 2"):
        "`pos + 2` for `pos + 1` (the other 1s on the line are killed): the term, which holds no whitespace, lies "
        "within word k, so pos + 1 <= the end of the word, and max() is the end of the word either way, except for "
        "a one-character term at a word's last character, where pos + 2 only skips the newline after it, which no "
        "term holds (proven for an index built or loaded whole; the guard matters only in a hand-made file whose "
        "word starts are out of order, which gives wrong words either way)",
    ("search", "KEEP = 24  # queries whose results are kept", "24 -> 25"):
        "one more earlier query's result kept: a kept result has the same rows as one worked out afresh "
        "(tests/test_explainer_core.py checks every key typed or deleted against the rule), so only the "
        "work of going back changes",
    ("search", "FEW = 400", "400 -> 401"):
        "a word is looked up in the word index from 402 candidates instead of 401: the index gives exactly "
        "the items whose text holds the word, or declines and the texts are read, so the rows are the same",
    ("search", "part = items[len(texts):len(texts) + 64]", "64 -> 65"):
        "the texts are prepared 65 items at a time instead of 64: the same texts in the same order (the last "
        "part is cut at the end of the items), only the pauses between steps move",
    ("search", "if everything:", "condition negated"):
        "the two ways of reading the texts test the same texts in the same order when `hits` holds every item "
        "(it is a subset of the items in pack order without repeats, so it is then 0..n-1), and the mutant only "
        "swaps which way is used (the other `if everything:` negated, which returns the word index's answer "
        "unfiltered, is killed)",
    ("coverage", "at = doc.find(text, at + 1)", "1 -> 2"):
        "the next place of a boilerplate passage is looked for two characters on instead of one: only a "
        "passage of one repeated character can occur again one character on, and boilerplate is a sentence",
    # quotes.locate_all: which quotes are met by the one pass and which are searched for on
    # their own is a matter of speed; whichever way every quote in the document is found,
    # and each is placed where `quotes.place` (the reader) places it.
    ("quotes", "votes[pos - b] = votes.get(pos - b, 0) + 1", "1 -> 2"):
        "every vote weighs two instead of one, so every start's count is doubled; the counts are used "
        "only to rank the starts (most votes first) and to keep those with at least half the top count "
        "(2 * votes[s] >= votes[top]), and neither changes when every count is doubled (proven)",
    ("quotes", "if at >= 0:", "0 -> 1"):
        "a quote at the document's very start is always met by the pass (nothing precedes it, so it "
        "begins a word), never by this search on its own (the same line for short quotes, 0 -> 1 there, "
        "is killed)",
    ("quotes", 'word = "".join(sorted(re.escape(c) for c in firsts if c.isalnum() or c == "_"))', "Eq -> NotEq"):
        "punctuation too made to wait for a word start: a quote opening with punctuation after a letter "
        "is then searched for on its own, at its first occurrence, which is where `place` puts such a "
        "quote: same quotes, same places",
    ("quotes", "_ALIGN_CHARS = 200  # enough of a quote to find where it stands", "200 -> 201"):
        "one more character aligned, for quotes over 200 characters only: it can change the place named "
        "only where two places tie on every character up to the 200th; 1,500 random mistypings of "
        "200-260 character corpus passages gave the same message (judged equivalent by search, not proven)",
    # Not equivalent, left as survivors: `_ALIGN_CANDIDATES = 3` -> 4 names a different
    # passage for some short, much mistyped quotes (sometimes a better one), so a test that
    # pinned today's place would pin a wrong place. `len(quote) // 2` -> `// 3` (shorter
    # runs) places short quotes with three typos that today get "nothing like it": the
    # xfail test in tests/test_contracts_quotes.py records that weakness and fails if it goes.
    # `window = doc[low : guess + len(quote) + 8]`, 8 -> 9 (one more character of the document
    # compared after a place) is not equivalent either: nato-2017's "s agai" typed "s a k'rai"
    # is pointed at line 31 today and at line 7 with the change, neither of them the passage it
    # was cut from; in 8,000 mistypings no case was found where today's message names the
    # passage cut from and the changed one does not, so no test pins it (it would pin a guess).
    ("quotes", "head = quote[:48]", "48 -> 49"):
        "one more character of the opening compared when places tie: 4,000 random mistypings of corpus "
        "passages gave the same message (judged equivalent by search, not proven)",
    ("quotes", "if 0 < anchor.a <= 40:", "0 -> 1"):
        "a quote whose first matching run starts at its second character: the head is one character, "
        "and moving the start by up to two for it never won; 4,000 random mistypings of corpus passages "
        "gave the same message with and without this change (judged equivalent by search, not proven)",
    ("quotes", "if 0 < anchor.a <= 40:", "40 -> 41"):
        "a head of exactly 41 characters before the first matching run: the same search of 4,000 "
        "mistypings found no message that differs (judged equivalent by search, not proven)",
})

# --- store: progress, database, stats, settings ---
EQUIVALENT.update({
    ("scheduler", "if TYPE_CHECKING:", "condition negated"):
        "fsrs imported when the module is imported rather than on first use: a start-up cost, the same "
        "due dates",
    ("scheduler", 'due, key=lambda d: (d[0] not in confident_errors, 1 if d[1] else 0, -d[2], d[3] or "", d[0]))]',
     "1 -> 2"):
        "the sort key's 1 for 'last answered right' made 2 (the other 1 on the line, the index d[1], made "
        "d[2], is killed): 2 still sorts after 0, so the order is the same",
    ("progress", 'return user_data_path("mythquiz", appauthor=False)', "False -> True"):
        "platformdirs uses the app author only on Windows: the same data dir on Linux and macOS, where "
        "the tests run (not equivalent on Windows, which no test here can reach)",
    ("progress_queries", "def sessions(self, batch: int = 500) -> Iterator[tuple[SessionRow, list[AnswerRow]]]:",
     "500 -> 501"):
        "sessions are read in pages of 501 instead of 500, each page after the last id read: the same "
        "sessions and answers",
    ("db", "BUSY_TIMEOUT_MS = 10_000", "10000 -> 10001"):
        "a writer waits one millisecond longer for another instance's lock (answers hold it about a "
        "millisecond): nothing kept or shown changes",
    ("db", "conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,",
     "1000 -> 1001"):
        "Python's own wait for a lock a hundredth shorter; the busy_timeout pragma set just after on the same "
        "connection is what SQLite uses: nothing kept or shown changes",
    ("progress", "if TYPE_CHECKING:", "condition negated"):
        "the engine and the answer record imported with the store rather than only for type checking "
        "(neither imports the store, so no cycle): a start-up cost, the same answers kept",
    ("settings", 'conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)', "True -> False"):
        "the SQLite here is built with SQLITE_USE_URI (`PRAGMA compile_options` lists USE_URI, as in "
        "Python's own builds), so a `file:` name is read as a read-only URI with or without the flag; not "
        "equivalent with a SQLite built without it (the theme would then read as unset), which no test here "
        "can reach",
    ("stats", "if TYPE_CHECKING:", "condition negated"):
        "the progress store imported with the module rather than only for type checking: a start-up cost, "
        "the same figures",
})

# --- room ---
EQUIVALENT.update({
    ("room_store", "ROWS_PER_INSERT = 100", "100 -> 101"):
        "a group of answers is inserted 101 rows per statement instead of 100: 909 values, still under "
        "SQLite's oldest limit of 999; the same rows land and add_answers reads back which did, whatever "
        "the statement size",
    ("room_store", "(code, seed, json.dumps(settings, sort_keys=True), created_at),", "True -> False"):
        "a room's settings kept as JSON with its keys in the order given instead of sorted: the only "
        "readers (load_room's json.loads, progress_queries' json_extract of '$.pre_post') read by key",
    ("room_access", "return secrets.token_urlsafe(24)", "24 -> 25"):
        "a participant's token drawn from 25 random bytes instead of 24 (34 URL-safe characters instead "
        "of 32): just as unguessable, still one cookie and one bearer header; only its SHA-256 is kept",
})

# --- engine and scoring ---
EQUIVALENT.update({
    ("selection", 'return int.from_bytes(os.urandom(4), "big") % 1_000_000', "4 -> 5"):
        "five random bytes instead of four, reduced modulo a million: seeds just as random, just as short",
    ("selection", 'return int.from_bytes(os.urandom(4), "big") % 1_000_000', "1000000 -> 1000001"):
        "one more possible seed (1,000,000, seven digits) drawn once in a million runs: no test can see it",
    ("selection", "if count is not None and count < len(pool):", "Lt -> GtE"):
        "the heap path (the `count` smallest keys) and the full sort then cut to `count` give the same "
        "questions in the same order; the branch is there for speed on 10,000 items",
    ("engine", "option: Feedback(item, option, is_right(item, option), source, (), None, 0, 0, 0, sources, certainty)",
     "0 -> 1"):
        "a prepared verdict's score, answered and streak are placeholders: the quiz screen shows only its "
        "verdict words from it (tui/ui/feedback.py verdict_content); the real figures come from answer()",
    ("wording", 'first = answer.split(" ", 1)[0].rstrip(":,;")', "1 -> 2"):
        "splitting at most twice instead of once leaves the same first word, the only part used",
    ("engine", 'self.feedback = self._feedback(item, given="", correct=True)', "True -> False"):
        "a revealed answer grades no one: its `correct` is shown nowhere (the facilitator screen hides the "
        "verdict line, the room's reveal payload has no such field; tui/core/room_reveal.py)",
    ("engine", "if cached is None or cached[0] is not item:", "0 -> 1"):
        "the cache is never used (`cached[1]`, the options, is never the item): the options are shuffled "
        "again on every call, and `shuffled_options` is a function of the item and the seed alone (SHA-256), "
        "so the same options in the same order",
    ("engine", "if not typed or not options:", "and <-> or"):
        "the early return only when nothing is typed and there is no question: in the other two cases the "
        "rest finds nothing too ('' is no number and no letter, and every option is non-empty text: the "
        "pack reader refuses an empty or blank choice, tui/core/yamlfile.py `text`; with no question there "
        "are no options), so None either way",
    # pre_post_lines: a PrePost comes only from summary.summarise, whose before and after
    # are the same questions; past the `complete` check both hold every one of them, so
    # both are measured or neither, and the myths and facts are the same before and after.
    ("score_words", "if {best > level for level, best in advice.items()} == {True, False}:", "Gt -> LtE"):
        "`advice` holds only levels whose better level differs from them (`best != level` above), so there "
        "`best <= level` is `not best > level`: the set is {True, False} in exactly the same cases",
    ("score_words", "if pre_d.measured and post_d.measured:", "and <-> or"):
        "before and after are the same questions, all answered both times (checked just above): both "
        "measured or neither, so `and` and `or` agree",
    ("score_words", "elif pre_d.myths + pre_d.facts:", "Add -> Sub"):
        "reached only when neither before nor after is measured (see the line above): one of myths and facts "
        "is 0, so myths − facts is 0 exactly when myths + facts is",
    ("answers", "if TYPE_CHECKING:", "condition negated"):
        "`wording.Side` imported with the module rather than only for type checking (wording imports only "
        "model, so there is no cycle): a start-up cost, the same behaviour",
})

# --- loading: the pack, the corpus, YAML, the model ---
EQUIVALENT.update({
    ("files", 'fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))',
     "0 -> 1"):
        "the 0 is the flag used only where the os module lacks O_NONBLOCK or O_CLOEXEC; Linux and macOS, "
        "where mythquiz and its tests run, have both, so the fallback is never read",
    ("problems", 'return f"\\\\x{code:02x}" if code < 0x100 else f"\\\\u{code:04x}"', "256 -> 257"):
        "only code 0x100 tells `< 0x100` from `< 0x101`, and it never reaches here: _UNSAFE matches nothing "
        "between U+00A0 and U+2027, and an undecodable byte's surrogate (U+DC80-DCFF) becomes 0x80-0xFF",
    ("characters", "_SELECTORS = frozenset(chr(c) for c in range(0xFE00, 0xFE10))", "65040 -> 65041"):
        "U+FE10 added to the variation selectors: it is not in INVISIBLE (whose range ends at U+FE0F), so "
        "it is never a match that `invisible` asks about",
    ("yamlfile", "close = difflib.get_close_matches(key, names, n=1) if len(key) <= 100 else []", "100 -> 101"):
        "a 101-character key is compared too: difflib's ratio is at most 2n/(101+n) for a known key of n "
        "characters (the longest, 'date_inferred', has 13: 0.23), below the 0.6 it needs, so no hint",
    ("yaml_compose", 'char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")',
     "1 -> 2"):
        "a ReaderError's character is the one character refused (or its code point): its first two "
        "characters are its first one",
})

_SWAP_CMP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE,
             ast.LtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_SWAP_BIN = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.Div: ast.Mult,
             ast.FloorDiv: ast.Mult}


def sites(tree: ast.AST) -> Iterator[tuple[int, str, int]]:
    """(node index in a walk, description, line) for every change this run can make."""
    for index, node in enumerate(ast.walk(tree)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _SWAP_CMP:
            yield index, f"{type(node.ops[0]).__name__} -> {_SWAP_CMP[type(node.ops[0])].__name__}", line
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _SWAP_BIN:
            yield index, f"{type(node.op).__name__} -> {_SWAP_BIN[type(node.op)].__name__}", line
        elif isinstance(node, ast.BoolOp):
            yield index, "and <-> or", line
        elif isinstance(node, (ast.If, ast.While)) or (isinstance(node, ast.IfExp)):
            yield index, "condition negated", line
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            yield index, f"{node.value} -> {not node.value}", line
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            yield index, f"{node.value} -> {node.value + 1}", line


def mutate(tree: ast.AST, target: int) -> ast.AST:
    tree = copy.deepcopy(tree)
    node = list(ast.walk(tree))[target]
    if isinstance(node, ast.Compare):
        node.ops[0] = _SWAP_CMP[type(node.ops[0])]()
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        node.op = _SWAP_BIN[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        node.value = not node.value
    elif isinstance(node, ast.Constant):
        node.value = node.value + 1
    return ast.fix_missing_locations(tree)


def run_tests(copy_root: Path, tests: list[str], timeout: float) -> tuple[bool, float]:
    """(passed, seconds). A run past `timeout` counts as failed: the mutant hung."""
    env = dict(os.environ, PYTHONPATH=str(copy_root), PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=0",
             *tests], cwd=copy_root, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, timeout
    return done.returncode == 0, time.perf_counter() - started


def line_text(source: str, line: int) -> str:
    lines = source.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", default=sorted(TESTS), help="core modules (default: all listed)")
    parser.add_argument("--sample", type=int, default=40, help="mutants per module, chosen at random (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lines", default="", help="only the mutants on these lines (comma-separated)")
    parser.add_argument("--tests", default="", help="run these test files instead of the module's (comma-separated)")
    parser.add_argument("--list", action="store_true", help="only list the possible mutants")
    parser.add_argument("--stale", action="store_true",
                        help="only list the EQUIVALENT entries that no longer match a mutant (to judge afresh)")
    args = parser.parse_args(argv)
    if args.stale:
        stale = [key for key in EQUIVALENT if not any(
            line_text(src, line) == key[1] and what == key[2]
            for src in [(ROOT / "tui" / "core" / f"{key[0]}.py").read_text(encoding="utf-8")]
            for _, what, line in sites(ast.parse(src)))]
        for module, text, what in stale:
            print(f"stale: {module}: {what}: {text}")
        return 1 if stale else 0
    only_lines = {int(n) for n in args.lines.split(",") if n.strip()}
    # Stopped (kill, Ctrl-C, even when run in the background): end the test run under way
    # and remove the copy of the project.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # A mutant may signal the wrong process (atomic's `os.kill(pid, 0)` made `os.kill(pid,
    # 1)`, with the test's parent as the live writer): a hang-up must not end the run.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    for name in args.modules:
        if name in EXCLUDED:
            print(f"{name}: left out: {EXCLUDED[name]}", file=sys.stderr)
            return 2
        if not args.list and name not in TESTS:
            print(f"{name}: no tests are listed for it in tests/mutation.py (TESTS)", file=sys.stderr)
            return 2

    results = []
    with tempfile.TemporaryDirectory(prefix="mythquiz-mutation-") as tmp:
        copy_root = Path(tmp) / "project"
        shutil.copytree(ROOT, copy_root, ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules"))
        for name in args.modules:
            path = copy_root / "tui" / "core" / f"{name}.py"
            original = path.read_text(encoding="utf-8")
            tree = ast.parse(original)
            found = list(sites(tree))
            if args.list:
                for _, what, line in found:
                    print(f"tui/core/{name}.py:{line}: {what}: {line_text(original, line)}")
                continue
            pool = [site for site in found if not only_lines or site[2] in only_lines]
            chosen = pool if not args.sample or args.sample >= len(pool) else sorted(
                random.Random(args.seed).sample(pool, args.sample))
            listed = args.tests.split(",") if args.tests else TESTS[name]
            tests = [t for t in listed if (copy_root / t).exists()]
            path.write_text(ast.unparse(tree) + "\n", encoding="utf-8")
            ok, baseline = run_tests(copy_root, tests, timeout=900)
            if not ok:
                path.write_text(original, encoding="utf-8")
                print(f"{name}: the tests fail on the unchanged module; nothing to measure", file=sys.stderr)
                return 2
            survivors, equivalent = [], []
            for index, what, line in chosen:
                path.write_text(ast.unparse(mutate(tree, index)) + "\n", encoding="utf-8")
                passed, took = run_tests(copy_root, tests, timeout=max(60.0, 4 * baseline))
                text = line_text(original, line)
                reason = EQUIVALENT.get((name, text, what))
                if passed and reason:
                    equivalent.append((line, what, text, reason))
                elif passed:
                    survivors.append((line, what, text))
                verdict = "killed" if not passed else "equivalent" if reason else "SURVIVED"
                print(f"  {name}:{line} {what}: {verdict} ({took:.0f} s)", flush=True)
            path.write_text(original, encoding="utf-8")
            killed = len(chosen) - len(survivors) - len(equivalent)
            results.append((name, killed, len(equivalent), len(chosen), len(found), survivors, equivalent))
    if args.list:
        return 0
    print()
    print(f"{'module':<11} {'killed':>6} {'equiv':>5} {'of':>4} {'killed':>7} {'+equiv':>7}  (possible mutants)")
    for name, killed, equiv, total, possible, survivors, equivalent in results:
        print(f"{name:<11} {killed:>6} {equiv:>5} {total:>4} {100 * killed / max(total, 1):>6.0f}% "
              f"{100 * (killed + equiv) / max(total, 1):>6.0f}%  ({possible})")
        for line, what, text in survivors:
            print(f"    survivor:   tui/core/{name}.py:{line}: {what}: {text}")
        for line, what, text, reason in equivalent:
            print(f"    equivalent: tui/core/{name}.py:{line}: {what}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
