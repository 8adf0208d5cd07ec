"""The explicit context the windows share: library, store, learner, preferences.

No global singletons: the main window, the pages and the dialogs receive this object. It holds
no Qt state, so it is the seam tests and future CLI tools use to check what the GUI recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxlearn.content.model import Lesson, Library
from dxlearn.export.settings import ExportSettings, settings_for
from dxlearn.learning.profile import Profile
from dxlearn.learning.status import (
    CurriculumProgress,
    HasOutcome,
    curriculum_status,
    next_lesson,
)
from dxlearn.messages import Message
from dxlearn.policy import Policy, PolicyMessage

if TYPE_CHECKING:  # the store's modules load when it opens, after the first paint
    from dxlearn.store.records import Learner, LessonProgress, OpenReport
    from dxlearn.store.repository import ProgressStore

logger = logging.getLogger(__name__)

APP_SCOPE = "app"
LAST_LEARNER_KEY = "last_learner"  # a PC setting (``ProgressStore.pc_setting``)
LEARNERS_HERE_KEY = "learners_here"  # a PC setting: who signed in on this PC (a server)
DEFAULT_FONT_PT = 13
# 表示 > 文字を大きく / 小さく steps through 100, 125, 150, 175 and 200 % of the default size
# (the OS scale factor applies on top: sizes are in points).
ZOOM_PERCENTS = (100, 125, 150, 175, 200)
ZOOM_STEPS = tuple(round(DEFAULT_FONT_PT * percent / 100) for percent in ZOOM_PERCENTS)
MIN_FONT_PT = 10  # a size stored by an earlier version is kept when it is in this range
MAX_FONT_PT = ZOOM_STEPS[-1]


@dataclass
class Preferences:
    font_pt: int = DEFAULT_FONT_PT
    high_contrast: bool = False
    language: str = "ja"
    show_all_lessons: bool = False


@dataclass
class AppContext:
    library: Library
    # None only during the first paint, which shows ``snapshot_outcomes`` (a stdlib read of the
    # same database); the store is opened right after and every action goes through it.
    store: ProgressStore | None
    report: OpenReport | None
    database_path: Path | None
    learner: Profile | None = None  # a Learner once the store is open
    preferences: Preferences = field(default_factory=Preferences)
    lock_profile: bool = False  # policy: staff_id and role fixed after the first registration
    # The organisation policy (dxlearn.policy) and what it set up:
    policy: Policy = field(default_factory=Policy)
    policy_messages: tuple[PolicyMessage, ...] = ()  # the policy's findings, shown at start
    libraries: tuple[Library, ...] = ()  # every loaded library; ``library`` is the one studied
    export_dir: Path | None = None  # policy export_dir: offered first by the export dialog
    roster: tuple[Profile, ...] = ()  # policy roster: staff for the sign-in picker
    data_dir: Path | None = None  # where the database, backups and logs live
    snapshot_outcomes: Mapping[str, HasOutcome] = field(default_factory=dict)
    # the exports' settings from the policy (``export_settings``); made on first use, after the
    # first paint (the PC's host name needs the socket module)
    _export_settings: ExportSettings | None = field(default=None, repr=False)
    # what the learner is told at start besides the policy's findings (e.g. a lesson pack that
    # was not loaded because it would have replaced the organisation's library)
    notices: tuple[Message, ...] = ()

    @property
    def export_settings(self) -> ExportSettings:
        """The policy's organisation, key and time zone for the window's exports: signed with
        the policy's key only, never an environment key."""
        if self._export_settings is None:
            self._export_settings = settings_for(self.policy, environ={})
        return self._export_settings

    # -- preferences ----------------------------------------------------------------------------

    def require_store(self) -> ProgressStore:
        """The open store (operations run only once it is open, after the first paint)."""
        if self.store is None:
            raise RuntimeError("the progress store is not open yet")
        return self.store

    @property
    def read_only(self) -> bool:
        return self.report is None or self.report.read_only

    def preference_scope(self) -> str | None:
        """Where the preferences live: "app" in a per-PC file; on a server the signed-in
        learner's own scope, so they follow the learner (None before anyone signed in)."""
        if self.store is None or not self.store.on_server:
            return APP_SCOPE
        return None if self.learner is None else self.store.preference_scope(
            self.learner.staff_id)

    def load_preferences(self, stored: Mapping[str, Any] | None = None) -> Preferences:
        """From ``stored`` (the first-paint snapshot's settings) or the store."""
        if stored is None:
            assert self.store is not None
            scope = self.preference_scope()
            stored = self.store.settings_for(scope) if scope is not None else {}
        prefs = Preferences()
        font_pt = stored.get("font_pt")
        if isinstance(font_pt, int) and MIN_FONT_PT <= font_pt <= MAX_FONT_PT:
            prefs.font_pt = font_pt
        prefs.high_contrast = bool(stored.get("high_contrast", False))
        language = stored.get("language")
        prefs.language = language if language in ("ja", "en") else "ja"
        prefs.show_all_lessons = bool(stored.get("show_all_lessons", False))
        self.preferences = prefs
        return prefs

    # -- learner --------------------------------------------------------------------------------

    def last_learner(self) -> Learner | None:
        assert self.store is not None
        staff_id = self.store.pc_setting(LAST_LEARNER_KEY)  # this PC's, not the database's
        if isinstance(staff_id, str):
            return self.store.get_learner(staff_id)
        return None

    # -- progress -------------------------------------------------------------------------------

    def progress(self) -> Mapping[str, LessonProgress] | Mapping[str, HasOutcome]:
        if self.learner is None:
            return {}
        if self.store is None:
            return self.snapshot_outcomes
        return self.store.progress_for(self.learner.staff_id, self.library.id)

    def curriculum(self, progress: Mapping[str, HasOutcome]) -> CurriculumProgress:
        assert self.learner is not None
        return curriculum_status(self.library, self.learner.role, progress)

    def next_lesson(self, progress: Mapping[str, HasOutcome]) -> Lesson | None:
        if self.learner is None:
            return None
        return next_lesson(self.library, self.learner.role, progress)

