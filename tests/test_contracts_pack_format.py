"""The dates a source (and a pack) may carry: YYYY, YYYY-MM or YYYY-MM-DD, of a month and
a day that exist; each refusal says why."""

from __future__ import annotations

import pytest

from tui.core.pack_format import REQUIRED, date_problem


@pytest.mark.parametrize("date", ["2020", "2020-01", "2020-12", "2020-01-01", "2020-01-31", "2020-02-29",
                                  "2021-02-28", "2021-04-30", "0000-01-31", "0000-02-31", "9999-12-31"])
def test_a_date_that_exists_is_accepted(date):
    assert date_problem(date) is None


@pytest.mark.parametrize(("date", "why"), [
    ("20201", "date must be YYYY, YYYY-MM or YYYY-MM-DD (explain in date_note)"),
    ("2020-1", "date must be YYYY, YYYY-MM or YYYY-MM-DD (explain in date_note)"),
    ("2020/01/02", "date must be YYYY, YYYY-MM or YYYY-MM-DD (explain in date_note)"),
    ("2020-00", "date '2020-00' has no month 0"),
    ("2020-13", "date '2020-13' has no month 13"),
    ("2020-13-01", "date '2020-13-01' has no month 13"),
    ("2020-01-00", "date '2020-01-00' does not exist (that month has 31 days)"),
    ("2020-01-32", "date '2020-01-32' does not exist (that month has 31 days)"),
    ("2021-02-29", "date '2021-02-29' does not exist (that month has 28 days)"),
    ("2020-02-30", "date '2020-02-30' does not exist (that month has 29 days)"),
    ("2021-04-31", "date '2021-04-31' does not exist (that month has 30 days)"),
    ("0001-02-29", "date '0001-02-29' does not exist (that month has 28 days)"),
    # year 0 has no calendar of its own: any day up to the 31st is taken
    ("0000-01-32", "date '0000-01-32' does not exist (that month has 31 days)"),
])
def test_a_date_that_does_not_exist_is_refused_saying_why(date, why):
    assert date_problem(date) == why


def test_only_a_disputed_myth_or_fact_item_may_leave_out_verdict_by():
    assert "verdict_by" not in REQUIRED["myth-or-fact"]
    assert {"verdict_by", "id", "evidence", "question", "choices", "answer"} <= REQUIRED["choice"]
    assert {"verdict_by", "said", "choices", "answer"} <= REQUIRED["who-said"]
    assert {"statement", "answer", "claimed_by", "topic", "explanation"} <= REQUIRED["myth-or-fact"]
