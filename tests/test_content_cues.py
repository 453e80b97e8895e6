"""No surface feature of a myth-or-fact statement gives its answer away.

Over the embedded pack's myth-or-fact statements, each of a set of surface features
(attribution, naming a party or a document, negation, absolute words, hedging, numbers,
length, first word, quotation marks, a question mark) is tried as a rule for the answer,
alone and in pairs (AND, OR, XOR of two features, each possibly negated). The best rule's
accuracy is compared with what chance gives for a pack of this size: the 95th percentile
of the same best accuracy over 1,000 random permutations of the answers (fixed seed). The
best of many rules overfits, so the permutation baseline is the honest threshold.

Myth and fact are the two classes; disputed items are a third class where the pack has
them, and the rule then predicts one class against the rest (each in turn), with the
same permutation baseline. Run with `-s` or `-rA` to see the figures.
"""

from __future__ import annotations

import random
import re
import statistics

import pytest

from tui.core.pack import load_pack

ATTRIBUTION = re.compile(r"\b(according to|says|said|say|claims?|states?|reports?|describes?)\b", re.I)
PARTY = re.compile(r"\b(NATO|Russia|Russian|Putin|Kremlin|Moscow|U\.S\.|United States|Washington|Alliance|"
                   r"Allies|Allied|Peskov|Stoltenberg|Lavrov|Grushko|fact sheet|sheet|report|doctrine|treaty)\b")
NEGATION = re.compile(r"\b(not|no|never|none|nor|neither|without)\b|n't\b", re.I)
ABSOLUTE = re.compile(r"\b(all|every|never|always|no|none|only|any)\b", re.I)
HEDGE = re.compile(r"\b(may|might|could|reportedly|possibly|likely|potential|some)\b", re.I)
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|hundred|thousand)\b", re.I)
QUOTES = re.compile("[\"“”‘’']\\w|\\w[\"“”]")
PERMUTATIONS = 1000
SEED = 20260


def features(statements: list[str]) -> dict[str, list[bool]]:
    median = statistics.median(len(s) for s in statements)
    firsts = [s.split()[0].strip(",.").lower() for s in statements]
    table = {
        "attribution phrase": [bool(ATTRIBUTION.search(s)) for s in statements],
        "names a party or document": [bool(PARTY.search(s)) for s in statements],
        "negation": [bool(NEGATION.search(s)) for s in statements],
        "absolute word": [bool(ABSOLUTE.search(s)) for s in statements],
        "hedging": [bool(HEDGE.search(s)) for s in statements],
        "contains a number": [bool(NUMBER.search(s)) for s in statements],
        "longer than the median": [len(s) > median for s in statements],
        "quotation marks": [bool(QUOTES.search(s)) for s in statements],
        "question mark": ["?" in s for s in statements],
    }
    for word in sorted(set(firsts)):
        if firsts.count(word) >= 2:
            table[f"first word {word!r}"] = [f == word for f in firsts]
    return {name: column for name, column in table.items() if 0 < sum(column) < len(statements)}


def _rules(table: dict[str, list[bool]]):
    """Every single feature and every AND/OR/XOR pair (either side possibly negated)."""
    names = list(table)
    for name in names:
        yield name, table[name]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            x, y = table[a], table[b]
            for na in (False, True):
                for nb in (False, True):
                    xs = [v != na for v in x]
                    ys = [v != nb for v in y]
                    la, lb = ("not " if na else "") + a, ("not " if nb else "") + b
                    yield f"{la} AND {lb}", [p and q for p, q in zip(xs, ys)]
                    yield f"{la} OR {lb}", [p or q for p, q in zip(xs, ys)]
            yield f"{a} XOR {b}", [p != q for p, q in zip(x, y)]


def _bits(column: list[bool]) -> int:
    return sum(1 << n for n, on in enumerate(column) if on)


def best_accuracy(rules: list[tuple[str, list[bool]]], labels: list[bool]) -> tuple[float, str]:
    """The best accuracy of a rule (or its negation) at predicting `labels`."""
    n = len(labels)
    want = _bits(labels)
    best, best_name = 0.0, ""
    for name, column in rules:
        wrong = bin(_bits(column) ^ want).count("1")
        accuracy = max(n - wrong, wrong) / n
        if accuracy > best:
            best, best_name = accuracy, name
    return best, best_name


