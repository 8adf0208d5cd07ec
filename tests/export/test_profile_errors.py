"""An import profile with mistakes is refused with the file, the line, the TOML key path and
what to write instead, every mistake at once (docs/completion-export.md, "Import profiles");
the reader never crashes on any text (Hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxlearn.export.profile import ProfileError, key_line, load_profile, parse_profile

EVERY_MISTAKE = """\
name = "人事 給与"
rows = "libary"
encoding = "shift_jis"
line_end = "cr"
quoting = "some"
header = "yes"
date_format = "yyyy.mm.dd"
staff_id_width = 40
neutralise_formulas = "no"
font = "明朝"

[filter]
status = ["complete"]
departmen = ["総務課"]

[[columns]]
header = "職員番号"
sorce = "staff_id"

[[columns]]
header = "研修コード"
source = "staff_id"
value = "DX"

[[columns]]
header = "修了日"
source = "completed_on"

[[columns]]
header = "氏名"
source = "name"
format = "date"

[[columns]]
header = "結果"
source = "status"
map = { complete = "修了" }

[[columns]]
source = "department"
default = "-"

[[columns]]
header = "合否"
source = "passed"
map = { yes = "合格" }

[[columns]]
header = "修了日"
source = "completed_at"
format = "wareki"
"""


def write(tmp_path: Path, text: str, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> dict[str, tuple[int | None, str]]:
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return {p.key: (p.line, p.reason.text("en")) for p in caught.value.problems}


def test_every_mistake_class_gets_its_message_key_and_line(tmp_path: Path) -> None:
    found = problems(write(tmp_path, EVERY_MISTAKE))
    expect = {
        "name": (1, "ASCII letters"),
        "rows": (2, 'write one of: "lesson" / "library" / "learner"'),
        "encoding": (3, '"cp932" / "utf-8" / "utf-8-sig"'),
        "line_end": (4, '"crlf" / "lf"'),
        "quoting": (5, '"minimal" / "all"'),
        "header": (6, "write true or false"),
        "date_format": (7, '"wareki" / "wareki-short"'),
        "staff_id_width": (8, "0..20"),
        "neutralise_formulas": (9, "write true or false"),
        "font": (10, "no key 'font'; the keys are"),
        "filter.status": (13, "no status complete"),
        "filter.departmen": (14, "did you mean 'department'?"),
        "columns[0].sorce": (18, "did you mean 'source'?"),
        "columns[1].value": (23, "either source (a field) or value (a constant)"),
        "columns[2].source": (27, "no field completed_on"),
        "columns[3].format": (32, "time fields"),
        "columns[4].map": (37, "no status complete"),
        "columns[5]": (39, "no header"),
        "columns[5].default": (41, "default goes with a map"),
        "columns[6].map": (46, "true, false"),
        "columns[7].format": (51, 'write "date" or "datetime"'),
    }
    for key, (line, words) in expect.items():
        assert key in found, f"no problem reported at {key}: {sorted(found)}"
        assert found[key][0] == line, (key, found[key])
        assert words in found[key][1], (key, found[key])


def test_the_message_names_file_line_and_key_in_japanese_first(tmp_path: Path) -> None:
    path = write(tmp_path, EVERY_MISTAKE)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    ja = caught.value.message("ja")
    assert ja.splitlines()[0].startswith(f"取込プロファイル {path} は使えません")
    assert f"{path}（27行目）の columns[2].source：項目 completed_on は" in ja
    assert "「completed_at」の誤りではありませんか" in ja
    assert f"{path}:2: rows: " in caught.value.message("en")


def test_a_syntax_error_gives_the_parsers_line(tmp_path: Path) -> None:
    text = 'name = "a"\nrows = "lesson"\n\n[[columns]]\nheader = 職員番号\n'
    found = problems(write(tmp_path, text))
    assert found[""][0] == 5 and "TOML syntax error" in found[""][1]


def test_missing_essentials_say_what_to_write(tmp_path: Path) -> None:
    found = problems(write(tmp_path, 'title = "x"\n'))
    assert 'e.g. name = "jinji-kyuyo"' in found["name"][1]
    assert 'e.g. rows = "library"' in found["rows"][1]
    assert "add a [[columns]] table" in found["columns"][1]


def test_cp932_profile_refuses_a_header_cp932_cannot_hold(tmp_path: Path) -> None:
    found = problems(write(tmp_path, 'name = "a"\nrows = "lesson"\nencoding = "cp932"\n'
                           '[[columns]]\nheader = "𠮷野"\nsource = "name"\n'))
    assert found["columns[0].header"] == (5, found["columns[0].header"][1])
    assert "U+20BB7" in found["columns[0].header"][1]


def test_a_field_of_the_other_command_is_refused_when_used(tmp_path: Path) -> None:
    from dxlearn.export.profile import check_available

    profile = load_profile(write(tmp_path, 'name = "a"\nrows = "library"\n[[columns]]\n'
                                 'header = "名簿"\nsource = "on_roster"\n', "p.toml"))
    check_available(profile, "merge")
    with pytest.raises(ProfileError) as caught:
        check_available(profile, "export")
    assert "p.toml:5: columns[0].source" in caught.value.message("en")
    assert "only in a merge" in caught.value.message("en")


def test_unreadable_files(tmp_path: Path) -> None:
    assert "does not exist" in problems(tmp_path / "none.toml")[""][1]
    wide = tmp_path / "wide.toml"
    wide.write_bytes('name = "a"\n'.encode("utf-16"))
    assert "save it again as UTF-8" in problems(wide)[""][1]


def test_a_profile_saved_by_notepad_with_a_bom_or_in_cp932_reads(tmp_path: Path) -> None:
    text = 'name = "a"\nrows = "lesson"\n[[columns]]\nheader = "職員番号"\nsource = "staff_id"\n'
    (tmp_path / "bom.toml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    (tmp_path / "sjis.toml").write_bytes(text.encode("cp932"))
    assert load_profile(tmp_path / "bom.toml").columns[0].header == "職員番号"
    assert load_profile(tmp_path / "sjis.toml").columns[0].header == "職員番号"


def test_key_line_finds_keys_in_tables_and_array_tables() -> None:
    text = 'name = "x"\n[filter]\nstatus = []\n[[columns]]\nheader = "a"\n[[columns]]\n' \
           'source = "b"\n'
    assert key_line(text, ["name"]) == 1
    assert key_line(text, ["filter", "status"]) == 3
    assert key_line(text, ["columns", 1, "source"]) == 7
    assert key_line(text, ["columns", 1, "header"]) == 6  # missing: the table's line
    assert key_line(text, ["nothing"]) is None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_a_profile_or_a_clear_refusal(text: str) -> None:
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    try:
        parse_profile(raw, Path("p.toml"), text)
    except ProfileError as error:
        assert error.problems and error.message("ja") and error.message("en")


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 50) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3), max_leaves=8)
KEYS = st.sampled_from(["name", "rows", "encoding", "header", "date_format", "staff_id_width",
                        "filter", "columns", "quoting", "x"])
COLUMN = st.dictionaries(st.sampled_from(["header", "source", "value", "format", "map",
                                          "default", "y"]), VALUES, max_size=5)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=8), st.lists(COLUMN, max_size=4))
def test_any_structure_is_a_profile_or_a_clear_refusal(raw: dict[str, object],
                                                       columns: list[dict[str, object]]
                                                       ) -> None:
    data = {k: v for k, v in raw.items() if v is not None}
    if columns:
        data["columns"] = columns
    try:
        parse_profile(data, Path("p.toml"))
    except ProfileError as error:
        assert error.problems and error.message("ja") and error.message("en")
