"""The progress store in progress.db: every answer kept before its verdict, broken and
newer databases, a read-only dir, a full disk, two instances, kills, review."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import MYTHQUIZ, SMALL, run_env
from progress_helpers import answer, count, query, quick_check
from tui.core import db, db_migrations
from tui.core.engine import Session
from tui.core.progress import ProgressError, Store

VERDICT = re.compile(r"^(Correct|Incorrect) ", re.M)


def plain(data_dir, *args: str, stdin: str = "", **popen):
    return subprocess.run(
        [str(MYTHQUIZ), "--plain", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, env=run_env(), timeout=60, **popen,
    )


def test_every_answer_is_saved_with_its_session(tmp_path):
    result = plain(tmp_path, "quiz", "--count", "5", "--seed", "2", "--topic", "enlargement",
                   stdin="1\n2\n1\n2\n1\n")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "progress.db"
    correct = len(re.findall(r"^Correct ✓", result.stdout, flags=re.M))
    ((score, answered, total, seed, filt, finished),) = query(
        path, "SELECT score, answered, total, seed, filter, finished FROM sessions")
    assert (score, answered, seed, filt) == (correct, 5, 2, "topic=enlargement") and total == 5 and finished
    rows = query(path, "SELECT item, given, correct, seconds, certainty FROM answers ORDER BY id")
    assert len(rows) == 5 and sum(r[2] for r in rows) == correct
    given = re.findall(r"^(?:Correct ✓|Incorrect ✗)\. You answered (.+)\.$", result.stdout, flags=re.M)
    assert [r[1] for r in rows] == given
    assert all(r[3] >= 0 and r[4] is None for r in rows)
    assert query(path, "SELECT sum(right + wrong) FROM review")[0][0] == 5
    assert query(path, "PRAGMA journal_mode")[0][0] == "wal"
    assert query(path, "PRAGMA user_version")[0][0] == db_migrations.SCHEMA


def test_an_answer_is_on_disk_before_its_verdict_is_printed(tmp_path):
    proc = subprocess.Popen([str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "quiz", "--count", "3",
                             "--seed", "4"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=run_env(), bufsize=1)
    assert proc.stdin and proc.stdout
    for n in range(1, 4):
        proc.stdin.write("1\n")
        proc.stdin.flush()
        for line in proc.stdout:
            if VERDICT.match(line):
                break
        # Read by another connection while the quiz waits on its next question.
        assert count(tmp_path / "progress.db", "answers") == n
    proc.stdin.close()
    proc.wait(timeout=30)


def test_no_save_keeps_the_session_out(tmp_path):
    plain(tmp_path, "--no-save", "quiz", "--count", "3", "--seed", "2", stdin="1\n1\n1\n")
    assert not (tmp_path / "progress.db").exists()


def test_a_killed_quiz_keeps_its_session_with_the_answers_so_far(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True), ("snap-article", False)], finish=False)
    assert query(tmp_path / "progress.db", "SELECT score, answered, finished FROM sessions") == [(1, 2, None)]
    assert Store(tmp_path).session_count() == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "page"])
def test_a_damaged_database_is_moved_aside_with_one_warning(tmp_path, damage):
    plain(tmp_path, "quiz", "--count", "3", "--seed", "2", stdin="1\n1\n1\n")
    path = tmp_path / "progress.db"
    assert quick_check(path) == "ok"
    raw = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 300)
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 3])
    else:  # a page of the answers table overwritten: the header is fine, quick_check is not
        page = 4096
        pages = [n for n in range(1, len(raw) // page)  # table leaves that hold rows
                 if raw[n * page] == 0x0D and int.from_bytes(raw[n * page + 3: n * page + 5], "big") > 0]
        n = pages[-1]
        path.write_bytes(raw[: n * page] + raw[n * page: n * page + 8] + b"\xff" * (page - 8)
                         + raw[(n + 1) * page:])
    broken = path.read_bytes()
    result = plain(tmp_path, "quiz", "--count", "2", "--seed", "3", stdin="1\n1\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    (aside,) = tmp_path.glob("progress.db.broken-*")
    assert aside.read_bytes() == broken
    (warning,) = result.stderr.strip().splitlines()
    assert str(path) in warning and str(aside) in warning
    assert count(path, "answers") == 2 and quick_check(path) == "ok"  # a fresh store took the answers


def test_a_database_from_a_newer_schema_is_left_untouched(tmp_path):
    plain(tmp_path, "quiz", "--count", "2", "--seed", "2", stdin="1\n1\n")
    path = tmp_path / "progress.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {db_migrations.SCHEMA + 1}")
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.close()
    before = path.read_bytes()
    result = plain(tmp_path, "quiz", "--count", "2", "--seed", "3", stdin="1\n1\n")
    assert result.returncode == 0 and "Score: " in result.stdout
    assert path.read_bytes() == before
    assert "newer mythquiz" in result.stderr and "not saved" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    stats = plain(tmp_path, "stats")  # still read
    assert "Answers given: 2." in stats.stdout and path.read_bytes() == before


@contextlib.contextmanager
def read_only(directory: Path):
    """`directory` cannot be written: by its mode, or (root ignores modes) a read-only bind mount."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(directory), str(directory)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot make a read-only directory here (root without mount)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(directory)], check=True)


