"""The monthly figures: counted by month in Finnish time, by area, again and again the same,
and published once a month has ended: protected whole, then never changed."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from ideahautomo.accounts.models import Invitation, Municipality, Role, RoleAssignment, User
from ideahautomo.accounts.tests.factories import InvitationFactory, UserFactory
from ideahautomo.circles.models import Circle, CircleSession, SessionAttendance
from ideahautomo.events.models import Feedback, Registration
from ideahautomo.events.tests.factories import EventFactory
from ideahautomo.ideas.models import Idea, TeamMember
from ideahautomo.impact import figures
from ideahautomo.impact.models import CheckIn, MonthlyFigure, PublishedMonth, ServiceFeedback

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 12, 0))
MAY = datetime.date(2026, 5, 1)
JUNE = datetime.date(2026, 6, 1)
JULY = datetime.date(2026, 7, 1)


def at(year, month, day, hour=12, minute=0):
    """A moment in Finnish time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def stored_row(metric, *, area=None, month=JUNE, key="", all_areas=False):
    return MonthlyFigure.objects.filter(
        metric=metric, area=area, month=month, key=key, all_areas=all_areas
    ).first()


def stored(metric, **where):
    row = stored_row(metric, **where)
    return row.value if row else 0


def published_months():
    return list(PublishedMonth.objects.values_list("month", flat=True))


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
    # Events and their participants count by the type of event (a workshop here).
    assert stored("events_held", area=area, key="workshop") == 1
    assert stored("event_registrations", area=area) == 5
    assert stored("event_attendance", area=area, key="workshop") == 3
    assert stored("check_in_mood", area=area, month=MAY, key="4") == 3
    assert stored("check_in_situation", area=area, month=MAY, key="employed") == 2
    assert stored("check_in_situation", area=area, month=MAY, key="looking") == 2
    # May is published: each area's answers and all areas' figures are stored with it.
    assert stored("check_in_situation", area=area, month=MAY) == 6
    assert stored("check_in_situation", month=MAY, key="employed", all_areas=True) == 2
    assert stored("accounts_ordered", month=MAY, all_areas=True) == 2
    # June is not: only the counts, worked out again at each refresh.
    assert not MonthlyFigure.objects.filter(month=JUNE, all_areas=True).exists()
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


def test_a_later_refresh_keeps_published_months_and_earlier_active_figures(data):
    figures.refresh_figures(now=NOW)
    may_rows = all_rows_of(MAY)
    later = NOW + datetime.timedelta(days=30)  # mid July
    figures.refresh_figures(now=later)

    assert all_rows_of(MAY) == may_rows
    assert stored("accounts_active", area=data.area) == 6
    # Nobody signed in within 30 days of mid July.
    assert stored("accounts_active", area=data.area, month=JULY) == 0


def all_rows_of(month):
    return sorted(
        MonthlyFigure.objects.filter(month=month).values_list(
            "area_id", "all_areas", "metric", "key", "value", "hidden"
        ),
        key=str,
    )


def test_a_month_is_published_on_the_sixth_day_after_it_ends(data):
    figures.refresh_figures(now=at(2026, 6, 5, 23, 59))
    assert published_months() == [datetime.date(2026, 4, 1)]
    figures.refresh_figures(now=at(2026, 6, 6, 0, 1))
    assert published_months() == [datetime.date(2026, 4, 1), MAY]


def test_a_published_month_never_changes_again(data):
    figures.refresh_figures(now=NOW)
    may_rows = all_rows_of(MAY)
    june_orders = stored("accounts_ordered", area=data.area)

    CheckIn.objects.all().delete()
    Invitation.objects.all().delete()
    figures.refresh_figures(now=NOW)

    # May's figures stay as published, whatever happens to the rows behind them; June,
    # not yet published, follows the rows.
    assert all_rows_of(MAY) == may_rows
    assert june_orders == 1
    assert stored("accounts_ordered", area=data.area) == 0


