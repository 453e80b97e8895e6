"""Reading a pack's files safely: regular files only, at most 64 MiB (README: "a file over
64 MiB … is refused"), a file that is longer than it said (or never ends) cut off at the
limit, no file left open, and only files inside their own directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.files import MAX_FILE_BYTES, inside, read_limited

MIB = 1024 * 1024


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_regular_file_is_read_whole(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes(b"items: []\n")
    assert read_limited(f, 10) == b"items: []\n"
    assert read_limited(f, 100) == b"items: []\n"


def test_a_file_over_the_limit_is_refused(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes(b"x" * 11)
    with pytest.raises(ValueError, match="11 bytes; the limit is 10"):
        read_limited(f, 10)


def test_the_limit_is_64_mib(tmp_path):
    assert MAX_FILE_BYTES == 64 * MIB
    f = tmp_path / "big.yaml"
    with f.open("wb") as fh:
        fh.truncate(64 * MIB)  # sparse: no disk used
    assert len(read_limited(f, MAX_FILE_BYTES)) == 64 * MIB
    with f.open("r+b") as fh:
        fh.truncate(64 * MIB + 1)
    with pytest.raises(ValueError):
        read_limited(f, MAX_FILE_BYTES)


def test_a_directory_and_a_fifo_are_refused_without_waiting(tmp_path):
    with pytest.raises(ValueError, match="directory"):
        read_limited(tmp_path, MIB)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(ValueError, match="not a regular file"):
        read_limited(tmp_path / "fifo", MIB)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_longer_than_its_size_says_is_read_whole():
    # /proc files call themselves empty regular files, as a file that grows after being
    # measured looks to the reader.
    data = read_limited(Path("/proc/self/status"), MIB)
    assert data.startswith(b"Name:") and data.endswith(b"\n") and len(data) > 200
    with pytest.raises(ValueError, match="over 10 bytes"):
        read_limited(Path("/proc/self/status"), 10)


@pytest.mark.skipif(not Path("/proc/self/pagemap").exists(), reason="needs Linux's /proc")
def test_a_file_that_never_ends_is_cut_off_at_the_limit():
    # pagemap holds 8 bytes for every page of the address space (terabytes), and says it
    # is empty. Read in a child whose memory is capped, so that a reader without a limit
    # fails at once instead of filling the machine's memory.
    child = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from pathlib import Path\n"
        "from tui.core.files import read_limited\n"
        "try:\n"
        "    read_limited(Path('/proc/self/pagemap'), 1 << 20)\n"
        "except ValueError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "over 1,048,576 bytes" in done.stdout


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux's /proc")
def test_no_file_is_left_open(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes(b"x" * 20)
    before = open_fds()
    for _ in range(5):
        read_limited(f, 100)
        with pytest.raises(ValueError):
            read_limited(f, 10)
        with pytest.raises(ValueError):
            read_limited(tmp_path, 10)
        read_limited(Path("/proc/self/status"), MIB)
    assert open_fds() == before


def test_inside_follows_links(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    (root / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "outside.yaml").write_text("x", encoding="utf-8")
    (root / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    (root / "loop.yaml").symlink_to(root / "loop.yaml")
    assert inside(root / "a.yaml", root)
    assert not inside(root / "link.yaml", root)
    assert not inside(tmp_path / "outside.yaml", root)
    assert not inside(root / "loop.yaml", root)  # a loop of links is not taken as inside