@pytest.mark.parametrize("existing", [False, True])
def test_read_only_data_dir_is_one_line_and_the_quiz_goes_on(tmp_path, existing):
    data = tmp_path / "data"
    data.mkdir()
    if existing:
        plain(data, "quiz", "--count", "2", "--seed", "2", stdin="1\n1\n")
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    with read_only(data):
        result = plain(data, "quiz", "--count", "4", "--seed", "5", stdin="1\n1\n1\n1\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert len(VERDICT.findall(result.stdout)) == 4 and "Score: " in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert str(data) in line
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


FULL_DISK = (
    "import resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
    "from tui.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_full_disk_is_one_line_and_the_quiz_goes_on(tmp_path):
    """Files may not grow past a limit (as on a full disk): the WAL soon cannot."""
    plain(tmp_path, "quiz", "--count", "3", "--seed", "2", stdin="1\n1\n1\n")
    path = tmp_path / "progress.db"
    kept = count(path, "answers")
    limit = path.stat().st_size + 8192
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK.format(limit=limit), "--plain", "--data-dir", str(tmp_path),
         "quiz", "--count", "12", "--seed", "7"],
        input="1\n" * 12, capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert len(VERDICT.findall(result.stdout)) == 12 and "Score: " in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert "cannot save" in line and str(path) in line
    assert quick_check(path) == "ok"
    assert kept <= count(path, "answers") < kept + 12


def test_full_disk_through_max_page_count_raises_one_line_and_keeps_what_was_saved(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True)])
    conn = store.database.connection
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(ProgressError) as caught:
        answer(store, small_pack, [("snap-article", False)] * 200, finish=False)
    assert "\n" not in str(caught.value) and str(tmp_path / "progress.db") in str(caught.value)
    assert Store(tmp_path).history("snap-promise").right == 1


def test_leitner_boxes_and_due_order(tmp_path, small_pack):
    store = Store(tmp_path)
    now = datetime.now(timezone.utc)
    answer(store, small_pack, [("snap-promise", False), ("snap-promise", False), ("snap-article", False),
                               ("snap-who", False), ("snap-who", True)])
    assert store.history("snap-promise").box == 1 and store.history("snap-who").box == 2
    ids = ["snap-promise", "snap-article", "snap-who"]
    # Last answered wrong first (most missed first among them); snap-who is in box 2: 4 days.
    assert store.due_for_review(ids, now + timedelta(minutes=1)) == ["snap-promise", "snap-article"]
    assert store.due_for_review(ids, now + timedelta(days=4, minutes=1)) == ["snap-promise", "snap-article",
                                                                             "snap-who"]
    answer(store, small_pack, [("snap-who", True)])  # box 3: 8 days
    assert "snap-who" not in store.due_for_review(ids, now + timedelta(days=7))
    assert "snap-who" in store.due_for_review(ids, now + timedelta(days=8, minutes=1))
    answer(store, small_pack, [("snap-who", False)])
    assert store.history("snap-who").box == 1


