"""``dxlearn export`` to CSV through the CLI: columns, values, encodings, formula injection."""

from __future__ import annotations

from pathlib import Path

from dxlearn.export.columns import DETAIL_COLUMNS, SUMMARY_COLUMNS

from support.export_builders import (
    KEY_HEX,
    Fixture,
    library_rows,
    open_store_at,
    read_csv,
    run_cli,
)


def export(fx: Fixture, out: Path, *extra: str, env: dict[str, str] | None = None):
    return run_cli("--lang", "en", "export", "-o", out, "--db", fx.db, "--library",
                   fx.library_path, "--device", "PC-0123", *extra, env=env)


def test_detail_csv_rows_match_the_contract(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "dx.csv"
    result = export(fx, out)  # detail is the default scope
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "utf-8-sig must start with a BOM"
    everything = read_csv(out)
    assert data.count(b"\r\n") == len(everything) and b"\n" not in data.replace(b"\r\n", b"")
    assert {r[4] for r in everything[1:]} == {"test-dx", "lg-dx-literacy"}, (
        "the bundled library is covered as well as the one added with --library")
    assert "detail" in result.stdout and f"{len(everything) - 1} rows" in result.stdout
    rows = library_rows(everything)
    assert len(rows) == 10
    assert rows[0] == [c.en for c in DETAIL_COLUMNS]
    by_key = {(r[0], r[6]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    # staff curriculum: intro, rules, extra; leader: intro, rules, lead
    assert sorted(by_key) == [("00123", "extra"), ("00123", "intro"), ("00123", "rules"),
                              ("00456", "intro"), ("00456", "lead"), ("00456", "rules"),
                              ("00789", "extra"), ("00789", "intro"), ("00789", "rules")]
    intro = by_key[("00123", "intro")]
    assert intro["staff_id"] == "00123" and intro["name"] == "山田 太郎"
    assert intro["lesson_version"] == "2" and intro["required"] == "true"
    assert intro["status"] == "completed" and intro["score"] == "90"
    assert intro["pass_score"] == "80" and intro["passed"] == "true" and intro["attempts"] == "1"
    assert intro["started_at"] == "2026-11-27T14:00:00+09:00"
    assert intro["completed_at"] == "2026-11-27T14:05:30+09:00"
    assert intro["study_seconds"] == "300" and intro["device"] == "PC-0123"
    rules = by_key[("00123", "rules")]
    assert (rules["score"], rules["pass_score"], rules["passed"]) == ("", "", "")
    failed = by_key[("00456", "intro")]
    assert (failed["status"], failed["score"], failed["passed"]) == ("in_progress", "40", "false")
    assert failed["completed_at"] == ""
    untouched = by_key[("00456", "lead")]
    assert (untouched["status"], untouched["score"], untouched["pass_score"],
            untouched["passed"], untouched["attempts"], untouched["started_at"]) == (
        "not_started", "", "80", "", "0", "")
    assert by_key[("00123", "extra")]["required"] == "false"
    assert len({r[19] for r in rows[1:]}) == 1, "exported_at is the same on every row"
    assert rows[1][19].endswith("+09:00")
    assert (tmp_path / "dx.csv.sig.json").is_file()


def test_summary_with_ja_headers_and_values(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    assert export(fx, out, "--scope", "summary", "--header", "ja").returncode == 0
    rows = library_rows(read_csv(out))
    assert rows[0] == [c.ja for c in SUMMARY_COLUMNS]
    yamada = rows[1]
    assert yamada[:10] == ["00123", "山田 太郎", "情報政策課", "一般職員", "test-dx", "2026.1",
                           "2", "2", "修了", "2026-11-27T14:08:35+09:00"]
    assert yamada[10] == "425"
    assert rows[2][3] == "DX推進リーダー" and rows[2][6:9] == ["3", "0", "学習中"]
    assert rows[3][6:10] == ["2", "0", "未着手", ""]


def test_formula_injection_is_neutralised(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "dx.csv"
    assert export(fx, out, "--scope", "detail", "--learner", "00789").returncode == 0
    rows = library_rows(read_csv(out))
    assert {r[0] for r in rows[1:]} == {"00789"}
    assert rows[1][1] == "'=1+2" and rows[1][2] == "'-企画課"
    assert rows[1][7] == "'=DXとは"  # lesson title typed by a trainer


def test_cp932_writes_ibm_extension_kanji(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "dx.csv"
    result = export(fx, out, "--encoding", "cp932", "--learner", "00456", "--scope",
                    "summary")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert "髙橋 﨑子".encode("cp932") in data
    assert read_csv(out, "cp932")[1][1] == "髙橋 﨑子"


def test_cp932_refuses_a_character_it_cannot_hold_and_leaves_no_file(
        fx: Fixture, tmp_path: Path) -> None:
    with open_store_at(fx.db) as store:
        store.register_learner("00999", "𠮷田 一郎", "市民課", "staff")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = export(fx, out_dir / "dx.csv", "--encoding", "cp932", "--scope", "detail")
    assert result.returncode == 1
    numbers = [n for staff, n in read_csv_rows_of(fx, tmp_path) if staff == "00999"]
    assert f"row {numbers[0]} " in result.stderr and "column name" in result.stderr
    assert "00999" in result.stderr and "utf-8-sig" in result.stderr
    assert list(out_dir.iterdir()) == [], "neither the file, a temp file nor a sidecar is left"
    # the same export in UTF-8 works
    assert export(fx, out_dir / "dx.csv", "--scope", "detail").returncode == 0


def test_unknown_learner_is_an_error_naming_the_id(fx: Fixture, tmp_path: Path) -> None:
    result = export(fx, tmp_path / "x.csv", "--learner", "123")
    assert result.returncode == 1 and "123" in result.stderr and "leading zeros" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_missing_database_is_a_clear_error(fx: Fixture, tmp_path: Path) -> None:
    result = run_cli("export", "-o", tmp_path / "x.csv", "--db", tmp_path / "none.db",
                     "--library", fx.library_path)
    assert result.returncode == 1 and "none.db" in result.stderr


def test_export_while_the_app_holds_the_database(fx: Fixture, tmp_path: Path) -> None:
    """The export opens read-only: a running app (holding the instance lock) is not blocked
    and can keep writing."""
    with open_store_at(fx.db) as store:
        out = tmp_path / "dx.csv"
        result = export(fx, out, env={"DXLEARN_EXPORT_KEY": KEY_HEX})
        assert result.returncode == 0, result.stderr
        store.add_study_seconds("00123", "test-dx", "intro", 5)
    assert len(library_rows(read_csv(out))) == 10


def read_csv_rows_of(fx: Fixture, tmp_path: Path) -> list[list[str]]:
    """The detail rows of a UTF-8 export, numbered as an error names them (1 = first row)."""
    out = tmp_path / "numbering.csv"
    assert export(fx, out).returncode == 0
    return [[r[0], str(number)] for number, r in enumerate(read_csv(out)[1:], start=1)]
