"""What the bundle leaves out of PyInstaller's collection, and why (used by installer/dxlearn.spec).

PyInstaller's PySide6 hooks collect every Qt plugin and library of the wheel and then every
system library those need (on Linux: GTK, Cairo, Pango, ATK... for one GTK platform theme).
The app uses QtCore, QtGui and QtWidgets on a desktop: a window-system platform plugin
(``windows`` / ``xcb``; ``offscreen`` for ``--self-test`` and CI), the desktop's input methods
(Japanese IME: ``platforminputcontexts``), the widget styles, and image readers for the image
kinds lessons may use (docs/lesson-format.md: PNG, JPEG, GIF, BMP, WebP; PNG and BMP are
built into QtGui). Everything below is what that leaves unused.

Accessibility is not a plugin in Qt 6: the widgets' accessible interfaces are in QtWidgets, the
Windows UI Automation bridge in the ``windows`` platform plugin, the Linux AT-SPI bridge in
QtGui (over QtDBus, which is therefore kept). Nothing here touches them.

Only the rules live here, as functions of the bundle's file names, so they are tested without
a build (tests/installer/test_trim.py); the spec applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Qt plugin folders none of whose plugins the app can use.
DROPPED_PLUGIN_FOLDERS = {
    "egldeviceintegrations": "EGLFS back ends (full-screen embedded platform, no desktop)",
    # TUIO touch input listens on UDP: nothing in the bundle may listen on a network.
    "generic": "evdev/TUIO input for the embedded platforms (the desktop platform reads input)",
    "iconengines": "SVG icons (the app has none)",
    "wayland-decoration-client": "Wayland (Qt falls back to xcb through XWayland)",
    "wayland-graphics-integration-client": "Wayland (Qt falls back to xcb through XWayland)",
    "wayland-shell-integration": "Wayland (Qt falls back to xcb through XWayland)",
    "networkinformation": "QtNetwork's plugins (the app never uses a network)",
    "tls": "QtNetwork's plugins (the app never uses a network)",
}

# Single plugins, by folder and base name (without ``lib`` and the file suffix).
DROPPED_PLUGINS = {
    "platforms": {
        "qeglfs": "embedded full-screen platform",
        "qlinuxfb": "embedded frame-buffer platform",
        "qminimal": "test platform (the self-test uses offscreen)",
        "qminimalegl": "test platform",
        "qvkkhrdisplay": "Vulkan full-screen platform",
        "qvnc": "a VNC server: nothing in the bundle may listen on a network",
        "qwayland": "Wayland (Qt falls back to xcb through XWayland)",
        "qdirect2d": "alternative Windows platform; the default one is qwindows",
    },
    "platformthemes": {
        "qgtk3": "GTK 3 theme (pulls in GTK, Cairo, Pango, ATK; the app styles itself)",
    },
    "imageformats": {
        "qsvg": "SVG (lessons may not use SVG: it can carry script)",
        "qtiff": "TIFF (not an image kind lessons may use)",
        "qicns": "macOS icons",
        "qico": "Windows icons (the executable's icon is a resource, not read by Qt)",
        "qtga": "TGA (not an image kind lessons may use)",
        "qwbmp": "WBMP (not an image kind lessons may use)",
        "qpdf": "PDF pages as images",
    },
}

# Qt and other libraries no kept file links and the app never loads.
DROPPED_LIBRARIES = {
    "qt6network": "QtNetwork (excluded module; nothing else links it)",
    "qt6opengl": "QtOpenGL (only the EGLFS and Wayland plugins link it)",
    "qt6svg": "QtSvg (only the SVG plugins link it)",
    "qt6waylandclient": "Wayland",
    "qt6wlshellintegration": "Wayland",
    "qt6eglfsdeviceintegration": "EGLFS",
    "qt6eglfskmssupport": "EGLFS",
    "qt6pdf": "QtPdf",
    "opengl32sw": "Mesa software OpenGL for Windows (20 MB; widgets draw without OpenGL)",
    # CJK codecs other than Japanese: lessons, rosters and exports are UTF-8 or CP932
    # (dxlearn/files/text.py); ISO-2022-JP stays (_codecs_iso2022).
    "_codecs_cn": "Chinese codecs",
    "_codecs_hk": "Chinese (Hong Kong) codecs",
    "_codecs_kr": "Korean codecs",
    "_codecs_tw": "Chinese (Taiwan) codecs",
}

# Qt's own translations: the app loads the ``qtbase`` catalogue only (dxlearn/gui/translations.py)
# in Japanese or English.
KEPT_QT_TRANSLATIONS = ("qtbase_ja.qm", "qtbase_en.qm")


def _base(name: str) -> str:
    """``libqxcb.so`` -> ``qxcb``; ``qwindows.dll`` -> ``qwindows``; ``libQt6Gui.so.6`` ->
    ``qt6gui``; ``_codecs_cn.cpython-311-x86_64-linux-gnu.so`` -> ``_codecs_cn``."""
    stem = name.split(".", 1)[0].lower()
    return stem[3:] if stem.startswith("lib") else stem


def plugin_reason(destination: str) -> str | None:
    """Why a file under ``.../plugins/<folder>/`` is left out, or None to keep it."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    if "plugins" not in parts[:-2]:
        return None
    index = len(parts) - 1 - parts[::-1].index("plugins")
    if index + 2 != len(parts) - 1:
        return None
    folder, name = parts[index + 1], parts[-1]
    if folder in DROPPED_PLUGIN_FOLDERS:
        return DROPPED_PLUGIN_FOLDERS[folder]
    return DROPPED_PLUGINS.get(folder, {}).get(_base(name))


