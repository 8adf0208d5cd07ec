"""The ``hr merge`` report's rows: per-learner summary, detail, rates, inputs.

XLSX sheets: per-learner summary (one row per learner and library); staff not on the roster
(with a roster); detail (continued on numbered sheets past Excel's row limit); completion
rate per department and per role, each with a bar chart; inputs and verdicts. The CSV report
is the per-learner summary alone (roster members first, then the others with ``on_roster``
false). The writers are in ``report_write``.

Values follow the report's header language: with ``--header ja`` the statuses are 修了/学習中/
未着手, the roles their labels, yes/no はい/いいえ and the flags and verdicts Japanese words.
The summary rows are built when the report is built; the detail rows (one per learner and
lesson: the bulk) are made again while the detail sheet is written, so they are never all
held at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from dxlearn.export.columns import Kind, columns_of
from dxlearn.export.vocabulary import Vocabulary, vocabulary
from dxlearn.hr.combine import Held, LessonInfo, MergedLearner
from dxlearn.hr.items import ItemAnalysis
from dxlearn.hr.model import UNREADABLE, InputInfo, MergeOptions, verdict_label
from dxlearn.hr.roster import Roster
from dxlearn.learning.status import Status, roll_up
from dxlearn.messages import Message, text

T, N, B, D = Kind.TEXT, Kind.INT, Kind.BOOL, Kind.DATETIME

SUMMARY = columns_of(
    ("staff_id", "職員番号", T), ("name", "氏名", T), ("department", "所属", T),
    ("role", "役割", T), ("library_id", "教材ID", T), ("library_version", "教材版", T),
    ("required_total", "必須数", N), ("required_completed", "必須修了数", N),
    ("status", "状況", T), ("completed_at", "修了日時", D), ("study_seconds", "学習秒数", N),
    ("devices", "端末", T), ("last_exported_at", "最終出力日時", D), ("on_roster", "名簿", B),
    ("flags", "注意", T),
)
DETAIL = columns_of(
    ("staff_id", "職員番号", T), ("name", "氏名", T), ("department", "所属", T),
    ("role", "役割", T), ("library_id", "教材ID", T), ("library_version", "教材版", T),
    ("lesson_id", "レッスンID", T), ("lesson_title", "レッスン名", T),
    ("lesson_version", "レッスン版", N), ("required", "必須", B), ("status", "状況", T),
    ("score", "得点", N), ("pass_score", "合格点", N), ("passed", "合否", B),
    ("attempts", "受験回数", N), ("started_at", "開始日時", D), ("completed_at", "修了日時", D),
    ("study_seconds", "学習秒数", N), ("devices", "端末", T), ("flags", "注意", T),
)
RATES = columns_of(
    ("group", "区分", T), ("learners", "対象者数", N), ("completed", "修了", N),
    ("in_progress", "学習中", N), ("not_started", "未着手", N), ("rate", "修了率", N),
)
INPUTS = columns_of(
    ("file", "ファイル", T), ("verdict", "検証結果", T), ("included", "使用", B),
    ("format", "形式", T), ("encoding", "文字コード", T), ("header", "見出し", T),
    ("rows", "行数", N), ("device", "端末", T), ("exported_at", "出力日時", D),
    ("sha256", "SHA-256", T), ("message", "説明", T),
)
SHEETS = {
    "en": {"summary": "summary", "off": "not_on_roster", "detail": "detail",
           "department": "by_department", "role": "by_role", "inputs": "inputs",
           "items": "items"},
    "ja": {"summary": "受講者別", "off": "名簿外", "detail": "明細", "department": "所属別",
           "role": "役割別", "inputs": "入力ファイル", "items": "設問分析"},
}
# The detail rows' parts (``Report.detail_parts``) as runs of DETAIL's columns: the learner
# (staff_id .. role), the lesson (library_id .. required), the result (status .. attempts);
# started_at, completed_at and study_seconds one by one; then devices and flags. Each column
# holds one type (a bool column never meets an int: 1 == True as a key).
DETAIL_GROUPS = ((0, 4), (4, 10), (10, 15), (18, 20))
STATUSES = {status.value: status for status in Status}

Row = tuple[object, ...]
Curricula = dict[tuple[str, str], dict[str, LessonInfo]]


@dataclass
class Report:
    header: str
    summary: list[Row] = field(default_factory=list)
    off_roster: list[Row] = field(default_factory=list)
    by_department: list[Row] = field(default_factory=list)
    by_role: list[Row] = field(default_factory=list)
    inputs: list[Row] = field(default_factory=list)
    has_roster: bool = False
    items: ItemAnalysis | None = None  # answers exports among the inputs: 設問分析
    detail_count: int = 0
    people: dict[str, MergedLearner] = field(default_factory=dict)
    curricula: Curricula = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    flags_by_source: dict[int, str] = field(default_factory=dict)
    # per learner: their rows left out of an input (``LostRows``)
    unreadable: dict[str, LostRows] = field(default_factory=dict)
    words: Vocabulary = field(default_factory=lambda: vocabulary("en"))
    role_label: dict[str, str] = field(default_factory=dict)
    status_words: dict[str, str] = field(default_factory=dict)  # status key -> its word

    def detail(self) -> Iterator[Row]:
        """The detail rows, learner by learner (made again each time: see the docstring)."""
        for parts in self.detail_parts():
            who, lesson, result, started, completed, seconds, tail = parts
            yield (*who, *lesson, *result, started, completed, seconds, *tail)  # type: ignore[misc]

    def detail_parts(self) -> Iterator[Row]:
        """The detail rows as their parts (``DETAIL_GROUPS``): the learner's tuple (the same
        object on each of their rows), the lesson's, the result's, the two times, the study
        seconds, and the devices with the flags. The XLSX writer encodes each part once per
        distinct value; :meth:`detail` flattens them."""
        for learner in self.people.values():
            yield from _learner_rows(learner, self, detail=True)[1]


_NO_FLAGS: frozenset[str] = frozenset()


def _flags(item: Held | None, flags_by_source: dict[int, str]) -> set[str]:
    if item is None or not flags_by_source:
        return set()
    return {flags_by_source[s] for s in item.sources if s in flags_by_source}


def _learner_rows(learner: MergedLearner, report: Report, *, detail: bool
                  ) -> tuple[list[Row], list[Row], list[str], int]:
    """(summary rows, the status key of each summary row) or, with ``detail``, the detail
    rows as their parts alone (see ``Report.detail_parts``), and how many detail rows there
    are: (summary, detail, statuses, count)."""
    curricula = report.curricula
    versions = report.versions
    words = report.words
    libraries = sorted({lib for (lib, role) in curricula if role == learner.role}
                       | {lib for (lib, _lesson) in learner.lessons})
    role = report.role_label.get(learner.role, learner.role)
    who = (learner.staff_id, learner.name, learner.department, role)
    summary: list[Row] = []
    rows: list[Row] = []
    statuses: list[str] = []
    count = 0
    not_started = words.status(Status.NOT_STARTED.value)
    status_word = report.status_words
    flagged = bool(report.flags_by_source)
    lost = report.unreadable.get(learner.staff_id)  # rows of theirs left out of an input
    if lost is not None:  # a library only a row left out names is a (flagged) row too
        libraries = sorted(set(libraries) | lost.libraries)
    for library_id in libraries:
        lessons = dict(curricula.get((library_id, learner.role), {}))
        for (lib, lesson_id), item in learner.lessons.items():
            if lib == library_id and lesson_id not in lessons:
                record = item.record
                lessons[lesson_id] = LessonInfo(lesson_id, record.lesson_title,
                                                bool(record.required), record.pass_score,
                                                record.lesson_version)
        seconds = 0
        devices: set[str] = set()
        # a row left out may belong to this library (even to a lesson no other row names)
        flags: set[str] = {UNREADABLE} if lost is not None and lost.library(library_id) else set()
        entries: list[tuple[bool, Status, datetime | None]] = []
        count += len(lessons)
        version = versions.get(library_id, "")
        for info in lessons.values():
            found = learner.lessons.get((library_id, info.lesson_id))
            missed = lost is not None and lost.lesson(library_id, info.lesson_id)
            if found is None:
                if detail:
                    rows.append((who, (library_id, version, info.lesson_id, info.title,
                                       info.lesson_version, info.required),
                                 (not_started, None, info.pass_score, None, 0),
                                 None, None, 0,
                                 ("", _flag_text({UNREADABLE}, report) if missed else "")))
                    continue
                entries.append((info.required, Status.NOT_STARTED, None))
                continue
            item = found
            flag = _flags(item, report.flags_by_source) if flagged else _NO_FLAGS
            if missed:
                flag = flag | {UNREADABLE}
            record = item.record
            required = bool(record.required) if record.required is not None else info.required
            if detail:  # the detail row alone: the summary was made with the report
                lesson = record.lesson  # library_id, library_version, lesson_id, title, ...
                rows.append((who, (library_id, lesson[1], info.lesson_id,
                                   lesson[3] or info.title, lesson[4], required),
                             (status_word[record.status], record.score, lesson[6],
                              record.passed, item.attempts),
                             item.started_at, record.completed_at, item.study_seconds,
                             (record.src.device if item is record else " ".join(item.devices),
                              _flag_text(flag, report) if flag else "")))
                continue
            flags |= flag
            entries.append((required, STATUSES[record.status], record.completed_at))
            seconds += item.study_seconds
            devices.update(d for d in item.devices if d)
        if detail:
            continue
        # the one roll-up (learning.status): a learner with no required lesson is never
        # reported completed
        summed = roll_up(entries)
        statuses.append(summed.status.value)
        summary.append((*who, library_id, versions.get(library_id, ""), summed.required_total,
                        summed.required_completed, words.status(summed.status.value),
                        summed.completed_at, seconds, " ".join(sorted(devices)),
                        learner.last_exported_at, learner.on_roster, _flag_text(flags, report)))
    if not libraries and not detail:
        statuses.append(Status.NOT_STARTED.value)
        summary.append((*who, "", "", 0, 0, not_started, None, 0, "", None, learner.on_roster,
                        _flag_text({UNREADABLE}, report) if lost else ""))
    return summary, rows, statuses, count


class LostRows:
    """A learner's rows left out of the inputs, (library_id, lesson_id) each, "" where the
    cell could not be read (it may be any): looked up in constant time, however many."""

    def __init__(self) -> None:
        self.by_library: dict[str, set[str]] = defaultdict(set)

    def add(self, library_id: str, lesson_id: str) -> None:
        self.by_library[library_id].add(lesson_id)

    @property
    def libraries(self) -> set[str]:
        """The libraries the rows name (those whose cell could be read)."""
        return {lib for lib in self.by_library if lib}

    def library(self, library_id: str) -> bool:
        """A row left out may be this library's."""
        return library_id in self.by_library or "" in self.by_library

    def lesson(self, library_id: str, lesson_id: str) -> bool:
        """A row left out may be this lesson's."""
        for key in (library_id, ""):
            lessons = self.by_library.get(key)
            if lessons is not None and (lesson_id in lessons or "" in lessons):
                return True
        return False


