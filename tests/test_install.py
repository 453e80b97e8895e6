"""Packaging: the wheel carries the pack, and an installed mythquiz works from any directory."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

import pytest

from conftest import CONTENT, CORPUS, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (path,) = out.glob("mythquiz-*.whl")
    return path


def test_wheel_ships_content_and_corpus(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in CONTENT.glob("*.yaml"):
        assert f"tui/_pack/content/{path.name}" in names
    for path in CORPUS.iterdir():
        assert f"tui/_pack/corpus/{path.name}" in names
    assert "tui/ui/app.tcss" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_installed_command_checks_the_embedded_pack_from_root(wheel, tmp_path):
    """pip install into a fresh venv, then `mythquiz check` from / exits 0."""
    env_dir = tmp_path / "venv"
    # The fresh venv sees this venv's site-packages only for the dependencies; mythquiz
    # itself is installed from the wheel into the new venv, which comes first on sys.path.
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([sys.executable, "-c", "import textual, os; print(os.path.dirname(os.path.dirname(textual.__file__)))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    target_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    # Dependencies from this venv (no network needed), mythquiz from the wheel.
    with open(f"{target_site}/zz_deps.pth", "w", encoding="utf-8") as fh:
        fh.write(site + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    result = subprocess.run([str(env_dir / "bin" / "mythquiz"), "check"], cwd="/", capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")
    where = subprocess.run([str(python), "-c", "import tui.core.pack; print(tui.core.pack.embedded_dirs()[0])"],
                           cwd="/", capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(target_site) and where.endswith("tui/_pack/content")
