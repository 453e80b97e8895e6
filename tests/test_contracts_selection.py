"""Which questions a session asks and in what order, for a seed: the filters, the count,
the chosen ids, the option order, and which answer is right."""

from __future__ import annotations

from hashlib import sha256

import pytest

from tui.core.engine import Session
from tui.core.selection import DEFAULT_COUNT, SelectionError, is_right, select_items, shuffled_options


def by_hash(seed: int, ids: list[str]) -> list[str]:
    """The documented order: SHA-256 of "<seed>:<id>"."""
    return sorted(ids, key=lambda i: sha256(f"{seed}:{i}".encode()).digest())


def test_a_quiz_asks_twenty_questions_unless_told(pack):
    assert DEFAULT_COUNT == 20
    assert len(select_items(pack, seed=1)) == 20
    assert Session.create(pack, seed=1).total == 20
    assert [i.id for i in select_items(pack, seed=1)] == by_hash(1, [i.id for i in pack.items])[:20]


def test_a_topic_gives_every_question_of_that_topic_and_no_other(pack):
    chosen = select_items(pack, seed=3, count=None, topic="threat")
    assert [i.id for i in chosen] == by_hash(3, [i.id for i in pack.items if i.topic == "threat"])


def test_a_type_gives_every_question_of_that_type_and_no_other(pack):
    chosen = select_items(pack, seed=3, count=None, kind="who-said")
    assert [i.id for i in chosen] == by_hash(3, [i.id for i in pack.items if i.type == "who-said"])


def test_topic_and_type_together_give_the_questions_with_both(pack):
    chosen = select_items(pack, seed=3, count=None, topic="enlargement", kind="choice")
    want = [i.id for i in pack.items if i.topic == "enlargement" and i.type == "choice"]
    assert want and [i.id for i in chosen] == by_hash(3, want)


@pytest.mark.parametrize("count", [0, -1])
def test_fewer_than_one_question_is_refused(pack, count):
    with pytest.raises(SelectionError):
        select_items(pack, seed=1, count=count)


def test_unknown_topics_and_types_are_refused_and_known_ones_taken(pack):
    with pytest.raises(SelectionError):
        select_items(pack, seed=1, topic="weather")
    with pytest.raises(SelectionError):
        select_items(pack, seed=1, kind="essay")
    for kind in ("myth-or-fact", "choice", "who-said"):
        assert select_items(pack, seed=1, count=2, kind=kind)
    for topic in pack.topics:
        assert select_items(pack, seed=1, count=1, topic=topic)


def test_chosen_ids_are_filtered_by_topic_and_kept_in_their_order(pack):
    threat = [i.id for i in pack.items if i.topic == "threat"][:2]
    other = next(i.id for i in pack.items if i.topic != "threat")
    wanted = [threat[1], other, threat[0]]
    assert [i.id for i in select_items(pack, seed=1, count=None, only_ids=wanted, topic="threat")] == [
        threat[1], threat[0]]
    assert [i.id for i in select_items(pack, seed=1, count=None, only_ids=wanted)] == wanted
    with pytest.raises(SelectionError):
        select_items(pack, seed=1, only_ids=[other], topic="threat")


def test_choice_options_are_in_the_seeds_order_and_myth_or_fact_stays_put(pack):
    for item in pack.items[:30]:
        for seed in (1, 2):
            options = shuffled_options(item, seed)
            if item.type == "myth-or-fact":
                assert options == item.options
            else:
                assert list(options) == sorted(
                    item.options, key=lambda o: sha256(f"{seed}:{item.id}:{o}".encode()).digest())
    choice = next(i for i in pack.items if i.type == "choice")
    assert len({shuffled_options(choice, seed) for seed in range(12)}) > 1


def test_only_the_items_answer_is_right(pack):
    for item in pack.items[:20]:
        assert [o for o in item.options if is_right(item, o)] == [item.answer]
