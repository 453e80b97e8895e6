"""How a disputed item looks: its sides side by side, each under who takes it (the side
declared for each quote, not the order quoted) (120 columns), one above the other with the
same headings (80x24). In the quiz's feedback
and on the item's page. A one-item pack of its own, so that edits to the real pack's
wording do not change these pictures."""

from __future__ import annotations

import pytest

from tui.core.engine import Session
from tui.ui.app import MythQuizApp



async def answer_then_scroll_to_the_sides(pilot) -> None:
    await pilot.press("d")
    body = pilot.app.screen.query_one("#quiz-body")
    first_side = next(y for y in range(body.virtual_size.height)
                      if body.line_text(y).startswith("NATO's 2017 fact sheet supports this"))
    body.scroll_to(y=first_side, animate=False, immediate=True)
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_disputed_feedback(snap_compare, disputed_pack, size):
    app = MythQuizApp(disputed_pack, session=Session.create(disputed_pack, seed=1, count=None))
    assert snap_compare(app, run_before=answer_then_scroll_to_the_sides, terminal_size=size)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_disputed_item_page(snap_compare, disputed_pack, size):
    app = MythQuizApp(disputed_pack, start="show", start_options={"item": "nrc-never-suspended"})

    async def to_the_sides(pilot) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#item-sides").scroll_visible(animate=False, top=True, immediate=True)
        await pilot.pause()

    assert snap_compare(app, run_before=to_the_sides, terminal_size=size)