def chance(rules: list[tuple[str, list[bool]]], labels: list[bool], seed: int) -> float:
    """The 95th percentile of the best accuracy over random permutations of `labels`."""
    rng = random.Random(seed)
    shuffled = list(labels)
    n = len(labels)
    columns = [_bits(column) for _, column in rules]
    bests = []
    for _ in range(PERMUTATIONS):
        rng.shuffle(shuffled)
        want = _bits(shuffled)
        wrong = [bin(c ^ want).count("1") for c in columns]
        bests.append(max(max(w, n - w) for w in wrong) / n)
    bests.sort()
    return bests[int(0.95 * len(bests)) - 1]


@pytest.fixture(scope="module")
def statements():
    pack = load_pack()
    return [(item.prompt, item.answer) for item in pack.items if item.type == "myth-or-fact"]


def _report(lines: list[str], capsys) -> None:
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def test_no_surface_feature_predicts_the_answer(statements, capsys):
    texts = [s for s, _ in statements]
    answers = [a for _, a in statements]
    table = features(texts)
    singles = [(name, column) for name, column in table.items()]
    pairs = list(_rules(table))
    failures, lines = [], [f"Cue test over {len(texts)} myth-or-fact statements "
                           f"({', '.join(f'{answers.count(a)} {a.lower()}' for a in ('Myth', 'Fact', 'Disputed'))}); "
                           f"{len(table)} features, {len(pairs)} rules with pairs."]
    # Myth against fact (the two-class question), then each class against the rest.
    tasks = [("Myth vs fact", [n for n, a in enumerate(answers) if a in ("Myth", "Fact")], "Myth")]
    tasks += [(f"{a} vs rest", list(range(len(answers))), a) for a in ("Myth", "Fact", "Disputed")
              if 2 <= answers.count(a) <= len(answers) - 2]
    for task, rows, target in tasks:
        labels = [answers[n] == target for n in rows]
        sub = {name: [column[n] for n in rows] for name, column in table.items()}
        singles = [(name, column) for name, column in sub.items() if 0 < sum(column) < len(rows)]
        pairs = list(_rules(dict(singles)))
        for kind, rules in (("single feature", singles), ("best pair", pairs)):
            accuracy, name = best_accuracy(rules, labels)
            threshold = chance(rules, labels, SEED)
            verdict = "ok" if accuracy <= threshold else "ABOVE CHANCE"
            lines.append(f"  {task}, {kind}: {accuracy:.1%} ({name}); chance (95th pct of "
                         f"{PERMUTATIONS} permutations): {threshold:.1%} — {verdict}")
            if accuracy > threshold:
                failures.append(lines[-1].strip())
    _report(lines, capsys)
    assert not failures, "a surface cue predicts the answer:\n" + "\n".join(failures)


def test_myth_and_fact_shares_are_balanced(statements, capsys):
    answers = [a for _, a in statements]
    myths, facts = answers.count("Myth"), answers.count("Fact")
    both = myths + facts
    assert both, "the pack has no myth or fact statements"
    _report([f"Myth share {myths / both:.0%}, fact share {facts / both:.0%} of {both} myth+fact items; "
             f"{answers.count('Disputed')} disputed."], capsys)
    assert 0.35 <= myths / both <= 0.65 and 0.35 <= facts / both <= 0.65


def test_the_cue_test_finds_a_planted_cue():
    """The measure can fail: a pack whose facts all say "according to" is caught."""
    rng = random.Random(1)
    texts, labels = [], []
    for n in range(40):
        fact = n % 2 == 0
        words = " ".join(rng.choice(["troops", "summit", "border", "talks", "treaty"]) for _ in range(6))
        texts.append(("According to the sheet, " if fact else "") + words + ".")
        labels.append(fact)
    rules = list(_rules(features(texts)))
    accuracy, _ = best_accuracy(rules, labels)
    assert accuracy > chance(rules, labels, SEED)
