"""The staff line in the interface: a client finds their contact person, staff find each
other, and a contact person writes to a client from the invitation list."""

import pytest
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    EmploymentAreaFactory,
    InvitationFactory,
    UserFactory,
    user_with_role,
)

from .helpers import conversation, old_member

pytestmark = pytest.mark.django_db
CONTACTS = reverse("messaging:staff_contacts")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def names(response):
    return [person.display_name for person in response.context["contacts"]]


def test_a_client_sees_only_their_own_areas_contact_persons(cast, client_for):
    user_with_role(Role.CONTACT_PERSON, area=cast.other_area, display_name="Vieras Alue")
    response = client_for(cast.member).get(CONTACTS)
    assert names(response) == [cast.contact_person.display_name]
    html = response.content.decode()
    assert "Your contact person" in html
    assert f"?kenelle={cast.contact_person.pk}" in html
    assert "Vieras Alue" not in html
    assert cast.project_manager.display_name not in html


def test_a_client_of_an_area_without_contact_person_is_told_whom_to_ask(cast, client_for):
    response = client_for(UserFactory(area=EmploymentAreaFactory())).get(CONTACTS)
    assert names(response) == []
    assert "Ask the employment services of your municipality" in response.content.decode()


def test_staff_see_every_contact_person_and_the_project_manager_but_no_client(cast, client_for):
    response = client_for(cast.contact_person).get(CONTACTS)
    assert set(names(response)) == {
        cast.other_contact_person.display_name,
        cast.project_manager.display_name,
    }
    assert cast.member.display_name not in response.content.decode()


def test_the_page_reads_a_bounded_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    for number in range(25):
        area = cast.area if number % 2 else cast.other_area
        user_with_role(Role.CONTACT_PERSON, area=area)
    client = client_for(cast.project_manager)
    with django_assert_max_num_queries(8):
        response = client.get(CONTACTS)
    assert len(names(response)) == 27


def test_a_contact_person_writes_to_a_client_from_the_invitation_list(cast, client_for):
    client = old_member(area=cast.area, display_name="Asiakas Yksi")
    InvitationFactory(
        area=cast.area, accepted_user=client, accepted_at=client.date_joined, name="Asiakas Yksi"
    )
    elsewhere = old_member(area=cast.other_area)
    InvitationFactory(
        area=cast.other_area, accepted_user=elsewhere, accepted_at=elsewhere.date_joined
    )
    html = client_for(cast.contact_person).get(reverse("accounts:invitation_list")).content
    assert f"?kenelle={client.pk}".encode() in html
    html = client_for(cast.project_manager).get(reverse("accounts:invitation_list")).content
    # The project manager talks with staff, not with clients.
    assert b"?kenelle=" not in html


def test_a_client_answers_their_contact_person(cast, client_for):
    chat = conversation(cast.contact_person, cast.member, body="Miten voit?")
    web = client_for(cast.member)
    response = web.post(reverse("messaging:conversation", args=[chat.pk]), {"body": "Hyvin!"})
    assert response.status_code == 302
    assert list(chat.messages.values_list("body", flat=True)) == ["Miten voit?", "Hyvin!"]
    page = web.get(reverse("messaging:conversation", args=[chat.pk])).content.decode()
    # Staff are neither blocked nor reported from here by one another, but a client may.
    assert reverse("moderation:report", args=["profile", cast.contact_person.pk]) in page
    report = reverse("moderation:report", args=["profile", cast.contact_person.pk])
    assert web.post(report, {"reason": "other"}).status_code == 302
    staff_page = client_for(cast.contact_person).get(
        reverse("messaging:conversation", args=[chat.pk])
    )
    member_report = reverse("moderation:report", args=["profile", cast.member.pk])
    assert member_report not in staff_page.content.decode()


def test_the_start_page_refuses_another_areas_client_as_an_unknown_person(cast, client_for):
    elsewhere = old_member(area=cast.other_area, display_name="Toinen Alue")
    web = client_for(cast.contact_person)
    response = web.post(f"{reverse('messaging:start')}?kenelle={elsewhere.pk}", {"body": "Hei"})
    assert response.status_code == 400
    assert "Toinen Alue" not in response.content.decode()
    assert not elsewhere.conversation_memberships.exists()
