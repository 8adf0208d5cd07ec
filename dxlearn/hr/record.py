"""One detail row as ``hr merge`` holds it (:class:`Record`), and the parts rows share.

A merge keeps one record per PC and lesson: millions of them for a large organisation. So a
record holds only what differs per row; the learner (``who``), the lesson (``lesson``) and the
input (``src``) are tuples and objects shared by every row of a file (:class:`Shared`), and
the contract's columns read through properties.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class Origin:
    """What the records of one input share: the PC, the export time, the file."""

    device: str
    exported_at: datetime | None
    source: int = 0  # index of the input file
    origin: str = ""  # the exporting database (sidecar database_id); "" = unknown


Who = tuple[str, str, str, str]  # staff_id, name, department, role
# library_id, library_version, lesson_id, lesson_title, lesson_version, required, pass_score
LessonKey = tuple[str, str, str, str, "int | None", "bool | None", "int | None"]


@dataclass(slots=True)
class Record:
    """One detail row as read back (keys as in the contract, times aware).

    Held compactly: a merge keeps one per PC and lesson (millions of them), so what rows
    share is held once and referenced: the learner (``who``), the lesson (``lesson``) and
    the input (``src``). The attributes of the contract's columns read through.
    A record is also its own :class:`combine.Combined` view when only one PC holds it."""

    who: Who
    lesson: LessonKey
    src: Origin
    status: str
    score: int | None
    passed: bool | None
    attempts: int
    started_at: datetime | None
    completed_at: datetime | None
    study_seconds: int

    @property
    def staff_id(self) -> str:
        return self.who[0]

    @property
    def name(self) -> str:
        return self.who[1]

    @property
    def department(self) -> str:
        return self.who[2]

    @property
    def role(self) -> str:
        return self.who[3]

    @property
    def library_id(self) -> str:
        return self.lesson[0]

    @property
    def library_version(self) -> str:
        return self.lesson[1]

    @property
    def lesson_id(self) -> str:
        return self.lesson[2]

    @property
    def lesson_title(self) -> str:
        return self.lesson[3]

    @property
    def lesson_version(self) -> int | None:
        return self.lesson[4]

    @property
    def required(self) -> bool | None:
        return self.lesson[5]

    @property
    def pass_score(self) -> int | None:
        return self.lesson[6]

    @property
    def device(self) -> str:
        return self.src.device

    @property
    def exported_at(self) -> datetime | None:
        return self.src.exported_at

    @property
    def source(self) -> int:
        return self.src.source

    @property
    def origin(self) -> str:
        return self.src.origin

    # -- the Combined view of a record that only one PC holds -----------------------------------

    @property
    def record(self) -> Record:
        return self

    @property
    def devices(self) -> tuple[str, ...]:
        return (self.src.device,)

    @property
    def sources(self) -> tuple[int, ...]:
        return (self.src.source,)


class Shared:
    """The learners, lessons and inputs of one file, each held once (see :class:`Record`)."""

    def __init__(self) -> None:
        self.who: dict[Who, Who] = {}
        self.lessons: dict[LessonKey, LessonKey] = {}
        self.origins: dict[tuple[str, datetime | None], Origin] = {}

    def person(self, who: Who) -> Who:
        found = self.who.get(who)
        if found is None:
            intern = sys.intern
            found = self.who[who] = (intern(who[0]), intern(who[1]), intern(who[2]),
                                     intern(who[3]))
        return found

    def lesson(self, key: LessonKey) -> LessonKey:
        found = self.lessons.get(key)
        if found is None:
            intern = sys.intern
            found = self.lessons[key] = (intern(key[0]), intern(key[1]), intern(key[2]),
                                         intern(key[3]), key[4], key[5], key[6])
        return found

    def origin(self, device: str, exported_at: datetime | None, source: int) -> Origin:
        key = (device, exported_at)
        found = self.origins.get(key)
        if found is None:
            found = self.origins[key] = Origin(sys.intern(device), exported_at, source)
        return found
