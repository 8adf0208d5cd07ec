"""Messages of the GIFT import (``dxlearn import-gift``): why a question was not converted,
what changed in one that was, and what the command prints."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    # -- a question not converted (shown after "FILE:LINE: ") --------------------------------
    "gift.skip_matching": E(
        "組み合わせ問題（->）は変換できません。選択式の問題に書き直してください。",
        "matching question (->) is not supported; rewrite it as choice questions"),
    "gift.skip_numerical": E(
        "数値問題（{{#...}}）は変換できません。選択式の問題に書き直してください。",
        "numerical question ({{#...}}) is not supported; rewrite it as a choice question"),
    "gift.skip_short_answer": E(
        "記述式の問題（答えを入力する問題。答えが「=」だけ、「=%50%」などの部分点付き、"
        "「*」を含むもの）は変換できません。「~」で誤りの選択肢を加えると選択式になります。",
        "short answer question (only '=' answers, weighted '=%50%' answers or a '*' "
        "wildcard) is not supported; add wrong choices with '~' to make it multiple choice"),
    "gift.skip_true_false_case": E(
        "{{{answer}}} は Moodle では記述式の問題になるため、変換しません。○×問題にするときは "
        "{{TRUE}} か {{FALSE}}（または {{T}} か {{F}}）と大文字で書いてください。",
        "{{{answer}}} is a short answer question in Moodle, so it was not converted; for a "
        "true/false question write {{TRUE}} or {{FALSE}} ({{T}} or {{F}}) in capitals"),
    "gift.skip_essay": E(
        "論述問題（答えの欄が空の {{}}）は変換できません。理解度チェックは選択式の問題だけです。",
        "essay question ({{}}) is not supported; quiz.md has choice questions only"),
    "gift.skip_description": E(
        "答えの {{ }} がない文章（説明文）は問題ではないため、変換しません。",
        "text without an answer block {{ }} (a description, not a question)"),
    "gift.brace_unclosed": E(
        "答えの「{{」が、次の空行までに「}}」で閉じられていません。この問題だけを飛ばし、"
        "次の問題から続けました。「}}」を書き足してください。",
        "the answer block '{{' is not closed with '}}' before the next blank line; this question "
        "was skipped and the next ones were read; add the '}}'"),
    "gift.brace_unopened": E(
        "「}}」の前に「{{」がありません。答えは {{～}} で囲んでください（文字としての「}}」は "
        "\\}} と書きます）。",
        "'}}' without a '{{' before it; put the answers in {{...}} (write \\}} for a literal '}}')"),
    "gift.no_text": E("問題文がありません。", "the question has no text"),
    "gift.answer_empty": E(
        "「=」や「~」のあとに答えの文がありません。",
        "an answer has no text after '=' or '~'"),
    "gift.too_few_answers": E(
        "選択肢が 2 つ以上必要です。", "a question needs at least two answers"),
    "gift.no_right_answer": E(
        "正解の選択肢がありません（「=」、またはプラスの「%数字%」を付けてください）。",
        "no answer is marked right ('=' or a positive '%weight%')"),
    "gift.several_right_single": E(
        "1 つだけ選ぶ問題に満点の答えが {count} 個あります。dxlearn の 1 つだけ選ぶ問題は正解が "
        "1 つです。余分な「=」を「~」に直すか、全ての答えを「~%50%」のように書いて「全て選ぶ」"
        "問題にしてください。",
        "a single choice question has {count} answers worth 100 %; dxlearn's single choice "
        "has one right answer: change the extra '=' to '~', or write every answer as "
        "'~%50%...' to make it a select-all question"),
    "gift.equals_in_html": E(
        "答えの HTML のタグの中に「=」があります（href=\"…\" など）。GIFT では「=」が答えの"
        "区切りになるため、タグの中では \\= と書いてください（Moodle が書き出すときも"
        "そうなります）。",
        "an HTML tag in the answers holds a '=' (href=\"...\" and the like); in GIFT '=' starts "
        "an answer, so write \\= inside tags (Moodle's own export does)"),
    # -- a question converted with a change (shown after "FILE:LINE: ") ----------------------
    "gift.note_partial_credit": E(
        "部分点は使えないため、満点の答えだけを正解にしました（部分点の答え「{answers}」は"
        "不正解として扱います）。",
        "partial credit was dropped: only the 100 % answer is right (the partial-credit "
        "answers '{answers}' count as wrong)"),
    "gift.note_link_dropped": E(
        "リンク（{target}）は取り込んでいません（リンクの文字だけを残しました）。",
        "the link ({target}) was left out (its text was kept)"),
    "gift.note_media_dropped": E(
        "画像・動画など（<{tag}> {target}）は取り込んでいません。必要なら教材の画像として"
        "問題文に加えてください。",
        "the <{tag}> ({target}) was left out; add it to the lesson's images if it is needed"),
    # -- what the command prints --------------------------------------------------------------
    "gift.skipped_line": E("{path}:{line}: 変換しませんでした: {reason}",
                           "{path}:{line}: skipped: {reason}"),
    "gift.note_line": E("{path}:{line}: 注意: {note}", "{path}:{line}: note: {note}"),
    "gift.cannot_read": E(
        "dxlearn import-gift: {path} を読めません（{reason}）。",
        "dxlearn import-gift: {path}: cannot read ({reason})"),
    "gift.not_decodable": E(
        "dxlearn import-gift: {path} は UTF-8 でも Shift_JIS（CP932）でもありません。"
        "Moodle から問題を書き出し直すか、UTF-8 で保存し直してください。",
        "dxlearn import-gift: {path}: neither UTF-8 nor Shift_JIS (CP932); export the "
        "questions from Moodle again or save the file as UTF-8"),
    "gift.nothing_converted": E(
        "dxlearn import-gift: {path} には変換できる問題がありませんでした。{output} は"
        "作っていません。",
        "dxlearn import-gift: {path}: no question could be converted; {output} was not "
        "written"),
    "gift.cannot_write": E(
        "dxlearn import-gift: {path} に書き込めません（{reason}）。",
        "dxlearn import-gift: cannot write {path} ({reason})"),
    "gift.written": E("{path}：{count} 問を書き出しました。",
                      "{path}: {count} question(s) written"),
    "gift.written_skipped": E(
        "{path}：{count} 問を書き出しました。{skipped} 問は変換しませんでした（上の一覧を"
        "見てください）。",
        "{path}: {count} question(s) written, {skipped} skipped (see above)"),
    "gift.read_as_cp932": E("（Shift_JIS（CP932）として読みました）",
                            " (read as Shift_JIS/CP932)"),
}
