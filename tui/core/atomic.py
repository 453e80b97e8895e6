"""Writing a file so that a crash leaves the old file or the new one, never a torn one."""

from __future__ import annotations

import os
from pathlib import Path


_swept: set[Path] = set()


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write to a temporary file beside `path`, fsync, rename over it, fsync the dir.

    Raises OSError (disk full, permissions); the temporary file is then removed and any
    previous file at `path` is untouched. `sync=False` leaves out both fsyncs, for a file
    that may be lost in a crash (a cache): still whole or absent, never torn by a writer.
    """
    path = Path(path)
    if path not in _swept:  # once per file and process: a listing costs more than the write
        _swept.add(path)
        _remove_stale_temporaries(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    if not sync:
        return
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a writer that was killed mid-write (its process is gone)."""
    try:
        leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(path.name) + 2 : -len(".tmp")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running: another writer at work
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            leftover.unlink()
        except OSError:
            pass