def test_published_figures_hide_small_groups_together_with_all_areas(data):
    figures.refresh_figures(now=NOW)

    # Two orders in the area in May and none elsewhere: the area's 2 is hidden, and so is
    # the all-areas figure that equals it.
    assert stored_row("accounts_ordered", area=data.area, month=MAY).hidden
    assert stored_row("accounts_ordered", month=MAY, all_areas=True).hidden
    # Six answers in May: their number is published, the small groups are not.
    answers = stored_row("check_in_situation", area=data.area, month=MAY)
    assert (answers.value, answers.hidden) == (6, False)
    assert stored_row("check_in_situation", area=data.area, month=MAY, key="employed").hidden
    assert stored_row("check_in_mood", area=data.area, month=MAY, key="4").hidden


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
    # One GROUP BY query per metric (20 of them) and the reads and writes around them.
    with django_assert_max_num_queries(30):
        figures.refresh_figures(now=NOW)
    for _ in range(20):
        UserFactory(area=data.area, last_login=NOW)
    with django_assert_max_num_queries(30):
        figures.refresh_figures(now=NOW)


def test_the_command_refreshes(data, capsys):
    call_command("refresh_impact_figures")
    assert "Impact figures refreshed" in capsys.readouterr().out
    assert MonthlyFigure.objects.exists()


def test_the_task_refreshes(data):
    from ideahautomo.impact.tasks import refresh_impact_figures

    result = refresh_impact_figures.enqueue()
    assert result.return_value > 0


# Event feedback


def test_event_feedback_counts_in_the_month_answering_closed_and_as_organisers_saw_it(data):
    from ideahautomo.events.models import Event

    held = Event.objects.get(starts_at=at(2026, 6, 10))
    for mood in (5, 5, 5, 4, 4, 3, 3, 3, 3, 3):
        Feedback.objects.create(event=held, mood=mood)
    # Too few answers: counts nowhere.
    few = EventFactory(
        municipality=held.municipality, starts_at=at(2026, 6, 12), ends_at=at(2026, 6, 12, 15)
    )
    Feedback.objects.create(event=few, mood=1)

    figures.refresh_figures(now=at(2026, 6, 30))  # answering closes on 24 June
    assert not MonthlyFigure.objects.filter(metric="event_feedback_mood").exists()
    figures.refresh_figures(now=at(2026, 7, 6, 1))  # June published

    area = data.area
    # 14 answers (the event with one answer does not count), as the organisers saw
    # them: moods 2 (one answer) and 5 (three) hidden, and mood 3 with them, as the two
    # hidden ones would otherwise add up to 4 beside the published total.
    assert stored("event_feedback_mood", area=area) == 14
    hidden = {
        key: row.hidden
        for key, row in (
            (key, stored_row("event_feedback_mood", area=area, key=key)) for key in "2345"
        )
    }
    assert hidden == {"2": True, "3": True, "4": False, "5": True}
    assert stored("event_feedback_mood", area=area, key="4") == 5
    assert stored("event_feedback_mood", all_areas=True) == 14
    assert not stored_row("event_feedback_mood", all_areas=True).hidden


def test_staff_invitations_are_counted_apart_from_the_clients_accounts(cast):
    InvitationFactory(area=cast.area, created_at=at(2026, 6, 3))
    InvitationFactory(
        area=cast.area, created_at=at(2026, 6, 4), role=Role.MENTOR, accepted_at=at(2026, 6, 5)
    )
    InvitationFactory(area=cast.area, created_at=at(2026, 6, 4), role=Role.CONTACT_PERSON)
    figures.refresh_figures(now=NOW)

    assert stored("accounts_ordered", area=cast.area) == 1
    assert stored("accounts_accepted", area=cast.area) == 0
    assert stored("staff_invited", area=cast.area) == 2


def test_the_answers_of_staff_mentors_and_partners_are_no_outcome(cast):
    """A check-in stored before the person took another role still stays out."""
    clients = [UserFactory(area=cast.area) for _ in range(2)]
    mentor, contact = UserFactory(area=cast.area), UserFactory(area=cast.area)
    for person, situation in zip(
        [*clients, mentor, contact], ["employed", "gig_work", "employed", "volunteer"], strict=True
    ):
        CheckIn.objects.create(user=person, month=MAY, area=cast.area, situation=situation, mood=4)
    RoleAssignment.objects.create(user=mentor, role=Role.MENTOR)
    RoleAssignment.objects.create(user=contact, role=Role.CONTACT_PERSON, area=cast.area)
    figures.refresh_figures(now=NOW)

    assert stored("check_in_situation", area=cast.area, month=MAY) == 2
    assert stored("check_in_situation", area=cast.area, month=MAY, key="employed") == 1
    assert stored("check_in_situation", area=cast.area, month=MAY, key="gig_work") == 1
    assert stored("check_in_situation", area=cast.area, month=MAY, key="volunteer") == 0
    assert stored("check_in_mood", area=cast.area, month=MAY, key="4") == 2
