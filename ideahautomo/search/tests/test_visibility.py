"""Who finds what: every kind's rule for every role, private circles, connections and
blocks, on the page and in the selectors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle
from ideahautomo.events.models import Event
from ideahautomo.events.tests.factories import EventFactory
from ideahautomo.guides.tests.factories import guide_for
from ideahautomo.ideas import services as idea_services
from ideahautomo.ideas.models import Idea
from ideahautomo.messaging import services as messaging_services
from ideahautomo.profiles.models import Profile
from ideahautomo.services.tests.factories import service_for
from ideahautomo.stories.tests.factories import own_story, published_story
from ideahautomo.testing import ROLES

from .helpers import circle, found

pytestmark = pytest.mark.django_db

PUBLIC = {
    "Suomea arjessa",
    "Suomea kaikille",
    "Avoin työpaja suomea",
    "Suomea työnhakuun",
    "Suomea oppimaan",
    "Suomea opin piirissä",
}
SIGNED_IN = {"Jäsenten työpaja suomea"}
MEMBERS = {"Suomea jäsenille", "Suomea jäsenten kesken", "Paula Puhuja"}
COMMUNITY = PUBLIC | SIGNED_IN | MEMBERS
STAFF = PUBLIC | SIGNED_IN
EXPECTED = {
    "guest": PUBLIC,
    "member": COMMUNITY,
    "mentor": COMMUNITY,
    "partner": COMMUNITY,
    "contact_person": STAFF,
    "other_contact_person": STAFF,
    "project_manager": STAFF,
    "moderator": STAFF,
    "administrator": STAFF,
}
NEVER = {
    "Suomea salaa",
    "Suominen arkistossa",
    "Luonnos suomea",
    "Ehdotettu suomea",
    "Hilkka Piilossa",
    "Kerttu Kontakti",
    "Suljettu suomea",
    "Keskeneräinen tarina suomesta",
}


def idea(owner, title, visibility):
    return idea_services.idea_create(
        actor=owner,
        title=title,
        description="Opetellaan suomea yhdessä.",
        category=Idea.Category.LEARNING,
        municipality=None,
        online=True,
        visibility=visibility,
    )


def person(name, visibility, **profile):
    user = UserFactory(display_name=name)
    Profile.objects.update_or_create(
        user=user,
        defaults={"visibility": visibility, "can_help_with": "Puhun suomea.", **profile},
    )
    return user


def event(title, **fields):
    return EventFactory(
        title=title,
        description="Harjoitellaan suomea.",
        description_html="<p>Harjoitellaan suomea.</p>",
        **fields,
    )


@pytest.fixture
def content(cast):
    organiser = UserFactory(display_name="Olli Järjestäjä")
    circle(organiser, name="Suomea arjessa")
    circle(organiser, name="Suomea jäsenille", visibility=Circle.Visibility.MEMBERS)
    circle(UserFactory(), name="Suomea salaa", visibility=Circle.Visibility.PRIVATE)
    idea(organiser, "Suomea kaikille", Idea.Visibility.PUBLIC)
    idea(organiser, "Suomea jäsenten kesken", Idea.Visibility.MEMBERS)
    archived = idea(cast.mentor, "Suominen arkistossa", Idea.Visibility.PUBLIC)
    idea_services.idea_archive(actor=cast.mentor, idea=archived)
    event("Avoin työpaja suomea")
    event("Jäsenten työpaja suomea", is_public=False)
    event("Ehdotettu suomea", status=Event.Status.PROPOSED)
    organisation = PartnerOrganisationFactory()
    service_for(organisation, title="Suomea työnhakuun", summary="Suomea työnhakuun.")
    service_for(organisation, title="Suljettu suomea", summary="Suomea.", is_active=False)
    guide_for(texts={"fi": {"title": "Suomea oppimaan", "summary": "Suomea.", "body": "Suomea."}})
    guide_for(
        publish=False,
        texts={"fi": {"title": "Luonnos suomea", "summary": "Suomea.", "body": "Suomea."}},
    )
    writer = UserFactory()
    published_story(
        cast.project_manager,
        cast.project_manager,
        writer,
        title="Suomea opin piirissä",
        body="Opin suomea piirissä.",
    )
    own_story(UserFactory(), submit=False, title="Keskeneräinen tarina suomesta")
    person("Paula Puhuja", Profile.Visibility.MEMBERS)
    person("Hilkka Piilossa", Profile.Visibility.HIDDEN)
    person("Kerttu Kontakti", Profile.Visibility.CONNECTIONS)
    return organiser


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_what_it_may_see(cast, content, role):
    viewer = cast.by_role()[role] or AnonymousUser()

    titles = set(found(viewer, "suomea"))

    assert titles == EXPECTED[role]
    assert not titles & NEVER


@pytest.mark.parametrize("role", ROLES)
def test_the_page_shows_each_role_the_same(cast, content, client_for, role):
    client = client_for(cast.by_role()[role])

    response = client.get(reverse("search:search"), {"q": "suomea", "tyyppi": ""})
    page = response.content.decode()

    assert response.status_code == 200
    shown = {title for title in EXPECTED["member"] | NEVER if f">{title}</a>" in page}
    assert shown == EXPECTED[role]


def test_a_private_circle_is_found_by_its_members_and_the_invited_only(cast):
    made = circle(cast.mentor, name="Suomea salaa", visibility=Circle.Visibility.PRIVATE)
    invited = UserFactory()
    outsider = UserFactory()
    circle_services.circle_invitation_create(actor=cast.mentor, circle=made, invitee=invited)

    assert found(cast.mentor, "suomea") == ["Suomea salaa"]
    assert found(invited, "suomea") == ["Suomea salaa"]
    assert found(outsider, "suomea") == []
    assert found(cast.project_manager, "suomea") == []


def test_connections_only_profiles_are_found_by_connections(cast):
    kerttu = person("Kerttu Kontakti", Profile.Visibility.CONNECTIONS)
    made = circle(kerttu, name="Neulepiiri", description="Neulomme.")
    friend = UserFactory()
    stranger = UserFactory()
    circle_services.circle_join(actor=friend, circle=made)

    assert "Kerttu Kontakti" in found(friend, "suomea")
    assert "Kerttu Kontakti" not in found(stranger, "suomea")


def test_a_block_hides_people_both_ways(cast):
    paula = person("Paula Puhuja", Profile.Visibility.MEMBERS)
    assert found(cast.member, "suomea") == ["Paula Puhuja"]

    messaging_services.block_create(actor=paula, blocked=cast.member)

    assert found(cast.member, "suomea") == []
    assert found(cast.mentor, "suomea") == ["Paula Puhuja"]


def test_a_staff_only_account_is_never_found_as_a_person(cast):
    Profile.objects.update_or_create(
        user=cast.project_manager,
        defaults={"visibility": Profile.Visibility.MEMBERS, "can_help_with": "Suomea."},
    )

    assert found(cast.member, "suomea") == []


def test_one_hides_their_profile_and_is_no_longer_found(cast):
    paula = person("Paula Puhuja", Profile.Visibility.MEMBERS)
    assert found(cast.member, "suomea") == ["Paula Puhuja"]

    profile = paula.profile
    profile.visibility = Profile.Visibility.HIDDEN
    profile.save()

    assert found(cast.member, "suomea") == []
    cast.member.refresh_from_db()


def test_a_closed_account_is_no_longer_found(cast):
    paula = person("Paula Puhuja", Profile.Visibility.MEMBERS)
    paula.is_active = False
    paula.save()

    assert found(cast.member, "suomea") == []


def test_a_partner_organisation_role_still_finds_people(cast):
    partner = cast.partner
    assert partner.has_role(Role.PARTNER)
    person("Paula Puhuja", Profile.Visibility.MEMBERS)

    assert found(partner, "suomea") == ["Paula Puhuja"]


def test_losing_the_member_role_takes_the_person_out_of_search(cast):
    paula = person("Paula Puhuja", Profile.Visibility.MEMBERS)
    assert found(cast.member, "suomea") == ["Paula Puhuja"]

    paula.role_assignments.filter(role=Role.MEMBER).delete()

    assert found(cast.member, "suomea") == []


def test_a_private_circle_of_an_organisation_is_found_by_its_staff(cast):
    organisation = cast.partner.roles[Role.PARTNER].organisation
    colleague = UserFactory(roles=[])
    colleague.role_assignments.create(role=Role.PARTNER, organisation=organisation)
    circle(
        colleague,
        name="Suomea ryhmässä",
        visibility=Circle.Visibility.PRIVATE,
        organiser_organisation=organisation,
    )
    other_staff = UserFactory(roles=[])
    other_staff.role_assignments.create(
        role=Role.PARTNER, organisation=PartnerOrganisationFactory()
    )

    assert found(cast.partner, "suomea") == ["Suomea ryhmässä"]
    assert found(other_staff, "suomea") == []
    assert found(cast.member, "suomea") == []
