"""The progress store: atomic writes, corrupt and future files, concurrency, kills, review."""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest

from conftest import MYTHQUIZ, run_env
from tui.core.progress import SCHEMA, Store, apply_answer, due_for_review, empty, history


def plain(data_dir, *args: str, stdin: str = "", **popen):
    return subprocess.run(
        [str(MYTHQUIZ), "--plain", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, env=run_env(), timeout=60, **popen,
    )


def seen_total(path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    return sum(entry["seen"] for entry in data["items"].values())


def test_every_answer_is_saved_with_its_session(tmp_path):
    result = plain(tmp_path, "quiz", "--count", "5", "--seed", "2", stdin="1\n2\n1\n2\n1\n")
    assert result.returncode == 0
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert sum(e["seen"] for e in data["items"].values()) == 5
    (session,) = data["sessions"]
    correct = len(re.findall(r"^Correct ✓", result.stdout, flags=re.M))
    assert session["score"] == correct and session["answered"] == 5 and session["seed"] == 2
    assert [a["correct"] for a in session["answers"]].count(True) == correct
    assert session["duration"] >= 0 and session["date"]


def test_no_save_keeps_the_session_out(tmp_path):
    plain(tmp_path, "--no-save", "quiz", "--count", "3", "--seed", "2", stdin="1\n1\n1\n")
    assert not (tmp_path / "progress.json").exists()


def test_corrupt_file_is_moved_aside_with_a_warning(tmp_path):
    store_file = tmp_path / "progress.json"
    store_file.write_text('{"schema": 1, "items": {', encoding="utf-8")
    result = plain(tmp_path, "quiz", "--count", "1", "--seed", "2", stdin="1\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    (aside,) = tmp_path.glob("progress.json.broken-*")
    assert aside.read_text(encoding="utf-8") == '{"schema": 1, "items": {'
    warning = result.stderr.strip().splitlines()[0]
    assert str(store_file) in warning and str(aside) in warning and "not valid JSON" in warning
    assert seen_total(store_file) == 1


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"[1, 2, 3]", b'{"schema": "one"}', b""])
def test_unreadable_layouts_are_moved_aside(tmp_path, content):
    (tmp_path / "progress.json").write_bytes(content)
    store = Store(tmp_path)
    assert store.load() == empty()
    assert len(list(tmp_path.glob("progress.json.broken-*"))) == 1
    assert store.warnings and "moved to" in store.warnings[0]


def test_future_schema_is_not_overwritten(tmp_path):
    future = {"schema": SCHEMA + 1, "items": {}, "sessions": [], "settings": {}, "new": True}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(future), encoding="utf-8")
    before = path.read_bytes()
    result = plain(tmp_path, "quiz", "--count", "2", "--seed", "2", stdin="1\n1\n")
    assert result.returncode == 0
    assert path.read_bytes() == before
    assert "newer mythquiz" in result.stderr and "not saved" in result.stderr


def test_leitner_boxes_and_due_order():
    data = empty()
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    apply_answer(data, "a", False, t0.isoformat())
    apply_answer(data, "a", False, t0.isoformat())
    apply_answer(data, "b", False, (t0 - timedelta(days=1)).isoformat())
    apply_answer(data, "c", False, t0.isoformat())
    apply_answer(data, "c", True, t0.isoformat())  # box 2: back after 4 days
    apply_answer(data, "d", True, t0.isoformat())  # never missed: never reviewed
    assert history(data, "a").box == 1 and history(data, "c").box == 2
    # Most-missed first, then longest ago.
    assert due_for_review(data, ["a", "b", "c", "d"], t0) == ["a", "b"]
    assert due_for_review(data, ["a", "b", "c", "d"], t0 + timedelta(days=4)) == ["a", "b", "c"]
    apply_answer(data, "c", True, t0.isoformat())  # box 3: back after 8 days
    assert "c" not in due_for_review(data, ["c"], t0 + timedelta(days=7))
    assert "c" in due_for_review(data, ["c"], t0 + timedelta(days=8))
    apply_answer(data, "c", False, t0.isoformat())
    assert history(data, "c").box == 1


