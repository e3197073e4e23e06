"""Who may learn a person's name from their id: the new-conversation page and the report
form show it only to those who may see the person; anyone else gets exactly what an
unknown id gets."""

import re

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.messaging import permissions, services
from ideahautomo.messaging.models import Block
from ideahautomo.moderation.models import Report
from ideahautomo.profiles import connections
from ideahautomo.profiles.models import Profile
from ideahautomo.testing import ROLES

from .helpers import conversation, old_member

pytestmark = pytest.mark.django_db

NAME = "Salla Salainen"
UNKNOWN_ID = 987654
COMMUNITY = {"member", "mentor", "partner"}
STAFF_ONLY = [Role.CONTACT_PERSON, Role.PROJECT_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR]


def person_with(visibility=Profile.Visibility.MEMBERS, **kwargs):
    person = old_member(display_name=NAME, **kwargs)
    Profile.objects.filter(pk=person.pk).update(visibility=visibility)
    return person


@pytest.fixture
def same_group():
    """Makes pairs of people connected, as sharing a circle or an idea team would."""
    pairs = set()

    def source(user_id):
        return [b for a, b in pairs if a == user_id] + [a for a, b in pairs if b == user_id]

    connections.register_connection_source(source)
    yield lambda first, second: pairs.add((first.pk, second.pk))
    connections._sources.remove(source)


# The rule: permissions.can_see_person


@pytest.mark.parametrize(
    ("visibility", "community_sees"),
    [
        (Profile.Visibility.MEMBERS, True),
        (Profile.Visibility.CONNECTIONS, False),
        (Profile.Visibility.HIDDEN, False),
    ],
)
def test_who_may_see_a_persons_name_by_role_and_visibility(cast, visibility, community_sees):
    person = person_with(visibility)
    for role in ROLES:
        viewer = cast.by_role()[role]
        expected = community_sees and role in COMMUNITY
        assert permissions.can_see_person(viewer, person) is expected, f"{visibility} by {role}"


def test_people_in_the_same_circles_and_ideas_see_a_connections_only_name(cast, same_group):
    person = person_with(Profile.Visibility.CONNECTIONS)
    same_group(person, cast.mentor)
    assert permissions.can_see_person(cast.mentor, person) is True
    assert permissions.can_see_person(cast.partner, person) is False


@pytest.mark.parametrize("direction", ["viewer_blocked", "blocked_the_viewer"])
def test_a_block_either_way_hides_the_name(cast, direction):
    person = person_with()
    if direction == "viewer_blocked":
        services.block_create(actor=cast.member, blocked=person)
    else:
        services.block_create(actor=person, blocked=cast.member)
    assert permissions.can_see_person(cast.member, person) is False
    assert permissions.can_see_person(cast.mentor, person) is True


# Who learns a staff-only account's name from its id: only those on its staff line.
NAMED_STAFF = {
    Role.CONTACT_PERSON: {"member", "contact_person", "other_contact_person", "project_manager"},
    Role.PROJECT_MANAGER: {"contact_person", "other_contact_person", "project_manager"},
    Role.MODERATOR: set(),
    Role.ADMINISTRATOR: set(),
}


@pytest.mark.parametrize("role", STAFF_ONLY)
def test_staff_only_accounts_are_named_only_on_their_staff_line(cast, role):
    from ideahautomo.accounts.tests.factories import user_with_role

    staff = user_with_role(role, area=cast.area, display_name=NAME)
    for viewer_role in ROLES:
        expected = viewer_role in NAMED_STAFF[role]
        seen = permissions.can_see_person(cast.by_role()[viewer_role], staff)
        assert seen is expected, f"{viewer_role} sees a {role}: {seen}"


