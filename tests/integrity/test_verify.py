"""Signature sidecars and ``dxlearn verify`` exit statuses (0, 1, 2, 3; worst wins)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support.export_builders import KEY_HEX, Fixture, read_csv
from support.export_builders import run_cli as run_any

SIGNED = {"DXLEARN_EXPORT_KEY": KEY_HEX, "DXLEARN_EXPORT_KEY_ID": "org-2026"}


def run_cli(*args: str | Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return run_any("--lang", "en", *args, env=env)


def export(fx: Fixture, out: Path, env: dict[str, str] | None = None) -> Path:
    result = run_cli("export", "-o", out, "--scope", "detail", "--db", fx.db,
                     "--library", fx.library_path, "--device", "PC-0123", env=env)
    assert result.returncode == 0, result.stderr
    return out


def test_sidecar_holds_exactly_the_contract_fields(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx-2026-11-27.csv", SIGNED)
    sidecar = json.loads((tmp_path / "dx-2026-11-27.csv.sig.json").read_text("utf-8"))
    assert list(sidecar) == ["format", "file", "sha256", "rows", "created_at", "device",
                             "app_version", "database_id", "scope", "libraries", "key_id",
                             "hmac_sha256"]
    # database_id lets hr merge recognise one database exported from several PCs (a data
    # folder on a home drive); scope and libraries came with format 2
    data = out.read_bytes()
    assert sidecar["format"] == "dxlearn-export-signature/2"
    assert sidecar["file"] == "dx-2026-11-27.csv"
    assert sidecar["rows"] == len(read_csv(out)) - 1
    assert sidecar["scope"] == "detail"
    assert {"id": "test-dx", "version": "2026.1"} in sidecar["libraries"]
    assert sidecar["sha256"] == hashlib.sha256(data).hexdigest()
    assert sidecar["hmac_sha256"] == hmac.new(bytes.fromhex(KEY_HEX), data,
                                              hashlib.sha256).hexdigest()
    assert sidecar["key_id"] == "org-2026" and sidecar["device"] == "PC-0123"
    assert sidecar["created_at"].endswith("+09:00")


def test_unsigned_sidecar_has_no_key_fields(fx: Fixture, tmp_path: Path) -> None:
    export(fx, tmp_path / "dx.csv")
    sidecar = json.loads((tmp_path / "dx.csv.sig.json").read_text("utf-8"))
    assert "key_id" not in sidecar and "hmac_sha256" not in sidecar


def test_authentic_file_exits_0(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    result = run_cli("verify", out, env=SIGNED)
    assert result.returncode == 0, result.stdout
    assert "authentic" in result.stdout and len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("offset", [0, 200, -3])
def test_one_flipped_byte_exits_1(fx: Fixture, tmp_path: Path, offset: int) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    data = bytearray(out.read_bytes())
    data[offset] ^= 0x01
    out.write_bytes(bytes(data))
    result = run_cli("verify", out, env=SIGNED)
    assert result.returncode == 1
    assert "altered" in result.stdout and "dx.csv" in result.stdout


def test_file_and_sidecar_edited_together_exits_1(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    edited = out.read_bytes().replace(b"in_progress", b"completed!!")
    out.write_bytes(edited)
    sig = tmp_path / "dx.csv.sig.json"
    sidecar = json.loads(sig.read_text("utf-8"))
    sidecar["sha256"] = hashlib.sha256(edited).hexdigest()
    sig.write_text(json.dumps(sidecar), "utf-8")
    result = run_cli("verify", out, env=SIGNED)
    assert result.returncode == 1 and "bad_hmac" in result.stdout


def test_missing_or_broken_sidecar_exits_2(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    sig = tmp_path / "dx.csv.sig.json"
    sig.write_text("{not json", "utf-8")
    assert run_cli("verify", out, env=SIGNED).returncode == 2
    sig.unlink()
    result = run_cli("verify", out, env=SIGNED)
    assert result.returncode == 2 and "no_sidecar" in result.stdout


def test_intact_unsigned_file_exits_3(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx.csv")
    result = run_cli("verify", out, env=SIGNED)
    assert result.returncode == 3 and "unsigned" in result.stdout


def test_signed_file_without_the_key_exits_3(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    result = run_cli("verify", out)
    assert result.returncode == 3 and "org-2026" in result.stdout


def test_several_files_one_line_each_and_the_worst_wins(fx: Fixture, tmp_path: Path) -> None:
    good = export(fx, tmp_path / "good.csv", SIGNED)
    unsigned = export(fx, tmp_path / "unsigned.csv")
    lonely = export(fx, tmp_path / "lonely.csv", SIGNED)
    (tmp_path / "lonely.csv.sig.json").unlink()
    altered = export(fx, tmp_path / "altered.csv", SIGNED)
    altered.write_bytes(altered.read_bytes() + b"x")
    cases = [((good,), 0), ((good, unsigned), 3), ((unsigned, lonely), 2),
             ((lonely, altered, unsigned, good), 1)]
    for files, expected in cases:
        result = run_cli("verify", *files, env=SIGNED)
        assert result.returncode == expected, (files, result.stdout)
        assert len(result.stdout.splitlines()) == len(files)


def test_key_file_option(fx: Fixture, tmp_path: Path) -> None:
    key_file = tmp_path / "export.key"
    key_file.write_text(KEY_HEX + "\n", "utf-8")
    out = tmp_path / "dx.csv"
    result = run_cli("export", "-o", out, "--db", fx.db, "--library", fx.library_path,
                     "--key-file", key_file, "--key-id", "org-2026")
    assert result.returncode == 0, result.stderr
    assert run_cli("verify", out, "--key-file", key_file).returncode == 0
    key_file.write_text("not hex", "utf-8")
    bad = run_any("verify", out, "--key-file", key_file)  # Japanese by default
    assert bad.returncode == 1 and "export.key" in bad.stderr and "16進数" in bad.stderr


@pytest.mark.parametrize(("content", "finding"), [
    ("[" * 100_000, "not valid JSON"),
    ('{"format": "dxlearn-export-signature/1", "sha256": "%s", "rows": ' + "9" * 5000 + "}",
     "not valid JSON"),
    ('{"format": "dxlearn-export-signature/1", "sha256": "%s", "rows": NaN}', "not valid JSON"),
    ('{"format": "dxlearn-export-signature/2", "sha256": "%s", "rows": -1}', "rows is missing"),
    ('{"format": "something-else/1", "sha256": "%s"}', "is not a dxlearn-export-signature/2"),
    (" " * (2 << 20), "too large"),
])
def test_a_hostile_sidecar_is_a_verdict_never_a_traceback(
        fx: Fixture, tmp_path: Path, content: str, finding: str) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    (tmp_path / "dx.csv.sig.json").write_text(content.replace("%s", sha), "utf-8")
    result = run_cli("verify", out, env=SIGNED)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "bad_sidecar" in result.stdout and finding in result.stdout, result.stdout


def test_lines_say_what_happened_in_plain_words(fx: Fixture, tmp_path: Path) -> None:
    out = export(fx, tmp_path / "dx.csv", SIGNED)
    line = run_cli("verify", out, env=SIGNED).stdout.strip()
    assert line.startswith(f"{out}: authentic: ") and "authentic: authentic" not in line
    assert re.search(r": authentic: \d+ rows, PC-0123, 2026-", line)
    unkeyed = run_cli("verify", out).stdout  # no key held here
    assert "no key is held here" in unkeyed and "the key held here is none" not in unkeyed
    japanese = run_any("verify", out, env=SIGNED)
    assert japanese.returncode == 0 and "正当（署名一致）" in japanese.stdout
    assert "行、端末 PC-0123" in japanese.stdout


def test_one_row_is_one_row() -> None:
    from dxlearn.integrity.verify import rows_text

    assert rows_text(1).text("en") == "1 row" and rows_text(2).text("en") == "2 rows"


@settings(max_examples=200, deadline=None)
@given(st.one_of(
    st.binary(max_size=200),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                 lambda children: st.lists(children, max_size=4)
                 | st.dictionaries(st.sampled_from(["format", "sha256", "rows", "file",
                                                    "key_id", "hmac_sha256", "libraries",
                                                    "database_id"]), children, max_size=8),
                 max_leaves=20).map(lambda v: json.dumps(v).encode())))
def test_read_sidecar_accepts_or_refuses_never_crashes(
        tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    from dxlearn.integrity.signature import SidecarError, read_sidecar

    folder = tmp_path_factory.mktemp("sidecar")
    (folder / "x.csv.sig.json").write_bytes(raw)
    try:
        signature = read_sidecar(folder / "x.csv")
    except SidecarError as error:
        assert error.reason.text("ja") and error.reason.text("en")
        return
    assert len(signature.sha256) == 64 and signature.rows >= 0
