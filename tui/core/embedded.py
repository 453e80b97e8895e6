"""Where the pack shipped with mythquiz lives: inside the installed package, or beside the
package in a checkout. Both the loader and `pack.load_pack` need it; neither imports the
other for it."""

from __future__ import annotations

from pathlib import Path


def embedded_dirs() -> tuple[Path, Path]:
    """The pack shipped with mythquiz: inside the wheel, or beside the package in a checkout."""
    package = Path(__file__).resolve().parent.parent  # tui/
    shipped = package / "_pack"
    base = shipped if (shipped / "content").is_dir() else package.parent
    return base / "content", base / "corpus"
