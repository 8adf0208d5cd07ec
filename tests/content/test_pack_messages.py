"""The pack part of the message catalogue: every code the pack code uses exists, both languages
use the same placeholders, and the Japanese reads as Japanese (no English left in it)."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dxlearn.messages.pack import MESSAGES

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*(REPO / "dxlearn" / "content").glob("pack*.py"), REPO / "dxlearn" / "cli" / "pack.py",
           REPO / "dxlearn" / "gui" / "pack_import_dialog.py",
           REPO / "dxlearn" / "gui" / "menus.py"]


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_pack_code_used_in_the_source_is_in_the_catalogue() -> None:
    used = {code for path in SOURCES
            for code in re.findall(r'"(pack\.[a-z_]+)"', path.read_text(encoding="utf-8"))}
    assert len(used) > 60
    assert used - set(MESSAGES) == set()


def test_japanese_and_english_use_the_same_placeholders() -> None:
    for code, entry in MESSAGES.items():
        assert _fields(entry.ja) == _fields(entry.en), code


def test_the_japanese_texts_are_japanese() -> None:
    allowed = {  # names, keys and commands the reader types or sees in files
        "AUX", "BMP", "C", "CON", "ID", "JSON", "NUL", "PNG", "SHA", "UTF", "Windows", "_", "a",
        "z", "allow_pack_import", "dxlearn", "dxpack", "files", "force", "id", "import", "json",
        "lesson", "library", "lint", "manifest", "md", "o", "pack", "path", "policy", "sha256",
        "size", "toml", "verify", "yaml"}
    for code, entry in MESSAGES.items():
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"\{[a-z_]+\}", "", entry.ja)))
        assert words <= allowed, (code, words - allowed)
        assert re.search(r"[ぁ-んァ-ヶ一-龠]", entry.ja) or code == "pack.problem", code
