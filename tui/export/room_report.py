"""The live room's class report: Markdown for people, CSV (one row per answer) for
spreadsheets and for `mythquiz report`.

CSV columns: room, participant, question_number, round, part, item_id, answer, correct,
answered_at, seconds_to_answer. `round` is 1, or 2 for an answer given in a question's
second round (the peer re-vote); a participant's final answer (round 2 if given, else
round 1) is the one that counts. `part` is `pre`, `workshop` or `post`: with pre/post, a
post question has the same item_id as its pre question, at a later question_number, and
pre answers count in no score.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.room_results import gain_wording, plural
from .csvcell import Writer

COLUMNS = ("room", "participant", "question_number", "round", "part", "item_id", "answer", "correct",
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
             _counts_line(report), "", "## Per question", "",
             "| # | question | right | share right | answers given |", "| --- | --- | --- | --- | --- |"]
    for q in report["questions"]:
        given = "; ".join(f"{_md(option)}: {count}" for option, count in q["answers"])
        part = " (post)" if q["part"] == "post" else ""
        lines.append(f"| {q['number']}{part} | {_md(q['item'].prompt)} | {q['right']} of {q['answered']} | "
                     f"{q['percent']}% | {given} |")
    lines += revote_lines(report["questions"])
    lines += pre_post_lines(report["pre_post"])
    if report["missed"]:
        lines += ["", "## Most missed, with the evidence", ""]
        for q in report["missed"]:
            reveal = q["reveal"]
            lines += [f"### Question {q['number']}: {_md(q['item'].prompt)}", "",
                      f"{q['right']} of {q['answered']} right ({q['percent']}%). {_md(reveal['line'])}", "",
                      f"Explanation: {_md(reveal['explanation'])}", ""]
            # A disputed item's quotes under each side's heading, as the handout has them.
            groups = ([(f"*{_md(side['heading'])}:*", side["excerpts"]) for side in reveal["sides"]]
                      if reveal["sides"] else [(None, reveal["excerpts"])])
            for heading, excerpts in groups:
                lines += [heading, ""] if heading else []
                for ex in excerpts:
                    where = f", line {ex['line']}" if ex["line"] else ""
                    lines += [*(f"> {_md(part)}" for part in ex["text"].split("\n")), "",
                              f"Source: {_md(ex['source'])}{where}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _counts_line(report: dict[str, Any]) -> str:
    """`4 joined; 3 questions asked, 11 answers`, and with pre/post the pre ones apart."""
    pre = [row for row in report["rows"] if row["part"] == "pre"]
    line = (f"{report['joined']} joined; {plural(len(report['questions']), 'question')} asked, "
            f"{plural(len(report['rows']) - len(pre), 'answer')}")
    if report["pre_post"]:
        asked = len({row["question_number"] for row in pre})
        line += (f"; besides, before the workshop, {plural(asked, 'question')} and "
                 f"{plural(len(pre), 'answer')}, in no score")
    return line + "."


def revote_lines(questions: list[dict[str, Any]]) -> list[str]:
    """Markdown: per question with a second round, each round's share right and the switches."""
    twice = [q for q in questions if q["switches"] is not None]
    if not twice:
        return []
    lines = ["", "## Vote, discuss, vote again", "",
             "Questions with a second round, after discussion. Switches count those who answered in both rounds.",
             "", "| # | first round right | second round right | wrong → right | right → wrong | answered both |",
             "| --- | --- | --- | --- | --- | --- |"]
    for q in twice:
        one, two = q["rounds"]
        s = q["switches"]
        lines.append(f"| {q['number']} | {one['right']} of {one['answered']} ({one['percent']}%) | "
                     f"{two['right']} of {two['answered']} ({two['percent']}%) | {s['wrong_to_right']} | "
                     f"{s['right_to_wrong']} | {s['both']} |")
    return lines


def pre_post_lines(figures: dict[str, Any] | None) -> list[str]:
    """Markdown: before and after the workshop."""
    if figures is None:
        return []
    k = figures["questions"]
    words = gain_wording(figures)
    lines = ["", "## Before and after", "",
             f"{words['intro']} Gain is Hake's normalised gain g = (post − pre) / (100 − pre): below 0.3 "
             "low, 0.3 to 0.7 medium, above 0.7 high. Pre questions count in no score.", ""]
    if not figures["post_asked"]:
        lines += ["The post questions were not asked: there is no gain to report.", ""]
    lines += ["| participant | pre right | post right | gain |", "| --- | --- | --- | --- |"]
    for p in figures["people"]:
        before = ("joined after the questions before the workshop" if p["late"] else "none answered"
                  ) if p["pre_right"] is None else f"{p['pre_right']} of {k} ({p['pre_percent']:.0f}%)"
        lines.append(f"| {_md(p['name'])} | {before} | {p['post_right']} of {k} ({p['post_percent']:.0f}%) | "
                     f"{'no g' if p['pre_right'] is None else p['gain']} |")
    lines += ["", words["average"], "", words["before"], "", words["after"]]
    return lines


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