def test_review_after_a_quiz_asks_only_missed_items(tmp_path):
    first = plain(tmp_path, "quiz", "--count", "8", "--seed", "5", stdin="1\n" * 8)
    saved = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    missed = {a["item"] for a in saved["sessions"][-1]["answers"] if not a["correct"]}
    assert missed
    said = re.search(r"^You missed (\d+) questions?:$", first.stdout, flags=re.M)
    assert said and int(said.group(1)) == len(missed)
    review = plain(tmp_path, "quiz", "--review", "--count", "20", stdin="1\n" * 20)
    assert "review of missed questions" in review.stdout
    asked = re.findall(r"^Question \d+ of (\d+)$", review.stdout, flags=re.M)
    assert int(asked[0]) == len(missed)
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    reviewed = {a["item"] for a in data["sessions"][-1]["answers"]}
    assert reviewed == missed and data["sessions"][-1]["review"] is True


def test_review_with_nothing_due_says_so_and_offers_a_quiz(tmp_path):
    result = plain(tmp_path, "quiz", "--review", stdin="n\n")
    assert "Nothing is due for review" in result.stdout and "Question 1" not in result.stdout
    result = plain(tmp_path, "quiz", "--review", "--count", "2", stdin="y\n1\n1\n")
    assert "Question 1 of 2" in result.stdout


def test_plain_stats(tmp_path):
    plain(tmp_path, "quiz", "--count", "4", "--seed", "3", stdin="1\n1\n1\n1\n")
    result = plain(tmp_path, "stats")
    out = result.stdout
    assert result.returncode == 0 and "\x1b" not in out
    assert "Sessions: 1." in out and "Answers given: 4." in out
    assert re.search(r"Questions never seen: \d+ of \d+\.", out)
    assert re.search(r"Questions due for review: \d+\.", out)
    assert "Accuracy by topic:" in out and "█" in out or "░" in out


@pytest.mark.slow
def test_two_instances_at_once_lose_nothing(tmp_path):
    """Two quizzes answering as fast as they can into one data dir."""
    procs = [
        subprocess.Popen(
            [str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "quiz", "--count", "60", "--seed", str(seed)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run_env(),
        )
        for seed in (1, 2)
    ]
    outs = [p.communicate("1\n" * 60, timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    data = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert sum(e["seen"] for e in data["items"].values()) == 120
    assert len(data["sessions"]) == 2


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_confirmed_answer(tmp_path):
    """50+ kills: the store always parses and holds every answer shown before the kill."""
    rng = random.Random(20261123)
    confirmed_total = 0
    kills = 0
    store = tmp_path / "progress.json"
    for run in range(52):
        proc = subprocess.Popen(
            [str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "quiz", "--count", "20", "--seed", str(run)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env=run_env(), bufsize=1,
        )
        assert proc.stdin and proc.stdout
        for _ in range(rng.randint(0, 4)):
            proc.stdin.write("1\n")
            proc.stdin.flush()
            for line in proc.stdout:  # read until the verdict is on screen
                if line.startswith(("Correct", "Incorrect")):
                    confirmed_total += 1
                    break
        proc.stdin.write("2\n")  # one more answer in flight…
        proc.stdin.flush()
        time.sleep(rng.uniform(0, 0.03))  # …and the kill lands at a random moment
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        if store.exists():
            total = seen_total(store)  # always parses: never torn
            assert confirmed_total <= total <= confirmed_total + kills
    assert kills >= 50
    assert confirmed_total > 0
    assert not list(tmp_path.glob("progress.json.broken-*"))


def test_full_disk_is_a_clear_error_and_the_previous_file_survives(tmp_path):
    store = Store(tmp_path)
    assert store.record_answer("x", True)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (len(open(sys.argv[1], 'rb').read()) + 10,) * 2)\n"
        "import signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "from tui.core.progress import Store, ProgressError\n"
        "s = Store(__import__('pathlib').Path(sys.argv[2]))\n"
        "try:\n"
        "    [s.record_answer(f'item-with-a-long-name-{i}', True) for i in range(50)]\n"
        "except ProgressError as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "progress.json"), str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "cannot save progress" in result.stdout and "previous file is intact" in result.stdout
    after = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert after["items"]["x"]["seen"] == 1 and len(after["items"]) >= 1
    assert not list(tmp_path.glob(".progress.json.*.tmp"))
