"""The organisation's URL as the xAPI actor's ``account.homePage``: one spelling per site.

A Learning Record Store compares statements byte for byte: ``https://www.city.example.lg.jp``
and ``https://www.city.example.lg.jp/`` are two different actors, and a statement re-exported
with the other spelling under the same id is refused (409). So the URL from the policy
(``organisation_url``) or ``--organisation-url`` is normalised once, here, and refused with a
clear reason when it cannot be an RFC 3987 IRI an LRS accepts:

- NFKC first (a full-width ``ｈｔｔｐｓ：／／`` typed in Notepad is the same URL), surrounding
  white space removed;
- the scheme is required and is ``http`` or ``https`` (lower case);
- the host is lower case, made of letters, digits and ``-`` in dot-separated labels (a Japanese
  host name is kept in Unicode, as IRIs allow); the port is dropped when it is the scheme's
  default; no ``user@``, no query, no fragment;
- the path always ends with ``/`` (an empty path is ``/``); it may hold letters and digits of any
  script, the characters RFC 3986 allows in a path, and ``%XX`` escapes (hex in upper case);
- no white space or control character anywhere.

``normalise_home_page(normalise_home_page(x)) == normalise_home_page(x)``; a test checks every
result against ralph's IRI rule. No network access: the URL is never fetched.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from dxlearn.messages import CodedError, Message

logger = logging.getLogger(__name__)

SCHEMES = {"http": 80, "https": 443}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL_ASCII = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_PATH_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        "-._~!$&'()*+,;=:@/%")
_WORD_CATEGORIES = ("L", "N", "M")  # letters, digits and combining marks of any script


class HomePageError(CodedError):
    """``organisation_url`` cannot be the actor's homePage; ``message()`` says why."""


def _refuse(value: str, reason: str, **params: object) -> HomePageError:
    """``reason``: a ``xapi.reason_*`` code saying what is wrong."""
    return HomePageError("xapi.home_page_invalid", value=value, reason=Message(reason, params))


def _is_word_char(char: str) -> bool:
    return ord(char) > 0x7F and unicodedata.category(char)[0] in _WORD_CATEGORIES


def _host(value: str, host: str) -> str:
    if not host:
        raise _refuse(value, "xapi.reason_host")
    labels = host.lower().split(".")
    for label in labels:
        if not label or len(label) > 63 or label.startswith("-") or label.endswith("-"):
            raise _refuse(value, "xapi.reason_host")
        if label.isascii():
            if not _LABEL_ASCII.match(label):
                raise _refuse(value, "xapi.reason_host")
        elif not all(c == "-" or (c.isascii() and c.isalnum()) or _is_word_char(c)
                     for c in label):
            raise _refuse(value, "xapi.reason_host")
    return ".".join(labels)


def _path(value: str, path: str) -> str:
    for index, char in enumerate(path):
        if char == "%":
            if not _PERCENT.match(path, index):
                raise _refuse(value, "xapi.reason_percent")
        elif char not in _PATH_ASCII and not _is_word_char(char):
            raise _refuse(value, "xapi.reason_character", char=char)
    path = _PERCENT.sub(lambda m: "%" + m.group(1).upper(), path)
    if not path.startswith("/"):
        path = "/" + path
    return path if path.endswith("/") else path + "/"


def normalise_home_page(raw: str) -> str:
    """The one spelling of the organisation's URL; raises :class:`HomePageError`."""
    value = unicodedata.normalize("NFKC", raw).strip()
    if not value:
        raise HomePageError("xapi.home_page_missing")
    shown = raw.strip()
    if any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
           for char in value):
        raise _refuse(shown, "xapi.reason_space")
    scheme_match = _SCHEME.match(value)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if scheme not in SCHEMES or not value[len(scheme) + 1:].startswith("//"):
        raise _refuse(shown, "xapi.reason_scheme")
    rest = value[len(scheme) + 3:]
    if "?" in rest or "#" in rest:
        raise _refuse(shown, "xapi.reason_query")
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        raise _refuse(shown, "xapi.reason_userinfo")
    host, colon, port = authority.partition(":")
    if colon:
        if not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
            raise _refuse(shown, "xapi.reason_port")
        port = str(int(port))
    normal = f"{scheme}://{_host(shown, host)}"
    if colon and int(port) != SCHEMES[scheme]:
        normal += f":{port}"
    return normal + _path(shown, slash + path)
