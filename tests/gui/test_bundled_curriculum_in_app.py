"""Every bundled lesson, studied once in the real window: it opens, its images load, it can
be read to the end, and its 理解度チェック can be passed, for every role."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QProgressBar

from dxlearn import paths
from dxlearn.gui.app import LaunchOptions, launch
from dxlearn.learning.status import Status
from dxlearn.policy import Policy

from .conftest import fill_profile_dialog, stop, when_modal
from .test_journey import correct_positions


def _images(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                names.append(QTextImageFormat(fmt).name())
            iterator += 1
        block = block.next()
    return names


def _not_laid_out(document: QTextDocument) -> list[str]:
    """Blocks with text that the layout gave no height: they are never drawn."""
    layout = document.documentLayout()
    missing = []
    block = document.begin()
    while block.isValid():
        if block.text().strip() and layout.blockBoundingRect(block).height() <= 0:
            missing.append(block.text()[:20])
        block = block.next()
    return missing


@pytest.mark.parametrize("role", ["executive", "leader", "staff"])
def test_every_lesson_of_the_role_can_be_studied_to_completion(
    qtbot, tmp_path: Path, role: str  # type: ignore[no-untyped-def]
) -> None:
    when_modal(fill_profile_dialog("000123", "試験 太郎", "人事課", role))
    hook = sys.excepthook
    launched = launch(LaunchOptions(policy=Policy(), libraries=(paths.lessons_dir(),),
                                    data_dir=tmp_path / "data"))
    sys.excepthook = hook
    window, ctx = launched.window, launched.ctx
    qtbot.addWidget(window)
    lessons = ctx.library.curriculum(role)
    assert len(lessons) >= 8
    images_seen = 0
    try:
        for lesson in lessons:
            window.open_lesson(lesson.id)
            browser = window.lesson_page.browser
            assert lesson.title in window.lesson_page.title.text()
            for name in _images(browser.document()):
                images_seen += 1
                image = browser.document().resource(QTextDocument.ResourceType.ImageResource,
                                                    name)
                assert image is not None and not image.isNull(), f"{lesson.id}: {name}"
            bar = browser.verticalScrollBar()
            qtbot.waitUntil(lambda bar=bar: bar.maximum() > 0)
            bar.setValue(bar.maximum())  # read to the end
            # every paragraph is drawn, also after a diagram fitted to the width
            assert _not_laid_out(browser.document()) == [], lesson.id
            window.start_quiz(lesson.id)
            for index in range(len(lesson.quiz.questions)):
                for position in correct_positions(window, index):
                    window.quiz_page.choice_buttons()[position].click()
                window.quiz_page.submit.click()
                window.quiz_page.next.click()
            record = ctx.store.lesson_progress("000123", ctx.library.id, lesson.id)
            assert record.status is Status.COMPLETED, lesson.id
            assert record.best_score == 100
        assert images_seen >= 4  # the diagrams of the common chapter were found and loaded
        overall = window.findChild(QProgressBar, "overall-progress")
        assert overall.value() == overall.maximum() == sum(1 for x in lessons if x.required)
        assert window.home.next_button.isHidden()  # nothing left to study
    finally:
        stop(launched)
