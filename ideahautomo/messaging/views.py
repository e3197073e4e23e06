"""Conversations, blocks, notifications and their e-mail choices. Reports go to the
moderation app's one queue (the conversation page links to its report form)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .forms import ConversationStartForm, MessageForm, NotificationSettingsForm
from .models import (
    CONVERSATION_MAX_PARTICIPANTS,
    DEFAULT_DELIVERY,
    MESSAGE_MAX_LENGTH,
    NotificationKind,
)
from .permissions import (
    can_block_and_report,
    can_see_person,
    can_use_messaging,
    can_view_conversation,
)

CONVERSATIONS_PER_PAGE = 20
NOTIFICATIONS_PER_PAGE = 30
POLL_SECONDS = 10


def _require_messaging(request):
    if not can_use_messaging(request.user):
        raise PermissionDenied


def _require_community(request):
    if not can_block_and_report(request.user):
        raise PermissionDenied


def _conversation_or_404(request, pk):
    """Anyone but a present participant, whatever their role, gets 404."""
    conversation = selectors.conversation_with_participants(pk)
    if not can_view_conversation(request.user, conversation):
        raise Http404
    return conversation


def _int_or_none(value):
    return int(value) if value and value.isdigit() and len(value) < 19 else None


# Conversations


@login_required
@require_GET
def conversation_list(request):
    _require_messaging(request)
    page = Paginator(
        selectors.conversations_for_list(viewer=request.user), CONVERSATIONS_PER_PAGE
    ).get_page(request.GET.get("sivu"))
    for conversation in page.object_list:
        read = conversation.viewer_last_read_at
        conversation.is_unread = read is None or conversation.last_message_at > read
    return render(
        request,
        "messaging/conversation_list.html",
        {"page": page, "on_staff": request.user.has_role(*selectors.STAFF_LINE_ROLES)},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = _conversation_or_404(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(
                actor=request.user, conversation=conversation, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            return redirect(reverse("messaging:conversation", args=[pk]) + "#viestikentta")
    before_id = _int_or_none(request.GET.get("ennen"))
    conversation_messages, has_earlier = selectors.messages_for_conversation(
        conversation=conversation, before_id=before_id
    )
    if before_id is None:
        services.conversation_mark_read(user=request.user, conversation=conversation)
    others = [p.user for p in conversation.active if p.user_id != request.user.pk]
    return render(
        request,
        "messaging/conversation_detail.html",
        {
            "conversation": conversation,
            "others": others,
            "blocked_ids": selectors.blocked_user_ids(request.user),
            "conversation_messages": conversation_messages,
            "has_earlier": has_earlier,
            "last_id": conversation_messages[-1].pk if conversation_messages else 0,
            "polling": before_id is None,
            "poll_seconds": POLL_SECONDS,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_GET
def conversation_poll(request, pk):
    """Only the messages after ?jalkeen=<id>, for the open page to add (htmx polling)."""
    conversation = _conversation_or_404(request, pk)
    after_id = _int_or_none(request.GET.get("jalkeen")) or 0
    new_messages = selectors.messages_after(conversation=conversation, after_id=after_id)
    if not new_messages:
        return HttpResponse(status=204)
    services.conversation_mark_read(user=request.user, conversation=conversation)
    return render(
        request,
        "messaging/conversation_poll.html",
        {
            "conversation": conversation,
            "conversation_messages": new_messages,
            "last_id": new_messages[-1].pk,
            "poll_seconds": POLL_SECONDS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_start(request):
    """Write to one or more people (?kenelle=<id>, repeated), as linked from a profile, an
    idea or a circle."""
    _require_messaging(request)
    ids = [_int_or_none(value) for value in request.GET.getlist("kenelle")]
    ids = list(dict.fromkeys(pk for pk in ids if pk is not None))[:CONVERSATION_MAX_PARTICIPANTS]
    people = selectors.people_for_viewer(viewer=request.user, ids=ids).order_by("display_name")
    # Whom the viewer may not see is left out exactly as an unknown id is.
    recipients = [person for person in people if can_see_person(request.user, person)]
    # A page may offer its subject and a text to start from ("share by message").
    initial = {
        "subject": request.GET.get("aihe", "")[:120],
        "body": request.GET.get("teksti", "")[:MESSAGE_MAX_LENGTH],
    }
    form = ConversationStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_start(
                actor=request.user,
                recipients=recipients,
                body=form.cleaned_data["body"],
                subject=form.cleaned_data["subject"],
            )
        except ValidationError as error:
            field = "body" if error.code in ("empty", "too_long") else None
            form.add_error(field, error)
        else:
            return redirect("messaging:conversation", conversation.pk)
    return render(
        request,
        "messaging/conversation_start.html",
        {"form": form, "recipients": recipients, "unknown": len(recipients) < len(ids)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def conversation_leave(request, pk):
    conversation = _conversation_or_404(request, pk)
    try:
        services.conversation_leave(actor=request.user, conversation=conversation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("messaging:conversation", pk)
    messages.success(request, _("You left the conversation."))
    return redirect("messaging:conversations")


@login_required
@require_GET
def staff_contacts(request):
    """Whom a client or a member of staff may write to along the staff line."""
    _require_messaging(request)
    contacts = list(selectors.staff_contacts_for(viewer=request.user))
    for person in contacts:
        person.staff_roles = [
            assignment
            for assignment in person.role_assignments.all()
            if assignment.role in selectors.STAFF_LINE_ROLES
        ]
    return render(
        request,
        "messaging/staff_contacts.html",
        {"contacts": contacts, "is_staff": request.user.has_role(*selectors.STAFF_LINE_ROLES)},
    )


# Blocks


def _person_or_404(request, user_id):
    """The person behind an id, if the viewer may see who they are; 404 as for an unknown
    id otherwise, so that no name is given away."""
    person = selectors.people_for_viewer(viewer=request.user, ids=[user_id]).first()
    if not can_see_person(request.user, person):
        raise Http404
    return person


@login_required
@require_GET
def block_list(request):
    _require_community(request)
    return render(
        request, "messaging/block_list.html", {"blocks": selectors.blocks_made_by(request.user)}
    )


@login_required
@require_POST
def block_create(request, user_id):
    _require_community(request)
    person = _person_or_404(request, user_id)
    try:
        services.block_create(actor=request.user, blocked=person)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("You blocked %(name)s. They can no longer message you.")
            % {"name": person.display_name},
        )
    return redirect("messaging:blocks")


@login_required
@require_POST
def block_remove(request, user_id):
    _require_community(request)
    block = selectors.blocks_made_by(request.user).filter(blocked_id=user_id).first()
    if block is None:  # nobody one has blocked: nothing to name
        raise Http404
    person = block.blocked
    services.block_remove(actor=request.user, blocked=person)
    messages.success(request, _("You unblocked %(name)s.") % {"name": person.display_name})
    return redirect("messaging:blocks")


# Notifications


@login_required
@require_GET
def notification_list(request):
    page = Paginator(
        selectors.notifications_for_list(viewer=request.user), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("sivu"))
    return render(request, "messaging/notification_list.html", {"page": page})


@login_required
@require_GET
def notification_open(request, pk):
    """Mark the notification read and go where it leads (a local path the service wrote)."""
    notification = get_object_or_404(selectors.notifications_for_list(viewer=request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    url = notification.url
    if not url or not url.startswith("/") or url.startswith("//"):
        url = reverse("messaging:notifications")
    return redirect(url)


@login_required
@require_POST
def notification_mark_read(request, pk):
    notification = get_object_or_404(selectors.notifications_for_list(viewer=request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect("messaging:notifications")


@login_required
@require_POST
def notifications_mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return redirect("messaging:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST or None, deliveries=selectors.notification_deliveries(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_update(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Your notification choices have been saved."))
        return redirect("messaging:notification_settings")
    return render(
        request,
        "messaging/notification_settings.html",
        {"form": form, "defaults": DEFAULT_DELIVERY},
    )


@csrf_exempt  # the signed token is the proof; mail programs post without a session (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click stop of one kind of e-mail, without signing in: GET asks, POST does it."""
    try:
        user, kind = services.unsubscribe_read(token)
    except signing.BadSignature:
        return render(request, "messaging/unsubscribe_invalid.html", status=400)
    kind_label = (
        NotificationKind(kind).label if kind in NotificationKind.values else _("daily summary")
    )
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        return render(request, "messaging/unsubscribe_done.html", {"kind_label": kind_label})
    return render(request, "messaging/unsubscribe.html", {"kind_label": kind_label})
