"""A deleted account frees its circle places: the count goes down, the first waiting
gets the place and is told, a circle losing its last organiser gets a new one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ideahautomo.accounts import services as account_services
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, CircleInvitation, CircleWish, Membership
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.testing.factories import circle_wish

from .test_circles import start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def status(circle, user):
    return (
        Membership.objects.filter(circle=circle, user=user).values_list("status", flat=True).get()
    )


def test_a_deleted_member_frees_the_place_for_the_first_waiting_who_is_told(
    cast, django_capture_on_commit_callbacks
):
    circle = start(cast.member, capacity=2)
    leaving, first, second = UserFactory(), UserFactory(), UserFactory()
    services.circle_join(actor=leaving, circle=circle)
    services.circle_join(actor=first, circle=circle)
    services.circle_join(actor=second, circle=circle)
    assert status(circle, first) == status(circle, second) == Membership.Status.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        account_services.user_delete(user=leaving)

    circle.refresh_from_db()
    assert circle.member_count == 2
    assert not Membership.objects.filter(user=leaving).exists()
    assert status(circle, first) == Membership.Status.ACTIVE
    assert status(circle, second) == Membership.Status.WAITLISTED
    told = Notification.objects.get(recipient=first)
    assert told.kind == NotificationKind.CIRCLE_WAITLIST_PROMOTED
    assert told.url == circle.get_absolute_url()
    assert not Notification.objects.filter(recipient=second).exists()


def test_a_deleted_person_waiting_or_asking_takes_no_place_from_anyone(cast):
    full = start(cast.member, capacity=2)
    asking = start(cast.member, capacity=5, policy=Circle.Policy.APPROVAL)
    member, leaving = UserFactory(), UserFactory()
    services.circle_join(actor=member, circle=full)
    services.circle_join(actor=leaving, circle=full)
    services.circle_join(actor=leaving, circle=asking)
    assert status(full, leaving) == Membership.Status.WAITLISTED

    account_services.user_delete(user=leaving)

    full.refresh_from_db()
    asking.refresh_from_db()
    assert (full.member_count, asking.member_count) == (2, 1)
    assert not Membership.objects.filter(user=leaving).exists()
    assert not Notification.objects.filter(kind=NotificationKind.CIRCLE_WAITLIST_PROMOTED).exists()


def test_places_are_freed_in_every_circle_of_the_person(cast):
    leaving = UserFactory()
    circles = [start(cast.member, capacity=2) for _ in range(3)]
    waiting = []
    for circle in circles:
        services.circle_join(actor=leaving, circle=circle)
        person = UserFactory()
        services.circle_join(actor=person, circle=circle)
        waiting.append(person)

    account_services.user_delete(user=leaving)

    for circle, person in zip(circles, waiting, strict=True):
        circle.refresh_from_db()
        assert circle.member_count == 2
        assert status(circle, person) == Membership.Status.ACTIVE


def test_the_last_organiser_leaves_the_circle_to_its_longest_standing_member(cast):
    circle = start(cast.member, capacity=3)
    older, newer, waiting = UserFactory(), UserFactory(), UserFactory()
    for person in (older, newer, waiting):
        services.circle_join(actor=person, circle=circle)

    account_services.user_delete(user=cast.member)

    circle.refresh_from_db()
    assert circle.member_count == 3
    organisers = Membership.objects.filter(circle=circle, is_organiser=True)
    assert list(organisers.values_list("user", flat=True)) == [older.pk]
    assert status(circle, waiting) == Membership.Status.ACTIVE
    assert Notification.objects.filter(
        recipient=older, kind=NotificationKind.CIRCLE_CHANGE
    ).exists()


def test_a_circle_with_another_organiser_keeps_its_organisers(cast):
    circle = start(cast.member, capacity=None)
    other, member = UserFactory(), UserFactory()
    services.circle_join(actor=other, circle=circle)
    services.circle_join(actor=member, circle=circle)
    services.organiser_add(actor=cast.member, membership=Membership.objects.get(user=other))

    account_services.user_delete(user=cast.member)

    organisers = Membership.objects.filter(circle=circle, is_organiser=True)
    assert list(organisers.values_list("user", flat=True)) == [other.pk]
    assert not Notification.objects.filter(kind=NotificationKind.CIRCLE_CHANGE).exists()


def test_a_circle_whose_only_member_goes_is_left_empty(cast):
    circle = start(cast.member)

    account_services.user_delete(user=cast.member)

    circle.refresh_from_db()
    assert circle.member_count == 0
    assert not circle.memberships.exists()


def test_wishes_and_open_invitations_of_the_person_go_too(cast):
    circle = start(cast.member, policy=Circle.Policy.INVITE)
    leaving = UserFactory()
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=leaving)
    circle_wish(leaving)

    account_services.user_delete(user=leaving)

    assert not CircleInvitation.objects.filter(invitee=leaving).exists()
    assert not CircleWish.objects.filter(user=leaving).exists()


def test_a_user_row_deleted_outright_frees_its_place_too(cast):
    circle = start(cast.member, capacity=2)
    leaving, waiting = UserFactory(), UserFactory()
    services.circle_join(actor=leaving, circle=circle)
    services.circle_join(actor=waiting, circle=circle)

    leaving.delete()

    circle.refresh_from_db()
    assert circle.member_count == 2
    assert status(circle, waiting) == Membership.Status.ACTIVE


def test_a_failed_deletion_frees_nothing(cast, monkeypatch):
    """The work runs in the deletion's transaction: a later failure rolls it back."""
    from ideahautomo.profiles import services as profile_services

    circle = start(cast.member, capacity=2)
    leaving, waiting = UserFactory(), UserFactory()
    services.circle_join(actor=leaving, circle=circle)
    services.circle_join(actor=waiting, circle=circle)

    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(profile_services, "profile_delete", fail)
    with pytest.raises(RuntimeError):
        account_services.user_delete(user=leaving)

    circle.refresh_from_db()
    assert circle.member_count == 2
    assert status(circle, leaving) == Membership.Status.ACTIVE
    assert status(circle, waiting) == Membership.Status.WAITLISTED


