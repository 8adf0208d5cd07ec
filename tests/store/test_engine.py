"""Engine policy: journal mode by location, default path, pragmas, no Qt."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from dxlearn.store import choose_journal_mode, default_database_path, open_store
from dxlearn.store.engine import mount_fs_type, network_reason, resolve_target

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
fileserver:/export/home /home nfs4 rw,vers=4.2 0 0
//fs01/dx-training /mnt/dx\\040share cifs rw,vers=3.0 0 0
//fs01/smb3 /mnt/smb3 smb3 rw 0 0
user@host:/x /mnt/ssh fuse.sshfs rw 0 0
tmpfs /home/local tmpfs rw 0 0
host0 /mnt/9p 9p rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/var/lib/dxlearn/progress.db", None),
        ("/home/tanaka/.local/share/dxlearn/progress.db", "network_mount:nfs4"),
        ("/home/local/progress.db", None),  # the longest mount point wins (tmpfs under nfs)
        ("/mnt/dx share/dxlearn/progress.db", "network_mount:cifs"),  # \040 is a space
        ("/mnt/smb3/progress.db", "network_mount:smb3"),
        ("/mnt/ssh/progress.db", "network_mount:fuse.sshfs"),
        ("/mnt/9p/progress.db", "network_mount:9p"),
        ("/mnt/dxx/progress.db", None),  # a prefix of a name is not a parent folder
    ],
)
def test_linux_network_mounts_from_proc_mounts(path: str, expected: str | None) -> None:
    assert network_reason(Path(path), platform="linux", mounts_text=MOUNTS) == expected


@pytest.mark.parametrize(
    "path",
    ["\\\\fileserver\\dx\\progress.db", "//fileserver/dx/progress.db", "\\\\?\\UNC\\fs\\s\\p.db"],
)
def test_unc_paths_are_network_on_every_platform(path: str) -> None:
    for platform in ("linux", "win32", "darwin"):
        assert network_reason(Path(path), platform=platform, mounts_text="") == "unc_path"


def test_extended_local_windows_path_is_not_unc() -> None:
    assert network_reason(Path("\\\\?\\C:\\data\\p.db"), platform="darwin") is None


def test_mount_fs_type_exact_mount_point() -> None:
    assert mount_fs_type(PurePosixPath("/home"), MOUNTS) == "nfs4"  # type: ignore[arg-type]


def test_journal_choice_is_logged_with_its_reason(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="dxlearn.store.engine")
    local = choose_journal_mode(Path("/srv/p.db"), platform="linux", mounts_text=MOUNTS)
    remote = choose_journal_mode(Path("/home/a/p.db"), platform="linux", mounts_text=MOUNTS)
    forced = choose_journal_mode(Path("/srv/p.db"), force_rollback_journal=True)
    assert (local.mode, local.reason) == ("wal", "local_disk")
    assert (remote.mode, remote.reason) == ("delete", "network_mount:nfs4")
    assert (forced.mode, forced.reason) == ("delete", "policy")
    assert "journal_mode=DELETE for /home/a/p.db (reason: network_mount:nfs4)" in caplog.text


def test_local_database_uses_wal_with_full_sync(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.db") as opened:
        assert (opened.report.journal_mode, opened.report.journal_reason) == ("wal", "local_disk")
        with opened.store.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 5000


def test_policy_forces_rollback_journal_and_converts_a_wal_database(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()  # created in WAL
    with open_store(path, force_rollback_journal=True) as opened:
        assert (opened.report.journal_mode, opened.report.journal_reason) == ("delete", "policy")
        opened.store.register_learner("1", "a", "", "staff")
        assert not Path(str(path) + "-wal").exists()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_default_database_path_and_data_dir_override(tmp_path: Path) -> None:
    default = default_database_path()
    assert default.name == "progress.db" and default.parent.name == "dxlearn"
    assert default_database_path(tmp_path / "H") == tmp_path / "H" / "progress.db"
    assert default_database_path("") == default  # empty policy value = per-user default


@pytest.mark.parametrize(
    ("target", "path", "read_only"),
    [
        ("/data/p.db", "/data/p.db", False),
        ("sqlite:////data/p.db", "/data/p.db", False),
        ("sqlite:///file:/data/p.db?mode=ro&uri=true", "/data/p.db", True),
        ("sqlite://", None, False),
        ("postgresql+psycopg://u:secret@db/dx", None, False),
    ],
)
def test_resolve_target(target: str, path: str | None, read_only: bool) -> None:
    resolved = resolve_target(target)
    assert (str(resolved.path) if resolved.path else None) == path
    assert resolved.read_only_uri is read_only
    assert "secret" not in resolved.display


def test_in_memory_url_works_without_files() -> None:
    with open_store("sqlite://") as opened:
        opened.store.register_learner("1", "a", "", "staff")
        assert opened.report.path is None and opened.report.created
        assert opened.store.get_learner("1") is not None


def test_learning_and_store_never_import_qt() -> None:
    code = (
        "import sys, dxlearn.learning, dxlearn.store, dxlearn.store.migrate, "
        "dxlearn.store.backup, dxlearn.store.opening\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
