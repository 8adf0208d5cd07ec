"""Write a file atomically: a temporary file in the same folder, then ``os.replace``.

A crash, a full disk or an encoding error never leaves a half file under the final name, and
the temporary file is removed on every error path. The bytes are hashed while they are written
(SHA-256, and HMAC-SHA256 when a key is given) for the signature sidecar. The file gets the
permissions a plain ``open()`` would give it (the temporary file is created owner-only).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

# A file written here is handed to people (HR, the IT office) like any file a program saves:
# the permissions a plain open() would give, not mkstemp's owner-only 0600.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
NORMAL_MODE = 0o666 & ~_UMASK


def _normal_mode(path: Path) -> None:
    with contextlib.suppress(OSError):  # a file system without modes (FAT, some shares)
        os.chmod(path, NORMAL_MODE)


class AtomicFile:
    """``with AtomicFile(path, key) as out: out.write(b"...")`` -> renamed into place on
    success, deleted on an exception. ``sha256``/``hmac_sha256`` are set after the block."""

    def __init__(self, path: Path, key: bytes = b"") -> None:
        self.path = path
        self._key = key
        self._sha = hashlib.sha256()
        self._mac = hmac.new(key, digestmod=hashlib.sha256) if key else None
        self._file: BinaryIO | None = None
        self.temp_path: Path | None = None
        self.sha256 = ""
        self.hmac_sha256 = ""
        self.size = 0

    def __enter__(self) -> AtomicFile:
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                    dir=self.path.parent)
        self.temp_path = Path(name)
        self._file = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        assert self._file is not None
        self._file.write(data)
        self._sha.update(data)
        if self._mac is not None:
            self._mac.update(data)
        self.size += len(data)

    def discard(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        if self.temp_path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.temp_path.unlink()
            self.temp_path = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self.discard()
            return
        assert self._file is not None and self.temp_path is not None
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None
            _normal_mode(self.temp_path)
            os.replace(self.temp_path, self.path)
        except BaseException:
            self.discard()
            raise
        self.temp_path = None
        self.sha256 = self._sha.hexdigest()
        self.hmac_sha256 = self._mac.hexdigest() if self._mac is not None else ""


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with AtomicFile(path) as out:
        out.write(data)


def hash_file(path: Path, key: bytes = b"") -> tuple[str, str]:
    """(sha256, hmac_sha256 or "") of a file's bytes, read in chunks."""
    sha = hashlib.sha256()
    mac = hmac.new(key, digestmod=hashlib.sha256) if key else None
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
            if mac is not None:
                mac.update(chunk)
    return sha.hexdigest(), (mac.hexdigest() if mac is not None else "")


def temp_beside(path: Path) -> Path:
    """An empty temporary file in ``path``'s folder, for writers that want a file name."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def replace_into_place(temp: Path, path: Path) -> None:
    """fsync ``temp`` and rename it to ``path``; ``temp`` is removed if that fails."""
    try:
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        _normal_mode(temp)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
