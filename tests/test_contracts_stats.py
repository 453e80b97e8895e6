"""`mythquiz stats`: the figures a learner reads about their own progress — sessions and
their scores, accuracy per topic, questions never seen and due for review — from answers
kept through the public recorder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import CORPUS
from progress_helpers import answer
from tui.core.pack import load_pack
from tui.core.progress import Store
from tui.core.stats import bar, compute, lines, short_date, sparkline

SMALL = Path(__file__).parent / "fixtures" / "small" / "content"


@pytest.fixture(scope="module")
def small_pack():
    return load_pack(SMALL, CORPUS, use_cache=False)


def test_no_store_means_every_question_unseen(small_pack):
    stats = compute(small_pack, None)
    assert (stats.sessions, stats.by_topic, stats.best, stats.answers) == ((), (), None, 0)
    assert stats.never_seen == stats.items == len(small_pack.items) == 3
    assert lines(stats)[0] == "Sessions: none finished yet."


def test_figures_from_two_sessions(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True), ("snap-article", False)])
    answer(store, small_pack, [("snap-promise", True), ("snap-article", True), ("snap-promise", False)])
    stats = compute(small_pack, store, at=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert [(p.score, p.answered, p.percent) for p in stats.sessions] == [(1, 2, 50), (2, 3, 67)]
    assert (stats.best.score, stats.best.answered) == (2, 3)
    assert stats.session_count == 2 and stats.longest_streak == 2
    assert stats.answers == 5
    assert [(t.topic, t.right, t.answered, t.percent) for t in stats.by_topic] == [("enlargement", 3, 5, 60)]
    assert stats.never_seen == 1  # snap-who
    assert stats.due == 1 and stats.scheduler == "leitner"  # snap-promise, last answered wrong
    text = "\n".join(lines(stats))
    assert "Sessions: 2." in text and "2 of 3 (67%)" in text and "1 of 2 (50%)" in text
    assert "Longest streak: 2." in text and "Answers given: 5." in text
    assert "3 of 5 right" in text and "Questions never seen: 1 of 3." in text
    (due_line,) = [line for line in text.splitlines() if "due for review" in line]
    assert due_line.rstrip(".").endswith(": 1"), due_line


def test_only_the_last_sessions_are_listed(tmp_path, small_pack):
    store = Store(tmp_path)
    for right in (True, False, True):
        answer(store, small_pack, [("snap-who", right)])
    stats = compute(small_pack, store, recent=2)
    assert stats.session_count == 3 and [p.score for p in stats.sessions] == [0, 1]
    listed = [line for line in lines(stats, recent=1) if line.startswith("  ") and " of 1 (" in line]
    assert len(listed) == 1 and "1 of 1 (100%)" in listed[0]


def test_sparkline_and_bar_draw_shares():
    assert sparkline([]) == ""
    assert sparkline([0, 50, 100, 150]) == "▁▅██"
    assert sparkline([3, 0], high=0) == "▁▁"
    assert bar(1, 4, width=8) == "██░░░░░░"
    assert bar(0, 0, width=3) == "░░░"
    assert short_date("2026-03-01T09:30:00+00:00") == "2026-03-01" and short_date("2026") == "2026"
