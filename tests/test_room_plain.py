"""The real `mythquiz --plain room` command: the facilitator over stdin/stdout, many
participants over HTTP, the class report at the end."""

from __future__ import annotations

import csv
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import MYTHQUIZ, run_env
from room_helpers import RoomProcess, api

pytestmark = pytest.mark.slow


def test_plain_room_with_many_participants(tmp_path):
    room = RoomProcess("--code", "424242", "--count", "3", "--seed", "5", data_dir=tmp_path)
    try:
        assert room.started() == "424242"
        port = room.port
        with ThreadPoolExecutor(16) as pool:
            joins = list(pool.map(lambda n: api(port, "POST", "/api/join", {"code": "424242", "name": f"p{n}"}),
                                  range(40)))
        assert {status for status, _ in joins} == {200}
        tokens = [body["token"] for _, body in joins]
        room.wait_for(r"^Joined: .* \(40 joined\)$")
        room.send("n")
        room.wait_for(r"^Question 1 of 3 is open: ")
        status, state = api(port, "GET", "/api/state", token=tokens[0])
        options = state["question"]["options"]
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(
                lambda nt: api(port, "POST", "/api/answer", {"number": 1, "option": options[nt[0] % len(options)]},
                               token=nt[1]), enumerate(tokens)))
        assert [s for s, _ in answers] == [200] * 40
        room.wait_for(r"^Tally for question 1: 40 of 40 answered\. ")
        assert api(port, "POST", "/api/answer", {"number": 1, "option": options[0]}, token=tokens[1])[0] == 409
        room.send("c")
        room.wait_for(r"^Answering closed for question 1\.")
        room.send("r")
        room.wait_for(r"^Revealed question 1: .* Right: \d+ of 40 \(\d+%\)\.$")
        status, state = api(port, "GET", "/api/state", token=tokens[0])
        assert state["phase"] == "revealed" and state["verdict"]["excerpts"]
        room.send("n")
        room.wait_for(r"^Question 2 of 3 is open")
        assert room.close_input() == 0  # end of input ends the room cleanly
    finally:
        room.kill()
    assert any(line.startswith("Room 424242 has ended: 40 joined.") for line in room.lines)
    reports = sorted((tmp_path / "reports").glob("room-424242-*.csv"))
    assert len(reports) == 1
    rows = list(csv.DictReader(reports[0].open(encoding="utf-8")))
    assert len(rows) == 40
    assert {r["participant"] for r in rows} == {f"p{n}" for n in range(40)}
    assert {r["question_number"] for r in rows} == {"1"}
    assert list(rows[0]) == ["room", "participant", "question_number", "round", "part", "item_id", "answer", "correct",
                             "answered_at", "seconds_to_answer"]
    assert {r["round"] for r in rows} == {"1"}
    assert reports[0].with_suffix(".md").read_text(encoding="utf-8").startswith("# Class report: room 424242")


def test_plain_room_commands_out_of_order_and_q(tmp_path):
    room = RoomProcess("--code", "1", "--count", "1", data_dir=tmp_path)
    try:
        room.started()
        room.send("r")
        room.wait_for(r"^Nothing to reveal")
        room.send("c")
        room.wait_for(r"^No question is open")
        room.send("zzz")
        room.wait_for(r"^Unknown command 'zzz'")
        room.send("n")
        room.wait_for(r"^Question 1 of 1 is open")
        room.send("n")
        room.wait_for(r"^That was the last question")
        room.send("q")
        room.wait_for(r"^Room 1 has ended")
        assert room.proc.wait(timeout=30) == 0
    finally:
        room.kill()


def test_bad_usage_is_one_line_and_exit_2(tmp_path):
    for args in (["--code", "bad code!"], ["--topic", "nope"], ["--resume"], ["--port", "0"]):
        done = subprocess.run([str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "room", *args],
                              capture_output=True, text=True, env=run_env(), stdin=subprocess.DEVNULL, timeout=60)
        assert done.returncode == 2, args
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr


def test_port_in_use_is_one_line(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "room", "--port", str(port)],
                              capture_output=True, text=True, env=run_env(), stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2
    assert "cannot listen" in done.stderr and "Traceback" not in done.stderr


