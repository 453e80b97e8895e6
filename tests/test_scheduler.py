"""Review scheduling, Leitner and FSRS, on random answer histories: an item answered right
always moves later; an item answered wrong always comes back first."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progress_helpers import answer
from tui.core import scheduler
from tui.core.progress import Store

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
histories = st.lists(st.tuples(st.booleans(), st.floats(min_value=0, max_value=90)), max_size=12)


def leitner_after(history: list[tuple[bool, float]]) -> tuple[int, datetime]:
    box, when = 1, T0
    for correct, gap in history:
        when += timedelta(days=gap)
        box = scheduler.leitner_box(box, correct)
    return box, when


def fsrs_after(history: list[tuple[bool, float]]) -> tuple[str | None, datetime]:
    card, when = None, T0
    for correct, gap in history:
        when += timedelta(days=gap)
        card, _ = scheduler.fsrs_review(card, correct, when)
    return card, when


@settings(max_examples=200, deadline=None)
@given(histories, st.floats(min_value=0, max_value=400))
def test_leitner_right_moves_later_wrong_comes_back_first(history, gap):
    box, last = leitner_after(history)
    now = last + timedelta(days=gap)
    right = scheduler.leitner_due(scheduler.leitner_box(box, True), now)
    wrong = scheduler.leitner_due(scheduler.leitner_box(box, False), now)
    assert right > now  # not due again at the moment of a right answer
    assert right > scheduler.leitner_due(box, last) or box == scheduler.MAX_BOX  # later than before
    assert wrong == now  # due at once…
    assert wrong < right  # …and before the same item answered right


@settings(max_examples=150, deadline=None)
@given(histories, st.floats(min_value=0, max_value=400))
def test_fsrs_right_moves_later_wrong_comes_back_first(history, gap):
    card, last = fsrs_after(history)
    now = last + timedelta(days=gap)
    _, right = scheduler.fsrs_review(card, True, now)
    _, wrong = scheduler.fsrs_review(card, False, now)
    assert right > now
    assert wrong <= right


@settings(max_examples=100, deadline=None)
@given(histories)
def test_fsrs_replay_is_the_answers_applied_in_order(history):
    answers, when = [], T0
    for correct, gap in history:
        when += timedelta(days=gap)
        answers.append((when, correct))
    replayed = scheduler.fsrs_replay(answers)
    card, _ = fsrs_after(history)
    assert (replayed[0] if replayed else None) == card


SMALL_IDS = ["snap-promise", "snap-article", "snap-who"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(SMALL_IDS), st.booleans()), min_size=1, max_size=8),
       st.sampled_from(scheduler.SCHEDULERS))
def test_in_the_store_missed_items_are_due_at_once_and_first(tmp_path_factory, small_pack, answers, chosen):
    store = Store(tmp_path_factory.mktemp("sched"))
    store.set_setting("scheduler", chosen)
    answer(store, small_pack, answers)
    last = {item: correct for item, correct in answers}
    due = store.due_for_review(SMALL_IDS, datetime.now(timezone.utc) + timedelta(minutes=1))
    missed_last = [item for item in due if not last[item]]
    assert due[:len(missed_last)] == missed_last  # last answered wrong: at the front
    if chosen == "leitner":
        assert set(missed_last) == {item for item, correct in last.items() if not correct}
    assert all(last[item] is False for item in due) or chosen == "fsrs"
