"""Export errors: each message names the file, row and column and says what to do."""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be written; nothing was left under the output name."""


class ExportCancelled(ExportError):
    """The progress callback asked to stop; nothing was written."""


class CellError(ExportError):
    """A value that the chosen format or encoding cannot hold."""

    def __init__(self, message: str, *, row: int, column: str, staff_id: str = "") -> None:
        super().__init__(message)
        self.row = row  # 1-based data row (the header is not counted)
        self.column = column
        self.staff_id = staff_id
