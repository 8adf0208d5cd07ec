"""Lesson packs (``.dxpack``): build, verify and import a library as one checked file.

A pack is a zip holding ``manifest.json`` and the library's files under ``library/``. The
manifest names the format, the library (id, title, version: those of its ``library.yaml``),
every file with its SHA-256 and size, when the pack was made (ISO 8601 with offset) and the app
version that made it.

Packs travel through LGWAN "sanitising" transfers (無害化) and USB sticks, so an import trusts
nothing: every check of :mod:`dxlearn.content.pack_check` passes before anything is written;
a pack never replaces the bundled library or a policy library (:class:`ImportRules`, built by
:func:`dxlearn.content.libraries.import_rules`); the library is extracted into a hidden
temporary folder beside the target, loaded once to see that it is the library the manifest
names, and swapped in only then. An import killed half-way leaves hidden folders that
:func:`clean_interrupted_imports` removes (or restores) at the next start or import. Building
applies the same name rules, so that a pack that builds is a pack that imports on Windows.
Pure Python.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from dxlearn import __version__

from .fields import ID_PATTERN
from .libraries import is_newer
from .loader import LibraryError, load_library
from .pack_check import (
    DEFAULT_LIMITS,
    ByteCounter,
    Checked,
    check_archive,
    open_pack,
    read_member,
    reason_of,
    verify_pack,
)
from .pack_format import (
    CHUNK,
    FORMAT_ID,
    IMAGE_SUFFIXES,
    JUNK_FILES,
    MANIFEST,
    MAX_BYTES,
    MAX_ENTRIES,
    MAX_ID_CHARS,
    MAX_MANIFEST_BYTES,
    PREFIX,
    SUFFIX,
    BuildResult,
    ImportResult,
    ImportRules,
    Limits,
    Manifest,
    PackCancelled,
    PackError,
    PackFile,
    PackLintError,
    PackProblem,
    Progress,
    ProtectedLibrary,
    VerifyReport,
    collision_key,
    shown,
    unsafe_name_reason,
)
from .pack_staging import clean_interrupted_imports, staging_folder

__all__ = [
    "CHUNK", "DEFAULT_LIMITS", "FORMAT_ID", "IMAGE_SUFFIXES", "MANIFEST", "MAX_BYTES",
    "MAX_ENTRIES", "MAX_MANIFEST_BYTES", "PREFIX", "SUFFIX", "BuildResult", "ImportResult",
    "ImportRules", "Limits", "Manifest", "PackCancelled", "PackError", "PackFile",
    "PackLintError", "PackProblem", "Progress", "ProtectedLibrary", "VerifyReport",
    "build_pack", "clean_interrupted_imports", "default_libraries_dir", "import_pack",
    "verify_pack",
]

logger = logging.getLogger(__name__)

# -- building ---------------------------------------------------------------------------------


def _library_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every file the library consists of (what the loader reads): names starting with '.' or
    '_' are left out, except ``_assets/`` at the root; symlinks and packs are left out."""

    def walk(folder: Path, rel: str) -> Iterator[tuple[Path, str]]:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            name = entry.name
            child_rel = f"{rel}{name}"
            if name.startswith(".") or (name.startswith("_") and child_rel != "_assets"):
                continue
            if entry.is_symlink():
                logger.warning("pack build: symlink %s left out", entry.path)
                continue
            path = Path(entry.path)
            if entry.is_dir():
                yield from walk(path, f"{child_rel}/")
            elif entry.is_file():
                if name.lower() in JUNK_FILES or name.lower().endswith(SUFFIX):
                    continue
                yield path, child_rel

    yield from walk(root, "")


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _inside(target: Path, source: Path) -> bool:
    resolved, root = target.resolve(), source.resolve()
    return resolved == root or resolved.is_relative_to(root)


