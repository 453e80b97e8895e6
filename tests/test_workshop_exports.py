"""Workshop exports through the real command: results, class report, handout, ClaimReview."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess

from tui.core.wording import verdict_line
import pytest

from conftest import MYTHQUIZ, run_env


def mq(*args: str, stdin: str = "", data_dir=None):
    extra = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run([str(MYTHQUIZ), *extra, *args], input=stdin, capture_output=True, text=True,
                          env=run_env(), timeout=60)


def unescape_md(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>|~#])", r"\1", text)


@pytest.fixture
def two_participants(tmp_path):
    files = []
    for name, answers in (("Ada", "1\n2\n1\n2\n"), ("Bo", "2\n2\n2\n1\n")):
        data = tmp_path / name
        result = mq("--plain", "quiz", "--count", "4", "--seed", "7", "--name", name, stdin=answers, data_dir=data)
        assert result.returncode == 0
        out = tmp_path / f"{name}.json"
        assert mq("export", "results", "-o", str(out), data_dir=data).returncode == 0
        files.append(out)
    return files


def test_results_json_and_csv(two_participants, tmp_path):
    ada = json.loads(two_participants[0].read_text(encoding="utf-8"))
    assert ada["format"] == "mythquiz-results"
    (session,) = ada["sessions"]
    assert session["name"] == "Ada" and session["seed"] == 7 and len(session["answers"]) == 4
    for answer in session["answers"]:
        assert set(answer) >= {"item", "question", "given", "answer", "correct", "seconds"}
    result = mq("export", "results", "--format", "csv", data_dir=tmp_path / "Ada")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4 and {r["name"] for r in rows} == {"Ada"}
    assert [r["correct"] == "right" for r in rows] == [a["correct"] for a in session["answers"]]


def test_report_names_both_participants_most_missed_first(two_participants, tmp_path):
    table = mq("report", *map(str, two_participants))
    assert table.returncode == 0 and "Ada" in table.stdout and "Bo" in table.stdout
    out = tmp_path / "report.md"
    assert mq("report", *map(str, two_participants), "--format", "markdown", "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "| Ada |" in text and "| Bo |" in text
    rates = [int(m) for m in re.findall(r"Missed by \d+ of \d+ \((\d+)%\)", text)]
    assert rates and rates == sorted(rates, reverse=True)
    assert "Right answer: " in text and "> “" in text
    page = tmp_path / "report.html"
    assert mq("report", *map(str, two_participants), "--format", "html", "-o", str(page)).returncode == 0
    assert "<td>Ada</td>" in page.read_text(encoding="utf-8")


def test_report_rejects_a_file_that_is_not_results(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = mq("report", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == f"mythquiz: {bad}: not a mythquiz results file (make one with `mythquiz export results --format json`)"
    broken = tmp_path / "broken.json"
    broken.write_text('{\n"format": ', encoding="utf-8")
    result = mq("report", str(broken))
    assert result.returncode == 2 and re.match(rf"mythquiz: {re.escape(str(broken))}:\d+: not valid JSON", result.stderr)


def test_handout_holds_every_evidence_quote(pack, tmp_path):
    md_file, html_file = tmp_path / "h.md", tmp_path / "h.html"
    assert mq("export", "handout", "-o", str(md_file)).returncode == 0
    assert mq("export", "handout", "--format", "html", "-o", str(html_file)).returncode == 0
    markdown = unescape_md(md_file.read_text(encoding="utf-8"))
    page = html_file.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for item in pack.items:
        for quote in item.evidence:
            assert quote.text in markdown and quote.text in text
        assert item.explanation in markdown
    for source in pack.sources.values():
        assert source.title in markdown and source.sha256 in page
    # One self-contained, printable file: inline styles, nothing fetched.
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "@media print" in page
    assert "<link" not in page and "<script" not in page and "<img" not in page


def test_handout_for_a_seed_matches_the_quiz(tmp_path):
    quiz = mq("--plain", "--no-save", "quiz", "--count", "3", "--seed", "11", stdin="1\n1\n1\n")
    handout = mq("export", "handout", "--seed", "11", "--count", "3")
    asked = re.findall(r"^Question \d of 3\nTopic: .*\n(.*)$", quiz.stdout, flags=re.M)
    assert len(asked) == 3
    for line in asked:
        assert line in unescape_md(handout.stdout)


def test_claimreview_is_json_ld_with_the_fields(pack):
    result = mq("export", "claimreview")
    data = json.loads(result.stdout)
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    assert reviews
    assert len(reviews) <= sum(1 for i in pack.items if i.type == "myth-or-fact")
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        item = pack.item(review["identifier"])
        assert review["claimReviewed"] == item.prompt
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"] == verdict_line(item, pack.sources).rstrip(".")
        assert review["author"] == {"@type": "Organization", "name": pack.publisher}
        assert re.match(r"^\d{4}(-\d\d){0,2}$", review["datePublished"])
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["author"] == {"@type": item.claimed_by.type, "name": item.claimed_by.name}
        if item.claim_quote:
            assert claim["appearance"][0]["text"] == item.claim_quote.text
            assert claim["appearance"][0]["headline"] == pack.sources[item.claim_quote.source].title
        else:  # never the verdict source in the claim's place
            assert "appearance" not in claim and "firstAppearance" not in claim


def test_pack_json_export(pack):
    data = json.loads(mq("export", "json").stdout)
    assert len(data["items"]) == len(pack.items)
    first = data["items"][0]["evidence"][0]
    assert first["line"] >= 1 and first["column"] >= 1


def test_export_to_an_unwritable_place_is_one_line_and_exit_2(tmp_path):
    result = mq("export", "handout", "-o", str(tmp_path / "missing-dir" / "h.md"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_same_seed_same_questions_in_separate_runs_whatever_the_hash_seed(tmp_path):
    """Two participants' machines: separate processes, different hash randomisation."""
    def questions(seed: str, hash_seed: str) -> list[str]:
        result = subprocess.run(
            [str(MYTHQUIZ), "--plain", "--no-save", "quiz", "--count", "8", "--seed", seed],
            input="1\n" * 8, capture_output=True, text=True, timeout=60,
            env=run_env(PYTHONHASHSEED=hash_seed))
        assert result.returncode == 0, result.stderr
        # Each question with its numbered options, in order.
        return re.findall(r"^Question \d+ of 8\n(?:.*\n)*?Your answer", result.stdout, flags=re.M)

    first = questions("42", "1")
    assert len(first) == 8
    assert questions("42", "2") == first
    assert questions("43", "3") != first
