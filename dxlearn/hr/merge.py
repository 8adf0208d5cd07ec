"""``hr merge``: verify, read and combine detail exports from many PCs into one report.

    result = merge_exports([folder], Path("report.xlsx"), roster=Path("roster.csv"),
                           options=MergeOptions(require_signature=True), settings=settings)

Every input is verified first (``integrity.verify``) and listed in the report with its verdict:

- authentic files are used;
- unsigned files, files signed under a key id not held here (``key_unknown``) and files
  without a readable sidecar are used, and their records flagged in the report (left out with
  ``require_signature``);
- altered files and wrong signatures are left out, listed with their verdict, unless
  ``include_altered`` puts them back (flagged): an edited file never wins silently.

Identical files (same sha256) are used once. A file that cannot be read is a line in the
report, never a crash. Answers exports among the inputs (``--scope answers``) are read too,
by the same rules, and give the report a 設問分析 (item analysis) sheet (``hr.items``).
Inputs are read one at a time as streams and rule 1 of
``combine`` is applied as they are read: memory follows the records kept, not the files' sizes.
Nothing is written when no input holds a detail row (:class:`NothingToMerge`), when an input
named does not exist, or when the report would overwrite an input.

With ``MergeOptions(profile=...)`` the merged result is written in the import profile's layout
instead of the report (``export.profile_write``, the writer exports use), with a signature
sidecar like an export's (``_write_profile``).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dxlearn.export.errors import ExportError
from dxlearn.export.settings import ExportSettings
from dxlearn.hr.admit import admit, used
from dxlearn.hr.answers import CollectedAnswers
from dxlearn.hr.combine import Kept, curricula, learners
from dxlearn.hr.items_read import is_answers, read_answers
from dxlearn.hr.model import UNUSABLE, InputInfo, MergeOptions, NothingUsable, input_lines
from dxlearn.hr.read import discover, parse_csv, parse_xlsx
from dxlearn.hr.report import Report, build_report
from dxlearn.hr.report_write import write_report
from dxlearn.hr.roster import RosterError, RosterMatch, match_roster, read_roster
from dxlearn.hr.values import InputError
from dxlearn.messages import Message

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], bool | None]
REPORT_SUFFIXES = (".xlsx", ".csv")


class NothingToMerge(NothingUsable):
    """No input held a usable detail row: no report is written."""

    code_for_none = "hr.nothing_to_merge"


@dataclass
class MergeResult:
    output: Path
    inputs: list[InputInfo]
    report: Report
    problems: list[Message] = field(default_factory=list)
    rows: int = 0  # rows written in an import profile's layout
    sidecar: Path | None = None  # the sidecar of a result written in a profile's layout

    def input_lines(self, lang: str = "en") -> list[str]:
        return input_lines(self.problems, self.inputs, lang)

    def summary_line(self, lang: str = "en") -> str:
        used = sum(1 for i in self.inputs if i.included)
        return Message("hr.merged", {
            "path": str(self.output), "learners": len(self.report.summary) + len(
                self.report.off_roster), "rows": self.report.detail_count, "used": used,
            "inputs": len(self.inputs)}).text(lang)


def _read_one(path: Path, index: int, options: MergeOptions, settings: ExportSettings,
              kept: Kept, by_sha: dict[str, Path],
              answers: CollectedAnswers | None = None) -> InputInfo:
    admitted = admit(path, options, settings, by_sha)
    if isinstance(admitted, InputInfo):
        return admitted
    info, verdict = admitted.info, admitted.verdict
    if answers is not None and is_answers(path, admitted.encoding):
        return read_answers(admitted, index, options, answers)
    try:
        if admitted.encoding:
            parsed = parse_csv(path, admitted.encoding, index, options.roles, options.tz)
        else:
            parsed = parse_xlsx(path, index, options.roles, options.tz)
    except InputError as error:
        info.verdict = UNUSABLE
        info.messages = [error.reason]  # what the file is matters more than its sidecar here
        return info
    used(info, verdict)
    info.encoding, info.header, info.rows = parsed.encoding, parsed.header, len(parsed.records)
    if verdict.database_id:  # one database exported from several PCs
        for origin in parsed.origins:
            origin.origin = verdict.database_id
    if parsed.records:
        first = parsed.records[0]
        info.device, info.exported_at = first.device, first.exported_at
    exports = {(o.origin or o.device, o.exported_at) for o in parsed.origins}
    if len(exports) == 1:  # one export of one PC (``_superseded``)
        info.pc = next(iter(exports))[0]
    if verdict.signature is not None and parsed.rows != verdict.signature.rows:
        info.messages.append(Message("hr.input_rows_mismatch", {
            "rows": parsed.rows, "sidecar": verdict.signature.rows}))
    if parsed.skipped:
        info.messages.append(Message("hr.input_rows_left_out", {"count": parsed.skipped}))
        info.messages.extend(parsed.problems)
    info.unreadable = parsed.refused
    info.messages.extend(parsed.notes)
    if not parsed.records:
        info.messages.append(Message("hr.input_no_rows"))
    kept.add(parsed.records)
    return info


def _superseded(infos: Sequence[InputInfo], kept: Kept) -> None:
    """An unreadable row no longer flags its learner when a newer export of the same PC (or
    database) names that learner: a PC's exports are cumulative, so the newer one holds the
    learner's records as they are now (HR asked that PC for a new export, and merged both).
    The input's line still counts the row, and says how many rows this spared a flag."""
    if not any(info.unreadable and info.pc and info.exported_at for info in infos):
        return
    latest: dict[tuple[str, str], datetime] = {}  # (PC, staff_id) -> its newest export
    for record in kept.records():  # before ``combine``: each PC's newest record per lesson
        src = record.src
        if src.exported_at is not None:
            key = (src.origin or src.device, record.who[0])
            seen = latest.get(key)
            if seen is None or seen < src.exported_at:
                latest[key] = src.exported_at
    for info in infos:
        exported_at = info.exported_at
        if not info.unreadable or not info.pc or exported_at is None:
            continue
        left = [row for row in info.unreadable
                if latest.get((info.pc, row[0]), exported_at) <= exported_at]
        if len(left) < len(info.unreadable):
            info.messages.append(Message("hr.input_unreadable_superseded",
                                         {"count": len(info.unreadable) - len(left)}))
            info.unreadable = left


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


