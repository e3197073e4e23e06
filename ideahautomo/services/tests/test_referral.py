"""A contact person sends a service to a client: who may, to whom, what the client gets,
and what is refused."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from ideahautomo.accounts.models import AuditEvent
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.services.models import Service
from ideahautomo.testing import LOGIN, ROLES, expect, status_of

from .factories import PartnerOrganisationFactory, service_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return service_for(PartnerOrganisationFactory(), title="TyöParkki", is_drop_in=True)


def refer_url(service):
    return reverse("services:refer", args=[service.pk])


def send(client, service, email, note="Tästä voisi olla apua hakemukseen."):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(refer_url(service), {"client_email": email, "note": note})


@pytest.mark.parametrize(
    ("role", "expected"),
    list(
        zip(
            ROLES,
            expect(
                404,
                guest=LOGIN,
                contact_person=200,
                other_contact_person=200,
                project_manager=200,
            ),
            strict=True,
        )
    ),
)
def test_who_may_open_the_referral_form(cast, client_for, service, role, expected):
    response = client_for(cast.by_role()[role]).get(refer_url(service))
    assert status_of(response) == expected


def test_the_button_shows_only_to_those_who_may_send(cast, client_for, service):
    url = service.get_absolute_url()
    assert refer_url(service) in client_for(cast.contact_person).get(url).content.decode()
    assert refer_url(service) not in client_for(cast.member).get(url).content.decode()


def test_a_contact_person_sends_a_service_to_a_client_of_their_area(cast, client_for, service):
    response = send(client_for(cast.contact_person), service, "JASEN@example.fi")
    assert response.status_code == 302
    [notice] = Notification.objects.filter(recipient=cast.member)
    assert notice.kind == NotificationKind.SERVICE_REFERRAL
    assert notice.url == service.get_absolute_url()
    assert "TyöParkki" in notice.text and "hakemukseen" in notice.text
    assert "Sari Yhteys" in notice.text
    assert [message.to for message in mail.outbox] == [[cast.member.email]]  # at once, by default
    assert AuditEvent.objects.filter(action="service.referred", actor=cast.contact_person).exists()


@pytest.mark.parametrize(
    "email",
    ["vantaa-asiakas@example.fi", "pp@example.fi", "ei-ketaan@example.fi", "yhteys@example.fi"],
)
def test_only_the_contact_persons_own_clients_can_be_sent_to(cast, client_for, service, email):
    UserFactory(email="vantaa-asiakas@example.fi", area=cast.other_area)
    response = send(client_for(cast.contact_person), service, email)
    assert response.status_code == 400
    assert "Kenelläkään asiakkaistasi ei ole tätä sähköpostiosoitetta" in (
        response.content.decode()
    )
    assert not Notification.objects.filter(kind=NotificationKind.SERVICE_REFERRAL).exists()
    assert not mail.outbox


def test_the_project_manager_sends_to_a_member_of_any_area(cast, client_for, service):
    other = UserFactory(email="vantaa-asiakas@example.fi", area=cast.other_area)
    assert send(client_for(cast.project_manager), service, other.email).status_code == 302
    assert Notification.objects.filter(recipient=other).count() == 1


def test_a_hidden_service_cannot_be_sent(cast, client_for, service):
    Service.objects.filter(pk=service.pk).update(is_active=False)
    assert send(client_for(cast.contact_person), service, cast.member.email).status_code == 404
    assert not Notification.objects.exists()


def test_a_bad_address_and_a_long_note_are_refused_in_finnish(cast, client_for, service):
    response = send(client_for(cast.contact_person), service, "ei osoite", note="x" * 501)
    assert response.status_code == 400
    assert "Syötä kelvollinen sähköpostiosoite." in response.content.decode()
    assert not Notification.objects.exists()


def test_the_note_is_shown_as_text_never_as_html(cast, client_for, service):
    send(
        client_for(cast.contact_person),
        service,
        cast.member.email,
        note="<script>alert(1)</script>",
    )
    page = client_for(cast.member).get(reverse("messaging:notifications")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_sending_is_rate_limited(cast, client_for, service):
    client = client_for(cast.contact_person)
    for _ in range(30):
        assert send(client, service, cast.member.email).status_code == 302
    response = send(client, service, cast.member.email)
    assert response.status_code == 400
    assert "enintään 30 kertaa tunnissa" in response.content.decode()
    assert Notification.objects.filter(kind=NotificationKind.SERVICE_REFERRAL).count() == 30


def test_the_form_has_bounded_queries(cast, client_for, service, django_assert_max_num_queries):
    client = client_for(cast.contact_person)
    with django_assert_max_num_queries(12):
        client.get(refer_url(service))


# A member shares a service by message


def test_a_member_shares_a_service_with_someone_they_talk_with(cast, client_for, service):
    from ideahautomo.messaging.tests.helpers import conversation

    friend = UserFactory(display_name="Bertta Ystävä")
    conversation(cast.member, friend)
    client = client_for(cast.member)
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Bertta Ystävä" in page and 'name="kenelle"' in page
    start = client.get(
        reverse("messaging:start"),
        {
            "kenelle": friend.pk,
            "aihe": service.title,
            "teksti": f"http://testserver/palvelut/{service.pk}/",
        },
    )
    form = start.context["form"]
    assert form["subject"].value() == "TyöParkki"
    assert form["body"].value() == f"http://testserver/palvelut/{service.pk}/"
    assert [person.pk for person in start.context["recipients"]] == [friend.pk]


def test_nobody_to_share_with_no_share_form(cast, client_for, service):
    assert (
        'name="kenelle"'
        not in client_for(cast.member).get(service.get_absolute_url()).content.decode()
    )
    assert 'name="kenelle"' not in client_for(None).get(service.get_absolute_url()).content.decode()


def test_a_blocked_person_is_not_offered(cast, client_for, service):
    from ideahautomo.messaging import services as messaging_services
    from ideahautomo.messaging.tests.helpers import conversation

    friend = UserFactory(display_name="Bertta Ystävä")
    conversation(cast.member, friend)
    messaging_services.block_create(actor=friend, blocked=cast.member)
    page = client_for(cast.member).get(service.get_absolute_url()).content.decode()
    assert "Bertta Ystävä" not in page


@pytest.mark.parametrize("partners", [1, 12])
def test_the_service_page_queries_do_not_grow_with_the_people_to_share_with(
    cast, client_for, service, partners, django_assert_max_num_queries
):
    from ideahautomo.messaging.tests.helpers import conversation

    for _ in range(partners):
        conversation(UserFactory(), cast.member)  # they wrote first
    client = client_for(cast.member)
    with django_assert_max_num_queries(16):
        response = client.get(service.get_absolute_url())
    assert response.content.decode().count("<option") == partners
