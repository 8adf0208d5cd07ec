"""The hr merge report against the checked-in reference files (tests/hr/golden/): the merge
of two PCs' exports (an English CSV and a Japanese XLSX) with a roster saved by Excel (CP932,
Japanese headers, role labels, a staff id whose zeros were lost, a role no library knows).
CSV byte for byte, XLSX cell for cell; ``python tools/update_golden.py`` regenerates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.golden import REPORT_GOLDEN, REPORTS, write_reports, xlsx_cells


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("golden-report")
    return {p.name: p for p in write_reports(work, work / "reports")}


@pytest.mark.parametrize("name", [r[0] for r in REPORTS])
def test_report_matches_its_golden_file(fresh: dict[str, Path], name: str) -> None:
    golden = REPORT_GOLDEN / name
    assert golden.is_file(), f"{golden} missing: run python tools/update_golden.py"
    if name.endswith(".xlsx"):
        assert xlsx_cells(fresh[name]) == xlsx_cells(golden)
    else:
        assert fresh[name].read_bytes() == golden.read_bytes()


def test_the_golden_report_shows_what_hr_relies_on() -> None:
    text = (REPORT_GOLDEN / "report-ja.csv").read_bytes().decode("cp932")
    lines = text.splitlines()
    assert lines[0].startswith("職員番号,氏名,所属,役割,教材ID")
    assert lines[1].startswith("00123,山田 太郎,情報政策課,一般職員,test-dx,2026.1,2,2,修了,")
    assert ",675,PC-A PC-B," in lines[1]  # study time summed over the two PCs
    assert lines[3].startswith("01000,髙木 花子,総務課,一般職員,test-dx,2026.1,2,0,未着手")
    report = xlsx_cells(REPORT_GOLDEN / "report-ja.xlsx")
    assert report["sheets"] == ["受講者別", "名簿外", "明細", "所属別", "役割別", "入力ファイル"]
    inputs = [c[1] for c in report["cells"]["入力ファイル"]]  # type: ignore[index]
    assert any(isinstance(v, str) and "123" in v and "00123" in v for v in inputs), (
        "the roster id Excel stripped is matched, and the report says so")
    assert any(isinstance(v, str) and "部長" in v for v in inputs)
