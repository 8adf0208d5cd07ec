"""Findings -> compiler-style text or JSON, and the exit status of ``dxlearn lint``.

Exit status (docs/lesson-format.md): 0 no errors (warnings allowed), 1 errors found,
2 the path is not a library or cannot be read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from .loader import LibraryError, load_library
from .model import Finding

EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_NOT_A_LIBRARY = 2


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Finding, ...]
    exit_status: int
    problem: str = ""  # set when the path is not a library


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.severity.value != "error"))


def lint_path(path: str) -> LintResult:
    try:
        library = load_library(path)
    except LibraryError as exc:
        return LintResult((), EXIT_NOT_A_LIBRARY, str(exc))
    findings = tuple(sort_findings(library.all_findings()))
    status = EXIT_ERRORS if any(f.is_error for f in findings) else EXIT_CLEAN
    return LintResult(findings, status)


def format_text(findings: Iterable[Finding]) -> str:
    return "".join(f"{finding}\n" for finding in findings)


def format_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
