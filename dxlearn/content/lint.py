"""Findings -> compiler-style text or JSON, and the exit status of ``dxlearn lint``.

Exit status (docs/lesson-format.md): 0 no errors (warnings allowed), 1 errors found,
2 the path is not a library or cannot be read (also when its library.yaml has errors: the
findings that stopped it are listed too).
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
    error: LibraryError | None = None  # set when the library was not loaded

    @property
    def problem(self) -> str:
        """The English reason the library was not loaded ("" when it was)."""
        return str(self.error) if self.error is not None else ""


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.severity.value != "error"))


def lint_path(path: str) -> LintResult:
    try:
        library = load_library(path)
    except LibraryError as exc:
        return LintResult(tuple(sort_findings(exc.findings)), EXIT_NOT_A_LIBRARY, exc)
    findings = tuple(sort_findings(library.all_findings()))
    status = EXIT_ERRORS if any(f.is_error for f in findings) else EXIT_CLEAN
    return LintResult(findings, status)


def format_text(findings: Iterable[Finding], lang: str = "en") -> str:
    """One line per finding in ``lang`` (English ``path:line: error: message`` by default,
    the form editors and scripts read)."""
    return "".join(f"{finding.line_text(lang)}\n" for finding in findings)


def format_json(findings: Iterable[Finding], lang: str = "en") -> str:
    """A JSON list: path, line, severity, message (in ``lang``) and code (never translated)."""
    return json.dumps([f.as_dict(lang) for f in findings], ensure_ascii=False, indent=2) + "\n"
