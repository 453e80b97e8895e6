"""`mythquiz stats` and `mythquiz export results` as a user runs them, with quizzes and a
facilitator's live room in the same progress.db: the room's answers appear in both, the
discernment trend is said in words and figures, and every answer's given and correct
verdict and certainty are exported so the figures can be recomputed elsewhere."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest

from conftest import MYTHQUIZ, run_env
from tui.core.engine import Session
from tui.core.progress import Store
from tui.core.room import Room
from tui.core.room_store import RoomStore
from tui.core.signal_detection import Answer, discernment
from tui.export.results import CSV_HEADER

CODE = "424242"
CERTAINTY = "https://mythquiz.invalid/xapi/extensions/certainty"
ROOM = "https://mythquiz.invalid/xapi/extensions/room-code"
ROUND = "https://mythquiz.invalid/xapi/extensions/round"


def mq(data_dir, *args: str, stdin: str = ""):
    result = subprocess.run([str(MYTHQUIZ), "--data-dir", str(data_dir), *args], input=stdin,
                            capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    return result


def myth_or_fact(pack, n: int = 6) -> list:
    """n myth-or-fact items: myths and facts alternating, so both kinds are asked."""
    myths = [i for i in pack.items if i.type == "myth-or-fact" and i.answer == "Myth"]
    facts = [i for i in pack.items if i.type == "myth-or-fact" and i.answer == "Fact"]
    return [x for pair in zip(myths, facts) for x in pair][:n]


def quiz(store: Store, pack, items, given, certainty=None) -> None:
    """One session answering each item with given(item), kept with the certainty given."""
    session = Session(pack, items, seed=5)
    for item in items:
        session.answer(given(item))
        assert store.record_answer(session, session.records[-1], certainty(item) if certainty else None)
        session.next()
    assert store.finish_session(session)


@pytest.fixture
def history(tmp_path, pack):
    """Three quizzes (all "Myth"; half right; all right with certainty) and one room, where
    Ann is always right and Bo always wrong but for the first question's re-vote."""
    items = myth_or_fact(pack)
    store = Store(tmp_path)
    quiz(store, pack, items, lambda item: "Myth")
    quiz(store, pack, items, lambda item: "Myth" if items.index(item) < 3 else item.answer)
    quiz(store, pack, items, lambda item: item.answer, certainty=lambda item: 3 if item.answer == "Myth" else 2)
    store.close()
    room = Room.create(pack, RoomStore(tmp_path), seed=11, count=4, code=CODE)
    ann, bo = room.join(CODE, "Ann"), room.join(CODE, "=Bo, the \"bold\"")
    for n in range(len(room.items)):
        room.open_next()
        room.answer(ann, n + 1, room.items[n].answer)
        room.answer(bo, n + 1, next(o for o in room.options[n] if o != room.items[n].answer))
        room.close()
        if n == 0:
            assert room.revote()
            room.answer(bo, 1, room.items[0].answer, 2)
        room.reveal()
    room.end()
    return tmp_path, items, room


