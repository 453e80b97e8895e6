"""What a pack author reads when a pack is refused: one line per problem, `FILE:LINE:
message`, safe to print on a terminal, each file's problems together and in line order;
and the one-line summary the app prints when it cannot open a pack."""

from __future__ import annotations

import pytest

from tui.core.problems import Findings, PackError, Problem, printable


@pytest.mark.parametrize(("raw", "shown"), [
    ("plain words", "plain words"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("a\nb", "a\\x0ab"),
    ("\x9f", "\\x9f"),
    ("\u2028", "\\u2028"),
    ("\u202e", "\\u202e"),
    # the undecodable bytes of a file's name, as Python keeps them, shown as those bytes
    ("\udc80", "\\x80"),
    ("name\udce9.yaml", "name\\xe9.yaml"),
    ("\udcff", "\\xff"),
    # other lone surrogates are not bytes of a name: shown as code points
    ("\udc7f", "\\udc7f"),
    ("\udd00", "\\udd00"),
    ("\ud800", "\\ud800"),
])
def test_printable_shows_controls_as_escapes(raw, shown):
    assert printable(raw) == shown


def test_a_problem_reads_file_line_message():
    assert str(Problem("content/a.yaml", 7, "bad")) == "content/a.yaml:7: bad"
    assert str(Problem("content/a.yaml", None, "bad")) == "content/a.yaml: bad"
    assert str(Problem("evil\x1b[2J.yaml", 3, "x\ry")) == "evil\\x1b[2J.yaml:3: x\\x0dy"


def test_a_problem_stops_the_pack_unless_said_otherwise():
    assert Problem("f", 1, "m").blocking is True
    assert Problem("f", 1, "m", blocking=False).blocking is False


def test_pack_error_says_its_first_problem_and_how_many_more():
    one = Problem("a.yaml", 1, "first")
    two = Problem("b.yaml", 2, "second")
    three = Problem("c.yaml", None, "third")
    assert PackError([one]).one_line() == "a.yaml:1: first"
    assert PackError([one, two]).one_line() == "a.yaml:1: first (and 1 more problem; run `mythquiz check`)"
    assert PackError([one, two, three]).one_line() == (
        "a.yaml:1: first (and 2 more problems; run `mythquiz check`)")
    assert str(PackError([two, one])) == "b.yaml:2: second"
    assert str(PackError([])) == "unusable pack"


def test_pack_error_is_usable_input_unless_said_otherwise():
    assert PackError([Problem("a", 1, "m")]).unusable is False
    assert PackError([Problem("a", 1, "m")], unusable=True).unusable is True


def test_findings_keep_each_files_problems_together_in_line_order():
    findings = Findings()
    findings.problems.append(Problem("corpus", None, "before any file"))
    findings.opened("b.yaml")
    findings.problems.append(Problem("b.yaml", 5, "b5"))
    findings.problems.append(Problem("b.yaml", 2, "b2"))
    findings.opened("a.yaml")
    findings.problems.append(Problem("a.yaml", 9, "a9"))
    findings.problems.append(Problem("a.yaml", 1, "a1"))
    # found at the end (quotes are checked once every item is read): listed with its file
    findings.problems.append(Problem("b.yaml", 3, "b3"))
    findings.problems.append(Problem("b.yaml", 1, "b1"))
    findings.problems.append(Problem("b.yaml", None, "b-whole-file"))  # before any line's
    assert [p.message for p in findings.in_order()] == [
        "before any file", "b-whole-file", "b1", "b2", "b3", "b5", "a1", "a9"]


def test_findings_list_a_file_before_the_files_opened_after_it():
    findings = Findings()
    findings.opened("z.yaml")
    findings.opened("a.yaml")
    findings.problems.append(Problem("a.yaml", 1, "a1"))
    findings.problems.append(Problem("z.yaml", 4, "z4"))
    findings.problems.append(Problem("elsewhere", None, "late"))
    assert [p.message for p in findings.in_order()] == ["z4", "a1", "late"]
