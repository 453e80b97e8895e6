"""The parts of a class report that only a live room's CSV gives: the questions asked in
two rounds (vote, discuss, vote again) and, for a room run with `--pre-post`, each
participant's gain. `report.py` reads the files; this module adds up their rows.

A room CSV's sessions (one per participant) carry `rounds`: question number → round →
the answer given. A post question has its pre question's item at a later question
number, so the pre/post pairs are found in the answers themselves.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from ..core.explain import question_text
from ..core.model import Pack
from ..core.problems import printable
from ..core.room_results import Given, gain_wording, gains
from .handout import md
from ..core.percent import percent


class RevoteRow(NamedTuple):
    """A live room's question asked in two rounds (vote, discuss, vote again)."""

    room: str
    number: int
    question: str
    first: tuple[int, int]  # right, answered in round 1
    second: tuple[int, int]  # right, answered in round 2
    wrong_to_right: int
    right_to_wrong: int
    both: int  # answered in both rounds

    @staticmethod
    def share(figures: tuple[int, int]) -> str:
        right, answered = figures
        return f"{right} of {answered} ({percent(right, answered)}%)"


REVOTE_NOTE = ("Live-room questions answered a second time after discussion; a participant's score counts "
               "their final answer. Switches count those who answered in both rounds.")


def revotes(pack: Pack, sessions: list[dict[str, Any]]) -> list[RevoteRow]:
    """Per room question answered in a second round: each round's share right and who
    switched, counted over those who answered both rounds."""
    figures: dict[tuple[str, int], dict[str, Any]] = {}
    for session in sessions:
        for number, given in session.get("rounds", {}).items():
            first = next(iter(given.values()))
            figures.setdefault((first["room"], number), {"item": first["item"], "answers": []})["answers"].append(given)
    rows = []
    for (room, number), f in sorted(figures.items()):
        answers = f["answers"]
        if not any(2 in given for given in answers):
            continue
        by_round = [[given[r]["correct"] for given in answers if r in given] for r in (1, 2)]
        both = [(given[1]["correct"], given[2]["correct"]) for given in answers if 1 in given and 2 in given]
        item = pack.item(f["item"])
        rows.append(RevoteRow(printable(room), number, question_text(item) if item else printable(f["item"]),
                              (sum(by_round[0]), len(by_round[0])), (sum(by_round[1]), len(by_round[1])),
                              sum(not a and b for a, b in both), sum(a and not b for a, b in both), len(both)))
    return rows


def gains_by_room(pack: Pack, sessions: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Before and after, per room run with `--pre-post`: a post question has its pre
    question's item at a later question number, so the pairs are found in the answers."""
    rooms: dict[str, list[dict[str, Any]]] = {}
    for session in sessions:
        for given in session.get("rounds", {}).values():
            rooms.setdefault(next(iter(given.values()))["room"], []).append(session)
            break
    out = []
    for room, members in rooms.items():
        numbers: dict[str, set[int]] = {}
        for session in members:
            for number, given in session["rounds"].items():
                numbers.setdefault(next(iter(given.values()))["item"], set()).add(number)
        pairs = sorted((min(n), max(n), item_id) for item_id, n in numbers.items() if len(n) > 1)
        if not pairs:
            continue

        def given(session: dict[str, Any], number: int, item_id: str) -> Given | None:
            by_round = session["rounds"].get(number)
            if not by_round:
                return None
            final = by_round[max(by_round)]
            item = pack.item(item_id)
            return Given(item.answer if item else "", item.type if item else "", final["given"], final["correct"])

        # A CSV has no join times: one who answered no pre question has no before figure.
        people = [(printable(session["name"]), [given(session, pre, i) for pre, _, i in pairs],
                   [given(session, post, i) for _, post, i in pairs], False) for session in members]
        out.append((printable(room), dict(gains(len(pairs), people), pre_numbers=[p[0] for p in pairs],
                                      post_numbers=[p[1] for p in pairs])))
    return out


def gain_lines(room: str, figures: dict[str, Any], esc: Callable[[str], str] = md) -> list[str]:
    """Before and after in lines: the pairs, one per participant (starting "- "), the
    class's average and the lean; names and codes through `esc` (Markdown escapes them)."""
    words = gain_wording(figures)
    lines = [f"Room {esc(room)}: {words['intro']} g = (post − pre) / (100 − pre): below 0.3 low, "
             "0.3 to 0.7 medium, above 0.7 high. Pre questions count in no score.", ""]
    lines += [f"- {esc(name)}: {line}." for name, line in words["people"]]
    lines += ["", words["average"], "", f"{words['before']} {words['after']}"]
    return lines