def _flag_text(flags: set[str] | frozenset[str], report: Report) -> str:
    if not flags:
        return ""
    return " ".join(sorted(verdict_label(f, report.header) for f in flags))


def _rates(groups: dict[str, list[int]]) -> list[Row]:
    result: list[Row] = []
    for group in sorted(groups):
        completed, in_progress, not_started = groups[group]
        total = completed + in_progress + not_started
        result.append((group, total, completed, in_progress, not_started,
                       round(completed / total, 4) if total else 0.0))
    return result


SLOT = {Status.COMPLETED.value: 0, Status.IN_PROGRESS.value: 1, Status.NOT_STARTED.value: 2}


def _with_lost_learners(people: dict[str, MergedLearner], inputs: list[InputInfo],
                        has_roster: bool) -> dict[str, MergedLearner]:
    """``people`` and, after them, anyone only rows left out of the inputs name (by the
    staff_id, name and department those rows still read): they have no record, and their
    report rows carry the flag, never vanish."""
    lost: dict[str, MergedLearner] = {}
    for info in inputs:
        for staff_id, _library, _lesson, name, department in info.unreadable:
            if staff_id not in people and staff_id not in lost:
                lost[staff_id] = MergedLearner(staff_id, name, department, "",
                                               False if has_roster else None)
    if not lost:
        return people
    return {**people, **{staff_id: lost[staff_id] for staff_id in sorted(lost)}}


