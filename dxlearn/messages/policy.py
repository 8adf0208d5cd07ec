"""Messages about the organisation policy file (policy.toml)."""

from dxlearn.messages.catalogue import Entry as E

_DEFAULT_JA = "既定の設定で動かします。"
_DEFAULT_EN = "; the default is used"
_ALL_JA = "すべての項目を既定の設定で動かします。"
_ALL_EN = "; every key uses its default"

MESSAGES = {
    "policy.env_missing": E(
        "環境変数 {variable} が指すファイルが見つかりません。ほかの場所の設定を探します。",
        "{variable} names a file that does not exist; looking in the other places"),
    "policy.unreadable": E(f"ファイルを読み取れません（{{reason}}）。{_ALL_JA}",
                           f"cannot read the file ({{reason}}){_ALL_EN}"),
    "policy.too_large": E(f"ファイルが大きすぎます（{{limit}} バイトまで）。{_ALL_JA}",
                          f"the file is too large (at most {{limit}} bytes){_ALL_EN}"),
    "policy.encoding_unknown": E(
        f"文字コードを読み取れません。UTF-8 で保存し直してください。{_ALL_JA}",
        f"not UTF-8 (nor CP932): save it as UTF-8{_ALL_EN}"),
    "policy.encoding_wide": E(
        f"UTF-16 または UTF-32（メモ帳の「Unicode」）で保存されています。UTF-8 で保存し直して"
        f"ください。{_ALL_JA}",
        f"saved as UTF-16 or UTF-32 (Notepad's 'Unicode'): save it as UTF-8{_ALL_EN}"),
    "policy.encoding_mixed": E(
        f"UTF-8 と Shift_JIS が混ざっています。UTF-8 で保存し直してください。{_ALL_JA}",
        f"UTF-8 and Shift_JIS are mixed in the file: save it as UTF-8{_ALL_EN}"),
    "policy.encoding_cp932": E(
        "文字コードが Shift_JIS（CP932）です。読み取りましたが、UTF-8 で保存し直してください。",
        "encoded as CP932 (Shift_JIS); it was read, but save it as UTF-8"),
    "policy.syntax": E(f"書式に誤りがあります（{{detail}}）。{_ALL_JA}",
                       f"TOML syntax error ({{detail}}){_ALL_EN}"),
    "policy.syntax_escape": E(
        f"書式に誤りがあります（{{detail}}）。Windows のフォルダー名は '\\\\server\\share' のように"
        f"単一引用符（'）で囲んでください。{_ALL_JA}",
        f"TOML syntax error ({{detail}}){_ALL_EN}. Write Windows paths in single quotes: "
        "'\\\\server\\share'"),
    "policy.unreasonable": E(
        f"値が大きすぎるか、入れ子が深すぎます（{{detail}}）。{_ALL_JA}",
        f"a value is too large or nested too deeply ({{detail}}){_ALL_EN}"),
    "policy.unknown_key": E("「{key}」という項目はありません。この行は使われません。",
                            "unknown key '{key}'; it is ignored"),
    "policy.unknown_key_near": E(
        "「{key}」という項目はありません。「{near}」の誤りではありませんか。この行は使われません。",
        "unknown key '{key}'; did you mean '{near}'?; it is ignored"),
    "policy.want_text": E(f"文字列（\"...\"）で書いてください（いまの値：{{value}}）。{_DEFAULT_JA}",
                          f"must be a string (got {{value}}){_DEFAULT_EN}"),
    "policy.want_flag": E(f"true か false で書いてください（いまの値：{{value}}）。{_DEFAULT_JA}",
                          f"must be true or false (got {{value}}){_DEFAULT_EN}"),
    "policy.want_count": E(f"0 以上の整数で書いてください（いまの値：{{value}}）。{_DEFAULT_JA}",
                           f"must be an integer >= 0 (got {{value}}){_DEFAULT_EN}"),
    "policy.want_hex": E("16進数の文字列で書いてください（いまの値：{value}）。"
                         "出力ファイルは署名なしで作られます。",
                         "must be a hexadecimal string (got {value}); exports are not signed"),
    "policy.want_path": E(
        f"フォルダーやファイルの場所を表す文字列で書いてください（いまの値：{{value}}）。{_DEFAULT_JA}",
        f"must be a path string (got {{value}}){_DEFAULT_EN}"),
    "policy.want_path_list": E(
        f"文字列のリスト（['...', '...']）で書いてください（いまの値：{{value}}）。{_DEFAULT_JA}",
        f"must be a list of strings (got {{value}}){_DEFAULT_EN}"),
    "policy.backup_keep_capped": E(
        "{value} は多すぎます。バックアップは {limit} 個まで残します。",
        "{value} is too many; at most {limit} backups are kept"),
    "policy.key_unusable": E("{reason} 出力ファイルは署名なしで作られます。",
                             "{reason}; exports are not signed"),
    "policy.want_retention": E(
        f"0.7 から 0.99 までの小数で書いてください（例：0.9 は、問題の9割を思い出せる間隔で復習を出す設定です。いまの値：{{value}}）。{_DEFAULT_JA}",
        f"must be a number from 0.7 to 0.99 (e.g. 0.9: reviews are spaced so that 90 % is "
        f"remembered; got {{value}}){_DEFAULT_EN}"),
    "policy.timezone_unknown": E(
        f"タイムゾーン「{{value}}」が見つかりません（例：'Asia/Tokyo'）。{_DEFAULT_JA}",
        f"unknown time zone '{{value}}' (e.g. 'Asia/Tokyo'){_DEFAULT_EN}"),
    "policy.control_character": E(
        f"場所に制御文字が含まれています。Windows のパスは '...'（単一引用符）で囲んでください。{_DEFAULT_JA}",
        "contains a control character: write Windows paths in single quotes "
        f"('\\\\server\\share'){_DEFAULT_EN}"),
    "policy.folder_missing": E(f"フォルダー {{path}} が見つからないか、開けません。{_DEFAULT_JA}",
                               f"the folder {{path}} does not exist or cannot be reached"
                               f"{_DEFAULT_EN}"),
    "policy.file_missing": E("ファイル {path} が見つからないか、開けません。この項目は使われません。",
                             "the file {path} does not exist or cannot be reached; it is not used"),
    "policy.data_dir_missing": E(
        "フォルダー {path} が見つからないか、開けません。学習記録は既定の場所"
        "（このパソコンの利用者フォルダー）に保存します。",
        "the folder {path} (or its parent) cannot be reached; progress is kept in the per-user "
        "default folder"),
    "policy.library_not_loaded": E("教材フォルダー {path} を読み込めませんでした。",
                                   "the library {path} could not be loaded"),
    "policy.roster_unusable": E("職員名簿を読み取れません（{reason}）。登録画面の候補は表示されません。",
                                "the roster cannot be used ({reason})"),
    "policy.roster_problem": E("職員名簿：{problem}", "roster: {problem}"),
    "policy.db_password": E(
        "データベースの指定にパスワードが含まれています。このファイルは学習者も読めるため、"
        "パスワードは書かないでください（Windows 統合認証を使うか、パスワードファイルを使います。"
        "docs/it-admin.md）。この項目は使われません。",
        "the database URL holds a password; learners can read this file, so never put a password "
        "in it (use Windows integrated authentication or a password file: docs/it-admin.md); "
        "the key is not used"),
    "policy.db_not_server": E(
        "サーバーのデータベース（postgresql+psycopg://サーバー/データベース）を指定してください"
        "（いまの値：{value}）。パソコンごとのファイルの場所は data_dir で指定します。"
        "この項目は使われません。",
        "give a server database (postgresql+psycopg://server/database), not {value}; a per-PC "
        "file's folder is data_dir; the key is not used"),
}
