"""The table sheets' spooled rows deflated while they are written, on a second thread.

Deflating the detail sheet's XML (hundreds of MB for a large ``hr merge``) was a third of the
XLSX report's time, all of it after the rows were written. zlib lets go of Python's global
lock while it compresses (and ``zlib.crc32`` while it checksums a large buffer), so here a
worker thread deflates each chunk of rows while the next chunk is being encoded: the spool
holds the raw deflate stream of the rows (ended by a sync flush, so more can follow), their
CRC-32 and their length, and :func:`write_entry` writes the sheet's entry of the package as
openpyxl's head of the sheet, these rows, and its tail: one valid deflate stream whose
CRC-32 is combined from the parts' (:func:`crc32_combine`, zlib's algorithm).

Only the deflate stream's block boundaries differ from deflating the whole entry at once:
the XML in the package, and so every cell, is the same. A sheet of fewer than ``THREADED``
bytes of rows (every export of a few hundred learners, the report's summary and inputs) is
held as it is and deflated with its entry, in one stream, as before: a second thread pays
off only for the big sheets, and small packages stay the same bytes as before.
"""

from __future__ import annotations

import tempfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any

RAW = -zlib.MAX_WBITS  # raw deflate, as zipfile writes it
CHUNK = 1 << 20
THREADED = 8 << 20  # bytes of rows from which a sheet is deflated on the worker thread
# Bytes handed to the worker at a time. zlib takes the global lock back after each block of
# output and waits for it up to the switch interval (5 ms) while the encoding thread runs
# Python; with the rows' own chunks (about 1.3 MB per 2,000 detail rows) the worker waited
# more than it deflated and the writer waited for the worker: 100,000 detail rows took
# 0.89 s instead of 0.65 s (bench/README.md "merge"). In batches of 8 MiB the waits are paid
# once per batch: 0.72 s.
BATCH = 8 << 20


def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    row = 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of ``a + b`` from ``crc32(a)``, ``crc32(b)`` and ``len(b)`` (zlib's
    ``crc32_combine``, which Python's zlib module does not offer)."""
    if length2 <= 0:
        return crc1
    operator = [0xEDB88320] + [1 << n for n in range(31)]  # appends one zero bit
    operator = _gf2_square(_gf2_square(operator))  # four zero bits
    while length2:  # apply len(b) zero bytes to crc1: one, two, four, ... bytes per bit
        operator = _gf2_square(operator)
        if length2 & 1:
            crc1 = _gf2_times(operator, crc1)
        length2 >>= 1
    return crc1 ^ crc2


class DeflatedSpool:
    """Bytes deflated (raw, ``level``) into a temporary file by a worker thread as they are
    written, once there are ``THREADED`` of them (before that they are held: ``raw``); one
    batch (``BATCH`` bytes) is deflated while the caller makes the next. An error of the
    worker (a full disk) is raised by the next :meth:`write` or by :meth:`finish`."""

    def __init__(self, level: int) -> None:
        self.level = level
        self.raw: bytearray | None = bytearray()  # None once deflating on the worker
        self.file: IO[bytes] | None = None
        self.crc = 0
        self.size = 0  # bytes written (uncompressed)
        self._deflate = zlib.compressobj(level, zlib.DEFLATED, RAW)
        self._worker: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None
        self._batch: list[bytes] = []  # written since the last hand-over to the worker
        self._batched = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        raw = self.raw
        if raw is not None:
            raw += data
            if len(raw) < THREADED:
                return
            self.raw = None
            self.file = tempfile.TemporaryFile("w+b")  # noqa: SIM115  # closed by close()
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlsx-deflate")
            self._hand_over(bytes(raw))
            return
        self._batch.append(data)
        self._batched += len(data)
        if self._batched >= BATCH:
            self._hand_over(b"".join(self._batch))

    def _hand_over(self, data: bytes) -> None:
        """Give ``data`` to the worker once it has deflated the previous batch."""
        self._batch.clear()
        self._batched = 0
        self._wait()
        assert self._worker is not None
        self._pending = self._worker.submit(self._compress, data)

    def _compress(self, data: bytes) -> None:
        assert self.file is not None
        self.crc = zlib.crc32(data, self.crc)
        self.file.write(self._deflate.compress(data))

    def _wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def finish(self) -> None:
        """Deflate what is left and end the stream on a byte boundary, not as its last
        block (a sync flush): the sheet's tail follows it in the package."""
        if self.raw is not None:
            return
        if self._batch:
            self._hand_over(b"".join(self._batch))
        self._wait()
        assert self.file is not None and self._worker is not None
        self.file.write(self._deflate.flush(zlib.Z_SYNC_FLUSH))
        self._worker.shutdown()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
        if self.file is not None:
            self.file.close()
        self.raw = None


# the private state of zipfile's _ZipWriteFile that write_entry sets (Python 3.11 to 3.13)
_WRITER_STATE = ("_compressor", "_fileobj", "_compress_size", "_file_size", "_crc")


def _write_inflated(stream: Any, spool: DeflatedSpool) -> None:
    """The spooled rows inflated back and written through zipfile's public ``write``: the
    fallback for a Python whose zipfile writer keeps other private names."""
    assert spool.file is not None
    spool.file.seek(0)
    inflate = zlib.decompressobj(RAW)
    while chunk := spool.file.read(CHUNK):
        stream.write(inflate.decompress(chunk))
    stream.write(inflate.flush())


def write_entry(stream: Any, head: bytes, spool: DeflatedSpool, tail: bytes) -> None:
    """Write ``head``, the spooled rows and ``tail`` to ``stream``, an entry zipfile opened
    for writing (``ZipFile.open(info, "w")``, deflated at ``spool.level``), as one deflate
    stream: ``head`` ends on a sync flush, the rows' stream is copied as it is, and ``tail``
    is deflated from a fresh state (it refers to nothing before it). The entry's CRC-32,
    sizes and header are then written by zipfile as for any entry.

    This sets the private state of zipfile's ``_ZipWriteFile`` (its compressor, counts and
    CRC: the same names from Python 3.11 to 3.13); ``tests/export`` reads every entry back
    with zipfile's CRC check and openpyxl. A spool still holding its rows (``raw``) is
    written as one stream with ``head`` and ``tail``, as zipfile deflates any entry."""
    if spool.raw is not None:
        stream.write(head)
        stream.write(spool.raw)
        stream.write(tail)
        return
    assert spool.file is not None
    stream.write(head)
    if not all(hasattr(stream, name) for name in _WRITER_STATE):
        _write_inflated(stream, spool)  # a zipfile without that state: slower, same XML
        stream.write(tail)
        return
    flushed = stream._compressor.flush(zlib.Z_SYNC_FLUSH)
    out = stream._fileobj
    out.write(flushed)
    copied = 0
    spool.file.seek(0)
    while chunk := spool.file.read(CHUNK):
        out.write(chunk)
        copied += len(chunk)
    stream._compress_size += len(flushed) + copied
    stream._file_size += spool.size
    stream._crc = crc32_combine(stream._crc, spool.crc, spool.size)
    stream._compressor = zlib.compressobj(spool.level, zlib.DEFLATED, RAW)
    stream.write(tail)
