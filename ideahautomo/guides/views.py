"""Pages of guides: the public list and guide, and the writers' list, form and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors

from . import permissions, selectors, services
from .forms import GuideFilterForm, GuideForm
from .models import FALLBACK_LANGUAGE

GUIDES_PER_PAGE = 20
STAFF_GUIDES_PER_PAGE = 50

# Said on a guide shown in Finnish because the reader's language has no text yet.
FALLBACK_NOTES = {
    "sv": gettext_lazy(
        "This guide has not been translated into Swedish yet; we show the Finnish version."
    ),
    "en": gettext_lazy(
        "This guide has not been translated into English yet; we show the Finnish version."
    ),
    "uk": gettext_lazy(
        "This guide has not been translated into Ukrainian yet; we show the Finnish version."
    ),
}


def _language():
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


def guide_list(request):
    form = GuideFilterForm(request.GET or None)
    filters = selectors.GuideFilters()
    if form.is_valid():
        filters = selectors.GuideFilters(
            category=form.cleaned_data["category"], text=form.cleaned_data["text"].strip()
        )
    language = _language()
    guides = selectors.published_guides_for_list(filters=filters, language=language)
    page = Paginator(guides, GUIDES_PER_PAGE).get_page(request.GET.get("sivu"))
    selectors.with_shown_texts(page.object_list, language)
    return render(
        request,
        "guides/guide_list.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(filters.category or filters.text),
            "can_write": permissions.can_write_guides(request.user),
        },
    )


def guide_detail(request, slug):
    guide = selectors.guide_for_page(viewer=request.user, slug=slug)
    language = _language()
    text, is_fallback = guide.text_for(language)
    return render(
        request,
        "guides/guide_detail.html",
        {
            "guide": guide,
            "text": text,
            "is_fallback": is_fallback,
            "fallback_note": FALLBACK_NOTES.get(language) if is_fallback else "",
            "related": selectors.with_shown_texts(selectors.related_guides(guide), language),
            "can_edit": permissions.can_edit_guide(request.user, guide),
        },
    )


def _require_writer(request):
    if not permissions.can_write_guides(request.user):
        raise PermissionDenied


@login_required
def guide_staff_list(request):
    _require_writer(request)
    page = Paginator(selectors.guides_for_staff(), STAFF_GUIDES_PER_PAGE).get_page(
        request.GET.get("sivu")
    )
    selectors.with_shown_texts(page.object_list, FALLBACK_LANGUAGE)
    return render(request, "guides/guide_staff_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def guide_create(request):
    _require_writer(request)
    form = GuideForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            guide = services.guide_create(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The guide has been saved as a draft. Publish it when it is ready.")
            )
            return redirect(guide)
    return render(request, "guides/guide_form.html", {"form": form})


def _editable(request, slug):
    """The guide the signed-in person may edit; 404 for any other."""
    guide = selectors.guide_for_page(viewer=request.user, slug=slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise Http404
    return guide


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request, slug):
    guide = _editable(request, slug)
    form = GuideForm(request.POST or None, initial=GuideForm.initial_for(guide))
    if request.method == "POST" and form.is_valid():
        try:
            services.guide_update(actor=request.user, guide=guide, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
            guide.refresh_from_db()  # the page's links keep the saved address
        else:
            messages.success(request, _("The guide has been saved."))
            return redirect(guide)
    return render(request, "guides/guide_form.html", {"form": form, "guide": guide})


def _guide_action(request, slug, service, success):
    """Publish, unpublish or mark checked a guide the person may edit."""
    guide = _editable(request, slug)
    service(actor=request.user, guide=guide)
    messages.success(request, success)
    return redirect(guide)


@login_required
@require_POST
def guide_publish(request, slug):
    return _guide_action(
        request,
        slug,
        services.guide_publish,
        _("The guide is published: everyone can read it."),
    )


@login_required
@require_POST
def guide_unpublish(request, slug):
    return _guide_action(
        request,
        slug,
        services.guide_unpublish,
        _("The guide is a draft again: only its writers see it."),
    )


@login_required
@require_POST
def guide_review(request, slug):
    return _guide_action(request, slug, services.guide_mark_reviewed, _("Marked as checked today."))