def build_report(
    people: dict[str, MergedLearner],
    curricula: Curricula,
    inputs: list[InputInfo],
    options: MergeOptions,
    roster: Roster | None = None,
    roster_messages: list[Message] | None = None,
) -> Report:
    header = options.header
    people = _with_lost_learners(people, inputs, roster is not None)
    report = Report(header, people=people, curricula=curricula,
                    words=vocabulary(header, dict(options.roles.labels)))
    report.status_words = {key: report.words.status(key) for key in STATUSES}
    if header == "ja":
        report.role_label = dict(options.roles.labels)
    report.flags_by_source = {i: info.flag for i, info in enumerate(inputs) if info.flag}
    for info in inputs:
        for staff_id, library_id, lesson_id, _name, _department in info.unreadable:
            lost = report.unreadable.get(staff_id)
            if lost is None:
                lost = report.unreadable[staff_id] = LostRows()
            lost.add(library_id, lesson_id)
    versions = report.versions
    for learner in people.values():
        for (library_id, _lesson), item in learner.lessons.items():
            version = item.record.library_version
            if version > versions.get(library_id, ""):
                versions[library_id] = version
    unset = text("hr.group_unset", header)
    departments: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    roles: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for learner in people.values():
        summary, _detail, statuses, count = _learner_rows(learner, report, detail=False)
        report.detail_count += count
        if learner.on_roster is False:
            report.off_roster.extend(summary)
        else:
            report.summary.extend(summary)
            for row, status in zip(summary, statuses, strict=True):
                departments[str(row[2] or unset)][SLOT[status]] += 1
                roles[str(row[3] or unset)][SLOT[status]] += 1
        report.has_roster = report.has_roster or learner.on_roster is not None
    report.by_department = _rates(departments)
    report.by_role = _rates(roles)
    lang = header
    report.inputs = input_rows(inputs, lang)
    if roster is not None:
        notes = roster_messages or []
        report.inputs.append((str(roster.path), text("hr.label_roster", lang), True,
                              roster.path.suffix.lower().lstrip("."), "", "", len(roster.people),
                              "", None, "", text("hr.join", lang).join(
                                  m.text(lang) for m in notes) or text("hr.roster_ok", lang)))
    return report


def input_rows(inputs: list[InputInfo], lang: str) -> list[Row]:
    """The inputs sheet: each input with its verdict and what was noticed (``INPUTS``)."""
    return [(str(i.path), verdict_label(i.verdict, lang), i.included, i.format, i.encoding,
             i.header, i.rows, i.device, i.exported_at, i.sha256, i.message(lang))
            for i in inputs]
