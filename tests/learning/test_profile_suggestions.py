"""learning.profile.suggestions: the sign-in picker never shows every stored name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dxlearn.learning.profile import (
    MIN_ID_CHARS_SHARED_PC,
    Profile,
    normalise_staff_id,
    suggestions,
)

ids = st.text(alphabet="0123456789AB", min_size=1, max_size=8)
people = st.lists(st.builds(Profile, ids, st.text(min_size=1, max_size=6),
                            st.just("市民課"), st.just("staff")), max_size=12)


@given(typed=st.text(max_size=6), registered=people, roster=people)
def test_only_roster_entries_when_there_is_a_roster(typed: str, registered: list[Profile],
                                                     roster: list[Profile]) -> None:
    found = suggestions(typed, registered, roster)
    if roster:
        assert all(p in roster for p in found)
    if not normalise_staff_id(typed):
        assert found == []


@given(typed=st.text(max_size=6), registered=people)
def test_a_shared_pc_needs_part_of_the_id_first(typed: str, registered: list[Profile]) -> None:
    found = suggestions(typed, registered, [])
    clean = normalise_staff_id(typed)
    for profile in found:
        assert profile.staff_id.startswith(clean)  # the id, never the name
    if len(registered) > 1 and len(clean) < MIN_ID_CHARS_SHARED_PC:
        assert found == []


def test_full_width_digits_match_and_the_limit_holds() -> None:
    registered = [Profile(f"{n:05d}", "名", "課", "staff") for n in range(100)]
    assert [p.staff_id for p in suggestions("０００１", registered, [])] == [
        f"000{n}" for n in range(10, 20)]
    assert len(suggestions("000", registered, [], limit=20)) == 20
