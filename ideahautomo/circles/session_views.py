"""Pages of circle meetings: the list, scheduling, editing, cancelling, attendance and
calendars (one meeting as a file, and a member's subscribable feed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib import ics
from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.paging import window

from . import permissions, selectors, session_selectors, session_services
from .forms import AttendanceForm, SessionForm, SessionScheduleForm

SESSIONS_PER_PAGE = 20
CALENDAR = "text/calendar; charset=utf-8"


def sessions_summary(request, circle):
    """What the circle page's meetings section needs (two small queries)."""
    now = timezone.now()
    can_subscribe = permissions.can_subscribe_to_sessions(request.user, circle)
    token = None
    if can_subscribe:
        token = session_selectors.feed_token(permissions.membership_of(request.user, circle))
    return {
        "sessions_upcoming": session_selectors.sessions_upcoming(circle=circle, now=now),
        "sessions_past": session_selectors.sessions_past(circle=circle, now=now),
        "sessions_can_subscribe": can_subscribe,
        "sessions_feed_url": (
            request.build_absolute_uri(reverse("circles:session_feed", args=[circle.pk, token]))
            if token
            else None
        ),
        "now": now,
    }


def _manager_circle(request, pk):
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    if not permissions.can_manage_circle(request.user, circle):
        raise PermissionDenied
    return circle


def _manager_session(request, pk, session_pk):
    """A meeting and its circle for the circle's organisers; 404 or 403 for others."""
    session = session_selectors.session_for_viewer(viewer=request.user, circle_pk=pk, pk=session_pk)
    if not permissions.can_manage_circle(request.user, session.circle):
        raise PermissionDenied
    return session, session.circle


def session_list(request, pk):
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    page = window(
        session_selectors.sessions_of_circle(circle=circle),
        request.GET.get("sivu"),
        per_page=SESSIONS_PER_PAGE,
    )
    return render(
        request,
        "circles/sessions.html",
        {
            "circle": circle,
            "page": page,
            "now": timezone.now(),
            "can_manage": permissions.can_manage_circle(request.user, circle),
            "show_link": permissions.can_see_meeting_link(request.user, circle),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    circle = _manager_circle(request, pk)
    form = SessionScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = session_services.session_schedule(
                actor=request.user,
                circle=circle,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                online_link=data["online_link"],
                agenda=data["agenda"],
                repeat=data["repeat"],
                occurrences=data["occurrences"] or 1,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if len(created) == 1:
                messages.success(request, _("The meeting was added. Members were told."))
            else:
                messages.success(
                    request,
                    _("%(count)d meetings were added. Members were told.")
                    % {"count": len(created)},
                )
            return redirect(circle)
    return render(
        request, "circles/session_form.html", {"circle": circle, "form": form, "session": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk, session_pk):
    session, circle = _manager_session(request, pk, session_pk)
    if session.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect(circle)
    initial = {
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
        "place": session.place,
        "online_link": session.online_link,
        "agenda": session.agenda,
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.session_update(
                actor=request.user, session=session, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting was changed. Members were told."))
            return redirect(circle)
    return render(
        request,
        "circles/session_form.html",
        {"circle": circle, "form": form, "session": session},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, pk, session_pk):
    session, circle = _manager_session(request, pk, session_pk)
    if request.method == "POST":
        try:
            session_services.session_cancel(actor=request.user, session=session)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting was cancelled. Members were told."))
        return redirect(circle)
    return render(request, "circles/session_cancel.html", {"circle": circle, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, pk, session_pk):
    session, circle = _manager_session(request, pk, session_pk)
    if not permissions.can_record_attendance(request.user, session, timezone.now()):
        messages.error(
            request, _("Attendance can be marked once the meeting has started, unless cancelled.")
        )
        return redirect(circle)
    members = session_selectors.attendance_of(session=session)
    form = AttendanceForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.attendance_record(
                actor=request.user, session=session, present_user_ids=form.cleaned_data["present"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect(circle)
    return render(
        request,
        "circles/session_attendance.html",
        {"circle": circle, "session": session, "form": form},
    )


def session_ics(request, pk, session_pk):
    session = session_selectors.session_for_viewer(viewer=request.user, circle_pk=pk, pk=session_pk)
    entry = session_selectors.session_entry(
        session, with_online_link=permissions.can_see_meeting_link(request.user, session.circle)
    )
    response = HttpResponse(ics.calendar([entry]), content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="tapaaminen-{session.pk}.ics"'
    return response


FEED_ACTIONS = {
    "enable": (
        session_services.session_feed_enable,
        gettext_lazy("Your calendar address is ready."),
    ),
    "renew": (
        session_services.session_feed_renew,
        gettext_lazy("You have a new calendar address; the old one no longer works."),
    ),
    "revoke": (
        session_services.session_feed_revoke,
        gettext_lazy("The calendar address was removed; it no longer works."),
    ),
}


@login_required
@require_POST
def session_feed_manage(request, pk):
    """Get, renew or remove one's secret calendar address for the circle's meetings."""
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    if not permissions.can_subscribe_to_sessions(request.user, circle):
        raise PermissionDenied
    action, done = FEED_ACTIONS.get(request.POST.get("action"), FEED_ACTIONS["enable"])
    action(actor=request.user, circle=circle)
    messages.success(request, done)
    return redirect(reverse("circles:detail", args=[circle.pk]) + "#h-sessions")


def session_feed(request, pk, token):
    membership = session_selectors.feed_member(circle_pk=pk, token=token)
    if membership is None:
        return HttpResponse(
            _(
                "This calendar link does not work: it was mistyped, or you are no longer "
                "a member of the circle."
            ),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    circle = membership.circle
    entries = [
        session_selectors.session_entry(session, with_online_link=True)
        for session in session_selectors.feed_sessions(circle=circle)
    ]
    return HttpResponse(ics.calendar(entries, name=circle.name), content_type=CALENDAR)
