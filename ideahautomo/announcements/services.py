"""Every write of announcements: sending one, delivering it in batches, forgetting a person.

An announcement is saved and checked in the request; the people are told by the task
worker, one batch at a time, each batch in its own transaction with the point it
reached, so that a national audience never runs in one request and a retried or
repeated batch tells nobody twice.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib import ratelimit
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.lib.tasks import enqueue_on_commit
from ideahautomo.messaging.models import NotificationKind
from ideahautomo.messaging.services import notify_many

from . import selectors
from .models import Announcement, AnnouncementDelivery
from .permissions import can_announce_to_area

BATCH_SIZE = 500
SEND_SCOPE = "announcement-send"
SENDS_PER_DAY = 5
DAY = 24 * 60 * 60

EMPTY_AUDIENCE = _(
    "Nobody would get this announcement: no active member matches the choices. "
    "Change the area, municipality or language."
)
RATE_LIMITED = ngettext_lazy(
    "You can send at most %(count)d announcement a day. Try again tomorrow.",
    "You can send at most %(count)d announcements a day. Try again tomorrow.",
    "count",
)


def audience_check(*, actor, area=None, municipality=None, language=""):
    """How many people an announcement with these choices reaches; raise a ValidationError
    when the choices do not fit together or reach nobody, PermissionDenied when actor may
    not announce to that area."""
    if not can_announce_to_area(actor, area):
        raise PermissionDenied
    if (
        area is not None
        and municipality is not None
        and municipality.employment_area_id != (area.pk)
    ):
        raise ValidationError(
            {
                "municipality": _(
                    "%(municipality)s is not in the employment area %(area)s. "
                    "Choose a municipality of the area, or none."
                )
                % {"municipality": municipality.name, "area": area.name}
            },
            code="municipality_outside_area",
        )
    count = selectors.audience(area=area, municipality=municipality, language=language).count()
    if count == 0:
        raise ValidationError(EMPTY_AUDIENCE, code="empty_audience")
    return count


def announcement_send(*, actor, title, body, area=None, municipality=None, language=""):
    """Save the announcement and deliver it to its audience in the background.

    Nothing is saved and nobody is told if the audience is empty, the text is not valid
    or actor has already sent SENDS_PER_DAY announcements today.
    """
    count = audience_check(actor=actor, area=area, municipality=municipality, language=language)
    announcement = Announcement(
        title=title.strip(),
        body=body.strip(),
        sender=actor,
        area=area,
        municipality=municipality,
        language=language or "",
        recipient_count=count,
    )
    announcement.body_html = render_markdown(announcement.body)
    announcement.full_clean()
    if not ratelimit.allow(SEND_SCOPE, actor.pk, limit=SENDS_PER_DAY, window=DAY):
        raise ValidationError(RATE_LIMITED % {"count": SENDS_PER_DAY}, code="rate_limited")
    with transaction.atomic():
        announcement.save()
        audit_event_record(
            actor=actor,
            action=AuditAction.ANNOUNCEMENT_SENT,
            target=announcement,
            area=area,
            recipients=count,
            municipality=municipality.code if municipality else "",
            language=announcement.language,
        )
        from .tasks import deliver_announcement

        enqueue_on_commit(deliver_announcement, announcement.pk)
    return announcement


def announcement_deliver_batch(*, announcement_id, batch_size=BATCH_SIZE):
    """Tell the next batch_size people of the audience, in person-id order, through
    notify(); returns True while more remain.

    The announcement row is locked for the batch, and the batch's delivery rows (one per
    person, unique), notifications and the point reached commit together: a batch that
    fails tells nobody and is done again; one run twice finds its people told.
    """
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update()
            .filter(pk=announcement_id, finished_at__isnull=True)
            .first()
        )
        if announcement is None:
            return False
        people = list(
            selectors.audience_of(announcement)
            .filter(pk__gt=announcement.last_user_id)
            .order_by("pk")[:batch_size]
        )
        told = set(
            AnnouncementDelivery.objects.filter(
                announcement=announcement, user__in=[person.pk for person in people]
            ).values_list("user_id", flat=True)
        )
        new = [person for person in people if person.pk not in told]
        AnnouncementDelivery.objects.bulk_create(
            [AnnouncementDelivery(announcement=announcement, user=person) for person in new]
        )
        notify_many(
            recipients=new,
            kind=NotificationKind.ANNOUNCEMENT,
            target=announcement,
            text_params={"title": announcement.title},
            url=announcement.get_absolute_url(),
        )
        if people:
            announcement.last_user_id = people[-1].pk
        announcement.delivered_count += len(new)
        if len(people) < batch_size:
            announcement.finished_at = timezone.now()
        announcement.save(update_fields=["last_user_id", "delivered_count", "finished_at"])
        return announcement.finished_at is None


def announcement_deliver(*, announcement_id, batch_size=BATCH_SIZE):
    """Deliver every remaining batch of one announcement, here and now (the sweep)."""
    while announcement_deliver_batch(announcement_id=announcement_id, batch_size=batch_size):
        pass


def announcements_deliver_unfinished(*, batch_size=BATCH_SIZE):
    """Finish every announcement a stopped worker left half delivered; returns how many.
    Safe beside the worker: a batch already done tells nobody again."""
    ids = list(
        Announcement.objects.filter(finished_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        announcement_deliver(announcement_id=pk, batch_size=batch_size)
    return len(ids)


def user_announcements_forget(*, user):
    """A deleted account keeps no trace of what it was sent, nor its name on what it sent."""
    AnnouncementDelivery.objects.filter(user=user).delete()
    Announcement.objects.filter(sender=user).update(sender=None)
