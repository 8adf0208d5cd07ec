"""Messages of "past one PC": the share drop (``export/share_drop.py``), ``dxlearn db`` and
``dxlearn hr report`` (``cli/db.py``, ``cli/hr_report.py``)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    # -- the share drop (the window's status bar) -------------------------------------------------
    "central.share_unreachable": E(
        "人事への送信: 未送信（共有フォルダーに接続できません）",
        "Sending to HR: not sent (the shared folder cannot be reached)"),
    "central.share_waiting": E(
        "人事への送信: 未送信（送信を待っています）",
        "Sending to HR: not sent yet (waiting to send)"),
    "central.share_sent": E(
        "人事への送信: 送信済み（{time}）",
        "Sending to HR: sent ({time})"),
    # -- dxlearn db ---------------------------------------------------------------------------------
    "central.db_needs_server": E(
        "サーバーのデータベースを --db（例：postgresql+psycopg://サーバー/dxlearn）か、policy.toml の "
        "db で指定してください。",
        "Name the server database with --db (e.g. postgresql+psycopg://server/dxlearn) or db in "
        "policy.toml."),
    "central.db_upgraded": E(
        "{database}：形式を {before} から {after} に更新しました。{serves} 以降の版の dxlearn が使えます。"
        "データベースID：{database_id}",
        "{database}: upgraded from {before} to {after}. dxlearn from schema {serves} on can use it. "
        "Database id: {database_id}"),
    "central.db_current": E(
        "{database}：形式は最新（{after}）です。権限と行単位のアクセス制御を確認し直しました。"
        "{serves} 以降の版の dxlearn が使えます。データベースID：{database_id}",
        "{database}: already at {after}; grants and row-level security were checked again. "
        "dxlearn from schema {serves} on can use it. Database id: {database_id}"),
    "central.db_secured": E(
        "行単位のアクセス制御（学習者は自分の記録だけ）：{tables}",
        "Row-level security (learners see their own rows only): {tables}"),
    "central.db_unsecured": E(
        "次の表には学習者用の規則がないため、学習者のロールからは使えません：{tables}",
        "These tables have no rule for learners, so learner roles cannot use them: {tables}"),
    "central.db_status": E(
        "{database}：形式 {revision}（この dxlearn は {client}）、{serves} 以降の版が使えます。"
        "データベースID：{database_id}",
        "{database}: schema {revision} (this dxlearn: {client}), serves schema {serves} on. "
        "Database id: {database_id}"),
    "central.db_status_usable": E(
        "この版の dxlearn から使えます。",
        "This dxlearn can use it."),
    "central.db_status_refused": E(
        "この版の dxlearn からは使えません：{reason}",
        "This dxlearn cannot use it: {reason}"),
    "central.db_status_no_security": E(
        "行単位のアクセス制御のない表があります：{tables}。dxlearn db upgrade を実行してください。",
        "Tables without row-level security: {tables}. Run dxlearn db upgrade."),
    # -- dxlearn hr report ----------------------------------------------------------------------
    "central.report_from_server": E(
        "{database} の記録から報告書を作りました（記録を出力してから集計しました）。",
        "The report was made from the records in {database} (exported, then merged)."),
}
