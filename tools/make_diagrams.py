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
    QBrush,
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
    c = new_canvas("dx-two-sides", 560, family)
    text(c, QRectF(20, 14, 720, 40), "自治体DXの二つの側面", px=26, bold=True)

    columns = [
        (
            QRectF(24, 70, 346, 340),
            BLUE,
            BLUE_FILL,
            "行政DX",
            "役所の仕事と\n住民サービスを変える",
            "・申請のオンライン化\n・「書かない窓口」\n・庁内照会の効率化\n・AI・RPAの活用",
        ),
        (
            QRectF(390, 70, 346, 340),
            GREEN,
            GREEN_FILL,
            "地域DX",
            "地域社会の課題を\nデジタルで解決する",
            "・防災・見守り・健康づくり\n・地域交通・買い物支援\n・地域経済・観光\n・住民とのデジタル\n　コミュニケーション\n・デジタルデバイド対策",
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
            QRectF(rect.left() + 28, rect.top() + 142, rect.width() - 40, 190),
            items,
            px=20,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )

    arrow(c, QPointF(197, 418), QPointF(300, 460))
    arrow(c, QPointF(563, 418), QPointF(460, 460))
    goal = QRectF(120, 466, 520, 74)
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
            "所属の課題を見つけ、改善を進める\nDX推進担当課と現場をつなぐ",
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
        "DX推進\n担当課",
        px=21,
        bold=True,
    )
    text(
        c,
        QRectF(side.left() + 8, side.top() + 74, side.width() - 16, 300),
        "（情報政策課\nなど）\n\n技術面の支援\n研修・相談\n調達の支援\n安全対策\n全庁の調整",
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


def security_models(family: str) -> Path:
    """α / α' / β: where the main terminal sits, how the cloud is reached, what it needs."""
    c = new_canvas("security-models", 600, family)
    text(c, QRectF(20, 14, 720, 40), "ネットワークの三つのモデル（α・α'・β）", px=26, bold=True)

    label_w, col_w, gap = 150.0, 180.0, 6.0
    left = 24.0
    cols = [left + label_w + 8 + i * (col_w + gap) for i in range(3)]
    heads = [
        (BLUE, BLUE_FILL, "αモデル"),
        (GREEN, GREEN_FILL, "α'モデル"),
        (ORANGE, ORANGE_FILL, "βモデル"),
    ]
    rows = [
        ("主な業務端末", ("LGWAN接続系", "LGWAN接続系", "インターネット\n接続系")),
        (
            "インターネット\nやクラウドの\n使い方",
            (
                "画面転送などで\nインターネット\n接続系を使う",
                "認められた\nクラウドだけを\n業務端末から使う",
                "業務端末から\n直接使う",
            ),
        ),
        (
            "住民情報を扱う\nシステム",
            ("マイナンバー系・\nLGWAN接続系", "マイナンバー系・\nLGWAN接続系", "マイナンバー系・\nLGWAN接続系"),
        ),
        ("示された時期", ("2015年の対策\nが基本", "2024年10月の\n改定で追加", "2020年の\n改定で追加")),
        ("主な追加の対策", ("ファイルの無害化\n画面転送", "接続先の限定\n通信の監視", "端末と通信の\n高度な対策")),
    ]
    top = 70.0
    head_h = 50.0
    row_h = [56.0, 92.0, 70.0, 70.0, 70.0]
    total_h = head_h + sum(row_h) + 8
    for x, (line, fill, title) in zip(cols, heads, strict=False):
        box(c, QRectF(x, top, col_w, total_h), fill=fill, line=line)
        band(c, QRectF(x, top, col_w, head_h), line)
        text(c, QRectF(x, top + 4, col_w, head_h - 8), title, px=24, bold=True, color=WHITE)
    y = top + head_h + 4
    for (label, cells), h in zip(rows, row_h, strict=False):
        c.painter.setPen(QPen(MUTED, 1.5, Qt.PenStyle.DotLine))
        c.painter.drawLine(QPointF(left, y + h), QPointF(cols[2] + col_w, y + h))
        text(
            c,
            QRectF(left, y, label_w, h),
            label,
            px=18,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        for x, cell in zip(cols, cells, strict=False):
            text(c, QRectF(x + 8, y, col_w - 16, h), cell, px=18)
        y += h

    text(
        c,
        QRectF(24, top + total_h + 10, 712, 30),
        "どのモデルを採るかは団体ごとに異なります。自団体のポリシーで確認します。",
        px=18,
        bold=True,
        color=BLUE,
    )
    text(
        c,
        QRectF(24, top + total_h + 46, 712, 48),
        "出典：総務省「地方公共団体における情報セキュリティポリシーに関する\nガイドライン」（2024年10月版ほか）を基に作成",
        px=18,
        color=MUTED,
    )
    return finish(c, "security-models.png")


def regional_dx_partners(family: str) -> Path:
    """地域DX in the middle, the six partners around it, each with what it brings."""
    c = new_canvas("regional-dx-partners", 580, family)
    text(c, QRectF(20, 14, 720, 40), "地域DXを一緒に進める相手", px=26, bold=True)

    w, h = 236.0, 120.0
    partners = [
        (QRectF(20, 70, w, h), BLUE, BLUE_FILL, "住民", "サービスを使い、\n声を届ける"),
        (
            QRectF(504, 70, w, h),
            GREEN,
            GREEN_FILL,
            "地域の事業者・\n商工団体",
            "キャッシュレスや\n人手不足対策",
        ),
        (QRectF(20, 230, w, h), ORANGE, ORANGE_FILL, "観光協会・DMO", "観光の情報と\nデータを生かす"),
        (QRectF(504, 230, w, h), MUTED, GREY_FILL, "大学・NPO", "知見と担い手、\n講座を提供する"),
        (QRectF(20, 390, w, h), GREEN, GREEN_FILL, "都道府県・国", "人材・財源・\n共通の基盤で支える"),
        (QRectF(504, 390, w, h), BLUE, BLUE_FILL, "自治体の各課", "課題を持ち寄り、\n調整する"),
    ]
    centre = QRectF(290, 220, 180, 140)
    cx, cy = centre.center().x(), centre.center().y()
    a, b = centre.width() / 2 + 3, centre.height() / 2 + 3  # stop just outside the ellipse
    for rect, *_labels in partners:
        inner = QPointF(rect.right(), rect.center().y()) if rect.left() < 380 else QPointF(
            rect.left(), rect.center().y()
        )
        dx, dy = inner.x() - cx, inner.y() - cy
        t = 1.0 / ((dx / a) ** 2 + (dy / b) ** 2) ** 0.5
        arrow(c, inner, QPointF(cx + t * dx, cy + t * dy), both=True, width=2.5)
    for rect, line, fill, title, role in partners:
        box(c, rect, fill=fill, line=line)
        lines = title.count("\n") + 1
        title_h = 30.0 * lines
        text(c, QRectF(rect.left() + 8, rect.top() + 6, rect.width() - 16, title_h), title,
             px=20, bold=True, color=line)
        text(
            c,
            QRectF(rect.left() + 8, rect.top() + 8 + title_h, rect.width() - 16,
                   rect.height() - 14 - title_h),
            role,
            px=18,
        )
    c.painter.setPen(QPen(ORANGE, 3))
    c.painter.setBrush(ORANGE_FILL)
    c.painter.drawEllipse(centre)
    text(c, centre, "地域DX", px=26, bold=True, color=ORANGE)
    text(
        c,
        QRectF(24, 524, 712, 40),
        "自治体は、地域の相手と役割を分け合う「つなぎ役」です",
        px=21,
        bold=True,
        color=BLUE,
    )
    return finish(c, "regional-dx-partners.png")


def dx_steps(family: str) -> Path:
    """自治体DX全体手順書のステップ0〜3, top to bottom, with the review loop."""
    c = new_canvas("dx-steps", 640, family)
    text(c, QRectF(20, 14, 720, 40), "自治体DX全体手順書のステップ0〜3", px=26, bold=True)

    steps = [
        (BLUE, BLUE_FILL, "ステップ0", "DXの認識共有・機運醸成",
         "首長・幹部から一般職員まで、基礎的な理解をそろえる"),
        (GREEN, GREEN_FILL, "ステップ1", "全体方針の決定", "目指す姿（ビジョン）と工程表を決める"),
        (ORANGE, ORANGE_FILL, "ステップ2", "推進体制の整備",
         "組織体制、デジタル人材の確保・育成、計画的な取組"),
        (MUTED, GREY_FILL, "ステップ3", "DXの取組の実行", "個々の取組を進め、振り返って改善する"),
    ]
    top, h, gap = 70.0, 104.0, 28.0
    right = 640.0
    for i, (line, fill, badge, title, detail) in enumerate(steps):
        y = top + i * (h + gap)
        rect = QRectF(24, y, right - 24, h)
        box(c, rect, fill=fill, line=line)
        label = QRectF(rect.left(), rect.top(), 132, rect.height())
        path = QPainterPath()
        path.addRoundedRect(label, 12, 12)
        right_half = QPainterPath()
        right_half.addRect(QRectF(label.left() + 66, label.top(), 66, label.height()))
        c.painter.setPen(Qt.PenStyle.NoPen)
        c.painter.setBrush(line)
        c.painter.drawPath(path.united(right_half))
        text(c, label, badge, px=21, bold=True, color=WHITE)
        text(
            c,
            QRectF(rect.left() + 146, rect.top() + 10, rect.width() - 156, 36),
            title,
            px=22,
            bold=True,
            color=line,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        text(
            c,
            QRectF(rect.left() + 146, rect.top() + 50, rect.width() - 156, 44),
            detail,
            px=18,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        if i < len(steps) - 1:
            arrow(c, QPointF(330, y + h + 2), QPointF(330, y + h + gap - 2))

    # the loop: from step 3 back up to step 1
    y3 = top + 3 * (h + gap) + h / 2
    y1 = top + 1 * (h + gap) + h / 2
    c.painter.setPen(QPen(MUTED, 3))
    c.painter.drawLine(QPointF(right + 2, y3), QPointF(744, y3))
    c.painter.drawLine(QPointF(744, y3), QPointF(744, y1))
    arrow(c, QPointF(744, y1), QPointF(right + 4, y1))
    text(c, QRectF(646, y1 + 60, 92, 140), "振り返り\nで見直す", px=18, bold=True,
         color=MUTED)
    text(
        c,
        QRectF(24, 590, 712, 36),
        "出典：総務省「自治体DX全体手順書」を基に作成",
        px=18,
        color=MUTED,
    )
    return finish(c, "dx-steps.png")


def _lane_panel(
    c: Canvas,
    top: float,
    title: str,
    steps: list[tuple[int, int, str, bool]],
    links: list[tuple[int, int]],
) -> float:
    """One swimlane panel: four lanes, boxes at (slot, lane), arrows between box indexes.

    A box marked ``True`` is a bottleneck: dashed red outline and a ※ in its label, so the
    meaning does not rest on colour.  Returns the bottom of the panel.
    """
    lanes = ["住民", "窓口", "係員", "係長・\n課長"]
    lane_h, label_w, left, right = 66.0, 104.0, 24.0, 736.0
    text(c, QRectF(left, top, 712, 34), title, px=22, bold=True,
         align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    y0 = top + 40
    for i, lane in enumerate(lanes):
        rect = QRectF(left, y0 + i * lane_h, right - left, lane_h)
        c.painter.setPen(QPen(MUTED, 1.5))
        c.painter.setBrush(GREY_FILL if i % 2 == 0 else WHITE)
        c.painter.drawRect(rect)
        text(c, QRectF(left + 4, rect.top(), label_w - 8, lane_h), lane, px=18, bold=True)
    c.painter.setPen(QPen(MUTED, 1.5))
    c.painter.drawLine(QPointF(left + label_w, y0), QPointF(left + label_w, y0 + 4 * lane_h))
    slot_w = (right - left - label_w) / 6
    rects: list[QRectF] = []
    for slot, lane, label, bottleneck in steps:
        x = left + label_w + slot * slot_w + 6
        rect = QRectF(x, y0 + lane * lane_h + 5, slot_w - 12, lane_h - 10)
        rects.append(rect)
        if bottleneck:
            c.painter.setPen(QPen(RED, 3, Qt.PenStyle.DashLine))
            c.painter.setBrush(QColor("#f8dede"))
            c.painter.drawRoundedRect(rect, 8, 8)
        else:
            box(c, rect, fill=BLUE_FILL, line=BLUE, radius=8)
        text(c, rect.adjusted(2, 2, -2, -2), label, px=18, bold=bottleneck)
    for a, b in links:
        ra, rb = rects[a], rects[b]
        start = QPointF(ra.right(), ra.center().y())
        if abs(ra.center().y() - rb.center().y()) < 1:
            end = QPointF(rb.left(), rb.center().y())
        elif rb.center().y() > ra.center().y():
            end = QPointF(rb.center().x(), rb.top())
        else:
            end = QPointF(rb.center().x(), rb.bottom())
        arrow(c, start, end, width=2.0)
    return y0 + 4 * lane_h


def bpr_swimlane(family: str) -> Path:
    """A 窓口 procedure before and after BPR, as two four-lane swimlanes."""
    c = new_canvas("bpr-swimlane", 820, family)
    text(c, QRectF(20, 12, 720, 40), "窓口の手続の流れ：見直し前と見直し後（例）", px=25, bold=True)
    before = [
        (0, 0, "紙に\n記入", False),
        (1, 1, "漏れを\n確認", False),
        (2, 2, "台帳に\n手入力※", True),
        (3, 2, "紙と\n突合せ※", True),
        (4, 3, "紙で\n決裁※", True),
        (5, 2, "印刷し\n郵送", False),
    ]
    bottom = _lane_panel(c, 60, "見直し前", before, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)])
    after = [
        (0, 0, "スマホ等\nで申請", False),
        (0, 1, "来庁者は\n聞き取り", False),
        (1, 2, "データを\n取込み", False),
        (2, 2, "画面で\n確認", False),
        (3, 3, "電子で\n決裁", False),
        (4, 2, "電子等で\n通知", False),
    ]
    bottom = _lane_panel(c, bottom + 24, "見直し後", after, [(0, 2), (1, 2), (2, 3), (3, 4), (4, 5)])
    text(
        c,
        QRectF(24, bottom + 12, 712, 30),
        "※ボトルネック（転記・突合せ・決裁の待ち）。赤い点線の枠で示しています。",
        px=18,
        color=RED,
        align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    )
    text(
        c,
        QRectF(24, bottom + 46, 712, 60),
        "見直し後は、住民が書く場面をなくし、転記と突合せをやめ、\n決裁を電子にしています（説明のための例です）。",
        px=18,
        align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    )
    return finish(c, "bpr-swimlane.png")


def inquiry_chart(family: str) -> Path:
    """税務課への電話の問合せ: a grouped bar chart with patterns, values on the bars."""
    c = new_canvas("inquiry-chart", 560, family)
    text(c, QRectF(20, 12, 720, 40), "税務課への電話の問合せ（月別・内容別）", px=25, bold=True)
    text(c, QRectF(20, 50, 720, 28), "（説明のための架空の数字）", px=18, color=MUTED)
    months = ["1月", "2月", "3月"]
    series = [
        ("申告の要否", BLUE, BLUE_FILL, Qt.BrushStyle.SolidPattern, (120, 310, 280)),
        ("申告書の入手", GREEN, GREEN_FILL, Qt.BrushStyle.BDiagPattern, (80, 150, 90)),
        ("納付の方法", ORANGE, ORANGE_FILL, Qt.BrushStyle.CrossPattern, (30, 40, 60)),
    ]
    plot = QRectF(90, 130, 420, 340)  # x from 90 to 510, y from 130 (350 件) to 470 (0 件)
    top_value = 350
    for v in range(0, top_value + 1, 50):
        y = plot.bottom() - plot.height() * v / top_value
        c.painter.setPen(QPen(QColor("#bfbfbf"), 1))
        c.painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        text(c, QRectF(20, y - 12, 62, 24), str(v), px=18, color=MUTED,
             align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    text(c, QRectF(20, 96, 100, 28), "（件）", px=18, color=MUTED,
         align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    c.painter.setPen(QPen(INK, 2))
    c.painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
    c.painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    group_w = plot.width() / len(months)
    bar_w = 36.0
    for m, month in enumerate(months):
        gx = plot.left() + m * group_w
        text(c, QRectF(gx, plot.bottom() + 6, group_w, 28), month, px=20, bold=True)
        start = gx + (group_w - bar_w * len(series)) / 2
        for k, (_, line, fill, pattern, values) in enumerate(series):
            value = values[m]
            bh = plot.height() * value / top_value
            rect = QRectF(start + k * bar_w, plot.bottom() - bh, bar_w - 4, bh)
            c.painter.setPen(QPen(line, 2))
            c.painter.setBrush(fill)
            c.painter.drawRect(rect)
            if pattern is not Qt.BrushStyle.SolidPattern:
                c.painter.setBrush(QBrush(line, pattern))
                c.painter.drawRect(rect)
            text(c, QRectF(rect.left() - 14, rect.top() - 26, rect.width() + 28, 24), str(value),
                 px=18, bold=True)
    legend_x, legend_y = 540.0, 150.0
    for k, (name, line, fill, pattern, _) in enumerate(series):
        y = legend_y + k * 56
        swatch = QRectF(legend_x, y, 34, 30)
        c.painter.setPen(QPen(line, 2))
        c.painter.setBrush(fill)
        c.painter.drawRect(swatch)
        if pattern is not Qt.BrushStyle.SolidPattern:
            c.painter.setBrush(QBrush(line, pattern))
            c.painter.drawRect(swatch)
        text(c, QRectF(legend_x + 42, y - 2, 180, 34), name, px=18,
             align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    text(c, QRectF(540, 330, 200, 120), "同じ月の棒を\n比べると、\n内容ごとの\n違いが分かる", px=18,
         color=MUTED, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return finish(c, "inquiry-chart.png")


DIAGRAMS: tuple[Callable[[str], Path], ...] = (
    dx_two_sides,
    three_roles,
    three_layer_network,
    security_models,
    small_steps_cycle,
    regional_dx_partners,
    dx_steps,
    bpr_swimlane,
    inquiry_chart,
)


def _pin_none() -> None:
    """Work around a reference-count bug seen with PySide6 6.12 on Python 3.11.

    There, every QPainter call gives back one reference to ``None`` that it never took
    (``sys.getrefcount(None)`` falls by one per call).  ``None`` is not immortal before
    Python 3.12, so after a few thousand calls the interpreter aborts at exit
    ("none_dealloc"), after the PNGs are written but with a failing exit status.  Taking
    references that are never given back keeps the count positive; it changes no pixel.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    for _ in range(200_000):
        incref(None)


def main() -> int:
    _pin_none()
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