def test_a_contact_person_is_not_named_to_another_areas_client(cast):
    from ideahautomo.accounts.tests.factories import UserFactory, user_with_role

    staff = user_with_role(Role.CONTACT_PERSON, area=cast.area, display_name=NAME)
    elsewhere = UserFactory(area=cast.other_area)
    assert permissions.can_see_person(elsewhere, staff) is False
    assert permissions.can_see_person(staff, elsewhere) is False
    assert permissions.can_see_person(staff, cast.member) is True


def test_closed_accounts_are_never_named_by_id(cast):
    assert permissions.can_see_person(cast.member, person_with(is_active=False)) is False


@pytest.mark.parametrize("setting", ["hidden", "viewer_blocked", "blocked_the_viewer"])
def test_someone_one_already_talks_with_stays_named(cast, setting):
    """Their name is on the viewer's conversation page anyway."""
    person = person_with(
        Profile.Visibility.HIDDEN if setting == "hidden" else Profile.Visibility.MEMBERS
    )
    conversation(person, cast.member)
    if setting == "viewer_blocked":
        services.block_create(actor=cast.member, blocked=person)
    elif setting == "blocked_the_viewer":
        services.block_create(actor=person, blocked=cast.member)
    assert permissions.can_see_person(cast.member, person) is True


def test_leaving_a_group_conversation_ends_what_it_showed(cast):
    person = person_with(Profile.Visibility.HIDDEN)
    group = conversation(person, cast.member, old_member())
    services.conversation_leave(actor=cast.member, conversation=group)
    assert permissions.can_see_person(cast.member, person) is False


# The new-conversation page


def invisible(kind, cast):
    """A person the member may not see, made in one of the ways that hide them."""
    from ideahautomo.accounts.tests.factories import user_with_role

    if kind == "hidden":
        return person_with(Profile.Visibility.HIDDEN)
    if kind == "connections":
        return person_with(Profile.Visibility.CONNECTIONS)
    if kind == "staff":
        return user_with_role(Role.MODERATOR, display_name=NAME)
    person = person_with()
    if kind == "viewer_blocked":
        Block.objects.create(blocker=cast.member, blocked=person)
    else:
        Block.objects.create(blocker=person, blocked=cast.member)
    return person


KINDS = ["hidden", "connections", "staff", "viewer_blocked", "blocked_the_viewer"]


