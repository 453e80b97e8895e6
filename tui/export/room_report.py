"""The live room's class report: Markdown for people, CSV (one row per answer) for
spreadsheets and for `mythquiz report`.

CSV columns: room, participant, question_number, item_id, answer, correct, answered_at,
seconds_to_answer.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from .csvcell import Writer

COLUMNS = ("room", "participant", "question_number", "item_id", "answer", "correct",
           "answered_at", "seconds_to_answer")


def to_csv(report: dict[str, Any]) -> str:
    """One row per answer; a nickname that looks like a formula stays text (csvcell)."""
    out = io.StringIO()
    writer = Writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([row[c] for c in COLUMNS] for row in report["rows"])
    return out.getvalue()


def _md(text: str) -> str:
    """Text as literal Markdown: characters that would format are escaped."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>()#+-.!|~&":
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def to_markdown(report: dict[str, Any], title: str) -> str:
    lines = [f"# Class report: room {_md(report['code'])}", "", _md(title), "",
             f"{report['joined']} joined; {len(report['questions'])} questions asked; "
             f"{len(report['rows'])} answers.", "", "## Per question", "",
             "| # | question | right | share right | answers given |", "| --- | --- | --- | --- | --- |"]
    for q in report["questions"]:
        given = "; ".join(f"{_md(option)}: {count}" for option, count in q["answers"])
        lines.append(f"| {q['number']} | {_md(q['item'].prompt)} | {q['right']} of {q['answered']} | "
                     f"{q['percent']}% | {given} |")
    if report["missed"]:
        lines += ["", "## Most missed, with the evidence", ""]
        for q in report["missed"]:
            reveal = q["reveal"]
            lines += [f"### Question {q['number']}: {_md(q['item'].prompt)}", "",
                      f"{q['right']} of {q['answered']} right ({q['percent']}%). {_md(reveal['line'])}", "",
                      f"Explanation: {_md(reveal['explanation'])}", ""]
            for ex in reveal["excerpts"]:
                where = f", line {ex['line']}" if ex["line"] else ""
                lines += [f"> {_md(ex['quoted'])}", "", f"Source: {_md(ex['source'])}{where}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write(report: dict[str, Any], title: str, data_dir: Path) -> list[Path]:
    """Write the report as Markdown and CSV into `data_dir/reports`; the two paths."""
    from ..core.atomic import write_atomic

    folder = Path(data_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in report["code"])
    base = folder / f"room-{safe}-{stamp}"
    paths = [base.with_suffix(".md"), base.with_suffix(".csv")]
    write_atomic(paths[0], to_markdown(report, title).encode("utf-8"))
    write_atomic(paths[1], to_csv(report).encode("utf-8"))
    return paths
