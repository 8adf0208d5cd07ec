"""Export errors: each names the file, row and column and says what to do.

They carry a catalogue code (``dxlearn/messages/export.py``); the CLI and the GUI show them in
the reader's language (``error.message(lang)``). A plain sentence is still accepted (shown as
it is) for the few places whose wording is not in the catalogue yet.
"""

from __future__ import annotations

import re

from dxlearn.messages import Message, text

PLAIN = "export.plain"  # "{text}": a sentence given instead of a code
_CODE = re.compile(r"[a-z]+\.[a-z0-9_]+")


class ExportError(Exception):
    """An export could not be written; nothing was left under the output name.

    Carries a catalogue code like ``messages.CodedError`` (``code``, ``params``,
    ``message(lang)``, ``as_message()``; ``str()`` is the English text). Not a subclass of it:
    ``xapi.XapiError`` is both, and derives from the two."""

    code: str
    params: dict[str, object]

    def __init__(self, code: str = PLAIN, /, **params: object) -> None:
        if not params and not _CODE.fullmatch(code):
            code, params = PLAIN, {"text": code}
        if getattr(self, "code", None) is None:  # not already set by CodedError (XapiError)
            self.code = code
            self.params = dict(params)
        super().__init__(code)

    def message(self, lang: str = "ja") -> str:
        return text(self.code, lang, **self.params)

    def as_message(self) -> Message:
        return Message(self.code, dict(self.params))

    def __str__(self) -> str:
        return self.message("en")


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
