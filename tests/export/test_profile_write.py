"""Files written in an import profile's layout, through the CLI as HR runs it: encodings, line
ends, quoting, zero-padded ids, filters, label maps, formula neutralisation (and turning it
off), the errors naming the row and column, the sidecar, and hr merge --profile."""

from __future__ import annotations

import json
from pathlib import Path

from support.export_builders import KEY_HEX, build, open_store_at, run_cli

HEAD = 'name = "test"\nrows = "{rows}"\n{extra}\n[filter]\nlibrary = ["test-dx"]\n{filters}\n'


def profile(tmp_path: Path, columns: list[tuple[str, str]], *, rows: str = "lesson",
            extra: str = "", filters: str = "", name: str = "p.toml") -> Path:
    """A profile file: ``columns`` are (header, the rest of the column's table)."""
    text = HEAD.format(rows=rows, extra=extra, filters=filters)
    for header, rest in columns:
        text += f'[[columns]]\nheader = "{header}"\n{rest}\n'
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def export(tmp_path: Path, fx_db: Path, library: Path, prof: Path, out: str = "out.csv",
           *more: str, key: bool = False) -> tuple[int, str, str, Path]:
    target = tmp_path / out
    env = {"DXLEARN_EXPORT_KEY": KEY_HEX} if key else None
    result = run_cli("export", "-o", target, "--db", fx_db, "--library", library,
                     "--profile", prof, *more, env=env)
    return result.returncode, result.stdout, result.stderr, target


def test_cp932_lf_tab_padded_ids_and_status_filter(tmp_path: Path) -> None:
    fx = build(tmp_path)
    prof = profile(tmp_path, [("職員番号", 'source = "staff_id"'), ("氏名", 'source = "name"'),
                              ("修了日", 'source = "completed_at"\nformat = "date"')],
                   rows="library", filters='status = ["completed"]',
                   extra='encoding = "cp932"\nline_end = "lf"\ndelimiter = "\\t"\n'
                         'staff_id_width = 10\ndate_format = "yyyymmdd"')
    code, out, err, target = export(tmp_path, fx.db, fx.library_path, prof)
    assert code == 0, err
    assert "取込プロファイル test" in out and "out.csv.sig.json" in out
    data = target.read_bytes()
    assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("cp932") == "職員番号\t氏名\t修了日\n0000000123\t山田 太郎\t20261127\n"


def test_learner_rows_role_filter_and_utf8_without_bom(tmp_path: Path) -> None:
    fx = build(tmp_path)
    prof = profile(tmp_path, [("id", 'source = "staff_id"'), ("n", 'source = "libraries"'),
                              ("state", 'source = "status"')],
                   rows="learner", extra='encoding = "utf-8"', filters='role = ["staff"]')
    code, _out, err, target = export(tmp_path, fx.db, fx.library_path, prof)
    assert code == 0, err
    assert target.read_bytes() == b"id,n,state\r\n00123,1,completed\r\n00789,1,not_started\r\n"


def test_formulas_are_neutralised_unless_the_profile_turns_it_off(tmp_path: Path) -> None:
    fx = build(tmp_path)
    columns = [("氏名", 'source = "name"'), ("所属", 'source = "department"')]
    on = profile(tmp_path, columns, rows="library", filters='role = ["staff"]')
    code, _o, err, target = export(tmp_path, fx.db, fx.library_path, on, "on.csv")
    assert code == 0, err
    assert "'=1+2,'-企画課\r\n" in target.read_bytes().decode("utf-8-sig")
    off = profile(tmp_path, columns, rows="library", filters='role = ["staff"]',
                  extra="neutralise_formulas = false", name="off.toml")
    code, _o, err, target = export(tmp_path, fx.db, fx.library_path, off, "off.csv")
    assert code == 0, err
    assert "=1+2,-企画課\r\n" in target.read_bytes().decode("utf-8-sig")


def test_a_value_cp932_cannot_hold_names_row_and_column_and_leaves_nothing(
        tmp_path: Path) -> None:
    fx = build(tmp_path)
    with open_store_at(fx.db) as store:
        store.update_learner("00456", name="𠮷田 花子")
    prof = profile(tmp_path, [("職員番号", 'source = "staff_id"'), ("氏名", 'source = "name"')],
                   rows="library", extra='encoding = "cp932"')
    code, _out, err, target = export(tmp_path, fx.db, fx.library_path, prof)
    assert code == 1
    assert "2 行目（ファイルの 3 行目、職員番号 00456）の「氏名」列" in err and "U+20BB7" in err
    assert not target.exists() and not list(tmp_path.glob("out.csv*"))


