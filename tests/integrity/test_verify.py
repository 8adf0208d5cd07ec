"""Signature sidecars and ``dxlearn verify`` exit statuses (0, 1, 2, 3; worst wins)."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest

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
