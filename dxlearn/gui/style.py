"""Look and feel: Japanese fonts, large readable text, a normal and a high-contrast theme.

The widget stylesheet lives in ``resources/style.qss`` with ``@name@`` placeholders for the
theme colours and font size; the lesson document CSS is built here because QTextDocument takes
its own (smaller) CSS dialect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from dxlearn import paths

logger = logging.getLogger(__name__)

# Windows first (what the PCs have), then the Linux fonts CI and developers install.
JAPANESE_FONTS = ("Yu Gothic UI", "Meiryo UI", "Meiryo", "BIZ UDPGothic", "IPAPGothic",
                  "IPAGothic", "Noto Sans CJK JP", "Noto Sans JP", "TakaoPGothic")


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    text: str
    muted: str
    accent: str
    accent_text: str
    panel: str
    border: str
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
    accent_text="#ffffff", panel="#ffffff", border="#c5ccd3", done="#1d7a3a", doing="#a05a00",
    todo="#4a5560", correct="#1d7a3a", wrong="#b3261e", link="#1f5fa8", note_bg="#eaf2fb",
    warn_bg="#fff3e0", tip_bg="#e8f5e9", code_bg="#f0f2f4",
)
HIGH_CONTRAST = Theme(
    name="high-contrast", window="#000000", text="#ffffff", muted="#ffffff", accent="#ffd400",
    accent_text="#000000", panel="#000000", border="#ffffff", done="#7CFC00", doing="#ffd400",
    todo="#ffffff", correct="#7CFC00", wrong="#ff6b6b", link="#00e5ff", note_bg="#1a1a1a",
    warn_bg="#332b00", tip_bg="#0d2b0d", code_bg="#1a1a1a",
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


def widget_stylesheet(theme: Theme, font_pt: int) -> str:
    template = (paths.resources_dir() / "style.qss").read_text(encoding="utf-8")
    values = {f"@{key}@": str(value) for key, value in vars(theme).items()}
    values["@font_pt@"] = str(font_pt)
    values["@title_pt@"] = str(round(font_pt * 1.5))
    values["@big_pt@"] = str(round(font_pt * 1.2))
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def document_css(theme: Theme, font_pt: int) -> str:
    """CSS for lesson and quiz documents (QTextDocument's subset of CSS 2.1)."""
    return f"""
body {{ color: {theme.text}; background-color: {theme.panel}; font-size: {font_pt}pt; }}
p, li, dd {{ line-height: 160%; }}
h1 {{ font-size: {round(font_pt * 1.6)}pt; margin-top: 12px; }}
h2 {{ font-size: {round(font_pt * 1.35)}pt; margin-top: 18px; color: {theme.accent}; }}
h3 {{ font-size: {round(font_pt * 1.15)}pt; margin-top: 12px; }}
a {{ color: {theme.link}; text-decoration: underline; }}
a.external {{ color: {theme.link}; }}
table {{ border-collapse: collapse; margin-top: 6px; margin-bottom: 6px; }}
th {{ background-color: {theme.note_bg}; font-weight: bold; padding: 6px;
      border: 1px solid {theme.border}; }}
td {{ padding: 6px; border: 1px solid {theme.border}; }}
td.admonition {{ border: 1px solid {theme.border}; }}
td.note, td.info, td.important {{ background-color: {theme.note_bg}; }}
td.warning, td.caution, td.danger {{ background-color: {theme.warn_bg}; }}
td.tip, td.hint {{ background-color: {theme.tip_bg}; }}
p.admonition-title {{ font-weight: bold; margin-top: 0px; }}
pre, code {{ background-color: {theme.code_bg}; font-family: monospace; }}
blockquote {{ color: {theme.muted}; margin-left: 16px; }}
div.footnote {{ font-size: {max(font_pt - 2, 9)}pt; color: {theme.muted}; }}
td.objectives {{ background-color: {theme.note_bg}; border: 1px solid {theme.border}; }}
"""


def apply_theme(app: QApplication, theme: Theme, font_pt: int) -> None:
    family = pick_font_family()
    font = QFont(family) if family else app.font()
    font.setPointSize(font_pt)
    app.setFont(font)
    app.setStyleSheet(widget_stylesheet(theme, font_pt))
