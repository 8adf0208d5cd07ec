"""``export_completion``: the one call the CLI and the GUI use to write an HR export.

    result = export_completion(store, libraries, path, ExportOptions(scope=Scope.DETAIL),
                               settings, progress=lambda done, total: True)

``libraries`` is the library set the PC studies (``content.libraries.load_library_set``: the
bundled library, the policy's, imported packs); the export covers each of them, and every
other library the database holds records of (a pack removed since, a policy library that
cannot be reached): those are exported from what the database holds, and the result's
``warnings`` name them. The store is only read (the CLI opens it read-only, so a running app is
never blocked). ``progress(done, total)`` is called per learner and library; returning False
cancels the export and nothing is left on disk. Every export writes ``FILE.sig.json`` beside
the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dxlearn import __version__
from dxlearn.content.libraries import version_key
from dxlearn.content.model import Library
from dxlearn.export.columns import COLUMNS, SHEET_NAMES, Scope
from dxlearn.export.csv_writer import ENCODINGS, WrittenFile, cell_format_for, write_csv
from dxlearn.export.errors import ExportCancelled, ExportError
from dxlearn.export.formatting import iso_local, zone_label
from dxlearn.export.rows import (
    RowBuilder,
    RowContext,
    detail_rows,
    missing_library,
    summary_rows,
)
from dxlearn.export.settings import ExportSettings
from dxlearn.export.vocabulary import vocabulary
from dxlearn.integrity.signature import Signature, sidecar_path, write_sidecar
from dxlearn.messages import Message
from dxlearn.store.records import LearnerProgress
from dxlearn.store.repository import ProgressStore

if TYPE_CHECKING:
    from dxlearn.export.profile import Profile

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], bool | None]
T = TypeVar("T")


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    XAPI = "xapi"


SUFFIXES = {".csv": Format.CSV, ".xlsx": Format.XLSX, ".json": Format.XAPI}


def format_for(path: Path, explicit: str | None = None) -> Format:
    """The format named, else the one of the suffix; a suffix that says otherwise is an
    error (an XLSX file named ``.csv`` opens as garbage)."""
    found = SUFFIXES.get(path.suffix.lower())
    if explicit:
        chosen = Format(explicit)
        if found is not None and found is not chosen:
            raise ExportError("export.suffix_contradicts_format", file=path.name,
                              suffix=path.suffix, format=chosen.value)
        return chosen
    if found is None:
        raise ExportError("export.unknown_suffix", file=path.name, suffix=path.suffix or "")
    return found


@dataclass(frozen=True, slots=True)
class ExportOptions:
    scope: Scope = Scope.DETAIL  # what hr merge reads; summary is one row per learner+library
    format: Format | None = None  # None: from the file suffix
    encoding: str = "utf-8-sig"  # CSV only
    header: str = "en"  # "en" or "ja": the header row AND the values (修了, はい, 一般職員)
    learners: tuple[str, ...] | None = None  # staff_ids; None: everyone
    tz: tzinfo | None = None  # None: the settings' zone (policy timezone), else this PC's
    now: datetime | None = None  # the exported_at time; None: the clock (tests pin it)
    batch: int | None = None  # xAPI only: numbered files of at most this many statements
    # an HR import profile: the file is written in its layout (its row set, columns,
    # encoding, ...) instead of scope/format/encoding/header (export/profile.py)
    profile: Profile | None = None


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    sig_path: Path
    rows: int
    sha256: str
    signed: bool
    format: Format
    exported_at: str
    warnings: tuple[Message, ...] = field(default=())
    libraries: tuple[tuple[str, str], ...] = ()  # (library id, version) in the file
    parts: tuple[Path, ...] = ()  # xAPI --batch: every file written (``path`` is the first)


@dataclass(frozen=True, slots=True)
class Section:
    """One library of an export: loaded, or a stand-in for records of a missing one."""

    library: Library
    found: bool


def export_sections(store: ProgressStore, libraries: Sequence[Library],
                    learners: Sequence[str] | None = None
                    ) -> tuple[list[Section], list[Message]]:
    """The libraries an export covers: ``libraries`` (the first of an id wins), then every
    other library the records of ``learners`` name, with a warning for each."""
    from dxlearn.store.export_queries import recorded_libraries

    sections: list[Section] = []
    seen: set[str] = set()
    for library in libraries:
        if library.id not in seen:
            seen.add(library.id)
            sections.append(Section(library, True))
    warnings: list[Message] = []
    for library_id, versions in recorded_libraries(store, learners).items():
        if library_id in seen:
            continue
        version = max(versions, key=version_key) if versions else ""
        sections.append(Section(missing_library(library_id, version), False))
        warnings.append(Message("export.library_missing", {"id": library_id}))
        logger.warning("export: library %s not found; its records are exported as held",
                       library_id)
    return sections, warnings


def _check_options(options: ExportOptions, fmt: Format) -> None:
    if options.encoding not in ENCODINGS:
        raise ExportError("export.unknown_encoding", encoding=options.encoding)
    if options.header not in ("en", "ja"):
        raise ExportError("export.unknown_header", header=options.header)
    if fmt is Format.XAPI and options.scope is not Scope.DETAIL:
        raise ExportError("export.xapi_scope")


def _check_learners(store: ProgressStore, options: ExportOptions) -> None:
    wanted = options.learners
    if wanted is not None:
        missing = [s for s in dict.fromkeys(wanted) if store.get_learner(s) is None]
        if missing:
            raise ExportError("export.unknown_learner", ids=", ".join(missing),
                              where=store.where)


class _Counter:
    """Calls ``progress(done, total)`` per learner of every section; False cancels."""

    def __init__(self, store: ProgressStore, options: ExportOptions, sections: int,
                 progress: Progress | None) -> None:
        from dxlearn.store.export_queries import learner_count

        self.progress = progress
        self.total = learner_count(store, options.learners) * sections if progress else 0
        self.done = 0

    def each(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            yield item
            if self.progress is not None:
                self.done += 1
                if self.progress(self.done, self.total) is False:
                    raise ExportCancelled()


def export_completion(
    store: ProgressStore,
    libraries: Sequence[Library],
    path: str | Path,
    options: ExportOptions | None = None,
    settings: ExportSettings | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the export and its signature sidecar; raises ExportError (nothing left behind)."""
    if isinstance(libraries, Library):  # one library would silently leave the others out
        raise TypeError("export_completion takes the library set the PC studies "
                        "(e.g. AppContext.libraries), not one library")
    options = options or ExportOptions()
    settings = settings or ExportSettings()
    path = Path(path)
    if options.profile is not None:
        from dxlearn.export.profile_export import check_profile_target

        fmt = check_profile_target(path, options)
    else:
        fmt = format_for(path, options.format)
    if options.batch is not None and fmt is not Format.XAPI:
        from dxlearn.export.xapi import XapiError

        raise XapiError("xapi.batch_needs_xapi")
    _check_options(options, fmt)
    if not path.parent.is_dir():
        raise ExportError("export.folder_missing", folder=str(path.parent))
    if path.is_dir():
        raise ExportError("export.target_is_folder", path=str(path))
    _check_learners(store, options)
    tz = options.tz if options.tz is not None else settings.zone()
    now = (options.now or datetime.now(UTC)).replace(microsecond=0)
    sections, warnings = export_sections(store, libraries, options.learners)
    if fmt is Format.XAPI:
        for section in sections:
            if not section.found:
                warnings.append(Message("export.library_missing_xapi",
                                        {"id": section.library.id}))
        sections = [s for s in sections if s.found]
    counter = _Counter(store, options, len(sections), progress)

    def context(section: Section) -> RowContext:
        return RowContext(section.library, settings.device, now, __version__,
                          vocabulary(options.header, section.library.roles), section.found)

    key = settings.key
    try:
        if options.profile is not None:
            from dxlearn.export.profile_export import write_profile_export

            parts = [write_profile_export(store, path, options.profile, options.learners, tz,
                                          key, sections, context, counter.each)]
        else:
            parts = _write(store, path, fmt, options, tz, now, key, sections, context,
                           counter, settings)
    except OSError as error:
        raise ExportError("export.cannot_write", path=str(path),
                          reason=error.strerror or str(error)) from error
    exported_at = iso_local(now, tz)
    covered = tuple((s.library.id, s.library.version) for s in sections)
    sigs = []
    for part in parts:  # each xAPI part has its own sidecar
        signature = Signature(
            file=part.path.name, sha256=part.sha256, rows=part.rows, created_at=exported_at,
            device=settings.device, app_version=__version__,
            key_id=(settings.key_id or "default") if key else "",
            hmac_sha256=part.hmac_sha256, database_id=store.database_id(),
            scope=options.profile.rows if options.profile else options.scope.value,
            libraries=covered,
            profile=(options.profile.name, options.profile.sha256) if options.profile else (),
        )
        try:
            sigs.append(write_sidecar(part.path, signature))
        except OSError as error:
            # never a new file beside an old sidecar (verify would say "altered"): the
            # export's files and sidecars written so far are removed
            for done in parts:
                done.path.unlink(missing_ok=True)
                sidecar_path(done.path).unlink(missing_ok=True)
            raise ExportError("export.sidecar_cannot_write", path=str(sidecar_path(part.path)),
                              reason=error.strerror or str(error)) from error
    written = parts[0]
    total = sum(part.rows for part in parts)
    logger.info("export %s (%s, %s): %d rows in %d file(s), signed=%s, libraries %s", path,
                fmt.value, options.scope.value, total, len(parts), bool(key), covered)
    return ExportResult(written.path, sigs[0], total, written.sha256, bool(key), fmt,
                        exported_at, tuple(warnings), covered,
                        tuple(p.path for p in parts) if options.batch is not None else ())


