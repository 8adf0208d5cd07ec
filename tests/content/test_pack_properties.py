"""Hypothesis over what a pack's author controls: the manifest JSON (any value, any bytes, a
valid manifest with any field replaced), entry names, and library.yaml. The checks answer with
problems, never an exception, and what they accept imports."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxlearn.content.pack import ImportRules, PackError, import_pack, verify_pack
from dxlearn.content.pack_format import MAX_DEPTH, Manifest, unsafe_name_reason
from dxlearn.content.pack_manifest import declared_identity, parse_manifest

from support.trainer import GOOD_FILES, make_pack, manifest_for

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)
FIELDS = ["format", "library", "files", "created_at", "app_version"]
LIBRARY_FIELDS = ["id", "title", "version"]
FILE_FIELDS = ["path", "sha256", "size"]
NAMES = st.text(alphabet=st.sampled_from("ab.-_ /\\:?*<>|\"\x00\x1f aux con NUL 資料"),
                max_size=40)


def _check_result(manifest: Manifest | None, problems: list[object]) -> None:
    assert (manifest is None) <= bool(problems)
    for problem in problems:
        assert str(problem) and problem.text("ja")  # type: ignore[attr-defined]


@given(JSON)
def test_any_json_value_is_answered_with_problems(value: object) -> None:
    manifest, problems = parse_manifest(json.dumps(value).encode())
    _check_result(manifest, problems)  # type: ignore[arg-type]


@given(st.binary(max_size=200))
def test_any_bytes_are_answered_with_problems(data: bytes) -> None:
    manifest, problems = parse_manifest(data)
    _check_result(manifest, problems)  # type: ignore[arg-type]


@st.composite
def mutated_manifests(draw: st.DrawFn) -> dict[str, object]:
    manifest = json.loads(json.dumps(manifest_for(GOOD_FILES)))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "library", "file"]))
        if where == "top":
            manifest[draw(st.sampled_from(FIELDS))] = draw(JSON)
        elif where == "library" and isinstance(manifest.get("library"), dict):
            manifest["library"][draw(st.sampled_from(LIBRARY_FIELDS))] = draw(JSON)
        elif isinstance(manifest.get("files"), list) and manifest["files"]:
            entry = draw(st.sampled_from(manifest["files"]))
            if isinstance(entry, dict):
                entry[draw(st.sampled_from(FILE_FIELDS))] = draw(JSON | NAMES)
    return manifest


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_manifests())
def test_a_tampered_manifest_is_refused_or_imports(manifest: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pack = make_pack(root / "x.dxpack", manifest=manifest)
        report = verify_pack(pack)
        if not report.ok:  # what verify refuses, import refuses, writing nothing
            with pytest.raises(PackError):
                import_pack(pack, root / "libraries", rules=ImportRules())
            assert not (root / "libraries").exists()
            return
        result = import_pack(pack, root / "libraries", rules=ImportRules())
        assert result.target.parent == root / "libraries"
        assert (result.target / "01-a" / "lesson.md").is_file()


@given(NAMES)
def test_a_name_called_safe_stays_inside_and_is_writable_on_windows(name: str) -> None:
    if unsafe_name_reason(name) is not None:
        return
    parts = PurePosixPath(name).parts
    assert 0 < len(parts) <= MAX_DEPTH
    assert all(p not in ("..", ".") and not p.endswith((".", " ")) for p in name.split("/"))
    assert not set(name) & set('\\:*?"<>|')
    assert not name.startswith("/")


@given(st.binary(max_size=300) | st.text(max_size=100).map(str.encode))
def test_any_library_yaml_is_read_or_named_unreadable(data: bytes) -> None:
    values, errors, unreadable = declared_identity(data)
    assert isinstance(values, dict)
    assert unreadable is None or isinstance(unreadable, str)
    assert all(isinstance(v, str) for v in values.values())
    assert all(f.is_error and f.path == "library.yaml" for f in errors)
