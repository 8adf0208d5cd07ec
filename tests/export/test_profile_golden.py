"""The HR guide's three example profiles (docs/profiles/*.toml, read here as they are, so the
docs cannot drift) against their reference files (tests/export/golden/profiles/), byte for
byte: each applied to an export of the fixed database and to a merge of two PCs' exports.
After an intended change run ``python tools/update_golden.py`` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxlearn.integrity.signature import read_sidecar

from support.golden import PROFILE_DOCS, PROFILE_GOLDEN, PROFILES, write_profile_files

NAMES = [f"{kind}-{name}.csv" for name in PROFILES for kind in ("export", "merge")]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("profiles")
    return {p.name: p for p in write_profile_files(work, work / "out")}


@pytest.mark.parametrize("name", NAMES)
def test_example_profile_matches_its_golden_file(fresh: dict[str, Path], name: str) -> None:
    golden = PROFILE_GOLDEN / name
    assert golden.is_file(), f"{golden} missing: run python tools/update_golden.py"
    assert fresh[name].read_bytes() == golden.read_bytes(), (
        f"{name} differs from tests/export/golden/profiles/{name}; if intended, run "
        "python tools/update_golden.py and review the diff")


@pytest.mark.parametrize("name", NAMES)
def test_every_profile_file_is_signed_with_the_profile_named(fresh: dict[str, Path],
                                                             name: str) -> None:
    import hashlib

    signature = read_sidecar(fresh[name])
    profile_name = name.split("-", 1)[1].removesuffix(".csv")
    digest = hashlib.sha256((PROFILE_DOCS / f"{profile_name}.toml").read_bytes()).hexdigest()
    assert signature.format == "dxlearn-export-signature/3"
    assert signature.profile == (profile_name, digest)
    assert signature.sha256 == hashlib.sha256(fresh[name].read_bytes()).hexdigest()
    assert signature.hmac_sha256  # the golden settings hold a key


def test_the_golden_files_show_what_each_system_asked_for() -> None:
    """What the reference files must keep saying, whatever regenerates them."""
    jinji = (PROFILE_GOLDEN / "export-jinji-kyuyo.csv").read_bytes()
    assert not jinji.startswith(b"\xef\xbb\xbf") and b"\r\n" in jinji  # CP932, CRLF
    text = jinji.decode("cp932")
    assert text.splitlines()[0] == "職員番号,氏名,所属,研修名,修了日,区分"
    assert "00000123,山田 太郎,情報政策課,自治体DX研修,R08.11.27,01" in text  # 8 digits, R08
    assert "00456" not in text  # only 修了 rows
    kenshu = (PROFILE_GOLDEN / "export-kenshu-kanri.csv").read_bytes()
    assert kenshu.startswith(b"\xef\xbb\xbf")
    assert ('"DX2026","00123","intro","\'=DXとは","修了","90","合格","2026/11/27","2026/11/27"'
            in kenshu.decode("utf-8-sig"))  # constant, label maps, neutralised title
    summary = (PROFILE_GOLDEN / "export-excel-summary.csv").read_bytes().decode("utf-8-sig")
    assert "令和8年11月27日" in summary and "00789,'=1+2,'-企画課" in summary
    merged = (PROFILE_GOLDEN / "merge-excel-summary.csv").read_bytes().decode("utf-8-sig")
    assert "01000,髙木 花子,総務課,一般職員,未着手" in merged  # roster member without records


def test_the_guide_shows_the_example_files_and_their_output_as_they_are() -> None:
    """docs/hr-import.md quotes each example profile and its golden output: both must be the
    files themselves (so the guide cannot drift from what the tests check)."""
    guide = (PROFILE_DOCS.parent / "hr-import.md").read_text(encoding="utf-8")
    for name in PROFILES:
        source = (PROFILE_DOCS / f"{name}.toml").read_text(encoding="utf-8").rstrip("\n")
        assert f"ファイル `docs/profiles/{name}.toml`：\n\n```toml\n{source}\n```" in guide, name
        data = (PROFILE_GOLDEN / f"export-{name}.csv").read_bytes()
        shown = data.decode("cp932" if name == "jinji-kyuyo" else "utf-8-sig")
        assert "```\n" + shown.replace("\r\n", "\n") + "```" in guide, name
