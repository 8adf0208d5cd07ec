"""学習の記録: required lessons done over time, study time per week, quiz results, the review
forecast — for the learner, in the library on screen.

Every figure is text too: the chart (drawn with QPainter, no chart library) has an accessible
description with the same numbers and a line under it that says them; the rest are tables a
screen reader reads cell by cell and the keyboard moves through. The numbers are computed by
``learning.record`` from the store's records (``operations.review.record``), never here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dxlearn.learning.record import Completions

from . import style
from .operations import review as review_ops
from .widgets import scrolls_to_focus

if TYPE_CHECKING:
    from .main_window import MainWindow


def duration_text(seconds: int) -> str:
    """3725 -> 1時間2分; under a minute but not zero -> 1分未満."""
    if 0 < seconds < 60:
        return QCoreApplication.translate("RecordPage", "1分未満")
    hours, minutes = divmod(seconds // 60, 60)
    if hours:
        return QCoreApplication.translate("RecordPage", "{0}時間{1}分").format(hours, minutes)
    return QCoreApplication.translate("RecordPage", "{0}分").format(minutes)


def day_text(day: date) -> str:
    return QCoreApplication.translate("RecordPage", "{0}月{1}日").format(day.month, day.day)


def full_day_text(day: date) -> str:
    return QCoreApplication.translate("RecordPage", "{0}年{1}月{2}日").format(
        day.year, day.month, day.day)


def completion_lines(done: Completions) -> list[str]:
    return [QCoreApplication.translate("RecordPage", "{0} {1}件（累計 {2}件）").format(
        day_text(d.day), d.completed, d.total) for d in done.days]


class CompletionChart(QWidget):
    """The running total of required lessons completed, as steps over the days, from the first
    completion (or two weeks back) to today; the y axis goes to the curriculum's total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record-chart")
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable: its description is read
        self.done = Completions((), 0, 0)
        self.today = date.today()
        self.theme = style.NORMAL

    def show_completions(self, done: Completions, today: date, theme: style.Theme) -> None:
        self.done, self.today, self.theme = done, today, theme
        summary = self.tr("必須レッスンの修了数の推移。{0}件のうち {1}件を修了。").format(
            done.required_total, done.required_completed)
        lines = completion_lines(done)
        self.setAccessibleName(self.tr("必須レッスンの修了数のグラフ"))
        self.setAccessibleDescription(summary + "、".join(lines) if lines
                                      else summary + self.tr("まだ修了したレッスンはありません。"))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        theme, done = self.theme, self.done
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left, top = metrics.horizontalAdvance("000") + 12, 10
        bottom = self.height() - metrics.height() - 10
        right = self.width() - 12
        area = QRectF(left, top, max(right - left, 10), max(bottom - top, 10))
        painter.fillRect(self.rect(), QColor(theme.panel))
        painter.setPen(QPen(QColor(theme.border), 1))
        painter.drawRect(area)
        total = max(done.required_total, 1)
        first = done.days[0].day - timedelta(days=1) if done.days else self.today
        first = min(first, self.today - timedelta(days=7))
        span = max((self.today - first).days, 1)

        def x(day: date) -> float:
            return area.left() + area.width() * (day - first).days / span

        def y(count: int) -> float:
            return area.bottom() - area.height() * count / total

        painter.setPen(QPen(QColor(theme.muted), 1))
        for label, value in (("0", 0), (str(done.required_total), done.required_total)):
            painter.drawText(QRectF(0, y(value) - metrics.height() / 2, left - 6,
                                    metrics.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             label)
        for day, align in ((first, Qt.AlignmentFlag.AlignLeft),
                           (self.today, Qt.AlignmentFlag.AlignRight)):
            painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(),
                                    metrics.height()), int(align), day_text(day))
        points = [QPointF(area.left(), y(0))]
        count = 0
        for entry in done.days:
            points.append(QPointF(x(entry.day), y(count)))
            count = entry.total
            points.append(QPointF(x(entry.day), y(count)))
        points.append(QPointF(area.right(), y(count)))
        painter.setPen(QPen(QColor(theme.accent), 3))
        painter.drawPolyline(points)
        painter.setBrush(QColor(theme.accent))
        for entry in done.days:
            painter.drawEllipse(QPointF(x(entry.day), y(entry.total)), 4, 4)
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.accent), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()


def _table(name: str, accessible: str, headers: list[str], *,
           stretch: bool = True) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch)
    if not stretch:
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeRowsToContents()
    table.resizeColumnsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2)
    if not table.horizontalHeader().stretchLastSection():
        width = sum(table.columnWidth(c) for c in range(table.columnCount()))
        table.setFixedWidth(width + 2 * table.frameWidth() + 2)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("section-title")
    label.setStyleSheet("font-weight: bold;")
    return label


class RecordPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record-view")
        self.setAccessibleName(self.tr("学習の記録"))
        title = QLabel(self.tr("学習の記録"))
        title.setObjectName("page-title")
        self.completed = QLabel()
        self.completed.setObjectName("record-completions")
        self.completed.setWordWrap(True)
        self.chart = CompletionChart()
        self.weeks = _table("record-weeks", self.tr("週ごとの学習時間"),
                            [self.tr("週"), self.tr("学習時間")], stretch=False)
        self.quizzes = _table("record-quizzes", self.tr("理解度チェックの結果"),
                              [self.tr("レッスン"), self.tr("受験回数"), self.tr("最高点"),
                               self.tr("結果"), self.tr("各回の点数")])
        self.forecast_title = _heading(self.tr("復習の予定（今日から7日間）"))
        self.forecast = _table("record-forecast", self.tr("復習の予定"),
                               [self.tr("日付"), self.tr("復習する問題")], stretch=False)
        self.back = QPushButton(self.tr("ホームに戻る"))
        self.back.setObjectName("record-back")

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(_heading(self.tr("必須レッスンの修了")))
        column.addWidget(self.completed)
        column.addWidget(self.chart)
        weeks = QVBoxLayout()
        weeks.addWidget(_heading(self.tr("週ごとの学習時間")))
        weeks.addWidget(self.weeks)
        weeks.addStretch(1)
        forecast = QVBoxLayout()
        forecast.addWidget(self.forecast_title)
        forecast.addWidget(self.forecast)
        forecast.addStretch(1)
        side_by_side = QHBoxLayout()
        side_by_side.addLayout(weeks)
        side_by_side.addSpacing(24)
        side_by_side.addLayout(forecast)
        side_by_side.addStretch(1)
        column.addLayout(side_by_side)
        column.addWidget(_heading(self.tr("理解度チェックの結果")))
        column.addWidget(self.quizzes)
        column.addStretch(1)
        scroll = scrolls_to_focus(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def show_record(self, record: review_ops.Record, theme: style.Theme) -> None:
        done = record.completions
        lines = completion_lines(done)
        text = self.tr("必須レッスン {0}件のうち {1}件を修了しています。").format(
            done.required_total, done.required_completed)
        self.completed.setText(text + ("\n" + "、".join(lines) if lines else ""))
        self.chart.show_completions(done, record.today, theme)

        study = record.study
        rows = [[self.tr("{0}〜{1}").format(day_text(w.start), day_text(w.start
                                                                        + timedelta(days=6))),
                 duration_text(w.seconds)] for w in reversed(study.weeks)]
        if study.earlier_seconds:
            rows.append([self.tr("それより前"), duration_text(study.earlier_seconds)])
        if study.before_seconds:
            since = (full_day_text(study.since) if study.since is not None
                     else self.tr("日ごとの記録の開始"))
            rows.append([self.tr("{0}より前").format(since), duration_text(study.before_seconds)])
        rows.append([self.tr("合計"), duration_text(study.total_seconds)])
        _fill(self.weeks, rows)

        quiz_rows = []
        for result in record.quizzes:
            if not result.scores:
                verdict = self.tr("未受験")
            else:
                verdict = self.tr("合格") if result.passed else self.tr("不合格")
            scores = " → ".join(self.tr("{0}点").format(s) for s in result.scores)
            quiz_rows.append([result.title, self.tr("{0}回").format(result.attempts),
                              self.tr("{0}点").format(result.best)
                              if result.best is not None else "—", verdict, scores or "—"])
        _fill(self.quizzes, quiz_rows)

        self.forecast_title.setVisible(record.review_enabled)
        self.forecast.setVisible(record.review_enabled)
        forecast_rows = []
        for number, (day, count) in enumerate(record.forecast):
            label = self.tr("今日") if number == 0 else day_text(day)
            forecast_rows.append([label, self.tr("{0}問").format(count)])
        _fill(self.forecast, forecast_rows)


class RecordFeature(QObject):
    """The record page in the main window (表示 > 学習の記録)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = RecordPage()
        window.pages.place("record", self.page)
        self.page.back.clicked.connect(window.go_home)

    def show(self) -> None:
        ctx = self.window.ctx
        if ctx.learner is None or ctx.store is None:
            return
        self.window.leave_current()

        def shown(record: review_ops.Record) -> None:
            self.page.show_record(record, self.window.theme)
            self.window.pages.setCurrentWidget(self.page)
            self.page.chart.setFocus()

        self.window.ops.run(review_ops.record(ctx).then(shown))
