"""The learner's curriculum as chapters and lessons with their status.

The tree shows what it is given (lessons, statuses, the learner's role); it decides nothing. A
click or Enter on a lesson emits ``lesson_activated(lesson_id)``.

- 必須 / 任意 / 対象外 are for the learner's role (``learning.status.requirement``): a lesson
  marked required but for another role is 対象外 when "show all" lists it. A chapter row counts
  the lessons required for the role, so the chapters add up to the header's 必須 n / m.
- Long titles wrap in the title column; the full title of the current row is also given to the
  window (``current_title_changed``) to show below the tree, and it is the row's accessible
  text with its status and minutes.
- The tree is rebuilt only when what it shows changed: a rebuild moves the current item, which
  a screen reader would announce.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from dxlearn.content.model import Lesson, Library
from dxlearn.learning.status import Requirement, Status, requirement

from .style import Theme

LESSON_ID_ROLE = Qt.ItemDataRole.UserRole
TEXT_PADDING = 12  # px the item's own padding and the focus frame take from the text width
ROW_PADDING = 14
FULL_TITLE_ROLE = Qt.ItemDataRole.UserRole + 1


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped title at the column's current width (QTreeView itself
    sizes a row for one line, which cuts a wrapped title off). The delegate of the title
    column only: the status and time columns keep Qt's own (a Python ``sizeHint`` for them
    was called ~500 times before the first paint, ~7 ms)."""

    MAX_KEPT = 2000  # wrapped heights kept: (title, width, font)

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree
        # the same title at the same width and font is measured once (a layout asks again
        # and again; wrapping a Japanese title costs ~0.2 ms)
        self._heights: dict[tuple[str, int, str], int] = {}

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = max(self._tree.columnWidth(0) - self._tree.indentation() * (depth + 1)
                    - TEXT_PADDING, 40)
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        key = (str(text), width, font.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= self.MAX_KEPT:
                self._heights.clear()
            rect = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000),
                                                   int(Qt.TextFlag.TextWordWrap), key[0])
            height = self._heights[key] = rect.height()
        return QSize(hint.width(), max(hint.height(), height + ROW_PADDING))


