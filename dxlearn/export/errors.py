"""Export errors: each names the file, row and column and says what to do.

They carry a catalogue code (``dxlearn/messages/export.py``); the CLI and the GUI show them in
the reader's language (``error.message(lang)``). A plain sentence is still accepted (shown as
it is) for the few places whose wording is not in the catalogue yet.
"""

from __future__ import annotations

import logging

from dxlearn.messages import CodedError

logger = logging.getLogger(__name__)

PLAIN = "export.plain"  # "{text}": a sentence given instead of a code


class ExportError(CodedError):
    """An export could not be written; nothing was left under the output name."""

    def __init__(self, code: str, /, **params: object) -> None:
        if not params and (" " in code or not code.startswith(("export.", "hr.",
                                                                 "integrity."))):
            code, params = PLAIN, {"text": code}
        super().__init__(code, **params)


class ExportCancelled(ExportError):
    """The progress callback asked to stop; nothing was written."""

    def __init__(self, code: str = "export.cancelled", /, **params: object) -> None:
        super().__init__(code, **params)


class CellError(ExportError):
    """A value that the chosen format or encoding cannot hold."""

    def __init__(self, code: str, /, *, row: int, column: str, staff_id: str = "",
                 **params: object) -> None:
        super().__init__(code, row=row, column=column, staff_id=staff_id, **params)
        self.row = row  # 1-based data row (the header is not counted)
        self.column = column
        self.staff_id = staff_id
