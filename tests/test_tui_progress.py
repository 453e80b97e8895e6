"""Pilot and snapshot tests of progress in the TUI: saving, review, stats, broken files."""

from __future__ import annotations

import json


from progress_helpers import answer, count, query
from tui.core.engine import Session
from tui.core.progress import Store
from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.core.score_words import number
from tui.core.signal_detection import Answer, discernment
from tui.ui.app import MythQuizApp
from tui.ui.confirm import ConfirmScreen
from tui.ui.quiz_screen import QuizScreen
from tui.ui.results_screen import ResultsScreen
from tui.ui.stats_screen import StatsScreen

from tui_helpers import screen_text

SIZE = (110, 40)


def wrong_key(session: Session) -> str:
    options = session.options()
    return str((options.index(session.current.answer) + 1) % len(options) + 1)


def right_key(session: Session) -> str:
    return str(session.options().index(session.current.answer) + 1)


async def test_answers_are_saved_before_feedback_and_review_asks_missed(pack, tmp_path):
    store = Store(tmp_path)
    session = Session.create(pack, seed=9, count=4)
    app = MythQuizApp(pack, session=session, store=store)
    missed = []
    async with app.run_test(size=SIZE) as pilot:
        for i in range(4):
            key = right_key(session) if i % 2 else wrong_key(session)
            if not i % 2:
                missed.append(session.current.id)
            await pilot.press(key)
            # On disk by the time the verdict is on screen.
            assert count(tmp_path / "progress.db", "answers") == i + 1
            await pilot.press("n")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h", "r")  # home, then review
        assert isinstance(app.screen, QuizScreen)
        review = app.screen.session
        assert review.review and sorted(i.id for i in review.items) == sorted(missed)
        assert f"Question 1 of {len(missed)}" in screen_text(app)
    assert query(tmp_path / "progress.db", "SELECT answered FROM sessions WHERE finished IS NOT NULL") == [(4,)]


async def test_review_with_nothing_due_offers_a_quiz(small_pack, tmp_path):
    app = MythQuizApp(small_pack, store=Store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Nothing is due for review." in screen_text(app)
        await pilot.press("y")
        assert isinstance(app.screen, QuizScreen) and not app.screen.session.review


async def test_stats_screen_shows_figures(small_pack, tmp_path):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True), ("snap-promise", False), ("snap-promise", True)])
    app = MythQuizApp(small_pack, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "Sessions: 1." in text and "2 of 3  (67%)" in text
        assert "Longest streak: 1" in text
        assert "Enlargement and the Open Door" in text and "67%" in text
        assert "Never seen: 2 of 3" in text and "Questions due for review under the Leitner scheduler: 0" in text
        await pilot.press("escape")
        assert "Start a quiz" in screen_text(app)


async def test_stats_screen_names_the_scheduler_and_shows_the_discernment_trend(pack, tmp_path):
    store = Store(tmp_path)
    myths = [i for i in pack.items if i.type == "myth-or-fact" and i.answer == "Myth"][:3]
    facts = [i for i in pack.items if i.type == "myth-or-fact" and i.answer == "Fact"][:3]
    for given in (lambda item: "Myth", lambda item: item.answer):  # all "Myth", then all right
        session = Session(pack, myths + facts, seed=1)
        for item in myths + facts:
            session.answer(given(item))
            store.record_answer(session, session.records[-1])
            session.next()
        store.finish_session(session)
    store.set_setting("scheduler", "fsrs")
    room = Room.create(pack, RoomStore(tmp_path), seed=3, count=2, code="777777")  # a facilitator's room
    token = room.join("777777", "Ann")
    room.open_next()
    room.answer(token, 1, room.items[0].answer)
    app = MythQuizApp(pack, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        text = " ".join(screen_text(app).split())
        assert "Questions due for review under the FSRS scheduler: 0 (the next on " in text
        assert "Telling myths from facts Your last 2 quizzes with both myths and facts, oldest first:" in text
        sceptic = discernment([Answer(i.answer, "Myth") for i in myths + facts])
        right = discernment([Answer(i.answer, i.answer) for i in myths + facts])
        assert (f"d′ = 0.00, c = {number(sceptic.bias)}, a strong lean toward distrust "
                "(\"myth\" to every one)") in text
        assert f"d′ = {number(right.d_prime)}, c = 0.00, no lean (no myth or fact misjudged)" in text
        assert f"Discernment is rising: d′ went from 0.00 in the first quiz to {number(right.d_prime)} in the last" in text
        assert "Live rooms Live rooms you ran: 1: 777777 on " in text
        assert "1 participant, 2 questions, 1 of 1 answers right (100%)" in text


async def test_corrupt_store_warns_and_the_app_runs(small_pack, tmp_path):
    (tmp_path / "progress.db").write_bytes(b"not a database" * 500)
    app = MythQuizApp(small_pack, store=Store(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts shown, as a user sees them
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("moved to" in t and "progress.db.broken-" in t for t in toasts), toasts
        await pilot.press("s", "1")
        assert count(tmp_path / "progress.db", "answers") == 1


def _stats_app(small_pack, tmp_path) -> MythQuizApp:
    store = Store(tmp_path)
    data = {"schema": 1, "settings": {}, "items": {
        "snap-promise": {"seen": 3, "right": 2, "wrong": 1, "box": 2, "last_seen": "2026-11-01T10:00:00+00:00"},
        "snap-article": {"seen": 2, "right": 0, "wrong": 2, "box": 1, "last_seen": "2026-11-02T10:00:00+00:00"},
    }, "sessions": [
        {"date": f"2026-11-{d:02d}T10:00:00+00:00", "score": s, "answered": 3, "total": 3, "best_streak": s}
        for d, s in ((1, 1), (2, 2), (3, 0), (4, 3), (5, 2))
    ]}
    (tmp_path / "progress.json").write_text(json.dumps(data), encoding="utf-8")
    store.open()  # imported before the app starts: no import notice in the picture
    store.warnings.clear()
    return MythQuizApp(small_pack, store=store, start="stats")


def test_stats_snapshot(snap_compare, small_pack, tmp_path):
    assert snap_compare(_stats_app(small_pack, tmp_path), terminal_size=(100, 36))


def test_review_nothing_due_snapshot(snap_compare, small_pack, tmp_path):
    assert snap_compare(MythQuizApp(small_pack, store=Store(tmp_path)), press=["r"], terminal_size=(100, 30))


def test_review_quiz_snapshot(snap_compare, small_pack, tmp_path, monkeypatch):
    monkeypatch.setattr("tui.core.engine.new_seed", lambda: 7)  # a review's seed is otherwise random
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-article", False)])
    app = MythQuizApp(small_pack, store=store)
    assert snap_compare(app, press=["r"], terminal_size=(100, 30))

