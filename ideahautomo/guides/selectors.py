"""Reads of guides: the public list, one guide with its related ones, the staff's list."""

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.http import Http404

from .models import FALLBACK_LANGUAGE, Guide, GuideText
from .permissions import can_read_guide

RELATED_COUNT = 3


@dataclass(frozen=True)
class GuideFilters:
    category: str = ""
    text: str = ""


def _in_category_order(guides):
    """The categories in the order of their vocabulary, not alphabetically."""
    order = Case(
        *[
            When(category=value, then=Value(position))
            for position, value in enumerate(Guide.Category.values)
        ],
        output_field=IntegerField(),
    )
    return guides.annotate(category_order=order).order_by("category_order", "slug")


def published_guides_for_list(*, filters, language):
    """Published guides with their texts; the text filter looks at the title and summary
    the reader sees (their language, or the Finnish one)."""
    guides = Guide.objects.filter(status=Guide.Status.PUBLISHED).prefetch_related("texts")
    if filters.category:
        guides = guides.filter(category=filters.category)
    if filters.text:
        matching = GuideText.objects.filter(
            Q(title__icontains=filters.text) | Q(summary__icontains=filters.text),
            guide=OuterRef("pk"),
            language__in={language, FALLBACK_LANGUAGE},
        )
        guides = guides.filter(Exists(matching))
    return _in_category_order(guides)


def guide_for_page(*, viewer, slug):
    """The guide with its texts, for those who may read it; 404 for anyone else."""
    guide = Guide.objects.prefetch_related("texts").filter(slug=slug).first()
    if guide is None or not can_read_guide(viewer, guide):
        raise Http404
    return guide


def related_guides(guide):
    """A few other published guides of the same category."""
    return list(
        Guide.objects.filter(status=Guide.Status.PUBLISHED, category=guide.category)
        .exclude(pk=guide.pk)
        .prefetch_related("texts")
        .order_by("-reviewed_on", "slug")[:RELATED_COUNT]
    )


def guides_for_staff():
    """Every guide, drafts too, the longest unchecked first."""
    return Guide.objects.prefetch_related("texts").order_by("reviewed_on", "slug")


def with_shown_texts(guides, language):
    """Give each guide the text the reader sees (shown_text) and whether it is the Finnish
    one in place of the reader's own language (shown_is_fallback)."""
    for guide in guides:
        guide.shown_text, guide.shown_is_fallback = guide.text_for(language)
    return guides
