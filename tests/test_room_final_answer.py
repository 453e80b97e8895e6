"""One rule for a question answered in two rounds, everywhere: each participant's final
answer counts (their round-2 answer if they gave one, else their round-1 answer), once —
in the reveal line, the class report, the participant's score, `stats`, `mythquiz report`
on the room CSV and the results export. Driven through the real command: participants
over the HTTP API, the facilitator over stdin."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import MYTHQUIZ, run_env
from room_helpers import RoomProcess, api

pytestmark = pytest.mark.slow

# Question 1: right (True) or wrong per participant in round 1 and round 2 (None: no answer).
# dee answers only the first round: her round-1 answer is her final one and counts.
FIRST = {"ana": False, "ben": False, "dee": True}
SECOND = {"ana": True, "ben": False, "dee": None}
FINAL = {name: SECOND[name] if SECOND[name] is not None else FIRST[name] for name in FIRST}


def mq(data_dir, *args: str) -> str:
    result = subprocess.run([str(MYTHQUIZ), "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                            env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_revoted_question_counts_each_final_answer_once_everywhere(pack, tmp_path):
    room = RoomProcess("--code", "55", "--count", "2", "--seed", "9", "--type", "myth-or-fact", data_dir=tmp_path)
    try:
        room.started()
        port = room.port
        tokens = {n: api(port, "POST", "/api/join", {"code": "55", "name": n})[1]["token"] for n in FIRST}
        room.send("n")
        room.wait_for(r"^Question 1 of 2 is open")
        question = api(port, "GET", "/api/state", token=tokens["ana"])[1]["question"]
        verdict: dict[int, str] = {}

        def option(name: str, right: bool, number: int) -> str:
            options = api(port, "GET", "/api/state", token=tokens[name])[1]["question"]["options"]
            return verdict[number] if right else next(o for o in options if o != verdict[number])

        item = next(i for i in pack.items if i.prompt in question["text"])
        verdict[1] = item.answer
        for name, right in FIRST.items():
            assert api(port, "POST", "/api/answer", {"number": 1, "option": option(name, right, 1)},
                       token=tokens[name])[0] == 200
        room.send("c")
        room.wait_for(r"^Answering closed for question 1\.")
        room.send("v")
        room.wait_for(r"^Second round open for question 1")
        for name, right in SECOND.items():
            if right is not None:
                assert api(port, "POST", "/api/answer", {"number": 1, "option": option(name, right, 1), "round": 2},
                           token=tokens[name])[0] == 200
        room.send("r")
        right, answered = sum(FINAL.values()), len(FINAL)
        room.wait_for(rf"^Revealed question 1: .* Right: {right} of {answered} \({round(100 * right / answered)}%\)\.$")
        for name in FIRST:  # each device's score: the final answer
            assert api(port, "GET", "/api/state", token=tokens[name])[1]["score"] == {
                "right": int(FINAL[name]), "answered": 1, "asked": 1}
        room.send("n")
        room.wait_for(r"^Question 2 of 2 is open")
        text = api(port, "GET", "/api/state", token=tokens["ana"])[1]["question"]["text"]
        verdict[2] = next(i for i in pack.items if i.prompt in text).answer
        for name in FIRST:
            assert api(port, "POST", "/api/answer", {"number": 2, "option": verdict[2]}, token=tokens[name])[0] == 200
        room.send("r")
        room.wait_for(r"^Revealed question 2: .* Right: 3 of 3 \(100%\)\.$")
        assert room.close_input() == 0
    finally:
        room.kill()
    assert f"Question 1 ({item.id}): {right} of {answered} right ({round(100 * right / answered)}%)." in " ".join(
        room.lines)
    markdown = next((tmp_path / "reports").glob("room-55-*.md")).read_text(encoding="utf-8")
    assert f"| {right} of {answered} | {round(100 * right / answered)}% |" in markdown

    # `mythquiz report` on the room CSV: the same scores and the same miss count.
    csv_path = next((tmp_path / "reports").glob("room-55-*.csv"))
    report = mq(tmp_path, "report", str(csv_path), "--format", "markdown")
    for name, final in FINAL.items():
        assert f"| {name} | {int(final) + 1} of 2 |" in report, name
    assert f"Missed by {answered - right} of {answered} " in report

    # `stats`: the room's answers are the final ones.
    stats = mq(tmp_path, "--plain", "stats")
    total_right = right + 3
    assert f"3 participants, 2 questions, {total_right} of 6 answers right ({round(100 * total_right / 6)}%)" in stats

    # The results export: one session per participant, its score over final answers.
    sessions = json.loads(mq(tmp_path, "export", "results", "--format", "json"))["sessions"]
    scores = {s["name"]: (s["score"], s["answered"]) for s in sessions}
    assert scores == {name: (int(final) + 1, 2) for name, final in FINAL.items()}
    for s in sessions:
        counted = [a for a in s["answers"] if a["counted"]]
        assert s["score"] == sum(a["correct"] for a in counted) and s["answered"] == len(counted)
    # xAPI: the same answers counted, each statement saying so.
    statements = json.loads(mq(tmp_path, "export", "results", "--format", "xapi"))
    counted_right: dict[str, int] = {}
    for statement in statements:
        extensions = statement["context"]["extensions"]
        if next(v for k, v in extensions.items() if k.endswith("/counted")):
            name = statement["actor"]["name"]
            counted_right[name] = counted_right.get(name, 0) + statement["result"]["success"]
    assert counted_right == {name: score for name, (score, _) in scores.items()}
