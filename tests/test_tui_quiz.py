"""Pilot tests: whole quizzes played with keys only, checked against what the screen shows."""

from __future__ import annotations


import pytest

from tui.core.engine import Session
from tui.core.model import Claimant
from tui.core.wording import claimant_row
from tui.ui.app import MythQuizApp
from tui.ui.confirm import ConfirmScreen
from tui.ui.help_screen import NOT_LISTED, HelpScreen
from tui.ui.quiz_screen import QuizScreen
from tui.ui.results_screen import ResultsScreen

from tui_helpers import flat, lists_key, make_app, screen_text

SIZE = (120, 50)


async def play(app, pilot, choose) -> list[bool]:
    """Answer every question with the key `choose(session)` returns; Enter goes on."""
    verdicts = []
    session = app.screen.session
    total = session.total
    for n in range(1, total + 1):
        text = screen_text(app)
        assert f"Question {n} of {total}" in text
        item = session.current
        if item.type == "who-said":
            assert f"“{item.prompt}”" in text  # shown as a quotation
        await pilot.press(choose(session))
        feedback = session.feedback
        shown = flat(screen_text(app))
        word = "Correct" if feedback.correct else "Incorrect"
        assert f"{feedback.symbol} {word}" in shown
        assert flat(feedback.right_answer_line) in shown
        assert flat(item.explanation) in shown
        for ex in feedback.excerpts:
            assert flat(ex.quote.text) in shown
            assert "“" + flat(ex.quote.text) not in shown  # set off by a bar, not in the app's own marks
            assert flat(ex.source.byline) in shown
        verdict = feedback.verdict_source
        if verdict is not None:
            assert verdict.name.casefold() in shown.casefold()  # whose verdict it is
        if item.type == "myth-or-fact":
            label, claimant = claimant_row(item, app.screen.session.pack.sources)
            assert flat(f"{label}: {claimant}") in shown
        if item.claim_quote:
            assert flat(item.claim_quote.text) in shown
        verdicts.append(feedback.correct)
        await pilot.press("enter" if n % 2 else "n")
    return verdicts


@pytest.mark.parametrize("kind", ["myth-or-fact", "choice", "who-said"])
async def test_whole_quiz_of_each_type_by_keys(pack, kind):
    app = make_app(pack, seed=3, count=6, kind=kind)
    async with app.run_test(size=SIZE) as pilot:
        def choose(session):
            # Alternate right and wrong answers, by the keys a user would press.
            options = session.options()
            right = options.index(session.current.answer)
            want_right = session.index % 2 == 0
            index = right if want_right else (right + 1) % len(options)
            if session.current.type == "myth-or-fact":
                return {"Myth": "m", "Fact": "f", "Disputed": "d"}[options[index]]
            return str(index + 1)

        verdicts = await play(app, pilot, choose)
        assert verdicts == [i % 2 == 0 for i in range(len(verdicts))]
        assert isinstance(app.screen, ResultsScreen)
        text = screen_text(app)
        assert f"Score: {sum(verdicts)} of {len(verdicts)}" in text
        missed = [i for i in app.screen.summary.missed]
        for item in missed:
            assert f"Right answer: {item.answer}" in text


async def test_arrows_and_enter_answer_a_choice(pack):
    app = make_app(pack, seed=8, count=2, kind="choice")
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        options = session.options()
        target = options.index(session.current.answer)
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        assert session.feedback is not None and session.feedback.correct
        assert "✓ Correct" in screen_text(app)


async def test_status_line_shows_score_and_streak(pack):
    app = make_app(pack, seed=2, count=3, kind="myth-or-fact")
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        await pilot.press({"Myth": "m", "Fact": "f", "Disputed": "d"}[session.current.answer])
        assert "Score: 1 of 1   Streak: 1" in screen_text(app)
        await pilot.press("n")
        assert "Question 2 of 3" in screen_text(app)


