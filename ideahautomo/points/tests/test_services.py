"""Counting visitors, the undo window, opening hours and who may do each."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ideahautomo.accounts.models import AuditAction, AuditEvent
from ideahautomo.points import permissions, selectors, services
from ideahautomo.points.models import PointHours, ServicePoint, VisitorCount

from .factories import point_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_count_stores_no_person_of_the_visitor_and_shows_in_todays_totals(cast):
    point = point_in(cast.area)
    services.visitor_count(actor=cast.contact_person, point=point, first_visit=True)
    services.visitor_count(
        actor=cast.contact_person, point=point, first_visit=False, purpose="job_search"
    )
    services.visitor_count(
        actor=cast.project_manager, point=point, first_visit=False, purpose="job_search"
    )
    totals = selectors.today_totals(point)
    assert (totals["first"], totals["returning"], totals["total"]) == (1, 2, 3)
    assert [count for _label, count in totals["by_purpose"]] == [2]
    assert selectors.week_totals(point)[-1]["total"] == 3


def test_a_contact_person_of_another_area_cannot_count(cast):
    point = point_in(cast.area)
    for person in (cast.other_contact_person, cast.member, cast.moderator, cast.partner):
        with pytest.raises(PermissionDenied):
            services.visitor_count(actor=person, point=point, first_visit=True)
    assert not VisitorCount.objects.exists()


def test_an_unknown_purpose_is_refused_and_nothing_saved(cast):
    point = point_in(cast.area)
    with pytest.raises(ValidationError):
        services.visitor_count(
            actor=cast.contact_person, point=point, first_visit=True, purpose="lottery"
        )
    assert not VisitorCount.objects.exists()


def test_own_count_is_undone_within_five_minutes(cast):
    point = point_in(cast.area)
    visit = services.visitor_count(actor=cast.contact_person, point=point, first_visit=True)
    assert selectors.undoable_count(actor=cast.contact_person, point=point) == visit
    services.visitor_count_undo(actor=cast.contact_person, point=point, visit_id=visit.pk)
    assert not VisitorCount.objects.exists()
    assert AuditEvent.objects.filter(
        actor=cast.contact_person, action=AuditAction.VISITOR_COUNT_UNDONE, area=cast.area
    ).exists()


def test_undo_after_five_minutes_is_refused_with_a_clear_message(cast):
    point = point_in(cast.area)
    visit = services.visitor_count(actor=cast.contact_person, point=point, first_visit=True)
    later = timezone.now() + timedelta(minutes=5, seconds=1)
    assert selectors.undoable_count(actor=cast.contact_person, point=point, now=later) is None
    with pytest.raises(ValidationError, match="five minutes"):
        services.visitor_count_undo(
            actor=cast.contact_person, point=point, visit_id=visit.pk, now=later
        )
    assert VisitorCount.objects.count() == 1


def test_someone_elses_count_cannot_be_undone(cast):
    point = point_in(cast.area)
    visit = services.visitor_count(actor=cast.project_manager, point=point, first_visit=True)
    with pytest.raises(ValidationError):
        services.visitor_count_undo(actor=cast.contact_person, point=point, visit_id=visit.pk)
    assert VisitorCount.objects.count() == 1


def test_counting_is_rate_limited(cast, monkeypatch):
    from ideahautomo.points import limits

    monkeypatch.setitem(limits.LIMITS, "count", (2, 3600, limits.LIMITS["count"][2]))
    point = point_in(cast.area)
    for _ in range(2):
        services.visitor_count(actor=cast.contact_person, point=point, first_visit=True)
    with pytest.raises(ValidationError) as error:
        services.visitor_count(actor=cast.contact_person, point=point, first_visit=True)
    assert error.value.code == "rate_limited"
    assert VisitorCount.objects.count() == 2


def test_hours_must_close_after_opening_and_not_overlap(cast):
    point = point_in(cast.area)
    actor = cast.contact_person
    services.point_hours_add(actor=actor, point=point, weekday=2, opens=time(10), closes=time(18))
    with pytest.raises(ValidationError, match="later than"):
        services.point_hours_add(
            actor=actor, point=point, weekday=2, opens=time(12), closes=time(11)
        )
    with pytest.raises(ValidationError, match="overlaps"):
        services.point_hours_add(
            actor=actor, point=point, weekday=2, opens=time(17), closes=time(19)
        )
    services.point_hours_add(actor=actor, point=point, weekday=2, opens=time(18), closes=time(19))
    assert PointHours.objects.filter(point=point).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.SERVICE_POINT_HOURS_ADDED).count() == 2


def test_a_contact_person_creates_points_only_in_their_own_area(cast):
    from ideahautomo.accounts.tests.factories import municipality

    helsinki = municipality("091")
    point = services.point_create(
        actor=cast.contact_person,
        name="TyöParkki",
        street_address="Työpajankatu 2",
        municipality=helsinki,
        area=cast.area,
    )
    assert point.area == cast.area
    with pytest.raises(ValidationError):
        services.point_create(
            actor=cast.contact_person,
            name="Toinen",
            street_address="Katu 1",
            municipality=helsinki,
            area=cast.other_area,
        )
    with pytest.raises(PermissionDenied):
        services.point_create(
            actor=cast.member, name="X", street_address="Y", municipality=helsinki, area=cast.area
        )
    assert ServicePoint.objects.count() == 1


def test_the_area_is_taken_from_the_municipality_when_left_empty(cast):
    from ideahautomo.accounts.tests.factories import municipality

    helsinki = municipality("091")
    helsinki.employment_area = cast.area
    helsinki.save()
    point = services.point_create(
        actor=cast.project_manager,
        name="TyöParkki",
        street_address="Työpajankatu 2",
        municipality=helsinki,
        area=None,
    )
    assert point.area == cast.area


def test_staff_of_a_point(cast):
    point = point_in(cast.area)
    assert permissions.can_count_at(cast.contact_person, point)
    assert permissions.can_count_at(cast.project_manager, point)
    assert not permissions.can_count_at(cast.other_contact_person, point)
    assert not permissions.can_count_at(None, point)


def test_an_exception_closes_a_date_or_gives_it_other_hours_once(cast):
    from ideahautomo.points.models import PointException, helsinki_now

    point = point_in(cast.area)
    actor = cast.contact_person
    today = helsinki_now().date()
    services.point_exception_add(
        actor=actor, point=point, date=today + timedelta(days=7), is_closed=True, note="Juhannus"
    )
    services.point_exception_add(
        actor=actor,
        point=point,
        date=today + timedelta(days=14),
        is_closed=False,
        opens=time(12),
        closes=time(16),
    )
    with pytest.raises(ValidationError, match="already has an exception"):
        services.point_exception_add(
            actor=actor, point=point, date=today + timedelta(days=7), is_closed=True
        )
    with pytest.raises(ValidationError, match="has passed"):
        services.point_exception_add(
            actor=actor, point=point, date=today - timedelta(days=1), is_closed=True
        )
    with pytest.raises(ValidationError, match="closing time later"):
        services.point_exception_add(
            actor=actor,
            point=point,
            date=today + timedelta(days=21),
            is_closed=False,
            opens=time(16),
            closes=time(12),
        )
    assert [e.is_closed for e in selectors.upcoming_exceptions(point)] == [True, False]
    with pytest.raises(PermissionDenied):
        services.point_exception_add(
            actor=cast.other_contact_person,
            point=point,
            date=today + timedelta(days=30),
            is_closed=True,
        )
    assert PointException.objects.count() == 2