def test_map_without_the_value_and_ids_too_long_are_errors_naming_the_row(
        tmp_path: Path) -> None:
    fx = build(tmp_path)
    prof = profile(tmp_path, [("結果", 'source = "status"\nmap = { completed = "修了" }')],
                   rows="library")
    code, _out, err, _t = export(tmp_path, fx.db, fx.library_path, prof, "a.csv")
    assert code == 1 and "columns[0].map にありません" in err and "default" in err
    prof = profile(tmp_path, [("番号", 'source = "staff_id"')], rows="library",
                   extra="staff_id_width = 3", name="w.toml")
    code, _out, err, _t = export(tmp_path, fx.db, fx.library_path, prof, "b.csv")
    assert code == 1 and "職員番号 00123 は 3 桁の数字にそろえられません" in err


def test_options_the_profile_decides_and_spreadsheet_names_are_refused(tmp_path: Path) -> None:
    fx = build(tmp_path)
    prof = profile(tmp_path, [("番号", 'source = "staff_id"')])
    code, _o, err, _t = export(tmp_path, fx.db, fx.library_path, prof, "a.csv", "--encoding",
                               "cp932")
    assert code == 1 and "--encoding は --profile と一緒に指定できません" in err
    code, _o, err, target = export(tmp_path, fx.db, fx.library_path, prof, "a.xlsx")
    assert code == 1 and ".csv か .txt にしてください" in err and not target.exists()


def test_the_sidecar_names_the_profile_and_verify_checks_the_file(tmp_path: Path) -> None:
    import hashlib

    fx = build(tmp_path)
    prof = profile(tmp_path, [("番号", 'source = "staff_id"')], rows="library")
    code, _out, err, target = export(tmp_path, fx.db, fx.library_path, prof, "out.txt",
                                     key=True)
    assert code == 0, err
    sidecar = json.loads(Path(f"{target}.sig.json").read_text(encoding="utf-8"))
    assert sidecar["format"] == "dxlearn-export-signature/3"
    assert sidecar["profile"] == {"name": "test",
                                  "sha256": hashlib.sha256(prof.read_bytes()).hexdigest()}
    assert sidecar["scope"] == "library" and sidecar["rows"] == 3 and sidecar["hmac_sha256"]
    checked = run_cli("--lang", "en", "verify", target, env={"DXLEARN_EXPORT_KEY": KEY_HEX})
    assert checked.returncode == 0 and "authentic" in checked.stdout
    target.write_bytes(target.read_bytes() + b"x")
    assert run_cli("verify", target, env={"DXLEARN_EXPORT_KEY": KEY_HEX}).returncode == 1


def test_hr_merge_writes_the_merged_result_in_the_profile_layout(tmp_path: Path) -> None:
    fx = build(tmp_path)
    detail = tmp_path / "in" / "pc.csv"
    detail.parent.mkdir()
    assert run_cli("export", "-o", detail, "--db", fx.db, "--library",
                   fx.library_path).returncode == 0
    prof = profile(tmp_path, [("番号", 'source = "staff_id"'),
                              ("名簿", 'source = "on_roster"\nmap = { "" = "-" }\n'
                                       'default = "?"')],
                   rows="learner")
    out = tmp_path / "merged.csv"
    result = run_cli("hr", "merge", tmp_path / "in", "-o", out, "--library", fx.library_path,
                     "--profile", prof)
    assert result.returncode == 0, result.stderr
    assert "取込プロファイル test の形式で書きました（3 行）" in result.stdout
    written = out.read_bytes().decode("utf-8-sig")
    assert written == "番号,名簿\r\n00123,'-\r\n00456,'-\r\n00789,'-\r\n"
    assert json.loads(Path(f"{out}.sig.json").read_text())["profile"]["name"] == "test"
    refused = run_cli("hr", "merge", tmp_path / "in", "-o", tmp_path / "m2.csv", "--header",
                      "ja", "--profile", prof)
    assert refused.returncode == 2 and "--header は --profile と一緒に" in refused.stderr
    export_only = profile(tmp_path, [("版", 'source = "app_version"')], name="e.toml")
    refused = run_cli("hr", "merge", tmp_path / "in", "-o", tmp_path / "m3.csv",
                      "--profile", export_only)
    assert refused.returncode == 2 and "columns[0].source" in refused.stderr
    assert not (tmp_path / "m3.csv").exists()


def test_a_file_in_a_profile_layout_is_an_unusable_merge_input(tmp_path: Path) -> None:
    fx = build(tmp_path)
    (tmp_path / "in").mkdir()
    assert run_cli("export", "-o", tmp_path / "in" / "detail.csv", "--db", fx.db, "--library",
                   fx.library_path).returncode == 0
    prof = profile(tmp_path, [("番号", 'source = "staff_id"')], rows="library")
    code, _o, err, _t = export(tmp_path, fx.db, fx.library_path, prof, "in/jinji.csv")
    assert code == 0, err
    result = run_cli("hr", "merge", tmp_path / "in", "-o", tmp_path / "report.csv")
    assert result.returncode == 0, result.stderr
    assert "取込プロファイル test の形式で書かれたファイルで" in result.stdout
