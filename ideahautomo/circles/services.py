"""Every write to study circles: starting one, joining, leaving, the waitlist, and the
wishes for circles that pool into demand."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ideahautomo.lib.markdown import render_markdown
from ideahautomo.profiles.models import Skill

from . import permissions, selectors
from .models import Circle, CircleInterest, Membership, new_video_room

MAX_INTERESTS = 10

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
    "skill",
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


def interest_create(*, actor, skill, language, level="", municipality=None, online_ok=False):
    """Record a wish for a circle, and tell its pools' members once when enough people
    wish for the same in one place and no circle answers them. The skill's row is
    locked, so wishes made at the same moment count each other exactly once."""
    if not permissions.can_wish_for_circles(actor):
        raise PermissionDenied
    interest = CircleInterest(
        user=actor,
        skill=skill,
        language=language,
        level=level or "",
        municipality=municipality,
        online_ok=online_ok,
    )
    if municipality is None and not online_ok:
        raise ValidationError(
            {"municipality": _("Choose a municipality, or tell that online is fine for you.")}
        )
    interest.full_clean(exclude=["user", "skill"], validate_unique=False)
    if CircleInterest.objects.filter(user=actor).count() >= MAX_INTERESTS:
        raise ValidationError(
            _("You can have at most %(max)d wishes. Remove one you no longer need.")
            % {"max": MAX_INTERESTS},
            code="too_many",
        )
    duplicate = ValidationError(
        _("You already have this wish. Change its place by removing it and adding it again."),
        code="duplicate",
    )
    if CircleInterest.objects.filter(
        user=actor, skill=skill, language=interest.language, level=interest.level
    ).exists():
        raise duplicate
    try:
        with transaction.atomic():
            Skill.objects.select_for_update().get(pk=skill.pk)
            interest.save()
            _pools_notify(interest)
    except IntegrityError as error:
        raise duplicate from error
    return interest


def _pools(interest):
    """The pools interest belongs to: (filter of its members, suitable circles, place)."""
    same = CircleInterest.objects.filter(
        skill_id=interest.skill_id,
        language=interest.language,
        level=interest.level,
        user__is_active=True,
    )
    key = {"skill_id": interest.skill_id, "language": interest.language, "level": interest.level}
    if interest.municipality_id:
        yield (
            same.filter(municipality_id=interest.municipality_id),
            selectors.suitable_circles(**key, municipality_id=interest.municipality_id),
            {"muoto": Circle.Format.IN_PERSON, "kunta": interest.municipality_id},
        )
    if interest.online_ok:
        yield (
            same.filter(online_ok=True),
            selectors.suitable_circles(**key, online=True),
            {"muoto": Circle.Format.ONLINE},
        )


def _pools_notify(interest):
    """Inside the caller's transaction, with the skill's row locked."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    for members, circles, place in _pools(interest):
        if members.count() < settings.CIRCLE_DEMAND_THRESHOLD or circles.exists():
            continue
        waiting = list(
            members.filter(notified_at__isnull=True).select_related("user", "skill", "municipality")
        )
        query = {"taito": interest.skill_id, "kieli": interest.language}
        if interest.level:
            query["taso"] = interest.level
        url = f"{reverse('circles:create')}?{urlencode({**query, **place})}"
        for wish in waiting:
            with translation.override(wish.user.language):
                title = interest_title(wish, online="kunta" not in place)
            notify(
                recipient=wish.user,
                kind=NotificationKind.CIRCLE_DEMAND,
                target=wish,
                text_params={"title": title},
                url=url,
            )
        CircleInterest.objects.filter(pk__in=[wish.pk for wish in waiting]).update(
            notified_at=timezone.now()
        )


def interest_title(interest, *, online):
    """For example "Finnish language, A1, in English - Vantaa", in the active language."""
    parts = [interest.skill.label]
    if interest.level:
        parts.append(interest.level)
    parts.append(_("in %(language)s") % {"language": interest.get_language_display()})
    place = _("online") if online else interest.municipality.name
    return f"{', '.join(parts)} – {place}"


def interest_delete(*, actor, interest):
    if not permissions.can_remove_interest(actor, interest):
        raise PermissionDenied
    CircleInterest.objects.filter(pk=interest.pk, user=actor).delete()
