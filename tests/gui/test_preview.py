"""The trainers' preview window: what learners see, findings that point at file and line,
reload on save (also save-by-rename), and a playable quiz that records nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from dxlearn.content.loader import LibraryError
from dxlearn.gui.preview import PreviewWindow, open_preview

from support.deep import deep_folder
from support.trainer import build_clean_library, write

WAIT_MS = 3000  # the requirement is "about a second"; leave room for a loaded CI machine


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = build_clean_library(tmp_path / "library")
    write(root / "01-基礎" / "03-broken" / "lesson.md",
          "---\ntitle: 壊れたレッスン\nroles: [staf]\nid: broken\n---\n本文\n")
    return root


@pytest.fixture
def preview(qtbot, library: Path) -> Iterator[PreviewWindow]:  # type: ignore[no-untyped-def]
    window = open_preview(library)
    qtbot.addWidget(window)
    window.select_lesson("01-基礎/01-intro")
    yield window
    window.close()


def intro_lesson(library: Path) -> Path:
    return library / "01-基礎" / "01-intro" / "lesson.md"


def test_opens_on_the_first_lesson(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_preview(library)
    qtbot.addWidget(window)
    assert window.lesson_page.title.text() == "共通画像"
    assert window.lesson_list.currentItem().text() == "共通画像"
    window.close()


def test_shows_lessons_findings_and_the_selected_lesson(preview: PreviewWindow) -> None:
    titles = [preview.lesson_list.item(i).text() for i in range(preview.lesson_list.count())]
    assert titles == ["共通画像", "基礎", "　はじめてのDX", "　読むだけ",
                      "　壊れたレッスン（エラーあり）"]
    assert preview.lesson_page.title.text() == "はじめてのDX"
    assert preview.lesson_list.currentItem().text() == "　はじめてのDX"
    assert "本文です。" in preview.lesson_page.browser.toPlainText()
    assert preview.findings_list.count() == 1
    assert "01-基礎/03-broken/lesson.md 3行目" in preview.findings_list.item(0).text()
    assert "エラー 1 件、警告 0 件" in preview.findings_title.text()


def test_clicking_a_finding_names_file_and_line_and_selects_the_lesson(
        qtbot, preview: PreviewWindow, library: Path) -> None:  # type: ignore[no-untyped-def]
    item = preview.findings_list.item(0)
    rect = preview.findings_list.visualItemRect(item)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(preview.findings_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())

    location = preview.location.text()
    assert str(library / "01-基礎/03-broken/lesson.md") in location
    assert "3 行目" in location and "'staf' という役割はありません" in location
    assert preview.lesson_page.title.text() == "壊れたレッスン"
    assert preview.lesson_list.currentItem().text().endswith("壊れたレッスン（エラーあり）")
    assert preview.lesson_notice.isVisibleTo(preview)


def test_findings_follow_the_language_given(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    """T7: the findings panel speaks the preview's language (Japanese unless --lang en)."""
    window = open_preview(library, "en")
    qtbot.addWidget(window)

    assert "unknown role 'staf'" in window.findings_list.item(0).text()
    assert "3: error: roles" in window.findings_list.item(0).toolTip()
    window.close()


def test_reload_after_a_plain_save(qtbot, preview: PreviewWindow,  # type: ignore[no-untyped-def]
                                   library: Path) -> None:
    write(intro_lesson(library), "---\ntitle: 書き換えたタイトル\n---\n新しい本文です。\n")

    qtbot.waitUntil(lambda: preview.lesson_page.title.text() == "書き換えたタイトル",
                    timeout=WAIT_MS)
    assert "新しい本文です。" in preview.lesson_page.browser.toPlainText()


def test_reload_after_save_by_rename_twice(qtbot, preview: PreviewWindow,  # type: ignore[no-untyped-def]
                                          library: Path) -> None:
    """Editors that write a new file and rename it over the old one: the watcher must keep
    working after the first such save, so do it twice."""
    target = intro_lesson(library)
    for n in (1, 2):
        temporary = target.with_name(f".lesson.md.tmp{n}")
        write(temporary, f"---\ntitle: 改名保存{n}\n---\n本文{n}\n")
        os.replace(temporary, target)
        qtbot.waitUntil(lambda n=n: preview.lesson_page.title.text() == f"改名保存{n}",
                        timeout=WAIT_MS)


def test_fixing_a_finding_removes_it(qtbot, preview: PreviewWindow,  # type: ignore[no-untyped-def]
                                     library: Path) -> None:
    write(library / "01-基礎" / "03-broken" / "lesson.md",
          "---\ntitle: 直したレッスン\nroles: [staff]\nid: broken\n---\n本文\n")

    qtbot.waitUntil(lambda: "エラー 0 件" in preview.findings_title.text(), timeout=WAIT_MS)
    assert preview.findings_list.item(0).text() == "問題は見つかりませんでした。"