def _existing_output_problem(target: Path, replace: bool) -> PackProblem | None:
    """An existing output is replaced only with ``replace``, and only when it is a regular
    file: a device (/dev/full), a FIFO or a folder is never written over."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return PackProblem("pack.write_failed", "", {"path": target, "reason": reason_of(exc)})
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):  # a link itself is replaced, not followed
        return PackProblem("pack.output_not_a_file", "", {"path": target})
    if not replace:
        return PackProblem("pack.output_exists", "", {"path": target})
    return None


def _name_problems(files: list[tuple[Path, str]]) -> list[PackProblem]:
    problems: list[PackProblem] = []
    seen: dict[str, str] = {}
    for _path, rel in files:
        reason = unsafe_name_reason(rel)
        if reason is not None:
            problems.append(PackProblem("pack.build_bad_name", shown(rel), {"reason": reason}))
            continue
        first = seen.setdefault(collision_key(rel), rel)
        if first != rel:
            problems.append(PackProblem("pack.build_same_name", shown(rel), {"first": first}))
    return problems


def build_pack(library_path: str | os.PathLike[str], output: str | os.PathLike[str],
               now: datetime | None = None, *, replace: bool = False) -> BuildResult:
    """Write ``output`` (.dxpack) from a library folder. Raises PackLintError when the library
    has lint errors, PackError when it cannot be packed (a name Windows cannot create, an output
    inside the library, an existing output without ``replace``, a device); the output appears
    only when complete."""
    source = Path(library_path).absolute()
    try:
        library = load_library(source)
    except LibraryError as exc:
        raise PackError([PackProblem("pack.not_a_library", "", {
            "path": library_path, "reason": reason_of(exc)})]) from exc
    if library.root != source:
        raise PackError([PackProblem("pack.one_lesson", "", {
            "path": library_path, "root": library.root})])
    findings = library.all_findings()
    if any(f.is_error for f in findings):
        raise PackLintError(findings)
    if (not ID_PATTERN.fullmatch(library.id) or len(library.id) > MAX_ID_CHARS
            or unsafe_name_reason(library.id) is not None):
        raise PackError([PackProblem("pack.library_id_unusable", "library.yaml", {
            "id": shown(library.id), "limit": MAX_ID_CHARS})])
    target = Path(output).absolute()
    if _inside(target, source):  # it would be packed next time, or replace a lesson's file
        raise PackError([PackProblem("pack.output_in_library", "", {
            "path": target, "library": source})])
    problem = _existing_output_problem(target, replace)
    if problem is not None:
        raise PackError([problem])

    sources = list(_library_files(source))
    problems = _name_problems(sources)
    if problems:
        raise PackError(problems)
    files = [PackFile(rel, *_hash_file(path)) for path, rel in sources]
    total = sum(f.size for f in files)
    if len(files) + 1 > MAX_ENTRIES or total > MAX_BYTES:
        raise PackError([PackProblem("pack.build_too_large", "", {
            "count": len(files), "size": f"{total:,}", "max_count": MAX_ENTRIES,
            "max_size": f"{MAX_BYTES:,}"})])
    manifest = Manifest(
        library_id=library.id, title=library.title, version=library.version,
        created_at=(now or datetime.now().astimezone()).isoformat(timespec="seconds"),
        app_version=__version__, files=tuple(files))
    _write_pack(target, manifest, sources, replace)
    logger.info("pack %s built: library %s %s, %d files", target, library.id, library.version,
                len(files))
    return BuildResult(target, manifest)


def _write_pack(target: Path, manifest: Manifest, sources: list[tuple[Path, str]],
                replace: bool) -> None:
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with zipfile.ZipFile(partial, "x", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_zip_info(MANIFEST),
                             json.dumps(manifest.as_dict(), ensure_ascii=False, indent=2))
            for path, rel in sources:
                with path.open("rb") as src, archive.open(_zip_info(PREFIX + rel), "w") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        problem = _existing_output_problem(target, replace)  # nothing appeared meanwhile
        if problem is not None:
            raise PackError([problem])
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackError([PackProblem("pack.write_failed", "", {
            "path": target, "reason": reason_of(exc)})]) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


# -- importing --------------------------------------------------------------------------------


def _protection_problems(manifest: Manifest, rules: ImportRules) -> list[PackProblem]:
    """A pack with the bundled library's or a policy library's id is refused, unless the
    policy allows updates and the pack's version is newer (``libraries.is_newer``)."""
    for protected in rules.protected:
        if protected.library_id != manifest.library_id:
            continue
        if rules.allow_updates and is_newer(manifest.version, protected.version):
            continue
        if rules.allow_updates:
            code = "pack.protected_not_newer"
        elif protected.origin == "policy":
            code = "pack.protected_policy"
        else:
            code = "pack.protected_bundled"
        return [PackProblem(code, "", {"id": manifest.library_id, "version": manifest.version,
                                       "current": protected.version})]
    return []


