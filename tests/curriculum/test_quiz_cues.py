"""A reader who never opened a lesson must not pass a 理解度チェック by cues alone.

The issue's quality bar: "Someone who never read the lesson, choosing by length, by absolutes
or by 'all but one', must fail every quiz and get at most a third right."  This module plays
that reader.  It sees what a learner sees without studying -- the prompt, the choice texts, and
whether the question is a select-all (checkboxes, 「すべて選んでください」) -- and answers with
a cue strategy.  Every strategy must, for EACH quiz,

- fail the quiz (score below the quiz's pass_score), and
- get at most one third of the quiz's questions right,

and get at most one third of all questions of the library right.  The per-quiz rule is the
binding one: a reader who gets half of one quiz right has found a cue in it, whatever the
library total says.

A reader combines a rule for single-choice questions with a rule for select-all questions.
The brief names five readers (a)-(e); they are tested by name, and so is every other
combination of the single-choice and select-all rules below, because a rule we tuned against
is not the reader's only strategy.  Ties are scored against us: when a rule cannot decide
between choices, the question counts as right if any of the tied answers is right.

The rules came in four groups.  The first group (up to ``echo-objectives`` and
``consensus-ones``) is the one the quizzes of 2026.2 were written against.  The three later
batches were each written down before they were first run, to check the quizzes against
strategies nobody had designed for:

- batch 1 (most-clauses, kanji-dense, no-negation-longest; clause-ones, all-but-longest,
  close-pair, no-negation-ones) found cues in five of the nine new quizzes, which were then
  fixed: tuned against since;
- batch 2 (specific, people-minded, plain; kanji-ones, people-ones, all-but-odd): its three
  single-choice rules found cues in six new quizzes, which were then fixed; its three
  select-all rules passed untouched;
- batch 3 (urgent, by-the-book, fewest-clauses; urgent-ones, by-the-book-ones,
  all-but-close-pair) was run only when the nine quizzes were finished and passed them without
  any change: the readers the new quizzes were never tuned against;
- batch 4 (reasoned, communicative, dx-minded, katakana-rich, most-distinct; reasoned-ones,
  communicative-ones, dx-minded-ones, katakana-ones, all-but-urgent, longest-only) was written
  down before the sixteen quizzes of the 2026.1 lessons were reworked for the per-quiz rule,
  and was not run on them until that rework was done.  On that first run katakana-rich, as
  written, had no tie-break and counted every question without katakana as right; it now
  breaks ties by length like the other counting rules.  With that fix the sixteen reworked
  quizzes passed batch 4 without any change: the readers they were never tuned against.  Its
  communicative readers found cues in across and incident-response, which were then fixed.

When you add a reader, write it down before you run it, and say here whether a quiz had to
change for it.

Run as a script to print a report for any library folder::

    python tests/curriculum/test_quiz_cues.py [LIBRARY]
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import statistics
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dxlearn import paths
from dxlearn.content.loader import load_library
from dxlearn.content.model import Library, Question

# Words that make a choice sound careless or extreme: the giveaways a test-wise reader avoids.
ABSOLUTES = (
    "すべて", "全て", "全部", "だけ", "のみ", "一切", "必ず", "任せ", "待つ", "待ち", "待って",
    "常に", "決して", "絶対", "一律", "いつでも", "要らない", "不要", "必要はない", "省く",
    "省略", "しなくてよい", "なくてよい", "ばよい", "控える", "やめる",
)
# Words that make a choice sound careful and balanced: a test-wise reader's favourites.
HEDGES = (
    "確認", "相談", "並行", "あわせて", "併せて", "踏まえ", "必要に応じ", "状況に応じ",
    "範囲", "原則", "基準", "一緒に", "共有", "記録", "確かめ", "検討", "段階", "できるだけ",
    "なるべく", "丁寧", "ルール", "担当課", "根拠",
)
_ID_PREFIX = re.compile(r"^\s*\[([a-z0-9][a-z0-9\-_.]*)((?:\s*,\s*[a-z]+)*)\]\s*")
_MARKUP = re.compile(r"[*_`\s]")


# --------------------------------------------------------------------------------------
# What the reader sees
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One question as a reader who never studied sees it."""

    lesson: str
    number: int  # 1-based position in quiz.md
    prompt: str
    choices: tuple[str, ...]
    correct: frozenset[int]
    select_all: bool
    lesson_header: str = ""  # title and objectives: visible before reading a line of the lesson

    @property
    def lengths(self) -> list[int]:
        return [len(_MARKUP.sub("", text)) for text in self.choices]

    def has_absolute(self, index: int) -> bool:
        return any(word in self.choices[index] for word in ABSOLUTES)

    def hedges(self, index: int) -> int:
        return sum(self.choices[index].count(word) for word in HEDGES)


