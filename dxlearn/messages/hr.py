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
    "hr.roster_role_unknown": E(
        "{file} の {line} 行目：職員番号 {id} の役割「{role}」は、このPCの教材にない役割です"
        "（使える役割：{known}、またはその表示名）。名簿を直してください。記録があれば記録の役割で、なければ「（未設定）」として集計します。",
        "{file} line {line}: staff_id {id} has the role '{role}', which no library here "
        "knows (roles: {known}, or their labels); correct the roster. Counted under their "
        "records' role, or as not set without records"),
    "hr.roster_role_missing": E(
        "{file} の {line} 行目：職員番号 {id} の役割が空欄です（使える役割：{known}）。",
        "{file} line {line}: staff_id {id} has no role (roles: {known})"),
    "hr.roster_numeric_padded": E(
        "{file} の {line} 行目：職員番号 {id} は Excel で数値になっていたため、記録と同じ桁数の {padded} "
        "として読みました。",
        "{file} line {line}: staff_id {id} was a number in Excel; read as {padded}, the width "
        "the records use"),
    "hr.roster_zeros_matched": E(
        "{file} の {line} 行目：名簿の職員番号 {id} を、先頭の0が消えたものとみなして記録の {recorded} "
        "と照合しました。名簿の番号を確かめてください。",
        "{file} line {line}: roster staff_id {id} matched to the recorded {recorded} (its "
        "leading zeros were lost, as Excel does); check the roster"),
    "hr.roster_zeros_ambiguous": E(
        "{file}：名簿の職員番号 {ids} と記録の {recorded} は先頭の0を除くと同じ番号になり、どれとどれが"
        "同じ人か決められないため、照合していません。名簿の番号を記録どおり（先頭の0付き）に直してください。",
        "{file}: roster staff_id(s) {ids} and recorded {recorded} are the same once leading "
        "zeros are stripped, and which is whom cannot be told: not matched; write the roster's "
        "ids as recorded (with their leading zeros)"),
    "hr.roster_zeros_lookalike": E(
        "記録の職員番号 {recorded} は、名簿の {ids} と先頭の0だけが違います。同じ人なら登録を確かめてください"
        "（名簿外として扱います）。",
        "recorded staff_id {recorded} differs from the roster's {ids} only by leading zeros; "
        "if it is the same person, check the registration (kept apart, not on the roster)"),
    "hr.roster_unusable": E("名簿を使えません：{reason}", "the roster cannot be used: {reason}"),
    "hr.roster_ok": E("問題ありません", "no problems"),
    # -- inputs ---------------------------------------------------------------------------------
    "hr.input_missing": E(
        "入力 {path} がありません。ファイルまたはフォルダーの名前を確かめてください。何も書き出していません。",
        "the input {path} does not exist; check the file or folder name (nothing was written)"),
    "hr.input_not_a_file": E("{path} は通常のファイルでもフォルダーでもないため、読みません。",
                             "{path} is neither a regular file nor a folder: not read"),
    "hr.folder_unreadable": E("フォルダー {path} を読み取れないため、その中は探していません（{reason}）。",
                              "the folder {path} cannot be read, so it was not searched "
                              "({reason})"),
    "hr.output_is_input": E(
        "報告書の出力先 {path} は入力ファイルの一つです。入力を上書きしないよう、別の名前を指定してください。",
        "the report {path} is one of the inputs; choose another name (an input is never "
        "overwritten)"),
    "hr.report_suffix": E("{file}：報告書の拡張子は .xlsx か .csv にしてください。",
                          "{file}: the report must be .xlsx or .csv"),
    "hr.report_folder_missing": E("報告書の保存先フォルダー {folder} がありません。先に作成してください。",
                                  "the folder {folder} does not exist; create it first"),
    "hr.report_is_folder": E("{path} はフォルダーです。報告書のファイル名を指定してください。",
                             "{path} is a folder; name the report file"),
    "hr.report_cannot_write": E("報告書 {path} を書き込めません（{reason}）。",
                                "{path}: cannot write the report ({reason})"),
    "hr.report_cell": E("報告書 {path} を書けませんでした：{reason}",
                        "{path}: the report could not be written: {reason}"),
    "hr.nothing_to_merge": E(
        "{count} 件の入力のどれにも使える明細の行がないため、報告書は作っていません。各入力の状況は上のとおりです"
        "（明細は dxlearn export --scope detail で書き出します）。",
        "none of the {count} input(s) holds a usable detail row: no report written; each "
        "input is listed above (detail exports: dxlearn export --scope detail)"),
    "hr.cancelled": E("統合を中止しました。", "merge cancelled"),
    "hr.progress": E("統合中", "merging"),
    "hr.merged": E(
        "{path}：受講者 {learners} 行、明細 {rows} 行（入力 {inputs} 件のうち {used} 件を使用）",
        "{path}: {learners} learner row(s), {rows} detail row(s) from {used} of {inputs} "
        "input file(s)"),
    "hr.input_line": E("{path}：{verdict}、{used}、{rows}：{message}",
                       "{path}: {verdict}, {used}, {rows}: {message}"),
    "hr.used": E("使用", "used"),
    "hr.left_out": E("不使用", "LEFT OUT"),
    "hr.join": E("／", "; "),
    "hr.label_duplicate": E("重複", "duplicate"),
    "hr.label_unusable": E("使用不可", "unusable"),
    "hr.label_unreadable_rows": E("読み取れない行あり", "unreadable_rows"),
    "hr.label_roster": E("名簿", "roster"),
    "hr.group_unset": E("（未設定）", "(not set)"),
    "hr.input_duplicate": E("{first} と同じ内容のため、1回だけ使います。",
                            "same bytes as {first}; used once"),
    "hr.left_out_altered": E(
        "改変されたファイル（または署名の合わないファイル）は使いません。確かめたうえで使うときは "
        "--include-altered を付けてください（注意の印が付きます）。",
        "left out: an altered file (or a wrong signature) is never used unless "
        "--include-altered is given (then it is flagged)"),
    "hr.left_out_unproven": E("正当（署名一致）でないため使いません（--require-signature）。",
                              "left out (--require-signature)"),
    "hr.input_encoding": E(
        "文字コードを読み取れません（{problem}）。UTF-8 でも CP932（Shift_JIS）でもないか、両方が混ざっています。"
        "書き出し直してください。",
        "the file is neither UTF-8 nor CP932 (Shift_JIS), or mixes them ({problem}); export "
        "it again"),
    "hr.input_encoding_broken": E(
        "{encoding} として読めない文字があります（{offset} バイト付近）。書き出し直してください。",
        "bytes that are not {encoding} (near byte {offset}); export it again"),
    "hr.input_unreadable": E("ファイルを読み取れません（{reason}）。", "cannot read ({reason})"),
    "hr.input_empty": E("ファイルが空です。", "the file is empty"),
    "hr.input_broken_csv": E(
        "{line} 行目付近で CSV の形が崩れています（{detail}）。閉じていない「\"」などで行が失われるため、"
        "このファイルは使いません。書き出し直してください。",
        "broken CSV near line {line} ({detail}): an unclosed quote swallows rows, so the file "
        "is not used; export it again"),
    "hr.input_bad_xlsx": E("Excel ファイルとして読み取れません（{detail}）。",
                           "not a readable XLSX file ({detail})"),
    "hr.input_xapi": E(
        "xAPI のファイル（.json）は統合できません。学習記録ストア（LRS）に取り込むためのものです。"
        "統合には明細の CSV か Excel を書き出してください（dxlearn export --scope detail）。",
        "xAPI files cannot be merged (they are for a Learning Record Store); export detail "
        "CSV or XLSX for hr merge (dxlearn export --scope detail)"),
    "hr.input_is_report": E(
        "dxlearn hr merge の報告書です。報告書は統合し直しません（入力フォルダーから移してください）。",
        "a dxlearn hr merge report, not a detail export; reports are not merged again (move "
        "it out of the input folder)"),
    "hr.input_summary": E(
        "集計（summary）の書き出しです。統合には明細（dxlearn export --scope detail）が必要です。",
        "a summary export; hr merge needs detail exports (dxlearn export --scope detail)"),
    "hr.input_not_detail": E(
        "dxlearn の明細ではありません。見出し行に列 {columns} がありません。",
        "not a dxlearn detail export: column(s) {columns} missing in the header row"),
    "hr.input_header_twice": E(
        "見出し「{name}」が {first} 列目と {second} 列目の2回あり、どちらの値を使うか決められないため、"
        "このファイルは使いません。",
        "the header names '{name}' twice (columns {first} and {second}): which one counts "
        "cannot be told, so the file is not used"),
    "hr.input_rows_mismatch": E(
        "ファイルの行数（{rows} 行）が署名ファイルの行数（{sidecar} 行）と合いません。署名ファイルが書き換えられたか、"
        "行が失われています。",
        "the file holds {rows} row(s), its sidecar says {sidecar}: the sidecar was edited or "
        "rows were lost"),
    "hr.input_rows_left_out": E("{count} 行を使いませんでした（最初のものを次に示します）。",
                                "{count} row(s) left out (the first ones follow)"),
    "hr.input_unreadable_superseded": E(
        "使わなかった行のうち {count} 行は、同じパソコンのより新しい書き出しにその職員の記録があるため、"
        "報告に「読み取れない行あり」の印を付けていません。",
        "{count} of the rows left out not flagged in the report: a newer export of the same PC holds "
        "that learner's records"),
    "hr.row_left_out": E("{line} 行目：{reason}", "line {line}: {reason}"),
    "hr.input_no_rows": E("明細の行がありません。", "no detail rows"),
    "hr.input_role_unknown": E(
        "役割「{role}」はこのPCの教材にない役割のため、書かれたとおりに集計します。",
        "the role '{role}' is not one the libraries here know: counted as written"),
    "hr.input_control_replaced": E(
        "制御文字を含む値が {count} 個あり、制御文字を空白に置き換えました（Word の改行などが貼り付けられています）。",
        "{count} value(s) held control characters (e.g. a line break pasted from Word): "
        "replaced by spaces"),
    "hr.input_zone_assumed": E(
        "時刻帯が書かれていない Excel ファイルのため、日時をこのPCの時刻帯で読みました。",
        "the workbook names no time zone: its times were read in this PC's zone"),
    "hr.input_zone_unknown": E(
        "ファイルに書かれた時刻帯「{zone}」がこのPCでは分からないため、日時をこのPCの時刻帯で読みました。",
        "the workbook's time zone '{zone}' is not known here: its times were read in this "
        "PC's zone"),
    # -- rows -----------------------------------------------------------------------------------
    "hr.row_bad_status": E("状況 {value} は completed・in_progress・not_started（修了・学習中・未着手）の"
                           "どれでもありません。",
                           "column status: {value} is not completed, in_progress or "
                           "not_started"),
    "hr.row_empty": E("列 {column} が空欄です。", "column {column} is empty"),
    "hr.row_control_in_id": E("列 {column} に制御文字があります。", "column {column} holds a "
                              "control character"),
    "hr.row_not_number": E("列 {column}：{value} は半角数字の整数ではありません。",
                           "column {column}: {value} is not a whole number in ASCII digits"),
    "hr.row_out_of_range": E("列 {column}：{value} は範囲（{low}〜{high}）の外です。",
                             "column {column}: {value} is out of range ({low} to {high})"),
    "hr.row_not_bool": E("列 {column}：{value} は true/false（はい/いいえ）ではありません。",
                         "column {column}: {value} is not true/false"),
    "hr.row_not_time": E("列 {column}：{value} は日時（2026-11-27T14:05:09+09:00 の形）ではありません。",
                         "column {column}: {value} is not a date-time "
                         "(2026-11-27T14:05:09+09:00)"),
    "hr.row_completed_at": E("状況が {status} なのに修了日時がありません。",
                             "status {status} without completed_at"),
    "hr.row_completed_at_not_completed": E("状況が {status} なのに修了日時があります。",
                                           "completed_at on a row whose status is {status}"),
}
