"""Every write to study circles: starting and editing one, joining, leaving, the waitlist,
invitations and the organisers' care of the members, and the wishes for circles that
pool into demand."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ideahautomo.lib.markdown import render_markdown
from ideahautomo.profiles.languages import SPOKEN_LANGUAGE_NAMES, SPOKEN_LANGUAGES
from ideahautomo.profiles.models import Skill

from . import permissions, selectors
from .limits import limit
from .models import (
    MAX_OTHER_LANGUAGES,
    OTHER_LANGUAGE_SLOTS,
    Circle,
    CircleInvitation,
    CircleLanguage,
    CircleWish,
    Membership,
    new_video_room,
)

MAX_WISHES = 10

EDITABLE = (
    "kind",
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


def kind_format_check(kind, format):
    """A virtual group meets only online, never in person."""
    if kind == Circle.Kind.VIRTUAL_GROUP and format != Circle.Format.ONLINE:
        raise ValidationError(
            {"format": _("A virtual group meets only online: choose “online” as its format.")},
            code="virtual_not_online",
        )


def _check_place(circle):
    kind_format_check(circle.kind, circle.format)
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


def other_languages_clean(codes, *, main):
    """The other languages chosen, in the order of SPOKEN_LANGUAGES: known codes only,
    the main language left out, at most MAX_OTHER_LANGUAGES."""
    chosen = {codes} if isinstance(codes, str) else set(codes or ())
    if not chosen <= SPOKEN_LANGUAGE_NAMES.keys():
        raise ValidationError(
            {"other_languages": _("Choose the other languages from the list.")}, code="unknown"
        )
    chosen.discard(main)
    if len(chosen) > MAX_OTHER_LANGUAGES:
        raise ValidationError(
            {
                "other_languages": _("Choose at most %(max)d other languages.")
                % {"max": MAX_OTHER_LANGUAGES}
            },
            code="too_many",
        )
    return [code for code, _name in SPOKEN_LANGUAGES if code in chosen]


def _check_organisation(actor, circle, organisation):
    """Only staff of an organisation name it as a circle's organiser, or take its name
    off again."""
    current = circle.organiser_organisation_id
    if (organisation.pk if organisation else None) == current:
        return
    if current is not None and not permissions.is_organising_partner(actor, circle):
        raise ValidationError(
            {
                "organiser_organisation": _(
                    "Only the staff of the organising organisation can change it."
                )
            },
            code="not_your_organisation",
        )
    if organisation is not None and not permissions.can_organise_for_organisation(
        actor, organisation
    ):
        raise ValidationError(
            {
                "organiser_organisation": _(
                    "You can organise circles only for your own organisation."
                )
            },
            code="not_your_organisation",
        )
    circle.organiser_organisation = organisation


def circle_create(*, actor, other_languages=(), organiser_organisation=None, **fields):
    """Start a circle; its founder is its first member and organiser. other_languages
    are the codes of the languages it also uses besides its main one. Partner staff may
    start it for their own organisation (organiser_organisation), whose staff then run
    it too."""
    if not permissions.can_create_circle(actor):
        raise PermissionDenied
    circle = Circle(created_by=actor, **{name: fields[name] for name in EDITABLE if name in fields})
    _check_organisation(actor, circle, organiser_organisation)
    circle.name = " ".join(circle.name.split())
    circle.description_html = render_markdown(circle.description)
    _check_place(circle)
    circle.full_clean(exclude=["created_by"])
    others = other_languages_clean(other_languages, main=circle.language)
    limit("circle", actor)
    with transaction.atomic():
        circle.member_count = 1
        circle.save()
        Membership.objects.create(
            circle=circle, user=actor, status=Membership.Status.ACTIVE, is_organiser=True
        )
        CircleLanguage.objects.bulk_create(
            [CircleLanguage(circle=circle, language=code) for code in others]
        )
    return circle


def circle_join(*, actor, circle):
    """Join an open circle, or go on its waitlist when it is full; for circles that
    need approval, leave a request. Exactly one person gets the last place. An
    invitation lets its invitee in without approval, and is used up by joining."""
    if permissions.membership_of(actor, circle) is not None:
        raise ValidationError(_("You are already in this circle."), code="duplicate")
    if not permissions.can_join(actor, circle):
        raise ValidationError(_("You cannot join this circle."), code="not_allowed")
    invited = permissions.invitation_of(actor, circle) is not None
    try:
        with transaction.atomic():
            locked = Circle.objects.select_for_update().get(pk=circle.pk)
            if invited:
                CircleInvitation.objects.filter(circle=locked, invitee=actor).delete()
            if locked.policy == Circle.Policy.APPROVAL and not invited:
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
    """Drop the per-request caches of permissions.membership_of and invitation_of."""
    circle.__dict__.pop("_memberships_by_user", None)
    circle.__dict__.pop("_invitations_by_user", None)


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
        membership_drop(locked, membership)
    _forget_memberships(circle)
    circle.refresh_from_db()


def membership_drop(circle, membership):
    """Delete membership; a place it held goes to the first on the waitlist, who is told.

    The one way a membership ends (leaving, being removed, a deleted account): inside
    the caller's transaction, with the circle's row locked.
    """
    membership.delete()
    if membership.status == Membership.Status.ACTIVE:
        Circle.objects.filter(pk=circle.pk).update(member_count=F("member_count") - 1)
        circle.member_count -= 1
        _waitlist_promote(circle)


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


def wish_create(*, actor, skill, language, level="", municipality=None, online_ok=False):
    """Record a wish for a circle, and tell its pools' members once when enough people
    wish for the same in one place and no circle answers them. The skill's row is
    locked, so wishes made at the same moment count each other exactly once."""
    if not permissions.can_wish_for_circles(actor):
        raise PermissionDenied
    wish = CircleWish(
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
    wish.full_clean(exclude=["user", "skill"], validate_unique=False)
    if CircleWish.objects.filter(user=actor).count() >= MAX_WISHES:
        raise ValidationError(
            _("You can have at most %(max)d wishes. Remove one you no longer need.")
            % {"max": MAX_WISHES},
            code="too_many",
        )
    duplicate = ValidationError(
        _("You already have this wish. Change its place by removing it and adding it again."),
        code="duplicate",
    )
    if CircleWish.objects.filter(
        user=actor, skill=skill, language=wish.language, level=wish.level
    ).exists():
        raise duplicate
    limit("wish", actor)
    try:
        with transaction.atomic():
            Skill.objects.select_for_update().get(pk=skill.pk)
            wish.save()
            _pools_notify(wish)
    except IntegrityError as error:
        raise duplicate from error
    return wish


def _pools(wish):
    """The pools wish belongs to: (filter of its members, suitable circles, place)."""
    same = CircleWish.objects.filter(
        skill_id=wish.skill_id,
        language=wish.language,
        level=wish.level,
        user__is_active=True,
    )
    key = {"skill_id": wish.skill_id, "language": wish.language, "level": wish.level}
    if wish.municipality_id:
        yield (
            same.filter(municipality_id=wish.municipality_id),
            selectors.suitable_circles(**key, municipality_id=wish.municipality_id),
            {"muoto": Circle.Format.IN_PERSON, "kunta": wish.municipality_id},
        )
    if wish.online_ok:
        yield (
            same.filter(online_ok=True),
            selectors.suitable_circles(**key, online=True),
            {"muoto": Circle.Format.ONLINE},
        )


def _pools_notify(new_wish):
    """Inside the caller's transaction, with the skill's row locked."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    for members, circles, place in _pools(new_wish):
        if members.count() < settings.CIRCLE_DEMAND_THRESHOLD or circles.exists():
            continue
        waiting = list(
            members.filter(notified_at__isnull=True).select_related("user", "skill", "municipality")
        )
        query = {"taito": new_wish.skill_id, "kieli": new_wish.language}
        if new_wish.level:
            query["taso"] = new_wish.level
        url = f"{reverse('circles:create')}?{urlencode({**query, **place})}"
        for wish in waiting:
            with translation.override(wish.user.language):
                title = wish_title(wish, online="kunta" not in place)
            notify(
                recipient=wish.user,
                kind=NotificationKind.CIRCLE_DEMAND,
                target=wish,
                text_params={"title": title},
                url=url,
            )
        CircleWish.objects.filter(pk__in=[wish.pk for wish in waiting]).update(
            notified_at=timezone.now()
        )


