"""Messages of the lesson libraries: loading, and every lint finding a trainer can see.

One code per finding (``content.<what>``). The Japanese texts are for trainers who write lessons
in Notepad: they say what is wrong in plain words and what to type instead. The English texts
keep the wording of the original compiler-style messages (``dxlearn lint --lang en``).
``docs/messages.md`` lists them all (``python tools/make_message_list.py``).
"""

from dxlearn.messages.catalogue import Entry as E

_SAVE_UTF8_JA = "メモ帳の「名前を付けて保存」で、文字コードを「UTF-8」にして保存し直してください。"

MESSAGES = {
    # -- how a finding is printed ------------------------------------------------------------
    "content.finding_line": E("{severity}: {path} {line}行目: {message}",
                              "{path}:{line}: {severity}: {message}"),
    "content.severity_error": E("エラー", "error"),
    "content.severity_warning": E("警告", "warning"),
    "content.findings_truncated": E(
        "このファイルには、ほかにも {count} 件の問題があります。上の問題を直してから、もう一度確かめてください。",
        "{count} more problem(s) in this file are not listed; fix the ones above and check again"),

    # -- the library as a whole (the library is not loaded) ---------------------------------
    "content.library_not_replaced": E(
        "教材パック {folder}（ID {id}、版 {version}）は読み込みませんでした。同じ ID の教材"
        "（版 {current}、{where}）を使います。組織の教材は教材パックで置き換えられません。",
        "the lesson pack {folder} (id {id}, version {version}) was not loaded: the library with "
        "the same id (version {current}, {where}) is used; a pack never replaces the "
        "organisation's library"),
    "content.not_a_folder": E("{path} はフォルダーではありません。教材のフォルダーを指定してください。",
                              "{path}: not a folder"),
    "content.folder_cannot_be_read": E(
        "{path} を読み取れません（{reason}）。フォルダーの場所と読み取りの権限を確かめてください。",
        "{path}: cannot be read ({reason})"),
    "content.not_a_library": E(
        "{path} は教材のフォルダーではありません（lesson.md を含むフォルダーがありません）。",
        "{path}: not a lesson library (no folder holds a lesson.md)"),
    "content.library_yaml_invalid": E(
        "{path} の library.yaml に誤りがあるため、この教材は読み込みません（{line}行目：{first}）。"
        "記録が別の教材として残らないよう、直してから読み込み直してください。",
        "{path}: library.yaml has errors, so the library is not loaded (line {line}: {first}); "
        "fix it so that progress is never recorded under another library id"),

    # -- reading files --------------------------------------------------------------------
    "content.file_unreadable": E("ファイルを読み取れません（{reason}）。",
                                 "cannot read the file: {reason}"),
    "content.file_not_regular": E(
        "通常のファイルではありません（名前付きパイプや装置のファイルは読み込みません）。",
        "not a regular file; it is not read"),
    "content.file_too_large": E(
        "ファイルが大きすぎます（{size} バイト。{limit} バイトまで）。レッスンを分けてください。",
        "the file is too large ({size} bytes, at most {limit}); split the lesson"),
    "content.encoding_unknown": E(f"文字コードを読み取れません。{_SAVE_UTF8_JA}",
                                  "file is neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8"),
    "content.encoding_wide": E(
        f"UTF-16（メモ帳の「Unicode」）で保存されています。{_SAVE_UTF8_JA}",
        "file is UTF-16 or UTF-32 (Notepad's 'Unicode'); save it as UTF-8"),
    "content.encoding_mixed": E(
        f"UTF-8 と Shift_JIS の文字が混ざっています。{_SAVE_UTF8_JA}",
        "file mixes UTF-8 and Shift_JIS (CP932); save it as UTF-8"),
    "content.encoding_cp932": E(
        f"文字コードが Shift_JIS（CP932）です。読み込みましたが、{_SAVE_UTF8_JA}",
        "file is Shift_JIS (CP932), not UTF-8; it was read, but save it as UTF-8"),
    "content.bom_repeated": E(
        f"ファイルの先頭に BOM（文字コードの印）が {{count}} 個付いています。1 個として読みましたが、{_SAVE_UTF8_JA}",
        "the file starts with {count} byte order marks (BOM); it was read as if there were one, "
        "but save it as UTF-8"),
    "content.bom_garbled": E(
        f"ファイルの先頭に文字化けした BOM（ï»¿）があります。取り除いて読みましたが、{_SAVE_UTF8_JA}",
        "the file starts with a garbled byte order mark (ï»¿); it was removed, but save the "
        "file as UTF-8"),
    "content.bom_inside": E(
        "この行に BOM（目に見えない文字 U+FEFF）が紛れ込んでいます。行頭のものは取り除いて読みましたが、"
        "この行を書き直してください。",
        "an invisible byte order mark (U+FEFF) is in this line (at a line start it was "
        "removed); retype the line"),

    "content.reason_permission": E("アクセスの権限がありません", "permission denied"),
    "content.reason_not_found": E("見つかりません", "not found"),
    "content.reason_loop": E("リンクが堂々巡りになっています", "too many levels of links"),
    "content.reason_name_too_long": E("名前が長すぎます", "the name is too long"),
    "content.reason_io": E("装置からの読み取りに失敗しました", "input/output error"),
    "content.reason_unknown": E("理由は分かりません", "reason unknown"),

    # -- front matter and YAML ------------------------------------------------------------
    "content.fm_not_closed": E(
        "先頭の設定（front matter）が閉じていません。設定の最後に「---」だけの行を入れてください。",
        "front matter is not closed: add a line '---' after it"),
    "content.fm_fullwidth_dashes": E(
        "先頭の「{written}」は、半角の「---」にしてください（全角の「ー」や「－」では設定になりません）。",
        "the first line '{written}' must be '---' in half-width characters"),
    "content.fm_not_mapping": E(
        "設定は「キー: 値」の行で書いてください（例：title: データ活用の基本）。",
        "must be 'key: value' lines"),
    "content.yaml_fullwidth_colon": E(
        "全角の「：」を半角の「: 」に直してください（{key}: …）。",
        "'{key}' is followed by a full-width colon '：'; write a half-width ': ' instead"),
    "content.yaml_no_space": E(
        ": のあとに半角スペースを入れてください（{key}: …）。",
        "put a space after the ':' ({key}: ...)"),
    "content.yaml_tab": E(
        "タブではなく半角スペースで字下げしてください。",
        "a tab is used for indentation; indent with spaces"),
    "content.yaml_fullwidth_space": E(
        "全角スペースではなく半角スペースで字下げしてください。",
        "a full-width space (U+3000) is used for indentation; indent with half-width spaces"),
    "content.yaml_colon_in_value": E(
        "「: 」を含む題名は '…' で囲んでください（例：{key}: '研修: 基本'）。",
        "a value that contains ': ' must be quoted, e.g. {key}: '研修: 基本'"),
    "content.yaml_colon_in_item": E(
        "「: 」を含む項目は '…' で囲んでください（例：- '手順: 入力'）。",
        "a list item that contains ': ' must be quoted, e.g. - '手順: 入力'"),
    "content.yaml_indent": E(
        "字下げ（行頭の空白）がずれています。同じ並びの行は、行頭をそろえてください。",
        "the indentation is wrong; lines at the same level must start in the same column"),
    "content.yaml_not_key_value": E(
        "この行は「キー: 値」の形になっていません（例：title: データ活用の基本）。",
        "this line is not 'key: value'"),
    "content.yaml_quote_not_closed": E(
        "引用符（' または \"）が閉じていません。値の最後にも同じ引用符を書いてください。",
        "a quote (' or \") is not closed; end the value with the same quote"),
    "content.yaml_bracket_not_closed": E(
        "かっこ（[ ] または {{ }}）が閉じていません。例：roles: [leader, staff]",
        "a bracket ([ ] or {{ }}) is not closed, e.g. roles: [leader, staff]"),
    "content.yaml_control_character": E(
        "目に見えない制御文字（{char}）が入っています。この行を書き直してください。",
        "an invisible control character ({char}) is in this line; retype the line"),
    "content.yaml_too_deep": E("入れ子が深すぎます。", "nested too deeply"),
    "content.yaml_syntax": E(
        "設定の書き方に誤りがあります。「キー: 値」の形か、字下げがそろっているか確かめてください"
        "（読み取りの詳細：{detail}）。",
        "not valid YAML: {detail}"),
    "content.yaml_alias": E(
        "「&」や「*」で始まる値（YAML のアンカーと別名）は使えません。文字として書くときは '…' で囲んでください。",
        "YAML anchors and aliases ('&', '*') are not allowed; quote the value if it is text"),
    "content.yaml_tag": E(
        "「!」で始まる値（YAML のタグ）は使えません。文字として書くときは '…' で囲んでください。",
        "YAML tags ('!') are not allowed; quote the value if it is text"),
    "content.yaml_duplicate_key": E(
        "「{key}」が {first}行目にも書かれています。どちらか一つにしてください。",
        "'{key}' is written twice (first on line {first}); keep one"),
    "content.yaml_number_too_long": E(
        "数が長すぎます（{digits} 桁）。正しい数に直してください。",
        "the number is too long ({digits} digits)"),
    "content.yaml_value_unreadable": E(
        "この値は読み取れません（{detail}）。文字として書くときは '…' で囲んでください。",
        "the value cannot be read ({detail}); quote it if it is text"),
    "content.yaml_comment_cut": E(
        "「 #」から後ろはコメントとみなされ、値は「{value}」になります。「#」も値に含めるときは、値全体を '…' で囲んでください。",
        "everything from ' #' on is a comment, so the value is '{value}'; quote the whole "
        "value to keep the '#'"),
    "content.yaml_key_not_text": E(
        "キーは半角英字の名前で書いてください（例：title）。",
        "a key must be a name such as 'title'"),
    "content.yaml_item_overindented": E(
        "この行は字下げが深いため、新しい項目ではなく前の項目の続きとして読まれています。"
        "新しい項目にするときは、上の「- 」と行頭をそろえてください。",
        "this line is indented more than the item above, so it is read as part of that item; "
        "start it in the same column as the '- ' above to make it a new item"),

    # -- keys and values ------------------------------------------------------------------
    "content.key_unknown": E(
        "「{key}」という項目はありません。この行は使われません（使える項目：{known}）。",
        "{key}: unknown key, ignored; known keys: {known}"),
    "content.key_unknown_near": E(
        "「{key}」という項目はありません。「{near}」の誤りではありませんか。この行は使われません。",
        "{key}: unknown key, ignored; did you mean `{near}`?"),
    "content.key_typo_roles": E(
        "「{key}」という項目はありません。「roles」の誤りではありませんか。"
        "このままでは、このレッスンが全ての役割の職員に表示されます。",
        "{key}: unknown key; did you mean `roles`? As written, the lesson is shown to every role"),
    "content.key_typo_required": E(
        "「{key}」という項目はありません。「required」の誤りではありませんか。"
        "このままでは、このレッスンが必修として扱われます。",
        "{key}: unknown key; did you mean `required`? As written, the lesson counts as "
        "required"),
    "content.key_typo_library_roles": E(
        "「{key}」という項目はありません。「roles」の誤りではありませんか。"
        "このままでは、役割の名前が既定のもの（幹部職層・DX推進リーダー・一般職員）になります。",
        "{key}: unknown key; did you mean `roles`? As written, the default roles are used"),
    "content.value_not_text": E("{key} は文字で書いてください。", "{key}: must be text"),
    "content.value_empty": E("{key} が空です。値を書いてください。", "{key}: must not be empty"),
    "content.value_bad_id": E(
        "{key} の「{value}」は ID に使えません。半角の英小文字 a-z、数字、- _ . で書いてください"
        "（先頭は英小文字か数字。例：what-is-dx）。",
        "{key}: '{value}' is not a valid id: use lower-case letters a-z, digits and - _ . "
        "(starting with a letter or digit), e.g. what-is-dx"),
    "content.value_id_too_long": E(
        "{key} の「{value}」は {length} 文字あり、ID には長すぎます。{limit} 文字以内にしてください。",
        "{key}: '{value}' is too long for an id ({length} characters); use at most {limit}"),
    "content.value_not_bool": E(
        "{key} は true か false で書いてください（いまの値：{value}）。",
        "{key}: must be true or false, not '{value}'"),
    "content.value_not_int": E(
        "{key} は半角の整数で書いてください（いまの値：{value}）。",
        "{key}: must be a whole number, not '{value}'"),
    "content.value_out_of_range": E(
        "{key} は {minimum} から {maximum} までの数で書いてください（いまの値：{value}）。",
        "{key}: must be from {minimum} to {maximum}, not {value}"),
    "content.value_too_small": E(
        "{key} は {minimum} 以上の数で書いてください（いまの値：{value}）。",
        "{key}: must be >= {minimum}, not {value}"),
    "content.value_not_list": E(
        "{key} はリストで書いてください（例：[executive, staff] か、「- 項目」の行）。",
        "{key}: must be a list, e.g. ['executive', 'staff'] or '- item' lines"),
    "content.value_item_not_text": E("{key} の項目は全て文字で書いてください。",
                                     "{key}: every item must be text"),
    "content.value_item_empty": E("{key} に空の項目があります。",
                                  "{key}: every item must not be empty"),
    "content.markup_in_text": E(
        "{key} に HTML のタグ（{tag}）があります。題名などは書いたとおりの文字で表示され、タグは働きません。",
        "{key}: contains HTML markup ({tag}); titles are shown as plain text, markup has no "
        "effect"),

    # -- library.yaml and chapter.yaml ----------------------------------------------------
    "content.library_roles_shape": E(
        "roles は「キー: 名前」の行で書いてください（例：staff: 一般職員）。",
        "roles: must be 'key: label' lines, e.g. 'staff: 一般職員'"),
    "content.library_role_bad_key": E(
        "roles の「{role}」は役割のキーに使えません。半角の英小文字 a-z、数字、- _ . で書いてください。",
        "roles: {role}: '{role}' is not a valid id: use lower-case letters a-z, digits and "
        "- _ . (starting with a letter or digit), e.g. what-is-dx"),
    "content.library_role_bad_label": E(
        "roles の「{role}」の名前が空か、文字ではありません。",
        "roles: {role}: must not be empty"),

    # -- lessons --------------------------------------------------------------------------
    "content.title_missing": E(
        "題名がありません。先頭の設定に「title: …」を書いてください。",
        "title: missing; add 'title: ...' to the front matter"),
    "content.id_missing": E(
        "id が書かれていないため、フォルダー名から「{id}」としています。フォルダー名を変えると"
        "別のレッスンとして記録されてしまうので、「id: {id}」を書いてください。",
        "id: missing; the folder name gives '{id}', so renaming the folder would start a new "
        "record; add 'id: {id}'"),
    "content.id_from_folder_unusable": E(
        "フォルダー名「{folder}」からは ID を作れません。先頭の設定に「id: …」を書いてください"
        "（半角の英小文字 a-z、数字、- _ .）。",
        "id: the folder name '{folder}' gives no usable id; add 'id: ...' to the front matter "
        "(lower-case letters a-z, digits, - _ .)"),
    "content.id_from_folder_too_long": E(
        "フォルダー名「{folder}」から作る ID は {length} 文字になり、長すぎます（{limit} 文字まで）。"
        "先頭の設定に短い「id: …」を書いてください。",
        "id: the folder name '{folder}' gives an id of {length} characters (at most {limit}); "
        "add a shorter 'id: ...' to the front matter"),
    "content.library_id_from_folder_too_long": E(
        "フォルダー名から作る教材の ID は {length} 文字になり、長すぎます（{limit} 文字まで）。"
        "library.yaml に短い「id: …」を書いてください。",
        "id: the folder name gives a library id of {length} characters (at most {limit}); add a "
        "shorter 'id: ...' to library.yaml"),
    "content.id_duplicate": E(
        "ID「{id}」は {other} でも使われています。レッスンの ID は教材の中で重ならないように、"
        "「id:」を別のものにしてください。",
        "id: '{id}' is already used by {other}; lesson ids must be unique in the library (set "
        "'id:' to a new one)"),
    "content.roles_unknown": E(
        "roles の {roles} という役割はありません（使える役割：{known}）。",
        "roles: unknown role {roles} (known: {known})"),
    "content.roles_empty": E(
        "roles が空（[]）のため、このレッスンは誰にも表示されません。対象の役割を書くか、"
        "全員向けなら roles の行を消してください。",
        "roles: the list is empty, so the lesson is shown to nobody; name the roles, or delete "
        "the line to show it to everyone"),
    "content.misnamed": E(
        "ファイル名「{name}」を「{wanted}」（全て半角の小文字）に変えてください。",
        "rename '{name}' to '{wanted}' (exactly, in lower case)"),
    "content.misnamed_txt": E(
        "ファイル名「{name}」を「{wanted}」に変えてください。メモ帳が「.txt」を付けたようです"
        "（エクスプローラーの「表示」で「ファイル名拡張子」を表示すると見えます）。",
        "rename '{name}' to '{wanted}' (exactly, in lower case; Notepad may have added .txt)"),

    # -- folders --------------------------------------------------------------------------
    "content.nested_too_deep": E(
        "章の中にさらにフォルダーを重ねることはできません（教材 → 章 → レッスンの 2 段まで）。"
        "この中のレッスンのフォルダーを一つ上に移してください。",
        "chapters may nest one level only (library -> chapter -> lesson); move these lesson "
        "folders up one level"),
    "content.folder_no_lesson": E(
        "このフォルダーにはレッスンがありません（レッスンのフォルダーには lesson.md が必要です）。表示されません。",
        "folder holds no lesson (a lesson folder needs lesson.md); it is not shown"),
    "content.folder_unreadable": E(
        "このフォルダーを読み取れません（{reason}）。中のレッスンは表示されません。",
        "cannot list this folder ({reason}); the lessons in it are not shown"),
    "content.folder_too_deep": E(
        "フォルダーの階層が深すぎるため、これより下は読みません。",
        "folders are nested too deeply; nothing below this folder is read"),
    "content.folder_too_many_entries": E(
        "このフォルダーにはファイルやフォルダーが多すぎます（{limit} 個まで読みます）。",
        "this folder holds too many entries (only the first {limit} are read)"),
    "content.too_many_lessons": E(
        "レッスンが多すぎます（{limit} 個まで）。これより後のレッスンは読み込みません。",
        "too many lessons (at most {limit}); the lessons after this one are not loaded"),
    "content.link_outside": E(
        "これは教材フォルダーの外を指すリンク（ショートカット）です。読み込みません。"
        "中身をこのフォルダーにコピーしてください。",
        "this is a link that points outside the library; it is not followed (copy the files "
        "into the library)"),
    "content.link_loop": E(
        "これは、すでに読んだフォルダーを指すリンクです（堂々巡りになるため、読み込みません）。",
        "this link points to a folder that was already read (a loop); it is not followed"),
    "content.link_broken": E("リンク先が見つかりません。", "the link points to nothing"),

    # -- quiz.md --------------------------------------------------------------------------
    "content.quiz_text_before": E(
        "最初の問題（## ）より前の文は表示されません。",
        "text before the first question ('## ') is not shown"),
    "content.quiz_no_questions": E(
        "問題がありません。問題は半角の `## ` で始めてください。",
        "quiz has no questions: start each question with '## '"),
    "content.question_heading_level": E(
        "問題は半角の `## ` で始めてください（いまは「{written}」）。",
        "a question must start with '## ' (half-width), not '{written}'"),
    "content.question_no_text": E("`## ` のあとに問題文がありません。",
                                  "question has no text after '## '"),
    "content.question_too_few_choices": E(
        "選択肢が 2 つ以上必要です。選択肢は「- [ ] 選択肢」（正解は「- [x] 選択肢」）の行で書いてください。",
        "question needs at least two choices, written as '- [ ] choice' lines"),
    "content.question_no_correct": E(
        "正解の選択肢がありません。正解の選択肢を「- [x] 」にしてください。",
        "question has no correct choice (mark one with [x])"),
    "content.choice_bullet": E(
        "選択肢の書き方になっていません。行頭の「{bullet}」を半角の「- 」にして、「- [ ] 」（正解は「- [x] 」）で始めてください。",
        "this line is not a choice: start it with '- [ ] ' (or '- [x] '), with a half-width "
        "'-' instead of '{bullet}'"),
    "content.choice_no_space": E(
        "選択肢の書き方になっていません。「-」のあとに半角スペースを入れて、「- [ ] 」（正解は「- [x] 」）で始めてください。",
        "this line is not a choice: put a space after the '-': '- [ ] ' (or '- [x] ')"),
    "content.choice_no_bullet": E(
        "選択肢の書き方になっていません。行頭に「- 」を付けて、「- [ ] 」（正解は「- [x] 」）で始めてください。",
        "this line is not a choice: start it with '- [ ] ' (or '- [x] ')"),
    "content.choice_mark": E(
        "選択肢の [ ] の中は、半角スペース（不正解）か x（正解）にしてください（いまは「{mark}」）。",
        "inside the choice's [ ] write a space (wrong) or x (correct), not '{mark}'"),
    "content.choice_not_a_choice": E(
        "選択肢の書き方になっていません。「- [ ] 」（正解は「- [x] 」）で始めてください。",
        "list item is not a choice: start it with '- [ ] ' (or '- [x] ' if correct)"),
    "content.choice_after_explanation": E(
        "解説（> で始まる行）のあとに選択肢があります。選択肢は解説より前に書いてください。",
        "a choice after the explanation: write the choices before the '> ' explanation"),
    "content.text_after_choices": E(
        "選択肢のあとの文は表示されません。解説は「> 」で始めてください。",
        "text after the choices that is not a '> ' block quote is not shown; write the "
        "explanation as '> ...'"),
    "content.question_bracket_empty": E(
        "問題の [ ] の中が空です。問題の ID か multiple を書くか、[ ] を消してください。",
        "the question's [ ] is empty: write an id and/or 'multiple', or remove the brackets"),
    "content.question_id_invalid": E(
        "問題の ID「{id}」は使えません。半角の英小文字 a-z、数字、- _ . で書いてください（例：q-online-1）。",
        "question id '{id}' is not valid: use lower-case letters a-z, digits and - _ . "
        "(e.g. q-online-1)"),
    "content.question_flag_near": E(
        "「{flag}」は「multiple」の誤りではありませんか。全て選ぶ問題にするときは multiple と書いてください。",
        "'{flag}': did you mean 'multiple'?"),
    "content.question_two_ids": E(
        "問題の ID が 2 つ書かれています（{ids}）。ID は 1 つにしてください。",
        "two question ids ({ids}): write one"),
    "content.question_id_duplicate": E(
        "問題の ID「{id}」は {first}行目の問題でも使われています。問題ごとに別の ID にしてください。",
        "question id '{id}' is also used by the question on line {first}; give each question "
        "its own id"),
    "content.question_same_text": E(
        "{first}行目の問題と同じ問題文です。問題文を変えるか、[ ] で問題ごとに別の ID を付けてください。",
        "the same question text as the question on line {first}; change the text or give each "
        "question an id in [ ]"),

    # -- Markdown: links and images -------------------------------------------------------
    "content.asset_missing": E(
        "ファイル「{target}」が見つかりません。名前とフォルダーを確かめてください。",
        "file not found: '{target}' (check the name and the folder)"),
    "content.asset_outside": E(
        "「{target}」は教材フォルダーの外を指しています。ファイルは教材フォルダーの中に置いてください"
        "（共通の画像は _assets/ に置けます）。",
        "'{target}' points outside the library; keep files inside it (shared images go in "
        "_assets/)"),
    "content.asset_link_outside": E(
        "「{target}」は、教材フォルダーの外を指すリンク（ショートカット）を通っています。"
        "ファイルそのものを教材フォルダーの中に置いてください。",
        "'{target}' goes through a link that points outside the library; put the file itself "
        "inside the library"),
    "content.asset_absolute": E(
        "「{target}」はパソコンの中の場所そのもの（絶対パス）です。レッスンのフォルダーからの"
        "相対的な場所で書いてください（例：images/図.png）。",
        "'{target}' is an absolute path; use a path relative to the lesson folder"),
    "content.asset_remote_image": E(
        "画像「{target}」はインターネット上にあります。研修のパソコンはインターネットにつながらないため、"
        "画像をレッスンのフォルダーにコピーしてください。",
        "image '{target}' is on the internet; the PCs are offline, so copy the image into the "
        "lesson folder"),
    "content.asset_scheme": E(
        "リンク「{target}」は使えない種類のアドレスです（http、https、mailto とレッスンの中のファイルだけ使えます）。",
        "link '{target}' uses an address type that is not allowed"),
    "content.asset_file_type": E(
        "リンク「{target}」：リンクできるのはレッスンと文書（{suffixes}）だけです。"
        "プログラムやショートカットは、レッスンから開けません。",
        "link '{target}': only lessons and documents can be linked ({suffixes}); a program "
        "or shortcut is never opened from a lesson"),
    "content.image_wrong_kind": E(
        "「{target}」は {kind} の画像ではありません（名前と中身が違います）。画像を {kind} で保存し直してください。",
        "'{target}' is not a {kind} image (the name and the content differ); save the image "
        "as {kind} again"),
    "content.image_truncated": E(
        "画像「{target}」は途中で切れています（コピーが終わっていないか、壊れています）。画像をコピーし直してください。",
        "image '{target}' is truncated (an unfinished copy, or damaged); copy the image again"),
    "content.markdown_simplified": E(
        "「[」や「<」がとても多いため、この段落からは、それらの記号を書式ではなくそのままの文字として表示します。",
        "so many '[' or '<' that from this paragraph on they are shown as plain characters, "
        "not as links or markup"),
    "content.unrenderable": E(
        "この文は表示用に変換できません（箇条書きや引用の入れ子が深すぎませんか）。簡単にしてください。",
        "this text cannot be converted for display (lists or quotes nested too deeply?); "
        "simplify it"),
}
