"""Start-up of the full-screen app: the cyclic garbage collector is off until the first
frame is drawn, then on again, with everything start-up made frozen (see
`tui.cli.full_screen`). It must never stay off, whatever happens before that frame."""

import gc

import pytest
from textual.app import App

from tui.cli import main
from tui.ui.app import MythQuizApp


def run_until_first_frame(monkeypatch, seen: dict) -> None:
    """`app.run()` runs headless and ends once the first frame is drawn."""
    real_run = App.run

    def run(self, **kwargs):
        async def pilot(p) -> None:
            await p.pause()
            seen["drawn"] = (gc.isenabled(), gc.get_freeze_count())
            self.exit()

        return real_run(self, headless=True, size=(80, 24), auto_pilot=pilot)

    monkeypatch.setattr(MythQuizApp, "run", run)


def test_the_collector_is_off_until_the_first_frame_then_on_with_start_up_frozen(tmp_path, monkeypatch):
    seen: dict = {}
    real_mount = MythQuizApp.on_mount

    def on_mount(self) -> None:
        seen["mount"] = gc.isenabled()
        real_mount(self)

    monkeypatch.setattr(MythQuizApp, "on_mount", on_mount)
    run_until_first_frame(monkeypatch, seen)
    frozen_before = gc.get_freeze_count()
    try:
        assert main(["quiz", "--seed", "1", "--data-dir", str(tmp_path)]) == 0
    finally:
        gc.unfreeze()  # this test process goes on: what it froze may be collected again
    assert seen["mount"] is False  # Textual imported and the app mounted without a pass
    enabled, frozen = seen["drawn"]
    assert enabled  # on again once the screen is up: keys are handled with it on
    assert frozen > frozen_before + 10_000  # Textual's objects and the pack are never walked again
    assert gc.isenabled()


@pytest.mark.parametrize("command", [["quiz", "--seed", "1"], ["browse"], ["stats"]])
def test_an_app_that_ends_before_its_first_frame_leaves_the_collector_on(tmp_path, monkeypatch, command):
    def run(self, **kwargs):
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(MythQuizApp, "run", run)
    with pytest.raises(RuntimeError):
        main([*command, "--data-dir", str(tmp_path)])
    assert gc.isenabled()


def test_a_mistake_before_the_app_starts_leaves_the_collector_on(tmp_path, capsys):
    assert main(["quiz", "--topic", "no-such-topic", "--data-dir", str(tmp_path)]) == 2
    assert "no-such-topic" in capsys.readouterr().err
    assert gc.isenabled()
