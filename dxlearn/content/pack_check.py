"""Checking a lesson pack before anything is written: the file itself, every zip entry (name,
type, count, size, compression ratio), the manifest, every size and SHA-256, and that the
manifest's library id and version are the ones in the pack's ``library.yaml``.

``verify_pack`` is this check alone; ``import_pack`` (:mod:`dxlearn.content.pack`) runs the same
check and then extracts. A hostile pack gets a list of :class:`PackProblem`, never an exception:
bytes are counted while reading (a zip bomb lies about its sizes), the manifest is parsed by
:mod:`dxlearn.content.pack_manifest`, and names are cut before they are shown. Pure Python.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dxlearn.messages import CodedError

from .pack_format import (
    CHUNK,
    LIBRARY_FILE,
    MANIFEST,
    MAX_LIBRARY_FILE_BYTES,
    MAX_MANIFEST_BYTES,
    PREFIX,
    RATIO_FLOOR_ENTRY,
    RATIO_FLOOR_TOTAL,
    Limits,
    Manifest,
    PackError,
    PackFile,
    PackProblem,
    Progress,
    VerifyReport,
    capped,
    collision_key,
    is_image,
    shown,
    unsafe_name_reason,
)
from .pack_manifest import declared_identity, parse_manifest

DEFAULT_LIMITS = Limits()
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
                ValueError)


def reason_of(exc: BaseException) -> object:
    """An exception as a message parameter: a coded one in the reader's language."""
    if isinstance(exc, CodedError):
        return exc.as_message()
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


# -- the file ---------------------------------------------------------------------------------


