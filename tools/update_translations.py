"""Refresh the English translation: lupdate over dxlearn/gui/*.py, then lrelease.

Run from anywhere: ``python tools/update_translations.py`` (with the venv's python, so the
PySide6 tools next to it are used). Japanese is the source language; the script

1. runs ``pyside6-lupdate`` over every ``dxlearn/gui/*.py`` (found by glob now, so new files
   are included) into ``resources/translations/dxlearn_en.ts``, keeping the existing English
   and dropping strings that are no longer in the code (``-no-obsolete``);
2. runs ``pyside6-lrelease`` to compile the ``.ts`` into ``dxlearn_en.qm``, which the app
   loads at start (``install_translation`` in dxlearn/gui/app.py).

New strings appear in the ``.ts`` as ``type="unfinished"``: translate them (Qt Linguist,
``pyside6-linguist``, or any editor), remove the ``type="unfinished"`` and run the script
again to compile. tests/test_translations.py fails while a string has no English.

``--reuse`` gives a new message the English that the same Japanese text already had elsewhere
in the .ts (e.g. after a string moved to another class or translate() context, which lupdate
treats as a new message). Review the diff of the .ts afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI_DIR = ROOT / "dxlearn" / "gui"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LANGUAGE = "en"
TS_FILE = TRANSLATIONS_DIR / f"dxlearn_{LANGUAGE}.ts"
QM_FILE = TRANSLATIONS_DIR / f"dxlearn_{LANGUAGE}.qm"


def find_tool(name: str) -> Path:
    """Locate a PySide6 tool: next to sys.executable (venv bin/ or Scripts/) first, then PATH.

    Raises FileNotFoundError naming the places searched.
    """
    bin_dir = Path(sys.executable).parent
    for candidate in (bin_dir / name, bin_dir / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    raise FileNotFoundError(
        f"{name} not found next to {sys.executable} or on PATH; "
        "install PySide6 (PySide6-Essentials) into this environment"
    )


def gui_sources() -> list[Path]:
    """Every Python module of the GUI, sorted so the .ts is stable."""
    return sorted(GUI_DIR.rglob("*.py"))


def unfinished_sources(ts_file: Path) -> list[str]:
    """Source texts in the .ts that still lack an English translation."""
    root = ET.parse(ts_file).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            missing.append(message.findtext("source") or "")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")]
        if not all(form.strip() for form in forms or [translation.text or ""]):
            missing.append(message.findtext("source") or "")
    return missing


def known_translations(ts_file: Path) -> dict[str, str]:
    """Japanese source -> English of every finished, singular message (ambiguous ones left out)."""
    known: dict[str, str] = {}
    ambiguous: set[str] = set()
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if (message.get("numerus") == "yes" or translation is None
                or translation.get("type") is not None or not (translation.text or "").strip()):
            continue
        source = message.findtext("source") or ""
        if known.setdefault(source, translation.text or "") != translation.text:
            ambiguous.add(source)
    return {source: text for source, text in known.items() if source not in ambiguous}


def reuse_translations(ts_file: Path, known: dict[str, str]) -> list[str]:
    """Fill unfinished singular messages whose source is in ``known``; return their sources."""
    text = ts_file.read_text(encoding="utf-8")
    header = text[: text.index("<TS")]
    root = ET.fromstring(text)
    reused = []
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if (message.get("numerus") == "yes" or source not in known or translation is None
                or translation.get("type") != "unfinished"):
            continue
        del translation.attrib["type"]
        translation.text = known[source]
        reused.append(source)
    if reused:
        ts_file.write_text(header + ET.tostring(root, encoding="unicode") + "\n",
                           encoding="utf-8")
    return reused


def run(command: list[str | Path]) -> None:
    """Run a tool from the repository root, echoing the command; stop on failure."""
    shown = " ".join(
        str(Path(part).relative_to(ROOT)) if Path(part).is_relative_to(ROOT) else str(part)
        for part in command
    )
    print(f"$ {shown}", flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)


def update_ts(lupdate: Path, sources: list[Path]) -> None:
    """Extract the strings of ``sources`` into the .ts, keeping existing translations."""
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    run([lupdate, "-no-obsolete", "-locations", "relative",
         "-source-language", "ja", "-target-language", LANGUAGE,
         *sources, "-ts", TS_FILE])


def compile_qm(lrelease: Path) -> None:
    """Compile the .ts into the .qm the app loads."""
    run([lrelease, TS_FILE, "-qm", QM_FILE])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lupdate", action="store_true",
                        help="only compile the existing .ts into the .qm")
    parser.add_argument("--reuse", action="store_true",
                        help="give new messages the English of the same Japanese text "
                             "already in the .ts (e.g. after moving strings to another context)")
    args = parser.parse_args(argv)

    try:
        lupdate = find_tool("pyside6-lupdate")
        lrelease = find_tool("pyside6-lrelease")
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if not args.no_lupdate:
        sources = gui_sources()
        print(f"lupdate: {len(sources)} files in {GUI_DIR.relative_to(ROOT)}: "
              + ", ".join(p.name for p in sources))
        known = known_translations(TS_FILE) if args.reuse and TS_FILE.exists() else {}
        update_ts(lupdate, sources)
        reused = reuse_translations(TS_FILE, known)
        if reused:
            print(f"reused the existing English for {len(reused)} new message(s) "
                  f"(review the diff of {TS_FILE.relative_to(ROOT)}):")
            for source in reused:
                print(f"  - {source!r}")
            update_ts(lupdate, sources)  # back to lupdate's own layout of the .ts
    compile_qm(lrelease)

    missing = unfinished_sources(TS_FILE)
    print(f"wrote {TS_FILE.relative_to(ROOT)} and {QM_FILE.relative_to(ROOT)}")
    if missing:
        print(f"{len(missing)} message(s) without English (translate them in the .ts, "
              "remove type=\"unfinished\", then run this script again):")
        for source in missing:
            print(f"  - {source!r}")
    else:
        print("all messages are translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
