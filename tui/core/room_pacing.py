"""How the facilitator paces a live room: the phases, the second round, the countdown.

Phases: lobby (nobody asked yet) → open (answers taken) → closed → revealed → open (the
next question) … → ended. Before the reveal the facilitator may open a second round on a
workshop question (`v`: open again, round 2). A pre question of `--pre-post` is never
revealed: `reveal` only closes it. Every change is stored before listeners hear of it.
`Pacing` is the part of `Room` (in `room.py`) that the facilitator's keys drive.
"""

from __future__ import annotations

from typing import Callable

from .model import Item
from .room_plan import PRE, WORKSHOP, part_of
from .room_store import RoomStore


class Pacing:
    """The facilitator's actions on a room's phase, question and round."""

    items: list[Item]
    store: RoomStore
    id: int
    phase: str
    current: int
    pre_post: int
    timer: int | None
    deadline: float | None
    opened_at: dict[int, float]
    revote_at: dict[int, float]
    clock: Callable[[], float]
    _emit: Callable[..., None]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def item(self) -> Item | None:
        return self.items[self.current - 1] if self.current else None

    @property
    def last(self) -> bool:
        return self.current >= self.total

    @property
    def round(self) -> int:
        """1, or 2 once the facilitator has opened a second round on this question."""
        return 2 if self.current in self.revote_at else 1

    def part(self, number: int | None = None) -> str:
        """'pre', 'workshop' or 'post': the part of the room question `number` (default the
        current one) is in."""
        return part_of(self.current if number is None else number, self.total, self.pre_post)

    @property
    def holds_back(self) -> bool:
        """The current question is a pre question: its verdict is never shown now."""
        return self.current > 0 and self.part() == PRE

    @property
    def can_revote(self) -> bool:
        """A second round may be opened: a workshop question's first round, not yet revealed."""
        return (self.phase in ("open", "closed") and self.current not in self.revote_at
                and self.part() == WORKSHOP)

    def _set(self, phase: str, current: int | None = None, opened: bool = False, revote: bool = False) -> None:
        if current is not None:
            self.current = current
        now = self.clock()
        if opened or revote:
            (self.revote_at if revote else self.opened_at)[self.current] = now
            self.deadline = now + self.timer if self.timer else None
        elif phase != "open":
            self.deadline = None
        self.phase = phase
        self.store.set_phase(self.id, phase, self.current, self.deadline, now if opened else None,
                             now if revote else None)
        self._emit("phase", phase)

    def open_next(self) -> bool:
        """Ask the next question (n). False if there is none left or the room has ended."""
        if self.phase == "ended" or self.last:
            return False
        self._set("open", self.current + 1, opened=True)
        return True

    def close(self) -> bool:
        """Stop taking answers (c). False if no question is open."""
        if self.phase != "open":
            return False
        self._set("closed")
        return True

    def revote(self) -> bool:
        """Open a second round on this question (v): participants discuss, then answer
        again. Closes a first round still open. False when not `can_revote`."""
        if not self.can_revote:
            return False
        self._set("open", revote=True)
        return True

    def reveal(self) -> bool:
        """Show the verdict and evidence to everyone (r); closes answering too. A pre
        question is only closed, never revealed: then (and when there is nothing to reveal)
        False."""
        if self.phase not in ("open", "closed"):
            return False
        if self.holds_back:
            self.close()
            return False
        self._set("revealed")
        return True

    def end(self) -> None:
        """End the room (q): no more joins or answers."""
        if self.phase != "ended":
            self._set("ended")

    def extend(self) -> bool:
        """Add another `--timer` period to the open question's countdown."""
        if self.phase != "open" or not self.timer or self.deadline is None:
            return False
        self.deadline += self.timer
        self.store.set_phase(self.id, self.phase, self.current, self.deadline)
        self._emit("phase", self.phase)
        return True

    def check_timer(self) -> bool:
        """Close answering once the countdown has run out; True if this call closed it."""
        if self.phase == "open" and self.deadline is not None and self.clock() >= self.deadline:
            self._set("closed")
            return True
        return False

    def seconds_left(self) -> int | None:
        if self.phase != "open" or self.deadline is None:
            return None
        return max(0, int(self.deadline - self.clock() + 0.999))
