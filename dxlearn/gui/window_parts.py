"""Parts of the main window: the header (who is learning, required lessons done), the
curriculum pane (library chooser, the lesson tree, the full title of the current row, "show
all") and the splitter between the pane and the pages. They wrap at large text instead of
widening the window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dxlearn.content.model import Library
from dxlearn.learning.status import CurriculumProgress

from .curriculum_tree import CurriculumTree
from .widgets import plain_label


class Header(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.learner_label = plain_label(name="learner-label")
        self.overall_text = plain_label(name="overall-progress-text", wrap=False)
        self.overall = QProgressBar()
        self.overall.setObjectName("overall-progress")
        self.overall.setAccessibleName(self.tr("必須レッスンの修了状況"))
        self.overall.setTextVisible(False)  # the numbers are in the label beside it
        self.overall.setMinimumWidth(160)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 0)
        layout.addWidget(self.learner_label, 1)
        layout.addWidget(self.overall_text)
        layout.addWidget(self.overall)

    def show_learner(self, name: str, department: str, role_label: str,
                     curriculum: CurriculumProgress) -> None:
        self.learner_label.setText(self.tr("{0} さん（{1}・{2}）").format(
            name, department, role_label))
        self.overall.setRange(0, max(curriculum.required_total, 1))
        self.overall.setValue(curriculum.required_completed)
        text = self.tr("必須レッスン {0} / {1} 修了").format(
            curriculum.required_completed, curriculum.required_total)
        self.overall_text.setText(text)
        self.overall.setAccessibleDescription(text)


class CurriculumPane(QWidget):
    def __init__(self, show_all: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curriculum-pane")
        self.library_chooser = QComboBox()
        self.library_chooser.setObjectName("library-chooser")
        self.library_chooser.setAccessibleName(self.tr("学習する教材"))
        self.library_chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.library_chooser.setMinimumContentsLength(8)
        self.tree = CurriculumTree()
        self.full_title = plain_label(name="lesson-full-title")
        self.full_title.setAccessibleName(self.tr("選んでいるレッスン"))
        self.tree.current_title_changed.connect(self.full_title.setText)
        self.show_all = QCheckBox(self.tr("すべてのレッスンを表示"))
        self.show_all.setObjectName("curriculum-show-all")
        self.show_all.setChecked(show_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.addWidget(self.library_chooser)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.full_title)
        layout.addWidget(self.show_all)

    def fill_library_chooser(self, libraries: Sequence[Library], current: str) -> None:
        """One entry per loaded library; shown only when there is a choice to make."""
        chooser = self.library_chooser
        chooser.blockSignals(True)
        chooser.clear()
        for library in libraries:
            label = f"{library.title}（{library.version}）" if library.version else library.title
            chooser.addItem(label, library.id)
        chooser.setCurrentIndex(max(chooser.findData(current), 0))
        chooser.blockSignals(False)
        chooser.setVisible(len(libraries) > 1)


CURRICULUM_SHARE = 0.35  # the lesson list's share of the width (表示 > レッスン一覧を広く/狭く)
SHARE_STEP = 0.08


class PaneSplitter(QSplitter):
    """The lesson list beside the pages. The list keeps its share of the width through
    resizes and text sizes; 表示 > レッスン一覧を広く / 狭く move the divider from the keyboard
    and 標準の大きさ puts it back."""

    def __init__(self, left: QWidget, right: QWidget) -> None:
        super().__init__()
        self.setObjectName("main-splitter")
        self.setChildrenCollapsible(False)
        self.addWidget(left)
        self.addWidget(right)
        self.setStretchFactor(1, 1)
        self.share = CURRICULUM_SHARE
        self.splitterMoved.connect(self._on_moved)

    def apply_share(self) -> None:
        width = max(self.width(), 1)
        left = round(width * self.share)
        self.setSizes([left, max(width - left, 1)])

    def step(self, steps: int) -> int:
        """Widen (> 0) or narrow (< 0) the list; returns its share in percent."""
        self.share = min(max(self.share + steps * SHARE_STEP, 0.15), 0.6)
        self.apply_share()
        return round(self.share * 100)

    def reset(self) -> None:
        self.share = CURRICULUM_SHARE
        self.apply_share()

    def _on_moved(self, _pos: int, _index: int) -> None:
        sizes = self.sizes()
        if sum(sizes) and sizes[0]:
            self.share = sizes[0] / sum(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_share()
