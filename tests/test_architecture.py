"""The arrows of docs/architecture.md: which part of dxlearn may import which.

Every ``import`` of a ``dxlearn`` module in the package — at module level or inside a function;
imports under ``if TYPE_CHECKING:`` are annotations only and do not count — must follow the
table below. (tests/test_layering.py checks the other half: nothing below the GUI loads Qt.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dxlearn"

# part -> the parts it may import (besides itself and the top-level ``dxlearn`` package)
ALLOWED: dict[str, set[str]] = {
    "messages": set(),
    "files": set(),
    "paths": set(),
    "learning": {"content", "messages"},
    "content": {"files", "messages", "paths"},
    "integrity": {"files", "messages"},
    "store": {"learning", "files", "messages", "paths"},
    "export": {"store", "learning", "content", "integrity", "files", "messages", "paths"},
    "hr": {"export", "integrity", "learning", "files", "messages"},
    "policy": {"files", "integrity", "learning", "messages", "paths", "hr"},
    "selftest": {"content", "learning", "store", "export", "integrity", "files", "messages",
                 "paths", "policy", "gui"},
    "gui": {"content", "learning", "store", "export", "integrity", "hr", "files", "messages",
            "paths", "policy"},
    "cli": {"content", "learning", "store", "export", "integrity", "hr", "files", "messages",
            "paths", "policy", "selftest", "gui"},
    "__main__": {"cli"},
}


def part_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


class Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.found: list[tuple[int, str]] = []

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.startswith("dxlearn"):
                self.found.append((node.lineno, alias.name))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        if target.startswith("dxlearn"):
            if target == "dxlearn":  # from dxlearn import paths, __version__
                for alias in node.names:
                    self.found.append((node.lineno, f"dxlearn.{alias.name}"))
            else:
                self.found.append((node.lineno, target))


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_table_names_every_part() -> None:
    parts = {part_of(module_name(p)) for p in sources()} - {""}
    assert parts <= set(ALLOWED), f"parts missing from the table: {parts - set(ALLOWED)}"


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_follow_the_arrows(path: Path) -> None:
    module = module_name(path)
    part = part_of(module)
    if not part:
        return  # dxlearn/__init__.py
    visitor = Imports(module, path.name == "__init__.py")
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    allowed = ALLOWED[part] | {part}
    wrong = [(line, target) for line, target in visitor.found
             if part_of(target) not in allowed and target != "dxlearn"
             and part_of(target) != "__version__"]
    assert not wrong, f"{module} imports against the arrows: {wrong}"


def test_the_probe_catches_a_wrong_arrow() -> None:
    """Guards the check itself: a content module importing the GUI is found."""
    visitor = Imports("dxlearn.content.x", False)
    visitor.visit(ast.parse("def f():\n    from dxlearn.gui import preview\n"))
    assert visitor.found == [(2, "dxlearn.gui")]
