"""The explainer in plain mode, through the real command: browse, show, sources."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, MYTHQUIZ, SMALL, run_env
from tui.core.wording import verdict_line

ESC = "\x1b"


def mq(*args: str, env: dict[str, str] | None = None):
    return subprocess.run([str(MYTHQUIZ), *args], capture_output=True, text=True,
                          env=env or run_env(), timeout=60, stdin=subprocess.DEVNULL)


def test_plain_browse_one_line_per_item_beginning_with_its_id(pack):
    result = mq("--plain", "browse")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(pack.items)
    for item, line in zip(pack.items, lines):
        assert line.startswith(f"{item.id}: ")
        assert pack.topic_name(item.topic) in line and item.prompt in line
    assert ESC not in result.stdout and not result.stderr


def test_plain_browse_filters_and_search(pack):
    result = mq("--plain", "browse", "--search", "Article 10")
    lines = result.stdout.splitlines()
    open_door = next(i for i in pack.items if i.type == "choice" and i.answer == "Article 10")
    assert lines and lines[0].startswith(f"{open_door.id}: ")
    topic = next(iter(pack.topics))
    result = mq("browse", "--plain", "--topic", topic, "--type", "who-said")
    ids = [line.split(":", 1)[0] for line in result.stdout.splitlines()]
    assert ids == [i.id for i in pack.items if i.topic == topic and i.type == "who-said"]
    none = mq("--plain", "browse", "--search", "zzqq nothing")
    assert none.returncode == 0 and none.stdout == "" and "no item matches" in none.stderr


def test_plain_show_prints_the_item_in_full(pack):
    item = next(i for i in pack.items if i.type == "myth-or-fact" and i.claim_quote and len(i.evidence) > 1)
    result = mq("--plain", "show", item.id)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"Item {item.id}\n")
    assert f"Myth or fact? {item.prompt}" in out
    assert f"Answer: {verdict_line(item, pack.sources)}\n" in out
    assert f"Explanation: {item.explanation}" in out
    assert "The claim in its maker's own words:\n│ " in out and item.claim_quote.text in out
    for quote in item.evidence:
        assert f"│ {quote.text}\n— " in out  # behind a bar, its source on the next line
    assert len(re.findall(r"^— .+, line \d+$", out, flags=re.M)) == len(item.evidence) + 1
    assert ESC not in out


def test_plain_show_says_whose_statement_a_fact_sheet_is(pack):
    myth = next(i for i in pack.items if i.answer == "Myth" and "nato" in i.verdict_by)
    out = mq("--plain", "show", myth.id).stdout
    assert re.search(r"^Who makes this claim: .+\.$", out, flags=re.M)
    assert re.search(r"^Who rebuts it: .*one party's own statement, not a neutral report\.$", out, flags=re.M)
    assert re.search(r"^\S.* is one party's own statement, not a neutral judge\.$", out, flags=re.M)
    report = next(i for i in pack.items if i.verdict_by and pack.sources[i.verdict_by].genre == "news report")
    out = mq("--plain", "show", report.id).stdout
    assert "it reports what others said" in out


def test_plain_show_other_types(pack):
    for kind in ("choice", "who-said"):
        item = next(i for i in pack.items if i.type == kind)
        out = mq("--plain", "show", item.id).stdout
        assert "Options: 1. " in out and item.answer in out
        assert pack.sources[item.verdict_by].name.casefold() in out.casefold()
        assert f"Answer: {verdict_line(item, pack.sources)}\n" in out


def test_plain_sources_lists_the_documents(pack):
    result = mq("--plain", "sources")
    assert result.returncode == 0
    out = result.stdout
    counts = pack.citation_counts()
    for source in pack.sources.values():
        assert f"{source.id}: {source.title}\n" in out
        assert source.date_note in out and source.perspective in out
        n = counts[source.id]
        assert f"Cited by: {n} item{'s' if n != 1 else ''}." in out
    assert out.count("\n\n") == len(pack.sources) - 1
    assert ESC not in out


@pytest.mark.parametrize("args", [("--plain", "show", "no-such-item"), ("show", "no-such-item")])
def test_unknown_item_is_exit_2_with_one_line(args):
    result = mq(*args)
    assert result.returncode == 2
    assert result.stderr == "mythquiz: unknown item 'no-such-item'\n"
    assert result.stdout == ""


def test_unknown_topic_in_browse_is_exit_2():
    result = mq("--plain", "browse", "--topic", "nope")
    assert result.returncode == 2 and "unknown topic 'nope'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_plain_explainer_on_another_pack(small_pack):
    result = mq("--plain", "--content", str(SMALL), "--corpus", str(CORPUS), "browse")
    assert [line.split(":", 1)[0] for line in result.stdout.splitlines()] == [i.id for i in small_pack.items]
    shown = mq("--plain", "show", "snap-who", "--content", str(SMALL), "--corpus", str(CORPUS))
    who = small_pack.item("snap-who")
    assert f"Answer: {small_pack.sources[who.verdict_by].name} names Oana Lungescu as the speaker.\n" in shown.stdout


def test_no_escape_codes_with_no_color(pack):
    for args in (("browse",), ("show", pack.items[0].id), ("sources",)):
        result = mq("--plain", *args, env=run_env(NO_COLOR="1"))
        assert ESC not in result.stdout and ESC not in result.stderr


def test_plain_show_groups_a_dispute_by_the_declared_side():
    """The fixture pack lists a quote against the statement first: `show` still prints
    the side that supports it first, each side under who takes it, each quote once."""
    disputed = Path(__file__).parent / "fixtures" / "disputed" / "content"
    result = mq("--plain", "--content", str(disputed), "--corpus", str(CORPUS), "show", "nrc-never-suspended")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    answer = next(line for line in lines if line.startswith("Answer: "))
    assert answer == ("Answer: Disputed: NATO's 2017 fact sheet supports this; the December 2019 report of "
                      "Putin's remarks (date inferred) disputes it.")
    explanation = next(n for n, line in enumerate(lines) if line.startswith("Explanation: "))
    after = lines[explanation + 1:]
    supports = after.index("NATO's 2017 fact sheet supports this:")
    disputes = after.index("The December 2019 report of Putin's remarks (date inferred) disputes it:")
    assert supports < disputes
    for_side, against_side = "\n".join(after[supports:disputes]), "\n".join(after[disputes:])
    assert "has never been suspended" in for_side and "halted in 2014" not in for_side
    assert "halted in 2014" in against_side and "meets periodically" in against_side
    assert "has never been suspended" not in against_side
    assert "Quoted for it: NATO's 2017 fact sheet" in result.stdout
    assert "Quoted against it: the December 2019 report" in result.stdout
