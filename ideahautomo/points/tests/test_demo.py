import pytest

from ideahautomo.accounts import demo as accounts_demo
from ideahautomo.points import demo
from ideahautomo.points.models import ServicePoint, VisitorCount

pytestmark = pytest.mark.django_db


def test_the_demo_point_has_wednesday_hours_and_a_year_of_counts_once():
    accounts_demo.areas_create()
    demo.demo_create()
    demo.demo_create()
    point = ServicePoint.objects.get(name=demo.NAME)
    assert [(h.weekday, h.opens.hour, h.closes.hour) for h in point.hours.all()] == [(2, 10, 18)]
    visits = VisitorCount.objects.filter(point=point)
    assert 100 < visits.count() < 500
    assert visits.filter(first_visit=True).exists()
