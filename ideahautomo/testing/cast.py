"""A fixed cast of people, one per role, in two employment areas (Zulip-style), and
test clients signed in as them. A pytest plugin: the root conftest loads its fixtures."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django_otp import DEVICE_ID_SESSION_KEY

from ideahautomo.accounts.models import EmploymentArea, Role
from ideahautomo.accounts.permissions import must_use_two_factor
from ideahautomo.accounts.tests.factories import (
    EmploymentAreaFactory,
    UserFactory,
    authenticator_for,
    user_with_role,
)


@dataclass
class Cast:
    area: EmploymentArea
    other_area: EmploymentArea
    member: object
    mentor: object
    partner: object
    contact_person: object
    other_contact_person: object
    project_manager: object
    moderator: object
    administrator: object

    def by_role(self):
        """Every kind of viewer, guest included (None), for permission tables."""
        return {
            "guest": None,
            "member": self.member,
            "mentor": self.mentor,
            "partner": self.partner,
            "contact_person": self.contact_person,
            "other_contact_person": self.other_contact_person,
            "project_manager": self.project_manager,
            "moderator": self.moderator,
            "administrator": self.administrator,
        }

    def users(self):
        """by_role() with the guest as the anonymous user a request carries, for
        permission functions."""
        return {role: person or AnonymousUser() for role, person in self.by_role().items()}


def cast_create():
    """The cast: a member of the first area, a mentor, a partner with an organisation,
    a contact person of each area, a project manager, a moderator, an administrator."""
    area = EmploymentAreaFactory(name="Helsingin testialue")
    other_area = EmploymentAreaFactory(name="Vantaan testialue")
    return Cast(
        area=area,
        other_area=other_area,
        member=UserFactory(email="jasen@example.fi", display_name="Aino Jäsen", area=area),
        mentor=user_with_role(Role.MENTOR, email="mentori@example.fi"),
        partner=user_with_role(Role.PARTNER, email="kumppani@example.fi"),
        contact_person=user_with_role(
            Role.CONTACT_PERSON, area=area, email="yhteys@example.fi", display_name="Sari Yhteys"
        ),
        other_contact_person=user_with_role(
            Role.CONTACT_PERSON, area=other_area, email="vantaa@example.fi"
        ),
        project_manager=user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi"),
        moderator=user_with_role(Role.MODERATOR, email="moderaattori@example.fi"),
        administrator=user_with_role(Role.ADMINISTRATOR, email="yllapito@example.fi"),
    )


@pytest.fixture
def cast(db):
    return cast_create()


def two_factor_verify(client, user):
    """Give user a confirmed authenticator and mark the client's session as verified."""
    device = authenticator_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def client_for(client):
    """client_for(user) signs the test client in as user (None stays a guest).

    Staff who must use two-step sign-in are signed in with their second step
    done, as they must be (verified=False leaves it undone).
    """

    def sign_in(user, *, verified=True):
        if user is not None:
            client.force_login(user, backend="ideahautomo.accounts.backends.EmailBackend")
            if verified and must_use_two_factor(user):
                two_factor_verify(client, user)
        return client

    return sign_in


@pytest.fixture
def english_client_for(client_for):
    """english_client_for(user): client_for(user) with English chosen as the interface
    language, for tests that read the page's words."""

    def sign_in(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return sign_in
