"""Before and after (`mythquiz room --pre-post K`) through the real command: participants
over the HTTP API, the facilitator over stdin. Pre questions are never revealed to any
device; the class report's gains are checked against values worked by hand."""

from __future__ import annotations

import http.client
import json
import subprocess

import pytest

from conftest import MYTHQUIZ, run_env
from room_helpers import RoomProcess, api
from tui.core.room_plan import choose
from tui.core.room_results import lean_words
from tui.core.signal_detection import Answer, discernment

pytestmark = pytest.mark.slow

NAMES = ("A", "B", "C", "D")


def page(port: int, token: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/play", headers={"Cookie": f"mythquiz_room={token}"})
        return conn.getresponse().read().decode("utf-8")
    finally:
        conn.close()


def test_pre_post_room_end_to_end_with_hand_worked_gains(pack, tmp_path):
    items = choose(pack, seed=8, count=1, topic=None, kind="myth-or-fact", pre_post=2).items
    assert [i.id for i in items[3:]] == [i.id for i in items[:2]] and items[2] not in items[:2]
    room = RoomProcess("--code", "77", "--count", "1", "--seed", "8", "--type", "myth-or-fact",
                       "--pre-post", "2", data_dir=tmp_path)
    # Right (True) or wrong per participant, question by question (E joins after the pre questions).
    plan = {1: dict(A=False, B=True, C=True, D=False), 2: dict(A=False, B=False, C=True, D=False),
            3: dict(A=True, B=True, C=True, D=True, E=False),
            4: dict(A=True, B=True, C=True, D=False, E=True), 5: dict(A=False, B=True, C=True, D=False, E=False)}
    given: dict[tuple[str, int], str] = {}
    try:
        room.started()
        port = room.port
        tokens = {n: api(port, "POST", "/api/join", {"code": "77", "name": n})[1]["token"] for n in NAMES}
        for number in range(1, 6):
            if number == 3:
                tokens["E"] = api(port, "POST", "/api/join", {"code": "77", "name": "E"})[1]["token"]
            room.send("n")
            room.wait_for(rf"^Question {number} of 5 is open")
            item = items[number - 1]
            wrong = next(o for o in room_options(port, tokens["A"]) if o != item.answer)
            for name, right in plan[number].items():
                given[(name, number)] = item.answer if right else wrong
                status, _ = api(port, "POST", "/api/answer", {"number": number, "option": given[(name, number)]},
                                token=tokens[name])
                assert status == 200
            room.send("r")
            if number <= 2:
                room.wait_for(rf"^Question {number} is a pre question: answering closed, nothing revealed\.")
                for token in tokens.values():  # no verdict reaches any device
                    status, state = api(port, "GET", "/api/state", token=token)
                    assert state["phase"] == "closed" and "verdict" not in state and state["part"] == "pre"
                    assert state["score"] == {"right": 0, "answered": 0, "asked": 0}
                    shown = page(port, token)
                    assert "Correct" not in shown and "Incorrect" not in shown and "right answer" not in shown
                    assert item.explanation[:40] not in shown and "Wait for the next question" in shown
                    assert json.dumps(state).count(item.explanation[:40]) == 0
            else:
                room.wait_for(rf"^Revealed question {number}: ")
                status, state = api(port, "GET", "/api/state", token=tokens["A"])
                assert state["verdict"]["you_were_right"] is plan[number]["A"]
        status, state = api(port, "GET", "/api/state", token=tokens["B"])
        assert state["score"] == {"right": 3, "answered": 3, "asked": 3}  # the pre questions never count
        assert room.close_input() == 0
    finally:
        room.kill()
    # Hand-worked: pre and post share right, g = (post − pre) / (100 − pre).
    expected = ["A: before 0 of 2 (0%), after 1 of 2 (50%); g = 0.50 (medium).",
                "B: before 1 of 2 (50%), after 2 of 2 (100%); g = 1.00 (high).",
                "C: before 2 of 2 (100%), after 2 of 2 (100%); g undefined (everything was right before).",
                "D: before 0 of 2 (0%), after 0 of 2 (0%); g = 0.00 (low).",
                # E joined after the pre questions: no before figure, not "0 of 2".
                "E: after 1 of 2 (50%); no before figure: joined after the questions before the workshop.",
                "Before and after: Questions 1 and 2 were asked before the workshop without their answers "
                "revealed, and again at the end as questions 4 and 5.",
                "Class average: g = 0.50 (medium) over 3 participants."]
    for line in expected:
        assert line in room.lines, line
    before = discernment(Answer(items[n - 1].answer.lower(), given[(p, n)].lower())
                         for (p, n) in given if n <= 2)
    after = discernment(Answer(items[n - 1].answer.lower(), given[(p, n)].lower())
                        for (p, n) in given if n >= 4)
    assert f"Before: {lean_words(before)}. After: {lean_words(after)}." in room.lines
    markdown = next((tmp_path / "reports").glob("room-77-*.md")).read_text(encoding="utf-8")
    assert "## Before and after" in markdown
    assert "| A | 0 of 2 (0%) | 1 of 2 (50%) | g = 0.50 (medium) |" in markdown
    assert "| C | 2 of 2 (100%) | 2 of 2 (100%) | g undefined (everything was right before) |" in markdown
    assert "Class average: g = 0.50 (medium) over 3 participants." in markdown
    assert "| 1 (pre)" not in markdown  # a pre question is in the before-and-after section only
    pre_answers = len(plan[1]) + len(plan[2])
    assert (f"5 joined; 3 questions asked, {sum(len(plan[n]) for n in (3, 4, 5))} answers; besides, before the "
            f"workshop, 2 questions and {pre_answers} answers, in no score.") in markdown
    assert "| E | joined after the questions before the workshop | 1 of 2 (50%) | no g |" in markdown
    # `mythquiz report` finds the pairs in the CSV (a post question has its pre question's item)
    csv_path = next((tmp_path / "reports").glob("room-77-*.csv"))
    line = "A: before 0 of 2 (0%), after 1 of 2 (50%); g = 0.50 (medium)."
    for fmt, shown in (("markdown", f"- {line}"), ("html", f"<li>{line}</li>"), ("table", "g = 1.00 (high)")):
        result = subprocess.run([str(MYTHQUIZ), "report", str(csv_path), "--format", fmt], capture_output=True,
                                text=True, env=run_env(), timeout=60)
        assert result.returncode == 0, result.stderr
        assert shown in result.stdout, fmt
        assert "no before figure: answered none of the questions before the workshop" in " ".join(
            result.stdout.split()), fmt
    assert "Class average: g = 0.50 (medium) over 3 participants." in result.stdout.replace("\n", " ")
    # Pre answers count in no score: each participant's score is over questions 3 to 5, as
    # their device said, and the pre/post item is missed by the post answers only.
    result = subprocess.run([str(MYTHQUIZ), "report", str(csv_path), "--format", "markdown"], capture_output=True,
                            text=True, env=run_env(), timeout=60)
    for name in ("A", "B", "C", "D", "E"):
        right = sum(plan[n][name] for n in (3, 4, 5) if name in plan[n])
        assert f"| {name} | {right} of {3 if name != 'E' else 3} |" in result.stdout, name
    # `stats` counts the room's questions after the pre ones, and their answers only.
    stats = subprocess.run([str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "stats"], capture_output=True,
                           text=True, env=run_env(), timeout=60).stdout
    right, answered = sum(sum(plan[n].values()) for n in (3, 4, 5)), sum(len(plan[n]) for n in (3, 4, 5))
    assert f"5 participants, 3 questions, {right} of {answered} answers right " \
           f"({round(100 * right / answered)}%)" in stats
    # A room CSV written before the `part` column: the pre question is found by its item
    # coming again later, and counts in no score either.
    import csv

    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    old = tmp_path / "old.csv"
    with old.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([c for c in rows[0] if c != "part"])
        writer.writerows([v for c, v in r.items() if c != "part"] for r in rows)
    before_part = subprocess.run([str(MYTHQUIZ), "report", str(old), "--format", "markdown"], capture_output=True,
                                 text=True, env=run_env(), timeout=60).stdout
    assert "| A | 2 of 3 |" in before_part and "| A | 2 of 5 |" not in before_part
    missed = sum(not right for right in plan[4].values())
    assert f"Missed by {missed} of {len(plan[4])} ({round(100 * missed / len(plan[4]))}%)" in result.stdout
    assert f"Missed by {missed} of {len(plan[4]) + len(plan[1])}" not in result.stdout


def room_options(port: int, token: str) -> list[str]:
    return api(port, "GET", "/api/state", token=token)[1]["question"]["options"]