def test_new_quiz_file_and_image_are_picked_up(qtbot, preview: PreviewWindow,  # type: ignore[no-untyped-def]
                                               library: Path) -> None:
    preview.select_lesson("01-基礎/02-reading")
    assert not preview.lesson_page.start_quiz.isVisibleTo(preview)
    write(library / "01-基礎" / "02-reading" / "quiz.md",
          "## 読みましたか。\n\n- [x] はい\n- [ ] いいえ\n")

    qtbot.waitUntil(lambda: preview.lesson_page.start_quiz.isVisibleTo(preview),
                    timeout=WAIT_MS)
    assert preview.lesson_page.title.text() == "読むだけ"


def test_quiz_is_playable_and_records_nothing(qtbot, preview: PreviewWindow,  # type: ignore[no-untyped-def]
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import dxlearn.store as store

    def no_store(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the preview must not open a progress store")

    monkeypatch.setattr(store, "open_store", no_store)
    before = {p for p in tmp_path.rglob("*")}

    preview.lesson_page.start_quiz.click()
    page = preview.quiz_page
    assert page.progress_label.text() == "問 1 / 2"
    page.choice_buttons()[1].click()  # wrong: 機器の更新
    page.submit.click()
    # the correct choice itself is named and marked (a number would change on reshuffle)
    assert "不正解" in page.feedback.text()
    assert "「住民の暮らしを良くする」" in page.feedback.text()
    assert page._rows[0].property("verdict") == "correct"
    assert page._rows[1].property("verdict") == "wrong"
    assert page.explanation.isVisibleTo(preview)
    assert "目的は暮らしを良くすることです。" in page.explanation.toPlainText()
    page.next.click()
    page.choice_buttons()[0].click()
    page.choice_buttons()[1].click()
    page.submit.click()
    assert "正解です" in page.feedback.text()
    page.next.click()

    assert page.stack.currentIndex() == 1
    assert page.score_label.text() == "50 点（2問中1問正解）"
    assert "合格です（合格点 50 点）" in page.verdict.text()
    assert "記録されません" in page.result_details.toPlainText()
    created = {p for p in tmp_path.rglob("*")} - before
    assert created == set(), f"the preview wrote {created}"
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".db", ".sqlite", ".sqlite3")]

    page.retry.click()
    assert page.stack.currentIndex() == 0 and page.progress_label.text() == "問 1 / 2"
    page.back.click()
    assert preview.pages.currentIndex() == 0


def test_reload_during_a_quiz_keeps_the_question(qtbot, preview: PreviewWindow,  # type: ignore[no-untyped-def]
                                                 library: Path) -> None:
    preview.lesson_page.start_quiz.click()
    preview.quiz_page.choice_buttons()[0].click()
    preview.quiz_page.submit.click()
    preview.quiz_page.next.click()
    quiz = library / "01-基礎" / "01-intro" / "quiz.md"
    write(quiz, quiz.read_text(encoding="utf-8").replace("二つの側面", "2つの側面"))

    qtbot.waitUntil(lambda: "2つの側面" in preview.quiz_page.prompt.toPlainText(),
                    timeout=WAIT_MS)
    assert preview.quiz_page.progress_label.text() == "問 2 / 2"


def test_single_lesson_folder(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_preview(library / "09-loose")
    qtbot.addWidget(window)
    try:
        assert window.lesson_list.count() == 1
        assert window.lesson_page.title.text() == "共通画像"
        assert window.findings_list.item(0).text() == "問題は見つかりませんでした。"
        write(library / "09-loose" / "lesson.md", "---\ntitle: 単体で編集\n---\n本文\n")
        qtbot.waitUntil(lambda: window.lesson_page.title.text() == "単体で編集",
                        timeout=WAIT_MS)
    finally:
        window.close()


def test_not_a_library_raises(tmp_path: Path) -> None:
    with pytest.raises(LibraryError):
        open_preview(tmp_path)


def test_quiz_button_is_the_learners_button(preview: PreviewWindow) -> None:
    button = preview.findChild(QPushButton, "lesson-start-quiz")
    assert button is preview.lesson_page.start_quiz
    assert button.text() == "理解度チェックを始める"


def test_a_library_with_a_thousand_nested_folders_opens(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    """M4: neither the loader nor the file watcher recurses down a deep folder."""
    with deep_folder(library / "05-deep", 1000):
        window = open_preview(library)
        qtbot.addWidget(window)

        assert any("05-deep/d/" in window.findings_list.item(i).text()
                   for i in range(window.findings_list.count()))
        window.close()
