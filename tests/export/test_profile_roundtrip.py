"""Whatever a person typed, a file in a profile's layout reads back to it: the delimiter,
quoting and line end never break a row, and neutralisation adds exactly one removable ``'``
(the rule of ``export/formatting.py``), or nothing when the profile turns it off."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dxlearn.export.formatting import unneutralise
from dxlearn.export.profile import Profile, ProfileColumn
from dxlearn.export.profile_write import write_profile

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
BASE = Profile(name="t", rows="library", encoding="utf-8",
               columns=(ProfileColumn("columns[0]", "氏名", "name"),
                        ProfileColumn("columns[1]", "所属", "department")))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5),
       st.sampled_from([",", "\t", ";"]), st.sampled_from(["\r\n", "\n"]),
       st.sampled_from(["minimal", "all"]), st.booleans())
def test_every_text_reads_back(rows: list[tuple[str, str]], delimiter: str, line_end: str,
                               quoting: str, neutralise: bool) -> None:
    profile = replace(BASE, delimiter=delimiter, line_end=line_end, quoting=quoting,
                      neutralise_formulas=neutralise)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.csv"
        written = write_profile(path, profile, [{"name": n, "department": d} for n, d in rows])
        data = path.read_bytes().decode("utf-8")
    assert written.rows == len(rows)
    read = list(csv.reader(io.StringIO(data, newline=""), delimiter=delimiter))
    assert read[0] == ["氏名", "所属"]
    undo = unneutralise if neutralise else (lambda text: text)
    assert [(undo(a), undo(b)) for a, b in read[1:]] == rows
