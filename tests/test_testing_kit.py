"""The shared test kit itself: a role table fails, and says which role went wrong."""

import pytest

from ideahautomo.testing import ROLES, assert_role_table, expect


def test_a_table_names_every_role_that_went_wrong():
    table = expect(False, project_manager=True)
    with pytest.raises(AssertionError) as failure:
        assert_role_table(lambda role: role in ("member", "project_manager"), table, label="rule")
    assert str(failure.value).splitlines()[0] == "rule as member: True, expected False"
    assert "project_manager" not in str(failure.value)


def test_a_table_that_holds_passes_and_checks_every_role():
    seen = []
    assert_role_table(lambda role: seen.append(role) or role == "guest", expect(False, guest=True))
    assert seen == ROLES


def test_tables_must_name_real_roles_and_all_of_them():
    with pytest.raises(ValueError):
        expect(False, janitor=True)
    with pytest.raises(ValueError):
        assert_role_table(lambda role: True, {"guest": True})
