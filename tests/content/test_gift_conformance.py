"""GIFT conformance: Moodle's own documented examples, each with the result dxlearn gives, derived
from what Moodle's parser (``qformat_gift::readquestion``) makes of it.

The corpus covers every example shape of Moodle's GIFT documentation page, of
``question/format/gift/examples.txt`` and of the import tests and fixtures in
``question/format/gift/tests/`` (written here in our own words: the shapes, markers, escapes and
weights are Moodle's, the texts are ours), plus the cases the interop review found. For each:

- ``moodle`` is Moodle's reading: the question type, and for multiple choice whether Moodle shows
  radio buttons (``single``: a ``=`` answer exists) or checkboxes (``multi``);
- the dxlearn result follows from it: single choice and true/false are converted, checkboxes are
  converted select-all (``## [multiple]`` when one answer is right), every other type is skipped
  with its kind, a brace error is an ``invalid`` question -- and ``quiz_md`` is the exact output.

The whole corpus is also converted as one file (UTF-8 with BOM and CRLF, and Shift_JIS) through
``dxlearn import-gift``: every skipped question is reported at its line, the rest load lint-clean.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxlearn.content.gift import convert_gift, convert_gift_bytes
from dxlearn.content.model import Question

from support.gift_builders import load_quiz

# Moodle's reading -> what dxlearn does with it ("" = converted)
MOODLE_TO_DXLEARN = {
    "multichoice single": "", "multichoice multi": "", "truefalse": "",
    "shortanswer": "short-answer", "numerical": "numerical", "match": "matching",
    "essay": "essay", "description": "description", "braceerror": "invalid",
}


@dataclass(frozen=True)
class Case:
    name: str
    source: str  # where the shape comes from (Moodle's docs page, examples.txt, its tests)
    moodle: str  # Moodle's reading (a key of MOODLE_TO_DXLEARN)
    gift: str
    quiz_md: str = ""  # the quiz.md dxlearn writes ("" when skipped)
    skipped: str = ""  # Skipped.kind
    code: str = ""  # Skipped.code
    notes: tuple[str, ...] = ()  # Note.code of each note


CORPUS = [
    Case(
        "mc-basic", "examples.txt, the class description", "multichoice single",
        "住民票の写しを請求できるのは？{~誰でも ~職員だけ =本人と同じ世帯の人}",
        quiz_md=("## 住民票の写しを請求できるのは？\n"
                 "\n"
                 "- [ ] 誰でも\n"
                 "- [ ] 職員だけ\n"
                 "- [x] 本人と同じ世帯の人\n"),
    ),
    Case(
        "mc-missing-word", "examples.txt, missing word", "multichoice single",
        "マイナンバーカードを発行するのは{~警察 =地方公共団体情報システム機構 ~税務署}です。",
        quiz_md=("## マイナンバーカードを発行するのは ＿＿＿＿ です。\n"
                 "\n"
                 "- [ ] 警察\n"
                 "- [x] 地方公共団体情報システム機構\n"
                 "- [ ] 税務署\n"),
    ),
    Case(
        "mc-multiline-text-after", "docs, multiple choice on several lines", "multichoice single",
        "自治体DX推進計画の重点取組は {\n"
        "    ~二つ\n"
        "    ~四つ\n"
        "    =六つ\n"
        "} 示されています。",
        quiz_md=("## 自治体DX推進計画の重点取組は ＿＿＿＿ 示されています。\n"
                 "\n"
                 "- [ ] 二つ\n"
                 "- [ ] 四つ\n"
                 "- [x] 六つ\n"),
    ),
    Case(
        "mc-multiline-brace-on-last-answer", "docs, multiple choice on several lines",
        "multichoice single",
        "行政手続のオンライン化で最初に取り組むのは？ {\n"
        "    ~窓口の増設\n"
        "    =よく使われる手続\n"
        "    ~紙の様式の改訂\n"
        "    ~庁舎の改修}",
        quiz_md=("## 行政手続のオンライン化で最初に取り組むのは？\n"
                 "\n"
                 "- [ ] 窓口の増設\n"
                 "- [x] よく使われる手続\n"
                 "- [ ] 紙の様式の改訂\n"
                 "- [ ] 庁舎の改修\n"),
    ),
    Case(
        "sa-basic", "docs, short answer", "shortanswer",
        "住民基本台帳を扱う課は？{=市民課 =住民課}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "sa-missing-word", "docs, short answer in a sentence", "shortanswer",
        "職員一人一台の端末は {=PC =パソコン} と呼ばれる。",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "tf-false", "docs, true-false", "truefalse",
        "マイナンバーは自由に変更できる。{F}",
        quiz_md=("## マイナンバーは自由に変更できる。\n"
                 "\n"
                 "- [ ] 正しい\n"
                 "- [x] 誤り\n"),
    ),
    Case(
        "tf-true", "docs, true-false", "truefalse",
        "電子申請は夜間でも受け付けられる。{T}",
        quiz_md=("## 電子申請は夜間でも受け付けられる。\n"
                 "\n"
                 "- [x] 正しい\n"
                 "- [ ] 誤り\n"),
    ),
    Case(
        "match-basic", "docs, matching", "match",
        "用語と説明を組み合わせてください。 {\n"
        "    =RPA -> 定型作業の自動化\n"
        "    =AI-OCR -> 手書き文字の読み取り\n"
        "    =LGWAN -> 自治体の閉域網\n"
        "    }",
        skipped="matching", code="gift.skip_matching",
    ),
    Case(
        "num-exact", "docs, numerical", "numerical",
        "住民基本台帳法が施行されたのは何年ですか？ {#1967}",
        skipped="numerical", code="gift.skip_numerical",
    ),
    Case(
        "num-tolerance", "docs, numerical with a tolerance", "numerical",
        "円周率を小数第3位まで答えてください。 {#3.1415:0.0005}.",
        skipped="numerical", code="gift.skip_numerical",
    ),
    Case(
        "num-range", "docs, numerical range", "numerical",
        "円周率を小数第3位まで答えてください。 {#3.141..3.142}.",
        skipped="numerical", code="gift.skip_numerical",
    ),
    Case(
        "num-weighted", "docs, numerical with weights", "numerical",
        "住民基本台帳法が施行されたのは何年ですか？ {#\n"
        "    =1967:0\n"
        "    =%50%1967:2}",
        skipped="numerical", code="gift.skip_numerical",
    ),
    Case(
        "num-after-comment", "docs, line comments", "numerical",
        "// 小見出し: ここから数値の問題\n"
        "2 たす 2 は？ {#4}",
        skipped="numerical", code="gift.skip_numerical",
    ),
    Case(
        "sa-title-two-lines", "docs, question name", "shortanswer",
        "::漢字の由来::漢字が最初に生まれた国は\n"
        "どこですか？ {=中国}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "mc-title-missing-word", "docs, question name", "multichoice single",
        "::窓口::住民票の写しの交付は\n"
        "{~二階 ~三階 =一階} の窓口です。",
        quiz_md=("## 住民票の写しの交付は ＿＿＿＿ の窓口です。\n"
                 "\n"
                 "- [ ] 二階\n"
                 "- [ ] 三階\n"
                 "- [x] 一階\n"),
    ),
    Case(
        "mc-feedback", "docs, feedback", "multichoice single",
        "この選択式の問題の答えは？{\n"
        "~誤りの答え#誤りへの解説\n"
        "~もう一つの誤り#こちらの解説\n"
        "=正しい答え#よくできました！}",
        quiz_md=("## この選択式の問題の答えは？\n"
                 "\n"
                 "- [ ] 誤りの答え\n"
                 "- [ ] もう一つの誤り\n"
                 "- [x] 正しい答え\n"
                 "\n"
                 "> - 誤りの答え：誤りへの解説\n"
                 "> - もう一つの誤り：こちらの解説\n"
                 "> - 正しい答え：よくできました！\n"),
    ),
    Case(
        "sa-feedback", "docs, feedback", "shortanswer",
        "住民票を請求できるのは？{\n"
        "=本人#とてもよい答えです！\n"
        "=同じ世帯の人#とてもよい答えです！}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "sa-markdown", "docs, specify text format", "shortanswer",
        "[markdown]住民票の **写し** を請求できるのは？{\n"
        "=本人#正解\n"
        "=同じ世帯の人#正解}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "tf-feedback", "docs, percentage answer weights", "truefalse",
        "マイナンバーカードの有効期限はない。{FALSE#有効期限があります。}",
        quiz_md=("## マイナンバーカードの有効期限はない。\n"
                 "\n"
                 "- [ ] 正しい\n"
                 "- [x] 誤り\n"
                 "\n"
                 "> - 正しい：有効期限があります。\n"),
    ),
    Case(
        "mc-partial-credit", "docs, percentage answer weights", "multichoice single",
        "難しい問題です。{~誤り ~%50%半分の点 =満点}",
        quiz_md=("## 難しい問題です。\n"
                 "\n"
                 "- [ ] 誤り\n"
                 "- [ ] 半分の点\n"
                 "- [x] 満点\n"),
        notes=("gift.note_partial_credit",),
    ),
    Case(
        "mc-partial-credit-feedback", "docs, percentage answer weights", "multichoice single",
        "::出身地:: 山田さんの出身地は {\n"
        "    ~東京#大都市ですが違います。\n"
        "    ~%25%大阪#生まれた所ですが、育った所ではありません。\n"
        "    ~%50%関西#もう少し詳しく。\n"
        "    =京都#その通りです！}。",
        quiz_md=("## 山田さんの出身地は ＿＿＿＿ 。\n"
                 "\n"
                 "- [ ] 東京\n"
                 "- [ ] 大阪\n"
                 "- [ ] 関西\n"
                 "- [x] 京都\n"
                 "\n"
                 "> - 東京：大都市ですが違います。\n"
                 "> - 大阪：生まれた所ですが、育った所ではありません。\n"
                 "> - 関西：もう少し詳しく。\n"
                 "> - 京都：その通りです！\n"),
        notes=("gift.note_partial_credit",),
    ),
    Case(
        "sa-weighted", "docs, percentage answer weights", "shortanswer",
        "::出身地:: 山田さんの出身地は {\n"
        "    =京都#その通りです！\n"
        "    =%75%きょうと#正解ですが漢字で書きましょう。\n"
        "    =%25%大阪#生まれた所ですが、育った所ではありません。}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "multi-two-right", "docs, multiple answers", "multichoice multi",
        "自治体DXの二つの柱は？ {\n"
        "    ~どれでもない\n"
        "    ~%50%行政DX\n"
        "    ~%50%地域DX\n"
        "    ~庁舎の改修 }",
        quiz_md=("## 自治体DXの二つの柱は？\n"
                 "\n"
                 "- [ ] どれでもない\n"
                 "- [x] 行政DX\n"
                 "- [x] 地域DX\n"
                 "- [ ] 庁舎の改修\n"),
    ),
    Case(
        "multi-negative", "docs, multiple answers", "multichoice multi",
        "自治体DXの二つの柱は？ {\n"
        "    ~%-50%どれでもない\n"
        "    ~%50%行政DX\n"
        "    ~%50%地域DX\n"
        "    ~%-50%庁舎の改修 }",
        quiz_md=("## 自治体DXの二つの柱は？\n"
                 "\n"
                 "- [ ] どれでもない\n"
                 "- [x] 行政DX\n"
                 "- [x] 地域DX\n"
                 "- [ ] 庁舎の改修\n"),
    ),
    Case(
        "mc-escaped-equals", "docs, special characters", "multichoice single",
        "5 になる式は？ {\n"
        "     ~ \\= 2 + 2\n"
        "     = \\= 2 + 3\n"
        "     ~ \\= 2 + 4  }",
        quiz_md=("## 5 になる式は？\n"
                 "\n"
                 "- [ ] = 2 + 2\n"
                 "- [x] = 2 + 3\n"
                 "- [ ] = 2 + 4\n"),
    ),
    Case(
        "mc-control-characters", "docs, special characters", "multichoice single",
        "::GIFTの記号::\n"
        "GIFT の記号（制御文字）でないものは？ {\n"
        "   ~ \\~     # \\~ は制御文字です。\n"
        "   ~ \\=     # \\= は制御文字です。\n"
        "   ~ \\#     # \\# は制御文字です。\n"
        "   ~ \\{     # \\{ は制御文字です。\n"
        "   ~ \\}     # \\} は制御文字です。\n"
        "   = \\\\     # 正解！ \\\\（円記号・バックスラッシュ）は制御文字ではありませんが、\n"
        "              制御文字を文字として書くときに使います。\n"
        "}",
        quiz_md=("## GIFT の記号（制御文字）でないものは？\n"
                 "\n"
                 "- [ ] ~\n"
                 "- [ ] =\n"
                 "- [ ] \\#\n"
                 "- [ ] {\n"
                 "- [ ] }\n"
                 "- [x] \\\\\n"
                 "\n"
                 "> - ~：~ は制御文字です。\n"
                 "> - =：= は制御文字です。\n"
                 "> - \\#：\\# は制御文字です。\n"
                 "> - {：{ は制御文字です。\n"
                 "> - }：} は制御文字です。\n"
                 "> - \\\\：正解！ \\\\（円記号・バックスラッシュ）は制御文字ではありませんが、"
                 "制御文字を文字として書くときに使います。\n"),
    ),
    Case(
        "mc-answer-feedback-formats", "fixture, test_import_multichoice", "multichoice single",
        "::Q2:: オレンジと緑の間の色は？\n"
        "{\n"
        "    =黄 # 正解です！\n"
        "    ~赤 # [html]違います。<b>黄</b>です\n"
        "    ~[plain]青 # 違います。黄です\n"
        "}",
        quiz_md=("## オレンジと緑の間の色は？\n"
                 "\n"
                 "- [x] 黄\n"
                 "- [ ] 赤\n"
                 "- [ ] 青\n"
                 "\n"
                 "> - 黄：正解です！\n"
                 "> - 赤：違います。**黄**です\n"
                 "> - 青：違います。黄です\n"),
    ),
    Case(
        "multi-answer-feedback-formats", "fixture, test_import_multichoice_multi",
        "multichoice multi",
        "::色:: オレンジと緑の間の色は？\n"
        "{\n"
        "    ~%50%黄 # 正解です！\n"
        "    ~%-100%赤 # [html]違います\n"
        "    ~%50%山吹 # 正解です！\n"
        "    ~%-100%[plain]青 # 違います\n"
        "}",
        quiz_md=("## オレンジと緑の間の色は？\n"
                 "\n"
                 "- [x] 黄\n"
                 "- [ ] 赤\n"
                 "- [x] 山吹\n"
                 "- [ ] 青\n"
                 "\n"
                 "> - 黄：正解です！\n"
                 "> - 赤：違います\n"
                 "> - 山吹：正解です！\n"
                 "> - 青：違います\n"),
    ),
    Case(
        "multi-one-right", "tests, test_import_multichoice_multi_tricky", "multichoice multi",
        "::色:: オレンジと緑の間の色は？\n"
        "{\n"
        "    ~%100%黄 # 正解です！\n"
        "    ~%-50%赤 # 違います\n"
        "    ~%-50%青 # 違います\n"
        "}",
        quiz_md=("## [multiple] オレンジと緑の間の色は？\n"
                 "\n"
                 "- [x] 黄\n"
                 "- [ ] 赤\n"
                 "- [ ] 青\n"
                 "\n"
                 "> - 黄：正解です！\n"
                 "> - 赤：違います\n"
                 "> - 青：違います\n"),
    ),
    Case(
        "num-wrong-feedback", "fixture, test_import_numerical", "numerical",
        "::Q5:: 1 から 5 までの数を一つ答えてください。 {#3:2~#全く違います}",
        skipped="numerical", code="gift.skip_numerical",
    ),
    Case(
        "sa-wildcard", "fixture, test_import_shortanswer", "shortanswer",
        "::記述:: いちばん好きな動物は？{\n"
        "    =カエル#いいですね！\n"
        "    =%50%ネコ#なぜネコなのでしょう？\n"
        "    =%0%*#全く違います\n"
        "}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "sa-general-feedback", "tests, test_import_shortanswer_with_general_feedback",
        "shortanswer",
        "::記述:: いちばん好きな動物は？{\n"
        "    =カエル#いいですね！\n"
        "    =%50%ネコ#なぜネコ？\n"
        "    =%0%*#全く違います\n"
        "    ####[html]<p>全体への<b>講評</b>です。</p>\n"
        "}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "tf-general-feedback", "fixture, true/false with general feedback", "truefalse",
        "::Q1:: 住民票は誰でも請求できる。{\n"
        "FALSE#本人などに限られます。#正しい答えです。\n"
        "####住民基本台帳法で決められています。}",
        quiz_md=("## 住民票は誰でも請求できる。\n"
                 "\n"
                 "- [ ] 正しい\n"
                 "- [x] 誤り\n"
                 "\n"
                 "> - 正しい：本人などに限られます。\n"
                 "> - 誤り：正しい答えです。\n"
                 ">\n"
                 "> 住民基本台帳法で決められています。\n"),
    ),
    Case(
        "tf-title-t", "fixture, test_import_truefalse_true_answer1", "truefalse",
        "::2-08 TSL::電子署名は本人確認に使える。{T}",
        quiz_md=("## 電子署名は本人確認に使える。\n"
                 "\n"
                 "- [x] 正しい\n"
                 "- [ ] 誤り\n"),
    ),
    Case(
        "tf-title-true", "fixture, test_import_truefalse_true_answer2", "truefalse",
        "::2-08 TSL::電子署名は本人確認に使える。{TRUE}",
        quiz_md=("## 電子署名は本人確認に使える。\n"
                 "\n"
                 "- [x] 正しい\n"
                 "- [ ] 誤り\n"),
    ),
    Case(
        "essay-empty", "fixture, test_import_essay", "essay",
        "::Q8:: 研修の感想を書いてください。 {}",
        skipped="essay", code="gift.skip_essay",
    ),
    Case(
        "essay-general-feedback", "docs, general feedback", "essay",
        "研修の感想は？ {\n"
        "####率直な感想をありがとうございます。\n"
        "}",
        skipped="essay", code="gift.skip_essay",
    ),
    Case(
        "essay-html-pre", "tests, test_import_pre_content", "essay",
        "::Q001::[html]<p>このコードは何を表示しますか？</p>\n"
        "<pre>\n"
        "    関数 test() \\{\n"
        "        表示(1);\n"
        "    \\}\n"
        "</pre>\n"
        "{}",
        skipped="essay", code="gift.skip_essay",
    ),
    Case(
        "essay-tags-in-comment", "tests, test_import_question_with_tags", "essay",
        "// この問題にはタグ [tag:研修] [tag:感想] と番号 [id:q-9] があります。\n"
        "::感想:: 研修はいかがでしたか？ {}",
        skipped="essay", code="gift.skip_essay",
    ),
    Case(
        "match-formats", "fixture, test_import_match", "match",
        "::組み合わせ::[html]<b>仕組み</b>と説明を組み合わせてください。{\n"
        "    =[html]住民がオンラインで手続をする仕組み -> 電子申請\n"
        "    =[moodle]書類を電子で保存する仕組み -> 電子決裁\n"
        "    =[plain]職員が定型作業を自動化する仕組み -> RPA\n"
        "    =[markdown]会議を画面越しに行う仕組み -> Web会議\n"
        "    = -> 文書管理\n"
        "}",
        skipped="matching", code="gift.skip_matching",
    ),
    Case(
        "description", "docs, description", "description",
        "::説明::ここからは第2章の問題です。",
        skipped="description", code="gift.skip_description",
    ),
    Case(
        "sa-docs-escaped-equals", "docs, special characters", "shortanswer",
        "1 + 2 \\= {3}",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "mc-docs-escaped-colon", "docs, special characters", "multichoice single",
        "地球でいちばん大きな砂漠は\\: {\n"
        "=南極\n"
        "~サハラ砂漠\n"
        "~オーストラリアの砂漠\n"
        "~アラビア砂漠\n"
        "}",
        quiz_md=("## 地球でいちばん大きな砂漠は:\n"
                 "\n"
                 "- [x] 南極\n"
                 "- [ ] サハラ砂漠\n"
                 "- [ ] オーストラリアの砂漠\n"
                 "- [ ] アラビア砂漠\n"),
    ),
    Case(
        "tf-docs-equals-in-text", "docs, quick examples", "truefalse",
        "::Q1:: 1+1=2 {T}",
        quiz_md=("## 1+1=2\n"
                 "\n"
                 "- [x] 正しい\n"
                 "- [ ] 誤り\n"),
    ),
    Case(
        "sa-docs-blank", "docs, quick examples (fill-in-the-blank)", "shortanswer",
        "::Q3:: 2 たす {=2 =二} は 4 です。",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "mc-docs-feedback-inline", "docs, feedback", "multichoice single",
        "漢字が最初に生まれた国は？ {\n"
        "~インド #残念です。\n"
        "=中国 #正解！\n"
        "~韓国 #もう一度。\n"
        "~エジプト #違います。\n"
        "}",
        quiz_md=("## 漢字が最初に生まれた国は？\n"
                 "\n"
                 "- [ ] インド\n"
                 "- [x] 中国\n"
                 "- [ ] 韓国\n"
                 "- [ ] エジプト\n"
                 "\n"
                 "> - インド：残念です。\n"
                 "> - 中国：正解！\n"
                 "> - 韓国：もう一度。\n"
                 "> - エジプト：違います。\n"),
    ),
    Case(
        "tf-docs-feedback-spaces", "docs, true-false feedback", "truefalse",
        "日本の首都は東京である。 {TRUE #違います #正解です}",
        quiz_md=("## 日本の首都は東京である。\n"
                 "\n"
                 "- [x] 正しい\n"
                 "- [ ] 誤り\n"
                 "\n"
                 "> - 正しい：正解です\n"
                 "> - 誤り：違います\n"),
    ),
    Case(
        "sa-docs-leading-blank", "docs, titles", "shortanswer",
        "::大陸:: { =アジア } は世界で最も大きな大陸です。",
        skipped="short-answer", code="gift.skip_short_answer",
    ),
    Case(
        "mc-markdown", "docs, format markers", "multichoice single",
        "[markdown]**重要**：窓口で最初に確かめるのは？{=*本人確認* ~手数料 ~混雑}",
        quiz_md=("## **重要**：窓口で最初に確かめるのは？\n"
                 "\n"
                 "- [x] *本人確認*\n"
                 "- [ ] 手数料\n"
                 "- [ ] 混雑\n"),
    ),
    Case(
        "mc-html-link-image", "interop review, [html] links and media", "multichoice single",
        "[html]<p>次の<a href\\=\"https://www.example.lg.jp/\">手引き</a>と"
        "<img src\\=\"@@PLUGINFILE@@/flow.png\" alt\\=\"流れ図\">を見て答えてください。</p>"
        "{=申請 ~届出}",
        quiz_md=("## 次の手引きと流れ図を見て答えてください。\n"
                 "\n"
                 "- [x] 申請\n"
                 "- [ ] 届出\n"),
        notes=("gift.note_link_dropped", "gift.note_media_dropped",),
    ),
    Case(
        "brace-unclosed", "interop review, unclosed brace", "braceerror",
        "窓口の受付時間は？ {=8時30分 ~9時\n",
        skipped="invalid", code="gift.brace_unclosed",
    ),
    Case(
        "after-unclosed", "interop review, unclosed brace", "multichoice single",
        "次の問題は読まれる。{=はい ~いいえ}",
        quiz_md=("## 次の問題は読まれる。\n"
                 "\n"
                 "- [x] はい\n"
                 "- [ ] いいえ\n"),
    ),
]


def load_quiz_md(tmp_path: Path, markdown: str) -> list[Question]:
    # the corpus asks some questions twice in different GIFT forms: lint warns about the same
    # question text (content.question_same_text), which is a warning, not an error
    return list(load_quiz(tmp_path, markdown, errors_only=True).questions)


def test_the_corpus_covers_every_reading_moodle_has() -> None:
    assert {case.moodle for case in CORPUS} == set(MOODLE_TO_DXLEARN)
    assert len({case.name for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_each_example_gives_what_moodle_reads(case: Case, tmp_path: Path) -> None:
    expected_kind = MOODLE_TO_DXLEARN[case.moodle]
    assert (case.skipped or "") == expected_kind, "the expectation follows Moodle's reading"
    result = convert_gift(case.gift)

    if case.skipped:
        assert result.converted == 0 and result.markdown == ""
        assert [(s.kind, s.code) for s in result.skipped] == [(case.skipped, case.code)]
        assert result.skipped[0].text("ja") and result.skipped[0].text("en")
        return
    assert result.skipped == []
    assert result.markdown == case.quiz_md
    assert tuple(n.code for n in result.notes) == case.notes
    questions = load_quiz_md(tmp_path, result.markdown)
    assert len(questions) == 1
    right = sum(c.correct for c in questions[0].choices)
    if case.moodle == "multichoice multi":
        assert right >= 2 or case.quiz_md.startswith("## [multiple] ")
    else:
        assert right == 1 and not questions[0].multiple


def corpus_file() -> tuple[str, list[tuple[int, str]]]:
    """The corpus as one GIFT file, and (line, kind) of each question that is skipped."""
    parts: list[str] = ["// dxlearn の GIFT 取り込みの確認用", "$CATEGORY: $course$/自治体DX", ""]
    expected: list[tuple[int, str]] = []
    for case in CORPUS:
        first = len(parts) + 1
        lines = case.gift.rstrip("\n").split("\n")
        first += next(i for i, line in enumerate(lines) if not line.strip().startswith("//"))
        if case.skipped:
            expected.append((first, case.skipped))
        parts += [*lines, ""]
    return "\n".join(parts), expected


def test_the_whole_corpus_as_one_file_in_every_encoding(tmp_path: Path) -> None:
    text, expected = corpus_file()
    converted = [case for case in CORPUS if not case.skipped]
    for data in (b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
                 text.encode("cp932")):
        result = convert_gift_bytes(data)
        assert [(s.line, s.kind) for s in result.skipped] == expected
        assert result.markdown == "\n".join(case.quiz_md for case in converted)
        assert len(load_quiz_md(tmp_path, result.markdown)) == len(converted)


def test_import_gift_reports_the_corpus_line_by_line(tmp_path: Path) -> None:
    text, expected = corpus_file()
    source = tmp_path / "moodle.gift"
    source.write_bytes(text.encode("cp932"))
    output = tmp_path / "quiz.md"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "dxlearn", "import-gift", source, "-o",
                             output], capture_output=True, text=True, encoding="utf-8",
                            env=env, timeout=120, check=False)

    assert result.returncode == 1, result.stderr
    skipped = [line for line in result.stderr.splitlines() if ": 変換しませんでした: " in line]
    assert [int(line.split(":")[1]) for line in skipped] == [line for line, _ in expected]
    notes = [line for line in result.stderr.splitlines() if ": 注意: " in line]
    assert len(notes) == sum(len(case.notes) for case in CORPUS)
    converted = sum(1 for case in CORPUS if not case.skipped)
    assert result.stdout.startswith(f"{output}：{converted} 問を書き出しました。"
                                    f"{len(expected)} 問は変換しませんでした")
    assert len(load_quiz_md(tmp_path, output.read_text("utf-8"))) == converted
