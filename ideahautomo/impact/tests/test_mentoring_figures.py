"""Mentoring in the monthly figures: requests, mentorings started and ended, the mentees'
feedback and the check-ins where a mentor helped, by the mentee's area, published with
small groups hidden."""

import datetime

import pytest
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.impact import figures
from ideahautomo.impact.dashboards import ACTIVITY_METRICS, dashboard_build
from ideahautomo.impact.models import CheckIn, MonthlyFigure
from ideahautomo.impact.selectors import published_figures
from ideahautomo.mentoring import services
from ideahautomo.mentoring.models import Feedback, Mentoring
from ideahautomo.mentoring.tests.factories import mentor_with_profile

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 12, 0))
MAY = datetime.date(2026, 5, 1)
IN_MAY = timezone.make_aware(datetime.datetime(2026, 5, 10, 12, 0))


def row(metric, *, area, key=""):
    return MonthlyFigure.objects.get(metric=metric, area=area, month=MAY, key=key, all_areas=False)


def shown_to_staff(area):
    rows = published_figures(area=area, first=MAY, last=MAY)
    return dashboard_build(rows=rows, area=area, first=MAY, last=MAY)


def mentorings(area, count, *, end=False):
    for _number in range(count):
        mentor = mentor_with_profile(capacity=5)
        mentoring = services.mentoring_request(
            actor=UserFactory(area=area), mentor=mentor, need="Apua"
        )
        mentoring = services.mentoring_answer(actor=mentor, mentoring=mentoring, accept=True)
        if end:
            services.mentoring_end(actor=mentoring.mentee, mentoring=mentoring)
            services.feedback_create(actor=mentoring.mentee, mentoring=mentoring, mood=5)
            services.feedback_create(actor=mentor, mentoring=mentoring, mood=4)
    Mentoring.objects.update(created_at=IN_MAY, answered_at=IN_MAY)
    Mentoring.objects.filter(status="ended").update(ended_at=IN_MAY)
    Feedback.objects.update(created_at=IN_MAY)


def test_mentoring_is_counted_by_the_mentees_area(cast):
    mentorings(cast.area, 6, end=True)
    for person in [UserFactory(area=cast.area) for _ in range(5)]:
        CheckIn.objects.create(
            user=person,
            month=MAY,
            area=cast.area,
            situation="business",
            mood=4,
            helped_mentor=True,
        )
    figures.refresh_figures(now=NOW)

    for metric in ("mentoring_requests", "mentorings_started", "mentorings_ended"):
        figure = row(metric, area=cast.area)
        assert (figure.value, figure.hidden) == (6, False), metric
    assert row("mentoring_feedback_mood", area=cast.area, key="5").value == 6  # mentees only
    assert row("check_in_mentor_helped", area=cast.area).value == 5
    dashboard = shown_to_staff(cast.area)
    activity = next(table for table in dashboard.tables if table.slug == "activity")
    column = [metric for metric, _label in ACTIVITY_METRICS].index("mentoring_requests")
    assert activity.rows[0][1][column].value == 6


def test_fewer_than_five_mentorings_are_hidden(cast):
    mentorings(cast.other_area, 2, end=True)
    figures.refresh_figures(now=NOW)

    for metric in ("mentoring_requests", "mentorings_started", "mentorings_ended"):
        assert row(metric, area=cast.other_area).hidden, metric
    assert row("mentoring_feedback_mood", area=cast.other_area, key="5").hidden
    dashboard = shown_to_staff(cast.other_area)
    activity = next(table for table in dashboard.tables if table.slug == "activity")
    column = [metric for metric, _label in ACTIVITY_METRICS].index("mentoring_requests")
    assert activity.rows[0][1][column].suppressed
