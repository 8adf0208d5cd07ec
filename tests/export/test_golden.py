"""Every HR export format against the checked-in reference files (tests/export/golden/).

The files are made from a fixed database (fixed clock, ids, zone, device, key): CSV and the
xAPI JSON are compared byte for byte, XLSX cell for cell (values, types, number formats,
quote prefixes, sheet names, the zone property). After an intended format change, run
``python tools/update_golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.golden import (
    ANSWER_EXPORTS,
    EXPORT_GOLDEN,
    EXPORTS,
    databases,
    write_answer_exports,
    write_exports,
    xlsx_cells,
)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("golden")
    library_path, pc_a, _pc_b = databases(work / "data")
    made = write_exports(library_path, pc_a, work / "exports")
    made += write_answer_exports(work / "answers-data", work / "exports")
    return {p.name: p for p in made}


@pytest.mark.parametrize("name", [e[0] for e in EXPORTS + ANSWER_EXPORTS])
def test_export_matches_its_golden_file(fresh: dict[str, Path], name: str) -> None:
    golden = EXPORT_GOLDEN / name
    assert golden.is_file(), f"{golden} missing: run python tools/update_golden.py"
    made = fresh[name]
    if name.endswith(".xlsx"):
        assert xlsx_cells(made) == xlsx_cells(golden)
    else:
        assert made.read_bytes() == golden.read_bytes(), (
            f"{name} differs from tests/export/golden/{name}; if the change is intended, run "
            "python tools/update_golden.py and review the diff")


def test_the_golden_files_show_what_hr_relies_on() -> None:
    """What the reference files must keep saying, whatever regenerates them."""
    detail = (EXPORT_GOLDEN / "detail-ja-utf8.csv").read_bytes().decode("utf-8-sig")
    assert detail.startswith("職員番号,氏名,所属,役割,")
    assert ("00123,山田 太郎,情報政策課,一般職員,test-dx,2026.1,intro,'=DXとは,2,はい,修了,90,"
            "80,はい,") in detail
    assert "'=1+2,'-企画課" in detail  # formula neutralised
    assert "+09:00" in detail and "\r\n" in detail
    cp932 = (EXPORT_GOLDEN / "detail-ja-cp932.csv").read_bytes()
    assert "髙橋 﨑子".encode("cp932") in cp932 and not cp932.startswith(b"\xef\xbb\xbf")
    summary = xlsx_cells(EXPORT_GOLDEN / "summary-ja.xlsx")
    assert summary["sheets"] == ["集計"] and summary["zone"] == ["Asia/Tokyo"]
    cells = {c[0]: c for c in summary["cells"]["集計"]}  # type: ignore[index]
    assert cells["A2"][1:4] == ("00123", "s", "@")  # staff_id: text with its zeros
    assert cells["F2"][1:4] == ("2026.1", "s", "@")  # library version: text, never 2026.1
    assert cells["J2"][2] == "d" or cells["J2"][3] == "yyyy-mm-dd hh:mm:ss"  # a real date


def test_the_answers_golden_files_show_what_item_analysis_relies_on() -> None:
    answers = (EXPORT_GOLDEN / "answers-ja-cp932.csv").read_bytes().decode("cp932")
    assert answers.startswith("職員番号,教材ID,教材版,レッスンID,レッスン版,受験回,受験開始日時,"
                              "設問番号,設問ID,選んだ選択肢,正解の選択肢,正誤,回答日時,分析対象,")
    # an answer on the library's version: its id and right choices; one on an older version:
    # written, with neither, and left out of analysis
    assert ("10003,items-test,2026.2,check,2,1,2026-11-27T15:06:25+09:00,3,q-c,2,1,いいえ,"
            "2026-11-27T15:07:25+09:00,はい,PC-B,") in answers
    assert ("10007,items-test,2026.2,check,1,1,2026-11-27T15:00:00+09:00,1,,2,,いいえ,"
            "2026-11-27T15:00:20+09:00,いいえ,PC-B,") in answers
    cells = xlsx_cells(EXPORT_GOLDEN / "answers-en.xlsx")
    assert cells["sheets"] == ["answers"] and cells["zone"] == ["Asia/Tokyo"]
