"""Which lesson libraries a PC studies, and which one wins when two share an id.

The one place the app and the commands (export, self-test, pack import) find libraries, so that
HR's export covers exactly what learners studied:

1. the bundled library (``lessons/`` in the installation);
2. the policy's ``libraries`` (the IT office's shares); one with the bundled library's id
   replaces it (the organisation's own edition);
3. the libraries imported from lesson packs (``<data folder>/libraries``). A pack never
   replaces the bundled library or a policy library: the same id is refused with a message,
   unless the policy sets ``allow_library_updates`` and the pack's version is newer (versions
   compare as dotted numbers: ``2026.10`` is newer than ``2026.9``).

The rule of 3 holds twice. At import, :func:`import_rules` names the bundled and policy
libraries (id and version) and ``content.pack.import_pack`` refuses a pack with one of those
ids (the pack's manifest id must also be its ``library.yaml`` id, so a pack cannot hide the
bundled id under another name). At load, :func:`load_library_set` refuses an imported folder
with such an id again, for folders copied by hand or imported by an older version. Who may
import at all is the policy's ``allow_pack_import`` (``Policy.pack_import_allowed``: false by
default where a policy file exists, true on a PC without one, such as a trainer's own).

``--library`` on the command line replaces the whole list (a trainer trying a folder); there a
later folder with the same id replaces an earlier one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from dxlearn.messages import Message

from .cache import load_library_cached
from .model import Library, LibraryError

if TYPE_CHECKING:  # the pack format loads with a pack import, not at every start
    from .pack_format import ImportRules

logger = logging.getLogger(__name__)

IMPORTED_FOLDER = "libraries"


class Source(StrEnum):
    BUNDLED = "bundled"
    POLICY = "policy"
    IMPORTED = "imported"
    COMMAND_LINE = "command_line"


@dataclass(frozen=True, slots=True)
class LibrarySet:
    """The libraries in display order, where each came from, and what could not be used."""

    libraries: tuple[Library, ...]
    sources: dict[str, Source] = field(default_factory=dict)  # library id -> source
    failed: tuple[tuple[Path, Source], ...] = ()  # folders that are not readable libraries
    problems: tuple[Message, ...] = ()  # refused replacements, for the log and the banner


_PART = re.compile(r"(\d+)|([^\d.]+)")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """``2026.10`` -> ((0, 2026), (0, 10)): numbers compare as numbers, text after them."""
    key: list[tuple[int, int | str]] = []
    for number, text in _PART.findall(version):
        key.append((0, int(number)) if number else (1, text))
    return tuple(key)


def is_newer(candidate: str, current: str) -> bool:
    return version_key(candidate) > version_key(current)


def imported_folders(data_dir: Path) -> list[Path]:
    """Libraries imported from lesson packs: each a folder in ``<data folder>/libraries``."""
    folder = data_dir / IMPORTED_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def default_folders(bundled: Path, policy_libraries: Sequence[Path],
                    data_dir: Path | None) -> list[tuple[Path, Source]]:
    folders = [(bundled, Source.BUNDLED)]
    folders += [(p, Source.POLICY) for p in policy_libraries]
    if data_dir is not None:
        folders += [(p, Source.IMPORTED) for p in imported_folders(data_dir)]
    return folders


def load_library_set(folders: Sequence[tuple[Path, Source]], *, cache_dir: Path | None = None,
                     allow_updates: bool = False) -> LibrarySet:
    """Load ``folders`` in order and apply the precedence rules of the module docstring."""
    libraries: list[Library] = []
    sources: dict[str, Source] = {}
    failed: list[tuple[Path, Source]] = []
    problems: list[Message] = []
    for folder, source in folders:
        try:
            library = load_library_cached(folder, cache_dir)
        except LibraryError as exc:
            logger.error("library not loaded: %s", exc)
            failed.append((folder, source))
            continue
        earlier = next((i for i, lib in enumerate(libraries) if lib.id == library.id), None)
        if earlier is not None:
            current = libraries[earlier]
            if not _may_replace(source, sources[library.id], library, current, allow_updates):
                logger.warning("library %s from %s (%s) not loaded: the %s one from %s stays",
                               library.id, folder, source, sources[library.id], current.root)
                problems.append(Message("content.library_not_replaced", {
                    "id": library.id, "folder": folder, "version": library.version,
                    "current": current.version, "where": current.root}))
                continue
            logger.info("library %s from %s replaces the one from %s", library.id, folder,
                        current.root)
            libraries[earlier] = library
            sources[library.id] = source
            continue
        errors = [f for f in library.all_findings() if f.is_error]
        logger.info("library %s (%s) loaded from %s: %d lessons, %d errors", library.id,
                    library.version, folder, sum(1 for _ in library.lessons()), len(errors))
        libraries.append(library)
        sources[library.id] = source
    return LibrarySet(tuple(libraries), sources, tuple(failed), tuple(problems))


def _may_replace(source: Source, current_source: Source, library: Library, current: Library,
                 allow_updates: bool) -> bool:
    if source is Source.COMMAND_LINE:
        return True
    if source is Source.POLICY and current_source is Source.BUNDLED:
        return True  # the organisation's own edition of the bundled library
    if source is Source.IMPORTED and current_source in (Source.BUNDLED, Source.POLICY):
        return allow_updates and is_newer(library.version, current.version)
    return source is Source.IMPORTED and current_source is Source.IMPORTED


def import_rules(bundled: Path | None, policy_libraries: Sequence[Path], *,
                 allow_updates: bool, cache_dir: Path | None = None) -> ImportRules:
    """What a lesson pack import must not replace: the bundled library and the policy's
    libraries, each with its id and version as loaded now (a folder that cannot be loaded
    protects nothing here; :func:`load_library_set` still refuses its id at the next start)."""
    from .pack_format import ImportRules, ProtectedLibrary

    folders: list[tuple[Path, Source]] = [] if bundled is None else [(bundled, Source.BUNDLED)]
    folders += [(p, Source.POLICY) for p in policy_libraries]
    protected: list[ProtectedLibrary] = []
    for folder, source in folders:
        try:
            library = load_library_cached(folder, cache_dir)
        except LibraryError as exc:
            logger.warning("library %s not loaded, so not protected from packs: %s", folder,
                           exc)
            continue
        protected.append(ProtectedLibrary(library.id, library.version, source.value))
    return ImportRules(tuple(protected), allow_updates)
