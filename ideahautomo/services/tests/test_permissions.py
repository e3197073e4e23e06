"""Every role of the cast against every rule of partner organisations and services."""

import pytest

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from ideahautomo.services import permissions
from ideahautomo.testing import assert_role_table, expect, rule_check

from .factories import service_for

pytestmark = pytest.mark.django_db

EDITORS = expect(False, partner=True, project_manager=True)
MANAGER = expect(False, project_manager=True)
FOLLOWERS = expect(False, contact_person=True, other_contact_person=True, project_manager=True)


@pytest.fixture
def scene(cast):
    own = cast.partner.roles[Role.PARTNER].organisation
    other = PartnerOrganisationFactory()
    return {
        "own": own,
        "other": other,
        "own_service": service_for(own, actor=cast.project_manager),
        "other_service": service_for(other, actor=cast.project_manager),
    }


def test_who_creates_and_edits_organisations(cast, scene):
    users = cast.users()
    assert_role_table(rule_check(permissions.can_create_organisation, users), MANAGER)
    assert_role_table(rule_check(permissions.can_edit_organisation, users, scene["own"]), EDITORS)
    assert_role_table(rule_check(permissions.can_edit_organisation, users, scene["other"]), MANAGER)
    assert_role_table(
        rule_check(permissions.can_edit_service, users, scene["own_service"]), EDITORS
    )
    assert_role_table(
        rule_check(permissions.can_edit_service, users, scene["other_service"]), MANAGER
    )


def test_who_sees_shown_and_hidden_organisations_and_services(cast, scene):
    users = cast.users()
    organisation, service = scene["own"], scene["own_service"]
    assert_role_table(
        rule_check(permissions.can_see_organisation, users, organisation), expect(True)
    )
    assert_role_table(rule_check(permissions.can_see_service, users, service), expect(True))
    organisation.is_active = False
    assert_role_table(rule_check(permissions.can_see_organisation, users, organisation), EDITORS)
    assert_role_table(rule_check(permissions.can_see_service, users, service), EDITORS)


def test_who_follows_and_refers_services(cast, scene):
    users = cast.users()
    service = scene["own_service"]
    assert_role_table(rule_check(permissions.can_see_unchecked_services, users), FOLLOWERS)
    assert_role_table(rule_check(permissions.can_refer_service, users, service), FOLLOWERS)
    service.is_active = False
    assert_role_table(rule_check(permissions.can_refer_service, users, service), expect(False))


def test_who_refers_to_which_client(cast):
    users = cast.users()
    own_client = UserFactory(area=cast.area)
    other_client = UserFactory(area=cast.other_area)
    own = expect(False, contact_person=True, project_manager=True)
    other = expect(False, other_contact_person=True, project_manager=True)
    assert_role_table(rule_check(permissions.can_refer_to, users, own_client), own)
    assert_role_table(rule_check(permissions.can_refer_to, users, other_client), other)
    own_client.is_active = False
    assert_role_table(rule_check(permissions.can_refer_to, users, own_client), expect(False))
