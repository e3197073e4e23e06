"""Organisers' care of a circle: editing it, inviting people, removing members, naming
organisers; and invitees answering. Every role, bad input, bounded queries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import permissions, services
from ideahautomo.circles.models import Circle, CircleInvitation, Membership
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.models import Profile
from ideahautomo.testing import LOGIN, ROLES, assert_role_table, expect, page_check, status_of

from .test_circles import start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """English pages (the cookie beats the person's own language) and English messages."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def edit_data(circle, **changes):
    data = {
        "name": circle.name,
        "topic": circle.topic,
        "description": circle.description,
        "language": circle.language,
        "level": circle.level,
        "format": circle.format,
        "municipality": circle.municipality_id or "",
        "meeting_place": circle.meeting_place,
        "online_link": circle.online_link,
        "capacity": circle.capacity or "",
        "policy": circle.policy,
        "visibility": circle.visibility,
    }
    data.update(changes)
    return data


MANAGE_TABLES = {
    # cast.member organises; mentor is an ordinary member of the circle.
    Circle.Visibility.PRIVATE: expect(404, member="ok", mentor=403),
    Circle.Visibility.MEMBERS: expect(404, member="ok", mentor=403, partner=403),
    Circle.Visibility.PUBLIC: expect(403, guest=LOGIN, member="ok"),
}


@pytest.mark.parametrize("visibility", list(MANAGE_TABLES))
def test_who_may_manage_a_circle(cast, client_for, visibility):
    circle = start(cast.member, visibility=visibility, capacity=None)
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=cast.mentor)
    services.circle_join(actor=cast.mentor, circle=circle)
    mentor_membership = Membership.objects.get(circle=circle, user=cast.mentor)
    for role, expected in zip(ROLES, MANAGE_TABLES[visibility], strict=True):
        target = UserFactory()
        services.circle_invitation_create(actor=cast.member, circle=circle, invitee=target)
        services.circle_join(actor=target, circle=circle)
        target_membership = Membership.objects.get(circle=circle, user=target)
        requests = {
            "edit": ("get", reverse("circles:edit", args=[circle.pk]), {}, 200),
            "edit_send": (
                "post",
                reverse("circles:edit", args=[circle.pk]),
                edit_data(circle, name="Uusi nimi"),
                302,
            ),
            "members": ("get", reverse("circles:members", args=[circle.pk]), {"nimi": "Aino"}, 200),
            "invite": (
                "post",
                reverse("circles:invite", args=[circle.pk]),
                {"kayttaja": UserFactory().pk},
                302,
            ),
            "organiser_add": (
                "post",
                reverse("circles:organiser_add", args=[circle.pk, target_membership.pk]),
                {},
                302,
            ),
            "member_remove": (
                "post",
                reverse("circles:member_remove", args=[circle.pk, target_membership.pk]),
                {},
                302,
            ),
        }
        client = client_for(cast.by_role()[role])
        for name, (method, url, data, allowed) in requests.items():
            got = status_of(getattr(client, method)(url, data))
            want = allowed if expected == "ok" else expected
            assert got == want, f"{name} of a {visibility} circle as {role}: {got}, want {want}"
        still_there = Membership.objects.filter(pk=target_membership.pk).exists()
        assert still_there == (expected != "ok"), role
        client.logout()
    assert Membership.objects.get(pk=mentor_membership.pk).is_organiser is False
    assert CircleInvitation.objects.filter(circle=circle).count() == 1  # the organiser's one


def test_actions_refuse_get(cast, client_for):
    circle = start(cast.member)
    membership = Membership.objects.get(circle=circle)
    client = client_for(cast.member)
    for url in (
        reverse("circles:invite", args=[circle.pk]),
        reverse("circles:invitation_answer", args=[circle.pk]),
        reverse("circles:member_remove", args=[circle.pk, membership.pk]),
        reverse("circles:organiser_add", args=[circle.pk, membership.pk]),
    ):
        assert client.get(url).status_code == 405