def _write(store: ProgressStore, path: Path, fmt: Format, options: ExportOptions,
           tz: tzinfo | None, now: datetime, key: bytes, sections: list[Section],
           context: Callable[[Section], RowContext], counter: _Counter,
           settings: ExportSettings) -> list[WrittenFile]:
    """The files written: one, or the numbered parts of a ``--batch`` xAPI export."""
    if fmt is Format.XAPI:
        return _write_xapi(store, path, options, now, key, sections, counter, settings)
    return [_write_table(store, path, fmt, options, tz, now, key, sections, context, counter)]


def _write_table(store: ProgressStore, path: Path, fmt: Format, options: ExportOptions,
                 tz: tzinfo | None, now: datetime, key: bytes, sections: list[Section],
                 context: Callable[[Section], RowContext], counter: _Counter) -> WrittenFile:
    columns = COLUMNS[options.scope]
    if fmt is Format.CSV and options.scope is Scope.DETAIL:
        from dxlearn.export.detail_csv import DetailLines, write_detail_csv
        from dxlearn.store.export_queries import export_feed

        def chunks() -> Iterator[list[str]]:
            for section in sections:
                lines = DetailLines(context(section), options.encoding, tz)
                feed = export_feed(store, section.library.id, options.learners)
                for learner, lessons in counter.each(feed):
                    yield lines.lines(learner, lessons)

        return write_detail_csv(path, chunks(), header=options.header,
                                encoding=options.encoding, key=key)
    bools = vocabulary(options.header).bools

    def rows() -> Iterator[tuple[object, ...]]:
        for section in sections:
            ctx = context(section)
            builder = (RowBuilder(ctx, cell_format_for(columns, options.encoding, tz, bools))
                       if fmt is Format.CSV else RowBuilder(ctx))
            items = counter.each(store.learner_progress(section.library.id, options.learners))
            if options.scope is Scope.DETAIL:
                yield from detail_rows(items, builder)
            else:
                yield from summary_rows(items, builder)

    if fmt is Format.XLSX:
        from dxlearn.export.xlsx_writer import write_xlsx

        return write_xlsx(path, SHEET_NAMES[options.header][options.scope], columns, rows(),
                          header=options.header, tz=tz, key=key, bools=bools,
                          zone=zone_label(tz, now), stamp=now)
    return write_csv(path, columns, rows(), header=options.header, encoding=options.encoding,
                     tz=tz, key=key, preformatted=True)


