"""The message catalogue: every code the source uses exists, in both languages, with the same
placeholders; a catalogue text never leaks a Python repr or an English word into Japanese."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dxlearn.messages import Message, entries, text
from dxlearn.messages.catalogue import PARTS, catalogue

PACKAGE = Path(__file__).resolve().parents[2] / "dxlearn"
FILE_SUFFIXES = (".toml", ".py", ".csv", ".json")
CODE = re.compile(r"^(?:" + "|".join(PARTS) + r")\.[a-z0-9_]+$")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(("code", "entry"), list(entries()), ids=[c for c, _ in entries()])
def test_both_languages_use_the_same_placeholders(code: str, entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.ja.strip() and entry.en.strip(), code
    assert placeholders(entry.ja) == placeholders(entry.en), code


def codes_in_source() -> dict[str, str]:
    """Every string literal in dxlearn/ that looks like a catalogue code -> where it is."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "messages" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                       for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in in_fstrings and CODE.match(node.value) \
                    and not node.value.endswith(FILE_SUFFIXES):
                found.setdefault(node.value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_code_the_source_uses_is_in_the_catalogue() -> None:
    known = catalogue()
    missing = {code: where for code, where in codes_in_source().items() if code not in known}
    assert not missing, f"codes used but not in the catalogue: {missing}"


def test_a_nested_message_speaks_the_readers_language() -> None:
    inner = Message("integrity.key_short", {"source": "export_key", "size": 4})
    ja = text("policy.key_unusable", "ja", reason=inner)
    en = text("policy.key_unusable", "en", reason=inner)
    assert "短すぎます" in ja and "too short" in en


def test_an_unknown_code_is_a_bug_not_a_blank() -> None:
    with pytest.raises(KeyError):
        text("store.no_such_code")