def test_editing_validates_like_starting_and_keeps_places_for_the_members(cast, client_for):
    circle = start(cast.member, capacity=4, description="Vanha")
    for _number in range(2):
        services.circle_join(actor=UserFactory(), circle=circle)
    client = client_for(cast.member)
    url = reverse("circles:edit", args=[circle.pk])

    for changes, field in [
        ({"capacity": 2}, "capacity"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"online_link": "http://example.fi/huone"}, "online_link"),
        ({"format": "in_person", "municipality": ""}, "municipality"),
        ({"name": ""}, "name"),
        ({"description": "x" * 5001}, "description"),
    ]:
        response = client.post(url, edit_data(circle, **changes))
        assert response.status_code == 200, changes
        assert field in response.context["form"].errors, changes
    response = client.post(url, edit_data(circle, capacity=2))
    assert "already has 3 members" in response.content.decode()
    circle.refresh_from_db()
    assert circle.capacity == 4 and circle.description == "Vanha"

    response = client.post(url, edit_data(circle, description="Uusi **kuvaus**", capacity=3))
    assert response.status_code == 302
    circle.refresh_from_db()
    assert circle.capacity == 3
    assert "<strong>kuvaus</strong>" in circle.description_html


def test_more_places_go_to_the_waitlist(cast):
    circle = start(cast.member, capacity=2)
    services.circle_join(actor=cast.mentor, circle=circle)
    waiting = UserFactory()
    services.circle_join(actor=waiting, circle=circle)
    services.circle_update(actor=cast.member, circle=circle, capacity=3)
    assert Membership.objects.get(circle=circle, user=waiting).status == "active"
    assert circle.member_count == 3
    assert Notification.objects.filter(
        recipient=waiting, kind=NotificationKind.CIRCLE_WAITLIST_PROMOTED
    ).exists()


def test_only_organisers_edit_through_the_service(cast):
    circle = start(cast.member)
    services.circle_join(actor=cast.mentor, circle=circle)
    for person in (cast.mentor, cast.partner, cast.project_manager, cast.administrator):
        with pytest.raises(PermissionDenied):
            services.circle_update(actor=person, circle=circle, name="Kaapattu")


def test_the_search_finds_at_most_ten_findable_people_by_shown_name(
    cast, client_for, django_assert_max_num_queries
):
    circle = start(cast.member)
    hidden = UserFactory(display_name="Piilo Kutsulainen", email="piilo@example.fi")
    Profile.objects.filter(pk=hidden.pk).update(visibility=Profile.Visibility.HIDDEN)
    staff_only = cast.project_manager
    staff_only.display_name = "Kutsulainen Henkilökunta"
    staff_only.save(update_fields=["display_name"])
    already = UserFactory(display_name="Jo Kutsulainen")
    services.circle_join(actor=already, circle=circle)
    client = client_for(cast.member)
    url = reverse("circles:members", args=[circle.pk])

    UserFactory(display_name="Eka Kutsulainen", email="eka.virtanen@example.fi")
    with django_assert_max_num_queries(10) as few:
        response = client.get(url, {"nimi": "kutsulainen"})
    assert [p.user.display_name for p in response.context["found"]] == ["Eka Kutsulainen"]
    for number in range(14):
        UserFactory(display_name=f"Kutsulainen {number:02}")
    with django_assert_max_num_queries(10) as many:
        response = client.get(url, {"nimi": "kutsulainen"})
    assert len(many.captured_queries) == len(few.captured_queries)
    found = response.context["found"]
    assert len(found) == 10
    page = response.content.decode()
    assert "Piilo" not in page and "@example.fi" not in page
    assert not client.get(url, {"nimi": "piilo@example"}).context["found"]
    assert not client.get(url, {"nimi": staff_only.display_name}).context["found"]
    response = client.get(url, {"nimi": "V"})
    assert response.context["found"] is None
    assert response.context["search"].errors


def test_invitations_cannot_reach_hidden_people_staff_or_members(cast):
    circle = start(cast.member)
    hidden = UserFactory()
    Profile.objects.filter(pk=hidden.pk).update(visibility=Profile.Visibility.HIDDEN)
    for person in (hidden, cast.project_manager, cast.member):
        with pytest.raises(ValidationError):
            services.circle_invitation_create(actor=cast.member, circle=circle, invitee=person)
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=cast.mentor)
    with pytest.raises(ValidationError, match="already been invited"):
        services.circle_invitation_create(actor=cast.member, circle=circle, invitee=cast.mentor)
    with pytest.raises(PermissionDenied):
        services.circle_invitation_create(actor=cast.mentor, circle=circle, invitee=cast.partner)
    assert CircleInvitation.objects.count() == 1


