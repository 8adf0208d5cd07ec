"""YAML in the files trainers write: front matter between ``---`` lines, library.yaml and
chapter.yaml, with the line of every key. Decoding the bytes is ``dxlearn.files.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # the C loader is several times faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]  # 1-based line of each key in the file
    body: str
    body_line: int  # 1-based line in the file where the body starts
    error: str | None = None  # YAML syntax error, with its line in ``error_line``
    error_line: int = 1


def _yaml_mapping(source: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse a YAML mapping, returning the values and each top-level key's 1-based line.

    Raises yaml.YAMLError (with marks relative to ``source``) or ValueError when the document
    is not a mapping.
    """
    loader = _SafeLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise ValueError("not a mapping")
        data = loader.construct_document(node)
        lines: dict[str, int] = {}
        for key_node, _value in node.value:
            # the constructed key, as in ``data`` ("null:" is None, "1:" is 1), not its source
            key = str(loader.construct_object(key_node, deep=True))
            lines.setdefault(key, key_node.start_mark.line + first_line)
    finally:
        loader.dispose()
    if not isinstance(data, dict):  # pragma: no cover - a MappingNode constructs a dict
        raise ValueError("not a mapping")
    return {str(k): v for k, v in data.items()}, lines


def yaml_error_line(exc: yaml.YAMLError, first_line: int) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return (mark.line + first_line) if mark is not None else first_line


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---`` YAML front matter from the body. A file without it has an empty mapping."""
    if not text.startswith("---"):
        return FrontMatter({}, {}, text, 1)
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return FrontMatter({}, {}, text, 1)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return FrontMatter(
            {}, {}, text, 1, error="front matter is not closed: add a line '---' after it"
        )
    source = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    body_line = end + 2
    try:
        data, key_lines = _yaml_mapping(source, 2)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(
            {}, {}, body, body_line, error=f"front matter is not valid YAML: {problem}",
            error_line=yaml_error_line(exc, 2),
        )
    except ValueError:
        return FrontMatter(
            {}, {}, body, body_line,
            error="front matter must be 'key: value' lines", error_line=2,
        )
    return FrontMatter(data, key_lines, body, body_line)


def parse_yaml_file(text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse a whole YAML file (library.yaml, chapter.yaml) as a mapping with key lines."""
    return _yaml_mapping(text, 1)
