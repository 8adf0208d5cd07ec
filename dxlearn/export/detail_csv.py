"""The detail CSV's fast path: ``export_feed`` tuples -> CSV text lines, no row tuples.

Produces exactly the bytes ``write_csv`` writes for ``detail_rows`` (``tests/export`` compares
the two): the cells are formatted by the same :func:`segment_formatter`, and quoted by
``csv.writer`` itself. What makes it fast is where the work happens:

- the learner's four cells are formatted and quoted once per learner, each lesson's cells
  (with the export-wide tail) once per export, and a lesson without a record is one
  precomputed line;
- the cells that differ per record (numbers, ``true``/``false``, a status word, two times)
  never need quoting or formula neutralisation, so they are joined directly; the times go
  through :class:`LocalTimes` (per-minute offset cache) from the text SQLite stores;
- lines are encoded and written in chunks; when a chunk cannot be encoded (CP932), it is
  parsed back with ``csv.reader`` to name the row and column, as ``write_csv`` does.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from dxlearn.export.columns import DETAIL_COLUMNS
from dxlearn.export.csv_writer import BOM, WrittenFile, _codec, _locate
from dxlearn.export.formatting import LocalTimes, segment_formatter
from dxlearn.export.rows import RowContext
from dxlearn.files.atomic import AtomicFile
from dxlearn.learning.status import Status
from dxlearn.store.export_queries import FeedLearner, FeedLesson

logger = logging.getLogger(__name__)

CHUNK_ROWS = 2000
Feed = Iterable[tuple[FeedLearner, dict[str, FeedLesson]]]


def csv_join(cells: tuple[str, ...]) -> str:
    """The cells as ``csv.writer`` writes them inside a row (quoted where needed), without
    the line end. A trailing empty cell keeps a lone empty cell from being written ``""``."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow((*cells, ""))
    return buffer.getvalue()[:-2]


@dataclass(frozen=True, slots=True)
class _Lesson:
    lesson_id: str
    version: int
    has_quiz: bool
    lead: str  # "," + library_id .. lesson_title + ","
    after_version: str  # "," + required + ","
    pass_score: str  # formatted pass score ("" without a quiz)
    untouched: str  # the whole rest of the line (from the ",") for a lesson without a record


class DetailLines:
    """Builds the CSV lines of one learner (see the module docstring)."""

    def __init__(self, context: RowContext, encoding: str, tz: tzinfo | None) -> None:
        self.context = context
        self.fmt = segment_formatter(DETAIL_COLUMNS, tz, cp932=_codec(encoding) == "cp932")
        self.times = LocalTimes(tz)
        ctx = context
        self.tail = "," + csv_join(self.fmt(18, (ctx.device, ctx.exported_at,
                                                 ctx.app_version))) + "\r\n"
        self._curricula: dict[str, list[_Lesson]] = {}

    def curriculum(self, role: str) -> list[_Lesson]:
        found = self._curricula.get(role)
        if found is None:
            fmt = self.fmt
            library = self.context.library
            found = []
            for lesson in library.curriculum(role):
                pass_score = lesson.quiz.pass_score if lesson.quiz is not None else None
                head = csv_join(fmt(4, (library.id, library.version, lesson.id, lesson.title)))
                untouched = csv_join(fmt(8, (lesson.version, lesson.required,
                                             Status.NOT_STARTED.value, None, pass_score, None,
                                             0, None, None, 0)))
                found.append(_Lesson(
                    lesson.id, lesson.version, lesson.quiz is not None, "," + head + ",",
                    "," + fmt(9, (lesson.required,))[0] + ",", fmt(12, (pass_score,))[0],
                    "," + head + "," + untouched + self.tail))
            self._curricula[role] = found
        return found

    def lines(self, learner: FeedLearner, lessons: dict[str, FeedLesson]) -> list[str]:
        who = csv_join(self.fmt(0, learner))
        tail = self.tail
        times = self.times
        out = []
        for facts in self.curriculum(learner[3]):
            record = lessons.get(facts.lesson_id)
            if record is None:
                out.append(who + facts.untouched)
                continue
            (_version, completed, completed_version, seconds, attempts, best, passed, started,
             status) = record
            if completed is None or not completed_version:
                completed_version = facts.version
            if facts.has_quiz and best is not None:
                score = str(best)
                verdict = "" if passed is None else ("true" if passed else "false")
            else:
                score = verdict = ""
            out.append(f"{who}{facts.lead}{completed_version}{facts.after_version}{status},"
                       f"{score},{facts.pass_score},{verdict},{attempts},{times(started)},"
                       f"{times(completed)},{seconds}{tail}")
        return out


def write_detail_csv(
    path: Path,
    context: RowContext,
    feed: Feed,
    *,
    header: str = "en",
    encoding: str = "utf-8-sig",
    tz: tzinfo | None = None,
    key: bytes = b"",
    check: Callable[[], None] | None = None,
) -> WrittenFile:
    """Write the detail export of ``feed`` to ``path`` atomically (see ``write_csv``)."""
    codec = _codec(encoding)
    builder = DetailLines(context, encoding, tz)
    columns = DETAIL_COLUMNS
    count = 0
    atomic = AtomicFile(path, key)
    with atomic:
        if encoding == "utf-8-sig":
            atomic.write(BOM)
        pending: list[str] = [csv_join(tuple(c.header(header) for c in columns)) + "\r\n"]
        first = 0  # the row number of pending[0] (0: the header)

        def flush() -> None:
            nonlocal first
            text = "".join(pending)
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:
                cells = list(csv.reader(io.StringIO(text, newline="")))
                if first == 0:
                    cells, start = cells[1:], 1
                else:
                    start = first
                raise _locate([tuple(c) for c in cells], start, columns, header, codec,
                              encoding) from None
            atomic.write(data)
            first += len(pending)
            pending.clear()

        for learner, lessons in feed:
            lines = builder.lines(learner, lessons)
            pending.extend(lines)
            count += len(lines)
            if len(pending) >= CHUNK_ROWS:
                flush()
                if check is not None:
                    check()
        flush()
    logger.info("wrote %s: %d rows, %s (detail)", path, count, encoding)
    return WrittenFile(path, count, atomic.sha256, atomic.hmac_sha256)
