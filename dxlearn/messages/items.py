"""Messages of the answers export and of item analysis (``dxlearn hr items``, 設問分析)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    # -- the answers export ---------------------------------------------------------------------
    "items.xapi_answers": E(
        "xAPI では回答（--scope answers）を書き出せません。CSV か XLSX を指定してください。",
        "answers (--scope answers) cannot be written as xAPI; use CSV or XLSX"),
    "items.export_left_out": E(
        "{count} 件の回答は、受験した後に設問が変わったため（設問が削除・作り直しされた、選択肢の数が変わった、"
        "設問IDの記録がない以前の回答でレッスンの版が変わった、または教材がこのPCにない）、設問を特定できません。"
        "ファイルには書き出しましたが「分析対象」を「いいえ」とし、設問分析と復習には使いません。",
        "{count} answer(s) cannot be matched to a question as it is now: the question was "
        "removed or rewritten, its choices changed, the answer was recorded without a question "
        "id and the lesson's version changed, or the library is not on this PC. They are "
        "written with in_analysis false and are left out of item analysis and review"),
    # -- reading answers files ------------------------------------------------------------------
    "items.input_not_answers": E(
        "回答の書き出し（--scope answers）ではありません（見出しに {columns} の列がありません）。",
        "not an answers export (--scope answers): the header lacks {columns}"),
    "items.input_detail": E(
        "修了記録の明細です。設問分析には回答の書き出し（--scope answers）を使います。",
        "a detail export; item analysis reads answers exports (--scope answers)"),
    "items.row_bad_choices": E(
        "列 {column}：{value} は選択肢の番号（1;3 のように ; で区切った数字）ではありません。",
        "column {column}: {value} is not a list of choice numbers (such as 1;3)"),
    "items.left_out_version": E(
        "{count} 件の回答は、受験の後に設問が変わったため設問分析の対象外です（分析対象＝いいえ）。",
        "{count} answer(s) are left out of the analysis: their question changed after the "
        "attempt (in_analysis false)"),
    "items.first_attempts_left_out": E(
        "{count} 件（学習者×理解度チェック）は、最初の受験の後に設問が変わったため設問分析に含めていません"
        "（最初の受験の全ての回答がそろわないと、ほかの設問との比較ができないためです。後の受験は最初の受験では"
        "ないため使いません）。",
        "{count} learner(s)' first attempt at a quiz holds answers to questions that changed "
        "since: left out of the analysis (discrimination compares each answer with the rest of "
        "the same attempt; a later attempt is not a first one)"),
    "items.first_attempts_incomplete": E(
        "{count} 件（学習者×理解度チェック）は、最初の受験の回答の一部を入力ファイルから読み取れなかったため、"
        "設問分析に含めていません（残りの回答だけでは、ほかの設問との比較が正しくできないためです。後の受験は"
        "最初の受験ではないため使いません）。読み取れなかった行は入力ファイルの一覧に示しています。",
        "{count} learner(s)' first attempt at a quiz lost answer rows that could not be read "
        "in an input: left out of the analysis (the rest of the attempt alone would give a "
        "wrong comparison with the other questions; a later attempt is not a first one). The "
        "inputs list names the rows"),
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
    "items.input_not_answers_file": E(
        "回答の書き出しではないため使いません（設問分析には dxlearn export --scope answers で書き出した"
        "ファイルを使います）。",
        "not an answers export, not used (item analysis reads files written by dxlearn export "
        "--scope answers)"),
    "items.about_first": E(
        "学習者ごと・理解度チェックごとに、最初に始めた受験（どのPCでも）の回答だけを数えます。同じ回答が複数の"
        "ファイルにあっても1回と数えます。",
        "Per learner and quiz only the attempt started first (on any PC) counts; an answer "
        "found in several files counts once."),
    "items.about_facility": E(
        "正答率：その設問に答えた人のうち正解した人の割合（%）。",
        "Facility: the per cent of the learners answering the question who got it right."),
    "items.about_discrimination": E(
        "識別力：Moodle の識別指数（discrimination index）と同じ定義で、設問の得点（正解 1・不正解 0）と"
        "残りの設問の得点（その受験の正解数からこの設問の分を引いたもの）のピアソン相関係数です"
        "（-1〜1。Moodle は 100 倍した % で表示します）。",
        "Discrimination: Moodle's discrimination index, the Pearson correlation between the "
        "question's score (1 right, 0 wrong) and the score on the rest of the quiz (the "
        "attempt's right answers less this one), from -1 to 1 (Moodle shows it times 100, "
        "as a per cent)."),
    "items.about_flags": E(
        "判定：正答率が {easy}% を超える、{hard}% 未満、識別力が {low} 未満（または計算できない）の"
        "設問に印を付けます。回答者が {minimum} 人未満の設問は判定しません。",
        "Flags: facility above {easy}% or below {hard}%, discrimination below {low} (or not "
        "computable). Questions answered by fewer than {minimum} learners are not judged."),
    "items.about_learners": E("分析した受講者：{count} 人。", "Learners analysed: {count}."),
    "items.progress": E("回答ファイルを読み込んでいます", "reading answers files"),
}
