"""Each item's review state, as review relies on it: the Leitner box an answer moves it to,
its FSRS card kept up to date answer by answer, and, when FSRS is chosen, a card for every
item answered before, even one known only from an old progress file."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from progress_helpers import answer, query
from tui.core import scheduler
from tui.core.progress import Store


def test_a_first_right_answer_puts_an_item_in_box_two_and_a_first_wrong_one_in_box_one(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-who", True), ("snap-article", False)])
    assert (store.history("snap-who").box, store.history("snap-article").box) == (2, 1)
    answer(store, small_pack, [("snap-who", True), ("snap-article", True)])
    assert (store.history("snap-who").box, store.history("snap-article").box) == (3, 2)


def test_under_fsrs_each_answer_moves_the_items_card_on_from_where_it_was(tmp_path, small_pack):
    store = Store(tmp_path)
    assert store.set_setting("scheduler", "fsrs") is True
    answer(store, small_pack, [("snap-who", True)])
    answer(store, small_pack, [("snap-who", True)])
    path = tmp_path / "progress.db"
    log = [(scheduler.parse_time(at), bool(correct)) for at, correct in query(
        path, "SELECT at, correct FROM answers WHERE item = 'snap-who' ORDER BY at, id")]
    card, due = scheduler.fsrs_replay(log)
    assert query(path, "SELECT fsrs_card, fsrs_due FROM review WHERE item = 'snap-who'") == [(card, due.isoformat())]
    # Answered right twice: not due again for days, under FSRS; Leitner (never wrong) never asks it.
    soon = datetime.now(timezone.utc) + timedelta(minutes=1)
    assert store.due_for_review(["snap-who"], soon) == []
    assert store.due_for_review(["snap-who"], due + timedelta(seconds=1)) == ["snap-who"]
    assert store.due_for_review(["snap-who"], due + timedelta(days=365), using="leitner") == []


def test_choosing_fsrs_gives_items_known_only_from_an_old_file_a_card_from_their_last_verdict(tmp_path):
    seen = "2026-01-02T10:00:00+00:00"
    old = {"schema": 1, "items": {
        "never-wrong": {"right": 0, "wrong": 0, "box": 1, "last_seen": seen},  # no verdict kept: none wrong
        "right-last": {"right": 3, "wrong": 1, "box": 4, "last_seen": seen},  # box 4: last answered right
        "wrong-last": {"right": 0, "wrong": 2, "box": 1, "last_seen": seen},  # box 1: last answered wrong
        "never-seen": {"right": 1, "wrong": 0, "box": 2},  # no time: no card
    }}
    (tmp_path / "progress.json").write_text(json.dumps(old), encoding="utf-8")
    store = Store(tmp_path)
    store.open()
    assert store.set_setting("scheduler", "fsrs") is True
    when = scheduler.parse_time(seen)
    expected = {item: scheduler.fsrs_review(None, good, when)[1].isoformat()
                for item, good in (("never-wrong", True), ("right-last", True), ("wrong-last", False))}
    assert dict(query(tmp_path / "progress.db", "SELECT item, fsrs_due FROM review")) == {**expected, "never-seen": None}


def test_fsrs_can_be_chosen_when_an_items_kept_answers_have_no_readable_time(tmp_path):
    old = {"schema": 1, "sessions": [{"date": "last Tuesday", "score": 1, "answered": 1,
                                      "answers": [{"item": "snap-who", "given": "Oana Lungescu", "correct": True}]}],
           "items": {"snap-who": {"right": 1, "wrong": 0, "box": 2, "last_seen": "2026-01-02T10:00:00+00:00"}}}
    (tmp_path / "progress.json").write_text(json.dumps(old), encoding="utf-8")
    store = Store(tmp_path)
    store.open()
    assert store.set_setting("scheduler", "fsrs") is True
    # No answer time to replay: the card comes from the item's last answer, as for any imported item.
    card, due = scheduler.fsrs_review(None, True, scheduler.parse_time("2026-01-02T10:00:00+00:00"))
    assert query(tmp_path / "progress.db", "SELECT fsrs_card, fsrs_due FROM review") == [(card, due.isoformat())]
