"""The progress store's queries: everything that reads progress (review, `stats`,
`export results`, xAPI) asks these, and each reads what it needs, not the whole history:
one row per item, the last few sessions, or the history in batches.

A mix-in of `progress.Store`, which provides `_rows(sql, params)` (the rows, or [] with a
one-line message when the database cannot be read) and `scheduler()`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

from . import scheduler
from .progress_rows import (ANSWER_COLUMNS, ROOM_COLUMNS, SESSION_COLUMNS, AnswerRow, Flag, ItemHistory,
                            RoomAnswerRow, RoomRow, SessionRow, answer_row, session_row)


def _utc(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=0).isoformat()


class Queries:
    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def scheduler(self) -> str:
        raise NotImplementedError

    # ---- review state ----

    def history(self, item_id: str) -> ItemHistory | None:
        rows = self._rows("SELECT right, wrong, last_seen, box FROM review WHERE item = ?", (item_id,))
        if not rows:
            return None
        right, wrong, last_seen, box = rows[0]
        return ItemHistory(right + wrong, right, wrong, last_seen, box)

    def histories(self) -> dict[str, ItemHistory]:
        """Every item ever answered (one row per item, not per answer)."""
        return {item: ItemHistory(right + wrong, right, wrong, last_seen, box)
                for item, right, wrong, last_seen, box in self._rows(
                    "SELECT item, right, wrong, last_seen, box FROM review")}

    def _due_times(self, item_ids: list[str], using: str | None
                   ) -> list[tuple[datetime | None, tuple[str, int | None, int, str | None]]]:
        """(when due, (item, last answer right?, times wrong, last seen)) for each item of
        `item_ids` the chosen scheduler would bring back; None for "at once"."""
        wanted = set(item_ids)
        chosen = using or self.scheduler()
        out: list[tuple[datetime | None, tuple[str, int | None, int, str | None]]] = []
        for item, wrong, last_seen, box, last_correct, fsrs_due in self._rows(
                "SELECT item, wrong, last_seen, box, last_correct, fsrs_due FROM review"):
            if item not in wanted:
                continue
            last = scheduler.parse_time(last_seen)
            if chosen == "fsrs":
                when = scheduler.parse_time(fsrs_due) or last
            else:
                if wrong == 0:
                    continue
                when = None if last is None else scheduler.leitner_due(box, last)
            out.append((when, (item, last_correct, wrong, last_seen)))
        return out

    def due_for_review(self, item_ids: list[str], at: datetime | None = None,
                       using: str | None = None) -> list[str]:
        """The items of `item_ids` due under the chosen scheduler: those last answered
        wrong at certainty 3 first (`scheduler.review_order`), then those last answered wrong,
        then the most missed, then the longest ago."""
        moment = at or datetime.now(timezone.utc)
        due = [row for when, row in self._due_times(item_ids, using) if when is None or when <= moment]
        return scheduler.review_order(due, self._confident_errors([row[0] for row in due if not row[1]]))

    def _confident_errors(self, item_ids: list[str]) -> set[str]:
        """Those of `item_ids` whose last answer was wrong at certainty 3 (one indexed look-up each)."""
        return {item for item in item_ids if self._rows(
            "SELECT 1 FROM (SELECT correct, certainty FROM answers WHERE item = ? ORDER BY at DESC, id DESC LIMIT 1) "
            "WHERE correct = 0 AND certainty = 3", (item,))}

    def due_count(self, item_ids: list[str], at: datetime | None = None, using: str | None = None) -> int:
        """How many of `item_ids` are due (what stats show; no order needed, so no look-up
        of each item's last answer)."""
        moment = at or datetime.now(timezone.utc)
        return sum(1 for when, _ in self._due_times(item_ids, using) if when is None or when <= moment)

    def next_due(self, item_ids: list[str], at: datetime | None = None, using: str | None = None) -> datetime | None:
        """When the next item not yet due comes back under the chosen scheduler."""
        moment = at or datetime.now(timezone.utc)
        later = [when for when, _ in self._due_times(item_ids, using) if when is not None and when > moment]
        return min(later, default=None)

    # ---- sessions and their answers ----

    def session_count(self, finished_only: bool = False) -> int:
        where = " AND finished IS NOT NULL" if finished_only else ""
        rows = self._rows(f"SELECT count(*) FROM sessions WHERE answered > 0{where}")
        return rows[0][0] if rows else 0

    def recent_sessions(self, n: int) -> list[SessionRow]:
        """The last `n` sessions with an answer, oldest first."""
        rows = self._rows(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE answered > 0 "
                          "ORDER BY started DESC, id DESC LIMIT ?", (n,))
        return [session_row(r) for r in reversed(rows)]

    def answers_of(self, sessions: list[int]) -> dict[int, list[AnswerRow]]:
        """The answers of a few sessions (by id), each session's in the order given."""
        found: dict[int, list[AnswerRow]] = {s: [] for s in sessions}
        for start in range(0, len(sessions), 500):  # SQLite's limit on parameters is far above
            part = sessions[start:start + 500]
            for raw in self._rows(f"SELECT {ANSWER_COLUMNS} FROM answers WHERE session IN "
                                  f"({', '.join('?' * len(part))}) ORDER BY session, id", tuple(part)):
                found[raw[1]].append(answer_row(raw))
        return found

    def best_session(self) -> SessionRow | None:
        rows = self._rows(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE answered > 0 "
                          "ORDER BY CAST(score AS REAL) / answered DESC, score DESC, id LIMIT 1")
        return session_row(rows[0]) if rows else None

    def longest_streak(self) -> int:
        rows = self._rows("SELECT coalesce(max(best_streak), 0) FROM sessions")
        return rows[0][0] if rows else 0

    def sessions(self, batch: int = 500) -> Iterator[tuple[SessionRow, list[AnswerRow]]]:
        """Every session with an answer and its answers, oldest first, read in batches."""
        last = 0
        while True:
            rows = [session_row(r) for r in self._rows(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE answered > 0 AND id > ? ORDER BY id LIMIT ?",
                (last, batch))]
            if not rows:
                return
            answers: dict[int, list[AnswerRow]] = {row.id: [] for row in rows}
            for raw in self._rows(f"SELECT {ANSWER_COLUMNS} FROM answers WHERE session BETWEEN ? AND ? "
                                  "ORDER BY session, id", (rows[0].id, rows[-1].id)):
                if raw[1] in answers:
                    answers[raw[1]].append(answer_row(raw))
            for row in rows:
                yield row, answers[row.id]
            last = rows[-1].id

    # ---- live rooms run from this data dir ----

    def room_count(self) -> int:
        rows = self._rows("SELECT count(*) FROM rooms")
        return rows[0][0] if rows else 0

    def _room_rows(self, where: str, params: tuple[Any, ...]) -> list[RoomRow]:
        # Each count is one index range (room_answers' UNIQUE index starts with the room);
        # an answer counts unless the same participant answered the question's re-vote, or
        # it was a pre question's (the room's first K with --pre-post K).
        pre_post = "coalesce(json_extract(r.settings, '$.pre_post'), 0)"
        final = (f"FROM room_answers a WHERE a.room = r.id AND a.question > {pre_post} AND NOT EXISTS "
                 "(SELECT 1 FROM room_answers b "
                 "WHERE b.room = a.room AND b.participant = a.participant AND b.question = a.question "
                 "AND b.round > a.round)")
        return [RoomRow(*raw) for raw in self._rows(
            f"SELECT {ROOM_COLUMNS}, "
            "(SELECT count(*) FROM room_questions q WHERE q.room = r.id), "
            "(SELECT count(*) FROM room_participants p WHERE p.room = r.id), "
            f"(SELECT count(*) {final}), (SELECT coalesce(sum(a.correct), 0) {final}), {pre_post} "
            f"FROM rooms r {where}", params)]

    def recent_rooms(self, n: int) -> list[RoomRow]:
        """The last `n` rooms, oldest first, with their counts."""
        return list(reversed(self._room_rows("ORDER BY r.id DESC LIMIT ?", (n,))))

    def room_answers(self, room: int) -> list[RoomAnswerRow]:
        """One room's answers with each participant's nickname, by participant, round and
        question."""
        return [RoomAnswerRow(pid, name, question, round_, item, given, bool(correct), _utc(at), seconds)
                for pid, name, question, round_, item, given, correct, at, seconds in self._rows(
                    "SELECT a.participant, p.name, a.question, a.round, a.item, a.answer, a.correct, "
                    "a.answered_at, a.seconds_to_answer FROM room_answers a "
                    "JOIN room_participants p ON p.id = a.participant "
                    "WHERE a.room = ? ORDER BY a.participant, a.round, a.question", (room,))]

    def rooms(self) -> Iterator[tuple[RoomRow, list[RoomAnswerRow]]]:
        """Every room with its answers, oldest first, one room read at a time."""
        last = 0
        while True:
            found = self._room_rows("WHERE r.id > ? ORDER BY r.id LIMIT 1", (last,))
            if not found:
                return
            yield found[0], self.room_answers(found[0].id)
            last = found[0].id

    # ---- flags ----

    def flags(self) -> list[Flag]:
        return [Flag(*row) for row in self._rows("SELECT at, item, note, pack FROM flags ORDER BY id")]
