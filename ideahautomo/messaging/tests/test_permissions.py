"""Every role against every view of messaging: the permission table.

No role opens a conversation it is not part of: staff get the same 404 as anyone.
"""

import pytest
from django.urls import reverse

from ideahautomo.messaging import permissions, services
from ideahautomo.profiles.models import Profile
from ideahautomo.testing import (
    LOGIN,
    ROLES,
    assert_role_table,
    expect,
    page_check,
    rule_check,
    status_of,
)

from .helpers import conversation, old_member

pytestmark = pytest.mark.django_db

COMMUNITY_PAGE = expect(403, guest=LOGIN, member=200, mentor=200, partner=200)
# The community and the staff who talk with their clients and each other.
MESSAGING_PAGE = expect(
    403,
    guest=LOGIN,
    member=200,
    mentor=200,
    partner=200,
    contact_person=200,
    other_contact_person=200,
    project_manager=200,
)
SIGNED_IN_PAGE = expect(200, guest=LOGIN)
NOBODY_ELSE = expect(404, guest=LOGIN)

GET_TABLE = {
    "messaging:conversations": MESSAGING_PAGE,
    "messaging:start": MESSAGING_PAGE,
    "messaging:staff_contacts": MESSAGING_PAGE,
    "messaging:blocks": COMMUNITY_PAGE,
    "messaging:notifications": SIGNED_IN_PAGE,
    "messaging:notification_settings": SIGNED_IN_PAGE,
}


@pytest.mark.parametrize("url_name", GET_TABLE)
def test_who_may_open_each_page(cast, client_for, url_name):
    people = cast.by_role()
    assert_role_table(
        page_check(client_for, people, reverse(url_name)),
        GET_TABLE[url_name],
        label=url_name,
    )


@pytest.mark.parametrize("url_name", ["messaging:conversation", "messaging:poll"])
def test_nobody_opens_someone_elses_conversation_whatever_their_role(cast, client_for, url_name):
    others = conversation(old_member(), old_member(), body="Yksityistä")
    people = cast.by_role()
    for role, expected in zip(ROLES, NOBODY_ELSE, strict=True):
        client = client_for(people[role])
        response = client.get(reverse(url_name, args=[others.pk]))
        got = status_of(response)
        assert got == expected, f"{url_name} as {role}: {got}, expected {expected}"
        assert b"Yksityist" not in response.content
        client.logout()


def test_only_the_participant_opens_their_conversation(cast, client_for):
    mine = conversation(old_member(), cast.member, body="Hei Aino")
    people = cast.by_role()
    assert_role_table(
        page_check(client_for, people, reverse("messaging:conversation", args=[mine.pk])),
        expect(404, guest=LOGIN, member=200),
        label="conversation",
    )


def test_nobody_posts_into_or_leaves_someone_elses_conversation(cast, client_for):
    group = conversation(old_member(), old_member(), old_member())
    people = cast.by_role()
    for role, expected in zip(ROLES, NOBODY_ELSE, strict=True):
        client = client_for(people[role])
        posts = [("messaging:conversation", {"body": "Hei"}), ("messaging:leave", {})]
        for url_name, data in posts:
            got = status_of(client.post(reverse(url_name, args=[group.pk]), data))
            assert got == expected, f"{url_name} as {role}: {got}, expected {expected}"
        client.logout()
    assert group.messages.count() == 1


def test_who_may_block_and_report(cast, client_for):
    """Blocking is messaging's; a report of the person goes to moderation, as their profile."""
    people = cast.by_role()
    table = expect(403, guest=LOGIN, member=302, mentor=302, partner=302)
    for role, expected in zip(ROLES, table, strict=True):
        target = old_member()
        if expected == 302:
            conversation(target, people[role])  # one reports only people one has met
        client = client_for(people[role])
        got = status_of(client.post(reverse("messaging:block", args=[target.pk])))
        assert got == expected, f"block as {role}: {got}, expected {expected}"
        report = reverse("moderation:report", args=["profile", target.pk])
        got = status_of(client.post(report, {"reason": "spam"}))
        assert got == expected, f"report as {role}: {got}, expected {expected}"
        client.logout()


def test_who_may_report_a_hidden_person_who_wrote_to_them(cast, client_for):
    """The registry's visibility of a profile is widened by can_report_person: someone one
    has met in a conversation, whatever their profile's visibility."""
    people = cast.by_role()
    table = expect(403, guest=LOGIN, member=302, mentor=302, partner=302)
    for role, expected in zip(ROLES, table, strict=True):
        target = old_member()
        Profile.objects.filter(pk=target.pk).update(visibility=Profile.Visibility.HIDDEN)
        if expected == 302:
            conversation(target, people[role])
        client = client_for(people[role])
        report = reverse("moderation:report", args=["profile", target.pk])
        got = status_of(client.post(report, {"reason": "harassment"}))
        assert got == expected, f"report as {role}: {got}, expected {expected}"
        client.logout()


def test_who_may_report_a_person_by_the_rule(cast):
    target = old_member()
    for person in (cast.member, cast.mentor, cast.partner):
        conversation(target, person)
    assert_role_table(
        rule_check(permissions.can_report_person, cast.by_role(), target),
        expect(False, member=True, mentor=True, partner=True),
        label="can_report_person",
    )


def test_the_old_report_list_address_redirects_everyone_to_the_queue(cast, client_for):
    """The queue itself then lets only moderators in (moderation's own table)."""
    assert_role_table(
        page_check(client_for, cast.by_role(), "/moderointi/ilmoitukset/"),
        expect(301),
        label="old report list",
    )


def test_everyone_signed_in_manages_their_own_notifications(cast, client_for):
    people = cast.by_role()
    assert_role_table(
        page_check(client_for, people, reverse("messaging:notifications_read"), method="post"),
        expect(302, guest=LOGIN),
        label="mark all read",
    )


def test_unsubscribing_needs_no_sign_in(cast, client_for):
    token = services.unsubscribe_token(user=cast.member, kind="idea_comment")
    url = reverse("messaging:unsubscribe", args=[token])
    for role, person in cast.by_role().items():
        client = client_for(person)
        assert client.get(url).status_code == 200, role
        client.logout()


def test_permission_functions_per_role(cast):
    people = cast.by_role()
    community = {"member", "mentor", "partner"}
    staff_line = {"contact_person", "other_contact_person", "project_manager"}
    for role, person in people.items():
        assert permissions.can_use_messaging(person) == (role in community | staff_line), role
        assert permissions.can_block_and_report(person) == (role in community), role
        assert permissions.can_receive_notifications(person) == (role != "guest"), role


def test_who_may_write_to_whom(cast):
    """The pair rule: the community among itself; the staff line between a contact person
    and the clients of their own area, and among staff. The cast's member is a client of
    the cast's contact person's area."""
    people = cast.by_role()
    del people["guest"]
    allowed = {
        ("member", "mentor"),
        ("member", "partner"),
        ("mentor", "partner"),
        ("member", "contact_person"),
        ("contact_person", "other_contact_person"),
        ("contact_person", "project_manager"),
        ("other_contact_person", "project_manager"),
    }
    for sender_role, sender in people.items():
        for recipient_role, recipient in people.items():
            pair = tuple(sorted((sender_role, recipient_role), key=list(people).index))
            expected = sender_role != recipient_role and pair in allowed
            got = permissions.can_message(sender, recipient)
            assert got == expected, f"{sender_role} to {recipient_role}: {got}"
