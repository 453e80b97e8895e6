"""Plain mode through the real command: `--certainty` (on the answer's line, on the next,
bad input asked again, the setting kept) and `--pre-post`."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

from tui.core.engine import Session
from tui.core.pack import load_pack

from conftest import CONTENT, CORPUS, run_env

QUIZ = ["--type", "myth-or-fact", "--seed", "7"]


def run(tmp_path, args: list[str], typed: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", "--plain", "--data-dir", str(tmp_path / "data"), "quiz",
                           *QUIZ, *args], input=typed, capture_output=True, text=True, timeout=60, env=run_env())


def answers(count: int, pre_post: int = 0) -> list[str]:
    """The right answers ("Myth", "Fact", "Disputed") in the order the command asks them."""
    pack = load_pack(CONTENT, CORPUS)
    session = Session.create(pack, seed=7, count=count, kind="myth-or-fact", pre_post=pre_post)
    return [item.answer for item in session.items]


def key(answer: str) -> str:
    return answer[0].lower()


def test_certainty_on_the_answers_line_and_on_the_next(tmp_path):
    right = answers(3)
    wrong = "f" if right[1] != "Fact" else "m"
    typed = f"{key(right[0])} 3\n{wrong}\n2\n{key(right[2])} 1\n"
    done = run(tmp_path, ["--count", "3", "--certainty"], typed)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Sure and right: +3." in out
    assert "Fairly sure and wrong: −2." in out
    assert "Not sure and right: +1." in out
    # Asked on a line of its own only where the answer came without it.
    assert out.count("How sure are you? 1 not sure, 2 fairly sure, 3 sure") == 1 + 1  # + the intro
    assert "Score: 2 of 3" in out
    assert "Certainty-based score: 2 of a possible 9." in out
    assert "When sure you were right 1 of 1 time; when fairly sure you were right 0 of 1 time; " \
           "when not sure you were right 1 of 1 time." in out
    # Kept per answer in the progress database.
    with sqlite3.connect(tmp_path / "data" / "progress.db") as db:
        assert [row[0] for row in db.execute("SELECT certainty FROM answers ORDER BY id")] == [3, 2, 1]


def test_bad_certainty_is_asked_again_and_the_verdict_waits_for_it(tmp_path):
    right = answers(1)
    done = run(tmp_path, ["--count", "1", "--certainty"], f"{key(right[0])}\n4\nsure\n3\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.count("Please answer 1 (not sure), 2 (fairly sure) or 3 (sure); an empty line or b takes the "
                     "answer back.") == 2
    # No verdict before the certainty is given.
    assert out.index("Please answer 1 (not sure)") < out.index("Correct ✓")
    assert "Sure and right: +3." in out


def test_an_empty_line_or_back_takes_the_answer_back_and_asks_again(tmp_path):
    right = answers(1)
    wrong = "f" if right[0] != "Fact" else "m"
    chosen = "Fact" if wrong == "f" else "Myth"
    # The wrong answer, taken back with `back`; again, taken back with an empty line;
    # then the right one, taken back with `b`; then the right one for good.
    typed = f"{wrong}\nback\n{wrong}\n\n{key(right[0])}\nb\n{key(right[0])}\n2\n"
    done = run(tmp_path, ["--count", "1", "--certainty"], typed)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # The prompt says which answer waits, and how to take it back.
    assert out.count(f"You chose {chosen}. How sure are you? 1 not sure, 2 fairly sure, 3 sure "
                     "(empty line or b: take the answer back): ") == 2
    assert out.count(f"You chose {right[0]}. How sure are you?") == 2
    assert out.count("Answer taken back. Myth or fact? ") == 3
    # Nothing was answered but the last: one verdict, right, and one answer stored.
    assert "Incorrect" not in out and out.count("Correct ✓") == 1 and "Fairly sure and right: +2." in out
    assert "Score: 1 of 1" in out
    with sqlite3.connect(tmp_path / "data" / "progress.db") as db:
        assert db.execute("SELECT given, certainty FROM answers").fetchall() == [(right[0], 2)]


def test_the_certainty_may_follow_the_answer_without_a_space(tmp_path):
    right = answers(2)
    done = run(tmp_path, ["--count", "2", "--certainty"], f"{key(right[0])}3\n{key(right[1]).upper()}1\n")
    assert done.returncode == 0, done.stderr
    assert "Please answer" not in done.stdout and "How sure are you? 1" not in done.stdout.split("\n", 3)[3]
    assert "Sure and right: +3." in done.stdout and "Not sure and right: +1." in done.stdout


def test_a_bad_answer_with_a_certainty_is_asked_again_whole(tmp_path):
    right = answers(1)
    done = run(tmp_path, ["--count", "1", "--certainty"], f"x 3\n{key(right[0])} 2\n")
    assert done.returncode == 0, done.stderr
    assert "then 1, 2 or 3 for how sure you are." in done.stdout
    assert "Fairly sure and right: +2." in done.stdout


def test_the_choice_is_kept_until_turned_off(tmp_path):
    right = answers(1)
    first = run(tmp_path, ["--count", "1", "--certainty"], f"{key(right[0])} 3\n")
    assert first.returncode == 0, first.stderr
    again = run(tmp_path, ["--count", "1"], f"{key(right[0])} 1\n")
    assert "Not sure and right: +1." in again.stdout
    off = run(tmp_path, ["--count", "1", "--no-certainty"], f"{key(right[0])}\n")
    assert "How sure" not in off.stdout and "Certainty-based" not in off.stdout
    assert "Score: 1 of 1" in off.stdout


def test_end_of_input_before_the_certainty_keeps_no_answer(tmp_path):
    right = answers(2)
    done = run(tmp_path, ["--count", "2", "--certainty"], f"{key(right[0])} 3\n{key(right[1])}\n")
    assert done.returncode == 0, done.stderr
    assert "Score: 1 of 1" in done.stdout
    with sqlite3.connect(tmp_path / "data" / "progress.db") as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 1


def test_pre_post_asks_first_without_verdicts_then_again_and_reports_the_gain(tmp_path):
    order = answers(2, pre_post=2)
    assert order[:2] == order[-2:]
    wrong = {"Myth": "f", "Fact": "m", "Disputed": "m"}
    # Before: both wrong; the quiz: right; after: both right.
    typed = "".join(f"{wrong[a]}\n" for a in order[:2]) + "".join(f"{key(a)}\n" for a in order[2:])
    done = run(tmp_path, ["--count", "2", "--pre-post", "2"], typed)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    blocks = re.split(r"\n(?=Question \d of 6)", out)[1:]
    assert len(blocks) == 6
    for block in blocks[:2]:
        assert "(asked before the quiz: its verdict comes at the end)" in block
        assert "Answer kept" in block and "Correct" not in block and "Incorrect" not in block
    for block in blocks[4:]:
        assert "(asked before the quiz, now again with its verdict)" in block and "Correct ✓" in block
    assert "Score: 4 of 4" in out
    assert ("Asked before the quiz, without their verdicts, you got 0 of 2 questions right (0%); "
            "asked again after it, 2 of 2 (100%).") in out
    assert "Normalised gain: g = 1.00 (high)" in out
    if {"Myth", "Fact"} <= set(order[:2]):
        assert "Telling myths from facts, before: d′ = " in out
    else:  # one kind only: no d′ before or after, and said why
        assert "Discernment cannot be compared before and after: only" in out and "d′ =" not in out


def test_pre_post_needs_questions_left_for_the_quiz(tmp_path):
    done = subprocess.run([sys.executable, "-m", "tui", "--plain", "--no-save", "quiz", "--topic", "enlargement",
                           "--count", "1", "--pre-post", "999"], input="", capture_output=True, text=True,
                          timeout=60, env=run_env())
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--pre-post 999" in done.stderr and "Traceback" not in done.stderr


def test_a_certainty_typed_before_the_quiz_is_let_go(tmp_path):
    order = answers(1, pre_post=1)
    typed = f"{key(order[0])} 3\n{key(order[1])} 3\n{key(order[2])} 2\n"
    done = run(tmp_path, ["--count", "1", "--pre-post", "1", "--certainty"], typed)
    assert done.returncode == 0, done.stderr
    assert "Please answer" not in done.stdout and "Answer kept" in done.stdout
    assert "Certainty-based score: 5 of a possible 6." in done.stdout


def test_stats_trend_compares_only_quizzes_with_both_myths_and_facts(tmp_path):
    """The reviewer's four sessions: three have one kind of myth-or-fact question only."""
    data = str(tmp_path / "data")

    def mq(*args: str, typed: str = "") -> str:
        done = subprocess.run([sys.executable, "-m", "tui", "--plain", "--data-dir", data, *args], input=typed,
                              capture_output=True, text=True, timeout=60, env=run_env())
        assert done.returncode == 0, done.stderr
        return done.stdout

    mq("quiz", "--count", "5", "--seed", "4", typed="2\n" * 5)
    for count, seed in (("3", "5"), ("3", "1"), ("10", "1")):
        mq("quiz", "--type", "myth-or-fact", "--count", count, "--seed", seed, typed="m\n" * int(count))
    out = mq("stats")
    trend = out[out.index("Telling myths from facts"):out.index("Accuracy by topic")]
    # Only the 10-question quiz asked both myths and facts: one point, d′ 0 for "myth" to everything.
    assert re.findall(r"^  \d{4}-\d\d-\d\d: (.*)$", trend, re.M) == [
        "d′ = 0.00, c = −1.22, a strong lean toward distrust (\"myth\" to every one)"]
    assert "Discernment is" not in trend  # no trend from one point
    assert "3 quizzes with only myths or only facts are left out: they cannot measure discernment." in trend