def _flags(question: Question) -> set[str]:
    match = _ID_PREFIX.match(question.prompt)
    if not match:
        return set()
    return {flag.strip() for flag in match.group(2).split(",") if flag.strip()}


def is_select_all(question: Question) -> bool:
    """Checkboxes: two or more correct choices, the ``multiple`` flag, or a select-all prompt.

    Reads the flag from the heading while the loader does not parse the brackets yet, and
    from the model (``multiple`` / ``select_all``) once it does.
    """
    if getattr(question, "select_all", False) or question.multiple:
        return True
    if "multiple" in _flags(question):
        return True
    return "すべて選んで" in question.prompt


def items(library: Library) -> list[Item]:
    found: list[Item] = []
    for lesson in library.lessons():
        if lesson.quiz is None:
            continue
        for question in lesson.quiz.questions:
            found.append(
                Item(
                    lesson=lesson.id,
                    number=question.index + 1,
                    prompt=_ID_PREFIX.sub("", question.prompt),
                    choices=tuple(c.text for c in question.choices),
                    correct=frozenset(question.correct_indexes),
                    select_all=is_select_all(question),
                    lesson_header=" ".join((lesson.title, *lesson.objectives)),
                )
            )
    return found


# --------------------------------------------------------------------------------------
# Rules.  A rule returns every answer it cannot choose between (worst case for the quiz).
# --------------------------------------------------------------------------------------

Answers = list[frozenset[int]]
Rule = Callable[[Item], Answers]


def _best(item: Item, indexes: Iterable[int], key: Callable[[int], tuple[float, ...]]) -> Answers:
    pool = list(indexes)
    top = max(key(i) for i in pool)
    return [frozenset({i}) for i in pool if key(i) == top]


def single_longest(item: Item) -> Answers:
    return _best(item, range(len(item.choices)), lambda i: (item.lengths[i],))


def single_shortest(item: Item) -> Answers:
    """A reader who knows test writers pad the right answer, and so distrusts it."""
    return _best(item, range(len(item.choices)), lambda i: (-item.lengths[i],))


def single_no_absolute_longest(item: Item) -> Answers:
    pool = [i for i in range(len(item.choices)) if not item.has_absolute(i)]
    return _best(item, pool or range(len(item.choices)), lambda i: (item.lengths[i],))


def single_moderate(item: Item) -> Answers:
    """The middle-length choice: closest to the mean length."""
    mean = statistics.mean(item.lengths)
    return _best(item, range(len(item.choices)), lambda i: (-abs(item.lengths[i] - mean),))


def single_hedged(item: Item) -> Answers:
    """The most careful-sounding choice (most hedging words), then the longest of those."""
    return _best(
        item, range(len(item.choices)), lambda i: (item.hedges(i), item.lengths[i])
    )


def _bigrams(text: str) -> set[str]:
    text = _MARKUP.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def single_echo(item: Item) -> Answers:
    """The choice that repeats most of the question's words, then the longest of those."""
    prompt = _bigrams(item.prompt)
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (len(_bigrams(item.choices[i]) & prompt), item.lengths[i]),
    )


