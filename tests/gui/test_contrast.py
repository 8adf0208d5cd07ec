"""Contrast of what the app really applies, in both themes and every state.

The colours are read from the running application: the stylesheet it applied
(``QApplication.styleSheet()``), its palette, the lesson document's CSS, the curriculum tree's
item colours, the SVG check mark the stylesheet points to. Nothing here restates a colour.

WCAG 2.1: text 4.5:1 in the normal theme and 7:1 in high contrast (1.4.6); control outlines,
focus rings, indicators and the progress bar 3:1 against what is next to them (1.4.11).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QTreeWidget

from .conftest import find, settle

TEXT = {"normal": 4.5, "high-contrast": 7.0}
OUTLINE = 3.0
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")

# Selectors of controls: their borders are what makes them visible (WCAG 1.4.11).
CONTROLS = ("QPushButton", "QToolButton", "QLineEdit", "QComboBox", "QTreeWidget",
            "QTextBrowser", "QListWidget", "QRadioButton::indicator", "QCheckBox::indicator",
            "QProgressBar", "QFrame#quiz-choice-row", "QFrame#quiz-feedback-box", "QMenu",
            "QToolTip")


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Rule:
    selector: str
    props: dict[str, str]

    def colour(self, name: str) -> str | None:
        value = self.props.get(name)
        if value is None:
            return None
        found = HEX.findall(value)
        return found[0].lower() if found else None

    def border(self) -> str | None:
        return self.colour("border") or self.colour("border-color") or self.colour("border-top")


def parse_css(text: str) -> list[Rule]:
    """Rules of a Qt stylesheet or document CSS: one Rule per selector of a block."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules = []
    for block in text.split("}"):
        if "{" not in block:
            continue
        head, body = block.split("{", 1)
        props = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                props[name.strip()] = value.strip()
        for selector in head.split(","):
            if selector.strip():
                rules.append(Rule(" ".join(selector.split()), props))
    return rules


def one(rules: list[Rule], selector: str) -> Rule:
    found = [r for r in rules if r.selector == selector]
    assert found, f"no rule for {selector!r} in the applied stylesheet"
    merged: dict[str, str] = {}
    for rule in found:
        merged.update(rule.props)
    return Rule(selector, merged)


@dataclass
class Applied:
    theme: str
    rules: list[Rule]
    palette: QPalette
    window_bg: str
    panel_bg: str

    @property
    def text_min(self) -> float:
        return TEXT[self.theme]


def applied(app: QApplication, theme: str) -> Applied:
    rules = parse_css(app.styleSheet())
    window_bg = one(rules, "QMainWindow").colour("background")
    panel_bg = one(rules, "QTreeWidget").colour("background")
    assert window_bg and panel_bg
    return Applied(theme, rules, app.palette(), window_bg, panel_bg)


@pytest.fixture(params=["normal", "high-contrast"])
def themed(request, qtbot, start_app) -> Iterator[tuple[Applied, object]]:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    if request.param == "high-contrast":
        window.menu_actions["high-contrast"].trigger()
    settle(qtbot, window)
    yield applied(launched.app, request.param), launched


def _backgrounds(a: Applied, rule: Rule) -> list[str]:
    own = rule.colour("background") or rule.colour("background-color")
    return [own] if own else [a.window_bg, a.panel_bg]


def test_every_text_colour_of_the_stylesheet(themed) -> None:  # type: ignore[no-untyped-def]
    a, _launched = themed
    low = []
    for rule in a.rules:
        colour = rule.colour("color")
        if colour is None:
            continue
        for background in _backgrounds(a, rule):
            if ratio(colour, background) < a.text_min:
                low.append(f"{rule.selector}: {colour} on {background} "
                           f"{ratio(colour, background):.2f}")
        selected = rule.colour("selection-color")
        selected_bg = rule.colour("selection-background-color")
        if selected and selected_bg and ratio(selected, selected_bg) < a.text_min:
            low.append(f"{rule.selector} selection: {ratio(selected, selected_bg):.2f}")
    assert not low, f"{a.theme}: text below {a.text_min}:1\n" + "\n".join(low)


def test_every_control_outline_and_focus_ring(themed) -> None:  # type: ignore[no-untyped-def]
    a, _launched = themed
    low = []
    checked = 0
    for rule in a.rules:
        if not rule.selector.startswith(CONTROLS):
            continue
        border = rule.border()
        if border is None:
            continue
        own = rule.colour("background")
        if own is not None and border == own and rule.selector.endswith("-row"):
            continue  # the choice row's resting border is its own background: no outline
        checked += 1
        for background in (a.window_bg, a.panel_bg):
            if ratio(border, background) < OUTLINE:
                low.append(f"{rule.selector}: border {border} next to {background} "
                           f"{ratio(border, background):.2f}")
    assert checked > 20, "the control rules were not found"
    assert not low, f"{a.theme}: outlines below 3:1\n" + "\n".join(low)


