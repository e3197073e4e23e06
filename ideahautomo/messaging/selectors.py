"""Reads that messaging's pages need, each with its joins; and the blocks other features respect."""

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr

from ideahautomo.accounts.models import Role, RoleAssignment, User
from ideahautomo.profiles.connections import connection_sources
from ideahautomo.profiles.permissions import COMMUNITY_ROLES
from ideahautomo.profiles.selectors import visible_profiles

from .models import (
    DEFAULT_DELIVERY,
    Block,
    Conversation,
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
    Participant,
)

PREVIEW_LENGTH = 140
# Staff who talk with their clients and with each other (permissions.is_staff_line).
STAFF_LINE_ROLES = (Role.CONTACT_PERSON, Role.PROJECT_MANAGER)


def blocked_user_ids(user):
    """Ids of everyone user has blocked or been blocked by, in one query.

    Other features (people suggestions, the directory, search) exclude these so
    that neither side sees the other.
    """
    if user is None or not user.is_authenticated:
        return set()
    return blocked_user_ids_by_id(user.pk)


def blocked_user_ids_by_id(user_id):
    """blocked_user_ids for a user known only by id (for sources registered by id)."""
    pairs = Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id)).values_list(
        "blocker_id", "blocked_id"
    )
    return {blocked if blocker == user_id else blocker for blocker, blocked in pairs}


def is_blocked_between(first, second):
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def conversation_partner_ids(user):
    """Ids of the people in the conversations the user takes part in (as a subquery)."""
    return (
        Participant.objects.filter(
            conversation__participants__user=user,
            conversation__participants__left_at__isnull=True,
        )
        .exclude(user=user)
        .values("user_id")
    )


def people_to_share_with(*, viewer, limit=30):
    """The people the viewer has conversations with, may see and neither has blocked:
    whom a page's "share by message" offers. One query."""
    return (
        people_for_viewer(viewer=viewer, ids=conversation_partner_ids(viewer))
        .filter(seen_by_viewer=True)
        .exclude(pk__in=Block.objects.filter(blocker=viewer).values("blocked_id"))
        .exclude(pk__in=Block.objects.filter(blocked=viewer).values("blocker_id"))
        .order_by("display_name", "pk")[:limit]
    )


def staff_line_ids(viewer):
    """Ids of the people on the viewer's staff line (permissions.is_staff_line), as a
    subquery: for a client, the contact persons of their area; for a contact person, the
    clients of their area; for contact persons and the project manager, each other."""
    roles = viewer.roles
    line = Q(pk__in=[])
    if any(role in roles for role in STAFF_LINE_ROLES):
        line |= Q(role__in=STAFF_LINE_ROLES)
    contact = roles.get(Role.CONTACT_PERSON)
    if contact is not None and contact.area_id is not None:
        line |= Q(role=Role.MEMBER, user__area_id=contact.area_id)
    if Role.MEMBER in roles and viewer.area_id is not None:
        line |= Q(role=Role.CONTACT_PERSON, area_id=viewer.area_id)
    return (
        RoleAssignment.objects.filter(line, user__is_active=True)
        .exclude(user_id=viewer.pk)
        .values("user_id")
    )


def staff_contacts_for(*, viewer):
    """The staff the viewer may write to along the staff line, by name: a client's own
    contact persons; for staff, every contact person and the project manager. One query."""
    staff = RoleAssignment.objects.filter(role__in=STAFF_LINE_ROLES).values("user_id")
    return (
        User.objects.filter(pk__in=staff_line_ids(viewer), is_active=True)
        .filter(pk__in=staff)
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("area"),
            )
        )
        .order_by("display_name", "pk")
    )


def people_for_viewer(*, viewer, ids):
    """The active members, mentors and partners among ids, and the people on the viewer's
    staff line, each with two flags read in the same query: seen_by_viewer
    (permissions.can_see_person's rule) and met_by_viewer (they share a conversation, a
    circle or an idea team). Other staff and closed accounts are left out, as unknown
    ids are."""
    partners = conversation_partner_ids(viewer)
    line = staff_line_ids(viewer)
    seen = (
        Q(pk=viewer.pk)
        | Q(pk__in=partners)
        | Q(pk__in=line)
        | Q(pk__in=visible_profiles(viewer=viewer).values("pk"))
    )
    met = Q(pk__in=partners)
    for source in connection_sources():
        met |= Q(pk__in=source(viewer.pk))
    community = RoleAssignment.objects.filter(user=OuterRef("pk"), role__in=COMMUNITY_ROLES)
    return (
        User.objects.filter(Exists(community) | Q(pk__in=line), pk__in=ids, is_active=True)
        .annotate(
            seen_by_viewer=ExpressionWrapper(seen, output_field=BooleanField()),
            met_by_viewer=ExpressionWrapper(met, output_field=BooleanField()),
        )
        .prefetch_related("role_assignments")
    )


