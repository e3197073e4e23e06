"""Pages of events: finding them, registering, calendars, feedback and organising."""

import csv
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib import ics
from ideahautomo.lib.actions import call_and_tell

from . import permissions, selectors, services
from .forms import EventCancelForm, EventFilterForm, EventForm, FeedbackForm, RegistrationForm
from .models import CalendarFeed, Event, Registration

EVENTS_PER_PAGE = 20


def _filters(request):
    form = EventFilterForm(request.GET)
    return form, form.filters()


def _list_context(request, page, form, filters):
    states = selectors.registration_states(viewer=request.user, events=page.object_list)
    for event in page.object_list:
        event.viewer_state = states.get(event.pk)
    return {
        "page": page,
        "filters": filters,
        "filter_form": form,
        "kinds": Event.Kind.choices,
        "places": selectors.event_places(viewer=request.user),
        "online": selectors.ONLINE,
        "can_create": permissions.can_propose_event(request.user),
        "can_manage_any": permissions.can_manage_any_event(request.user),
    }


def event_list(request):
    form, filters = _filters(request)
    events = selectors.upcoming_events(viewer=request.user, filters=filters)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("sivu"))
    return render(request, "events/list.html", _list_context(request, page, form, filters))


def event_archive(request):
    form, filters = _filters(request)
    events = selectors.past_events(viewer=request.user, filters=filters)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("sivu"))
    context = _list_context(request, page, form, filters)
    context["archive"] = True
    return render(request, "events/list.html", context)


def _month_from(value):
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (ValueError, AttributeError):
        return timezone.localdate().replace(day=1)


def event_month(request):
    first = _month_from(request.GET.get("kuukausi", ""))
    if not 2000 <= first.year <= 2100:
        raise Http404
    _form, filters = _filters(request)
    weeks = selectors.events_by_day_of_month(
        viewer=request.user, year=first.year, month=first.month, filters=filters
    )
    previous = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + timedelta(days=7)).replace(day=1)
    return render(
        request,
        "events/month.html",
        {
            "month": first,
            "weeks": weeks,
            "previous": previous,
            "following": following,
            "filters": filters,
            "kinds": Event.Kind.choices,
            "today": timezone.localdate(),
            "has_events": any(day.events for week in weeks for day in week),
        },
    )


def event_detail(request, pk):
    event = selectors.event_for_viewer(viewer=request.user, pk=pk)
    can_manage = permissions.can_manage_event(request.user, event)
    if event.hidden_from(request.user) and not can_manage:
        return render(request, "events/hidden.html", {"event": event})
    registration = selectors.registration_of(viewer=request.user, event=event)
    now = timezone.now()
    can_register = permissions.can_register_for_event(request.user, event, now) and not (
        registration and registration.is_active
    )
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": registration,
            "waitlist_position": selectors.waitlist_position(registration),
            "registration_form": RegistrationForm(event=event) if can_register else None,
            "can_register": can_register,
            "can_cancel": registration is not None
            and registration.is_active
            and event.is_published
            and not event.has_started(now),
            "can_give_feedback": registration is not None
            and permissions.can_give_feedback(request.user, registration, now),
            "can_manage": can_manage,
            "can_cancel_event": can_manage
            and permissions.can_cancel_event(request.user, event, now),
            "show_online_link": permissions.can_see_online_link(request.user, event, registration),
            "show_recording": permissions.can_see_recording(request.user, event, registration, now),
            "can_decide": permissions.can_decide_event_proposal(request.user, event),
            "has_started": event.has_started(now),
            "has_ended": event.has_ended(now),
            "registration_open": event.registration_open(now),
        },
    )