def import_pack(pack_path: str | os.PathLike[str], into: str | os.PathLike[str],
                limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None, *,
                rules: ImportRules) -> ImportResult:
    """Verify the pack completely, then install it as ``into/<library id>``.

    ``rules`` names the libraries the pack must not replace (the bundled one, the policy's)
    and whether the policy allows newer versions of them. Nothing is written before every check
    has passed. The files are extracted into a hidden folder beside the target (hashes and
    sizes checked again while writing) and loaded once; the previous version is renamed aside,
    the new one renamed in, and only then is the old one deleted. On any failure the previous
    version is restored and the temporary folder removed.
    Raises PackError (or PackCancelled from ``progress``).
    """
    pack = Path(pack_path)
    folder = Path(into).absolute()
    clean_interrupted_imports(folder)
    with open_pack(pack) as archive:
        counter = ByteCounter(progress, passes=2)  # read once to verify, once to extract
        checked, problems = check_archive(archive, limits, counter)
        if checked is None:
            raise PackError(problems)
        manifest = checked.manifest
        problems = _protection_problems(manifest, rules)
        if problems:
            logger.info("pack %s refused: %s", pack, problems[0])
            raise PackError(problems)
        try:
            with staging_folder(folder, manifest.library_id) as (extracted, aside):
                _extract(checked, extracted, counter)
                _check_loaded(extracted, manifest)
                target = folder / manifest.library_id
                replaced = _swap_in(extracted, target, aside)
        except OSError as exc:
            raise PackError([PackProblem("pack.import_write_failed", "", {
                "folder": folder, "reason": reason_of(exc)})]) from exc
    logger.info("pack %s imported into %s (library %s %s, %d files, replaced=%s)", pack,
                target, manifest.library_id, manifest.version, len(manifest.files), replaced)
    return ImportResult(manifest.library_id, target, replaced, manifest)


def _extract(checked: Checked, staging: Path, counted: ByteCounter) -> None:
    root = staging.resolve()
    for entry in checked.manifest.files:
        name = PREFIX + entry.path
        destination = staging.joinpath(*entry.path.split("/"))
        if not destination.resolve().is_relative_to(root):  # belt and braces
            raise PackError([PackProblem("pack.unsafe_entry", shown(name), {
                "reason": unsafe_name_reason("..")})])
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with destination.open("xb") as sink:
                digest, size = read_member(checked.archive, checked.info(entry), entry.size,
                                           sink, counted)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise PackError([PackProblem("pack.damaged", shown(name),
                                         {"reason": reason_of(exc)})]) from exc
        if size != entry.size or digest != entry.sha256:
            raise PackError([PackProblem("pack.changed_while_extracting", shown(name))])


def _check_loaded(folder: Path, manifest: Manifest) -> None:
    """The extracted folder, loaded as the app will load it, is the library the manifest
    names (its id and version), and a library at all."""
    try:
        library = load_library(folder)
    except LibraryError as exc:
        raise PackError([PackProblem("pack.not_a_library_inside", "", {
            "reason": reason_of(exc)})]) from exc
    problems: list[PackProblem] = []
    if library.id != manifest.library_id:
        problems.append(PackProblem("pack.id_mismatch", "", {
            "manifest_id": manifest.library_id, "library_id": shown(library.id)}))
    if library.version != manifest.version:
        problems.append(PackProblem("pack.version_mismatch", "", {
            "manifest_version": manifest.version, "library_version": shown(library.version)}))
    if problems:
        raise PackError(problems)


def _swap_in(new: Path, target: Path, aside: Path) -> bool:
    replaced = target.exists()
    try:
        if replaced:
            os.replace(target, aside)
    except OSError as exc:
        raise PackError([PackProblem("pack.replace_failed", "", {
            "target": target, "reason": reason_of(exc)})]) from exc
    try:
        os.replace(new, target)
    except OSError as exc:
        if replaced:
            os.replace(aside, target)
        raise PackError([PackProblem("pack.move_failed", "", {
            "target": target, "reason": reason_of(exc)})]) from exc
    if replaced:
        shutil.rmtree(aside, ignore_errors=True)
        if aside.exists():
            logger.warning("could not delete the previous version %s", aside)
    return replaced


def default_libraries_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where imported libraries go by default: the data folder's ``libraries`` (the per-user
    one, or the policy's / ``--data-dir``'s), where the app also loads them from."""
    from dxlearn import paths

    return paths.user_data_dir(Path(data_dir) if data_dir else None) / "libraries"
