"""The "Lint" minor items of reliability.md, and titles as plain text (M6, the content side):
each gets its own clear message on the right line."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_builders import make_lesson, no_id, only_lesson, png_bytes, write

from dxlearn.content.lint import lint_path
from dxlearn.content.loader import load_library

LESSON = "01-x/lesson.md"


def ja(root: Path) -> list[str]:
    return [f.line_text("ja") for f in no_id(lint_path(str(root)).findings)]


def lesson_with_body(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", front="title: 教材\nid: x\n", body=body)
    return root


def test_an_entity_encoded_target_is_reported_on_its_own_line(tmp_path: Path) -> None:
    # the body starts on line 5
    root = lesson_with_body(tmp_path, "本文\n\n[危険](java&#x09;script:alert(1))\n")

    assert ja(root) == [
        f"エラー: {LESSON} 7行目: リンク「java\\x09script:alert(1)」は使えない種類のアドレスです"
        "（http、https、mailto とレッスンの中のファイルだけ使えます）。"]


@pytest.mark.parametrize("target", ["ms-settings:privacy", "search-ms:query=x", "ms-msdt:x",
                                    "shell:startup", "tel:0312345678"])
def test_an_address_type_the_sanitiser_drops_is_reported_not_dropped_silently(
        tmp_path: Path, target: str) -> None:
    root = lesson_with_body(tmp_path, f"本文\n\n[設定を開く]({target})\n")

    assert ja(root) == [
        f"エラー: {LESSON} 7行目: リンク「{target}」は使えない種類のアドレスです"
        "（http、https、mailto とレッスンの中のファイルだけ使えます）。"]
    assert target not in only_lesson(load_library(root)).body_html


def test_a_fake_and_a_truncated_png_are_findings(tmp_path: Path) -> None:
    root = lesson_with_body(tmp_path, "![](fake.png)\n\n![](cut.png)\n\n![](good.png)\n")
    write(root / "01-x" / "fake.png", b"GIF89a not a png at all")
    write(root / "01-x" / "cut.png", png_bytes()[:30])
    write(root / "01-x" / "good.png", png_bytes())

    assert ja(root) == [
        f"エラー: {LESSON} 5行目: 「fake.png」は PNG の画像ではありません（名前と中身が違います）。"
        "画像を PNG で保存し直してください。",
        f"エラー: {LESSON} 7行目: 画像「cut.png」は途中で切れています（コピーが終わっていないか、"
        "壊れています）。画像をコピーし直してください。",
    ]


@pytest.mark.parametrize(("name", "data"), [
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40),  # no end marker
    ("anim.gif", b"GIF89a" + b"\x00" * 20),  # no trailer
    ("pic.bmp", b"BM" + (10_000).to_bytes(4, "little") + b"\x00" * 20),  # says 10,000 bytes
    ("pic.webp", b"RIFF" + (9_999).to_bytes(4, "little") + b"WEBP" + b"\x00" * 8),
])
def test_truncated_images_of_other_kinds(tmp_path: Path, name: str, data: bytes) -> None:
    root = lesson_with_body(tmp_path, f"![]({name})\n")
    write(root / "01-x" / name, data)

    (finding,) = no_id(lint_path(str(root)).findings)
    assert finding.code == "content.image_truncated" and finding.line == 5


def test_a_five_thousand_digit_number_has_its_own_message(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", front="title: 教材\nid: x\nminutes: " + "9" * 5000 + "\n")

    assert ja(root) == [
        f"エラー: {LESSON} 4行目: 数が長すぎます（5000 桁）。"
        "正しい数に直してください。"]


def test_a_double_bom_has_its_own_message(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", b"\xef\xbb\xbf\xef\xbb\xbf---\ntitle: x\nid: x\n---\n")

    assert ja(root) == [
        f"警告: {LESSON} 1行目: ファイルの先頭に BOM（文字コードの印）が 2 個付いています。"
        "1 個として読みましたが、メモ帳の「名前を付けて保存」で、文字コードを「UTF-8」にして"
        "保存し直してください。"]
    assert only_lesson(load_library(root)).title == "x"


def test_a_bom_garbled_by_a_second_conversion_is_removed_with_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", "ï»¿---\ntitle: x\nid: x\n---\n")

    assert ja(root) == [
        f"警告: {LESSON} 1行目: ファイルの先頭に文字化けした BOM（ï»¿）があります。取り除いて"
        "読みましたが、メモ帳の「名前を付けて保存」で、文字コードを「UTF-8」にして保存し直してください。"]
    assert only_lesson(load_library(root)).title == "x"


def test_a_bom_at_the_start_of_a_line_is_dropped_with_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "01-x" / "lesson.md", "---\ntitle: x\n\ufeffid: x\n---\n")

    assert [f.code for f in lint_path(str(root)).findings] == ["content.bom_inside"]
    assert only_lesson(load_library(root)).id == "x"


# -- M6 (content): titles are plain text ----------------------------------------------------

MARKUP = '<span style="color:red"><img src="file:///etc/x.png"></span>'


def test_markup_in_a_title_is_a_warning_and_stays_plain_text(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-ch/01-x", front=f"title: '{MARKUP}研修'\nid: x\n"
                                          f"objectives:\n  - '<b>太字</b>にしたい目標'\n")
    write(root / "01-ch" / "chapter.yaml", "title: <i>第1章</i>\n")
    write(root / "library.yaml", "id: lib\ntitle: <h1>研修</h1>\n")

    library = load_library(root)

    tag = '<span style="color:red">'
    assert ja(root) == [
        "警告: 01-ch/01-x/lesson.md 2行目: title に HTML のタグ（" + tag + "）があります。"
        "題名などは書いたとおりの文字で表示され、タグは働きません。",
        "警告: 01-ch/01-x/lesson.md 4行目: objectives に HTML のタグ（<b>）があります。"
        "題名などは書いたとおりの文字で表示され、タグは働きません。",
        "警告: 01-ch/chapter.yaml 1行目: title に HTML のタグ（<i>）があります。"
        "題名などは書いたとおりの文字で表示され、タグは働きません。",
        "警告: library.yaml 2行目: title に HTML のタグ（<h1>）があります。"
        "題名などは書いたとおりの文字で表示され、タグは働きません。",
    ]
    lesson = only_lesson(library)
    # the model keeps what was written, as plain text (the GUI shows it with Qt.PlainText)
    assert lesson.title == f"{MARKUP}研修"
    assert lesson.objectives == ("<b>太字</b>にしたい目標",)
    assert library.chapters[0].title == "<i>第1章</i>"
    assert library.title == "<h1>研修</h1>"


def test_a_less_than_sign_in_a_title_is_not_markup(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    make_lesson(root, "01-x", front="title: 1 < 2 と a<b の比較\nid: x\n")

    assert ja(root) == []
