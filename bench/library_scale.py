"""library_scale: how loading + linting a lesson library scales (200 and 2,000 lessons).

Generates realistic libraries (Japanese body of about 2,000 characters with a table, a list, an
admonition and an image that exists in the lesson folder, plus a 5-question quiz.md), then times,
alternately and several times each:

- dxlearn: ``lint_path`` (load_library: decode, front matter, validation, Markdown -> safe HTML,
  asset checks, quiz parsing, id uniqueness) and ``format_text`` of its findings;
- bare:    the same files read and parsed without dxlearn: ``yaml.safe_load`` of each front
  matter and ``markdown.markdown(..., extensions=["tables"])`` of each lesson.md and quiz.md body.

Prints the medians, the ratio dxlearn / bare (goal: <= 1.5 at 2,000 lessons) and the growth
factor 2,000 / 200 (linear growth is 10.0). ``--profile`` adds a cProfile of dxlearn at the
largest size.

    python bench/library_scale.py [--sizes 200 2000] [--repeat 5] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import random
import statistics
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml

from dxlearn.content.lint import format_text, lint_path

LESSONS_PER_CHAPTER = 20

SENTENCES = [
    "自治体DXとは、デジタル技術やデータを活用して住民の利便性を向上させるとともに、業務の効率化を図る取組です。",
    "窓口での申請手続をオンライン化すると、住民は開庁時間を気にせずに手続ができるようになります。",
    "業務の見直し（BPR）では、まず現在の手順を書き出し、誰が何にどれだけ時間を使っているかを把握します。",
    "紙の書類をスキャンしただけでは、データとして再利用しにくく、本当の意味でのデジタル化とはいえません。",
    "情報セキュリティの基本は、パスワードを使い回さないこと、不審なメールの添付ファイルを開かないことです。",
    "生成AIを業務で使う際は、個人情報や機密情報を入力しないという庁内ルールを必ず確認してください。",
    "データに基づく政策立案（EBPM）では、根拠となる数値の出典と集計方法を明らかにすることが重要です。",
    "職員一人ひとりが「自分ごと」として取り組むことで、小さな改善が積み重なり、組織全体の変化につながります。",
    "庁内の関係部署と早い段階で情報を共有しておくと、導入後の混乱を減らすことができます。",
    "住民アンケートの結果を見ると、オンライン手続を利用したことがある人の割合は年々増えています。",
    "会議資料は共有フォルダに置き、最新版がどれか分かるようにファイル名の付け方をそろえましょう。",
    "チャットツールは、短い連絡や確認に向いていますが、記録として残す必要がある決定事項は文書にまとめます。",
]


def _png() -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _paragraph(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(SENTENCES) for _ in range(count))


def lesson_md(number: int, rng: random.Random) -> str:
    roles = rng.choice(["[executive, leader, staff]", "[staff]", "[leader, staff]"])
    return f"""---
title: 第{number}回 自治体DXの基礎（{number}）
id: lesson-{number:05d}
roles: {roles}
required: {rng.choice(["true", "false"])}
minutes: {rng.randint(5, 30)}
version: 1
objectives:
  - DXの目的を自分の言葉で説明できる
  - 業務の見直しの手順を説明できる
pass_score: 80
---

## この回のねらい

{_paragraph(rng, 5)}

{_paragraph(rng, 5)}

![業務の流れ図](images/flow.png)

## 取組の例

| 取組 | 対象 | 効果 |
|---|---|---|
| 申請のオンライン化 | 住民 | 来庁不要・24時間受付 |
| 電子決裁 | 職員 | 決裁日数の短縮 |
| RPAによる入力作業 | 職員 | 入力ミスの削減 |
| オープンデータの公開 | 地域 | 新しいサービスの創出 |

## 進め方

1. {rng.choice(SENTENCES)}
2. {rng.choice(SENTENCES)}
3. {rng.choice(SENTENCES)}

- **現状把握**: {rng.choice(SENTENCES)}
- **見直し**: {rng.choice(SENTENCES)}
- **定着**: {rng.choice(SENTENCES)}

!!! note "ポイント"
    {_paragraph(rng, 2)}

## まとめ

{_paragraph(rng, 6)}

{_paragraph(rng, 5)}

