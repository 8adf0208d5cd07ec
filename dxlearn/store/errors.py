"""The one exception the store raises to its callers.

Every failure a learner can see carries a stable ``code`` (the GUI maps it to a calm, translated
message) and the ``path`` of the file or folder concerned (so the message can say where, and the
IT office can act). ``MESSAGES_JA`` is the default Japanese wording for logs and the CLI.
"""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)

MESSAGES_JA: dict[str, str] = {
    "data_dir_read_only": "学習記録のフォルダーに書き込めません。"
    "フォルダーの権限を確認してください。",
    "database_read_only": "学習記録のファイルが読み取り専用です。"
    "ファイルの属性を確認してください。",
    "second_instance": "dxlearn が既に起動しています。記録は最初に開いたウィンドウで行われます。",
    "disk_full": "ディスクの空き容量が不足しています。空き容量を確保してから続けてください。"
    " これまでの記録は失われていません。",
    "database_locked": "学習記録が他のプログラムで使用中です。"
    "しばらく待ってからやり直してください。",
    "io_error": "学習記録の読み書き中にエラーが発生しました。"
    "ネットワークや記憶装置を確認してください。",
    "cannot_open": "学習記録のファイルを開けません。パスと権限を確認してください。",
    "damaged": "学習記録のファイルが壊れています。",
    "backup_failed": "バックアップを作成できなかったため、データベースの更新を中止しました。",
    "migration_failed": "学習記録の形式を更新できませんでした。"
    "元のファイルはバックアップにあります。",
    "database_error": "学習記録の処理中にエラーが発生しました。",
    "learner_exists": "この職員番号は既に登録されています。",
    "learner_unknown": "この職員番号は登録されていません。",
    "invalid_value": "入力値が正しくありません。",
    "attempt_unknown": "この受験記録は見つかりません。",
    "attempt_finished": "この受験は既に終了しています。",
    "attempt_limit": "受験回数の上限に達しています。",
    "too_new": "このデータベースは新しい版の dxlearn で作成されています。"
    "アプリを更新してください。",
}


class StoreError(Exception):
    """A failure of the progress store, with a stable ``code`` and the ``path`` concerned.

    ``path`` is always text (a file or folder path, or a database URL without password).
    ``detail`` is technical text for the log (the original error); the learner sees the
    message chosen by ``code``.
    """

    def __init__(self, code: str, path: Path | str | None = None, detail: str = "") -> None:
        self.code = code
        self.path: str | None = None if path is None else str(path)  # file path or URL
        self.detail = detail
        super().__init__(self.message_ja)

    @property
    def message_ja(self) -> str:
        text = MESSAGES_JA.get(self.code, MESSAGES_JA["database_error"])
        return f"{text}（{self.path}）" if self.path else text

    def __str__(self) -> str:
        suffix = f" [{self.detail}]" if self.detail else ""
        return f"{self.code}: {self.message_ja}{suffix}"
