"""How certainty-based marking and before/after questions look (pytest-textual-snapshot):
the "How sure" line under a chosen answer, the verdict with what it earned, and the
summary's sections. The small fixed pack keeps them independent of the real pack's words.
After a deliberate change of look, read the diff report, then regenerate with
`.venv/bin/python -m pytest tests/test_snapshots_certainty.py --snapshot-update`.
"""

from __future__ import annotations

from tui.core.engine import Session
from tui.ui.app import MythQuizApp


def app_for(pack, kind: str | None = "myth-or-fact", **options) -> MythQuizApp:
    return MythQuizApp(pack, session=Session.create(pack, seed=1, count=None, kind=kind, **options))


def test_how_sure_after_the_answer_at_60x20(snap_compare, small_pack):
    assert snap_compare(app_for(small_pack, certainty=True), press=["m"], terminal_size=(60, 20))


def test_verdict_with_what_it_earned(snap_compare, small_pack):
    assert snap_compare(app_for(small_pack, certainty=True), press=["m", "3"], terminal_size=(100, 30))


def test_summary_with_certainty_and_before_after(snap_compare, small_pack):
    app = app_for(small_pack, kind=None, certainty=True, pre_post=1)
    keys = ["2", "n"]  # before the quiz: no certainty asked
    for _ in app.first_session.items[1:]:
        keys += ["1", "2", "n"]
    assert snap_compare(app, press=keys, terminal_size=(100, 40))