def test_bad_invite_input_is_explained(cast, client_for):
    circle = start(cast.member)
    client = client_for(cast.member)
    url = reverse("circles:invite", args=[circle.pk])
    for value in ("", "abc", "99999999", "-1", "1" * 40):
        response = client.post(url, {"kayttaja": value}, follow=True)
        assert "cannot be invited" in response.content.decode(), value
    assert not CircleInvitation.objects.exists()


def test_an_invitee_sees_the_private_circle_and_joins_the_invite_only_one(
    cast, client_for, django_capture_on_commit_callbacks
):
    circle = start(cast.member, visibility=Circle.Visibility.PRIVATE, policy=Circle.Policy.INVITE)
    client = client_for(cast.mentor)
    assert client.get(circle.get_absolute_url()).status_code == 404
    assert not permissions.can_join(cast.mentor, circle)

    response = client_for(cast.member).post(
        reverse("circles:invite", args=[circle.pk]), {"kayttaja": cast.mentor.pk}, follow=True
    )
    assert "was invited" in response.content.decode()
    told = Notification.objects.get(recipient=cast.mentor)
    assert told.kind == NotificationKind.CIRCLE_INVITATION
    assert told.url == circle.get_absolute_url()
    assert cast.member.display_name in told.text

    client = client_for(cast.mentor)
    page = client.get(circle.get_absolute_url()).content.decode()
    assert "invited you to this circle" in page
    assert "Accept the invitation" in page
    fresh = Circle.objects.get(pk=circle.pk)
    assert permissions.can_join(cast.mentor, fresh)

    response = client.post(
        reverse("circles:invitation_answer", args=[circle.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(circle=circle, user=cast.mentor)
    assert membership.status == Membership.Status.ACTIVE and not membership.is_organiser
    assert not CircleInvitation.objects.exists()
    again = client.post(
        reverse("circles:invitation_answer", args=[circle.pk]), {"decision": "accept"}, follow=True
    )
    assert "no open invitation" in again.content.decode()
    with pytest.raises(ValidationError, match="already in this circle"):
        services.circle_join(actor=cast.mentor, circle=Circle.objects.get(pk=circle.pk))
    assert Membership.objects.filter(circle=circle, user=cast.mentor).count() == 1


def test_an_invitation_skips_approval_but_not_the_waitlist(cast):
    circle = start(cast.member, policy=Circle.Policy.APPROVAL, capacity=2)
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=cast.mentor)
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=cast.partner)
    first = services.circle_invitation_accept(
        actor=cast.mentor, circle=Circle.objects.get(pk=circle.pk)
    )
    second = services.circle_invitation_accept(
        actor=cast.partner, circle=Circle.objects.get(pk=circle.pk)
    )
    assert first.status == Membership.Status.ACTIVE
    assert second.status == Membership.Status.WAITLISTED


def test_declining_removes_the_invitation_and_the_private_circle_hides_again(cast, client_for):
    circle = start(cast.member, visibility=Circle.Visibility.PRIVATE)
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=cast.mentor)
    client = client_for(cast.mentor)
    response = client.post(
        reverse("circles:invitation_answer", args=[circle.pk]), {"decision": "decline"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("circles:list")
    assert not CircleInvitation.objects.exists()
    assert not Membership.objects.filter(user=cast.mentor).exists()
    assert client.get(circle.get_absolute_url()).status_code == 404


def test_answering_without_an_invitation(cast, client_for):
    circle = start(cast.member, visibility=Circle.Visibility.PUBLIC)
    url = reverse("circles:invitation_answer", args=[circle.pk])
    assert status_of(client_for(None).post(url, {"decision": "accept"})) == LOGIN
    response = client_for(cast.mentor).post(url, {"decision": "accept"}, follow=True)
    assert "no open invitation" in response.content.decode()
    assert not Membership.objects.filter(user=cast.mentor).exists()
    private = start(cast.member, visibility=Circle.Visibility.PRIVATE)
    url = reverse("circles:invitation_answer", args=[private.pk])
    assert client_for(cast.mentor).post(url, {"decision": "accept"}).status_code == 404


def test_removing_a_member_gives_the_place_to_the_first_waiting(cast, client_for):
    circle = start(cast.member, capacity=2)
    services.circle_join(actor=cast.mentor, circle=circle)
    waiting = UserFactory()
    services.circle_join(actor=waiting, circle=circle)
    removed = Membership.objects.get(circle=circle, user=cast.mentor)

    response = client_for(cast.member).post(
        reverse("circles:member_remove", args=[circle.pk, removed.pk]), follow=True
    )
    assert "is no longer in the circle" in response.content.decode()
    assert not Membership.objects.filter(pk=removed.pk).exists()
    assert Membership.objects.get(circle=circle, user=waiting).status == "active"
    circle.refresh_from_db()
    assert circle.member_count == 2
    assert Notification.objects.filter(
        recipient=waiting, kind=NotificationKind.CIRCLE_WAITLIST_PROMOTED
    ).exists()
    own = Membership.objects.get(circle=circle, user=cast.member)
    with pytest.raises(ValidationError, match="Leave the circle"):
        services.member_remove(actor=cast.member, membership=own)


def test_a_membership_of_another_circle_is_not_found_here(cast, client_for):
    circle = start(cast.member)
    elsewhere = start(cast.member, name="Toinen")
    services.circle_join(actor=cast.mentor, circle=elsewhere)
    other = Membership.objects.get(circle=elsewhere, user=cast.mentor)
    client = client_for(cast.member)
    for name in ("circles:member_remove", "circles:organiser_add"):
        assert client.post(reverse(name, args=[circle.pk, other.pk])).status_code == 404
    assert Membership.objects.filter(pk=other.pk, is_organiser=False).exists()


def test_a_member_becomes_an_organiser_and_may_then_manage(cast, client_for):
    circle = start(cast.member, capacity=2)
    services.circle_join(actor=cast.mentor, circle=circle)
    services.circle_join(actor=cast.partner, circle=circle)  # waitlisted
    mentor = Membership.objects.get(circle=circle, user=cast.mentor)
    partner = Membership.objects.get(circle=circle, user=cast.partner)

    client_for(cast.member).post(reverse("circles:organiser_add", args=[circle.pk, mentor.pk]))
    assert Membership.objects.get(pk=mentor.pk).is_organiser
    assert client_for(cast.mentor).get(reverse("circles:edit", args=[circle.pk])).status_code == 200
    with pytest.raises(ValidationError):
        services.organiser_add(actor=cast.member, membership=partner)
    assert not Membership.objects.get(pk=partner.pk).is_organiser
    # With a second organiser the founder may now leave.
    services.circle_leave(actor=cast.member, circle=Circle.objects.get(pk=circle.pk))


def test_the_members_page_has_bounded_queries(cast, client_for, django_assert_max_num_queries):
    circle = start(cast.member, capacity=None)
    client = client_for(cast.member)
    url = reverse("circles:members", args=[circle.pk])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _number in range(12):
        person = UserFactory()
        services.circle_join(actor=person, circle=circle)
        services.circle_invitation_create(actor=cast.member, circle=circle, invitee=UserFactory())
    with django_assert_max_num_queries(10) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["members"]) == 13
    assert len(response.context["invitations"]) == 12


ANSWER_TABLES = {
    # Nobody in the cast is invited: private circles stay hidden from all of them.
    Circle.Visibility.PRIVATE: expect(404, member=302),
    Circle.Visibility.MEMBERS: expect(404, member=302, mentor=302, partner=302),
    Circle.Visibility.PUBLIC: expect(302, guest=LOGIN),
}


@pytest.mark.parametrize("visibility", list(ANSWER_TABLES))
def test_who_reaches_the_invitation_answer(cast, client_for, visibility):
    circle = start(cast.member, visibility=visibility)
    url = reverse("circles:invitation_answer", args=[circle.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"decision": "accept"}),
        ANSWER_TABLES[visibility],
        label=f"answer of a {visibility} circle",
    )
    assert Membership.objects.filter(circle=circle).count() == 1
