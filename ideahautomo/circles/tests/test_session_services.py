"""Circle meetings through their services: scheduling series across daylight saving,
changes and cancellations, attendance, notifications and bounded queries."""

import zoneinfo
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import services, session_services
from ideahautomo.circles.models import Circle, CircleSession, SessionAttendance
from ideahautomo.circles.session_services import Repeat
from ideahautomo.messaging.models import Notification, NotificationKind

from .sessions_kit import (
    HELSINKI,
    _english,  # noqa: F401 (autouse: English messages)
    helsinki,
    schedule,
    start_circle,
    started_session,
    with_members,
)

pytestmark = pytest.mark.django_db


def test_a_one_off_meeting_takes_the_circles_link_and_sanitised_agenda(cast):
    circle = start_circle(cast.member)

    [session] = schedule(
        circle, cast.member, agenda="Puhutaan **kaupassa**. <script>alert(1)</script>"
    )

    assert session.online_link == circle.online_link
    assert session.series is None and session.cancelled_at is None
    assert "<strong>kaupassa</strong>" in session.agenda_html
    assert "<script>" not in session.agenda_html
    assert session.created_by == cast.member


def test_an_in_person_circle_meets_at_its_usual_place_unless_told_otherwise(cast):
    from ideahautomo.accounts.tests.factories import municipality

    circle = start_circle(
        cast.member,
        format=Circle.Format.IN_PERSON,
        municipality=municipality("092"),
        meeting_place="Myyrmäen kirjasto",
    )
    [usual] = schedule(circle, cast.member)
    [other] = schedule(circle, cast.member, place="Tikkurilan kirjasto")

    assert usual.place == "Myyrmäen kirjasto" and usual.online_link == ""
    assert other.place == "Tikkurilan kirjasto"


def test_a_weekly_series_keeps_finnish_wall_clock_time_across_the_spring_change(cast):
    circle = start_circle(cast.member)
    # Summer time starts in Finland on Sunday 28 March 2027.
    sessions = schedule(
        circle,
        cast.member,
        starts_at=helsinki(2027, 3, 16, 17, 0),
        repeat=Repeat.WEEKLY,
        occurrences=3,
    )

    local = [timezone.localtime(s.starts_at, HELSINKI) for s in sessions]
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [
        (3, 16, 17, 0),
        (3, 23, 17, 0),
        (3, 30, 17, 0),
    ]
    assert [s.starts_at.astimezone(zoneinfo.ZoneInfo("UTC")).hour for s in sessions] == [
        15,
        15,
        14,
    ]
    assert all(s.ends_at - s.starts_at == timedelta(hours=2) for s in sessions)
    assert len({s.series for s in sessions}) == 1 and sessions[0].series is not None


def test_a_biweekly_series_keeps_its_time_across_the_autumn_change(cast):
    circle = start_circle(cast.member)
    # Summer time ends in Finland on Sunday 31 October 2027.
    sessions = schedule(
        circle,
        cast.member,
        starts_at=helsinki(2027, 10, 19, 10, 30),
        repeat=Repeat.BIWEEKLY,
        occurrences=2,
    )

    local = [timezone.localtime(s.starts_at, HELSINKI) for s in sessions]
    times = [(t.month, t.day, t.hour, t.minute) for t in local]
    assert times == [(10, 19, 10, 30), (11, 2, 10, 30)]
    assert CircleSession.objects.filter(circle=circle).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "starts_at"),
        ({"hours": 0}, "ends_at"),
        ({"hours": -1}, "ends_at"),
        ({"online_link": "http://example.fi/huone"}, "online_link"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"agenda": "x" * 5001}, "agenda"),
        ({"repeat": Repeat.WEEKLY, "occurrences": 1}, "occurrences"),
        ({"repeat": Repeat.WEEKLY, "occurrences": 27}, "occurrences"),
        ({"repeat": "daily", "occurrences": 3}, "repeat"),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_saved(cast, overrides, field):
    circle = start_circle(cast.member)
    with_members(circle, 1)
    Notification.objects.all().delete()

    with pytest.raises(ValidationError) as error:
        schedule(circle, cast.member, **overrides)

    assert field in error.value.message_dict
    assert not CircleSession.objects.exists()
    assert not Notification.objects.exists()


