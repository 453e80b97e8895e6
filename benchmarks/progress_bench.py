"""Progress store benchmarks: saving costs the same after ten thousand sessions.

    .venv/bin/python benchmarks/progress_bench.py [--runs N] [--sessions 10000] [--json FILE]

Measures, each history built the way a long-time user gets it: an old `progress.json`
with N past sessions of 20 answers each, imported into progress.db on first run
("migrated"); every run starts from a copy of that imported database.

  quiz_20      a 20-answer `--plain quiz` (the real command, answers piped in), wall time,
               with N past sessions vs an empty store, runs alternated; bar ≤ 1.2×
  save         one answer's save (Store.record_answer: one transaction, committed), median
               and p99 of 200 saves at 0, 1,000 and N sessions; reported
  stats        `--plain stats`, wall time, with N past sessions vs 10; bar ≤ 1.2× ("opens as
               fast at 10,000 as at 10")
  import       the one-time import of the N-session progress.json; reported

See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.engine import Session  # noqa: E402
from tui.core.pack import embedded_dirs, load_pack  # noqa: E402
from tui.core.progress import Store  # noqa: E402

MYTHQUIZ = ROOT / ".venv/bin/mythquiz"
BAR_QUIZ, BAR_STATS = 1.2, 1.2


def old_progress_file(pack, sessions: int) -> dict:
    """A progress.json as mythquiz 0.1 wrote it, after `sessions` quizzes of 20 answers."""
    ids = [item.id for item in pack.items]
    items = {i: {"seen": 0, "right": 0, "wrong": 0, "box": 1, "last_seen": None} for i in ids}
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    out = []
    for n in range(sessions):
        date = (start + timedelta(hours=6 * n)).isoformat()
        answers = []
        for k in range(20):
            item = pack.items[(n * 7 + k * 13) % len(ids)]
            correct = (n + k) % 3 != 0
            answers.append({"item": item.id, "given": item.answer if correct else "Myth", "correct": correct,
                            "seconds": 3.5})
            entry = items[item.id]
            entry["seen"] += 1
            entry["right" if correct else "wrong"] += 1
            entry["box"] = min(entry["box"] + 1, 6) if correct else 1
            entry["last_seen"] = date
        score = sum(a["correct"] for a in answers)
        out.append({"date": date, "name": None, "seed": n, "score": score, "answered": 20, "total": 20,
                    "best_streak": 5, "duration": 120.0, "review": False, "answers": answers})
    return {"schema": 1, "items": {k: v for k, v in items.items() if v["seen"]}, "sessions": out, "settings": {}}


def migrated(pack, sessions: int, where: Path) -> tuple[Path, float]:
    """A data dir whose progress.db holds `sessions` imported sessions; the import's time."""
    where.mkdir(parents=True)
    if sessions:
        (where / "progress.json").write_text(json.dumps(old_progress_file(pack, sessions)), encoding="utf-8")
    started = time.perf_counter()
    store = Store(where)
    store.open()
    store.set_setting("theme", "textual-dark")  # creates the database even with no history
    seconds = time.perf_counter() - started
    store.close()
    for extra in where.glob("progress.json.imported-*"):
        extra.unlink()
    # The user's next run: the first open of the now big file checks it whole (and notes
    # when, so later runs check the big answer log weekly, see tui/core/db.py).
    Store(where).open()
    return where, seconds


def fresh_copy(template: Path, tmp: Path) -> Path:
    """A copy of the template's database, on disk before the quiz is timed. A user's
    database was written long before the quiz; a copy made just now (33 MB at 10,000
    sessions, 0.1 MB empty) is still being written back while the quiz commits its
    answers, and only the big one pays for that."""
    target = Path(tempfile.mkdtemp(dir=tmp))
    shutil.copy2(template / "progress.db", target / "progress.db")
    with open(target / "progress.db", "rb") as fh:
        os.fsync(fh.fileno())
    return target