def _write_xapi(store: ProgressStore, path: Path, options: ExportOptions, now: datetime,
                key: bytes, sections: list[Section], counter: _Counter,
                settings: ExportSettings) -> list[WrittenFile]:
    """One statement array (or ``--batch`` numbered parts) over every library. The xAPI
    writers take one builder and one attempt table and consume the learners one at a time:
    both are moved to the library of the learner about to be written (``RowBuilder.use``;
    the table refilled in place). Statement times are UTC whatever the zone (``xapi.py``)."""
    from dxlearn.export.xapi import AttemptKey, group_attempts, write_xapi, write_xapi_batches
    from dxlearn.store.export_queries import FinishedAttemptRow, finished_attempts

    def context(library: Library) -> RowContext:
        return RowContext(library, settings.device, now, __version__)

    builder = RowBuilder(context(sections[0].library if sections else missing_library("", "")))
    attempts: dict[AttemptKey, list[FinishedAttemptRow]] = {}

    def items() -> Iterator[LearnerProgress]:
        for section in sections:
            builder.use(context(section.library))
            attempts.clear()
            attempts.update(group_attempts(finished_attempts(store, section.library.id,
                                                             options.learners)))
            yield from counter.each(store.learner_progress(section.library.id,
                                                           options.learners))

    # a server database has no id yet: its address tells it from another one
    database = store.database_id() or store.where
    if options.batch is not None:
        return write_xapi_batches(path, items(), builder, attempts, batch=options.batch,
                                  home_page=settings.organisation_url, database_id=database,
                                  key=key)
    return [write_xapi(path, items(), builder, attempts, home_page=settings.organisation_url,
                       database_id=database, key=key)]