def test_a_series_of_26_is_the_most(cast):
    circle = start_circle(cast.member)
    sessions = schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=26)
    assert len(sessions) == 26
    assert sessions[-1].starts_at - sessions[0].starts_at >= timedelta(weeks=25) - timedelta(
        hours=1
    )


def test_only_organisers_schedule_meetings(cast):
    circle = start_circle(cast.member)
    services.circle_join(actor=cast.mentor, circle=circle)
    for person in (cast.mentor, cast.partner, cast.project_manager, cast.moderator):
        with pytest.raises(PermissionDenied):
            schedule(circle, person)
    assert not CircleSession.objects.exists()


def test_members_are_told_once_per_action_whatever_the_number_of_meetings(
    cast, django_assert_max_num_queries
):
    circle = start_circle(cast.member)
    members = with_members(circle, 3)
    outsider = UserFactory()
    Notification.objects.all().delete()

    schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=10)

    told = Notification.objects.filter(kind=NotificationKind.CIRCLE_SESSION)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(m.pk for m in members)
    assert not told.filter(recipient__in=[cast.member, outsider]).exists()
    assert told.first().url == reverse("circles:sessions", args=[circle.pk])


def test_scheduling_queries_do_not_grow_with_the_number_of_meetings(
    cast, django_assert_max_num_queries
):
    circle = start_circle(cast.member)
    with_members(circle, 3)
    schedule(circle, cast.member)  # the organiser's membership is then known

    with django_assert_max_num_queries(40) as two:
        schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=2)
    with django_assert_max_num_queries(40) as many:
        schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=26)
    assert len(many.captured_queries) == len(two.captured_queries)


def test_notifying_stays_within_a_few_queries_per_member(cast, django_assert_max_num_queries):
    circle = start_circle(cast.member)
    with_members(circle, 2)
    schedule(circle, cast.member)  # the organiser's membership is then known
    with django_assert_max_num_queries(40) as few:
        schedule(circle, cast.member)
    with_members(circle, 4)
    with django_assert_max_num_queries(60) as more:
        schedule(circle, cast.member)
    # notify() records each person's notification: at most 5 queries per member.
    assert len(more.captured_queries) - len(few.captured_queries) <= 4 * 5


# Editing and cancelling one meeting


def test_one_meeting_of_a_series_is_changed_and_members_are_told(cast):
    circle = start_circle(cast.member)
    [member] = with_members(circle, 1)
    first, second, third = schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=3)
    Notification.objects.all().delete()
    new_start = second.starts_at + timedelta(days=1)

    session_services.session_update(
        actor=cast.member,
        session=second,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=1),
        place="Kirjasto",
        online_link="https://meet.example.fi/toinen",
        agenda="Uusi *asia*",
    )

    second.refresh_from_db()
    assert second.starts_at == new_start and second.place == "Kirjasto"
    assert second.online_link == "https://meet.example.fi/toinen"
    assert "<em>asia</em>" in second.agenda_html
    first.refresh_from_db()
    third.refresh_from_db()
    assert first.place == "" and third.starts_at - first.starts_at == timedelta(weeks=2)
    assert Notification.objects.filter(recipient=member).count() == 1


def test_a_meeting_under_way_can_get_a_new_agenda_but_not_be_moved_into_the_past(cast):
    circle = start_circle(cast.member)
    session = started_session(circle, cast.member)

    session_services.session_update(
        actor=cast.member,
        session=session,
        # as the form gives them back: to the minute
        starts_at=session.starts_at.replace(second=0, microsecond=0),
        ends_at=session.ends_at.replace(second=0, microsecond=0),
        place="",
        online_link="",
        agenda="Muistiinpanot",
    )
    session.refresh_from_db()
    assert session.agenda == "Muistiinpanot"
    assert session.starts_at.second or session.starts_at.microsecond  # time left as it was
    with pytest.raises(ValidationError) as error:
        session_services.session_update(
            actor=cast.member,
            session=session,
            starts_at=session.starts_at - timedelta(hours=1),
            ends_at=session.ends_at,
            place="",
            online_link="",
            agenda="",
        )
    assert "starts_at" in error.value.message_dict


