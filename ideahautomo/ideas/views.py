"""Idea pages: the list, one idea with its team and discussion, and the actions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors, form_submit
from ideahautomo.lib.paging import window
from ideahautomo.profiles.selectors import mentor_profile_of
from ideahautomo.profiles.services import split_skill_names

from . import permissions, selectors, services
from .forms import (
    CommentForm,
    HandOverForm,
    IdeaFilterForm,
    IdeaForm,
    JoinRequestForm,
    ReviewForm,
    StatusForm,
    UpdateForm,
)
from .models import IdeaComment, JoinRequest

IDEAS_PER_PAGE = 20


def idea_list(request):
    form = IdeaFilterForm(request.GET or None)
    filters = selectors.IdeaFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.IdeaFilters(**{**data, "sort": data["sort"] or "uusimmat"})
    page = window(
        selectors.ideas_for_list(viewer=request.user, filters=filters),
        request.GET.get("sivu"),
        per_page=IDEAS_PER_PAGE,
    )
    return render(
        request,
        "ideas/list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(vars(filters).values()) and request.GET,
            "can_create": permissions.can_create_idea(request.user),
            "show_people": permissions.is_member(request.user),
        },
    )


def detail(request, pk, slug=None):
    idea = selectors.idea_for_viewer(viewer=request.user, pk=pk)
    return _render_detail(request, idea)


def _render_detail(request, idea, **bound):
    viewer = request.user
    if idea.hidden_from(viewer):
        return render(request, "ideas/hidden.html", {"idea": idea})
    team_ids = {member.user_id for member in idea.team.all()}
    is_owner = permissions.is_owner(viewer, idea)
    show_people = permissions.can_see_people(viewer, idea)
    context = {
        "idea": idea,
        "show_people": show_people,
        "is_owner": is_owner,
        "is_team": permissions.is_team_member(viewer, idea, team_ids),
        "can_comment": permissions.can_comment(viewer, idea),
        "can_join": permissions.can_request_to_join(viewer, idea, team_ids),
        "can_show_interest": permissions.can_show_interest(viewer, idea),
        "can_post_update": permissions.can_post_update(viewer, idea, team_ids),
        "updates": list(idea.updates.select_related("author")[:10]),
        "comments": selectors.comments_of(idea) if show_people else [],
        "comment_form": bound.get("comment_form") or CommentForm(),
        "join_form": bound.get("join_form") or JoinRequestForm(),
        "update_form": bound.get("update_form") or UpdateForm(),
        "status_form": bound.get("status_form") or StatusForm(initial={"status": idea.status}),
        "reviews": selectors.reviews_of(idea),
        "can_ask_for_review": permissions.can_ask_for_review(viewer, idea),
        "can_review": permissions.can_review_idea(viewer, idea),
    }
    if is_owner:
        context["pending_requests"] = selectors.pending_requests(idea)
        team = [member.user for member in idea.team.all()]
        context["hand_over_form"] = bound.get("hand_over_form") or HandOverForm(team=team)
    status = 200 if not bound else 400
    return render(request, "ideas/detail.html", context, status=status)


def related(request, pk):
    """Members who know the needed skills, and similar ideas: a page of its own, which the
    idea page also loads into itself with htmx, keeping both within their query budget."""
    idea = selectors.idea_with_skills(viewer=request.user, pk=pk)
    show_people = permissions.can_see_people(request.user, idea)
    context = {
        "idea": idea,
        "people": (
            selectors.people_with_needed_skills(viewer=request.user, idea=idea)
            if show_people
            else []
        ),
        "similar": selectors.similar_ideas(viewer=request.user, idea=idea),
        "show_people": show_people,
    }
    template = "ideas/_related.html" if request.headers.get("HX-Request") else "ideas/related.html"
    return render(request, template, context)


def _idea_for_action(request, pk):
    return selectors.idea_for_viewer(viewer=request.user, pk=pk)


def _form_values(form):
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "category": data["category"],
        "municipality": data["municipality"],
        "online": data["online"],
        "visibility": data["visibility"],
        "skills": data["skills"],
        "skill_names": split_skill_names(data["other_skills"]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not permissions.can_create_idea(request.user):
        raise PermissionDenied
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(actor=request.user, **_form_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your idea has been published."))
            return redirect(idea)
    return render(request, "ideas/form.html", {"form": form, "editing": False})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied
    initial = {
        "title": idea.title,
        "description": idea.description,
        "category": idea.category,
        "municipality": idea.municipality,
        "online": idea.online,
        "visibility": idea.visibility,
        "skills": [skill for skill in idea.skills.all() if skill.is_curated],
        "other_skills": ", ".join(s.label for s in idea.skills.all() if not s.is_curated),
    }
    form = IdeaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(actor=request.user, idea=idea, **_form_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(idea)
    return render(request, "ideas/form.html", {"form": form, "editing": True, "idea": idea})


@login_required
@require_POST
def interest(request, pk):
    idea = _idea_for_action(request, pk)
    now_interested = services.interest_toggle(actor=request.user, idea=idea)
    messages.success(
        request,
        _("You told the team the idea interests you.")
        if now_interested
        else _("Interest removed."),
    )
    return redirect(idea)


@login_required
@require_POST
def follow(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.is_member(request.user):
        raise PermissionDenied
    now_following = services.follow_toggle(actor=request.user, idea=idea)
    messages.success(
        request,
        _("You now follow this idea.") if now_following else _("You no longer follow this idea."),
    )
    return redirect(idea)


@login_required
@require_POST
def comment(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.can_comment(request.user, idea):
        raise PermissionDenied
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("parent", "").isdigit():
        parent = IdeaComment.objects.filter(pk=request.POST["parent"], idea=idea).first()
    if form.is_valid():
        try:
            services.comment_create(
                actor=request.user, idea=idea, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{idea.get_absolute_url()}#kommentit")
    return _render_detail(request, idea, comment_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, comment_pk):
    comment = get_object_or_404(IdeaComment.objects.select_related("idea"), pk=comment_pk)
    idea = _idea_for_action(request, comment.idea_id)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        services.comment_update(actor=request.user, comment=comment, body=form.cleaned_data["body"])
        return redirect(f"{idea.get_absolute_url()}#kommentti-{comment.pk}")
    return render(request, "ideas/comment_edit.html", {"form": form, "idea": idea})


@login_required
@require_POST
def comment_delete(request, comment_pk):
    comment = get_object_or_404(IdeaComment.objects.select_related("idea"), pk=comment_pk)
    idea = _idea_for_action(request, comment.idea_id)
    services.comment_remove(actor=request.user, comment=comment)
    messages.success(request, _("Your comment was removed."))
    return redirect(f"{idea.get_absolute_url()}#kommentit")


@login_required
@require_POST
def join(request, pk):
    idea = _idea_for_action(request, pk)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                actor=request.user, idea=idea, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent to the owner of the idea."))
            return redirect(idea)
    return _render_detail(request, idea, join_form=form)


@login_required
@require_POST
def decide(request, request_pk):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("idea", "user"), pk=request_pk
    )
    idea = _idea_for_action(request, join_request.idea_id)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    try:
        services.join_request_decide(actor=request.user, join_request=join_request, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = join_request.user.display_name
        messages.success(
            request,
            (_("%(name)s is now in the team.") if accept else _("You declined %(name)s."))
            % {"name": name},
        )
    return redirect(idea)


@login_required
@require_POST
def change_status(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form_submit(form, services.idea_change_status, actor=request.user, idea=idea):
        messages.success(request, _("The status was changed and the followers told."))
        return redirect(idea)
    return _render_detail(request, idea, status_form=form)


@login_required
@require_POST
def post_update(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.can_post_update(request.user, idea):
        raise PermissionDenied
    form = UpdateForm(request.POST)
    if form_submit(form, services.idea_post_update, actor=request.user, idea=idea):
        messages.success(request, _("The news was posted."))
        return redirect(idea)
    return _render_detail(request, idea, update_form=form)


@login_required
@require_POST
def hand_over(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied
    form = HandOverForm(request.POST, team=[member.user for member in idea.team.all()])
    if form.is_valid():
        services.idea_hand_over(
            actor=request.user, idea=idea, new_owner=form.cleaned_data["new_owner"]
        )
        messages.success(request, _("The idea now has a new owner. You stay in the team."))
        return redirect(idea)
    return _render_detail(request, idea, hand_over_form=form)


@login_required
@require_POST
def archive(request, pk):
    idea = _idea_for_action(request, pk)
    services.idea_archive(actor=request.user, idea=idea)
    messages.success(request, _("The idea was archived. Only you can still open it."))
    return redirect("ideas:list")


@login_required
@require_POST
def ask_for_review(request, pk):
    """The owner asks mentors for feedback on the idea, or stops asking."""
    idea = _idea_for_action(request, pk)
    if not permissions.can_ask_for_review(request.user, idea):
        raise PermissionDenied
    asking = request.POST.get("ask") == "1"
    services.idea_review_ask(actor=request.user, idea=idea, asking=asking)
    if asking:
        messages.success(request, _("Mentors now see your idea and can review it."))
    else:
        messages.success(request, _("Mentors no longer see your idea in their queue."))
    return redirect(idea)


@login_required
def review_queue(request):
    """Ideas waiting for a mentor's review in the mentor's areas."""
    if not permissions.can_see_review_queue(request.user):
        raise PermissionDenied
    ideas = selectors.ideas_waiting_for_review(
        viewer=request.user, mentor_profile=mentor_profile_of(request.user)
    )
    page = window(ideas, request.GET.get("sivu"), per_page=24)
    return render(request, "ideas/review_queue.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    idea = _idea_for_action(request, pk)
    if not permissions.can_review_idea(request.user, idea):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_review_create(actor=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your review is shown on the idea."))
            return redirect(idea)
    return render(request, "ideas/review_form.html", {"idea": idea, "form": form})
