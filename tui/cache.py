"""A cache of checked packs, so start-up skips YAML parsing and quote checking.

A pack that loaded without problems is written as JSON under the user's cache dir,
keyed by its directories and fingerprinted by the name, size and modification time of
every file it was read from. Any change to any of them is a miss, and the pack is read
and checked again in full. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .model import Item, Pack, Quote, Source

VERSION = 2  # raised whenever the checker grows stricter: a pack cached clean is checked again


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
    digest = hashlib.sha256(f"mythquiz-cache-{VERSION}".encode())
    try:
        for directory in (content_dir, corpus_dir):
            for entry in sorted(os.scandir(directory), key=lambda e: e.name):
                st = entry.stat()
                digest.update(f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _path(content_dir: Path, corpus_dir: Path) -> Path:
    key = hashlib.sha256(f"{content_dir.resolve()}\0{corpus_dir.resolve()}".encode()).hexdigest()
    return cache_dir() / f"pack-{key[:24]}.json"


def load(content_dir: Path, corpus_dir: Path) -> Pack | None:
    """The cached pack if every file is unchanged since it was checked, else None."""
    fingerprint = _fingerprint(content_dir, corpus_dir)
    if fingerprint is None:
        return None
    try:
        with open(_path(content_dir, corpus_dir), encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("fingerprint") != fingerprint:
            return None
        sources = {}
        for row in data["sources"]:
            source = Source(*row)
            sources[source.id] = source._replace(path=corpus_dir / source.file)
        items = [
            Item(
                *row[:5],
                tuple(row[5]),
                *row[6:8],
                evidence=tuple(Quote(*q) for q in row[8]),
                claimed_by=row[9],
                claim_quote=Quote(*row[10]) if row[10] else None,
                file=row[11],
                line=row[12],
            )
            for row in data["items"]
        ]
        return Pack(data["title"], data["description"], data["topics"], sources, items,
                    content_dir, corpus_dir)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def save(pack: Pack) -> None:
    """Write the pack for the next start; silently does nothing if it cannot."""
    fingerprint = _fingerprint(pack.content_dir, pack.corpus_dir)
    if fingerprint is None:
        return
    data = {
        "fingerprint": fingerprint,
        "title": pack.title,
        "description": pack.description,
        "topics": pack.topics,
        "sources": [list(source[:-1]) for source in pack.sources.values()],
        "items": [
            [*item[:8], [list(q) for q in item.evidence], item.claimed_by,
             list(item.claim_quote) if item.claim_quote else None, item.file, item.line]
            for item in pack.items
        ],
    }
    path = _path(pack.content_dir, pack.corpus_dir)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
