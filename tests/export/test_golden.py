"""Every HR export format against the checked-in reference files (tests/export/golden/).

The files are made from a fixed database (fixed clock, ids, zone, device, key): CSV and the
xAPI JSON are compared byte for byte, XLSX cell for cell (values, types, number formats,
quote prefixes, sheet names, the zone property). After an intended format change, run
``python tools/update_golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.golden import EXPORT_GOLDEN, EXPORTS, databases, write_exports, xlsx_cells


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("golden")
    library_path, pc_a, _pc_b = databases(work / "data")
    return {p.name: p for p in write_exports(library_path, pc_a, work / "exports")}


@pytest.mark.parametrize("name", [e[0] for e in EXPORTS])
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