{_paragraph(rng, 5)}
"""


def quiz_md(rng: random.Random) -> str:
    parts = ["---\nshuffle: true\n---\n"]
    for number in range(1, 6):
        correct = rng.sample(range(4), k=rng.choice([1, 1, 2]))
        topic = rng.choice(SENTENCES)[:30]
        parts.append(f"## 問{number}. {topic}として、適切なものを選んでください。\n")
        for choice in range(4):
            mark = "x" if choice in correct else " "
            text = rng.choice(SENTENCES)[:25]
            if rng.random() < 0.1:  # some choices use Markdown, as real quizzes sometimes do
                text = f"**{text[:6]}**{text[6:]}"
            parts.append(f"- [{mark}] {text}")
        explanation = rng.choice(SENTENCES)
        if rng.random() < 0.3:
            explanation = f"{explanation}（参考: [デジタル庁](https://www.digital.go.jp/)）"
        parts.append(f"\n> {explanation}\n")
    return "\n".join(parts) + "\n"


def generate(root: Path, lessons: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    png = _png()
    root.mkdir(parents=True, exist_ok=True)
    (root / "library.yaml").write_text(
        'id: bench\ntitle: 性能測定用ライブラリ\nversion: "2026.1"\n', "utf-8")
    for number in range(1, lessons + 1):
        chapter = (number - 1) // LESSONS_PER_CHAPTER + 1
        chapter_dir = root / f"{chapter:03d}-chapter"
        if not chapter_dir.exists():
            chapter_dir.mkdir(parents=True)
            (chapter_dir / "chapter.yaml").write_text(f"title: 第{chapter}章\n", "utf-8")
        folder = chapter_dir / f"{number:05d}-lesson"
        (folder / "images").mkdir(parents=True)
        (folder / "images" / "flow.png").write_bytes(png)
        (folder / "lesson.md").write_text(lesson_md(number, rng), "utf-8")
        (folder / "quiz.md").write_text(quiz_md(rng), "utf-8")


def run_dxlearn(root: Path) -> int:
    result = lint_path(str(root))
    format_text(result.findings)
    if result.exit_status != 0:
        raise SystemExit(f"generated library has errors:\n{format_text(result.findings)[:2000]}")
    return len(result.findings)


def _front_and_body(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return text[4:end], text[end + 5:]
    return "", text


def run_bare(root: Path) -> int:
    parsed = 0
    for lesson in sorted(root.glob("*/*/lesson.md")):
        for path in (lesson, lesson.with_name("quiz.md")):
            front, body = _front_and_body(path.read_text("utf-8"))
            yaml.safe_load(front)
            markdown.markdown(body, extensions=["tables"])
            parsed += 1
    return parsed


def _time(function: Callable[[Path], int], root: Path) -> float:
    start = time.perf_counter()
    function(root)
    return time.perf_counter() - start


def profile(root: Path, top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    run_dxlearn(root)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    out.write("\n-- by own time --\n")
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dxlearn-bench-") as temporary:
        base = args.keep or Path(temporary)
        roots: dict[int, Path] = {}
        for size in args.sizes:
            roots[size] = base / f"library-{size}"
            if not roots[size].exists():
                generate(roots[size], size)
        sample = next(iter(roots.values())) / "001-chapter" / "00001-lesson" / "lesson.md"
        body_chars = len(_front_and_body(sample.read_text("utf-8"))[1])

        print(f"library_scale: Python {platform.python_version()}, {platform.machine()}, "
              f"{os.cpu_count()} CPU(s), markdown {markdown.__version__}, "
              f"PyYAML {yaml.__version__} (C loader: {yaml.__with_libyaml__})")
        print(f"lesson body: {body_chars} characters; quiz: 5 questions x 4 choices; "
              f"medians of {args.repeat} alternating runs")

        for root in roots.values():  # warm-up: file cache, imports, Markdown instances
            run_dxlearn(root)
            run_bare(root)

        times: dict[tuple[int, str], list[float]] = {}
        for _ in range(args.repeat):
            for size, root in roots.items():
                for name, function in (("dxlearn", run_dxlearn), ("bare", run_bare)):
                    times.setdefault((size, name), []).append(_time(function, root))

        print()
        print(f"{'lessons':>8} {'dxlearn s':>10} {'bare s':>10} {'ratio':>7} "
              f"{'dxlearn ms/lesson':>18} {'bare ms/lesson':>15}")
        medians: dict[tuple[int, str], float] = {
            key: statistics.median(values) for key, values in times.items()}
        for size in roots:
            dx, bare = medians[(size, "dxlearn")], medians[(size, "bare")]
            print(f"{size:>8} {dx:>10.3f} {bare:>10.3f} {dx / bare:>7.2f} "
                  f"{dx / size * 1000:>18.2f} {bare / size * 1000:>15.2f}")
        if len(args.sizes) >= 2:
            small, large = min(args.sizes), max(args.sizes)
            scale = large / small
            for name in ("dxlearn", "bare"):
                growth = medians[(large, name)] / medians[(small, name)]
                print(f"growth {large}/{small} {name}: {growth:.2f} (linear: {scale:.1f})")
        largest = max(args.sizes)
        ratio = medians[(largest, "dxlearn")] / medians[(largest, "bare")]
        print(f"ratio at {largest}: {ratio:.2f} (goal <= 1.5): "
              f"{'OK' if ratio <= 1.5 else 'ABOVE GOAL'}")

        if args.profile:
            print()
            print(profile(roots[largest]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
