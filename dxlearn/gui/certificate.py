"""修了証 (certificate of completion) to PDF with Qt's own PDF writer (no browser engine).

The facts come from ``dxlearn.export.certificate_data`` (no Qt); this module fills
``resources/certificate.html`` and paints it on an A4 landscape page with ``QTextDocument``
and ``QPdfWriter``. The Japanese font is set explicitly (IPA fonts on Linux, Yu Gothic or
Meiryo on Windows), so the PDF never falls back to boxes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from dxlearn.export.certificate_data import CertificateData, fill_template

logger = logging.getLogger(__name__)

FONT_FAMILIES = ("IPAPGothic", "IPAGothic", "Yu Gothic", "Meiryo", "MS PGothic",
                 "Noto Sans CJK JP")
RESOLUTION = 300  # dpi of the PDF's layout


def _font_family() -> str:
    from PySide6.QtGui import QFontDatabase

    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    logger.warning("no Japanese font found among %s; the PDF may show boxes", FONT_FAMILIES)
    return FONT_FAMILIES[0]


def template_path() -> Path:
    from dxlearn.paths import resources_dir

    return resources_dir() / "certificate.html"


def write_certificate_pdf(data: CertificateData, path: Path,
                          template: Path | None = None) -> Path:
    """Render the certificate to ``path`` (written to a temporary file, then renamed). The
    caller holds a QApplication (``gui.application.ensure_application``)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    from dxlearn.files.atomic import replace_into_place, temp_beside

    source = (template or template_path()).read_text(encoding="utf-8")
    family = _font_family()
    html = fill_template(source, data).replace("'IPAPGothic'", f"'{family}'", 1)
    temp = temp_beside(path)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(f"修了証 {data.name} {data.curriculum_title}")
        writer.setCreator("dxlearn")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Landscape,
                                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)
        document.setDefaultFont(QFont(family, 12))
        document.setHtml(html)
        page = writer.pageLayout().paintRectPixels(RESOLUTION)
        document.setPageSize(QSizeF(page.width(), page.height()))
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write a PDF at {path}")
        try:
            height = document.size().height()
            if height < page.height():  # centre the certificate vertically
                painter.translate(0, (page.height() - height) / 2)
            document.drawContents(painter)
        finally:
            painter.end()
        del writer
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    replace_into_place(temp, path)
    logger.info("certificate %s for %s written to %s", data.number, data.staff_id, path)
    return path

