"""What a live room's answers add up to: the class report's figures and its CSV rows.

Per question: share right and the answers given; the most-missed questions with their
evidence; one row per answer for the CSV. The export module (`tui/export/room_report.py`)
writes these as Markdown and CSV; the facilitator screens print them.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import Any

# `room` below is a `tui.core.room.Room` (not imported: the room imports this module).
Room = Any


def class_report(room: "Room") -> dict[str, Any]:
    """Per question: share right, the answers given; the most-missed items with evidence;
    and one row per answer for the CSV."""
    questions = []
    for number, item in enumerate(room.items, 1):
        if number not in room.opened_at:
            continue
        counts = room.counts.get(number, Counter())
        answered = sum(counts.values())
        right = counts[item.answer]
        questions.append({
            "number": number, "item": item, "answered": answered, "right": right,
            "percent": round(100 * right / answered) if answered else 0,
            "answers": [(o, counts[o]) for o in room.options[number - 1]],
        })
    missed = sorted((q for q in questions if q["answered"] and q["right"] < q["answered"]),
                    key=lambda q: (q["right"] / q["answered"], q["number"]))
    rows = [
        {"room": room.code, "participant": room.names.get(a.participant, ""),
         "question_number": a.question, "item_id": a.item_id, "answer": a.answer,
         "correct": int(a.correct),
         "answered_at": datetime.fromtimestamp(a.answered_at, timezone.utc).isoformat(timespec="seconds"),
         "seconds_to_answer": a.seconds_to_answer}
        for a in sorted(room.answers.values(), key=lambda a: (a.question, a.answered_at, a.participant))
    ]
    return {"code": room.code, "joined": len(room.participants), "questions": questions,
            "missed": [dict(q, reveal=room.revealed(q["number"])) for q in missed[:5]],
            "rows": rows}
