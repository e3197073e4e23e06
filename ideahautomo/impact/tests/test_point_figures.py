"""A drop-in service point's figures: its visitors as counted, its kiosk moods only from
published months and protected, who may see them, and bounded queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.impact import figures, services
from ideahautomo.impact.models import MonthlyFigure
from ideahautomo.points import services as point_services
from ideahautomo.points.models import VisitorCount
from ideahautomo.points.tests.factories import point_in
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

pytestmark = pytest.mark.django_db

PAGE_TABLE = expect(403, guest=LOGIN, contact_person=200, project_manager=200)
# A month whose figures are published on the 6th of the next one.
MAY = datetime.date(2026, 5, 1)
AFTER_PUBLISHING = timezone.make_aware(datetime.datetime(2026, 6, 15, 12, 0))


def url_of(point):
    return reverse("impact:point", args=[point.pk])


def answers(point, moods, *, day=datetime.date(2026, 5, 12)):
    for mood in moods:
        services.kiosk_answer(point=point, day=day, mood=mood)


def cells(html, caption):
    """The displayed cells of the table with this caption, row by row."""
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return [
        re.findall(r"<td[^>]*>([^<]*)</td>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_who_may_see_a_points_figures(cast, client_for):
    point = point_in(cast.area)
    assert_role_table(page_check(client_for, cast.by_role(), url_of(point)), PAGE_TABLE)


def test_an_unknown_point_is_not_found(cast, client_for):
    client = client_for(cast.project_manager)
    assert client.get(reverse("impact:point", args=[999])).status_code == 404


def test_the_visitors_counted_today_show_at_once_by_day_week_month_and_purpose(
    cast, client_for, english_client_for
):
    point = point_in(cast.area)
    for first, purpose in [(True, "job_search"), (True, "job_search"), (False, "")]:
        point_services.visitor_count(
            actor=cast.contact_person, point=point, first_visit=first, purpose=purpose
        )
    html = english_client_for(cast.contact_person).get(url_of(point)).text
    by_day = cells(html, "Visitors by day")
    assert by_day[1] == ["3", "2"]  # today is the newest row
    assert ["3", "2"] in cells(html, "Visitors by week")
    assert ["3", "2"] in cells(html, "Visitors by month")
    purposes = cells(html, "Why visitors came, over the last 12 months")
    assert ["2"] in purposes and ["1"] in purposes


def test_kiosk_moods_are_published_per_point_with_small_numbers_hidden(
    cast, client_for, english_client_for
):
    point = point_in(cast.area)
    other = point_in(cast.area, name="Toinen piste")
    answers(point, [4] * 9 + [2])
    answers(other, [5] * 6)
    figures.refresh_figures(now=AFTER_PUBLISHING)

    stored = MonthlyFigure.objects.filter(metric="kiosk_mood", month=MAY)
    assert {row.point_id for row in stored if not row.all_areas} == {point.pk, other.pk}
    assert all(row.area_id == cast.area.pk for row in stored if not row.all_areas)
    lone = stored.get(point=point, key="2")
    assert lone.hidden  # one answer
    html = english_client_for(cast.contact_person).get(url_of(point)).text
    may = cells(html, "Moods at the kiosk")[-2]  # the last month before the period's total
    assert "&lt; 5" in may
    assert "1" not in may  # the lone answer never shows

    # An area's dashboard reads none of the points' rows.
    from ideahautomo.impact.selectors import published_figures

    read = published_figures(area=cast.area, first=MAY, last=MAY)
    assert not [key for key in read if key[0] == "kiosk_mood"]


def test_this_months_kiosk_answers_wait_for_publishing(cast, english_client_for):
    point = point_in(cast.area)
    answers(point, [3] * 8, day=timezone.localdate())
    figures.refresh_figures()
    html = english_client_for(cast.contact_person).get(url_of(point)).text
    assert "No kiosk answers in the published months." in html


def test_the_page_reads_as_many_queries_whatever_the_data(
    cast, english_client_for, django_assert_max_num_queries
):
    point = point_in(cast.area)
    client = english_client_for(cast.contact_person)
    figures.refresh_figures(now=AFTER_PUBLISHING)
    with django_assert_max_num_queries(10) as few:
        client.get(url_of(point))
    start = timezone.now() - datetime.timedelta(days=300)
    VisitorCount.objects.bulk_create(
        VisitorCount(
            point=point,
            counted_at=start + datetime.timedelta(hours=7 * n),
            first_visit=n % 3 == 0,
            purpose="skills",
        )
        for n in range(1000)
    )
    answers(point, [1, 2, 3, 4, 5] * 20)
    MonthlyFigure.objects.all().delete()
    from ideahautomo.impact.models import PublishedMonth

    PublishedMonth.objects.all().delete()
    figures.refresh_figures(now=AFTER_PUBLISHING)
    with django_assert_max_num_queries(10) as many:
        client.get(url_of(point))
    assert len(many.captured_queries) == len(few.captured_queries)
