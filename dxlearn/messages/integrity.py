"""Messages of signatures, verification and the export key."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "integrity.key_empty": E(
        "{source}：出力用の鍵が空です。16進数で32桁以上を書くか、項目ごと削除してください。",
        "{source}: the export key is empty; write at least 32 hex digits, or remove the key."),
    "integrity.key_not_hex": E(
        "{source}：出力用の鍵は16進数（0〜9、a〜f）で書いてください（例：64桁）。",
        "{source}: the export key must be hexadecimal (0-9, a-f), e.g. 64 hex digits."),
    "integrity.key_short": E(
        "{source}：出力用の鍵が短すぎます（{size} バイト）。16進数で32桁以上にしてください。",
        "{source}: the export key is too short ({size} bytes); use at least 32 hex digits."),
    "integrity.key_file_unreadable": E(
        "{source}：鍵のファイルを読み取れません（{reason}）。",
        "{source}: the key file cannot be read ({reason})."),
    "integrity.key_file_too_large": E(
        "{source}：鍵のファイルが大きすぎます（{limit} バイトまで）。鍵のファイルには16進数の鍵を"
        "1行だけ書きます。",
        "{source}: the key file is too large (at most {limit} bytes); it holds one line of hex."),
}
