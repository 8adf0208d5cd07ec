"""``dxlearn certificate``: a PDF for a complete curriculum, a clear refusal otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dxlearn.export.certificate_data import (
    CertificateData,
    certificate_number,
    fill_template,
    japanese_date,
)

from support.export_builders import Fixture, run_cli


def test_certificate_pdf_for_a_complete_curriculum(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "修了証.pdf"
    result = run_cli("certificate", "--learner", "00123", "-o", out, "--db", fx.db,
                     "--library", fx.library_path, "--organisation", "○○市")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert certificate_number("00123", "test-dx", "2026.1") in result.stdout
    assert "2026年11月27日" in result.stdout
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_certificate_is_refused_when_incomplete(fx: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    result = run_cli("certificate", "--learner", "00456", "-o", out, "--db", fx.db,
                     "--library", fx.library_path)
    assert result.returncode == 1
    assert "not complete" in result.stderr and "0 of 3" in result.stderr
    assert not out.exists()


def test_certificate_number_is_stable_and_readable() -> None:
    number = certificate_number("00123", "lg-dx", "2026.1")
    assert number == certificate_number("00123", "lg-dx", "2026.1")
    assert number != certificate_number("00123", "lg-dx", "2027.1")
    assert number != certificate_number("0123", "lg-dx", "2026.1")
    assert len(number) == len("DX-1234-5678-9012") and number.startswith("DX-")
    assert japanese_date(date(2026, 1, 5)) == "2026年1月5日"


def test_template_values_are_escaped() -> None:
    data = CertificateData("<市>", "<b>山田</b>", "00123", "課", "研修", "x", "1",
                           date(2026, 11, 27), "DX-0000-0000-0000", "<市>")
    filled = fill_template("{{name}} 殿 {{completed_on}} {{unknown}}", data)
    assert filled == "&lt;b&gt;山田&lt;/b&gt; 殿 2026年11月27日 {{unknown}}"
