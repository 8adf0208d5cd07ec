"""The XLSX package around the spooled rows (``xlsx_rows``): the workbook and its spools, the
shared string table, and :func:`splice`, which copies the package openpyxl saved with each
spooled sheet's rows put in its ``sheetData`` and the shared string table added."""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl.workbook import Workbook

from dxlearn.export.xlsx_deflate import DeflatedSpool, write_entry


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML character references (text of an element)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class SharedStrings:
    """The workbook's shared string table (``xl/sharedStrings.xml``), filled as the table
    sheets' text cells are encoded: a cell holds the index of its text (``t="s"``), so a
    name, a lesson title or a status word repeated on thousands of rows is written once.
    openpyxl (3.1) writes every text cell inline and no table of its own; :func:`splice`
    adds this one to the package, with its content type and its relationship."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.texts: list[str] = []

    def add(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.texts)
            self.texts.append(text)
        return found

    def xml(self) -> bytes:
        parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}"'
                 f' uniqueCount="{len(self.texts)}">']
        for text in self.texts:
            space = ' xml:space="preserve"' if text.strip() != text else ""  # even all spaces
            parts.append(f"<si><t{space}>{escape(text)}</t></si>")
        parts.append("</sst>")
        return "".join(parts).encode("utf-8")


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS = "xl/sharedStrings.xml"
_STRINGS_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_STRINGS_REL = ('<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
_REL_ID = re.compile(r'Id="rId(\d+)"')


class SpooledWorkbook:
    """An openpyxl write-only workbook and the spooled data rows of its table sheets, kept
    together: the rows go into the package when it is saved (:func:`splice`), or are thrown
    away (:meth:`discard`)."""

    def __init__(self) -> None:
        self.workbook = Workbook(write_only=True)
        self.spools: list[tuple[Any, DeflatedSpool]] = []
        self.strings = SharedStrings()

    def discard(self) -> None:
        """Let go of a workbook that will not be saved (an error, a full disk): the spooled
        rows, and openpyxl's own row writers, closed now and quietly (closed later by the
        garbage collector, each printed an "Exception ignored" traceback on the terminal)."""
        for _ws, handle in self.spools:
            handle.close()
        self.spools.clear()
        for sheet in getattr(self.workbook, "_sheets", ()):
            rows = getattr(sheet, "_rows", None)
            if rows is not None:
                with contextlib.suppress(Exception):
                    rows.close()
                sheet._rows = None


CORE_PROPERTIES = "docProps/core.xml"
_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)([^<]*)(</dcterms:modified>)")


# zlib level of the saved package. Measured on the 500-file merge report's detail sheet
# (85 MiB of XML, bench/README.md "merge"): level 6 (zipfile's default) 1.10 s -> 7.6 MiB,
# level 2 0.31 s -> 9.4 MiB, level 1 0.33 s -> 10.0 MiB. Level 2: 3.6x faster for a file
# about a quarter larger.
COMPRESS_LEVEL = 2


def splice(book: SpooledWorkbook, saved: Path, target: Path,
           stamp: tuple[int, int, int, int, int, int] | None = None) -> bool:
    """Copy the package ``saved`` to ``target`` with each spooled sheet's rows put in its
    ``sheetData``; False (nothing written) when the workbook has no spooled rows and no
    ``stamp``. ``stamp``: the date and time of every entry of the package (a workbook written
    from the same records at the same export time is then the same bytes)."""
    spools, book.spools = book.spools, []
    strings = book.strings.xml() if book.strings.texts else None
    if not spools and stamp is None and strings is None:
        return False
    by_name = {ws.path.lstrip("/"): handle for ws, handle in spools}
    try:
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(
                target, "w", zipfile.ZIP_DEFLATED, allowZip64=True,
                compresslevel=COMPRESS_LEVEL) as out:
            names = source.namelist()
            if strings is not None and SHARED_STRINGS in names:
                raise ValueError(f"{SHARED_STRINGS}: openpyxl wrote a table of its own")
            for info in source.infolist():
                data = source.read(info.filename)
                handle = by_name.get(info.filename)
                if strings is not None and info.filename in _ANNOUNCE:
                    data = _ANNOUNCE[info.filename](data)
                if handle is None:
                    if stamp is not None:
                        info.date_time = stamp
                        if info.filename == CORE_PROPERTIES:  # openpyxl stamps the save time
                            when = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*stamp)
                            data = _MODIFIED.sub(rf"\g<1>{when}\g<3>",
                                                 data.decode("utf-8")).encode("utf-8")
                    out.writestr(info, data, zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)
                    continue
                text = data.decode("utf-8")
                cut = text.rfind("</sheetData>")
                if cut < 0:
                    raise ValueError(f"{info.filename}: no sheetData to put the rows in")
                entry = zipfile.ZipInfo(info.filename, date_time=stamp or info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                # open() has no level argument; zipfile reads it from here (Python 3.13 names
                # it compress_level and keeps this name as an alias)
                entry._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]
                with out.open(entry, "w", force_zip64=True) as stream:
                    write_entry(stream, text[:cut].encode("utf-8"), handle,
                                text[cut:].encode("utf-8"))
            if strings is not None:
                made = stamp or source.infolist()[0].date_time  # as openpyxl's entries
                out.writestr(zipfile.ZipInfo(SHARED_STRINGS, date_time=made), strings,
                             zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)
    finally:
        for _ws, handle in spools:
            handle.close()
    return True


def _with_strings_type(data: bytes) -> bytes:
    """``[Content_Types].xml`` naming the shared string table's part."""
    text = data.decode("utf-8")
    cut = text.rindex("</Types>")
    return (text[:cut] + _STRINGS_TYPE + text[cut:]).encode("utf-8")


def _with_strings_relationship(data: bytes) -> bytes:
    """The workbook's relationships with one to the shared string table (the next free
    ``rIdN``)."""
    text = data.decode("utf-8")
    number = max((int(n) for n in _REL_ID.findall(text)), default=0) + 1
    cut = text.rindex("</Relationships>")
    return (text[:cut] + _STRINGS_REL.format(id=f"rId{number}") + text[cut:]).encode("utf-8")


_ANNOUNCE: dict[str, Callable[[bytes], bytes]] = {
    "[Content_Types].xml": _with_strings_type,
    "xl/_rels/workbook.xml.rels": _with_strings_relationship,
}
