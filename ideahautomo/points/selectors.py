"""Reads of service points: lists, the point's page and its figures."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from ideahautomo.accounts.models import Role

from .models import HELSINKI, PointException, Purpose, ServicePoint, VisitorCount, helsinki_now
from .services import UNDO_WINDOW


def points_for(user):
    """The points a staff member keeps: all for the project manager, their area's otherwise."""
    points = ServicePoint.objects.select_related("municipality", "area").prefetch_related("hours")
    if user.has_role(Role.PROJECT_MANAGER):
        return points
    area = user.contact_area
    if area is None:
        return points.none()
    return points.filter(area=area)


def point_for_page(*, pk):
    return (
        ServicePoint.objects.select_related("municipality", "area")
        .prefetch_related("hours")
        .filter(pk=pk)
        .first()
    )


def _day_start(day):
    return datetime.combine(day, time.min, tzinfo=HELSINKI)


def today_totals(point, now=None):
    """Today's first visits, returning visitors, total and counts by purpose (Finnish time)."""
    today = helsinki_now(now).date()
    visits = VisitorCount.objects.filter(
        point=point,
        counted_at__gte=_day_start(today),
        counted_at__lt=_day_start(today + timedelta(days=1)),
    )
    totals = visits.aggregate(
        total=Count("pk"),
        first=Count("pk", filter=Q(first_visit=True)),
        returning=Count("pk", filter=Q(first_visit=False)),
    )
    labels = dict(Purpose.choices)
    totals["by_purpose"] = [
        (labels[row["purpose"]], row["n"])
        for row in visits.exclude(purpose="")
        .values("purpose")
        .annotate(n=Count("pk"))
        .order_by("-n", "purpose")
    ]
    return totals


def week_totals(point, now=None):
    """The last seven days (today included), one row a day, days without visitors too."""
    today = helsinki_now(now).date()
    first = today - timedelta(days=6)
    rows = (
        VisitorCount.objects.filter(
            point=point,
            counted_at__gte=_day_start(first),
            counted_at__lt=_day_start(today + timedelta(days=1)),
        )
        .annotate(day=TruncDate("counted_at", tzinfo=HELSINKI))
        .values("day")
        .annotate(
            total=Count("pk"),
            first=Count("pk", filter=Q(first_visit=True)),
        )
    )
    by_day = {row["day"]: row for row in rows}
    days = []
    for offset in range(7):
        day = first + timedelta(days=offset)
        row = by_day.get(day, {"total": 0, "first": 0})
        days.append({"day": day, "total": row["total"], "first": row["first"]})
    return days


def undoable_count(*, actor, point, now=None):
    """The staff member's own last count at point if it is still within the undo window."""
    since = (now or timezone.now()) - UNDO_WINDOW
    return (
        VisitorCount.objects.filter(point=point, counted_by=actor, counted_at__gte=since)
        .order_by("-counted_at", "-pk")
        .first()
    )


def upcoming_exceptions(point, now=None):
    """Exceptions to the weekly hours from today on, the nearest first (at most 20)."""
    today = helsinki_now(now).date()
    return list(PointException.objects.filter(point=point, date__gte=today).order_by("date")[:20])
