"""Reading a pack's files safely: regular files only, at most so many bytes, and only
inside the directory they belong to (links followed)."""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; ValueError says why not.

    Checked on the open file, so a FIFO or device (which would block or never end) is
    refused, and a file that grows while being read is cut off at the limit.
    """
    import os
    import stat

    # O_NONBLOCK: a FIFO opens at once, to be refused, instead of waiting for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValueError("is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("is not a regular file")
        if st.st_size > limit:
            raise ValueError(f"file is {st.st_size:,} bytes; the limit is {limit:,}")
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            parts = [fh.read(st.st_size)]  # read(n) allocates n bytes at once: not the limit
            total = len(parts[0])
            # A file that grew since fstat (or, like /proc's, says it is empty) is read on one
            # buffer at a time, to EOF or until it is over the limit; an ordinary one meets EOF.
            while total <= limit and (chunk := fh.read1()):
                parts.append(chunk)
                total += len(chunk)
            data = b"".join(parts)  # one part: the same bytes object, not a copy
    finally:
        if fd != -1:  # not yet handed to the file object, which closes it
            os.close(fd)
    if len(data) > limit:
        raise ValueError(f"file is over {limit:,} bytes; the limit is {limit:,}")
    return data


def inside(path: Path, root: Path) -> bool:
    """Does `path` (links followed) lie inside the directory `root` (links followed)?"""
    try:
        real_root = root.resolve()
        return real_root in path.resolve().parents
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return False
