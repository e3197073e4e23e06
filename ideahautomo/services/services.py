"""Every write to partner organisations' pages and to their services."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ideahautomo.accounts.models import AuditAction, PartnerOrganisation
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib.hours import EXCEPTION_EXISTS, exception_hours, overlap_check, stretch_check
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.profiles.languages import SPOKEN_LANGUAGE_NAMES

from . import limits
from .models import (
    Audience,
    Channel,
    Need,
    OpeningException,
    OpeningHours,
    Service,
    ServiceTag,
)

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
LOGO_SIZE = 400
ORGANISATION_FIELDS = {
    "name",
    "kind",
    "description",
    "municipality",
    "contact_email",
    "contact_phone",
    "website",
}


def _organisation_fill(organisation, fields):
    unknown = set(fields) - ORGANISATION_FIELDS - {"municipalities_served"}
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        if name in ORGANISATION_FIELDS:
            setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    organisation.description_html = render_markdown(organisation.description)
    organisation.updated_at = timezone.now()
    organisation.full_clean(exclude=["logo"])


def _served_set(organisation, municipalities):
    served = set(municipalities or ())
    if organisation.municipality_id:
        served.add(organisation.municipality)
    organisation.municipalities_served.set(served)


def organisation_create(*, actor, municipalities_served=(), **fields):
    """A new organisation page; its description is rendered and sanitised here, once."""
    limits.limit("organisation", actor)
    organisation = PartnerOrganisation()
    _organisation_fill(organisation, fields)
    with transaction.atomic():
        organisation.save()
        _served_set(organisation, municipalities_served)
        audit_event_record(
            actor=actor, action=AuditAction.ORGANISATION_CREATED, target=organisation
        )
    return organisation


def organisation_update(*, actor, organisation, municipalities_served=(), **fields):
    """Save the organisation page; the home municipality is always among those served."""
    limits.limit("organisation", actor)
    _organisation_fill(organisation, fields)
    with transaction.atomic():
        organisation.save()
        _served_set(organisation, municipalities_served)
        audit_event_record(
            actor=actor, action=AuditAction.ORGANISATION_UPDATED, target=organisation
        )
    return organisation


def _logo_png(upload):
    """The upload as a PNG of at most LOGO_SIZE px with nothing but its pixels, or a
    ValidationError that says why not."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is too large: at most 2 MB."), code="too_large")
    try:
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise ValidationError(_("The logo has too many pixels."), code="too_large")
            image = image.convert("RGBA")
            image.thumbnail((LOGO_SIZE, LOGO_SIZE))
            clean = Image.new("RGBA", image.size)
            clean.paste(image)
            buffer = io.BytesIO()
            clean.save(buffer, format="PNG", optimize=True)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image we can read. Use a PNG, JPEG or WebP image."),
            code="not_image",
        ) from error
    return buffer.getvalue()


def organisation_set_logo(*, actor, organisation, upload):
    """Check that the upload is an image and keep it re-encoded, without its metadata."""
    limits.limit("logo", actor)
    content = _logo_png(upload)
    old = organisation.logo.name if organisation.logo else None
    organisation.logo.save(
        f"{organisation.pk}-{timezone.now():%Y%m%d%H%M%S}.png", ContentFile(content)
    )
    audit_event_record(
        actor=actor, action=AuditAction.ORGANISATION_LOGO_CHANGED, target=organisation
    )
    if old and old != organisation.logo.name:
        organisation.logo.storage.delete(old)


def organisation_remove_logo(*, actor, organisation):
    if organisation.logo:
        organisation.logo.delete(save=True)
        audit_event_record(
            actor=actor, action=AuditAction.ORGANISATION_LOGO_REMOVED, target=organisation
        )


# Services


SERVICE_FIELDS = {
    "title",
    "summary",
    "description",
    "is_drop_in",
    "street_address",
    "municipality",
    "region",
    "serves_whole_finland",
    "latitude",
    "longitude",
    "contact_email",
    "contact_phone",
    "booking_url",
    "is_free",
    "cost_note",
    "is_active",
}


def _service_tags(*, needs, audiences, languages, channels):
    """The tag rows' (kind, code) pairs, checked against the vocabularies."""
    problems = {}
    if not needs:
        problems["needs"] = _("Choose at least one thing the service helps with.")
    if not channels:
        problems["channels"] = _("Choose at least one way to use the service.")
    if not languages:
        problems["languages"] = _("Choose at least one language the service is given in.")
    if problems:
        raise ValidationError(problems)
    vocabularies = [
        (ServiceTag.Kind.NEED, needs, Need.values),
        (ServiceTag.Kind.AUDIENCE, audiences or [Audience.EVERYONE], Audience.values),
        (ServiceTag.Kind.LANGUAGE, languages, SPOKEN_LANGUAGE_NAMES),
        (ServiceTag.Kind.CHANNEL, channels, Channel.values),
    ]
    pairs = []
    for kind, codes, allowed in vocabularies:
        for code in dict.fromkeys(codes):
            if code not in allowed:
                raise ValidationError(_("Unknown choice “%(code)s”.") % {"code": code})
            pairs.append((kind, code))
    return pairs


def _service_fill(service, fields, pairs):
    unknown = set(fields) - SERVICE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(service, name, value.strip() if isinstance(value, str) else value)
    service.description_html = render_markdown(service.description)
    service.updated_at = timezone.now()
    online = (ServiceTag.Kind.CHANNEL, Channel.ONLINE) in pairs
    if not (service.municipality_id or service.region_id or service.serves_whole_finland or online):
        raise ValidationError(
            {
                "municipality": _(
                    "Tell where the service is, or whom it serves: a municipality, a region, "
                    "the whole of Finland or online."
                )
            }
        )
    service.full_clean(exclude=["organisation"])


