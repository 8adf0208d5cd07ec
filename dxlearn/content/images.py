"""Is an image file what its name says, and whole? (a fake or truncated PNG is a finding)

Only the structure is read, never the pixels: the signature, and for PNG the chunk lengths up
to ``IEND`` (seeking over the data), so a large image costs a few reads. Decoding stays Qt's.
"""

from __future__ import annotations

import os
import struct
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

MAX_PNG_CHUNKS = 100_000
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ImageProblem(StrEnum):
    WRONG_KIND = "wrong-kind"  # the bytes are not an image of the kind the name says
    TRUNCATED = "truncated"  # the file ends before the image does


KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".bmp": "BMP",
         ".webp": "WebP"}


def _png(handle: BinaryIO, size: int) -> ImageProblem | None:
    if handle.read(8) != _PNG_SIGNATURE:
        return ImageProblem.WRONG_KIND
    position = 8
    for index in range(MAX_PNG_CHUNKS):
        header = handle.read(8)
        if len(header) < 8:
            return ImageProblem.TRUNCATED
        length, kind = struct.unpack(">I4s", header)
        if index == 0 and kind != b"IHDR":
            return ImageProblem.WRONG_KIND
        position += 12 + length
        if position > size:
            return ImageProblem.TRUNCATED
        if kind == b"IEND":
            return None
        handle.seek(position)
    return ImageProblem.TRUNCATED


def check_image(path: Path) -> tuple[str, ImageProblem] | None:
    """(kind label, problem) for a damaged or fake image; None when it looks whole (or its
    kind is not one we check)."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        return None
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if kind == "PNG":
                png = _png(handle, size)
                return None if png is None else (kind, png)
            head = handle.read(16)
            handle.seek(max(0, size - 1024))
            tail = handle.read(1024)
    except OSError:
        return None  # unreadable: the resolver has already checked that it exists
    if size == 0:
        return kind, ImageProblem.TRUNCATED
    problem: ImageProblem | None = None
    if kind == "JPEG":
        if not head.startswith(b"\xff\xd8\xff"):
            problem = ImageProblem.WRONG_KIND
        elif b"\xff\xd9" not in tail:
            problem = ImageProblem.TRUNCATED
    elif kind == "GIF":
        if not head.startswith((b"GIF87a", b"GIF89a")):
            problem = ImageProblem.WRONG_KIND
        elif not tail.rstrip(b"\x00").endswith(b";"):
            problem = ImageProblem.TRUNCATED
    elif kind == "BMP":
        if not head.startswith(b"BM") or len(head) < 6:
            problem = ImageProblem.WRONG_KIND
        elif struct.unpack("<I", head[2:6])[0] > size:
            problem = ImageProblem.TRUNCATED
    elif kind == "WebP":
        if not (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
            problem = ImageProblem.WRONG_KIND
        elif struct.unpack("<I", head[4:8])[0] + 8 > size:
            problem = ImageProblem.TRUNCATED
    return None if problem is None else (kind, problem)
