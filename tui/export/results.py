"""Session results as JSON or CSV, the format `mythquiz report` reads back."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..core.explain import question_text
from ..core.model import Pack
from ..core.wording import verdict_line

RESULTS_FORMAT = "mythquiz-results"
RESULTS_VERSION = 1


def results_document(pack: Pack, sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """Finished sessions with each answer's question and right answer, for `report`."""
    out = []
    for raw in sessions:
        answers = []
        for a in raw.get("answers", []):
            item = pack.item(str(a.get("item")))
            answers.append({
                "item": a.get("item"),
                "question": question_text(item) if item else None,
                "given": a.get("given"),
                "answer": item.answer if item else None,
                "verdict": verdict_line(item, pack.sources) if item else None,
                "correct": bool(a.get("correct")),
                "seconds": a.get("seconds"),
            })
        out.append({
            "name": raw.get("name"), "date": raw.get("date"), "seed": raw.get("seed"),
            "score": raw.get("score"), "answered": raw.get("answered"), "total": raw.get("total"),
            "duration": raw.get("duration"), "review": bool(raw.get("review")), "answers": answers,
        })
    return {"format": RESULTS_FORMAT, "version": RESULTS_VERSION, "pack": pack.title, "sessions": out}


def results_json(pack: Pack, sessions: list[dict[str, Any]]) -> str:
    return json.dumps(results_document(pack, sessions), ensure_ascii=False, indent=2) + "\n"


def results_csv(pack: Pack, sessions: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "date", "seed", "session", "item", "question", "given", "answer", "correct", "seconds"])
    for n, session in enumerate(results_document(pack, sessions)["sessions"], 1):
        for a in session["answers"]:
            writer.writerow([session["name"] or "", session["date"], session["seed"], n, a["item"],
                             a["question"] or "", a["given"], a["answer"] or "",
                             "right" if a["correct"] else "wrong", a["seconds"]])
    return buffer.getvalue()