def test_review_after_a_quiz_asks_only_missed_items(tmp_path):
    first = plain(tmp_path, "quiz", "--count", "8", "--seed", "5", stdin="1\n" * 8)
    path = tmp_path / "progress.db"
    ((first_id,),) = query(path, "SELECT id FROM sessions ORDER BY id DESC LIMIT 1")
    missed = {r[0] for r in query(path, "SELECT item FROM answers WHERE session = ? AND NOT correct", (first_id,))}
    assert missed
    said = re.search(r"^You missed (\d+) questions?:$", first.stdout, flags=re.M)
    assert said and int(said.group(1)) == len(missed)
    review = plain(tmp_path, "quiz", "--review", "--count", "20", stdin="1\n" * 20)
    assert "review of missed questions" in review.stdout
    asked = re.findall(r"^Question \d+ of (\d+)$", review.stdout, flags=re.M)
    assert int(asked[0]) == len(missed)
    ((last, is_review),) = query(path, "SELECT id, review FROM sessions ORDER BY id DESC LIMIT 1")
    assert is_review == 1
    assert {r[0] for r in query(path, "SELECT item FROM answers WHERE session = ?", (last,))} == missed


def test_review_with_nothing_due_says_so_and_offers_a_quiz(tmp_path):
    result = plain(tmp_path, "quiz", "--review", stdin="n\n")
    assert "Nothing is due for review" in result.stdout and "Question 1" not in result.stdout
    result = plain(tmp_path, "quiz", "--review", "--count", "2", stdin="y\n1\n1\n")
    assert "Question 1 of 2" in result.stdout


def test_plain_stats(tmp_path):
    plain(tmp_path, "quiz", "--count", "4", "--seed", "3", stdin="1\n1\n1\n1\n")
    plain(tmp_path, "quiz", "--count", "2", "--seed", "4", stdin="2\n2\n")
    result = plain(tmp_path, "stats")
    out = result.stdout
    assert result.returncode == 0 and "\x1b" not in out
    assert "Sessions: 2." in out and "Answers given: 6." in out
    assert re.search(r"Questions never seen: \d+ of \d+\.", out)
    assert re.search(r"Questions due for review under the Leitner scheduler: \d+", out)
    assert "Accuracy by topic:" in out and ("█" in out or "░" in out)


def test_scheduler_choice_is_saved_and_stats_count_under_it(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True), ("snap-article", False)])
    leitner = plain(tmp_path, "--content", str(SMALL), "stats")
    assert "Questions due for review under the Leitner scheduler: 1." in leitner.stdout
    chosen = plain(tmp_path, "--content", str(SMALL), "stats", "--scheduler", "fsrs")
    assert "Questions due for review under the FSRS scheduler: 0 (the next on " in chosen.stdout
    assert Store(tmp_path).scheduler() == "fsrs"  # saved
    again = plain(tmp_path, "--content", str(SMALL), "stats")
    assert "under the FSRS scheduler" in again.stdout
    # Under FSRS a first right answer comes back in two days, a first wrong one in one.
    later = datetime.now(timezone.utc) + timedelta(days=1, hours=12)
    assert Store(tmp_path).due_for_review(["snap-promise", "snap-article", "snap-who"], later) == ["snap-article"]
    assert Store(tmp_path).due_for_review(["snap-promise", "snap-article"], later + timedelta(days=30)) == [
        "snap-article", "snap-promise"]


