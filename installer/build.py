"""Build what this OS allows: the PyInstaller bundle, the portable zip, the Windows installer.

    python installer/build.py                 # bundle + portable zip (+ installer on Windows)
    python installer/build.py --bundle-only   # the PyInstaller bundle alone (CI)
    python installer/build.py --self-test     # ...and run dxlearn-cli --self-test on the result

PyInstaller cannot cross-build: run this on Windows for the Windows bundle and installer, on
Linux for a Linux bundle. The Inno Setup step runs only on Windows with ``iscc`` found (on PATH
or in the default Inno Setup 6 folder). Every skipped step is printed with the reason.
Outputs go to ``dist/`` (the bundle in ``dist/dxlearn/``); intermediate files to ``build/``.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

logger = logging.getLogger("dxlearn.installer.build")

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "dxlearn.spec"
ISS = ROOT / "installer" / "dxlearn.iss"
POLICY_EXAMPLE = ROOT / "installer" / "policy.toml.example"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
SUCCESS_LINE = "dxlearn self-test: OK"  # dxlearn.selftest.SUCCESS_LINE
ISCC_DEFAULTS = tuple(
    Path(base) / "Inno Setup 6" / "ISCC.exe"
    for base in (os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"),
                 os.environ.get("PROGRAMFILES", r"C:\Program Files"),
                 str(Path(os.environ.get("LOCALAPPDATA", "")) / "Programs"))
)

PORTABLE_README = """自治体DX研修（dxlearn）ポータブル版

このフォルダーのどこからでも起動できます（インストール不要）。
  dxlearn{exe}       学習アプリ
  dxlearn-cli{exe}   情報政策課・人事課向けのコマンド（例: dxlearn-cli{exe} --self-test）

学習記録は既定で利用者ごとのフォルダー（Windows: %LOCALAPPDATA%\\dxlearn）に保存されます。
USB メモリなどで持ち運ぶときは、policy.toml.example を dxlearn{exe} と同じフォルダーに
policy.toml という名前でコピーし、data_dir = 'data' と書くと、このフォルダーの中の data に
保存されます。詳しくは docs/it-admin.md（情報システム担当者向けガイド）を参照してください。
"""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from dxlearn import __version__

    return __version__


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder``; a symbolic link (PyInstaller links shared libraries on
    Linux) counts as the link, not as a second copy of its target."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MiB"


def build_bundle(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as error:
        raise SystemExit("PyInstaller is not installed: pip install -e '.[build,postgres]'"
                         ) from error
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
                    "--log-level", "WARN", "--distpath", str(dist),
                    "--workpath", str(work / "pyinstaller")], check=True, cwd=ROOT)
    bundle = dist / "dxlearn"
    for name in ("dxlearn", "dxlearn-cli"):
        exe = bundle / f"{name}{EXE_SUFFIX}"
        if not exe.is_file():
            raise SystemExit(f"the build produced no {exe}")
    print(f"bundle: {bundle} ({mib(folder_size(bundle))}, "
          f"{time.perf_counter() - started:.0f} s)")
    return bundle


def build_zip(bundle: Path, dist: Path, app_version: str) -> Path:
    system = "windows" if WINDOWS else platform.system().lower()
    target = dist / f"dxlearn-{app_version}-{system}-{platform.machine().lower()}-portable.zip"
    started = time.perf_counter()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            name = (Path("dxlearn") / path.relative_to(bundle)).as_posix()
            if path.is_symlink():  # PyInstaller links shared libraries on Linux: keep links
                info = zipfile.ZipInfo(name)
                info.create_system = 3  # Unix, so unzip restores the link
                info.external_attr = 0o120777 << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
        archive.write(POLICY_EXAMPLE, "dxlearn/policy.toml.example")
        archive.writestr("dxlearn/README-portable.txt",
                         PORTABLE_README.format(exe=EXE_SUFFIX).replace("\n", "\r\n"))
    print(f"portable zip: {target} ({mib(target.stat().st_size)}, "
          f"{time.perf_counter() - started:.0f} s)")
    return target


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC.exe")
    if found:
        return Path(found)
    return next((p for p in ISCC_DEFAULTS if p.is_file()), None)


def build_installer(iscc: Path, bundle: Path, dist: Path, app_version: str) -> Path:
    subprocess.run([str(iscc), f"/DAppVersion={app_version}", f"/DSourceDir={bundle}",
                    f"/DOutputDir={dist}", str(ISS)], check=True, cwd=ROOT)
    target = dist / f"dxlearn-{app_version}-setup.exe"
    if not target.is_file():
        raise SystemExit(f"Inno Setup produced no {target}")
    print(f"installer: {target} ({mib(target.stat().st_size)})")
    return target


def self_test(bundle: Path) -> None:
    exe = bundle / f"dxlearn-cli{EXE_SUFFIX}"
    env = dict(os.environ)
    if not WINDOWS and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True,
                            encoding="utf-8", errors="replace", env=env, check=False,
                            timeout=300)
    sys.stdout.write(result.stdout)
    if result.returncode != 0 or SUCCESS_LINE not in result.stdout:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"self-test of {exe} failed (exit {result.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle-only", action="store_true",
                        help="build the PyInstaller bundle only (no zip, no installer)")
    parser.add_argument("--self-test", action="store_true",
                        help="run the built dxlearn-cli --self-test and fail if it fails")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)
    app_version = version()
    dist, work = args.dist.resolve(), args.work.resolve()
    skipped: list[str] = []

    bundle = build_bundle(dist, work)
    if args.self_test:
        self_test(bundle)
    if args.bundle_only:
        skipped.append("portable zip and installer: --bundle-only")
    else:
        build_zip(bundle, dist, app_version)
        iscc = find_iscc() if WINDOWS else None
        if not WINDOWS:
            skipped.append(f"Windows installer: Inno Setup runs on Windows only (this is "
                           f"{platform.system()}); build on a Windows PC, see docs/it-admin.md")
        elif iscc is None:
            skipped.append("Windows installer: iscc (Inno Setup 6) not found on PATH or in "
                           "Program Files; install Inno Setup 6 and run again")
        else:
            build_installer(iscc, bundle, dist, app_version)
    for reason in skipped:
        print(f"skipped: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
