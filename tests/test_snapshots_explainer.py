"""How the explainer's screens look, compared with stored SVG snapshots.

On the small fixed pack (tests/fixtures/small), like tests/test_snapshots.py. After a
deliberate change of look, read the report, then regenerate with
`.venv/bin/python -m pytest tests/test_snapshots_explainer.py --snapshot-update`.
"""

from __future__ import annotations



from tui.ui.app import MythQuizApp



def test_browse(snap_compare, small_pack):
    app = MythQuizApp(small_pack, start="browse")
    assert snap_compare(app, press=["down"], terminal_size=(100, 20))


def test_browse_search_highlights(snap_compare, small_pack):
    """Matched words underlined and bold; a match outside the statement shown after 'in answer:'."""
    app = MythQuizApp(small_pack, start="browse")
    keys = ["slash", *"Article", "space", "1", "0"]
    assert snap_compare(app, press=keys, terminal_size=(100, 20))


def test_browse_filtered_by_topic_and_type(snap_compare, small_pack):
    app = MythQuizApp(small_pack, start="browse")
    assert snap_compare(app, press=["p", "t", "t"], terminal_size=(100, 20))


def test_item_detail(snap_compare, small_pack):
    app = MythQuizApp(small_pack, start="show", start_options={"item": "snap-promise"})
    assert snap_compare(app, terminal_size=(100, 40))


def test_item_detail_who_said(snap_compare, small_pack):
    app = MythQuizApp(small_pack, start="show", start_options={"item": "snap-who"})
    assert snap_compare(app, terminal_size=(100, 36))


def test_reader_at_the_excerpt(snap_compare, small_pack):
    """The current excerpt in reverse video, the item's other excerpt underlined, scrolled to."""
    app = MythQuizApp(small_pack, start="show", start_options={"item": "snap-promise"})
    assert snap_compare(app, press=["s"], terminal_size=(100, 30))


def test_reader_next_excerpt(snap_compare, small_pack):
    app = MythQuizApp(small_pack, start="show", start_options={"item": "snap-promise"})
    assert snap_compare(app, press=["s", "n"], terminal_size=(100, 30))


def test_sources(snap_compare, small_pack):
    app = MythQuizApp(small_pack)
    assert snap_compare(app, press=["d"], terminal_size=(120, 36))
