"""A cache of checked packs, so start-up skips YAML parsing and quote checking.

A pack that loaded without problems is written with marshal (Python's own fast format,
one file per Python version) under the user's cache dir, keyed by its directories and
fingerprinted by the name, size and modification time of
every file it was read from. Any change to any of them is a miss, and the pack is read
and checked again in full. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import os
import sys
from hashlib import sha256
from pathlib import Path
from typing import Any

from .model import Claimant, Item, Pack, Quote, Source

# Raised whenever the checker grows stricter or a record gains a field: a pack cached
# before is read and checked again. 3: publisher, disputed, structured claimed_by,
# said_by, date_inferred and boilerplate. 4: the pack's date. 5: each disputed evidence
# quote's side.
VERSION = 5


def cache_dir() -> Path:
    env = os.environ.get("MYTHQUIZ_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "mythquiz"
    from platformdirs import user_cache_path

    return user_cache_path("mythquiz", appauthor=False)


def _fingerprint(content_dir: Path, corpus_dir: Path) -> str | None:
    digest = sha256(f"mythquiz-cache-{VERSION}".encode())
    try:
        for directory in (content_dir, corpus_dir):
            for entry in sorted(os.scandir(directory), key=lambda e: e.name):
                st = entry.stat()
                digest.update(f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


KEEP = 8  # cached packs kept; the least recently written beyond that are removed


def _path(content_dir: Path, corpus_dir: Path, kind: str = "pack") -> Path:
    key = sha256(f"{content_dir.resolve()}\0{corpus_dir.resolve()}".encode()).hexdigest()
    # marshal's format belongs to the Python version that wrote it.
    return cache_dir() / f"{kind}-{key[:24]}-py{sys.version_info[0]}{sys.version_info[1]}.bin"


def load(content_dir: Path, corpus_dir: Path) -> Pack | None:
    """The cached pack if every file is unchanged since it was checked, else None."""
    fingerprint = _fingerprint(content_dir, corpus_dir)
    if fingerprint is None:
        return None
    import gc

    # Building a pack makes objects by the hundred thousand and frees none of them: the
    # collector's passes over them (half the time of a 100,000-item load) are skipped.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(content_dir, corpus_dir, fingerprint)
    finally:
        if enabled:
            gc.enable()


def _load(content_dir: Path, corpus_dir: Path, fingerprint: str) -> Pack | None:
    try:
        import marshal

        with open(_path(content_dir, corpus_dir), "rb") as fh:
            data = marshal.loads(fh.read())
        if not isinstance(data, tuple) or len(data) != 8 or data[0] != fingerprint:
            return None
        return from_rows(data[1:], content_dir, corpus_dir)
    except (OSError, ValueError, EOFError, KeyError, TypeError, IndexError):
        return None


def save(pack: Pack) -> None:
    """Write the pack for the next start; silently does nothing if it cannot."""
    import marshal

    fingerprint = _fingerprint(pack.content_dir, pack.corpus_dir)
    if fingerprint is None:
        return
    data = (fingerprint, *to_rows(pack))
    try:
        blob = marshal.dumps(data)
    except ValueError:  # not marshal's kind of value: nothing to keep
        return
    _write(_path(pack.content_dir, pack.corpus_dir), blob, "pack-")


_later: list[Pack] = []


def save_later(pack: Pack) -> None:
    """Write `pack` when `save_pending()` is called (the app does once its first screen is
    drawn: a first run shows its first screen without waiting for the cache to be written),
    or when the program exits, at the latest."""
    if not _later:
        import atexit

        atexit.register(save_pending)
    _later.append(pack)


def save_pending() -> None:
    """Write the packs `save_later` was given (each once)."""
    while _later:
        save(_later.pop())


def to_rows(pack: Pack) -> tuple[Any, ...]:
    """The pack as plain values (strings, numbers, tuples, None), for marshal or JSON:
    title, description, publisher, date, topics, sources, items. Source paths are left out
    and item files kept relative to the content directory."""
    return (
        pack.title,
        pack.description,
        pack.publisher,
        pack.date,
        tuple(pack.topics.items()),
        tuple(tuple(source[:-1]) for source in pack.sources.values()),
        tuple(
            (*item[:8], tuple(tuple(q) for q in item.evidence),
             tuple(item.claimed_by) if item.claimed_by else None,
             tuple(item.claim_quote) if item.claim_quote else None,
             _relative(item.file, pack.content_dir), item.line)
            for item in pack.items
        ),
    )


def _relative(file: str, content_dir: Path) -> str:
    """An item's file as the rows keep it: relative to the content directory, so a pack
    checked in one place (the shipped one, built in the project's tree) names its files
    where it is read, not where it was built."""
    import os

    relative = os.path.relpath(file, content_dir)
    return file if relative.startswith(os.pardir) else Path(relative).as_posix()


def _within(content_dir: Path, file: str) -> str:
    """The item's file again, as the checker names it (an absolute name stays as it is)."""
    return str(content_dir / file)


def from_rows(rows: Any, content_dir: Path, corpus_dir: Path) -> Pack:
    """The pack `to_rows` gave, read from `content_dir` and `corpus_dir`. Lists (JSON has
    no tuples) are taken as tuples. A malformed row raises ValueError, TypeError, KeyError
    or IndexError."""
    title, description, publisher, date, topics, source_rows, item_rows = rows
    sources = {}
    for row in source_rows:
        source = Source._make((*row[:11], tuple(row[11]), corpus_dir / row[1]))
        sources[source.id] = source
    make_quote, make_item, make_claimant = Quote._make, Item._make, Claimant._make
    items = [
        make_item((*row[:5], tuple(row[5]), row[6], row[7], tuple(map(make_quote, row[8])),
                   make_claimant(row[9]) if row[9] else None,
                   make_quote(row[10]) if row[10] else None, _within(content_dir, row[11]), row[12]))
        for row in item_rows
    ]
    return Pack(title, description, dict(topics), sources, items, content_dir, corpus_dir,
                publisher=publisher, date=date)


def _write(path: Path, data: bytes, prefix: str) -> None:
    """Write a cache file whole or not at all, then keep the KEEP newest files of its kind;
    silently does nothing if it cannot. Not synced to disk: a cache lost in a crash is
    rebuilt."""
    from .atomic import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, sync=False)
    except OSError:
        return
    _prune(path.parent, prefix)