@login_required
@require_POST
def event_register(request, pk):
    event = selectors.event_for_viewer(viewer=request.user, pk=pk)
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Check your answers: each may be at most 300 characters."))
        return redirect(event)
    try:
        registration = services.event_register(
            actor=request.user,
            event=event,
            dietary_needs=form.cleaned_data.get("dietary_needs", ""),
            accessibility_needs=form.cleaned_data.get("accessibility_needs", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    if registration.status == Registration.Status.WAITLISTED:
        messages.warning(
            request,
            _(
                "The event is full: you are on the waitlist. If a place frees up, it is "
                "yours automatically and we will tell you by e-mail."
            ),
        )
    elif event.is_drop_in:
        messages.success(request, _("Marked: you are coming. Welcome!"))
    else:
        messages.success(request, _("You are registered. Welcome!"))
    return redirect(event)


@login_required
@require_POST
def registration_cancel(request, pk):
    event = selectors.event_for_viewer(viewer=request.user, pk=pk)
    registration = selectors.registration_of(viewer=request.user, event=event)
    if registration is None:
        raise Http404
    call_and_tell(
        request,
        services.registration_cancel,
        _("Your registration was cancelled."),
        actor=request.user,
        registration=registration,
    )
    return redirect(event)


def event_ics(request, pk):
    event = selectors.event_for_viewer(viewer=request.user, pk=pk)
    registration = selectors.registration_of(viewer=request.user, event=event)
    entry = ics.event_entry(
        event,
        with_online_link=permissions.can_see_online_link(request.user, event, registration),
    )
    response = HttpResponse(ics.calendar([entry]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tapahtuma-{event.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def event_feedback(request, pk):
    event = selectors.event_for_viewer(viewer=request.user, pk=pk)
    registration = selectors.registration_of(viewer=request.user, event=event)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    problem = None
    try:
        services.feedback_check(registration=registration)
    except ValidationError as error:
        problem = " ".join(error.messages)
    if problem is None and request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(
                actor=request.user,
                event=event,
                mood=form.cleaned_data["mood"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect(event)
    return render(
        request,
        "events/feedback.html",
        {"event": event, "form": form, "problem": problem},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not permissions.can_propose_event(request.user):
        raise PermissionDenied
    publishes = permissions.can_publish_event(request.user)
    form = EventForm(
        request.POST or None,
        user=request.user,
        can_choose_organisation=permissions.can_decide_event_proposal(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.event_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if publishes:
                messages.success(request, _("The event is published."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your proposal was sent to the project manager, who will "
                        "publish it or get in touch."
                    ),
                )
            return redirect(event)
    return render(request, "events/form.html", {"form": form, "publishes": publishes})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = selectors.event_for_manager(viewer=request.user, pk=pk)
    form = EventForm(
        request.POST or None,
        instance=event,
        user=request.user,
        can_choose_organisation=permissions.can_decide_event_proposal(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.event_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "event": event, "publishes": True})


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk):
    """The organiser confirms, with a reason the people registered are told."""
    event = selectors.event_for_manager(viewer=request.user, pk=pk)
    if not permissions.can_cancel_event(request.user, event):
        messages.error(request, _("Only a published event that has not started can be cancelled."))
        return redirect("events:detail", pk=event.pk)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason" if hasattr(error, "error_dict") else None, error)
        else:
            messages.success(request, _("The event was cancelled and the people registered told."))
            return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/cancel.html",
        {"event": event, "form": form, "told": selectors.people_waiting_count(event=event)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def event_decide(request, pk):
    event = selectors.event_for_viewer(viewer=request.user, pk=pk)
    if not permissions.can_decide_event_proposal(request.user):
        raise PermissionDenied
    approve = request.POST.get("decision") == "approve"
    call_and_tell(
        request,
        services.event_proposal_decide,
        _("The event is published.") if approve else _("The proposal was declined."),
        actor=request.user,
        event=event,
        approve=approve,
    )
    return redirect("events:manage")


@login_required
@require_http_methods(["GET", "POST"])
def event_attendees(request, pk):
    """The organisers' view: who registered, their answers, attendance and feedback."""
    event = selectors.event_for_manager(viewer=request.user, pk=pk)
    now = timezone.now()
    if request.method == "POST":
        try:
            services.attendance_mark(
                actor=request.user,
                event=event,
                attended_registration_ids=[
                    value for value in request.POST.getlist("attended") if value.isdigit()
                ],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attendance was saved."))
        return redirect("events:attendees", pk=event.pk)
    registrations = list(selectors.attendees(event=event, viewer=request.user))
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "waitlisted": [r for r in registrations if r.status == Registration.Status.WAITLISTED],
            "can_mark_attendance": event.has_started(now),
            "feedback": selectors.feedback_result(event=event, now=now)
            if event.has_ended(now)
            else None,
        },
    )


def _csv_cell(value):
    """A cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def event_export(request, pk):
    event = selectors.event_for_manager(viewer=request.user, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="osallistujat-{event.pk}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("E-mail address"),
            _("Status"),
            _("Registered"),
            _("Dietary needs"),
            _("Accessibility needs"),
            _("Attended"),
        ]
    )
    attended_labels = {True: _("yes"), False: _("no"), None: ""}
    for registration in selectors.attendees(event=event, viewer=request.user, exported=True):
        writer.writerow(
            _csv_cell(value)
            for value in (
                registration.user.display_name,
                registration.user.email,
                registration.get_status_display(),
                timezone.localtime(registration.registered_at).strftime("%Y-%m-%d %H:%M"),
                registration.dietary_needs,
                registration.accessibility_needs,
                attended_labels[registration.attended],
            )
        )
    return response


@login_required
def event_manage(request):
    if not permissions.can_manage_any_event(request.user):
        raise PermissionDenied
    managed, proposals = selectors.events_managed_by(viewer=request.user)
    return render(
        request,
        "events/manage.html",
        {"events": managed[:200], "proposals": proposals[:100], "now": timezone.now()},
    )


@login_required
def my_events(request):
    upcoming, past = selectors.my_registrations(user=request.user)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = None
    if feed is not None:
        feed_url = request.build_absolute_uri(_feed_path(selectors.calendar_feed_token(feed)))
    return render(
        request,
        "events/mine.html",
        {
            "upcoming": upcoming,
            "past": past,
            "proposals": selectors.events_proposed_by(user=request.user)[:50],
            "feed_url": feed_url,
        },
    )


def _feed_path(token):
    return reverse("events:feed", args=[token])


@login_required
@require_POST
def calendar_feed_manage(request):
    action = request.POST.get("action")
    if action == "revoke":
        services.calendar_feed_revoke(user=request.user)
        messages.success(request, _("The calendar link was removed; it no longer works."))
    elif action == "renew":
        services.calendar_feed_renew(user=request.user)
        messages.success(request, _("You have a new calendar link; the old one no longer works."))
    else:
        services.calendar_feed_enable(user=request.user)
        messages.success(request, _("Your calendar link is ready."))
    return redirect("events:mine")


def calendar_feed(request, token):
    feed = selectors.calendar_feed_by_token(token)
    if feed is None:
        return HttpResponse(
            _(
                "This calendar link does not work: it was removed, renewed or mistyped. "
                "Get the current link from the My events page of Ideahautomo."
            ),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    entries = [ics.event_entry(event) for event in selectors.calendar_events_of(user=feed.user)]
    entries += ics.personal_entries(feed.user)
    return HttpResponse(
        ics.calendar(entries, name="Ideahautomo"), content_type="text/calendar; charset=utf-8"
    )