def test_stats_says_the_trend_and_the_room_in_words_and_figures(history):
    data_dir, items, room = history
    out = mq(data_dir, "--plain", "stats").stdout
    trend = out[out.index("Telling myths from facts"):]
    rows = re.findall(r"^  \d{4}-\d\d-\d\d: d′ = (−?\d+\.\d\d), c = (−?\d+\.\d\d), (.*lean[^(]*)",
                      trend, re.M)
    assert len(rows) == 3
    # All "Myth": no discernment at all and a strong lean toward distrust, though half were right.
    assert rows[0] == ("0.00", rows[0][1], "a strong lean toward distrust ") and rows[0][1].startswith("−")
    assert float(rows[2][0]) > 1.0 and rows[2][2] == "no lean "  # all right
    assert f"Discernment is rising: d′ went from 0.00 in the first quiz to {rows[2][0]} in the last" in trend
    assert "Answers showed a strong lean toward distrust in 1 of 3, a slight lean toward distrust in 1 of 3, " \
           "no lean in 1 of 3" in trend
    assert f"Live rooms you ran: 1:\n  {CODE} on " in out
    # Each participant's final answer counts: Bo's re-vote, not his first answer.
    right, final = len(room.items) + 1, 2 * len(room.items)
    assert f"2 participants, {len(room.items)} questions, {right} of {final} answers right " \
           f"({round(100 * right / final)}%)" in out
    assert "Questions due for review under the Leitner scheduler:" in out


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_results_csv_has_every_answer_with_verdicts_certainty_and_room(history, pack):
    data_dir, items, room = history
    text = mq(data_dir, "export", "results", "--format", "csv").stdout
    assert tuple(next(csv.reader(io.StringIO(text)))) == CSV_HEADER
    rows = rows_of(text)
    quizzes = [r for r in rows if not r["room"]]
    in_room = [r for r in rows if r["room"]]
    assert len(quizzes) == 3 * len(items) and len(in_room) == 2 * len(room.items) + 1
    assert [r["given"] for r in quizzes[:len(items)]] == ["Myth"] * len(items)
    assert [r["answer"] for r in quizzes[:len(items)]] == [i.answer for i in items]
    assert [r["certainty"] for r in quizzes[-len(items):]] == ["3" if i.answer == "Myth" else "2" for i in items]
    assert all(r["certainty"] == "" for r in quizzes[:2 * len(items)] + in_room)
    assert {r["room"] for r in in_room} == {CODE}
    # A nickname that looks like a formula is kept as text, with the quote a spreadsheet needs.
    assert {r["name"] for r in in_room} == {"Ann", "'=Bo, the \"bold\""}
    ann = [r for r in in_room if r["name"] == "Ann"]
    assert [r["item"] for r in ann] == [i.id for i in room.items]
    assert all(r["correct"] == "right" and r["given"] == r["answer"] and r["round"] == "1" for r in ann)
    revote = [r for r in in_room if r["round"] == "2"]
    assert len(revote) == 1 and revote[0]["item"] == room.items[0].id and revote[0]["correct"] == "right"
    # One session per participant; Bo's first answer to the re-voted question is kept but not
    # counted: his final (round-2) answer is, once.
    bo = [r for r in in_room if r["name"] != "Ann"]
    assert revote[0]["session"] in {r["session"] for r in bo} and len({r["session"] for r in bo}) == 1
    assert [(r["question"] == revote[0]["question"], r["round"], r["counted"]) for r in bo][:2] == [
        (True, "1", "no"), (True, "2", "yes")]
    assert all(r["counted"] == "yes" and r["phase"] == "workshop" for r in bo[2:] + ann)


def test_the_exported_verdicts_recompute_the_figures_stats_shows(history):
    data_dir, items, _ = history
    rows = [r for r in rows_of(mq(data_dir, "export", "results", "--format", "csv").stdout)
            if r["type"] == "myth-or-fact" and not r["room"]]
    out = mq(data_dir, "--plain", "stats").stdout
    shown = re.findall(r"^  \d{4}-\d\d-\d\d: d′ (-?\d+\.\d\d), c (-?\d+\.\d\d)", out, re.M)
    for n, figures in enumerate(shown, 1):
        d = discernment(Answer(r["answer"], r["given"]) for r in rows if r["session"] == str(n))
        assert figures == (f"{d.d_prime:.2f}", f"{d.bias:.2f}")