def library_reason(destination: str) -> str | None:
    """Why a library is left out, or None to keep it."""
    name = PurePosixPath(destination.replace("\\", "/")).name
    return DROPPED_LIBRARIES.get(_base(name))


def data_kept(destination: str) -> bool:
    """Whether a data file is kept: Qt's translations only as KEPT_QT_TRANSLATIONS, and no
    translators' sources (``.ts``: the app loads the compiled ``.qm``)."""
    path = destination.replace("\\", "/")
    if "/translations/" not in path:
        return True
    if path.startswith("PySide6/"):  # PySide6/Qt/translations (Linux), PySide6/translations
        return path.rsplit("/", 1)[-1] in KEPT_QT_TRANSLATIONS
    return not path.endswith(".ts")


def trim_binaries(
    names: Iterable[str], imports: Callable[[str], Iterable[str]]
) -> tuple[list[str], dict[str, str]]:
    """(kept destination names, {dropped name: reason}).

    ``names`` are the destination names of the collected binaries; ``imports(name)`` gives the
    base names of the shared libraries ``name`` loads at link time. A plugin with a reason
    above is dropped; a library with a reason above, and every library only dropped files link,
    is dropped unless a kept file links it. A library nothing links (loaded by name at run
    time, like Qt's plugins) is kept unless it is named above.
    """
    names = list(names)
    by_base = {PurePosixPath(n.replace("\\", "/")).name.lower(): n for n in names}

    def reach(start: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            for imported in imports(todo.pop()):
                found = by_base.get(imported.lower())
                if found is not None and found not in seen:
                    seen.add(found)
                    todo.append(found)
        return seen

    reasons = {n: r for n in names if (r := plugin_reason(n))}
    named = {n: r for n in names if n not in reasons and (r := library_reason(n))}
    candidates = (set(named) | reach(reasons)) - set(reasons)
    roots = [n for n in names if n not in reasons and n not in candidates]
    needed = set(roots) | reach(roots)
    for name in sorted(candidates - needed):
        reasons[name] = named.get(name, "linked only by files left out")
    kept = [n for n in names if n not in reasons]
    return kept, reasons


def link_kept(destination: str, target: str, kept: set[str]) -> bool:
    """Whether a symbolic link of the bundle (PyInstaller's SYMLINK entries: ``destination``
    pointing to ``target``, relative to the link's folder) points at a kept file."""
    folder = PurePosixPath(destination.replace("\\", "/")).parent
    parts: list[str] = []
    for part in (folder / target.replace("\\", "/")).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) in {k.replace("\\", "/") for k in kept}
