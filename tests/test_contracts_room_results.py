"""The class report, worked by hand: per question the share right over each participant's
final answer, the answers given in the order shown, each round's figures and who switched;
the five most-missed questions, worst first; with `--pre-post`, each participant's before
and after in words, Hake's g and the class average, the lean before and after, and the
pre questions kept out of the per-question figures; one CSV row per answer."""

from __future__ import annotations

from tui.core.room import Room
from tui.core.room_plan import choose
from tui.core.room_results import gain_wording, lean_words, numbers_words, plural
from tui.core.room_store import RoomStore
from tui.core.signal_detection import Answer, discernment

START = 1_700_000_000.0


def make(pack, path, now: list[float], **options) -> Room:
    return Room.create(pack, RoomStore(path), code="1", kind="myth-or-fact", clock=lambda: now[0], **options)


def wrong(room: Room, number: int) -> str:
    return next(o for o in room.options[number - 1] if o != room.items[number - 1].answer)


def give(room: Room, token: str, number: int, right: bool, round_: int | None = None) -> None:
    room.answer(token, number, room.items[number - 1].answer if right else wrong(room, number), round_)


def test_per_question_figures_most_missed_switches_and_rows(pack, tmp_path):
    now = [START]
    room = make(pack, tmp_path, now, seed=11, count=8)
    a, b, c = (room.join("1", n) for n in "abc")
    # Right answers per question: q1 two of three, q2-q6 one of three, q7 re-voted, q8 all right.
    plan = {1: (1, 1, 0), 2: (1, 0, 0), 3: (0, 1, 0), 4: (0, 0, 1), 5: (1, 0, 0), 6: (0, 1, 0), 8: (1, 1, 1)}
    for number in range(1, 9):
        room.open_next()
        now[0] += 2
        if number == 7:
            for token, right in zip((a, b, c), (0, 1, 1)):
                give(room, token, 7, bool(right))
            assert room.revote()
            now[0] += 3
            give(room, a, 7, True, 2)  # wrong → right
            give(room, b, 7, False, 2)  # right → wrong; c keeps a first-round answer
        else:
            for token, right in zip((a, b, c), plan[number]):
                give(room, token, number, bool(right))
                now[0] += 1
        room.reveal()
    room.end()
    report = room.report()
    by_number = {q["number"]: q for q in report["questions"]}
    assert sorted(by_number) == list(range(1, 9)) and report["joined"] == 3
    first = by_number[1]
    assert (first["right"], first["answered"], first["percent"]) == (2, 3, 67)
    right, other = room.items[0].answer, wrong(room, 1)
    assert first["answers"] == [(o, {right: 2, other: 1}.get(o, 0)) for o in room.options[0]]
    assert [(r["round"], r["right"], r["answered"], r["answers"]) for r in first["rounds"]] == [
        (1, 2, 3, first["answers"])]
    assert first["switches"] is None
    revoted = by_number[7]
    assert (revoted["right"], revoted["answered"], revoted["percent"]) == (2, 3, 67)  # a, c right; b not
    assert [(r["round"], r["right"], r["answered"]) for r in revoted["rounds"]] == [(1, 2, 3), (2, 1, 2)]
    answer7 = room.items[6].answer
    assert dict(revoted["rounds"][1]["answers"]) == {o: int(o in (answer7, wrong(room, 7))) for o in room.options[6]}
    assert dict(revoted["answers"])[answer7] == 2
    assert revoted["switches"] == {"both": 2, "wrong_to_right": 1, "right_to_wrong": 1, "changed": 2}
    assert by_number[8]["percent"] == 100
    # The five most missed, worst first (ties by number): q1 and q7 (2 of 3) and q8 are left out.
    assert [q["number"] for q in report["missed"]] == [2, 3, 4, 5, 6]
    assert report["missed"][0]["reveal"] == room.revealed(2)
    rows = report["rows"]
    assert len(rows) == 3 * 8 + 2
    assert [(r["question_number"], r["round"], r["participant"]) for r in rows if r["question_number"] == 7] == [
        (7, 1, "a"), (7, 1, "b"), (7, 1, "c"), (7, 2, "a"), (7, 2, "b")]
    assert rows[0] == {"room": "1", "participant": "a", "question_number": 1, "round": 1, "part": "workshop",
                       "item_id": room.items[0].id, "answer": right, "correct": 1,
                       "answered_at": "2023-11-14T22:13:22+00:00", "seconds_to_answer": 2.0}


def pre_post_room(pack, path, now: list[float], k: int) -> Room:
    """A room of k pre, 1 workshop and k post questions whose pre questions' answers differ."""
    seed = next(s for s in range(100) if len({i.answer for i in choose(
        pack, seed=s, count=1, topic=None, kind="myth-or-fact", pre_post=k).items[:k]}) == min(k, 2))
    return make(pack, path, now, seed=seed, count=1, pre_post=k)


