"""The full-screen quiz with certainty-based marking and questions asked before and after
(Pilot): keys typed in one burst, the verdict only after how sure, Esc takes the answer
back, and the summary in plain mode's words."""

from __future__ import annotations

import pytest

from tui.core.engine import Session
from tui.core.score_words import discernment_lines
from tui.ui.app import MythQuizApp
from tui.ui.help_screen import HelpScreen
from tui.ui.quiz_screen import QuizScreen
from tui.ui.results_screen import ResultsScreen

from test_typeahead import burst, settle
from tui_helpers import flat, help_rows, screen_text

SIZE = (100, 30)


def certainty_app(pack, count: int = 3, **options) -> MythQuizApp:
    session = Session.create(pack, seed=4, count=count, kind="myth-or-fact", certainty=True, **options)
    return MythQuizApp(pack, session=session)


def key(answer: str) -> str:
    return answer[0].lower()


@pytest.mark.parametrize("attempt", range(3))
async def test_answer_then_certainty_in_one_burst(pack, attempt):
    app = certainty_app(pack)
    session = app.first_session
    keys = []
    for item in session.items:
        keys += [key(item.answer), "3", "n"]
    async with app.run_test(size=SIZE) as pilot:
        burst(app, *keys)
        await settle(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert [r.certainty for r in session.records] == [3, 3, 3]
        assert session.certainty_score == 9
        text = flat(screen_text(app))
        assert "Certainty-based score: 9 of a possible 9." in text


async def test_the_verdict_waits_for_how_sure_and_esc_takes_the_answer_back(pack):
    app = certainty_app(pack)
    session = app.first_session
    item = session.items[0]
    wrong = "f" if item.answer != "Fact" else "m"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(wrong)
        text = flat(screen_text(app))
        assert "How sure are you? 1 not sure, 2 fairly sure, 3 sure" in text
        assert "Incorrect" not in text and session.records == []
        assert "How sure" in str(app.screen.query_one("#keybar").visual)
        await pilot.press("escape")  # takes the answer back, does not leave the quiz
        assert isinstance(app.screen, QuizScreen) and app.screen.pending is None
        await pilot.press(key(item.answer), "2")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "✓ Correct" in text and "Fairly sure and right: +2" in text
        assert [(r.given, r.certainty) for r in session.records] == [(item.answer, 2)]


async def test_help_lists_the_certainty_keys_and_what_d_and_c_mean(pack):
    app = certainty_app(pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        # Before an answer too, each level under its own key, right after the live keys.
        sure = [(keys, text) for keys, text in rows if "the verdict follows" in text]
        assert [keys for keys, _text in sure] == ["1", "2", "3"]
        assert [text.split(":")[1].split("(")[0].strip() for _keys, text in sure] == [
            "not sure", "fairly sure", "sure"]
        assert rows.index(sure[0]) < next(i for i, (k, t) in enumerate(rows) if t == "Scroll Left")
        # The five picks still share one row, as the key bar shows them.
        assert ("1-5", "Pick the option with this number.") in rows
        shown = flat(screen_text(app))
        assert "After an answer: how sure you are" in shown
        assert "d′ (discernment)" in shown and "c (bias)" in shown
        await pilot.press("escape", "m", "question_mark")  # the answer waits: the keys are live
        assert [keys for keys, text in help_rows(app) if "the verdict follows" in text] == ["1", "2", "3"]


async def test_results_say_how_myths_were_told_from_facts_as_plain_mode_does(pack):
    session = Session.create(pack, seed=4, count=4, kind="myth-or-fact")
    app = MythQuizApp(pack, session=session)
    async with app.run_test(size=SIZE) as pilot:
        for _ in session.items:
            await pilot.press("m", "n")  # blanket scepticism
        await settle(pilot, lambda: isinstance(app.screen, ResultsScreen))
        text = flat(screen_text(app))
        for line in discernment_lines(session.summary().discernment):
            assert flat(line) in text
        assert "Myths and facts" in text


async def test_before_and_after_keeps_the_first_verdicts_back(pack):
    app = certainty_app(pack, count=2, pre_post=1)
    session = app.first_session
    first = session.items[0]
    wrong = "f" if first.answer != "Fact" else "m"
    async with app.run_test(size=SIZE) as pilot:
        burst(app, wrong)
        await settle(pilot, lambda: session.records)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "Answer kept" in text and "Correct" not in text and "Incorrect" not in text
        assert "(before)" in text
        # The answer given is shown as such, marked, and no option says right or wrong.
        given = {"f": "Fact", "m": "Myth"}[wrong]
        number = session.options().index(given) + 1
        assert f"You answered {given}." in text
        lines = screen_text(app).splitlines()
        marked = [line.strip() for line in lines if "▶" in line]
        assert marked == [f"▶ {number}. {given}  ← your answer"]
        assert not any("✓" in line or "✗" in line or "right answer" in line for line in lines)
        keys = ["n"]
        for item in session.items[1:]:
            keys += [key(item.answer), "1", "n"]
        burst(app, *keys)
        await settle(pilot, lambda: isinstance(app.screen, ResultsScreen))
        text = flat(screen_text(app))
        assert "you got 0 of 1 question right (0%); asked again after it, 1 of 1 (100%)" in text
        assert "g = 1.00 (high)" in text
