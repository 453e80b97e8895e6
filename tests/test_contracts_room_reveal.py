"""What every device shows at a reveal: whose verdict it is (or nobody's, for a disputed
item that names no verdict source), who makes the claim, the claim in its maker's own
words when the pack quotes it, and each excerpt labelled "Evidence n of N"."""

from __future__ import annotations

from pathlib import Path

from tui.core.room import Room
from tui.core.room_store import RoomStore



def verdicts(pack, path: Path) -> dict[str, dict]:
    """Every question of a room over the whole pack revealed: what a participant's
    /api/state says of each, by item id."""
    room = Room.create(pack, RoomStore(path), seed=1, count=len(pack.items), code="1")
    token = room.join("1", "Ann")
    seen = {}
    while room.open_next():
        assert room.reveal()
        seen[room.item.id] = room.state_for(token)["verdict"]
    return seen


def test_a_verdict_names_its_source_and_the_claims_maker(small_pack, tmp_path):
    seen = verdicts(small_pack, tmp_path)
    nato = small_pack.sources["nato-2022"]
    myth = seen["snap-promise"]
    assert (myth["by"], myth["by_source"]) == (nato.name, nato.byline)
    assert myth["claimed_by"].startswith("Who makes this claim: Russian officials, as ")
    assert myth["claimed_by"].endswith(" reports it.")
    assert myth["claim"] is None and myth["sides"] is None  # no claim quoted, not disputed
    assert [e["label"] for e in myth["excerpts"]] == ["Evidence 1 of 2", "Evidence 2 of 2"]
    assert [e["text"] for e in myth["excerpts"]] == [q.text for q in small_pack.item("snap-promise").evidence]
    assert all(e["source"] == nato.byline for e in myth["excerpts"])
    choice = seen["snap-article"]
    assert choice["claimed_by"] is None  # only a myth-or-fact statement has a maker
    assert [e["label"] for e in choice["excerpts"]] == ["Evidence"]
    assert choice["by_source"] == nato.byline


def test_a_disputed_item_without_a_verdict_source_shows_the_claim_and_its_sides(disputed_pack, tmp_path):
    seen = verdicts(disputed_pack, tmp_path)
    item = disputed_pack.item("nrc-never-suspended")
    shown = seen[item.id]
    assert shown["by"] is None and shown["by_source"] is None  # nobody's verdict: it is disputed
    assert shown["claimed_by"] == "Who makes this claim: NATO."
    assert shown["claim"]["label"] == "The claim in its maker's own words"
    assert shown["claim"]["text"] == item.claim_quote.text
    assert shown["claim"]["source"] == disputed_pack.sources["nato-2017"].byline
    assert [s["stance"] for s in shown["sides"]] == ["for", "against"]
    assert [len(s["excerpts"]) for s in shown["sides"]] == [1, 2]
    assert [e["label"] for e in shown["excerpts"]] == [f"Evidence {n} of 3" for n in (1, 2, 3)]
