"""Look and feel: Japanese fonts, large readable text, a normal and a high-contrast theme.

The widget stylesheet lives in ``resources/style.qss`` with ``@name@`` placeholders for the
theme colours and font sizes; the application palette is set from the same theme (widgets the
stylesheet does not reach — scroll-area viewports, item views, Qt's own dialogs — follow it).
The lesson document CSS is built here because QTextDocument takes its own (smaller) CSS dialect.

Contrast (tests/gui/test_contrast.py reads the applied stylesheet and palette and checks it):
the high-contrast theme gives text at least 7:1 and control outlines and focus rings at least
3:1 in every state (hover, focus, selected, checked, disabled, feedback, progress); the normal
theme gives text at least 4.5:1 and outlines at least 3:1. Disabled controls stay readable and
are told apart by a dashed outline, not by fading the text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from dxlearn import paths

logger = logging.getLogger(__name__)

# Windows first (what the PCs have), then the Linux fonts CI and developers install.
JAPANESE_FONTS = ("Yu Gothic UI", "Meiryo UI", "Meiryo", "BIZ UDPGothic", "IPAPGothic",
                  "IPAGothic", "Noto Sans CJK JP", "Noto Sans JP", "TakaoPGothic")


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # page background
    text: str
    muted: str  # secondary text (hints, meta lines): still text contrast
    accent: str  # primary buttons, selection, headings
    accent_text: str  # text on accent
    panel: str  # fields, lists, the lesson body, cards
    border: str  # decorative lines only (cards, table cells): not a control outline
    outline: str  # the outline of every control (fields, buttons, lists, indicators)
    focus: str  # the focus ring
    hover: str  # background of a hovered button or row
    disabled_text: str
    disabled_bg: str
    done: str
    doing: str
    todo: str
    correct: str
    wrong: str
    link: str
    note_bg: str
    warn_bg: str
    tip_bg: str
    code_bg: str


NORMAL = Theme(
    name="normal", window="#f7f8fa", text="#1b1f24", muted="#4a5560", accent="#1f5fa8",
    accent_text="#ffffff", panel="#ffffff", border="#c5ccd3", outline="#5f6b76",
    focus="#1f5fa8", hover="#e3edf8", disabled_text="#4f5962", disabled_bg="#e6e9ed",
    done="#1d7a3a", doing="#8f5100", todo="#4a5560", correct="#1d7a3a", wrong="#b3261e",
    link="#1f5fa8", note_bg="#eaf2fb", warn_bg="#fff3e0", tip_bg="#e8f5e9", code_bg="#f0f2f4",
)
HIGH_CONTRAST = Theme(
    name="high-contrast", window="#000000", text="#ffffff", muted="#ffffff", accent="#ffd400",
    accent_text="#000000", panel="#000000", border="#ffffff", outline="#ffffff",
    focus="#ffd400", hover="#1f1f1f", disabled_text="#c8c8c8", disabled_bg="#000000",
    done="#7cfc00", doing="#ffd400", todo="#ffffff", correct="#7cfc00", wrong="#ff8080",
    link="#00e5ff", note_bg="#1a1a1a", warn_bg="#332b00", tip_bg="#0d2b0d", code_bg="#1a1a1a",
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else NORMAL


def pick_font_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in JAPANESE_FONTS:
        if family in available:
            return family
    logger.warning("no Japanese font found among %s; using the system default", JAPANESE_FONTS)
    return None


def widget_stylesheet(theme: Theme, font_pt: int, family: str | None = None) -> str:
    template = (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")
    values = {f"@{key}@": str(value) for key, value in vars(theme).items()}
    values["@font_pt@"] = str(font_pt)
    values["@title_pt@"] = str(round(font_pt * 1.5))
    values["@big_pt@"] = str(round(font_pt * 1.2))
    indicator = max(22, round(font_pt * 1.7))  # radio and check boxes grow with the text
    values["@indicator_px@"] = str(indicator)
    values["@indicator_radius@"] = str(indicator // 2 + 2)
    # The family in the stylesheet itself: every widget gets it at its first polish, so the
    # first paint (before any preference changes) is already in the Japanese font.
    values["@font_family@"] = f'font-family: "{family}";' if family else ""
    icon = paths.resources_dir() / "icons" / f"check-{theme.name}.svg"
    values["@check_icon@"] = f'"{icon.as_posix()}"'
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def document_css(theme: Theme, font_pt: int) -> str:
    """CSS for lesson and quiz documents (QTextDocument's subset of CSS 2.1)."""
    return f"""
body {{ color: {theme.text}; background-color: {theme.panel}; font-size: {font_pt}pt; }}
p, li, dd {{ line-height: 160%; }}
p.figure {{ line-height: 100%; margin-bottom: 0px; }}
p.caption {{ color: {theme.muted}; font-size: {max(font_pt - 1, 9)}pt; margin-top: 4px;
             margin-bottom: 14px; }}
span.caption {{ color: {theme.muted}; }}
h1 {{ font-size: {round(font_pt * 1.6)}pt; margin-top: 12px; }}
h2 {{ font-size: {round(font_pt * 1.35)}pt; margin-top: 18px; color: {theme.accent}; }}
h3 {{ font-size: {round(font_pt * 1.15)}pt; margin-top: 12px; }}
a {{ color: {theme.link}; text-decoration: underline; }}
a.external {{ color: {theme.link}; }}
table {{ border-collapse: collapse; margin-top: 6px; margin-bottom: 20px; }}
th {{ background-color: {theme.note_bg}; font-weight: bold; padding: 6px;
      border: 1px solid {theme.outline}; }}
td {{ padding: 6px; border: 1px solid {theme.outline}; }}
td.admonition {{ border: 1px solid {theme.outline}; }}
td.note, td.info, td.important {{ background-color: {theme.note_bg}; }}
td.warning, td.caution, td.danger {{ background-color: {theme.warn_bg}; }}
td.tip, td.hint {{ background-color: {theme.tip_bg}; }}
p.admonition-title {{ font-weight: bold; margin-top: 0px; }}
pre, code {{ background-color: {theme.code_bg};
             font-family: "BIZ UDGothic", "MS Gothic", "IPAGothic", "Noto Sans Mono CJK JP",
             monospace; }}
blockquote {{ color: {theme.muted}; margin-left: 16px; }}
div.footnote {{ font-size: {max(font_pt - 2, 9)}pt; color: {theme.muted}; }}
td.objectives {{ background-color: {theme.note_bg}; border: 1px solid {theme.outline}; }}
.review-correct {{ color: {theme.correct}; font-weight: bold; }}
.review-wrong {{ color: {theme.wrong}; font-weight: bold; }}
"""


def palette(theme: Theme) -> QPalette:
    """The application palette of ``theme``: what Qt paints where the stylesheet says nothing
    (viewports, item views, Qt's own dialogs, the disabled state)."""
    result = QPalette()
    pairs = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.panel,
        QPalette.ColorRole.AlternateBase: theme.panel,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.panel,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.BrightText: theme.text,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.accent_text,
        QPalette.ColorRole.ToolTipBase: theme.panel,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.Light: theme.outline,
        QPalette.ColorRole.Midlight: theme.outline,
        QPalette.ColorRole.Mid: theme.outline,
        QPalette.ColorRole.Dark: theme.outline,
        QPalette.ColorRole.Shadow: theme.outline,
    }
    for role, colour in pairs.items():
        result.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        result.setColor(disabled, role, QColor(theme.disabled_text))
    result.setColor(disabled, QPalette.ColorRole.Button, QColor(theme.disabled_bg))
    result.setColor(disabled, QPalette.ColorRole.Base, QColor(theme.panel))
    result.setColor(disabled, QPalette.ColorRole.Window, QColor(theme.window))
    result.setColor(disabled, QPalette.ColorRole.Highlight, QColor(theme.accent))
    result.setColor(disabled, QPalette.ColorRole.HighlightedText, QColor(theme.accent_text))
    # An inactive window keeps its selection readable (the same colours as when active).
    return result


def apply_theme(app: QApplication, theme: Theme, font_pt: int) -> None:
    family = pick_font_family()
    font = QFont(family) if family else app.font()
    font.setPointSize(font_pt)
    app.setFont(font)
    app.setPalette(palette(theme))
    app.setStyleSheet(widget_stylesheet(theme, font_pt, family))
