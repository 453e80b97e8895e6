"""Flags as a reader and a pack's author rely on them: a flag is kept (even with saving
off), read back by the next run, and listed as `FILE:LINE: …` so the author can jump to
the item, or says which pack it came from when the item is not in this one."""

from __future__ import annotations

from datetime import datetime, timezone

from tui.core.flags import FlagStore, flag_lines
from tui.core.progress import Flag, Store

DAMAGED = b"this is not a database at all" * 200


def test_a_flag_is_kept_and_read_back_by_the_next_run(tmp_path, small_pack):
    flags = FlagStore(tmp_path)
    assert flags.path == tmp_path / "progress.db"
    before = datetime.now(timezone.utc).replace(microsecond=0)
    assert flags.add(small_pack, "snap-who", "the  date\nlooks wrong") is True
    after = datetime.now(timezone.utc)
    assert flags.add(small_pack, "snap-who", " \n ") is False  # nothing to say: nothing kept
    (kept,) = FlagStore(tmp_path).flags()
    assert (kept.item, kept.note, kept.pack) == ("snap-who", "the date looks wrong", small_pack.title)
    when = datetime.fromisoformat(kept.at)  # UTC, to the second
    assert before <= when <= after and when.utcoffset().total_seconds() == 0 and when.microsecond == 0


def test_listing_flags_where_none_were_kept_makes_no_file(tmp_path):
    assert FlagStore(tmp_path / "data").flags() == []
    assert not (tmp_path / "data").exists()


def test_a_flag_store_given_a_store_uses_it(tmp_path, small_pack):
    store = Store(tmp_path / "mine")
    flags = FlagStore(tmp_path / "other", store=store)
    assert flags.path == tmp_path / "mine" / "progress.db"
    flags.add(small_pack, "snap-promise", "a note")
    assert [f.note for f in store.flags()] == ["a note"]
    assert not (tmp_path / "other").exists()


def test_a_damaged_database_is_said_when_flags_are_read(tmp_path):
    (tmp_path / "progress.db").write_bytes(DAMAGED)
    flags = FlagStore(tmp_path)
    assert flags.flags() == []
    (warning,) = flags.warnings
    assert "progress.db" in warning and "moved" in warning


def test_each_flag_is_listed_where_its_item_is_written(small_pack):
    item = small_pack.item("snap-who")
    lines = flag_lines(small_pack, [
        Flag("2026-03-04T05:06:07+00:00", "snap-who", "the\tdate  looks\nwrong", "small"),
        Flag("2026-03-05T00:00:00+00:00", "gone-item", "no longer here", "an older pack"),
        Flag("2026-03-06T00:00:00+00:00", "gone-item", "pack unknown", None),
    ])
    assert lines == [
        f"{item.file}:{item.line}: item 'snap-who' flagged on 2026-03-04: the date looks wrong",
        "(not in this pack: an older pack): item 'gone-item' flagged on 2026-03-05: no longer here",
        "(not in this pack: ?): item 'gone-item' flagged on 2026-03-06: pack unknown",
    ]
