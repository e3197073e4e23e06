"""Writes of service points: the points, their hours and the visitor counts."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib.hours import EXCEPTION_EXISTS, exception_hours, overlap_check, stretch_check

from . import limits, permissions
from .models import PointException, PointHours, ServicePoint, VisitorCount

UNDO_WINDOW = timedelta(minutes=5)


def _point_fill(point, fields):
    for name, value in fields.items():
        setattr(point, name, value)
    if point.area_id is None and point.municipality_id is not None:
        point.area_id = point.municipality.employment_area_id
    if point.area_id is None:
        raise ValidationError(
            {"area": _("Choose the employment area: the municipality does not belong to one.")}
        )


def _point_save(*, actor, point, fields, outside_area, action):
    """Fill point with fields and save it; outside_area is the refusal when the point
    would lie outside the areas actor may edit."""
    _point_fill(point, fields)
    if not permissions.can_edit_point(actor, point):
        raise ValidationError({"area": outside_area})
    point.full_clean()
    limits.limit("point", actor)
    with transaction.atomic():
        point.save()
        audit_event_record(actor=actor, action=action, target=point, area=point.area)
    return point


def point_create(*, actor, **fields):
    """A new point; a contact person may create one only in their own area."""
    if not permissions.can_manage_points(actor):
        raise PermissionDenied
    return _point_save(
        actor=actor,
        point=ServicePoint(),
        fields=fields,
        outside_area=_("You can add points only in your own area."),
        action=AuditAction.SERVICE_POINT_CREATED,
    )


def point_update(*, actor, point, **fields):
    if not permissions.can_edit_point(actor, point):
        raise PermissionDenied
    return _point_save(
        actor=actor,
        point=point,
        fields=fields,
        outside_area=_("You can keep points only in your own area."),
        action=AuditAction.SERVICE_POINT_UPDATED,
    )


def point_hours_add(*, actor, point, weekday, opens, closes):
    """One more stretch of a weekday; it must end after it starts and not overlap another."""
    if not permissions.can_edit_point(actor, point):
        raise PermissionDenied
    stretch_check(opens=opens, closes=closes)
    limits.limit("point", actor)
    with transaction.atomic():
        # The point row is locked so two additions cannot overlap each other.
        ServicePoint.objects.select_for_update().filter(pk=point.pk).first()
        overlap_check(point.hours, weekday=weekday, opens=opens, closes=closes)
        hours = PointHours(point=point, weekday=weekday, opens=opens, closes=closes)
        hours.full_clean()
        hours.save()
        audit_event_record(
            actor=actor,
            action=AuditAction.SERVICE_POINT_HOURS_ADDED,
            target=point,
            area=point.area,
            hours=str(hours),
        )
    return hours


def _hours_row_remove(*, actor, point, rows):
    """Remove one row of the point's hours or exceptions (rows: a filtered queryset)."""
    if not permissions.can_edit_point(actor, point):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _rows = rows.delete()
        if deleted:
            audit_event_record(
                actor=actor,
                action=AuditAction.SERVICE_POINT_HOURS_REMOVED,
                target=point,
                area=point.area,
            )
    return bool(deleted)


def point_hours_remove(*, actor, point, hours_id):
    return _hours_row_remove(actor=actor, point=point, rows=point.hours.filter(pk=hours_id))


def point_exception_add(*, actor, point, date, is_closed, opens=None, closes=None, note=""):
    """A holiday or other hours on one date, today or later; one exception a date."""
    if not permissions.can_edit_point(actor, point):
        raise PermissionDenied
    opens, closes = exception_hours(date=date, is_closed=is_closed, opens=opens, closes=closes)
    limits.limit("point", actor)
    exception = PointException(
        point=point, date=date, is_closed=is_closed, opens=opens, closes=closes, note=note.strip()
    )
    exception.full_clean(exclude=["point"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            exception.save()
            audit_event_record(
                actor=actor,
                action=AuditAction.SERVICE_POINT_HOURS_ADDED,
                target=point,
                area=point.area,
                exception=str(date),
            )
    except IntegrityError as error:
        raise ValidationError({"date": EXCEPTION_EXISTS}) from error
    return exception


def point_exception_remove(*, actor, point, exception_id):
    rows = point.exceptions.filter(pk=exception_id)
    return _hours_row_remove(actor=actor, point=point, rows=rows)


def visitor_count(*, actor, point, first_visit, purpose="", language=""):
    """Count one anonymous visitor at point; only its own staff may."""
    if not permissions.can_count_at(actor, point):
        raise PermissionDenied
    limits.limit("count", actor)
    visit = VisitorCount(
        point=point,
        first_visit=bool(first_visit),
        purpose=purpose or "",
        language=language or "",
        counted_by=actor,
    )
    visit.full_clean(exclude=["counted_by"])
    visit.save()
    return visit


def visitor_count_undo(*, actor, point, visit_id, now=None):
    """Take back one's own count within five minutes; later it is refused with a message."""
    if not permissions.can_count_at(actor, point):
        raise PermissionDenied
    with transaction.atomic():
        visit = (
            VisitorCount.objects.select_for_update()
            .filter(pk=visit_id, point=point, counted_by=actor)
            .first()
        )
        if visit is None:
            raise ValidationError(_("That count cannot be undone: it is not your own count."))
        if (now or timezone.now()) - visit.counted_at > UNDO_WINDOW:
            raise ValidationError(
                _("A count can be undone only within five minutes. This one is older."),
                code="too_late",
            )
        audit_event_record(
            actor=actor,
            action=AuditAction.VISITOR_COUNT_UNDONE,
            target=point,
            area=point.area,
            counted_at=visit.counted_at.isoformat(),
        )
        visit.delete()
    return True
