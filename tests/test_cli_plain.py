"""The real `mythquiz` command through subprocesses: plain quiz, check, usage and exit codes."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import CORPUS, MYTHQUIZ, ROOT, run_env
from tui.cli.parser import HELP

ESC = "\x1b"


def mq(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd=None):
    return subprocess.run(
        [str(MYTHQUIZ), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env or run_env(),
        cwd=cwd,
        timeout=60,
    )


def corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))


def test_plain_quiz_from_a_pipe():
    result = mq("--plain", "quiz", "--count", "4", "--seed", "3", stdin="1\n1\n1\n1\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    for n in range(1, 5):
        assert f"Question {n} of 4" in out
    verdicts = re.findall(r"^(Correct|Incorrect) [✓✗]\.", out, flags=re.M)
    assert len(verdicts) == 4
    score = re.search(r"^Score: (\d+) of 4$", out, flags=re.M)
    assert score and int(score.group(1)) == verdicts.count("Correct")
    # Every excerpt line (set off by a bar) quotes the corpus verbatim, and a source line
    # beginning with a dash follows each excerpt.
    quotes = re.findall(r"^│ (.*)$", out, flags=re.M)
    assert quotes
    text = corpus_text()
    for quote in quotes:
        assert quote in text
    assert len(re.findall(r"^│ .*\n— \S", out, flags=re.M)) >= 1
    assert len(re.findall(r"^— \S.*, line \d+$", out, flags=re.M)) >= len(quotes)
    assert ESC not in out and "Traceback" not in result.stderr


def test_plain_quiz_same_seed_same_transcript():
    a = mq("--plain", "quiz", "--count", "5", "--seed", "11", stdin="2\n1\n3\n1\n2\n")
    b = mq("--plain", "quiz", "--count", "5", "--seed", "11", stdin="2\n1\n3\n1\n2\n")
    assert a.stdout == b.stdout
    c = mq("--plain", "quiz", "--count", "5", "--seed", "12", stdin="2\n1\n3\n1\n2\n")
    assert c.stdout != a.stdout


def test_plain_invalid_answer_is_asked_again_and_eof_ends_cleanly():
    result = mq("--plain", "quiz", "--count", "3", "--seed", "3", "--type", "myth-or-fact", stdin="9\nhello\nm\n")
    assert result.returncode == 0
    out = result.stdout
    assert out.count("Please answer with a number from 1 to 3, or m for myth, f for fact, d for disputed.") == 2
    assert "Question 2 of 3" in out and "Question 3 of 3" not in out
    assert re.search(r"^Score: [01] of 1$", out, flags=re.M)
    assert "Quiz ended after 1 of 3 questions." in out


def test_plain_myth_shows_who_makes_the_claim():
    result = mq("--plain", "quiz", "--count", "40", "--seed", "1", "--type", "myth-or-fact", stdin="m\n" * 40)
    assert "Who makes this claim: " in result.stdout
    # The verdict names its party first: "NATO's 2017 fact sheet calls this a myth."
    assert re.search(r"^\S.* (calls this a myth|supports this)\.$", result.stdout, flags=re.M)
    assert "according to" not in "\n".join(
        line for line in result.stdout.splitlines() if line.endswith(("calls this a myth.", "supports this.")))


def test_plain_no_color_and_tty_free_output_has_no_escape_codes():
    result = mq("--plain", "quiz", "--count", "2", "--seed", "4", stdin="1\n1\n", env=run_env(NO_COLOR="1"))
    assert ESC not in result.stdout and ESC not in result.stderr


def test_global_options_before_or_after_the_command(tmp_path):
    data = str(tmp_path / "d")
    before = mq("--plain", "--no-save", "--data-dir", data, "quiz", "--count", "1", "--seed", "2", stdin="1\n")
    after = mq("quiz", "--count", "1", "--seed", "2", "--plain", "--no-save", "--data-dir", data, stdin="1\n")
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout


def test_check_embedded_pack_from_root_directory():
    result = mq("check", cwd="/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")


@pytest.mark.parametrize(
    "args, message",
    [
        (("quiz", "--count", "0"), "--count"),
        (("quiz", "--count", "many"), "not a whole number"),
        (("quiz", "--topic", "nope", "--plain"), "unknown topic 'nope'"),
        (("frobnicate",), "frobnicate"),
        (("--content", "/nonexistent", "quiz", "--plain"), "/nonexistent: content directory not found"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args, message):
    result = mq(*args, stdin="")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mythquiz: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_an_unknown_command_is_answered_with_the_commands_there_are():
    """The list is offered, whatever words the parser puts round it."""
    result = mq("frobnicate", stdin="")
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("mythquiz: ") and line.endswith(" (see `mythquiz --help`)")
    said = line.removeprefix("mythquiz: ")
    for name in HELP:
        assert re.search(rf"\b{name}\b", said), f"{name!r} is not offered: {line}"


def test_broken_pack_stops_the_quiz_with_file_and_line(pack_copy):
    content, corpus = pack_copy
    (content / "zz-broken.yaml").write_text("items:\n  - id: x\n    type: [\n", encoding="utf-8")
    result = mq("--plain", "--content", str(content), "--corpus", str(corpus), "quiz", stdin="")
    assert result.returncode == 2
    assert re.match(r"mythquiz: \S*zz-broken\.yaml:\d+: YAML syntax error", result.stderr)
    assert "Traceback" not in result.stderr


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
