"""The monthly figures: counted by month in Finnish time, by area, again and again the same."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from ideahautomo.accounts.models import Municipality, User
from ideahautomo.accounts.tests.factories import InvitationFactory, UserFactory
from ideahautomo.circles.models import Circle, CircleSession, SessionAttendance
from ideahautomo.events.models import Feedback, Registration
from ideahautomo.events.tests.factories import EventFactory
from ideahautomo.ideas.models import Idea, TeamMember
from ideahautomo.impact import figures
from ideahautomo.impact.models import CheckIn, MonthlyFigure, ServiceFeedback

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 12, 0))
MAY = datetime.date(2026, 5, 1)
JUNE = datetime.date(2026, 6, 1)


def at(year, month, day, hour=12, minute=0):
    """A moment in Finnish time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def stored(metric, *, area=None, month=JUNE, key=""):
    row = MonthlyFigure.objects.filter(metric=metric, area=area, month=month, key=key).first()
    return row.value if row else 0


def all_rows():
    rows = MonthlyFigure.objects.values_list("month", "area_id", "metric", "key", "value")
    return sorted(rows, key=lambda row: (row[0], row[1] or 0, *row[2:]))


@pytest.fixture
def data(cast):
    area, other = cast.area, cast.other_area
    helsinki = Municipality.objects.get(code="091")
    helsinki.employment_area = area
    helsinki.save()
    members = [
        UserFactory(area=area, last_login=NOW - datetime.timedelta(days=3)) for _ in range(6)
    ]
    quiet = UserFactory(area=area, last_login=NOW - datetime.timedelta(days=40))
    outsider = UserFactory(area=other, last_login=NOW - datetime.timedelta(days=1))

    # Late on 31 May in Finland is still May; just after midnight is June.
    InvitationFactory(area=area, created_at=at(2026, 5, 31, 23, 30))
    InvitationFactory(area=area, created_at=at(2026, 6, 1, 0, 30))
    InvitationFactory(area=area, created_at=at(2026, 5, 10), accepted_at=at(2026, 6, 2))
    InvitationFactory(area=other, created_at=at(2026, 6, 3))

    idea = Idea.objects.create(
        owner=members[0],
        title="Kahvila",
        description="x",
        category="earning",
        created_at=at(2026, 5, 5),
    )
    TeamMember.objects.create(idea=idea, user=members[1], joined_at=at(2026, 6, 4))
    TeamMember.objects.create(idea=idea, user=outsider, joined_at=at(2026, 6, 6))

    Circle.objects.create(
        name="Suomen kieli",
        topic="kieli",
        description="x",
        language="fi",
        format=Circle.Format.ONLINE,
        created_by=members[2],
        created_at=at(2026, 6, 1, 8),
    )

    held = EventFactory(
        municipality=helsinki, starts_at=at(2026, 6, 10), ends_at=at(2026, 6, 10, 15)
    )
    coming = EventFactory(
        municipality=helsinki, starts_at=at(2026, 6, 20), ends_at=at(2026, 6, 20, 15)
    )
    for member in members[:3]:
        Registration.objects.create(event=held, user=member, status="confirmed", attended=True)
    Registration.objects.create(event=held, user=members[3], status="confirmed", attended=False)
    Registration.objects.create(event=held, user=members[4], status="cancelled")
    Registration.objects.create(event=coming, user=members[5], status="confirmed")
    for mood in (4, 4, 4, 2):
        Feedback.objects.create(event=held, mood=mood, given_on=datetime.date(2026, 6, 11))

    for member, situation, mood in zip(
        members,
        ["employed", "employed", "studying", "looking", "business", "looking"],
        [5, 4, 4, 3, 2, 4],
        strict=True,
    ):
        CheckIn.objects.create(user=member, month=MAY, area=area, situation=situation, mood=mood)
    CheckIn.objects.create(user=quiet, month=MAY, area=area, skipped=True)
    ServiceFeedback.objects.create(area=area, mood=5, text="Hyvä", created_at=at(2026, 6, 7))
    ServiceFeedback.objects.create(area=None, mood=1, created_at=at(2026, 6, 8))
    return cast


