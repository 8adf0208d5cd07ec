"""IT's and HR's commands on a server database, run as their users run them:
``dxlearn db upgrade`` / ``db status`` (IT), ``dxlearn export --db`` and ``dxlearn hr report
--db`` (HR, as the reader role: everyone, live, without collecting files)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from dxlearn.store import open_store

from support.export_builders import KEY_HEX, Clock, build, complete_lesson, read_csv, run_cli
from support.pgfixtures import HR_ROLE, Cluster

pytestmark = pytest.mark.postgresql


def test_it_sets_up_and_checks_a_server(pg_cluster: Cluster) -> None:
    name = f"it_{abs(hash('it')) % 10**8}"
    pg_cluster.server.drop_database(name)
    pg_cluster.server.make_database(name)
    url = pg_cluster.url(name)
    try:
        before = run_cli("db", "status", "--db", url)
        assert before.returncode == 1
        assert "dxlearn db upgrade" in before.stdout + before.stderr
        first = run_cli("db", "upgrade", "--db", url)
        assert first.returncode == 0, first.stderr
        assert "形式を - から" in first.stdout and "行単位のアクセス制御" in first.stdout
        assert "dxadmin:***@" in first.stdout and ":dxadmin@" not in first.stdout
        again = run_cli("db", "upgrade", "--db", url, "--lang", "en")
        assert again.returncode == 0 and "already at" in again.stdout
        status = run_cli("db", "status", "--db", url, "--lang", "en")
        assert status.returncode == 0 and "This dxlearn can use it." in status.stdout
        for command in ("status", "upgrade"):  # both say it in one calm line
            wrong = run_cli("db", command, "--db", url.replace(":dxadmin@", ":wrong@"))
            assert wrong.returncode == 1 and "ログインできません" in wrong.stderr, command
            assert "Traceback" not in wrong.stderr and "wrong" not in wrong.stderr
    finally:
        pg_cluster.server.drop_database(name)


def test_db_commands_need_a_server(tmp_path: Path) -> None:
    result = run_cli("db", "upgrade", "--db", tmp_path / "progress.db")
    assert result.returncode == 1 and "--db" in result.stderr


def test_hr_exports_and_reports_everyone_live(pg_cluster: Cluster, pg_url: str,
                                              tmp_path: Path) -> None:
    fx = build(tmp_path / "fixture")  # the library, and the learners recorded on the server:
    database = pg_url.rsplit("/", 1)[1]
    for role, staff_id in (("alice", "10001"), ("bob", "20002")):
        clock = Clock()
        with open_store(pg_cluster.url(database, role), clock=clock) as opened:
            opened.store.ensure_learner(staff_id, f"職員 {staff_id}", "市民課", "staff")
            complete_lesson(opened.store, clock, fx.library, staff_id, "intro", score=90)
    hr_url = pg_cluster.url(database, HR_ROLE)
    env = {"DXLEARN_EXPORT_KEY": KEY_HEX}
    export = tmp_path / "live.csv"
    result = run_cli("export", "--db", hr_url, "--scope", "detail", "--library",
                     fx.library_path, "-o", export, env=env)
    assert result.returncode == 0, result.stderr
    assert {row[0] for row in read_csv(export)[1:]} == {"10001", "20002"}
    roster = tmp_path / "roster.csv"
    roster.write_text("staff_id,name,department,role\n10001,職員 10001,市民課,staff\n"
                      "20002,職員 20002,市民課,staff\n30003,未受講 職員,税務課,staff\n",
                      encoding="utf-8")
    report = tmp_path / "report.xlsx"
    result = run_cli("hr", "report", "--db", hr_url, "--library", fx.library_path,
                     "--roster", roster, "-o", report, env=env)
    assert result.returncode == 0, result.stderr
    assert "の記録から報告書を作りました" in result.stdout
    sheet = openpyxl.load_workbook(report)["summary"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"10001", "20002", "30003"}
    assert rows["30003"][8] == "not_started"
    # the same report as hr merge over the exported file
    merged = tmp_path / "merged.xlsx"
    assert run_cli("hr", "merge", export, "--roster", roster, "-o", merged,
                   env=env).returncode == 0
    merged_rows = {row[0]: row[:12] for row in openpyxl.load_workbook(merged)["summary"]
                   .iter_rows(min_row=2, values_only=True)}
    assert merged_rows == {k: v[:12] for k, v in rows.items()}


def test_the_policys_db_is_the_commands_database(pg_cluster: Cluster, pg_url: str,
                                                 tmp_path: Path, use_policy) -> None:  # type: ignore[no-untyped-def]
    fx = build(tmp_path / "fixture", db=pg_url)
    without_password = pg_url.replace(":dxadmin@", "@")
    pgpass = tmp_path / "pgpass"  # how HR keeps the password out of policy.toml (libpq)
    host_port = pg_url.split("@", 1)[1].split("/", 1)[0]
    pgpass.write_text(f"{host_port}:*:dxadmin:dxadmin\n", encoding="utf-8")
    pgpass.chmod(0o600)
    policy = use_policy(f'db = "{without_password}"\n')
    out = tmp_path / "summary.csv"
    result = run_cli("export", "--library", fx.library_path, "-o", out,
                     env={"PGPASSFILE": str(pgpass), "DXLEARN_POLICY": str(policy)})
    assert result.returncode == 0, result.stderr
    assert {row[0] for row in read_csv(out)[1:]} == {"00123", "00456", "00789"}
