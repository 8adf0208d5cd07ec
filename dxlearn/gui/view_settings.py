"""表示 (view) preferences: text size, high contrast, display language.

The preferences live in ``AppContext.preferences`` and in the store (``settings``, scope
``app``); this applies them to the application (stylesheet, fonts) and the pages, and records a
change through the window's operation runner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from . import style
from .context import DEFAULT_FONT_PT, ZOOM_PERCENTS, ZOOM_STEPS, AppContext
from .operations.runner import Op, OperationRunner


class ViewSettings:
    def __init__(self, ctx: AppContext, ops: OperationRunner,
                 apply_css: Callable[[str], None]) -> None:
        self.ctx = ctx
        self.ops = ops
        self._apply_css = apply_css

    @property
    def theme(self) -> style.Theme:
        return style.theme_for(self.ctx.preferences.high_contrast)

    def css(self) -> str:
        return style.document_css(self.theme, self.ctx.preferences.font_pt)

    def apply(self) -> None:
        """Apply the current preferences to the application and the pages."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_theme(app, self.theme, self.ctx.preferences.font_pt)
        self._apply_css(self.css())

    def save(self, key: str, value: object) -> None:
        """Change one preference now and record it (quietly: a preference is never worth a
        dialog; a read-only store keeps it for this session only)."""
        setattr(self.ctx.preferences, key, value)
        store = self.ctx.store
        scope = self.ctx.preference_scope()  # on a server: the learner's own
        if store is None or self.ctx.read_only or scope is None:
            return
        self.ops.run(Op(lambda _r: store.set_setting(scope, key, value), quiet=True,
                        name=f"preference {key}"))

    def zoom(self, step: int) -> int:
        """One step larger (``step`` > 0), smaller (< 0) or back to the default (0); returns
        the new size in percent of the default."""
        size = zoom_step(self.ctx.preferences.font_pt, step)
        if size != self.ctx.preferences.font_pt:
            self.save("font_pt", size)
            self.apply()
        return self.zoom_percent()

    def zoom_percent(self) -> int:
        """The size in percent of the default: a step's own figure (16 pt is "125 %")."""
        size = self.ctx.preferences.font_pt
        if size in ZOOM_STEPS:
            return ZOOM_PERCENTS[ZOOM_STEPS.index(size)]
        return round(size * 100 / DEFAULT_FONT_PT)

    def can_zoom(self, step: int) -> bool:
        return zoom_step(self.ctx.preferences.font_pt, step) != self.ctx.preferences.font_pt

    def set_high_contrast(self, enabled: bool) -> None:
        self.save("high_contrast", enabled)
        self.apply()


def zoom_step(current: int, step: int) -> int:
    """The text size after one step from ``current`` (points): the next of ``ZOOM_STEPS``
    above or below it, or the default for ``step == 0``. A size stored by an earlier version
    (e.g. 18 pt) steps to the nearest step in the direction asked."""
    if step == 0:
        return DEFAULT_FONT_PT
    if step > 0:
        return next((size for size in ZOOM_STEPS if size > current), max(current, ZOOM_STEPS[-1]))
    return next((size for size in reversed(ZOOM_STEPS) if size < current),
                min(current, ZOOM_STEPS[0]))
