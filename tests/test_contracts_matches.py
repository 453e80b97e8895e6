"""A search's result as the browse list reads it: counted at once, best first (the phrase
in the statement, then in the answer or options, then the rest, each in pack order), the
same rows whichever row is read first, and every row reachable by index, from the end and
by slice."""

from __future__ import annotations

import pytest

from tui.core.matches import Matches

PHRASE = "open door"


def pack_of(count: int) -> tuple[list[str], list[str]]:
    """Statements and answers for `count` items: the phrase in every 7th item's statement
    (from the 4th), in every 5th item's answer (from the 2nd), else elsewhere."""
    prompts = [f"item {n} " + (PHRASE if n % 7 == 3 else "closed") for n in range(count)]
    answers = [f"answer {n} " + (PHRASE if n % 5 == 1 else "shut") for n in range(count)]
    return prompts, answers


def best_first(hits: list[int], prompts: list[str], answers: list[str]) -> list[int]:
    first = [n for n in hits if PHRASE in prompts[n]]
    second = [n for n in hits if n not in first and PHRASE in answers[n]]
    return first + second + [n for n in hits if n not in first and n not in second]


@pytest.mark.parametrize("count", [1, 10, 300])
def test_rows_read_one_by_one_come_best_first(count):
    prompts, answers = pack_of(count)
    hits = list(range(count))
    expected = best_first(hits, prompts, answers)
    found = Matches(hits, PHRASE, prompts, answers)
    assert len(found) == count
    assert [found[n] for n in range(count)] == expected
    assert list(found) == expected and found.ranked() == expected


def test_any_row_read_first_is_the_row_of_the_full_ranking():
    """The list may ask for a row far down (a jump to the end, a deep scroll) before the
    ones above it: it gets the same row as if everything had been ranked."""
    prompts, answers = pack_of(600)
    hits = list(range(0, 600, 2))  # a narrowed search: not every item
    expected = best_first(hits, prompts, answers)
    in_statement = sum(PHRASE in prompts[n] for n in hits)
    for n in (0, 1, 20, in_statement - 1, in_statement, in_statement + 3, len(hits) - 1):
        found = Matches(hits, PHRASE, prompts, answers)
        assert found[n] == expected[n], n
        assert list(found) == expected, n


def test_negative_indexes_slices_and_the_end_of_the_list():
    prompts, answers = pack_of(100)
    hits = list(range(100))
    expected = best_first(hits, prompts, answers)
    found = Matches(hits, PHRASE, prompts, answers)
    assert found[-1] == expected[-1] and found[-100] == expected[0]
    assert found[:5] == expected[:5] and found[95:] == expected[95:]
    for outside in (100, 101, -101):
        with pytest.raises(IndexError):
            found[outside]


def test_an_empty_query_lists_every_hit_in_pack_order():
    found = Matches([4, 2, 9])
    assert len(found) == 3 and [found[0], found[1], found[2], found[-1]] == [4, 2, 9, 9]
    assert list(found) == [4, 2, 9] and found[1:] == [2, 9]
    with pytest.raises(IndexError):
        found[3]


def test_a_result_equals_the_list_of_its_rows_best_first():
    prompts, answers = pack_of(20)
    found = Matches(list(range(20)), PHRASE, prompts, answers)
    expected = best_first(list(range(20)), prompts, answers)
    assert found == expected and found == Matches(expected)
    assert not found == list(range(20))  # pack order is not best first here
    assert found != list(range(20)) and found != "not a result"


class Counted(list):
    """A list of texts that counts how many are read."""

    reads = 0

    def __getitem__(self, n):
        Counted.reads += 1
        return super().__getitem__(n)


def test_a_screenful_of_a_huge_result_ranks_only_a_small_part_of_it():
    """A first letter typed on a 10,000-item pack matches nearly every item: the list shows
    its first rows at once, without testing the phrase on all 10,000 statements."""
    prompts, answers = pack_of(10_000)
    counted = Counted(prompts)
    found = Matches(list(range(10_000)), PHRASE, counted, answers)
    Counted.reads = 0
    rows = [found[n] for n in range(10)]
    assert rows == [n for n in range(10_000) if n % 7 == 3][:10]
    assert Counted.reads <= 1000, Counted.reads
    assert len(found.ranked()) == 10_000 and Counted.reads >= 10_000  # the counting sees the full ranking
