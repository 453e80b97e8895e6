"""What the quiz's first screen loads: the scoring words and the summary (with Python's
`statistics` under them) wait until an answer or the end of the quiz needs them, so they
cost nothing before the first screen (see README, "Decisions")."""

import subprocess
import sys

from conftest import run_env

FIRST_SCREEN = """
import sys
from tui.core.pack import load_pack
from tui.core.engine import Session
from tui.ui.app import MythQuizApp
pack = load_pack()
session = Session.create(pack, seed=1, count=20)
app = MythQuizApp(pack, session=session)
print(" ".join(name for name in ("statistics", "tui.core.summary", "tui.core.score_words",
                                 "tui.core.signal_detection", "tui.core.before_after") if name in sys.modules))
"""

ANSWERED = FIRST_SCREEN.replace("app = MythQuizApp(pack, session=session)",
                                "session.answer(session.options()[0]); session.summary()")


def loaded(program: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", program], env=run_env(), capture_output=True, text=True,
                          check=True).stdout.split()


def test_the_first_screen_loads_no_scoring_words_summary_or_statistics():
    assert loaded(FIRST_SCREEN) == []


def test_they_load_once_an_answer_is_summed_up():
    assert loaded(ANSWERED) == ["statistics", "tui.core.summary", "tui.core.score_words",
                                "tui.core.signal_detection", "tui.core.before_after"]