def test_before_and_after_hand_worked(pack, tmp_path):
    now = [START]
    room = pre_post_room(pack, tmp_path, now, 2)
    tokens = {n: room.join("1", n) for n in "ABCDFG"}
    # Right (1) or wrong (0) per question; E joins once the pre questions are open; F answers
    # only the pre questions, G nothing.
    plan = {1: dict(A=0, B=1, C=1, D=0, F=1), 2: dict(A=0, B=0, C=1, D=0, F=0), 3: dict(A=1, E=1),
            4: dict(A=1, B=1, C=1, D=0, E=1), 5: dict(A=0, B=1, C=1, D=0, E=0)}
    given = []
    for number in range(1, 6):
        now[0] += 10
        room.open_next()
        if number == 2:
            now[0] += 1
            tokens["E"] = room.join("1", "E")
        for name, right in plan[number].items():
            give(room, tokens[name], number, bool(right))
            given.append((number, room.answer_of(room.participant(tokens[name]).id, number)))
        room.reveal()
        if number == 3:
            assert room.report()["pre_post"]["post_asked"] is False
    room.end()
    report = room.report()
    assert [q["number"] for q in report["questions"]] == [3, 4, 5]  # the pre questions count in no score
    figures = report["pre_post"]
    assert figures["post_asked"] is True
    assert (figures["pre_numbers"], figures["post_numbers"]) == ([1, 2], [4, 5])
    words = gain_wording(figures)
    assert [f"{name}: {line}." for name, line in words["people"]] == [
        "A: before 0 of 2 (0%), after 1 of 2 (50%); g = 0.50 (medium).",
        "B: before 1 of 2 (50%), after 2 of 2 (100%); g = 1.00 (high).",
        "C: before 2 of 2 (100%), after 2 of 2 (100%); g undefined (everything was right before).",
        "D: before 0 of 2 (0%), after 0 of 2 (0%); g = 0.00 (low).",
        "F: before 1 of 2 (50%), after 0 of 2 (0%); no g: answered none of the questions at the end.",
        "G: after 0 of 2 (0%); no before figure: answered none of the questions before the workshop.",
        "E: after 1 of 2 (50%); no before figure: joined after the questions before the workshop."]
    assert [p["late"] for p in figures["people"]] == [False] * 6 + [True]
    assert words["intro"] == ("Questions 1 and 2 were asked before the workshop without their answers revealed, "
                              "and again at the end as questions 4 and 5.")
    assert words["average"] == "Class average: g = 0.50 (medium) over 3 participants."

    def lean(numbers: tuple[int, ...]) -> str:
        return lean_words(discernment(Answer(room.items[n - 1].answer, a.answer) for n, a in given if n in numbers))

    assert words["before"] == f"Before: {lean((1, 2))}." and words["after"] == f"After: {lean((4, 5))}."
    assert "no myth-or-fact answers" not in words["before"] + words["after"]
    assert {r["part"] for r in report["rows"]} == {"pre", "workshop", "post"}


def test_one_question_before_and_after_in_the_singular(pack, tmp_path):
    now = [START]
    room = pre_post_room(pack, tmp_path, now, 1)
    ann = room.join("1", "Ann")
    room.join("1", "Bo")  # answers nothing
    assert gain_wording(room.report()["pre_post"])["average"] == "Class average: no average g: nobody has a g."
    for number, right in ((1, False), (2, True), (3, True)):
        room.open_next()
        give(room, ann, number, right)
        room.reveal()
    figures = room.report()["pre_post"]
    words = gain_wording(figures)
    assert words["intro"] == ("Question 1 was asked before the workshop without its answer revealed, "
                              "and again at the end as question 3.")
    assert words["average"] == "Class average: g = 1.00 (high) over 1 participant."
    assert dict(words["people"])["Bo"] == ("after 0 of 1 (0%); no before figure: answered none of the "
                                           "questions before the workshop")


def test_a_report_before_any_answer_says_there_is_nothing_to_compare(pack, tmp_path):
    room = pre_post_room(pack, tmp_path, [START], 2)
    room.join("1", "Ann")
    figures = room.report()["pre_post"]
    assert [p["late"] for p in figures["people"]] == [False]  # nobody is late before the room starts
    assert gain_wording(figures)["before"] == "Before: no myth-or-fact answers."
    assert figures["post_asked"] is False and room.report()["questions"] == []


def test_lists_of_questions_and_counts_in_words():
    assert [numbers_words(n) for n in ([4], [1, 2], [1, 2, 3])] == [
        "question 4", "questions 1 and 2", "questions 1, 2 and 3"]
    assert [plural(n, "participant") for n in (0, 1, 2)] == ["0 participants", "1 participant", "2 participants"]
    assert plural(2, "person", "people") == "2 people"


def test_the_answers_given_are_listed_in_each_questions_own_option_order(small_pack, tmp_path):
    # One question of each type, so that no two questions share their options.
    room = Room.create(small_pack, RoomStore(tmp_path), seed=2, count=3, code="1")
    token = room.join("1", "Ann")
    for number in (1, 2, 3):
        room.open_next()
        room.answer(token, number, room.options[number - 1][-1])
        room.reveal()
    for q in room.report()["questions"]:
        shown = room.options[q["number"] - 1]
        assert q["answers"] == [(o, int(o == shown[-1])) for o in shown]
        assert q["rounds"][0]["answers"] == q["answers"]


def test_the_most_missed_are_ordered_by_share_right_and_leave_out_questions_all_got_right(pack, tmp_path):
    now = [START]
    room = make(pack, tmp_path, now, seed=11, count=4)
    a, b, c = (room.join("1", n) for n in "abc")
    # q1 all right; q2 one of two right (50%); q3 one of three (33%); q4 nobody answers.
    for number, rights in ((1, (True, True, True)), (2, (True, False)), (3, (True, False, False)), (4, ())):
        room.open_next()
        for token, right in zip((a, b, c), rights):
            give(room, token, number, right)
        room.reveal()
    assert [q["number"] for q in room.report()["missed"]] == [3, 2]
