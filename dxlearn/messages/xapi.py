"""Messages of the xAPI export (``dxlearn export`` to .json, and the GUI's xAPI export)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "xapi.home_page_missing": E(
        "xAPI で書き出すには組織の URL が必要です。policy.toml の organisation_url に設定するか、"
        "--organisation-url で指定してください（例: https://www.city.example.lg.jp/）。",
        "xAPI needs the organisation's URL for the actor's homePage: set organisation_url in "
        "policy.toml or pass --organisation-url (e.g. https://www.city.example.lg.jp/)"),
    "xapi.home_page_invalid": E(
        "組織の URL「{value}」は xAPI の homePage に使えません。{reason}policy.toml の "
        "organisation_url か --organisation-url を、https://www.city.example.lg.jp/ のような形に"
        "直してください。",
        "the organisation's URL '{value}' cannot be the xAPI homePage: {reason}. Correct "
        "organisation_url in policy.toml or --organisation-url, e.g. "
        "https://www.city.example.lg.jp/"),
    "xapi.reason_space": E("空白や制御文字が含まれています。",
                           "it contains a space or a control character"),
    "xapi.reason_scheme": E("先頭に https:// （または http://）が必要です。",
                            "it must start with https:// (or http://)"),
    "xapi.reason_host": E("ホスト名（www.city.example.lg.jp の部分）が正しくありません。",
                          "the host name (the www.city.example.lg.jp part) is not valid"),
    "xapi.reason_port": E("ポート番号（: の後ろ）は 1～65535 の数字にしてください。",
                          "the port (after ':') must be a number from 1 to 65535"),
    "xapi.reason_userinfo": E("「@」の前の利用者名は書けません。",
                              "a user name before '@' is not allowed"),
    "xapi.reason_query": E("「?」や「#」以降は書けません。",
                           "a query ('?') or fragment ('#') is not allowed"),
    "xapi.reason_percent": E("「%」の後ろには 16 進数 2 桁が必要です。",
                             "'%' must be followed by two hexadecimal digits"),
    "xapi.reason_character": E("URL に使えない文字「{char}」が含まれています。",
                               "it contains '{char}', which a URL cannot hold"),
    "xapi.nothing_to_export": E(
        "書き出す xAPI ステートメントがありません（修了したレッスンも、終えた理解度チェックも"
        "ありません）。ファイルは作っていません。",
        "there is no xAPI statement to export (no completed lesson and no finished quiz); "
        "no file was written"),
    "xapi.batch_needs_xapi": E(
        "--batch は xAPI（.json）の書き出しにだけ使えます。",
        "--batch is only for xAPI (.json) exports"),
    "xapi.batch_invalid": E(
        "--batch には 1 以上の整数を指定してください（指定された値: {value}）。",
        "--batch needs a whole number of at least 1 (given: {value})"),
    "xapi.batches_written_signed": E(
        "{first} ～ {last}：{statements} 件のステートメントを {files} 個のファイル（1 ファイル"
        "最大 {batch} 件）に書き出しました。それぞれに .sig.json を作成し、鍵 {key_id} で署名"
        "しました。",
        "{first} .. {last}: {statements} statements in {files} files (at most {batch} each), "
        "each with its .sig.json, signed with key {key_id}"),
    "xapi.batches_written_unsigned": E(
        "{first} ～ {last}：{statements} 件のステートメントを {files} 個のファイル（1 ファイル"
        "最大 {batch} 件）に書き出しました。それぞれに .sig.json を作成しました（鍵がないため"
        "署名なし）。",
        "{first} .. {last}: {statements} statements in {files} files (at most {batch} each), "
        "each with its .sig.json, unsigned (no key)"),
    "xapi.stale_part": E(
        "注意: {path} は以前の書き出しのファイルで、今回の書き出しには含まれません。"
        "取り込む前に削除してください。",
        "note: {path} is from an earlier export and is not part of this one; delete it "
        "before importing"),
}
