"""`mythquiz export results --format xapi`: one xAPI "answered" statement per kept answer."""

from __future__ import annotations

import json
import re
import subprocess
import uuid

from conftest import MYTHQUIZ, run_env
from progress_helpers import query

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def mq(data_dir, *args, stdin=""):
    return subprocess.run([str(MYTHQUIZ), "--data-dir", str(data_dir), *args], input=stdin,
                          capture_output=True, text=True, env=run_env(), timeout=60)


def test_one_answered_statement_per_answer(tmp_path, pack):
    mq(tmp_path, "--plain", "quiz", "--count", "4", "--seed", "3", "--name", "Ada", stdin="1\n2\n1\n2\n")
    mq(tmp_path, "--plain", "quiz", "--count", "2", "--seed", "8", stdin="2\n1\n")
    result = mq(tmp_path, "export", "results", "--format", "xapi")
    assert result.returncode == 0, result.stderr
    statements = json.loads(result.stdout)
    rows = query(tmp_path / "progress.db", "SELECT item, given, correct, at FROM answers ORDER BY session, id")
    assert len(statements) == len(rows) == 6
    assert len({s["id"] for s in statements}) == 6 and all(uuid.UUID(s["id"]) for s in statements)
    for s, (item_id, given, correct, at) in zip(statements, rows):
        assert s["verb"]["id"] == ANSWERED
        assert s["timestamp"] == at
        obj = s["object"]
        assert obj["objectType"] == "Activity" and obj["id"].endswith("/item/" + item_id)
        definition = obj["definition"]
        assert definition["type"] == INTERACTION and definition["interactionType"] == "choice"
        item = pack.item(item_id)
        ids = {c["description"]["en"]: c["id"] for c in definition["choices"]}
        assert list(ids) == list(item.options)
        assert definition["correctResponsesPattern"] == [ids[item.answer]]
        assert s["result"]["success"] is bool(correct) and s["result"]["response"] == ids[given]
        assert re.fullmatch(r"PT\d+\.\d\dS", s["result"]["duration"])
    names = [s["actor"]["account"]["name"] for s in statements]
    assert names == ["Ada"] * 4 + ["learner"] * 2
    sessions = [s["context"]["registration"] for s in statements]
    assert len(set(sessions[:4])) == 1 and len(set(sessions)) == 2
    # The same answers give the same statement ids: an LRS keeps each answer once.
    assert json.loads(mq(tmp_path, "export", "results", "--format", "xapi").stdout) == statements


def test_xapi_is_for_results_only(tmp_path):
    result = mq(tmp_path, "export", "handout", "--format", "xapi")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