def _service_save(service, *, pairs, municipalities_served):
    service.save()
    service.tags.all().delete()
    ServiceTag.objects.bulk_create(
        ServiceTag(service=service, kind=kind, code=code) for kind, code in pairs
    )
    service.municipalities_served.set(municipalities_served or ())


def service_create(
    *,
    actor,
    organisation,
    needs,
    channels,
    languages,
    audiences=(),
    municipalities_served=(),
    **fields,
):
    """A new service of organisation, with its tags; checked today by its writer."""
    pairs = _service_tags(needs=needs, audiences=audiences, languages=languages, channels=channels)
    service = Service(organisation=organisation)
    _service_fill(service, fields, pairs)
    limits.limit("service", actor)
    with transaction.atomic():
        _service_save(service, pairs=pairs, municipalities_served=municipalities_served)
        audit_event_record(actor=actor, action=AuditAction.SERVICE_CREATED, target=service)
    return service


def service_update(
    *,
    actor,
    service,
    needs,
    channels,
    languages,
    audiences=(),
    municipalities_served=(),
    **fields,
):
    """Save the service; saving it counts as checking its details."""
    pairs = _service_tags(needs=needs, audiences=audiences, languages=languages, channels=channels)
    _service_fill(service, fields, pairs)
    service.last_checked_on = timezone.localdate()
    limits.limit("service", actor)
    with transaction.atomic():
        _service_save(service, pairs=pairs, municipalities_served=municipalities_served)
        audit_event_record(actor=actor, action=AuditAction.SERVICE_UPDATED, target=service)
    return service


def service_mark_checked(*, actor, service):
    """The details were looked over and still hold."""
    with transaction.atomic():
        Service.objects.filter(pk=service.pk).update(last_checked_on=timezone.localdate())
        audit_event_record(actor=actor, action=AuditAction.SERVICE_CHECKED, target=service)
    service.refresh_from_db(fields=["last_checked_on"])


def opening_hours_add(*, actor, service, weekday, opens, closes):
    """One more stretch of a weekday; it must end after it starts and not overlap another."""
    stretch_check(opens=opens, closes=closes)
    limits.limit("hours", actor)
    with transaction.atomic():
        # The service row is locked so two additions cannot overlap each other.
        Service.objects.select_for_update().filter(pk=service.pk).first()
        overlap_check(service.hours, weekday=weekday, opens=opens, closes=closes)
        hours = OpeningHours(service=service, weekday=weekday, opens=opens, closes=closes)
        hours.full_clean()
        hours.save()
        audit_event_record(actor=actor, action=AuditAction.SERVICE_HOURS_ADDED, target=service)
    return hours


def _row_remove(*, actor, service, rows, action):
    """Remove one row of the service's hours or exceptions (rows: a filtered queryset);
    whether there was one to remove."""
    with transaction.atomic():
        deleted, _rows = rows.delete()
        if deleted:
            audit_event_record(actor=actor, action=action, target=service)
    return bool(deleted)


def opening_hours_remove(*, actor, service, hours_id):
    return _row_remove(
        actor=actor,
        service=service,
        rows=service.hours.filter(pk=hours_id),
        action=AuditAction.SERVICE_HOURS_REMOVED,
    )


def opening_exception_add(*, actor, service, date, is_closed, opens=None, closes=None, note=""):
    """A holiday or other hours on one date, today or later; one exception a date."""
    opens, closes = exception_hours(date=date, is_closed=is_closed, opens=opens, closes=closes)
    limits.limit("hours", actor)
    exception = OpeningException(
        service=service,
        date=date,
        is_closed=is_closed,
        opens=opens,
        closes=closes,
        note=note.strip(),
    )
    exception.full_clean(exclude=["service"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            exception.save()
            audit_event_record(
                actor=actor, action=AuditAction.SERVICE_EXCEPTION_ADDED, target=service
            )
    except IntegrityError as error:
        raise ValidationError({"date": EXCEPTION_EXISTS}) from error
    return exception


def opening_exception_remove(*, actor, service, exception_id):
    return _row_remove(
        actor=actor,
        service=service,
        rows=service.exceptions.filter(pk=exception_id),
        action=AuditAction.SERVICE_EXCEPTION_REMOVED,
    )


def service_refer(*, actor, service, client_email, note=""):
    """A contact person sends a service to one of their clients: the client is told
    through their notifications (and e-mail by their choice), with the note."""
    from django.core.exceptions import PermissionDenied

    from ideahautomo.accounts.models import User, UserManager
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    from .permissions import can_refer_service, can_refer_to

    if not can_refer_service(actor, service):
        raise PermissionDenied
    email = UserManager.normalize_email(client_email.strip())
    client = User.objects.filter(email__iexact=email).first()
    if not can_refer_to(actor, client):
        raise ValidationError(
            _("No client of yours has this e-mail address. Check the address."),
            code="not_client",
        )
    note = note.strip()
    limits.limit("referral", actor)
    with transaction.atomic():
        notification = notify(
            recipient=client,
            kind=NotificationKind.SERVICE_REFERRAL,
            actor=actor,
            target=service,
            text_params={"title": service.title, "note": note},
            url=service.get_absolute_url(),
        )
        audit_event_record(
            actor=actor, action=AuditAction.SERVICE_REFERRED, target=service, client=client.pk
        )
    return notification
