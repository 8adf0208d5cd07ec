"""Messages of the HR exports: writing them, what the command prints, what went wrong."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "export.plain": E("{text}", "{text}"),
    "export.cancelled": E("書き出しを中止しました。ファイルは作られていません。",
                          "export cancelled; nothing was written"),
    "export.unknown_encoding": E(
        "文字コード {encoding} には対応していません。utf-8-sig か cp932 を指定してください。",
        "unknown encoding {encoding}; use utf-8-sig or cp932"),
    "export.unknown_header": E("見出しの言語 {header} には対応していません。en か ja を指定してください。",
                               "unknown header language {header}; use en or ja"),
    "export.unknown_suffix": E(
        "{file}：拡張子「{suffix}」からは形式が分かりません。.csv、.xlsx、.json のどれかにするか、"
        "--format を指定してください。",
        "{file}: cannot tell the format from the suffix '{suffix}'; use .csv, .xlsx or "
        ".json, or pass --format"),
    "export.suffix_contradicts_format": E(
        "{file}：拡張子「{suffix}」と形式 {format} が合いません。Excel などが正しく開けないため、"
        "拡張子を形式に合わせてください。",
        "{file}: the suffix '{suffix}' says another format than {format}; a spreadsheet "
        "would not open it; name the file after its format"),
    "export.xapi_scope": E(
        "xAPI はレッスンごとの記録（明細）だけを書き出します。--scope summary は指定できません。",
        "xAPI holds per-lesson statements only: --scope summary cannot be used with it"),
    "export.unknown_learner": E(
        "職員番号 {ids} の学習者は {where} にいません。番号を確かめてください（先頭の0も番号の一部です）。",
        "no learner with staff_id {ids} in {where}; check the number (leading zeros count)"),
    "export.folder_missing": E("保存先のフォルダー {folder} がありません。作成するか、別のフォルダーを選んでください。",
                               "the folder {folder} does not exist; create it or choose another"),
    "export.target_is_folder": E("{path} はフォルダーです。ファイル名を指定してください。",
                                 "{path} is a folder; name a file"),
    "export.cannot_write": E(
        "{path} に書き込めません（{reason}）。フォルダーに書き込めるか、ディスクに空きがあるか確かめてください。",
        "{path}: cannot write ({reason}); check the folder is writable and the disk has space"),
    "export.sidecar_cannot_write": E(
        "署名ファイル {path} を書き込めません（{reason}）。書き出したファイルも消しました。",
        "{path}: cannot write the signature ({reason}); the export was removed too"),
    "export.cell_encoding": E(
        "{row} 行目（ファイルの {line} 行目、職員番号 {staff_id}）の「{heading}」列：{char!r}（{code}）は "
        "{encoding} で書けません。--encoding utf-8-sig で書き出すか、値を直してください。",
        "row {row} (file line {line}, staff_id {staff_id}), column {heading}: {char!r} "
        "({code}) cannot be written in {encoding}; export with --encoding utf-8-sig, or "
        "correct the value"),
    "export.cell_encoding_somewhere": E("{encoding} で書けない値があります。",
                                        "a value cannot be written in {encoding}"),
    "export.cell_control": E(
        "シート {sheet} の {row} 行目「{heading}」列：Excel に保存できない制御文字があります。値を直してください。",
        "sheet {sheet}, row {row}, column {heading}: the value holds a control character "
        "Excel cannot store; correct it"),
    "export.library_missing": E(
        "教材 {id} がこのPCで見つかりません。その記録はデータベースにある内容で書き出しました"
        "（レッスン名と必須は空欄、集計の必須数も空欄です）。教材のフォルダーを確かめてください。",
        "library {id} is not found on this PC; its records were exported as the database "
        "holds them (lesson title and required empty, no required counts in a summary); check "
        "the library folder"),
    "export.library_missing_xapi": E(
        "教材 {id} がこのPCで見つからないため、その記録は xAPI ファイルに入れていません（CSV・Excel の"
        "書き出しには入ります）。",
        "library {id} is not found on this PC: its records are not in the xAPI file (CSV and "
        "XLSX exports carry them)"),
    "export.rows_one": E("{count} 行", "{count} row"),
    "export.rows": E("{count} 行", "{count} rows"),
    "export.statements_one": E("{count} 件のステートメント", "{count} statement"),
    "export.statements": E("{count} 件のステートメント", "{count} statements"),
    "export.written_signed": E(
        "{path}：{count}（{format}、{scope}、教材 {libraries}）を書き出しました。{sidecar} も作成し、"
        "鍵 {key_id} で署名しました。",
        "{path}: {count} ({format}, {scope}, libraries {libraries}); {sidecar} written, "
        "signed with key {key_id}"),
    "export.written_unsigned": E(
        "{path}：{count}（{format}、{scope}、教材 {libraries}）を書き出しました。{sidecar} も作成しました"
        "（鍵がないため署名はありません）。",
        "{path}: {count} ({format}, {scope}, libraries {libraries}); {sidecar} written, "
        "unsigned (no key)"),
    "export.warning": E("dxlearn export: 注意: {message}", "dxlearn export: warning: {message}"),
    "export.library_not_loaded": E(
        "教材のフォルダー {path} を読み込めませんでした。その教材の記録は、データベースの内容だけで書き出します。",
        "the library folder {path} could not be loaded; its records are exported from the "
        "database alone"),
    "export.not_complete": E(
        "{staff_id} {name}：「{title}」はまだ修了していません（必須レッスン {total} 件のうち {done} 件修了）。"
        "修了証は必須レッスンをすべて修了すると発行できます。",
        "{staff_id} {name}: the curriculum '{title}' is not complete ({done} of {total} "
        "required lessons completed); a certificate is issued once every required lesson is "
        "completed"),
}