def run_quiz(data_dir: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(MYTHQUIZ), "--plain", "--data-dir", str(data_dir), "quiz", "--count", "20",
                             "--seed", "1"], input="1\n" * 20, capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - started
    if result.returncode != 0 or result.stderr or len(re.findall(r"^(?:Correct|Incorrect) ", result.stdout, re.M)) != 20:
        raise SystemExit(f"the quiz did not run cleanly: {result.stderr[-500:]}")
    return seconds


def run_stats(data_dir: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(MYTHQUIZ), "--plain", "--data-dir", str(data_dir), "stats"],
                            capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - started
    if result.returncode != 0 or "Sessions:" not in result.stdout:
        raise SystemExit(f"stats did not run cleanly: {result.stderr[-500:]}")
    return seconds


def saves(pack, data_dir: Path, n: int = 200) -> list[float]:
    """The time of each of `n` saves, as the quiz makes them."""
    store = Store(data_dir)
    store.open()
    session = Session(pack, list(pack.items[:20]), seed=1)
    times = []
    for k in range(n):
        if session.finished:
            store.finish_session(session)
            session = Session(pack, list(pack.items[(k % 5) * 20:(k % 5) * 20 + 20]), seed=k)
        session.answer(session.options()[0])
        record = session.records[-1]
        started = time.perf_counter()
        store.record_answer(session, record)
        times.append(time.perf_counter() - started)
        session.next()
    store.close()
    return times


def summary(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pack = load_pack(*embedded_dirs())
    rows = []
    failed = False
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big, import_s = migrated(pack, args.sessions, tmp / "big")
        mid, _ = migrated(pack, 1000, tmp / "mid")
        ten, _ = migrated(pack, 10, tmp / "ten")
        empty, _ = migrated(pack, 0, tmp / "empty")
        rows.append(("import", f"progress.json with {args.sessions:,} sessions → progress.db", f"{import_s:.2f} s",
                     "", "", ""))
        # Warm-up: both commands once (bytecode, page cache).
        run_quiz(fresh_copy(empty, tmp))
        run_quiz(fresh_copy(big, tmp))
        quiz = {"empty": [], "big": []}
        stats = {"ten": [], "big": []}
        for _ in range(args.runs):  # alternated, run by run
            quiz["empty"].append(run_quiz(fresh_copy(empty, tmp)))
            quiz["big"].append(run_quiz(fresh_copy(big, tmp)))
            stats["ten"].append(run_stats(ten))
            stats["big"].append(run_stats(big))
        for name, base, subject, bar, label in (
                ("quiz_20", quiz["empty"], quiz["big"], BAR_QUIZ, f"20-answer plain quiz, {args.sessions:,} sessions vs empty"),
                ("stats", stats["ten"], stats["big"], BAR_STATS, f"plain stats, {args.sessions:,} sessions vs 10")):
            ratio = statistics.median(subject) / statistics.median(base)
            ok = ratio <= bar
            failed |= not ok
            rows.append((name, label, f"{statistics.median(base) * 1000:.0f} ms",
                         f"{statistics.median(subject) * 1000:.0f} ms", f"{ratio:.2f}× (bar ≤ {bar}×)",
                         "PASS" if ok else "FAIL"))
        save_rows = {}
        for label, template in (("0", empty), ("1,000", mid), (f"{args.sessions:,}", big)):
            times = saves(pack, fresh_copy(template, tmp))
            save_rows[label] = {"median_ms": statistics.median(times) * 1000, "p99_ms": p99(times) * 1000}
            rows.append(("save", f"one answer's save at {label} sessions",
                         f"median {save_rows[label]['median_ms']:.2f} ms", f"p99 {p99(times) * 1000:.2f} ms", "", ""))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores, runs {args.runs}")
    width = max(len(r[1]) for r in rows)
    for r in rows:
        print(f"{r[0]:8} {r[1].ljust(width)}  {r[2]:>14}  {r[3]:>14}  {r[4]:<20} {r[5]}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "quiz": quiz, "stats": stats, "saves": save_rows,
                                         "load": load}, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