def wish_title(wish, *, online):
    """For example "Finnish language, A1, in English - Vantaa", in the active language."""
    parts = [wish.skill.label]
    if wish.level:
        parts.append(wish.level)
    parts.append(_("in %(language)s") % {"language": wish.get_language_display()})
    place = _("online") if online else wish.municipality.name
    return f"{', '.join(parts)} – {place}"


def wish_remove(*, actor, wish):
    if not permissions.can_remove_wish(actor, wish):
        raise PermissionDenied
    CircleWish.objects.filter(pk=wish.pk, user=actor).delete()


def circle_update(*, actor, circle, **fields):
    """Organisers edit the circle with the rules of starting one; the places cannot go
    below the members it has, and new places go to the waitlist. Given
    other_languages, the circle's other languages become exactly those; given
    organiser_organisation, partner staff name their own organisation (or none)."""
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    with transaction.atomic():
        locked = Circle.objects.select_for_update().get(pk=circle.pk)
        for name in EDITABLE:
            if name in fields:
                setattr(locked, name, fields[name])
        if "organiser_organisation" in fields:
            _check_organisation(actor, locked, fields["organiser_organisation"])
        locked.name = " ".join(locked.name.split())
        locked.description_html = render_markdown(locked.description)
        _check_place(locked)
        if locked.capacity is not None and locked.capacity < locked.member_count:
            raise ValidationError(
                {
                    "capacity": _(
                        "The circle already has %(count)s members: give at least that many "
                        "places, or ask members to leave first."
                    )
                    % {"count": locked.member_count}
                }
            )
        locked.full_clean(exclude=["created_by"])
        others = None
        if "other_languages" in fields:
            others = other_languages_clean(fields["other_languages"], main=locked.language)
        locked.save()
        _other_languages_set(locked, others)
        while _waitlist_promote(locked) is not None:
            pass
    _forget_memberships(circle)
    for slot in OTHER_LANGUAGE_SLOTS:  # read again from the table, not the old query
        circle.__dict__.pop(slot, None)
    circle.refresh_from_db()
    return circle


