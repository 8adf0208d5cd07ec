"""HR outputs: export rows, CSV/XLSX/xAPI writers, the words of the files, the certificate facts.
Never imports Qt.

The public entry points (the contract: docs/completion-export.md):

- :func:`export_completion` (``api.py``) writes an export of the PC's library set and its
  ``.sig.json`` sidecar (signatures and their verification are ``dxlearn.integrity``; ``hr
  merge`` is ``dxlearn.hr``);
- :func:`certificate_for` (``certificate_data.py``) the facts a 修了証 shows.

Submodules are imported lazily so ``import dxlearn.export`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ExportOptions",
    "ExportResult",
    "ExportSettings",
    "Format",
    "Scope",
    "export_completion",
]

_LAZY = {
    "ExportOptions": "dxlearn.export.api",
    "ExportResult": "dxlearn.export.api",
    "Format": "dxlearn.export.api",
    "export_completion": "dxlearn.export.api",
    "Scope": "dxlearn.export.columns",
    "ExportSettings": "dxlearn.export.settings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)
