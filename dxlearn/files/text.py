"""Reading the text files people write: lessons, rosters, the policy, HR inputs.

One reader for all of them: UTF-8 with or without a BOM, or CP932 (Shift_JIS as Windows writes it;
older Notepad, Sakura Editor and Excel's "CSV" save it). A file that is neither is refused with a
reason the caller turns into a message; so are the cases that would otherwise be decoded as
nonsense: a UTF-16/UTF-32 file (Notepad's "Unicode"), a BOM followed by CP932 bytes, and a file
mixing UTF-8 and CP932 lines (two files pasted together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
# A well-formed 3-byte UTF-8 sequence (kana, kanji and full-width forms are all 3 bytes).
_UTF8_WIDE = re.compile(rb"[\xe0-\xef][\x80-\xbf][\x80-\xbf]")
_MIXED_THRESHOLD = 8  # this many UTF-8 characters in a file that is not UTF-8: two encodings


class DecodeProblem(StrEnum):
    UNKNOWN = "unknown"  # neither UTF-8 nor CP932
    WIDE = "wide"  # UTF-16 or UTF-32
    MIXED = "mixed"  # UTF-8 and CP932 in one file, or a BOM before CP932 bytes


class DecodeError(ValueError):
    """The bytes are not text we can read; ``problem`` says why."""

    def __init__(self, problem: DecodeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str  # BOM removed; with ``newlines``: "\r\n" and "\r" became "\n"
    encoding: str  # "utf-8", "utf-8-sig" (with a BOM) or "cp932"


def decode(data: bytes, *, newlines: bool = True) -> DecodedText:
    """Decode ``data``; raise :class:`DecodeError` when it is not UTF-8 or CP932 text.

    Several BOMs in a row (a file saved twice by a tool that adds one each time) count as one.
    ``newlines`` normalises line ends (lessons, policy); CSV readers pass False and let the
    csv module see the original line ends.
    """
    if data.startswith(_WIDE_BOMS):
        raise DecodeError(DecodeProblem.WIDE)
    bom = data.startswith(BOM)
    while data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
        encoding = "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        if bom or (len(_UTF8_WIDE.findall(data)) >= _MIXED_THRESHOLD and _looks_mixed(data)):
            raise DecodeError(DecodeProblem.MIXED) from None
        try:
            text = data.decode("cp932")
        except UnicodeDecodeError:
            raise DecodeError(DecodeProblem.UNKNOWN) from None
        encoding = "cp932"
    if "\x00" in text and text.count("\x00") * 4 > len(text):
        raise DecodeError(DecodeProblem.WIDE)  # UTF-16 without a BOM: every other byte NUL
    if newlines and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text, encoding)


def _looks_mixed(data: bytes) -> bool:
    """Some lines are valid UTF-8 with Japanese in them, others are not UTF-8 at all."""
    utf8_lines = other_lines = 0
    for line in data.split(b"\n"):
        if not line.strip() or line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_lines += 1
        else:
            utf8_lines += 1
    return utf8_lines > 0 and other_lines > 0


class EncodingSniffer:
    """The encoding :func:`decode` would choose, learnt from a file's bytes chunk by chunk,
    for files too large to hold (``hr merge`` reads 1 GB inputs in bounded memory).

    ``feed`` every chunk in order, then ``result()``: "utf-8", "utf-8-sig" (BOM) or "cp932";
    or :class:`DecodeError` for UTF-16/UTF-32 and for a BOM or UTF-8 text followed by bytes
    that are not UTF-8 (two encodings in one file). "cp932" is a guess until the text is
    decoded (strictly: a byte that is not CP932 either is an error there).
    """

    def __init__(self) -> None:
        import codecs

        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._head = b""
        self._started = False
        self._bom = False
        self._utf8_ok = True
        self._wide = 0  # 3-byte UTF-8 characters in the chunks that decoded, up to a few
        self._nul = 0
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        self._size += len(chunk)
        self._nul += chunk.count(b"\x00")
        if not self._started:
            self._head += chunk
            if len(self._head) < len(BOM) * 2 and len(chunk) > 0:
                return  # wait for enough bytes to see the BOMs
            chunk, self._head, self._started = self._head, b"", True
            self._bom = chunk.startswith(BOM)
            if chunk.startswith(_WIDE_BOMS):
                self._utf8_ok = False
                self._head = chunk[:4]
                return
            while chunk.startswith(BOM):
                chunk = chunk[len(BOM):]
        self._feed_utf8(chunk)

    def _feed_utf8(self, chunk: bytes) -> None:
        if not self._utf8_ok:
            return
        try:
            self._utf8.decode(chunk)
        except UnicodeDecodeError:
            self._utf8_ok = False
            return
        if self._wide < _MIXED_THRESHOLD and not chunk.isascii():
            for _found in _UTF8_WIDE.finditer(chunk):
                self._wide += 1
                if self._wide >= _MIXED_THRESHOLD:
                    break

    def result(self) -> str:
        if not self._started:  # a file shorter than two BOMs
            head, self._head, self._started = self._head, b"", True
            self._bom = head.startswith(BOM)
            if head.startswith(_WIDE_BOMS):
                raise DecodeError(DecodeProblem.WIDE)
            while head.startswith(BOM):
                head = head[len(BOM):]
            self._feed_utf8(head)
        if self._head.startswith(_WIDE_BOMS) or self._nul * 4 > self._size:
            raise DecodeError(DecodeProblem.WIDE)
        if self._utf8_ok:
            try:
                self._utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                self._utf8_ok = False
        if self._utf8_ok:
            return "utf-8-sig" if self._bom else "utf-8"
        if self._bom or self._wide >= _MIXED_THRESHOLD:
            raise DecodeError(DecodeProblem.MIXED)
        return "cp932"
