"""A disputed item's reveal on the participant's page in headless Chromium: both sides'
headings are shown, the sides stand side by side on a wide screen and one above the
other at 320 px, and axe-core finds no violation."""

from __future__ import annotations

import pytest

from conftest import DISPUTED
from room_helpers import RoomProcess
from test_room_browser import check_both_schemes, join_page, tab  # noqa: F401 - the browser fixture

pytestmark = pytest.mark.slow

HEADINGS = ["NATO's 2017 fact sheet supports this",
            "The December 2019 report of Putin's remarks (date inferred) disputes it"]
# Where each side's box stands: [left, top, bottom] of the first and the second.
BOXES = "[...document.querySelectorAll('.side')].map(e => e.getBoundingClientRect()).map(r => [r.left, r.top, r.bottom])"


async def test_disputed_reveal_shows_both_sides_and_is_accessible(tab, tmp_path):  # noqa: F811
    room = RoomProcess("--code", "7170", "--count", "1", "--seed", "7", data_dir=tmp_path / "data",
                       options=("--content", str(DISPUTED)))
    try:
        room.started()
        await tab.call("Emulation.setDeviceMetricsOverride", width=1000, height=800, deviceScaleFactor=1, mobile=False)
        await join_page(tab, room.port, "7170")
        room.send("n")
        await tab.wait_for("document.querySelectorAll('button.option').length >= 2", bool, "the question's options")
        await tab.evaluate("[...document.querySelectorAll('button.option')].find(b => b.value === 'Disputed').click(); true")
        await tab.wait_for("document.body.innerText.includes('received')", bool, "the answer received")
        room.send("r")
        await tab.wait_for("document.querySelector('.reveal') !== null", bool, "the reveal")
        headings = await tab.evaluate("[...document.querySelectorAll('.side h4')].map(h => h.textContent)")
        assert headings == HEADINGS
        (left1, top1, _), (left2, top2, _) = await tab.evaluate(BOXES)
        assert top1 == top2 and left2 > left1, "the sides should stand side by side on a wide screen"
        await check_both_schemes(tab, "disputed reveal (wide)")
        await tab.call("Emulation.setDeviceMetricsOverride", width=320, height=640, deviceScaleFactor=1, mobile=True)
        (left1, _, bottom1), (left2, top2, _) = await tab.evaluate(BOXES)
        assert left1 == left2 and top2 >= bottom1, "the sides should stand one above the other at 320 px"
        assert await tab.evaluate("document.documentElement.scrollWidth <= 320"), "the reveal overflows at 320 px"
        await check_both_schemes(tab, "disputed reveal (320 px)")
    finally:
        room.kill()
