"""Finding and opening a pack: the embedded one, or one named by --content/--corpus.

Light on purpose: a pack that checked clean before comes from the cache without
importing YAML or the checker, which is most of what start-up would otherwise spend.
"""

from __future__ import annotations

from pathlib import Path

from .embedded import embedded_dirs
from .model import Pack
from .problems import PackError

__all__ = ["embedded_dirs", "load_pack"]


def load_pack(
    content_dir: Path | None = None, corpus_dir: Path | None = None, *, use_cache: bool = True
) -> Pack:
    """A pack ready to use, or PackError naming every problem.

    A pack that checked clean before and has not changed since comes from the cache; on a
    first run, the embedded pack comes checked from the package (see `shipped`).
    """
    from . import cache

    default_content, default_corpus = embedded_dirs()
    content = Path(content_dir) if content_dir is not None else default_content
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus
    if use_cache and content.is_dir() and corpus.is_dir():
        cached = cache.load(content, corpus)
        if cached is not None:
            return cached
        if (content, corpus) == (default_content, default_corpus):
            from .shipped import load_shipped

            shipped = load_shipped(content, corpus)
            if shipped is not None:
                cache.save_later(shipped)  # after the first screen
                return shipped
    from .loader import check_pack

    pack, problems = check_pack(content, corpus)
    problems = [p for p in problems if p.blocking]
    if problems:
        raise PackError(problems)
    assert pack is not None
    if use_cache:
        cache.save(pack)
    return pack
