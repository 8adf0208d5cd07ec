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

The rarer rows take the general formatting: a completion earned on another library version
(its own ``library_version`` cell, cached per lesson and version) and a record outside the
learner's curriculum (``rows.outside_cells``).
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
from dxlearn.store.export_queries import (
    FEED_BEST_SCORE,
    FEED_COMPLETED_AT,
    FEED_COMPLETED_LIBRARY_VERSION,
    FEED_COMPLETED_VERSION,
    FEED_PASSED,
    FEED_STATUS,
    FEED_VERSION,
    FeedLearner,
    FeedLesson,
)

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
    title: str
    version: int
    has_quiz: bool
    lead: str  # "," + library_id .. lesson_title + ","
    after_version: str  # "," + required + ","
    pass_score: str  # formatted pass score ("" without a quiz)
    untouched: str  # the whole rest of the line (from the ",") for a lesson without a record


class DetailLines:
    """Builds the CSV lines of one learner in one library (see the module docstring)."""

    def __init__(self, context: RowContext, encoding: str, tz: tzinfo | None) -> None:
        self.context = context
        words = context.words
        self.fmt = segment_formatter(DETAIL_COLUMNS, tz, cp932=_codec(encoding) == "cp932",
                                     bools=words.bools)
        self.times = LocalTimes(tz)
        self.statuses = {s.value: words.status(s.value) for s in Status}
        yes, no = words.bools
        self.verdicts: dict[object, str] = {None: "", True: yes, False: no}
        ctx = context
        self.tail = "," + csv_join(self.fmt(18, (ctx.device, ctx.exported_at,
                                                 ctx.app_version))) + "\r\n"
        self._curricula: dict[str, tuple[list[_Lesson], frozenset[str]]] = {}
        self._leads: dict[tuple[str, str], str] = {}

    def curriculum(self, role: str) -> tuple[list[_Lesson], frozenset[str]]:
        found = self._curricula.get(role)
        if found is None:
            fmt = self.fmt
            library = self.context.library
            lessons = []
            for lesson in library.curriculum(role):
                pass_score = lesson.quiz.pass_score if lesson.quiz is not None else None
                head = csv_join(fmt(4, (library.id, library.version, lesson.id, lesson.title)))
                untouched = csv_join(fmt(8, (lesson.version, lesson.required,
                                             self.statuses[Status.NOT_STARTED.value], None,
                                             pass_score, None, 0, None, None, 0)))
                lessons.append(_Lesson(
                    lesson.id, lesson.title, lesson.version, lesson.quiz is not None,
                    "," + head + ",", "," + fmt(9, (lesson.required,))[0] + ",",
                    fmt(12, (pass_score,))[0], "," + head + "," + untouched + self.tail))
            found = self._curricula[role] = (lessons, frozenset(x.lesson_id for x in lessons))
        return found

    def lead(self, lesson_id: str, title: str, version: str) -> str:
        """"," + library_id .. lesson_title + "," with the library version ``version``."""
        key = (lesson_id, version)
        found = self._leads.get(key)
        if found is None:
            cells = self.fmt(4, (self.context.library.id, version, lesson_id, title))
            found = self._leads[key] = "," + csv_join(cells) + ","
        return found

    def lines(self, learner: FeedLearner, lessons: dict[str, FeedLesson]) -> list[str]:
        staff_id, name, department, role = learner
        words = self.context.words
        who = csv_join(self.fmt(0, (staff_id, name, department, words.role(role))))
        tail = self.tail
        times = self.times
        statuses = self.statuses
        verdicts = self.verdicts
        current = self.context.library.version
        curriculum, listed = self.curriculum(role)
        out = []
        for facts in curriculum:
            record = lessons.get(facts.lesson_id)
            if record is None:
                out.append(who + facts.untouched)
                continue
            (_version, completed, completed_version, seconds, attempts, best, passed, started,
             status, earned) = record
            lead = facts.lead
            if completed is None or not completed_version:
                completed_version = facts.version
            if completed is not None and earned and earned != current:
                lead = self.lead(facts.lesson_id, facts.title, str(earned))
            if facts.has_quiz and best is not None:
                score = str(best)
                verdict = verdicts[passed]
            else:
                score = verdict = ""
            out.append(f"{who}{lead}{completed_version}{facts.after_version}"
                       f"{statuses[status]},"  # type: ignore[index]
                       f"{score},{facts.pass_score},{verdict},{attempts},{times(started)},"
                       f"{times(completed)},{seconds}{tail}")
        if len(lessons) > len(listed) or not lessons.keys() <= listed:
            out.extend(self._outside(who, lessons, listed))
        return out

    def _outside(self, who: str, lessons: dict[str, FeedLesson], listed: frozenset[str]
                 ) -> list[str]:
        """Lines of the records outside the curriculum (``rows.outside_cells``)."""
        library = self.context.library
        out = []
        for lesson_id in sorted(lessons.keys() - listed):
            record = lessons[lesson_id]
            lesson = library.lesson(lesson_id)
            quiz = lesson.quiz if lesson is not None else None
            completed = record[FEED_COMPLETED_AT]
            earned = record[FEED_COMPLETED_LIBRARY_VERSION]
            version = (record[FEED_COMPLETED_VERSION] if completed is not None
                       and record[FEED_COMPLETED_VERSION] else record[FEED_VERSION])
            best = record[FEED_BEST_SCORE]
            cells = self.fmt(8, (version, None, self.statuses[str(record[FEED_STATUS])],
                                 best, quiz.pass_score if quiz is not None else None,
                                 record[FEED_PASSED] if best is not None else None))
            lead = self.lead(lesson_id, lesson.title if lesson is not None else "",
                             str(earned) if completed is not None and earned else
                             library.version)
            (_v, _c, _cv, seconds, attempts, _b, _p, started, _s, _e) = record
            out.append(f"{who}{lead}{csv_join(cells)},{attempts},{self.times(started)},"
                       f"{self.times(completed)},{seconds}{self.tail}")
        return out


def write_detail_csv(
    path: Path,
    chunks: Iterable[list[str]],
    *,
    header: str = "en",
    encoding: str = "utf-8-sig",
    key: bytes = b"",
    check: Callable[[], None] | None = None,
) -> WrittenFile:
    """Write the lines of ``chunks`` (each a learner's ``DetailLines.lines``) under the
    header row to ``path`` atomically (see ``write_csv``)."""
    codec = _codec(encoding)
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

        for lines in chunks:
            pending.extend(lines)
            count += len(lines)
            if len(pending) >= CHUNK_ROWS:
                flush()
                if check is not None:
                    check()
        flush()
    logger.info("wrote %s: %d rows, %s (detail)", path, count, encoding)
    return WrittenFile(path, count, atomic.sha256, atomic.hmac_sha256)