def _rank(item: Item, place: int) -> Answers:
    """The choice at ``place`` in the length order (0 = longest); ties count as that place."""
    distinct = sorted(set(item.lengths), reverse=True)
    target = distinct[min(place, len(distinct) - 1)]
    return [frozenset({i}) for i, n in enumerate(item.lengths) if n == target]


def single_second_longest(item: Item) -> Answers:
    return _rank(item, 1)


def single_second_shortest(item: Item) -> Answers:
    distinct = sorted(set(item.lengths))
    target = distinct[min(1, len(distinct) - 1)]
    return [frozenset({i}) for i, n in enumerate(item.lengths) if n == target]


def _similarity(item: Item, i: int) -> float:
    """How much choice ``i`` shares with the other choices (sum of bigram Jaccard)."""
    mine = _bigrams(item.choices[i])
    total = 0.0
    for j, other in enumerate(item.choices):
        if j != i:
            theirs = _bigrams(other)
            union = mine | theirs
            total += len(mine & theirs) / len(union) if union else 0.0
    return round(total, 6)


def single_consensus(item: Item) -> Answers:
    """The choice that shares most with the others: 'the answer is a blend of the options'."""
    return _best(item, range(len(item.choices)), lambda i: (_similarity(item, i),))


def single_odd_one_out(item: Item) -> Answers:
    """The choice least like the others: 'the right one stands out'."""
    return _best(item, range(len(item.choices)), lambda i: (-_similarity(item, i),))


def single_echo_objectives(item: Item) -> Answers:
    """The choice that repeats most words of the lesson's title and objectives."""
    header = _bigrams(item.lesson_header)
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (len(_bigrams(item.choices[i]) & header), item.lengths[i]),
    )


def multi_long_ones(item: Item) -> Answers:
    """Tick the choices at least as long as the median."""
    median = statistics.median(item.lengths)
    return [frozenset(i for i, n in enumerate(item.lengths) if n >= median)]


def multi_short_ones(item: Item) -> Answers:
    """Tick the choices at most as long as the median."""
    median = statistics.median(item.lengths)
    return [frozenset(i for i, n in enumerate(item.lengths) if n <= median)]


def multi_no_absolutes(item: Item) -> Answers:
    ticked = frozenset(i for i in range(len(item.choices)) if not item.has_absolute(i))
    return [ticked or frozenset(range(len(item.choices)))]


def multi_all_but_shortest(item: Item) -> Answers:
    everything = frozenset(range(len(item.choices)))
    shortest = min(item.lengths)
    return [everything - {i} for i, n in enumerate(item.lengths) if n == shortest]


def multi_all_but_absolute(item: Item) -> Answers:
    flagged = frozenset(i for i in range(len(item.choices)) if item.has_absolute(i))
    if flagged and len(flagged) < len(item.choices):
        return [frozenset(range(len(item.choices))) - flagged]
    return multi_all_but_shortest(item)


def multi_drop_extremes(item: Item) -> Answers:
    """A 'moderate' reader: tick all but the longest and the shortest."""
    order = sorted(range(len(item.choices)), key=lambda i: item.lengths[i])
    return [frozenset(order[1:-1]) or frozenset(order)]


def multi_all(item: Item) -> Answers:
    return [frozenset(range(len(item.choices)))]


def multi_hedged(item: Item) -> Answers:
    """Tick the careful-sounding choices (any hedging word), else everything."""
    ticked = frozenset(i for i in range(len(item.choices)) if item.hedges(i))
    return [ticked or frozenset(range(len(item.choices)))]


def multi_two_longest(item: Item) -> Answers:
    order = sorted(range(len(item.choices)), key=lambda i: -item.lengths[i])
    return [frozenset(order[:2])]


def multi_two_shortest(item: Item) -> Answers:
    order = sorted(range(len(item.choices)), key=lambda i: item.lengths[i])
    return [frozenset(order[:2])]


def multi_echo_ones(item: Item) -> Answers:
    """Tick the choices that repeat the question's words more than the median choice does."""
    prompt = _bigrams(item.prompt)
    echo = [len(_bigrams(c) & prompt) for c in item.choices]
    median = statistics.median(echo)
    ticked = frozenset(i for i, n in enumerate(echo) if n > median)
    return [ticked or frozenset(range(len(item.choices)))]


