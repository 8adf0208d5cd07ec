"""Messages of HR import profiles (``dxlearn/export/profile*.py``): reading a profile, writing
a file in its layout, and what ``export --profile`` and ``hr merge --profile`` print."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    # -- a profile that cannot be used: a head line, then one line per problem --
    "profile.invalid": E(
        "取込プロファイル {file} は使えません（{count} 件の誤り）。次の箇所を直してください。",
        "the import profile {file} cannot be used ({count} mistake(s)); correct the following"),
    "profile.problem_at": E("  {file}（{line}行目）の {key}：{reason}",
                            "  {file}:{line}: {key}: {reason}"),
    "profile.problem": E("  {file} の {key}：{reason}", "  {file}: {key}: {reason}"),
    "profile.file_missing": E(
        "ファイルがありません。パス（ポリシーの export_profiles や --profile）を確かめてください。",
        "the file does not exist; check the path (policy export_profiles or --profile)"),
    "profile.file_unreadable": E("ファイルを読めません（{reason}）。",
                                 "the file cannot be read ({reason})"),
    "profile.file_too_large": E(
        "ファイルが大きすぎます（上限 {limit} バイト）。取込プロファイルは数キロバイトの文書です。",
        "the file is too large (limit {limit} bytes); a profile is a few kilobytes"),
    "profile.not_text": E(
        "文字コードが分かりません。メモ帳で「UTF-8」を選んで保存し直してください。",
        "not readable text; save it again as UTF-8 (Notepad: encoding UTF-8)"),
    "profile.syntax": E(
        "TOML の書き方に誤りがあります（{detail}）。文字列は \"...\" で囲み、"
        "[[columns]] の前に共通の設定を書いてください。",
        "TOML syntax error ({detail}); quote texts with \"...\" and put the common "
        "settings before the first [[columns]]"),
    "profile.unknown_key_close": E("「{key}」という項目はありません。「{close}」の誤りではありませんか。",
                                   "no key '{key}'; did you mean '{close}'?"),
    "profile.unknown_key": E("「{key}」という項目はありません。使える項目：{known}",
                             "no key '{key}'; the keys are: {known}"),
    "profile.want_text": E("文字列を \"...\" で囲んで書いてください（今の値：{found}）。",
                           "write a text in \"...\" (found {found})"),
    "profile.control_character": E("制御文字（改行・タブなど）は使えません。",
                                   "control characters (line breaks and the like) are not allowed"),
    "profile.want_choice": E("{found} は使えません。次のどれかを書いてください：{choices}",
                             "{found} is not allowed; write one of: {choices}"),
    "profile.want_flag": E("true か false を書いてください（今の値：{found}）。",
                           "write true or false (found {found})"),
    "profile.want_text_list": E(
        "文字列のリストを書いてください（例：[\"completed\"]。今の値：{found}）。",
        "write a list of texts such as [\"completed\"] (found {found})"),
    "profile.missing": E("「{key}」がありません。例：{example}", "'{key}' is missing; e.g. {example}"),
    "profile.bad_name": E(
        "名前 {found} は使えません。半角の英数字・「-」「_」「.」で、英数字から始まる64文字までにしてください"
        "（例：\"jinji-kyuyo\"）。署名ファイルにこの名前が書かれます。",
        "the name {found} cannot be used: ASCII letters, digits, '-', '_' and '.', starting "
        "with a letter or digit, at most 64 (e.g. \"jinji-kyuyo\"); the sidecar names it"),
    "profile.want_width": E(
        "0 から 20 の整数を書いてください（0 は桁をそろえない。今の値：{found}）。",
        "write a whole number 0..20 (0: ids as registered; found {found})"),
    "profile.want_table": E("{key} は表（{example}）として書いてください。",
                            "write '{key}' as a table ({example})"),
    "profile.unknown_status": E("状況 {found} はありません。使える値：{known}",
                                "no status {found}; the statuses are: {known}"),
    "profile.no_columns": E(
        "列が1つもありません。[[columns]] を出力する列の順に書いてください"
        "（例：[[columns]] の次の行に header = \"職員番号\" と source = \"staff_id\"）。",
        "no columns; add a [[columns]] table per output column, in order (e.g. header = "
        "\"職員番号\" and source = \"staff_id\")"),
    "profile.want_columns": E(
        "columns は [[columns]] の表の並びとして書いてください。",
        "write columns as [[columns]] tables"),
    "profile.too_many_columns": E("列が多すぎます（上限 {limit}）。", "too many columns (limit {limit})"),
    "profile.column_header": E("見出し header がありません。例：{example}",
                               "the column has no header; e.g. {example}"),
    "profile.source_and_value": E(
        "source（項目）と value（固定の値）は、どちらか一方だけを書いてください。",
        "write either source (a field) or value (a constant), not both"),
    "profile.no_source": E(
        "source（出力する項目）か value（固定の値）を書いてください。例：{example}",
        "write source (the field) or value (a constant); e.g. {example}"),
    "profile.unknown_field": E(
        "項目 {found} は rows = \"{rows}\" にはありません。{close}使える項目：{known}",
        "no field {found} in rows = \"{rows}\". {close}The fields are: {known}"),
    "profile.close": E("「{close}」の誤りではありませんか。", "Did you mean '{close}'? "),
    "profile.want_column_format": E(
        "format {found} は使えません。\"date\"（日付）か \"datetime\"（日付と時刻）を書いてください。",
        "format {found} is not allowed; write \"date\" or \"datetime\""),
    "profile.format_not_time": E(
        "format は日時の項目（completed_at など）にだけ使えます。{field} には付けないでください。",
        "format applies to time fields (completed_at, ...) only, not to {field}"),
    "profile.format_on_value": E("固定の値（value）には format を付けられません。",
                                 "a constant (value) takes no format"),
    "profile.want_map": E(
        "map は「元の値 = \"出力する値\"」の表で書いてください"
        "（例：map = {{ completed = \"修了\", in_progress = \"受講中\" }}）。",
        "write map as a table of value = \"text\" (e.g. map = {{ completed = \"修了\" }})"),
    "profile.map_bool_key": E(
        "はい/いいえの項目の map の左側は true・false・\"\" のどれかです（今の値：{found}）。",
        "the map of a yes/no field takes true, false or \"\" (found {found})"),
    "profile.default_without_map": E(
        "default は map と一緒に使います（map にない値のときに出力する値です）。",
        "default goes with a map (written for a value the map does not list)"),
    "profile.not_cp932": E(
        "{char!r}（{code}）は CP932 で書けません。別の文字にするか、encoding = \"utf-8-sig\" にしてください。",
        "{char!r} ({code}) cannot be written in CP932; use another character or "
        "encoding = \"utf-8-sig\""),
    "profile.field_not_in_merge": E(
        "項目 {field} は統合（hr merge）の結果にはありません。この列を外すか、別の項目にしてください。",
        "the field {field} is not in a merge (hr merge) result; remove the column or use "
        "another field"),
    "profile.field_not_in_export": E(
        "項目 {field} は統合（hr merge）の結果にだけあり、書き出し（export）にはありません。"
        "この列を外すか、hr merge で使ってください。",
        "the field {field} exists only in a merge (hr merge) result, not in an export; "
        "remove the column or use the profile with hr merge"),
    # -- writing --
    "profile.format_given": E(
        "取込プロファイルを使うときは形式（{format}）を指定できません。形式はプロファイルが決めます。",
        "a format ({format}) cannot be given with an import profile: the profile decides"),
    "profile.suffix": E(
        "{file}：取込プロファイルはテキスト（CSV など）を書きます。拡張子「{suffix}」ではなく .csv か "
        ".txt にしてください。",
        "{file}: an import profile writes delimited text; name the file .csv or .txt, not "
        "'{suffix}'"),
    "profile.cell_encoding": E(
        "{row} 行目（ファイルの {line} 行目、職員番号 {staff_id}）の「{heading}」列：{char!r}（{code}）は "
        "{encoding} で書けません。値を直すか、プロファイルの encoding を \"utf-8-sig\" にしてください。",
        "row {row} (file line {line}, staff_id {staff_id}), column {heading}: {char!r} "
        "({code}) cannot be written in {encoding}; correct the value, or set the profile's "
        "encoding = \"utf-8-sig\""),
    "profile.cell_staff_id_width": E(
        "{row} 行目の「{heading}」列：職員番号 {value} は {width} 桁の数字にそろえられません"
        "（数字以外を含むか、桁が多い）。番号を確かめるか、staff_id_width を直してください。",
        "row {row}, column {heading}: staff_id {value} cannot be padded to {width} digits "
        "(not digits only, or longer); check the id or staff_id_width"),
    "profile.cell_not_in_map": E(
        "{row} 行目の「{heading}」列：値 \"{value}\" が {path}.map にありません。"
        "map に追加するか、default = \"...\" を書いてください。",
        "row {row}, column {heading}: the value \"{value}\" is not in {path}.map; add it or "
        "write default = \"...\""),
    "profile.cell_before_meiji": E(
        "{row} 行目の「{heading}」列：{value} は明治より前で、和暦で書けません。日付を確かめてください。",
        "row {row}, column {heading}: {value} is before 明治 (Meiji) and has no 和暦 form; "
        "check the date"),
    # -- what the commands print --
    "profile.format_label": E("取込プロファイル {name}", "import profile {name}"),
    "profile.options_with_profile": E(
        "{options} は --profile と一緒に指定できません（列・文字コード・見出しはプロファイルが決めます）。",
        "{options} cannot be given with --profile (the profile decides columns, encoding "
        "and headers)"),
    "profile.report_written": E(
        "{path}：統合の結果を取込プロファイル {name} の形式で書きました（{count} 行）。{sidecar} も作成しました。",
        "{path}: the merged result written in import profile {name} ({count} rows); "
        "{sidecar} written"),
    "profile.input_in_profile_layout": E(
        "取込プロファイル {name} の形式で書かれたファイルで、明細（detail）ではないため統合に使えません。"
        "統合には --profile なしで書き出した明細を使ってください。",
        "written in the layout of import profile {name}, not a detail export; merge the "
        "detail exports written without --profile"),
    "profile.sidecar_cannot_write": E(
        "署名ファイル {path} を書き込めません（{reason}）。書き出したファイルも消しました。",
        "{path}: cannot write the signature ({reason}); the file was removed too"),
}