def test_host_other_than_loopback_warns_once(tmp_path):
    room = RoomProcess("--host", "0.0.0.0", "--count", "1", data_dir=tmp_path)
    try:
        room.started()
        assert room.close_input() == 0
    finally:
        room.kill()
    warnings = [line for line in room.proc.stderr.read().splitlines() if "warning" in line]
    assert len(warnings) == 1 and "network" in warnings[0]


def test_report_reads_the_rooms_csv(tmp_path):
    room = RoomProcess("--code", "31", "--count", "2", "--seed", "9", data_dir=tmp_path)
    try:
        room.started()
        tokens = [api(room.port, "POST", "/api/join", {"code": "31", "name": name})[1]["token"]
                  for name in ("=cmd|' /C calc'!A0", "Bo")]
        room.send("n")
        room.wait_for(r"^Question 1 of 2 is open")
        _, state = api(room.port, "GET", "/api/state", token=tokens[0])
        options = state["question"]["options"]
        for token, option in zip(tokens, options):
            assert api(room.port, "POST", "/api/answer", {"number": 1, "option": option}, token=token)[0] == 200
        room.wait_for(r"2 of 2 answered")
        assert room.close_input() == 0
    finally:
        room.kill()
    report = next((tmp_path / "reports").glob("room-31-*.csv"))
    text = report.read_text(encoding="utf-8")
    assert "\n=cmd" not in text and ",=cmd" not in text  # a formula is written as text
    done = subprocess.run([str(MYTHQUIZ), "report", str(report), "--format", "markdown"],
                          capture_output=True, text=True, env=run_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "2 participants." in done.stdout and "| Bo | " in done.stdout
    wrong = sum(row["correct"] == "0" for row in csv.DictReader(text.splitlines()))
    assert f"Missed by {wrong} of 2 ({50 * wrong}%)" in done.stdout
    broken = tmp_path / "broken.csv"
    broken.write_text(text.splitlines()[0] + "\n31,Ann,1,x\n", encoding="utf-8")
    done = subprocess.run([str(MYTHQUIZ), "report", str(broken)], capture_output=True, text=True,
                          env=run_env(), timeout=60)
    assert done.returncode == 2 and f"{broken}:2:" in done.stderr and "Traceback" not in done.stderr


def test_timer_closes_answering_and_the_leaderboard_is_shown(tmp_path):
    room = RoomProcess("--code", "8", "--count", "2", "--timer", "1", "--leaderboard", data_dir=tmp_path)
    try:
        room.started()
        token = api(room.port, "POST", "/api/join", {"code": "8", "name": "Ann"})[1]["token"]
        room.send("n")
        room.wait_for(r"^Question 1 of 2 is open: .* Time: 1 seconds\.$")
        room.wait_for(r"^Time is up: answering closed for question 1\.")
        _, state = api(room.port, "GET", "/api/state", token=token)
        assert state["phase"] == "closed"
        assert api(room.port, "POST", "/api/answer", {"number": 1, "option": state["question"]["options"][0]},
                   token=token)[0] == 409
        room.send("r")
        room.wait_for(r"^Leaderboard: 1\. Ann 0\.$")
        assert api(room.port, "GET", "/api/state", token=token)[1]["leaderboard"] == [{"name": "Ann", "right": 0, "points": 0}]
        assert room.close_input() == 0
    finally:
        room.kill()


def test_a_new_room_mentions_the_unfinished_one(tmp_path):
    first = RoomProcess("--code", "11", "--count", "1", data_dir=tmp_path)
    try:
        first.started()
    finally:
        first.kill()  # left unfinished, as by a crash
    second = RoomProcess("--code", "12", "--count", "1", data_dir=tmp_path)
    try:
        assert second.started() == "12"
        assert second.close_input() == 0
    finally:
        second.kill()
    assert "room 11 was left unfinished; `mythquiz room --resume --code 11`" in second.proc.stderr.read()


def _items(pack, **selection):
    from tui.core.room_plan import choose

    return choose(pack, topic=None, **selection).items


def test_plain_facilitator_v_opens_a_second_round_and_the_report_counts_switches(pack, tmp_path):
    item = _items(pack, seed=5, count=2, kind="myth-or-fact")[0]
    room = RoomProcess("--code", "31", "--count", "2", "--seed", "5", "--type", "myth-or-fact", data_dir=tmp_path)
    try:
        room.started()
        port = room.port
        tokens = [api(port, "POST", "/api/join", {"code": "31", "name": f"p{n}"})[1]["token"] for n in range(12)]
        room.send("v")
        room.wait_for(r"^No question to vote on again")
        room.send("n")
        room.wait_for(r"^Question 1 of 2 is open")
        options = api(port, "GET", "/api/state", token=tokens[0])[1]["question"]["options"]
        right, wrong = item.answer, next(o for o in options if o != item.answer)
        first = [right] * 4 + [wrong] * 8
        with ThreadPoolExecutor(12) as pool:
            statuses = list(pool.map(lambda tv: api(port, "POST", "/api/answer", {"number": 1, "option": tv[1]},
                                                    token=tv[0])[0], zip(tokens, first)))
        assert statuses == [200] * 12
        room.wait_for(r"^Tally for question 1: 12 of 12 answered\. ")
        room.send("c")
        room.wait_for(r"^Answering closed for question 1\.")
        room.send("v")
        found = room.wait_for(r"^Second round open for question 1: .*First round \(shown here only, not to "
                              r"participants\): Tally for question 1: 12 of 12 answered\. (.*)$")
        assert f"{right}: 4 (33%)" in found.group(1) and f"{wrong}: 8 (67%)" in found.group(1)
        status, state = api(port, "GET", "/api/state", token=tokens[0])
        assert state["round"] == 2 and state["phase"] == "open" and state["your_answer"] is None
        # Two of the four right switch to wrong; six of the eight wrong switch to right.
        second = [right, right, wrong, wrong] + [right] * 6 + [wrong] * 2
        with ThreadPoolExecutor(12) as pool:
            statuses = list(pool.map(lambda tv: api(port, "POST", "/api/answer",
                                                    {"number": 1, "option": tv[1], "round": 2}, token=tv[0])[0],
                                     zip(tokens, second)))
        assert statuses == [200] * 12
        room.wait_for(r"^Tally for question 1, round 2: 12 of 12 answered\. ")
        assert api(port, "POST", "/api/answer", {"number": 1, "option": right}, token=tokens[0])[0] == 409
        room.send("v")
        room.wait_for(r"^Question 1 is already in its second round")
        room.send("r")
        room.wait_for(r"^Revealed question 1: .* Right: 8 of 12 \(67%\)\.$")
        assert room.close_input() == 0
    finally:
        room.kill()
    assert ("Question 1 in two rounds: first 4 of 12 right (33%), second 8 of 12 (67%); of 12 who answered "
            "both, 6 switched wrong to right and 2 right to wrong.") in room.lines
    csv_path = next((tmp_path / "reports").glob("room-31-*.csv"))
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert sorted((r["round"], r["correct"]) for r in rows).count(("2", "1")) == 8 and len(rows) == 24
    markdown = csv_path.with_suffix(".md").read_text(encoding="utf-8")
    assert "## Vote, discuss, vote again" in markdown
    assert "| 1 | 4 of 12 (33%) | 8 of 12 (67%) | 6 | 2 | 12 |" in markdown
    # `mythquiz report` reads the same CSV: switches counted, each participant scored by the final answer.
    result = subprocess.run([str(MYTHQUIZ), "report", str(csv_path), "--format", "markdown"],
                            capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 31 | 1 |"))
    assert row.endswith("| 4 of 12 (33%) | 8 of 12 (67%) | 6 | 2 |")
    assert "| p2 | 0 of 1 | 0% |" in result.stdout and "| p4 | 1 of 1 | 100% |" in result.stdout
    # A room CSV written before rounds existed (no `round` column) is still read.
    old = tmp_path / "old.csv"
    with old.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([c for c in rows[0] if c not in ("round", "part")])
        writer.writerows([v for c, v in r.items() if c not in ("round", "part")] for r in rows if r["round"] == "1")
    result = subprocess.run([str(MYTHQUIZ), "report", str(old), "--format", "markdown"],
                            capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Vote, discuss" not in result.stdout and "| p2 | 1 of 1 | 100% |" in result.stdout
