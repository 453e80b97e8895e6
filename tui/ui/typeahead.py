"""Keys are applied strictly in the order typed, however fast.

Textual reads keys in the app's message queue but handles most of them elsewhere: a key
goes on to the focused widget's own queue, and bubbles from there, one queue at a time, to
its screen and back to the app, where the screen's bindings run; a binding's action may
post a message of its own (an option chosen) or open a screen that mounts in its own
queue. Meanwhile the app reads the next key and sends it to whatever is focused *then*,
and a priority binding (Enter in browse) runs at once, ahead of letters still queued in
the search box. Typed in one burst, `/ Article 10 Enter` opened the row highlighted
before the search.

`TypeAhead` holds each key until every earlier key has finished its work: after a key is
handed to Textual, a marker is sent along the same queues (the focused widget, its
ancestors, the screen, the app), behind the key. Each queue is first in, first out, so
when the marker is back at the app, the key and whatever it posted on its way have been
handled. Rounds go on, from whatever is focused by then, until a round ends where it
began (same screen, same focus, the screen mounted): what an action posted, and a screen
it opened, are ready too. Only then is the next held key handed over. A key typed on its
own is handed over at once, so a single key is as quick as before.

Keys typed while the app starts are held the same way, until the screen that the command
line asked for is open (`mythquiz browse` opens home first, then browse over it). Those
typed before Textual has put the terminal in raw mode went through the terminal's line
discipline, which turns Enter into a line feed: `as_typed` gives Enter back.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Awaitable, Callable

from textual import events
from textual.app import ScreenStackError
from textual.dom import DOMNode
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App

# Input that must keep its place among the keys (a paste typed after `/` goes into the box).
HELD = (events.Key, events.Paste)
MIN_ROUNDS = 2  # the key's own way, then whatever its action posted to the focused widget
MAX_ROUNDS = 8  # a screen that keeps changing focus must not hold the keys for ever
WATCHDOG = 1.0  # seconds without a marker moving: one was lost (its queue closed under it)


def as_typed(event: events.Event) -> events.Event:
    """The key the user pressed. Enter typed before the terminal went raw (while Python
    and Textual were still loading) arrives as a line feed, which Textual reads as ctrl+j;
    it is Enter again here (ctrl+j is bound to nothing else, and a line feed is Enter to
    line editors too)."""
    if isinstance(event, events.Key) and event.key == "ctrl+j":
        return events.Key("enter", "\r")
    return event


class TypeAhead:
    """The app's gate for keys: `offer` each key; it is handed to `dispatch` in order."""

    def __init__(self, app: App, dispatch: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.dispatch = dispatch
        self.held: deque[events.Event] = deque()
        self.busy = True  # closed until the first screen asked for is open (see `open`)
        self._round = 0
        self._generation = 0  # one per settling; a marker of an older one is ignored
        self._watching = False
        self._hops = 0  # markers moved so far (the watchdog sees whether any still moves)
        self._hops_seen = 0

    # ---- keys in ----

    async def offer(self, event: events.Event) -> None:
        """A key from the terminal: handle it now if nothing is at work, else hold it."""
        if self.busy or self.held:
            self.held.append(event)
            self._watch()
            return
        await self._hand_over(event)

    async def _hand_over(self, event: events.Event) -> None:
        self.busy = True
        target = self._focus()
        await self.dispatch(event)
        self.settle(target)

    def _focus(self) -> DOMNode | None:
        """Where Textual sends a key now: the focused widget, else the screen (None when
        the app has no screen left, as it closes)."""
        try:
            return self.app.focused or self.app.screen
        except ScreenStackError:
            return None

    def open(self) -> None:
        """The app's first screens are open: settle them, then let keys through."""
        self.settle(None)

    # ---- waiting for the work of a key to be done ----

    def settle(self, target: DOMNode | None) -> None:
        """Send markers behind the work in flight; release the next key when it is done."""
        self._generation += 1
        self._round = 0
        self._start_round(target, self._generation)

    def _state(self) -> tuple[object, ...]:
        try:
            screen = self.app.screen
        except ScreenStackError:  # no screen: the app is closing
            return ()
        return (screen, screen.focused, screen.is_mounted)

    def _start_round(self, target: DOMNode | None, generation: int) -> None:
        app = self.app
        start = target or self._focus()
        path: list[MessagePump] = []
        node: DOMNode | None = start
        while node is not None and node is not app:
            path.append(node)
            node = node.parent
        path.append(app)
        self._round += 1
        self._hop(path, 0, self._state(), generation)

    def _hop(self, path: list[MessagePump], at: int, state: tuple[object, ...], generation: int) -> None:
        if generation != self._generation:
            return
        self._hops += 1
        while at < len(path):
            # Behind everything already in this queue; a queue that is closing is skipped.
            if path[at].call_later(self._hop, path, at + 1, state, generation):
                return
            at += 1
        if (self._round < MIN_ROUNDS or self._state() != state) and self._round < MAX_ROUNDS:
            self._start_round(None, generation)
        else:
            self.app.call_later(self._release, generation)

    async def _release(self, generation: int) -> None:
        if generation != self._generation:
            return
        self.busy = False
        if self.held:
            await self._hand_over(self.held.popleft())

    def _watch(self) -> None:
        if not self._watching:
            self._watching = True
            self._hops_seen = self._hops
            self.app.set_timer(WATCHDOG, self._check, name="typeahead-watchdog")

    async def _check(self) -> None:
        """Keys are held and no marker moved for WATCHDOG seconds: one was lost in a queue
        that closed under it. The markers in flight are void; the next key goes."""
        self._watching = False
        if self.held and self.busy and self._hops == self._hops_seen:
            self._generation += 1
            await self._release(self._generation)
        if self.held:
            self._watch()
