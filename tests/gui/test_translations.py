"""The English translation (resources/translations/dxlearn_en.ts/.qm) is complete and current.

Japanese is the source language of the GUI; ``tools/update_translations.py`` extracts every
``tr()`` / ``QCoreApplication.translate()`` string of dxlearn/gui into the .ts and compiles the
.qm that the app loads when the preference "language" is "en". These tests fail when

* a string in dxlearn/gui is not in the .ts (the script was not run after adding it),
* a message in the .ts has no English (``type="unfinished"`` or empty),
* the committed .qm does not give exactly the English of the .ts (not recompiled),
* the English is not shown by real widgets with the translator installed.
"""

from __future__ import annotations

import ast
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]
GUI_DIR = REPO / "dxlearn" / "gui"
TRANSLATIONS = REPO / "resources" / "translations"
TS_FILE = TRANSLATIONS / "dxlearn_en.ts"
QM_FILE = TRANSLATIONS / "dxlearn_en.qm"
HINT = ("run `python tools/update_translations.py`, translate the new messages in "
        f"{TS_FILE.relative_to(REPO)} (remove type=\"unfinished\"), then run the script again")
APP_CLASSES = {"QCoreApplication", "QGuiApplication", "QApplication"}


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    forms: tuple[str, ...]  # the English; one form, or one per plural form
    finished: bool


@dataclass(frozen=True)
class TrCall:
    """A translatable string in the code: ``<receiver>.tr(...)`` or ``translate(ctx, ...)``."""

    where: str  # file:line
    receiver: str  # "self", another name, or "translate"
    context: str | None  # what Qt looks up at run time, when it is known statically
    source: str | None  # None when the text is not a string literal


