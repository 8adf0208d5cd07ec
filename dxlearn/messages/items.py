"""Messages of the answers export and of item analysis (``dxlearn hr items``, 設問分析)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    # -- the answers export ---------------------------------------------------------------------
    "items.xapi_answers": E(
        "xAPI では回答（--scope answers）を書き出せません。CSV か XLSX を指定してください。",
        "answers (--scope answers) cannot be written as xAPI; use CSV or XLSX"),
    "items.export_left_out": E(
        "{count} 件の回答は、受験した後にレッスンの版が変わったため（または教材がこのPCにないため）"
        "設問を特定できません。ファイルには書き出しましたが「分析対象」を「いいえ」とし、設問分析と復習には"
        "使いません。",
        "{count} answer(s) cannot be matched to a question: the lesson's version changed after "
        "the attempt (or the library is not on this PC). They are written with in_analysis "
        "false and are left out of item analysis and review"),
    # -- reading answers files ------------------------------------------------------------------
    "items.input_not_answers": E(
        "回答の書き出し（--scope answers）ではありません（見出しに {columns} の列がありません）。",
        "not an answers export (--scope answers): the header lacks {columns}"),
    "items.input_detail": E(
        "修了記録の明細です。設問分析には回答の書き出し（--scope answers）を使います。",
        "a detail export; item analysis reads answers exports (--scope answers)"),
    "items.row_bad_choices": E(
        "{column} 列の値 {value} は選択肢の番号（1;3 のように ; で区切った数字）ではありません。",
        "{column}: {value} is not a list of choice numbers (such as 1;3)"),
    "items.left_out_version": E(
        "{count} 件の回答は、レッスンの版が変わったため設問分析の対象外です（分析対象＝いいえ）。",
        "{count} answer(s) are left out of the analysis: their lesson version changed "
        "(in_analysis false)"),
    "items.duplicate_rows": E(
        "{count} 件の回答は、別の入力ファイルにも同じものがあったため1回だけ数えました。",
        "{count} answer(s) were also in another input and are counted once"),
    # -- hr items -------------------------------------------------------------------------------
    "items.nothing_to_analyse": E(
        "{count} 個の入力ファイルのどれにも、使える回答がありませんでした。設問分析は書き出していません。",
        "none of the {count} input file(s) held a usable answer; no item analysis was written"),
    "items.written": E(
        "{path} に設問分析を書き出しました：{lessons} レッスン・{questions} 設問・{learners} 人"
        "（入力 {inputs} 個のうち {used} 個を使用）。",
        "wrote the item analysis {path}: {lessons} lesson(s), {questions} question(s), "
        "{learners} learner(s) ({used} of {inputs} input(s) used)"),
    "items.report_suffix": E(
        "{file}：設問分析の出力先は .xlsx か .csv にしてください。",
        "{file}: the item analysis must be a .xlsx or .csv file"),
    "items.flag_easy": E("易しすぎ（正答率 90% 超）", "too easy (facility above 90%)"),
    "items.flag_hard": E("難しすぎ（正答率 30% 未満）", "too hard (facility below 30%)"),
    "items.flag_low_discrimination": E(
        "識別力が低い（0.2 未満）", "low discrimination (below 0.2)"),
    "items.flag_no_discrimination": E(
        "識別力を計算できない（全員が同じ正誤、または他の設問の得点が全員同じ）",
        "discrimination cannot be computed (everyone scored the same)"),
    "items.flag_n_small": E("回答数が少ない（{minimum} 人未満）：判定しません",
                            "n too small (fewer than {minimum}): not judged"),
    "items.progress": E("回答ファイルを読み込んでいます", "reading answers files"),
}