def multi_consensus_ones(item: Item) -> Answers:
    """Tick the choices that are most alike (above the median similarity)."""
    sims = [_similarity(item, i) for i in range(len(item.choices))]
    median = statistics.median(sims)
    ticked = frozenset(i for i, n in enumerate(sims) if n > median)
    return [ticked or frozenset(range(len(item.choices)))]


# Batch 1 (see the module docstring): written before it was run; five quizzes were fixed for it.
NEGATIONS = ("ない", "せず", "ずに", "ません")


def _clauses(text: str) -> int:
    return text.count("、")


def _kanji_share(text: str) -> float:
    text = _MARKUP.sub("", text)
    kanji = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or ch == "々")
    return round(kanji / len(text), 6) if text else 0.0


def _negated(text: str) -> bool:
    return any(word in text for word in NEGATIONS)


def single_most_clauses(item: Item) -> Answers:
    """The choice with the most 「、」 clauses ('the thorough one'), then the longest of those."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_clauses(item.choices[i]), item.lengths[i]),
    )


def single_kanji_dense(item: Item) -> Answers:
    """The choice with the highest share of kanji: 'the official-sounding one'."""
    return _best(item, range(len(item.choices)), lambda i: (_kanji_share(item.choices[i]),))


def single_no_negation_longest(item: Item) -> Answers:
    """Right answers say what to do, not what not to do: the longest choice without a negation."""
    pool = [i for i in range(len(item.choices)) if not _negated(item.choices[i])]
    return _best(item, pool or range(len(item.choices)), lambda i: (item.lengths[i],))


def multi_clause_ones(item: Item) -> Answers:
    """Tick the choices with more 「、」 clauses than the median choice, else everything."""
    counts = [_clauses(c) for c in item.choices]
    median = statistics.median(counts)
    ticked = frozenset(i for i, n in enumerate(counts) if n > median)
    return [ticked or frozenset(range(len(item.choices)))]


def multi_all_but_longest(item: Item) -> Answers:
    """'The longest one is the trap': tick everything else."""
    everything = frozenset(range(len(item.choices)))
    longest = max(item.lengths)
    return [everything - {i} for i, n in enumerate(item.lengths) if n == longest]


def multi_close_pair(item: Item) -> Answers:
    """The two choices most like each other (pairwise bigram overlap): 'they come as a pair'."""
    def overlap(pair: tuple[int, int]) -> float:
        a, b = (_bigrams(item.choices[k]) for k in pair)
        return round(len(a & b) / len(a | b), 6) if a | b else 0.0

    pairs = list(itertools.combinations(range(len(item.choices)), 2))
    top = max(overlap(pair) for pair in pairs)
    return [frozenset(pair) for pair in pairs if overlap(pair) == top]


def multi_no_negation_ones(item: Item) -> Answers:
    """Tick the choices that say what to do (no negation), else everything."""
    ticked = frozenset(i for i in range(len(item.choices)) if not _negated(item.choices[i]))
    return [ticked or frozenset(range(len(item.choices)))]


# Batch 2: written before it was run; six quizzes were fixed for its single-choice rules, none
# for its select-all rules.
PEOPLE = (
    "住民", "本人", "相手", "職員", "担当", "所属長", "課長", "係長", "家族", "保護者", "事業者",
)
_SPECIFIC = re.compile(r"[0-9０-９「」（）]")


def _people(text: str) -> int:
    return sum(text.count(word) for word in PEOPLE)


def single_specific(item: Item) -> Answers:
    """'The concrete one is right': most digits, quotes and brackets, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (len(_SPECIFIC.findall(item.choices[i])), item.lengths[i]),
    )