def test_results_json_holds_rooms_and_certainty_and_report_reads_it(history, tmp_path):
    data_dir, items, room = history
    out = tmp_path / "results.json"
    mq(data_dir, "export", "results", "-o", str(out))
    sessions = json.loads(out.read_text(encoding="utf-8"))["sessions"]
    assert [s["room"] for s in sessions] == [None] * 3 + [CODE, CODE]
    bo = sessions[4]  # his re-vote replaced his first answer: one counted, right
    assert (bo["score"], bo["answered"]) == (1, len(room.items))
    assert sum(a["counted"] for a in bo["answers"]) == len(room.items) and len(bo["answers"]) == len(room.items) + 1
    assert [a["certainty"] for a in sessions[2]["answers"]] == [3 if i.answer == "Myth" else 2 for i in items]
    assert sessions[3]["name"] == "Ann" and sessions[3]["score"] == sessions[3]["answered"] == len(room.items)
    assert [(a["given"], a["answer"]) for a in sessions[0]["answers"]] == [("Myth", i.answer) for i in items]
    report = mq(data_dir, "report", str(out)).stdout
    assert "5 participants" in report and "Ann" in report
    assert f"1 of {len(room.items)}" in report  # Bo, as the room said


def test_report_still_reads_a_results_csv_of_the_layout_before_rooms(tmp_path, pack):
    item = pack.items[0]
    old = tmp_path / "old.csv"
    old.write_text("name,date,seed,session,item,question,given,answer,correct,seconds\n"
                   f"Ada,2026-11-01T10:00:00+00:00,3,1,{item.id},Q,{item.answer},{item.answer},right,2.0\n",
                   encoding="utf-8")
    new = tmp_path / "new.csv"
    mq(tmp_path / "data", "--plain", "quiz", "--count", "2", "--seed", "3", "--name", "Bo", stdin="1\n1\n")
    mq(tmp_path / "data", "export", "results", "--format", "csv", "-o", str(new))
    report = mq(tmp_path, "report", str(old), str(new)).stdout
    assert "2 participants" in report and "Ada" in report and "Bo" in report


def test_xapi_carries_rooms_certainty_response_and_pattern(history):
    data_dir, items, room = history
    statements = json.loads(mq(data_dir, "export", "results", "--format", "xapi").stdout)
    assert len(statements) == 3 * len(items) + 2 * len(room.items) + 1
    assert len({s["id"] for s in statements}) == len(statements)
    for s in statements:
        definition = s["object"]["definition"]
        ids = {c["description"]["en"]: c["id"] for c in definition["choices"]}
        # choice: the response is the chosen choice's id; the pattern, the right one's.
        assert s["result"]["response"] in ids.values() and "[,]" not in s["result"]["response"]
        assert len(definition["correctResponsesPattern"]) == 1
        assert s["result"]["success"] == (s["result"]["response"] == definition["correctResponsesPattern"][0])
    quizzes, in_room = statements[:3 * len(items)], statements[3 * len(items):]
    assert [s["result"].get("extensions", {}).get(CERTAINTY) for s in quizzes[-len(items):]] == [
        3 if i.answer == "Myth" else 2 for i in items]
    assert all("extensions" not in s["result"] for s in quizzes[:2 * len(items)] + in_room)
    assert {s["context"]["extensions"][ROOM] for s in in_room} == {CODE}
    assert sorted(s["context"]["extensions"][ROUND] for s in in_room) == [1] * 2 * len(room.items) + [2]
    assert {s["actor"]["account"]["name"] for s in in_room} == {"Ann", "=Bo, the \"bold\""}
    assert len({s["context"]["registration"] for s in in_room}) == 2  # one per participant
    assert json.loads(mq(data_dir, "export", "results", "--format", "xapi").stdout) == statements


def test_certainty_given_in_a_plain_quiz_is_exported(tmp_path):
    mq(tmp_path, "--plain", "quiz", "--certainty", "--count", "2", "--seed", "3", "--type", "myth-or-fact",
       stdin="m 3\nf 1\n")
    rows = rows_of(mq(tmp_path, "export", "results", "--format", "csv").stdout)
    assert [(r["given"], r["certainty"]) for r in rows] == [("Myth", "3"), ("Fact", "1")]
    assert all(r["type"] == "myth-or-fact" and r["answer"] in ("Myth", "Fact", "Disputed") for r in rows)
