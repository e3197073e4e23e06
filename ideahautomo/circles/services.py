"""Every write to study circles: starting one, joining, leaving, the waitlist."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ideahautomo.lib.markdown import render_markdown

from . import permissions
from .models import Circle, Membership, new_video_room

EDITABLE = (
    "name",
    "topic",
    "description",
    "language",
    "level",
    "format",
    "municipality",
    "meeting_place",
    "online_link",
    "capacity",
    "policy",
    "visibility",
)


def _check_place(circle):
    if circle.meets_in_person and circle.municipality is None:
        raise ValidationError(
            {"municipality": _("Choose the municipality where the circle meets.")}
        )
    if circle.meets_online and not circle.online_link:
        circle.online_link = new_video_room()
    if not circle.meets_online:
        circle.online_link = ""
    if circle.capacity is not None and circle.capacity < 2:
        raise ValidationError({"capacity": _("A circle needs at least 2 places.")})


def circle_create(*, actor, **fields):
    """Start a circle; its founder is its first member and organiser."""
    if not permissions.can_create_circle(actor):
        raise PermissionDenied
    circle = Circle(created_by=actor, **{name: fields[name] for name in EDITABLE if name in fields})
    circle.name = " ".join(circle.name.split())
    circle.description_html = render_markdown(circle.description)
    _check_place(circle)
    circle.full_clean(exclude=["created_by"])
    with transaction.atomic():
        circle.member_count = 1
        circle.save()
        Membership.objects.create(
            circle=circle, user=actor, status=Membership.Status.ACTIVE, is_organiser=True
        )
    return circle


def circle_join(*, actor, circle):
    """Join an open circle, or go on its waitlist when it is full; for circles that
    need approval, leave a request. Exactly one person gets the last place."""
    if permissions.membership_of(actor, circle) is not None:
        raise ValidationError(_("You are already in this circle."), code="duplicate")
    if not permissions.can_join(actor, circle):
        raise ValidationError(_("You cannot join this circle."), code="not_allowed")
    try:
        with transaction.atomic():
            locked = Circle.objects.select_for_update().get(pk=circle.pk)
            if locked.policy == Circle.Policy.APPROVAL:
                status = Membership.Status.REQUESTED
            elif locked.is_full:
                status = Membership.Status.WAITLISTED
            else:
                status = Membership.Status.ACTIVE
                Circle.objects.filter(pk=locked.pk).update(member_count=F("member_count") + 1)
            membership = Membership.objects.create(circle=locked, user=actor, status=status)
    except IntegrityError as error:
        raise ValidationError(_("You are already in this circle."), code="duplicate") from error
    _forget_memberships(circle)
    circle.refresh_from_db()
    return membership


def _forget_memberships(circle):
    """Drop the per-request membership cache of permissions.membership_of."""
    circle.__dict__.pop("_memberships_by_user", None)


def circle_leave(*, actor, circle):
    """Leave (or stop waiting); a freed place goes to the first on the waitlist, who is told."""
    with transaction.atomic():
        locked = Circle.objects.select_for_update().get(pk=circle.pk)
        membership = Membership.objects.filter(circle=locked, user=actor).first()
        if membership is None:
            raise ValidationError(_("You are not in this circle."), code="not_member")
        if (
            membership.is_organiser
            and not Membership.objects.filter(circle=locked, is_organiser=True)
            .exclude(pk=membership.pk)
            .exists()
        ):
            raise ValidationError(
                _("Name another organiser before you leave, or the circle has nobody to run it."),
                code="last_organiser",
            )
        was_active = membership.status == Membership.Status.ACTIVE
        membership.delete()
        if was_active:
            Circle.objects.filter(pk=locked.pk).update(member_count=F("member_count") - 1)
            locked.member_count -= 1
            _waitlist_promote(locked)
    _forget_memberships(circle)
    circle.refresh_from_db()


def _waitlist_promote(circle):
    """Give a free place to the first waiting; inside the caller's transaction, row locked."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    if circle.is_full:
        return None
    first = (
        Membership.objects.filter(circle=circle, status=Membership.Status.WAITLISTED)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Membership.Status.ACTIVE
    first.save(update_fields=["status"])
    Circle.objects.filter(pk=circle.pk).update(member_count=F("member_count") + 1)
    circle.member_count += 1
    notify(
        recipient=first.user,
        kind=NotificationKind.CIRCLE_WAITLIST_PROMOTED,
        target=circle,
        text_params={"title": circle.name},
        url=circle.get_absolute_url(),
    )
    return first


def request_decide(*, actor, membership, approve):
    circle = membership.circle
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    with transaction.atomic():
        locked_circle = Circle.objects.select_for_update().get(pk=circle.pk)
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.status != Membership.Status.REQUESTED:
            raise ValidationError(_("This request has already been answered."))
        if not approve:
            locked.delete()
            return None
        if locked_circle.is_full:
            locked.status = Membership.Status.WAITLISTED
        else:
            locked.status = Membership.Status.ACTIVE
            Circle.objects.filter(pk=circle.pk).update(member_count=F("member_count") + 1)
        locked.save(update_fields=["status"])
    return locked
