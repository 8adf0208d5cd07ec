from __future__ import annotations

import pytest

from dxlearn.learning.profile import Profile, ProfileProblem, validate_profile

ROLES = ["executive", "leader", "staff"]
P = ProfileProblem


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            ("00123", "山田 太郎", "情報政策課", "staff"),
            Profile("00123", "山田 太郎", "情報政策課", "staff"),
        ),
        # full-width digits from the IME become ASCII; leading zeros and inner name spaces stay
        (
            ("　００１２３ ", " 山田　太郎 ", "総務課", "leader"),
            Profile("00123", "山田　太郎", "総務課", "leader"),
        ),
        (("A12b", "x", "y", "executive"), Profile("A12b", "x", "y", "executive")),
        (("S-001", "x", "y", "staff"), Profile("S-001", "x", "y", "staff")),
    ],
)
def test_valid_profiles(fields: tuple[str, str, str, str], expected: Profile) -> None:
    assert validate_profile(*fields, ROLES) == (expected, {})


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        (("", "a", "b", "staff"), {"staff_id": P.STAFF_ID_MISSING}),
        (("  ", "a", "b", "staff"), {"staff_id": P.STAFF_ID_MISSING}),
        (("001 23", "a", "b", "staff"), {"staff_id": P.STAFF_ID_INVALID}),
        (("001\t23", "a", "b", "staff"), {"staff_id": P.STAFF_ID_INVALID}),
        (("001\x0023", "a", "b", "staff"), {"staff_id": P.STAFF_ID_INVALID}),
        (("1" * 65, "a", "b", "staff"), {"staff_id": P.STAFF_ID_INVALID}),
        (("1", " ", "b", "staff"), {"name": P.NAME_MISSING}),
        (("1", "\u3000", "b", "staff"), {"name": P.NAME_MISSING}),
        (("1", "a", "", "staff"), {"department": P.DEPARTMENT_MISSING}),
        (("1", "a", "b", ""), {"role": P.ROLE_MISSING}),
        (("1", "a", "b", "mayor"), {"role": P.ROLE_UNKNOWN}),
        (
            ("", "", "", ""),
            {
                "staff_id": P.STAFF_ID_MISSING,
                "name": P.NAME_MISSING,
                "department": P.DEPARTMENT_MISSING,
                "role": P.ROLE_MISSING,
            },
        ),
    ],
)
def test_invalid_profiles_name_each_problem_in_field_order(
    fields: tuple[str, str, str, str], problems: dict[str, ProfileProblem]
) -> None:
    profile, found = validate_profile(*fields, ROLES)
    assert profile is None
    assert found == problems
    assert list(found) == list(problems)
