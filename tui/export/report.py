"""The class report: several participants' results combined into one debrief.

Reads the JSON that `mythquiz export results --format json` writes, or the CSV of
`--format csv`, one file per participant (or several sessions per file), and ranks the
questions the room missed.

Results files come from participants, so they are hostile input: a file is read only if
it is a regular file of at most MAX_BYTES, JSON nested deeper than MAX_DEPTH is refused
before it is parsed (counted without recursion), and every text taken from a file (names,
dates, question and answer texts) has its control characters (C0, C1, DEL, ESC, BEL,
bidirectional controls, line separators) shown as escapes (`\x1b`) in every output.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..core.explain import question_text
from ..core.problems import printable
from .csvcell import read_rows
from .report_room import REVOTE_NOTE, RevoteRow, gain_lines, gains_by_room, revotes
from .handout import md
from .results import CSV_HEADER, CSV_HEADERS, RESULTS_FORMAT
from ..core.model import Pack, quoted
from ..core.percent import percent

MAX_BYTES = 16 * 1024 * 1024  # a results file of 10,000 answers is about 3 MB
MAX_DEPTH = 32  # a results file is nested 4 deep
_NUMBER = re.compile(r"[0-9]{1,9}")  # a question number in a room CSV
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')


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
        return percent(self.score, self.answered)


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
        return percent(self.missed, self.asked)


class Report(NamedTuple):
    participants: tuple[Participant, ...]
    items: tuple[ItemRow, ...]
    revotes: tuple[RevoteRow, ...] = ()
    gains: tuple[tuple[str, dict[str, Any]], ...] = ()  # (room, figures) of rooms run with --pre-post


def clean(value: Any) -> str:
    """Text from a results file, safe in a terminal and in every output format."""
    return printable(str(value))


def nesting(text: str) -> int:
    """How deep the lists and objects of a JSON text go (at most MAX_DEPTH + 1), without
    recursion and without parsing: brackets inside strings do not count."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        elif token in "]}":
            depth -= 1
    return deepest


