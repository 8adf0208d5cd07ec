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
    # -- verify: one line per file ------------------------------------------------------------
    "integrity.line": E("{path}：{verdict}：{message}", "{path}: {verdict}: {message}"),
    "integrity.label_authentic": E("正当（署名一致）", "authentic"),
    "integrity.label_altered": E("改変あり", "altered"),
    "integrity.label_bad_hmac": E("署名不一致", "bad_hmac"),
    "integrity.label_no_sidecar": E("署名ファイルなし", "no_sidecar"),
    "integrity.label_bad_sidecar": E("署名ファイル読取不可", "bad_sidecar"),
    "integrity.label_unsigned": E("署名なし", "unsigned"),
    "integrity.label_key_unknown": E("署名を確認できる鍵なし", "key_unknown"),
    "integrity.label_unreadable": E("読取不可", "unreadable"),
    "integrity.rows_one": E("{count} 行", "{count} row"),
    "integrity.rows": E("{count} 行", "{count} rows"),
    "integrity.renamed": E("（書き出し時の名前は {name}）", " (exported as {name})"),
    "integrity.authentic": E(
        "{rows}、端末 {device}、{created_at} に書き出し、鍵 {key_id} の署名が一致しました{renamed}。",
        "{rows}, {device}, {created_at}, key {key_id}{renamed}"),
    "integrity.altered": E(
        "{device} で {created_at} に書き出された内容と違います。編集されたか壊れています。"
        "書き出し直したファイルを受け取ってください{renamed}。",
        "the file differs from the one exported on {device} at {created_at}: it was edited "
        "or damaged; ask for a fresh export{renamed}"),
    "integrity.bad_hmac": E(
        "鍵 {key_id} の署名が一致しません。ファイルと署名ファイルが一緒に書き換えられたか、別の鍵で署名"
        "されています。取り込まないでください{renamed}。",
        "the signature under key {key_id} does not match: the file and its sidecar were "
        "edited together, or signed with another key; do not use it{renamed}"),
    "integrity.unsigned": E(
        "{rows}、端末 {device}、{created_at} に書き出し。内容は書き出し時のまま（SHA-256 一致）ですが、"
        "署名がありません（書き出したPCに鍵がありませんでした）{renamed}。",
        "{rows}, {device}, {created_at}; unchanged since it was written (sha256 matches) but "
        "not signed: the exporting PC had no export key{renamed}"),
    "integrity.key_unknown": E(
        "{rows}、端末 {device}、{created_at} に書き出し。鍵 {key_id} で署名されていますが、{held}、"
        "署名を確かめられません。署名のないファイルと同じ扱いです{renamed}。",
        "{rows}, {device}, {created_at}; signed with key {key_id}, but {held}, so the "
        "signature proves nothing here: treated as unsigned{renamed}"),
    "integrity.key_held": E("このPCの鍵は {key_id} なので",
                            "the key held here is {key_id}"),
    "integrity.no_key_held": E("このPCには鍵がないので", "no key is held here"),
    "integrity.no_sidecar": E(
        "署名ファイルがありません。{sidecar} と一緒に書き出し直してもらってください。",
        "no signature sidecar; ask for the export again together with {sidecar}"),
    "integrity.no_such_file": E("ファイルがありません。", "no such file"),
    "integrity.file_unreadable": E("ファイルを読み取れません（{reason}）。",
                                   "cannot read the file ({reason})"),
    "integrity.sidecar_missing": E("{file} がありません。", "{file} is missing"),
    "integrity.sidecar_unreadable": E("{file} を読み取れません（{reason}）。",
                                      "{file} cannot be read ({reason})"),
    "integrity.sidecar_too_large": E(
        "{file} は署名ファイルとしては大きすぎます（{limit} バイトまで）。",
        "{file} is too large for a signature sidecar (at most {limit} bytes)"),
    "integrity.sidecar_not_json": E(
        "{file} は署名ファイルとして読み取れません（JSON の形が正しくありません：{detail}）。",
        "{file} is not a readable signature sidecar (not valid JSON: {detail})"),
    "integrity.sidecar_not_dxlearn": E("{file} は dxlearn の署名ファイル（{format}）ではありません。",
                                       "{file} is not a {format} file"),
    "integrity.sidecar_field": E("{file}：項目「{field}」がないか、形が正しくありません。",
                                 "{file}: {field} is missing or malformed"),
}