@pytest.mark.slow
def test_two_instances_at_once_lose_nothing(tmp_path):
    """Two quizzes answering as fast as they can into one data dir, five rounds."""
    for round_ in range(5):
        procs = [
            subprocess.Popen(
                [str(MYTHQUIZ), "--plain", "--data-dir", str(tmp_path), "quiz", "--count", "40",
                 "--seed", str(10 * round_ + n)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run_env(),
            )
            for n in (1, 2)
        ]
        outs = [p.communicate("1\n" * 40, timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), outs
        assert all(len(VERDICT.findall(out)) == 40 and not err for out, err in outs), outs
        path = tmp_path / "progress.db"
        assert count(path, "answers") == 80 * (round_ + 1)
        assert query(path, "SELECT count(*) FROM sessions WHERE finished IS NOT NULL")[0][0] == 2 * (round_ + 1)
        assert query(path, "SELECT sum(right + wrong) FROM review")[0][0] == 80 * (round_ + 1)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_an_acknowledged_answer(tmp_path):
    """50+ kills: the store always passes quick_check and holds every answer whose
    verdict was printed before the kill."""
    rng = random.Random(20261123)
    acknowledged = 0
    kills = 0
    path = tmp_path / "progress.db"
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
                if VERDICT.match(line):
                    acknowledged += 1
                    break
        proc.stdin.write("2\n")  # one more answer in flight…
        proc.stdin.flush()
        time.sleep(rng.uniform(0, 0.03))  # …and the kill lands at a random moment
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1
        kept = count(path, "answers")  # 0 when no answer was ever acknowledged
        assert acknowledged <= kept <= acknowledged + kills
        if path.exists():
            assert quick_check(path) == "ok"
    assert kills >= 50 and acknowledged > 0
    assert not list(tmp_path.glob("progress.db.broken-*"))


def test_a_data_dir_that_cannot_be_made_is_said_once_and_nothing_is_saved(tmp_path, small_pack):
    where = tmp_path / "a-file"
    where.write_text("a file where the data dir should be")
    store = Store(where)
    store.open()
    (line,) = store.warnings
    assert str(where) in line and "nothing is saved" in line
    store.warnings.clear()
    session = Session(small_pack, [small_pack.item("snap-promise")], seed=1)
    session.answer(session.options()[0])
    assert store.record_answer(session, session.records[-1]) is False  # said once, not again
    assert store.warnings == [] and where.read_text() == "a file where the data dir should be"


def test_a_big_database_checks_its_big_tables_weekly_and_damage_met_later_is_moved_aside(tmp_path, small_pack):
    store = Store(tmp_path)
    answer(store, small_pack, [("snap-promise", True)])
    store.close()
    path = tmp_path / "progress.db"
    conn = sqlite3.connect(path)
    conn.executemany("INSERT INTO answers (session, at, item, given, correct) VALUES (1, ?, 'snap-promise', ?, 1)",
                     [(f"2026-01-01T00:00:{n % 60:02d}+00:00", "MARK" * 40) for n in range(40_000)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert path.stat().st_size > db.WHOLE_CHECK_BYTES
    Store(tmp_path).open()  # the first open of a big file checks it whole, and notes when
    assert len(query(path, "SELECT at FROM checks")) == 1
    raw = path.read_bytes()
    page = 4096
    n = next(k for k in range(len(raw) // page - 1, 0, -1)
             if raw[k * page] == 0x0D and b"MARK" * 40 in raw[k * page:(k + 1) * page])
    path.write_bytes(raw[: n * page + 8] + b"\xff" * (page - 8) + raw[(n + 1) * page:])
    started = time.perf_counter()
    store = Store(tmp_path)
    store.open()  # checked within the week: the big table is not read at open
    assert store.warnings == [] and time.perf_counter() - started < 5
    rows = sum(len(answers) for _, answers in store.sessions())  # meets the damaged page
    (line,) = store.warnings
    assert "damaged" in line and "next time" in line and rows < 40_001
    store.close()
    again = Store(tmp_path)
    again.open()
    (line,) = again.warnings
    (aside,) = tmp_path.glob("progress.db.broken-*")
    assert str(aside) in line