def single_people_minded(item: Item) -> Answers:
    """'The answer names the right people': most words for people and roles, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_people(item.choices[i]), item.lengths[i]),
    )


def single_plain(item: Item) -> Answers:
    """'The plain-spoken one is right': the lowest share of kanji."""
    return _best(item, range(len(item.choices)), lambda i: (-_kanji_share(item.choices[i]),))


def multi_kanji_ones(item: Item) -> Answers:
    """Tick the official-sounding choices: kanji share above the median, else everything."""
    shares = [_kanji_share(c) for c in item.choices]
    median = statistics.median(shares)
    ticked = frozenset(i for i, n in enumerate(shares) if n > median)
    return [ticked or frozenset(range(len(item.choices)))]


def multi_people_ones(item: Item) -> Answers:
    """Tick the choices that name people or roles, else everything."""
    ticked = frozenset(i for i in range(len(item.choices)) if _people(item.choices[i]))
    return [ticked or frozenset(range(len(item.choices)))]


def multi_all_but_odd(item: Item) -> Answers:
    """Tick everything except the choice least like the others ('the odd one is the wrong one')."""
    everything = frozenset(range(len(item.choices)))
    sims = [_similarity(item, i) for i in range(len(item.choices))]
    low = min(sims)
    return [everything - {i} for i, n in enumerate(sims) if n == low]


# Batch 3: written before the last changes to the nine quizzes and first run when they were
# done; no quiz was changed for it.
URGENT = ("すぐ", "まず", "先に", "早め", "直ちに", "その場で")
BY_THE_BOOK = ("手順", "手続", "ルール", "決まり", "規程", "規則", "要綱", "手引", "方針")


def _count(text: str, words: tuple[str, ...]) -> int:
    return sum(text.count(word) for word in words)


def single_urgent(item: Item) -> Answers:
    """'Act at once' is right: most words of urgency, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_count(item.choices[i], URGENT), item.lengths[i]),
    )


def single_by_the_book(item: Item) -> Answers:
    """'Follow the procedure' is right: most words for rules and procedures, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_count(item.choices[i], BY_THE_BOOK), item.lengths[i]),
    )


def single_fewest_clauses(item: Item) -> Answers:
    """'The crisp one is right': fewest 「、」 clauses, then the shortest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (-_clauses(item.choices[i]), -item.lengths[i]),
    )


def multi_urgent_ones(item: Item) -> Answers:
    ticked = frozenset(i for i in range(len(item.choices)) if _count(item.choices[i], URGENT))
    return [ticked or frozenset(range(len(item.choices)))]


def multi_by_the_book_ones(item: Item) -> Answers:
    ticked = frozenset(
        i for i in range(len(item.choices)) if _count(item.choices[i], BY_THE_BOOK)
    )
    return [ticked or frozenset(range(len(item.choices)))]


def multi_all_but_close_pair(item: Item) -> Answers:
    """'Two near-twins: both are traps': tick everything except the two choices most alike."""
    everything = frozenset(range(len(item.choices)))
    return [everything - pair for pair in multi_close_pair(item)]


# Batch 4: written down before the sixteen 2026.1 quizzes were reworked, and first run on them
# when the rework was done.
REASONS = ("ため", "ので", "から", "ように", "目的")
TELLING = ("報告", "連絡", "相談", "説明", "伝え", "知らせ", "問合せ", "聞き", "尋ね")
DX_WORDS = ("データ", "試", "小さく", "一部", "改善", "見直", "効果", "利用者")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")


def _katakana_share(text: str) -> float:
    text = _MARKUP.sub("", text)
    return round(len(_KATAKANA.findall(text)) / len(text), 6) if text else 0.0


def _own_bigrams(item: Item, i: int) -> int:
    """How many of choice ``i``'s bigrams appear in no other choice."""
    others: set[str] = set()
    for j, text in enumerate(item.choices):
        if j != i:
            others |= _bigrams(text)
    return len(_bigrams(item.choices[i]) - others)


def single_reasoned(item: Item) -> Answers:
    """'The answer gives its reason': most words of reason or purpose, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_count(item.choices[i], REASONS), item.lengths[i]),
    )


def single_communicative(item: Item) -> Answers:
    """'Tell someone' is right: most words of reporting and consulting, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_count(item.choices[i], TELLING), item.lengths[i]),
    )


