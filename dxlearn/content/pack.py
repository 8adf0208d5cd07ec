"""Lesson packs (``.dxpack``): build, verify and import a library as one checked file.

A pack is a zip holding ``manifest.json`` and the library's files under ``library/``. The
manifest names the format, the library (id, title, version), every file with its SHA-256 and
size, when the pack was made (ISO 8601 with offset) and the app version that made it.

Packs travel through LGWAN "sanitising" transfers (無害化) and USB sticks, so an import trusts
nothing: every entry name, type, count, size and hash is checked before anything is written,
bytes are counted while reading (a zip bomb lies about its sizes), and the library is extracted
into a temporary folder beside the target and swapped in only when complete. Pure Python.
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
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from dxlearn import __version__

from .fields import ID_PATTERN
from .loader import LibraryError, load_library
from .pack_format import (  # noqa: F401 - re-exported: the public API of packs
    _DRIVE,
    _SHA256,
    _WINDOWS_RESERVED,
    CHUNK,
    FORMAT_ID,
    IMAGE_SUFFIXES,
    JUNK_FILES,
    MANIFEST,
    MAX_BYTES,
    MAX_ENTRIES,
    MAX_MANIFEST_BYTES,
    PREFIX,
    SUFFIX,
    BuildResult,
    ImportResult,
    Limits,
    Manifest,
    PackCancelled,
    PackError,
    PackFile,
    PackLintError,
    PackProblem,
    Progress,
    VerifyReport,
    _collision_key,
    _is_image,
    unsafe_name_reason,
)

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = Limits()


def _library_files(root: Path, skip: Path | None) -> Iterator[tuple[Path, str]]:
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
                if skip is not None and path.absolute() == skip:
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


def build_pack(library_path: str | os.PathLike[str], output: str | os.PathLike[str],
               now: datetime | None = None) -> BuildResult:
    """Write ``output`` (.dxpack) from a library folder. Raises PackLintError when the library
    has lint errors, PackError when it cannot be packed; the output appears only when complete.
    """
    source = Path(library_path).absolute()
    try:
        library = load_library(source)
    except LibraryError as exc:
        raise PackError([PackProblem("not-a-library", "", str(exc))]) from exc
    if library.root != source:
        raise PackError([PackProblem(
            "not-a-library", "", f"{library_path} is one lesson; build the pack from its "
            f"library folder ({library.root})")])
    findings = library.all_findings()
    if any(f.is_error for f in findings):
        raise PackLintError(findings)
    if not ID_PATTERN.fullmatch(library.id):
        raise PackError([PackProblem(
            "library-id", "library.yaml", f"id: '{library.id}' cannot name the imported "
            "folder; add 'id: ...' to library.yaml (lower-case letters a-z, digits, - _ .)")])

    target = Path(output).absolute()
    files: list[PackFile] = []
    sources: list[tuple[Path, str]] = []
    for path, rel in _library_files(source, target):
        digest, size = _hash_file(path)
        files.append(PackFile(rel, digest, size))
        sources.append((path, rel))
    if len(files) + 1 > MAX_ENTRIES or sum(f.size for f in files) > MAX_BYTES:
        raise PackError([PackProblem(
            "too-large", "", f"the library has {len(files)} files, "
            f"{sum(f.size for f in files)} bytes: more than a pack may hold "
            f"({MAX_ENTRIES} files, {MAX_BYTES} bytes); split it into smaller libraries")])
    manifest = Manifest(
        library_id=library.id, title=library.title, version=library.version,
        created_at=(now or datetime.now().astimezone()).isoformat(timespec="seconds"),
        app_version=__version__, files=tuple(files))

    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_zip_info(MANIFEST),
                             json.dumps(manifest.as_dict(), ensure_ascii=False, indent=2))
            for path, rel in sources:
                info = _zip_info(PREFIX + rel)
                with path.open("rb") as src, archive.open(info, "w") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackError([PackProblem("write", "", f"cannot write {target}: {exc.strerror or exc}"
                                     "; choose another folder with -o")]) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    logger.info("pack %s built: library %s %s, %d files", target, library.id, library.version,
                len(files))
    return BuildResult(target, manifest)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


# -- checking ---------------------------------------------------------------------------------


def _entry_type_problem(info: zipfile.ZipInfo) -> PackProblem | None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return PackProblem("symlink", info.filename,
                           "is a symbolic link; packs hold plain files only")
    file_type = stat.S_IFMT(mode)
    if file_type and file_type not in (stat.S_IFREG, stat.S_IFDIR):
        return PackProblem("special-file", info.filename,
                           "is not a plain file or folder; packs hold plain files only")
    if info.flag_bits & 0x1:
        return PackProblem("encrypted", info.filename, "is encrypted; packs are not encrypted")
    return None


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> list[PackProblem]:
    problems: list[PackProblem] = []
    if len(infos) > limits.max_entries:
        problems.append(PackProblem(
            "too-many-entries", "", f"the pack has {len(infos)} entries, more than "
            f"{limits.max_entries}; it is refused (a pack this large is not a lesson library)"))
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_bytes:
        problems.append(PackProblem(
            "too-large", "", f"the pack would unpack to {declared} bytes, more than "
            f"{limits.max_bytes}; it is refused"))
    seen: dict[str, str] = {}
    files: set[str] = set()
    for info in infos:
        name = info.filename
        reason = unsafe_name_reason(name)
        if reason is not None:
            problems.append(PackProblem("unsafe-path", name,
                                        f"would be written outside the library folder or "
                                        f"under another name: {reason}"))
            continue
        problem = _entry_type_problem(info)
        if problem is not None:
            problems.append(problem)
            continue
        key = _collision_key(name)
        first = seen.get(key)
        if first is not None:
            problems.append(PackProblem(
                "duplicate", name, "appears twice in the pack" if first == name else
                f"has the same name as '{first}' on Windows (names differ only in case)"))
            continue
        seen[key] = name
        if not info.is_dir():
            files.add(key)
    for key, name in seen.items():  # "a" as a file and "a/b": one of them cannot be written
        parent = key.rpartition("/")[0]
        while parent:
            if parent in files:
                problems.append(PackProblem("duplicate", name,
                                            f"sits in '{parent}', which is also a file"))
                break
            parent = parent.rpartition("/")[0]
    return problems


def _parse_manifest(data: bytes) -> tuple[Manifest | None, list[PackProblem]]:
    def bad(message: str) -> tuple[None, list[PackProblem]]:
        return None, [PackProblem("manifest", MANIFEST, message)]

    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return bad(f"is not valid JSON ({exc}); the pack is damaged, build it again")
    if not isinstance(raw, dict):
        return bad("is not a JSON object; the pack is damaged, build it again")
    if raw.get("format") != FORMAT_ID:
        return bad(f"format is {raw.get('format')!r}, expected {FORMAT_ID!r}: not a dxlearn "
                   "lesson pack, or made by a newer version of dxlearn")
    library = raw.get("library")
    files = raw.get("files")
    if not isinstance(library, dict) or not isinstance(files, list):
        return bad("'library' or 'files' is missing; the pack is damaged, build it again")
    library_id = library.get("id")
    if not isinstance(library_id, str) or not ID_PATTERN.fullmatch(library_id):
        return bad(f"library id {library_id!r} is not a valid id (a-z, 0-9, - _ .)")
    problems: list[PackProblem] = []
    entries: list[PackFile] = []
    for item in files:
        if not (isinstance(item, dict) and isinstance(item.get("path"), str)
                and isinstance(item.get("sha256"), str) and _SHA256.fullmatch(item["sha256"])
                and isinstance(item.get("size"), int) and not isinstance(item["size"], bool)
                and item["size"] >= 0):
            problems.append(PackProblem("manifest", MANIFEST,
                                        f"file entry {item!r} needs 'path', 'sha256' (64 hex "
                                        "digits) and 'size'; the pack is damaged"))
            continue
        reason = unsafe_name_reason(item["path"])
        if reason is not None:
            problems.append(PackProblem("unsafe-path", MANIFEST,
                                        f"lists '{item['path']}', which {reason}"))
            continue
        entries.append(PackFile(item["path"], item["sha256"], item["size"]))
    manifest = Manifest(
        library_id=library_id, title=str(library.get("title", "")),
        version=str(library.get("version", "")), created_at=str(raw.get("created_at", "")),
        app_version=str(raw.get("app_version", "")), files=tuple(entries))
    return manifest, problems


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int,
                 sink: BinaryIO | None, counted: Callable[[int], None]) -> tuple[str, int]:
    """Stream one entry: SHA-256 and the actual byte count, stopping once past ``limit``."""
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as source:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
            if sink is not None:
                sink.write(chunk)
            counted(len(chunk))
    return digest.hexdigest(), size


class _Checked:
    """A pack that passed the structural checks: the archive, the manifest, entry per file."""

    def __init__(self, archive: zipfile.ZipFile, manifest: Manifest,
                 entries: dict[str, zipfile.ZipInfo]) -> None:
        self.archive = archive
        self.manifest = manifest
        self.entries = entries

    @property
    def total(self) -> int:
        return sum(f.size for f in self.manifest.files)


def _open_checked(archive: zipfile.ZipFile, limits: Limits) -> tuple[_Checked | None,
                                                                      list[PackProblem]]:
    infos = archive.infolist()
    problems = _check_entries(infos, limits)
    if problems:
        return None, problems
    by_name = {info.filename: info for info in infos}
    manifest_info = by_name.get(MANIFEST)
    if manifest_info is None:
        return None, [PackProblem("manifest", "", f"{MANIFEST} is missing: not a dxlearn "
                                  "lesson pack, or the pack is damaged")]
    if manifest_info.file_size > MAX_MANIFEST_BYTES:
        return None, [PackProblem("manifest", MANIFEST, "is too large; the pack is refused")]
    try:
        data = archive.read(manifest_info)
    except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError) as exc:
        return None, [PackProblem("damaged", MANIFEST, f"cannot be read ({exc})")]
    manifest, problems = _parse_manifest(data)
    if manifest is None:
        return None, problems
    listed = {PREFIX + f.path: f for f in manifest.files}
    keys: dict[str, str] = {}
    for name in listed:
        first = keys.setdefault(_collision_key(name), name)
        if first != name:
            problems.append(PackProblem("duplicate", MANIFEST,
                                        f"lists '{name}' and '{first}', the same file on "
                                        "Windows"))
    for info in infos:
        if info.is_dir() or info.filename == MANIFEST:
            continue
        if info.filename not in listed:
            problems.append(PackProblem("not-in-manifest", info.filename,
                                        "is not listed in manifest.json; the pack was changed "
                                        "after it was built"))
    for name, entry in listed.items():
        member = by_name.get(name)
        if member is None:
            problems.append(PackProblem("missing", name, "is listed in manifest.json but not "
                                        "in the pack; the pack is incomplete"))
        elif member.file_size != entry.size:
            problems.append(PackProblem("mismatch", name,
                                        f"size {member.file_size} bytes, the manifest says "
                                        f"{entry.size}"))
    if problems:
        return None, _with_image_note(problems)
    return _Checked(archive, manifest, {n: by_name[n] for n in listed}), []


def _with_image_note(problems: list[PackProblem]) -> list[PackProblem]:
    mismatched = [p.entry for p in problems if p.code == "mismatch"]
    others = [p for p in problems if p.code != "mismatch"]
    if mismatched and not others and all(_is_image(name) for name in mismatched):
        names = ", ".join(mismatched)
        problems.append(PackProblem(
            "sanitised-images", "",
            f"only images differ ({names}): a file transfer (無害化 / sanitising) may have "
            "re-encoded them. Ask for the pack to be transferred without conversion, or copy "
            "the original images into the library folder, then check with 'dxlearn lint'"))
    return problems


def _verify_hashes(checked: _Checked, limits: Limits,
                   progress: Callable[[int], None]) -> list[PackProblem]:
    problems: list[PackProblem] = []
    total = 0
    for entry in checked.manifest.files:
        name = PREFIX + entry.path
        try:
            digest, size = _read_member(checked.archive, checked.entries[name], entry.size,
                                        None, progress)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            problems.append(PackProblem("damaged", name, f"cannot be read ({exc}); the pack "
                                        "is damaged, copy it again"))
            continue
        total += size
        if size > entry.size:
            problems.append(PackProblem("mismatch", name, f"unpacks to more than the "
                                        f"{entry.size} bytes the manifest says (refused)"))
        elif size != entry.size:
            problems.append(PackProblem("mismatch", name,
                                        f"size {size} bytes, the manifest says {entry.size}"))
        elif digest != entry.sha256:
            problems.append(PackProblem("mismatch", name,
                                        "content differs from the manifest (SHA-256)"))
        if total > limits.max_bytes:
            problems.append(PackProblem("too-large", "", f"the pack unpacks to more than "
                                        f"{limits.max_bytes} bytes; it is refused"))
            break
    return _with_image_note(problems)


def _open_zip(pack_path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(pack_path)
    except FileNotFoundError as exc:
        raise PackError([PackProblem("not-found", "", f"{pack_path}: no such file")]) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackError([PackProblem("not-a-pack", "", f"{pack_path}: not a readable lesson "
                                     f"pack ({exc}); copy it again")]) from exc


def verify_pack(pack_path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS,
                progress: Progress | None = None) -> VerifyReport:
    """Check a pack completely (names, types, limits, manifest, every size and hash)."""
    try:
        archive = _open_zip(Path(pack_path))
    except PackError as exc:
        return VerifyReport(None, exc.problems)
    with archive:
        checked, problems = _open_checked(archive, limits)
        if checked is None:
            return VerifyReport(None, tuple(problems))
        done = 0

        def counted(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, checked.total)

        return VerifyReport(checked.manifest, tuple(_verify_hashes(checked, limits, counted)))


# -- importing --------------------------------------------------------------------------------


def import_pack(pack_path: str | os.PathLike[str], into: str | os.PathLike[str],
                limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None) -> ImportResult:
    """Verify the pack completely, then install it as ``into/<library id>``.

    Nothing is written before every check has passed. The files are extracted into a temporary
    folder beside the target (hashes and sizes checked again while writing); the previous
    version is renamed aside, the new one renamed in, and only then is the old one deleted. On
    any failure the previous version is restored and the temporary folder removed.
    Raises PackError (or PackCancelled from ``progress``).
    """
    pack = Path(pack_path)
    folder = Path(into).absolute()
    with _open_zip(pack) as archive:
        checked, problems = _open_checked(archive, limits)
        if checked is None:
            raise PackError(problems)
        total = checked.total * 2  # read once to verify, once to extract
        done = 0

        def counted(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        problems = _verify_hashes(checked, limits, counted)
        if problems:
            raise PackError(problems)
        manifest = checked.manifest
        target = folder / manifest.library_id
        token = uuid.uuid4().hex[:8]
        staging = folder / f".{manifest.library_id}.importing-{token}"
        aside = folder / f".{manifest.library_id}.previous-{token}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            staging.mkdir()
            _extract(checked, staging, counted)
        except PackError:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise PackError([PackProblem("write", "", f"cannot write into {folder}: "
                                         f"{exc.strerror or exc}; check the folder and the "
                                         "free space")]) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    replaced = _swap_in(staging, target, aside)
    logger.info("pack %s imported into %s (library %s %s, %d files, replaced=%s)", pack,
                target, manifest.library_id, manifest.version, len(manifest.files), replaced)
    return ImportResult(manifest.library_id, target, replaced, manifest)


def _extract(checked: _Checked, staging: Path, counted: Callable[[int], None]) -> None:
    for entry in checked.manifest.files:
        name = PREFIX + entry.path
        destination = staging.joinpath(*entry.path.split("/"))
        if not destination.resolve().is_relative_to(staging.resolve()):  # belt and braces
            raise PackError([PackProblem("unsafe-path", name, "would be written outside the "
                                         "library folder")])
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            with destination.open("xb") as sink:
                digest, size = _read_member(checked.archive, checked.entries[name], entry.size,
                                            sink, counted)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise PackError([PackProblem("damaged", name, f"cannot be read ({exc})")]) from exc
        if size != entry.size or digest != entry.sha256:
            raise PackError([PackProblem("mismatch", name, "changed while it was extracted; "
                                         "copy the pack again")])


def _swap_in(staging: Path, target: Path, aside: Path) -> bool:
    replaced = target.exists()
    try:
        if replaced:
            os.replace(target, aside)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PackError([PackProblem("write", "", f"cannot replace {target}: "
                                     f"{exc.strerror or exc}; close dxlearn and any window "
                                     "showing that folder, then import again")]) from exc
    try:
        os.replace(staging, target)
    except OSError as exc:
        if replaced:
            os.replace(aside, target)
        shutil.rmtree(staging, ignore_errors=True)
        raise PackError([PackProblem("write", "", f"cannot move the new library into "
                                     f"{target}: {exc.strerror or exc}; the previous version "
                                     "was kept")]) from exc
    if replaced:
        shutil.rmtree(aside, ignore_errors=True)
        if aside.exists():
            logger.warning("could not delete the previous version %s", aside)
    return replaced


def default_libraries_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where imported libraries go by default: the data folder's ``libraries`` (the per-user
    one, or the policy's / ``--data-dir``'s), where the app also loads them from."""
    from dxlearn import paths

    return paths.user_data_dir(Path(data_dir) if data_dir is not None else None) / "libraries"
