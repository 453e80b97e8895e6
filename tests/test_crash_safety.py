"""Every file mythquiz writes survives a SIGKILL at any moment and a full disk: the
previous file or the new one, never a torn one, and a one-line error on a full disk.

Progress has its own loop in test_progress.py; here are exports, and flags and settings
(rows of progress.db).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest

from conftest import MYTHQUIZ, run_env
from progress_helpers import count, query, quick_check

pytestmark = pytest.mark.slow

FSIZE_LIMIT = (
    "import resource, signal\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
)


def test_sigkill_during_exports_leaves_the_old_file_or_the_new_one(tmp_path):
    out = tmp_path / "handout.html"
    old = b"<p>the previous handout</p>\n"
    out.write_bytes(old)
    reference = tmp_path / "reference.html"
    subprocess.run([str(MYTHQUIZ), "export", "handout", "--format", "html", "-o", str(reference)],
                   check=True, capture_output=True, env=run_env(), timeout=60)
    new = reference.read_bytes()
    # How long a whole export takes, so the kills land before, during and after the write.
    started = time.monotonic()
    subprocess.run([str(MYTHQUIZ), "export", "handout", "--format", "html", "-o", str(tmp_path / "t.html")],
                   check=True, capture_output=True, env=run_env(), timeout=60)
    span = time.monotonic() - started
    rng = random.Random(1123)
    outcomes = {"old": 0, "new": 0}
    for n in range(30):
        proc = subprocess.Popen([str(MYTHQUIZ), "export", "handout", "--format", "html", "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=run_env())
        if n == 29:
            proc.wait(timeout=60)  # the last one finishes: the write itself must work
        time.sleep(rng.uniform(0.3, 1.1) * span)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        data = out.read_bytes()
        assert data in (old, new), f"torn file of {len(data)} bytes"
        outcomes["old" if data == old else "new"] += 1
        out.write_bytes(old)
    assert outcomes["new"] >= 1 and sum(outcomes.values()) == 30
    # A later write clears what a killed writer left behind.
    subprocess.run([str(MYTHQUIZ), "export", "handout", "--format", "html", "-o", str(out)],
                   check=True, capture_output=True, env=run_env(), timeout=60)
    assert out.read_bytes() == new
    assert not list(tmp_path.glob(".handout.html.*.tmp"))


WRITER = """
import sys
from pathlib import Path
from tui.core.pack import load_pack, embedded_dirs
from tui.core.flags import FlagStore
from tui.core.settings import SettingsStore
data = Path(sys.argv[1])
pack = load_pack(*embedded_dirs())
flags, settings = FlagStore(data), SettingsStore(data)
item = pack.items[0].id
n = 0
while True:
    n += 1
    flags.add(pack, item, f"note {n}")
    settings.set("theme", "high-contrast" if n % 2 else "nord")
    print(n, flush=True)
"""


def test_sigkill_while_flags_and_settings_are_written(tmp_path):
    """Each printed number n says flag n and the theme of n were saved (acknowledged)."""
    rng = random.Random(2311)
    kept = 0
    path = tmp_path / "progress.db"
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=run_env())
        assert proc.stdout
        for _ in range(rng.randint(1, 6)):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        printed = [int(n) for n in (line.strip() + "\n" + proc.stdout.read()).split()]
        last = max(printed)
        assert quick_check(path) == "ok"
        flags = count(path, "flags")
        # Every acknowledged flag is kept; at most the one in flight more.
        assert kept + last <= flags <= kept + last + 1
        theme = query(path, "SELECT value FROM settings WHERE key = 'theme'")[0][0]
        expected = ["nord", "high-contrast"]
        if flags == kept + last:  # nothing of n + 1 was saved: the theme is n's
            assert theme == expected[last % 2]
        else:
            assert theme in expected
        kept = flags
    assert not list(tmp_path.glob("*.broken-*"))


def test_full_disk_export_is_one_line_and_the_old_file_survives(tmp_path):
    out = tmp_path / "handout.md"
    out.write_text("previous\n", encoding="utf-8")
    code = FSIZE_LIMIT.format(limit=4096) + (
        "import sys\nfrom tui.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", code, "export", "handout", "-o", str(out)],
                            capture_output=True, text=True, env=run_env(), timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(out) in result.stderr and "nothing was changed" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert not list(tmp_path.glob(".handout.md.*.tmp"))


@pytest.mark.parametrize("kind", ["flags", "settings"])
def test_full_disk_flag_and_setting_are_clear_errors(tmp_path, kind):
    from tui.core.settings import SettingsStore

    SettingsStore(tmp_path).set("theme", "nord")  # the database exists; now files may not grow
    code = FSIZE_LIMIT.format(limit=16384) + f"""
import sys
from pathlib import Path
from tui.core.pack import load_pack, embedded_dirs
from tui.core.flags import FlagStore
from tui.core.settings import SettingsStore
from tui.core.progress import ProgressError
data = Path(sys.argv[1])
pack = load_pack(*embedded_dirs())
store = FlagStore(data) if {kind!r} == "flags" else SettingsStore(data)
try:
    for n in range(400):
        if {kind!r} == "flags":
            store.add(pack, pack.items[0].id, "a note that fills the file " + str(n) + " " + "x" * 400)
        else:
            store.set("animations", "x" * (n * 40))
except ProgressError as exc:
    print(exc)
    sys.exit(3)
"""
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                            env=run_env(), timeout=60)
    assert result.returncode == 3, result.stderr
    message = result.stdout.strip()
    assert "\n" not in message and "intact" in message
    assert str(tmp_path / "progress.db") in message
    path = tmp_path / "progress.db"
    assert quick_check(path) == "ok"
    assert query(path, "SELECT value FROM settings WHERE key = 'theme'") == [("nord",)]  # saved before: kept