def blocks_made_by(user):
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at")


def unread_counts(user):
    """(conversations with unread messages, unread notifications) for the header, in one query."""
    unread_conversations = (
        Participant.objects.filter(user=OuterRef("pk"), left_at__isnull=True)
        .filter(
            Q(last_read_at__isnull=True) | Q(conversation__last_message_at__gt=F("last_read_at"))
        )
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    unread_notifications = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            unread_conversations=Coalesce(
                Subquery(unread_conversations, output_field=IntegerField()), Value(0)
            ),
            unread_notifications=Coalesce(
                Subquery(unread_notifications, output_field=IntegerField()), Value(0)
            ),
        )
        .values_list("unread_conversations", "unread_notifications")
        .first()
    )
    return row or (0, 0)


def conversations_for_list(*, viewer):
    """The viewer's conversations, newest first, with the other people and a preview.

    The other participants come in one prefetch query whatever the page size.
    """
    last_message = Message.objects.filter(conversation=OuterRef("pk")).order_by("-id")
    mine = Participant.objects.filter(
        conversation=OuterRef("pk"), user=viewer, left_at__isnull=True
    )
    return (
        Conversation.objects.filter(Exists(mine))
        .annotate(
            viewer_last_read_at=Subquery(mine.values("last_read_at")[:1]),
            last_message_body=Substr(Subquery(last_message.values("body")[:1]), 1, PREVIEW_LENGTH),
            last_message_sender_id=Subquery(last_message.values("sender_id")[:1]),
            last_message_hidden_at=Subquery(last_message.values("hidden_at")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(left_at__isnull=True)
                .exclude(user=viewer)
                .select_related("user")
                .order_by("user__display_name"),
                to_attr="others",
            )
        )
        .order_by("-last_message_at", "-id")
    )


def conversation_with_participants(pk):
    """The conversation with its present participants (as .active), or None.

    Who may open it is permissions.can_view_conversation's rule.
    """
    return (
        Conversation.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(left_at__isnull=True)
                .select_related("user")
                .order_by("user__display_name"),
                to_attr="active",
            )
        )
        .first()
    )


def messages_for_conversation(*, conversation, before_id=None, limit=50):
    """(up to limit messages in time order, whether earlier ones exist): the latest ones,
    or those just before the message before_id."""
    messages = Message.objects.filter(conversation=conversation).select_related("sender")
    if before_id is not None:
        messages = messages.filter(id__lt=before_id)
    latest = list(messages.order_by("-id")[: limit + 1])
    return list(reversed(latest[:limit])), len(latest) > limit


def messages_after(*, conversation, after_id, limit=50):
    """Messages newer than after_id, oldest first: what a polling page has not shown yet."""
    return list(
        Message.objects.filter(conversation=conversation, id__gt=after_id)
        .select_related("sender")
        .order_by("id")[:limit]
    )


def message_for_reporter(*, viewer, pk):
    """A message the viewer can see (in a conversation they take part in), or None."""
    return (
        Message.objects.filter(
            pk=pk,
            conversation__participants__user=viewer,
            conversation__participants__left_at__isnull=True,
        )
        .select_related("sender")
        .first()
    )


def notifications_for_list(*, viewer):
    return Notification.objects.filter(recipient=viewer).select_related("actor")


def notification_deliveries(user):
    """{kind: delivery} for every kind, the person's choice or the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in NotificationKind.values}


def deliveries_of(user_ids, kind):
    """{user id: delivery} of one kind for many people, in one query."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {user_id: chosen.get(user_id, DEFAULT_DELIVERY[kind]) for user_id in user_ids}


def delivery_for(user, kind):
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or DEFAULT_DELIVERY[kind]
