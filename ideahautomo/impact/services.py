"""Writes of check-ins, service feedback and the mood kiosk's answers."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib import ratelimit

from . import permissions
from .kiosk import kiosk_token
from .models import (
    HELPED_FIELDS,
    KIOSK_HELPED_FIELDS,
    MOODS,
    CheckIn,
    KioskAnswer,
    ServiceFeedback,
    Situation,
)
from .selectors import month_of

FEEDBACK_SCOPE = "impact-feedback"
FEEDBACK_PER_HOUR = 5
KIOSK_SCOPE = "impact-kiosk"
# A busy drop-in morning is far below this; a stuck finger or a script is not.
KIOSK_ANSWERS_PER_HOUR = 240

# A path on this site: starts with one slash, plain URL path characters only.
_SAFE_PAGE = re.compile(r"/(?![/\\])[A-Za-z0-9/_.~%-]*")
PAGE_MAX_LENGTH = 200


def _mood(value):
    try:
        mood = int(value)
    except (TypeError, ValueError):
        mood = None
    if mood not in dict(MOODS):
        raise ValidationError(
            {"mood": ValidationError(_("Choose one of the five faces."), code="mood")}
        )
    return mood


def check_in_answer(*, actor, situation, mood, helped=(), today=None):
    """Save actor's answer for this month; a second answer in the month replaces the first.

    The area is the member's employment area now, so that statistics follow the area
    that served them when they answered. Safe when two answers race: the unique
    (user, month) constraint keeps one row, and the later answer wins.
    """
    if not permissions.can_check_in(actor):
        raise PermissionDenied
    if situation not in Situation.values:
        raise ValidationError(
            {"situation": ValidationError(_("Choose your situation."), code="situation")}
        )
    mood = _mood(mood)
    unknown = set(helped) - set(HELPED_FIELDS)
    if unknown:
        raise ValidationError(
            {"helped": ValidationError(_("Choose only from the list."), code="helped")}
        )
    now = timezone.now()
    month = month_of(today)
    answers = {
        "skipped": False,
        "situation": situation,
        "mood": mood,
        "area_id": actor.area_id,
        "updated_at": now,
        **{field: name in helped for name, field in HELPED_FIELDS.items()},
    }
    CheckIn(user=actor, month=month, **answers).full_clean(
        exclude=["user", "area"], validate_unique=False, validate_constraints=False
    )
    return _check_in_save(actor=actor, month=month, values=answers, now=now)


def _check_in_save(*, actor, month, values, now, overwrite=True):
    for _attempt in range(2):
        try:
            with transaction.atomic():
                check_in, created = CheckIn.objects.select_for_update().get_or_create(
                    user=actor, month=month, defaults={**values, "created_at": now}
                )
                if not created and overwrite:
                    for field, value in values.items():
                        setattr(check_in, field, value)
                    check_in.save(update_fields=[*values])
                return check_in
        except IntegrityError:
            # Another request created the month's row between our read and insert.
            continue
    raise IntegrityError("The check-in could not be saved.")  # pragma: no cover


def check_in_skip(*, actor, today=None):
    """Remember that actor skipped this month's question; an answer already given stays."""
    if not permissions.can_check_in(actor):
        raise PermissionDenied
    now = timezone.now()
    return _check_in_save(
        actor=actor,
        month=month_of(today),
        values={"skipped": True, "area_id": actor.area_id, "updated_at": now},
        now=now,
        overwrite=False,
    )


def page_clean(value):
    """The page feedback came from, if it is a plain path on this site; otherwise empty."""
    value = (value or "").strip()
    if len(value) > PAGE_MAX_LENGTH or not _SAFE_PAGE.fullmatch(value):
        return ""
    return value


def feedback_give(*, actor, mood, text="", anonymous=True, page="", client=""):
    """Store feedback on the service.

    Anonymous feedback keeps neither the person nor their employment area: with a small
    area, the area and the time together could point to a person. Guests are always
    anonymous. At most FEEDBACK_PER_HOUR pieces an hour per person (or per address
    for guests).
    """
    named = not anonymous and permissions.can_give_named_feedback(actor)
    mood = _mood(mood)
    text = (text or "").strip()
    feedback = ServiceFeedback(
        user=actor if named else None,
        area_id=actor.area_id if named else None,
        mood=mood,
        text=text,
        page=page_clean(page),
    )
    feedback.full_clean(exclude=["user", "area"])
    signed_in = actor is not None and actor.is_authenticated
    identity = f"user:{actor.pk}" if signed_in else f"ip:{client}"
    if not ratelimit.allow(FEEDBACK_SCOPE, identity, limit=FEEDBACK_PER_HOUR, window=60 * 60):
        raise ValidationError(
            _("You have sent a lot of feedback in a short time. Please try again later."),
            code="rate_limited",
        )
    with transaction.atomic():
        feedback.save()
    return feedback


def kiosk_start(*, actor, point, now=None):
    """The token of a kiosk link for point, valid until the day ends; the start is audited."""
    if not permissions.can_start_kiosk(actor, point):
        raise PermissionDenied
    with transaction.atomic():
        audit_event_record(
            actor=actor, action=AuditAction.MOOD_KIOSK_STARTED, target=point, area=point.area
        )
    return kiosk_token(point, now=now)


def kiosk_answer(*, point, day, mood, helped=()):
    """Store one visitor's mood at point's kiosk on day, with what helped them (optional).

    No person and no time of day is kept. The area is the point's area now. At most
    KIOSK_ANSWERS_PER_HOUR answers an hour per point and day, whoever sends them: a kiosk
    tablet is one address for everybody, so there is no limit per address.
    """
    if not permissions.kiosk_is_open(point):
        raise PermissionDenied
    mood = _mood(mood)
    helped = set(helped or ())
    if helped - set(KIOSK_HELPED_FIELDS):
        raise ValidationError(
            {"helped": ValidationError(_("Choose only from the list."), code="helped")}
        )
    answer = KioskAnswer(
        point=point,
        area_id=point.area_id,
        day=day,
        mood=mood,
        **{field: name in helped for name, field in KIOSK_HELPED_FIELDS.items()},
    )
    # The check constraint on the mood backs _mood() up; validating it again costs a query.
    answer.full_clean(exclude=["point", "area"], validate_constraints=False)
    if not ratelimit.allow(
        KIOSK_SCOPE, f"{point.pk}:{day.isoformat()}", limit=KIOSK_ANSWERS_PER_HOUR, window=60 * 60
    ):
        raise ValidationError(
            _(
                "This kiosk has received very many answers in a short time. "
                "Please wait a moment and try again."
            ),
            code="rate_limited",
        )
    answer.save()
    return answer
