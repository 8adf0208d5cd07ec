"""An export written in an HR import profile's layout (``export_completion`` with
``ExportOptions(profile=...)``; a merge in one is ``hr.merge``, which uses the same writer).

The rows are the standard ones: the detail rows (``rows = "lesson"``) or the summary rows
(``"library"``, and ``"learner"`` rolled up from them) of ``export.rows``, always in English
words (status keys, role keys), which the profile's label maps turn into the system's words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from dxlearn.export.columns import DETAIL_COLUMNS, SUMMARY_COLUMNS
from dxlearn.export.csv_writer import WrittenFile
from dxlearn.export.errors import ExportError
from dxlearn.export.profile import Profile, check_available
from dxlearn.export.profile_fields import EXPORT, Row, rows_from
from dxlearn.export.profile_write import profile_rows_of, write_profile
from dxlearn.export.rows import RowBuilder, RowContext, detail_rows, summary_rows

if TYPE_CHECKING:
    from dxlearn.export.api import ExportOptions, Format, Section
    from dxlearn.store.records import LearnerProgress
    from dxlearn.store.repository import ProgressStore

REFUSED_SUFFIXES = (".xlsx", ".json")  # a profile writes delimited text


def check_profile_target(path: Path, options: ExportOptions) -> Format:
    """A profile writes delimited text: an .xlsx or .json name, or a format named besides
    the profile, is refused (the file would not be what its name says)."""
    from dxlearn.export.api import Format

    if options.format is not None and options.format is not Format.CSV:
        raise ExportError("profile.format_given", format=options.format.value)
    if path.suffix.lower() in REFUSED_SUFFIXES:
        raise ExportError("profile.suffix", file=path.name, suffix=path.suffix)
    assert options.profile is not None
    check_available(options.profile, EXPORT)
    return Format.CSV


def write_profile_export(store: ProgressStore, path: Path, profile: Profile,
                         learners: Sequence[str] | None, tz: tzinfo | None, key: bytes,
                         sections: Sequence[Section],
                         context: Callable[[Section], RowContext],
                         each: Callable[[Iterable[LearnerProgress]], Iterator[LearnerProgress]]
                         ) -> WrittenFile:
    """The export's rows of every section in the profile's layout (``each`` counts the
    learners for the progress callback, which may cancel)."""
    from dataclasses import replace

    from dxlearn.export.vocabulary import ENGLISH

    def rows() -> Iterator[Row]:
        for section in sections:
            # English words whatever the header: the profile's maps give the system's words
            builder = RowBuilder(replace(context(section), words=ENGLISH))
            items = each(store.learner_progress(section.library.id, learners))
            if profile.rows == "lesson":
                yield from rows_from((c.key for c in DETAIL_COLUMNS),
                                     detail_rows(items, builder))
            else:
                yield from rows_from((c.key for c in SUMMARY_COLUMNS),
                                     summary_rows(items, builder))

    return write_profile(path, profile, profile_rows_of(profile, rows()), tz=tz, key=key)

