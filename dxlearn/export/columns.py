"""The columns of the HR contract (docs/completion-export.md): order, en/ja headers, kinds.

Row builders produce tuples of Python values in this order; writers format them by kind, so
CSV, XLSX and the merge reader agree on one definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    BOOL = "bool"
    DATETIME = "datetime"
    DECIMAL = "decimal"  # a number with a fraction (item analysis), written as it is


class Scope(StrEnum):
    DETAIL = "detail"
    SUMMARY = "summary"
    ANSWERS = "answers"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    en: str
    ja: str
    kind: Kind

    def header(self, language: str) -> str:
        return self.ja if language == "ja" else self.en


def columns_of(*specs: tuple[str, str, Kind]) -> tuple[Column, ...]:
    """Columns from (key, Japanese header, kind); the English header is the key."""
    return tuple(Column(key, key, ja, kind) for key, ja, kind in specs)


T, N, B, D = Kind.TEXT, Kind.INT, Kind.BOOL, Kind.DATETIME

DETAIL_COLUMNS: tuple[Column, ...] = columns_of(
    ("staff_id", "職員番号", T),
    ("name", "氏名", T),
    ("department", "所属", T),
    ("role", "役割", T),
    ("library_id", "教材ID", T),
    ("library_version", "教材版", T),
    ("lesson_id", "レッスンID", T),
    ("lesson_title", "レッスン名", T),
    ("lesson_version", "レッスン版", N),
    ("required", "必須", B),
    ("status", "状況", T),
    ("score", "得点", N),
    ("pass_score", "合格点", N),
    ("passed", "合否", B),
    ("attempts", "受験回数", N),
    ("started_at", "開始日時", D),
    ("completed_at", "修了日時", D),
    ("study_seconds", "学習秒数", N),
    ("device", "端末", T),
    ("exported_at", "出力日時", D),
    ("app_version", "アプリ版", T),
)

SUMMARY_COLUMNS: tuple[Column, ...] = columns_of(
    ("staff_id", "職員番号", T),
    ("name", "氏名", T),
    ("department", "所属", T),
    ("role", "役割", T),
    ("library_id", "教材ID", T),
    ("library_version", "教材版", T),
    ("required_total", "必須数", N),
    ("required_completed", "必須修了数", N),
    ("status", "状況", T),
    ("completed_at", "修了日時", D),
    ("study_seconds", "学習秒数", N),
    ("device", "端末", T),
    ("exported_at", "出力日時", D),
    ("app_version", "アプリ版", T),
)

# One row per answered question of a finished quiz attempt (docs/completion-export.md,
# "Answers"). ``in_analysis`` is false, and ``correct_choices`` empty, for an answer whose
# question the library no longer holds as it was answered (``export.answers``).
ANSWER_COLUMNS: tuple[Column, ...] = columns_of(
    ("staff_id", "職員番号", T),
    ("library_id", "教材ID", T),
    ("library_version", "教材版", T),
    ("lesson_id", "レッスンID", T),
    ("lesson_version", "レッスン版", N),
    ("attempt", "受験回", N),
    ("attempt_started_at", "受験開始日時", D),
    ("question_number", "設問番号", N),
    ("question_id", "設問ID", T),
    ("chosen", "選んだ選択肢", T),
    ("correct_choices", "正解の選択肢", T),
    ("correct", "正誤", B),
    ("answered_at", "回答日時", D),
    ("in_analysis", "分析対象", B),
    ("device", "端末", T),
    ("exported_at", "出力日時", D),
    ("app_version", "アプリ版", T),
)

COLUMNS: dict[Scope, tuple[Column, ...]] = {
    Scope.DETAIL: DETAIL_COLUMNS,
    Scope.SUMMARY: SUMMARY_COLUMNS,
    Scope.ANSWERS: ANSWER_COLUMNS,
}


# The sheet of each scope in an XLSX export, by header language; a detail export longer than
# an Excel sheet continues on "detail-2", "detail-3", ... (``xlsx_writer.sheet_titles``).
SHEET_NAMES: dict[str, dict[Scope, str]] = {
    "en": {Scope.DETAIL: "detail", Scope.SUMMARY: "summary", Scope.ANSWERS: "answers"},
    "ja": {Scope.DETAIL: "明細", Scope.SUMMARY: "集計", Scope.ANSWERS: "回答"},
}
