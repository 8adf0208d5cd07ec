"""The one mapping from an exception to what the learner reads, in their language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dxlearn.messages import CodedError
from dxlearn.store.errors import StoreError


def error_text(error: BaseException, language: str) -> tuple[str, bool]:
    """(text, unexpected). Store, policy, pack and export errors carry a catalogue code or a
    message written for people; anything else is unexpected: a calm text, and the caller logs
    the traceback."""
    if isinstance(error, StoreError):
        return error.message(language), False
    if isinstance(error, CodedError):
        return error.message(language), False
    from dxlearn.export.errors import ExportError

    if isinstance(error, ExportError):
        return str(error), False
    return QCoreApplication.translate(
        "operations", "予期しない問題が発生しました。これまでの学習記録は保存されています。\n"
        "もう一度操作してみてください。続く場合はアプリを再起動してください。"), True
