"""A disputed item's sides, side by side where the screen is wide enough and one above
the other below that, each under who takes it: on the item page, in the facilitator's
feedback and in the quiz's own feedback (its layout at the embedded pack's widths is
tested in test_tui_quiz.py). The fixture pack lists a quote against the statement
first, so the sides must follow the declared `side`, not the evidence's order."""

from __future__ import annotations

import re

import pytest

from tui.core.engine import Session
from tui.ui.app import MythQuizApp
from tui.ui.feedback import DisputeSides

# The pack lists the report's quote first; its declared sides put NATO's sheet first.
HEADINGS = ("NATO's 2017 fact sheet supports this:",
            "The December 2019 report of Putin's remarks (date inferred) disputes it:")


def assert_sides(app, side_by_side: bool) -> None:
    sides = app.screen.query_one(DisputeSides)
    headings = [str(h.visual) for h in sides.query(".dispute-heading")]
    assert tuple(h.split("\n")[0] for h in headings) == HEADINGS  # never dropped
    left, right = (column.region for column in sides.query(".dispute-side"))
    if side_by_side:
        assert left.y == right.y and right.x >= left.right
    else:
        assert right.y >= left.bottom and right.x == left.x
    left_quotes, right_quotes = (" ".join(str(s.visual) for s in column.query(".excerpt"))
                                 for column in sides.query(".dispute-side"))
    assert "has never been suspended" in left_quotes
    assert "halted in 2014" not in left_quotes and "meets periodically" not in left_quotes
    assert "halted in 2014" in right_quotes and "meets periodically" in right_quotes
    assert "has never been suspended" not in right_quotes


@pytest.mark.parametrize("width, side_by_side", [(120, True), (80, False)])
async def test_item_page_sets_the_sides_side_by_side_when_wide(disputed_pack, width, side_by_side):
    app = MythQuizApp(disputed_pack, start="show", start_options={"item": "nrc-never-suspended"})
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        assert_sides(app, side_by_side)


@pytest.mark.parametrize("width, side_by_side", [(120, True), (80, False)])
async def test_facilitator_reveal_sets_the_sides_side_by_side_when_wide(disputed_pack, width, side_by_side):
    session = Session.create(disputed_pack, seed=1, count=None)
    app = MythQuizApp(disputed_pack, session=session, start="facilitator")
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert_sides(app, side_by_side)
        # The explanation spans the width above them.
        assert app.screen.query_one("#explain-col").region.bottom <= app.screen.query_one(DisputeSides).region.y


async def test_quiz_feedback_sets_each_quote_on_its_declared_side(disputed_pack):
    session = Session.create(disputed_pack, seed=1, count=None)
    app = MythQuizApp(disputed_pack, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        body = app.screen.query_one("#quiz-body")
        lines = [body.line_text(y) for y in range(body.virtual_size.height)]
        heading = next(y for y, line in enumerate(lines) if line.startswith(HEADINGS[0]))
        split = lines[heading].find("The December 2019 report")  # the right column's heading, wrapped
        assert split >= 50
        below = lines[heading + 1:]
        left, right = (re.sub(r"[\s█▌]+", " ", " ".join(column)) for column in
                       ([line[:split] for line in below], [line[split:] for line in below]))
        assert "never been suspended" in left and "halted in 2014" not in left
        assert "halted in 2014" in right and "meets periodically" in right
        assert "never been suspended" not in right
