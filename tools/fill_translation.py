"""Give English to untranslated messages in resources/translations/dxlearn_en.ts.

    python tools/fill_translation.py translations.tsv

Each line of the TSV is ``Japanese<TAB>English``; every ``type="unfinished"`` message whose
source is on a line gets that English. Then run ``python tools/update_translations.py`` to
compile. Messages not in the file are listed and left unfinished.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS_FILE = Path(__file__).resolve().parent.parent / "resources" / "translations" / "dxlearn_en.ts"


def main(argv: list[str]) -> int:
    pairs = {}
    for line in Path(argv[0]).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            ja, en = line.split("\t", 1)
            pairs[ja.replace("\\n", "\n")] = en.replace("\\n", "\n")
    tree = ET.parse(TS_FILE)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source in pairs:
            translation.text = pairs[source]
            del translation.attrib["type"]
        else:
            missing.append(source)
    tree.write(TS_FILE, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"no English for: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