def open_pack(pack_path: str | os.PathLike[str]) -> zipfile.ZipFile:
    """The pack as a zip, opened only when it is a regular file: a FIFO, a device such as
    /dev/zero, or a folder is refused at once (never read, never waited on)."""
    path = Path(pack_path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise PackError([PackProblem("pack.not_found")]) from exc
    except OSError as exc:
        raise PackError([PackProblem("pack.unreadable", "", {"reason": reason_of(exc)})]) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PackError([PackProblem("pack.not_a_file")])
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        handle.close()
        raise PackError([PackProblem("pack.not_a_pack", "", {"reason": reason_of(exc)})]) from exc
    except BaseException:
        handle.close()
        raise


# -- zip entries ------------------------------------------------------------------------------


def _entry_type_problem(info: zipfile.ZipInfo, name: str) -> PackProblem | None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return PackProblem("pack.symlink", name)
    file_type = stat.S_IFMT(mode)
    if file_type and file_type not in (stat.S_IFREG, stat.S_IFDIR):
        return PackProblem("pack.special_file", name)
    if info.flag_bits & 0x1:
        return PackProblem("pack.encrypted", name)
    return None


def _ratio_problems(infos: list[zipfile.ZipInfo], limits: Limits) -> list[PackProblem]:
    problems: list[PackProblem] = []
    for info in infos:
        if (info.file_size > RATIO_FLOOR_ENTRY
                and info.file_size > limits.max_ratio_entry * max(info.compress_size, 1)):
            problems.append(PackProblem("pack.ratio_entry", shown(info.filename), {
                "size": f"{info.file_size:,}", "packed": f"{info.compress_size:,}",
                "limit": limits.max_ratio_entry}))
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > RATIO_FLOOR_TOTAL and unpacked > limits.max_ratio_total * max(packed, 1):
        problems.append(PackProblem("pack.ratio_total", "", {
            "size": f"{unpacked:,}", "packed": f"{packed:,}", "limit": limits.max_ratio_total}))
    return problems


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> list[PackProblem]:
    if len(infos) > limits.max_entries:
        return [PackProblem("pack.too_many_entries", "", {
            "count": len(infos), "limit": limits.max_entries})]
    problems: list[PackProblem] = []
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_bytes:
        problems.append(PackProblem("pack.too_large", "", {
            "size": f"{declared:,}", "limit": f"{limits.max_bytes:,}"}))
    problems += _ratio_problems(infos, limits)
    seen: dict[str, str] = {}
    files: set[str] = set()
    for info in infos:
        name = info.filename
        if name in (MANIFEST, PREFIX):
            reason = None
        else:
            reason = unsafe_name_reason(name[len(PREFIX):] if name.startswith(PREFIX) else name)
        if reason is not None:
            problems.append(PackProblem("pack.unsafe_entry", shown(name), {"reason": reason}))
            continue
        problem = _entry_type_problem(info, shown(name))
        if problem is not None:
            problems.append(problem)
            continue
        key = collision_key(name)
        first = seen.get(key)
        if first is not None:
            problems.append(PackProblem("pack.duplicate_entry", shown(name)) if first == name
                            else PackProblem("pack.case_duplicate", shown(name),
                                             {"first": shown(first)}))
            continue
        seen[key] = name
        if not info.is_dir():
            files.add(key)
    for key, name in seen.items():  # "a" as a file and "a/b": one of them cannot be written
        parent = key.rpartition("/")[0]
        while parent:
            if parent in files:
                problems.append(PackProblem("pack.inside_a_file", shown(name),
                                            {"parent": shown(parent)}))
                break
            parent = parent.rpartition("/")[0]
    return problems


# -- reading entries --------------------------------------------------------------------------


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int,
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


class Checked:
    """A pack that passed every check: the archive, the manifest, the entry of each file."""

    def __init__(self, archive: zipfile.ZipFile, manifest: Manifest,
                 entries: dict[str, zipfile.ZipInfo]) -> None:
        self.archive = archive
        self.manifest = manifest
        self.entries = entries  # zip entry name -> info, for every listed file

    @property
    def total(self) -> int:
        return sum(f.size for f in self.manifest.files)

    def info(self, entry: PackFile) -> zipfile.ZipInfo:
        return self.entries[PREFIX + entry.path]


def _with_image_note(problems: list[PackProblem]) -> list[PackProblem]:
    changed = ("pack.hash_mismatch", "pack.size_mismatch")
    mismatched = [p.entry for p in problems if p.code in changed]
    others = [p for p in problems if p.code not in changed]
    if mismatched and not others and all(is_image(name) for name in mismatched):
        problems.append(PackProblem("pack.sanitised_images", "",
                                    {"names": ", ".join(mismatched)}))
    return problems


def _structure(archive: zipfile.ZipFile, limits: Limits) -> tuple[Checked | None,
                                                                  list[PackProblem]]:
    infos = archive.infolist()
    problems = _check_entries(infos, limits)
    if problems:
        return None, problems
    by_name = {info.filename: info for info in infos}
    manifest_info = by_name.get(MANIFEST)
    if manifest_info is None:
        return None, [PackProblem("pack.manifest_missing")]
    if manifest_info.file_size > MAX_MANIFEST_BYTES:
        return None, [PackProblem("pack.manifest_too_large", MANIFEST,
                                  {"limit": f"{MAX_MANIFEST_BYTES:,}"})]
    try:
        data = io.BytesIO()
        read_member(archive, manifest_info, MAX_MANIFEST_BYTES, data, lambda _n: None)
    except _READ_ERRORS as exc:
        return None, [PackProblem("pack.damaged", MANIFEST, {"reason": reason_of(exc)})]
    manifest, problems = parse_manifest(data.getvalue(), limits)
    if manifest is None or problems:
        return None, problems
    listed = {PREFIX + f.path: f for f in manifest.files}
    for info in infos:
        if not info.is_dir() and info.filename != MANIFEST and info.filename not in listed:
            problems.append(PackProblem("pack.not_in_manifest", shown(info.filename)))
    for name, entry in listed.items():
        member = by_name.get(name)
        if member is None:
            problems.append(PackProblem("pack.missing", shown(name)))
        elif member.is_dir():
            problems.append(PackProblem("pack.listed_folder", shown(name)))
        elif member.file_size != entry.size:
            problems.append(PackProblem("pack.size_mismatch", shown(name), {
                "size": f"{member.file_size:,}", "expected": f"{entry.size:,}"}))
    if problems:
        return None, _with_image_note(problems)
    return Checked(archive, manifest, {n: by_name[n] for n in listed}), []


def _hashes(checked: Checked, limits: Limits,
            counted: Callable[[int], None]) -> list[PackProblem]:
    problems: list[PackProblem] = []
    total = 0
    for entry in checked.manifest.files:
        name = PREFIX + entry.path
        try:
            digest, size = read_member(checked.archive, checked.info(entry), entry.size, None,
                                       counted)
        except _READ_ERRORS as exc:
            problems.append(PackProblem("pack.damaged", shown(name), {"reason": reason_of(exc)}))
            continue
        total += size
        if size > entry.size:
            problems.append(PackProblem("pack.bigger_than_listed", shown(name),
                                        {"expected": f"{entry.size:,}"}))
        elif size != entry.size:
            problems.append(PackProblem("pack.size_mismatch", shown(name), {
                "size": f"{size:,}", "expected": f"{entry.size:,}"}))
        elif digest != entry.sha256:
            problems.append(PackProblem("pack.hash_mismatch", shown(name)))
        if total > limits.max_bytes:
            problems.append(PackProblem("pack.too_large", "", {
                "size": f"> {limits.max_bytes:,}", "limit": f"{limits.max_bytes:,}"}))
            break
    return _with_image_note(problems)


# -- the library's own id and version -----------------------------------------------------------


def _identity(checked: Checked) -> list[PackProblem]:
    """The manifest's id and version must be library.yaml's: a pack named ``innocent`` that
    holds the bundled library's library.yaml would otherwise be imported as ``innocent`` and
    loaded as the bundled library."""
    manifest = checked.manifest
    entry = next((f for f in manifest.files if collision_key(f.path) == LIBRARY_FILE), None)
    values: dict[str, str] = {}
    if entry is not None:
        if entry.size > MAX_LIBRARY_FILE_BYTES:
            return [PackProblem("pack.library_file_unreadable", PREFIX + entry.path,
                                {"reason": f"> {MAX_LIBRARY_FILE_BYTES:,} bytes"})]
        data = io.BytesIO()
        try:
            digest, _size = read_member(checked.archive, checked.info(entry), entry.size, data,
                                        lambda _n: None)
        except _READ_ERRORS as exc:
            return [PackProblem("pack.damaged", PREFIX + entry.path, {"reason": reason_of(exc)})]
        if digest != entry.sha256:
            return [PackProblem("pack.hash_mismatch", PREFIX + entry.path)]
        values, errors, unreadable = declared_identity(data.getvalue())
        if unreadable is not None or errors:
            reason = unreadable if unreadable is not None else errors[0].message
            return [PackProblem("pack.library_file_unreadable", PREFIX + entry.path,
                                {"reason": shown(reason)})]
    # without library.yaml the loader takes the folder name, which is the manifest's id
    library_id = values.get("id", manifest.library_id)
    version = values.get("version", "")
    problems: list[PackProblem] = []
    if library_id != manifest.library_id:
        problems.append(PackProblem("pack.id_mismatch", "", {
            "manifest_id": manifest.library_id, "library_id": shown(library_id)}))
    if version != manifest.version:
        problems.append(PackProblem("pack.version_mismatch", "", {
            "manifest_version": manifest.version, "library_version": shown(version)}))
    return problems


class ByteCounter:
    """Bytes read so far, reported to ``progress`` against ``passes`` reads of the pack
    (verify reads it once; import reads it to check and again to extract)."""

    def __init__(self, progress: Progress | None, passes: int = 1) -> None:
        self.progress = progress
        self.passes = passes
        self.done = 0
        self.total = 0

    def __call__(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


def check_archive(archive: zipfile.ZipFile, limits: Limits,
                  counter: ByteCounter) -> tuple[Checked | None, list[PackProblem]]:
    """Every check, in order: entries, manifest, sizes, hashes, library id and version."""
    checked, problems = _structure(archive, limits)
    if checked is None:
        return None, problems
    counter.total = checked.total * counter.passes
    problems = _hashes(checked, limits, counter) or _identity(checked)
    return (None, problems) if problems else (checked, [])


def verify_pack(pack_path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS,
                progress: Progress | None = None) -> VerifyReport:
    """Check a pack completely (names, types, limits, manifest, every size and hash, the
    library id and version); write nothing."""
    try:
        archive = open_pack(pack_path)
    except PackError as exc:
        return VerifyReport(None, exc.problems)
    with archive:
        checked, problems = _structure(archive, limits)
        if checked is None:
            return VerifyReport(None, capped(problems))
        counter = ByteCounter(progress)
        counter.total = checked.total
        problems = _hashes(checked, limits, counter) or _identity(checked)
        return VerifyReport(checked.manifest, capped(problems))
