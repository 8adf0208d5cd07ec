"""Messages of the lesson packs (``dxlearn pack build | verify | import`` and the GUI import).

Problems (``content.pack_format.PackProblem``) are shown after the entry they are about
("library/01-a/lesson.md：…"); ``pack.reason_*`` are the reasons inside ``pack.unsafe_entry``,
``pack.manifest_unsafe_path`` and ``pack.build_bad_name``.
"""

from dxlearn.messages.catalogue import Entry as E

_NEW_COPY = "取り込まずに、パックをもう一度コピーするか、作った人に作り直しを依頼してください。"
_NEW_COPY_EN = "do not import it; copy the pack again or ask its author to build it again"

MESSAGES = {
    # -- names (the reasons) ---------------------------------------------------------------------
    "pack.reason_empty": E("名前が空です", "the name is empty"),
    "pack.reason_backslash": E("「\\」を含んでいます（Windows ではフォルダーの区切りになります）",
                               "it contains a backslash '\\' (a folder separator on Windows)"),
    "pack.reason_absolute": E("絶対パスです", "it is an absolute path"),
    "pack.reason_drive": E("ドライブ名（C: など）で始まっています",
                           "it starts with a drive letter"),
    "pack.reason_control": E("制御文字を含んでいます", "it contains control characters"),
    "pack.reason_forbidden": E("Windows のファイル名に使えない文字（{chars}）を含んでいます",
                               "it contains characters Windows does not allow in names ({chars})"),
    "pack.reason_dots": E("「..」「.」または空のフォルダー名を含んでいます",
                          "it contains '..', '.' or an empty folder name"),
    "pack.reason_trailing": E(
        "「{part}」が点または空白で終わっています（Windows では名前が変わってしまいます）",
        "'{part}' ends with a dot or a space (Windows would change the name)"),
    "pack.reason_reserved": E("「{part}」は Windows で予約された名前です（CON、AUX、NUL など）",
                              "'{part}' is a reserved name on Windows (CON, AUX, NUL, ...)"),
    "pack.reason_too_deep": E("フォルダーの階層が深すぎます（{depth} 階層。{limit} 階層まで）",
                              "it is nested too deeply ({depth} levels, at most {limit})"),
    "pack.reason_too_long": E(
        "パスが長すぎます（{length} 文字。Windows で扱えるよう {limit} 文字まで）",
        "the path is too long ({length} characters; at most {limit}, so that Windows can "
        "create it)"),
    "pack.reason_name_too_long": E("名前「{part}」が長すぎます（{limit} バイトまで）",
                                   "the name '{part}' is too long (at most {limit} bytes)"),
    # the pack file itself (the commands print the pack's name before each problem)
    "pack.not_found": E("ファイルが見つかりません。", "no such file"),
    "pack.not_a_file": E(
        "通常のファイルではありません（フォルダーや装置など）。教材パック（.dxpack）のファイルを"
        "指定してください。",
        "not a regular file (a folder, a device, ...); name a lesson pack (.dxpack) file"),
    "pack.unreadable": E("ファイルを読み込めません（{reason}）。", "cannot be read ({reason})"),
    "pack.not_a_pack": E(
        "教材パックとして読み込めません（{reason}）。パックをもう一度コピーしてください。",
        "not a readable lesson pack ({reason}); copy it again"),
    # -- entries -----------------------------------------------------------------------------
    "pack.too_many_entries": E(
        "パックに {count} 個のファイルがあります。{limit} 個を超えるため取り込みません。",
        "the pack has {count} entries, more than {limit}; it is refused"),
    "pack.too_large": E(
        "展開すると {size} バイトになり、上限（{limit} バイト）を超えるため取り込みません。",
        "the pack would unpack to {size} bytes, more than {limit}; it is refused"),
    "pack.ratio_entry": E(
        "展開すると {size} バイトになり、パックの中の大きさ（{packed} バイト）の {limit} 倍を"
        "超えます。教材ではありえない圧縮率のため（圧縮爆弾のおそれ）、取り込みません。BMP などの"
        "画像なら、PNG で保存し直してからパックを作り直してください。",
        "unpacks to {size} bytes, more than {limit} times its packed size ({packed} bytes); "
        "no lesson compresses like that (a zip bomb), so the pack is refused. If it is a BMP or "
        "similar image, save it as PNG and build the pack again"),
    "pack.ratio_total": E(
        "パック全体を展開すると {size} バイトになり、パックの中の大きさ（{packed} バイト）の"
        " {limit} 倍を超えます。教材ではありえない圧縮率のため（圧縮爆弾のおそれ）、取り込み"
        "ません。",
        "the pack unpacks to {size} bytes, more than {limit} times its packed size ({packed} "
        "bytes); no library compresses like that (a zip bomb), so it is refused"),
    "pack.unsafe_entry": E(
        "教材フォルダーの外や別の名前で書き込まれるおそれがあるため、取り込みません（{reason}）。",
        "would be written outside the library folder or under another name: {reason}"),
    "pack.symlink": E("シンボリックリンクです。パックには通常のファイルしか入れられません。",
                      "is a symbolic link; packs hold plain files only"),
    "pack.special_file": E("通常のファイルでもフォルダーでもありません。パックには通常の"
                           "ファイルしか入れられません。",
                           "is not a plain file or folder; packs hold plain files only"),
    "pack.encrypted": E("暗号化されています。教材パックは暗号化しません。",
                        "is encrypted; packs are not encrypted"),
    "pack.duplicate_entry": E("パックの中に 2 回入っています。", "appears twice in the pack"),
    "pack.case_duplicate": E(
        "「{first}」と、Windows では同じ名前になります（大文字と小文字の違いだけです）。",
        "has the same name as '{first}' on Windows (names differ only in case)"),
    "pack.inside_a_file": E("「{parent}」の中にありますが、「{parent}」はファイルです。",
                            "sits in '{parent}', which is also a file"),
    # -- the manifest ------------------------------------------------------------------------
    "pack.manifest_missing": E(
        "manifest.json（目録）がありません。教材パックではないか、壊れています。",
        "manifest.json is missing: not a dxlearn lesson pack, or the pack is damaged"),
    "pack.manifest_too_large": E("目録が大きすぎます（{limit} バイトまで）。取り込みません。",
                                 "is too large (at most {limit} bytes); the pack is refused"),
    "pack.manifest_not_utf8": E("目録が UTF-8 の文字ではありません。パックが壊れています。",
                                "is not UTF-8 text; the pack is damaged"),
    "pack.manifest_not_json": E(
        "目録が JSON として読めません（{line} 行 {column} 文字目）。パックが壊れています。"
        "作り直してください。",
        "is not valid JSON (line {line}, column {column}); the pack is damaged, build it "
        "again"),
    "pack.manifest_too_deep": E("目録の入れ子が深すぎます。教材パックの目録ではありません。",
                                "is nested too deeply; it is not a lesson pack's manifest"),
    "pack.manifest_number_too_long": E(
        "目録に桁数の多すぎる数があります（{limit} 桁まで）。教材パックの目録ではありません。",
        "holds a number with too many digits (at most {limit}); it is not a lesson pack's "
        "manifest"),
    "pack.manifest_not_object": E("目録の形式が違います。パックが壊れています。作り直して"
                                  "ください。",
                                  "is not a JSON object; the pack is damaged, build it again"),
    "pack.manifest_format": E(
        "目録の形式が「{found}」です（「{expected}」のはずです）。dxlearn の教材パックではないか、"
        "新しい版の dxlearn で作られています。",
        "format is '{found}', expected '{expected}': not a dxlearn lesson pack, or made by a "
        "newer version of dxlearn"),
    "pack.manifest_shape": E("目録に library または files の項目がありません。パックが壊れて"
                             "います。作り直してください。",
                             "'library' or 'files' is missing; the pack is damaged, build it "
                             "again"),
    "pack.manifest_bad_id": E(
        "教材の ID「{id}」が正しくありません（英小文字 a～z、数字、- _ . で 64 文字まで。"
        "Windows の予約名は使えません）。",
        "library id '{id}' is not a valid id (a-z, 0-9, - _ ., at most 64 characters, not a "
        "reserved Windows name)"),
    "pack.manifest_bad_text": E("目録の「{key}」が文字列でないか、長すぎるか、制御文字を含んで"
                                "います。",
                                "'{key}' is not text, is too long or holds control characters"),
    "pack.manifest_bad_entry": E(
        "目録の files の {index} 番目（0 から数えます）に path、sha256（16 進数 64 桁）、size が"
        "揃っていません。パックが壊れています。",
        "file entry {index} (counting from 0) needs 'path', 'sha256' (64 hex digits) and "
        "'size'; the pack is damaged"),
    "pack.manifest_unsafe_path": E("目録に「{path}」があります（{reason}）。取り込みません。",
                                   "lists '{path}': {reason}; the pack is refused"),
    "pack.manifest_duplicate": E("目録に「{path}」が 2 回あります。パックが壊れています。",
                                 "lists '{path}' twice; the pack is damaged"),
    "pack.manifest_case_duplicate": E(
        "目録の「{path}」と「{first}」は、Windows では同じファイルになります。",
        "lists '{path}' and '{first}', the same file on Windows"),
    "pack.manifest_empty": E("目録にファイルが 1 つもありません。空の教材は取り込みません。",
                             "lists no files; an empty library is refused"),
    "pack.manifest_no_lessons": E(
        "目録に lesson.md が 1 つもありません。レッスンのない教材は取り込みません。",
        "lists no lesson.md; a library without lessons is refused"),
    # -- files against the manifest -----------------------------------------------------------
    "pack.not_in_manifest": E("目録（manifest.json）にありません。パックが作られた後に変更"
                              "されています。",
                              "is not listed in manifest.json; the pack was changed after it "
                              "was built"),
    "pack.missing": E("目録にありますが、パックに入っていません。パックが不完全です。",
                      "is listed in manifest.json but not in the pack; the pack is incomplete"),
    "pack.listed_folder": E("目録ではファイルですが、パックではフォルダーです。",
                            "is listed as a file but is a folder in the pack"),
    "pack.size_mismatch": E("大きさが {size} バイトで、目録の {expected} バイトと違います。",
                            "size {size} bytes, the manifest says {expected}"),
    "pack.bigger_than_listed": E("目録の {expected} バイトより大きく展開されます（取り込み"
                                 "ません）。",
                                 "unpacks to more than the {expected} bytes the manifest says "
                                 "(refused)"),
    "pack.hash_mismatch": E("内容が目録の記録（SHA-256）と違います。",
                            "content differs from the manifest (SHA-256)"),
    "pack.damaged": E("読み込めません（{reason}）。パックが壊れています。" + _NEW_COPY,
                      "cannot be read ({reason}); the pack is damaged; " + _NEW_COPY_EN),
    "pack.changed_while_extracting": E("展開中に内容が変わりました。パックをもう一度コピーして"
                                       "ください。",
                                       "changed while it was extracted; copy the pack again"),
    "pack.sanitised_images": E(
        "違っているのは画像だけです（{names}）。ファイル転送の無害化処理で画像が作り直された"
        "可能性があります。パックを変換せずに転送する方法を情報政策担当課に相談するか、元の画像を"
        "教材フォルダーにコピーしてから dxlearn lint で確認してください。",
        "only images differ ({names}): a file transfer (無害化 / sanitising) may have "
        "re-encoded them. Ask for the pack to be transferred without conversion, or copy the "
        "original images into the library folder, then check with 'dxlearn lint'"),
    "pack.more_problems": E("ほかに {count} 件の問題があります。",
                            "and {count} more problem(s)"),
    # -- the library inside -------------------------------------------------------------------
    "pack.library_file_unreadable": E(
        "library.yaml を読み込めません（{reason}）。教材の ID と版を確かめられないため、取り込み"
        "ません。",
        "library.yaml cannot be read ({reason}); the library's id and version cannot be "
        "checked, so the pack is refused"),
    "pack.id_mismatch": E(
        "目録の教材 ID「{manifest_id}」が、library.yaml の ID「{library_id}」と違います。"
        "別の教材に見せかけたパックのおそれがあるため、取り込みません。",
        "the manifest's library id '{manifest_id}' differs from library.yaml's id "
        "'{library_id}'; the pack could pass for another library, so it is refused"),
    "pack.version_mismatch": E(
        "目録の版「{manifest_version}」が、library.yaml の版「{library_version}」と違います。"
        "取り込みません。",
        "the manifest's version '{manifest_version}' differs from library.yaml's version "
        "'{library_version}'; the pack is refused"),
    "pack.not_a_library_inside": E("パックの中身が教材として読み込めません（{reason}）。",
                                   "the pack does not hold a readable library ({reason})"),
    # -- what the pack may replace -------------------------------------------------------------
    "pack.protected_bundled": E(
        "この教材パック（ID {id}、版 {version}）は、アプリに同梱の教材（版 {current}）と同じ ID "
        "のため取り込めません。同梱の教材は教材パックで置き換えられません。別の ID の教材として"
        "作り直すか、情報システム担当課にお問合せください。",
        "this lesson pack (id {id}, version {version}) has the id of the library that comes "
        "with the app (version {current}) and is refused: a pack never replaces it. Build it "
        "with another id, or ask the IT office"),
    "pack.protected_policy": E(
        "この教材パック（ID {id}、版 {version}）は、組織が配布している教材（版 {current}）と同じ"
        " ID のため取り込めません。組織の教材は教材パックで置き換えられません。情報システム担当課に"
        "お問合せください。",
        "this lesson pack (id {id}, version {version}) has the id of a library the organisation "
        "provides (version {current}) and is refused: a pack never replaces it. Ask the IT "
        "office"),
    "pack.protected_not_newer": E(
        "この教材パック（ID {id}、版 {version}）は、同じ ID の教材（版 {current}）より新しい版では"
        "ないため取り込めません。新しい版のパックだけが、同梱・組織の教材を置き換えられます。",
        "this lesson pack (id {id}, version {version}) is not newer than the library with the "
        "same id (version {current}) and is refused: only a newer version may replace it"),
    "pack.import_not_allowed": E(
        "このパソコンでは、組織の設定（policy.toml の allow_pack_import）により教材パックを"
        "取り込めません。教材の追加は、研修担当者または情報システム担当課にお問合せください。",
        "lesson packs cannot be imported on this PC: the organisation's policy "
        "(allow_pack_import in policy.toml) does not allow it. Ask your trainer or the IT "
        "office to add the library"),
    "pack.menu_not_allowed": E("（組織の設定により使えません）",
                               " (not allowed by the organisation's policy)"),
    # -- writing -------------------------------------------------------------------------------
    "pack.import_write_failed": E(
        "{folder} に書き込めません（{reason}）。フォルダーと空き容量を確かめてください。",
        "cannot write into {folder} ({reason}); check the folder and the free space"),
    "pack.replace_failed": E(
        "{target} を置き換えられません（{reason}）。dxlearn と、そのフォルダーを開いているウィンドウを"
        "閉じてから、もう一度取り込んでください。",
        "cannot replace {target} ({reason}); close dxlearn and any window showing that "
        "folder, then import again"),
    "pack.move_failed": E(
        "新しい版を {target} に移せませんでした（{reason}）。以前の版はそのまま残っています。",
        "cannot move the new library into {target} ({reason}); the previous version was kept"),
    # -- building ------------------------------------------------------------------------------
    "pack.not_a_library": E("{path} は教材ライブラリではありません（{reason}）。",
                            "{path} is not a lesson library ({reason})"),
    "pack.one_lesson": E(
        "{path} は 1 つのレッスンのフォルダーです。教材ライブラリのフォルダー（{root}）から"
        "パックを作ってください。",
        "{path} is one lesson; build the pack from its library folder ({root})"),
    "pack.lint_errors": E(
        "教材にエラーが {errors} 件あります。dxlearn lint で確かめて直してから、もう一度作って"
        "ください。",
        "the library has {errors} lint error(s); fix them (see 'dxlearn lint') and build "
        "again"),
    "pack.library_id_unusable": E(
        "教材の ID「{id}」は取り込み先のフォルダー名に使えません。library.yaml に「id: 英小文字の"
        "名前」を書いてください（英小文字 a～z、数字、- _ . で {limit} 文字まで）。",
        "id: '{id}' cannot name the imported folder; add 'id: ...' to library.yaml (lower-case "
        "letters a-z, digits, - _ ., at most {limit} characters)"),
    "pack.build_bad_name": E(
        "この名前のままではパックにできません（{reason}）。名前を変えてから、もう一度作って"
        "ください。",
        "cannot be packed under this name ({reason}); rename it and build again"),
    "pack.build_same_name": E(
        "「{first}」と、Windows では同じ名前になります（大文字と小文字の違いだけです）。どちらかの"
        "名前を変えてください。",
        "has the same name as '{first}' on Windows (names differ only in case); rename one"),
    "pack.build_too_large": E(
        "教材のファイルが {count} 個、{size} バイトあり、1 つのパックに入る量（{max_count} 個、"
        "{max_size} バイト）を超えています。教材を分けてください。",
        "the library has {count} files, {size} bytes: more than a pack may hold ({max_count} "
        "files, {max_size} bytes); split it into smaller libraries"),
    "pack.output_in_library": E(
        "出力先 {path} が教材フォルダー {library} の中にあります。教材フォルダーの外を -o で"
        "指定してください。",
        "the output {path} is inside the library folder {library}; choose a place outside it "
        "with -o"),
    "pack.output_exists": E(
        "{path} は既にあります。別の名前にするか、置き換えるときは --force を付けてください。",
        "{path} already exists; choose another name or add --force to replace it"),
    "pack.output_not_a_file": E(
        "{path} は通常のファイルではありません（フォルダーや装置など）。置き換えられないので、"
        "別の名前を -o で指定してください。",
        "{path} is not a regular file (a folder, a device, ...) and is never replaced; choose "
        "another name with -o"),
    "pack.write_failed": E("{path} に書き込めません（{reason}）。-o で別の場所を指定してください。",
                           "cannot write {path} ({reason}); choose another folder with -o"),
    # -- what the commands print ---------------------------------------------------------------
    "pack.problem": E("dxlearn pack {command}: {problem}", "dxlearn pack {command}: {problem}"),
    "pack.built": E("{path}：教材「{id}」版「{version}」、{files} ファイルのパックを作りました。",
                    "{path}: library '{id}' version '{version}', {files} files"),
    "pack.verified": E(
        "{path}：問題ありません。教材「{id}」版「{version}」、{files} ファイル、{created} 作成"
        "（dxlearn {app_version}）",
        "{path}: ok: library '{id}' version '{version}', {files} files, made {created} "
        "(dxlearn {app_version})"),
    "pack.verify_failed": E(
        "dxlearn pack verify: 問題が {count} 件あります。このパックは取り込まずに、新しいコピーを"
        "依頼してください。",
        "dxlearn pack verify: {count} problem(s); do not import this pack, ask for a new copy"),
    "pack.imported": E("{path}：教材「{id}」版「{version}」を {target} に取り込みました。",
                       "{path}: library '{id}' version '{version}' imported into {target}"),
    "pack.imported_replaced": E(
        "{path}：教材「{id}」版「{version}」を取り込み、{target} の以前の版を置き換えました。",
        "{path}: library '{id}' version '{version}' replaced the previous version in {target}"),
    "pack.import_refused": E("dxlearn pack import: 取り込みませんでした。{into} には何も書き込んで"
                             "いません。",
                             "dxlearn pack import: refused; nothing was written to {into}"),
}