def _other_languages_set(circle, codes):
    """Make codes the circle's other languages (None: keep them), never its main one."""
    rows = CircleLanguage.objects.filter(circle=circle)
    if codes is None:
        rows.filter(language=circle.language).delete()
        return
    rows.exclude(language__in=codes).delete()
    have = set(rows.values_list("language", flat=True))
    CircleLanguage.objects.bulk_create(
        [CircleLanguage(circle=circle, language=code) for code in codes if code not in have]
    )


def circle_invitation_create(*, actor, circle, invitee):
    """Invite a member whom the organiser may find in the people directory."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify
    from ideahautomo.profiles.selectors import visible_profiles

    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    if not visible_profiles(viewer=actor).filter(pk=invitee.pk).exists():
        raise ValidationError(_("This person cannot be invited."), code="not_found")
    if Membership.objects.filter(circle=circle, user=invitee).exists():
        raise ValidationError(_("This person is already in the circle."), code="member")
    limit("invitation", actor)
    try:
        with transaction.atomic():
            invitation = CircleInvitation.objects.create(
                circle=circle, invitee=invitee, invited_by=actor
            )
            notify(
                recipient=invitee,
                kind=NotificationKind.CIRCLE_INVITATION,
                actor=actor,
                target=circle,
                text_params={"title": circle.name},
                url=circle.get_absolute_url(),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This person has already been invited."), code="duplicate"
        ) from error
    return invitation


def circle_invitation_accept(*, actor, circle):
    """Join with the invitation: a place if one is free, otherwise the waitlist."""
    if not permissions.can_answer_invitation(actor, circle):
        raise ValidationError(_("You have no open invitation to this circle."), code="none")
    return circle_join(actor=actor, circle=circle)


def circle_invitation_decline(*, actor, circle):
    deleted, _details = CircleInvitation.objects.filter(circle=circle, invitee=actor).delete()
    if not deleted:
        raise ValidationError(_("You have no open invitation to this circle."), code="none")
    _forget_memberships(circle)


def member_remove(*, actor, membership):
    """An organiser takes someone out of the circle (not themselves: they leave instead);
    a freed place goes to the first on the waitlist, who is told."""
    circle = membership.circle
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    if membership.user_id == actor.pk:
        raise ValidationError(_("To leave the circle yourself, use “Leave the circle”."))
    with transaction.atomic():
        locked = Circle.objects.select_for_update().get(pk=circle.pk)
        row = Membership.objects.filter(pk=membership.pk, circle=locked).first()
        if row is None:
            raise ValidationError(_("This person is no longer in the circle."), code="gone")
        membership_drop(locked, row)
    _forget_memberships(circle)
    circle.refresh_from_db()


def organiser_add(*, actor, membership):
    """Make an active member an organiser too."""
    circle = membership.circle
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    updated = Membership.objects.filter(
        pk=membership.pk, circle=circle, status=Membership.Status.ACTIVE
    ).update(is_organiser=True)
    if not updated:
        raise ValidationError(_("Only members of the circle can be organisers."), code="inactive")
    _forget_memberships(circle)
