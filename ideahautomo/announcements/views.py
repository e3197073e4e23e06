"""Pages of announcements: the staff's list and form with its preview, and one announcement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.language import CONTENT_LANGUAGES
from ideahautomo.lib.markdown import render_markdown

from . import selectors, services
from .forms import AnnouncementForm
from .permissions import (
    can_read_announcement,
    can_see_announcement_as_staff,
    can_send_announcements,
)

ANNOUNCEMENTS_PER_PAGE = 30


def _require_sender(request):
    if not can_send_announcements(request.user):
        raise PermissionDenied


@login_required
def announcement_list(request):
    _require_sender(request)
    announcements = selectors.announcements_for_staff(viewer=request.user)
    page = Paginator(announcements, ANNOUNCEMENTS_PER_PAGE).get_page(request.GET.get("sivu"))
    return render(
        request,
        "announcements/announcement_list.html",
        {"page": page, "contact_area": request.user.contact_area},
    )


@login_required
@require_http_methods(["GET", "POST"])
def announcement_create(request):
    """The form, then a preview with the number of people reached, then sending on
    confirmation. Editing after the preview posts the form back filled in."""
    _require_sender(request)
    form = AnnouncementForm(request.POST or None, user=request.user)
    context = {"form": form, "contact_area": request.user.contact_area}
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        try:
            if "confirm" in request.POST:
                announcement = services.announcement_send(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    **form.audience(),
                )
            else:
                count = services.audience_check(actor=request.user, **form.audience())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if "confirm" in request.POST:
                messages.success(
                    request,
                    ngettext(
                        "The announcement is on its way to %(count)d person.",
                        "The announcement is on its way to %(count)d people.",
                        announcement.recipient_count,
                    )
                    % {"count": announcement.recipient_count},
                )
                return redirect(announcement)
            context.update(
                {
                    "count": count,
                    "audience": form.audience(),
                    "count_shown": number_format(count, force_grouping=True),
                    "language_name": dict(CONTENT_LANGUAGES).get(form.cleaned_data["language"]),
                    "body_html": render_markdown(form.cleaned_data["body"]),
                }
            )
            return render(request, "announcements/announcement_preview.html", context)
    return render(request, "announcements/announcement_form.html", context)


@login_required
def announcement_detail(request, pk):
    announcement = selectors.announcement_for_detail(pk)
    if announcement is None:
        raise Http404
    received = selectors.has_received(request.user, announcement)
    if not can_read_announcement(request.user, announcement, received=received):
        raise Http404
    return render(
        request,
        "announcements/announcement_detail.html",
        {
            "announcement": announcement,
            "staff_view": can_see_announcement_as_staff(request.user, announcement),
        },
    )
