"""The folders are the layers: `tui/core` imports no front end and no UI or web library,
and the front ends never import each other's internals, so a rule has one home."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parent.parent / "tui"
FRONT_ENDS = ("ui", "plain", "web", "export")
UI_LIBRARIES = ("textual", "textual_serve", "aiohttp", "rich")


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved to `tui.…` names."""
    package = ".".join(path.relative_to(TUI.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((TUI / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_imports_no_front_end_and_no_ui_library(path: Path):
    bad = sorted(
        name for name in imported_modules(path)
        if name.split(".")[0] in UI_LIBRARIES
        or any(name == f"tui.{end}" or name.startswith(f"tui.{end}.") for end in FRONT_ENDS + ("cli",))
    )
    assert not bad, f"{path.relative_to(TUI.parent)} imports {bad}"


def test_front_ends_do_not_import_each_other():
    for end in FRONT_ENDS:
        for path in (TUI / end).rglob("*.py"):
            others = [o for o in FRONT_ENDS if o != end]
            bad = sorted(
                name for name in imported_modules(path)
                if any(name == f"tui.{o}" or name.startswith(f"tui.{o}.") for o in others)
            )
            assert not bad, f"{path.relative_to(TUI.parent)} imports {bad}"


def test_core_modules_import_each_other_without_a_circle():
    """No two core modules need each other (imports inside functions count too): each
    rule has one home, and a module can be read, tested and loaded on its own."""
    core = {path.stem: path for path in (TUI / "core").glob("*.py") if path.stem != "__init__"}
    needs = {
        name: {
            other for other in core
            if other != name and any(m == f"tui.core.{other}" or m.startswith(f"tui.core.{other}.")
                                     for m in imported_modules(path))
        }
        for name, path in core.items()
    }
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(needs[name]):
            assert state.get(other) != "open", " -> ".join(trail + [name, other])
            if other not in state:
                visit(other, trail + [name])
        state[name] = "done"

    for name in sorted(core):
        if name not in state:
            visit(name, [])
