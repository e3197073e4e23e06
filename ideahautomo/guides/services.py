"""Every write of guides: creating and editing one with its texts, publishing, hiding and
marking it reviewed. Each write is checked whole before anything is saved."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib import ratelimit
from ideahautomo.lib.language import CONTENT_LANGUAGES
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.lib.searchable import index_object

from .models import FALLBACK_LANGUAGE, SLUG_MAX_LENGTH, Guide, GuideText
from .permissions import can_edit_guide, can_write_guides

HOUR = 60 * 60
CREATES_PER_HOUR = 20
SAVES_PER_HOUR = 120
# Addresses under /ohjeet/ that are pages of their own, not guides.
RESERVED_SLUGS = {"uusi", "hallinta"}
LANGUAGE_CODES = [code for code, _name in CONTENT_LANGUAGES]

FINNISH_REQUIRED = _(
    "Write the guide in Finnish first: the Finnish title and text are required. "
    "The other languages are optional; a reader whose language is missing sees the "
    "Finnish text."
)
TEXT_INCOMPLETE = _("The text in %(language)s needs both a title and the text itself.")
SLUG_TAKEN = _("Another guide already uses this address. Choose another one.")
SLUG_RESERVED = _("This address is reserved for the service's own pages. Choose another one.")
CREATE_RATE_LIMITED = _("You can create at most %(count)d guides an hour. Try again later.")
SAVE_RATE_LIMITED = _("You can save guides at most %(count)d times an hour. Try again later.")

_FINNISH_LETTERS = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})


def slug_from(title):
    """A readable address from a Finnish title: "Keikkatyö ja etuus" -> "keikkatyo-ja-etuus"."""
    slug = slugify(title.translate(_FINNISH_LETTERS))[:SLUG_MAX_LENGTH].strip("-")
    return slug or "ohje"


def _free_slug(base, *, exclude_pk=None):
    taken = Guide.objects.filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list("slug", flat=True)) | RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def _clean_texts(texts):
    """The texts with their whitespace trimmed and empty languages left out; raise a
    ValidationError when Finnish is missing or a text lacks its title or body."""
    cleaned = {}
    for language, fields in texts.items():
        if language not in LANGUAGE_CODES:
            raise ValidationError(_("Unknown language."), code="unknown_language")
        values = {name: (fields.get(name) or "").strip() for name in ("title", "summary", "body")}
        if not any(values.values()):
            continue
        if not (values["title"] and values["body"]):
            name = dict(CONTENT_LANGUAGES)[language]
            raise ValidationError(TEXT_INCOMPLETE % {"language": name}, code="text_incomplete")
        cleaned[language] = values
    if FALLBACK_LANGUAGE not in cleaned:
        raise ValidationError(FINNISH_REQUIRED, code="finnish_required")
    return cleaned


def _checked_slug(slug, *, title, exclude_pk=None):
    slug = (slug or "").strip().lower()
    if not slug:
        return _free_slug(slug_from(title), exclude_pk=exclude_pk)
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": SLUG_RESERVED}, code="slug_reserved")
    taken = Guide.objects.filter(slug=slug)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"slug": SLUG_TAKEN}, code="slug_taken")
    return slug


def guide_body_html(body):
    """The body rendered and sanitised as all Markdown is, its subheadings one level up:
    on a guide's page they follow the title (h1) directly."""
    html = render_markdown(body)
    # The sanitiser leaves these tags without attributes, so plain replacement is exact.
    for old, new in (("h3", "h2"), ("h4", "h3")):
        html = html.replace(f"<{old}>", f"<{new}>").replace(f"</{old}>", f"</{new}>")
    return html


def _text_rows(guide, texts):
    rows = []
    for language, values in texts.items():
        row = GuideText(guide=guide, language=language, **values)
        row.body_html = guide_body_html(row.body)
        row.full_clean(exclude=["guide"])
        rows.append(row)
    return rows


def _limit(actor, *, scope, count, message):
    ratelimit.refuse_past_limit(scope, actor.pk, limit=count, window=HOUR, message=message)


