"""A circle's discussion: reading it on the circle page, writing, replying, editing, removing.

Private circles answer 404 to everyone outside them; in other circles the discussion is
for active members only and others are asked to join.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors

from . import discussion_services, permissions, selectors
from .forms import PostForm

THREADS_PER_PAGE = 10


def discussion_context(request, circle):
    """What the circle page needs to show its discussion (or the invitation to join)."""
    can_read = permissions.can_read_discussion(request.user, circle)
    return {
        "can_read_discussion": can_read,
        "threads": (
            selectors.discussion_page(circle, request.GET.get("sivu"), per_page=THREADS_PER_PAGE)
            if can_read
            else None
        ),
        "post_form": PostForm() if can_read else None,
    }


def _circle_for_writing(request, pk):
    """The circle if the signed-in viewer may write in its discussion: 404 when they may
    not see the circle, sign-in for guests, 403 for everyone else outside it."""
    circle = selectors.circle_for_viewer(viewer=request.user, pk=pk)
    if request.user.is_authenticated and not permissions.can_post(request.user, circle):
        raise PermissionDenied
    return circle


def _to_post(post):
    return redirect(f"{post.circle.get_absolute_url()}#viesti-{post.parent_id or post.pk}")


def _write(request, circle, *, parent=None, post=None):
    initial = {}
    if post is not None:
        initial = {"body": post.body, "link": post.link, "link_title": post.link_title}
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if post is not None:
                saved = discussion_services.post_update(
                    actor=request.user, post=post, **form.cleaned_data
                )
            else:
                saved = discussion_services.post_create(
                    actor=request.user, circle=circle, parent=parent, **form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your message was saved."))
            saved.circle = circle
            return _to_post(saved)
    return render(
        request,
        "circles/post_form.html",
        {"circle": circle, "form": form, "parent": parent, "post": post},
    )


@require_http_methods(["GET", "POST"])
def post_create(request, pk):
    circle = _circle_for_writing(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _write(request, circle)


@require_http_methods(["GET", "POST"])
def post_reply(request, pk, post_pk):
    circle = _circle_for_writing(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    parent = selectors.post_of(circle, post_pk)
    return _write(request, circle, parent=parent.parent or parent)


@require_http_methods(["GET", "POST"])
def post_edit(request, pk, post_pk):
    circle = _circle_for_writing(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = selectors.post_of(circle, post_pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    return _write(request, circle, post=post)


@require_POST
def post_remove(request, pk, post_pk):
    circle = _circle_for_writing(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = selectors.post_of(circle, post_pk)
    discussion_services.post_remove(actor=request.user, post=post)
    messages.success(request, _("The message was removed."))
    return redirect(f"{circle.get_absolute_url()}#keskustelu")
