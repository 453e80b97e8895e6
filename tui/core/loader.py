"""Loading and checking a pack: `corpus/sources.yaml`, the corpus files, `content/*.yaml`.

One pass does both jobs. `check_pack` returns every problem it finds, each with file and
line; `tui.core.pack.load_pack` turns that into a usable `Pack` or a `PackError`. The
rules are in `pack_format` (what the files may hold), `corpus_reader` (sources and
documents), `content_reader` (pack.yaml and items) and `verbatim` (quotes in documents);
README.md documents them for pack authors.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from .content_reader import ContentReader, settle_claimant_types
from .corpus_reader import CorpusReader
from .embedded import embedded_dirs
from .model import Pack
from .pack_format import PACK_FILE, SOURCES_FILE
from .problems import Findings, PackError, Problem


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. permission denied on a parent, a name too long
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _pack_dirs(content_dir: Path | None, corpus_dir: Path | None) -> tuple[Path, Path]:
    """The content and corpus directories (default: the embedded pack's), or PackError
    (unusable) if either, or its one required file, is missing."""
    default_content, default_corpus = embedded_dirs()
    content = Path(content_dir) if content_dir is not None else default_content
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus
    missing = []
    if not _is_dir(content):
        missing.append(Problem(str(content), None, "content directory not found"))
    elif not _is_file(content / PACK_FILE):
        missing.append(Problem(str(content / PACK_FILE), None, _why_missing(content / PACK_FILE, "a pack")))
    if not _is_dir(corpus):
        missing.append(Problem(str(corpus), None, "corpus directory not found"))
    elif not _is_file(corpus / SOURCES_FILE):
        missing.append(Problem(str(corpus / SOURCES_FILE), None, _why_missing(corpus / SOURCES_FILE, "a corpus")))
    if missing:
        raise PackError(missing, unusable=True)
    return content, corpus


def _why_missing(path: Path, whose: str) -> str:
    """Why a pack's required file cannot be used: absent, a directory, unreadable."""
    try:
        if path.is_dir():
            return f"{path.name} is a directory, not a file: {whose} needs one"
        os.stat(path)
    except OSError as exc:
        if not isinstance(exc, FileNotFoundError):
            return f"{path.name} cannot be read ({exc.strerror or exc}): {whose} needs one"
        return f"{path.name} not found: {whose} needs one"
    return f"{path.name} is not a regular file: {whose} needs one"


def check_pack(
    content_dir: Path | None = None, corpus_dir: Path | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Read a whole pack and report every problem. Raises PackError only if unusable."""
    # A pack's YAML makes hundreds of thousands of short-lived nodes and the items pile
    # up as they are read: left on, the cyclic GC re-scans them all again and again, so
    # a big pack took quadratic time. The few cycles a hostile file can make (an anchor
    # used inside itself) are collected once it is back on.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_pack(content_dir, corpus_dir)
    finally:
        if enabled:
            gc.enable()


def _check_pack(content_dir: Path | None, corpus_dir: Path | None) -> tuple[Pack | None, list[Problem]]:
    content, corpus_path = _pack_dirs(content_dir, corpus_dir)
    findings = Findings()
    corpus = CorpusReader(corpus_path, findings)
    corpus.read_sources()
    reader = ContentReader(content, corpus, findings)
    title, description = reader.read_pack_file()
    items = settle_claimant_types(reader.read_items())
    reader.verbatim.verify_pending()
    if not items and not findings.problems:
        findings.problems.append(Problem(str(content), None, "the pack has no items"))
    pack = Pack(
        title=title,
        description=description,
        topics=reader.topics,
        sources=corpus.sources,
        items=items,
        content_dir=content,
        corpus_dir=corpus_path,
        texts=corpus.texts,
        publisher=reader.publisher,
        date=reader.date,
    )
    return pack, findings.in_order()
