"""Which inputs ``hr merge`` and ``hr items`` may use: each file is verified
(``integrity.verify``) and admitted or turned away by one set of rules (``hr.merge``'s module
docstring): authentic files are used; unsigned, ``key_unknown`` and sidecar-less files are used
and flagged (left out with ``require_signature``); altered files and wrong signatures are
left out unless ``include_altered``; a second copy of a file (same sha256) is used once; an
xAPI file is not a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dxlearn.export.settings import ExportSettings
from dxlearn.files.text import DecodeError, EncodingSniffer
from dxlearn.hr.model import DUPLICATE, UNUSABLE, InputInfo, MergeOptions
from dxlearn.hr.values import InputError
from dxlearn.integrity.verify import FileVerdict, Verdict, verify_file
from dxlearn.messages import Message


def _encoding(sniffer: EncodingSniffer) -> str:
    try:
        return sniffer.result()
    except DecodeError as error:
        raise InputError("hr.input_encoding", problem=error.problem.value) from None


@dataclass
class Admitted:
    """An input that passed verification (:func:`admit`): what is known so far, and the
    encoding of a CSV file (learnt while it was verified)."""

    info: InputInfo
    verdict: FileVerdict
    encoding: str  # "" for XLSX


def admit(path: Path, options: MergeOptions, settings: ExportSettings,
          by_sha: dict[str, Path]) -> InputInfo | Admitted:
    """Verify one input and decide whether it may be used (the rules of the module
    docstring: verdicts, duplicates, ``require_signature``, ``include_altered``, xAPI). An
    input that may not is returned as its :class:`InputInfo` line. Shared by ``hr merge``
    and ``hr items``."""
    suffix = path.suffix.lower()
    sniffer = EncodingSniffer() if suffix == ".csv" else None
    verdict = verify_file(path, settings, watch=sniffer.feed if sniffer is not None else None)
    state = verdict.verdict
    info = InputInfo(path, state.value, messages=[verdict.message],
                     format=suffix.lstrip("."), sha256=verdict.sha256)
    if state is Verdict.UNREADABLE:
        info.verdict = UNUSABLE
        return info
    if verdict.sha256 in by_sha:
        info.verdict = DUPLICATE
        info.messages = [Message("hr.input_duplicate", {"first": str(by_sha[verdict.sha256])})]
        return info
    by_sha[verdict.sha256] = path
    if state.altered and not options.include_altered:
        info.messages.append(Message("hr.left_out_altered"))
        return info
    if options.require_signature and not state.authentic:
        info.messages.append(Message("hr.left_out_unproven"))
        return info
    if suffix == ".json":
        info.verdict = UNUSABLE
        info.messages = [Message("hr.input_xapi")]
        return info
    if verdict.signature is not None and verdict.signature.profile:
        info.verdict = UNUSABLE  # written in an import profile's layout, not a detail export
        info.messages = [Message("profile.input_in_profile_layout",
                                 {"name": verdict.signature.profile[0]})]
        return info
    try:
        encoding = _encoding(sniffer) if sniffer is not None else ""
    except InputError as error:
        info.verdict = UNUSABLE
        info.messages = [error.reason]
        return info
    return Admitted(info, verdict, encoding)


def used(info: InputInfo, verdict: FileVerdict) -> None:
    """Mark an admitted input as used, flagged with its verdict unless authentic."""
    state = verdict.verdict
    info.included = True
    info.flag = "" if state.authentic else state.value
    if state.authentic:
        info.messages = []  # the verdict says it all