class CurriculumTree(QTreeWidget):
    lesson_activated = Signal(str)
    current_title_changed = Signal(str)  # the full title (and state) of the current row

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
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(False)
        self.setItemDelegateForColumn(0, _WrappingDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # wrapped rows change height with the column width: lay the rows out again
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.doItemsLayout)
        header.sectionResized.connect(lambda *_args: self._relayout.start())
        self.itemClicked.connect(self._on_item_activated)
        self.itemActivated.connect(self._on_item_activated)
        self.currentItemChanged.connect(self._on_current_item_changed)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._shown: tuple[object, ...] | None = None

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        lesson_id = item.data(0, LESSON_ID_ROLE)
        if lesson_id:
            self.lesson_activated.emit(lesson_id)

    def _on_current_item_changed(self, current: QTreeWidgetItem | None,
                                 _previous: QTreeWidgetItem | None) -> None:
        self.current_title_changed.emit(
            current.data(0, FULL_TITLE_ROLE) or "" if current is not None else "")

    def populate(
        self,
        library: Library,
        lessons: Sequence[Lesson],
        statuses: Mapping[str, Status],
        theme: Theme,
        highlight: str | None,
        role: str,
    ) -> None:
        """Show ``lessons`` grouped by chapter, keeping the library's order."""
        signature = (library.id, tuple(lesson.id for lesson in lessons),
                     tuple(sorted((k, str(v)) for k, v in statuses.items())), theme.name,
                     highlight, role, id(library))
        if signature == self._shown:
            return
        self._shown = signature
        current = self.current_lesson_id()
        self.setUpdatesEnabled(False)
        self.clear()
        self._items.clear()
        wanted = {lesson.id for lesson in lessons}
        groups: list[tuple[str | None, tuple[Lesson, ...]]] = [(None, library.loose_lessons)]
        groups += [(chapter.title, chapter.lessons) for chapter in library.chapters]
        for title, group in groups:
            shown = [lesson for lesson in group if lesson.id in wanted]
            if not shown:
                continue
            parent: QTreeWidgetItem | None = None
            if title is not None:
                parent = self._add_chapter(title, shown, statuses, role)
            for lesson in shown:
                self._add_lesson(parent, lesson, statuses, theme, highlight, role)
        # every chapter was expanded as it was added (``_add_chapter``): ``expandAll`` here
        # laid every row out again before the window had its width (35 wrapped titles measured
        # instead of 16 before the first paint)
        target = highlight if current is None else current
        if target in self._items:
            self.setCurrentItem(self._items[target])
        self.setUpdatesEnabled(True)

    def _add_chapter(self, title: str, shown: Sequence[Lesson], statuses: Mapping[str, Status],
                     role: str) -> QTreeWidgetItem:
        required = [lesson for lesson in shown
                    if requirement(lesson, role) is Requirement.REQUIRED]
        done = sum(1 for lesson in required if statuses.get(lesson.id) is Status.COMPLETED)
        if required:
            count = f"{done} / {len(required)}"
            spoken = self.tr("{0}、必須 {1} 件中 {2} 件修了").format(title, len(required), done)
        else:
            count = self.tr("任意")
            spoken = self.tr("{0}、必須のレッスンはありません").format(title)
        parent = QTreeWidgetItem(self, [title, count, ""])
        bold = QFont(parent.font(0))
        bold.setBold(True)
        parent.setFont(0, bold)
        parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
        parent.setExpanded(True)
        parent.setData(0, FULL_TITLE_ROLE, spoken)
        parent.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
        return parent

    def _add_lesson(
        self,
        parent: QTreeWidgetItem | None,
        lesson: Lesson,
        statuses: Mapping[str, Status],
        theme: Theme,
        highlight: str | None,
        role: str,
    ) -> None:
        status = statuses.get(lesson.id, Status.NOT_STARTED)
        labels = {
            Status.COMPLETED: (self.tr("修了"), theme.done),
            Status.IN_PROGRESS: (self.tr("学習中"), theme.doing),
            Status.NOT_STARTED: (self.tr("未着手"), theme.todo),
        }
        need = requirement(lesson, role)
        mark, spoken_need = {
            Requirement.REQUIRED: ("", self.tr("必須")),
            Requirement.OPTIONAL: (self.tr("（任意）"), self.tr("任意")),
            Requirement.NOT_FOR_ROLE: (self.tr("（対象外）"), self.tr("対象外")),
        }[need]
        minutes = self.tr("{0}分").format(lesson.minutes) if lesson.minutes else ""
        label, colour = labels[status]
        title = f"{lesson.title}{mark}"
        if lesson.broken:
            label, colour = self.tr("準備中"), theme.disabled_text
        shown = self.tr("▶ ") + title if lesson.id == highlight else title
        item = (QTreeWidgetItem(parent, [shown, label, minutes]) if parent is not None
                else QTreeWidgetItem(self, [shown, label, minutes]))
        item.setData(0, LESSON_ID_ROLE, lesson.id)
        # a QColor, not a QBrush: making a QBrush here created 7 PySide enums (~2.5 ms)
        item.setForeground(1, QColor(colour))
        tip = [lesson.title]
        if lesson.broken:
            item.setForeground(0, QColor(theme.disabled_text))
            tip.append(self.tr("このレッスンには問題があるため、学習できません。"))
        item.setToolTip(0, "\n".join(tip))
        if lesson.id == highlight:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        full = "　".join(part for part in (
            lesson.title, spoken_need, label, minutes,
            self.tr("次に学習するレッスン") if lesson.id == highlight else "") if part)
        item.setData(0, FULL_TITLE_ROLE, full)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, full)
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

    def item_for(self, lesson_id: str) -> QTreeWidgetItem | None:
        return self._items.get(lesson_id)
