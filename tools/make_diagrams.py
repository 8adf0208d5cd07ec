"""Draw the shared diagrams of the bundled lesson library into ``lessons/_assets/``.

The diagrams are plain PNG files with Japanese labels, sized for a lesson pane on a
1366x768 screen (760 px wide, text at least 18 px). They are drawn with PySide6
(``QImage`` + ``QPainter``) so that no drawing tool is needed: a trainer who wants to
change a label edits the text below and runs::

    QT_QPA_PLATFORM=offscreen python tools/make_diagrams.py

The output is deterministic: fixed sizes, fixed colours, fixed fonts, no timestamps.
Every text box is measured before it is drawn; text that does not fit stops the script
with the diagram and the label named, instead of producing a clipped picture.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "lessons" / "_assets"

WIDTH = 760
MIN_PX = 18  # smallest text, in pixels
LEADING = 1.3  # line spacing factor for multi-line labels
FONT_CANDIDATES = ("IPAGothic", "IPAPGothic", "Noto Sans CJK JP", "Yu Gothic", "Meiryo")

# Colours: dark text on light fills, so that the diagrams stay readable on a projector
# and for colour-blind readers (the meaning never rests on colour alone).
INK = QColor("#1a1a1a")
MUTED = QColor("#3d3d3d")
WHITE = QColor("#ffffff")
BLUE = QColor("#1f4e79")
BLUE_FILL = QColor("#dcebf7")
GREEN = QColor("#2e6b30")
GREEN_FILL = QColor("#e2f0d9")
ORANGE = QColor("#8a4b08")
ORANGE_FILL = QColor("#fbe5d6")
GREY_FILL = QColor("#f2f2f2")
RED = QColor("#9c1c1c")


class DiagramError(RuntimeError):
    """A label does not fit its box; the message names the diagram and the label."""


@dataclass(frozen=True)
class Canvas:
    """A painter on an image, with the diagram name for error messages."""

    name: str
    image: QImage
    painter: QPainter
    family: str


def pick_family() -> str:
    """Return the first installed Japanese font family, IPAGothic preferred."""
    installed = set(QFontDatabase.families())
    for family in FONT_CANDIDATES:
        if family in installed:
            return family
    print("warning: no Japanese font found; labels may not render", file=sys.stderr)
    return QFont().defaultFamily()


def font(family: str, px: int, *, bold: bool = False) -> QFont:
    f = QFont(family)
    f.setPixelSize(px)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return f


def new_canvas(name: str, height: int, family: str) -> Canvas:
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(WHITE)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    return Canvas(name, image, painter, family)


def text(
    c: Canvas,
    rect: QRectF,
    label: str,
    *,
    px: int = 20,
    bold: bool = False,
    color: QColor = INK,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
) -> None:
    """Draw ``label`` (explicit line breaks only) inside ``rect``; fail if it does not fit.

    Lines are set with 1.3 times the font's line spacing, which older readers find easier
    than Qt's tight default. ``align`` takes the horizontal and vertical flags of Qt.
    """
    if px < MIN_PX:
        c.painter.end()
        raise DiagramError(f"{c.name}: {label!r} is {px} px; the minimum is {MIN_PX} px")
    f = font(c.family, px, bold=bold)
    metrics = QFontMetricsF(f)
    lines = label.split("\n")
    step = metrics.lineSpacing() * LEADING
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    tall = step * (len(lines) - 1) + metrics.height()
    if widest > rect.width() + 0.5 or tall > rect.height() + 0.5:
        c.painter.end()
        raise DiagramError(
            f"{c.name}: {label!r} needs {widest:.0f}x{tall:.0f} px "
            f"but the box is {rect.width():.0f}x{rect.height():.0f} px"
        )
    if align & Qt.AlignmentFlag.AlignTop:
        y = rect.top()
    elif align & Qt.AlignmentFlag.AlignBottom:
        y = rect.bottom() - tall
    else:
        y = rect.top() + (rect.height() - tall) / 2
    horizontal = align & (
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignHCenter
    )
    if not horizontal:
        horizontal = Qt.AlignmentFlag.AlignHCenter
    c.painter.setFont(f)
    c.painter.setPen(color)
    for line in lines:
        row = QRectF(rect.left(), y, rect.width(), metrics.height())
        flags = horizontal | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip
        c.painter.drawText(row, int(flags), line)
        y += step


def box(c: Canvas, rect: QRectF, *, fill: QColor, line: QColor, radius: float = 12) -> None:
    c.painter.setPen(QPen(line, 2.5))
    c.painter.setBrush(fill)
    c.painter.drawRoundedRect(rect, radius, radius)


def band(c: Canvas, rect: QRectF, fill: QColor, radius: float = 12) -> None:
    """A filled heading strip at the top of a box (rounded at the top only)."""
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    square = QPainterPath()
    square.addRect(
        QRectF(rect.left(), rect.top() + rect.height() / 2, rect.width(), rect.height() / 2)
    )
    c.painter.setPen(Qt.PenStyle.NoPen)
    c.painter.setBrush(fill)
    c.painter.drawPath(path.united(square))


def arrow(
    c: Canvas,
    start: QPointF,
    end: QPointF,
    *,
    color: QColor = MUTED,
    both: bool = False,
    width: float = 3.0,
) -> None:
    """A straight arrow from ``start`` to ``end`` with a filled head (two heads if ``both``)."""
    c.painter.setPen(QPen(color, width))
    c.painter.drawLine(start, end)
    heads = [(start, end), (end, start)] if both else [(start, end)]
    c.painter.setPen(Qt.PenStyle.NoPen)
    c.painter.setBrush(color)
    for tail, tip in heads:
        dx, dy = tip.x() - tail.x(), tip.y() - tail.y()
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        ux, uy = dx / length, dy / length
        size = 13.0
        back = QPointF(tip.x() - ux * size, tip.y() - uy * size)
        left = QPointF(back.x() - uy * size * 0.6, back.y() + ux * size * 0.6)
        right = QPointF(back.x() + uy * size * 0.6, back.y() - ux * size * 0.6)
        c.painter.drawPolygon(QPolygonF([tip, left, right]))


def finish(c: Canvas, filename: str) -> Path:
    c.painter.end()
    ASSETS.mkdir(parents=True, exist_ok=True)
    out = ASSETS / filename
    if not c.image.save(str(out), "PNG"):
        raise DiagramError(f"{c.name}: could not write {out}")
    return out


# --------------------------------------------------------------------------------------
# The diagrams
# --------------------------------------------------------------------------------------


def dx_two_sides(family: str) -> Path:
    """行政DXと地域DX: two boxes, what each covers, and the shared goal below."""
    c = new_canvas("dx-two-sides", 520, family)
    text(c, QRectF(20, 14, 720, 40), "自治体DXの二つの側面", px=26, bold=True)

    columns = [
        (
            QRectF(24, 70, 346, 300),
            BLUE,
            BLUE_FILL,
            "行政DX",
            "役所の仕事と\n住民サービスを変える",
            "・申請のオンライン化\n・「書かない窓口」\n・庁内照会の効率化\n・AI・RPAの活用",
        ),
        (
            QRectF(390, 70, 346, 300),
            GREEN,
            GREEN_FILL,
            "地域DX",
            "地域社会の課題を\nデジタルで解決する",
            "・防災情報の発信\n・見守り・健康づくり\n・地域交通・買い物支援\n・デジタルデバイド対策",
        ),
    ]
    for rect, line, fill, title, lead, items in columns:
        box(c, rect, fill=fill, line=line)
        band(c, QRectF(rect.left(), rect.top(), rect.width(), 52), line)
        text(
            c,
            QRectF(rect.left(), rect.top() + 4, rect.width(), 44),
            title,
            px=26,
            bold=True,
            color=WHITE,
        )
        text(
            c,
            QRectF(rect.left() + 12, rect.top() + 62, rect.width() - 24, 64),
            lead,
            px=21,
            bold=True,
        )
        text(
            c,
            QRectF(rect.left() + 28, rect.top() + 134, rect.width() - 40, 150),
            items,
            px=20,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )

    arrow(c, QPointF(197, 378), QPointF(300, 420))
    arrow(c, QPointF(563, 378), QPointF(460, 420))
    goal = QRectF(120, 426, 520, 74)
    box(c, goal, fill=ORANGE_FILL, line=ORANGE)
    text(c, goal, "住民の暮らしをよくし、\n地域を持続可能にする", px=22, bold=True)
    return finish(c, "dx-two-sides.png")


def three_roles(family: str) -> Path:
    """幹部職層・DX推進リーダー・一般職員: who does what, with the DX office beside them."""
    c = new_canvas("three-roles", 560, family)
    text(c, QRectF(20, 14, 720, 40), "全員参加型のDX：三つの役割", px=26, bold=True)

    rows = [
        (
            BLUE,
            BLUE_FILL,
            "幹部職層",
            "方針を示し、人・予算・時間を配分する\n挑戦を後押しし、学び続ける組織をつくる",
        ),
        (
            GREEN,
            GREEN_FILL,
            "DX推進\nリーダー",
            "所属の課題を見つけ、改善を進める\nDX担当課と現場をつなぐ",
        ),
        (
            ORANGE,
            ORANGE_FILL,
            "一般職員",
            "日々の業務で気づき、提案する\n新しいやり方を使いこなし、定着させる",
        ),
    ]
    top = 70.0
    height = 128.0
    gap = 16.0
    for i, (line, fill, role, duties) in enumerate(rows):
        y = top + i * (height + gap)
        rect = QRectF(24, y, 524, height)
        box(c, rect, fill=fill, line=line)
        label = QRectF(rect.left(), rect.top(), 128, rect.height())
        path = QPainterPath()
        path.addRoundedRect(label, 12, 12)
        right_half = QPainterPath()
        right_half.addRect(QRectF(label.left() + 64, label.top(), 64, label.height()))
        c.painter.setPen(Qt.PenStyle.NoPen)
        c.painter.setBrush(line)
        c.painter.drawPath(path.united(right_half))
        text(c, label, role, px=23, bold=True, color=WHITE)
        text(
            c,
            QRectF(rect.left() + 142, rect.top() + 8, rect.width() - 152, rect.height() - 16),
            duties,
            px=19,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )

    side = QRectF(592, 70, 144, 416)
    box(c, side, fill=GREY_FILL, line=MUTED)
    text(
        c,
        QRectF(side.left(), side.top() + 14, side.width(), 60),
        "DX担当課\n情報部門",
        px=21,
        bold=True,
    )
    text(
        c,
        QRectF(side.left() + 8, side.top() + 92, side.width() - 16, 230),
        "技術面の支援\n研修・相談\n調達の支援\n安全対策\n全庁の調整",
        px=19,
    )
    for i in range(3):
        y = top + i * (height + gap) + height / 2
        arrow(c, QPointF(550, y), QPointF(590, y), both=True, width=2.5)

    note = QRectF(24, 500, 712, 44)
    text(
        c, note, "三つの役割がそろって、はじめて組織全体が変わります", px=21, bold=True, color=BLUE
    )
    return finish(c, "three-roles.png")


def three_layer_network(family: str) -> Path:
    """三層の対策: three stacked segments, what runs in each, and how they are separated."""
    c = new_canvas("three-layer-network", 620, family)
    text(c, QRectF(20, 14, 720, 40), "三層の対策（基本的な形）", px=26, bold=True)

    layers = [
        (
            RED,
            QColor("#f8dede"),
            "マイナンバー利用事務系",
            "住民基本台帳・税・社会保障など\n他の系とは原則として通信しない",
        ),
        (
            BLUE,
            BLUE_FILL,
            "LGWAN接続系",
            "財務会計・文書管理・庁内メールなど\nLGWANで国や他の自治体とつながる",
        ),
        (
            GREEN,
            GREEN_FILL,
            "インターネット接続系",
            "ホームページ閲覧・外部とのメールなど\n自治体情報セキュリティクラウド経由",
        ),
    ]
    top = 70.0
    height = 118.0
    gap = 46.0
    for i, (line, fill, name, detail) in enumerate(layers):
        y = top + i * (height + gap)
        rect = QRectF(24, y, 712, height)
        box(c, rect, fill=fill, line=line)
        badge = QRectF(rect.left() + 14, rect.top() + 14, 44, 44)
        c.painter.setPen(Qt.PenStyle.NoPen)
        c.painter.setBrush(line)
        c.painter.drawEllipse(badge)
        text(c, badge, str(i + 1), px=24, bold=True, color=WHITE)
        text(
            c,
            QRectF(rect.left() + 70, rect.top() + 12, 620, 48),
            name,
            px=24,
            bold=True,
            color=line,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        text(
            c,
            QRectF(rect.left() + 70, rect.top() + 58, 630, 56),
            detail,
            px=19,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )

    separators = [
        "原則として分離（必要な連携だけを厳しく管理）",
        "メールやファイルは無害化してから受け渡す",
    ]
    for i, label in enumerate(separators):
        y = top + (i + 1) * height + i * gap + 2
        mid = y + gap / 2 - 1
        c.painter.setPen(QPen(MUTED, 2.5, Qt.PenStyle.DashLine))
        c.painter.drawLine(QPointF(24, mid), QPointF(120, mid))
        c.painter.drawLine(QPointF(640, mid), QPointF(736, mid))
        text(c, QRectF(124, y, 512, gap - 4), label, px=19, bold=True, color=MUTED)

    text(
        c,
        QRectF(24, 560, 712, 48),
        "出典：総務省「地方公共団体における情報セキュリティポリシーに関する\nガイドライン」を基に作成",
        px=18,
        color=MUTED,
    )
    return finish(c, "three-layer-network.png")


def small_steps_cycle(family: str) -> Path:
    """小さく試して改善する: a four-step loop around a centre label."""
    c = new_canvas("small-steps-cycle", 540, family)
    text(c, QRectF(20, 14, 720, 40), "小さく試して、少しずつよくする", px=26, bold=True)

    w, h = 250.0, 112.0
    steps = [
        (
            QRectF(255, 66, w, h),
            BLUE,
            BLUE_FILL,
            "① 小さく試す",
            "窓口や様式を一つ選び、\nまず試してみる",
        ),
        (
            QRectF(486, 226, w, h),
            GREEN,
            GREEN_FILL,
            "② 測る",
            "待ち時間・件数・\n住民の声を記録する",
        ),
        (
            QRectF(255, 386, w, h),
            ORANGE,
            ORANGE_FILL,
            "③ 振り返る",
            "よかった点と\n困った点を話し合う",
        ),
        (
            QRectF(24, 226, w, h),
            MUTED,
            GREY_FILL,
            "④ 直して広げる",
            "やり方を直し、\n次の範囲へ広げる",
        ),
    ]
    for rect, line, fill, title, detail in steps:
        box(c, rect, fill=fill, line=line)
        text(
            c,
            QRectF(rect.left(), rect.top() + 8, rect.width(), 36),
            title,
            px=22,
            bold=True,
            color=line,
        )
        text(c, QRectF(rect.left() + 8, rect.top() + 46, rect.width() - 16, 60), detail, px=19)

    arrow(c, QPointF(510, 124), QPointF(604, 220))
    arrow(c, QPointF(604, 344), QPointF(510, 440))
    arrow(c, QPointF(250, 440), QPointF(156, 344))
    arrow(c, QPointF(156, 220), QPointF(250, 124))

    centre = QRectF(290, 236, 180, 92)
    c.painter.setPen(QPen(BLUE, 2.5))
    c.painter.setBrush(WHITE)
    c.painter.drawEllipse(centre)
    text(c, centre, "事実と\nデータで判断", px=20, bold=True, color=BLUE)
    return finish(c, "small-steps-cycle.png")


DIAGRAMS: tuple[Callable[[str], Path], ...] = (
    dx_two_sides,
    three_roles,
    three_layer_network,
    small_steps_cycle,
)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    family = pick_family()
    try:
        for draw in DIAGRAMS:
            out = draw(family)
            print(f"wrote {out.relative_to(ROOT).as_posix()}")
    except DiagramError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
