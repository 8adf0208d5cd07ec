"""Policy keys ``db`` (a server database, never with a password) and ``records_dir`` (the share
drop: kept as written, checked when used)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dxlearn.policy import read_policy

from support.deploy import toml_path, write


def _read(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    return read_policy(write(tmp_path / "policy.toml", body))


def test_a_server_url_is_kept_as_written(tmp_path: Path) -> None:
    policy = _read(tmp_path, 'db = "postgresql+psycopg://dxdb.city.local:5432/dxlearn"\n')
    assert policy.db == "postgresql+psycopg://dxdb.city.local:5432/dxlearn"
    assert not policy.messages


def test_a_url_with_a_password_is_refused_and_the_password_never_used(tmp_path: Path) -> None:
    for url in ("postgresql+psycopg://yamada:secret@dxdb/dxlearn",
                "postgresql://dxdb/dxlearn?password=secret",
                "postgresql://dxdb/dxlearn?sslmode=require&PASSWORD=secret",
                "postgresql+psycopg://yamada:@dxdb/dxlearn"):
        policy = _read(tmp_path, f'db = "{url}"\n')
        assert policy.db == "", url
        (message,) = policy.messages
        assert message.key == "db" and message.message.code == "policy.db_password"
        assert "secret" not in message.text("ja") and "パスワード" in message.text("ja")


def test_a_file_path_or_another_kind_of_database_is_not_a_server(tmp_path: Path) -> None:
    for value in (r"C:\\dxlearn\\progress.db", "sqlite:///progress.db", "mysql://db/dx", "dxdb"):
        policy = _read(tmp_path, f"db = '{value}'\n")
        assert policy.db == ""
        assert [m.message.code for m in policy.messages] == ["policy.db_not_server"]


def test_records_dir_is_kept_when_it_cannot_be_reached_now(tmp_path: Path) -> None:
    """A file server that is down at start must not drop the key: it is checked when used."""
    missing = tmp_path / "share" / "records"
    policy = _read(tmp_path, f"records_dir = {toml_path(missing)}\n")
    assert policy.records_dir == missing and not policy.messages
    relative = _read(tmp_path, "records_dir = 'records'\n")
    assert relative.records_dir == tmp_path / "records"  # beside policy.toml, as every path


@given(user=st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1,
                    max_size=12),
       password=st.text(st.characters(codec="ascii", categories=("L", "N", "P")),
                        max_size=16).filter(lambda p: not set(p) & set("@/?#[]%\"'\\")),
       host=st.from_regex(r"[a-z][a-z0-9]{0,10}(\.[a-z]{2,5}){0,2}", fullmatch=True))
def test_no_url_that_holds_a_password_is_ever_accepted(tmp_path_factory, user: str,  # type: ignore[no-untyped-def]
                                                       password: str, host: str) -> None:
    folder = tmp_path_factory.mktemp("p")
    with_password = _read(folder, f'db = "postgresql+psycopg://{user}:{password}@{host}/dx"\n')
    assert with_password.db == ""
    assert [m.message.code for m in with_password.messages] == ["policy.db_password"]
    without = _read(folder, f'db = "postgresql+psycopg://{user}@{host}/dx"\n')
    assert without.db == f"postgresql+psycopg://{user}@{host}/dx" and not without.messages
