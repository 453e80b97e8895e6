"""What screens and widgets ask for, as small typed messages; the app (or a parent screen)
decides what happens. A screen posts one (`self.post_message(OpenItem(item))`), it
bubbles up to the app, and the app's `on_open_item` handles it: the type checker sees
every hop, and no screen calls into the app by name.

The one thing a screen calls directly is `AnswerRecorder.record_answer`: an answer is
saved before its verdict is drawn, within the key that gave it, not a message later.

Each message is a dataclass without `__eq__` and `__repr__` (compared by identity, shown
by Textual's own repr): generating those two methods for the thirteen messages took
1.8 ms of every start-up, before the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from ..core.engine import Session
from ..core.selection import DEFAULT_COUNT
from ..core.model import Item

if TYPE_CHECKING:
    from ..core.summary import Summary  # only named here: its figures load when a quiz ends


class AnswerRecorder(Protocol):
    """Saves each answer as it is given (the app, with the progress store)."""

    def record_answer(self, session: Session) -> None: ...


@dataclass(eq=False, repr=False)
class MenuChosen(Message):
    """An entry of the home menu was chosen (by arrows and Enter, or a click)."""

    action: str


@dataclass(eq=False, repr=False)
class StartQuiz(Message):
    """Start a quiz with these choices, in place of the current screen."""

    count: int | None = DEFAULT_COUNT
    topic: str | None = None


@dataclass(eq=False, repr=False)
class StartReview(Message):
    """Ask the missed questions that are due (or offer a quiz if none is)."""

    count: int | None = DEFAULT_COUNT
    topic: str | None = None


@dataclass(eq=False, repr=False)
class RetryMissed(Message):
    """Ask again the questions missed in this finished quiz."""

    summary: Summary


@dataclass(eq=False, repr=False)
class QuizFinished(Message):
    """The last question has been answered and left: show the results."""

    session: Session


@dataclass(eq=False, repr=False)
class LeaveQuiz(Message):
    """Go home from a quiz (asks first if answers would be abandoned)."""

    session: Session


@dataclass(eq=False, repr=False)
class GoHome(Message):
    """Go to the home screen."""


@dataclass(eq=False, repr=False)
class OpenStats(Message):
    """Show the learner's progress."""


@dataclass(eq=False, repr=False)
class OpenBrowse(Message):
    """Open the explainer's list of every item."""


@dataclass(eq=False, repr=False)
class OpenSources(Message):
    """Open the table of source documents."""


@dataclass(eq=False, repr=False)
class OpenItem(Message):
    """Show one item in full, over the current screen."""

    item: Item


@dataclass(eq=False, repr=False)
class OpenReader(Message):
    """Open the source reader at the item's first excerpt, or a whole document."""

    item: Item | None = None
    source_id: str | None = None


@dataclass(eq=False, repr=False)
class FlagItem(Message):
    """Ask for a note on this item and keep it for the pack's author."""

    item: Item
