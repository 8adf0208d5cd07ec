"""Static guarantees over dxlearn's source: no network client, no registry or QSettings, and no
update check. The offline session test proves behaviour; this proves nothing is even imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dxlearn"

# Modules (or module prefixes) that open network connections or servers.
NETWORK_MODULES = (
    "urllib.request", "urllib3", "http.client", "http.server", "requests", "httpx", "aiohttp",
    "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "socketserver", "asyncio",
    "ssl", "websocket", "websockets", "PySide6.QtNetwork", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebSockets", "webbrowser",
)
# The one use of ``socket`` allowed: the PC's host name (a local call) for the export's
# device column and the instance lock.
SOCKET_ALLOWED = {"gethostname"}


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imported_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_scan_sees_the_whole_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in sources()}
    assert {"cli/__init__.py", "policy.py", "selftest.py", "gui/app.py",
            "export/settings.py"} <= names
    assert len(names) > 50


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_a_network_client(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules = imported_modules(tree)
    bad = sorted(m for m in modules
                 if any(m == n or m.startswith(n + ".") for n in NETWORK_MODULES))
    assert bad == [], f"{path}: imports {bad}"
    if "socket" in modules:
        used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name) and node.value.id == "socket"}
        from_imports = {alias.name for node in ast.walk(tree)
                        if isinstance(node, ast.ImportFrom) and node.module == "socket"
                        for alias in node.names}
        assert (used | from_imports) <= SOCKET_ALLOWED, f"{path}: socket.{used | from_imports}"


def test_nothing_is_kept_in_the_registry_or_qsettings() -> None:
    offenders = [
        p.relative_to(PACKAGE).as_posix() for p in sources()
        if any(word in p.read_text(encoding="utf-8") for word in ("QSettings", "winreg"))
    ]
    assert offenders == [], "settings must live in the progress database (data_dir)"


def test_nothing_checks_for_updates() -> None:
    words = ("update_check", "check_for_update", "latest_version", "telemetry", "analytics")
    offenders = [(p.name, w) for p in sources() for w in words
                 if w in p.read_text(encoding="utf-8").lower()]
    assert offenders == []
