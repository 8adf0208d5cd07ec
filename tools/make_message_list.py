"""Write docs/messages.md: every message of the catalogue (dxlearn/messages), by part.

    python tools/make_message_list.py           write docs/messages.md
    python tools/make_message_list.py --check   exit 1 when docs/messages.md is not up to date

The list is generated, never edited by hand: a test (tests/content/test_message_list.py) fails
when it differs from the catalogue. Placeholders such as ``{path}`` are shown as written; the
app fills them in (the file, the line, the value that was wrong).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "messages.md"

# The parts trainers see first (lint, packs, GIFT), then the others; the catalogue's PARTS is
# the authority on which parts exist (a part missing here is listed last under its own name).
PART_TITLES = {
    "content": "教材のチェック（dxlearn lint、プレビュー、アプリの「問題のあるレッスン」）",
    "pack": "教材パック（dxlearn pack build / verify / import）",
    "gift": "Moodle の問題の取り込み（dxlearn import-gift）",
    "cli": "コマンド共通",
    "policy": "組織の設定（policy.toml）",
    "store": "学習記録（データベース）",
    "export": "修了データの書き出し",
    "integrity": "署名の確認（dxlearn verify）",
    "hr": "人事の取りまとめ（dxlearn hr merge）",
    "xapi": "xAPI での書き出し",
}

HEADER = """\
# メッセージ一覧

dxlearn が表示するメッセージの全てです（`dxlearn/messages/` の一覧から
`python tools/make_message_list.py` で作っています。手で直さないでください）。

- 各メッセージには、変わらない **コード**（例：`content.title_missing`）があります。
  `dxlearn lint --format json` の `code` に出るのもこのコードです。問合せのときは、
  コードを添えてください。
- `{path}`、`{line}`、`{key}` のような `{…}` の部分には、ファイル名、行番号、
  書き間違えた項目名などが入ります。
- 日本語が既定です。コマンドに `--lang en` を付けると英語で表示します。

教材を書く人に関係するのは、最初の三つの節です。直し方は
[教材の作り方](authoring.md) の「10. メッセージと直し方」にもまとめています。
"""


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """The whole of docs/messages.md."""
    sys.path.insert(0, str(ROOT))
    try:
        from dxlearn.messages import entries
        from dxlearn.messages.catalogue import PARTS
    finally:
        sys.path.pop(0)
    by_part: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for code, entry in entries():
        by_part[code.split(".", 1)[0]].append((code, entry.ja, entry.en))
    order = [part for part in PART_TITLES if part in PARTS]
    order += [part for part in PARTS if part not in order]
    lines = [HEADER]
    for part in order:
        rows = by_part.get(part, [])
        if not rows:
            continue
        lines.append(f"## {PART_TITLES.get(part, part)}\n")
        lines.append("| コード | 日本語 | English |")
        lines.append("|---|---|---|")
        lines += [f"| `{code}` | {_cell(ja)} | {_cell(en)} |" for code, ja, en in rows]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when docs/messages.md is not up to date")
    args = parser.parse_args(argv)
    text = render()
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if args.check:
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run "
                  "python tools/make_message_list.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"{OUTPUT.relative_to(ROOT)}: {text.count(chr(10) + '| `')} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
