"""The class report: several participants' results combined into one debrief.

Reads the JSON that `mythquiz export results --format json` writes, one file per
participant (or several sessions per file), and ranks the questions the room missed.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, NamedTuple

from ..core.explain import question_text
from .handout import md
from .results import RESULTS_FORMAT
from ..core.model import Pack, quoted


class ReportError(Exception):
    """A results file cannot be used: one line naming the file."""


class Participant(NamedTuple):
    name: str
    file: str
    date: str
    score: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.answered) if self.answered else 0


class ItemRow(NamedTuple):
    item_id: str
    question: str
    answer: str
    asked: int
    missed: int
    excerpt: str | None
    source: str | None

    @property
    def miss_rate(self) -> int:
        return round(100 * self.missed / self.asked) if self.asked else 0


class Report(NamedTuple):
    participants: tuple[Participant, ...]
    items: tuple[ItemRow, ...]


def read_results(path: Path) -> list[dict[str, Any]]:
    if Path(path).suffix.lower() == ".csv":
        return read_room_csv(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    except ValueError as exc:
        raise ReportError(f"{path}:{getattr(exc, 'lineno', '?')}: not valid JSON") from None
    if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT or not isinstance(data.get("sessions"), list):
        raise ReportError(f"{path}: not a mythquiz results file (make one with `mythquiz export results --format json`)")
    for session in data["sessions"]:
        if not isinstance(session, dict) or not isinstance(session.get("answers", []), list):
            raise ReportError(f"{path}: a session has no list of answers")
    return data["sessions"]


ROOM_CSV_COLUMNS = ("room", "participant", "question_number", "item_id", "answer", "correct",
                   "answered_at", "seconds_to_answer")


def read_room_csv(path: Path) -> list[dict[str, Any]]:
    """A live room's class report CSV (one row per answer) as sessions, one per participant."""
    import csv

    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReportError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if not rows or tuple(rows[0]) != ROOM_CSV_COLUMNS:
        raise ReportError(f"{path}:1: not a live room's CSV (its first line must be {','.join(ROOM_CSV_COLUMNS)})")
    sessions: dict[tuple[str, str], dict[str, Any]] = {}
    for line, row in enumerate(rows[1:], 2):
        if len(row) != len(ROOM_CSV_COLUMNS) or row[5] not in ("0", "1"):
            raise ReportError(f"{path}:{line}: expected {len(ROOM_CSV_COLUMNS)} cells with correct 0 or 1")
        room, name, _, item_id, given, correct, at, _ = row
        session = sessions.setdefault((room, name), {"name": name, "date": at, "answers": []})
        session["answers"].append({"item": item_id, "given": given, "correct": correct == "1"})
    return list(sessions.values())


def build(pack: Pack, files: list[Path]) -> Report:
    participants = []
    asked: dict[str, int] = {}
    missed: dict[str, int] = {}
    question: dict[str, str] = {}
    answer: dict[str, str] = {}
    for path in files:
        for n, session in enumerate(read_results(path), 1):
            name = session.get("name") or (Path(path).stem if n == 1 else f"{Path(path).stem} #{n}")
            answers = [a for a in session.get("answers", []) if isinstance(a, dict) and a.get("item")]
            score = sum(bool(a.get("correct")) for a in answers)
            participants.append(Participant(str(name), str(path), str(session.get("date") or ""), score, len(answers)))
            for a in answers:
                item_id = str(a["item"])
                asked[item_id] = asked.get(item_id, 0) + 1
                missed[item_id] = missed.get(item_id, 0) + (not a.get("correct"))
                question.setdefault(item_id, str(a.get("question") or item_id))
                answer.setdefault(item_id, str(a.get("answer") or ""))
    rows = []
    for item_id in asked:
        item = pack.item(item_id)
        quote = item.evidence[0] if item else None
        rows.append(ItemRow(
            item_id,
            question_text(item) if item else question[item_id],
            item.answer if item else answer[item_id],
            asked[item_id],
            missed[item_id],
            quote.text if quote else None,
            pack.sources[quote.source].byline if quote else None,
        ))
    rows.sort(key=lambda r: (-r.miss_rate, -r.missed, r.item_id))
    return Report(tuple(participants), tuple(rows))


def to_markdown(report: Report, title: str) -> str:
    out = [f"# Class report: {md(title)}", "", f"{len(report.participants)} participants.", "",
           "## Participants", "", "| participant | score | % | date |", "| --- | --- | --- | --- |"]
    for p in report.participants:
        out.append(f"| {md(p.name)} | {p.score} of {p.answered} | {p.percent}% | {md(p.date[:10])} |")
    out += ["", "## Questions, most missed first", ""]
    for r in report.items:
        out += [f"### {md(r.question)}", "",
                f"Missed by {r.missed} of {r.asked} ({r.miss_rate}%). **Right answer: {md(r.answer)}**", ""]
        if r.excerpt:
            out += [f"> {md(quoted(r.excerpt))}  ", f"> — {md(r.source or '')}", ""]
    return "\n".join(out).rstrip() + "\n"


def to_html(report: Report, title: str) -> str:
    h = lambda text: html.escape(text, quote=True)  # noqa: E731
    parts = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
             f"<title>Class report: {h(title)}</title>",
             "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45}"
             "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}"
             "blockquote{border-left:4px solid #555;margin:.6em 0;padding:.2em 1em;background:#f4f4f4}"
             ".bar{font-family:monospace}@media print{blockquote{background:none}}</style></head><body>",
             f"<h1>Class report: {h(title)}</h1>", f"<p>{len(report.participants)} participants.</p>",
             "<h2>Participants</h2><table><tr><th>participant</th><th>score</th><th>%</th><th>date</th></tr>"]
    for p in report.participants:
        parts.append(f"<tr><td>{h(p.name)}</td><td>{p.score} of {p.answered}</td><td>{p.percent}%</td>"
                     f"<td>{h(p.date[:10])}</td></tr>")
    parts.append("</table><h2>Questions, most missed first</h2>")
    for r in report.items:
        parts.append(f"<h3>{h(r.question)}</h3><p>Missed by {r.missed} of {r.asked} ({r.miss_rate}%). "
                     f"<strong>Right answer: {h(r.answer)}</strong></p>")
        if r.excerpt:
            parts.append(f"<blockquote><p>{h(quoted(r.excerpt))}</p><p>— {h(r.source or '')}</p></blockquote>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def print_table(report: Report, title: str) -> None:
    """The report as Rich tables in the terminal (plain text when not a terminal)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    console.print(f"Class report: {escape(title)} — {len(report.participants)} participants", markup=True)
    people = Table(title="Participants", show_lines=False)
    for column in ("participant", "score", "%", "date"):
        people.add_column(column)
    for p in report.participants:
        people.add_row(escape(p.name), f"{p.score} of {p.answered}", f"{p.percent}%", escape(p.date[:10]))
    console.print(people)
    items = Table(title="Questions, most missed first", show_lines=True)
    for column in ("missed", "question", "right answer", "excerpt"):
        items.add_column(column)
    for r in report.items:
        quote = f"{quoted(r.excerpt)}\n— {r.source}" if r.excerpt else ""
        items.add_row(f"{r.missed} of {r.asked} ({r.miss_rate}%)", escape(r.question), escape(r.answer), escape(quote))
    console.print(items)
