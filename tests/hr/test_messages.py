"""The messages of the export, hr and integrity parts: every code used exists, in both
languages with the same placeholders, and the Japanese reads as Japanese."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dxlearn.hr.model import DUPLICATE, UNUSABLE, verdict_label
from dxlearn.integrity.verify import Verdict
from dxlearn.messages.catalogue import catalogue

ROOT = Path(__file__).resolve().parents[2] / "dxlearn"
SOURCES = [*ROOT.glob("export/*.py"), *ROOT.glob("hr/*.py"), *ROOT.glob("integrity/*.py"),
           ROOT / "cli" / "export.py", ROOT / "cli" / "verify.py", ROOT / "cli" / "hr.py"]
CODE = re.compile(r"""["']((?:export|hr|integrity)\.[a-z_]+)["']""")
PARTS = ("export.", "hr.", "integrity.")


def test_every_code_used_is_in_the_catalogue() -> None:
    known = catalogue()
    used = {code for path in SOURCES for code in CODE.findall(path.read_text("utf-8"))}
    assert len(used) > 100
    missing = sorted(used - known.keys())
    assert missing == []
    for verdict in [*Verdict, DUPLICATE, UNUSABLE]:  # the labels made from a verdict name
        assert verdict_label(str(verdict), "ja")
        assert verdict_label(str(verdict), "en") == str(verdict)


def test_both_languages_use_the_same_placeholders_and_japanese_is_japanese() -> None:
    formatter = string.Formatter()
    for code, entry in catalogue().items():
        if not code.startswith(PARTS) or code == "export.plain":
            continue
        ja = {f[1] for f in formatter.parse(entry.ja) if f[1]}
        en = {f[1] for f in formatter.parse(entry.en) if f[1]}
        assert ja == en, code
        # Japanese words, or Japanese punctuation between placeholders (a line's layout)
        assert re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]", entry.ja), code
        assert "ください" not in entry.en, code
