"""Size of the frozen bundle (the Windows cold start proxy): files, links and bytes by part.

    python bench/bundle.py [dist/dxlearn] [--against OTHER_BUNDLE]

Counts what ``installer/build.py --bundle-only`` put into the one-folder bundle: regular files,
symbolic links (PyInstaller links shared libraries on Linux) and bytes, split into the parts
that matter for trimming (Qt plugins, Qt libraries, other shared libraries, the Python
extension modules, the executables with their archive, lessons and resources, the rest). With
``--against`` (for example a copy of the bundle built before a change) it prints the same
figures for that bundle and the ratio of the two, so both are measured in one run.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

PARTS = ("Qt plugins", "Qt libraries", "Qt translations", "other shared libraries",
         "Python extensions", "executables (with the Python archive)", "lessons and resources",
         "other")


def part(relative: Path) -> str:
    text, name = relative.as_posix(), relative.name
    if "/plugins/" in text:
        return "Qt plugins"
    if text.startswith("_internal/PySide6/") and "/translations/" in text:
        return "Qt translations"
    if text.startswith("_internal/dxlearn/_bundled/"):
        return "lessons and resources"
    if relative.parent == Path("."):
        return "executables (with the Python archive)"
    if ".abi3." in name or ".cpython-" in name or relative.suffix == ".pyd":
        return "Python extensions"
    if "/Qt/lib/" in text or (name.startswith("Qt6") and relative.suffix == ".dll"):
        return "Qt libraries"
    if ".so" in name or relative.suffix == ".dll":
        return "other shared libraries"
    return "other"


def measure(bundle: Path) -> tuple[Counter[str], Counter[str], int]:
    """(files per part, bytes per part, symbolic links)."""
    files: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    links = 0
    for path in bundle.rglob("*"):
        if path.is_symlink():
            links += 1
        elif path.is_file():
            name = part(path.relative_to(bundle))
            files[name] += 1
            sizes[name] += path.stat().st_size
    return files, sizes, links


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:7.1f} MiB"


def report(label: str, bundle: Path) -> tuple[int, int]:
    files, sizes, links = measure(bundle)
    total_files, total_size = sum(files.values()), sum(sizes.values())
    print(f"{label}: {bundle}")
    for name in PARTS:
        if files[name]:
            print(f"  {name:40s} {files[name]:4d} files {mib(sizes[name])}")
    print(f"  {'total':40s} {total_files:4d} files {mib(total_size)} "
          f"({total_size:,} bytes), {links} symbolic links")
    return total_files, total_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=Path("dist/dxlearn"))
    parser.add_argument("--against", type=Path, help="another bundle to compare with")
    args = parser.parse_args(argv)
    for folder in (args.bundle, args.against):
        if folder is not None and not folder.is_dir():
            parser.error(f"no bundle folder {folder} (build it: python installer/build.py "
                         "--bundle-only)")
    files, size = report("bundle", args.bundle)
    if args.against is not None:
        base_files, base_size = report("against", args.against)
        print(f"ratio bundle/against : files {files / base_files:.2f}, "
              f"size {size / base_size:.2f} ({(size - base_size) / 1024 / 1024:+.1f} MiB, "
              f"{files - base_files:+d} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