def test_the_queries_do_not_grow_with_the_circle(cast):
    def deletion_queries(others):
        circle = start(UserFactory(), capacity=2)
        leaving = UserFactory()
        services.circle_join(actor=leaving, circle=circle)
        for _ in range(others):
            services.circle_join(actor=UserFactory(), circle=circle)
        with CaptureQueriesContext(connection) as captured:
            account_services.user_delete(user=leaving)
        return len(captured)

    assert deletion_queries(1) == deletion_queries(8)


def test_a_deleted_account_leaves_no_attendance_and_its_invitations_no_name(cast):
    from datetime import timedelta

    from django.utils import timezone

    from ideahautomo.circles import session_services
    from ideahautomo.circles.models import SessionAttendance

    circle = start(cast.member, policy=Circle.Policy.INVITE)
    leaving = UserFactory()
    services.circle_invitation_create(actor=cast.member, circle=circle, invitee=leaving)
    services.circle_join(actor=leaving, circle=circle)
    services.organiser_add(actor=cast.member, membership=Membership.objects.get(user=leaving))
    invited = services.circle_invitation_create(actor=leaving, circle=circle, invitee=UserFactory())
    now = timezone.now()
    [meeting] = session_services.session_schedule(
        actor=cast.member,
        circle=circle,
        starts_at=now - timedelta(hours=2),
        ends_at=now - timedelta(hours=1),
        now=now - timedelta(days=1),
    )
    session_services.attendance_record(
        actor=cast.member, session=meeting, present_user_ids=[leaving.pk, cast.member.pk]
    )

    account_services.user_delete(user=leaving)

    assert list(SessionAttendance.objects.values_list("user_id", flat=True)) == [cast.member.pk]
    invited.refresh_from_db()
    assert invited.invited_by is None
