"""A self-study `quiz --pre-post` run, exported: every answer says its phase (pre, quiz,
post) and whether it counts, so the score, c and g can be recomputed from the file, the
JSON session's score matches its counted answers, and `mythquiz report` says what the app
said. Through the real command (plain mode, then `export results` and `report`)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest

from conftest import MYTHQUIZ, run_env
from tui.core.before_after import normalised_gain
from tui.core.signal_detection import Answer, discernment

pytestmark = pytest.mark.slow

K = 1
COUNT = 3


def mq(data_dir, *args: str, stdin: str = "") -> str:
    result = subprocess.run([str(MYTHQUIZ), "--data-dir", str(data_dir), *args], input=stdin, capture_output=True,
                            text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("prepost")
    answers = "f\n\nm\n\nf\n\nm\n\nm\n\n"  # pre, three quiz questions, post (Enter after each verdict)
    shown = mq(data_dir, "--plain", "quiz", "--type", "myth-or-fact", "--count", str(COUNT), "--seed", "9",
               "--pre-post", str(K), stdin=answers)
    return data_dir, shown


def test_each_exported_answer_says_its_phase_and_the_score_recomputes(run):
    data_dir, shown = run
    score, answered = map(int, re.search(r"^Score: (\d+) of (\d+)$", shown, re.M).groups())
    rows = list(csv.DictReader(io.StringIO(mq(data_dir, "export", "results", "--format", "csv"))))
    assert [r["phase"] for r in rows] == ["pre"] * K + ["quiz"] * COUNT + ["post"] * K
    assert [r["counted"] for r in rows] == ["no"] * K + ["yes"] * (COUNT + K)
    counted = [r for r in rows if r["counted"] == "yes"]
    assert (sum(r["correct"] == "right" for r in counted), len(counted)) == (score, answered)
    # c over the counted myth-or-fact answers is the app's.
    d = discernment(Answer(r["answer"], r["given"]) for r in counted)
    bias = re.search(r"\bc = ([−-]?\d+\.\d\d)", shown).group(1).replace("−", "-")
    assert f"{d.bias:.2f}" == bias
    # g from the pre and post answers is the app's.
    pre = 100 * sum(r["correct"] == "right" for r in rows if r["phase"] == "pre") / K
    post = 100 * sum(r["correct"] == "right" for r in rows if r["phase"] == "post") / K
    g = normalised_gain(pre, post)
    assert g is not None and f"g = {g:.2f}" in shown


def test_json_session_matches_its_answers_and_report_agrees_with_the_app(run, tmp_path):
    data_dir, shown = run
    score, answered = map(int, re.search(r"^Score: (\d+) of (\d+)$", shown, re.M).groups())
    path = tmp_path / "results.json"
    mq(data_dir, "export", "results", "-o", str(path))
    session = json.loads(path.read_text(encoding="utf-8"))["sessions"][0]
    counted = [a for a in session["answers"] if a["counted"]]
    assert [a["phase"] for a in session["answers"]] == ["pre"] * K + ["quiz"] * COUNT + ["post"] * K
    assert (session["score"], session["answered"]) == (score, answered)
    assert (sum(a["correct"] for a in counted), len(counted)) == (score, answered)
    csv_path = tmp_path / "results.csv"
    mq(data_dir, "export", "results", "--format", "csv", "-o", str(csv_path))
    for file in (path, csv_path):
        report = mq(data_dir, "report", str(file), "--format", "markdown")
        assert f"| {score} of {answered} |" in report, file.name
    statements = json.loads(mq(data_dir, "export", "results", "--format", "xapi"))
    phases = [next(v for k, v in s["context"]["extensions"].items() if k.endswith("/phase")) for s in statements]
    assert phases == ["pre"] * K + ["quiz"] * COUNT + ["post"] * K