async def test_wide_side_by_side_and_narrow_stacked(pack):
    for width, narrow in ((120, False), (80, True)):
        app = make_app(pack, seed=1, count=1)
        async with app.run_test(size=(width, 40)) as pilot:
            await pilot.press("1")
            body = app.screen.query_one("#quiz-body")
            lines = [body.line_text(y) for y in range(body.virtual_size.height)]
            explanation = next(y for y, line in enumerate(lines) if line.startswith("Explanation"))
            evidence = next(y for y, line in enumerate(lines) if "█ Evidence" in line)
            assert app.screen.has_class("-narrow") is narrow
            if narrow:  # the excerpts below the explanation, from the same column
                assert evidence > explanation and lines[evidence].startswith("█ Evidence")
            else:  # beside it, on the same line
                assert evidence == explanation and lines[evidence].index("█") > width // 3


def disputed_session(pack, item_id: str) -> Session:
    session = Session.create(pack, seed=1, count=2, kind="myth-or-fact")
    session.items[0] = next(item for item in pack.items if item.id == item_id)
    return session


async def test_disputed_sides_side_by_side_when_wide_one_above_the_other_when_narrow(pack):
    """Whether the NATO-Russia Council was suspended or halted: each side's words under
    who says them, side by side at 120 columns, one above the other (same headings) at 80,
    below the explanation."""
    nato, report = "NATO's 2017 fact sheet supports this:", "The December 2019 report of Putin's remarks"
    for width, side_by_side in ((120, True), (80, False)):
        app = MythQuizApp(pack, session=disputed_session(pack, "n17-nrc-never-suspended"))
        async with app.run_test(size=(width, 40)) as pilot:
            await pilot.press("d")
            body = app.screen.query_one("#quiz-body")
            lines = [body.line_text(y) for y in range(body.virtual_size.height)]
            explanation = next(y for y, line in enumerate(lines) if line.startswith("Explanation"))
            left = next(y for y, line in enumerate(lines) if line.startswith(nato))
            right = next(y for y, line in enumerate(lines) if report in line)
            assert explanation < left
            if side_by_side:
                assert right == left and lines[right].index(report) > width // 3
            else:
                assert right > left and lines[right].startswith(report)
            text = flat(screen_text(app))
            assert "has never been suspended" in text and "halted in 2014" in text
            await pilot.press("n")
            assert report not in flat(screen_text(app))  # gone with the next question


async def test_long_feedback_scrolls_with_the_keyboard(pack):
    app = make_app(pack, seed=1, count=1)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("1")
        body = app.screen.query_one("#quiz-body")
        assert body.has_focus and body.max_scroll_y > 0
        await pilot.press("pagedown")
        assert body.scroll_y > 0


async def test_answer_keys_do_nothing_after_answering(pack):
    app = make_app(pack, seed=1, count=2, kind="myth-or-fact")
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        await pilot.press("m")
        await pilot.press("f", "1", "2")
        assert len(session.records) == 1


async def test_leaving_a_quiz_in_progress_asks_first(pack):
    app = make_app(pack, seed=1, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "n")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, QuizScreen) and "Question 2 of 3" in screen_text(app)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape", "y")
        assert "Start a quiz" in screen_text(app)


