"""The project manager invites partner staff in the app, choosing their organisation."""

import pytest
from django.core import mail
from django.urls import reverse

from ideahautomo.accounts.models import Invitation, Role, User

from .factories import INVITATION_LINK, PartnerOrganisationFactory
from .test_invitation_accept import accept

pytestmark = pytest.mark.django_db


def partner_data(area, organisation=None, **overrides):
    data = {
        "name": "Pia Kumppani",
        "email": "pia@example.fi",
        "language": "sv",
        "role": "partner",
        "area": area.pk,
    }
    if organisation is not None:
        data["organisation"] = organisation.pk
    data.update(overrides)
    return data


def test_an_accepted_partner_invitation_gives_the_partner_role_for_that_organisation(
    cast, client_for, django_capture_on_commit_callbacks
):
    organisation = PartnerOrganisationFactory(name="Kierrätyskeskus ry")
    client = client_for(cast.project_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create"), partner_data(cast.area, organisation)
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.organisation) == (Role.PARTNER, organisation)
    link = INVITATION_LINK.search(mail.outbox[-1].body).group(1)
    client.logout()

    assert accept(client, link).status_code == 302

    user = User.objects.get(email="pia@example.fi")
    assert user.roles[Role.PARTNER].organisation == organisation
    assert user.has_role(Role.MEMBER)
    assert user.language == "sv"


def test_a_partner_invitation_without_an_organisation_is_refused_and_nothing_is_sent(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for(cast.project_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invitation_create"), partner_data(cast.area))

    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [
        "Valitse organisaatio, jossa kumppani työskentelee."
    ]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_organisation_is_kept_only_for_a_partner(cast, client_for):
    organisation = PartnerOrganisationFactory()
    client_for(cast.project_manager).post(
        reverse("accounts:invitation_create"),
        partner_data(cast.area, organisation, role="mentor"),
    )
    assert Invitation.objects.get().organisation is None


def test_a_contact_person_cannot_invite_partner_staff(cast, client_for):
    organisation = PartnerOrganisationFactory()
    client = client_for(cast.contact_person)
    form = client.get(reverse("accounts:invitation_create")).context["form"]
    assert "organisation" not in form.fields

    response = client.post(
        reverse("accounts:invitation_create"), partner_data(cast.area, organisation)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not Invitation.objects.exists()
