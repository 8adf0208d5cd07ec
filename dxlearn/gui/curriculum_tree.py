"""The learner's curriculum as chapters and lessons with their status.

The tree shows what it is given (lessons, statuses); it decides nothing. A click or Enter on a
lesson emits ``lesson_activated(lesson_id)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from dxlearn.content.model import Lesson, Library
from dxlearn.learning.status import Status

from .style import Theme

LESSON_ID_ROLE = Qt.ItemDataRole.UserRole


class CurriculumTree(QTreeWidget):
    lesson_activated = Signal(str)

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setObjectName("curriculum-tree")
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("レッスン"), self.tr("状況"), self.tr("目安")])
        self.setAccessibleName(self.tr("カリキュラム"))
        self.setAccessibleDescription(
            self.tr("章とレッスンの一覧です。Enter キーでレッスンを開きます。"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._on_item_activated)
        self.itemActivated.connect(self._on_item_activated)
        self._items: dict[str, QTreeWidgetItem] = {}

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        lesson_id = item.data(0, LESSON_ID_ROLE)
        if lesson_id:
            self.lesson_activated.emit(lesson_id)

    def populate(
        self,
        library: Library,
        lessons: Sequence[Lesson],
        statuses: Mapping[str, Status],
        theme: Theme,
        highlight: str | None,
    ) -> None:
        """Show ``lessons`` grouped by chapter, keeping the library's order."""
        current = self.current_lesson_id()
        self.clear()
        self._items.clear()
        wanted = {lesson.id for lesson in lessons}
        labels = {
            Status.COMPLETED: (self.tr("修了"), theme.done),
            Status.IN_PROGRESS: (self.tr("学習中"), theme.doing),
            Status.NOT_STARTED: (self.tr("未着手"), theme.todo),
        }
        groups: list[tuple[str | None, tuple[Lesson, ...]]] = [(None, library.loose_lessons)]
        groups += [(chapter.title, chapter.lessons) for chapter in library.chapters]
        for title, group in groups:
            shown = [lesson for lesson in group if lesson.id in wanted]
            if not shown:
                continue
            parent: QTreeWidgetItem | None = None
            if title is not None:
                done = sum(1 for lesson in shown if statuses.get(lesson.id) is Status.COMPLETED)
                parent = QTreeWidgetItem(self, [title, f"{done} / {len(shown)}", ""])
                bold = QFont(parent.font(0))
                bold.setBold(True)
                parent.setFont(0, bold)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                parent.setExpanded(True)
            for lesson in shown:
                self._add_lesson(parent, lesson, statuses, labels, theme, highlight)
        self.expandAll()
        target = highlight if current is None else current
        if target in self._items:
            self.setCurrentItem(self._items[target])

    def _add_lesson(
        self,
        parent: QTreeWidgetItem | None,
        lesson: Lesson,
        statuses: Mapping[str, Status],
        labels: Mapping[Status, tuple[str, str]],
        theme: Theme,
        highlight: str | None,
    ) -> None:
        status = statuses.get(lesson.id, Status.NOT_STARTED)
        mark = "" if lesson.required else self.tr("（任意）")
        minutes = self.tr("{0}分").format(lesson.minutes) if lesson.minutes else ""
        label, colour = labels[status]
        title = f"{lesson.title}{mark}"
        if lesson.broken:
            label = self.tr("準備中")
        item = (QTreeWidgetItem(parent, [title, label, minutes]) if parent is not None
                else QTreeWidgetItem(self, [title, label, minutes]))
        item.setData(0, LESSON_ID_ROLE, lesson.id)
        item.setForeground(1, QBrush(QColor(colour)))
        tip = [lesson.title]
        if lesson.broken:
            item.setForeground(0, QBrush(QColor(theme.border)))
            item.setForeground(1, QBrush(QColor(theme.border)))
            tip.append(self.tr("このレッスンには問題があるため、学習できません。"))
        item.setToolTip(0, "\n".join(tip))
        if lesson.id == highlight:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setText(0, self.tr("▶ ") + title)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title} {label} {minutes}")
        self._items[lesson.id] = item

    def current_lesson_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, LESSON_ID_ROLE) if item is not None else None

    def select_lesson(self, lesson_id: str) -> None:
        item = self._items.get(lesson_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def lesson_ids(self) -> list[str]:
        return list(self._items)
