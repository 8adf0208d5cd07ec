"""YAML in the files trainers write: front matter between ``---`` lines, library.yaml and
chapter.yaml, with the line of every key. Decoding the bytes is ``dxlearn.files.text``.

What a trainer gets wrong in Notepad is found on its own line and said in plain words
(:mod:`dxlearn.content.yamlhints`): a full-width colon, no space after ``:``, a tab, a title
holding ``: ``, a ragged indentation. PyYAML alone reports most of these on the *next* line, in
parser words.

Bounded work on any input: anchors and aliases (``&a``, ``*a``: the "billion laughs"), tags
(``!!python/object``) and more than :data:`MAX_DEPTH` levels of nesting are refused before
anything is built; a number of more than :data:`MAX_INT_DIGITS` digits is refused before Python
converts it; duplicate keys are findings, never "the last one silently wins".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yamlhints
from .fields import REFUSED, shown
from .model import Finding, Severity

try:  # the C loader is several times faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_DEPTH = 20  # levels of nesting; a front matter needs 2 (a list under a key)
MAX_INT_DIGITS = 18
_INT_TAG = "tag:yaml.org,2002:int"
_REFUSED_TOKENS = {
    yaml.AnchorToken: "content.yaml_alias",
    yaml.AliasToken: "content.yaml_alias",
    yaml.TagToken: "content.yaml_tag",
}


@dataclass(frozen=True, slots=True)
class YamlDoc:
    data: dict[str, Any]
    key_lines: dict[str, int]  # 1-based line of each top-level key in the file
    findings: tuple[Finding, ...] = ()
    readable: bool = True  # False: the text could not be read as keys at all


@dataclass(frozen=True, slots=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]  # 1-based line of each key in the file
    body: str
    body_line: int  # 1-based line in the file where the body starts
    findings: tuple[Finding, ...] = ()
    readable: bool = True  # False: the keys are unknown (do not also report "title missing")


def _unreadable(path: str, line: int, code: str, params: dict[str, object]) -> YamlDoc:
    return YamlDoc({}, {}, (Finding(path, line, Severity.ERROR, code, params),), False)


def _refused_token(source: str) -> tuple[int, str] | None:
    """The first anchor, alias or tag, as (0-based line, code); None also when the text does
    not scan (the parse that follows reports that)."""
    loader = _SafeLoader(source)
    try:
        while loader.check_token():
            token = loader.get_token()
            code = _REFUSED_TOKENS.get(type(token)) if token is not None else None
            if token is not None and code is not None:
                return token.start_mark.line, code
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _walk(root: MappingNode, lines: list[str], first_line: int, path: str,
          findings: list[Finding]) -> set[int]:
    """Check every node without building anything; return the ids of the top-level value
    nodes that must not be built (an over-long number, too deep)."""
    refused: set[int] = set()
    for _key, top in root.value:
        stack: list[tuple[Node, int]] = [(top, 1)]
        while stack:
            node, depth = stack.pop()
            line = first_line + node.start_mark.line
            if depth > MAX_DEPTH:
                findings.append(Finding(path, line, Severity.ERROR, "content.yaml_too_deep"))
                refused.add(id(top))
                break
            if isinstance(node, ScalarNode):
                digits = sum(c.isalnum() for c in node.value) if node.tag == _INT_TAG else 0
                if digits > MAX_INT_DIGITS:  # before Python converts it (4,300 digits raise)
                    findings.append(Finding(path, line, Severity.ERROR,
                                            "content.yaml_number_too_long", {"digits": digits}))
                    refused.add(id(top))
                elif not node.style:  # plain (None from the Python parser, "" from libyaml)
                    findings.extend(yamlhints.merged_lines(node, lines, first_line, path))
                    cut = yamlhints.cut_comment(node, lines, first_line, path)
                    if cut is not None:
                        findings.append(cut)
            elif isinstance(node, SequenceNode):
                for child in node.value:
                    if _colon_in_item(child):  # "- 手順: 入力" is a mapping, not a text
                        findings.append(Finding(path, first_line + child.start_mark.line,
                                                Severity.ERROR, "content.yaml_colon_in_item"))
                        refused.add(id(top))
                stack.extend((child, depth + 1) for child in reversed(node.value))
            elif isinstance(node, MappingNode):
                _duplicates(node, first_line, path, findings)
                for key, value in reversed(node.value):
                    stack.extend(((value, depth + 1), (key, depth + 1)))
    _duplicates(root, first_line, path, findings)
    return refused


def _colon_in_item(node: Node) -> bool:
    """A block list item that YAML reads as ``{key: value}`` because its text holds ``: ``."""
    return (isinstance(node, MappingNode) and not node.flow_style and len(node.value) == 1
            and isinstance(node.value[0][0], ScalarNode) and not node.value[0][0].style
            and isinstance(node.value[0][1], ScalarNode))


def _duplicates(node: MappingNode, first_line: int, path: str, findings: list[Finding]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for key, _value in node.value:
        if not isinstance(key, ScalarNode):
            continue
        line = first_line + key.start_mark.line
        first = seen.setdefault((key.tag, key.value), line)
        if first != line:
            findings.append(Finding(path, line, Severity.ERROR, "content.yaml_duplicate_key",
                                    {"key": shown(key.value), "first": first}))


def parse_yaml(source: str, first_line: int, path: str) -> YamlDoc:
    """A YAML mapping with each top-level key's 1-based line (``first_line`` is the line of the
    file where ``source`` starts). Never raises for any text: every problem is a finding."""
    lines = source.split("\n")
    if any(c in source for c in "&*!"):
        refused = _refused_token(source)
        if refused is not None:
            return _unreadable(path, first_line + refused[0], refused[1], {})
    loader = _SafeLoader(source)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            line, code, params = yamlhints.diagnose(lines, exc)
            return _unreadable(path, first_line + line, code, params)
        if node is None:
            return YamlDoc({}, {})
        if not isinstance(node, MappingNode):
            line, code, params = yamlhints.not_a_mapping(lines)
            return _unreadable(path, first_line + line, code, params)
        findings: list[Finding] = []
        refused_values = _walk(node, lines, first_line, path, findings)
        data: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            if not isinstance(key_node, ScalarNode):
                findings.append(Finding(path, line, Severity.ERROR, "content.yaml_key_not_text"))
                continue
            try:
                # the constructed key, as a schema sees it ("null:" is None, "1:" is 1)
                key = str(loader.construct_object(key_node, deep=True))
            except (yaml.YAMLError, ValueError, TypeError, OverflowError):
                findings.append(Finding(path, line, Severity.ERROR, "content.yaml_key_not_text"))
                continue
            value: Any = REFUSED  # reported already: the key is there, its value unusable
            if id(value_node) not in refused_values:
                try:
                    value = loader.construct_object(value_node, deep=True)
                except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
                    detail = getattr(exc, "problem", None) or str(exc).split("\n")[0]
                    findings.append(Finding(path, first_line + value_node.start_mark.line,
                                            Severity.ERROR, "content.yaml_value_unreadable",
                                            {"detail": shown(detail)}))
            data[key] = value
            key_lines.setdefault(key, line)
    finally:
        loader.dispose()
    findings.sort(key=lambda f: f.line)
    return YamlDoc(data, key_lines, tuple(findings))


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split ``---`` YAML front matter from the body. A file without it has an empty mapping."""
    first = text.split("\n", 1)[0].strip()
    if first != "---":
        if yamlhints.looks_like_fullwidth_dashes(first):
            finding = Finding(path, 1, Severity.ERROR, "content.fm_fullwidth_dashes",
                              {"written": shown(first)})
            return FrontMatter({}, {}, text, 1, (finding,), False)
        return FrontMatter({}, {}, text, 1)
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        finding = Finding(path, 1, Severity.ERROR, "content.fm_not_closed")
        return FrontMatter({}, {}, text, 1, (finding,), False)
    doc = parse_yaml("\n".join(lines[1:end]), 2, path)
    return FrontMatter(doc.data, doc.key_lines, "\n".join(lines[end + 1:]), end + 2,
                       doc.findings, doc.readable)


def parse_yaml_file(text: str, path: str) -> YamlDoc:
    """A whole YAML file (library.yaml, chapter.yaml) as a mapping with key lines."""
    return parse_yaml(text, 1, path)
