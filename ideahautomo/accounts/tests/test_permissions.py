"""Every role against every view of accounts and pages: the permission table."""

import pytest
from django.urls import reverse

from ideahautomo.accounts import permissions
from ideahautomo.accounts.models import Role, SignUpRequest
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


STAFF_PAGE = expect(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)
SIGNED_IN_PAGE = expect(200, guest=LOGIN)
PUBLIC_PAGE = expect(200)

GET_TABLE = {
    "pages:home": PUBLIC_PAGE,
    "pages:tour": PUBLIC_PAGE,
    "pages:guidelines": PUBLIC_PAGE,
    "pages:privacy": PUBLIC_PAGE,
    "pages:accessibility": PUBLIC_PAGE,
    "pages:welcome": SIGNED_IN_PAGE,
    "accounts:settings": SIGNED_IN_PAGE,
    "accounts:password_change": SIGNED_IN_PAGE,
    "accounts:data_download": SIGNED_IN_PAGE,
    "accounts:delete": SIGNED_IN_PAGE,
    "accounts:two_factor": expect(200, guest=LOGIN, member=404, mentor=404, partner=404),
    "accounts:invitation_list": STAFF_PAGE,
    "accounts:invitation_create": STAFF_PAGE,
    "accounts:invitation_upload": STAFF_PAGE,
    "accounts:sign_up_list": STAFF_PAGE,
    "accounts:areas_overview": expect(403, guest=LOGIN, project_manager=200),
}


@pytest.mark.parametrize("url_name", GET_TABLE)
def test_who_may_open_each_page(cast, client_for, url_name):
    people = cast.by_role()
    assert_role_table(
        page_check(client_for, people, reverse(url_name)),
        GET_TABLE[url_name],
        label=url_name,
    )


ACTION_TABLE = {
    # An invitation of cast.area: the other area's contact person must not learn it exists.
    "accounts:invitation_resend": expect(
        403, guest=LOGIN, contact_person=302, other_contact_person=404, project_manager=302
    ),
    "accounts:invitation_revoke": expect(
        403, guest=LOGIN, contact_person=302, other_contact_person=404, project_manager=302
    ),
}


@pytest.mark.parametrize("url_name", ACTION_TABLE)
def test_who_may_act_on_an_invitation(cast, client_for, url_name):
    def check(role):
        url = reverse(url_name, args=[InvitationFactory(area=cast.area).pk])
        return page_check(client_for, cast.by_role(), url, method="post")(role)

    assert_role_table(check, ACTION_TABLE[url_name], label=url_name)


def test_actions_refuse_get(cast, client_for):
    invitation = InvitationFactory(area=cast.area)
    client = client_for(cast.contact_person)
    for url_name in ACTION_TABLE:
        assert client.get(reverse(url_name, args=[invitation.pk])).status_code == 405


def test_who_may_decide_a_sign_up(cast, client_for):
    table = expect(
        403, guest=LOGIN, contact_person=302, other_contact_person=404, project_manager=302
    )

    def check(role):
        applicant = UserFactory(roles=[], is_active=False, area=cast.area)
        request = SignUpRequest.objects.create(user=applicant)
        url = reverse("accounts:sign_up_decide", args=[request.pk])
        decide = page_check(
            client_for, cast.by_role(), url, method="post", data={"decision": "approve"}
        )
        return decide(role)

    assert_role_table(check, table, label="sign-up decision")


def test_invitable_roles_per_role(cast):
    assert permissions.invitable_roles(cast.member) == ()
    assert permissions.invitable_roles(cast.contact_person) == (Role.MEMBER, Role.MENTOR)
    assert Role.CONTACT_PERSON in permissions.invitable_roles(cast.project_manager)
    assert Role.ADMINISTRATOR not in permissions.invitable_roles(cast.project_manager)


def test_contact_person_orders_only_in_their_own_area(cast):
    assert permissions.can_order_accounts_in_area(cast.contact_person, cast.area)
    assert not permissions.can_order_accounts_in_area(cast.contact_person, cast.other_area)
    assert permissions.can_order_accounts_in_area(cast.project_manager, cast.other_area)
    assert not permissions.can_order_accounts_in_area(cast.moderator, cast.area)


def test_staff_who_see_personal_data_must_use_two_factor(cast):
    people = cast.by_role()
    assert_role_table(
        lambda role: bool(people[role] and permissions.must_use_two_factor(people[role])),
        expect(
            False,
            contact_person=True,
            other_contact_person=True,
            project_manager=True,
            administrator=True,
        ),
    )


def test_every_staff_role_may_use_two_factor_and_no_one_else(cast):
    people = cast.by_role()
    assert_role_table(
        lambda role: bool(people[role] and permissions.can_use_two_factor(people[role])),
        expect(True, guest=False, member=False, mentor=False, partner=False),
    )
