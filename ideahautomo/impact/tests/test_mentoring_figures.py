"""Mentoring in the monthly figures: requests, mentorings started and ended, the mentees'
feedback and the check-ins where a mentor helped, by the mentee's area, published with
small groups hidden."""

import datetime

import pytest
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.impact import figures
from ideahautomo.impact.audit import Links, problems, protect_linked
from ideahautomo.impact.dashboards import ACTIVITY_METRICS, dashboard_build
from ideahautomo.impact.models import CheckIn, MonthlyFigure
from ideahautomo.impact.selectors import published_figures
from ideahautomo.lib.disclosure import protect
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


def mentorings(area, count, *, end=False, declined=0):
    for _number in range(declined):
        mentor = mentor_with_profile(capacity=5)
        mentoring = services.mentoring_request(
            actor=UserFactory(area=area), mentor=mentor, need="Apua"
        )
        services.mentoring_answer(actor=mentor, mentoring=mentoring, accept=False, answer="Ei")
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


def shown(metric, area):
    """(value, hidden) of the area's figure and of all areas' together."""
    mine = row(metric, area=area)
    everyone = MonthlyFigure.objects.get(metric=metric, month=MAY, key="", all_areas=True)
    return (mine.value, mine.hidden), (everyone.value, everyone.hidden)


def check_ins(area, answered, *, helped):
    for number in range(answered):
        CheckIn.objects.create(
            user=UserFactory(area=area),
            month=MAY,
            area=area,
            situation="business",
            mood=4,
            helped_mentor=number < helped,
        )


# The rule: a figure that is a group inside another (mentorings started of the requests,
# ended of the started, the mentees' feedback of the ended, check-ins where a mentor
# helped of those answered) is protected together with it. Whole minus part counts
# people too (the requests declined or still waiting), so no area's or all areas'
# difference may be worked out as 1-4; a difference of 0 or of five or more may.


def test_requests_and_mentorings_started_do_not_give_away_two_declined(cast):
    mentorings(cast.area, 5, declined=2)
    figures.refresh_figures(now=NOW)

    requests = shown("mentoring_requests", cast.area)
    started = shown("mentorings_started", cast.area)
    assert [value for value, _hidden in requests] == [7, 7]
    assert [value for value, _hidden in started] == [5, 5]
    for scope in (0, 1):  # the area, all areas
        assert requests[scope][1] or started[scope][1], (requests, started)
    dashboard = shown_to_staff(cast.area)
    activity = next(table for table in dashboard.tables if table.slug == "activity")
    columns = [metric for metric, _label in ACTIVITY_METRICS]
    cells = activity.rows[0][1]
    shown_on_page = [
        cells[columns.index(metric)].is_published
        for metric in ("mentoring_requests", "mentorings_started")
    ]
    assert shown_on_page != [True, True]


def test_nested_figures_five_apart_or_equal_are_all_shown(cast):
    mentorings(cast.area, 5, declined=5)
    mentorings(cast.other_area, 6, end=True)
    figures.refresh_figures(now=NOW)

    assert shown("mentoring_requests", cast.area)[0] == (10, False)
    assert shown("mentorings_started", cast.area)[0] == (5, False)
    for metric in ("mentoring_requests", "mentorings_started", "mentorings_ended"):
        assert shown(metric, cast.other_area)[0] == (6, False), metric


def test_check_ins_where_a_mentor_helped_do_not_give_away_the_others(cast):
    check_ins(cast.area, 8, helped=5)
    figures.refresh_figures(now=NOW)

    helped = row("check_in_mentor_helped", area=cast.area)
    answered = row("check_in_situation", area=cast.area, key="")  # the area's total
    assert (helped.value, answered.value) == (5, 8)
    assert helped.hidden or answered.hidden


def test_check_ins_where_a_mentor_helped_are_shown_beside_enough_others(cast):
    check_ins(cast.area, 10, helped=5)
    figures.refresh_figures(now=NOW)

    assert row("check_in_mentor_helped", area=cast.area).hidden is False
    assert row("check_in_situation", area=cast.area, key="").hidden is False


def test_a_difference_the_other_way_round_is_protected_too():
    # Mentorings started in a month may answer the previous month's requests: 7 started
    # of 5 requests tells that 2 started from earlier ones.
    grids = {"requests": [[5], [9]], "started": [[7], [9]]}
    links = Links(same=(), nested=(("started", "requests"),))
    assert problems(grids, {name: protect(grid) for name, grid in grids.items()}, links=links)

    results = protect_linked(grids, links)

    assert problems(grids, results, links=links) == []
    first = [results[name].cells[0][0].suppressed for name in grids]
    assert first == [True, True]
