"""docs/messages.md is generated from the catalogue and must be up to date; every content code
is used by the source, and its Japanese reads as Japanese."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

from dxlearn.messages.catalogue import catalogue

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_message_list",
                                                  ROOT / "tools" / "make_message_list.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_messages_md_is_up_to_date() -> None:
    tool = _tool()

    assert (ROOT / "docs" / "messages.md").read_text(encoding="utf-8") == tool.render(), (
        "docs/messages.md is out of date: run python tools/make_message_list.py")
    assert tool.main(["--check"]) == 0


def test_the_list_holds_every_code_once() -> None:
    text = (ROOT / "docs" / "messages.md").read_text(encoding="utf-8")

    listed = re.findall(r"^\| `([a-z]+\.[a-z0-9_]+)` \|", text, re.MULTILINE)
    assert sorted(listed) == sorted(catalogue())


def _content_codes_in_source() -> set[str]:
    """content.* string literals in dxlearn/ (f-string parts too: severity_{...})."""
    found: set[str] = set()
    for path in (ROOT / "dxlearn").rglob("*.py"):
        if "messages" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(re.findall(r"content\.[a-z0-9_]+", node.value))
    return found


def test_every_content_message_is_used() -> None:
    used = _content_codes_in_source()
    defined = {code for code in catalogue() if code.startswith("content.")}
    # the two severity words are looked up as f"content.severity_{severity.value}"
    unused = defined - used - {"content.severity_error", "content.severity_warning"}

    assert unused == set(), f"content codes no source uses: {sorted(unused)}"
    assert "content.severity_" in used


def test_content_messages_in_japanese_are_japanese_and_polite() -> None:
    for code, entry in catalogue().items():
        if not code.startswith("content.") or code.startswith(("content.severity_",
                                                               "content.reason_")):
            continue
        if code == "content.finding_line":
            continue
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", entry.ja), code
        assert entry.ja.rstrip().endswith(("。", "]", "）")), code
        assert "ですます" not in entry.ja and "だ。" not in entry.ja, code
