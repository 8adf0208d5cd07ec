"""xAPI export through the CLI: the statements' shape, stable content under stable ids, the
organisation URL, numbered batches with their own sidecars, and an empty export."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from dxlearn.store import open_store

from support.export_builders import Clock, Fixture, build, complete_lesson, run_cli
from support.xapi_builders import URL, export_statements


def test_statements_have_the_1_0_3_shape_and_stable_ids(fx: Fixture, tmp_path: Path) -> None:
    first = export_statements(fx.db, fx.library_path, tmp_path / "a.json")
    second = export_statements(fx.db, fx.library_path, tmp_path / "b.json")

    assert first == second, "exporting twice gives the same statements and ids"
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    by_verb: dict[str, list[dict]] = {}
    for statement in first:
        by_verb.setdefault(statement["verb"]["id"].rsplit("/", 1)[1], []).append(statement)
        assert statement["version"] == "1.0.3"
        assert uuid.UUID(statement["id"]).version == 5
        assert statement["actor"] == {"objectType": "Agent", "account": {
            "homePage": URL, "name": statement["actor"]["account"]["name"]}}
        assert statement["timestamp"].endswith("Z"), "UTC, whatever the PC's zone"
        assert statement["object"]["definition"] == {
            "type": "http://adlnet.gov/expapi/activities/lesson"}
    assert len({s["id"] for s in first}) == len(first)
    assert sorted(by_verb) == ["completed", "failed", "passed"]
    passed = by_verb["passed"][0]
    assert passed["actor"]["account"]["name"] == "00123"
    assert passed["object"]["id"] == "urn:dxlearn:test-dx:intro"
    assert passed["result"] == {"score": {"scaled": 0.9, "raw": 90, "min": 0, "max": 100},
                                "success": True, "completion": True, "duration": "PT30S"}
    # the fixture's clock starts at 05:00 UTC (14:00 in Tokyo, where the CLI runs)
    assert passed["timestamp"] == "2026-11-27T05:05:30Z"
    failed = by_verb["failed"][0]
    assert failed["result"]["success"] is False and failed["result"]["completion"] is False
    assert failed["actor"]["account"]["name"] == "00456"
    # a completed statement carries no study time: it grows after completion
    results = {s["object"]["id"]: s["result"] for s in by_verb["completed"]}
    assert results == {"urn:dxlearn:test-dx:intro": {"completion": True},
                       "urn:dxlearn:test-dx:rules": {"completion": True}}


def test_without_organisation_url_is_refused_in_japanese_and_english(
        fx: Fixture, tmp_path: Path) -> None:
    for lang, words in (("ja", "organisation_url に設定する"), ("en", "set organisation_url")):
        result = run_cli("export", "-o", tmp_path / "x.json", "--db", fx.db,
                         "--library", fx.library_path, "--lang", lang)
        assert result.returncode == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.glob("x.json*")) == []


@pytest.mark.parametrize(("given", "home_page"), [
    ("https://www.city.example.lg.jp", "https://www.city.example.lg.jp/"),
    ("HTTPS://WWW.City.Example.LG.JP:443/", "https://www.city.example.lg.jp/"),
    ("  https://www.city.example.lg.jp/dx  ", "https://www.city.example.lg.jp/dx/"),
    ("ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｅｘａｍｐｌｅ．ｌｇ．ｊｐ", "https://www.city.example.lg.jp/"),
])
def test_the_home_page_is_written_in_one_spelling(fx: Fixture, tmp_path: Path, given: str,
                                                  home_page: str) -> None:
    result = run_cli("export", "-o", tmp_path / "x.json", "--db", fx.db,
                     "--library", fx.library_path, "--organisation-url", given)
    assert result.returncode == 0, result.stderr
    statements = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert {s["actor"]["account"]["homePage"] for s in statements} == {home_page}


@pytest.mark.parametrize(("given", "reason"), [
    ("www.city.example.lg.jp", "先頭に https://"),
    ("https://www.city.example .lg.jp/", "空白"),
    ("https://www.city.example.lg.jp/ 総務課/", "空白"),
    ("ftp://www.city.example.lg.jp/", "先頭に https://"),
    ("https://", "ホスト名"),
    ("https://user@www.city.example.lg.jp/", "利用者名"),
    ("https://www.city.example.lg.jp/?a=1", "「?」"),
    ("https://www.city.example.lg.jp:99999/", "ポート番号"),
    ("https://www.city.example.lg.jp/<dx>/", "「<」"),
])
def test_an_unusable_home_page_is_refused_naming_the_value(
        fx: Fixture, tmp_path: Path, given: str, reason: str) -> None:
    result = run_cli("export", "-o", tmp_path / "x.json", "--db", fx.db,
                     "--library", fx.library_path, "--organisation-url", given)

    assert result.returncode == 1
    assert f"組織の URL「{given.strip()}」は xAPI の homePage に使えません" in result.stderr
    assert reason in result.stderr
    assert list(tmp_path.glob("x*.json*")) == []


def test_the_policy_url_is_checked_too(fx: Fixture, tmp_path: Path,
                                       use_policy: Callable[[str], Path]) -> None:
    policy = use_policy('organisation_url = "city.example.lg.jp"\n')
    result = run_cli("export", "-o", tmp_path / "x.json", "--db", fx.db,
                     "--library", fx.library_path, "--lang", "en",
                     env={"DXLEARN_POLICY": str(policy)})
    assert result.returncode == 1
    assert "the organisation's URL 'city.example.lg.jp' cannot be the xAPI homePage: it " \
           "must start with https:// (or http://)" in result.stderr


def test_two_pcs_completing_one_lesson_are_two_statements(tmp_path: Path) -> None:
    """Two databases with the same learner, lesson and even the same times: each has its own
    database id, so an LRS keeps both (and ``hr merge`` counts them once, by its rules)."""
    pc1, pc2 = build(tmp_path / "pc1"), build(tmp_path / "pc2")
    one = export_statements(pc1.db, pc1.library_path, tmp_path / "1.json")
    two = export_statements(pc2.db, pc2.library_path, tmp_path / "2.json")

    strip = [{k: v for k, v in s.items() if k != "id"} for s in one]
    assert strip == [{k: v for k, v in s.items() if k != "id"} for s in two]
    assert not {s["id"] for s in one} & {s["id"] for s in two}


def test_attempts_started_in_the_same_microsecond_have_their_own_ids(
        fx: Fixture, tmp_path: Path) -> None:
    clock = Clock()
    clock.advance(days=1)
    with open_store(fx.db, clock=clock, backup_keep=0) as opened:
        store = opened.store
        first = store.start_attempt("00456", "test-dx", "intro", lesson_version=2,
                                    pass_score=80, choice_orders=[[0, 1]])
        second = store.start_attempt("00456", "test-dx", "intro", lesson_version=2,
                                     pass_score=80, choice_orders=[[0, 1]])
        store.finish_attempt(first.attempt_id, 0)
        store.finish_attempt(second.attempt_id, 0)

    statements = export_statements(fx.db, fx.library_path, tmp_path / "x.json")
    same = [s for s in statements if s["timestamp"] == "2026-11-28T05:00:00Z"]
    assert len(same) == 2 and same[0]["id"] != same[1]["id"]
    assert same[0] == {**same[1], "id": same[0]["id"]}


def test_an_export_without_statements_writes_nothing(tmp_path: Path) -> None:
    fx = build(tmp_path)
    for args, lang, words in (((), "ja", "書き出す xAPI ステートメントがありません"),
                              (("--batch", "10"), "en", "there is no xAPI statement")):
        result = run_cli("export", "-o", tmp_path / "x.json", "--db", fx.db,
                         "--library", fx.library_path, "--organisation-url", URL,
                         "--learner", "00789", "--lang", lang, *args)
        assert result.returncode == 2, result.stderr
        assert words in result.stderr and "error" not in result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "library"]


def _many_statements(tmp_path: Path, learners: int) -> Fixture:
    fx = build(tmp_path)
    clock = Clock()
    clock.advance(days=2)
    with open_store(fx.db, clock=clock, backup_keep=0) as opened:
        for number in range(learners):
            staff_id = f"9{number:04d}"
            opened.store.register_learner(staff_id, f"職員{number}", "課", "staff")
            complete_lesson(opened.store, clock, fx.library, staff_id, "intro", score=90)
    return fx


def test_batches_are_numbered_files_each_with_its_own_signature(tmp_path: Path) -> None:
    fx = _many_statements(tmp_path, 5)  # 5 x (passed + completed) + the fixture's 4
    whole = export_statements(fx.db, fx.library_path, tmp_path / "whole.json")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("export", "-o", out / "x.json", "--db", fx.db, "--library",
                     fx.library_path, "--organisation-url", URL, "--batch", "4",
                     "--key-file", _key(tmp_path), "--key-id", "jinji")

    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"x-000{n}.json{s}" for n in range(1, 5) for s in ("", ".sig.json")]
    assert result.stdout.strip() == (
        f"{out / 'x-0001.json'} ～ x-0004.json：14 件のステートメントを 4 個のファイル"
        "（1 ファイル最大 4 件）に書き出しました。それぞれに .sig.json を作成し、鍵 jinji で"
        "署名しました。")
    parts = [json.loads((out / f"x-000{n}.json").read_text("utf-8")) for n in range(1, 5)]
    assert [len(p) for p in parts] == [4, 4, 4, 2]
    assert [s for part in parts for s in part] == whole
    for n, part in enumerate(parts, start=1):
        sidecar = json.loads((out / f"x-000{n}.json.sig.json").read_text("utf-8"))
        assert sidecar["file"] == f"x-000{n}.json" and sidecar["rows"] == len(part)
        assert sidecar["key_id"] == "jinji"
    verified = run_cli("verify", *sorted(out.glob("x-000?.json")), "--key-file", _key(tmp_path),
                       "--key-id", "jinji")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_shorter_batched_export_names_the_files_left_from_a_longer_one(
        tmp_path: Path) -> None:
    fx = build(tmp_path)  # 4 statements
    out = tmp_path / "out"
    out.mkdir()
    args = ("export", "-o", out / "x.json", "--db", fx.db, "--library", fx.library_path,
            "--organisation-url", URL, "--lang", "en")
    assert run_cli(*args, "--batch", "1").returncode == 0
    again = run_cli(*args, "--batch", "3")

    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"{out / 'x-0001.json'} .. x-0002.json: 4 statements in 2 "
                                   "files (at most 3 each), each with its .sig.json, unsigned")
    assert again.stderr.splitlines() == [
        f"note: {out / f'x-000{n}.json'} is from an earlier export and is not part of this "
        "one; delete it before importing" for n in (3, 4)]


@pytest.mark.parametrize(("args", "words"), [
    (("-o", "x.csv", "--batch", "10"), "--batch は xAPI（.json）の書き出しにだけ使えます"),
    (("-o", "x.json", "--batch", "0"),
     "--batch には 1 以上の整数を指定してください（指定された値: 0）"),
])
def test_batch_mistakes_are_refused(fx: Fixture, tmp_path: Path, args: tuple[str, ...],
                                    words: str) -> None:
    result = run_cli("export", "--db", fx.db, "--library", fx.library_path,
                     "--organisation-url", URL, *args, cwd=tmp_path)
    assert result.returncode == 1 and words in result.stderr, result.stderr
    assert not list(tmp_path.glob("x*"))


def test_timestamps_do_not_depend_on_the_pc_zone(fx: Fixture, tmp_path: Path) -> None:
    tokyo = export_statements(fx.db, fx.library_path, tmp_path / "t.json")
    utc = export_statements(fx.db, fx.library_path, tmp_path / "u.json", env={"TZ": "UTC"})
    assert tokyo == utc


def _key(tmp_path: Path) -> Path:
    key = tmp_path / "export.key"
    if not key.exists():
        key.write_text("00112233445566778899aabbccddeeff" * 2, encoding="ascii")
    return key


def test_durations_round_to_whole_seconds() -> None:
    from dxlearn.export.xapi import iso_duration

    assert iso_duration(timedelta(minutes=5, seconds=30) / timedelta(seconds=1)) == "PT5M30S"
    assert iso_duration(0) == "PT0S" and iso_duration(3725.4) == "PT1H2M5S"
    assert iso_duration(-3) == "PT0S"