async def test_quit_before_answering_does_not_ask(pack):
    app = make_app(pack, seed=1, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert app.return_code == 0 or not app.is_running


async def test_help_lists_the_live_bindings(pack):
    app = make_app(pack, seed=1, count=3, kind="myth-or-fact")
    async with app.run_test(size=SIZE) as pilot:
        quiz = app.screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key, words in (("m", "it is a myth"), ("f", "it is a fact"), ("1-5", "option with this number"),
                           ("Esc", "Leave the quiz"), ("q", "Quit mythquiz"), ("?", "every key")):
            assert lists_key(app, key, words), (key, text)
        # Every binding the quiz screen has right now is listed.
        for key, active in quiz.active_bindings.items():
            if active.binding.description and not active.binding.system:
                listed = (active.binding.tooltip or active.binding.description) in text
                assert listed == (active.binding.action not in NOT_LISTED), key
        await pilot.press("escape")
        assert app.screen is quiz


async def test_retry_missed_asks_only_missed(pack):
    app = make_app(pack, seed=4, count=4, kind="myth-or-fact")
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        wrong_ids = []
        for i in range(4):
            item = session.current
            right = i % 2 == 0
            answer = item.answer if right else ("Fact" if item.answer == "Myth" else "Myth")
            if not right:
                wrong_ids.append(item.id)
            await pilot.press({"Myth": "m", "Fact": "f", "Disputed": "d"}[answer], "n")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("r")
        retry = app.screen.session
        assert [i.id for i in retry.items] == wrong_ids
        assert f"Question 1 of {len(wrong_ids)}" in screen_text(app)


async def test_home_menu_by_key_and_by_arrows(pack):
    app = make_app(pack, home=True)
    async with app.run_test(size=SIZE) as pilot:
        assert "Next quiz: 20 questions, all topics" in screen_text(app)
        await pilot.press("c")
        assert "Next quiz: all questions" in screen_text(app)
        await pilot.press("c")
        assert "Next quiz: 5 questions" in screen_text(app)
        await pilot.press("p")
        first_topic = next(iter(pack.topics.values()))
        assert first_topic in screen_text(app)
        await pilot.press("s")
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.total <= 5
        assert all(i.topic == next(iter(pack.topics)) for i in app.screen.session.items)
    app = make_app(pack, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the first entry, Start a quiz
        assert isinstance(app.screen, QuizScreen)


async def test_content_is_rendered_literally(pack):
    """Markup-like text in content must show as typed, never be interpreted."""
    from tui.core.model import Quote

    item = pack.items[0]
    hostile = item._replace(
        id="markup", type="myth-or-fact", choices=(), answer="Myth",
        prompt="[bold red]x[/] and [/] and [link=http://example.com]y[/link]",
        explanation="[i]not italic[/i] \\[escaped]",
        evidence=(Quote(item.evidence[0].source, item.evidence[0].text),),
        claimed_by=Claimant("[b]someone[/b]"), claim_quote=None,
    )
    pack.items.append(hostile)
    try:
        app = make_app(pack, count=None, seed=1)
        app.first_session.items[:] = [hostile]
        async with app.run_test(size=SIZE) as pilot:
            assert hostile.prompt in screen_text(app)
            await pilot.press("m")
            text = screen_text(app)
            assert hostile.explanation in text and "[b]someone[/b]" in text
    finally:
        pack.items.remove(hostile)


@pytest.mark.parametrize("answered", [False, True])
async def test_a_long_option_wraps_under_its_own_words(pack, answered):
    """At 60 columns an option's words (and after the answer its `← your answer`) go on
    under the option's first word, not under its number or the box's edge."""
    from tui.ui.quiz_body import QuizBody

    session = Session.create(pack, only_ids=["tl-missile-defence-before-suspension"], seed=1)
    app = MythQuizApp(pack, session=session)
    async with app.run_test(size=(60, 20)) as pilot:
        options = session.options()
        longest = max(range(len(options)), key=lambda n: len(options[n]))
        if answered:
            await pilot.press(str(longest + 1))
        await pilot.pause()
        body = app.screen.query_one(QuizBody)
        lines = [body.render_line(y).text for y in range(body.size.height)]
        first = next(y for y, line in enumerate(lines) if f"{longest + 1}. {options[longest][:10]}" in line)
        start = lines[first].index(f"{longest + 1}. ") + len(f"{longest + 1}. ")
        following = lines[first + 1]
        assert following[:start].strip("│ ") == "", following  # nothing under the number
        assert following[start] != " ", following  # the words go on under the first word
        if answered:
            assert "← your answer" in " ".join(lines[first:first + 4])
