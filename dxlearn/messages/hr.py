"""Messages of what HR does with collected files: the roster, merging, the report."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "hr.roster_unreadable": E("{path}：職員名簿を読み取れません（{reason}）。",
                              "{path}: cannot read the roster ({reason})"),
    "hr.roster_too_large": E("{path}：職員名簿が大きすぎます（{limit} バイトまで）。",
                             "{path}: the roster is too large (at most {limit} bytes)"),
    "hr.roster_bad_xlsx": E("{path}：Excel の職員名簿として読み取れません（{detail}）。",
                            "{path}: not a readable XLSX roster ({detail})"),
    "hr.roster_bad_csv": E("{path}：CSV の職員名簿として読み取れません（{detail}）。",
                           "{path}: not a readable CSV roster ({detail})"),
    "hr.roster_encoding": E(
        "{path}：職員名簿の文字コードを読み取れません。UTF-8 か Shift_JIS（CP932）で保存してください。",
        "{path}: the roster is neither UTF-8 nor Shift_JIS (CP932); save it as one of them"),
    "hr.roster_empty": E("{path}：職員名簿が空です。", "{path}: the roster is empty"),
    "hr.roster_no_staff_id": E(
        "{path}：職員名簿の1行目（見出し）に「職員番号」（staff_id）の列が必要です。氏名・所属・役割"
        "（name, department, role）の列も付けてください。",
        "{path}: the roster needs a staff_id (職員番号) column in its header row, with name, "
        "department and role (氏名, 所属, 役割)"),
    "hr.roster_duplicate": E("{file} の {line} 行目：職員番号 {id} が2回あります。最初の行を使います。",
                             "{file} line {line}: staff_id {id} listed twice; the first entry "
                             "is used"),
}
