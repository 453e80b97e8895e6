"""The command line, parsed by a parser built only for the commands named on it (start-up
time): the same namespace as the whole parser's for every command, the same `--help`, and
the same one-line mistake."""

from __future__ import annotations

import contextlib
import io

import pytest

from tui.cli import UsageError, build_parser
from tui.cli.parser import HELP, parse_command_line

LINES = [
    [],
    ["quiz", "--count", "5", "--seed", "3", "--topic", "enlargement", "--type", "myth_or_fact", "--review"],
    ["--plain", "--data-dir", "/tmp/x", "quiz", "--scheduler", "fsrs", "--no-save"],
    ["browse", "--plain"], ["show", "some-id"], ["sources"], ["stats", "--plain"],
    ["export", "handout", "-o", "out.md"], ["report", "a.csv", "b.csv"],
    ["serve", "--port", "8001", "--allow-host", "quiz.local"],
    ["room", "--code", "123456", "--count", "3", "--leaderboard", "--timer", "30"],
    ["check", "--uncovered", "--content", "c", "--corpus", "k"], ["schema"],
    ["--data-dir", "quiz", "stats"],  # an option's value that is a command's name
]


def parsed(argv: list[str], lazy: bool) -> dict | str:
    try:
        return vars(parse_command_line(argv) if lazy else build_parser().parse_args(argv))
    except UsageError as exc:
        return f"UsageError: {exc}"


@pytest.mark.parametrize("argv", LINES, ids=lambda a: " ".join(a) or "(none)")
def test_a_command_line_parses_as_with_every_command_built(argv):
    assert parsed(argv, lazy=True) == parsed(argv, lazy=False)


@pytest.mark.parametrize("argv", [["quiz", "--bogus"], ["stats", "--count", "3"], ["quz"], ["room", "--port", "x"],
                                  ["--data-dir"], ["--plain", "nonsense"], ["quiz", "stats"]])
def test_a_mistake_is_the_same_one_line(argv):
    assert parsed(argv, lazy=True) == parsed(argv, lazy=False)
    assert str(parsed(argv, lazy=True)).startswith("UsageError: ")


def help_text(argv: list[str], lazy: bool = True) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parse_command_line(argv) if lazy else build_parser().parse_args(argv)
    return out.getvalue()


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--he"], ["--h"], ["--plain", "-hh"], ["quiz", "--hel"],
                                  ["room", "-h"], ["--data-dir", "x", "stats", "--help"]])
def test_help_however_asked_is_the_whole_parsers(argv):
    assert help_text(argv) == help_text(argv, lazy=False)


def test_help_lists_every_command_with_its_line():
    text = " ".join(help_text(["--help"]).split())
    for name, line in HELP.items():
        assert f"{name} {' '.join(line.split())}" in text


@pytest.mark.parametrize("argv", [["room", "--help"], ["--plain", "room", "-h"]])
def test_a_commands_help_lists_its_options(argv):
    text = help_text(argv)
    assert "--leaderboard" in text and "--max-participants" in text and "--data-dir" in text


def test_a_line_naming_one_command_builds_only_that_one():
    """What makes it quick: another command's options are not built."""
    with pytest.raises(UsageError):
        build_parser(["quiz"]).parse_args(["stats", "--plain"])
    assert vars(build_parser(["stats"]).parse_args(["stats", "--plain"]))["plain"] is True
