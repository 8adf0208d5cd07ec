"""``hr merge``: verify, read and combine detail exports from many PCs into one report.

    result = merge_exports([folder], Path("report.xlsx"), roster=Path("roster.csv"),
                           options=MergeOptions(require_signature=True), settings=settings)

Every input is verified first (``verify.py``) and listed in the report with its verdict. With
``require_signature`` only authentic files (HMAC valid) are used; otherwise unsigned or
altered files are used and their rows flagged. Identical files (same sha256) are used once.
A file that cannot be read is a line in the report, never a crash.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dxlearn.export.errors import ExportError
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.combine import combine, curricula, latest_per_device, learners
from dxlearn.hr.model import InputInfo, MergeOptions
from dxlearn.hr.read import InputError, Record, discover, parse_export
from dxlearn.hr.report import Report, build_report, write_report
from dxlearn.hr.roster import Roster, RosterError, read_roster
from dxlearn.integrity.verify import Verdict, verify_bytes_or_file

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], bool | None]


@dataclass
class MergeResult:
    output: Path
    inputs: list[InputInfo]
    report: Report
    problems: list[str] = field(default_factory=list)

    def input_lines(self) -> list[str]:
        return [*self.problems, *(i.line() for i in self.inputs)]

    def summary_line(self) -> str:
        used = sum(1 for i in self.inputs if i.included)
        return (f"{self.output}: {len(self.report.summary)} learner rows, "
                f"{len(self.report.detail)} detail rows from {used} of {len(self.inputs)} "
                "input file(s)")


def _read_inputs(files: Sequence[Path], options: MergeOptions, settings: ExportSettings,
                 progress: Progress | None) -> tuple[list[InputInfo], list[Record]]:
    infos: list[InputInfo] = []
    records: list[Record] = []
    by_sha: dict[str, Path] = {}
    for index, path in enumerate(files):
        try:
            data = path.read_bytes()
        except OSError as error:
            infos.append(InputInfo(path, "unusable", message=f"cannot read ({error.strerror})"))
            continue
        verdict = verify_bytes_or_file(path, settings, data)
        info = InputInfo(path, verdict.verdict.value, message=verdict.message,
                         format=path.suffix.lower().lstrip("."), sha256=verdict.sha256)
        infos.append(info)
        if verdict.sha256 in by_sha:
            info.verdict = "duplicate"
            info.message = f"same bytes as {by_sha[verdict.sha256]}; used once"
        elif options.require_signature and verdict.verdict is not Verdict.AUTHENTIC:
            info.message += "; left out (--require-signature)"
        else:
            by_sha[verdict.sha256] = path
            try:
                parsed = parse_export(path, data, source=len(infos) - 1)
            except InputError as error:
                info.message = f"{error}; {verdict.verdict.value}"
                info.verdict = "unusable" if verdict.verdict.intact else info.verdict
            else:
                info.included = True
                info.encoding, info.header = parsed.encoding, parsed.header
                info.rows = len(parsed.records)
                if verdict.database_id:  # one database exported from several PCs
                    for record in parsed.records:
                        record.origin = verdict.database_id
                if parsed.records:
                    first = parsed.records[0]
                    info.device, info.exported_at = first.device, first.exported_at
                if parsed.problems:
                    info.message += f"; {parsed.skipped} row(s) left out: " + " | ".join(
                        parsed.problems)
                records.extend(parsed.records)
        if progress is not None and progress(index + 1, len(files)) is False:
            raise ExportError("merge cancelled")
    return infos, records


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the records are built: hundreds of thousands of
    long-lived objects (none in a reference cycle) made each collection walk them all, about a
    quarter of the merge's time. Reference counting still frees everything as usual.

    Afterwards the objects allocated meanwhile are moved to the oldest generation without
    being walked (``freeze`` + ``unfreeze``, when nothing else keeps objects frozen): else the
    first young collection after ``enable`` walks them all once more."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def merge_exports(
    inputs: Sequence[Path],
    output: Path,
    *,
    roster: Path | None = None,
    options: MergeOptions | None = None,
    settings: ExportSettings | None = None,
    progress: Progress | None = None,
) -> MergeResult:
    """Merge ``inputs`` (files or folders) into ``output`` (.xlsx or .csv)."""
    options = options or MergeOptions()
    settings = settings or ExportSettings()
    output = Path(output)
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise ExportError(f"{output.name}: the report must be .xlsx or .csv")
    if not output.parent.is_dir():
        raise ExportError(f"the folder {output.parent} does not exist; create it first")
    roster_entries: Roster | None = None
    problems: list[str] = []
    if roster is not None:
        try:
            roster_entries = read_roster(roster)
        except RosterError as error:
            raise ExportError(str(error)) from error
        problems.extend(str(p) for p in roster_entries.problems)
    files, missing = discover(inputs, exclude=[output])
    problems.extend(missing)
    with _collector_paused():
        infos, records = _read_inputs(files, options, settings, progress)
        combined = combine(latest_per_device(records).values())
        people = learners(combined, roster_entries.people if roster_entries else None)
        report = build_report(people, curricula(records), infos, options.header)
        try:
            write_report(report, output, options)
        except OSError as error:
            raise ExportError(f"{output}: cannot write the report ({error.strerror or error})"
                              ) from error
    logger.info("merged %d file(s) into %s", len(files), output)
    return MergeResult(output, infos, report, problems)