def test_states_hover_focus_selected_disabled_checked(themed) -> None:  # type: ignore[no-untyped-def]
    a, _launched = themed
    rules = a.rules
    for selector in ("QPushButton:focus", "QTreeWidget:focus", "QLineEdit:focus",
                     "QTextBrowser:focus", "QFrame#quiz-choice-row[focused=\"true\"]"):
        ring = one(rules, selector).border()
        assert ring is not None
        assert ratio(ring, a.window_bg) >= OUTLINE, selector
        assert ratio(ring, a.panel_bg) >= OUTLINE, selector
    # a focus ring differs from the resting outline (else focus is invisible)
    assert one(rules, "QPushButton:focus").border() != one(rules, "QPushButton").border() or (
        one(rules, "QPushButton:focus").props["border"] != one(rules, "QPushButton").props[
            "border"])
    for selector in ("QTreeWidget::item:selected", "QTreeWidget::item:hover",
                     "QMenu::item:selected", "QPushButton[primary=\"true\"]",
                     "QPushButton:hover", "QPushButton:disabled",
                     "QPushButton[primary=\"true\"]:disabled", "QLineEdit:read-only"):
        rule = one(rules, selector)
        text, background = rule.colour("color"), rule.colour("background")
        assert text and background, selector
        assert ratio(text, background) >= a.text_min, (selector, ratio(text, background))
    # a primary button is told from the page by its fill
    primary = one(rules, "QPushButton[primary=\"true\"]").colour("background")
    assert primary is not None and ratio(primary, a.window_bg) >= OUTLINE
    # disabled is shown by a dashed outline, not by fading the text
    assert "dashed" in one(rules, "QPushButton:disabled").props["border"]
    # a checked radio: the dot against the indicator's background
    radio = one(rules, "QRadioButton::indicator:checked").props["background"]
    dot = HEX.findall(radio)[0]
    indicator_bg = one(rules, "QRadioButton::indicator").colour("background")
    assert indicator_bg is not None and ratio(dot, indicator_bg) >= OUTLINE
    # a checked box: the fill against the page, the check mark against the fill
    box = one(rules, "QCheckBox::indicator:checked")
    fill = box.colour("background")
    assert fill is not None and ratio(fill, a.window_bg) >= OUTLINE
    icon = Path(re.search(r'url\("?([^")]+)"?\)', box.props["image"]).group(1))  # type: ignore[union-attr]
    stroke = re.search(r'stroke="(#[0-9a-fA-F]{6})"', icon.read_text(encoding="utf-8"))
    assert stroke is not None and ratio(stroke.group(1), fill) >= OUTLINE


def test_feedback_and_progress(themed) -> None:  # type: ignore[no-untyped-def]
    a, _launched = themed
    for selector in ("QLabel#quiz-feedback-correct", "QLabel#quiz-feedback-wrong",
                     "QLabel#result-passed", "QLabel#result-failed",
                     "QLabel#profile-error"):
        colour = one(a.rules, selector).colour("color")
        assert colour is not None
        for background in _backgrounds(a, one(a.rules, selector)):
            assert ratio(colour, background) >= a.text_min, (selector, background)
    bar = one(a.rules, "QProgressBar")
    chunk = one(a.rules, "QProgressBar::chunk").colour("background")
    trough, outline = bar.colour("background"), bar.border()
    assert chunk and trough and outline
    # 0 %: the empty bar is seen by its outline; 100 %: the full bar by its fill
    assert ratio(outline, a.window_bg) >= OUTLINE
    assert ratio(chunk, trough) >= OUTLINE
    assert ratio(chunk, a.window_bg) >= OUTLINE


def test_palette_pairs(themed) -> None:  # type: ignore[no-untyped-def]
    a, _launched = themed
    role = QPalette.ColorRole
    pairs = [(role.WindowText, role.Window), (role.Text, role.Base),
             (role.ButtonText, role.Button), (role.HighlightedText, role.Highlight),
             (role.PlaceholderText, role.Base), (role.Link, role.Base),
             (role.ToolTipText, role.ToolTipBase)]
    low = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                  QPalette.ColorGroup.Disabled):
        for fore, back in pairs:
            f = a.palette.color(group, fore).name()
            b = a.palette.color(group, back).name()
            if ratio(f, b) < a.text_min:
                low.append(f"{group.name} {fore.name}/{back.name}: {f} on {b} {ratio(f, b):.2f}")
    assert not low, "\n".join(low)


def test_tree_status_colours_and_lesson_document(themed, qtbot) -> None:  # type: ignore[no-untyped-def]
    a, launched = themed
    window = launched.window
    tree = find(window, QTreeWidget, "curriculum-tree")
    low = []
    for lesson_id in tree.lesson_ids():
        item = tree.item_for(lesson_id)
        for column in range(3):
            brush = item.foreground(column)
            if brush.style().name != "NoBrush":
                colour = brush.color().name()
                if ratio(colour, a.panel_bg) < a.text_min:
                    low.append(f"{lesson_id} column {column}: {colour}")
    assert not low, low
    window.open_lesson("intro")
    settle(qtbot, window)
    css = parse_css(window.lesson_page.browser.document().defaultStyleSheet())
    body = one(css, "body")
    page_bg = body.colour("background-color")
    assert page_bg == a.panel_bg
    for rule in css:
        colour = rule.colour("color")
        background = rule.colour("background-color") or page_bg
        if colour is not None:
            assert ratio(colour, background) >= a.text_min, (rule.selector, colour, background)
        if rule.colour("background-color") and rule.selector not in ("body",):
            text = body.colour("color")
            assert text is not None
            assert ratio(text, rule.colour("background-color") or "") >= a.text_min, rule.selector
