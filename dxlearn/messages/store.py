"""Messages of the progress store (``StoreError`` codes)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "store.where": E("（{path}）", " ({path})"),
    "store.data_dir_read_only": E(
        "学習記録のフォルダーに書き込めません。フォルダーの権限を確認してください。",
        "The progress folder cannot be written to. Check the folder's permissions."),
    "store.database_read_only": E(
        "学習記録のファイルが読み取り専用です。ファイルの属性を確認してください。",
        "The progress file is read-only. Check the file's attributes."),
    "store.second_instance": E(
        "dxlearn が既に起動しています。記録は最初に開いたウィンドウで行われます。",
        "dxlearn is already running. Progress is recorded in the window opened first."),
    "store.disk_full": E(
        "ディスクの空き容量が不足しています。空き容量を確保してから続けてください。"
        "これまでの記録は失われていません。",
        "The disk is full. Free some space, then continue. Nothing recorded so far is lost."),
    "store.database_locked": E(
        "学習記録が他のプログラムで使用中です。しばらく待ってからやり直してください。",
        "The progress database is in use by another program. Wait a moment and try again."),
    "store.io_error": E(
        "学習記録の読み書き中にエラーが発生しました。ネットワークや記憶装置を確認してください。",
        "Reading or writing the progress database failed. Check the network or the disk."),
    "store.cannot_open": E(
        "学習記録のファイルを開けません。パスと権限を確認してください。",
        "The progress file cannot be opened. Check its path and permissions."),
    "store.not_a_file": E(
        "学習記録のファイルがあるはずの場所に、通常のファイルではないもの（フォルダーや装置など）があります。"
        "何も変更していません。学習記録の保存場所の設定（--db、policy.toml の data_dir）を確認するか、"
        "情報政策担当に連絡してください。",
        "Something other than a regular file (a folder or a device) stands where the progress "
        "file should be. Nothing was changed. Check where progress is kept (--db, data_dir in "
        "policy.toml), or contact the IT office."),
    "store.foreign_database": E(
        "学習記録のファイルが dxlearn のものではありません（他のアプリのデータベースです）。"
        "ファイルは変更していません。学習記録の保存場所の設定（--db、policy.toml の data_dir）を"
        "確認するか、情報政策担当に連絡してください。",
        "The progress file is not a dxlearn database (it belongs to another application). "
        "It was left unchanged. Check where progress is kept (--db, data_dir in policy.toml), or "
        "contact the IT office."),
    "store.not_dxlearn": E(
        "指定されたファイルは dxlearn の学習記録ではありません（空のファイルか、表のないデータベースです）。"
        "ファイルは変更していません。学習記録のファイルを指定してください。",
        "The file given is not a dxlearn progress database (it is empty, or a database without "
        "tables). It was left unchanged. Give a progress file."),
    "store.needs_upgrade": E(
        "この学習記録は以前の版の形式のため、このままでは読めません。一度 dxlearn の画面を起動して"
        "終了すると新しい形式になります。その後でやり直してください。",
        "This progress database is in an older format and cannot be read as it is. Start and "
        "close the dxlearn window once to update it, then try again."),
    "store.damaged": E("学習記録のファイルが壊れています。", "The progress file is damaged."),
    "store.backup_failed": E(
        "バックアップを作成できなかったため、データベースの更新を中止しました。",
        "The database was not upgraded because a backup could not be made."),
    "store.migration_failed": E(
        "学習記録の形式を更新できませんでした。元のファイルはバックアップにあります。",
        "The progress database could not be upgraded. The original is kept in the backups."),
    "store.database_error": E(
        "学習記録の処理中にエラーが発生しました。",
        "An error occurred while recording progress."),
    "store.learner_exists": E(
        "この職員番号は既に登録されています。", "This staff number is already registered."),
    "store.learner_unknown": E(
        "この職員番号は登録されていません。", "This staff number is not registered."),
    "store.invalid_value": E("入力値が正しくありません。", "A value is not valid."),
    "store.attempt_unknown": E("この受験記録は見つかりません。", "This attempt was not found."),
    "store.attempt_finished": E("この受験は既に終了しています。", "This attempt has already ended."),
    "store.attempt_limit": E("受験回数の上限に達しています。", "No attempts are left."),
    "store.too_new": E(
        "このデータベースは新しい版の dxlearn で作成されています。アプリを更新してください。",
        "This database was made by a newer version of dxlearn. Update the app."),
    "store.bad_url": E(
        "データベースの指定を読み取れません。ファイルの場所か "
        "postgresql+psycopg://利用者@サーバー/データベース の形で指定してください。",
        "The database given cannot be understood. Give a file path or "
        "postgresql+psycopg://user@server/database."),
    "store.unsupported_url": E(
        "データベースの種類「{scheme}」には対応していません。SQLite のファイルか PostgreSQL "
        "（postgresql+psycopg://…）を指定してください。",
        "The database type '{scheme}' is not supported. Use a SQLite file or PostgreSQL "
        "(postgresql+psycopg://...)."),
    "store.driver_missing": E(
        "PostgreSQL に接続するための部品（{driver}）が入っていません。接続はしていません。"
        "「pip install dxlearn[postgres]」で追加するか、情報政策担当に連絡してください。",
        "The PostgreSQL driver ({driver}) is not installed; no connection was attempted. "
        "Install dxlearn[postgres], or contact the IT office."),
    # -- a server database (PostgreSQL) ------------------------------------------------------
    "store.server_unreachable": E(
        "学習記録のサーバーに接続できないため、この操作はできません。ネットワークの接続を確認し、"
        "しばらくしてからもう一度操作してください。続く場合は情報政策担当に連絡してください。",
        "The progress server cannot be reached, so this cannot be done now. Check the network "
        "and try again in a while. If it goes on, contact the IT office."),
    "store.server_timeout": E(
        "学習記録のサーバーから応答がありません。しばらくしてからもう一度操作してください。"
        "続く場合は情報政策担当に連絡してください。",
        "The progress server does not answer. Try again in a while. If it goes on, contact the "
        "IT office."),
    "store.server_busy": E(
        "学習記録のサーバーが混み合っています（接続数の上限に達しています）。しばらくしてから"
        "もう一度操作してください。",
        "The progress server is busy (it has reached its connection limit). Try again in a "
        "while."),
    "store.server_permission": E(
        "学習記録のサーバーで、この操作をする権限がありません。情報政策担当に連絡してください。",
        "The progress server does not allow this for your account. Contact the IT office."),
    "store.server_login_failed": E(
        "学習記録のサーバーにログインできません。利用者名、パスワード、データベース名を確認するか、"
        "情報政策担当に連絡してください。",
        "Signing in to the progress server failed. Check the user name, the password and the "
        "database name, or contact the IT office."),
    "store.server_not_set_up": E(
        "学習記録のサーバーのデータベースが、まだ準備されていません。情報政策担当が"
        "「dxlearn db upgrade」を実行すると使えるようになります。",
        "The progress database on the server has not been set up yet. The IT office sets it up "
        "with 'dxlearn db upgrade'."),
    "store.server_needs_upgrade": E(
        "学習記録のサーバーの形式（{revision}）が、このアプリの形式（{head}）より古いため使えません。"
        "情報政策担当が、サーバーで「dxlearn db upgrade」を実行してください。",
        "The progress server's schema ({revision}) is older than this app's ({head}). The IT "
        "office runs 'dxlearn db upgrade' on the server first."),
    "store.server_too_new": E(
        "学習記録のサーバーは新しい版の dxlearn 用に更新されていて（形式 {revision}）、この版のアプリ"
        "では使えません。このパソコンの dxlearn を新しい版に更新してください。",
        "The progress server was upgraded for a newer dxlearn (schema {revision}) that this "
        "version cannot use. Update dxlearn on this PC."),
    "store.migration_failed_server": E(
        "データベースの形式を更新できませんでした。変更は全て取り消されています。理由：{reason}",
        "The database could not be upgraded; every change was rolled back. Reason: {reason}"),
    "store.server_only": E(
        "この操作の対象は、サーバー（PostgreSQL）のデータベースだけです。SQLite のファイルは、"
        "アプリを起動したときに自動で更新されます。",
        "This is for a server (PostgreSQL) database only. A SQLite file is updated by the app "
        "itself when it starts."),
    "store.id_too_long": E(
        "{field} が長すぎます（{limit} 文字まで）。短くしてください。",
        "{field} is too long (at most {limit} characters). Shorten it."),
    "store.journal_unusable": E(
        "サーバーへ送る前の記録を保存するファイルを使えません。データフォルダーの空き容量と"
        "権限を確認するか、情報政策担当に連絡してください。",
        "The file that keeps records until they reach the server cannot be used. Check the free "
        "space and the permissions of the data folder, or contact the IT office."),
    # -- what the window says about the server (status bar) -------------------------------------
    "store.server_away_kept": E(
        "サーバーに接続できません。回答はこのパソコンに保存され、接続が戻ると送られます。",
        "The server cannot be reached. Your answers are kept on this PC and sent when the "
        "connection is back."),
    "store.server_back_sent": E(
        "サーバーとの接続が戻りました。このパソコンに保存していた記録（{count} 件）を送りました。",
        "The server is back. The {count} record(s) kept on this PC were sent."),
    "store.server_rejected": E(
        "サーバーが受け付けなかった記録が {count} 件あります。情報政策担当に連絡してください"
        "（内容はログに記録しています）。",
        "The server refused {count} record(s). Contact the IT office (the log has the details)."),
}
