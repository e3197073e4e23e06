"""Mentoring pages: the mentor directory, asking a mentor, one's mentorings and one
mentoring (its answer, goals, meetings, end and feedback), which is "not found" for
everyone but its two parties."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.paging import window
from ideahautomo.profiles.permissions import is_mentor
from ideahautomo.profiles.selectors import profile_summary

from . import permissions, selectors, services
from .forms import AnswerForm, FeedbackForm, GoalsForm, MeetingForm, MentorFilterForm, RequestForm
from .suggestions import mentor_suggestions

DIRECTORY_PAGE_SIZE = 24


@login_required
def mentor_directory(request):
    if not permissions.can_find_mentors(request.user):
        raise PermissionDenied
    form = MentorFilterForm(request.GET or None)
    filters = selectors.MentorFilters()
    if form.is_valid():
        filters = selectors.MentorFilters(**form.cleaned_data)
    page = window(
        selectors.mentor_directory(viewer=request.user, filters=filters),
        request.GET.get("sivu"),
        per_page=DIRECTORY_PAGE_SIZE,
    )
    return render(
        request,
        "mentoring/directory.html",
        {
            "form": form,
            "page": page,
            "filtered": any(vars(filters).values()),
            "can_ask": permissions.can_ask_for_mentoring(request.user),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def mentoring_request(request, mentor_id):
    if not permissions.can_ask_for_mentoring(request.user):
        raise PermissionDenied
    mentor_profile = selectors.mentor_for_request(viewer=request.user, mentor_id=mentor_id)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mentoring = services.mentoring_request(
                actor=request.user,
                mentor=mentor_profile.user,
                need=form.cleaned_data["need"],
                idea_address=form.cleaned_data["idea_address"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request was sent. You will be told of the answer."))
            return redirect(mentoring)
    return render(
        request, "mentoring/request.html", {"form": form, "mentor_profile": mentor_profile}
    )


@login_required
def my_mentorings(request):
    if not permissions.can_find_mentors(request.user):
        raise PermissionDenied
    mentorings = selectors.mentorings_of(request.user)
    suggested = []
    if permissions.can_ask_for_mentoring(request.user):
        suggested = mentor_suggestions(request.user, profile_summary(request.user), limit=6)
    return render(
        request,
        "mentoring/mine.html",
        {**mentorings, "suggested": suggested, "is_mentor": is_mentor(request.user)},
    )


def _detail_context(request, mentoring, **forms):
    user = request.user
    own_feedback = next((f for f in mentoring.feedback.all() if f.author_id == user.pk), None)
    context = {
        "mentoring": mentoring,
        "other": mentoring.other_party(user),
        "is_mentor": user.pk == mentoring.mentor_id,
        "idea_link": selectors.shared_idea_link(viewer=user, mentoring=mentoring),
        "can_answer": permissions.can_answer_request(user, mentoring),
        "can_withdraw": permissions.can_withdraw_request(user, mentoring),
        "can_work": permissions.can_work_on_mentoring(user, mentoring),
        "can_end": permissions.can_end_mentoring(user, mentoring),
        "can_give_feedback": permissions.can_give_feedback(user, mentoring) and not own_feedback,
        "answer_form": AnswerForm(),
        "goals_form": GoalsForm(
            initial={"goals": mentoring.goals, "video_link": mentoring.video_link}
        ),
        "meeting_form": MeetingForm(),
        "feedback_form": FeedbackForm(),
    }
    context.update(forms)
    return context


@login_required
@never_cache
def mentoring_detail(request, pk):
    mentoring = selectors.mentoring_for_party(viewer=request.user, pk=pk)
    return render(request, "mentoring/detail.html", _detail_context(request, mentoring))


def _post_form(request, pk, form_class, form_name, action, success):
    """Shared shape of the actions on one mentoring: 404 for others, the form checked,
    the service called, back to the mentoring with a message or the errors shown."""
    mentoring = selectors.mentoring_for_party(viewer=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(mentoring, form.cleaned_data)
        except PermissionDenied:
            raise
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(mentoring)
    mentoring = selectors.mentoring_for_party(viewer=request.user, pk=pk)
    return render(
        request,
        "mentoring/detail.html",
        _detail_context(request, mentoring, **{form_name: form}),
        status=400,
    )


@login_required
@require_POST
def mentoring_answer(request, pk):
    accept = request.POST.get("accept") == "1"
    return _post_form(
        request,
        pk,
        AnswerForm,
        "answer_form",
        lambda mentoring, data: services.mentoring_answer(
            actor=request.user, mentoring=mentoring, accept=accept, answer=data["answer"]
        ),
        _("You accepted the request.") if accept else _("You declined the request."),
    )


@login_required
@require_POST
def mentoring_withdraw(request, pk):
    mentoring = selectors.mentoring_for_party(viewer=request.user, pk=pk)
    try:
        services.mentoring_withdraw(actor=request.user, mentoring=mentoring)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You took back your request."))
    return redirect(mentoring)


@login_required
@require_POST
def mentoring_goals(request, pk):
    return _post_form(
        request,
        pk,
        GoalsForm,
        "goals_form",
        lambda mentoring, data: services.mentoring_update(
            actor=request.user,
            mentoring=mentoring,
            goals=data["goals"],
            video_link=data["video_link"],
        ),
        _("The goals have been saved."),
    )


@login_required
@require_POST
def meeting_create(request, pk):
    return _post_form(
        request,
        pk,
        MeetingForm,
        "meeting_form",
        lambda mentoring, data: services.meeting_create(
            actor=request.user, mentoring=mentoring, date=data["date"], notes=data["notes"]
        ),
        _("The meeting has been recorded."),
    )


@login_required
@require_POST
def mentoring_end(request, pk):
    mentoring = selectors.mentoring_for_party(viewer=request.user, pk=pk)
    try:
        services.mentoring_end(actor=request.user, mentoring=mentoring)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The mentoring has ended. Tell how it went in your feedback below.")
        )
    return redirect(mentoring)


@login_required
@require_POST
def feedback_create(request, pk):
    return _post_form(
        request,
        pk,
        FeedbackForm,
        "feedback_form",
        lambda mentoring, data: services.feedback_create(
            actor=request.user, mentoring=mentoring, mood=data["mood"], text=data["text"]
        ),
        _("Thank you for your feedback."),
    )
