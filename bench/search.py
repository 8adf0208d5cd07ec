"""search: time per query of the lesson search at 2,000 generated lessons.

Generates the library of bench/library_scale.py (2,000 lessons in 100 chapters: a Japanese body
of about 1,900 characters with a table, lists and an admonition, and a 5-question quiz with
explanations), loads it, builds the search index (``dxlearn.content.search``), then times a
mixed set of queries — one and two characters, words that occur in every lesson, in a few, in
none, full-width, half-width katakana, hiragana for katakana words, upper case for lower case,
two terms — each repeated, alternating with the baseline:

- dxlearn:  ``SearchIndex.search(query)`` — normalise the query, find every matching lesson,
  rank them, and build the snippets with highlights of the best 50 (what the window shows);
- baseline: a plain ``str.find`` of the raw query over the raw texts of every lesson (title,
  body text, question stems and explanations): no normalisation, no ranking, no snippet, and
  so it misses every width, case and kana variant.

Prints the build time, the median and 95th percentile per query of both, and their ratio.
Goal: p95 under 50 ms at 2,000 lessons.

    python bench/search.py [--lessons 2000] [--repeat 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library_scale import generate

from dxlearn.content.loader import load_library
from dxlearn.content.search import SearchIndex, build_index

QUERIES = [
    "研修", "AI", "ai", "ＡＩ", "DX", "の", "窓口", "オンライン", "おんらいん", "ｵﾝﾗｲﾝ",
    "電子決裁", "ぺーぱーれす", "個人情報", "生成AI 庁内ルール", "第1234回", "第77回",
    "パスワードを使い回さない", "EBPM", "ebpm", "ＥＢＰＭ", "データ", "でーた", "ﾃﾞｰﾀ",
    "見つからない言葉", "zz", "ポイント", "チャットツール 記録", "住民", "RPA", "オープンデータ",
]


def baseline(texts: list[tuple[str, list[str]]], query: str) -> int:
    """Lessons whose raw texts contain ``query`` as typed."""
    found = 0
    for _lesson_id, parts in texts:
        for part in parts:
            if part.find(query) >= 0:
                found += 1
                break
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="generate the library in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dxlearn-search-"))
    root = folder / "library"
    if not root.exists():
        generate(root, args.lessons)
    started = time.perf_counter()
    library = load_library(root)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    part = build_index(library)
    built = time.perf_counter() - started
    index = SearchIndex([part])
    texts = []  # the raw texts, the same strings the index keeps (lesson by lesson)
    for number, (lesson_id, _title, _chapter) in enumerate(part.lessons):
        first = part.lesson_first[number]
        last = (part.lesson_first[number + 1] if number + 1 < len(part.lesson_first)
                else len(part.segments))
        texts.append((lesson_id, part.originals[first:last]))

    ours: list[float] = []
    bare: list[float] = []
    counts: dict[str, tuple[int, int]] = {}
    for _ in range(args.repeat):
        for query in QUERIES:
            start = time.perf_counter()
            results = index.search(query)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            plain = baseline(texts, query)
            bare.append(time.perf_counter() - start)
            counts[query] = (results.total, plain)

    print(f"{platform.machine()} {platform.system()}, Python {platform.python_version()}")
    print(f"lessons: {len(part.lessons)}, searchable characters: {len(part.corpus):,}")
    print(f"load library: {loaded:.2f} s, build index: {built:.2f} s")
    print(f"{len(QUERIES)} queries x {args.repeat}")
    for name, values in (("dxlearn search", ours), ("baseline str.find", bare)):
        print(f"{name:18}: median {statistics.median(values) * 1000:6.2f} ms, "
              f"p95 {percentile(values, 0.95) * 1000:6.2f} ms, "
              f"max {max(values) * 1000:6.2f} ms")
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"ratio (median)    : {ratio:.2f}")
    print(f"goal p95 < 50 ms  : {'met' if percentile(ours, 0.95) < 0.050 else 'NOT met'}")
    print("matches (dxlearn / baseline as typed):")
    for query, (found, plain) in counts.items():
        print(f"  {query:14} {found:5} / {plain:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
