"""Reading the answers exports among ``hr items`` and ``hr merge`` inputs: admitted by the
same rules as detail exports (``hr.admit``), then read by ``hr.answers``; each is one line of
the inputs list with its verdict and what was noticed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dxlearn.export.errors import ExportError
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.admit import Admitted, admit, used
from dxlearn.hr.answers import (
    CollectedAnswers,
    csv_header,
    is_answers_header,
    parse_answers_csv,
    parse_answers_xlsx,
)
from dxlearn.hr.items import ItemAnalysis
from dxlearn.hr.model import UNUSABLE, InputInfo, MergeOptions, NothingUsable, input_lines
from dxlearn.hr.values import InputError
from dxlearn.messages import Message, text

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], bool | None]


def is_answers(path: Path, encoding: str) -> bool:
    """True for an answers export (``encoding``: a CSV file's, "" for XLSX)."""
    if encoding:
        return is_answers_header(csv_header(path, encoding))
    from dxlearn.hr.answers import xlsx_is_answers

    return xlsx_is_answers(path)


def read_answers(admitted: Admitted, index: int, options: MergeOptions,
                 collected: CollectedAnswers) -> InputInfo:
    """Read an admitted answers export into ``collected``; its line in the inputs list."""
    info, verdict = admitted.info, admitted.verdict
    try:
        if admitted.encoding:
            parsed = parse_answers_csv(info.path, admitted.encoding, index, options.tz)
        else:
            parsed = parse_answers_xlsx(info.path, index, options.tz)
    except InputError as error:
        info.verdict = UNUSABLE
        info.messages = [error.reason]
        return info
    used(info, verdict)
    info.encoding, info.header, info.rows = parsed.encoding, parsed.header, len(parsed.answers)
    if parsed.answers:
        info.device = parsed.answers[0].device
    if verdict.signature is not None and parsed.rows != verdict.signature.rows:
        info.messages.append(Message("hr.input_rows_mismatch", {
            "rows": parsed.rows, "sidecar": verdict.signature.rows}))
    if parsed.skipped:
        info.messages.append(Message("hr.input_rows_left_out", {"count": parsed.skipped}))
        info.messages.extend(parsed.problems)
    info.messages.extend(parsed.notes)
    left_out = sum(1 for a in parsed.answers if not a.in_analysis)
    if left_out:
        info.messages.append(Message("items.left_out_version", {"count": left_out}))
    if not parsed.answers:
        info.messages.append(Message("hr.input_no_rows"))
    collected.answers.extend(parsed.answers)
    collected.refused.extend(parsed.refused)
    return info


class NothingToAnalyse(NothingUsable):
    """No input held a usable answer: nothing is written."""

    code_for_none = "items.nothing_to_analyse"


@dataclass
class ItemsResult:
    output: Path
    inputs: list[InputInfo]
    analysis: ItemAnalysis
    problems: list[Message] = field(default_factory=list)

    def input_lines(self, lang: str = "en") -> list[str]:
        return input_lines(self.problems, self.inputs, lang)

    def summary_lines(self, lang: str = "en") -> list[str]:
        analysis = self.analysis
        lines = [Message("items.written", {
            "path": str(self.output), "lessons": len(analysis.lessons()),
            "questions": len(analysis.items), "learners": analysis.learners,
            "used": sum(1 for i in self.inputs if i.included),
            "inputs": len(self.inputs)}).text(lang)]
        if analysis.left_out_version:
            lines.append(text("items.first_attempts_left_out", lang,
                              count=analysis.left_out_version))
        if analysis.left_out_incomplete:
            lines.append(text("items.first_attempts_incomplete", lang,
                              count=analysis.left_out_incomplete))
        if analysis.duplicates:
            lines.append(text("items.duplicate_rows", lang, count=analysis.duplicates))
        return lines


def analyse_exports(inputs: Sequence[Path], output: Path, *, options: MergeOptions,
                    settings: ExportSettings, progress: Progress | None = None
                    ) -> ItemsResult:
    """``hr items``: verify and read the answers exports among ``inputs`` (files or folders),
    analyse them (``hr.items``) and write ``output`` (.xlsx or .csv)."""
    from dxlearn.hr.items import analyse
    from dxlearn.hr.items_write import write_items
    from dxlearn.hr.merge import check_paths
    from dxlearn.hr.read import discover
    from dxlearn.hr.report import input_rows

    output = Path(output)
    inputs = [Path(p) for p in inputs]
    check_paths(inputs, output)
    files, problems = discover(inputs)
    if any(path.resolve() == output.resolve() for path in files):
        raise ExportError("hr.output_is_input", path=str(output))
    infos: list[InputInfo] = []
    collected = CollectedAnswers()
    by_sha: dict[str, Path] = {}
    for index, path in enumerate(files):
        admitted = admit(path, options, settings, by_sha)
        if isinstance(admitted, InputInfo):
            infos.append(admitted)
        elif is_answers(path, admitted.encoding):
            infos.append(read_answers(admitted, index, options, collected))
        else:
            info = admitted.info
            info.verdict = UNUSABLE
            info.messages = [Message("items.input_not_answers_file")]
            infos.append(info)
        if progress is not None and progress(index + 1, len(files)) is False:
            raise ExportError("hr.cancelled")
    if not collected.answers:
        raise NothingToAnalyse(infos, problems)
    analysis = analyse(collected.answers, collected.refused)
    try:
        write_items(analysis, output, options, input_rows(infos, options.header))
    except OSError as error:
        raise ExportError("hr.report_cannot_write", path=str(output),
                          reason=error.strerror or str(error)) from error
    logger.info("item analysis of %d file(s) into %s", len(files), output)
    return ItemsResult(output, infos, analysis, problems)
