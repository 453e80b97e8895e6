"""Every file mythquiz writes survives a SIGKILL at any moment and a full disk: the
previous file or the new one, never a torn one, and a one-line error on a full disk.

The progress file has its own loop in test_progress.py; here are exports, flags and
settings.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pytest

from conftest import MYTHQUIZ, run_env

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
    for _ in range(30):
        proc = subprocess.Popen([str(MYTHQUIZ), "export", "handout", "--format", "html", "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=run_env())
        time.sleep(rng.uniform(0.3, 1.1) * span)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        data = out.read_bytes()
        assert data in (old, new), f"torn file of {len(data)} bytes"
        outcomes["old" if data == old else "new"] += 1
        out.write_bytes(old)
    assert sum(outcomes.values()) == 30
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
    rng = random.Random(2311)
    confirmed = 0
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=run_env())
        assert proc.stdout
        for _ in range(rng.randint(1, 6)):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            confirmed += 1
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        flags = json.loads((tmp_path / "flags.json").read_text(encoding="utf-8"))  # never torn
        settings = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
        assert len(flags["flags"]) >= confirmed  # every flag confirmed before the kill is kept
        assert settings["settings"]["theme"] in ("high-contrast", "nord")
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
    code = FSIZE_LIMIT.format(limit=300) + f"""
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
    for n in range(200):
        if {kind!r} == "flags":
            store.add(pack, pack.items[0].id, "a note that fills the file " + str(n))
        else:
            store.set("theme", "x" * (n * 10))
except ProgressError as exc:
    print(exc)
    sys.exit(3)
"""
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                            env=run_env(), timeout=60)
    assert result.returncode == 3, result.stderr
    message = result.stdout.strip()
    assert "\n" not in message and "previous file is intact" in message
    assert f"{kind}.json" in message
    json.loads((tmp_path / f"{kind}.json").read_text(encoding="utf-8"))  # the last good file
