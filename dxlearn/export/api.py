"""``export_completion``: the one call the CLI and the GUI use to write an HR export.

    result = export_completion(store, library, path, ExportOptions(scope=Scope.DETAIL),
                               settings, progress=lambda done, total: True)

The store is only read (the CLI opens it read-only, so a running app is never blocked).
``progress(done, total)`` is called per learner; returning False cancels the export and
nothing is left on disk. Every export writes ``FILE.sig.json`` beside the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from dxlearn import __version__
from dxlearn.content.model import Library
from dxlearn.export.columns import COLUMNS, Scope
from dxlearn.export.csv_writer import ENCODINGS, WrittenFile, cell_format_for, write_csv
from dxlearn.export.errors import ExportCancelled, ExportError
from dxlearn.export.formatting import iso_local
from dxlearn.export.rows import RowBuilder, RowContext, detail_rows, summary_rows
from dxlearn.export.settings import ExportSettings
from dxlearn.integrity.signature import Signature, sidecar_path, write_sidecar
from dxlearn.store.export_queries import FeedLearner, FeedLesson
from dxlearn.store.records import LearnerProgress
from dxlearn.store.repository import ProgressStore

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], bool | None]
T = TypeVar("T")


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    XAPI = "xapi"


SUFFIXES = {".csv": Format.CSV, ".xlsx": Format.XLSX, ".json": Format.XAPI}


def format_for(path: Path, explicit: str | None = None) -> Format:
    if explicit:
        return Format(explicit)
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise ExportError(f"{path.name}: cannot tell the format from the suffix "
                          f"'{path.suffix}'; use .csv, .xlsx or .json, or pass --format")
    return found


@dataclass(frozen=True, slots=True)
class ExportOptions:
    scope: Scope = Scope.SUMMARY
    format: Format | None = None  # None: from the file suffix
    encoding: str = "utf-8-sig"  # CSV only
    header: str = "en"  # "en" or "ja"
    learners: tuple[str, ...] | None = None  # staff_ids; None: everyone
    tz: tzinfo | None = None  # None: this PC's local time zone
    now: datetime | None = None  # the exported_at time; None: the clock (tests pin it)
    batch: int | None = None  # xAPI only: numbered files of at most this many statements


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    sig_path: Path
    rows: int
    sha256: str
    signed: bool
    format: Format
    exported_at: str
    warnings: tuple[str, ...] = field(default=())
    parts: tuple[Path, ...] = ()  # xAPI --batch: every file written (``path`` is the first)


def _check_options(options: ExportOptions) -> None:
    if options.encoding not in ENCODINGS:
        raise ExportError(f"unknown encoding {options.encoding!r}; use utf-8-sig or cp932")
    if options.header not in ("en", "ja"):
        raise ExportError(f"unknown header language {options.header!r}; use en or ja")


def _check_learners(store: ProgressStore, options: ExportOptions) -> None:
    wanted = options.learners
    if wanted is not None:
        missing = [s for s in dict.fromkeys(wanted) if store.get_learner(s) is None]
        if missing:
            raise ExportError(f"no learner with staff_id {', '.join(missing)} in {store.where}; "
                              "check the number (leading zeros count)")


def _reporting(store: ProgressStore, items: Iterable[T], options: ExportOptions,
               progress: Progress | None) -> Iterator[T]:
    """``items`` (one per learner), calling ``progress`` after each; False cancels."""
    from dxlearn.store.export_queries import learner_count

    if progress is None:
        yield from items
        return
    total = learner_count(store, options.learners)
    for done, item in enumerate(items, start=1):
        yield item
        if progress(done, total) is False:
            raise ExportCancelled("export cancelled")


def _learners(store: ProgressStore, library: Library, options: ExportOptions,
              progress: Progress | None) -> Iterator[LearnerProgress]:
    _check_learners(store, options)
    yield from _reporting(store, store.learner_progress(library.id, options.learners), options,
                          progress)


def _detail_feed(store: ProgressStore, library: Library, options: ExportOptions,
                 progress: Progress | None) -> Iterator[tuple[FeedLearner, dict[str, FeedLesson]]]:
    from dxlearn.store.export_queries import export_feed

    _check_learners(store, options)
    yield from _reporting(store, export_feed(store, library.id, options.learners), options,
                          progress)


def export_completion(
    store: ProgressStore,
    library: Library,
    path: str | Path,
    options: ExportOptions | None = None,
    settings: ExportSettings | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the export and its signature sidecar; raises ExportError (nothing left behind)."""
    options = options or ExportOptions()
    settings = settings or ExportSettings()
    path = Path(path)
    _check_options(options)
    fmt = format_for(path, options.format)
    if options.batch is not None and fmt is not Format.XAPI:
        from dxlearn.export.xapi import XapiError

        raise XapiError("xapi.batch_needs_xapi")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it or choose another")
    now = (options.now or datetime.now(UTC)).replace(microsecond=0)
    context = RowContext(library, settings.device, now, __version__)
    items = _learners(store, library, options, progress)
    columns = COLUMNS[options.scope]
    key = settings.key
    written: WrittenFile
    parts: list[WrittenFile] = []
    try:
        if fmt is Format.XAPI:
            from dxlearn.export.xapi import group_attempts, write_xapi, write_xapi_batches
            from dxlearn.store.export_queries import finished_attempts

            builder = RowBuilder(context)
            attempts = group_attempts(finished_attempts(store, library.id, options.learners))
            # a server database has no id yet: its address tells it from another one
            database = store.database_id() or store.where
            if options.batch is not None:
                parts = write_xapi_batches(path, items, builder, attempts, batch=options.batch,
                                           home_page=settings.organisation_url,
                                           database_id=database, key=key)
                written = parts[0]
            else:
                written = write_xapi(path, items, builder, attempts,
                                     home_page=settings.organisation_url, database_id=database,
                                     key=key)
        elif fmt is Format.CSV and options.scope is Scope.DETAIL:
            from dxlearn.export.detail_csv import write_detail_csv

            written = write_detail_csv(
                path, context, _detail_feed(store, library, options, progress),
                header=options.header, encoding=options.encoding, tz=options.tz, key=key)
        else:
            csv_out = fmt is Format.CSV
            builder = RowBuilder(context, cell_format_for(columns, options.encoding, options.tz)
                                 ) if csv_out else RowBuilder(context)
            rows = (detail_rows(items, builder) if options.scope is Scope.DETAIL
                    else summary_rows(items, builder))
            if fmt is Format.XLSX:
                from dxlearn.export.xlsx_writer import write_xlsx

                written = write_xlsx(path, options.scope.value, columns, rows,
                                     header=options.header, tz=options.tz, key=key)
            else:
                written = write_csv(path, columns, rows, header=options.header,
                                    encoding=options.encoding, tz=options.tz, key=key,
                                    preformatted=True)
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror or error}); check the folder "
                          "is writable and the disk has space") from error
    exported_at = iso_local(now, options.tz)
    sigs = []
    for part in parts or [written]:  # each xAPI part has its own sidecar
        signature = Signature(
            file=part.path.name, sha256=part.sha256, rows=part.rows, created_at=exported_at,
            device=settings.device, app_version=__version__,
            key_id=(settings.key_id or "default") if key else "",
            hmac_sha256=part.hmac_sha256, database_id=store.database_id(),
        )
        try:
            sigs.append(write_sidecar(part.path, signature))
        except OSError as error:
            raise ExportError(f"{sidecar_path(part.path)}: cannot write the signature "
                              f"({error.strerror or error})") from error
    total = sum(part.rows for part in parts) if parts else written.rows
    logger.info("export %s (%s, %s): %d rows in %d file(s), signed=%s", path, fmt.value,
                options.scope.value, total, len(sigs), bool(key))
    return ExportResult(written.path, sigs[0], total, written.sha256, bool(key), fmt,
                        exported_at, parts=tuple(part.path for part in parts))
