"""The one exception the store raises to its callers.

Every failure a learner can see carries a stable ``code`` (``store.<code>`` in the message
catalogue, ``dxlearn.messages``: the GUI shows it in the learner's language, the CLI in
``--lang``) and the ``path`` of the file or folder concerned (so the message can say where,
and the IT office can act). ``detail`` is technical text for the log.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dxlearn.messages import text

# The codes a read-only store gives as its reason (``OpenReport.read_only_reason``).
READ_ONLY_REASONS = frozenset({"second_instance", "data_dir_read_only", "database_read_only"})
# The server could not be reached or did not answer in time: the offline journal takes the
# learner's writes (``store/server.py``), the window says the server is away.
UNREACHABLE = frozenset({"server_unreachable", "server_timeout", "server_busy"})
# The transaction was rolled back by the server for a reason that passes (a serialisation
# failure, a deadlock, a lock wait): tried again at once.
RETRYABLE = frozenset({"database_locked"})


class StoreError(Exception):
    """A failure of the progress store, with a stable ``code`` and the ``path`` concerned.

    ``path`` is always text (a file or folder path, or a database URL without password).
    """

    def __init__(
        self,
        code: str,
        path: Path | str | None = None,
        detail: str = "",
        *,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.code = code
        self.path: str | None = None if path is None else str(path)  # file path or URL
        self.detail = detail
        self.params: dict[str, object] = dict(params or {})  # the message's placeholders
        super().__init__(code)

    @property
    def unreachable(self) -> bool:
        return self.code in UNREACHABLE

    def message(self, lang: str = "ja", *, with_path: bool = True) -> str:
        key = f"store.{self.code}"
        try:
            body = text(key, lang, **self.params)
        except KeyError:  # an unknown code (a bug) or a missing placeholder: still a message
            body = text("store.database_error", lang)
        if with_path and self.path:
            body += text("store.where", lang, path=self.path)
        return body

    def __str__(self) -> str:
        suffix = f" [{self.detail}]" if self.detail else ""
        return f"{self.code}: {self.message('en')}{suffix}"
