"""Rosters as Excel leaves them (E3, E4): ids whose leading zeros were lost, numeric XLSX
cells, IME-typed digits, role labels, unknown roles."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxlearn.hr.merge import MergeOptions, merge_exports
from dxlearn.hr.roster import RosterError, match_roster, read_roster

from support.export_builders import JST, KEY_HEX, LIBRARY_ID, Fixture, read_csv, run_cli

SIGNED = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}


@pytest.fixture
def exported(fx: Fixture, tmp_path: Path) -> Path:
    out = tmp_path / "in" / "pc-a.csv"
    out.parent.mkdir()
    result = run_cli("export", "-o", out, "--db", fx.db, "--library", fx.library_path,
                     env=SIGNED)
    assert result.returncode == 0, result.stderr
    return out


def merge(exported: Path, roster: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = run_cli("--lang", "en", "hr", "merge", exported, "--roster", roster, "-o", out,
                     *extra, env=SIGNED)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def summary(path: Path, encoding: str = "utf-8-sig") -> dict[str, list[str]]:
    return {r[0]: r for r in read_csv(path, encoding)[1:] if r[4] in (LIBRARY_ID, "")}


def test_a_cp932_roster_saved_by_excel_matches_ids_without_their_zeros(
        exported: Path, tmp_path: Path) -> None:
    roster = tmp_path / "名簿.csv"
    roster.write_bytes(("職員番号,氏名,所属,役割\r\n123,山田 太郎,情報政策課,一般職員\r\n"
                        "４５６,髙橋 﨑子,総務課,DX推進リーダー\r\n"  # IME digits, zeros lost
                        "1000,髙木 花子,総務課,staff\r\n").encode("cp932"))
    out = tmp_path / "r.csv"
    result = merge(exported, roster, out)
    rows = summary(out)
    assert rows["00123"][13] == "true" and rows["00123"][8] == "completed", (
        "123 is 00123 with its zeros stripped: the same person")
    assert rows["00456"][13] == "true" and rows["00456"][8] == "in_progress"
    assert rows["1000"][8] == "not_started", "no record strips to 1000: kept as written"
    assert rows["00789"][13] == "false"
    assert "roster staff_id 123 matched to the recorded 00123" in result.stdout
    assert "roster staff_id 456 matched to the recorded 00456" in result.stdout
    assert rows["00456"][3] == "leader", "the role label is read as its key"


def test_ambiguous_zero_stripped_ids_are_listed_apart_not_matched(
        fx: Fixture, exported: Path, tmp_path: Path) -> None:
    from dxlearn.store import open_store

    with open_store(fx.db, backup_keep=0) as opened:  # another registration of the same id
        opened.store.register_learner("0123", "山田 太郎", "情報政策課", "staff")
        opened.store.open_lesson("0123", LIBRARY_ID, "intro", version=2)
    again = exported.with_name("pc-b.csv")
    assert run_cli("export", "-o", again, "--db", fx.db, "--library", fx.library_path,
                   "--device", "PC-B", env=SIGNED).returncode == 0
    exported.unlink()
    roster = tmp_path / "roster.csv"
    roster.write_text("staff_id,name,department,role\r\n123,山田 太郎,情報政策課,staff\r\n",
                      "utf-8")
    out = tmp_path / "r.csv"
    result = merge(again, roster, out)
    assert "roster staff_id(s) 123 and recorded 00123, 0123 are the same once leading zeros "\
        "are stripped" in result.stdout
    rows = summary(out)
    assert rows["123"][8] == "not_started" and rows["00123"][13] == "false"


def test_a_numeric_xlsx_roster_cell_is_read_at_the_width_the_records_use(
        exported: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["職員番号", "氏名", "所属", "役割"])
    sheet.append([123, "山田 太郎", "情報政策課", "一般職員"])  # Excel turned 00123 into 123
    sheet.append([2000, "佐藤 次郎", "企画課", "一般職員"])
    workbook.save(roster)
    out = tmp_path / "r.csv"
    result = merge(exported, roster, out)
    assert "staff_id 123 was a number in Excel; read as 00123" in result.stdout
    assert "staff_id 2000 was a number in Excel; read as 02000" in result.stdout
    rows = summary(out)
    assert rows["00123"][8] == "completed" and rows["00123"][13] == "true"
    assert rows["02000"][8] == "not_started"


def test_an_unknown_role_is_a_line_naming_the_row(exported: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("職員番号,氏名,所属,役割\r\n00123,山田 太郎,情報政策課,一般職員\r\n"
                      "00456,髙橋 﨑子,総務課,部長\r\n02000,佐藤 次郎,企画課,\r\n", "utf-8")
    out = tmp_path / "r.xlsx"
    result = merge(exported, roster, out, "--header", "ja")
    assert "roster.csv line 3: staff_id 00456 has the role '部長'" in result.stdout
    assert "roster.csv line 4: staff_id 02000 has no role" in result.stdout
    workbook = openpyxl.load_workbook(out)
    groups = [r[0] for r in workbook["役割別"].iter_rows(min_row=2, values_only=True)]
    assert "一般職員" in groups and "DX推進リーダー" in groups, (
        "00456's records say leader: counted there, not in a new 部長 group")
    assert "部長" not in groups and "staff" not in groups
    inputs = [r for r in workbook["入力ファイル"].iter_rows(min_row=2, values_only=True)
              if r[1] == "名簿"]
    assert inputs and "部長" in str(inputs[0][10])


def test_matching_by_rule() -> None:
    """match_roster alone: one candidate matches, two do not, exact ids win."""
    path = Path("roster.csv")

    def roster_of(*ids: str, numeric: tuple[str, ...] = ()) -> object:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / path
            target.write_text("staff_id,name\r\n" + "".join(f"{i},x\r\n" for i in ids),
                              "utf-8")
            roster = read_roster(target)
        roster.numeric_ids.update(numeric)
        return roster

    found = match_roster(roster_of("123", "0456"), ["00123", "0456", "00456"])
    assert list(found.people) == ["00123", "0456"]
    assert [m.code for m in found.messages] == ["hr.roster_zeros_matched",
                                                 "hr.roster_zeros_lookalike"]
    found = match_roster(roster_of("77", numeric=("77",)), ["00001", "00077"])
    assert list(found.people) == ["00077"]
    found = match_roster(roster_of("77", numeric=("77",)), ["001", "00077"])  # two widths
    assert list(found.people) == ["00077"] and found.messages[0].code == (
        "hr.roster_zeros_matched")


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_are_a_roster_or_a_roster_error(
        tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("roster") / f"roster{suffix}"
    path.write_bytes(data)
    try:
        roster = read_roster(path)
    except RosterError as error:
        assert error.message("ja") and error.message("en")
        return
    assert all(person.staff_id == person.staff_id.strip() for person in roster.people.values())


def test_merge_with_a_roster_in_process(exported: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("staff_id,name,department,role\r\n123,山田 太郎,情報政策課,staff\r\n",
                      "utf-8")
    result = merge_exports([exported], tmp_path / "r.csv", roster=roster,
                           options=MergeOptions(tz=JST))
    assert [m.code for m in result.problems] == ["hr.roster_zeros_matched"]