def ts_messages() -> list[Message]:
    messages = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                forms: tuple[str, ...] = ()
                finished = False
            else:
                plural = [f.text or "" for f in translation.iter("numerusform")]
                forms = tuple(plural) if plural else (translation.text or "",)
                finished = translation.get("type") not in {"unfinished", "obsolete", "vanished"}
            messages.append(Message(
                context=name, source=message.findtext("source") or "",
                comment=message.findtext("comment"), numerus=message.get("numerus") == "yes",
                forms=forms, finished=finished))
    return messages


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _TrFinder(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.classes: list[str] = []
        self.calls: list[TrCall] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        where = f"{self.path.relative_to(REPO).as_posix()}:{node.lineno}"
        if isinstance(func, ast.Attribute) and func.attr == "tr":
            value = func.value
            receiver = value.id if isinstance(value, ast.Name) else ast.unparse(value)
            # PySide's tr() looks the text up under the class names of the receiver's type;
            # for self inside a class that is the class lupdate writes as the context.
            context = self.classes[-1] if receiver == "self" and self.classes else None
            source = _literal(node.args[0]) if node.args else None
            self.calls.append(TrCall(where, receiver, context, source))
        elif (isinstance(func, ast.Attribute) and func.attr == "translate"
              and isinstance(func.value, ast.Name) and func.value.id in APP_CLASSES):
            context = _literal(node.args[0]) if node.args else None
            source = _literal(node.args[1]) if len(node.args) > 1 else None
            self.calls.append(TrCall(where, "translate", context, source))
        self.generic_visit(node)


def tr_calls() -> list[TrCall]:
    calls = []
    for path in sorted(GUI_DIR.rglob("*.py")):
        finder = _TrFinder(path)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        calls.extend(finder.calls)
    return calls


def test_every_gui_string_is_in_the_ts() -> None:
    calls = tr_calls()
    assert calls, f"no tr() calls found in {GUI_DIR}"
    in_ts = {(m.context, m.source) for m in ts_messages()}
    sources = {source for _, source in in_ts}
    not_literal = [c.where for c in calls
                   if c.source is None or (c.receiver == "translate" and c.context is None)]
    assert not not_literal, (
        "tr()/translate() with a text (or context) that is not a string literal cannot be "
        f"extracted by lupdate: {not_literal}")
    missing = sorted({
        (c.where, c.source) for c in calls
        if ((c.context, c.source) not in in_ts if c.context is not None
            else c.source not in sources)
    })
    assert not missing, (
        f"{len(missing)} GUI string(s) missing from {TS_FILE.name}; {HINT}:\n"
        + "\n".join(f"  {where}: {source!r}" for where, source in missing))


def test_every_message_has_english() -> None:
    messages = ts_messages()
    assert messages, f"{TS_FILE} has no messages"
    untranslated = [m for m in messages
                    if not m.finished or not m.forms or not all(f.strip() for f in m.forms)]
    assert not untranslated, (
        f"{len(untranslated)} of {len(messages)} message(s) in {TS_FILE.name} have no English; "
        f"{HINT}:\n" + "\n".join(f"  [{m.context}] {m.source!r}" for m in untranslated))


def test_tr_contexts_match_what_qt_looks_up() -> None:
    """lupdate names the context of ``x.tr()`` after ``x`` (or the enclosing class for
    ``self``), PySide after the class of ``x`` at run time: only ``self.tr`` inside a class
    and ``QCoreApplication.translate("context", ...)`` agree."""
    wrong = [f"{c.where}: {c.receiver}.tr({c.source!r})" for c in tr_calls()
             if c.receiver != "translate" and c.context is None]
    assert not wrong, (
        f"{len(wrong)} tr() call(s) whose strings cannot be found at run time; use self.tr "
        "in a QObject subclass or QCoreApplication.translate(<context>, ...):\n"
        + "\n".join(f"  {w}" for w in wrong))


def _translate(translator: QTranslator, message: Message, n: int = -1) -> str:
    return translator.translate(message.context, message.source, message.comment, n)


def test_qm_matches_ts(qapp: QApplication) -> None:
    """The committed .qm gives exactly the English of the .ts, message by message (so an
    edited or new translation that was not compiled fails; independent of lrelease version)."""
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"cannot load {QM_FILE}; {HINT}"
    stale = []
    for message in ts_messages():
        if not message.finished:
            continue
        if message.numerus:
            # English: the first form for n == 1, the second otherwise.
            got = tuple(_translate(translator, message, n) for n in (1, 2))
            expected = (message.forms[0], message.forms[-1])
        else:
            got, expected = _translate(translator, message), message.forms[0]
        if got != expected:
            stale.append(f"  [{message.context}] {message.source!r}: .qm {got!r}, "
                         f".ts {expected!r}")
    assert not stale, (
        f"{QM_FILE.name} is older than {TS_FILE.name} ({len(stale)} message(s) differ); "
        "run `python tools/update_translations.py`:\n" + "\n".join(stale))


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QTranslator]:
    """The English translator, loaded the way dxlearn.gui.app.install_translation does."""
    translator = QTranslator()
    assert translator.load(QLocale("en"), "dxlearn", "_", str(TRANSLATIONS)), (
        f"QTranslator.load(QLocale('en'), 'dxlearn', '_', {TRANSLATIONS}) failed")
    assert qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def test_widgets_show_english(english: QTranslator) -> None:
    from dxlearn.gui.home_page import HomePage
    from dxlearn.gui.quiz_page import QuizPage

    quiz = QuizPage()
    home = HomePage()
    try:
        assert quiz.submit.text() == "Answer"
        assert quiz.next.text() == "Next question"
        assert quiz.accessibleName() == "Knowledge check"
        assert home.next_button.text() == "Start the next lesson"
    finally:
        quiz.deleteLater()
        home.deleteLater()


def test_widgets_show_japanese_without_translator(qapp: QApplication) -> None:
    from dxlearn.gui.quiz_page import QuizPage

    quiz = QuizPage()
    try:
        assert quiz.submit.text() == "回答する"
    finally:
        quiz.deleteLater()