def check_paths(inputs: Sequence[Path], output: Path, profile: bool = False) -> None:
    if profile and output.suffix.lower() in (".xlsx", ".json"):
        raise ExportError("profile.suffix", file=output.name, suffix=output.suffix)
    if not profile and output.suffix.lower() not in REPORT_SUFFIXES:
        raise ExportError("hr.report_suffix", file=output.name)
    if not output.parent.is_dir():
        raise ExportError("hr.report_folder_missing", folder=str(output.parent))
    if output.is_dir():
        raise ExportError("hr.report_is_folder", path=str(output))
    for item in inputs:
        if not item.exists():
            raise ExportError("hr.input_missing", path=str(item))
    target = output.resolve()
    for item in inputs:
        if item.resolve() == target:
            raise ExportError("hr.output_is_input", path=str(output))


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
    inputs = [Path(p) for p in inputs]
    check_paths(inputs, output, options.profile is not None)
    profile = options.profile
    if profile is not None:
        from dataclasses import replace

        from dxlearn.export.profile import check_available
        from dxlearn.export.profile_fields import MERGE

        check_available(profile, MERGE)
        options = replace(options, header="en")  # keys: the profile's maps give the words
    problems: list[Message] = []
    roster_entries = None
    if roster is not None:
        try:
            roster_entries = read_roster(roster, options.roles)
        except RosterError as error:
            raise ExportError("hr.roster_unusable", reason=error.as_message()) from error
    files, found_problems = discover(inputs)
    problems.extend(found_problems)
    if any(path.resolve() == output.resolve() for path in files):
        raise ExportError("hr.output_is_input", path=str(output))
    with _collector_paused():
        kept = Kept()
        infos: list[InputInfo] = []
        by_sha: dict[str, Path] = {}
        answers = CollectedAnswers()  # answers exports among the inputs: the 設問分析 sheet
        for index, path in enumerate(files):
            infos.append(_read_one(path, index, options, settings, kept, by_sha, answers))
            if progress is not None and progress(index + 1, len(files)) is False:
                raise ExportError("hr.cancelled")
        if not kept.count:
            raise NothingToMerge(infos, problems)
        _superseded(infos, kept)
        lessons_by_role = curricula(kept.records())
        kept.combine()
        match: RosterMatch | None = None
        if roster_entries is not None:
            match = match_roster(roster_entries, kept.learners.keys())
            problems.extend(roster_entries.problems)
            problems.extend(match.messages)
        people = learners(kept, match)
        report = build_report(people, lessons_by_role, infos, options, roster_entries,
                              [*(roster_entries.problems if roster_entries else ()),
                               *(match.messages if match else ())])
        rows, sidecar = 0, None
        if answers.answers:
            from dxlearn.hr.items import analyse

            report.items = analyse(answers.answers, answers.refused)
        try:
            if profile is not None:
                rows, sidecar = _write_profile(report, output, options, settings)
            else:
                write_report(report, output, options)
        except OSError as error:
            raise ExportError("hr.report_cannot_write", path=str(output),
                              reason=error.strerror or str(error)) from error
    logger.info("merged %d file(s) into %s", len(files), output)
    return MergeResult(output, infos, report, problems, rows, sidecar)


def _write_profile(report: Report, output: Path, options: MergeOptions,
                   settings: ExportSettings) -> tuple[int, Path]:
    """The merged result in the profile's layout and its signature sidecar (format 3: the
    profile's name and sha256; the libraries at the newest version the records name)."""
    from datetime import UTC, datetime

    from dxlearn import __version__
    from dxlearn.export.formatting import iso_local
    from dxlearn.export.profile_fields import rows_from
    from dxlearn.export.profile_write import profile_rows_of, write_profile
    from dxlearn.hr.report import DETAIL, SUMMARY
    from dxlearn.integrity.signature import Signature, sidecar_path, write_sidecar

    profile = options.profile
    assert profile is not None
    key = settings.key
    rename = {"devices": "device"}  # the profile's field name, as in an export
    if profile.rows == "lesson":
        rows = rows_from((c.key for c in DETAIL), report.detail(), rename)
    else:  # the per-learner summary (learner rows are rolled up from it)
        rows = rows_from((c.key for c in SUMMARY), [*report.summary, *report.off_roster],
                         rename)
    written = write_profile(output, profile, profile_rows_of(profile, rows), tz=options.tz,
                            key=key)
    now = datetime.now(UTC).replace(microsecond=0)
    signature = Signature(
        file=output.name, sha256=written.sha256, rows=written.rows,
        created_at=iso_local(now, options.tz), device=settings.device,
        app_version=__version__, key_id=(settings.key_id or "default") if key else "",
        hmac_sha256=written.hmac_sha256, scope=profile.rows,
        libraries=tuple(sorted(report.versions.items())),
        profile=(profile.name, profile.sha256))
    try:
        return written.rows, write_sidecar(output, signature)
    except OSError as error:
        output.unlink(missing_ok=True)  # never a new file beside an old sidecar
        raise ExportError("profile.sidecar_cannot_write", path=str(sidecar_path(output)),
                          reason=error.strerror or str(error)) from error
