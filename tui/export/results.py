"""Session results as JSON or CSV, the format `mythquiz report` reads back."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any, Iterable

from ..core.explain import question_text
from ..core.model import Pack
from ..core.wording import verdict_line
from .csvcell import Writer

if TYPE_CHECKING:
    from ..core.progress import AnswerRow, SessionRow

RESULTS_FORMAT = "mythquiz-results"
RESULTS_VERSION = 1
CSV_HEADER = ("name", "date", "seed", "session", "item", "question", "given", "answer", "correct", "seconds")

Sessions = Iterable[tuple["SessionRow", list["AnswerRow"]]]


def results_document(pack: Pack, sessions: Sessions) -> dict[str, Any]:
    """Kept sessions with each answer's question and right answer, for `report`."""
    out = []
    for row, rows in sessions:
        answers = []
        for a in rows:
            item = pack.item(a.item)
            answers.append({
                "item": a.item,
                "question": question_text(item) if item else None,
                "given": a.given,
                "answer": item.answer if item else None,
                "verdict": verdict_line(item, pack.sources) if item else None,
                "correct": a.correct,
                "seconds": a.seconds,
            })
        out.append({
            "name": row.name, "date": row.started, "seed": row.seed,
            "score": row.score, "answered": row.answered, "total": row.total,
            "duration": row.duration, "review": row.review, "answers": answers,
        })
    return {"format": RESULTS_FORMAT, "version": RESULTS_VERSION, "pack": pack.title, "sessions": out}


def results_json(pack: Pack, sessions: Sessions) -> str:
    return json.dumps(results_document(pack, sessions), ensure_ascii=False, indent=2) + "\n"


def results_csv(pack: Pack, sessions: Sessions) -> str:
    buffer = io.StringIO()
    writer = Writer(buffer)  # a name or question that looks like a formula stays text
    writer.writerow(CSV_HEADER)
    for n, session in enumerate(results_document(pack, sessions)["sessions"], 1):
        for a in session["answers"]:
            writer.writerow([session["name"] or "", session["date"], session["seed"], n, a["item"],
                             a["question"] or "", a["given"], a["answer"] or "",
                             "right" if a["correct"] else "wrong", a["seconds"]])
    return buffer.getvalue()
