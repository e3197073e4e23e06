"""Story pages: the public list, story pages and booklet, writing, consent and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.accounts.models import User, UserManager
from ideahautomo.lib.forms import add_service_errors

from . import permissions, selectors, services
from .forms import ConsentForm, DraftEditForm, DraftStoryForm, OwnStoryForm

STORIES_PER_PAGE = 20


def story_list(request):
    page = Paginator(selectors.published_stories(), STORIES_PER_PAGE).get_page(
        request.GET.get("sivu")
    )
    page.object_list = selectors.with_source_links(viewer=request.user, stories=page.object_list)
    return render(
        request,
        "stories/story_list.html",
        {
            "page": page,
            "can_write": permissions.can_write_own_story(request.user),
            "can_draft": permissions.can_draft_stories(request.user),
            "can_see_queue": permissions.can_see_publishing_queue(request.user),
        },
    )


def booklet(request):
    """Every published story on one page, printable as a booklet."""
    stories = selectors.with_source_links(
        viewer=request.user, stories=selectors.published_stories()
    )
    return render(request, "stories/booklet.html", {"stories": stories})


def story_detail(request, pk):
    story = selectors.story_for_page(viewer=request.user, pk=pk)
    user = request.user
    if story.hidden_from(user) and not permissions.is_person(user, story):
        return render(request, "stories/story_hidden.html", {"story": story})
    return render(
        request,
        "stories/story_detail.html",
        {
            "story": story,
            "is_person": permissions.is_person(user, story),
            "can_edit": permissions.can_edit_story(user, story),
            "can_answer": permissions.can_answer_consent(user, story),
            "can_publish": permissions.can_publish_story(user, story),
            "can_withdraw": permissions.can_withdraw_consent(user, story),
        },
    )


@login_required
def my_stories(request):
    return render(
        request,
        "stories/my_stories.html",
        {
            "stories": selectors.stories_of(request.user),
            "can_write": permissions.can_write_own_story(request.user),
        },
    )


def _submitted(request):
    return request.POST.get("action") == "submit"


@login_required
@require_http_methods(["GET", "POST"])
def story_write(request):
    """A member writes their own story and consents to it by sending it."""
    if not permissions.can_write_own_story(request.user):
        raise PermissionDenied
    form = OwnStoryForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_create(
                actor=request.user,
                person=request.user,
                submit=_submitted(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _success_message(story))
            return redirect(story)
    return _form_page(request, form, title=_("Write your story"))


@login_required
@require_http_methods(["GET", "POST"])
def story_draft(request):
    """A contact person or the project manager drafts a story about a client."""
    if not permissions.can_draft_stories(request.user):
        raise PermissionDenied
    form = DraftStoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        email = UserManager.normalize_email(data.pop("person_email").strip())
        person = User.objects.filter(email__iexact=email).first()
        try:
            story = services.story_create(
                actor=request.user, person=person, submit=_submitted(request), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _success_message(story))
            return redirect(story)
    return _form_page(request, form, title=_("Write a story about a client"), staff=True)


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = selectors.story_for_page(viewer=request.user, pk=pk)
    if not permissions.can_edit_story(request.user, story):
        raise Http404
    own = story.person_id == request.user.pk
    form_class = OwnStoryForm if own else DraftEditForm
    initial = {
        "title": story.title,
        "body": story.body,
        "language": story.language,
        "shown_as": story.shown_as,
        "pseudonym": story.pseudonym,
        "source_address": story.source_link.url if story.source_link else "",
    }
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_update(
                actor=request.user, story=story, submit=_submitted(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _success_message(story))
            return redirect(story)
    return _form_page(request, form, title=_("Edit the story"), story=story, staff=not own)


def _form_page(request, form, *, title, story=None, staff=False):
    return render(
        request,
        "stories/story_form.html",
        {"form": form, "page_title": title, "story": story, "staff": staff},
        status=400 if form.errors else 200,
    )


def _success_message(story):
    return {
        story.Status.DRAFT: _("The story was saved as a draft. Nobody else sees it yet."),
        story.Status.WAITING: _("The story was sent to the person for consent."),
        story.Status.CONSENTED: _(
            "Thank you! The story waits for the project manager to publish it."
        ),
    }.get(story.status, _("The story was saved."))


@login_required
@require_http_methods(["GET", "POST"])
def story_consent(request, pk):
    """The person reads the exact text, chooses how they are shown and consents or declines."""
    story = selectors.story_for_page(viewer=request.user, pk=pk)
    if not permissions.can_answer_consent(request.user, story):
        raise Http404
    form = ConsentForm(
        request.POST or None,
        initial={"text_hash": story.text_hash, "shown_as": "pseudonym"},
    )
    if request.method == "POST" and request.POST.get("action") == "decline":
        try:
            services.story_consent_decline(actor=request.user, story=story)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("You declined. The story will not be published."))
        return redirect("stories:mine")
    if request.method == "POST" and form.is_valid():
        try:
            services.story_consent_give(actor=request.user, story=story, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            if getattr(error, "code", None) == "text_changed":
                story = selectors.story_for_page(viewer=request.user, pk=pk)
                form.data = form.data.copy()
                form.data["text_hash"] = story.text_hash
        else:
            messages.success(
                request,
                _("Thank you for your consent. The project manager can now publish the story."),
            )
            return redirect(story)
    return render(
        request,
        "stories/story_consent.html",
        {"story": story, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def story_publish(request, pk):
    story = selectors.story_for_page(viewer=request.user, pk=pk)
    if not permissions.is_project_manager(request.user):
        raise Http404
    try:
        services.story_publish(actor=request.user, story=story)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The story was published."))
    return redirect(story)


@login_required
@require_http_methods(["GET", "POST"])
def story_withdraw(request, pk):
    """The person withdraws their consent, after confirming it on this page."""
    story = selectors.story_for_page(viewer=request.user, pk=pk)
    if not permissions.can_withdraw_consent(request.user, story):
        raise Http404
    if request.method == "POST":
        try:
            services.story_consent_withdraw(actor=request.user, story=story)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("You withdrew your consent. The story is no longer published anywhere."),
            )
        return redirect("stories:mine")
    return render(request, "stories/story_withdraw.html", {"story": story})


@login_required
def publishing_queue(request):
    if not permissions.can_see_publishing_queue(request.user):
        raise PermissionDenied
    return render(
        request,
        "stories/publishing_queue.html",
        {"stories": selectors.stories_waiting_for_publishing()},
    )
