"""Every write to partner organisations' pages and to their services."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ideahautomo.accounts.models import PartnerOrganisation
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib.markdown import render_markdown

from . import limits

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
        audit_event_record(actor=actor, action="organisation.created", target=organisation)
    return organisation


def organisation_update(*, actor, organisation, municipalities_served=(), **fields):
    """Save the organisation page; the home municipality is always among those served."""
    limits.limit("organisation", actor)
    _organisation_fill(organisation, fields)
    with transaction.atomic():
        organisation.save()
        _served_set(organisation, municipalities_served)
        audit_event_record(actor=actor, action="organisation.updated", target=organisation)
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
    audit_event_record(actor=actor, action="organisation.logo_changed", target=organisation)
    if old and old != organisation.logo.name:
        organisation.logo.storage.delete(old)


def organisation_remove_logo(*, actor, organisation):
    if organisation.logo:
        organisation.logo.delete(save=True)
        audit_event_record(actor=actor, action="organisation.logo_removed", target=organisation)