def test_figures_count_by_finnish_month_and_area(data):
    area, other = data.area, data.other_area
    figures.refresh_figures(now=NOW)

    assert stored("accounts_ordered", area=area, month=MAY) == 2
    assert stored("accounts_ordered", area=area) == 1
    assert stored("accounts_ordered", area=other) == 1
    assert stored("accounts_accepted", area=area) == 1
    assert stored("accounts_active", area=area) == 6
    assert stored("accounts_active", area=other) == 1
    assert stored("ideas_created", area=area, month=MAY) == 1
    assert stored("teams_formed", area=area) == 1
    assert stored("team_members_joined", area=area) == 1
    assert stored("team_members_joined", area=other) == 1
    assert stored("circles_started", area=area) == 1
    assert stored("events_held", area=area) == 1
    assert stored("event_registrations", area=area) == 5
    assert stored("event_attendance", area=area) == 3
    assert stored("event_feedback_mood", area=area, key="4") == 3
    assert stored("event_feedback_mood", area=area, key="2") == 1
    assert stored("check_in_mood", area=area, month=MAY, key="4") == 3
    assert stored("check_in_situation", area=area, month=MAY, key="employed") == 2
    assert stored("check_in_situation", area=area, month=MAY, key="looking") == 2
    assert not MonthlyFigure.objects.filter(metric="check_in_situation", key="").exists()
    assert stored("service_feedback_mood", area=area, key="5") == 1
    assert stored("service_feedback_mood", area=None, key="1") == 1
    # The coming event is not held yet, but its registration counts for its month.
    assert MonthlyFigure.objects.filter(metric="events_held").count() == 1


def test_refreshing_again_gives_the_same_rows_and_follows_deletions(data):
    figures.refresh_figures(now=NOW)
    first = all_rows()
    figures.refresh_figures(now=NOW)
    assert all_rows() == first

    ServiceFeedback.objects.all().delete()
    figures.refresh_figures(now=NOW)
    assert not MonthlyFigure.objects.filter(metric="service_feedback_mood").exists()


def test_a_refresh_of_recent_months_keeps_older_months_and_their_active_figures(data):
    figures.refresh_figures(now=NOW)
    may_rows = MonthlyFigure.objects.filter(month=MAY).count()
    later = NOW + datetime.timedelta(days=30)  # mid July
    figures.refresh_figures(months=1, now=later)

    assert MonthlyFigure.objects.filter(month=MAY).count() == may_rows
    assert stored("accounts_active", area=data.area) == 6
    # Nobody signed in within 30 days of mid July.
    assert stored("accounts_active", area=data.area, month=datetime.date(2026, 7, 1)) == 0


def test_circle_sessions_count_when_held_and_not_cancelled(data):
    circle = Circle.objects.get()
    held = CircleSession.objects.create(
        circle=circle, starts_at=at(2026, 6, 3, 17), ends_at=at(2026, 6, 3, 19)
    )
    CircleSession.objects.create(
        circle=circle,
        starts_at=at(2026, 6, 5, 17),
        ends_at=at(2026, 6, 5, 19),
        cancelled_at=at(2026, 6, 1),
    )
    CircleSession.objects.create(
        circle=circle, starts_at=at(2026, 6, 25, 17), ends_at=at(2026, 6, 25, 19)
    )
    for member in User.objects.filter(area=data.area, check_ins__isnull=False)[:3]:
        SessionAttendance.objects.create(session=held, user=member, present=True)

    figures.refresh_figures(now=NOW)

    assert stored("circle_sessions_held", area=data.area) == 1
    assert stored("circle_session_attendance", area=data.area) == 3


def test_refresh_queries_do_not_grow_with_the_data(data, django_assert_max_num_queries):
    with django_assert_max_num_queries(24):
        figures.refresh_figures(now=NOW)
    for _ in range(20):
        UserFactory(area=data.area, last_login=NOW)
    with django_assert_max_num_queries(24):
        figures.refresh_figures(now=NOW)


def test_the_command_refreshes(data, capsys):
    call_command("refresh_impact_figures", "--months", "3")
    assert "Impact figures refreshed" in capsys.readouterr().out


def test_the_task_refreshes(data):
    from ideahautomo.impact.tasks import refresh_impact_figures

    result = refresh_impact_figures.enqueue(months=240)
    assert result.return_value > 0
