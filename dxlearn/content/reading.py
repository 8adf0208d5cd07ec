"""One file of a library -> its text, or findings: size and kind first, then the encoding.

Decoding is ``dxlearn.files.text`` (UTF-8 with or without BOM, or CP932 with a warning); what
a Notepad user's file may also hold is said here: several BOMs, a BOM garbled into ``ï»¿`` by
a second conversion, or a BOM in the middle of a line (two files pasted together).
"""

from __future__ import annotations

import re

from dxlearn.files.text import BOM, DecodeError, DecodeProblem, decode

from .folders import MAX_TEXT_BYTES, MAX_YAML_BYTES, Entry, FileProblem, Kind, read_limited
from .model import Finding, Severity
from .textfile import YamlDoc, parse_yaml_file

_DECODE_CODES = {
    DecodeProblem.UNKNOWN: "content.encoding_unknown",
    DecodeProblem.WIDE: "content.encoding_wide",
    DecodeProblem.MIXED: "content.encoding_mixed",
}
_ENTRY_CODES = {
    Kind.OUTSIDE: "content.link_outside",
    Kind.OTHER: "content.file_not_regular",
    Kind.BROKEN: "content.link_broken",
}
_GARBLED_BOM = "ï»¿"  # a BOM read as Latin-1 / Windows-1252 and saved again as UTF-8
_LINE_START_BOMS = re.compile("^\ufeff+", re.MULTILINE)


def read_text(entry: Entry, rel: str, findings: list[Finding],
              limit: int = MAX_TEXT_BYTES) -> str | None:
    """The decoded text of ``entry`` (LF line ends, no BOM), or None with an error finding."""
    code = _ENTRY_CODES.get(entry.kind)
    if code is not None:
        findings.append(Finding(rel, 1, Severity.ERROR, code))
        return None
    try:
        data = read_limited(entry.path, limit)
    except FileProblem as exc:
        findings.append(Finding(rel, 1, Severity.ERROR, exc.code, exc.params))
        return None
    boms = 0
    while data.startswith(BOM, boms * len(BOM)):
        boms += 1
    try:
        decoded = decode(data)
    except DecodeError as exc:
        findings.append(Finding(rel, 1, Severity.ERROR, _DECODE_CODES[exc.problem]))
        return None
    if decoded.encoding == "cp932":
        findings.append(Finding(rel, 1, Severity.WARNING, "content.encoding_cp932"))
    if boms > 1:
        findings.append(Finding(rel, 1, Severity.WARNING, "content.bom_repeated",
                                {"count": boms}))
    text = decoded.text
    if text.startswith(_GARBLED_BOM):
        while text.startswith(_GARBLED_BOM):
            text = text[len(_GARBLED_BOM):]
        findings.append(Finding(rel, 1, Severity.WARNING, "content.bom_garbled"))
    if "\ufeff" in text:
        line = text.count("\n", 0, text.index("\ufeff")) + 1
        findings.append(Finding(rel, line, Severity.WARNING, "content.bom_inside"))
        # at the start of a line (two files pasted together) it breaks "key:" and "## ": drop it
        text = _LINE_START_BOMS.sub("", text)
    return text


def read_yaml(entry: Entry, rel: str, findings: list[Finding]) -> YamlDoc:
    """library.yaml or chapter.yaml; every problem is appended to ``findings``."""
    text = read_text(entry, rel, findings, MAX_YAML_BYTES)
    if text is None:
        return YamlDoc({}, {}, (), False)
    doc = parse_yaml_file(text, rel)
    findings.extend(doc.findings)
    return doc
