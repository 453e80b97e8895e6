"""The JSON Schema that `mythquiz schema` prints agrees with the checker.

The embedded pack validates against it, file by file; and every case of the broken-pack
catalogue whose mistake a schema can express (a missing or unknown key, a wrong kind of
value, a value out of its set) is rejected by the schema as well as by the checker. Cases
a schema cannot see (a quote not in its document, an undeclared topic, a hash, YAML that
does not parse) are listed by the words of the checker's message.
"""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")

from conftest import CONTENT, CORPUS, MYTHQUIZ, run_env  # noqa: E402
from test_checker_catalogue import CASES, build_mini_pack  # noqa: E402
from tui.core.loader import check_pack  # noqa: E402

# Problems no JSON Schema can express: they need the corpus, the rest of the pack, or a
# file that is not YAML at all.
BEYOND_A_SCHEMA = (
    "quote is not in", "not declared", "unknown source", "is used twice", "sha256", "is not one of the choices",
    "does not exist", "is not listed", "boilerplate passage is not in", "different sources", "YAML",
    "control character", "not UTF-8", "appears twice", "leads outside", "must be a plain name", "cannot",
    "no month", "aliases", "merge keys", "tag", "the pack has no items", "not read", "not found", "nothing (null)",
    "is empty", "characters long", "holds no YAML", "byte-identical", "quoted on both sides",
)


def _plain(value):
    """YAML's values as JSON has them: a date as the text it was written as."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.fixture(scope="module")
def validator():
    result = subprocess.run([MYTHQUIZ, "schema"], capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def pack_files(content: Path, corpus: Path) -> list[Path]:
    return sorted(content.glob("*.yaml")) + [corpus / "sources.yaml"]


def schema_errors(validator, path: Path) -> list[str]:
    try:
        data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return []  # not YAML: the checker says so; a schema never sees it
    return [error.message for error in validator.iter_errors(data)]


def test_embedded_pack_validates(validator):
    for path in pack_files(CONTENT, CORPUS):
        assert schema_errors(validator, path) == [], path


def test_mini_pack_validates(validator, tmp_path):
    content, corpus = build_mini_pack(tmp_path / "mini")
    for path in pack_files(content, corpus):
        assert schema_errors(validator, path) == [], path


MINI_CASES = [case for case in CASES if case.base == "mini"]


@pytest.mark.parametrize("case_", MINI_CASES, ids=[case.id for case in MINI_CASES])
def test_catalogue_case_is_rejected_by_both(validator, tmp_path, case_):
    content, corpus = build_mini_pack(tmp_path / "mini")
    case_.breaks(content, corpus)
    _, problems = check_pack(content, corpus)
    assert problems, "the catalogue breaks the pack: the checker must object"
    expressible = [p for p in problems if p.file.endswith(".yaml")
                   and not any(words in p.message for words in BEYOND_A_SCHEMA)]
    rejected = {str(path) for path in pack_files(content, corpus) if schema_errors(validator, path)}
    if expressible:
        assert {str(Path(p.file)) for p in expressible} <= rejected, (
            "the checker found a mistake the schema should see:\n" + "\n".join(map(str, expressible)))
    # And the schema rejects nothing the checker accepts: every file it refuses has a problem.
    assert rejected <= {str(Path(p.file)) for p in problems}


def test_catalogue_has_schema_expressible_cases(validator, tmp_path):
    """Enough cases are checked against the schema for the agreement to mean something."""
    count = 0
    for n, case_ in enumerate(MINI_CASES):
        content, corpus = build_mini_pack(tmp_path / f"m{n}")
        case_.breaks(content, corpus)
        _, problems = check_pack(content, corpus)
        count += any(p.file.endswith(".yaml") and not any(w in p.message for w in BEYOND_A_SCHEMA)
                     for p in problems)
    assert count >= 10
