"""検索 through the real window: Ctrl+F, width/kana/case variants, Enter opens the lesson at the
match, Escape goes back; the index is built off the GUI thread and cached in cache/."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from dxlearn.gui.search_panel import LESSON_ID_ROLE

from .conftest import find, settle


def ready(qtbot, window):  # type: ignore[no-untyped-def]
    window.search.ensure_index()
    qtbot.waitUntil(lambda: window.search.ready, timeout=20000)
    return find(window, QLineEdit, "search-box")


def search(qtbot, window, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    box = ready(qtbot, window)
    box.clear()
    box.insert(text)  # as an input method commits it (QTest types ASCII only)
    window.search.run_query()  # what the pause after typing does
    # the results page is built at the first search (gui.window_pages), then found by its name
    results = find(window, QAbstractItemView, "search-results")
    model = results.model()
    return [model.index(row, 0).data(LESSON_ID_ROLE) for row in range(model.rowCount())]


def test_ctrl_f_focuses_the_box_from_anywhere(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    window = start_app().window
    settle(qtbot, window)
    window.open_lesson("reading")
    settle(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.lesson_page.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = find(window, QLineEdit, "search-box")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=3000)


def test_variants_of_width_kana_and_case_find_the_same_lessons(  # type: ignore[no-untyped-def]
        qtbot, start_app) -> None:
    window = start_app().window
    settle(qtbot, window)
    assert search(qtbot, window, "dx") == ["intro"]  # はじめてのDX
    assert search(qtbot, window, "ＤＸ") == ["intro"]
    # titles first (…のレッスン), then the body that links to 次のレッスン
    assert search(qtbot, window, "れっすん") == ["reading", "exec", "intro"]
    assert search(qtbot, window, "ﾚｯｽﾝ") == ["reading", "exec", "intro"]
    assert search(qtbot, window, "窓") == ["intro", "reading"]  # one character
    assert search(qtbot, window, "地域") == ["intro"]  # two, in an explanation
    assert "broken" not in search(qtbot, window, "壊れた")
    page = window.search.page
    assert window.pages.currentWidget() is page
    assert "見つかりませんでした" in page.heading.text()


def test_results_show_the_chapter_and_the_marked_match(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    window = start_app().window
    settle(qtbot, window)
    search(qtbot, window, "行政ｄｘ")
    hit = window.search._results.hits[0]
    assert (hit.lesson_id, hit.chapter_title) == ("intro", "基礎")
    item = window.search.page.results.item(0)
    assert "基礎" in item.text() and "行政DX" in item.text()  # what a screen reader reads
    markup = item.data(Qt.ItemDataRole.UserRole + 2)
    assert "行政DX</span>" in markup  # the match is marked


def test_enter_opens_the_lesson_scrolled_to_the_match(qtbot, start_app) -> None:  # type: ignore[no-untyped-def]
    launched = start_app()
    window = launched.window
    settle(qtbot, window)
    box = ready(qtbot, window)
    box.insert("節１２")  # full-width digits for "節12", near the end of the body
    qtbot.keyClick(box, Qt.Key.Key_Return)
    settle(qtbot, window)
    page = window.lesson_page
    assert window.pages.currentWidget() is page and page.lesson.id == "intro"
    qtbot.waitUntil(lambda: page.browser.textCursor().selectedText() == "節12", timeout=3000)
    bar = page.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > bar.maximum() // 2, timeout=3000)


def test_down_and_enter_open_the_second_result_and_escape_goes_back(  # type: ignore[no-untyped-def]
        qtbot, start_app) -> None:
    window = start_app().window
    settle(qtbot, window)
    assert search(qtbot, window, "れっすん")[:2] == ["reading", "exec"]
    box = find(window, QLineEdit, "search-box")
    results = window.search.page.results
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert results.hasFocus() or QApplication.focusWidget() is results
    qtbot.keyClick(results, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.lesson_page.lesson is not None and window.lesson_page.lesson.id == "exec"
    search(qtbot, window, "れっすん")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and window.pages.currentWidget() is window.home


def test_the_index_is_cached_beside_the_library_cache(qtbot, start_app, data_dir) -> None:  # type: ignore[no-untyped-def]
    window = start_app().window
    settle(qtbot, window)
    ready(qtbot, window)
    assert list((data_dir / "cache").glob("search-*.pickle"))
    assert list((data_dir / "cache").glob("library-*.pickle"))


def test_closing_the_window_waits_for_a_running_index_build(  # type: ignore[no-untyped-def]
        qtbot, start_app, monkeypatch) -> None:
    """A build still running Python when the interpreter shuts down can hang the exit; the
    window's close drops a queued build and waits for the running one."""
    import threading

    from dxlearn.content import search as search_module

    started, release = threading.Event(), threading.Event()
    real = search_module.build_search_index

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(search_module, "build_search_index", slow)
    window = start_app().window
    settle(qtbot, window)
    window.search.ensure_index()
    assert started.wait(5)
    threading.Timer(0.5, release.set).start()
    window.close()  # returns only when the worker is done
    assert window.search._pool.activeThreadCount() == 0
