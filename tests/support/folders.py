"""A folder that turns read-only, even for root (CI containers run as root, where ``chmod``
changes nothing): ``chattr +i`` (immutable) when running as root, ``chmod 555`` otherwise."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(folder)],
                                            capture_output=True).returncode != 0:
            pytest.skip("root, and the file system cannot make a folder immutable")
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", str(folder)], capture_output=True, check=False)
        return
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(mode)
