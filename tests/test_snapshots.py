"""How the screens look, compared with stored SVG snapshots (pytest-textual-snapshot).

They use a small fixed pack so that edits to the real pack's wording do not change them.
After a deliberate change of look, read the diff report, then regenerate with
`.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations



from tui.core.engine import Session
from tui.core.selection import shuffled_options
from tui.ui.app import MythQuizApp



def quiz_app(pack, kind: str | None = None) -> MythQuizApp:
    return MythQuizApp(pack, session=Session.create(pack, seed=1, count=None, kind=kind))


def test_home(snap_compare, small_pack):
    assert snap_compare(MythQuizApp(small_pack), terminal_size=(100, 30))


def test_question_myth_or_fact(snap_compare, small_pack):
    assert snap_compare(quiz_app(small_pack, "myth-or-fact"), terminal_size=(100, 30))


def test_question_who_said(snap_compare, small_pack):
    assert snap_compare(quiz_app(small_pack, "who-said"), terminal_size=(100, 30))


def test_feedback_wide(snap_compare, small_pack):
    assert snap_compare(quiz_app(small_pack, "myth-or-fact"), press=["f"], terminal_size=(120, 40))


def test_feedback_narrow(snap_compare, small_pack):
    assert snap_compare(quiz_app(small_pack, "myth-or-fact"), press=["m"], terminal_size=(80, 40))


def test_feedback_choice_wrong(snap_compare, small_pack):
    app = quiz_app(small_pack, "choice")
    wrong = next(i for i, o in enumerate(app.first_session.options(), 1) if o != "Article 10")
    assert snap_compare(app, press=[str(wrong)], terminal_size=(120, 36))


def test_results(snap_compare, small_pack):
    """Right, wrong, right: the results show the score, topic bars and the missed item."""
    app = quiz_app(small_pack)
    keys = []
    for index, item in enumerate(app.first_session.items):
        options = shuffled_options(item, 1)
        right = options.index(item.answer)
        pick = right if index != 1 else (right + 1) % len(options)
        keys += [str(pick + 1), "n"]
    assert snap_compare(app, press=keys, terminal_size=(100, 30))


def test_help(snap_compare, small_pack):
    assert snap_compare(quiz_app(small_pack, "myth-or-fact"), press=["question_mark"], terminal_size=(100, 30))