def single_dx_minded(item: Item) -> Answers:
    """'The course's motto is the answer': most DX-course words, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_count(item.choices[i], DX_WORDS), item.lengths[i]),
    )


def single_katakana_rich(item: Item) -> Answers:
    """'The modern-sounding one': the highest share of katakana, then the longest.

    As first written it had no tie-break: on a question without any katakana every choice tied,
    and ties count as right, so it scored every such question (34 of 88) whatever the quiz said.
    """
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_katakana_share(item.choices[i]), item.lengths[i]),
    )


def single_most_distinct(item: Item) -> Answers:
    """'The answer adds something the others lack': most bigrams of its own, then the longest."""
    return _best(
        item,
        range(len(item.choices)),
        lambda i: (_own_bigrams(item, i), item.lengths[i]),
    )


def _ones_with(item: Item, words: tuple[str, ...]) -> Answers:
    ticked = frozenset(i for i in range(len(item.choices)) if _count(item.choices[i], words))
    return [ticked or frozenset(range(len(item.choices)))]


def multi_reasoned_ones(item: Item) -> Answers:
    return _ones_with(item, REASONS)


def multi_communicative_ones(item: Item) -> Answers:
    return _ones_with(item, TELLING)


def multi_dx_minded_ones(item: Item) -> Answers:
    return _ones_with(item, DX_WORDS)


def multi_katakana_ones(item: Item) -> Answers:
    """Tick the choices with a katakana share above the median, else everything."""
    shares = [_katakana_share(c) for c in item.choices]
    median = statistics.median(shares)
    ticked = frozenset(i for i, n in enumerate(shares) if n > median)
    return [ticked or frozenset(range(len(item.choices)))]


def multi_all_but_urgent(item: Item) -> Answers:
    """'The hasty ones are the traps': tick everything without a word of urgency."""
    ticked = frozenset(i for i in range(len(item.choices)) if not _count(item.choices[i], URGENT))
    return [ticked or frozenset(range(len(item.choices)))]


def multi_longest_only(item: Item) -> Answers:
    """'Select-all with one answer is the trick': tick only the longest choice."""
    longest = max(item.lengths)
    return [frozenset({i}) for i, n in enumerate(item.lengths) if n == longest]


SINGLE_RULES: dict[str, Rule] = {
    "longest": single_longest,
    "shortest": single_shortest,
    "no-absolute-longest": single_no_absolute_longest,
    "moderate": single_moderate,
    "hedged": single_hedged,
    "echo-prompt": single_echo,
    "second-longest": single_second_longest,
    "second-shortest": single_second_shortest,
    "consensus": single_consensus,
    "odd-one-out": single_odd_one_out,
    "echo-objectives": single_echo_objectives,
    "most-clauses": single_most_clauses,
    "kanji-dense": single_kanji_dense,
    "no-negation-longest": single_no_negation_longest,
    "specific": single_specific,
    "people-minded": single_people_minded,
    "plain": single_plain,
    "urgent": single_urgent,
    "by-the-book": single_by_the_book,
    "fewest-clauses": single_fewest_clauses,
    "reasoned": single_reasoned,
    "communicative": single_communicative,
    "dx-minded": single_dx_minded,
    "katakana-rich": single_katakana_rich,
    "most-distinct": single_most_distinct,
}
MULTI_RULES: dict[str, Rule] = {
    "long-ones": multi_long_ones,
    "short-ones": multi_short_ones,
    "no-absolutes": multi_no_absolutes,
    "all-but-shortest": multi_all_but_shortest,
    "all-but-absolute": multi_all_but_absolute,
    "drop-extremes": multi_drop_extremes,
    "all": multi_all,
    "hedged-ones": multi_hedged,
    "two-longest": multi_two_longest,
    "two-shortest": multi_two_shortest,
    "echo-ones": multi_echo_ones,
    "consensus-ones": multi_consensus_ones,
    "clause-ones": multi_clause_ones,
    "all-but-longest": multi_all_but_longest,
    "close-pair": multi_close_pair,
    "no-negation-ones": multi_no_negation_ones,
    "kanji-ones": multi_kanji_ones,
    "people-ones": multi_people_ones,
    "all-but-odd": multi_all_but_odd,
    "urgent-ones": multi_urgent_ones,
    "by-the-book-ones": multi_by_the_book_ones,
    "all-but-close-pair": multi_all_but_close_pair,
    "reasoned-ones": multi_reasoned_ones,
    "communicative-ones": multi_communicative_ones,
    "dx-minded-ones": multi_dx_minded_ones,
    "katakana-ones": multi_katakana_ones,
    "all-but-urgent": multi_all_but_urgent,
    "longest-only": multi_longest_only,
}


@dataclass(frozen=True)
class Reader:
    name: str
    single: str
    multi: str

    def right(self, item: Item) -> bool:
        return _rule_is_right(self.multi if item.select_all else self.single, item)


@functools.cache
def _rule_is_right(rule: str, item: Item) -> bool:
    """Whether ``rule`` answers ``item`` right (computed once per rule and question)."""
    rules = MULTI_RULES if item.select_all else SINGLE_RULES
    return item.correct in rules[rule](item)


# The five readers of the brief, by name.
NAMED = (
    Reader("(a) longest", "longest", "long-ones"),
    Reader("(b) avoid absolutes, then longest", "no-absolute-longest", "no-absolutes"),
    Reader("(c1) all but the shortest", "longest", "all-but-shortest"),
    Reader("(c2) all but the absolute", "no-absolute-longest", "all-but-absolute"),
    Reader("(d) moderate middle length", "moderate", "drop-extremes"),
    Reader("(e) tick all", "longest", "all"),
)
READERS = NAMED + tuple(
    Reader(f"{s} + {m}", s, m)
    for s, m in itertools.product(SINGLE_RULES, MULTI_RULES)
    if not any(r.single == s and r.multi == m for r in NAMED)
)


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    reader: Reader
    right: int
    total: int
    passed: tuple[str, ...]  # lessons whose quiz this reader passes
    per_lesson: dict[str, tuple[int, int]]


def score(library: Library, reader: Reader) -> Result:
    pass_marks = {
        lesson.id: lesson.quiz.pass_score for lesson in library.lessons() if lesson.quiz
    }
    per_lesson: dict[str, list[int]] = {}
    for item in items(library):
        tally = per_lesson.setdefault(item.lesson, [0, 0])
        tally[0] += reader.right(item)
        tally[1] += 1
    passed = tuple(
        lesson
        for lesson, (right, total) in per_lesson.items()
        if math.floor(100 * right / total) >= pass_marks[lesson]
    )
    right = sum(r for r, _ in per_lesson.values())
    total = sum(t for _, t in per_lesson.values())
    return Result(
        reader, right, total, passed, {k: (v[0], v[1]) for k, v in per_lesson.items()}
    )


# --------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------


# Quizzes that do not meet the per-quiz rule yet, each expected to fail (strictly).  The sixteen
# 2026.1 quizzes once listed here have been reworked and meet the rule, so the list is empty:
# every quiz is tested.  A quiz put on it must be taken off when reworked; the nine new lessons
# of 2026.2 must never be on it.
NOT_YET_PER_QUIZ: frozenset[str] = frozenset()
NEW_IN_2026_2 = frozenset({
    "incident-response", "law-and-rules", "regional-dx", "after-standardisation",
    "engaging-workplace", "mynumber-counter", "genai-practice", "handling-data",
    "accessible-communication",
})


def _quiz_lessons() -> list[str]:
    return [lesson.id for lesson in load_library(paths.lessons_dir()).lessons() if lesson.quiz]


def _per_quiz_params() -> list:
    waiting = pytest.mark.xfail(
        strict=True, reason="2026.1 quiz not yet reworked for the per-quiz rule"
    )
    return [
        pytest.param(lesson, id=lesson, marks=(waiting,) if lesson in NOT_YET_PER_QUIZ else ())
        for lesson in _quiz_lessons()
    ]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.lessons_dir())


@pytest.fixture(scope="module")
def results(library: Library) -> dict[str, Result]:
    return {reader.name: score(library, reader) for reader in READERS}


def test_the_library_has_quizzes(library: Library) -> None:
    assert len(items(library)) >= 50


def over_the_line(results: dict[str, Result], lesson: str) -> list[str]:
    """Readers who pass the quiz of ``lesson`` or get more than a third of it right."""
    found = []
    for result in results.values():
        right, total = result.per_lesson[lesson]
        passes = lesson in result.passed
        if passes or 3 * right > total:
            found.append(f"{result.reader.name}: {right}/{total}" + (" (passes)" if passes else ""))
    return found


@pytest.mark.parametrize("lesson", _per_quiz_params())
def test_every_reader_fails_the_quiz_and_gets_at_most_a_third_of_it(
    results: dict[str, Result], lesson: str
) -> None:
    found = over_the_line(results, lesson)
    assert not found, f"{lesson}: {len(found)} reader(s) over the line, e.g. " + "; ".join(
        found[:6]
    )


def test_the_new_quizzes_are_never_excused(library: Library) -> None:
    ids = {lesson.id for lesson in library.lessons()}
    assert not NOT_YET_PER_QUIZ & NEW_IN_2026_2
    assert ids >= NOT_YET_PER_QUIZ | NEW_IN_2026_2


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_a_cue_reader_gets_at_most_a_third_of_the_library_right(
    results: dict[str, Result], reader: Reader
) -> None:
    result = results[reader.name]
    assert 3 * result.right <= result.total, (
        f"{reader.name}: {result.right}/{result.total} right"
    )


def test_the_correct_answer_is_not_systematically_the_longest(library: Library) -> None:
    singles = [item for item in items(library) if not item.select_all]
    longest = sum(1 for item in singles if max(item.lengths) in
                  [item.lengths[i] for i in item.correct])
    assert 3 * longest <= len(singles), f"longest is right in {longest} of {len(singles)}"


def test_select_all_questions_vary_in_how_many_are_right(library: Library) -> None:
    multi = [item for item in items(library) if item.select_all]
    counts = [len(item.correct) for item in multi]
    all_right = sum(1 for item in multi if len(item.correct) == len(item.choices))
    one_right = counts.count(1)
    all_but_one = sum(1 for item in multi if len(item.correct) == len(item.choices) - 1)
    assert one_right and all_right, (one_right, all_right)
    assert 3 * all_but_one <= len(multi), f"all-but-one in {all_but_one} of {len(multi)}"


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


def report(root: Path) -> int:
    library = load_library(root)
    everything = items(library)
    print(f"{root}: {len(everything)} questions in "
          f"{sum(1 for lesson in library.lessons() if lesson.quiz)} quizzes")
    worst = 0
    for reader in READERS:
        result = score(library, reader)
        worst = max(worst, result.right)
        if reader in NAMED or 3 * result.right > result.total or result.passed:
            share = 100 * result.right / result.total
            print(f"  {reader.name:48s} {result.right:3d}/{result.total} ({share:4.1f} %)"
                  f"  passes {len(result.passed)} quiz(zes)"
                  + (f": {', '.join(result.passed)}" if result.passed else ""))
    print(f"  best of {len(READERS)} readers: {worst}/{len(everything)}")
    print("  per quiz, the best reader (a third at most; * = over the line):")
    results = [score(library, reader) for reader in READERS]
    for lesson in library.lessons():
        if lesson.quiz is None:
            continue
        best = max(results, key=lambda r: r.per_lesson[lesson.id][0])
        right, total = best.per_lesson[lesson.id]
        flag = "*" if 3 * right > total or lesson.id in best.passed else " "
        print(f"  {flag} {lesson.id:26s} {right}/{total}  {best.reader.name}"
              + ("  (passes)" if lesson.id in best.passed else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(report(Path(sys.argv[1]) if len(sys.argv) > 1 else paths.lessons_dir()))