def page_of(response, person_id):
    """The page with what differs by request alone (the id asked, the CSRF token) left out."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return page.replace(f"kenelle%3D{person_id}", "kenelle%3DID")


@pytest.mark.parametrize("kind", KINDS)
def test_the_new_conversation_page_answers_as_for_an_unknown_id(cast, client_for, kind):
    person = invisible(kind, cast)
    client = client_for(cast.member)
    url = reverse("messaging:start") + "?kenelle={}"
    unknown = client.get(url.format(UNKNOWN_ID))
    response = client.get(url.format(person.pk))
    assert response.status_code == unknown.status_code == 200
    assert NAME not in response.content.decode()
    assert page_of(response, person.pk) == page_of(unknown, UNKNOWN_ID)
    posted = client.post(url.format(person.pk), {"body": "Hei"})
    assert NAME not in posted.content.decode()
    assert not person.conversation_memberships.exists()


def test_the_new_conversation_page_names_only_those_one_may_see_in_a_group(cast, client_for):
    shown, hidden = old_member(display_name="Näkyvä Nimi"), person_with(Profile.Visibility.HIDDEN)
    url = reverse("messaging:start") + f"?kenelle={shown.pk}&kenelle={hidden.pk}"
    response = client_for(cast.member).get(url)
    assert response.context["recipients"] == [shown]
    assert "Näkyvä Nimi" in response.content.decode()
    assert NAME not in response.content.decode()


def test_the_new_conversation_page_takes_few_queries_for_a_full_group(
    cast, client_for, django_assert_max_num_queries
):
    people = [old_member() for _ in range(9)]
    query = "&".join(f"kenelle={person.pk}" for person in people)
    client = client_for(cast.member)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("messaging:start") + "?" + query)
    assert len(response.context["recipients"]) == 9


# The report form (moderation's, for the person's profile: a profile's id is its user's)


def report_url(person_id):
    return reverse("moderation:report", args=["profile", person_id])


@pytest.mark.parametrize("kind", KINDS)
def test_the_report_form_answers_as_for_an_unknown_id(cast, client_for, same_group, kind):
    person = invisible(kind, cast)
    if kind != "connections":  # sharing a group would let them see a connections-only one
        same_group(person, cast.member)  # they have met; still not to be named
    client = client_for(cast.member)
    unknown = client.get(report_url(UNKNOWN_ID))
    response = client.get(report_url(person.pk))
    assert response.status_code == unknown.status_code == 404
    assert NAME not in response.content.decode()
    posted = client.post(report_url(person.pk), {"reason": "spam"})
    assert posted.status_code == 404
    assert not Report.objects.exists()


def test_a_hidden_profile_is_reported_only_by_people_one_has_met(cast, client_for, same_group):
    stranger = person_with(Profile.Visibility.CONNECTIONS)
    circle_mate = person_with(Profile.Visibility.CONNECTIONS)
    correspondent = person_with(Profile.Visibility.HIDDEN)
    same_group(circle_mate, cast.member)
    conversation(correspondent, cast.member)
    client = client_for(cast.member)

    def status(person):
        return client.get(report_url(person.pk)).status_code

    assert status(stranger) == 404
    assert status(circle_mate) == 200
    assert status(correspondent) == 200
    assert permissions.can_report_person(cast.member, stranger) is False
    assert permissions.can_report_person(cast.member, correspondent) is True


def test_reporting_a_hidden_profile_shows_the_name_but_not_the_profile(cast, client_for):
    troll = person_with(Profile.Visibility.HIDDEN)
    Profile.objects.filter(pk=troll.pk).update(introduction="Salainen esittely")
    conversation(troll, cast.member, body="Anna rahaa")
    page = client_for(cast.member).get(report_url(troll.pk)).content.decode()
    assert NAME in page
    assert "Salainen esittely" not in page


def test_someone_who_wrote_to_one_can_be_reported_even_when_blocked_and_hidden(cast, client_for):
    troll = person_with(Profile.Visibility.HIDDEN)
    chat = conversation(troll, cast.member, body="Anna rahaa")
    services.block_create(actor=cast.member, blocked=troll)
    message = chat.messages.get()
    client = client_for(cast.member)
    assert client.post(report_url(troll.pk), {"reason": "scam"}).status_code == 302
    message_url = reverse("moderation:report", args=["message", message.pk])
    assert client.post(message_url, {"reason": "scam"}).status_code == 302
    reported = Report.objects.order_by("kind").values_list("kind", "object_id", "author")
    assert list(reported) == [("message", message.pk, troll.pk), ("profile", troll.pk, troll.pk)]


# Blocking and unblocking by id


def test_blocking_someone_one_may_not_see_answers_as_for_an_unknown_id(cast, client_for):
    hidden = person_with(Profile.Visibility.HIDDEN)
    client = client_for(cast.member)
    assert client.post(reverse("messaging:block", args=[UNKNOWN_ID])).status_code == 404
    response = client.post(reverse("messaging:block", args=[hidden.pk]), follow=True)
    assert response.status_code == 404
    assert NAME not in response.content.decode()
    assert not Block.objects.exists()


def test_unblocking_names_only_someone_one_has_blocked(cast, client_for):
    stranger = person_with()
    client = client_for(cast.member)
    response = client.post(reverse("messaging:unblock", args=[stranger.pk]), follow=True)
    assert response.status_code == 404
    assert NAME not in response.content.decode()
    services.block_create(actor=cast.member, blocked=stranger)
    response = client.post(reverse("messaging:unblock", args=[stranger.pk]), follow=True)
    assert NAME in response.content.decode()
    assert not Block.objects.exists()
