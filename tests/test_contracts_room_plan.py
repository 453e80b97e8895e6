"""Which questions a room asks: the quiz's selection, with `--pre-post K` the first K of
it asked before the workshop and again at the end; N + 2K questions numbered in that
order; a pack too small for K refused in one line that says how many are needed."""

from __future__ import annotations

import pytest

from tui.core.engine import Session
from tui.core.room import Room
from tui.core.room_plan import POST, PRE, WORKSHOP, PlanError, choose, part_of, restored
from tui.core.room_store import RoomStore
from tui.core.selection import DEFAULT_COUNT


def ids(items) -> list[str]:
    return [item.id for item in items]


def test_pre_and_post_are_the_first_k_of_the_quizs_selection_asked_twice(pack, tmp_path):
    room = Room.create(pack, RoomStore(tmp_path), seed=5, count=3, code="1", pre_post=2)
    quiz = Session.create(pack, seed=5, count=5).items  # the same selection as `mythquiz quiz`
    assert room.total == 7
    assert ids(room.items) == ids(quiz[:2]) + ids(quiz[2:5]) + ids(quiz[:2])
    assert room.options[5:] == room.options[:2]
    assert [room.part(n) for n in range(1, 8)] == [PRE, PRE, WORKSHOP, WORKSHOP, WORKSHOP, POST, POST]


def test_without_pre_post_a_room_asks_the_quizs_questions_and_no_more(pack):
    plain = choose(pack, seed=5, count=3, topic=None, kind=None)
    assert ids(plain.items) == ids(Session.create(pack, seed=5, count=3).items)
    everything = choose(pack, seed=5, count=None, topic=None, kind=None)
    assert len(everything.items) == DEFAULT_COUNT <= len(pack.items)


@pytest.mark.parametrize("total, k, parts", [
    (5, 0, "wwwww"),
    (5, 1, "pwwwo"),
    (7, 2, "ppwwwoo"),
    (5, 2, "ppwoo"),
])
def test_each_number_is_in_one_part(total, k, parts):
    names = {"p": PRE, "w": WORKSHOP, "o": POST}
    assert [part_of(n, total, k) for n in range(1, total + 1)] == [names[c] for c in parts]


def test_a_pack_with_no_question_to_spare_for_the_workshop_is_refused(small_pack, tmp_path):
    # The small pack has 3 questions: 3 before and after leave none for the workshop.
    with pytest.raises(PlanError) as refused:
        choose(small_pack, seed=1, count=1, topic=None, kind=None, pre_post=3)
    assert "at least 4 questions" in str(refused.value) and "only 3 match" in str(refused.value)
    planned = choose(small_pack, seed=1, count=1, topic=None, kind=None, pre_post=2)
    assert len(planned.items) == 5


def test_resuming_names_an_item_the_pack_no_longer_has(pack):
    kept = pack.items[0].id
    assert ids(restored(pack, [kept, kept], 3).items) == [kept, kept]
    with pytest.raises(KeyError) as missing:
        restored(pack, [kept, "gone-from-the-pack"], 3)
    assert missing.value.args == ("gone-from-the-pack",)