def _prune(directory: Path, prefix: str = "pack-") -> None:
    """Keep the cache small: the KEEP most recently written packs (and nothing older)."""
    try:
        entries = [e for e in os.scandir(directory) if e.name.startswith(prefix)]
        entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for stale in entries[KEEP:]:
            os.unlink(stale.path)
    except OSError:
        pass


class WordsCache:
    """Where a pack's search word index is kept between runs (see `tui.core.search.WordIndex`).

    Building it takes about 20 µs an item, a fifth of a second for 10,000 items; reading
    it back takes a few milliseconds. Only packs of at least MIN_ITEMS are worth a file,
    one per pack directory. The index is used only for exactly the texts it was built
    from (`key`, a digest of them); a file that cannot be read or written is ignored.
    """

    MIN_ITEMS = 1000

    def __init__(self, pack: Pack) -> None:
        self.worth_it = len(pack.items) >= self.MIN_ITEMS
        self.path = _path(pack.content_dir, pack.corpus_dir, "words")

    def read(self, key: str) -> object | None:
        if not self.worth_it:
            return None
        try:
            import marshal

            with open(self.path, "rb") as fh:
                data = marshal.loads(fh.read())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not isinstance(data, tuple) or len(data) != 2 or data[0] != key:
            return None
        index: object = data[1]
        return index

    def write(self, key: str, index: object) -> None:
        if not self.worth_it:
            return
        import marshal

        payload: Any = (key, index)  # whatever the index is made of: marshal says if it cannot
        try:
            data = marshal.dumps(payload)
        except ValueError:  # not marshal's kind of value: nothing to keep
            return
        _write(self.path, data, "words-")
