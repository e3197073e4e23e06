import pytest

from ideahautomo.accounts import demo as accounts_demo
from ideahautomo.impact import demo_kiosk
from ideahautomo.impact.models import KioskAnswer
from ideahautomo.points import demo as points_demo
from ideahautomo.points.models import VisitorCount

pytestmark = pytest.mark.django_db


def test_the_demo_point_has_a_year_of_kiosk_answers_from_some_of_its_visitors_once():
    accounts_demo.areas_create()
    point = points_demo.demo_create()
    created = demo_kiosk.demo_create()
    assert demo_kiosk.demo_create() == 0
    answers = KioskAnswer.objects.filter(point=point)
    assert answers.count() == created
    visits = VisitorCount.objects.filter(point=point).count()
    assert 0.2 * visits < created < 0.5 * visits
    assert set(answers.values_list("area", flat=True)) == {point.area_id}
    assert set(answers.values_list("mood", flat=True)) == {1, 2, 3, 4, 5}
    assert answers.filter(helped_talk=True).exists()
    # Wednesdays only, as the point is open then, over the past year.
    days = sorted(set(answers.values_list("day", flat=True)))
    assert {day.weekday() for day in days} == {2}
    assert (days[-1] - days[0]).days > 300
