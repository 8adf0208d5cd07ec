"""Messages of the command line itself (what the commands print around the domain's work)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "cli.error": E("dxlearn {command}: エラー: {message}", "dxlearn {command}: error: {message}"),
    "cli.lint_summary": E("エラー {errors} 件、警告 {warnings} 件",
                          "{errors} error(s), {warnings} warning(s)"),
    "cli.no_database": E(
        "学習記録のデータベースが {path} にありません。--db で場所を指定してください。",
        "no progress database at {path}; pass --db PATH"),
    "cli.export_written_signed": E(
        "{path}：{rows} {unit}（{format}、{scope}）を書き出しました。{sidecar} も作成し、"
        "鍵 {key_id} で署名しました。",
        "{path}: {rows} {unit} ({format}, {scope}); {sidecar} written, signed with key "
        "{key_id}"),
    "cli.export_written_unsigned": E(
        "{path}：{rows} {unit}（{format}、{scope}）を書き出しました。{sidecar} も作成しました"
        "（鍵がないため署名なし）。",
        "{path}: {rows} {unit} ({format}, {scope}); {sidecar} written, unsigned (no key)"),
    "cli.cannot_write": E("{path} に書き込めません（{reason}）。",
                          "{path}: cannot write ({reason})"),
    "cli.certificate_written": E("{path}：修了証 {number}（{staff_id} {name}、{date}）",
                                 "{path}: certificate {number} ({staff_id} {name}, {date})"),
    "cli.output_exists": E(
        "dxlearn {command}: {path} は既にあります。別の名前にするか、置き換えるときは --force を"
        "付けてください。",
        "dxlearn {command}: {path} already exists; choose another name or add --force to "
        "replace it"),
    "cli.output_is_input": E(
        "dxlearn {command}: 出力先 {path} は入力ファイルです。別の名前を指定してください。",
        "dxlearn {command}: the output {path} is one of the inputs; choose another name"),
    "cli.not_a_file": E("通常のファイルではありません", "not a regular file"),
    "cli.input_too_large": E("{path} は大きすぎます（{limit} バイトまで）。",
                             "{path} is too large (at most {limit} bytes)"),
}
