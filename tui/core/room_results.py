"""What a live room's answers add up to: the class report's figures and its CSV rows.

Per question: share right and the answers given, and for a question with a second round
(peer re-vote) the share right in each round and how many switched wrong → right and
right → wrong; the most-missed questions with their evidence; with pre/post, each
participant's pre and post share right and Hake's normalised gain, the class's average
gain, and the class's discernment and lean before and after; one row per answer for the
CSV. The export module (`tui/export/room_report.py`) writes these as Markdown and CSV.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import Any, NamedTuple

from .room_plan import POST, PRE
from .before_after import normalised_gain
from .score_words import figures_phrase, gain_words
from .signal_detection import Answer, discernment
from .percent import percent

# `room` below is a `tui.core.room.Room` (not imported: the room imports this module).
Room = Any


def _round_figures(room: Room, number: int, in_round: int) -> dict[str, Any]:
    item = room.items[number - 1]
    counts = room.counts.get((number, in_round), Counter())
    answered = sum(counts.values())
    right = counts[item.answer]
    return {"round": in_round, "answered": answered, "right": right,
            "percent": percent(right, answered),
            "answers": [(o, counts[o]) for o in room.options[number - 1]]}


def switches(room: Room, number: int) -> dict[str, int]:
    """Of those who answered both rounds of question `number`: how many went from a wrong
    answer to the right one, from the right one to a wrong one, or changed nothing."""
    out = {"both": 0, "wrong_to_right": 0, "right_to_wrong": 0, "changed": 0}
    for (pid, n, in_round), first in room.answers.items():
        if n != number or in_round != 1:
            continue
        second = room.answers.get((pid, number, 2))
        if second is None:
            continue
        out["both"] += 1
        out["changed"] += first.answer != second.answer
        out["wrong_to_right"] += not first.correct and second.correct
        out["right_to_wrong"] += first.correct and not second.correct
    return out


def final_figures(room: Room, number: int) -> dict[str, Any]:
    """Question `number`'s figures over each participant's final answer (their second
    round's if they gave one, else their first round's), each counted once: the rule for
    the reveal line, the class report, scores, `stats` and every export."""
    item = room.items[number - 1]
    counts: Counter[str] = Counter()
    for pid in room.names:
        final = room.answer_of(pid, number)
        if final is not None:
            counts[final.answer] += 1
    answered = sum(counts.values())
    right = counts[item.answer]
    return {"round": 0, "answered": answered, "right": right,
            "percent": percent(right, answered),
            "answers": [(o, counts[o]) for o in room.options[number - 1]]}


class Given(NamedTuple):
    """One answer to a pre or post question, with what the before-and-after figures need."""

    verdict: str  # the item's right answer
    kind: str  # the item's type: only myth-or-fact answers count toward discernment
    answer: str
    correct: bool


LATE = "no before figure: joined after the questions before the workshop"
NO_PRE = "no before figure: answered none of the questions before the workshop"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 question`, `2 questions`."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def numbers_words(numbers: list[int]) -> str:
    """`question 1`, `questions 1 and 2`, `questions 1, 2 and 3`."""
    shown = [str(n) for n in numbers]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f"question{'s' if len(shown) != 1 else ''} {listed}"


def gains(k: int, people: list[tuple[str, list[Given | None], list[Given | None], bool]]) -> dict[str, Any]:
    """Before and after, for participants given as (name, pre answers, post answers,
    joined late) with None for a question not answered: each one's pre and post share
    right (of the K questions; one not answered counts as not right) and Hake's g. One who
    answered no pre question has no before figure and no g (a late joiner never saw the
    pre questions: `late` says so); g is given only to those who answered at least one pre
    and one post question. The class's average g over those; discernment and lean over
    the myth-or-fact answers before and after."""
    rows: list[dict[str, Any]] = []
    before: list[Answer] = []
    after: list[Answer] = []
    for name, pre, post, late in people:
        for given, into in ((pre, before), (post, after)):
            into += [Answer(a.verdict, a.answer) for a in given if a is not None and a.kind == "myth-or-fact"]
        pre_right = sum(a.correct for a in pre if a)
        post_right = sum(a.correct for a in post if a)
        took_pre, took_both = any(pre), any(pre) and any(post)
        pre_percent, post_percent = 100 * pre_right / k, 100 * post_right / k
        g = normalised_gain(pre_percent, post_percent) if took_both else None
        why = (LATE if late else NO_PRE) if not took_pre else "no g: answered none of the questions at the end"
        rows.append({"name": name, "questions": k, "pre_right": pre_right if took_pre else None,
                     "post_right": post_right, "pre_percent": pre_percent if took_pre else None,
                     "post_percent": post_percent, "took_both": took_both, "late": late and not took_pre,
                     "g": g, "gain": gain_words(g) if took_both else why})
    found = [p["g"] for p in rows if p["g"] is not None]
    average = sum(found) / len(found) if found else None
    return {"questions": k, "people": rows, "average_g": average, "averaged": len(found),
            "average": gain_words(average) if found else "no average g: nobody has a g",
            "before": discernment(before) if before else None,
            "after": discernment(after) if after else None}


def gain_wording(figures: dict[str, Any]) -> dict[str, Any]:
    """Before and after in the words every front end prints: `intro` (which questions),
    `people` (one line per participant, without its name: `before 0 of 1 (0%), after 1 of
    1 (100%); g = 1.00 (high)`), `average` and `lean` (before and after)."""
    k = figures["questions"]

    def person(p: dict[str, Any]) -> str:
        after = f"after {p['post_right']} of {k} ({p['post_percent']:.0f}%)"
        if p["pre_right"] is None:
            return f"{after}; {p['gain']}"
        return f"before {p['pre_right']} of {k} ({p['pre_percent']:.0f}%), {after}; {p['gain']}"

    averaged = figures["averaged"]
    return {
        "intro": (f"{numbers_words(figures['pre_numbers']).capitalize()} {'was' if k == 1 else 'were'} asked "
                  f"before the workshop without {'its' if k == 1 else 'their'} answer{'s' if k != 1 else ''} "
                  f"revealed, and again at the end as {numbers_words(figures['post_numbers'])}."),
        "people": [(p["name"], person(p)) for p in figures["people"]],
        "average": f"Class average: {figures['average']}"
                   + (f" over {plural(averaged, 'participant')}." if averaged else "."),
        "before": f"Before: {lean_words(figures['before'])}.",
        "after": f"After: {lean_words(figures['after'])}.",
    }


def pre_post(room: Room) -> dict[str, Any] | None:
    """Before and after (`--pre-post K`): `gains` over the room's participants, with which
    questions were pre and post and whether the post questions were asked. A participant
    who joined after the last pre question opened and answered none is a late joiner."""
    k = room.pre_post
    if not k:
        return None
    pre_numbers = [n for n, _ in enumerate(room.items, 1) if room.part(n) == PRE]
    post_numbers = [n for n, _ in enumerate(room.items, 1) if room.part(n) == POST]
    last_pre = room.opened_at.get(pre_numbers[-1])

    def given(pid: int, number: int) -> Given | None:
        a = room.answer_of(pid, number)
        item = room.items[number - 1]
        return Given(item.answer, item.type, a.answer, a.correct) if a is not None else None

    people = [(p.name, [given(p.id, n) for n in pre_numbers], [given(p.id, n) for n in post_numbers],
               last_pre is not None and p.joined_at > last_pre)
              for p in sorted(room.participants.values(), key=lambda p: p.id)]
    return dict(gains(k, people), pre_numbers=pre_numbers, post_numbers=post_numbers,
                post_asked=any(n in room.opened_at for n in post_numbers))


def lean_words(d: Any) -> str:
    """Discernment and lean in one phrase, in the quiz summary's words (`figures_phrase`):
    `d′ = 0.84, c = −0.20, a slight lean toward distrust (the class called 3 of 9 facts
    myths and 1 of 8 myths a fact)`."""
    return "no myth-or-fact answers" if d is None else figures_phrase(d, mistakes=True, who="the class")


def class_report(room: Room) -> dict[str, Any]:
    """Per question: share right, the answers given, each round's figures and the
    switches between rounds; the most-missed items with evidence; pre/post; one row per
    answer for the CSV."""
    questions = []
    for number, item in enumerate(room.items, 1):
        if number not in room.opened_at:
            continue
        if room.part(number) == PRE:
            continue  # a pre question counts in no score: it is in the before-and-after figures only
        rounds = [_round_figures(room, number, r) for r in ((1, 2) if number in room.revote_at else (1,))]
        final = final_figures(room, number)  # each participant's final answer, once
        questions.append(dict(final, number=number, item=item, part=room.part(number), rounds=rounds,
                              switches=switches(room, number) if len(rounds) == 2 else None))
    missed = sorted((q for q in questions if q["answered"] and q["right"] < q["answered"]),
                    key=lambda q: (q["right"] / q["answered"], q["number"]))
    rows = [
        {"room": room.code, "participant": room.names.get(a.participant, ""),
         "question_number": a.question, "round": a.round, "part": room.part(a.question), "item_id": a.item_id, "answer": a.answer,
         "correct": int(a.correct),
         "answered_at": datetime.fromtimestamp(a.answered_at, timezone.utc).isoformat(timespec="seconds"),
         "seconds_to_answer": a.seconds_to_answer}
        for a in sorted(room.answers.values(), key=lambda a: (a.question, a.round, a.answered_at, a.participant))
    ]
    return {"code": room.code, "joined": len(room.participants), "questions": questions,
            "missed": [dict(q, reveal=room.revealed(q["number"])) for q in missed[:5]],
            "pre_post": pre_post(room), "rows": rows}