def test_cancelling_one_meeting_leaves_the_series_and_marks_it(cast):
    circle = start_circle(cast.member)
    [member] = with_members(circle, 1)
    first, second = schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=2)
    Notification.objects.all().delete()

    session_services.session_cancel(actor=cast.member, session=first)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_cancelled and not second.is_cancelled
    assert Notification.objects.filter(recipient=member).count() == 1
    with pytest.raises(ValidationError, match="already cancelled"):
        session_services.session_cancel(actor=cast.member, session=first)
    with pytest.raises(ValidationError, match="cannot be changed"):
        session_services.session_update(
            actor=cast.member,
            session=first,
            starts_at=first.starts_at,
            ends_at=first.ends_at,
            place="",
            online_link="",
            agenda="",
        )
    with pytest.raises(PermissionDenied):
        session_services.session_cancel(actor=member, session=second)


def test_a_meeting_that_is_over_cannot_be_cancelled(cast):
    circle = start_circle(cast.member)
    real_now = timezone.now()
    [session] = schedule(
        circle,
        cast.member,
        starts_at=real_now - timedelta(hours=3),
        now=real_now - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="over"):
        session_services.session_cancel(actor=cast.member, session=session)


# Attendance


def test_attendance_is_marked_for_all_active_members_and_can_be_corrected(cast):
    circle = start_circle(cast.member)
    first, second = with_members(circle, 2)
    session = started_session(circle, cast.member)

    session_services.attendance_record(
        actor=cast.member, session=session, present_user_ids=[str(first.pk), cast.member.pk]
    )
    session_services.attendance_record(
        actor=cast.member, session=session, present_user_ids=[second.pk]
    )

    marked = dict(SessionAttendance.objects.values_list("user_id", "present"))
    assert marked == {cast.member.pk: False, first.pk: False, second.pk: True}


def test_attendance_refuses_strangers_future_and_cancelled_meetings(cast):
    circle = start_circle(cast.member)
    [member] = with_members(circle, 1)
    session = started_session(circle, cast.member)
    with pytest.raises(ValidationError, match="members"):
        session_services.attendance_record(
            actor=cast.member, session=session, present_user_ids=[cast.partner.pk]
        )
    with pytest.raises(PermissionDenied):
        session_services.attendance_record(
            actor=member, session=session, present_user_ids=[member.pk]
        )
    [future] = schedule(circle, cast.member)
    with pytest.raises(PermissionDenied):
        session_services.attendance_record(
            actor=cast.member, session=future, present_user_ids=[member.pk]
        )
    session_services.session_cancel(actor=cast.member, session=future)
    with pytest.raises(PermissionDenied):
        session_services.attendance_record(
            actor=cast.member,
            session=future,
            present_user_ids=[member.pk],
            now=future.starts_at + timedelta(minutes=5),
        )
    assert not SessionAttendance.objects.exists()


def test_attendance_is_saved_with_the_same_queries_for_few_or_many_members(
    cast, django_assert_max_num_queries
):
    circle = start_circle(cast.member)
    few_people = with_members(circle, 2)
    session = started_session(circle, cast.member)
    session = CircleSession.objects.select_related("circle").get(pk=session.pk)
    with django_assert_max_num_queries(8) as few:
        session_services.attendance_record(
            actor=cast.member, session=session, present_user_ids=[p.pk for p in few_people]
        )
    many_people = few_people + with_members(circle, 20)
    session = CircleSession.objects.select_related("circle").get(pk=session.pk)
    with django_assert_max_num_queries(8) as many:
        session_services.attendance_record(
            actor=cast.member, session=session, present_user_ids=[p.pk for p in many_people]
        )
    assert len(many.captured_queries) == len(few.captured_queries)
    assert SessionAttendance.objects.filter(present=True).count() == 22


# Pages: who may open what