def _index(guide):
    """Search finds the guide's texts as they are now (published guides only)."""
    index_object("guide", Guide.objects.prefetch_related("texts").get(pk=guide.pk))


def guide_create(*, actor, category, texts, reviewed_on=None, slug="", publish=False):
    """A new guide, a draft unless publish; texts maps a language code to its title,
    summary and body (Markdown). Nothing is saved unless the whole guide is valid."""
    if not can_write_guides(actor):
        raise PermissionDenied
    texts = _clean_texts(texts)
    guide = Guide(
        slug=_checked_slug(slug, title=texts[FALLBACK_LANGUAGE]["title"]),
        category=category,
        reviewed_on=reviewed_on or timezone.localdate(),
        status=Guide.Status.PUBLISHED if publish else Guide.Status.DRAFT,
        author=actor,
    )
    guide.full_clean(exclude=["author"])
    rows = _text_rows(guide, texts)
    _limit(actor, scope="guide-create", count=CREATES_PER_HOUR, message=CREATE_RATE_LIMITED)
    with transaction.atomic():
        guide.save()
        for row in rows:
            row.guide = guide
        GuideText.objects.bulk_create(rows)
        _index(guide)
        audit_event_record(
            actor=actor,
            action=AuditAction.GUIDE_CREATED,
            target=guide,
            languages=sorted(texts),
            status=guide.status,
        )
    return guide


def guide_update(*, actor, guide, category, texts, reviewed_on, slug=""):
    """Save the guide and its texts: a language left empty loses its text."""
    if not can_edit_guide(actor, guide):
        raise PermissionDenied
    texts = _clean_texts(texts)
    guide.slug = _checked_slug(
        slug or guide.slug, title=texts[FALLBACK_LANGUAGE]["title"], exclude_pk=guide.pk
    )
    guide.category = category
    guide.reviewed_on = reviewed_on or guide.reviewed_on
    guide.updated_at = timezone.now()
    guide.full_clean(exclude=["author"])
    rows = _text_rows(guide, texts)
    _limit(actor, scope="guide-save", count=SAVES_PER_HOUR, message=SAVE_RATE_LIMITED)
    with transaction.atomic():
        guide.save()
        guide.texts.exclude(language__in=texts).delete()
        for row in rows:
            GuideText.objects.update_or_create(
                guide=guide,
                language=row.language,
                defaults={
                    "title": row.title,
                    "summary": row.summary,
                    "body": row.body,
                    "body_html": row.body_html,
                },
            )
        _index(guide)
        audit_event_record(
            actor=actor, action=AuditAction.GUIDE_UPDATED, target=guide, languages=sorted(texts)
        )
    return guide


def _set_status(*, actor, guide, status, action):
    if not can_edit_guide(actor, guide):
        raise PermissionDenied
    with transaction.atomic():
        Guide.objects.filter(pk=guide.pk).update(status=status, updated_at=timezone.now())
        audit_event_record(actor=actor, action=action, target=guide)
        guide.refresh_from_db(fields=["status", "updated_at"])
        # Published guides are found; drafts and withdrawn ones are not.
        _index(guide)
    return guide


def guide_publish(*, actor, guide):
    return _set_status(
        actor=actor, guide=guide, status=Guide.Status.PUBLISHED, action=AuditAction.GUIDE_PUBLISHED
    )


def guide_unpublish(*, actor, guide):
    """Back to a draft: readers no longer find it; its writers still do."""
    return _set_status(
        actor=actor, guide=guide, status=Guide.Status.DRAFT, action=AuditAction.GUIDE_UNPUBLISHED
    )


def guide_mark_reviewed(*, actor, guide):
    """The facts of the guide were looked over today and still hold."""
    if not can_edit_guide(actor, guide):
        raise PermissionDenied
    with transaction.atomic():
        Guide.objects.filter(pk=guide.pk).update(reviewed_on=timezone.localdate())
        audit_event_record(actor=actor, action=AuditAction.GUIDE_REVIEWED, target=guide)
    guide.refresh_from_db(fields=["reviewed_on"])
    return guide
