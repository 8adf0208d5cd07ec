"""The bundle's trimming rules (installer/trim.py), on file names as PyInstaller collects them
on Linux and on Windows; the real bundle is built and self-tested by CI (.ci/run)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from hypothesis import given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("installer_trim", REPO / "installer" / "trim.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["installer_trim"] = module
    spec.loader.exec_module(module)
    return module


trim = _load()
PLUGINS = "PySide6/Qt/plugins"


def test_the_desktop_platforms_input_methods_styles_and_lesson_image_kinds_stay() -> None:
    for kept in (f"{PLUGINS}/platforms/libqxcb.so", f"{PLUGINS}/platforms/libqoffscreen.so",
                 "PySide6\\plugins\\platforms\\qwindows.dll",
                 "PySide6\\plugins\\platforms\\qoffscreen.dll",
                 "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
                 f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so",
                 f"{PLUGINS}/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                 f"{PLUGINS}/imageformats/libqjpeg.so", f"{PLUGINS}/imageformats/libqgif.so",
                 "PySide6\\plugins\\imageformats\\qwebp.dll",
                 f"{PLUGINS}/xcbglintegrations/libqxcb-glx-integration.so",
                 f"{PLUGINS}/accessiblebridge/libsomebridge.so"):
        assert trim.plugin_reason(kept) is None, kept


def test_other_platforms_network_plugins_and_unused_image_kinds_go() -> None:
    for dropped in (f"{PLUGINS}/platforms/libqvnc.so", f"{PLUGINS}/platforms/libqwayland.so",
                    f"{PLUGINS}/platforms/libqeglfs.so", f"{PLUGINS}/platforms/libqlinuxfb.so",
                    "PySide6\\plugins\\platforms\\qdirect2d.dll",
                    f"{PLUGINS}/generic/libqtuiotouchplugin.so",
                    f"{PLUGINS}/platformthemes/libqgtk3.so",
                    f"{PLUGINS}/imageformats/libqsvg.so",
                    "PySide6\\plugins\\imageformats\\qtiff.dll",
                    f"{PLUGINS}/iconengines/libqsvgicon.so",
                    f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so",
                    "PySide6\\plugins\\tls\\qopensslbackend.dll"):
        assert trim.plugin_reason(dropped), dropped


def test_a_file_named_like_a_plugin_outside_a_plugin_folder_stays() -> None:
    assert trim.plugin_reason("dxlearn/_bundled/resources/platforms/libqvnc.so") is None
    assert trim.plugin_reason(f"{PLUGINS}/libqvnc.so") is None


def test_libraries_by_name_on_both_systems() -> None:
    assert trim.library_reason("PySide6/Qt/lib/libQt6Network.so.6")
    assert trim.library_reason("PySide6\\Qt6Network.dll")
    assert trim.library_reason("PySide6\\opengl32sw.dll")
    assert trim.library_reason("python3.11/lib-dynload/_codecs_kr.cpython-311-x86_64-linux-gnu.so")
    for kept in ("PySide6/Qt/lib/libQt6DBus.so.6", "PySide6/Qt/lib/libQt6Gui.so.6",
                 "python3.11/lib-dynload/_codecs_jp.cpython-311-x86_64-linux-gnu.so",
                 "python3.11/lib-dynload/_codecs_iso2022.cpython-311-x86_64-linux-gnu.so",
                 "_codecs_jp.pyd", "libicudata.so.73"):
        assert trim.library_reason(kept) is None, kept


def test_qt_translations_only_qtbase_in_japanese_and_english() -> None:
    folder = "PySide6/Qt/translations"
    assert trim.data_kept(f"{folder}/qtbase_ja.qm") and trim.data_kept(f"{folder}/qtbase_en.qm")
    for dropped in ("qtbase_de.qm", "qt_ja.qm", "qt_help_ja.qm", "qtmultimedia_ja.qm"):
        assert not trim.data_kept(f"{folder}/{dropped}"), dropped
    assert trim.data_kept("PySide6\\translations\\qtbase_ja.qm")  # the Windows wheel's folder
    assert not trim.data_kept("PySide6\\translations\\qtbase_fr.qm")
    assert trim.data_kept("dxlearn/_bundled/resources/translations/dxlearn_en.qm")
    assert not trim.data_kept("dxlearn/_bundled/resources/translations/dxlearn_en.ts")
    assert trim.data_kept("dxlearn/_bundled/lessons/01/lesson.md")


def _graph(edges: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def imports(name: str) -> Iterable[str]:
        return edges.get(name, [])

    return imports


def test_libraries_only_dropped_plugins_link_go_and_shared_ones_stay() -> None:
    gtk = f"{PLUGINS}/platformthemes/libqgtk3.so"
    xcb = f"{PLUGINS}/platforms/libqxcb.so"
    network = "PySide6/Qt/lib/libQt6Network.so.6"
    names = [gtk, xcb, "libgtk-3.so.0", "libcairo.so.2", "libX11.so.6", network,
             "libunrelated.so.1"]
    edges = {gtk: ["libgtk-3.so.0", "libcairo.so.2", "libX11.so.6"],
             "libgtk-3.so.0": ["libcairo.so.2", "libX11.so.6"], xcb: ["libX11.so.6"]}
    kept, dropped = trim.trim_binaries(names, _graph(edges))
    assert kept == [xcb, "libX11.so.6", "libunrelated.so.1"]
    assert set(dropped) == {gtk, "libgtk-3.so.0", "libcairo.so.2", network}


def test_a_named_library_a_kept_file_links_stays() -> None:
    svg = "PySide6/Qt/lib/libQt6Svg.so.6"
    app = "PySide6/QtSvgUser.abi3.so"
    kept, dropped = trim.trim_binaries([app, svg], _graph({app: ["libQt6Svg.so.6"]}))
    assert kept == [app, svg] and not dropped


def test_links_follow_their_targets() -> None:
    kept = {"PySide6/Qt/lib/libQt6Core.so.6"}
    assert trim.link_kept("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", kept)
    assert not trim.link_kept("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", kept)
    assert trim.link_kept("PySide6/x/libQt6Core.so.6", "../Qt/lib/libQt6Core.so.6", kept)


NAME = st.text(alphabet="abcdefgh", min_size=1, max_size=4).map(lambda s: f"lib{s}.so.1")


@given(st.lists(NAME, unique=True, max_size=8),
       st.dictionaries(NAME, st.lists(NAME, max_size=4), max_size=8),
       st.sets(st.sampled_from(["libqgtk3.so", "libqvnc.so", "libqsvg.so"])))
def test_nothing_a_kept_file_links_is_ever_dropped(names: list[str],
                                                   edges: dict[str, list[str]],
                                                   plugins: set[str]) -> None:
    folders = {"libqgtk3.so": "platformthemes", "libqvnc.so": "platforms",
               "libqsvg.so": "imageformats"}
    all_names = [*names, *(f"{PLUGINS}/{folders[p]}/{p}" for p in sorted(plugins))]
    for plugin in plugins:
        edges[f"{PLUGINS}/{folders[plugin]}/{plugin}"] = list(names[:2])
    kept, dropped = trim.trim_binaries(all_names, _graph(edges))
    assert sorted(kept + list(dropped)) == sorted(all_names)
    kept_set = set(kept)
    for name in kept:
        for imported in edges.get(name, []):
            if imported in all_names:
                assert imported in kept_set, (name, imported)
    assert all(f"{PLUGINS}/{folders[p]}/{p}" in dropped for p in plugins)