def _read_text(path: Path) -> str:
    from ..core.files import read_limited

    try:
        return read_limited(Path(path), MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise ReportError(f"{clean(path)}: no such file") from None
    except OSError as exc:
        raise ReportError(f"{clean(path)}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ReportError(f"{clean(path)}: not UTF-8 (byte {exc.start:,})") from None
    except ValueError as exc:
        raise ReportError(f"{clean(path)}: cannot be read ({exc})") from None


# A live room's class report CSV: one row per answer. Rooms before the second round
# (peer re-vote) wrote no `round` column, and rooms before `part` none; all are read (in
# those without `part`, a question whose item comes again later in the room was a pre one).
ROOM_CSV_COLUMNS = ("room", "participant", "question_number", "round", "part", "item_id", "answer", "correct",
                    "answered_at", "seconds_to_answer")
ROUND_ROOM_CSV_COLUMNS = tuple(c for c in ROOM_CSV_COLUMNS if c != "part")
OLD_ROOM_CSV_COLUMNS = tuple(c for c in ROUND_ROOM_CSV_COLUMNS if c != "round")
ROOM_HEADERS = (ROOM_CSV_COLUMNS, ROUND_ROOM_CSV_COLUMNS, OLD_ROOM_CSV_COLUMNS)
PARTS = ("pre", "workshop", "post")


def _csv_sessions(path: Path, text: str) -> list[dict[str, Any]]:
    """The sessions of a results CSV (`export results --format csv`: one per session) or of
    a live room's CSV (one per participant), as the results JSON holds them."""
    try:
        rows = read_rows(text)  # cells as written, before a formula-like cell was made text
    except Exception:  # noqa: BLE001 - csv.Error, a field over csv's size limit
        raise ReportError(f"{clean(path)}: not valid CSV") from None
    header = tuple(rows[0]) if rows else ()
    if header not in (*CSV_HEADERS, *ROOM_HEADERS):
        raise ReportError(f"{clean(path)}:1: not a mythquiz results file (its first line must be "
                          f"{','.join(CSV_HEADER)}, or a live room's {','.join(ROOM_CSV_COLUMNS)})")
    room = header in ROOM_HEADERS
    sessions: dict[tuple[str, ...], dict[str, Any]] = {}
    key: tuple[str, ...]
    for number, values in enumerate(rows[1:], 2):
        if not values:
            continue
        cells = dict(zip(header, values))
        cells.setdefault("round", "1")
        cells.setdefault("part", "")
        if len(values) != len(header) or (room and (cells["correct"] not in ("0", "1")
                                                    or cells["round"] not in ("1", "2")
                                                    or cells["part"] not in ("", *PARTS)
                                                    or not _NUMBER.fullmatch(cells["question_number"]))):
            raise ReportError(f"{clean(path)}:{number}: expected {len(header)} cells"
                              + (" with a question number, round 1 or 2, part pre, workshop or post and "
                                 "correct 0 or 1" if room else ""))
        if room:
            key = (cells["room"], cells["participant"])
            session = sessions.setdefault(key, {"name": cells["participant"], "date": cells["answered_at"],
                                                "answers": [], "rounds": {}})
            # A question answered in two rounds counts once, by the final answer (the second
            # round's if given, else the first's); a pre question counts in no score.
            session["rounds"].setdefault(int(cells["question_number"]), {})[int(cells["round"])] = {
                "room": cells["room"], "item": cells["item_id"], "given": cells["answer"],
                "correct": cells["correct"] == "1", "part": cells["part"]}
            continue
        key = (cells["name"], cells["date"], cells["seed"], cells["session"])
        session = sessions.setdefault(key, {"name": cells["name"] or None, "date": cells["date"],
                                            "answers": []})
        session["answers"].append({"item": cells["item"], "question": cells["question"],
                                   "given": cells["given"], "answer": cells["answer"],
                                   "correct": cells["correct"] == "right", "phase": cells.get("phase") or None,
                                   "counted": cells.get("counted") != "no"})
    if room:
        _mark_pre(list(sessions.values()))
    for session in sessions.values():
        if "rounds" in session:
            session["answers"] = [given[max(given)] for _, given in sorted(session["rounds"].items())
                                  if given[max(given)]["part"] != "pre"]
    return list(sessions.values())


def _mark_pre(sessions: list[dict[str, Any]]) -> None:
    """In a room CSV written before the `part` column: a question whose item is asked
    again at a later number of the same room was a pre question."""
    numbers: dict[tuple[str, str], set[int]] = {}
    for session in sessions:
        for number, given in session["rounds"].items():
            for answer in given.values():
                numbers.setdefault((answer["room"], answer["item"]), set()).add(number)
    for session in sessions:
        for number, given in session["rounds"].items():
            for answer in given.values():
                if not answer["part"]:
                    found = numbers[(answer["room"], answer["item"])]
                    answer["part"] = "pre" if len(found) > 1 and number == min(found) else ""


def read_results(path: Path) -> list[dict[str, Any]]:
    text = _read_text(path)
    if Path(path).suffix.lower() == ".csv":
        return _csv_sessions(path, text)
    if nesting(text) > MAX_DEPTH:
        raise ReportError(f"{clean(path)}: nested more than {MAX_DEPTH} levels deep: not a mythquiz results file")
    try:
        data = json.loads(text)
    except RecursionError:  # not reached after the nesting check; kept as a last guard
        raise ReportError(f"{clean(path)}: nested too deep: not a mythquiz results file") from None
    except ValueError as exc:
        raise ReportError(f"{clean(path)}:{getattr(exc, 'lineno', '?')}: not valid JSON") from None
    if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT or not isinstance(data.get("sessions"), list):
        raise ReportError(f"{clean(path)}: not a mythquiz results file (make one with `mythquiz export results --format json`)")
    for session in data["sessions"]:
        if not isinstance(session, dict) or not isinstance(session.get("answers", []), list):
            raise ReportError(f"{clean(path)}: a session has no list of answers")
    return data["sessions"]


def build(pack: Pack, files: list[Path]) -> Report:
    participants = []
    asked: dict[str, int] = {}
    missed: dict[str, int] = {}
    question: dict[str, str] = {}
    answer: dict[str, str] = {}
    everyone: list[dict[str, Any]] = []
    for path in files:
        sessions = read_results(path)
        everyone += sessions
        for n, session in enumerate(sessions, 1):
            name = session.get("name") or (Path(path).stem if n == 1 else f"{Path(path).stem} #{n}")
            # An answer counts unless it was a pre question's or a re-voted question's first
            # answer replaced by a second (`counted` false in the results file).
            answers = [a for a in session.get("answers", []) if isinstance(a, dict) and a.get("item")
                       and a.get("phase") != "pre" and a.get("counted", True) is not False]
            score = sum(bool(a.get("correct")) for a in answers)
            participants.append(Participant(clean(name), clean(path), clean(session.get("date") or ""),
                                            score, len(answers)))
            for a in answers:
                item_id = str(a["item"])
                asked[item_id] = asked.get(item_id, 0) + 1
                missed[item_id] = missed.get(item_id, 0) + (not a.get("correct"))
                question.setdefault(item_id, clean(a.get("question") or item_id))
                answer.setdefault(item_id, clean(a.get("answer") or ""))
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
    return Report(tuple(participants), tuple(rows), tuple(revotes(pack, everyone)), tuple(gains_by_room(pack, everyone)))


def to_markdown(report: Report, title: str) -> str:
    out = [f"# Class report: {md(title)}", "", f"{len(report.participants)} participants.", "",
           "## Participants", "", "| participant | score | % | date |", "| --- | --- | --- | --- |"]
    for p in report.participants:
        out.append(f"| {md(p.name)} | {p.score} of {p.answered} | {p.percent}% | {md(p.date[:10])} |")
    if report.revotes:
        out += ["", "## Vote, discuss, vote again", "", REVOTE_NOTE, "",
                "| room | # | question | first round right | second round right | wrong → right | right → wrong |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for v in report.revotes:
            out.append(f"| {md(v.room)} | {v.number} | {md(v.question)} | {v.share(v.first)} | {v.share(v.second)} | "
                       f"{v.wrong_to_right} | {v.right_to_wrong} |")
    for room, figures in report.gains:
        out += ["", "## Before and after", "", *gain_lines(room, figures)]
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
    parts.append("</table>")
    if report.revotes:
        parts.append(f"<h2>Vote, discuss, vote again</h2><p>{h(REVOTE_NOTE)}</p><table><tr><th>room</th><th>#</th>"
                     "<th>question</th><th>first round right</th><th>second round right</th>"
                     "<th>wrong → right</th><th>right → wrong</th></tr>")
        for v in report.revotes:
            parts.append(f"<tr><td>{h(v.room)}</td><td>{v.number}</td><td>{h(v.question)}</td>"
                         f"<td>{v.share(v.first)}</td><td>{v.share(v.second)}</td><td>{v.wrong_to_right}</td>"
                         f"<td>{v.right_to_wrong}</td></tr>")
        parts.append("</table>")
    for room, figures in report.gains:
        text = gain_lines(room, figures, str)
        parts.append(f"<h2>Before and after</h2><p>{h(text[0])}</p><ul>"
                     + "".join(f"<li>{h(line[2:])}</li>" for line in text if line.startswith("- "))
                     + "</ul>" + "".join(f"<p>{h(line)}</p>" for line in text[-3:] if line))
    parts.append("<h2>Questions, most missed first</h2>")
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
    if report.revotes:
        revotes = Table(title="Vote, discuss, vote again", caption=REVOTE_NOTE)
        for column in ("room", "#", "question", "first round right", "second round right",
                       "wrong → right", "right → wrong"):
            revotes.add_column(column)
        for v in report.revotes:
            revotes.add_row(escape(v.room), str(v.number), escape(v.question), v.share(v.first),
                            v.share(v.second), str(v.wrong_to_right), str(v.right_to_wrong))
        console.print(revotes)
    for room, figures in report.gains:
        console.print("Before and after")
        for line in gain_lines(room, figures, str):
            console.print(escape(line), markup=True)
    items = Table(title="Questions, most missed first", show_lines=True)
    for column in ("missed", "question", "right answer", "excerpt"):
        items.add_column(column)
    for r in report.items:
        quote = f"{quoted(r.excerpt)}\n— {r.source}" if r.excerpt else ""
        items.add_row(f"{r.missed} of {r.asked} ({r.miss_rate}%)", escape(r.question), escape(r.answer), escape(quote))
    console.print(items)
