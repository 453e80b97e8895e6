"""Opening the progress store without holding up the first screen.

On the first run after an update, the store imports the old `progress.json` (10,000 past
sessions: a 20 MB file, about 3 s). That runs in a worker thread, in the store's one
transaction, while a one-line note says so; the first screen is drawn and answers keys
meanwhile. The store's lock makes anything else that needs it (an answer to save, the
review's due items) wait until the import is done. When it ends the note goes, and the
store's one-line messages (what was imported, or why nothing was and the old files are
left as they are) are shown.

With nothing to import the store is opened on the UI thread after the first frame, as
before: that is a few milliseconds.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import TYPE_CHECKING, Callable

from textual.notifications import Notification, Notify

if TYPE_CHECKING:
    from .app import MythQuizApp

NOTE_SECONDS = 3600.0  # the note stays until the import ends, however long it takes

class _Opening:
    """The store being opened in the background, and what waits for it."""

    def __init__(self) -> None:
        self.done = False
        self.then: list[Callable[[], None]] = []


_opening: weakref.WeakKeyDictionary[MythQuizApp, _Opening] = weakref.WeakKeyDictionary()


def open_store(app: MythQuizApp, then: Callable[[], None] | None = None) -> bool:
    """Open `app.store` if it is not open yet: in a worker when old files are to be
    imported, else at once. True when the store is being opened in the background: then
    `then` is called on the UI thread once it is open (and not otherwise)."""
    store = app.store
    if store is None:
        return False
    opening = _opening.get(app)
    if opening is not None:  # tried once already: in the background, or done
        if not opening.done and then is not None:
            opening.then.append(then)
        return not opening.done
    old = store.old_files()
    if not old:
        if not store.opened:
            store.open()
        app.show_store_warnings()
        return False
    opening = _opening[app] = _Opening()
    if then is not None:
        opening.then.append(then)
    names = ", ".join(path.name for path in old)
    note = Notification(f"Importing {names} into {store.path}; your progress is saved once it is done.",
                        "Progress", "information", NOTE_SECONDS, markup=False)

    async def run() -> None:
        app.post_message(Notify(note))
        try:
            await asyncio.to_thread(store.open)
        finally:
            opening.done = True
            # The note is the only one on screen while the first screen opens; Textual's
            # public way to take it down takes down all.
            app.clear_notifications()
        app.show_store_warnings()
        for callback in opening.then:
            callback()

    app.run_worker(run(), name="open progress", group="progress", exit_on_error=False)
    return True
